#include "storeauthenticator.h"

#include "storage/serverstore.h"
#include "storage/tokenstore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QTimeZone>
#include <QHash>
#include <QMutex>
#include <QSqlQuery>
#include <QVariant>

namespace Galley::Server {

namespace {

class CallerCache
{
public:
    std::optional<Caller> find(const QByteArray &key, qint64 now)
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_entries.constFind(key);
        if (it == m_entries.cend() || it->validUntil <= now)
            return std::nullopt;
        return it->caller;
    }
    void store(const QByteArray &key, const Caller &caller, qint64 validUntil)
    {
        QMutexLocker lock(&m_mutex);
        if (m_entries.size() >= 100000)
            m_entries.clear();
        m_entries.insert(key, Entry { caller, validUntil });
    }
    void forgetUser(qint64 userId)
    {
        QMutexLocker lock(&m_mutex);
        m_entries.removeIf([userId](const auto &it) { return it.value().caller.userId == userId; });
    }

private:
    struct Entry
    {
        Caller caller;
        qint64 validUntil;
    };
    QMutex m_mutex;
    QHash<QByteArray, Entry> m_entries;
};

CallerCache &callerCache()
{
    static CallerCache cache;
    return cache;
}

} // namespace

void StoreAuthenticator::forgetUser(qint64 userId)
{
    callerCache().forgetUser(userId);
}

std::optional<Caller> StoreAuthenticator::authenticate(const QByteArray &token)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QByteArray key = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
    if (auto cached = callerCache().find(key, now))
        return cached;
    QSqlDatabase db = m_store.connection();
    if (!db.isOpen())
        return std::nullopt;
    const auto owner = TokenStore::lookup(db, QString::fromLatin1(token), TokenStore::Kind::Access,
                                          QDateTime::fromMSecsSinceEpoch(now, QTimeZone::UTC));
    if (!owner)
        return std::nullopt;
    auto caller = callerForUser(db, owner->userId);
    if (caller) {
        const qint64 expires = owner->expiresAt.isValid() ? owner->expiresAt.toMSecsSinceEpoch() : now + kCacheMs;
        callerCache().store(key, *caller, std::min(now + kCacheMs, expires));
    }
    return caller;
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
