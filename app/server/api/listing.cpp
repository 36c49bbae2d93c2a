#include "listing.h"

#include "storage/changefeed.h"
#include "storage/serverstore.h"
#include "write.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

// List answers by (account, query, parameters, page), valid while the account's change feed
// has not moved: every write to a listed table appends to the feed in its transaction, so an
// unchanged last seq means unchanged rows — across server processes too, since the seq is read
// from the database. The seq is read before the query, so an answer that already includes a
// newer write is stored under the older seq and simply recomputed next time. Totals are kept
// the same way for every page. Without this, a list of 100,000 documents would be counted on
// every request, and a desktop polling the first page would re-run the same query each time.
// Bounded: a cache past its budget starts over.
class FeedStampedCache
{
public:
    struct Page
    {
        QByteArray data;
        QJsonObject meta;
    };

    std::optional<qint64> total(const QString &key, qint64 seq)
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_totals.constFind(key);
        if (it == m_totals.cend() || it->first != seq)
            return std::nullopt;
        return it->second;
    }
    void storeTotal(const QString &key, qint64 seq, qint64 value)
    {
        QMutexLocker lock(&m_mutex);
        if (m_totals.size() >= kMaxTotals)
            m_totals.clear();
        m_totals.insert(key, { seq, value });
    }
    std::optional<Page> page(const QString &key, qint64 seq)
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_pages.constFind(key);
        if (it == m_pages.cend() || it->first != seq)
            return std::nullopt;
        return it->second;
    }
    void storePage(const QString &key, qint64 seq, const Page &page)
    {
        QMutexLocker lock(&m_mutex);
        if (m_pageBytes + page.data.size() > kMaxPageBytes) {
            m_pages.clear();
            m_pageBytes = 0;
        }
        if (const auto old = m_pages.constFind(key); old != m_pages.cend())
            m_pageBytes -= old->second.data.size();
        m_pages.insert(key, { seq, page });
        m_pageBytes += page.data.size();
    }

private:
    static constexpr qsizetype kMaxTotals = 20000;
    static constexpr qsizetype kMaxPageBytes = qsizetype(64) * 1024 * 1024;
    QMutex m_mutex;
    QHash<QString, std::pair<qint64, qint64>> m_totals;
    QHash<QString, std::pair<qint64, Page>> m_pages;
    qsizetype m_pageBytes = 0;
};

FeedStampedCache &listCache()
{
    static FeedStampedCache cache;
    return cache;
}

// The last feed position of each account as this process knows it. Writes committed here
// advance it at once (noteFeedHead); what other processes write (several servers on one
// PostgreSQL database, the admin commands) is picked up by re-reading the database at most
// kRecheckMs after the last read. So a list never lags this process's own writes, and lags
// another process's by at most kRecheckMs — without a query per list request.
class FeedHeads
{
public:
    static constexpr qint64 kRecheckMs = 1000;

    std::optional<qint64> fresh(qint64 accountId, qint64 now)
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_heads.constFind(accountId);
        if (it == m_heads.cend() || now - it->checkedAt >= kRecheckMs)
            return std::nullopt;
        return it->seq;
    }
    qint64 checked(qint64 accountId, qint64 seq, qint64 now)
    {
        QMutexLocker lock(&m_mutex);
        Head &head = m_heads[accountId];
        head.seq = std::max(head.seq, seq);
        head.checkedAt = now;
        return head.seq;
    }
    void advance(qint64 accountId, qint64 seq)
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_heads.find(accountId);
        if (it != m_heads.end())
            it->seq = std::max(it->seq, seq);   // not a check: other processes may be ahead
    }

private:
    struct Head
    {
        qint64 seq = 0;
        qint64 checkedAt = 0;
    };
    QMutex m_mutex;
    QHash<qint64, Head> m_heads;
};

FeedHeads &feedHeads()
{
    static FeedHeads heads;
    return heads;
}

} // namespace

QList<QueryParam> Paging::params()
{
    return { QueryParam::positiveInteger(u"page"_s, 1000000000), QueryParam::positiveInteger(u"page_size"_s, kMaxSize) };
}

Paging Paging::of(const RequestContext &context)
{
    Paging p;
    p.page = context.queryInt(u"page"_s).value_or(1);
    p.size = context.queryInt(u"page_size"_s).value_or(kDefaultSize);
    return p;
}

HandlerResult listEntities(ServerStore &store, qint64 accountId, const Entity &entity, const QString &where,
                           const QVariantList &binds, const QString &orderBy, const Paging &paging)
{
    QSqlDatabase db = store.connection();
    const QString countSql = u"SELECT COUNT(*) FROM "_s + entity.from() + u" WHERE "_s + where;
    QString key = QString::number(accountId) + u'\x1f' + countSql;
    for (const QVariant &v : binds)
        key += u'\x1f' + v.toString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::optional<qint64> seq = feedHeads().fresh(accountId, now);
    if (!seq) {
        const Result<qint64> read = ChangeFeed::lastSeq(db, accountId);
        if (!read)
            return ApiError::internal();
        seq = feedHeads().checked(accountId, read.value(), now);
    }
    const QString pageKey = key + u'\x1e' + orderBy + u'\x1e' + QString::number(paging.page) + u'\x1e'
            + QString::number(paging.size);
    if (auto cached = listCache().page(pageKey, seq.value())) {
        ApiSuccess success;
        success.rawData = std::move(cached->data);
        success.meta = std::move(cached->meta);
        return success;
    }
    qint64 total = 0;
    if (const auto cached = listCache().total(key, seq.value())) {
        total = *cached;
    } else {
        QSqlQuery count(db);
        count.setForwardOnly(true);
        count.prepare(countSql);
        for (const QVariant &v : binds)
            count.addBindValue(v);
        if (!count.exec() || !count.next())
            return Write::storageFailure(count, "cannot count a list:");
        total = count.value(0).toLongLong();
        listCache().storeTotal(key, seq.value(), total);
    }

    JsonWriter out(total > 0 ? 400 * std::min(paging.size, total) : 16);
    out.beginArray();
    if (paging.offset() < total) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(entity.select() + u" WHERE "_s + where + u" ORDER BY "_s + orderBy + u" LIMIT ? OFFSET ?"_s);
        for (const QVariant &v : binds)
            q.addBindValue(v);
        q.addBindValue(paging.size);
        q.addBindValue(paging.offset());
        if (!q.exec())
            return Write::storageFailure(q, "cannot read a list:");
        while (q.next())
            entity.write(out, q);
    }
    out.endArray();
    const qint64 pages = (total + paging.size - 1) / paging.size;
    const QJsonObject meta { { u"pagination"_s, QJsonObject { { u"page"_s, paging.page }, { u"page_size"_s, paging.size },
                                                             { u"total"_s, total }, { u"pages"_s, pages } } } };
    ApiSuccess success;
    success.rawData = out.take();
    success.meta = meta;
    listCache().storePage(pageKey, seq.value(), { success.rawData, meta });
    return success;
}

void noteFeedHead(qint64 accountId, qint64 seq)
{
    feedHeads().advance(accountId, seq);
}

HandlerResult getEntity(ServerStore &store, const Entity &entity, qint64 accountId, qint64 id)
{
    QSqlDatabase db = store.connection();
    bool failed = false;
    const auto loaded = entity.load(db, accountId, id, &failed);
    if (failed)
        return ApiError::internal();
    if (!loaded)
        return ApiError::notFound();
    ApiSuccess success;
    success.rawData = loaded->json;
    return success;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace Galley::Server
