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
    qint64 next = 0;       // the cursor to ask with next time
    bool hasMore = false;
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
class ChangeFeed
{
public:
    // Appends an entry; call inside the writer's transaction. Returns its seq.
    static Result<qint64> append(QSqlDatabase &db, qint64 accountId, const QString &entity, qint64 entityId,
                                 const QString &op, const QString &dataJson, std::optional<qint64> siteId);

    // The entries after `since`, at most `limit`, that a user who sees `visibleSites`
    // may see (std::nullopt: every site; entries without a site are always visible).
    // `next` skips what the user may not see. A cursor older than the compaction
    // horizon, or beyond the feed's end, is refused with code "cursor_expired".
    static Result<ChangePage> read(QSqlDatabase &db, qint64 accountId, qint64 since, int limit,
                                   const std::optional<QList<qint64>> &visibleSites);

    // Deletes the entries up to keepAfterSeq and remembers it as the horizon.
    // Runs its own transaction.
    static Status compact(QSqlDatabase &db, qint64 accountId, qint64 keepAfterSeq);

    // The last seq handed out (0 for none).
    static Result<qint64> lastSeq(QSqlDatabase &db, qint64 accountId);
};

} // namespace Galley::Server
