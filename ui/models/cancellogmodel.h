#pragma once

#include "storage/canceljournal.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QString>

namespace CancelDesk::Ui {

// The cancel log (PRODUCT.md F14): one row per cancel attempt matching a
// filter, in attempt id order. Rows are loaded in batches through
// canFetchMore()/fetchMore() (streamed with CancelJournal::forEach and a stop),
// so a large journal is never read at once on the GUI thread.
class CancelLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelLogModel)

public:
    enum Column {
        AttemptIdColumn,
        RequestedColumn,
        ProviderColumn,
        PaymentIdColumn,
        MerchantReferenceColumn,
        AmountColumn,
        ReasonColumn,
        OperatorColumn,
        OutcomeColumn,
        ProviderCodeColumn,
        MessageColumn,
        TriesColumn,
        FinishedColumn,
        NoteColumn, // last: it takes the room that is left
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // the raw value: ids, msecs since epoch, keys, minor units
        AttemptIdRole,
        StateRole, // int(Storage::AttemptState)
    };

    // The first batch; later ones grow with the rows already shown (up to
    // kMaxBatch) so that paging to the end stays linear overall.
    static constexpr int kBatch = 500;
    static constexpr int kMaxBatch = 10000;

    explicit CancelLogModel(const Storage::CancelJournal &journal, QObject *parent = nullptr);
    ~CancelLogModel() override;

    // Replaces the filter and reloads (the first batch).
    void setFilter(const Storage::AttemptFilter &filter);
    const Storage::AttemptFilter &filter() const { return m_filter; }
    // Reads the journal again from the start with the same filter.
    void reload();
    // Header and label texts after a language change.
    void retranslate();

    // How many attempts match the filter (rows not loaded yet included);
    // -1 when the journal cannot be read.
    qint64 totalCount() const { return m_total; }
    // The translated reason the last read failed; empty when it worked.
    QString errorString() const { return m_error; }
    const Storage::CancelAttempt &attemptAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static QColor outcomeColor(Storage::AttemptState state);
    // A REJECTED attempt refused by CancelDesk itself (provider code LOCAL_…:
    // not configured, stopped before sending): nothing reached the provider.
    static bool wasNeverSent(const Storage::CancelAttempt &attempt);
    // The outcome as the log shows it: "Not sent" for such an attempt, else the
    // state's label. (Exports keep the contract value REJECTED.)
    static QString outcomeText(const Storage::CancelAttempt &attempt);
    static QString outcomeToolTip(const Storage::CancelAttempt &attempt);

private:
    // The next batch after the rows loaded; sets m_exhausted and m_error.
    QList<Storage::CancelAttempt> readBatch();
    QVariant displayData(const Storage::CancelAttempt &a, int column) const;
    QVariant sortData(const Storage::CancelAttempt &a, int column) const;

    const Storage::CancelJournal &m_journal;
    Storage::AttemptFilter m_filter;
    QList<Storage::CancelAttempt> m_rows;
    qint64 m_total = 0;
    bool m_exhausted = true;
    // No fetchMore() from inside our own reset or insert signals (a view or
    // tester reacting to them would read the same batch twice).
    bool m_busy = false;
    QString m_error;
};

} // namespace CancelDesk::Ui
