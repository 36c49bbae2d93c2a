#include "tenancy.h"

#include "storage/serverstore.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Galley::Server {

TenancyScope::TenancyScope(const Caller &caller) : m_accountId(caller.accountId)
{
    if (!caller.allSites)
        m_sites = caller.siteIds;
}

bool TenancyScope::seesSite(qint64 siteId) const
{
    return !m_sites || m_sites->contains(siteId);
}

QString TenancyScope::condition(const Entity &entity) const
{
    QString sql = entity.accountColumn() + u" = "_s + QString::number(m_accountId);
    if (m_sites && !entity.siteExpression().isEmpty()) {
        if (m_sites->isEmpty())
            return sql + u" AND 1 = 0"_s;
        QStringList ids;
        for (const qint64 id : *m_sites)
            ids << QString::number(id);
        sql += u" AND "_s + entity.siteExpression() + u" IN ("_s + ids.join(u',') + u')';
    }
    return sql;
}

bool StoreResourceGuard::knows(const QString &resource) const
{
    return Entity::byName(resource) != nullptr;
}

bool StoreResourceGuard::visible(const Caller &caller, const QString &resource, qint64 id)
{
    const Entity *entity = Entity::byName(resource);
    if (!entity)
        return false;
    QSqlDatabase db = m_store.connection();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const QString site = entity->siteExpression().isEmpty() ? u"NULL"_s : entity->siteExpression();
    q.prepare(u"SELECT %1 FROM %2 WHERE %3.id = ? AND %3.account_id = ?"_s.arg(site, entity->from(), entity->alias()));
    q.addBindValue(id);
    q.addBindValue(caller.accountId);
    if (!q.exec() || !q.next())
        return false;
    return q.value(0).isNull() || TenancyScope(caller).seesSite(q.value(0).toLongLong());
}

} // namespace Galley::Server
