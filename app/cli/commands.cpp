#include "commands.h"

#include "config/appconfig.h"
#include "domain/cancelpolicy.h"
#include "domain/cancelreason.h"
#include "domain/order.h"
#include "domain/orderstatus.h"
#include "domain/provider.h"
#include "i18n/language.h"
#include "providers/providerregistry.h"
#include "services/cancelservice.h"
#include "services/exporter.h"
#include "services/importer.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTextStream>

#include <cstdio>
#include <memory>
#include <optional>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {
namespace {

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue jsonTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoUtc(time)) : QJsonValue(QJsonValue::Null);
}

// Writes results: text for people, or exactly one JSON object per command for
// scripts (--json). Errors go to stderr in text mode and into the object in JSON
// mode, so stdout always holds one parseable object.
class Output
{
public:
    explicit Output(bool json)
        : m_json(json)
        , m_out(stdout)
        , m_err(stderr)
    {}

    bool json() const { return m_json; }
    void line(const QString &message)
    {
        if (!m_json)
            m_out << message << '\n' << Qt::flush;
    }
    void raw(const QString &content) { m_out << content << Qt::flush; }
    // Progress and side notes: stderr in both modes.
    void note(const QString &message) { m_err << message << '\n' << Qt::flush; }

    int finish(const QString &command, int code, QJsonObject result = {}, const QString &error = {})
    {
        if (m_json) {
            result.insert(u"command"_s, command);
            result.insert(u"exit_code"_s, code);
            result.insert(u"ok"_s, code == ExitSuccess);
            if (!error.isEmpty())
                result.insert(u"error"_s, error);
            m_out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)) << '\n'
                  << Qt::flush;
        } else if (!error.isEmpty()) {
            m_err << error << '\n' << Qt::flush;
        }
        return code;
    }

private:
    bool m_json = false;
    QTextStream m_out;
    QTextStream m_err;
};

