// What the simulated providers keep between runs when the sandbox has a state
// folder (SandboxOptions::persist): their payments, the cancels made on them,
// UQPAY's idempotent replays and the demo ids. Access tokens are not kept: a
// restarted provider has forgotten them, and clients fetch new ones.

#include "antomsim.h"
#include "liquidosim.h"
#include "uqpaysim.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Sandbox {

namespace {

// A hash's keys in order: the saved file (and a state compared after a
// restart) must not depend on the hash's seed or on the order the entries
// were added in, which a restart changes.
template<typename Hash> auto sortedKeys(const Hash &hash)
{
    auto keys = hash.keys();
    std::sort(keys.begin(), keys.end());
    return keys;
}

QJsonValue time(const QDateTime &utc)
{
    return utc.isValid() ? QJsonValue(utc.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QDateTime time(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QJsonObject money(const Domain::Money &m)
{
    return {{"minor"_L1, QString::number(m.minor)}, {"currency"_L1, m.currency}};
}

Domain::Money money(const QJsonObject &o)
{
    return Domain::Money{o.value("minor"_L1).toString().toLongLong(),
                         o.value("currency"_L1).toString()};
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

QJsonObject response(const SimResponse &r)
{
    QJsonArray headers;
    for (const auto &[name, value] : r.headers)
        headers.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    return {{"status"_L1, r.status},
            {"content_type"_L1, QString::fromLatin1(r.contentType)},
            {"body"_L1, QString::fromLatin1(r.body.toBase64())},
            {"headers"_L1, headers}};
}

SimResponse response(const QJsonObject &o)
{
    SimResponse r;
    r.status = o.value("status"_L1).toInt(200);
    r.contentType = o.value("content_type"_L1).toString().toLatin1();
    r.body = QByteArray::fromBase64(o.value("body"_L1).toString().toLatin1());
    for (const QJsonValue &h : o.value("headers"_L1).toArray())
        r.headers.append({h[0].toString().toLatin1(), h[1].toString().toLatin1()});
    return r;
}

} // namespace

QJsonObject UqpaySim::saveState() const
{
    QJsonArray intents;
    for (const QString &id : sortedKeys(m_intents)) {
        const UqpayIntent &i = *m_intents.constFind(id);
        intents.append(QJsonObject{
            {"id"_L1, i.id},
            {"merchant_order_id"_L1, i.merchantOrderId},
            {"amount"_L1, money(i.amount)},
            {"method"_L1, i.methodType},
            {"status"_L1, i.status},
            {"created"_L1, time(i.created)},
            {"completed"_L1, time(i.completed)},
            {"cancelled"_L1, time(i.cancelled)},
            {"updated"_L1, time(i.updated)},
            {"cancellation_reason"_L1, i.cancellationReason},
            {"description"_L1, i.description},
            {"refunded"_L1, i.refunded},
            {"force_reject"_L1, i.forceReject},
            {"async_delay_ms"_L1, i.asyncDelayMs},
            {"cancel_pending"_L1, i.cancelPending},
            {"expired"_L1, i.expired},
        });
    }
    QJsonArray replays;
    for (const QByteArray &key : sortedKeys(m_idempotency)) {
        const auto it = m_idempotency.constFind(key);
        replays.append(
            QJsonObject{{"key"_L1, QString::fromLatin1(it.key().toBase64())},
                        {"fingerprint"_L1, QString::fromLatin1(it->fingerprint.toBase64())},
                        {"stored_at"_L1, time(it->storedAt)},
                        {"response"_L1, response(it->response)}});
    }
    return {{"intents"_L1, intents}, {"replays"_L1, replays}, {"demo"_L1, strings(m_demoIds)}};
}

void UqpaySim::restoreState(const QJsonObject &state)
{
    m_intents.clear();
    m_idempotency.clear();
    for (const QJsonValue &v : state.value("intents"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        UqpayIntent i;
        i.id = o.value("id"_L1).toString();
        i.merchantOrderId = o.value("merchant_order_id"_L1).toString();
        i.amount = money(o.value("amount"_L1).toObject());
        i.methodType = o.value("method"_L1).toString();
        i.status = o.value("status"_L1).toString();
        i.created = time(o.value("created"_L1));
        i.completed = time(o.value("completed"_L1));
        i.cancelled = time(o.value("cancelled"_L1));
        i.updated = time(o.value("updated"_L1));
        i.cancellationReason = o.value("cancellation_reason"_L1).toString();
        i.description = o.value("description"_L1).toString();
        i.refunded = o.value("refunded"_L1).toBool();
        i.forceReject = o.value("force_reject"_L1).toBool();
        i.asyncDelayMs = o.value("async_delay_ms"_L1).toInt(-1);
        i.cancelPending = o.value("cancel_pending"_L1).toBool();
        i.expired = o.value("expired"_L1).toBool();
        if (i.id.isEmpty())
            continue;
        // A wallet cancel accepted before the restart still becomes final.
        if (i.cancelPending)
            m_flips.append(
                Flip{i.id, i.asyncDelayMs >= 0 ? i.asyncDelayMs : m_defaultAsyncDelayMs});
        m_intents.insert(i.id, i);
    }
    for (const QJsonValue &v : state.value("replays"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        m_idempotency.insert(
            QByteArray::fromBase64(o.value("key"_L1).toString().toLatin1()),
            IdempotentEntry{QByteArray::fromBase64(o.value("fingerprint"_L1).toString().toLatin1()),
                            time(o.value("stored_at"_L1)),
                            response(o.value("response"_L1).toObject())});
    }
    m_demoIds = strings(state.value("demo"_L1));
}

QJsonObject AntomSim::saveState() const
{
    QJsonArray payments;
    for (const QString &id : sortedKeys(m_payments)) {
        const AntomPayment &p = *m_payments.constFind(id);
        payments.append(QJsonObject{
            {"payment_id"_L1, p.paymentId},
            {"payment_request_id"_L1, p.paymentRequestId},
            {"amount"_L1, money(p.amount)},
            {"method"_L1, p.method},
            {"status"_L1, p.status},
            {"created"_L1, time(p.created)},
            {"paid"_L1, time(p.paid)},
            {"auth_expiry"_L1, time(p.authExpiry)},
            {"cancelled"_L1, time(p.cancelled)},
            {"captured"_L1, p.captured},
            {"refunded"_L1, p.refunded},
            {"force_reject"_L1, p.forceReject},
        });
    }
    return {{"payments"_L1, payments}, {"demo"_L1, strings(m_demoIds)}};
}

void AntomSim::restoreState(const QJsonObject &state)
{
    m_payments.clear();
    m_byRequestId.clear();
    for (const QJsonValue &v : state.value("payments"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        AntomPayment p;
        p.paymentId = o.value("payment_id"_L1).toString();
        p.paymentRequestId = o.value("payment_request_id"_L1).toString();
        p.amount = money(o.value("amount"_L1).toObject());
        p.method = o.value("method"_L1).toString();
        p.status = o.value("status"_L1).toString();
        p.created = time(o.value("created"_L1));
        p.paid = time(o.value("paid"_L1));
        p.authExpiry = time(o.value("auth_expiry"_L1));
        p.cancelled = time(o.value("cancelled"_L1));
        p.captured = o.value("captured"_L1).toBool();
        p.refunded = o.value("refunded"_L1).toBool();
        p.forceReject = o.value("force_reject"_L1).toBool();
        if (!p.paymentId.isEmpty())
            addPayment(p);
    }
    m_demoIds = strings(state.value("demo"_L1));
}

QJsonObject LiquidoSim::saveState() const
{
    QJsonArray charges;
    for (const QString &id : sortedKeys(m_charges)) {
        const LiquidoCharge &c = *m_charges.constFind(id);
        charges.append(QJsonObject{
            {"idempotency_key"_L1, c.idempotencyKey},
            {"method"_L1, c.method},
            {"status"_L1, c.status},
            {"amount"_L1, money(Domain::Money{c.amount, c.currency})},
            {"created"_L1, time(c.created)},
            {"final_status"_L1, time(c.finalStatus)},
            {"expiration"_L1, time(c.expiration)},
            {"description"_L1, c.description},
            {"force_reject"_L1, c.forceReject},
        });
    }
    return {{"charges"_L1, charges}, {"demo"_L1, strings(m_demoIds)}};
}

void LiquidoSim::restoreState(const QJsonObject &state)
{
    m_charges.clear();
    for (const QJsonValue &v : state.value("charges"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        LiquidoCharge c;
        c.idempotencyKey = o.value("idempotency_key"_L1).toString();
        c.method = o.value("method"_L1).toString();
        c.status = o.value("status"_L1).toString();
        const Domain::Money amount = money(o.value("amount"_L1).toObject());
        c.amount = amount.minor;
        c.currency = amount.currency;
        c.created = time(o.value("created"_L1));
        c.finalStatus = time(o.value("final_status"_L1));
        c.expiration = time(o.value("expiration"_L1));
        c.description = o.value("description"_L1).toString();
        c.forceReject = o.value("force_reject"_L1).toBool();
        if (!c.idempotencyKey.isEmpty())
            m_charges.insert(c.idempotencyKey, c);
    }
    m_demoIds = strings(state.value("demo"_L1));
}

} // namespace CancelDesk::Sandbox
