#pragma once

#include "entities.h"

#include "http/apierror.h"
#include "http/caller.h"
#include "http/route.h"
#include "storage/servertransaction.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>
#include <optional>

namespace Galley::Server {

class EventSink;
class ServerStore;

// One write of a handler: a transaction on the calling thread's connection, the change-feed
// entries of every object it touched (appended last, just before commit, so writers of one
// account hold the feed's counter only briefly), and after commit the {"type":"feed"} event.
// Rolls back unless commit() succeeded.
//
//   Write w(api, context.user());
//   if (!w.ok()) return w.failure();
//   … statements on w.db() …
//   w.touched(Entity::edition(), id);
//   return w.commit(ApiSuccess { … });
class Write
{
    Q_DISABLE_COPY_MOVE(Write)
public:
    Write(ServerStore &store, std::shared_ptr<EventSink> events, const Caller &caller);
    ~Write();

    bool ok() const { return m_tx && m_tx->isActive(); }
    ApiError failure() const;
    QSqlDatabase &db() { return m_db; }
    const Caller &caller() const { return m_caller; }
    qint64 now() const { return m_now; }

    // Records that the object was inserted or changed (its current row goes into the feed at
    // commit) or deleted (a tombstone, with the site it belonged to).
    void touched(const Entity &entity, qint64 id);
    // The same, with the object's JSON as it stands after the write's last statement (the
    // handler read it for its answer anyway), which saves reading it again at commit.
    void touched(const Entity &entity, qint64 id, const Entity::Loaded &current);
    void deleted(const Entity &entity, qint64 id, std::optional<qint64> siteId);

    // The object's current JSON, read inside this transaction.
    std::optional<Entity::Loaded> current(const Entity &entity, qint64 id);

    // Appends the feed entries, commits and announces the new feed position; the answer on
    // success, a 500 when anything failed (after logging why).
    HandlerResult commit(ApiSuccess success);

    // Logs a failed statement and gives the 500 to return.
    static ApiError storageFailure(const QSqlQuery &q, const char *what);

private:
    struct Touch
    {
        const Entity *entity;
        qint64 id;
        bool deleted;
        std::optional<qint64> siteId;
        std::optional<QByteArray> json;   // known current JSON of an upsert
    };

    ServerStore &m_store;
    std::shared_ptr<EventSink> m_events;
    Caller m_caller;
    QSqlDatabase m_db;
    std::unique_ptr<ServerTransaction> m_tx;
    QList<Touch> m_touched;
    qint64 m_now;
};

} // namespace Galley::Server
