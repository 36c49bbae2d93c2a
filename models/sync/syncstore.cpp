#include "syncstore.h"

#include "store/replicareader.h"
#include "store/replicawriter.h"
#include "store/sqlutil.h"
#include "store/transaction.h"
#include "sync/merge.h"
#include "sync/outboxrows.h"
#include "sync/syncengine.h"
#include "sync/wireformat.h"
#include "workflow/workflowcontext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QLocale>
#include <QUuid>

#include <algorithm>

#include <optional>

Q_LOGGING_CATEGORY(lcSyncStore, "galley.sync.store")

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

constexpr const char *kFailed = "sync_store_failed";

QString tr(const char *text)
{
    return QCoreApplication::translate("Galley::SyncStore", text);
}

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString json(const QJsonArray &a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QJsonObject object(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

// Runs one statement with positional values; the query is returned for reading.
Result<QSqlQuery> run(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlError(q, kFailed);
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(int(i), values.at(i));
    if (!q.exec())
        return sqlError(q, kFailed);
    return q;
}

Error notFound(const QString &what)
{
    return Error { u"not_found"_s, what };
}

// The members of an entity a local change may set.
const QStringList &editableKeys(const QString &entity)
{
    static const QStringList edition { u"title"_s, u"fields"_s, u"change_note"_s, u"minor_change"_s };
    // (The server derives a schema's dialect from its $schema.)
    static const QStringList schema { u"name"_s, u"description"_s, u"spec_doc"_s, u"spec_text"_s, u"auth_policy"_s };
    static const QStringList none;
    if (entity == "edition"_L1)
        return edition;
    if (entity == "schema"_L1)
        return schema;
    return none;
}

QJsonObject applyBody(const QString &entity, QJsonObject target, const QJsonObject &body)
{
    for (const QString &key : editableKeys(entity)) {
        if (body.contains(key))
            target.insert(key, body.value(key));
    }
    // A workflow transition: the state it leads to, as the rules computed it.
    const QJsonObject optimistic = body.value("_apply"_L1).toObject();
    for (auto it = optimistic.constBegin(); it != optimistic.constEnd(); ++it)
        target.insert(it.key(), it.value());
    // A schema's text must say what its spec_doc says (the server refuses both when they differ):
    // a schema changed without its text, or merged field by field, loses the text, as a PUT
    // with spec_doc alone does on the server.
    if (entity == "schema"_L1 && target.value("spec_text"_L1).isString()
        && QJsonDocument::fromJson(target.value("spec_text"_L1).toString().toUtf8()).object()
            != target.value("spec_doc"_L1).toObject())
        target.insert(u"spec_text"_s, QJsonValue::Null);
    return target;
}

QJsonObject editableOf(const QString &entity, const QJsonObject &o)
{
    QJsonObject out;
    for (const QString &key : editableKeys(entity)) {
        if (o.contains(key))
            out.insert(key, o.value(key));
    }
    return out;
}

// A locally created object keeps being known by its local id to whoever held it when the server
// gave it its real one (an open editor, say): follow the id map.
Id followIdMap(QSqlDatabase &db, const QString &entity, Id id)
{
    if (id >= 0)
        return id;
    auto q = run(db, u"SELECT server_id FROM id_map WHERE entity = ? AND local_id = ?"_s, { entity, id });
    if (q && q.value().next())
        return q.value().value(0).toLongLong();
    return id;
}

std::optional<Edition> loadEdition(QSqlDatabase &db, Id id)
{
    auto e = ReplicaReader::edition(db, id);
    return e ? std::optional<Edition>(e.value()) : std::nullopt;
}

std::optional<ContentSchema> loadSchema(QSqlDatabase &db, Id id)
{
    auto schema = ReplicaReader::schema(db, id);
    return schema ? std::optional<ContentSchema>(schema.value()) : std::nullopt;
}



Result<QList<OutboxItem>> itemsOf(QSqlDatabase &db, const QString &entity, Id id)
{
    auto q = run(db, u"SELECT "_s + OutboxRows::columns + u" FROM outbox WHERE entity = ? AND entity_id = ? ORDER BY id"_s,
                 { entity, id });
    if (!q)
        return q.error();
    QList<OutboxItem> items;
    while (q.value().next())
        items.append(OutboxRows::read(q.value()));
    return items;
}

struct NewItem
{
    Id accountId = 0;
    QString method;
    QString path;
    QJsonObject body;
    QString entity;
    Id entityId = 0;
    QString orderKey;
    QString action;
    std::optional<qint64> baseLockVersion;
    QJsonObject base;
    Id siteId = 0;
    QString summary;
};

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Result<qint64> insertItem(QSqlDatabase &db, const NewItem &n)
{
    auto q = run(db,
                 u"INSERT INTO outbox (account_id, idempotency_key, method, path, body, entity, entity_id, order_key, "
                 "action, base_lock_version, base, site_id, summary, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
                 { n.accountId, newKey(), n.method, n.path, json(n.body),
                   n.entity, n.entityId, n.orderKey, n.action,
                   n.baseLockVersion ? QVariant(*n.baseLockVersion) : QVariant(QMetaType::fromType<qint64>()),
                   json(n.base), n.siteId, n.summary, QDateTime::currentMSecsSinceEpoch() });
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error { QString::fromLatin1(kFailed), u"The outbox did not return the new item."_s };
    return q.value().value(0).toLongLong();
}

Result<Id> nextLocalId(QSqlDatabase &db)
{
    auto q = run(db, u"UPDATE sync_state SET next_local_id = next_local_id - 1 WHERE id = 1 "
                     "RETURNING next_local_id + 1"_s);
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error { QString::fromLatin1(kFailed), u"The workspace has no sync state."_s };
    return q.value().value(0).toLongLong();
}

Status setServerCopy(QSqlDatabase &db, const QString &entity, Id id, const QJsonObject &data)
{
    auto q = run(db, u"INSERT INTO server_copies (entity, entity_id, data) VALUES (?, ?, ?) "
                     "ON CONFLICT(entity, entity_id) DO UPDATE SET data = excluded.data"_s,
                 { entity, id, json(data) });
    return q ? Status() : Status(q.error());
}

std::optional<QJsonObject> serverCopy(QSqlDatabase &db, const QString &entity, Id id)
{
    auto q = run(db, u"SELECT data FROM server_copies WHERE entity = ? AND entity_id = ?"_s, { entity, id });
    if (!q || !q.value().next())
        return std::nullopt;
    return object(q.value().value(0));
}

Status dropServerCopy(QSqlDatabase &db, const QString &entity, Id id)
{
    auto q = run(db, u"DELETE FROM server_copies WHERE entity = ? AND entity_id = ?"_s, { entity, id });
    return q ? Status() : Status(q.error());
}

bool isDeletedMarker(const QJsonObject &o)
{
    return o.value("deleted"_L1).toBool() && o.size() == 1;
}

// Rebuilds the replica row of an entity from the newest server copy (server_copies, else
// `fallback`) with every change still in the outbox applied on top, in order.
Status reapply(QSqlDatabase &db, ReplicaWriter &w, Id accountId, const QString &entity, Id id,
               const std::optional<QJsonObject> &fallback = std::nullopt)
{
    auto items = itemsOf(db, entity, id);
    if (!items)
        return items.error();
    std::optional<QJsonObject> start = serverCopy(db, entity, id);
    if (!start && !items->isEmpty())
        start = items->constFirst().base;
    if (!start)
        start = fallback;
    if (!start || start->isEmpty())
        return {};
    bool deleted = isDeletedMarker(*start);
    QJsonObject current = *start;
    for (const OutboxItem &item : std::as_const(*items)) {
        if (item.action == OutboxItem::Action::Delete)
            deleted = true;
        else if (item.action == OutboxItem::Action::Transition && item.state != OutboxItem::State::Queued
                 && item.state != OutboxItem::State::Sending)
            continue;   // refused: the server's state stands
        else if (!deleted)
            current = applyBody(entity, current, item.body);
    }
    if (items->isEmpty()) {
        if (Status st = dropServerCopy(db, entity, id); !st)
            return st;
    }
    if (deleted)
        return WireFormat::remove(w, entity, id);
    return WireFormat::apply(w, entity, current, accountId);
}

// Undoes what a transition added locally besides the edition itself: its audit rows, remarks and
// new unpublishing go (the server's come with the feed); the other editions it changed (the ones
// it superseded) are rebuilt from their server copies when `restore`, else their copies are
// dropped (the feed brings the server's new state).
Status undoTransitionRows(QSqlDatabase &db, ReplicaWriter &w, Id accountId, const OutboxItem &item, bool restore)
{
    const QJsonObject local = item.body.value("_local"_L1).toObject();
    for (const auto &v : local.value("audit"_L1).toArray()) {
        if (Status st = w.remove(u"audit_entries"_s, Id(v.toInteger())); !st)
            return st;
    }
    for (const auto &v : local.value("remarks"_L1).toArray()) {
        if (Status st = w.remove(u"editorial_remarks"_s, Id(v.toInteger())); !st)
            return st;
    }
    if (const Id u = Id(local.value("unpublishing"_L1).toInteger()); u < 0) {
        if (Status st = w.remove(u"unpublishings"_s, u); !st)
            return st;
    }
    for (const auto &v : local.value("editions"_L1).toArray()) {
        const Id other = Id(v.toInteger());
        auto pending = itemsOf(db, u"edition"_s, other);
        if (!pending)
            return pending.error();
        if (!pending->isEmpty())
            continue;
        if (restore) {
            if (Status st = reapply(db, w, accountId, u"edition"_s, other); !st)
                return st;
        } else if (Status st = dropServerCopy(db, u"edition"_s, other); !st) {
            return st;
        }
    }
    return {};
}

Result<SyncState> readState(QSqlDatabase &db)
{
    auto q = run(db, u"SELECT account_id, user_id, cursor, resyncing, initial_done, last_synced_at "
                     "FROM sync_state WHERE id = 1"_s);
    if (!q)
        return q.error();
    SyncState s;
    if (q.value().next()) {
        const QSqlQuery &r = q.value();
        s.accountId = r.value(0).toLongLong();
        s.userId = r.value(1).toLongLong();
        s.cursor = r.value(2).toLongLong();
        s.resyncing = r.value(3).toBool();
        s.initialDone = r.value(4).toBool();
        s.lastSyncedAt = dateFromDb(r.value(5));
    }
    return s;
}

QString quoted(const QString &title)
{
    return tr("“%1”").arg(title.isEmpty() ? tr("Untitled") : title);
}

Status replaceIdInChain(QSqlDatabase &db, const QString &entity, Id from, Id to, const QString &pathPrefix)
{
    const QString oldPath = pathPrefix + QString::number(from);
    const QString newPath = pathPrefix + QString::number(to);
    auto q = run(db, u"UPDATE outbox SET entity_id = CASE WHEN entity = ? AND entity_id = ? THEN ? ELSE entity_id END, "
                     "path = CASE WHEN path = ? THEN ? WHEN substr(path, 1, ?) = ? THEN ? || substr(path, ?) "
                     "ELSE path END"_s,
                 { entity, from, to, oldPath, newPath, oldPath.size() + 1, QString(oldPath + u'/'), QString(newPath + u'/'),
                   oldPath.size() + 2 });
    if (!q)
        return q.error();
    auto map = run(db, u"INSERT OR REPLACE INTO id_map (entity, local_id, server_id) VALUES (?, ?, ?)"_s,
                   { entity, from, to });
    return map ? Status() : Status(map.error());
}

} // namespace

Result<SyncState> SyncStore::state(QSqlDatabase &db)
{
    return readState(db);
}

Status SyncStore::bind(QSqlDatabase &db, const SyncIdentity &identity, bool *resync)
{
    if (resync)
        *resync = false;
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto current = readState(db);
    if (!current)
        return current.error();
    if (current->accountId != 0 && (current->accountId != identity.accountId || current->userId != identity.userId)) {
        return Error { u"workspace_mismatch"_s,
                       tr("This workspace belongs to another account or user on the server; open that user's "
                          "workspace or connect with a new one.") };
    }
    if (auto q = run(db, u"UPDATE sync_state SET account_id = ?, user_id = ? WHERE id = 1"_s,
                     { identity.accountId, identity.userId });
        !q)
        return q.error();
    if (!identity.serverInstance.isEmpty()) {
        auto known = run(db, u"SELECT server_instance, initial_done OR cursor <> 0 FROM sync_state WHERE id = 1"_s);
        if (!known)
            return known.error();
        QString before;
        bool synced = false;
        if (known.value().next()) {
            before = known.value().value(0).toString();
            synced = known.value().value(1).toBool();
        }
        known.value().finish();
        if (before != identity.serverInstance) {
            if (synced) {
                qCInfo(lcSyncStore) << "another server database than last time: full resync";
                if (auto q = run(db, u"DELETE FROM resync_seen"_s); !q)
                    return q.error();
                if (auto q = run(db, u"UPDATE sync_state SET resyncing = 1, cursor = 0 WHERE id = 1"_s); !q)
                    return q.error();
                if (resync)
                    *resync = true;
            }
            if (auto q = run(db, u"UPDATE sync_state SET server_instance = ? WHERE id = 1"_s, { identity.serverInstance }); !q)
                return q.error();
        }
    }
    ReplicaWriter w(db);
    Account account;
    account.id = identity.accountId;
    account.name = identity.accountName;
    account.slug = identity.accountSlug;
    account.createdAt = QDateTime::currentDateTimeUtc();
    if (auto q = run(db, u"INSERT INTO accounts (id, name, slug, created_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT(id) DO UPDATE SET name = excluded.name, slug = excluded.slug"_s,
                     { account.id, account.name, account.slug, toDb(account.createdAt) });
        !q)
        return q.error();
    if (Status st = w.setWorkspace(WorkspaceInfo { tr("%1 on %2").arg(identity.accountName, QUrl(identity.serverUrl).host()),
                                     u"server"_s, identity.serverUrl });
        !st)
        return st;
    if (auto q = run(db, u"UPDATE workspace SET user_id = ? WHERE id = 1"_s, { identity.userId }); !q)
        return q.error();
    return tx.commit();
}


namespace {

// ISO 8601 text (or null) of member `m` of p.data → UTC milliseconds (or null).
QString msOf(const char *m)
{
    return u"CAST(round(unixepoch(json_extract(p.data, '$.%1'), 'subsec') * 1000) AS INTEGER)"_s.arg(QLatin1StringView(m));
}

// For NOT NULL columns: an entry without the time (written by an older server) gets 0 rather
// than stopping the feed.
QString requiredMsOf(const char *m)
{
    return u"coalesce("_s + msOf(m) + u", 0)"_s;
}

QString field(const char *m)
{
    return u"json_extract(p.data, '$.%1')"_s.arg(QLatin1StringView(m));
}

QString idOrNull(const char *m)
{
    return u"nullif(json_extract(p.data, '$.%1'), 0)"_s.arg(QLatin1StringView(m));
}

// The high-volume entities of a feed page, written set-wise from the page's own JSON by SQLite:
// one INSERT … SELECT per table instead of a parse, a struct and a bound statement per entry.
struct BulkTable
{
    const char *entity;
    QString upsert;   // reads temp.feed_page p (entity, id, op, data), binds ?1 = account id
    const char *table;
};

const QList<BulkTable> &bulkTables()
{
    static const QList<BulkTable> tables = [] {
        const QString from = u" FROM temp.feed_page p WHERE p.entity = '%1' AND p.op = 'upsert'"_s;
        QList<BulkTable> t;
        t.append({ "edition_content",
                   u"INSERT INTO edition_content (edition_id, fields) SELECT p.id, coalesce(json(json_extract(p.data, '$.fields')), '{}')"_s
                       + from.arg(u"edition"_s)
                       + u" AND NOT EXISTS (SELECT 1 FROM editions x WHERE x.id = p.id AND x.lock_version = json_extract(p.data, '$.lock_version'))"
                         " ON CONFLICT(edition_id) DO UPDATE SET fields = excluded.fields WHERE fields IS NOT excluded.fields"_s,
                   nullptr });
        t.append({ "edition",
                   u"INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, title, state, change_note, "
                   "minor_change, force_published, major_version, minor_version, scheduled_publication, first_published_at, "
                   "major_change_published_at, lock_version, created_by, created_at, updated_at, schema_name, sector_name) "
                   "SELECT p.id, ?1, "_s + field("document_id") + u", "_s + field("site_id") + u", "_s + field("sector_id")
                       + u", "_s + field("schema_id") + u", coalesce("_s + field("title") + u", ''), "_s + field("state")
                       + u", coalesce("_s + field("change_note") + u", ''), coalesce("_s + field("minor_change")
                       + u", 0), coalesce("_s + field("force_published") + u", 0), coalesce("_s + field("major_version")
                       + u", 0), coalesce("_s + field("minor_version") + u", 0), "_s + msOf("scheduled_publication") + u", "_s
                       + msOf("first_published_at") + u", "_s + msOf("major_change_published_at") + u", coalesce("_s
                       + field("lock_version") + u", 1), "_s + idOrNull("created_by") + u", "_s + requiredMsOf("created_at") + u", "_s
                       + requiredMsOf("updated_at")
                       + u", coalesce((SELECT name FROM content_schemas WHERE id = json_extract(p.data, '$.schema_id')), ''), "
                         "coalesce((SELECT name FROM sectors WHERE id = json_extract(p.data, '$.sector_id')), '')"_s
                       + from.arg(u"edition"_s)
                       + u" AND NOT EXISTS (SELECT 1 FROM editions x WHERE x.id = p.id AND x.lock_version = json_extract(p.data, '$.lock_version'))"
                         " ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, document_id = excluded.document_id, "
                         "site_id = excluded.site_id, sector_id = excluded.sector_id, schema_id = excluded.schema_id, "
                         "title = excluded.title, state = excluded.state, change_note = excluded.change_note, "
                         "minor_change = excluded.minor_change, force_published = excluded.force_published, "
                         "major_version = excluded.major_version, minor_version = excluded.minor_version, "
                         "scheduled_publication = excluded.scheduled_publication, first_published_at = excluded.first_published_at, "
                         "major_change_published_at = excluded.major_change_published_at, lock_version = excluded.lock_version, "
                         "created_by = excluded.created_by, created_at = excluded.created_at, updated_at = excluded.updated_at, "
                         "schema_name = excluded.schema_name, sector_name = excluded.sector_name"_s,
                   "editions" });
        t.append({ "document",
                   u"INSERT INTO documents (id, account_id, site_id, sector_id, schema_id, slug, created_by, created_at) "
                   "SELECT p.id, ?1, "_s + field("site_id") + u", "_s + field("sector_id") + u", "_s + field("schema_id")
                       + u", coalesce("_s + field("slug") + u", ''), "_s + idOrNull("created_by") + u", "_s + requiredMsOf("created_at")
                       + from.arg(u"document"_s)
                       + u" ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, site_id = excluded.site_id, "
                         "sector_id = excluded.sector_id, schema_id = excluded.schema_id, slug = excluded.slug, "
                         "created_by = excluded.created_by, created_at = excluded.created_at"_s,
                   "documents" });
        t.append({ "audit_entry",
                   u"INSERT INTO audit_entries (id, edition_id, from_state, to_state, user_id, at) SELECT p.id, "_s
                       + field("edition_id") + u", nullif("_s + field("from_state") + u", ''), "_s + field("to_state")
                       + u", "_s + idOrNull("user_id") + u", "_s + requiredMsOf("created_at") + from.arg(u"audit_entry"_s)
                       + u" ON CONFLICT(id) DO UPDATE SET edition_id = excluded.edition_id, from_state = excluded.from_state, "
                         "to_state = excluded.to_state, user_id = excluded.user_id, at = excluded.at"_s,
                   "audit_entries" });
        t.append({ "remark",
                   u"INSERT INTO editorial_remarks (id, edition_id, author_id, body, created_at) SELECT p.id, "_s
                       + field("edition_id") + u", "_s + idOrNull("author_id") + u", coalesce("_s + field("body")
                       + u", ''), "_s + requiredMsOf("created_at") + from.arg(u"remark"_s)
                       + u" ON CONFLICT(id) DO UPDATE SET edition_id = excluded.edition_id, author_id = excluded.author_id, "
                         "body = excluded.body, created_at = excluded.created_at"_s,
                   "editorial_remarks" });
        t.append({ "publishing_record",
                   u"INSERT INTO publishing_records (id, account_id, site_id, sector_id, edition_id, destination, status, "
                   "external_url, error, created_at, updated_at) SELECT p.id, ?1, "_s
                       + field("site_id") + u", "_s + idOrNull("sector_id") + u", "_s + field("edition_id") + u", coalesce("_s
                       + field("destination") + u", ''), "_s + field("status") + u", coalesce("_s + field("external_url")
                       + u", ''), coalesce("_s + field("error") + u", ''), "_s + requiredMsOf("created_at") + u", "_s + requiredMsOf("updated_at")
                       + from.arg(u"publishing_record"_s)
                       + u" ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, site_id = excluded.site_id, "
                         "sector_id = excluded.sector_id, edition_id = excluded.edition_id, destination = excluded.destination, "
                         "status = excluded.status, external_url = excluded.external_url, error = excluded.error, "
                         "created_at = excluded.created_at, updated_at = excluded.updated_at"_s,
                   "publishing_records" });
        return t;
    }();
    return tables;
}

} // namespace

// The fast way for a page nobody's local changes depend on: SQLite reads the page's JSON itself.
static Result<AppliedPage> applyPageSetWise(QSqlDatabase &db, const QByteArray &answer, Id accountId, AppliedPage page)
{
    if (auto q = run(db, u"CREATE TEMP TABLE IF NOT EXISTS feed_page (k INTEGER PRIMARY KEY, entity TEXT NOT NULL, "
                         "id INTEGER NOT NULL, op TEXT NOT NULL, data TEXT)"_s);
        !q)
        return q.error();
    if (auto q = run(db, u"DELETE FROM temp.feed_page"_s); !q)
        return q.error();
    // One pass over the page's JSON; then only the last entry of each object in it counts.
    {
        // The page goes in as UTF-8 bytes (a blob cast to text: no conversion to UTF-16 and back),
        // and each entry's data is kept as JSONB, so the many json_extract calls below do not
        // parse text again.
        auto q = run(db, u"INSERT INTO temp.feed_page (k, entity, id, op, data) SELECT key, json_extract(value, '$.entity'), "
                         "json_extract(value, '$.id'), json_extract(value, '$.op'), jsonb(json_extract(value, '$.data')) "
                         "FROM json_each(CAST(?1 AS TEXT), '$.data.changes')"_s,
                     { answer });
        if (!q)
            return q.error();
        page.applied = q.value().numRowsAffected();
    }
    if (auto q = run(db, u"DELETE FROM temp.feed_page WHERE k NOT IN (SELECT max(k) FROM temp.feed_page GROUP BY entity, id)"_s); !q)
        return q.error();
    for (const BulkTable &t : bulkTables()) {
        if (auto q = run(db, t.upsert, t.upsert.contains(u"?1"_s) ? QVariantList { accountId } : QVariantList {}); !q)
            return q.error();
        if (t.table) {
            if (auto q = run(db, u"DELETE FROM %1 WHERE id IN (SELECT id FROM temp.feed_page WHERE entity = ? AND op = 'delete')"_s
                                     .arg(QLatin1StringView(t.table)),
                             { QString::fromLatin1(t.entity) });
                !q)
                return q.error();
        }
    }
    // Everything else (sites, sectors, users, schemas, link checks, …: few) entry by entry.
    ReplicaWriter w(db);
    auto rest = run(db, u"SELECT entity, id, op, json(data) FROM temp.feed_page WHERE entity NOT IN "
                        "('edition', 'document', 'audit_entry', 'remark', 'publishing_record')"_s);
    if (!rest)
        return rest.error();
    while (rest.value().next()) {
        const QString entity = rest.value().value(0).toString();
        if (!WireFormat::isReplicated(entity))
            continue;
        const Id id = rest.value().value(1).toLongLong();
        Status st = rest.value().value(2).toString() == "delete"_L1
            ? WireFormat::remove(w, entity, id)
            : WireFormat::apply(w, entity, object(rest.value().value(3)), accountId);
        if (!st)
            return st.error();
    }
    rest.value().finish();
    auto touched = run(db, u"SELECT entity, id FROM temp.feed_page"_s);
    if (!touched)
        return touched.error();
    while (touched.value().next()) {
        const QString entity = touched.value().value(0).toString();
        page.change.entities.insert(entity);
        if (entity == "edition"_L1)
            page.change.editionIds.insert(touched.value().value(1).toLongLong());
    }
    return page;
}

// The members after a page's "changes" array, read from its end without parsing the page:
// "next", "has_more" and "last" (quotes inside strings are escaped, so these patterns are the
// envelope's own).
static std::optional<AppliedPage> pageTail(const QByteArray &answer)
{
    const auto text = [&answer](QByteArrayView key) -> std::optional<QByteArray> {
        const qsizetype at = answer.lastIndexOf(key);
        if (at < 0)
            return std::nullopt;
        const qsizetype from = at + key.size();
        const qsizetype to = answer.indexOf('"', from);
        return to < 0 ? std::nullopt : std::optional<QByteArray>(answer.mid(from, to - from));
    };
    AppliedPage page;
    const auto next = text("\"next\":\"");
    if (!next)
        return std::nullopt;
    bool ok = false;
    page.next = next->toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    page.hasMore = answer.lastIndexOf("\"has_more\":true") >= 0;
    if (const auto last = text("\"last\":\""))
        page.last = last->toLongLong();
    return page;
}

Result<AppliedPage> SyncStore::applyPage(QSqlDatabase &db, const QByteArray &answer, Id accountId)
{
    // Nothing queued locally and no resync: SQLite applies the page from its JSON.
    if (auto tail = pageTail(answer)) {
        Transaction tx(db);
        if (!tx.isActive())
            return tx.error();
        auto eligible = run(db, u"SELECT (SELECT count(*) FROM outbox) = 0 AND (SELECT resyncing FROM sync_state WHERE id = 1) = 0"_s);
        if (!eligible)
            return eligible.error();
        const bool fast = eligible.value().next() && eligible.value().value(0).toBool();
        eligible.value().finish();
        if (fast) {
            run(db, u"PRAGMA defer_foreign_keys = ON"_s);
            auto applied = applyPageSetWise(db, answer, accountId, *tail);
            if (applied) {
                if (auto q = run(db, u"UPDATE sync_state SET cursor = ? WHERE id = 1"_s, { applied->next }); !q)
                    return q.error();
                if (Status committed = tx.commit(); committed)
                    return applied;
                else
                    qCWarning(lcSyncStore) << "a set-wise page did not commit; applying it entry by entry:"
                                           << committed.error().message;
            } else {
                qCWarning(lcSyncStore) << "a set-wise page failed; applying it entry by entry:" << applied.error().message;
            }
        }
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(answer, &parseError);
    const QJsonObject data = document.object().value("data"_L1).toObject();
    if (parseError.error != QJsonParseError::NoError || !data.value("changes"_L1).isArray())
        return Error { u"bad_feed_page"_s, tr("The server sent a change-feed page that is not valid JSON.") };
    AppliedPage page;
    page.next = data.value("next"_L1).toString().toLongLong();
    page.hasMore = data.value("has_more"_L1).toBool();
    if (data.contains("last"_L1))
        page.last = data.value("last"_L1).toString().toLongLong();
    const QJsonArray changes = data.value("changes"_L1).toArray();
    page.applied = changes.size();

    // Twice at most: when the page leaves a reference dangling (an object whose parent this user
    // can no longer see), it is applied again without reference checks rather than block the feed.
    for (int round = 0; round < 2; ++round) {
        const bool checkReferences = round == 0;
        if (!checkReferences)
            run(db, u"PRAGMA foreign_keys = OFF"_s);
        Transaction tx(db);
        if (!tx.isActive())
            return tx.error();
        run(db, u"PRAGMA defer_foreign_keys = ON"_s);
        auto state = readState(db);
        if (!state)
            return state.error();
        QSet<QString> pending;
        {
            auto q = run(db, u"SELECT DISTINCT entity, entity_id FROM outbox"_s);
            if (!q)
                return q.error();
            while (q.value().next())
                pending.insert(q.value().value(0).toString() + u':' + q.value().value(1).toString());
        }
        ReplicaWriter w(db);
        QSqlQuery seen(db);
        if (state->resyncing)
            seen.prepare(u"INSERT OR IGNORE INTO resync_seen (entity, entity_id) VALUES (?, ?)"_s);
        // The feed also brings back what this client just wrote (and the server already answered
        // with): a row at the same lock_version is up to date and not written again.
        QSqlQuery editionVersion(db);
        editionVersion.setForwardOnly(true);
        editionVersion.prepare(u"SELECT lock_version FROM editions WHERE id = ?"_s);
        QSqlQuery schemaVersion(db);
        schemaVersion.setForwardOnly(true);
        schemaVersion.prepare(u"SELECT lock_version FROM content_schemas WHERE id = ?"_s);
        const auto upToDate = [](QSqlQuery &q, Id id, const QJsonObject &copy) {
            q.bindValue(0, id);
            bool same = false;
            if (q.exec() && q.next())
                same = q.value(0).toLongLong() == copy.value("lock_version"_L1).toInteger(-1);
            q.finish();
            return same;
        };
        Status failure;
        page.change = {};
        for (const QJsonValue &value : changes) {
            const QJsonObject change = value.toObject();
            const QString entity = change.value("entity"_L1).toString();
            if (!WireFormat::isReplicated(entity))
                continue;
            const Id id = Id(change.value("id"_L1).toInteger());
            const bool remove = change.value("op"_L1).toString() == "delete"_L1;
            if (!pending.isEmpty() && pending.contains(entity + u':' + QString::number(id))) {
                // Local changes are waiting: the row keeps showing them; the server's copy is kept for
                // the merge and for when they are sent or discarded.
                failure = setServerCopy(db, entity, id,
                                        remove ? QJsonObject { { u"deleted"_s, true } }
                                               : change.value("data"_L1).toObject());
            } else if (remove) {
                failure = WireFormat::remove(w, entity, id);
            } else {
                const QJsonObject object = change.value("data"_L1).toObject();
                const bool current = (entity == "edition"_L1 && upToDate(editionVersion, id, object))
                    || (entity == "schema"_L1 && upToDate(schemaVersion, id, object));
                if (!current)
                    failure = WireFormat::apply(w, entity, object, accountId);
            }
            if (!failure)
                break;
            if (state->resyncing) {
                seen.bindValue(0, entity);
                seen.bindValue(1, id);
                if (!seen.exec()) {
                    failure = sqlError(seen, kFailed);
                    break;
                }
            }
            page.change.entities.insert(entity);
            if (entity == "edition"_L1)
                page.change.editionIds.insert(id);
        }
        if (!failure)
            return failure.error();
        if (auto q = run(db, u"UPDATE sync_state SET cursor = ? WHERE id = 1"_s, { page.next }); !q)
            return q.error();
        Status committed = tx.commit();
        if (!checkReferences)
            run(db, u"PRAGMA foreign_keys = ON"_s);
        if (committed)
            return page;
        if (!checkReferences || !committed.error().message.contains("FOREIGN KEY"_L1, Qt::CaseInsensitive))
            return committed.error();
        tx.rollback();
        qCWarning(lcSyncStore) << "a feed page leaves a dangling reference; applying it without reference checks:"
                               << committed.error().message;
    }
    return Error { QString::fromLatin1(kFailed), u"unreachable"_s };
}

Status SyncStore::beginResync(QSqlDatabase &db)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    if (auto q = run(db, u"DELETE FROM resync_seen"_s); !q)
        return q.error();
    if (auto q = run(db, u"UPDATE sync_state SET resyncing = 1, cursor = 0 WHERE id = 1"_s); !q)
        return q.error();
    return tx.commit();
}

Result<ReplicaChange> SyncStore::finishResync(QSqlDatabase &db)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    ReplicaChange change;
    change.everything = true;
    // Children before parents, so that nothing is left referring to a removed row.
    static const char *const kOrder[] = { "audit_entry", "remark", "unpublishing", "link_check", "publishing_record",
                                          "edition", "document", "deployment", "schema", "user", "sector", "site" };
    for (const char *name : kOrder) {
        const QString entity = QString::fromLatin1(name);
        const QString table = WireFormat::tableOf(entity);
        // Table names come from WireFormat's fixed list, never from outside.
        auto q = run(db, u"DELETE FROM %1 WHERE id > 0 AND NOT EXISTS (SELECT 1 FROM resync_seen s "
                         "WHERE s.entity = ? AND s.entity_id = %1.id) AND NOT EXISTS (SELECT 1 FROM outbox o "
                         "WHERE o.entity = ? AND o.entity_id = %1.id)"_s.arg(table),
                     { entity, entity });
        if (!q)
            return q.error();
    }
    if (auto q = run(db, u"DELETE FROM resync_seen"_s); !q)
        return q.error();
    if (auto q = run(db, u"UPDATE sync_state SET resyncing = 0 WHERE id = 1"_s); !q)
        return q.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return change;
}

