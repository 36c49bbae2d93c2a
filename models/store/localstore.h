#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace Galley {

// The local SQLite replica: one file, WAL mode, foreign keys on, schema kept at
// Migrations::latestVersion(). A LocalStore is opened (and migrated) once; each
// thread that touches it gets its own connection through connection().
class LocalStore
{
    Q_DISABLE_COPY_MOVE(LocalStore)
public:
    ~LocalStore();

    // Opens or creates the database at path and upgrades its schema.
    static Result<std::unique_ptr<LocalStore>> open(const QString &path);

    QString path() const { return m_path; }

    // This thread's connection to the store, opened on first use. The caller's
    // thread owns it; closeConnection() (or thread exit, for StoreWorker) releases it.
    QSqlDatabase connection() const;
    void closeConnection() const;

    // Opens a connection with Galley's pragmas applied; name must be unique per process.
    static Result<QSqlDatabase> openConnection(const QString &path, const QString &name);

private:
    explicit LocalStore(QString path);
    QString connectionName() const;

    QString m_path;
    quintptr m_instance;
};

} // namespace Galley
