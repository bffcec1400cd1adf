// OrderTableModel (F3, F4, F9): filters, presets, raw-value sorting, in-place
// updates and the countdown, over the sandbox's demo orders.

#include "appsession.h"
#include "format.h"
#include "models/ordersort.h"
#include "models/ordertablemodel.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"
#include "uitestsession.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QtTest>

#include <random>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;
using Ui::OrderFilter;
using Ui::OrderTableModel;

class TestOrderTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void loadsEveryOrder();
    void filtersNarrowTheRows();
    void textSearchIsCaseInsensitiveOverBothIds();
    void presets();
    void sortsOnRawValues();
    void duplicateReferenceIsMarked();
    void statusTooltipHasTheWholeBadge();
    void keyIndexTellsCollidingDigestsApart();
    void countdownFollowsTheClock();
    void updatedOrderChangesInPlace();
    void newerFilterWins();
    void selectionSurvivesSortFilterAndReload();
    void keyedSortMatchesAComparisonSort();
    void keptSortFollowsUpdatedValues();
    void largeStoreShowsTheNewestOrdersFirst();
    void partsMakeTheSnapshotOneReadMakes();

private:
    // Adds `count` Liquido PIX orders, prefix + a 5-digit number, one second
    // apart (the first newest); order i shares its reference with i + 1500.
    bool addOrders(int count, const QString &prefix);
    bool load();
    bool settle();
    QList<QString> column(int column, int role = Qt::DisplayRole) const;

    std::unique_ptr<Test::UiTestSession> m_test;
    std::unique_ptr<OrderTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestOrderTableModel::init()
{
    m_test = std::make_unique<Test::UiTestSession>();
    QString error;
    QVERIFY2(m_test->open(&error), qPrintable(error));
    QVERIFY(m_test->loadDemo());
    Ui::AppSession &session = m_test->session();
    m_model = std::make_unique<OrderTableModel>(session.orderReads());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(load());
}

void TestOrderTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_test.reset();
}

bool TestOrderTableModel::load()
{
    QSignalSpy loaded(m_model.get(), &OrderTableModel::loaded);
    m_model->reload();
    return loaded.wait(20000) && settle();
}

// Waits until the newest filter/sort is applied.
bool TestOrderTableModel::settle()
{
    return QTest::qWaitFor([this] { return !m_model->isBusy(); }, 20000);
}

QList<QString> TestOrderTableModel::column(int column, int role) const
{
    QList<QString> values;
    for (int r = 0; r < m_model->rowCount(); ++r)
        values << m_model->index(r, column).data(role).toString();
    return values;
}

void TestOrderTableModel::loadsEveryOrder()
{
    const qint64 stored = m_test->session().orders().count({});
    QVERIFY(stored >= 30);
    QCOMPARE(m_model->rowCount(), int(stored));
    QCOMPARE(m_model->totalOrders(), int(stored));
    QCOMPARE(m_model->columnCount(), int(OrderTableModel::ColumnCount));
    QCOMPARE(m_model->headerData(OrderTableModel::PaymentIdColumn, Qt::Horizontal).toString(),
             u"Payment ID"_s);
}

void TestOrderTableModel::filtersNarrowTheRows()
{
    OrderFilter f;
    f.provider = Provider::Liquido;
    m_model->setFilter(f);
    QVERIFY(settle());
    const int liquido = int(m_test->session().demoIds().value(Provider::Liquido).size());
    QCOMPARE(m_model->rowCount(), liquido);
    for (const QString &p : column(OrderTableModel::ProviderColumn))
        QCOMPARE(p, u"Liquido"_s);

    f = {};
    f.status = Domain::NormStatus::Cancelled;
    m_model->setFilter(f);
    QVERIFY(settle());
    QVERIFY(m_model->rowCount() >= 2);
    for (int r = 0; r < m_model->rowCount(); ++r)
        QCOMPARE(m_model->index(r, 0).data(OrderTableModel::StatusRole).toInt(),
                 int(Domain::NormStatus::Cancelled));

    f = {};
    f.method = u"pix_dynamic_qr"_s; // case-insensitive
    m_model->setFilter(f);
    QVERIFY(settle());
    QVERIFY(m_model->rowCount() >= 2);
    for (const QString &m : column(OrderTableModel::MethodColumn))
        QCOMPARE(m, u"PIX_DYNAMIC_QR"_s);
    QVERIFY(m_model->methods().contains(u"PIX_DYNAMIC_QR"_s));
}