Status SyncStore::markSynced(QSqlDatabase &db, const QDateTime &at)
{
    auto q = run(db, u"UPDATE sync_state SET last_synced_at = ?, initial_done = 1 WHERE id = 1"_s, { toDb(at) });
    return q ? Status() : Status(q.error());
}

Result<bool> SyncStore::isBulkLoading(QSqlDatabase &db)
{
    auto q = run(db, u"SELECT count(*) FROM deferred_objects"_s);
    if (!q)
        return q.error();
    return q.value().next() && q.value().value(0).toLongLong() > 0;
}

Result<bool> SyncStore::beginBulkLoad(QSqlDatabase &db)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto editions = run(db, u"SELECT count(*) FROM editions"_s);
    if (!editions)
        return editions.error();
    const bool empty = !editions.value().next() || editions.value().value(0).toLongLong() <= 1000;
    editions.value().finish();   // (an open statement would lock the tables the DROPs below change)
    if (!empty)
        return false;   // not an empty replica: keep everything as it is
    auto deferred = run(db, u"SELECT count(*) FROM deferred_objects"_s);
    if (!deferred)
        return deferred.error();
    const bool already = deferred.value().next() && deferred.value().value(0).toLongLong() > 0;
    deferred.value().finish();
    if (already)
        return true;    // set aside already (a sync that was interrupted)
    // The secondary indexes of the tables a feed fills, and the full-text triggers.
    auto objects = run(db, u"SELECT name, type, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
                           "(type = 'index' AND tbl_name IN ('editions', 'documents', 'audit_entries', "
                           "'editorial_remarks', 'publishing_records', 'link_check_reports', 'unpublishings', "
                           "'deployments')) OR (type = 'trigger' AND name IN ('editions_fts_insert', "
                           "'editions_fts_update', 'editions_fts_delete', 'edition_content_fts_insert', "
                           "'edition_content_fts_update')))"_s);
    if (!objects)
        return objects.error();
    QList<std::tuple<QString, QString, QString>> found;
    while (objects.value().next())
        found.append({ objects.value().value(0).toString(), objects.value().value(1).toString(),
                       objects.value().value(2).toString() });
    objects.value().finish();
    for (const auto &[name, type, sql] : std::as_const(found)) {
        if (auto q = run(db, u"INSERT INTO deferred_objects (name, type, sql) VALUES (?, ?, ?)"_s, { name, type, sql }); !q)
            return q.error();
        // Names come from sqlite_master; quoted all the same.
        if (auto q = run(db, u"DROP %1 \"%2\""_s.arg(type == "index"_L1 ? u"INDEX"_s : u"TRIGGER"_s, name)); !q)
            return q.error();
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return true;
}

