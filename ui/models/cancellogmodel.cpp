#include "cancellogmodel.h"

#include "domain/cancelreason.h"
#include "domain/provider.h"
#include "format.h"
#include "services/exporter.h"

#include <QColor>

#include <algorithm>

namespace CancelDesk::Ui {

using Storage::AttemptState;
using Storage::CancelAttempt;

CancelLogModel::CancelLogModel(const Storage::CancelJournal &journal, QObject *parent)
    : QAbstractTableModel(parent)
    , m_journal(journal)
{}

CancelLogModel::~CancelLogModel() = default;

void CancelLogModel::setFilter(const Storage::AttemptFilter &filter)
{
    m_filter = filter;
    reload();
}

void CancelLogModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_error.clear();
    m_total = m_journal.count(m_filter);
    m_exhausted = m_total == 0;
    if (m_total < 0) {
        m_error = tr("The cancel log cannot be read.");
        m_exhausted = true;
    }
    // The first batch comes with the reset, whether or not a view asks for it.
    if (!m_exhausted)
        m_rows = readBatch();
    m_busy = true;
    endResetModel();
    m_busy = false;
}

QList<CancelAttempt> CancelLogModel::readBatch()
{
    // forEach streams in id order; each batch starts after the last id
    // loaded, so it reads only its own rows.
    const qsizetype batch = std::clamp<qsizetype>(m_rows.size(), kBatch, kMaxBatch);
    Storage::AttemptFilter page = m_filter;
    page.afterId = m_rows.isEmpty() ? 0 : m_rows.constLast().id;
    QList<CancelAttempt> fetched;
    fetched.reserve(batch);
    QString error;
    const bool read = m_journal.forEach(
        page,
        [&fetched, batch](const CancelAttempt &a) {
            fetched.append(a);
            return fetched.size() < batch;
        },
        &error);
    if (!read) {
        m_error = error.isEmpty() ? tr("The cancel log cannot be read.") : error;
        m_exhausted = true;
        return {};
    }
    if (fetched.size() < batch)
        m_exhausted = true;
    return fetched;
}

void CancelLogModel::retranslate()
{
    if (!m_error.isEmpty())
        m_error = tr("The cancel log cannot be read.");
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ToolTipRole});
}

int CancelLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CancelLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool CancelLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_busy;
}

void CancelLogModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_exhausted || m_busy)
        return;
    const QList<CancelAttempt> fetched = readBatch();
    if (fetched.isEmpty())
        return;
    const int first = int(m_rows.size());
    m_busy = true;
    beginInsertRows({}, first, first + int(fetched.size()) - 1);
    m_rows.append(fetched);
    endInsertRows();
    m_busy = false;
}

QColor CancelLogModel::outcomeColor(AttemptState state)
{
    switch (state) {
    case AttemptState::Succeeded:
        return QColor(0x1b, 0x7f, 0x3b); // green
    case AttemptState::Rejected:
        return QColor(0xb3, 0x26, 0x1e); // red
    case AttemptState::Unresolved:
        return QColor(0xa3, 0x5a, 0x00); // amber, dark enough to read
    case AttemptState::Declined:
    case AttemptState::Expired:
        return QColor(0x5f, 0x63, 0x68); // grey: never sent, over
    case AttemptState::AwaitingApproval:
    case AttemptState::Prepared:
    case AttemptState::Sent:
    case AttemptState::Confirming:
        break;
    }
    return QColor(0x1f, 0x5f, 0xae); // blue: still active
}

bool CancelLogModel::wasNeverSent(const CancelAttempt &attempt)
{
    // The codes CancelService writes when it refuses before any request.
    return attempt.state == AttemptState::Rejected && attempt.providerCode.startsWith(u"LOCAL_");
}

QString CancelLogModel::outcomeText(const CancelAttempt &attempt)
{
    if (wasNeverSent(attempt))
        return tr("Not sent");
    return Storage::attemptStateLabel(attempt.state);
}

