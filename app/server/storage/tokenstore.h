#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

namespace Galley::Server {

// The user a valid token belongs to.
struct TokenOwner
{
    qint64 tokenId = 0;
    qint64 userId = 0;
    qint64 accountId = 0;
    QDateTime expiresAt;
};

// Bearer tokens: 32 random bytes, base64url without padding, given to the client
// once; the database keeps only their SHA-256, so a leaked database does not leak
// usable tokens. Lookup is by that hash (unique index): comparing hashes of random
// tokens leaks nothing through timing.
class TokenStore
{
public:
    enum class Kind { Access, Refresh };

    static QString generateToken();
    static QString tokenHash(const QString &token);   // hex SHA-256

    // Stores a new token for the user and returns it (the only time it is seen).
    static Result<QString> issue(QSqlDatabase &db, qint64 userId, Kind kind, const QDateTime &expiresAt);
    // The owner of an unexpired token of that kind whose user is enabled; "unauthenticated" otherwise.
    static Result<TokenOwner> lookup(QSqlDatabase &db, const QString &token, Kind kind, const QDateTime &now);
    static Status revoke(QSqlDatabase &db, const QString &token);
    // Removes expired tokens; returns how many.
    static Result<int> purgeExpired(QSqlDatabase &db, const QDateTime &now);
};

} // namespace Galley::Server
