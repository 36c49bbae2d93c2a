#pragma once

#include "domain/result.h"

#include <QSqlDatabase>

namespace Galley::Server {

class SqlDialect;

// A write transaction on one of the server's connections that rolls back unless
// commit() succeeded: early returns and errors leave the database as it was.
// Starts the way the dialect says (BEGIN IMMEDIATE on SQLite, BEGIN on PostgreSQL).
class ServerTransaction
{
    Q_DISABLE_COPY_MOVE(ServerTransaction)
public:
    ServerTransaction(const QSqlDatabase &db, const SqlDialect &dialect);
    ~ServerTransaction();

    bool isActive() const { return m_active; }
    const Error &error() const { return m_error; }

    Status commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    Error m_error;
};

} // namespace Galley::Server
