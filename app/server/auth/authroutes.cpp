#include "authroutes.h"

#include "storeauthenticator.h"

#include "storage/passwordhasher.h"
#include "storage/serverstore.h"
#include "storage/servertransaction.h"
#include "storage/tokenstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

Q_LOGGING_CATEGORY(lcAuth, "galley.server.auth")

const QString kBadCredentials = u"The e-mail address or the password is wrong."_s;

// Verified when no user has the e-mail address, so that the answer takes as long as for a
// wrong password.
const PasswordHash &dummyHash()
{
    static const PasswordHash hash = PasswordHasher::hash(u"galley-no-such-user"_s);
    return hash;
}

ApiError storageFailure(const QString &what)
{
    qCWarning(lcAuth).noquote() << what;
    return ApiError::internal();
}

QJsonObject userJson(QSqlDatabase &db, const Caller &caller)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT email, name FROM users WHERE id = ?"_s);
    q.addBindValue(caller.userId);
    QJsonObject user { { u"id"_s, caller.userId }, { u"account_id"_s, caller.accountId },
                       { u"role"_s, toWire(caller.role) }, { u"all_sites"_s, caller.allSites } };
    if (q.exec() && q.next()) {
        user.insert(u"email"_s, q.value(0).toString());
        user.insert(u"name"_s, q.value(1).toString());
    }
    QJsonArray sites;
    for (const Id id : caller.siteIds)
        sites.append(id);
    user.insert(u"site_ids"_s, sites);
    return user;
}

} // namespace

void AuthRoutes::addTo(ApiVersion &version, const std::shared_ptr<AuthRoutes> &routes)
{
    version.add(Route(HttpMethod::Post, u"/auth/login"_s, Permission::Public,
                      [routes](const RequestContext &c) { return routes->login(c); }).body());
    version.add(Route(HttpMethod::Post, u"/auth/refresh"_s, Permission::Public,
                      [routes](const RequestContext &c) { return routes->refresh(c); }).body());
    version.add(Route(HttpMethod::Post, u"/auth/logout"_s, Permission::Read,
                      [routes](const RequestContext &c) { return routes->logout(c); }).body(false));
    version.add(Route(HttpMethod::Get, u"/me"_s, Permission::Read,
                      [routes](const RequestContext &c) { return routes->me(c); }));
}

HandlerResult AuthRoutes::issueTokens(QSqlDatabase &db, qint64 userId)
{
    const auto caller = StoreAuthenticator::callerForUser(db, userId);
    if (!caller)
        return ApiError::unauthenticated(kBadCredentials);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ServerTransaction tx(db, m_store.dialect());
    if (!tx.isActive())
        return storageFailure(tx.error().message);
    const auto access = TokenStore::issue(db, userId, TokenStore::Kind::Access, now.addSecs(m_accessTokenSeconds));
    if (!access)
        return storageFailure(access.error().message);
    const auto refresh = TokenStore::issue(db, userId, TokenStore::Kind::Refresh, now.addSecs(kRefreshTokenSeconds));
    if (!refresh)
        return storageFailure(refresh.error().message);
    if (const Status committed = tx.commit(); !committed)
        return storageFailure(committed.error().message);
    return ApiSuccess { QJsonObject { { u"access_token"_s, access.value() },
                                      { u"refresh_token"_s, refresh.value() },
                                      { u"token_type"_s, u"Bearer"_s },
                                      { u"expires_in"_s, m_accessTokenSeconds },
                                      { u"user"_s, userJson(db, *caller) } },
                        {}, 200 };
}

HandlerResult AuthRoutes::login(const RequestContext &context)
{
    const QJsonValue emailValue = context.body.value(u"email"_s);
    const QJsonValue passwordValue = context.body.value(u"password"_s);
    QList<FieldError> problems;
    if (!emailValue.isString() || emailValue.toString().trimmed().isEmpty())
        problems.append({ u"invalid"_s, u"The e-mail address is required."_s, u"/email"_s });
    if (!passwordValue.isString() || passwordValue.toString().isEmpty())
        problems.append({ u"invalid"_s, u"The password is required."_s, u"/password"_s });
    if (!problems.isEmpty())
        return ApiError::invalid(u"The login request is incomplete."_s, problems);
    const QString email = emailValue.toString().trimmed();
    const QString password = passwordValue.toString();

    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (const int wait = m_limiter.retryAfterSeconds(email, context.remoteAddress, nowMs); wait > 0)
        return ApiError::rateLimited(u"Too many failed logins; try again in %1 seconds."_s.arg(wait), wait);

    QSqlDatabase db = m_store.connection();
    if (!db.isOpen())
        return storageFailure(u"no database connection"_s);
    QSqlQuery q(db);
    q.prepare(u"SELECT id, password_hash, password_salt, password_iterations FROM users "
              "WHERE lower(email) = lower(?) AND disabled = %1 ORDER BY id"_s.arg(m_store.dialect().boolLiteral(false)));
    q.addBindValue(email);
    if (!q.exec())
        return storageFailure(q.lastError().text());
    qint64 userId = 0;
    bool anyUser = false;
    // The same address may exist in several accounts: the password picks the user.
    while (q.next()) {
        anyUser = true;
        const PasswordHash stored { q.value(1).toString(), q.value(2).toString(), q.value(3).toInt() };
        if (stored.iterations > 0 && PasswordHasher::verify(password, stored) && userId == 0)
            userId = q.value(0).toLongLong();
    }
    if (!anyUser)
        PasswordHasher::verify(password, dummyHash());
    if (userId == 0) {
        m_limiter.recordFailure(email, context.remoteAddress, nowMs);
        return ApiError::unauthenticated(kBadCredentials);
    }
    m_limiter.recordSuccess(email, context.remoteAddress);
    return issueTokens(db, userId);
}

