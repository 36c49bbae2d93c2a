#pragma once

#include "entities.h"

#include "http/queryparam.h"
#include "http/requestcontext.h"
#include "http/route.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace Galley::Server {

class ServerStore;

// Lists as api.md shapes them: `page` from 1, `page_size` 1–200 (default 20; more is a 400
// naming the parameter, not a silent cut), and meta.pagination = {page, page_size, total,
// pages}. A page past the end is an empty list with the true total.
struct Paging
{
    static constexpr qint64 kDefaultSize = 20;
    static constexpr qint64 kMaxSize = 200;

    qint64 page = 1;
    qint64 size = kDefaultSize;

    qint64 offset() const { return (page - 1) * size; }
    static QList<QueryParam> params();
    static Paging of(const RequestContext &context);
};

// One page of an entity of the account: `where` (already scoped by TenancyScope, with '?'
// placeholders bound from `binds` in order), `orderBy` ending in a unique column so pages are
// stable. Answers and totals are cached while the account's change feed stands still (as this
// process knows it: its own writes at once, other processes' within a second).
HandlerResult listEntities(ServerStore &store, qint64 accountId, const Entity &entity, const QString &where,
                           const QVariantList &binds, const QString &orderBy, const Paging &paging);

// A write of this process committed feed entries up to `seq`: lists of the account must not
// serve anything older (Write::commit calls it).
void noteFeedHead(qint64 accountId, qint64 seq);

// The single object `id` of the caller's account (the guard has checked the tenancy), or 404.
HandlerResult getEntity(ServerStore &store, const Entity &entity, qint64 accountId, qint64 id);

// Escapes LIKE's wildcards in client text (escape character '\').
QString likePattern(const QString &text);

} // namespace Galley::Server
