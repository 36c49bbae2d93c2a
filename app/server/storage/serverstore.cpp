#include "serverstore.h"

#include <QSqlDriver>

#include <sqlite3.h>
#include <unistd.h>

#include "servermigrations.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

Q_LOGGING_CATEGORY(lcServerStore, "galley.server.store")

namespace Galley::Server {

namespace {

QAtomicInt g_nextStoreId;
// Guards removal of a connection between its thread ending and its store closing.
QMutex g_removeMutex;

void removeConnection(const QString &name)
{
    const QMutexLocker lock(&g_removeMutex);
    // No database() here: it refuses another thread's connection. Removing the last
    // handle deletes the driver, which closes the connection.
    if (QSqlDatabase::contains(name))
        QSqlDatabase::removeDatabase(name);
}

// Per thread: the connections that thread opened, closed when it ends (thread-pool
// threads come and go; their connections must not outlive them).
struct ThreadConnections
{
    QStringList names;
    ~ThreadConnections()
    {
        // The main thread ends after the application object: its stores are gone by then.
        if (!QCoreApplication::instance())
            return;
        for (const QString &name : std::as_const(names))
            removeConnection(name);
    }
};
thread_local ThreadConnections t_connections;

} // namespace

ServerStore::ServerStore(const DatabaseUrl &url)
    : m_url(url)
    , m_dialect(SqlDialect::forBackend(url.backend()))
    , m_id(g_nextStoreId.fetchAndAddRelaxed(1))
{
}

ServerStore::~ServerStore()
{
    const QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_connections))
        removeConnection(name);
}

Result<std::unique_ptr<ServerStore>> ServerStore::open(const DatabaseUrl &url, bool migrate)
{
    std::unique_ptr<ServerStore> store(new ServerStore(url));
    const QSqlDatabase db = store->connection();
    if (!db.isOpen())
        return Error { QStringLiteral("store_unavailable"),
                       QStringLiteral("Cannot open the database %1: %2").arg(url.toDisplayString(), db.lastError().text()) };
    if (migrate) {
        if (Status s = store->migrate(); !s)
            return s.error();
    }
    return store;
}

QString ServerStore::connectionName() const
{
    return QStringLiteral("galley-server-%1-%2").arg(m_id).arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16);
}

QSqlDatabase ServerStore::connection()
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);

    QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect.driverName(), name);
    {
        const QMutexLocker lock(&m_mutex);
        m_connections.append(name);
    }
    t_connections.names.append(name);
    if (m_url.backend() == DatabaseUrl::Backend::Sqlite) {
        db.setDatabaseName(m_url.path());
    } else {
        db.setHostName(m_url.host());
        db.setPort(m_url.port());
        db.setUserName(m_url.user());
        db.setPassword(m_url.password());
        db.setDatabaseName(m_url.databaseName());
        db.setConnectOptions(m_url.connectOptions());
    }
    if (!db.open()) {
        qCWarning(lcServerStore) << "cannot open" << m_url.toDisplayString() << db.lastError().text();
        return db;
    }
    if (Status s = configure(db); !s) {
        qCWarning(lcServerStore) << "cannot configure" << m_url.toDisplayString() << s.error().message;
        db.close();
    }
    return db;
}

namespace {

// SQLite lets one writer in at a time; the others wait in the busy handler. The built-in one
// (busy_timeout) sleeps 1, 2, 5, 10, 15, 20, 25 … ms between tries, so under concurrent writes a
// request that waits for a lock held for half a millisecond can sleep tens of milliseconds. This
// one tries again after 50–200 µs, for at most 30 s.
int retrySoon(void *, int attempts)
{
    constexpr int kLimitMicros = 30'000'000;
    const int pause = attempts < 20 ? 50 : 200;
    if (qint64(attempts) * pause > kLimitMicros)
        return 0;
    ::usleep(useconds_t(pause));
    return 1;
}

void installBusyHandler(QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        if (sqlite3 *sqlite = *static_cast<sqlite3 *const *>(handle.constData()))
            sqlite3_busy_handler(sqlite, retrySoon, nullptr);
    }
}

} // namespace

Status ServerStore::configure(QSqlDatabase &db) const
{
    QStringList statements;
    if (m_url.backend() == DatabaseUrl::Backend::Sqlite) {
        statements = { QStringLiteral("PRAGMA busy_timeout = 30000"), QStringLiteral("PRAGMA journal_mode = WAL"),
                       QStringLiteral("PRAGMA synchronous = NORMAL"), QStringLiteral("PRAGMA foreign_keys = ON") };
    } else {
        statements = { QStringLiteral("SET client_min_messages = warning"), QStringLiteral("SET TIME ZONE 'UTC'") };
    }
    for (const QString &sql : std::as_const(statements)) {
        QSqlQuery q(db);
        if (!q.exec(sql))
            return Error { QStringLiteral("store_unavailable"), q.lastError().text() };
    }
    // Replaces busy_timeout's handler (which stays when the driver's handle is not a sqlite3*).
    if (m_url.backend() == DatabaseUrl::Backend::Sqlite)
        installBusyHandler(db);
    return {};
}

Status ServerStore::migrate()
{
    QSqlDatabase db = connection();
    return ServerMigrations::run(db, m_dialect);
}

Result<int> ServerStore::schemaVersion()
{
    QSqlDatabase db = connection();
    return ServerMigrations::currentVersion(db);
}

} // namespace Galley::Server
