#include "cancelreason.h"

#include <QCoreApplication>

#include <array>

namespace CancelDesk::Domain {
namespace {

struct ReasonInfo
{
    CancelReason reason;
    const char16_t *key;
    const char *label;
};

constexpr std::array<ReasonInfo, 5> kReasons{{
    {CancelReason::RequestedByCustomer, u"requested_by_customer",
     QT_TRANSLATE_NOOP("CancelReason", "Requested by customer")},
    {CancelReason::Duplicate, u"duplicate", QT_TRANSLATE_NOOP("CancelReason", "Duplicate payment")},
    {CancelReason::Fraudulent, u"fraudulent", QT_TRANSLATE_NOOP("CancelReason", "Fraudulent")},
    {CancelReason::Abandoned, u"abandoned", QT_TRANSLATE_NOOP("CancelReason", "Abandoned")},
    {CancelReason::Other, u"other", QT_TRANSLATE_NOOP("CancelReason", "Other (note required)")},
}};

// Longer notes are refused rather than cut: an audit note must be kept whole.
constexpr qsizetype kMaxNoteLength = 500;

} // namespace

QList<CancelReason> allCancelReasons()
{
    QList<CancelReason> reasons;
    for (const ReasonInfo &r : kReasons)
        reasons.append(r.reason);
    return reasons;
}

QString cancelReasonKey(CancelReason reason)
{
    for (const ReasonInfo &r : kReasons) {
        if (r.reason == reason)
            return QString::fromUtf16(r.key);
    }
    Q_UNREACHABLE();
    return QString();
}

std::optional<CancelReason> cancelReasonFromKey(QStringView key)
{
    for (const ReasonInfo &r : kReasons) {
        if (key == QStringView(r.key))
            return r.reason;
    }
    return std::nullopt;
}

QString cancelReasonLabel(CancelReason reason)
{
    for (const ReasonInfo &r : kReasons) {
        if (r.reason == reason)
            return QCoreApplication::translate("CancelReason", r.label);
    }
    Q_UNREACHABLE();
    return QString();
}

bool cancelReasonRequiresNote(CancelReason reason)
{
    return reason == CancelReason::Other;
}

QString validateCancelReason(CancelReason reason, QStringView note)
{
    if (cancelReasonRequiresNote(reason) && note.trimmed().isEmpty())
        return QCoreApplication::translate("CancelReason",
                                           "A note is required when the reason is Other.");
    if (note.size() > kMaxNoteLength)
        return QCoreApplication::translate("CancelReason", "The note is longer than %1 characters.")
            .arg(kMaxNoteLength);
    return {};
}

} // namespace CancelDesk::Domain