Status SyncStore::finishBulkLoad(QSqlDatabase &db)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto objects = run(db, u"SELECT name, type, sql FROM deferred_objects ORDER BY type = 'trigger', name"_s);
    if (!objects)
        return objects.error();
    QList<std::pair<QString, QString>> saved;
    while (objects.value().next())
        saved.append({ objects.value().value(0).toString(), objects.value().value(2).toString() });
    objects.value().finish();
    if (saved.isEmpty())
        return {};
    for (const auto &[name, sql] : std::as_const(saved)) {
        if (auto q = run(db, sql); !q)
            return q.error();
    }
    // The full-text index, in one pass over what arrived.
    // Segment merging waits until the build is over (measured on 102k editions: 11.8 s of CPU
    // with merging as it goes, 7.1 s without; queries on the unmerged index take 3–8 ms, and
    // later writes merge it bit by bit again).
    for (const char *sql : { "INSERT INTO edition_fts(edition_fts) VALUES ('delete-all')",
                             "INSERT INTO edition_fts(edition_fts, rank) VALUES ('automerge', 0)",
                             "INSERT INTO edition_fts(edition_fts, rank) VALUES ('crisismerge', 1000)",
                             "INSERT INTO edition_fts(rowid, title, body) SELECT e.id, e.title, "
                             "(SELECT group_concat(j.value, ' ') FROM json_tree(c.fields) j WHERE j.type = 'text') "
                             "FROM editions e LEFT JOIN edition_content c ON c.edition_id = e.id",
                             "INSERT INTO edition_fts(edition_fts, rank) VALUES ('automerge', 4)",
                             "INSERT INTO edition_fts(edition_fts, rank) VALUES ('crisismerge', 16)",
                             "DELETE FROM deferred_objects" }) {
        if (auto q = run(db, QString::fromLatin1(sql)); !q)
            return q.error();
    }
    return tx.commit();
}

