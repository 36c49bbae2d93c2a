#pragma once

#include "databaseurl.h"
#include "domain/result.h"
#include "sqldialect.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>

namespace Galley::Server {

// The server's database. Owns one connection per thread that uses it: the HTTP
// layer runs handlers on a thread pool and a QSqlDatabase may only be used by the
// thread that opened it, so connection() opens the calling thread's own on first
// use (SQLite: WAL, foreign keys, busy timeout) and closes it when that thread ends
// or the store is destroyed, whichever comes first.
class ServerStore
{
    Q_DISABLE_COPY_MOVE(ServerStore)
public:
    // Opens the database (a connection on the calling thread proves it works) and,
    // unless migrate is false, brings its schema up to date.
    static Result<std::unique_ptr<ServerStore>> open(const DatabaseUrl &url, bool migrate = true);
    ~ServerStore();

    const DatabaseUrl &url() const { return m_url; }
    const SqlDialect &dialect() const { return m_dialect; }

    // The calling thread's connection (invalid, with lastError() set, if it cannot open).
    QSqlDatabase connection();

    // Runs the pending migrations, each in its own transaction; refuses a database
    // whose schema is newer than this server (code "database_too_new").
    Status migrate();
    Result<int> schemaVersion();

private:
    ServerStore(const DatabaseUrl &url);
    QString connectionName() const;
    Status configure(QSqlDatabase &db) const;

    DatabaseUrl m_url;
    const SqlDialect &m_dialect;
    int m_id;
    QMutex m_mutex;
    QStringList m_connections;   // every connection this store opened, on any thread
};

} // namespace Galley::Server
