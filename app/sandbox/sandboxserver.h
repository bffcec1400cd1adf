#pragma once

#include "sandboxstate.h"
#include "scenario.h"
#include "simtypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <map>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QNetworkAccessManager;
class QTcpSocket;
class QTemporaryDir;
class QTimer;

namespace CancelDesk::Sandbox {

class AntomSim;
class LiquidoSim;
class ProviderSim;
class UqpaySim;

// The most payments --demo-count may generate per provider: 100,000 per
// provider keeps the sandbox's memory in the tens of MiB.
constexpr int kMaxGeneratedPerProvider = 100000;

struct SandboxOptions
{
    quint16 port = 0; // 0: any free port
    // Keys and credentials; empty: a temporary directory removed on shutdown.
    QString stateDir;
    // Scenarios to load at start (format: app/sandbox/README.md).
    QString scenarioFile;
    bool seedDemo = true;
    // Payments each provider generates besides the demo ones (--demo-count),
    // 0…kMaxGeneratedPerProvider, with deterministic ids (GeneratedIds) that
    // the announcement describes instead of listing them. Only a sandbox that
    // starts afresh generates them (not one that restored payments.json).
    int generatedCount = 0;
    // Keep the payments and their cancels in stateDir/payments.json, so that a
    // restart continues where the last run stopped (the console's sandbox). A
    // state folder without that file is seeded (seedDemo) and then kept.
    bool persist = false;
    // How long a UQPAY wallet cancel stays "accepted" before it flips to CANCELLED.
    int asyncCancelDelayMs = 2000;
    // Where acquiring.cancel.succeeded is POSTed; loopback only; empty = none.
    QUrl uqpayWebhookUrl;
};

// The provider simulator of PRODUCT.md F19: UQPAY, Antom and Liquido on one
// loopback port (their paths do not clash), faithful to PROVIDERS.md, with
// scripted scenarios per payment and a clock that tests can move. Used by the
// canceldesk-sandbox executable, by the GUI's Sandbox environment (in-process)
// and by end-to-end tests.
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on 127.0.0.1; returns the bound port, 0 on failure (errorString()).
    quint16 start(const SandboxOptions &options = {});
    QString errorString() const { return m_error; }
    // Set when start() succeeded but set an unreadable payments.json aside
    // (renamed, not deleted) and began afresh; names the file.
    QString startWarning() const { return m_startWarning; }
    // The file the payments are kept in; empty without SandboxOptions::persist.
    QString paymentsFile() const { return m_paymentsFile; }
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;
    // The F19 configuration object (the executable's first stdout line).
    QJsonObject config() const;
    const SandboxState &state() const { return m_state; }
    QStringList demoIds(const QString &provider) const;
    // How many payments each provider generated (SandboxOptions::generatedCount).
    int generatedCount() const { return m_generatedCount; }

    // Scenarios; they may be added before or after start().
    void addScenario(const Scenario &scenario);
    bool loadScenarios(const QByteArray &json, QString *error = nullptr);
    bool loadScenarioFile(const QString &path, QString *error = nullptr);
    void clearScenarios();

    // The sandbox clock: source() + offset. Defaults to the system clock.
    void setClock(ClockFn source);
    void advanceClock(qint64 seconds);
    QDateTime now() const;

    void setAsyncCancelDelay(int ms);
    void setUqpayWebhookUrl(const QUrl &url);

    // The simulated providers, for tests that add payments or inspect state.
    // Valid after a successful start().
    UqpaySim &uqpay() const { return *m_uqpay; }
    AntomSim &antom() const { return *m_antom; }
    LiquidoSim &liquido() const { return *m_liquido; }

Q_SIGNALS:
    // One per answered (or dropped, status 0) request; never carries headers or bodies.
    void requestServed(const QString &method, const QString &path, int status);
    void cancelFlipped(const QString &paymentId);
    void webhookDelivered(const QUrl &url, int httpStatus);

private:
    struct Held;

    void onRequest(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    ProviderSim *simFor(const SimRequest &request) const;
    void deliver(QHttpServerResponder &responder, const SimResponse &response, bool truncate);
    void hold(QHttpServerResponder &&responder, SimResponse response, int ms, bool drop,
              bool truncate, const QString &method, const QString &path);
    void scheduleFlips();
    void flip(const QString &paymentId);
    void postWebhook(const QByteArray &body);
    bool restorePayments();
    void savePayments();

    QHttpServer *m_http = nullptr;
    QNetworkAccessManager *m_webhookNetwork = nullptr;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    SandboxState m_state;
    std::unique_ptr<UqpaySim> m_uqpay;
    std::unique_ptr<AntomSim> m_antom;
    std::unique_ptr<LiquidoSim> m_liquido;
    ScenarioBook m_scenarios;
    ClockFn m_clockSource;
    qint64 m_clockOffsetSeconds = 0;
    int m_asyncCancelDelayMs = 2000;
    QUrl m_webhookUrl;
    quint16 m_port = 0;
    int m_generatedCount = 0;
    QString m_error;
    QString m_startWarning;
    QString m_paymentsFile;
    QByteArray m_savedPayments;
    std::map<quint64, std::unique_ptr<Held>> m_held;
    quint64 m_nextHeld = 0;
};

} // namespace CancelDesk::Sandbox
