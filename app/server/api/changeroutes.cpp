// GET /changes?since=&limit= — the sync feed (api.md, "Change feed").
#include "jsonwriter.h"
#include "tenancy.h"
#include "v1.h"

#include "storage/changefeed.h"
#include "storage/serverstore.h"

using namespace Qt::StringLiterals;

namespace Galley::Server {

void addChangeRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api)
{
    version.add(Route(HttpMethod::Get, u"/changes"_s, Permission::Read, [api](const RequestContext &c) -> HandlerResult {
        const TenancyScope scope(c.user());
        const qint64 since = c.queryInt(u"since"_s).value_or(0);
        if (since < 0)
            return ApiError::badRequest(u"'since' is a feed position (0 or a 'next' value)."_s, u"since"_s);
        const int limit = int(c.queryInt(u"limit"_s).value_or(500));
        QSqlDatabase db = api->store.connection();
        const auto page = ChangeFeed::read(db, scope.accountId(), since, limit, scope.visibleSites());
        if (!page) {
            if (page.error().code == "cursor_expired"_L1)
                return ApiError::of(410, u"cursor_expired"_s, page.error().message);
            return ApiError::internal();
        }
        JsonWriter out(4096);
        out.beginObject().key("changes").beginArray();
        for (const Change &change : page->changes) {
            out.beginObject()
                    .key("seq").value(change.seq)
                    .key("entity").value(change.entity)
                    .key("id").value(change.entityId)
                    .key("op").value(change.op);
            if (change.siteId)
                out.key("site_id").value(*change.siteId);
            out.key("data").raw(change.data.toUtf8());
            out.endObject();
        }
        out.endArray()
                .key("next").value(QString::number(page->next))
                .key("has_more").value(page->hasMore)
                .endObject();
        ApiSuccess success;
        success.rawData = out.take();
        return success;
    }).query({ QueryParam::integer(u"since"_s), QueryParam::positiveInteger(u"limit"_s, 1000) }));
}

} // namespace Galley::Server
