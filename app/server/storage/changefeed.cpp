#include "changefeed.h"

#include "servertransaction.h"
#include "sqldialect.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

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
    // Counter first, entries second: everything up to the counter has committed
    // (numbers are handed out in commit order), so no entry at or below it can
    // appear later, and `next` may safely move up to it.
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
    if (since < horizon || since > last || since < 0)
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
    q.addBindValue(since);
    q.addBindValue(last);
    q.addBindValue(limit + 1);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot read the change feed"));
    ChangePage page;
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
    page.next = page.hasMore ? page.changes.constLast().seq : last;
    return page;
}

Status ChangeFeed::compact(QSqlDatabase &db, qint64 accountId, qint64 keepAfterSeq)
{
    ServerTransaction tx(db, dialectOf(db));
    if (!tx.isActive())
        return tx.error();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO change_sequences (account_id) VALUES (?) ON CONFLICT (account_id) DO NOTHING"));
    q.addBindValue(accountId);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot create the change sequence"));
    // Never beyond what was handed out, never backwards.
    q.prepare(QStringLiteral("UPDATE change_sequences SET horizon = CASE WHEN ? > seq THEN seq "
                             "WHEN ? > horizon THEN ? ELSE horizon END WHERE account_id = ? RETURNING horizon"));
    q.addBindValue(keepAfterSeq);
    q.addBindValue(keepAfterSeq);
    q.addBindValue(keepAfterSeq);
    q.addBindValue(accountId);
    if (!q.exec() || !q.next())
        return feedError(q, QStringLiteral("Cannot move the compaction horizon"));
    const qint64 horizon = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("DELETE FROM changes WHERE account_id = ? AND seq <= ?"));
    q.addBindValue(accountId);
    q.addBindValue(horizon);
    if (!q.exec())
        return feedError(q, QStringLiteral("Cannot compact the change feed"));
    return tx.commit();
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
