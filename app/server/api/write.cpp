#include "write.h"

#include "listing.h"

#include "http/envelope.h"
#include "http/eventsink.h"
#include "http/pipeline.h"
#include "storage/changefeed.h"
#include "storage/serverstore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcWrite, "galley.server.write")

namespace Galley::Server {

Write::Write(ServerStore &store, std::shared_ptr<EventSink> events, const Caller &caller)
    : m_store(store), m_events(std::move(events)), m_caller(caller), m_db(store.connection()),
      m_now(QDateTime::currentMSecsSinceEpoch())
{
    if (m_db.isOpen())
        m_tx = std::make_unique<ServerTransaction>(m_db, store.dialect());
    if (!ok())
        qCWarning(lcWrite).noquote() << "cannot begin a write:"
                                     << (m_tx ? m_tx->error().message : m_db.lastError().text());
}

Write::~Write() = default;

ApiError Write::failure() const
{
    return ApiError::internal();
}

void Write::touched(const Entity &entity, qint64 id)
{
    for (Touch &t : m_touched) {
        if (t.entity == &entity && t.id == id && !t.deleted) {
            t.json.reset();   // changed again: read it at commit
            return;
        }
    }
    m_touched.append(Touch { &entity, id, false, std::nullopt, std::nullopt });
}

void Write::touched(const Entity &entity, qint64 id, const Entity::Loaded &current)
{
    m_touched.removeIf([&](const Touch &t) { return t.entity == &entity && t.id == id; });
    m_touched.append(Touch { &entity, id, false, current.siteId, current.json });
}

void Write::deleted(const Entity &entity, qint64 id, std::optional<qint64> siteId)
{
    m_touched.removeIf([&](const Touch &t) { return t.entity == &entity && t.id == id; });
    m_touched.append(Touch { &entity, id, true, siteId, std::nullopt });
}

std::optional<Entity::Loaded> Write::current(const Entity &entity, qint64 id)
{
    return entity.load(m_db, m_caller.accountId, id);
}

HandlerResult Write::commit(ApiSuccess success)
{
    if (!ok())
        return failure();
    qint64 lastSeq = 0;
    for (const Touch &t : std::as_const(m_touched)) {
        Result<qint64> seq = 0;
        if (t.deleted) {
            seq = ChangeFeed::append(m_db, m_caller.accountId, t.entity->name(), t.id, u"delete"_s, {}, t.siteId);
        } else if (t.json) {
            seq = ChangeFeed::append(m_db, m_caller.accountId, t.entity->name(), t.id, u"upsert"_s,
                                     QString::fromUtf8(*t.json), t.siteId);
        } else {
            bool failed = false;
            const auto loaded = t.entity->load(m_db, m_caller.accountId, t.id, &failed);
            if (!loaded) {
                qCWarning(lcWrite).noquote() << "cannot read back" << t.entity->name() << t.id << (failed ? "(query failed)" : "");
                return ApiError::internal();
            }
            seq = ChangeFeed::append(m_db, m_caller.accountId, t.entity->name(), t.id, u"upsert"_s,
                                     QString::fromUtf8(loaded->json), loaded->siteId);
        }
        if (!seq) {
            qCWarning(lcWrite).noquote() << "cannot append to the change feed:" << seq.error().message;
            return ApiError::internal();
        }
        lastSeq = seq.value();
    }
    // The answer of an Idempotency-Key request is stored with the write it answers.
    if (const auto &claimed = Pipeline::claimedKey(); claimed && claimed->accountId == m_caller.accountId) {
        QSqlQuery store(m_db);
        store.prepare(u"UPDATE idempotency_keys SET status = ?, response_body = ? WHERE account_id = ? AND idempotency_key = ?"_s);
        store.addBindValue(success.httpStatus);
        store.addBindValue(QString::fromUtf8(Envelope::success(success, claimed->requestId)));
        store.addBindValue(claimed->accountId);
        store.addBindValue(claimed->key);
        if (!store.exec())
            return storageFailure(store, "cannot store the idempotent answer:");
    }
    if (const Status committed = m_tx->commit(); !committed) {
        qCWarning(lcWrite).noquote() << "commit failed:" << committed.error().message;
        return ApiError::internal();
    }
    if (Pipeline::claimedKey() && Pipeline::claimedKey()->accountId == m_caller.accountId)
        Pipeline::markClaimedKeyAnswered();
    if (lastSeq > 0)
        noteFeedHead(m_caller.accountId, lastSeq);
    if (lastSeq > 0 && m_events)
        m_events->publish(m_caller.accountId, QJsonObject { { u"type"_s, u"feed"_s }, { u"seq"_s, lastSeq } });
    return success;
}

ApiError Write::storageFailure(const QSqlQuery &q, const char *what)
{
    qCWarning(lcWrite).noquote() << what << q.lastError().text();
    return ApiError::internal();
}

} // namespace Galley::Server
