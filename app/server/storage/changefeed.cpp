#include "changefeed.h"

#include "servertransaction.h"
#include "sqldialect.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>

namespace Galley::Server {

namespace {

Error feedError(const QSqlQuery &q, const QString &what)
{
    return Error { QStringLiteral("store_error"), QStringLiteral("%1: %2").arg(what, q.lastError().text()) };
}

const SqlDialect &dialectOf(const QSqlDatabase &db)
{
    return SqlDialect::forBackend(db.driverName() == QLatin1String("QPSQL") ? DatabaseUrl::Backend::PostgreSql
                                                                            : DatabaseUrl::Backend::Sqlite);
}

// A snapshot cursor (see ChangeFeed::read) is -(position · 2³¹ + horizon mod 2³¹): the position
// (a seq below the horizon, at most 2³² − 1) and enough of the horizon to notice that it moved
// (by anything but an exact multiple of 2³¹ entries between two pages).
constexpr int kHorizonBits = 31;
constexpr qint64 kHorizonMask = (qint64(1) << kHorizonBits) - 1;
constexpr qint64 kMaxSnapshotPosition = (qint64(1) << 32) - 1;

qint64 snapshotCursor(qint64 position, qint64 horizon)
{
    if (position > kMaxSnapshotPosition)
        return position;   // cannot be said: the reader will be told to start again (feeds this long are not expected)
    return -((position << kHorizonBits) | (horizon & kHorizonMask));
}

// The position a snapshot cursor continues after, if it was made under `horizon`.
std::optional<qint64> snapshotPosition(qint64 cursor, qint64 horizon)
{
    if (cursor >= 0 || cursor == std::numeric_limits<qint64>::min())
        return std::nullopt;
    const qint64 value = -cursor;
    const qint64 position = value >> kHorizonBits;
    if ((value & kHorizonMask) != (horizon & kHorizonMask) || position < 1 || position >= horizon)
        return std::nullopt;
    return position;
}

} // namespace

Result<qint64> ChangeFeed::append(QSqlDatabase &db, qint64 accountId, const QString &entity, qint64 entityId,
                                  const QString &op, const QString &dataJson, std::optional<qint64> siteId)
{
    const SqlDialect &dialect = dialectOf(db);
    QSqlQuery q(db);
    // The counter row exists from the account's first change on.
    q.prepare(QStringLiteral("INSERT INTO change_sequences (account_id) VALUES (?) ON CONFLICT (account_id) DO NOTHING"));
    q.addBindValue(accountId);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot create the change sequence"));
    q.prepare(dialect.nextSequence());
    q.addBindValue(accountId);
    if (!q.exec() || !q.next())
        return feedError(q, QStringLiteral("Cannot allocate a change sequence number"));
    const qint64 seq = q.value(0).toLongLong();
    q.finish();

    q.prepare(QStringLiteral("INSERT INTO changes (account_id, seq, entity, entity_id, op, data, site_id, created_at) "
                             "VALUES (?, ?, ?, ?, ?, %1, ?, ?)").arg(dialect.jsonParameter()));
    q.addBindValue(accountId);
    q.addBindValue(seq);
    q.addBindValue(entity);
    q.addBindValue(entityId);
    q.addBindValue(op);
    q.addBindValue(dataJson.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(dataJson));
    q.addBindValue(siteId ? QVariant(*siteId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot append to the change feed"));
    return seq;
}

Result<ChangePage> ChangeFeed::read(QSqlDatabase &db, qint64 accountId, qint64 since, int limit,
                                    const std::optional<QList<qint64>> &visibleSites)
{
    // One snapshot for the counter, the horizon and the entries: a compaction committing
    // in between cannot remove entries this page was entitled to, and everything up to the
    // counter has committed (numbers are handed out in commit order), so `next` may safely
    // move up to it.
    Transaction snapshot(db, dialectOf(db).beginSnapshotRead());
    if (!snapshot.isActive())
        return Error { QStringLiteral("store_error"), QStringLiteral("Cannot begin reading the change feed: %1").arg(snapshot.error().message) };
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT seq, horizon FROM change_sequences WHERE account_id = ?"));
    q.addBindValue(accountId);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot read the change sequence"));
    qint64 last = 0, horizon = 0;
    if (q.next()) {
        last = q.value(0).toLongLong();
        horizon = q.value(1).toLongLong();
    }
    q.finish();
    const std::optional<qint64> after = since >= 0 ? (since == 0 || (since >= horizon && since <= last) ? std::optional(since) : std::nullopt)
                                                   : snapshotPosition(since, horizon);
    if (!after)
        return Error { QStringLiteral("cursor_expired"),
                       QStringLiteral("The change-feed cursor %1 is no longer available; resynchronise from scratch.").arg(since) };

    limit = std::clamp(limit, 1, 10000);
    QString sql = QStringLiteral("SELECT seq, entity, entity_id, op, data, site_id FROM changes "
                                 "WHERE account_id = ? AND seq > ? AND seq <= ?");
    if (visibleSites) {
        QStringList ids;
        for (qint64 id : *visibleSites)
            ids.append(QString::number(id));   // integers: safe to inline, and one statement per list
        sql += ids.isEmpty() ? QStringLiteral(" AND site_id IS NULL")
                             : QStringLiteral(" AND (site_id IS NULL OR site_id IN (%1))").arg(ids.join(QLatin1Char(',')));
    }
    sql += QStringLiteral(" ORDER BY seq LIMIT ?");
    q.prepare(sql);
    q.addBindValue(accountId);
    q.addBindValue(*after);
    q.addBindValue(last);
    q.addBindValue(limit + 1);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot read the change feed"));
    ChangePage page;
    page.last = last;
    while (q.next()) {
        if (page.changes.size() == limit) {
            page.hasMore = true;
            break;
        }
        Change c;
        c.seq = q.value(0).toLongLong();
        c.entity = q.value(1).toString();
        c.entityId = q.value(2).toLongLong();
        c.op = q.value(3).toString();
        c.data = q.value(4).isNull() ? QString() : q.value(4).toString();
        if (!q.value(5).isNull())
            c.siteId = q.value(5).toLongLong();
        page.changes.append(c);
    }
    if (!page.hasMore)
        page.next = last;
    else if (const qint64 at = page.changes.constLast().seq; at < horizon)
        page.next = snapshotCursor(at, horizon);
    else
        page.next = at;
    return page;
}

Result<Compaction> ChangeFeed::compact(QSqlDatabase &db, qint64 accountId, qint64 keepAfterSeq)
{
    ServerTransaction tx(db, dialectOf(db));
    if (!tx.isActive())
        return tx.error();
    Compaction done;
    done.accountId = accountId;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT seq, horizon FROM change_sequences WHERE account_id = ?"));
    q.addBindValue(accountId);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot read the change sequence"));
    if (!q.next())
        return done;   // no feed yet
    const qint64 last = q.value(0).toLongLong();
    done.horizonBefore = q.value(1).toLongLong();
    q.finish();
    // Never beyond what was handed out (and committed: the counter is read committed), never
    // backwards.
    done.horizon = std::max(done.horizonBefore, std::min(keepAfterSeq, last));

    // Deletes first, the horizon last: the counter row is locked (writers of the account wait
    // at their append) only from that update to the commit. Readers see all of it or none.
    q.prepare(QStringLiteral("DELETE FROM changes WHERE account_id = ? AND seq <= ? AND (op = 'delete' OR EXISTS "
                             "(SELECT 1 FROM changes later WHERE later.account_id = changes.account_id "
                             "AND later.entity = changes.entity AND later.entity_id = changes.entity_id "
                             "AND later.seq > changes.seq))"));
    q.addBindValue(accountId);
    q.addBindValue(done.horizon);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot compact the change feed"));
    done.removed = q.numRowsAffected();
    q.prepare(QStringLiteral("UPDATE change_sequences SET horizon = ? WHERE account_id = ? AND horizon < ?"));
    q.addBindValue(done.horizon);
    q.addBindValue(accountId);
    q.addBindValue(done.horizon);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot move the compaction horizon"));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM changes WHERE account_id = ?"));
    q.addBindValue(accountId);
    if (!q.exec() || !q.next())
        return feedError(q, QStringLiteral("Cannot count the change feed"));
    done.kept = q.value(0).toLongLong();
    q.finish();
    if (Status committed = tx.commit(); !committed)
        return committed.error();
    return done;
}

Result<qint64> ChangeFeed::retentionHorizon(QSqlDatabase &db, qint64 accountId, qint64 keepSinceMs)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT seq, horizon FROM change_sequences WHERE account_id = ?"));
    q.addBindValue(accountId);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot read the change sequence"));
    if (!q.next())
        return qint64(0);
    const qint64 last = q.value(0).toLongLong();
    const qint64 horizon = q.value(1).toLongLong();
    q.finish();
    // The first entry to keep, walking up from the horizon along the primary key: one hour's
    // worth of entries when the maintenance runs hourly.
    q.prepare(QStringLiteral("SELECT seq FROM changes WHERE account_id = ? AND seq > ? AND created_at >= ? ORDER BY seq LIMIT 1"));
    q.addBindValue(accountId);
    q.addBindValue(horizon);
    q.addBindValue(keepSinceMs);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot read the change feed"));
    if (!q.next())
        return last;   // everything is older
    return std::max(horizon, q.value(0).toLongLong() - 1);
}

Result<QList<Compaction>> ChangeFeed::compactAll(QSqlDatabase &db, const CompactionRule &rule)
{
    QList<qint64> accounts;
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT account_id FROM change_sequences ORDER BY account_id")))
            return feedError(q, QStringLiteral("Cannot list the change feeds"));
        while (q.next())
            accounts.append(q.value(0).toLongLong());
    }
    QList<Compaction> done;
    for (const qint64 account : std::as_const(accounts)) {
        qint64 keepAfter = 0;
        if (rule.keepAfterSeq) {
            keepAfter = *rule.keepAfterSeq;
        } else {
            const auto horizon = retentionHorizon(db, account, rule.keepSinceMs);
            if (!horizon)
                return horizon.error();
            keepAfter = horizon.value();
        }
        auto compacted = compact(db, account, keepAfter);
        if (!compacted)
            return compacted.error();
        done.append(compacted.value());
    }
    return done;
}

Result<qint64> ChangeFeed::lastSeq(QSqlDatabase &db, qint64 accountId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT seq FROM change_sequences WHERE account_id = ?"));
    q.addBindValue(accountId);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot read the change sequence"));
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

} // namespace Galley::Server
