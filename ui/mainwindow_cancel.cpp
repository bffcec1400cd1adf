// MainWindow: cancel and bulk cancel from the list (F8, F12) and the report
// on interrupted cancels resumed (F11 recovery).

#include "appsession.h"
#include "dialogs/bulkcanceldialog.h"
#include "dialogs/canceldialog.h"
#include "dialogs/eligibility.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"

#include <QMessageBox>
#include <QStatusBar>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

void MainWindow::explainCannotCancel(const Domain::OrderKey &order, const QString &why)
{
    statusBar()->showMessage(tr("Payment %1 cannot be cancelled: %2").arg(order.paymentId, why),
                             15000);
    auto *box = new QMessageBox(QMessageBox::Information, tr("Cannot cancel"),
                                tr("Payment %1 cannot be cancelled.").arg(order.paymentId),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("cannotCancelBox"));
    box->setInformativeText(why);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::openCancelDialog()
{
    const QList<Domain::OrderKey> selected = selectedOrders();
    if (selected.size() != 1)
        return;
    const Domain::OrderKey key = selected.first();
    const std::optional<OrderFacts> facts = m_model->facts(key);
    if (!facts)
        return;
    // F8, F12 and §10: the core's one answer, worded as in the tooltip.
    const Services::CancelCheck check = checkOf(*facts);
    if (!check.mayCancel()) {
        explainCannotCancel(key, check.verdict == Services::CancelCheck::Verdict::Ineligible
                                     ? explainDecision(check.decision)
                                     : Services::cancelCheckNote(check));
        return;
    }
    auto *dialog = new CancelDialog(m_session.cancelSources(), *m_model, key, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTypedConfirmationThreshold(m_session.config().typedConfirmationAbove);
    // What the cancel writes reaches the list from CancelService (attemptChanged,
    // orderWritten) through the session, not from here.
    dialog->open();
}

const std::chrono::milliseconds MainWindow::kPeriodicRecovery{60000};

void MainWindow::recoverInterruptedCancels()
{
    Services::RecoveryJob *job = m_session.cancels().recover();
    connect(job, &Services::RecoveryJob::finished, this, &MainWindow::onRecoveryFinished);
    // And again every minute: an attempt given up after a busy database, or
    // left by a process that died meanwhile, does not wait for a restart.
    connect(&m_session.cancels(), &Services::CancelService::recovered, this,
            &MainWindow::onRecoveryFinished, Qt::UniqueConnection);
    m_session.cancels().startPeriodicRecovery(kPeriodicRecovery);
}

void MainWindow::onRecoveryFinished(const QList<Services::CancelReport> &reports)
{
    if (reports.isEmpty())
        return;
    int succeeded = 0;
    int rejected = 0;
    int unknown = 0;
    QStringList lines;
    for (const Services::CancelReport &r : reports) {
        if (r.state == Storage::AttemptState::Succeeded)
            ++succeeded;
        else if (r.state == Storage::AttemptState::Rejected)
            ++rejected;
        else
            ++unknown;
        lines.append(u"%1 %2: %3"_s.arg(Domain::providerDisplayName(r.order.provider),
                                        r.order.paymentId, r.message));
    }
    const int total = int(reports.size());
    const QString summary =
        tr("Resumed %n cancel(s) interrupted in an earlier session: %1 succeeded, %2 rejected, "
           "%3 outcome unknown.",
           nullptr, total)
            .arg(succeeded)
            .arg(rejected)
            .arg(unknown);
    statusBar()->showMessage(summary);
    // Anything but a confirmed cancel needs the operator's eye: say which.
    if (rejected + unknown > 0) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Interrupted cancels resumed"),
                                    summary, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("recoveryReport"));
        box->setDetailedText(lines.join(u'\n'));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    }
}

void MainWindow::openBulkCancel()
{
    const QList<Domain::OrderKey> selected = selectedOrders();
    if (selected.size() < 2)
        return;
    auto *dialog = new BulkCancelDialog(m_session.cancelSources(), *m_model, selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTypedConfirmationThreshold(m_session.config().typedConfirmationAbove);
    dialog->open();
}

} // namespace CancelDesk::Ui