// --lang must be known before the parser builds its (translated) help texts.
QString requestedLanguage(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--")
            break;
        if ((a == u"--lang" || a == u"-lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(u"--lang="))
            return a.mid(7);
    }
    return {};
}

QJsonObject orderJson(const Domain::Order &o)
{
    return QJsonObject{
        {u"provider"_s, Domain::providerKey(o.provider)},
        {u"payment_id"_s, o.paymentId},
        {u"merchant_reference"_s, o.merchantReference},
        {u"payment_method"_s, o.paymentMethod},
        {u"amount"_s, o.amount.toDecimalString()},
        {u"currency"_s, o.amount.currency},
        {u"status"_s, Domain::statusKey(o.status)},
        {u"raw_status"_s, o.rawStatus},
        {u"flags"_s, Domain::flagsKey(o.flags)},
        {u"created_at_utc"_s, jsonTime(o.createdAt)},
        {u"cancel_deadline_utc"_s, jsonTime(o.cancelDeadline)},
        {u"last_synced_at_utc"_s, jsonTime(o.lastSyncedAt)},
        {u"last_sync_error"_s, Providers::storedFailureText(o.lastSyncError)},
    };
}

const QStringList &orderColumns()
{
    static const QStringList columns{u"provider"_s,
                                     u"payment_id"_s,
                                     u"merchant_reference"_s,
                                     u"payment_method"_s,
                                     u"amount"_s,
                                     u"currency"_s,
                                     u"status"_s,
                                     u"raw_status"_s,
                                     u"flags"_s,
                                     u"created_at_utc"_s,
                                     u"cancel_deadline_utc"_s,
                                     u"last_synced_at_utc"_s};
    return columns;
}

QStringList orderCells(const Domain::Order &o)
{
    return {Domain::providerKey(o.provider),
            o.paymentId,
            o.merchantReference,
            o.paymentMethod,
            o.amount.toDecimalString(),
            o.amount.currency,
            Domain::statusKey(o.status),
            o.rawStatus,
            Domain::flagsKey(o.flags),
            isoUtc(o.createdAt),
            isoUtc(o.cancelDeadline),
            isoUtc(o.lastSyncedAt)};
}

// RFC 4180 with the spreadsheet-formula guard of F15.
QString csvCell(QString cell)
{
    if (!cell.isEmpty()
        && (cell.front() == u'=' || cell.front() == u'+' || cell.front() == u'-'
            || cell.front() == u'@' || cell.front() == u'\t' || cell.front() == u'\r'))
        cell.prepend(u'\'');
    if (cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n')
        || cell.contains(u'\r')) {
        cell.replace(u"\""_s, u"\"\""_s);
        cell = u'"' + cell + u'"';
    }
    return cell;
}

QString reportOutcome(const Services::CancelReport &report)
{
    return report.state ? Storage::attemptStateKey(*report.state) : QString();
}

QString refusalKey(Services::CancelReport::Refusal refusal)
{
    using R = Services::CancelReport::Refusal;
    switch (refusal) {
    case R::None:
        return {};
    case R::NotFound:
        return u"not_found"_s;
    case R::Ineligible:
        return u"ineligible"_s;
    case R::ActiveAttempt:
        return u"active_attempt"_s;
    case R::InvalidInput:
        return u"invalid_input"_s;
    case R::Configuration:
        return u"configuration"_s;
    case R::Storage:
        return u"storage"_s;
    }
    return {};
}

QJsonObject reportJson(const Services::CancelReport &report)
{
    QJsonObject o{
        {u"provider"_s, Domain::providerKey(report.order.provider)},
        {u"payment_id"_s, report.order.paymentId},
        {u"attempt_id"_s, report.attemptId},
        {u"outcome"_s,
         report.state ? QJsonValue(reportOutcome(report)) : QJsonValue(QJsonValue::Null)},
        {u"sent"_s, report.sent},
        {u"provider_code"_s, report.providerCode},
        {u"provider_message"_s, report.providerMessage},
        {u"http_status"_s, report.httpStatus},
        {u"tries"_s, report.tries},
        {u"retried"_s, report.retried},
        {u"message"_s, report.message},
    };
    if (report.refusal != Services::CancelReport::Refusal::None)
        o.insert(u"refusal"_s, refusalKey(report.refusal));
    if (report.guidance != Providers::Guidance::None) {
        o.insert(u"guidance"_s, Providers::guidanceKey(report.guidance));
        o.insert(u"guidance_text"_s, Providers::guidanceText(report.guidance));
    }
    if (report.lastFailure != Providers::FailureKind::None)
        o.insert(u"failure"_s, Providers::failureKindKey(report.lastFailure));
    return o;
}

QString reportLine(const Services::CancelReport &report)
{
    QString line =
        QCoreApplication::translate("Cli", "%1 %2: %3")
            .arg(Domain::providerDisplayName(report.order.provider), report.order.paymentId,
                 report.state ? reportOutcome(report)
                              : QCoreApplication::translate("Cli", "not sent"));
    if (!report.message.isEmpty())
        line += u" — "_s + report.message;
    if (!report.providerCode.isEmpty())
        line += u" ["_s + report.providerCode + u']';
    if (report.guidance != Providers::Guidance::None)
        line += u'\n' + Providers::guidanceText(report.guidance);
    return line;
}

// Everything a command may need, built on demand.
class Session
{
public:
    Session(Output &out, QCommandLineParser &parser)
        : m_out(out)
        , m_parser(parser)
    {}

    Output &out() { return m_out; }
    QCommandLineParser &parser() { return m_parser; }
    Config::AppConfig &config() { return m_config; }
    Storage::Database &db() { return *m_db; }
    Storage::OrderStore &orders() { return *m_orders; }
    Storage::CancelJournal &journal() { return *m_journal; }
    const QString &operatorName() const { return m_operator; }
    const Domain::CancelPolicy &policy() const { return m_policy; }

    // Config, policy, database. Returns an exit code, or -1 to go on.
    int open(const QString &command)
    {
        const QString configPath =
            m_parser.isSet(u"config"_s) ? m_parser.value(u"config"_s) : Config::defaultConfigPath();
        if (m_parser.isSet(u"config"_s) && !QFileInfo::exists(configPath))
            return m_out.finish(
                command, ExitUsage, {},
                QCoreApplication::translate("Cli", "The configuration file %1 does not exist.")
                    .arg(QDir::toNativeSeparators(configPath)));
        Config::ConfigLoad load = Config::loadConfig(configPath);
        if (!load.ok())
            return m_out.finish(command, ExitFailure, {}, load.error);
        // What the console shows in its banner (e.g. Antom answers that cannot
        // be verified outside production) goes to stderr here.
        for (const QString &warning : std::as_const(load.warnings))
            m_out.note(warning);
        m_config = std::move(load.config);

        m_operator = m_parser.value(u"operator"_s).trimmed();
        if (m_operator.isEmpty())
            m_operator = m_config.operatorName;
        if (m_operator.isEmpty())
            m_operator = Config::osUserName();

        Domain::PolicyLoadResult policy =
            Domain::CancelPolicy::load(m_config.cancelRulesOverrideFile);
        if (!policy.ok())
            return m_out.finish(command, ExitFailure, {}, policy.error);
        m_policy = policy.policy;
        if (m_config.uqpayTimeZone)
            m_policy.setProviderTimeZone(Domain::Provider::Uqpay, *m_config.uqpayTimeZone);

        const QString dbPath = m_parser.isSet(u"db"_s)
                                   ? m_parser.value(u"db"_s)
                                   : Config::defaultDatabasePath(m_config.environment);
        m_db = std::make_unique<Storage::Database>(dbPath);
        QString error;
        if (!m_db->open(&error))
            return m_out.finish(command, ExitFailure, {}, error);
        m_orders = std::make_unique<Storage::OrderStore>(*m_db, &m_policy);
        m_journal = std::make_unique<Storage::CancelJournal>(*m_db);
        return -1;
    }

    // The providers: from the config, or in the sandbox environment from the
    // announcement of a running canceldesk-sandbox. Empty string on success.
    QString connect()
    {
        if (m_registry)
            return {};
        if (!m_config.hasProviders() && m_config.environment == u"sandbox") {
            QString announcement = qEnvironmentVariable("CANCELDESK_SANDBOX_ANNOUNCEMENT");
            if (announcement.isEmpty())
                announcement = m_config.sandboxAnnouncementFile;
            if (announcement.isEmpty())
                return QCoreApplication::translate(
                    "Cli", "No provider is configured. For the sandbox, start canceldesk-sandbox, "
                           "save its first output line to a file (mode 600) and name that file in "
                           "CANCELDESK_SANDBOX_ANNOUNCEMENT or [general] sandbox_announcement.");
            const QString error = Config::applySandboxAnnouncement(m_config, announcement);
            if (!error.isEmpty())
                return error;
        }
        if (!m_config.hasProviders())
            return QCoreApplication::translate("Cli", "No provider is configured in %1.")
                .arg(QDir::toNativeSeparators(m_config.path.isEmpty() ? Config::defaultConfigPath()
                                                                      : m_config.path));
        m_registry = std::make_unique<Providers::ProviderRegistry>(m_config.providers);
        // The console's clock: local UTC corrected by the providers' Date
        // headers (F9), so that both decide eligibility alike.
        const Services::Clock clock = [registry = m_registry.get()] {
            return registry->http().correctedNowUtc();
        };
        m_refresh = std::make_unique<Services::RefreshService>(*m_orders, *m_registry,
                                                               m_config.network, clock);
        m_cancel = std::make_unique<Services::CancelService>(*m_orders, *m_journal, *m_registry,
                                                             m_policy, m_config.network, clock);
        return {};
    }

    Services::RefreshService &refresh() { return *m_refresh; }
    Services::CancelService &cancel() { return *m_cancel; }

    // F11: every command first resumes attempts left by a process that is gone.
    // Returns the reports (empty when there was nothing to resume) or, in
    // *error, why it could not run.
    QList<Services::CancelReport> recover(QString *error)
    {
        QString readError;
        if (m_journal->unfinished(&readError).isEmpty()) {
            if (!readError.isEmpty())
                *error = readError;
            return {};
        }
        if (const QString problem = connect(); !problem.isEmpty()) {
            *error = problem;
            return {};
        }
        QList<Services::CancelReport> reports;
        QEventLoop loop;
        Services::RecoveryJob *job = m_cancel->recover();
        QObject::connect(job, &Services::RecoveryJob::finished, &loop,
                         [&](const QList<Services::CancelReport> &r) {
                             reports = r;
                             loop.quit();
                         });
        loop.exec();
        return reports;
    }

    Services::RefreshSummary wait(Services::RefreshJob *job)
    {
        Services::RefreshSummary summary;
        QEventLoop loop;
        QObject::connect(job, &Services::RefreshJob::finished, &loop,
                         [&](const Services::RefreshSummary &s) {
                             summary = s;
                             loop.quit();
                         });
        loop.exec();
        return summary;
    }

    // The orders in the store with this payment id (one per provider at most).
    QList<Domain::Order> ordersWithId(const QString &paymentId,
                                      std::optional<Domain::Provider> provider) const
    {
        QList<Domain::Order> found;
        for (const Domain::Provider p : Domain::allProviders()) {
            if (provider && *provider != p)
                continue;
            if (auto order = m_orders->find(p, paymentId))
                found.append(*order);
        }
        return found;
    }

private:
    Output &m_out;
    QCommandLineParser &m_parser;
    Config::AppConfig m_config;
    QString m_operator;
    Domain::CancelPolicy m_policy;
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<Storage::OrderStore> m_orders;
    std::unique_ptr<Storage::CancelJournal> m_journal;
    // Declared after the stores they use, so destroyed before them.
    std::unique_ptr<Providers::ProviderRegistry> m_registry;
    std::unique_ptr<Services::RefreshService> m_refresh;
    std::unique_ptr<Services::CancelService> m_cancel;
};

std::optional<Domain::Provider> providerOption(Session &s, bool *bad)
{
    *bad = false;
    if (!s.parser().isSet(u"provider"_s))
        return std::nullopt;
    const auto provider = Domain::providerFromKey(s.parser().value(u"provider"_s).toLower());
    *bad = !provider;
    return provider;
}

QString badProviderText()
{
    return QCoreApplication::translate("Cli", "--provider must be uqpay, antom or liquido.");
}

int summaryCode(const Services::RefreshSummary &summary)
{
    return summary.failed > 0 ? ExitFailure : ExitSuccess;
}

QJsonObject summaryJson(const Services::RefreshSummary &summary)
{
    QJsonArray errors;
    for (const auto &[key, message] : summary.errors)
        errors.append(QJsonObject{{u"provider"_s, Domain::providerKey(key.provider)},
                                  {u"payment_id"_s, key.paymentId},
                                  {u"error"_s, message}});
    return QJsonObject{{u"total"_s, summary.total},           {u"done"_s, summary.done},
                       {u"failed"_s, summary.failed},         {u"conflicts"_s, summary.conflicts},
                       {u"reconciled"_s, summary.reconciled}, {u"errors"_s, errors}};
}

int ordersAdd(Session &s, const QStringList &args)
{
    const QString command = u"orders add"_s;
    bool bad = false;
    const auto provider = providerOption(s, &bad);
    const QString id = s.parser().value(u"id"_s).trimmed();
    if (args.size() != 2 || bad || !provider || id.isEmpty())
        return s.out().finish(command, ExitUsage, {},
                              bad ? badProviderText()
                                  : QCoreApplication::translate(
                                      "Cli",
                                      "Usage: orders add --provider uqpay|antom|liquido --id "
                                      "PAYMENT_ID"));
    if (const QString error = s.connect(); !error.isEmpty())
        return s.out().finish(command, ExitFailure, {}, error);
    const Services::RefreshSummary summary = s.wait(s.refresh().addById({*provider, id}));
    QJsonObject result = summaryJson(summary);
    if (summary.failed > 0) {
        const QString error =
            summary.errors.isEmpty()
                ? QCoreApplication::translate("Cli", "The payment could not be added.")
                : summary.errors.first().second;
        return s.out().finish(command, ExitFailure, result, error);
    }
    if (const auto order = s.orders().find(*provider, id)) {
        result.insert(u"order"_s, orderJson(*order));
        s.out().line(QCoreApplication::translate("Cli", "Added %1 %2: %3 %4 %5")
                         .arg(Domain::providerDisplayName(order->provider), order->paymentId,
                              order->amount.toDecimalString(), order->amount.currency,
                              Domain::statusKey(order->status)));
    }
    return s.out().finish(command, ExitSuccess, result);
}

int ordersList(Session &s, const QStringList &args)
{
    const QString command = u"orders list"_s;
    if (args.size() != 2)
        return s.out().finish(
            command, ExitUsage, {},
            QCoreApplication::translate("Cli", "orders list takes no arguments."));
    Storage::OrderQuery query;
    query.limit = 0;
    query.sort = Storage::OrderQuery::Sort::Created;
    bool bad = false;
    query.provider = providerOption(s, &bad);
    if (bad)
        return s.out().finish(command, ExitUsage, {}, badProviderText());
    if (s.parser().isSet(u"status"_s)) {
        query.status = Domain::statusFromKey(s.parser().value(u"status"_s).toUpper());
        if (!query.status)
            return s.out().finish(command, ExitUsage, {},
                                  QCoreApplication::translate(
                                      "Cli", "--status must be one of PENDING, REQUIRES_ACTION, "
                                             "AUTHORIZED, SUCCEEDED, CANCELLED, FAILED, UNKNOWN."));
    }
    const QString format =
        s.parser().isSet(u"format"_s) ? s.parser().value(u"format"_s).toLower() : u"table"_s;
    if (format != u"table" && format != u"csv" && format != u"json")
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "--format must be table, csv or json for orders list."));
    QString error;
    const QList<Domain::Order> orders = s.orders().query(query, &error);
    if (!error.isEmpty())
        return s.out().finish(command, ExitFailure, {}, error);

    if (s.out().json() || format == u"json") {
        QJsonArray array;
        for (const Domain::Order &o : orders)
            array.append(orderJson(o));
        if (s.out().json())
            return s.out().finish(command, ExitSuccess, {{u"orders"_s, array}});
        s.out().raw(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return ExitSuccess;
    }
    if (format == u"csv") {
        QString csv = orderColumns().join(u',') + u"\r\n"_s;
        for (const Domain::Order &o : orders) {
            QStringList cells = orderCells(o);
            for (QString &c : cells)
                c = csvCell(c);
            csv += cells.join(u',') + u"\r\n"_s;
        }
        s.out().raw(csv);
        return ExitSuccess;
    }
    // A plain table for people; column widths from the content.
    const QStringList head{QCoreApplication::translate("Cli", "Provider"),
                           QCoreApplication::translate("Cli", "Payment ID"),
                           QCoreApplication::translate("Cli", "Reference"),
                           QCoreApplication::translate("Cli", "Method"),
                           QCoreApplication::translate("Cli", "Amount"),
                           QCoreApplication::translate("Cli", "Status"),
                           QCoreApplication::translate("Cli", "Created (UTC)"),
                           QCoreApplication::translate("Cli", "Deadline (UTC)")};
    QList<QStringList> rows{head};
    for (const Domain::Order &o : orders)
        rows.append({Domain::providerKey(o.provider), o.paymentId, o.merchantReference,
                     o.paymentMethod, o.amount.toDecimalString() + u' ' + o.amount.currency,
                     Domain::statusKey(o.status), isoUtc(o.createdAt), isoUtc(o.cancelDeadline)});
    QList<qsizetype> widths(head.size(), 0);
    for (const QStringList &row : rows)
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    QString table;
    for (const QStringList &row : rows) {
        QStringList padded;
        for (qsizetype i = 0; i < row.size(); ++i)
            padded.append(row[i].leftJustified(widths[i]));
        table += padded.join(u"  "_s).trimmed() + u'\n';
    }
    table += QCoreApplication::translate("Cli", "%n order(s)", nullptr, int(orders.size())) + u'\n';
    s.out().raw(table);
    return ExitSuccess;
}

