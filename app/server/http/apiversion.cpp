#include "apiversion.h"

namespace Galley::Server {

ApiVersion::ApiVersion(const QString &name) : m_name(name) { }

ApiVersion ApiVersion::basedOn(const ApiVersion &base, const QString &name)
{
    ApiVersion version(name);
    version.m_routes = base.m_routes;
    version.m_services = base.m_services;
    return version;
}

void ApiVersion::setServices(std::shared_ptr<const RouteServices> services)
{
    m_services = std::move(services);
    for (Route &route : m_routes)
        route.setServices(m_services);
}

ApiVersion &ApiVersion::add(Route route)
{
    if (m_services)
        route.setServices(m_services);
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