// ---- local changes ----

Result<ReplicaChange> SyncStore::editEdition(QSqlDatabase &db, Id accountId, Id localOrServerId, const EditionEdit &edit)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    const Id editionId = followIdMap(db, u"edition"_s, localOrServerId);
    auto edition = loadEdition(db, editionId);
    if (!edition)
        return notFound(tr("The edition is not in the workspace."));
    if (edition->state != EditionState::Draft && edition->state != EditionState::Submitted
        && edition->state != EditionState::Rejected)
        return Error { u"not_editable"_s, tr("Only an open edition (draft, submitted or rejected) can be edited.") };
    QJsonObject body;
    if (edit.title) {
        if (edit.title->trimmed().isEmpty())
            return Error { u"invalid"_s, tr("The title cannot be empty.") };
        body.insert(u"title"_s, *edit.title);
    }
    if (edit.fields)
        body.insert(u"fields"_s, *edit.fields);
    if (edit.changeNote)
        body.insert(u"change_note"_s, *edit.changeNote);
    if (edit.minorChange)
        body.insert(u"minor_change"_s, *edit.minorChange);
    if (body.isEmpty())
        return ReplicaChange {};
    const QJsonObject before = WireFormat::toWire(*edition);
    const QString chain = u"document:"_s + QString::number(edition->documentId);

    // Folded into the change that is still waiting, when there is one: the server then sees one
    // version instead of several, and the first change's base stays the base.
    // A change the server refused (422) is replaced by the fix, which goes out under a new key.
    // Never into one that was sent already without an answer: the server may have applied it as
    // it was, and its key stays bound to that body.
    auto last = run(db, u"SELECT id, action, body FROM outbox WHERE order_key = ? "
                        "AND (state = 'failed' OR (state = 'queued' AND attempts = 0)) "
                        "AND id = (SELECT max(id) FROM outbox WHERE order_key = ?)"_s,
                    { chain, chain });
    if (!last)
        return last.error();
    bool folded = false;
    if (last.value().next()) {
        const qint64 lastId = last.value().value(0).toLongLong();
        const QString action = last.value().value(1).toString();
        auto target = OutboxRows::load(db, lastId);
        if (!target)
            return target.error();
        const bool sameEdition = target->entity == "edition"_L1 && target->entityId == editionId && action == "update"_L1;
        const bool createOfIt = action == "create"_L1 && target->entity == "document"_L1
            && target->entityId == edition->documentId;
        if (sameEdition || createOfIt) {
            QJsonObject merged = target->body;
            for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
                if (createOfIt && it.key() == "minor_change"_L1)
                    continue;
                merged.insert(it.key(), it.value());
            }
            if (auto q = run(db, u"UPDATE outbox SET body = ?, summary = ?, "
                                 "idempotency_key = CASE WHEN state = 'failed' THEN ? ELSE idempotency_key END, "
                                 "state = 'queued', last_error = '', field_errors = '[]', next_attempt_at = 0 WHERE id = ?"_s,
                             { json(merged),
                               createOfIt ? tr("New document %1").arg(quoted(edit.title.value_or(edition->title)))
                                          : tr("Edit %1").arg(quoted(edit.title.value_or(edition->title))),
                               newKey(), lastId });
                !q)
                return q.error();
            folded = true;
        }
    }
    if (!folded) {
        NewItem n;
        n.accountId = accountId;
        n.method = u"PUT"_s;
        n.path = u"/editions/"_s + QString::number(editionId);
        n.body = body;
        n.entity = u"edition"_s;
        n.entityId = editionId;
        n.orderKey = chain;
        n.action = u"update"_s;
        n.baseLockVersion = edition->lockVersion;
        n.base = serverCopy(db, u"edition"_s, editionId).value_or(before);
        n.siteId = edition->siteId;
        n.summary = tr("Edit %1").arg(quoted(edit.title.value_or(edition->title)));
        if (auto id = insertItem(db, n); !id)
            return id.error();
    }
    // The optimistic update.
    Edition updated = WireFormat::edition(applyBody(u"edition"_s, before, body), accountId);
    updated.updatedAt = QDateTime::currentDateTimeUtc();
    ReplicaWriter w(db);
    if (Status st = w.upsert(updated); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    ReplicaChange change;
    change.entities = { u"edition"_s };
    change.editionIds = { editionId };
    return change;
}