void TestOrderTableModel::textSearchIsCaseInsensitiveOverBothIds()
{
    const QString id = m_test->session().demoIds().value(Provider::Uqpay).at(2);
    OrderFilter f;
    f.text = id.mid(3, 8).toLower();
    m_model->setFilter(f);
    QVERIFY(settle());
    QVERIFY(column(OrderTableModel::PaymentIdColumn).contains(id));
    // Merchant references too ("SO-1013" is shared by two UQPAY intents).
    f.text = u"so-1013"_s;
    m_model->setFilter(f);
    QVERIFY(settle());
    QCOMPARE(m_model->rowCount(), 2);
    f.text = u"no-such-id-anywhere"_s;
    m_model->setFilter(f);
    QVERIFY(settle());
    QCOMPARE(m_model->rowCount(), 0);
}

void TestOrderTableModel::presets()
{
    const QDateTime now = m_test->now();
    OrderFilter f;
    f.preset = OrderFilter::Preset::CancellableNow;
    m_model->setFilter(f);
    QVERIFY(settle());
    const int cancellable = m_model->rowCount();
    QVERIFY(cancellable > 3);
    QDateTime previous;
    for (int r = 0; r < cancellable; ++r) {
        const QModelIndex i = m_model->index(r, 0);
        QVERIFY(i.data(OrderTableModel::EligibleRole).toBool());
        const QDateTime deadline = i.data(OrderTableModel::DeadlineRole).toDateTime();
        // Sorted by deadline, soonest first; orders without one last.
        if (previous.isValid() && deadline.isValid())
            QVERIFY(previous <= deadline);
        if (deadline.isValid()) {
            QVERIFY(deadline > now);
            previous = deadline;
        }
    }

    f.preset = OrderFilter::Preset::ExpiringWithinHour;
    m_model->setFilter(f);
    QVERIFY(settle());
    QVERIFY(m_model->rowCount() > 0);
    QVERIFY(m_model->rowCount() < cancellable);
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QDateTime deadline =
            m_model->index(r, 0).data(OrderTableModel::DeadlineRole).toDateTime();
        QVERIFY(deadline.isValid());
        QVERIFY(now.secsTo(deadline) <= 3600);
    }

    f.preset = OrderFilter::Preset::Conflicts;
    m_model->setFilter(f);
    QVERIFY(settle());
    QCOMPARE(m_model->rowCount(), 0);

    // An unresolved cancel attempt puts its order under "Unresolved".
    const QString id = m_test->session().demoIds().value(Provider::Uqpay).first();
    Storage::CancelAttempt draft;
    draft.provider = Provider::Uqpay;
    draft.paymentId = id;
    draft.amount = {1250, u"SGD"_s};
    draft.operatorName = u"op"_s;
    draft.environment = u"sandbox"_s;
    const Storage::JournalResult prepared = m_test->session().journal().prepare(draft);
    QVERIFY(prepared.ok());
    Storage::CancelAttempt a = prepared.attempt;
    a.state = Storage::AttemptState::Unresolved;
    QVERIFY(m_test->session().journal().record(a).ok());
    f.preset = OrderFilter::Preset::Unresolved;
    m_model->setFilter(f);
    m_model->updateOrders({{Provider::Uqpay, id}});
    QVERIFY(settle());
    QTRY_COMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->keyAt(0)->paymentId, id);
    QVERIFY(m_model->index(0, OrderTableModel::StatusColumn)
                .data()
                .toString()
                .contains(u"unresolved"_s));
}

void TestOrderTableModel::sortsOnRawValues()
{
    m_model->sort(OrderTableModel::AmountColumn, Qt::AscendingOrder);
    QVERIFY(settle());
    qint64 previous = std::numeric_limits<qint64>::min();
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const qint64 amount = m_model->index(r, OrderTableModel::AmountColumn)
                                  .data(OrderTableModel::SortRole)
                                  .toLongLong();
        QVERIFY(amount >= previous); // integers, not the display text
        previous = amount;
    }
    m_model->sort(OrderTableModel::CreatedColumn, Qt::DescendingOrder);
    QVERIFY(settle());
    qint64 last = std::numeric_limits<qint64>::max();
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const qint64 created = m_model->index(r, OrderTableModel::CreatedColumn)
                                   .data(OrderTableModel::SortRole)
                                   .toLongLong();
        QVERIFY(created <= last);
        last = created;
    }
}

