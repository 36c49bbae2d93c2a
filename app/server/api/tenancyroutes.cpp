// GET /accounts/current, /sites, /sites/{site}, /sites/{site}/sectors, /users
#include "listing.h"
#include "tenancy.h"
#include "v1.h"

#include "storage/serverstore.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Galley::Server {

void addTenancyRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api)
{
    version.add(Route(HttpMethod::Get, u"/accounts/current"_s, Permission::Read, [api](const RequestContext &c) -> HandlerResult {
        QSqlDatabase db = api->store.connection();
        QSqlQuery q(db);
        q.prepare(u"SELECT id, name, slug, created_at FROM accounts WHERE id = ?"_s);
        q.addBindValue(c.user().accountId);
        if (!q.exec() || !q.next())
            return ApiError::internal();
        JsonWriter out;
        out.beginObject()
                .key("id").value(q.value(0).toLongLong())
                .key("name").value(q.value(1).toString())
                .key("slug").value(q.value(2).toString())
                .key("created_at").value(isoTime(q.value(3).toLongLong()))
                .endObject();
        ApiSuccess success;
        success.rawData = out.take();
        return success;
    }));

    version.add(Route(HttpMethod::Get, u"/sites"_s, Permission::Read, [api](const RequestContext &c) {
        const TenancyScope scope(c.user());
        return listEntities(api->store, c.user().accountId, Entity::site(), scope.condition(Entity::site()), {}, u"lower(s.name), s.id"_s,
                            Paging::of(c));
    }).query(Paging::params()));

    version.add(Route(HttpMethod::Get, u"/sites/{site}"_s, Permission::Read, [api](const RequestContext &c) {
        return getEntity(api->store, Entity::site(), c.user().accountId, c.pathId(u"site"_s));
    }));

    version.add(Route(HttpMethod::Get, u"/sites/{site}/sectors"_s, Permission::Read, [api](const RequestContext &c) {
        const TenancyScope scope(c.user());
        return listEntities(api->store, c.user().accountId, Entity::sector(), scope.condition(Entity::sector()) + u" AND x.site_id = ?"_s,
                            { c.pathId(u"site"_s) }, u"lower(x.name), x.id"_s, Paging::of(c));
    }).query(Paging::params()));

    // The account's people, for names in histories and remarks (no credentials).
    version.add(Route(HttpMethod::Get, u"/users"_s, Permission::Read, [api](const RequestContext &c) {
        const TenancyScope scope(c.user());
        return listEntities(api->store, c.user().accountId, Entity::user(), scope.condition(Entity::user()), {}, u"lower(u.name), u.id"_s,
                            Paging::of(c));
    }).query(Paging::params()));
}

} // namespace Galley::Server
