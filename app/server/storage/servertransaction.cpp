#include "servertransaction.h"

#include "sqldialect.h"

namespace Galley::Server {

ServerTransaction::ServerTransaction(const QSqlDatabase &db, const SqlDialect &dialect)
    : Transaction(db, dialect.beginWrite())
{
}

} // namespace Galley::Server