void TestOrderTableModel::duplicateReferenceIsMarked()
{
    OrderFilter f;
    f.text = u"SO-1013"_s;
    m_model->setFilter(f);
    QVERIFY(settle());
    QCOMPARE(m_model->rowCount(), 2);
    for (int r = 0; r < 2; ++r) {
        const QModelIndex i = m_model->index(r, OrderTableModel::ReferenceColumn);
        QVERIFY(i.data(OrderTableModel::DuplicateRole).toBool());
        QVERIFY(!i.data(Qt::ToolTipRole).toString().isEmpty());
    }
}

void TestOrderTableModel::statusTooltipHasTheWholeBadge()
{
    // A narrow Status column elides a long badge; its tooltip keeps all of it
    // and adds the provider's own value.
    QVERIFY(m_model->rowCount() > 0);
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QModelIndex i = m_model->index(r, OrderTableModel::StatusColumn);
        const QString tip = i.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.startsWith(i.data().toString() + u'\n'), qPrintable(tip));
        QVERIFY2(tip.contains(u"Provider status: "_s), qPrintable(tip));
    }
}

void TestOrderTableModel::keyIndexTellsCollidingDigestsApart()
{
    // The key index files row numbers by a digest of the id, not the keys:
    // orders that land on the same slots must still be found as themselves,
    // the same id at another provider is another order, and the table grows
    // without losing any.
    Ui::OrderSnapshot s;
    const auto add = [&](Provider provider, const QString &id) {
        Domain::Order o;
        o.provider = provider;
        o.paymentId = id;
        o.amount = {100, u"SGD"_s};
        Ui::OrderSnapshot::Row row;
        s.fill(row, o, Domain::PolicyDecision{});
        s.rows.push_back(row);
        s.addKey(quint32(s.rows.size() - 1));
    };
    // 3 x 3000 keys: the table starts at 1024 slots and doubles four times;
    // at half full, many land on occupied slots.
    for (int i = 0; i < 3000; ++i) {
        add(Provider::Uqpay, u"PI-%1"_s.arg(i));
        add(Provider::Antom, u"PI-%1"_s.arg(i)); // the same ids at another provider
        add(Provider::Liquido, u"取消-%1"_s.arg(i));
    }
    QCOMPARE(s.keyCount, size_t(9000));
    QVERIFY(s.keySlots.size() >= 2 * s.keyCount);
    for (int i = 0; i < 3000; ++i) {
        QCOMPARE(s.find(Provider::Uqpay, u"PI-%1"_s.arg(i)), std::optional<quint32>(3 * i));
        QCOMPARE(s.find(Provider::Antom, u"PI-%1"_s.arg(i)), std::optional<quint32>(3 * i + 1));
        QCOMPARE(s.find(Provider::Liquido, u"取消-%1"_s.arg(i)), std::optional<quint32>(3 * i + 2));
    }
    QCOMPARE(s.find(Provider::Liquido, u"PI-1"_s), std::nullopt);
    QCOMPARE(s.find(Provider::Uqpay, u"PI-3000"_s), std::nullopt);
    QCOMPARE(s.find(Provider::Uqpay, u"PI-"_s), std::nullopt);
    QVERIFY(Ui::OrderSnapshot::digestOf(Provider::Uqpay, "PI-A")
            != Ui::OrderSnapshot::digestOf(Provider::Antom, "PI-A"));
}

void TestOrderTableModel::countdownFollowsTheClock()
{
    // UQPAY demo 1: a card intent created 5 minutes ago; unpaid intents expire
    // 30 minutes after creation.
    const QString id = m_test->session().demoIds().value(Provider::Uqpay).first();
    const int row = m_model->rowOf({Provider::Uqpay, id});
    QVERIFY(row >= 0);
    const QModelIndex cell = m_model->index(row, OrderTableModel::CountdownColumn);
    const auto level = [&cell] {
        return Ui::Countdown::Level(cell.data(OrderTableModel::CountdownLevelRole).toInt());
    };
    QCOMPARE(level(), Ui::Countdown::Level::Amber);
    QVERIFY2(cell.data().toString().startsWith(u"2"_s), qPrintable(cell.data().toString()));
    QCOMPARE(cell.data(Qt::ForegroundRole).value<QColor>(),
             Ui::countdownColor(Ui::Countdown::Level::Amber));
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(u"UTC"_s));

    m_test->advance(20 * 60);
    m_model->setNow(m_test->now());
    QCOMPARE(level(), Ui::Countdown::Level::Red);
    QCOMPARE(cell.data(Qt::ForegroundRole).value<QColor>(),
             Ui::countdownColor(Ui::Countdown::Level::Red));

    m_test->advance(10 * 60);
    m_model->setNow(m_test->now());
    QCOMPARE(level(), Ui::Countdown::Level::Closed);
    QCOMPARE(cell.data().toString(), u"closed"_s);
    QVERIFY(!cell.data(OrderTableModel::EligibleRole).toBool());
}