HandlerResult AuthRoutes::refresh(const RequestContext &context)
{
    const QJsonValue tokenValue = context.body.value(u"refresh_token"_s);
    if (!tokenValue.isString() || tokenValue.toString().isEmpty())
        return ApiError::invalid(u"The refresh token is required."_s,
                                 { { u"invalid"_s, u"The refresh token is required."_s, u"/refresh_token"_s } });
    const QString token = tokenValue.toString();
    QSqlDatabase db = m_store.connection();
    if (!db.isOpen())
        return storageFailure(u"no database connection"_s);
    const auto owner = TokenStore::lookup(db, token, TokenStore::Kind::Refresh, QDateTime::currentDateTimeUtc());
    if (!owner)
        return ApiError::unauthenticated(u"The refresh token is unknown or has expired; sign in again."_s);
    // Rotation: a refresh token is good for one refresh.
    if (const Status revoked = TokenStore::revoke(db, token); !revoked)
        return storageFailure(revoked.error().message);
    return issueTokens(db, owner->userId);
}

HandlerResult AuthRoutes::logout(const RequestContext &context)
{
    QSqlDatabase db = m_store.connection();
    if (!db.isOpen())
        return storageFailure(u"no database connection"_s);
    QSqlQuery q(db);
    q.prepare(u"DELETE FROM auth_tokens WHERE user_id = ?"_s);
    q.addBindValue(context.user().userId);
    if (!q.exec())
        return storageFailure(q.lastError().text());
    StoreAuthenticator::forgetUser(context.user().userId);
    return ApiSuccess { QJsonObject { { u"revoked"_s, q.numRowsAffected() } }, {}, 200 };
}

HandlerResult AuthRoutes::me(const RequestContext &context)
{
    const Caller &caller = context.user();
    QSqlDatabase db = m_store.connection();
    if (!db.isOpen())
        return storageFailure(u"no database connection"_s);
    QSqlQuery account(db);
    account.prepare(u"SELECT name, slug FROM accounts WHERE id = ?"_s);
    account.addBindValue(caller.accountId);
    if (!account.exec() || !account.next())
        return storageFailure(u"the caller's account is missing"_s);
    QSqlQuery sites(db);
    if (caller.allSites) {
        sites.prepare(u"SELECT id, name, domain FROM sites WHERE account_id = ? ORDER BY lower(name), id"_s);
        sites.addBindValue(caller.accountId);
    } else {
        sites.prepare(u"SELECT s.id, s.name, s.domain FROM sites s JOIN user_sites us ON us.site_id = s.id "
                      "WHERE us.user_id = ? AND s.account_id = ? ORDER BY lower(s.name), s.id"_s);
        sites.addBindValue(caller.userId);
        sites.addBindValue(caller.accountId);
    }
    if (!sites.exec())
        return storageFailure(sites.lastError().text());
    QJsonArray siteList;
    while (sites.next())
        siteList.append(QJsonObject { { u"id"_s, sites.value(0).toLongLong() }, { u"name"_s, sites.value(1).toString() },
                                      { u"domain"_s, sites.value(2).toString() } });
    QSqlQuery instance(db);
    QString instanceId;
    if (instance.exec(u"SELECT id FROM server_instance"_s) && instance.next())
        instanceId = instance.value(0).toString();
    return ApiSuccess { QJsonObject { { u"user"_s, userJson(db, caller) },
                                      { u"role"_s, toWire(caller.role) },
                                      { u"server_instance"_s, instanceId },
                                      { u"account"_s, QJsonObject { { u"id"_s, caller.accountId },
                                                                    { u"name"_s, account.value(0).toString() },
                                                                    { u"slug"_s, account.value(1).toString() } } },
                                      { u"sites"_s, siteList } },
                        {}, 200 };
}

} // namespace Galley::Server
