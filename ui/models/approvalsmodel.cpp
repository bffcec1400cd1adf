#include "approvalsmodel.h"

#include "domain/cancelreason.h"
#include "domain/provider.h"
#include "format.h"
#include "services/exporter.h"

#include <QColor>
#include <QTimeZone>

namespace CancelDesk::Ui {

using Storage::CancelAttempt;

ApprovalsModel::ApprovalsModel(const Storage::CancelJournal &journal, Services::Clock clock,
                               QObject *parent)
    : QAbstractTableModel(parent)
    , m_journal(journal)
    , m_clock(std::move(clock))
{}

ApprovalsModel::~ApprovalsModel() = default;

void ApprovalsModel::reload()
{
    QString error;
    QList<CancelAttempt> rows = m_journal.approvalQueue(&error);
    beginResetModel();
    m_rows = std::move(rows);
    m_error = error;
    endResetModel();
    Q_EMIT reloaded();
}

void ApprovalsModel::tick()
{
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, TimeLeftColumn), index(int(m_rows.size()) - 1, TimeLeftColumn),
                       {Qt::DisplayRole, Qt::ForegroundRole, Qt::ToolTipRole, LapsedRole});
}

void ApprovalsModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int ApprovalsModel::rowOf(qint64 attemptId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == attemptId)
            return row;
    }
    return -1;
}

bool ApprovalsModel::isLapsed(const CancelAttempt &attempt) const
{
    return attempt.approvalDeadline.isValid() && m_clock() >= attempt.approvalDeadline;
}

QString ApprovalsModel::timeLeftText(const CancelAttempt &attempt, const QDateTime &nowUtc)
{
    if (!attempt.approvalDeadline.isValid())
        return QStringLiteral("—");
    if (nowUtc >= attempt.approvalDeadline)
        return tr("lapsed");
    return countdown(attempt.approvalDeadline, QTimeZone(), nowUtc).text;
}

int ApprovalsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApprovalsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApprovalsModel::displayData(const CancelAttempt &a, int column) const
{
    switch (column) {
    case RequestedColumn:
        return formatLocalTime(a.requestedAt);
    case ProviderColumn:
        return Domain::providerDisplayName(a.provider);
    case PaymentIdColumn:
        return a.paymentId;
    case AmountColumn:
        return formatMoney(a.amount);
    case RequesterColumn:
        return a.operatorName;
    case ReasonColumn:
        return Services::loggedReasonLabel(a.reason);
    case TimeLeftColumn:
        return timeLeftText(a, m_clock());
    case AttemptIdColumn:
        return a.id;
    default:
        break;
    }
    return {};
}

QVariant ApprovalsModel::sortData(const CancelAttempt &a, int column) const
{
    switch (column) {
    case RequestedColumn:
        return a.requestedAt.toMSecsSinceEpoch();
    case ProviderColumn:
        return Domain::providerKey(a.provider);
    case PaymentIdColumn:
        return a.paymentId;
    case AmountColumn:
        return a.amount.minor;
    case RequesterColumn:
        return a.operatorName;
    case ReasonColumn:
        return Domain::cancelReasonKey(a.reason);
    case TimeLeftColumn:
        return a.approvalDeadline.isValid() ? QVariant(a.approvalDeadline.toMSecsSinceEpoch())
                                            : QVariant();
    case AttemptIdColumn:
        return a.id;
    default:
        break;
    }
    return {};
}

QVariant ApprovalsModel::data(const QModelIndex &index, int role) const
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
    case LapsedRole:
        return isLapsed(a);
    case Qt::ForegroundRole:
        if (column == TimeLeftColumn && a.approvalDeadline.isValid())
            return countdownColor(
                isLapsed(a) ? Countdown::Level::Closed
                            : countdown(a.approvalDeadline, QTimeZone(), m_clock()).level);
        break;
    case Qt::ToolTipRole:
        if (column == TimeLeftColumn && a.approvalDeadline.isValid())
            return tr("The request lapses at %1 (your time).")
                .arg(formatLocalTime(a.approvalDeadline));
        if (column == ReasonColumn && !a.note.isEmpty())
            return a.note;
        if (column == AmountColumn)
            return formatMoneyWithCode(a.amount);
        break;
    case Qt::TextAlignmentRole:
        if (column == AmountColumn || column == AttemptIdColumn || column == TimeLeftColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant ApprovalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RequestedColumn:
        return tr("Requested");
    case ProviderColumn:
        return tr("Provider");
    case PaymentIdColumn:
        return tr("Payment ID");
    case AmountColumn:
        return tr("Amount");
    case RequesterColumn:
        return tr("Requester");
    case ReasonColumn:
        return tr("Cancel reason");
    case TimeLeftColumn:
        return tr("Time left to approve");
    case AttemptIdColumn:
        return tr("Attempt");
    default:
        break;
    }
    return {};
}

} // namespace CancelDesk::Ui