int ordersImport(Session &s, const QStringList &args)
{
    const QString command = u"orders import"_s;
    if (args.size() != 3)
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "Usage: orders import FILE"));
    const QString path = args.at(2);
    if (!QFileInfo(path).isFile())
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "The file %1 does not exist.")
                                  .arg(QDir::toNativeSeparators(path)));
    Services::Importer importer(s.orders(), &s.policy());
    const Services::ImportResult result = importer.importFile(path);
    QJsonArray issues;
    for (const Services::ImportIssue &issue : result.issues) {
        issues.append(QJsonObject{{u"line"_s, issue.line}, {u"reason"_s, issue.reason}});
        s.out().note(
            QCoreApplication::translate("Cli", "Line %1: %2").arg(issue.line).arg(issue.reason));
    }
    const QJsonObject json{{u"file"_s, QFileInfo(path).absoluteFilePath()},
                           {u"rows"_s, result.rows},
                           {u"imported"_s, result.imported},
                           {u"unchanged"_s, result.unchanged},
                           {u"committed"_s, result.committed},
                           {u"issues"_s, issues}};
    if (!result.ok())
        // A file's fault is bad input; the database's is a failure to retry.
        return s.out().finish(command,
                              result.committed || result.storageFailed ? ExitFailure : ExitUsage,
                              json, result.error);
    s.out().line(QCoreApplication::translate(
                     "Cli", "Imported %1 order(s), %2 unchanged, %3 row(s) with problems.")
                     .arg(result.imported)
                     .arg(result.unchanged)
                     .arg(result.issues.size()));
    // Bad rows are bad input even though the good rows were imported.
    return s.out().finish(command, result.issues.isEmpty() ? ExitSuccess : ExitUsage, json,
                          result.issues.isEmpty()
                              ? QString()
                              : QCoreApplication::translate("Cli", "%n row(s) were not imported.",
                                                            nullptr, int(result.issues.size())));
}