void TestOrderTableModel::updatedOrderChangesInPlace()
{
    const QString id = m_test->session().demoIds().value(Provider::Uqpay).first();
    Domain::Order order = *m_test->session().orders().find(Provider::Uqpay, id);
    order.rawStatus = u"CANCELLED"_s;
    order.status = Domain::NormStatus::Cancelled;
    QVERIFY(m_test->session().orders().upsert(order, Storage::StatusSource::Cancel).ok);
    const int rows = m_model->rowCount();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->updateOrders({{Provider::Uqpay, id}});
    QVERIFY(changed.wait(5000));
    QCOMPARE(m_model->rowCount(), rows);
    const int row = m_model->rowOf({Provider::Uqpay, id});
    QCOMPARE(m_model->index(row, 0).data(OrderTableModel::StatusRole),
             QVariant(int(Domain::NormStatus::Cancelled)));
    QVERIFY(!m_model->index(row, 0).data(OrderTableModel::EligibleRole).toBool());
}

void TestOrderTableModel::newerFilterWins()
{
    OrderFilter a;
    a.provider = Provider::Antom;
    OrderFilter b;
    b.provider = Provider::Liquido;
    m_model->setFilter(a);
    m_model->setFilter(b);
    QVERIFY(settle());
    QCOMPARE(m_model->filter(), b);
    for (const QString &p : column(OrderTableModel::ProviderColumn))
        QCOMPARE(p, u"Liquido"_s);
}

