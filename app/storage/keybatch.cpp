#include "keybatch.h"

#include "database.h"
#include "domain/provider.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {

namespace {

bool selectBatch(const QSqlDatabase &db, const QString &select, const QString &tail,
                 Domain::Provider provider, const QStringList &paymentIds,
                 const std::function<void(const QSqlQuery &)> &row, QString *error)
{
    QString marks;
    marks.reserve(paymentIds.size() * 3);
    for (qsizetype i = 0; i < paymentIds.size(); ++i)
        marks += i == 0 ? u"?"_s : u", ?"_s;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(select + u" WHERE provider = ? AND payment_id IN ("_s + marks + u")"_s + tail);
    q.addBindValue(Domain::providerKey(provider));
    for (const QString &id : paymentIds)
        q.addBindValue(id.isNull() ? u""_s : id); // NOT NULL column: never bind NULL
    if (!q.exec()) {
        if (error)
            *error = Database::errorText(q.lastError());
        return false;
    }
    while (q.next())
        row(q);
    return true;
}

} // namespace

bool selectByKeys(const QSqlDatabase &db, const QString &select, const QString &tail,
                  const QList<Domain::OrderKey> &keys,
                  const std::function<void(const QSqlQuery &)> &row, QString *error)
{
    for (const Domain::Provider provider : Domain::allProviders()) {
        QStringList batch;
        for (const Domain::OrderKey &key : keys) {
            if (key.provider != provider)
                continue;
            batch.append(key.paymentId);
            if (batch.size() == kKeyBatch) {
                if (!selectBatch(db, select, tail, provider, batch, row, error))
                    return false;
                batch.clear();
            }
        }
        if (!batch.isEmpty() && !selectBatch(db, select, tail, provider, batch, row, error))
            return false;
    }
    return true;
}

} // namespace CancelDesk::Storage
