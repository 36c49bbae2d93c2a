#pragma once

#include "http/authenticator.h"

#include <QSqlDatabase>

namespace Galley::Server {

class ServerStore;

// Resolves bearer access tokens through TokenStore and the users/user_sites tables, on the
// calling worker thread's own connection (ServerStore::connection()), so it is thread-safe.
//
// Resolved callers are remembered for kCacheMs (by the token's SHA-256, never the token), so
// a client making many requests pays for the lookup once every few seconds instead of on
// every request — authentication otherwise costs more than most routes. Logout and password
// resets in this process forget the user at once (forgetUser); a change made by another
// server process on the same database (a revoked token, a new role, a disabled user) takes
// effect here within kCacheMs.
class StoreAuthenticator : public Authenticator
{
public:
    static constexpr qint64 kCacheMs = 5000;

    explicit StoreAuthenticator(ServerStore &store) : m_store(store) { }

    std::optional<Caller> authenticate(const QByteArray &token) override;

    // Drops every remembered token of the user (logout, password reset, role change).
    static void forgetUser(qint64 userId);

    // The caller for a user id (role, account, site access); nullopt for an unknown or
    // disabled user. Used after login and refresh too.
    static std::optional<Caller> callerForUser(QSqlDatabase &db, qint64 userId);

private:
    ServerStore &m_store;
};

} // namespace Galley::Server