int refreshCommand(Session &s, const QStringList &args)
{
    const QString command = u"refresh"_s;
    const QStringList ids = args.mid(1);
    const bool all = s.parser().isSet(u"all"_s);
    if (all == !ids.isEmpty())
        return s.out().finish(
            command, ExitUsage, {},
            QCoreApplication::translate("Cli", "Usage: refresh PAYMENT_ID … or refresh --all"));
    bool bad = false;
    const auto provider = providerOption(s, &bad);
    if (bad)
        return s.out().finish(command, ExitUsage, {}, badProviderText());
    QList<Domain::OrderKey> keys;
    for (const QString &id : ids) {
        const QList<Domain::Order> found = s.ordersWithId(id, provider);
        if (found.isEmpty())
            return s.out().finish(command, ExitUsage, {},
                                  QCoreApplication::translate(
                                      "Cli",
                                      "Payment %1 is not in the local store; add it first with "
                                      "\"orders add\".")
                                      .arg(id));
        for (const Domain::Order &o : found)
            keys.append({o.provider, o.paymentId});
    }
    if (const QString error = s.connect(); !error.isEmpty())
        return s.out().finish(command, ExitFailure, {}, error);
    const Services::RefreshSummary summary =
        s.wait(all ? s.refresh().refreshAll() : s.refresh().refresh(keys));
    s.out().line(QCoreApplication::translate(
                     "Cli", "Refreshed %1 of %2 order(s); %3 failed, %4 conflict(s).")
                     .arg(summary.done - summary.failed)
                     .arg(summary.total)
                     .arg(summary.failed)
                     .arg(summary.conflicts));
    if (summary.reconciled > 0)
        s.out().line(QCoreApplication::translate(
            "Cli", "%n unresolved cancel attempt(s) settled from the provider's status.", nullptr,
            summary.reconciled));
    for (const auto &[key, message] : summary.errors)
        s.out().note(u"%1 %2: %3"_s.arg(Domain::providerKey(key.provider), key.paymentId, message));
    return s.out().finish(command, summaryCode(summary), summaryJson(summary),
                          summary.failed > 0 ? QCoreApplication::translate(
                              "Cli", "%n order(s) could not be refreshed.", nullptr, summary.failed)
                                             : QString());
}

