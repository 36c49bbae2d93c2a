#pragma once

#include "domain/result.h"
#include "domain/tenancy.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Galley {

// One queued local change: a REST call the sync client will make, in order with the other
// changes of the same chain (orderKey: "document:<id>" for a document, its editions and their
// remarks; "schema:<id>" for a schema), with the idempotency key it is always sent with and the
// lock_version of the server copy it was made against. Written in the same transaction as the
// optimistic local update; deleted in the same transaction as the server's answer is applied.
struct OutboxItem
{
    enum class State {
        Queued,     // waiting to be sent (maybe after nextAttemptAt)
        Sending,    // a request is on its way
        Failed,     // the server refused it (422): fieldErrors says why; the user fixes or discards it
        Conflict,   // 409: someone else changed the same fields; a conflict record waits for a merge
        Gone,       // 404: the target was deleted on the server; the user recreates or discards it
    };
    // Transition: a workflow event (POST /editions/{id}/transitions, or POST
    // /documents/{id}/editions for a new edition) with the lock_version the user saw. Stored as an update of the edition (the outbox table's action column predates
    // it); its path tells it apart. Its body's "_apply" holds the optimistic state, "_local" the
    // rows it added locally (audit, remarks, unpublishing) and the other editions it changed;
    // neither is sent.
    enum class Action { Create, Update, Delete, AddRemark, Transition };

    qint64 id = 0;
    Id accountId = 0;
    QString idempotencyKey;
    QString method;              // POST, PUT, DELETE
    QString path;                // below the API root: "/editions/42"
    QJsonObject body;
    QString entity;              // wire name of the target: "edition", "document", "schema", "remark"
    Id entityId = 0;             // negative: created locally, not yet known to the server
    QString orderKey;
    Action action = Action::Update;
    std::optional<qint64> baseLockVersion;
    QJsonObject base;            // the server copy the change was made against (wire JSON), for merges
    State state = State::Queued;
    int attempts = 0;
    QString lastError;
    QJsonArray fieldErrors;      // api.md error details of a 422: [{"code","message","field"}]
    QDateTime createdAt;
    QDateTime nextAttemptAt;     // invalid: now
    // For the Outbox screen: the site it belongs to (0: account-wide), and one line saying what it is.
    Id siteId = 0;
    QString summary;             // "Edit “Harbour opening” (edition 42)"
};

QString toWire(OutboxItem::State s);
QString toWire(OutboxItem::Action a);

// A 409 waiting for a decision: the copy the change was made against, what this user wants
// and what the server has now (all wire JSON of the entity), and who changed it there.
struct ConflictRecord
{
    qint64 id = 0;
    qint64 outboxId = 0;
    QString entity;
    Id entityId = 0;
    QJsonObject base;
    QJsonObject mine;
    QJsonObject theirs;
    QString theirsBy;            // the user the server says last changed it ("" when unknown)
    QDateTime createdAt;
};

// Reads of the client-only tables; any thread's connection (normally a StoreWorker's).
class OutboxReader
{
public:
    // Every item, oldest first, with the site's name filled into summary's tenant when known.
    static Result<QList<OutboxItem>> items(QSqlDatabase &db);
    static Result<OutboxItem> item(QSqlDatabase &db, qint64 id);
    static Result<ConflictRecord> conflictFor(QSqlDatabase &db, qint64 outboxId);
    // Not yet accepted by the server (every state); conflicts; failed + gone.
    struct Counts { int pending = 0; int conflicts = 0; int failed = 0; };
    static Result<Counts> counts(QSqlDatabase &db);
};

} // namespace Galley

Q_DECLARE_METATYPE(Galley::OutboxItem)
