#include "tokenstore.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

namespace Galley::Server {

namespace {

QString kindName(TokenStore::Kind kind)
{
    return kind == TokenStore::Kind::Access ? QStringLiteral("access") : QStringLiteral("refresh");
}

Error storeError(const QSqlQuery &q, const QString &what)
{
    return Error { QStringLiteral("store_error"), QStringLiteral("%1: %2").arg(what, q.lastError().text()) };
}

} // namespace

QString TokenStore::generateToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 32 / sizeof(quint32));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString TokenStore::tokenHash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<QString> TokenStore::issue(QSqlDatabase &db, qint64 userId, Kind kind, const QDateTime &expiresAt)
{
    const QString token = generateToken();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO auth_tokens (token_hash, user_id, kind, expires_at, created_at) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(tokenHash(token));
    q.addBindValue(userId);
    q.addBindValue(kindName(kind));
    q.addBindValue(expiresAt.toMSecsSinceEpoch());
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return storeError(q, QStringLiteral("Cannot store the token"));
    return token;
}

Result<TokenOwner> TokenStore::lookup(QSqlDatabase &db, const QString &token, Kind kind, const QDateTime &now)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT t.id, t.user_id, u.account_id, t.expires_at FROM auth_tokens t "
                             "JOIN users u ON u.id = t.user_id "
                             "WHERE t.token_hash = ? AND t.kind = ? AND t.expires_at > ? AND u.disabled = ?"));
    q.addBindValue(tokenHash(token));
    q.addBindValue(kindName(kind));
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(false);
    if (!q.exec())
        return storeError(q, QStringLiteral("Cannot look the token up"));
    if (!q.next())
        return Error { QStringLiteral("unauthenticated"), QStringLiteral("The token is unknown or has expired; sign in again.") };
    return TokenOwner { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                        QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong(), QTimeZone::UTC) };
}

Status TokenStore::revoke(QSqlDatabase &db, const QString &token)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM auth_tokens WHERE token_hash = ?"));
    q.addBindValue(tokenHash(token));
    if (!q.exec())
        return storeError(q, QStringLiteral("Cannot revoke the token"));
    return {};
}

Result<int> TokenStore::purgeExpired(QSqlDatabase &db, const QDateTime &now)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM auth_tokens WHERE expires_at <= ?"));
    q.addBindValue(now.toMSecsSinceEpoch());
    if (!q.exec())
        return storeError(q, QStringLiteral("Cannot purge expired tokens"));
    return q.numRowsAffected();
}

} // namespace Galley::Server