bool confirmOnTerminal(const Domain::Order &order)
{
    QTextStream err(stderr);
    err << QCoreApplication::translate("Cli",
                                       "Cancel payment %1 (%2 %3) at %4? Type yes to confirm: ")
               .arg(order.paymentId, order.amount.toDecimalString(), order.amount.currency,
                    Domain::providerDisplayName(order.provider))
        << Qt::flush;
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    // Both languages: the prompt says "yes"; a Chinese operator may type 是.
    return answer == u"yes" || answer == QCoreApplication::translate("Cli", "yes").toLower()
           || answer == u"是";
}

int cancelCommand(Session &s, const QStringList &args)
{
    const QString command = u"cancel"_s;
    if (args.size() != 2 || !s.parser().isSet(u"reason"_s))
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "Usage: cancel PAYMENT_ID --reason CODE [--note TEXT] "
                                         "[--provider P] [--yes]"));
    const QString id = args.at(1);
    const auto reason = Domain::cancelReasonFromKey(s.parser().value(u"reason"_s).toLower());
    if (!reason) {
        QStringList keys;
        for (const Domain::CancelReason r : Domain::allCancelReasons())
            keys.append(Domain::cancelReasonKey(r));
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "--reason must be one of: %1.")
                                  .arg(keys.join(u", "_s)));
    }
    const QString note = s.parser().value(u"note"_s);
    if (const QString problem = Domain::validateCancelReason(*reason, note); !problem.isEmpty())
        return s.out().finish(command, ExitUsage, {}, problem);
    bool bad = false;
    const auto provider = providerOption(s, &bad);
    if (bad)
        return s.out().finish(command, ExitUsage, {}, badProviderText());
    const QList<Domain::Order> found = s.ordersWithId(id, provider);
    if (found.isEmpty())
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "Payment %1 is not in the local store; add it first with "
                                         "\"orders add\".")
                                  .arg(id));
    if (found.size() > 1) {
        QStringList names;
        for (const Domain::Order &o : found)
            names.append(Domain::providerKey(o.provider));
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "Payment %1 exists at several providers (%2); choose one "
                                         "with --provider.")
                                  .arg(id, names.join(u", "_s)));
    }
    const Domain::Order order = found.first();

    if (!s.parser().isSet(u"yes"_s)) {
        if (!::isatty(STDIN_FILENO))
            return s.out().finish(command, ExitUsage, {},
                                  QCoreApplication::translate(
                                      "Cli",
                                      "Not cancelled: there is no terminal to confirm on. Pass "
                                      "--yes to cancel without asking."));
        if (!confirmOnTerminal(order))
            return s.out().finish(command, ExitUsage, {},
                                  QCoreApplication::translate("Cli", "Not cancelled."));
    }
    if (const QString error = s.connect(); !error.isEmpty())
        return s.out().finish(command, ExitFailure, {}, error);
    // Decide on the provider's status of now and on its clock (the Date of
    // this answer corrects the local clock), as the console does.
    const Services::RefreshSummary fresh =
        s.wait(s.refresh().refresh({{order.provider, order.paymentId}}));
    for (const auto &[key, message] : fresh.errors)
        s.out().note(QCoreApplication::translate(
                         "Cli", "The status of %1 could not be refreshed (%2); deciding on the "
                                "stored status.")
                         .arg(key.paymentId, message));

    Services::CancelOrderRequest request;
    request.order = {order.provider, order.paymentId};
    request.reason = *reason;
    request.note = note;
    request.operatorName = s.operatorName();
    request.environment = s.config().environment;

    Services::CancelReport report;
    QEventLoop loop;
    Services::CancelJob *job = s.cancel().cancel(request);
    QObject::connect(job, &Services::CancelJob::stateChanged, &loop,
                     [&s](Storage::AttemptState state) {
                         if (!s.out().json())
                             s.out().note(Storage::attemptStateLabel(state));
                     });
    QObject::connect(job, &Services::CancelJob::finished, &loop,
                     [&](const Services::CancelReport &r) {
                         report = r;
                         loop.quit();
                     });
    loop.exec();

    const int code = exitCodeFor(report);
    s.out().line(reportLine(report));
    return s.out().finish(command, code, reportJson(report));
}

int recoverResultCode(const QList<Services::CancelReport> &reports)
{
    int code = ExitSuccess;
    for (const Services::CancelReport &r : reports) {
        const int c = exitCodeFor(r);
        // A recovered attempt that the provider rejected is resolved, not a failure.
        if (c == ExitUnresolved || c == ExitFailure)
            code = std::max(code, c);
    }
    return code;
}