Result<Id> SyncStore::createDocument(QSqlDatabase &db, Id accountId, Id userId, const NewDocument &document,
                                     ReplicaChange *change)
{
    if (document.title.trimmed().isEmpty())
        return Error { u"invalid"_s, tr("The title cannot be empty.") };
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto docId = nextLocalId(db);
    if (!docId)
        return docId.error();
    auto editionId = nextLocalId(db);
    if (!editionId)
        return editionId.error();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ReplicaWriter w(db);
    Document d;
    d.id = *docId;
    d.accountId = accountId;
    d.siteId = document.siteId;
    d.sectorId = document.sectorId;
    d.schemaId = document.schemaId;
    d.slug = QString();
    d.createdBy = userId;
    d.createdAt = now;
    if (Status st = w.upsert(d); !st)
        return st.error();
    Edition e;
    e.id = *editionId;
    e.accountId = accountId;
    e.documentId = d.id;
    e.siteId = d.siteId;
    e.sectorId = d.sectorId;
    e.schemaId = d.schemaId;
    e.title = document.title;
    e.fields = document.fields;
    e.changeNote = document.changeNote;
    e.createdBy = userId;
    e.createdAt = now;
    e.updatedAt = now;
    if (Status st = w.upsert(e); !st)
        return st.error();
    NewItem n;
    n.accountId = accountId;
    n.method = u"POST"_s;
    n.path = u"/documents"_s;
    n.body = QJsonObject { { u"site_id"_s, d.siteId }, { u"sector_id"_s, d.sectorId }, { u"schema_id"_s, d.schemaId },
                           { u"title"_s, document.title }, { u"fields"_s, document.fields },
                           { u"change_note"_s, document.changeNote } };
    n.entity = u"document"_s;
    n.entityId = d.id;
    n.orderKey = u"document:"_s + QString::number(d.id);
    n.action = u"create"_s;
    n.siteId = d.siteId;
    n.summary = tr("New document %1").arg(quoted(document.title));
    if (auto id = insertItem(db, n); !id)
        return id.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    if (change) {
        change->entities = { u"document"_s, u"edition"_s };
        change->editionIds = { e.id };
    }
    return e.id;
}

Result<ReplicaChange> SyncStore::addRemark(QSqlDatabase &db, Id accountId, Id userId, Id localOrServerId, const QString &body)
{
    if (body.trimmed().isEmpty())
        return Error { u"invalid"_s, tr("A remark needs some text.") };
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    const Id editionId = followIdMap(db, u"edition"_s, localOrServerId);
    auto edition = loadEdition(db, editionId);
    if (!edition)
        return notFound(tr("The edition is not in the workspace."));
    auto remarkId = nextLocalId(db);
    if (!remarkId)
        return remarkId.error();
    EditorialRemark r;
    r.id = *remarkId;
    r.editionId = editionId;
    r.authorId = userId;
    r.body = body;
    r.createdAt = QDateTime::currentDateTimeUtc();
    ReplicaWriter w(db);
    if (Status st = w.upsert(r); !st)
        return st.error();
    NewItem n;
    n.accountId = accountId;
    n.method = u"POST"_s;
    n.path = u"/editions/%1/remarks"_s.arg(editionId);
    n.body = QJsonObject { { u"body"_s, body } };
    n.entity = u"remark"_s;
    n.entityId = r.id;
    n.orderKey = u"document:"_s + QString::number(edition->documentId);
    n.action = u"add_remark"_s;
    n.siteId = edition->siteId;
    n.summary = tr("Remark on %1").arg(quoted(edition->title));
    if (auto id = insertItem(db, n); !id)
        return id.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    ReplicaChange change;
    change.entities = { u"remark"_s };
    change.editionIds = { editionId };
    return change;
}

Result<Id> SyncStore::createSchema(QSqlDatabase &db, Id accountId, const QJsonObject &schema, ReplicaChange *change)
{
    if (schema.value("name"_L1).toString().trimmed().isEmpty())
        return Error { u"invalid"_s, tr("A schema needs a name.") };
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto id = nextLocalId(db);
    if (!id)
        return id.error();
    QJsonObject wire = editableOf(u"schema"_s, schema);
    wire.insert(u"dialect"_s, schema.value("spec_doc"_L1).toObject().value("$schema"_L1).toString().contains("draft-07"_L1)
                    ? u"draft-07"_s
                    : u"2020-12"_s);
    wire.insert(u"id"_s, *id);
    wire.insert(u"lock_version"_s, 1);
    const QJsonValue now = WireFormat::time(QDateTime::currentDateTimeUtc());
    wire.insert(u"created_at"_s, now);
    wire.insert(u"updated_at"_s, now);
    ReplicaWriter w(db);
    if (Status st = WireFormat::apply(w, u"schema"_s, wire, accountId); !st)
        return st.error();
    NewItem n;
    n.accountId = accountId;
    n.method = u"POST"_s;
    n.path = u"/schemas"_s;
    n.body = editableOf(u"schema"_s, schema);
    n.entity = u"schema"_s;
    n.entityId = *id;
    n.orderKey = u"schema:"_s + QString::number(*id);
    n.action = u"create"_s;
    n.summary = tr("New schema %1").arg(quoted(schema.value("name"_L1).toString()));
    if (auto item = insertItem(db, n); !item)
        return item.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    if (change)
        change->entities = { u"schema"_s };
    return *id;
}

Result<ReplicaChange> SyncStore::updateSchema(QSqlDatabase &db, Id accountId, Id localOrServerId, const QJsonObject &changes)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    const Id schemaId = followIdMap(db, u"schema"_s, localOrServerId);
    auto schema = loadSchema(db, schemaId);
    if (!schema)
        return notFound(tr("The schema is not in the workspace."));
    const QJsonObject body = editableOf(u"schema"_s, changes);
    if (body.isEmpty())
        return ReplicaChange {};
    const QJsonObject before = WireFormat::toWire(*schema);
    const QString chain = u"schema:"_s + QString::number(schemaId);
    auto last = run(db, u"SELECT id, action, body FROM outbox WHERE order_key = ? AND state = 'queued' AND attempts = 0 "
                        "AND id = (SELECT max(id) FROM outbox WHERE order_key = ?)"_s,
                    { chain, chain });
    if (!last)
        return last.error();
    bool folded = false;
    if (last.value().next() && last.value().value(1).toString() != "delete"_L1) {
        QJsonObject merged = object(last.value().value(2));
        for (auto it = body.constBegin(); it != body.constEnd(); ++it)
            merged.insert(it.key(), it.value());
        if (auto q = run(db, u"UPDATE outbox SET body = ? WHERE id = ?"_s, { json(merged), last.value().value(0) }); !q)
            return q.error();
        folded = true;
    }
    if (!folded) {
        NewItem n;
        n.accountId = accountId;
        n.method = u"PUT"_s;
        n.path = u"/schemas/"_s + QString::number(schemaId);
        n.body = body;
        n.entity = u"schema"_s;
        n.entityId = schemaId;
        n.orderKey = chain;
        n.action = u"update"_s;
        n.baseLockVersion = schema->lockVersion;
        n.base = serverCopy(db, u"schema"_s, schemaId).value_or(before);
        n.summary = tr("Edit schema %1").arg(quoted(body.value("name"_L1).toString(schema->name)));
        if (auto id = insertItem(db, n); !id)
            return id.error();
    }
    ReplicaWriter w(db);
    if (Status st = WireFormat::apply(w, u"schema"_s, applyBody(u"schema"_s, before, body), accountId); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    ReplicaChange change;
    change.entities = { u"schema"_s };
    return change;
}

Result<ReplicaChange> SyncStore::deleteSchema(QSqlDatabase &db, Id accountId, Id localOrServerId)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    const Id schemaId = followIdMap(db, u"schema"_s, localOrServerId);
    auto schema = loadSchema(db, schemaId);
    if (!schema)
        return notFound(tr("The schema is not in the workspace."));
    auto used = run(db, u"SELECT count(*) FROM documents WHERE schema_id = ?"_s, { schemaId });
    if (!used)
        return used.error();
    if (used.value().next() && used.value().value(0).toLongLong() > 0)
        return Error { u"schema_in_use"_s, tr("Documents use this schema; it cannot be deleted.") };
    const QJsonObject before = WireFormat::toWire(*schema);
    const QString chain = u"schema:"_s + QString::number(schemaId);
    auto sending = run(db, u"SELECT count(*) FROM outbox WHERE order_key = ? AND state = 'sending'"_s, { chain });
    if (!sending)
        return sending.error();
    const bool onItsWay = sending.value().next() && sending.value().value(0).toLongLong() > 0;
    sending.value().finish();
    if (schemaId < 0 && !onItsWay) {
        // Never sent: forgetting it is the whole deletion.
        if (auto q = run(db, u"DELETE FROM outbox WHERE order_key = ?"_s, { chain }); !q)
            return q.error();
    } else {
        // (A schema whose creation is on its way is deleted after it: the DELETE names the local
        // id, which the creation's answer replaces with the server's.)
        NewItem n;
        n.accountId = accountId;
        n.method = u"DELETE"_s;
        n.path = u"/schemas/"_s + QString::number(schemaId);
        n.entity = u"schema"_s;
        n.entityId = schemaId;
        n.orderKey = u"schema:"_s + QString::number(schemaId);
        n.action = u"delete"_s;
        n.baseLockVersion = schema->lockVersion;
        n.base = serverCopy(db, u"schema"_s, schemaId).value_or(before);
        n.summary = tr("Delete schema %1").arg(quoted(schema->name));
        if (auto id = insertItem(db, n); !id)
            return id.error();
    }
    ReplicaWriter w(db);
    if (Status st = w.remove(u"content_schemas"_s, schemaId); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    ReplicaChange change;
    change.entities = { u"schema"_s };
    return change;
}

// ---- push ----

Result<QList<OutboxItem>> SyncStore::takeReady(QSqlDatabase &db, const QDateTime &now, int limit,
                                               const QSet<QString> &busyChains)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    // The first item of each chain, when it is queued and due. A document that refers to a schema
    // created here and not yet sent waits for it.
    auto q = run(db, u"SELECT "_s + OutboxRows::columns + u" FROM outbox WHERE id IN (SELECT min(id) FROM outbox GROUP BY order_key) "
                     "AND state = 'queued' AND next_attempt_at <= ? "
                     "AND coalesce(json_extract(body, '$.schema_id'), 0) >= 0 ORDER BY id"_s,
                 { now.toMSecsSinceEpoch() });
    if (!q)
        return q.error();
    QList<OutboxItem> ready;
    while (q.value().next() && ready.size() < limit) {
        OutboxItem item = OutboxRows::read(q.value());
        if (busyChains.contains(item.orderKey))
            continue;
        // A schema is replaced whole (PUT /schemas/{id} wants every member): the copy it was made
        // against with this change applied.
        if (item.entity == "schema"_L1 && item.method == "PUT"_L1)
            item.body = editableOf(item.entity, applyBody(item.entity, item.base, item.body));
        item.state = OutboxItem::State::Sending;
        ready.append(item);
    }
    q.value().finish();
    for (const OutboxItem &item : std::as_const(ready)) {
        if (auto u = run(db, u"UPDATE outbox SET state = 'sending' WHERE id = ?"_s, { item.id }); !u)
            return u.error();
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return ready;
}

