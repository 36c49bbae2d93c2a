#include "useradmin.h"

#include "storeauthenticator.h"

#include "storage/passwordhasher.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Galley::Server {

namespace {

Error sqlError(const QSqlQuery &q, const QString &what)
{
    return Error { QStringLiteral("storage"), what + QStringLiteral(": ") + q.lastError().text() };
}

} // namespace

QString UserAdmin::generatePassword()
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString out;
    for (int i = 0; i < 16; ++i)
        out.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]));
    return out;
}

QString UserAdmin::slugFor(const QString &name)
{
    QString slug;
    for (const QChar c : name.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            slug.append(c);
        else if (!slug.isEmpty() && !slug.endsWith(u'-'))
            slug.append(u'-');
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("account") : slug;
}

Result<qint64> UserAdmin::createAccount(QSqlDatabase &db, const QString &name)
{
    if (name.trimmed().isEmpty())
        return Error { QStringLiteral("invalid"), QStringLiteral("The account needs a name.") };
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO accounts (name, slug, created_at) VALUES (?, ?, ?) RETURNING id"));
    q.addBindValue(name.trimmed());
    q.addBindValue(slugFor(name));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec() || !q.next())
        return sqlError(q, QStringLiteral("Cannot create the account (is the slug taken?)"));
    const qint64 id = q.value(0).toLongLong();
    QSqlQuery seq(db);
    seq.prepare(QStringLiteral("INSERT INTO change_sequences (account_id, seq, horizon) VALUES (?, 0, 0)"));
    seq.addBindValue(id);
    if (!seq.exec())
        return sqlError(seq, QStringLiteral("Cannot start the account's change feed"));
    return id;
}

Result<qint64> UserAdmin::createUser(QSqlDatabase &db, qint64 accountId, const QString &email, const QString &name,
                                     Role role, const QString &password)
{
    if (!email.contains(u'@') || name.trimmed().isEmpty())
        return Error { QStringLiteral("invalid"), QStringLiteral("The user needs an e-mail address and a name.") };
    const PasswordHash hash = PasswordHasher::hash(password);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO users (account_id, email, name, role, password_hash, password_salt, "
                             "password_iterations, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(accountId);
    q.addBindValue(email.trimmed());
    q.addBindValue(name.trimmed());
    q.addBindValue(toWire(role));
    q.addBindValue(hash.hash);
    q.addBindValue(hash.salt);
    q.addBindValue(hash.iterations);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec() || !q.next())
        return sqlError(q, QStringLiteral("Cannot create the user (unknown account or e-mail taken?)"));
    return q.value(0).toLongLong();
}

Status UserAdmin::setPassword(QSqlDatabase &db, qint64 userId, const QString &password)
{
    const PasswordHash hash = PasswordHasher::hash(password);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE users SET password_hash = ?, password_salt = ?, password_iterations = ?, "
                             "updated_at = ? WHERE id = ?"));
    q.addBindValue(hash.hash);
    q.addBindValue(hash.salt);
    q.addBindValue(hash.iterations);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(userId);
    if (!q.exec())
        return sqlError(q, QStringLiteral("Cannot set the password"));
    QSqlQuery revoke(db);
    revoke.prepare(QStringLiteral("DELETE FROM auth_tokens WHERE user_id = ?"));
    revoke.addBindValue(userId);
    if (!revoke.exec())
        return sqlError(revoke, QStringLiteral("Cannot revoke the user's tokens"));
    StoreAuthenticator::forgetUser(userId);
    return {};
}

Status UserAdmin::resetPassword(QSqlDatabase &db, qint64 accountId, const QString &email, const QString &password)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id FROM users WHERE account_id = ? AND lower(email) = lower(?)"));
    q.addBindValue(accountId);
    q.addBindValue(email.trimmed());
    if (!q.exec())
        return sqlError(q, QStringLiteral("Cannot look the user up"));
    if (!q.next())
        return Error { QStringLiteral("not_found"), QStringLiteral("No user with that e-mail address in that account.") };
    return setPassword(db, q.value(0).toLongLong(), password);
}

} // namespace Galley::Server
