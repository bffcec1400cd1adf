#pragma once

// Team mode's set-up on a PostgreSQL store (PRODUCT.md §12, F22): the roles
// and grants of `canceldesk-cli team init`, and `team grant`. The rules the
// roles stand for are the triggers of migration 0006; these only hand the
// roles out.

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace CancelDesk::Storage {

class Database;

enum class TeamRole { Operator, Approver, Auditor };
QString teamRoleKey(TeamRole role); // "operator", …
std::optional<TeamRole> teamRoleFromKey(QStringView key);

// Runs resources/team/postgresql/roles.sql in one transaction: the three
// roles (once per server; needs CREATEROLE), the schema closed to everyone
// else, the grants. Run by the schema's owner after the migrations; safe to
// run again. Afterwards the store is a team store (Database::teamLogin()).
// False with *error (translated) on SQLite or when the database refuses.
bool initTeam(Database &db, QString *error);

// Gives an existing login exactly one CancelDesk role: grants it and revokes
// the other two. False with *error when the login does not exist, the store
// is not a team store, or the database refuses (only the owner may).
bool grantTeamRole(Database &db, const QString &login, TeamRole role, QString *error);

// The CancelDesk roles this connection's login holds (directly or through
// another role; a superuser holds all three), in the order operator,
// approver, auditor. Empty on SQLite and for a login without a role; *error
// set when they cannot be read.
QList<TeamRole> teamRolesOfLogin(Database &db, QString *error);
// The role as an operator reads it, translated ("approver" → 审批人).
QString teamRoleLabel(TeamRole role);

} // namespace CancelDesk::Storage