int logExport(Session &s, const QStringList &args)
{
    const QString command = u"log export"_s;
    const QString out = s.parser().value(u"out"_s);
    if (args.size() != 2 || out.isEmpty())
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "Usage: log export --out FILE [--format csv|xlsx|jsonl] "
                                         "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-bom]"));
    Services::ExportOptions options;
    if (s.parser().isSet(u"format"_s)) {
        const auto format = Services::exportFormatFromKey(s.parser().value(u"format"_s).toLower());
        if (!format)
            return s.out().finish(
                command, ExitUsage, {},
                QCoreApplication::translate("Cli",
                                            "--format must be csv, xlsx or jsonl for log export."));
        options.format = *format;
    }
    options.bom = !s.parser().isSet(u"no-bom"_s);
    for (const QString &name : {u"from"_s, u"to"_s}) {
        if (!s.parser().isSet(name))
            continue;
        const QDate date = QDate::fromString(s.parser().value(name), Qt::ISODate);
        if (!date.isValid())
            return s.out().finish(
                command, ExitUsage, {},
                QCoreApplication::translate("Cli", "--%1 must be a date written YYYY-MM-DD.")
                    .arg(name));
        (name == u"from" ? options.from : options.to) = date;
    }
    if (options.from && options.to && *options.from > *options.to)
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "--from is after --to."));
    Services::Exporter exporter(s.db());
    const Services::ExportResult result = exporter.exportNow(out, options);
    QJsonObject json{{u"file"_s, QFileInfo(out).absoluteFilePath()},
                     {u"format"_s, Services::exportFormatKey(options.format)},
                     {u"rows"_s, result.rows}};
    if (!result.manifestPath.isEmpty())
        json.insert(u"manifest"_s, QFileInfo(result.manifestPath).absoluteFilePath());
    if (!result.ok())
        return s.out().finish(command, ExitFailure, json,
                              result.error.isEmpty()
                                  ? QCoreApplication::translate("Cli", "The export was stopped.")
                                  : result.error);
    s.out().line(QCoreApplication::translate("Cli", "Exported %n cancel log entry(ies) to %1.",
                                             nullptr, int(result.rows))
                     .arg(QDir::toNativeSeparators(out)));
    s.out().line(QCoreApplication::translate("Cli", "Manifest with the cancel log's head: %1")
                     .arg(QDir::toNativeSeparators(result.manifestPath)));
    return s.out().finish(command, ExitSuccess, json);
}

int logHead(Session &s, const QStringList &args)
{
    const QString command = u"log head"_s;
    if (args.size() != 2)
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "log head takes no arguments."));
    QString error;
    const std::optional<Storage::JournalHead> head = s.journal().head(&error);
    if (!head)
        return s.out().finish(command, ExitFailure, {}, error);
    // PRODUCT.md §10: exactly {"seq": N, "hash": "…"} with --json, written as
    // the contract spells it (QJsonDocument would sort the keys; the hash is
    // hex and needs no escaping), and SEQ:HASH alone otherwise, so either can
    // be kept or passed to log verify --expect-head as it is.
    s.out().raw((s.out().json()
                     ? u"{\"seq\": %1, \"hash\": \"%2\"}"_s.arg(head->seq).arg(head->hash)
                     : head->toString())
                + u'\n');
    return ExitSuccess;
}

// The head log verify is to check against: from --expect-head or from the
// manifest named by --expect-manifest. Returns an exit code, or -1 to go on.
int expectedHead(Session &s, const QString &command, std::optional<Storage::JournalHead> *head)
{
    const bool fromText = s.parser().isSet(u"expect-head"_s);
    const bool fromManifest = s.parser().isSet(u"expect-manifest"_s);
    if (fromText && fromManifest)
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "Give --expect-head or --expect-manifest, not both."));
    if (fromText) {
        *head = Storage::JournalHead::parse(s.parser().value(u"expect-head"_s));
        if (!*head)
            return s.out().finish(command, ExitUsage, {},
                                  QCoreApplication::translate(
                                      "Cli", "--expect-head %1 is not SEQ:HASH: the entry number "
                                             "and its 64 hex digit hash, as log head prints it.")
                                      .arg(s.parser().value(u"expect-head"_s)));
    } else if (fromManifest) {
        QString error;
        const auto manifest =
            Services::readManifest(s.parser().value(u"expect-manifest"_s), &error);
        if (!manifest)
            return s.out().finish(command, ExitUsage, {}, error);
        *head = manifest->head;
    }
    return -1;
}

int logVerify(Session &s, const QStringList &args)
{
    const QString command = u"log verify"_s;
    if (args.size() != 2)
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "log verify takes no arguments."));
    std::optional<Storage::JournalHead> expected;
    if (const int code = expectedHead(s, command, &expected); code >= 0)
        return code;
    const Storage::VerifyResult result =
        expected ? s.journal().verifyAgainst(*expected) : s.journal().verify();
    QJsonObject json{{u"entries_checked"_s, result.entriesChecked}, {u"intact"_s, result.ok}};
    if (expected)
        json.insert(u"expected_head"_s, expected->toJson());
    if (result.ok) {
        s.out().line(QCoreApplication::translate("Cli",
                                                 "The cancel log is intact: %n entry(ies) checked.",
                                                 nullptr, int(result.entriesChecked)));
        if (expected && expected->seq > 0)
            s.out().line(QCoreApplication::translate(
                             "Cli", "Entry %1 is still there with the expected hash.")
                             .arg(expected->seq));
        return s.out().finish(command, ExitSuccess, json);
    }
    json.insert(u"first_bad_entry"_s, result.firstBadEntry);
    json.insert(u"first_bad_attempt"_s, result.firstBadAttempt);
    json.insert(u"problem"_s, result.problem);
    return s.out().finish(command, ExitVerifyFailed, json,
                          QCoreApplication::translate(
                              "Cli", "The cancel log has been altered: entry %1 (attempt %2): %3")
                              .arg(result.firstBadEntry)
                              .arg(result.firstBadAttempt)
                              .arg(result.problem));
}