// Sorting, filtering and reloading move rows with layoutChanged (persistent
// indexes follow their orders): the selection and the current row survive,
// and rows the filter hides leave the selection.
void TestOrderTableModel::selectionSurvivesSortFilterAndReload()
{
    QItemSelectionModel selection(m_model.get());
    const auto keyText = [this](const QModelIndex &i) {
        const auto key = i.isValid() ? m_model->keyAt(i.row()) : std::nullopt;
        return key ? Domain::providerKey(key->provider) + u':' + key->paymentId : u"(none)"_s;
    };
    const auto selectedKeys = [&] {
        QList<QString> keys;
        for (const QModelIndex &i : selection.selectedRows())
            keys << keyText(i);
        keys.sort();
        return keys;
    };
    // One Liquido and one UQPAY order, the Liquido one current.
    const int liquido = m_model->rowOf(
        {Provider::Liquido, m_test->session().demoIds().value(Provider::Liquido).first()});
    const int uqpay = m_model->rowOf(
        {Provider::Uqpay, m_test->session().demoIds().value(Provider::Uqpay).first()});
    QVERIFY(liquido >= 0 && uqpay >= 0);
    selection.select(m_model->index(uqpay, 0),
                     QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection.setCurrentIndex(m_model->index(liquido, 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QList<QString> before = selectedKeys();
    const QString current = keyText(selection.currentIndex());
    QCOMPARE(before.size(), 2);

    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->sort(OrderTableModel::AmountColumn, Qt::AscendingOrder);
    QVERIFY(settle());
    QCOMPARE(selectedKeys(), before);
    QCOMPARE(keyText(selection.currentIndex()), current);

    m_model->sort(OrderTableModel::PaymentIdColumn, Qt::DescendingOrder);
    QVERIFY(settle());
    QCOMPARE(selectedKeys(), before);
    QCOMPARE(keyText(selection.currentIndex()), current);

    // A reload builds a new snapshot: the orders are found again by key.
    QVERIFY(load());
    QCOMPARE(selectedKeys(), before);
    QCOMPARE(keyText(selection.currentIndex()), current);

    // Hiding the UQPAY order drops it from the selection only.
    OrderFilter f;
    f.provider = Provider::Liquido;
    m_model->setFilter(f);
    QVERIFY(settle());
    QCOMPARE(selectedKeys(), QList<QString>{current});
    QCOMPARE(keyText(selection.currentIndex()), current);
    QCOMPARE(resets.count(), 0);
}

bool TestOrderTableModel::addOrders(int count, const QString &prefix)
{
    Storage::OrderBatch batch(m_test->session().orders(), Storage::StatusSource::Import);
    QString error;
    if (!batch.begin(&error))
        return false;
    const QDateTime base = QDateTime::currentDateTimeUtc().addSecs(3600);
    for (int i = 0; i < count; ++i) {
        Domain::Order o;
        o.provider = Provider::Liquido;
        o.paymentId = prefix + u"%1"_s.arg(i, 5, 10, QLatin1Char('0'));
        o.merchantReference = prefix + u"SO-%1"_s.arg(i % 1500);
        o.paymentMethod = u"PIX"_s;
        o.amount = {1000 + (i * 7919) % 50000, u"BRL"_s};
        o.rawStatus = u"IN_PROGRESS"_s;
        o.status = Domain::mapProviderStatus(o.provider, o.rawStatus).status;
        o.createdAt = base.addSecs(-i);
        if (!batch.upsert(o).ok)
            return false;
    }
    return batch.commit(&error);
}

// Issue 15: sortSnapshotRows gives each row a key and sorts the keys (text 8
// bytes at a time). It must put rows exactly where a plain comparison sort on
// the raw values does: text by UTF-8 bytes, ties by row in both directions,
// an unknown deadline last in both.
void TestOrderTableModel::keyedSortMatchesAComparisonSort()
{
    using Row = Ui::OrderSnapshot::Row;
    constexpr qint64 kNoTime = Ui::OrderSnapshot::kNoTime;
    Ui::OrderSnapshot s;
    s.strings = {u"card"_s, u"PIX"_s, u""_s, u"boleto"_s, u"Card"_s};
    std::mt19937 random(15);
    const auto pick = [&random](int n) { return int(random() % unsigned(n)); };
    // Ids that share long prefixes, end at every length around the 8-byte
    // steps, repeat, and hold multi-byte UTF-8.
    const QList<QByteArray> stems{
        "",        "A",       "PI",      "PI0000000", "PI00000000",        "PI000000001",
        "SO-1001", "so-1001", "取消台-", "ÄÖ",        "PI0000000012345678"};
    const auto text = [&](quint32 *offset, quint16 *length) {
        QByteArray t = stems.at(pick(int(stems.size())));
        for (int n = pick(12); n > 0; --n)
            t.append(char('0' + pick(3)));
        *offset = quint32(s.arena.size());
        *length = quint16(t.size());
        s.arena.append(t);
    };
    for (int i = 0; i < 3000; ++i) {
        Row r;
        text(&r.idOffset, &r.idLength);
        text(&r.refOffset, &r.refLength);
        r.provider = quint8(pick(3));
        r.status = quint8(pick(6));
        r.method = quint16(pick(int(s.strings.size())));
        r.amountMinor = qint64(pick(50)) - 10; // negative too, and many ties
        r.createdMs = pick(5) == 0 ? kNoTime : qint64(pick(100)) * 1000;
        r.deadlineMs = pick(4) == 0 ? kNoTime : qint64(pick(100)) * 1000 - 50000;
        r.syncedMs = pick(3) == 0 ? kNoTime : qint64(pick(100));
        s.rows.push_back(r);
    }
    const auto raw = [&s](const Row &r, int column) -> std::variant<qint64, std::string, QString> {
        switch (column) {
        case OrderTableModel::ProviderColumn:
            return qint64(r.provider);
        case OrderTableModel::PaymentIdColumn:
            return std::string(s.arena.constData() + r.idOffset, r.idLength);
        case OrderTableModel::ReferenceColumn:
            return std::string(s.arena.constData() + r.refOffset, r.refLength);
        case OrderTableModel::MethodColumn:
            return s.string(r.method);
        case OrderTableModel::AmountColumn:
            return r.amountMinor;
        case OrderTableModel::StatusColumn:
            return qint64(r.status);
        case OrderTableModel::CreatedColumn:
            return r.createdMs;
        case OrderTableModel::SyncedColumn:
            return r.syncedMs;
        default:
            return r.deadlineMs;
        }
    };
    for (int column = 0; column < OrderTableModel::ColumnCount; ++column) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            std::vector<quint32> expected(s.rows.size());
            std::iota(expected.begin(), expected.end(), 0U);
            // Among them rows that are not in row order, and a subset.
            std::shuffle(expected.begin(), expected.end(), random);
            expected.resize(expected.size() - 100);
            std::vector<quint32> actual = expected;
            const bool byDeadline = column == OrderTableModel::DeadlineColumn
                                    || column == OrderTableModel::CountdownColumn;
            std::sort(expected.begin(), expected.end(), [&](quint32 a, quint32 b) {
                const Row &x = s.rows[a];
                const Row &y = s.rows[b];
                if (byDeadline && (x.deadlineMs == kNoTime) != (y.deadlineMs == kNoTime))
                    return y.deadlineMs == kNoTime;
                const auto vx = raw(x, column);
                const auto vy = raw(y, column);
                if (vx != vy)
                    return order == Qt::AscendingOrder ? vx < vy : vy < vx;
                return a < b;
            });
            Ui::sortSnapshotRows(s, actual, column, order);
            QVERIFY2(actual == expected,
                     qPrintable(u"column %1, %2"_s.arg(column).arg(
                         order == Qt::AscendingOrder ? u"ascending"_s : u"descending"_s)));
        }
    }
}

// With thousands of orders the list keeps the whole sorted order, so that a
// filter change needs no sort. An update that changes a sorted value must
// not leave a stale order behind for the next filter change.
void TestOrderTableModel::keptSortFollowsUpdatedValues()
{
    Storage::OrderStore &orders = m_test->session().orders();
    QVERIFY(addOrders(6000, u"KEPT-"_s));
    QVERIFY(load());
    const auto amountsAscending = [this] {
        qint64 previous = std::numeric_limits<qint64>::min();
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const qint64 amount = m_model->index(r, OrderTableModel::AmountColumn)
                                      .data(OrderTableModel::SortRole)
                                      .toLongLong();
            if (amount < previous)
                return false;
            previous = amount;
        }
        return true;
    };
    m_model->sort(OrderTableModel::AmountColumn, Qt::AscendingOrder);
    QVERIFY(settle());
    QVERIFY(amountsAscending());
    const int all = m_model->rowCount();
    OrderFilter f;
    f.text = u"kept-01"_s;
    m_model->setFilter(f);
    QVERIFY(settle());
    QCOMPARE(m_model->rowCount(), 1000);
    QVERIFY(amountsAscending());

    // The most expensive order becomes the cheapest.
    const Domain::OrderKey key = *m_model->keyAt(m_model->rowCount() - 1);
    Domain::Order order = *orders.find(key.provider, key.paymentId);
    order.amount.minor = 1;
    QVERIFY(orders.upsert(order, Storage::StatusSource::Refresh).ok);
    QSignalSpy updated(m_model.get(), &OrderTableModel::ordersUpdated);
    m_model->updateOrders({key});
    QVERIFY(updated.wait(5000));
    QVERIFY(settle());

    m_model->setFilter({});
    QVERIFY(settle());
    QCOMPARE(m_model->rowCount(), all);
    QVERIFY(amountsAscending());
    QCOMPARE(m_model->rowOf(key), 0);
}

