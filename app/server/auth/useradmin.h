#pragma once

#include "domain/enums.h"
#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

namespace Galley::Server {

// The administrative operations of the command line (create-account, create-user,
// reset-password) and the demo seeding: plain statements on one connection.
class UserAdmin
{
public:
    // A random password for people to type: 16 characters from an unambiguous alphabet.
    static QString generatePassword();
    // A URL-safe slug from a name ("Northwind Media" → "northwind-media").
    static QString slugFor(const QString &name);

    static Result<qint64> createAccount(QSqlDatabase &db, const QString &name);
    static Result<qint64> createUser(QSqlDatabase &db, qint64 accountId, const QString &email, const QString &name,
                                     Role role, const QString &password);
    // Sets a new password and revokes every token of the user.
    static Status resetPassword(QSqlDatabase &db, qint64 accountId, const QString &email, const QString &password);
    static Status setPassword(QSqlDatabase &db, qint64 userId, const QString &password);
};

} // namespace Galley::Server
