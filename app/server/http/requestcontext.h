#pragma once

#include "caller.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QVariant>

#include <optional>

namespace Galley::Server {

// What a handler gets: everything the earlier pipeline stages established, already typed.
// Values, no references into the HTTP layer, so a handler can run on any thread.
struct RequestContext
{
    QString requestId;
    std::optional<Caller> caller;       // empty only on Permission::Public routes
    QHash<QString, QVariant> pathParams; // {id} → qint64 (positive), {name:string} → QString
    QHash<QString, QVariant> query;      // declared parameters that were given, typed
    QJsonObject body;                    // the parsed JSON object, for routes that take a body
    QHash<QByteArray, QByteArray> headers; // lower-case names (If-Match, Idempotency-Key, …)
    QString remoteAddress;               // the peer's address

    // The caller of an authenticated route (never called on public ones).
    const Caller &user() const { return *caller; }

    Id pathId(const QString &name) const;
    QString pathString(const QString &name) const;
    std::optional<qint64> queryInt(const QString &name) const;
    std::optional<QString> queryString(const QString &name) const;
    std::optional<bool> queryBool(const QString &name) const;
    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

} // namespace Galley::Server
