#pragma once

#include "databaseurl.h"

#include <QString>

namespace Galley::Server {

// The one place where SQLite and PostgreSQL differ. Every other statement in the
// server is shared SQL; schema text uses tokens that expand() replaces:
//   {id}    the surrogate key column type   {json}  a JSON document column
//   {bool}  a boolean column                 {true} {false}  its literals
// Timestamps are BIGINT UTC milliseconds on both (computed by the server, so no
// now() differences leak into results); upserts (ON CONFLICT) and RETURNING are
// spelled the same on both (SQLite ≥ 3.35).
class SqlDialect
{
public:
    using Backend = DatabaseUrl::Backend;

    static const SqlDialect &forBackend(Backend backend);

    Backend backend() const { return m_backend; }
    QString driverName() const;          // QSQLITE or QPSQL
    QString expand(const QString &sql) const;

    QString idColumn() const;
    QString jsonType() const;
    QString boolType() const;
    QString boolLiteral(bool value) const;
    // The database clock, in UTC milliseconds, as an SQL expression.
    QString nowMillis() const;
    // A case-insensitive LIKE of column against one bound pattern (escape character '\').
    QString caseInsensitiveLike(const QString &column) const;
    // A bound parameter placed into a JSON column.
    QString jsonParameter() const;

    // How a write transaction starts: SQLite takes the write lock up front (BEGIN
    // IMMEDIATE), so a transaction never fails half-way with SQLITE_BUSY on lock
    // upgrade; PostgreSQL locks rows as it goes.
    QString beginWrite() const;
    // A read-only transaction whose statements all see one snapshot of the database (a
    // deferred BEGIN on SQLite holds its WAL snapshot; REPEATABLE READ on PostgreSQL), for
    // reads that must be consistent across statements (ChangeFeed::read).
    QString beginSnapshotRead() const;
    // Serialises schema migrations between processes sharing the database, inside
    // the migration's transaction (PostgreSQL advisory lock); empty where BEGIN
    // IMMEDIATE already does.
    QString migrationLock() const;

    // Change-feed sequence strategy: both backends allocate a per-account number by
    // `UPDATE change_sequences SET seq = seq + 1 … RETURNING seq` inside the
    // writer's transaction. On PostgreSQL the row lock serialises writers of one
    // account until commit; on SQLite the database write lock does. Either way the
    // numbers are gap-free and in commit order (see ChangeFeed).
    QString nextSequence() const;

    // LISTEN/NOTIFY carries feed and job events between server processes.
    bool hasListenNotify() const { return m_backend == Backend::PostgreSql; }
    // Job claiming: several processes skip each other's claimed rows on PostgreSQL;
    // SQLite has one writer at a time, so a plain SELECT in the write transaction does.
    bool hasSkipLocked() const { return m_backend == Backend::PostgreSql; }
    QString claimJobs() const;

private:
    explicit SqlDialect(Backend backend) : m_backend(backend) { }
    Backend m_backend;
};

} // namespace Galley::Server
