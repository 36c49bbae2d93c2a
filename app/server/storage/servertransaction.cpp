#include "servertransaction.h"

#include "sqldialect.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Galley::Server {

ServerTransaction::ServerTransaction(const QSqlDatabase &db, const SqlDialect &dialect)
    : m_db(db)
{
    QSqlQuery q(m_db);
    m_active = q.exec(dialect.beginWrite());
    if (!m_active)
        m_error = { QStringLiteral("store_busy"), q.lastError().text() };
}

ServerTransaction::~ServerTransaction()
{
    rollback();
}

Status ServerTransaction::commit()
{
    if (!m_active)
        return Error { QStringLiteral("no_transaction"), QStringLiteral("No transaction is active.") };
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT"))) {
        Error e { QStringLiteral("commit_failed"), q.lastError().text() };
        rollback();
        return e;
    }
    m_active = false;
    return {};
}

void ServerTransaction::rollback()
{
    if (!m_active)
        return;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
    m_active = false;
}

} // namespace Galley::Server
