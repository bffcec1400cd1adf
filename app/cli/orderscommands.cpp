// orders add, orders list, orders import and refresh.
#include "cliformat.h"
#include "clisession.h"
#include "commands.h"
#include "commandset.h"
#include "output.h"
#include "services/exporter.h"
#include "services/importer.h"
#include "services/refreshservice.h"
#include "storage/orderstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {
namespace {

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

// The filter of orders list from --provider and --status; an exit code in
// *code when they are wrong (else -1).
Storage::OrderQuery listQuery(Session &s, const QString &command, int *code)
{
    *code = -1;
    Storage::OrderQuery query;
    query.limit = 0;
    query.sort = Storage::OrderQuery::Sort::Created;
    bool bad = false;
    query.provider = providerOption(s, &bad);
    if (bad) {
        *code = s.out().finish(command, ExitUsage, {}, badProviderText());
        return query;
    }
    if (s.parser().isSet(u"status"_s)) {
        query.status = Domain::statusFromKey(s.parser().value(u"status"_s).toUpper());
        if (!query.status)
            *code =
                s.out().finish(command, ExitUsage, {},
                               QCoreApplication::translate(
                                   "Cli", "--status must be one of PENDING, REQUIRES_ACTION, "
                                          "AUTHORIZED, SUCCEEDED, CANCELLED, FAILED, UNKNOWN."));
    }
    return query;
}

int printJson(Session &s, const QString &command, const QList<Domain::Order> &orders)
{
    QJsonArray array;
    for (const Domain::Order &o : orders)
        array.append(orderJson(o));
    if (s.out().json())
        return s.out().finish(command, ExitSuccess, {{u"orders"_s, array}});
    s.out().raw(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
    return ExitSuccess;
}

int printCsv(Session &s, const QList<Domain::Order> &orders)
{
    QString csv = orderColumns().join(u',') + u"\r\n"_s;
    for (const Domain::Order &o : orders) {
        QStringList cells = orderCells(o);
        for (QString &c : cells)
            c = Services::csvField(c);
        csv += cells.join(u',') + u"\r\n"_s;
    }
    s.out().raw(csv);
    return ExitSuccess;
}

// A plain table for people; column widths from the content.
int printTable(Session &s, const QList<Domain::Order> &orders)
{
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

QJsonObject importJson(const QString &path, const Services::ImportResult &result)
{
    QJsonArray issues;
    for (const Services::ImportIssue &issue : result.issues)
        issues.append(QJsonObject{{u"line"_s, issue.line}, {u"reason"_s, issue.reason}});
    return {{u"file"_s, QFileInfo(path).absoluteFilePath()},
            {u"rows"_s, result.rows},
            {u"imported"_s, result.imported},
            {u"unchanged"_s, result.unchanged},
            {u"committed"_s, result.committed},
            {u"issues"_s, issues}};
}

// The stored orders refresh PAYMENT_ID … names; an exit code in *code when one
// is not in the store (else -1).
QList<Domain::OrderKey> refreshKeys(Session &s, const QString &command, const QStringList &ids,
                                    std::optional<Domain::Provider> provider, int *code)
{
    *code = -1;
    QList<Domain::OrderKey> keys;
    for (const QString &id : ids) {
        const QList<Domain::Order> found = s.ordersWithId(id, provider);
        if (found.isEmpty()) {
            *code = s.out().finish(command, ExitUsage, {}, notInStoreText(id));
            return {};
        }
        for (const Domain::Order &o : found)
            keys.append({o.provider, o.paymentId});
    }
    return keys;
}

void printRefreshSummary(Session &s, const Services::RefreshSummary &summary)
{
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
}

} // namespace

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
    const Services::RefreshSummary summary = s.wait(s.core().refresh().addById({*provider, id}));
    QJsonObject result = summaryJson(summary);
    if (summary.failed > 0) {
        const QString error =
            summary.errors.isEmpty()
                ? QCoreApplication::translate("Cli", "The payment could not be added.")
                : summary.errors.first().second;
        return s.out().finish(command, ExitFailure, result, error);
    }
    if (const auto order = s.core().orders().find(*provider, id)) {
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
    int code = -1;
    const Storage::OrderQuery query = listQuery(s, command, &code);
    if (code >= 0)
        return code;
    const QString format =
        s.parser().isSet(u"format"_s) ? s.parser().value(u"format"_s).toLower() : u"table"_s;
    if (format != u"table" && format != u"csv" && format != u"json")
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "--format must be table, csv or json for orders list."));
    QString error;
    const QList<Domain::Order> orders = s.core().orders().query(query, &error);
    if (!error.isEmpty())
        return s.out().finish(command, ExitFailure, {}, error);
    if (s.out().json() || format == u"json")
        return printJson(s, command, orders);
    if (format == u"csv")
        return printCsv(s, orders);
    return printTable(s, orders);
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
    const Services::ImportResult result = s.core().importer().importFile(path);
    for (const Services::ImportIssue &issue : result.issues)
        s.out().note(
            QCoreApplication::translate("Cli", "Line %1: %2").arg(issue.line).arg(issue.reason));
    const QJsonObject json = importJson(path, result);
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
    int code = -1;
    const QList<Domain::OrderKey> keys = refreshKeys(s, command, ids, provider, &code);
    if (code >= 0)
        return code;
    if (const QString error = s.connect(); !error.isEmpty())
        return s.out().finish(command, ExitFailure, {}, error);
    Services::RefreshService &refresh = s.core().refresh();
    const Services::RefreshSummary summary =
        s.wait(all ? refresh.refreshAll() : refresh.refresh(keys));
    printRefreshSummary(s, summary);
    return s.out().finish(command, summaryCode(summary), summaryJson(summary),
                          summary.failed > 0 ? QCoreApplication::translate(
                              "Cli", "%n order(s) could not be refreshed.", nullptr, summary.failed)
                                             : QString());
}

} // namespace CancelDesk::Cli
