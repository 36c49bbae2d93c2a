#include "route.h"

using namespace Qt::StringLiterals;

namespace Galley::Server {

QString toString(HttpMethod m)
{
    switch (m) {
    case HttpMethod::Get: return u"GET"_s;
    case HttpMethod::Post: return u"POST"_s;
    case HttpMethod::Put: return u"PUT"_s;
    case HttpMethod::Patch: return u"PATCH"_s;
    case HttpMethod::Delete: return u"DELETE"_s;
    }
    return {};
}

Route::Route(HttpMethod method, const QString &pattern, Permission permission, Handler handler)
    : m_method(method), m_pattern(pattern), m_permission(permission), m_handler(std::move(handler))
{
}

Route &&Route::query(QList<QueryParam> params) &&
{
    m_query = std::move(params);
    return std::move(*this);
}

Route &Route::query(QList<QueryParam> params) &
{
    m_query = std::move(params);
    return *this;
}

Route &&Route::body(bool required) &&
{
    m_takesBody = true;
    m_bodyRequired = required;
    return std::move(*this);
}

Route &Route::body(bool required) &
{
    m_takesBody = true;
    m_bodyRequired = required;
    return *this;
}

} // namespace Galley::Server
