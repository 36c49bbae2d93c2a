#pragma once

#include "http/authenticator.h"

#include <QSqlDatabase>

namespace Galley::Server {

class ServerStore;

// Resolves bearer access tokens through TokenStore and the users/user_sites tables, on the
// calling worker thread's own connection (ServerStore::connection()), so it is thread-safe.
class StoreAuthenticator : public Authenticator
{
public:
    explicit StoreAuthenticator(ServerStore &store) : m_store(store) { }

    std::optional<Caller> authenticate(const QByteArray &token) override;

    // The caller for a user id (role, account, site access); nullopt for an unknown or
    // disabled user. Used after login and refresh too.
    static std::optional<Caller> callerForUser(QSqlDatabase &db, qint64 userId);

private:
    ServerStore &m_store;
};

} // namespace Galley::Server
