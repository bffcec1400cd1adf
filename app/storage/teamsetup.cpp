#include "teamsetup.h"

#include "database.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {
namespace {

struct RoleName
{
    TeamRole role;
    const char16_t *key;
    const char16_t *dbRole;
};

constexpr std::array kRoles{
    RoleName{TeamRole::Operator, u"operator", u"canceldesk_operator"},
    RoleName{TeamRole::Approver, u"approver", u"canceldesk_approver"},
    RoleName{TeamRole::Auditor, u"auditor", u"canceldesk_auditor"},
};

QString notTeamEngineText()
{
    return QCoreApplication::translate(
        "TeamSetup", "Team mode needs a PostgreSQL store: pass --db postgresql://… or set "
                     "[database] url.");
}

bool fail(QString *error, const QSqlQuery &q)
{
    *error = Database::errorText(q.lastError());
    return false;
}

} // namespace

QString teamRoleKey(TeamRole role)
{
    for (const RoleName &r : kRoles) {
        if (r.role == role)
            return QString::fromUtf16(r.key);
    }
    return {};
}

std::optional<TeamRole> teamRoleFromKey(QStringView key)
{
    for (const RoleName &r : kRoles) {
        if (key == QStringView(r.key))
            return r.role;
    }
    return std::nullopt;
}

bool initTeam(Database &db, QString *error)
{
    if (db.engine() != Engine::PostgreSql) {
        *error = notTeamEngineText();
        return false;
    }
    QFile file(u":/team/postgresql/roles.sql"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    const QString script = QString::fromUtf8(file.readAll());
    const QSqlDatabase c = db.connection();
    WriteTransaction tx(c);
    if (!tx.begin(error))
        return false;
    QSqlQuery q(c);
    for (const QString &statement : splitSqlScript(script)) {
        if (!q.exec(statement))
            return fail(error, q);
    }
    return tx.commit(error) && db.refreshTeamLogin(error);
}

bool grantTeamRole(Database &db, const QString &login, TeamRole role, QString *error)
{
    if (db.engine() != Engine::PostgreSql) {
        *error = notTeamEngineText();
        return false;
    }
    const QSqlDatabase c = db.connection();
    WriteTransaction tx(c);
    if (!tx.begin(error))
        return false;
    QSqlQuery q(c);
    q.prepare(u"SELECT rolcanlogin FROM pg_roles WHERE rolname = ?"_s);
    q.addBindValue(login);
    if (!q.exec())
        return fail(error, q);
    if (!q.next() || !q.value(0).toBool()) {
        *error = QCoreApplication::translate("TeamSetup",
                                             "There is no login named %1 on this server. Create "
                                             "it first (CREATE ROLE … LOGIN PASSWORD …).")
                     .arg(login);
        return false;
    }
    if (!q.exec(u"SELECT canceldesk.team_mode()"_s) || !q.next())
        return fail(error, q);
    if (!q.value(0).toBool()) {
        *error = QCoreApplication::translate(
            "TeamSetup", "This store is not a team store yet: run canceldesk-cli team init first.");
        return false;
    }
    const QString who = c.driver()->escapeIdentifier(login, QSqlDriver::FieldName);
    for (const RoleName &r : kRoles) {
        const QString sql = r.role == role ? u"GRANT %1 TO %2"_s : u"REVOKE %1 FROM %2"_s;
        if (!q.exec(sql.arg(QString::fromUtf16(r.dbRole), who)))
            return fail(error, q);
    }
    return tx.commit(error);
}

QList<TeamRole> teamRolesOfLogin(Database &db, QString *error)
{
    if (db.engine() != Engine::PostgreSql)
        return {};
    QSqlQuery q(db.connection());
    QList<TeamRole> roles;
    for (const RoleName &r : kRoles) {
        q.prepare(u"SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles "
                  "WHERE rolname = ?"_s);
        q.addBindValue(QString::fromUtf16(r.dbRole));
        if (!q.exec()) {
            fail(error, q);
            return {};
        }
        if (q.next() && q.value(0).toBool())
            roles.append(r.role);
    }
    return roles;
}

QString teamRoleLabel(TeamRole role)
{
    switch (role) {
    case TeamRole::Operator:
        return QCoreApplication::translate("TeamSetup", "operator");
    case TeamRole::Approver:
        return QCoreApplication::translate("TeamSetup", "approver");
    case TeamRole::Auditor:
        return QCoreApplication::translate("TeamSetup", "auditor");
    }
    return {};
}

} // namespace CancelDesk::Storage
