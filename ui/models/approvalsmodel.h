#pragma once

#include "services/workflowsettings.h"
#include "storage/canceljournal.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace CancelDesk::Ui {

// The approvals queue of four eyes (PRODUCT.md F23): one row per cancel
// waiting for a second person (CancelJournal::approvalQueue(), oldest
// deadline first), with the time left until its request lapses. reload()
// reads the journal; tick(), which its view calls every second, only repaints
// the countdown column (a dataChanged over that column, never a read).
class ApprovalsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApprovalsModel)

public:
    enum Column {
        RequestedColumn,
        ProviderColumn,
        PaymentIdColumn,
        AmountColumn,
        RequesterColumn,
        ReasonColumn,
        TimeLeftColumn,
        AttemptIdColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // the raw value: msecs since epoch, keys, minor units, ids
        AttemptIdRole,
        LapsedRole, // bool: the approval deadline has passed
    };

    ApprovalsModel(const Storage::CancelJournal &journal, Services::Clock clock,
                   QObject *parent = nullptr);
    ~ApprovalsModel() override;

    // Reads the queue again (a reset; views restore their selection by
    // AttemptIdRole). Emits reloaded().
    void reload();
    // The countdown column at the clock's time: dataChanged on that column.
    void tick();
    // Header and cell texts after a language change.
    void retranslate();

    // The translated reason the last read failed; empty when it worked.
    QString errorString() const { return m_error; }
    const Storage::CancelAttempt &attemptAt(int row) const { return m_rows.at(row); }
    // The row of an attempt, or -1.
    int rowOf(qint64 attemptId) const;
    // Whether the request's approval deadline has passed on the model's clock.
    bool isLapsed(const Storage::CancelAttempt &attempt) const;

    // "lapsed", or the time left until the request lapses ("3 h 05 min").
    static QString timeLeftText(const Storage::CancelAttempt &attempt, const QDateTime &nowUtc);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void reloaded();

private:
    QVariant displayData(const Storage::CancelAttempt &a, int column) const;
    QVariant sortData(const Storage::CancelAttempt &a, int column) const;

    const Storage::CancelJournal &m_journal;
    Services::Clock m_clock;
    QList<Storage::CancelAttempt> m_rows;
    QString m_error;
};

} // namespace CancelDesk::Ui
