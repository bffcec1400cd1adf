#include "teamsetup.h"

#include "database.h"
#include "enginesql.h"

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

// A statement of a set-up step failed: refused by the database's rules (not
// the owner, no CREATEROLE: SQLSTATE 42501) or failed.
TeamSetupResult stepFailed(QString *error, const QSqlQuery &q)
{
    fail(error, q);
    return EngineSql::sqlState(q.lastError()) == u"42501" ? TeamSetupResult::NotPermitted
                                                          : TeamSetupResult::Failed;
}

TeamSetupResult committed(bool ok)
{
    return ok ? TeamSetupResult::Done : TeamSetupResult::Failed;
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

TeamSetupResult initTeam(Database &db, QString *error)
{
    if (db.engine() != Engine::PostgreSql) {
        *error = notTeamEngineText();
        return TeamSetupResult::Refused;
    }
    QFile file(u":/team/postgresql/roles.sql"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return TeamSetupResult::Failed;
    }
    const QString script = QString::fromUtf8(file.readAll());
    const QSqlDatabase c = db.connection();
    WriteTransaction tx(c);
    if (!tx.begin(error))
        return TeamSetupResult::Failed;
    QSqlQuery q(c);
    for (const QString &statement : splitSqlScript(script)) {
        if (!q.exec(statement))
            return stepFailed(error, q);
    }
    return committed(tx.commit(error) && db.refreshTeamLogin(error));
}

TeamSetupResult grantTeamRole(Database &db, const QString &login, TeamRole role, QString *error)
{
    if (db.engine() != Engine::PostgreSql) {
        *error = notTeamEngineText();
        return TeamSetupResult::Refused;
    }
    const QSqlDatabase c = db.connection();
    WriteTransaction tx(c);
    if (!tx.begin(error))
        return TeamSetupResult::Failed;
    QSqlQuery q(c);
    q.prepare(u"SELECT rolcanlogin FROM pg_roles WHERE rolname = ?"_s);
    q.addBindValue(login);
    if (!q.exec())
        return stepFailed(error, q);
    if (!q.next() || !q.value(0).toBool()) {
        *error = QCoreApplication::translate("TeamSetup",
                                             "There is no login named %1 on this server. Create "
                                             "it first (CREATE ROLE … LOGIN PASSWORD …).")
                     .arg(login);
        return TeamSetupResult::Refused;
    }
    if (!q.exec(u"SELECT canceldesk.team_mode()"_s) || !q.next())
        return stepFailed(error, q);
    if (!q.value(0).toBool()) {
        *error = QCoreApplication::translate(
            "TeamSetup", "This store is not a team store yet: run canceldesk-cli team init first.");
        return TeamSetupResult::Refused;
    }
    const QString who = c.driver()->escapeIdentifier(login, QSqlDriver::FieldName);
    for (const RoleName &r : kRoles) {
        const QString sql = r.role == role ? u"GRANT %1 TO %2"_s : u"REVOKE %1 FROM %2"_s;
        if (!q.exec(sql.arg(QString::fromUtf16(r.dbRole), who)))
            return stepFailed(error, q);
    }
    return committed(tx.commit(error));
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
