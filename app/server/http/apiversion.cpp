#include "apiversion.h"

namespace Galley::Server {

ApiVersion::ApiVersion(const QString &name) : m_name(name) { }

ApiVersion ApiVersion::basedOn(const ApiVersion &base, const QString &name)
{
    ApiVersion version(name);
    version.m_routes = base.m_routes;
    return version;
}

ApiVersion &ApiVersion::add(Route route)
{
    for (Route &existing : m_routes) {
        if (existing.method() == route.method() && existing.pattern() == route.pattern()) {
            existing = std::move(route);
            return *this;
        }
    }
    m_routes.append(std::move(route));
    return *this;
}

bool ApiVersion::remove(HttpMethod method, const QString &pattern)
{
    return m_routes.removeIf([&](const Route &r) { return r.method() == method && r.pattern() == pattern; }) > 0;
}

} // namespace Galley::Server
