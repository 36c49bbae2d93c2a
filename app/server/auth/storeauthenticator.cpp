#include "storeauthenticator.h"

#include "storage/serverstore.h"
#include "storage/tokenstore.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace Galley::Server {

std::optional<Caller> StoreAuthenticator::authenticate(const QByteArray &token)
{
    QSqlDatabase db = m_store.connection();
    if (!db.isOpen())
        return std::nullopt;
    const auto owner = TokenStore::lookup(db, QString::fromLatin1(token), TokenStore::Kind::Access,
                                          QDateTime::currentDateTimeUtc());
    if (!owner)
        return std::nullopt;
    return callerForUser(db, owner->userId);
}

std::optional<Caller> StoreAuthenticator::callerForUser(QSqlDatabase &db, qint64 userId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT account_id, role, all_sites, disabled FROM users WHERE id = ?"));
    q.addBindValue(userId);
    if (!q.exec() || !q.next() || q.value(3).toBool())
        return std::nullopt;
    const auto role = fromWire<Role>(q.value(1).toString());
    if (!role)
        return std::nullopt;
    Caller caller;
    caller.userId = userId;
    caller.accountId = q.value(0).toLongLong();
    caller.role = *role;
    caller.allSites = q.value(2).toBool();
    if (!caller.allSites) {
        QSqlQuery sites(db);
        sites.prepare(QStringLiteral("SELECT site_id FROM user_sites WHERE user_id = ? AND account_id = ? ORDER BY site_id"));
        sites.addBindValue(userId);
        sites.addBindValue(caller.accountId);
        if (!sites.exec())
            return std::nullopt;
        while (sites.next())
            caller.siteIds.append(sites.value(0).toLongLong());
    }
    return caller;
}

} // namespace Galley::Server