// Issue 15: a large store shows its newest orders while the rest are read
// (first rows within a moment, whatever the store's size), with the whole
// count said; orders on that first page that share a reference with one not
// read yet are marked from the start (F4).
void TestOrderTableModel::largeStoreShowsTheNewestOrdersFirst()
{
    QVERIFY(addOrders(20000, u"NEW-"_s));
    const int stored = int(m_test->session().orders().count({}));
    struct Seen
    {
        int rows;
        qint64 expected;
        bool newestFirst;
        bool sharedMarked;
    };
    QList<Seen> whileLoading;
    connect(m_model.get(), &OrderTableModel::viewChanged, this, [&] {
        if (!m_model->isLoading())
            return;
        const auto first = m_model->keyAt(0);
        const auto last = m_model->keyAt(m_model->rowCount() - 1);
        // NEW-00001 shares its reference with NEW-01501 (not on the first page).
        const int shared = m_model->rowOf({Provider::Liquido, u"NEW-00001"_s});
        whileLoading.append(
            {m_model->rowCount(), m_model->expectedOrders(),
             first && first->paymentId == u"NEW-00000"_s && last
                 && last->paymentId == u"NEW-00999"_s,
             shared >= 0
                 && m_model->index(shared, 0).data(OrderTableModel::DuplicateRole).toBool()});
    });
    QVERIFY(load());
    QVERIFY2(!whileLoading.isEmpty(), "nothing was shown before the whole store was read");
    for (const Seen &seen : std::as_const(whileLoading)) {
        QCOMPARE(seen.rows, 1000);
        QCOMPARE(seen.expected, qint64(stored));
        QVERIFY(seen.newestFirst);
        QVERIFY(seen.sharedMarked);
    }
    QCOMPARE(m_model->rowCount(), stored);
    QCOMPARE(m_model->expectedOrders(), qint64(-1));
    QVERIFY(m_model->index(m_model->rowOf({Provider::Liquido, u"NEW-00001"_s}), 0)
                .data(OrderTableModel::DuplicateRole)
                .toBool());
}