Result<QDateTime> SyncStore::nextDue(QSqlDatabase &db)
{
    auto q = run(db, u"SELECT min(next_attempt_at) FROM outbox WHERE id IN (SELECT min(id) FROM outbox GROUP BY order_key) "
                     "AND state = 'queued'"_s);
    if (!q)
        return q.error();
    if (q.value().next() && !q.value().value(0).isNull())
        return QDateTime::fromMSecsSinceEpoch(q.value().value(0).toLongLong(), QTimeZone::UTC);
    return QDateTime();
}

Status SyncStore::requeueSending(QSqlDatabase &db)
{
    auto q = run(db, u"UPDATE outbox SET state = 'queued' WHERE state = 'sending'"_s);
    return q ? Status() : Status(q.error());
}

Status SyncStore::dueNow(QSqlDatabase &db)
{
    auto q = run(db, u"UPDATE outbox SET next_attempt_at = 0 WHERE state = 'queued' AND next_attempt_at > 0"_s);
    return q ? Status() : Status(q.error());
}

Result<ReplicaChange> SyncStore::accept(QSqlDatabase &db, Id accountId, qint64 outboxId, const QJsonObject &answer)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    run(db, u"PRAGMA defer_foreign_keys = ON"_s);
    auto loaded = OutboxRows::load(db, outboxId);
    if (!loaded) {
        if (loaded.error().code == "not_found"_L1)
            return ReplicaChange {};   // discarded while it was on its way
        return loaded.error();
    }
    const OutboxItem item = loaded.value();
    if (auto q = run(db, u"DELETE FROM outbox WHERE id = ?"_s, { outboxId }); !q)
        return q.error();
    ReplicaWriter w(db);
    ReplicaChange change;
    change.entities.insert(item.entity);
    const Id serverId = Id(answer.value("id"_L1).toInteger());

    if (item.entity == "document"_L1 && item.action == OutboxItem::Action::Create) {
        const QJsonArray editions = answer.value("editions"_L1).toArray();
        if (serverId <= 0 || editions.isEmpty())
            return Error { u"bad_answer"_s, tr("The server's answer to a new document has no document or edition.") };
        const QJsonObject serverEdition = editions.first().toObject();
        const Id editionId = Id(serverEdition.value("id"_L1).toInteger());
        Id localEdition = 0;
        {
            auto q = run(db, u"SELECT id FROM editions WHERE document_id = ? ORDER BY id DESC LIMIT 1"_s, { item.entityId });
            if (!q)
                return q.error();
            if (q.value().next())
                localEdition = q.value().value(0).toLongLong();
        }
        if (Status st = WireFormat::apply(w, u"document"_s, answer, accountId); !st)
            return st.error();
        if (Status st = WireFormat::apply(w, u"edition"_s, serverEdition, accountId); !st)
            return st.error();
        change.entities.insert(u"edition"_s);
        change.editionIds = { editionId, localEdition };
        const QString oldChain = u"document:"_s + QString::number(item.entityId);
        const QString newChain = u"document:"_s + QString::number(serverId);
        if (auto q = run(db, u"UPDATE outbox SET order_key = ? WHERE order_key = ?"_s, { newChain, oldChain }); !q)
            return q.error();
        if (Status st = replaceIdInChain(db, u"document"_s, item.entityId, serverId, u"/documents/"_s); !st)
            return st.error();
        if (localEdition != 0) {
            if (Status st = replaceIdInChain(db, u"edition"_s, localEdition, editionId, u"/editions/"_s); !st)
                return st.error();
            // Later edits were made against the first version of the new edition.
            if (auto q = run(db, u"UPDATE outbox SET base_lock_version = ?, base = ? WHERE entity = 'edition' "
                                 "AND entity_id = ?"_s,
                             { serverEdition.value("lock_version"_L1).toInteger(1), json(serverEdition), editionId });
                !q)
                return q.error();
            if (auto q = run(db, u"UPDATE editorial_remarks SET edition_id = ? WHERE edition_id = ?"_s,
                             { editionId, localEdition });
                !q)
                return q.error();
            auto later = itemsOf(db, u"edition"_s, editionId);
            if (!later)
                return later.error();
            if (!later->isEmpty()) {
                if (Status st = setServerCopy(db, u"edition"_s, editionId, serverEdition); !st)
                    return st.error();
                if (Status st = reapply(db, w, accountId, u"edition"_s, editionId); !st)
                    return st.error();
            }
            if (Status st = w.remove(u"editions"_s, localEdition); !st)
                return st.error();
        }
        if (Status st = w.remove(u"documents"_s, item.entityId); !st)
            return st.error();
    } else if (item.entity == "schema"_L1 && item.action == OutboxItem::Action::Create) {
        if (serverId <= 0)
            return Error { u"bad_answer"_s, tr("The server's answer to a new schema has no id.") };
        if (Status st = WireFormat::apply(w, u"schema"_s, answer, accountId); !st)
            return st.error();
        const QString oldChain = u"schema:"_s + QString::number(item.entityId);
        if (auto q = run(db, u"UPDATE outbox SET order_key = ? WHERE order_key = ?"_s,
                         { QString(u"schema:"_s + QString::number(serverId)), oldChain });
            !q)
            return q.error();
        if (Status st = replaceIdInChain(db, u"schema"_s, item.entityId, serverId, u"/schemas/"_s); !st)
            return st.error();
        if (auto q = run(db, u"UPDATE outbox SET base_lock_version = ?, base = ? WHERE entity = 'schema' AND entity_id = ?"_s,
                         { answer.value("lock_version"_L1).toInteger(1), json(answer), serverId });
            !q)
            return q.error();
        for (const char *sql : { "UPDATE documents SET schema_id = ? WHERE schema_id = ?",
                                 "UPDATE editions SET schema_id = ? WHERE schema_id = ?" }) {
            if (auto q = run(db, QString::fromLatin1(sql), { serverId, item.entityId }); !q)
                return q.error();
        }
        if (auto q = run(db, u"UPDATE outbox SET body = json_set(body, '$.schema_id', ?) "
                             "WHERE json_extract(body, '$.schema_id') = ?"_s,
                         { serverId, item.entityId });
            !q)
            return q.error();
        auto later = itemsOf(db, u"schema"_s, serverId);
        if (!later)
            return later.error();
        if (!later->isEmpty()) {
            if (Status st = setServerCopy(db, u"schema"_s, serverId, answer); !st)
                return st.error();
            if (Status st = reapply(db, w, accountId, u"schema"_s, serverId); !st)
                return st.error();
        }
        if (Status st = w.remove(u"content_schemas"_s, item.entityId); !st)
            return st.error();
    } else if (item.path.endsWith("/link-check"_L1)) {
        // Started on the server; its report comes with the feed.
    } else if (item.action == OutboxItem::Action::AddRemark) {
        if (Status st = w.remove(u"editorial_remarks"_s, item.entityId); !st)
            return st.error();
        if (Status st = WireFormat::apply(w, u"remark"_s, answer, accountId); !st)
            return st.error();
        if (auto q = run(db, u"INSERT OR REPLACE INTO id_map (entity, local_id, server_id) VALUES ('remark', ?, ?)"_s,
                         { item.entityId, serverId });
            !q)
            return q.error();
        change.editionIds.insert(Id(answer.value("edition_id"_L1).toInteger()));
    } else if (item.action == OutboxItem::Action::Delete) {
        if (Status st = dropServerCopy(db, item.entity, item.entityId); !st)
            return st.error();
        if (Status st = WireFormat::remove(w, item.entity, item.entityId); !st)
            return st.error();
    } else {
        // A transition answers with the edition (or {edition, created} when it made one).
        const QJsonObject copy = item.action == OutboxItem::Action::Transition && answer.value("edition"_L1).isObject()
                ? answer.value("edition"_L1).toObject()
                : answer;
        if (item.action == OutboxItem::Action::Transition) {
            if (Status st = undoTransitionRows(db, w, accountId, item, false); !st)
                return st.error();
            change.entities.insert(u"remark"_s);
            change.entities.insert(u"audit_entry"_s);
            if (answer.value("created"_L1).isObject()) {
                const QJsonObject created = answer.value("created"_L1).toObject();
                if (Status st = WireFormat::apply(w, u"edition"_s, created, accountId); !st)
                    return st.error();
                change.editionIds.insert(Id(created.value("id"_L1).toInteger()));
            }
            if (item.path.endsWith("/editions"_L1)) {
                // A new edition: the answer is the new draft, not the edition the item names.
                if (Status st = WireFormat::apply(w, u"edition"_s, answer, accountId); !st)
                    return st.error();
                change.editionIds.insert(Id(answer.value("id"_L1).toInteger()));
                if (Status st = tx.commit(); !st)
                    return st.error();
                return change;
            }
        }
        // An update: later changes of the same object were made on top of this one.
        const qint64 lockVersion = copy.value("lock_version"_L1).toInteger();
        if (auto q = run(db, u"UPDATE outbox SET base_lock_version = ?, base = ? WHERE entity = ? AND entity_id = ? "
                             "AND id > ?"_s,
                         { lockVersion, json(copy), item.entity, item.entityId, item.id });
            !q)
            return q.error();
        const auto existing = serverCopy(db, item.entity, item.entityId);
        if (!existing || isDeletedMarker(*existing)
            || existing->value("lock_version"_L1).toInteger() <= lockVersion) {
            if (Status st = setServerCopy(db, item.entity, item.entityId, copy); !st)
                return st.error();
        }
        if (Status st = reapply(db, w, accountId, item.entity, item.entityId); !st)
            return st.error();
        if (item.entity == "edition"_L1)
            change.editionIds.insert(item.entityId);
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return change;
}

Status SyncStore::retryLater(QSqlDatabase &db, qint64 outboxId, const QDateTime &next, const QString &error)
{
    auto q = run(db, u"UPDATE outbox SET state = 'queued', attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                     "WHERE id = ?"_s,
                 { next.toMSecsSinceEpoch(), error, outboxId });
    return q ? Status() : Status(q.error());
}

