#pragma once

#include "store/transaction.h"

#include <QSqlDatabase>

namespace Galley::Server {

class SqlDialect;

// A write transaction on one of the server's connections that rolls back unless
// commit() succeeded, started the way the dialect says (BEGIN IMMEDIATE on SQLite,
// BEGIN on PostgreSQL).
class ServerTransaction : public Transaction
{
    Q_DISABLE_COPY_MOVE(ServerTransaction)
public:
    ServerTransaction(const QSqlDatabase &db, const SqlDialect &dialect);
};

} // namespace Galley::Server
