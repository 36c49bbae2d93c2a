// GET /changes?since=&limit= — the sync feed (api.md, "Change feed").
//
// {"changes": [{"seq", "entity", "id", "op", "site_id"?, "data"}…], "next": "<cursor>",
//  "has_more": bool, "last": "<seq>"}
// - `since`: 0, or a `next` from an earlier page, sent back as it came. `next` is the seq of the
//   page's last entry (or the feed's end) — except on a page read from 0 that ends below the
//   compaction horizon (the snapshot part of the feed), where it is a negative number that
//   stays valid until the next compaction (ChangeFeed::read). A positive cursor below the
//   horizon, or one the feed no longer knows, is 410 cursor_expired: read again from 0.
// - `last`: the newest seq of the account's feed when this page was read (also entries the
//   caller may not see), for estimating how much of the feed is still to come. Like `next` a
//   string, so that clients without 64-bit integers keep every digit.
// - Reading from 0 always works and gives the latest state of every object the caller may see
//   (the compacted part), followed by the entries after the horizon.
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
                .key("last").value(QString::number(page->last))
                .endObject();
        ApiSuccess success;
        success.rawData = out.take();
        return success;
    }).query({ QueryParam::integer(u"since"_s), QueryParam::positiveInteger(u"limit"_s, 1000) }));
}

} // namespace Galley::Server