Status SyncStore::refuse(QSqlDatabase &db, qint64 outboxId, const QString &error, const QJsonArray &fieldErrors)
{
    auto q = run(db, u"UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, field_errors = ? "
                     "WHERE id = ?"_s,
                 { error, json(fieldErrors), outboxId });
    return q ? Status() : Status(q.error());
}

Result<ReplicaChange> SyncStore::gone(QSqlDatabase &db, qint64 outboxId, const QString &error)
{
    auto q = run(db, u"UPDATE outbox SET state = 'gone', attempts = attempts + 1, last_error = ? WHERE id = ?"_s,
                 { error, outboxId });
    if (!q)
        return q.error();
    return ReplicaChange {};
}

Result<bool> SyncStore::collide(QSqlDatabase &db, Id accountId, qint64 outboxId, const QJsonObject &theirs)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto loaded = OutboxRows::load(db, outboxId);
    if (!loaded)
        return loaded.error();
    const OutboxItem &item = loaded.value();
    if (Status st = setServerCopy(db, item.entity, item.entityId, theirs); !st)
        return st.error();
    const QString theirsBy = theirs.value("updated_by_name"_L1).toString();
    const qint64 theirsLock = theirs.value("lock_version"_L1).toInteger();
    bool merged = false;
    if (item.action == OutboxItem::Action::Update) {
        const QJsonObject mine = applyBody(item.entity, item.base, item.body);
        const QList<MergeField> fields = ThreeWayMerge::compare(item.entity, item.base, mine, theirs);
        if (!ThreeWayMerge::hasConflict(fields)) {
            const QJsonObject result = ThreeWayMerge::merged(theirs, fields);
            QJsonObject body;
            for (const MergeField &f : fields) {
                if (f.outcome == MergeField::Outcome::Mine) {
                    const QString key = f.path.section(u'/', 1, 1);
                    body.insert(key, result.value(key));
                }
            }
            const QString note = theirsBy.isEmpty()
                ? tr("Merged with a change made on the server.")
                : tr("Merged with a change %1 made on the server.").arg(theirsBy);
            // A new body needs a new key: the old one is bound to the request the server answered 409.
            if (auto q = run(db, u"UPDATE outbox SET body = ?, base = ?, base_lock_version = ?, state = 'queued', "
                                 "next_attempt_at = 0, last_error = ?, idempotency_key = ? WHERE id = ?"_s,
                             { json(body), json(theirs), theirsLock, note, newKey(), outboxId });
                !q)
                return q.error();
            merged = true;
            ReplicaWriter w(db);
            if (Status st = reapply(db, w, accountId, item.entity, item.entityId); !st)
                return st.error();
        }
    }
    if (!merged) {
        const QJsonObject mine = item.action == OutboxItem::Action::Delete ? QJsonObject { { u"deleted"_s, true } }
                                                                           : applyBody(item.entity, item.base, item.body);
        if (auto q = run(db, u"INSERT INTO conflicts (outbox_id, entity, entity_id, base, mine, theirs, theirs_by, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(outbox_id) DO UPDATE SET base = excluded.base, "
                             "mine = excluded.mine, theirs = excluded.theirs, theirs_by = excluded.theirs_by"_s,
                         { outboxId, item.entity, item.entityId, json(item.base), json(mine), json(theirs), theirsBy,
                           QDateTime::currentMSecsSinceEpoch() });
            !q)
            return q.error();
        const QString message = theirsBy.isEmpty() ? tr("Changed on the server since you edited it; choose what to keep.")
                                                   : tr("%1 changed it on the server since you edited it; choose what to keep.")
                                                         .arg(theirsBy);
        if (auto q = run(db, u"UPDATE outbox SET state = 'conflict', attempts = attempts + 1, last_error = ? WHERE id = ?"_s,
                         { message, outboxId });
            !q)
            return q.error();
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return merged;
}

Result<ReplicaChange> SyncStore::resolve(QSqlDatabase &db, Id accountId, qint64 outboxId, const QJsonObject &merged)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto loaded = OutboxRows::load(db, outboxId);
    if (!loaded)
        return loaded.error();
    const OutboxItem &item = loaded.value();
    const auto theirs = serverCopy(db, item.entity, item.entityId);
    if (!theirs || isDeletedMarker(*theirs))
        return Error { u"no_server_copy"_s, tr("The server's copy is not known; sync first.") };
    const QJsonObject body = editableOf(item.entity, merged);
    if (auto q = run(db, u"UPDATE outbox SET body = ?, base = ?, base_lock_version = ?, state = 'queued', "
                         "next_attempt_at = 0, last_error = '', idempotency_key = ? WHERE id = ?"_s,
                     { json(body), json(*theirs), theirs->value("lock_version"_L1).toInteger(), newKey(), outboxId });
        !q)
        return q.error();
    if (auto q = run(db, u"DELETE FROM conflicts WHERE outbox_id = ?"_s, { outboxId }); !q)
        return q.error();
    ReplicaWriter w(db);
    if (Status st = reapply(db, w, accountId, item.entity, item.entityId); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    ReplicaChange change;
    change.entities = { item.entity };
    if (item.entity == "edition"_L1)
        change.editionIds = { item.entityId };
    return change;
}

Result<ReplicaChange> SyncStore::discard(QSqlDatabase &db, Id accountId, qint64 outboxId)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    run(db, u"PRAGMA defer_foreign_keys = ON"_s);
    auto loaded = OutboxRows::load(db, outboxId);
    if (!loaded)
        return loaded.error();
    const OutboxItem item = loaded.value();
    ReplicaWriter w(db);
    ReplicaChange change;
    change.entities.insert(item.entity);
    if (item.action == OutboxItem::Action::Create) {
        // What was built on an object that will never exist goes with it.
        if (auto q = run(db, u"DELETE FROM outbox WHERE order_key = ?"_s, { item.orderKey }); !q)
            return q.error();
        if (item.entity == "document"_L1) {
            if (auto q = run(db, u"DELETE FROM editorial_remarks WHERE edition_id IN "
                                 "(SELECT id FROM editions WHERE document_id = ?)"_s,
                             { item.entityId });
                !q)
                return q.error();
            if (auto q = run(db, u"DELETE FROM editions WHERE document_id = ?"_s, { item.entityId }); !q)
                return q.error();
            if (Status st = w.remove(u"documents"_s, item.entityId); !st)
                return st.error();
            change.entities.insert(u"edition"_s);
            change.everything = true;
        } else if (item.entity == "schema"_L1) {
            if (Status st = w.remove(u"content_schemas"_s, item.entityId); !st)
                return st.error();
        }
    } else if (item.action == OutboxItem::Action::AddRemark) {
        if (auto q = run(db, u"DELETE FROM outbox WHERE id = ?"_s, { outboxId }); !q)
            return q.error();
        if (Status st = w.remove(u"editorial_remarks"_s, item.entityId); !st)
            return st.error();
    } else {
        if (auto q = run(db, u"DELETE FROM outbox WHERE id = ?"_s, { outboxId }); !q)
            return q.error();
        if (item.action == OutboxItem::Action::Transition) {
            if (Status st = undoTransitionRows(db, w, accountId, item, true); !st)
                return st.error();
            change.entities.insert(u"remark"_s);
            change.entities.insert(u"audit_entry"_s);
            for (const auto &v : item.body.value("_local"_L1).toObject().value("editions"_L1).toArray())
                change.editionIds.insert(Id(v.toInteger()));
        }
        if (Status st = reapply(db, w, accountId, item.entity, item.entityId, item.base); !st)
            return st.error();
        if (item.entity == "edition"_L1)
            change.editionIds = { item.entityId };
    }
    if (Status st = tx.commit(); !st)
        return st.error();
    return change;
}

Status SyncStore::retryNow(QSqlDatabase &db, qint64 outboxId)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto loaded = OutboxRows::load(db, outboxId);
    if (!loaded)
        return loaded.error();
    if (loaded->state == OutboxItem::State::Sending)
        return {};
    if (loaded->state == OutboxItem::State::Conflict) {
        // Sending a conflicting change again as it is means keeping it over the server's: only
        // for a deletion (the merge dialog handles edits).
        if (loaded->action != OutboxItem::Action::Delete)
            return Error { u"conflict"_s, tr("Resolve the conflict to send this change.") };
        const auto theirs = serverCopy(db, loaded->entity, loaded->entityId);
        if (theirs && !isDeletedMarker(*theirs)) {
            if (auto q = run(db, u"UPDATE outbox SET base_lock_version = ?, idempotency_key = ? WHERE id = ?"_s,
                             { theirs->value("lock_version"_L1).toInteger(), newKey(), outboxId });
                !q)
                return q.error();
        }
        if (auto q = run(db, u"DELETE FROM conflicts WHERE outbox_id = ?"_s, { outboxId }); !q)
            return q.error();
    }
    // The server keeps its answer per key: a refused or gone change asked again needs a new one.
    const bool answered = loaded->state == OutboxItem::State::Failed || loaded->state == OutboxItem::State::Gone;
    if (auto q = run(db, u"UPDATE outbox SET state = 'queued', next_attempt_at = 0, "
                         "idempotency_key = CASE WHEN ? THEN ? ELSE idempotency_key END WHERE id = ?"_s,
                     { answered, newKey(), outboxId });
        !q)
        return q.error();
    return tx.commit();
}

Result<ReplicaChange> SyncStore::recreate(QSqlDatabase &db, Id accountId, Id userId, qint64 outboxId)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    run(db, u"PRAGMA defer_foreign_keys = ON"_s);
    auto loaded = OutboxRows::load(db, outboxId);
    if (!loaded)
        return loaded.error();
    const OutboxItem item = loaded.value();
    if (item.state != OutboxItem::State::Gone || item.entity != "edition"_L1)
        return Error { u"not_recreatable"_s, tr("Only an edited edition that was deleted on the server can be recreated.") };
    auto edition = loadEdition(db, item.entityId);
    if (!edition)
        return notFound(tr("The edition is not in the workspace any more."));
    // Everything waiting for the deleted edition moves to the new document.
    if (auto q = run(db, u"DELETE FROM outbox WHERE entity = 'edition' AND entity_id = ?"_s, { item.entityId }); !q)
        return q.error();
    if (Status st = dropServerCopy(db, u"edition"_s, item.entityId); !st)
        return st.error();
    ReplicaWriter w(db);
    if (Status st = w.remove(u"editions"_s, item.entityId); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    NewDocument n;
    n.siteId = edition->siteId;
    n.sectorId = edition->sectorId;
    n.schemaId = edition->schemaId;
    n.title = edition->title;
    n.fields = edition->fields;
    n.changeNote = edition->changeNote;
    ReplicaChange change;
    auto created = createDocument(db, accountId, userId, n, &change);
    if (!created)
        return created.error();
    change.everything = true;
    return change;
}

