#include "transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Galley {

Transaction::Transaction(const QSqlDatabase &db, const QString &beginStatement)
    : m_db(db)
{
    // On SQLite, BEGIN IMMEDIATE takes the write lock up front, so a transaction never
    // fails half-way with SQLITE_BUSY on its first write (QSqlDatabase::transaction()
    // issues a plain, deferred BEGIN).
    QSqlQuery q(m_db);
    m_active = q.exec(beginStatement);
    if (!m_active)
        m_error = { QStringLiteral("store_busy"), q.lastError().text() };
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

Status Transaction::commit()
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

void Transaction::rollback()
{
    if (!m_active)
        return;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
    m_active = false;
}

} // namespace Galley
