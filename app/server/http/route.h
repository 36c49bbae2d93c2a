#pragma once

#include "apierror.h"
#include "queryparam.h"
#include "requestcontext.h"

#include "domain/permissions.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>
#include <variant>

namespace Galley::Server {

enum class HttpMethod { Get, Post, Put, Patch, Delete };

QString toString(HttpMethod m);

// A handler's successful answer: `data` and optional `meta` of the envelope, and the status
// (200, 201 for created, 202 for started work).
struct ApiSuccess
{
    QJsonValue data;
    QJsonObject meta;
    int httpStatus = 200;
};

using HandlerResult = std::variant<ApiSuccess, ApiError>;
using Handler = std::function<HandlerResult(const RequestContext &)>;

// One endpoint, declared as data. The permission is a constructor argument and there is no
// other constructor, so a route cannot exist without one (tst_httppipeline proves it at compile
// time). The path pattern is relative to its version ("/schemas/{id}"); "{name}" segments are
// ids (positive integers, anything else is a 404), "{name:string}" segments any text.
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

private:
    HttpMethod m_method;
    QString m_pattern;
    Permission m_permission;
    Handler m_handler;
    QList<QueryParam> m_query;
    bool m_takesBody = false;
    bool m_bodyRequired = false;
};

} // namespace Galley::Server
