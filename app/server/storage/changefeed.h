#pragma once

#include "domain/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Galley::Server {

// One entry of an account's change feed.
struct Change
{
    qint64 seq = 0;
    QString entity;        // "edition", "document", "schema", …
    qint64 entityId = 0;
    QString op;            // "upsert" or "delete"
    QString data;          // JSON text; empty for deletes
    std::optional<qint64> siteId;   // none: visible to every user of the account
};

struct ChangePage
{
    QList<Change> changes;
    qint64 next = 0;       // the cursor to ask with next time (negative inside a snapshot, see read())
    qint64 last = 0;       // the newest seq of the account's feed when the page was read
    bool hasMore = false;
};

// What one compaction of one account's feed did.
struct Compaction
{
    qint64 accountId = 0;
    qint64 horizonBefore = 0;
    qint64 horizon = 0;
    qint64 removed = 0;    // entries deleted by this compaction
    qint64 kept = 0;       // entries the feed holds afterwards
};

// Which entries ChangeFeed::compactAll() lets go in every account: those up to keepAfterSeq when
// it is set, otherwise those created before keepSinceMs (the retention rule: the horizon moves to
// the newest entry older than that).
struct CompactionRule
{
    std::optional<qint64> keepAfterSeq;
    qint64 keepSinceMs = 0;
};

// The per-account change feed the desktop pulls (GET /changes).
//
// Sequence numbers are gap-free and in commit order. append() runs inside the
// writer's transaction and takes the next number with
//   UPDATE change_sequences SET seq = seq + 1 WHERE account_id = ? RETURNING seq
// which holds the account's counter row lock until that transaction ends: on
// PostgreSQL a second writer of the same account blocks there until the first
// commits or rolls back (then sees its number, or the unchanged one), on SQLite the
// database write lock already serialises writers. So a number is only ever handed
// out to a transaction that commits before the next one is handed out, a rollback
// returns it, and a reader that has seen seq N has seen everything below N. The
// price is that writers of one account serialise on that row from their feed
// append to their commit; writers of different accounts do not, so the writers call
// append() as the last statement before commit.
//
// Log compaction (as Kafka compacts a topic by key): compact() moves the account's horizon and
// deletes, among the entries at or below it, every entry a later entry of the same object
// (entity, entity id) supersedes, and every delete. What stays below the horizon is the latest
// state of every live object, so reading from 0 always yields a full copy of the account
// (a snapshot), followed by the entries after the horizon as they were written. Nothing is
// lost for a reader at or after the horizon: superseded entries it skips are followed by their
// successor, and deletes after the horizon are kept. A cursor between 0 and the horizon may have
// missed deletes, so it is refused (cursor_expired) and the client reads from 0 again.
//
// Compaction does not keep the feed's parent-before-child order below the horizon: the latest
// entry of a document can come after the latest entry of its edition.
class ChangeFeed
{
public:
    // Appends an entry; call inside the writer's transaction. Returns its seq.
    static Result<qint64> append(QSqlDatabase &db, qint64 accountId, const QString &entity, qint64 entityId,
                                 const QString &op, const QString &dataJson, std::optional<qint64> siteId);

    // The entries after `since`, at most `limit`, that a user who sees `visibleSites`
    // may see (std::nullopt: every site; entries without a site are always visible).
    // `next` skips what the user may not see. Reads one consistent snapshot (its own read
    // transaction: do not call inside another one).
    //
    // Cursors: 0 (from the start), or a `next` handed out earlier. A `next` at or after the
    // horizon is the seq of the last entry delivered (or the feed's end) and stays valid. A
    // page read from 0 that ends below the horizon (in the snapshot part) hands out a negative
    // `next` instead, which names the position and the horizon it was read under: it stays
    // valid until a compaction moves the horizon, and is cursor_expired after that (the reader
    // then starts from 0 again; a snapshot spanning a compaction could otherwise miss deletes).
    // Refused with code "cursor_expired": a positive cursor below the horizon, one beyond the
    // feed's end, a negative one from before the last compaction or not made by this class.
    static Result<ChangePage> read(QSqlDatabase &db, qint64 accountId, qint64 since, int limit,
                                   const std::optional<QList<qint64>> &visibleSites);

    // Moves the horizon to keepAfterSeq (never backwards, never beyond the last seq) and
    // deletes the superseded entries and deletes at or below it (see above). Runs its own
    // transaction. An account without a feed yet: nothing to do.
    static Result<Compaction> compact(QSqlDatabase &db, qint64 accountId, qint64 keepAfterSeq);

    // The horizon the retention rule gives: the newest seq of an entry created before
    // `keepSinceMs` (entries are appended in time order per account), at least the current
    // horizon.
    static Result<qint64> retentionHorizon(QSqlDatabase &db, qint64 accountId, qint64 keepSinceMs);

    // Compacts every account that has a feed, each in its own transaction; stops at the first
    // failure.
    static Result<QList<Compaction>> compactAll(QSqlDatabase &db, const CompactionRule &rule);

    // The last seq handed out (0 for none).
    static Result<qint64> lastSeq(QSqlDatabase &db, qint64 accountId);
};

} // namespace Galley::Server
