#pragma once

#include "apierror.h"
#include "queryparam.h"
#include "requestcontext.h"
#include "routeservices.h"

#include "domain/permissions.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <variant>

namespace Galley::Server {

enum class HttpMethod { Get, Post, Put, Patch, Delete };

QString toString(HttpMethod m);

// A handler's successful answer: `data` and optional `meta` of the envelope, and the status
// (200, 201 for created, 202 for started work).
struct ApiSuccess
{
    ApiSuccess() = default;
    ApiSuccess(QJsonValue d, QJsonObject m = {}, int status = 200)
        : data(std::move(d)), meta(std::move(m)), httpStatus(status)
    {
    }

    QJsonValue data;
    QJsonObject meta;
    int httpStatus = 200;
    // Set: `data` already serialized as compact JSON (the resource serializers write bytes
    // directly, which matters for lists); `data` is then ignored.
    QByteArray rawData;
};

using HandlerResult = std::variant<ApiSuccess, ApiError>;
using Handler = std::function<HandlerResult(const RequestContext &)>;

// One endpoint, declared as data. The permission is a constructor argument and there is no
// other constructor, so a route cannot exist without one (tst_httppipeline proves it at compile
// time). The path pattern is relative to its version ("/schemas/{id}"); "{name}" segments are
// ids (positive integers, anything else is a 404), "{name:string}" segments any text. With a
// ResourceGuard (RouteServices), an id segment's name is the resource it refers to, and the
// pipeline answers 404 for an object the caller may not see before the handler runs.
class Route
{
public:
    Route(HttpMethod method, const QString &pattern, Permission permission, Handler handler);

    // The query parameters this route accepts; everything else is a 400.
    Route &&query(QList<QueryParam> params) &&;
    Route &query(QList<QueryParam> params) &;
    // The route takes a JSON object body (application/json); required unless optional.
    Route &&body(bool required = true) &&;
    Route &body(bool required = true) &;

    HttpMethod method() const { return m_method; }
    const QString &pattern() const { return m_pattern; }
    Permission permission() const { return m_permission; }
    const Handler &handler() const { return m_handler; }
    const QList<QueryParam> &queryParams() const { return m_query; }
    bool takesBody() const { return m_takesBody; }
    bool bodyRequired() const { return m_bodyRequired; }

    // Tenancy guard, idempotency and write throttling; stamped by ApiVersion::add.
    const std::shared_ptr<const RouteServices> &services() const { return m_services; }
    void setServices(std::shared_ptr<const RouteServices> services) { m_services = std::move(services); }

private:
    HttpMethod m_method;
    QString m_pattern;
    Permission m_permission;
    Handler m_handler;
    QList<QueryParam> m_query;
    bool m_takesBody = false;
    bool m_bodyRequired = false;
    std::shared_ptr<const RouteServices> m_services;
};

} // namespace Galley::Server
