#pragma once

#include "appsession.h"
#include "console.h"
#include "storage/canceljournal.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QWidget>

#include <memory>

class QDialog;

namespace CancelDesk::Test {

// A console session for widget tests: a fresh database in a temporary
// directory, the built-in sandbox in this process (real HTTP on 127.0.0.1),
// short network waits, and a clock the test moves. The sandbox's own clock
// follows the same test clock.
class UiTestSession
{
public:
    // Starts at `start` (UTC); the sandbox's demo payments are created
    // relative to it. Call open() and check it.
    explicit UiTestSession(const QDateTime &start = QDateTime::currentDateTimeUtc());
    ~UiTestSession();

    bool open(QString *error);
    // Whether the session follows changes made elsewhere (F24), set before
    // open(): off by default, because the feed also echoes the test's own
    // writes a second later, and the tests that count the GUI thread's reads
    // or a view's reloads would count those too. The live tests turn it on.
    void setLiveFeed(bool on) { m_liveFeed = on; }
    // Loads the sandbox's demo orders into the store (waits for it).
    bool loadDemo();

    Ui::AppSession &session() { return *m_session; }
    // The test clock.
    QDateTime now() const { return *m_now; }
    void advance(qint64 seconds); // moves the test clock and the sandbox's
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // Where the session's store is (set by open()): a file in the temporary
    // directory, or a fresh PostgreSQL database when the test runs on that
    // engine (Test::storeLocation; tests registered with ENGINES).
    QString storeLocation() const { return m_location; }
    // The sandbox's demo payment number index of a provider (empty id when none).
    Domain::OrderKey demo(Domain::Provider provider, int index) const;
    // Every cancel attempt of the order in the journal, oldest first.
    QList<Storage::CancelAttempt> attempts(const Domain::OrderKey &order) const;

private:
    QTemporaryDir m_dir;
    std::shared_ptr<QDateTime> m_now;
    std::unique_ptr<Ui::AppSession> m_session;
    bool m_liveFeed = false;
    QString m_location;
};

// Starts (or, after a settings change, restarts) a console and waits until it
// reports started() or failed(); false, with a warning naming why, when it did
// not start.
bool startConsole(Ui::Console &console);
// A console whose home is this folder (config/canceldesk.ini, data/), with
// these secrets and translations, started; null when it did not start.
std::unique_ptr<Ui::Console> startConsoleIn(const QTemporaryDir &home, Ui::SecretStore *secrets,
                                            I18n::Translations *translations);
// Waits (up to timeoutMs) until the console has replaced `old` (Settings
// saved, sandbox reset) and returns the new window, or null with a warning.
// Watches the old window's destruction rather than comparing addresses: the
// new window is often allocated where the old one was.
Ui::MainWindow *waitForNewWindow(const Ui::Console &console, Ui::MainWindow *old,
                                 int timeoutMs = 20000);

// What an operator does to cancel one order from the main window's list:
// selects it, presses Del, picks the reason "duplicate" in the cancel dialog
// and presses its Cancel button, then waits (30 s) for the outcome. Returns
// the dialog, still open with its outcome shown (property "outcome"), or null,
// with a warning naming the step, when a step did not happen.
QDialog *cancelFromTheList(Ui::MainWindow &window, const Domain::OrderKey &key);

// The child of that name, with a warning naming it when there is none.
template<typename T> T *findNamed(QWidget &parent, const QString &name)
{
    auto *w = parent.findChild<T *>(name);
    if (!w)
        qWarning("no %s", qPrintable(name));
    return w;
}
// Replaces the text of the line edit of that name by typing, as an operator
// does (fails the test when there is none).
void typeInto(QWidget &parent, const QString &name, const QString &text);

} // namespace CancelDesk::Test
