#include "simtypes.h"

#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>

namespace CancelDesk::Sandbox {

QByteArray SimRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool SimRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

SimResponse jsonResponse(int status, const QJsonObject &object)
{
    SimResponse response;
    response.status = status;
    response.body = compactJson(object);
    return response;
}

QString isoAtOffset(const QDateTime &utc, int offsetSeconds)
{
    if (!utc.isValid())
        return {};
    QDateTime shifted = utc.toTimeZone(QTimeZone(offsetSeconds));
    // Whole seconds: providers do not send milliseconds in these fields.
    shifted = shifted.addMSecs(-shifted.time().msec());
    return shifted.toString(Qt::ISODate);
}

QByteArray httpDate(const QDateTime &utc)
{
    return QLocale::c().toString(utc.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss").toLatin1() + " GMT";
}

QByteArray randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    auto *generator = QRandomGenerator::system();
    for (auto &byte : raw)
        byte = static_cast<char>(generator->bounded(256));
    return raw.toHex();
}

QString GeneratedIds::id(int n) const
{
    return prefix + QString::number(n).rightJustified(digits, u'0');
}

QJsonObject GeneratedIds::toJson() const
{
    return QJsonObject{{QStringLiteral("prefix"), prefix}, {QStringLiteral("digits"), digits}};
}

bool isUuid(QByteArrayView text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return pattern.match(QString::fromLatin1(text)).hasMatch();
}

} // namespace CancelDesk::Sandbox
