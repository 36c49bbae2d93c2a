#include "localstore.h"

#include "migrations.h"

#include <QFileInfo>
#include <QDir>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>

Q_LOGGING_CATEGORY(lcStore, "galley.store")

namespace Galley {

namespace {
std::atomic<quintptr> s_nextInstance { 1 };
}

LocalStore::LocalStore(QString path)
    : m_path(std::move(path))
    , m_instance(s_nextInstance++)
{
}

LocalStore::~LocalStore()
{
    closeConnection();
}

Result<QSqlDatabase> LocalStore::openConnection(const QString &path, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    if (!db.open()) {
        Error e { QStringLiteral("store_open_failed"),
                  QStringLiteral("Cannot open the local database %1: %2").arg(path, db.lastError().text()) };
        db = {};
        QSqlDatabase::removeDatabase(name);
        return e;
    }
    // WAL lets the GUI's readers run while a worker writes; NORMAL sync is durable
    // across application crashes in WAL mode (only an OS crash can lose the last commit).
    const char *const pragmas[] = {
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = NORMAL",
        "PRAGMA foreign_keys = ON",
        "PRAGMA busy_timeout = 5000",
        "PRAGMA temp_store = MEMORY",
        // 8 MB of page cache per connection and no memory-mapped I/O: mapped pages of a
        // large replica would count as the application's resident memory.
        "PRAGMA cache_size = -8000",
    };
    for (const char *p : pragmas) {
        QSqlQuery q(db);
        if (!q.exec(QString::fromLatin1(p))) {
            Error e { QStringLiteral("store_open_failed"),
                      QStringLiteral("Cannot configure the local database: %1").arg(q.lastError().text()) };
            q = QSqlQuery();
            db.close();
            db = {};
            QSqlDatabase::removeDatabase(name);
            return e;
        }
    }
    return db;
}

Result<std::unique_ptr<LocalStore>> LocalStore::open(const QString &path)
{
    const QFileInfo info(path);
    if (!info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath())) {
        return Error { QStringLiteral("store_open_failed"),
                       QStringLiteral("Cannot create the folder %1.").arg(info.absolutePath()) };
    }
    std::unique_ptr<LocalStore> store(new LocalStore(info.absoluteFilePath()));
    QSqlDatabase db = store->connection();
    if (!db.isOpen()) {
        return Error { QStringLiteral("store_open_failed"),
                       QStringLiteral("Cannot open the local database %1.").arg(path) };
    }
    if (auto st = Migrations::upgrade(db); !st)
        return st.error();
    return store;
}

QString LocalStore::connectionName() const
{
    return QStringLiteral("galley-%1-%2")
        .arg(m_instance)
        .arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16);
}

QSqlDatabase LocalStore::connection() const
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    auto db = openConnection(m_path, name);
    if (!db) {
        qCWarning(lcStore) << db.error().message;
        return {};
    }
    return db.value();
}

void LocalStore::closeConnection() const
{
    const QString name = connectionName();
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace Galley
