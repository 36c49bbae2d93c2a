#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace Galley::Server {

class SqlDialect;

// The server's schema, as numbered migrations in code. Each runs in its own
// transaction together with its row in schema_version; on PostgreSQL an advisory
// lock keeps two starting server processes from migrating at once.
class ServerMigrations
{
public:
    static int latestVersion();
    // The statements of one migration (1-based), expanded for the dialect.
    static QStringList statements(int version, const SqlDialect &dialect);

    static Status run(QSqlDatabase &db, const SqlDialect &dialect);
    // 0 for an empty database.
    static Result<int> currentVersion(QSqlDatabase &db);
};

} // namespace Galley::Server