Result<ReplicaChange> SyncStore::transition(QSqlDatabase &db, Id accountId, Id userId, Id localOrServerId,
                                            Workflow::Event event, const Workflow::Request &request, const QDateTime &now)
{
    using Workflow::Event;
    if (!Workflow::isTransitionEvent(event) && event != Event::CreateNewEdition)
        return Error { u"invalid"_s, tr("%1 is not a workflow step.").arg(Workflow::displayName(event)) };
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    run(db, u"PRAGMA defer_foreign_keys = ON"_s);
    const Id editionId = followIdMap(db, u"edition"_s, localOrServerId);
    if (editionId < 0)
        return Error { u"not_sent"_s, tr("This edition has not reached the server yet. Try again once it has synced.") };
    auto role = ReplicaReader::signedInRole(db);
    if (!role)
        return role.error();
    if (!role.value())
        return Error { u"forbidden"_s, tr("Sign in to the server to change editions.") };
    const Workflow::Actor actor { userId, *role.value(), false };
    auto context = Workflow::loadContext(db, editionId, actor, now);
    if (!context)
        return context.error();
    Workflow::Request r = request;
    if (r.lockVersion == 0)
        r.lockVersion = context->edition.lockVersion;
    const Workflow::Decision decision = Workflow::decide(event, context.value(), r);
    if (!decision.allowed())
        return Error { decision.refusal->code, decision.refusal->message };

    if (event == Event::CreateNewEdition) {
        // The new draft gets its id from the server: it appears when the answer comes.
        NewItem n;
        n.accountId = accountId;
        n.method = u"POST"_s;
        n.path = u"/documents/%1/editions"_s.arg(context->edition.documentId);
        n.body = QJsonObject {};
        n.entity = u"edition"_s;
        n.entityId = editionId;
        n.orderKey = u"document:"_s + QString::number(context->edition.documentId);
        n.action = u"update"_s;
        n.siteId = context->edition.siteId;
        n.summary = tr("New edition of %1").arg(quoted(context->edition.title));
        if (auto id = insertItem(db, n); !id)
            return id.error();
        if (Status st = tx.commit(); !st)
            return st.error();
        return ReplicaChange { { u"outbox"_s }, {}, false };
    }
    const Workflow::Effects fx = Workflow::apply(event, context.value(), r);

    ReplicaWriter w(db);
    ReplicaChange change;
    change.entities = { u"edition"_s, u"remark"_s, u"audit_entry"_s };
    change.editionIds.insert(editionId);
    QJsonArray otherIds;
    QJsonArray auditIds;
    QJsonArray remarkIds;
    QJsonObject local;
    // The editions it supersedes: optimistic rows over kept server copies (restored if refused).
    for (qsizetype i = 1; i < fx.changed.size(); ++i) {
        Edition other = fx.changed.at(i);
        const auto before = std::find_if(context->documentEditions.cbegin(), context->documentEditions.cend(),
                                         [&](const Edition &e) { return e.id == other.id; });
        if (before == context->documentEditions.cend())
            continue;
        if (!serverCopy(db, u"edition"_s, other.id)) {
            if (Status st = setServerCopy(db, u"edition"_s, other.id, WireFormat::toWire(*before)); !st)
                return st.error();
        }
        other.lockVersion = before->lockVersion;   // the server's numbers come with the feed
        other.updatedAt = before->updatedAt;
        if (Status st = WireFormat::apply(w, u"edition"_s, WireFormat::toWire(other), accountId); !st)
            return st.error();
        otherIds.append(other.id);
        change.editionIds.insert(other.id);
    }
    for (AuditEntry a : fx.audit) {
        if (a.editionId == 0)
            continue;   // the edition unwithdraw creates comes from the server
        auto id = nextLocalId(db);
        if (!id)
            return id.error();
        a.id = *id;
        if (Status st = w.upsert(a); !st)
            return st.error();
        auditIds.append(a.id);
    }
    for (const QString &body : fx.created ? QStringList() : fx.remarks) {
        auto id = nextLocalId(db);
        if (!id)
            return id.error();
        EditorialRemark remark;
        remark.id = *id;
        remark.editionId = editionId;
        remark.authorId = userId;
        remark.body = body;
        remark.createdAt = now;
        if (Status st = w.upsert(remark); !st)
            return st.error();
        remarkIds.append(remark.id);
    }
    if (fx.unpublishing && !context->unpublishing) {
        auto id = nextLocalId(db);
        if (!id)
            return id.error();
        Unpublishing u = *fx.unpublishing;
        u.id = *id;
        if (Status st = w.upsert(u); !st)
            return st.error();
        local.insert(u"unpublishing"_s, u.id);
    }
    local.insert(u"editions"_s, otherIds);
    local.insert(u"audit"_s, auditIds);
    local.insert(u"remarks"_s, remarkIds);

    const QJsonObject after = WireFormat::toWire(fx.changed.constFirst());
    QJsonObject optimistic;
    for (const char *key : { "state", "force_published", "scheduled_publication", "major_version", "minor_version",
                             "first_published_at", "major_change_published_at" })
        optimistic.insert(QLatin1StringView(key), after.value(QLatin1StringView(key)));

    QJsonObject body { { u"event"_s, Workflow::toWire(event) } };
    if (!r.reason.trimmed().isEmpty())
        body.insert(u"reason"_s, r.reason.trimmed());
    if (r.scheduledPublication.isValid())
        body.insert(u"scheduled_publication"_s, WireFormat::time(r.scheduledPublication));
    if (r.unpublishing) {
        body.insert(u"unpublishing"_s, QJsonObject {
                { u"reason"_s, Galley::toWire(r.unpublishing->reason) },
                { u"explanation"_s, r.unpublishing->explanation },
                { u"alternative_url"_s, r.unpublishing->alternativeUrl },
                { u"redirect"_s, r.unpublishing->redirect },
        });
    }
    body.insert(u"_apply"_s, optimistic);
    body.insert(u"_local"_s, local);

    const Edition &edition = context->edition;
    NewItem n;
    n.accountId = accountId;
    n.method = u"POST"_s;
    n.path = u"/editions/%1/transitions"_s.arg(editionId);
    n.body = body;
    n.entity = u"edition"_s;
    n.entityId = editionId;
    n.orderKey = u"document:"_s + QString::number(edition.documentId);
    n.action = u"update"_s;
    n.baseLockVersion = r.lockVersion;
    n.base = serverCopy(db, u"edition"_s, editionId).value_or(WireFormat::toWire(edition));
    n.siteId = edition.siteId;
    n.summary = tr("%1 %2").arg(Workflow::displayName(event), quoted(edition.title));
    if (auto id = insertItem(db, n); !id)
        return id.error();
    if (Status st = reapply(db, w, accountId, u"edition"_s, editionId); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return change;
}

Result<ReplicaChange> SyncStore::requestLinkCheck(QSqlDatabase &db, Id accountId, Id localOrServerId)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    const Id editionId = followIdMap(db, u"edition"_s, localOrServerId);
    if (editionId < 0)
        return Error { u"not_sent"_s, tr("This edition has not reached the server yet. Try again once it has synced.") };
    const auto edition = loadEdition(db, editionId);
    if (!edition)
        return notFound(tr("The edition is not in the workspace."));
    const QString path = u"/editions/%1/link-check"_s.arg(editionId);
    // One request waiting is enough.
    if (auto q = run(db, u"SELECT 1 FROM outbox WHERE path = ? AND state IN ('queued', 'sending')"_s, { path });
        q && q.value().next())
        return ReplicaChange {};
    NewItem n;
    n.accountId = accountId;
    n.method = u"POST"_s;
    n.path = path;
    n.entity = u"link_check"_s;
    n.entityId = editionId;
    n.orderKey = u"document:"_s + QString::number(edition->documentId);
    n.action = u"update"_s;
    n.siteId = edition->siteId;
    n.summary = tr("Check the links of %1").arg(quoted(edition->title));
    if (auto id = insertItem(db, n); !id)
        return id.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return ReplicaChange { { u"outbox"_s }, {}, false };
}

Result<ReplicaChange> SyncStore::refuseTransition(QSqlDatabase &db, Id accountId, qint64 outboxId,
                                                  const QString &serverMessage, const QJsonObject &theirs)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    run(db, u"PRAGMA defer_foreign_keys = ON"_s);
    auto loaded = OutboxRows::load(db, outboxId);
    if (!loaded) {
        if (loaded.error().code == "not_found"_L1)
            return ReplicaChange {};
        return loaded.error();
    }
    const OutboxItem item = loaded.value();
    const auto event = Workflow::eventFromWire(item.body.value("event"_L1).toString());
    const QString decision = event ? Workflow::displayName(*event) : item.body.value("event"_L1).toString();

    QString message;
    const auto state = fromWire<EditionState>(theirs.value("state"_L1).toString());
    if (state) {
        QString who = tr("Someone");
        if (const Id by = Id(theirs.value("updated_by"_L1).toInteger()); by > 0) {
            if (auto q = run(db, u"SELECT name FROM users WHERE id = ?"_s, { by }); q && q.value().next())
                who = q.value().value(0).toString();
        }
        const QDateTime at = WireFormat::time(theirs.value("updated_at"_L1)).toLocalTime();
        message = tr("Your decision (%1) was not applied: %2 changed this edition at %3 while you were away, and it is "
                     "now %4.")
                          .arg(decision, who, QLocale().toString(at, QLocale::ShortFormat), displayName(*state));
        const auto current = serverCopy(db, u"edition"_s, item.entityId);
        if (!current || current->value("lock_version"_L1).toInteger() <= theirs.value("lock_version"_L1).toInteger()) {
            if (Status st = setServerCopy(db, u"edition"_s, item.entityId, theirs); !st)
                return st.error();
        }
    } else {
        message = tr("Your decision (%1) was not applied: %2").arg(decision, serverMessage);
    }
    if (auto q = run(db, u"UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?"_s,
                     { message, outboxId });
        !q)
        return q.error();
    ReplicaWriter w(db);
    if (Status st = undoTransitionRows(db, w, accountId, item, true); !st)
        return st.error();
    if (Status st = reapply(db, w, accountId, u"edition"_s, item.entityId, item.base); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    ReplicaChange change;
    change.entities = { u"edition"_s, u"remark"_s, u"audit_entry"_s };
    change.editionIds.insert(item.entityId);
    for (const auto &v : item.body.value("_local"_L1).toObject().value("editions"_L1).toArray())
        change.editionIds.insert(Id(v.toInteger()));
    return change;
}

} // namespace Galley
