#pragma once

#include "domain/content.h"
#include "domain/result.h"
#include "sync/outbox.h"
#include "sync/syncstatus.h"
#include "workflow/workflow.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

namespace Galley {

struct EditionEdit;
struct NewDocument;

// Where the replica stands with its server (the sync_state row).
struct SyncState
{
    Id accountId = 0;
    Id userId = 0;
    qint64 cursor = 0;
    bool resyncing = false;     // a full resync from 0 is under way (resync_seen collects what it saw)
    bool initialDone = false;   // the first pull reached the end of the feed once
    QDateTime lastSyncedAt;
};

// The identity a workspace is bound to (from /me at sign-in).
struct SyncIdentity
{
    Id accountId = 0;
    QString accountName;
    QString accountSlug;
    Id userId = 0;
    QString userName;
    QString email;
    QString role;
    QString serverUrl;
    QString serverInstance;   // the server database's identity (/me); empty from older servers
};

// One page of GET /changes, applied.
struct AppliedPage
{
    qint64 applied = 0;     // entries in the page
    qint64 next = 0;
    qint64 last = -1;       // the feed's newest seq when the page was read (-1: not said)
    bool hasMore = false;
    ReplicaChange change;
};

// Everything the sync client does to the local database, as functions of one connection (the
// sync engine runs them on its store worker thread). Each public call is one transaction: a page
// and its cursor, a local change and its outbox item, a server answer and the removal of the item
// it answers. A crash between two calls leaves the replica consistent with its cursor and outbox.
class SyncStore
{
public:
    static Result<SyncState> state(QSqlDatabase &db);
    // Binds an empty workspace to the identity, or checks that it is the one it was bound to. A
    // different server database than last time (a new or restored one at the same address) starts
    // a full resync; the outbox is kept. *resync says whether it did.
    static Status bind(QSqlDatabase &db, const SyncIdentity &identity, bool *resync = nullptr);

    // Pull. applyPage parses the envelope of a /changes answer and applies it with its cursor.
    static Result<AppliedPage> applyPage(QSqlDatabase &db, const QByteArray &answer, Id accountId);
    static Status beginResync(QSqlDatabase &db);
    // Deletes what the resync did not see (never what has local changes waiting).
    static Result<ReplicaChange> finishResync(QSqlDatabase &db);
    static Status markSynced(QSqlDatabase &db, const QDateTime &at);

    // Bulk loading for an initial sync into an (almost) empty replica: the secondary indexes and
    // the full-text triggers of the big tables are set aside (remembered in deferred_objects, in
    // the same transaction) and built once by finishBulkLoad(). Returns whether it set them aside.
    static Result<bool> beginBulkLoad(QSqlDatabase &db);
    // Builds what beginBulkLoad set aside, and the full-text index; a no-op when nothing was.
    static Status finishBulkLoad(QSqlDatabase &db);
    static Result<bool> isBulkLoading(QSqlDatabase &db);

    // Local changes: the optimistic update and its outbox item, in one transaction.
    static Result<ReplicaChange> editEdition(QSqlDatabase &db, Id accountId, Id editionId, const EditionEdit &edit);
    static Result<Id> createDocument(QSqlDatabase &db, Id accountId, Id userId, const NewDocument &document,
                                     ReplicaChange *change);
    static Result<ReplicaChange> addRemark(QSqlDatabase &db, Id accountId, Id userId, Id editionId, const QString &body);
    static Result<Id> createSchema(QSqlDatabase &db, Id accountId, const QJsonObject &schema, ReplicaChange *change);
    static Result<ReplicaChange> updateSchema(QSqlDatabase &db, Id accountId, Id schemaId, const QJsonObject &changes);
    static Result<ReplicaChange> deleteSchema(QSqlDatabase &db, Id accountId, Id schemaId);
    // A workflow event by the signed-in user (role from the replica): decided here by the same
    // rules the server applies, applied optimistically (the edition, the editions it supersedes,
    // audit rows, remarks, the unpublishing) and queued with the lock_version the user saw
    // (request.lockVersion, else the replica's). Unwithdraw and new editions need the server.
    static Result<ReplicaChange> transition(QSqlDatabase &db, Id accountId, Id userId, Id editionId,
                                            Workflow::Event event, const Workflow::Request &request,
                                            const QDateTime &now);

    // Push. Items ready to send now: the first item of each chain, if it is queued and due, and
    // not in a chain listed in busyChains. Marks them sending.
    static Result<QList<OutboxItem>> takeReady(QSqlDatabase &db, const QDateTime &now, int limit,
                                               const QSet<QString> &busyChains);
    // The earliest time a queued item becomes due (invalid: none).
    static Result<QDateTime> nextDue(QSqlDatabase &db);
    // After a crash: items left "sending" go back to the queue (their key makes a resend safe).
    static Status requeueSending(QSqlDatabase &db);
    // The server answers again after it could not be reached: what waits on a backoff is due now
    // (its failures were the server's absence, not the change's).
    static Status dueNow(QSqlDatabase &db);

    // Outcomes.
    static Result<ReplicaChange> accept(QSqlDatabase &db, Id accountId, qint64 outboxId, const QJsonObject &answer);
    static Status retryLater(QSqlDatabase &db, qint64 outboxId, const QDateTime &next, const QString &error);
    static Status refuse(QSqlDatabase &db, qint64 outboxId, const QString &error, const QJsonArray &fieldErrors);
    static Result<ReplicaChange> gone(QSqlDatabase &db, qint64 outboxId, const QString &error);
    // A transition the server refused (409: the edition moved, `theirs` is its copy; 422: a rule):
    // the optimistic change is undone — the workspace shows the server's edition — and the item
    // stays, failed, saying what happened and who acted.
    // Asks the server to check the links of an edition's rich text again (POST
    // /editions/{id}/link-check); the report arrives through the feed.
    static Result<ReplicaChange> requestLinkCheck(QSqlDatabase &db, Id accountId, Id editionId);
    static Result<ReplicaChange> refuseTransition(QSqlDatabase &db, Id accountId, qint64 outboxId,
                                                  const QString &serverMessage, const QJsonObject &theirs);
    // 409: merges by itself when mine and theirs changed different fields (the item goes back to
    // the queue against theirs); otherwise keeps a conflict record. Returns whether it merged.
    static Result<bool> collide(QSqlDatabase &db, Id accountId, qint64 outboxId, const QJsonObject &theirs);
    static Result<ReplicaChange> resolve(QSqlDatabase &db, Id accountId, qint64 outboxId, const QJsonObject &merged);
    static Result<ReplicaChange> discard(QSqlDatabase &db, Id accountId, qint64 outboxId);
    static Status retryNow(QSqlDatabase &db, qint64 outboxId);
    // A gone edition edit becomes a new document with the edition's content (in the item's place).
    static Result<ReplicaChange> recreate(QSqlDatabase &db, Id accountId, Id userId, qint64 outboxId);
};

} // namespace Galley
