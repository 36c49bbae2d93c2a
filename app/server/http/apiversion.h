#pragma once

#include "route.h"

#include <QList>
#include <QString>

#include <memory>

namespace Galley::Server {

// The route table of one API version ("v1"), mounted under /api/<name>/. A later version starts
// from an earlier one's declarations (basedOn) and adds, replaces or removes routes, so v2 never
// copies v1's code: both share the handlers, serializers and the one pipeline.
class ApiVersion
{
public:
    explicit ApiVersion(const QString &name);
    static ApiVersion basedOn(const ApiVersion &base, const QString &name);

    // The services every route of this version gets (tenancy guard, idempotency, write
    // limiter); applies to the routes added before and after.
    void setServices(std::shared_ptr<const RouteServices> services);
    const std::shared_ptr<const RouteServices> &services() const { return m_services; }

    // Adds the route, replacing one with the same method and pattern.
    ApiVersion &add(Route route);
    // Drops a route this version no longer serves; false when there was none.
    bool remove(HttpMethod method, const QString &pattern);

    const QString &name() const { return m_name; }
    const QList<Route> &routes() const { return m_routes; }

private:
    QString m_name;
    QList<Route> m_routes;
    std::shared_ptr<const RouteServices> m_services;
};

} // namespace Galley::Server
