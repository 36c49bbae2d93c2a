#pragma once

#include "loginratelimiter.h"

#include "http/apiversion.h"

#include <QSqlDatabase>

#include <memory>

namespace Galley::Server {

class ServerStore;

// The v1 auth routes over one store:
//   POST /auth/login {email, password}  (public)  → {access_token, refresh_token, expires_in, user}
//   POST /auth/refresh {refresh_token}  (public)  → the same; the refresh token is rotated
//   POST /auth/logout                   (read)    → revokes every token of the caller
//   GET  /me                            (read)    → {user, role, account, sites}
// A wrong e-mail and a wrong password get the same 401 after the same amount of work (a
// password hash is always verified). Failed logins are throttled by LoginRateLimiter.
class AuthRoutes
{
public:
    static constexpr int kAccessTokenSeconds = 60 * 60;
    static constexpr int kRefreshTokenSeconds = 30 * 24 * 60 * 60;

    // accessTokenSeconds: the lifetime of the access tokens it issues (tests make it short).
    explicit AuthRoutes(ServerStore &store, int accessTokenSeconds = kAccessTokenSeconds)
        : m_store(store), m_accessTokenSeconds(accessTokenSeconds)
    {
    }

    // Adds the routes; the version keeps a shared reference to this object.
    static void addTo(ApiVersion &version, const std::shared_ptr<AuthRoutes> &routes);

    HandlerResult login(const RequestContext &context);
    HandlerResult refresh(const RequestContext &context);
    HandlerResult logout(const RequestContext &context);
    HandlerResult me(const RequestContext &context);

private:
    HandlerResult issueTokens(QSqlDatabase &db, qint64 userId);

    ServerStore &m_store;
    int m_accessTokenSeconds;
    LoginRateLimiter m_limiter;
};

} // namespace Galley::Server