QString CancelLogModel::outcomeToolTip(const CancelAttempt &attempt)
{
    if (wasNeverSent(attempt))
        return tr("Refused by CancelDesk before anything left this computer: %1 never received "
                  "this cancel, so it did not reject it. The payment is as it was.")
            .arg(Domain::providerDisplayName(attempt.provider));
    return {};
}

QVariant CancelLogModel::displayData(const CancelAttempt &a, int column) const
{
    switch (column) {
    case AttemptIdColumn:
        return a.id;
    case RequestedColumn:
        return formatLocalTime(a.requestedAt);
    case ProviderColumn:
        return Domain::providerDisplayName(a.provider);
    case PaymentIdColumn:
        return a.paymentId;
    case MerchantReferenceColumn:
        return a.merchantReference;
    case AmountColumn:
        return formatMoney(a.amount);
    case ReasonColumn:
        return Services::loggedReasonLabel(a.reason);
    case NoteColumn:
        // One line in the table; the details below it show the note whole.
        return QString(a.note).replace(u'\n', u' ');
    case OperatorColumn:
        return a.operatorName;
    case OutcomeColumn:
        return outcomeText(a);
    case ProviderCodeColumn:
        return a.providerCode;
    case MessageColumn:
        return a.providerMessage;
    case TriesColumn:
        return a.tries;
    case FinishedColumn:
        return formatLocalTime(a.finishedAt);
    default:
        break;
    }
    return {};
}

QVariant CancelLogModel::sortData(const CancelAttempt &a, int column) const
{
    switch (column) {
    case AttemptIdColumn:
        return a.id;
    case RequestedColumn:
        return a.requestedAt.toMSecsSinceEpoch();
    case ProviderColumn:
        return Domain::providerKey(a.provider);
    case PaymentIdColumn:
        return a.paymentId;
    case MerchantReferenceColumn:
        return a.merchantReference;
    case AmountColumn:
        return a.amount.minor;
    case ReasonColumn:
        return Domain::cancelReasonKey(a.reason);
    case NoteColumn:
        return a.note;
    case OperatorColumn:
        return a.operatorName;
    case OutcomeColumn:
        return int(a.state);
    case ProviderCodeColumn:
        return a.providerCode;
    case MessageColumn:
        return a.providerMessage;
    case TriesColumn:
        return a.tries;
    case FinishedColumn:
        return a.finishedAt.isValid() ? QVariant(a.finishedAt.toMSecsSinceEpoch()) : QVariant();
    default:
        break;
    }
    return {};
}

QVariant CancelLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CancelAttempt &a = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(a, column);
    case SortRole:
        return sortData(a, column);
    case AttemptIdRole:
        return a.id;
    case StateRole:
        return int(a.state);
    case Qt::ForegroundRole:
        if (column == OutcomeColumn)
            return wasNeverSent(a) ? QColor(0x5f, 0x63, 0x68) : outcomeColor(a.state);
        break;
    case Qt::ToolTipRole:
        if (column == MessageColumn && !a.providerMessage.isEmpty())
            return a.providerMessage;
        if ((column == ReasonColumn || column == NoteColumn) && !a.note.isEmpty())
            return a.note;
        if (column == OutcomeColumn && wasNeverSent(a))
            return outcomeToolTip(a);
        break;
    case Qt::TextAlignmentRole:
        if (column == AttemptIdColumn || column == AmountColumn || column == TriesColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant CancelLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AttemptIdColumn:
        return tr("Attempt");
    case RequestedColumn:
        return tr("Requested");
    case ProviderColumn:
        return tr("Provider");
    case PaymentIdColumn:
        return tr("Payment ID");
    case MerchantReferenceColumn:
        return tr("Merchant reference");
    case AmountColumn:
        return tr("Amount");
    case ReasonColumn:
        return tr("Cancel reason");
    case NoteColumn:
        return tr("Note");
    case OperatorColumn:
        return tr("Operator");
    case OutcomeColumn:
        return tr("Outcome");
    case ProviderCodeColumn:
        return tr("Provider code");
    case MessageColumn:
        return tr("Message");
    case TriesColumn:
        return tr("Tries");
    case FinishedColumn:
        return tr("Finished");
    default:
        break;
    }
    return {};
}

} // namespace CancelDesk::Ui
