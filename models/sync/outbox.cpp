#include "outbox.h"

#include "outboxrows.h"
#include "store/sqlutil.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

QJsonObject object(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

Result<QSqlQuery> run(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlError(q, "outbox_read_failed");
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(int(i), values.at(i));
    if (!q.exec())
        return sqlError(q, "outbox_read_failed");
    return q;
}

Error notFound(const QString &what)
{
    return Error { u"not_found"_s, what };
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Galley::OutboxReader", text);
}

} // namespace

const QString OutboxRows::columns = u"id, account_id, idempotency_key, method, path, body, entity, entity_id, order_key, "
                                    "action, base_lock_version, base, state, attempts, last_error, field_errors, site_id, "
                                    "summary, created_at, next_attempt_at"_s;

OutboxItem OutboxRows::read(const QSqlQuery &r)
{
    OutboxItem item;
    item.id = r.value(0).toLongLong();
    item.accountId = r.value(1).toLongLong();
    item.idempotencyKey = r.value(2).toString();
    item.method = r.value(3).toString();
    item.path = r.value(4).toString();
    item.body = object(r.value(5));
    item.entity = r.value(6).toString();
    item.entityId = r.value(7).toLongLong();
    item.orderKey = r.value(8).toString();
    const QString action = r.value(9).toString();
    item.action = action == "create"_L1 ? OutboxItem::Action::Create
        : action == "delete"_L1         ? OutboxItem::Action::Delete
        : action == "add_remark"_L1     ? OutboxItem::Action::AddRemark
        : item.path.endsWith("/transitions"_L1) || (item.path.startsWith("/documents/"_L1) && item.path.endsWith("/editions"_L1))
            ? OutboxItem::Action::Transition
                                        : OutboxItem::Action::Update;
    if (!r.value(10).isNull())
        item.baseLockVersion = r.value(10).toLongLong();
    item.base = object(r.value(11));
    const QString state = r.value(12).toString();
    item.state = state == "sending"_L1 ? OutboxItem::State::Sending
        : state == "failed"_L1         ? OutboxItem::State::Failed
        : state == "conflict"_L1       ? OutboxItem::State::Conflict
        : state == "gone"_L1           ? OutboxItem::State::Gone
                                       : OutboxItem::State::Queued;
    item.attempts = r.value(13).toInt();
    item.lastError = r.value(14).toString();
    item.fieldErrors = QJsonDocument::fromJson(r.value(15).toString().toUtf8()).array();
    item.siteId = r.value(16).toLongLong();
    item.summary = r.value(17).toString();
    item.createdAt = dateFromDb(r.value(18));
    const qint64 next = r.value(19).toLongLong();
    if (next > 0)
        item.nextAttemptAt = dateFromDb(next);
    return item;
}

Result<OutboxItem> OutboxRows::load(QSqlDatabase &db, qint64 id)
{
    auto q = run(db, u"SELECT "_s + columns + u" FROM outbox WHERE id = ?"_s, { id });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFound(tr("The queued change is no longer in the outbox."));
    return read(q.value());
}

QString toWire(OutboxItem::State s)
{
    switch (s) {
    case OutboxItem::State::Queued: return u"queued"_s;
    case OutboxItem::State::Sending: return u"sending"_s;
    case OutboxItem::State::Failed: return u"failed"_s;
    case OutboxItem::State::Conflict: return u"conflict"_s;
    case OutboxItem::State::Gone: return u"gone"_s;
    }
    return u"queued"_s;
}

QString toWire(OutboxItem::Action a)
{
    switch (a) {
    case OutboxItem::Action::Create: return u"create"_s;
    case OutboxItem::Action::Update: return u"update"_s;
    case OutboxItem::Action::Delete: return u"delete"_s;
    case OutboxItem::Action::AddRemark: return u"add_remark"_s;
    case OutboxItem::Action::Transition: return u"transition"_s;
    }
    return u"update"_s;
}

// ---- OutboxReader ----

Result<QList<OutboxItem>> OutboxReader::items(QSqlDatabase &db)
{
    auto q = run(db, u"SELECT "_s + OutboxRows::columns + u" FROM outbox ORDER BY id"_s);
    if (!q)
        return q.error();
    QList<OutboxItem> items;
    while (q.value().next())
        items.append(OutboxRows::read(q.value()));
    return items;
}

Result<OutboxItem> OutboxReader::item(QSqlDatabase &db, qint64 id)
{
    return OutboxRows::load(db, id);
}

Result<ConflictRecord> OutboxReader::conflictFor(QSqlDatabase &db, qint64 outboxId)
{
    auto q = run(db, u"SELECT id, outbox_id, entity, entity_id, base, mine, theirs, theirs_by, created_at FROM conflicts "
                     "WHERE outbox_id = ?"_s,
                 { outboxId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFound(tr("There is no conflict waiting for this change."));
    const QSqlQuery &r = q.value();
    ConflictRecord c;
    c.id = r.value(0).toLongLong();
    c.outboxId = r.value(1).toLongLong();
    c.entity = r.value(2).toString();
    c.entityId = r.value(3).toLongLong();
    c.base = object(r.value(4));
    c.mine = object(r.value(5));
    c.theirs = object(r.value(6));
    c.theirsBy = r.value(7).toString();
    c.createdAt = dateFromDb(r.value(8));
    return c;
}

Result<OutboxReader::Counts> OutboxReader::counts(QSqlDatabase &db)
{
    auto q = run(db, u"SELECT count(*), sum(state = 'conflict'), sum(state IN ('failed','gone')) FROM outbox"_s);
    if (!q)
        return q.error();
    Counts c;
    if (q.value().next()) {
        c.pending = q.value().value(0).toInt();
        c.conflicts = q.value().value(1).toInt();
        c.failed = q.value().value(2).toInt();
    }
    return c;
}

} // namespace Galley
