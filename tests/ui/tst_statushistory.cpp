// The status history of the status view (F6): a refresh that found the same
// status reads "Confirmed: Pending", a change reads "Pending → Cancelled".
// Against the in-process sandbox over loopback HTTP, with a clock the test moves.

#include "canceltest.h"
#include "domain/orderstatus.h"
#include "format.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"
#include "storage/orderstore.h"
#include "uitestsession.h"
#include "views/statusview.h"

#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::NormStatus;
using Domain::Provider;

namespace {

constexpr int kTimeoutMs = 30000;

struct Line
{
    QString time, what, source;
};

QList<Line> timeline(Ui::StatusView &view)
{
    auto *tree = view.findChild<QTreeWidget *>(u"timeline"_s);
    if (!tree)
        qFatal("no timeline");
    QList<Line> lines;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree->topLevelItem(i);
        lines.append({item->text(0), item->text(1), item->text(2)});
    }
    return lines;
}

QString describe(const QList<Line> &lines)
{
    QStringList out;
    for (const Line &l : lines)
        out.append(l.time + u" | "_s + l.what + u" | "_s + l.source);
    return out.join(u'\n');
}

bool refresh(Ui::AppSession &session, const Domain::OrderKey &key)
{
    Services::RefreshJob *job = session.refresh().refresh({key});
    QSignalSpy finished(job, &Services::RefreshJob::finished);
    return finished.wait(kTimeoutMs) || finished.count() > 0;
}

} // namespace

class TestStatusHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refreshThatConfirmsIsNotAChange();
};

void TestStatusHistory::refreshThatConfirmsIsNotAChange()
{
    Test::UiTestSession test;
    QString error;
    QVERIFY2(test.open(&error) && test.loadDemo(), qPrintable(error));
    Ui::AppSession &session = test.session();
    // UQPAY demo 0: a card payment awaiting its method (Pending), as loaded.
    const Domain::OrderKey key = test.demo(Provider::Uqpay, 0);
    Ui::StatusView view(session.orderReads(), session.providers());
    view.showOrder(key);
    const QString pending = Domain::statusLabel(NormStatus::Pending);
    const QString cancelled = Domain::statusLabel(NormStatus::Cancelled);

    QList<Line> lines = timeline(view);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).what, u"First status: "_s + pending);

    // A refresh a minute later finds the same status: not a change, a confirmation.
    test.advance(60);
    QVERIFY(refresh(session, key));
    view.reload();
    lines = timeline(view);
    QVERIFY2(lines.size() == 2, qPrintable(describe(lines)));
    QCOMPARE(lines.at(1).what, u"Confirmed: "_s + pending);
    QCOMPARE(lines.at(1).source, u"latest retrieval"_s);
    QCOMPARE(lines.at(1).time, Ui::formatLocalTime(test.now()));

    // Another one: still one confirmation line, now dated by the latest check.
    test.advance(60);
    QVERIFY(refresh(session, key));
    view.reload();
    lines = timeline(view);
    QVERIFY2(lines.size() == 2, qPrintable(describe(lines)));
    QCOMPARE(lines.at(1).time, Ui::formatLocalTime(test.now()));

    // The cancel changes it: a change line, and no confirmation after it.
    test.advance(60);
    Services::CancelOrderRequest request;
    request.order = key;
    request.reason = Domain::CancelReason::Duplicate;
    request.operatorName = u"tester"_s;
    request.environment = u"sandbox"_s;
    const Services::CancelReport report = Test::await(session.cancels().cancel(request));
    QCOMPARE(report.state, std::optional(Storage::AttemptState::Succeeded));
    view.reload();
    lines = timeline(view);
    QVERIFY2(lines.size() == 2, qPrintable(describe(lines)));
    QCOMPARE(lines.at(1).what, pending + u" → "_s + cancelled);
    QCOMPARE(lines.at(1).source, u"cancel"_s);

    // A refresh that confirms the cancel.
    test.advance(60);
    QVERIFY(refresh(session, key));
    view.reload();
    lines = timeline(view);
    QVERIFY2(lines.size() == 3, qPrintable(describe(lines)));
    QCOMPARE(lines.at(2).what, u"Confirmed: "_s + cancelled);
    QCOMPARE(session.orders().history(key.provider, key.paymentId).size(), 2);
}

QTEST_MAIN(TestStatusHistory)
#include "tst_statushistory.moc"