QString description()
{
    return QCoreApplication::translate(
        "Cli",
        "CancelDesk on the command line: add, refresh and cancel payments at UQPAY, Antom and "
        "Liquido; export and verify the cancel log.\n"
        "\n"
        "Commands:\n"
        "  orders add --provider uqpay|antom|liquido --id PAYMENT_ID\n"
        "  orders import FILE                      (.csv or .json)\n"
        "  orders list [--provider P] [--status S] [--format table|csv|json]\n"
        "  refresh [PAYMENT_ID ...] [--all]\n"
        "  cancel PAYMENT_ID --reason CODE [--note TEXT] [--provider P] [--yes]\n"
        "  recover\n"
        "  log export --out FILE [--format csv|xlsx|jsonl] [--from YYYY-MM-DD] [--to YYYY-MM-DD] "
        "[--no-bom]\n"
        "  log verify [--expect-head SEQ:HASH | --expect-manifest FILE]\n"
        "  log head\n"
        "\n"
        "Every command first resumes unfinished cancel attempts; recover does only that.\n"
        "log head prints the cancel log's head as SEQ:HASH (with --json: {\"seq\": N, \"hash\": "
        "\"…\"}); every log export writes FILE.manifest.json beside FILE with that head, the row "
        "count and the file's SHA-256. Keep either: log verify --expect-head SEQ:HASH or "
        "--expect-manifest FILE fails (exit 6) unless that entry is still there with that hash "
        "and the whole log verifies.\n"
        "Exit codes: 0 success (cancel: confirmed), 2 usage error or bad input, 3 cancel refused "
        "(by the provider, or locally as ineligible: nothing sent), 4 outcome unknown "
        "(UNRESOLVED), 5 network, configuration, authentication or protocol error, 6 cancel log "
        "verification failed.\n"
        "\n"
        "Sandbox: in the sandbox environment with no provider configured, the CLI talks to a "
        "running canceldesk-sandbox. Start it (canceldesk-sandbox --port 0 --state-dir DIR), save "
        "its first output line to a file readable only by you (chmod 600), and name that file in "
        "the environment variable CANCELDESK_SANDBOX_ANNOUNCEMENT or in [general] "
        "sandbox_announcement= of the config file.");
}

} // namespace

int exitCodeFor(const Services::CancelReport &report)
{
    using R = Services::CancelReport::Refusal;
    using Providers::FailureKind;
    switch (report.refusal) {
    case R::None:
        break;
    case R::NotFound:
    case R::InvalidInput:
        return ExitUsage;
    case R::Ineligible:
    case R::ActiveAttempt:
        return ExitRefused;
    case R::Configuration:
    case R::Storage:
        return ExitFailure;
    }
    const bool brokenSetup = report.lastFailure == FailureKind::Configuration
                             || report.lastFailure == FailureKind::Authentication
                             || report.lastFailure == FailureKind::Protocol;
    if (!report.state)
        return ExitFailure;
    switch (*report.state) {
    case Storage::AttemptState::Succeeded:
        return ExitSuccess;
    case Storage::AttemptState::Rejected:
        return brokenSetup ? ExitFailure : ExitRefused;
    case Storage::AttemptState::Unresolved:
        // Always 4: the cancel may have happened; a 5 would read as "nothing
        // happened" and invite a scripted retry.
        return ExitUnresolved;
    case Storage::AttemptState::Prepared:
    case Storage::AttemptState::Sent:
    case Storage::AttemptState::Confirming:
        // Stopped while still active: recovery will finish it.
        return ExitUnresolved;
    }
    return ExitFailure;
}

