#pragma once

#include "domain/result.h"

#include <QSqlDatabase>

namespace Galley {

// A write transaction that rolls back unless commit() succeeded: every early
// return, error or exception path leaves the database as it was. It starts with
// BEGIN IMMEDIATE (SQLite) unless told another statement (the server's PostgreSQL).
class Transaction
{
    Q_DISABLE_COPY_MOVE(Transaction)
public:
    explicit Transaction(const QSqlDatabase &db, const QString &beginStatement = QStringLiteral("BEGIN IMMEDIATE"));
    ~Transaction();

    bool isActive() const { return m_active; }
    const Error &error() const { return m_error; }

    Status commit();
    void rollback();

private:
    QSqlDatabase m_db;   // a handle: copies share the connection
    bool m_active = false;
    Error m_error;
};

} // namespace Galley