// Issue 15: a large store is read in parts (OrderStore::partition) on several
// threads and put together (takeParts). The result must be the snapshot one
// read makes, row by row: the same order (ties on the creation time and
// missing times included), the same strings, decisions, sync errors,
// attempts, keys, shared references and cached decisions.
void TestOrderTableModel::partsMakeTheSnapshotOneReadMakes()
{
    Storage::OrderStore &store = m_test->session().orders();
    {
        Storage::OrderBatch batch(store, Storage::StatusSource::Import);
        QString error;
        QVERIFY2(batch.begin(&error), qPrintable(error));
        const QDateTime base = QDateTime::currentDateTimeUtc().addSecs(600);
        const QStringList methods{u"PIX"_s, u"BOLETO"_s, u"CARD"_s, u"PICPAY"_s};
        const QStringList raw{u"IN_PROGRESS"_s, u"SETTLED"_s, u"CANCELLED"_s, u"FAILED"_s};
        std::mt19937 random(15);
        for (int i = 0; i < 600; ++i) {
            Domain::Order o;
            o.provider = Provider::Liquido;
            o.paymentId = u"PART-%1"_s.arg(i, 4, 10, QLatin1Char('0'));
            // References shared within and across the id ranges.
            o.merchantReference = i % 7 == 0 ? QString() : u"REF-%1"_s.arg(random() % 250);
            // Each part meets the methods and statuses in another order.
            o.paymentMethod = methods.at(qsizetype((i / 150 + random() % 4) % 4));
            o.amount = {qint64(random() % 100000), i % 3 ? u"BRL"_s : u"USD"_s};
            o.rawStatus = raw.at(qsizetype(random() % 4));
            o.status = Domain::mapProviderStatus(o.provider, o.rawStatus).status;
            // Many equal times, in every id range; some unknown.
            if (random() % 10 != 0)
                o.createdAt = base.addSecs(-qint64(random() % 40) * 60);
            QVERIFY(batch.upsert(o).ok);
        }
        QVERIFY2(batch.commit(&error), qPrintable(error));
    }
    for (int i = 0; i < 600; i += 37) {
        QVERIFY(store.recordSyncError(Provider::Liquido,
                                      u"PART-%1"_s.arg(i, 4, 10, QLatin1Char('0')),
                                      QDateTime::currentDateTimeUtc(), u"timeout %1"_s.arg(i)));
    }
    QHash<QString, Ui::OrderSnapshot::Attempts> attempts;
    for (int i = 5; i < 600; i += 97) {
        Ui::OrderSnapshot::Attempts a;
        a.flags.unresolvedAttemptId = 1000 + i;
        a.unresolvedNote = u"note %1"_s.arg(i);
        attempts.insert(Ui::OrderSnapshot::keyOf(Provider::Liquido,
                                                 u"PART-%1"_s.arg(i, 4, 10, QLatin1Char('0'))),
                        a);
    }
    const Domain::CancelPolicy &policy = m_test->session().orderReads().policy;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Storage::OrderQuery query;
    query.withPayload = false;
    query.limit = 0;

    Ui::OrderSnapshot one;
    QString error;
    QVERIFY2(store.forEach(
                 query,
                 [&](const Domain::Order &o) {
                     one.append(o, policy, now, attempts);
                     return true;
                 },
                 &error),
             qPrintable(error));
    one.markDuplicateReferences();

    const QList<Storage::OrderQuery> parts = store.partition(query, 3, &error);
    QCOMPARE(parts.size(), 3);
    std::vector<Ui::OrderSnapshot> pieces(3);
    for (size_t p = 0; p < 3; ++p) {
        QVERIFY(store.forEach(parts.at(qsizetype(p)), [&](const Domain::Order &o) {
            pieces[p].appendUnfiled(o, policy, now, attempts);
            return true;
        }));
        QVERIFY(pieces[p].rows.size() > 100);
    }
    Ui::OrderSnapshot merged;
    merged.takeParts(pieces);
    merged.fileKeys();
    merged.markDuplicateReferences();

    QCOMPARE(merged.rows.size(), one.rows.size());
    QCOMPARE(merged.keyCount, one.keyCount);
    const auto sameDecision = [](const Domain::PolicyDecision &a, const Domain::PolicyDecision &b) {
        return a.eligibility == b.eligibility && a.reason == b.reason && a.instead == b.instead
               && a.warning == b.warning && a.ruleId == b.ruleId;
    };
    int unknownTimes = 0;
    int syncErrors = 0;
    int withAttempts = 0;
    for (size_t i = 0; i < one.rows.size(); ++i) {
        const Ui::OrderSnapshot::Row &a = one.rows[i];
        const Ui::OrderSnapshot::Row &b = merged.rows[i];
        const QString id = one.paymentId(a);
        QCOMPARE(merged.paymentId(b), id);
        QCOMPARE(merged.merchantReference(b), one.merchantReference(a));
        QCOMPARE(merged.string(b.method), one.string(a.method));
        QCOMPARE(merged.string(b.currency), one.string(a.currency));
        QCOMPARE(merged.string(b.rawStatus), one.string(a.rawStatus));
        QCOMPARE(b.amountMinor, a.amountMinor);
        QCOMPARE(b.createdMs, a.createdMs);
        QCOMPARE(b.deadlineMs, a.deadlineMs);
        QCOMPARE(b.syncedMs, a.syncedMs);
        QCOMPARE(b.provider, a.provider);
        QCOMPARE(b.status, a.status);
        QCOMPARE(b.flags, a.flags);
        QCOMPARE(b.eligible, a.eligible);
        QCOMPARE(b.duplicateReference, a.duplicateReference);
        QCOMPARE(b.unresolved, a.unresolved);
        QCOMPARE(b.syncFailed, a.syncFailed);
        QCOMPARE(b.activeAttempt, a.activeAttempt);
        QVERIFY(sameDecision(merged.decisions[b.decision].open, one.decisions[a.decision].open));
        QVERIFY(
            sameDecision(merged.decisions[b.decision].closed, one.decisions[a.decision].closed));
        QCOMPARE(merged.syncErrors.value(quint32(i)), one.syncErrors.value(quint32(i)));
        QCOMPARE(merged.attempts.value(quint32(i)).unresolvedNote,
                 one.attempts.value(quint32(i)).unresolvedNote);
        QCOMPARE(merged.find(Provider(b.provider), id), std::optional<quint32>(quint32(i)));
        unknownTimes += a.createdMs == Ui::OrderSnapshot::kNoTime;
        syncErrors += a.syncFailed;
        withAttempts += a.unresolved;
    }
    QVERIFY(unknownTimes > 20);
    QVERIFY(syncErrors >= 16);
    QVERIFY(withAttempts >= 6);
    // The cached decisions, keyed by string indexes: the same under each
    // snapshot's own strings.
    const auto cached = [](const Ui::OrderSnapshot &s) {
        QMap<QString, quint16> byText;
        for (auto it = s.decisionIndex.cbegin(); it != s.decisionIndex.cend(); ++it) {
            const QString key = u"%1|%2|%3|%4"_s.arg(it.key() >> 40)
                                    .arg(s.string(quint32((it.key() >> 24) & 0xFFFF)))
                                    .arg((it.key() >> 23) & 1)
                                    .arg(s.string(quint32(it.key() & 0x7FFFFF)));
            byText.insert(key, *it);
        }
        return byText;
    };
    const QMap<QString, quint16> expected = cached(one);
    const QMap<QString, quint16> got = cached(merged);
    QCOMPARE(got.keys(), expected.keys());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QVERIFY(sameDecision(merged.decisions[got.value(it.key())].open, one.decisions[*it].open));
        QVERIFY(
            sameDecision(merged.decisions[got.value(it.key())].closed, one.decisions[*it].closed));
    }
}

QTEST_MAIN(TestOrderTableModel)
#include "tst_ordertablemodel.moc"