int run(const QStringList &arguments)
{
    // The language comes first: every message and the help text are translated.
    I18n::Translations translations;
    const QString lang = requestedLanguage(arguments);
    const QString language =
        lang.isEmpty() ? I18n::languageForLocale(QLocale::system()) : I18n::normalizeLanguage(lang);
    const bool jsonRequested = arguments.contains(u"--json"_s);
    if (language.isEmpty()) {
        Output out(jsonRequested);
        return out.finish({}, ExitUsage, {},
                          QCoreApplication::translate("Cli", "--lang must be en or zh_CN."));
    }
    translations.apply(language);

    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption = parser.addHelpOption();
    parser.addOptions({
        {u"config"_s,
         QCoreApplication::translate("Cli", "Configuration file (default: %1).")
             .arg(Config::defaultConfigPath()),
         QCoreApplication::translate("Cli", "FILE")},
        {u"db"_s,
         QCoreApplication::translate(
             "Cli", "Order and cancel log database (default: %1, one per environment).")
             .arg(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                      .filePath(u"canceldesk-ENVIRONMENT.sqlite"_s)),
         QCoreApplication::translate("Cli", "FILE")},
        {u"operator"_s,
         QCoreApplication::translate("Cli", "Operator name recorded in the cancel log."),
         QCoreApplication::translate("Cli", "NAME")},
        {u"lang"_s, QCoreApplication::translate("Cli", "Language of messages: en or zh_CN."),
         QCoreApplication::translate("Cli", "LANG")},
        {u"json"_s,
         QCoreApplication::translate("Cli", "Print one JSON object per command result.")},
        {u"provider"_s, QCoreApplication::translate("Cli", "Provider: uqpay, antom or liquido."),
         QCoreApplication::translate("Cli", "P")},
        {u"id"_s, QCoreApplication::translate("Cli", "Payment ID (orders add)."),
         QCoreApplication::translate("Cli", "PAYMENT_ID")},
        {u"status"_s, QCoreApplication::translate("Cli", "Normalised status filter (orders list)."),
         QCoreApplication::translate("Cli", "S")},
        {u"format"_s,
         QCoreApplication::translate(
             "Cli", "Output format: table|csv|json (orders list), csv|xlsx|jsonl (log export)."),
         QCoreApplication::translate("Cli", "FORMAT")},
        {u"all"_s, QCoreApplication::translate("Cli", "Refresh every order (refresh).")},
        {u"reason"_s,
         QCoreApplication::translate("Cli",
                                     "Cancel reason: requested_by_customer, duplicate, fraudulent, "
                                     "abandoned or other (other needs --note)."),
         QCoreApplication::translate("Cli", "CODE")},
        {u"note"_s, QCoreApplication::translate("Cli", "Note for the cancel log."),
         QCoreApplication::translate("Cli", "TEXT")},
        {u"yes"_s, QCoreApplication::translate("Cli", "Cancel without asking for confirmation.")},
        {u"out"_s, QCoreApplication::translate("Cli", "Export file (log export)."),
         QCoreApplication::translate("Cli", "FILE")},
        {u"from"_s,
         QCoreApplication::translate("Cli",
                                     "First day of the export, inclusive, in your time zone."),
         QCoreApplication::translate("Cli", "YYYY-MM-DD")},
        {u"to"_s,
         QCoreApplication::translate("Cli",
                                     "Last day of the export, inclusive, in your time zone."),
         QCoreApplication::translate("Cli", "YYYY-MM-DD")},
        {u"no-bom"_s, QCoreApplication::translate(
                          "Cli", "Write the CSV export without a UTF-8 byte order mark.")},
        {u"expect-head"_s,
         QCoreApplication::translate(
             "Cli", "A head kept earlier (log head) that log verify must still find."),
         QCoreApplication::translate("Cli", "SEQ:HASH")},
        {u"expect-manifest"_s,
         QCoreApplication::translate("Cli",
                                     "An export manifest whose head log verify must still find."),
         QCoreApplication::translate("Cli", "FILE")},
    });
    parser.addPositionalArgument(
        u"command"_s, QCoreApplication::translate("Cli", "The command and its arguments."),
        QCoreApplication::translate("Cli", "COMMAND …"));

    if (!parser.parse(arguments)) {
        Output out(jsonRequested);
        return out.finish({}, ExitUsage, {},
                          parser.errorText() + u'\n'
                              + QCoreApplication::translate(
                                  "Cli", "Run canceldesk-cli --help for the commands."));
    }
    Output out(parser.isSet(u"json"_s));
    if (parser.isSet(helpOption)) {
        out.raw(parser.helpText());
        return ExitSuccess;
    }
    const QStringList args = parser.positionalArguments();
    const QString group = args.value(0);
    const QString sub = args.value(1);
    QString command = group;
    if (group == u"orders" || group == u"log")
        command = group + u' ' + sub;

    enum class Kind {
        OrdersAdd,
        OrdersImport,
        OrdersList,
        Refresh,
        Cancel,
        Recover,
        Export,
        Verify,
        Head
    };
    std::optional<Kind> kind;
    if (command == u"orders add")
        kind = Kind::OrdersAdd;
    else if (command == u"orders import")
        kind = Kind::OrdersImport;
    else if (command == u"orders list")
        kind = Kind::OrdersList;
    else if (command == u"refresh")
        kind = Kind::Refresh;
    else if (command == u"cancel")
        kind = Kind::Cancel;
    else if (command == u"recover")
        kind = Kind::Recover;
    else if (command == u"log export")
        kind = Kind::Export;
    else if (command == u"log verify")
        kind = Kind::Verify;
    else if (command == u"log head")
        kind = Kind::Head;
    if (!kind)
        return out.finish(
            command, ExitUsage, {},
            (group.isEmpty()
                 ? QCoreApplication::translate("Cli", "No command given.")
                 : QCoreApplication::translate("Cli", "Unknown command: %1").arg(command))
                + u'\n'
                + QCoreApplication::translate("Cli",
                                              "Run canceldesk-cli --help for the commands."));

    Session session(out, parser);
    if (const int code = session.open(command); code >= 0)
        return code;

    // F11 recovery before anything else.
    QString recoveryError;
    const QList<Services::CancelReport> recovered = session.recover(&recoveryError);
    if (*kind == Kind::Recover) {
        if (args.size() != 1)
            return out.finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "recover takes no arguments."));
        if (!recoveryError.isEmpty())
            return out.finish(command, ExitFailure, {}, recoveryError);
        QJsonArray reports;
        for (const Services::CancelReport &r : recovered) {
            reports.append(reportJson(r));
            out.line(reportLine(r));
        }
        out.line(QCoreApplication::translate("Cli", "%n unfinished attempt(s) resumed.", nullptr,
                                             int(recovered.size())));
        return out.finish(command, recoverResultCode(recovered), {{u"recovered"_s, reports}});
    }
    if (!recoveryError.isEmpty())
        out.note(QCoreApplication::translate("Cli",
                                             "Unfinished cancel attempts could not be resumed: %1")
                     .arg(recoveryError));
    for (const Services::CancelReport &r : recovered)
        out.note(QCoreApplication::translate("Cli", "Resumed: %1").arg(reportLine(r)));

    const QStringList &commandArgs = args;
    switch (*kind) {
    case Kind::OrdersAdd:
        return ordersAdd(session, commandArgs);
    case Kind::OrdersImport:
        return ordersImport(session, commandArgs);
    case Kind::OrdersList:
        return ordersList(session, commandArgs);
    case Kind::Refresh:
        return refreshCommand(session, commandArgs);
    case Kind::Cancel:
        return cancelCommand(session, commandArgs);
    case Kind::Recover:
        break;
    case Kind::Export:
        return logExport(session, commandArgs);
    case Kind::Verify:
        return logVerify(session, commandArgs);
    case Kind::Head:
        return logHead(session, commandArgs);
    }
    return ExitFailure;
}

} // namespace CancelDesk::Cli
