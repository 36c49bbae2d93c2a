// The publisher module, read side (api.md "Resources"):
//   GET /publisher/publishing-records?site=&status=&edition=   GET /publisher/publishing-records/{publishing_record}
//   GET /publisher/deployments?site=&status=                   GET /publisher/deployments/{deployment}
//   GET /publisher/destinations?site=
// Retrying records and starting or rolling back deployments belong to the publishing routes.
//
// Decisions where api.md is silent: records and deployments are listed newest first (id DESC),
// destinations by site, then name. A `site` (or `edition`) filter naming something the caller
// cannot see — another account's, a site outside their access, or nothing at all — gives an
// empty list rather than a 404, so a filter never tells whether an id exists.
#include "listing.h"
#include "tenancy.h"
#include "v1.h"

#include "domain/enums.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

template<typename E>
QStringList wireNames(std::span<const E> values)
{
    QStringList names;
    for (const E v : values)
        names << toWire(v);
    return names;
}

// "<scope> AND <column> = ?" for each given integer filter, in order.
void filterBy(QString &where, QVariantList &binds, const RequestContext &c, const QString &param, const QString &column)
{
    if (const auto value = c.queryInt(param)) {
        where += u" AND "_s + column + u" = ?"_s;
        binds << *value;
    }
}

void filterByText(QString &where, QVariantList &binds, const RequestContext &c, const QString &param, const QString &column)
{
    if (const auto value = c.queryString(param)) {
        where += u" AND "_s + column + u" = ?"_s;
        binds << *value;
    }
}

} // namespace

void addPublisherRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api)
{
    version.add(Route(HttpMethod::Get, u"/publisher/publishing-records"_s, Permission::Read, [api](const RequestContext &c) {
        const Entity &entity = Entity::publishingRecord();
        QString where = TenancyScope(c.user()).condition(entity);
        QVariantList binds;
        filterBy(where, binds, c, u"site"_s, u"pr.site_id"_s);
        filterByText(where, binds, c, u"status"_s, u"pr.status"_s);
        filterBy(where, binds, c, u"edition"_s, u"pr.edition_id"_s);
        return listEntities(api->store, c.user().accountId, entity, where, binds, u"pr.id DESC"_s, Paging::of(c));
    }).query(Paging::params() + QList<QueryParam> { QueryParam::positiveInteger(u"site"_s),
                                                    QueryParam::oneOf(u"status"_s, wireNames(allPublishingStatuses())),
                                                    QueryParam::positiveInteger(u"edition"_s) }));

    version.add(Route(HttpMethod::Get, u"/publisher/publishing-records/{publishing_record}"_s, Permission::Read,
                      [api](const RequestContext &c) {
        return getEntity(api->store, Entity::publishingRecord(), c.user().accountId, c.pathId(u"publishing_record"_s));
    }));

    version.add(Route(HttpMethod::Get, u"/publisher/deployments"_s, Permission::Read, [api](const RequestContext &c) {
        const Entity &entity = Entity::deployment();
        QString where = TenancyScope(c.user()).condition(entity);
        QVariantList binds;
        filterBy(where, binds, c, u"site"_s, u"dp.site_id"_s);
        filterByText(where, binds, c, u"status"_s, u"dp.status"_s);
        return listEntities(api->store, c.user().accountId, entity, where, binds, u"dp.id DESC"_s, Paging::of(c));
    }).query(Paging::params() + QList<QueryParam> { QueryParam::positiveInteger(u"site"_s),
                                                    QueryParam::oneOf(u"status"_s, wireNames(allDeploymentStatuses())) }));

    version.add(Route(HttpMethod::Get, u"/publisher/deployments/{deployment}"_s, Permission::Read, [api](const RequestContext &c) {
        return getEntity(api->store, Entity::deployment(), c.user().accountId, c.pathId(u"deployment"_s));
    }));

    version.add(Route(HttpMethod::Get, u"/publisher/destinations"_s, Permission::Read, [api](const RequestContext &c) {
        const Entity &entity = Entity::destination();
        QString where = TenancyScope(c.user()).condition(entity);
        QVariantList binds;
        filterBy(where, binds, c, u"site"_s, u"t.site_id"_s);
        return listEntities(api->store, c.user().accountId, entity, where, binds, u"t.site_id, lower(t.name), t.id"_s, Paging::of(c));
    }).query(Paging::params() + QList<QueryParam> { QueryParam::positiveInteger(u"site"_s) }));
}

} // namespace Galley::Server
