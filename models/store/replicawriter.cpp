#include "replicawriter.h"

#include "replicareader.h"
#include "sqlutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

#include <unordered_map>

namespace Galley {

namespace {

// Tables a change-feed tombstone may name, each with its fixed DELETE statement.
// The table name from outside is only ever compared against this list, never
// put into SQL.
struct RemovableTable
{
    QLatin1StringView name;
    const char *sql;
};

constexpr RemovableTable kRemovable[] = {
    { QLatin1StringView("accounts"), "DELETE FROM accounts WHERE id = ?" },
    { QLatin1StringView("sites"), "DELETE FROM sites WHERE id = ?" },
    { QLatin1StringView("sectors"), "DELETE FROM sectors WHERE id = ?" },
    { QLatin1StringView("users"), "DELETE FROM users WHERE id = ?" },
    { QLatin1StringView("content_schemas"), "DELETE FROM content_schemas WHERE id = ?" },
    { QLatin1StringView("documents"), "DELETE FROM documents WHERE id = ?" },
    { QLatin1StringView("editions"), "DELETE FROM editions WHERE id = ?" },
    { QLatin1StringView("unpublishings"), "DELETE FROM unpublishings WHERE id = ?" },
    { QLatin1StringView("editorial_remarks"), "DELETE FROM editorial_remarks WHERE id = ?" },
    { QLatin1StringView("audit_entries"), "DELETE FROM audit_entries WHERE id = ?" },
    { QLatin1StringView("link_check_reports"), "DELETE FROM link_check_reports WHERE id = ?" },
    { QLatin1StringView("publishing_records"), "DELETE FROM publishing_records WHERE id = ?" },
    { QLatin1StringView("deployments"), "DELETE FROM deployments WHERE id = ?" },
};

constexpr const char *kWriteFailed = "replica_write_failed";

// Optional references are stored as NULL, not as 0.
QVariant idOrNull(Id id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString compactJson(const QJsonArray &a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

Status invalidId(const char *entity)
{
    return Error { QStringLiteral("invalid_id"),
                   QStringLiteral("Cannot store a %1 without an id.").arg(QLatin1StringView(entity)) };
}

// Text columns are NOT NULL: a null QString (what an unset field holds) is stored as ''.
// Deliberate NULLs are passed as null QVariants (idOrNull, toDb).
QVariant bindable(const QVariant &v)
{
    if (!v.isNull() && v.typeId() == QMetaType::QString && v.toString().isNull())
        return QStringLiteral("");
    return v;
}

Status run(QSqlQuery &q, const QVariantList &values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(int(i), bindable(values.at(i)));
    if (!q.exec())
        return sqlError(q, kWriteFailed);
    return {};
}

} // namespace

struct ReplicaWriter::Cache
{
    // Keys are the string literals of the call sites: pointer identity is enough.
    std::unordered_map<const char *, QSqlQuery> queries;
    QSqlQuery failed;
};

ReplicaWriter::ReplicaWriter(QSqlDatabase &db)
    : m_db(db)
    , m_cache(std::make_unique<Cache>())
{
}

ReplicaWriter::~ReplicaWriter() = default;

QSqlQuery &ReplicaWriter::prepared(const char *key, const QString &sql, Status &status)
{
    auto it = m_cache->queries.find(key);
    if (it == m_cache->queries.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            status = sqlError(q, "replica_prepare_failed");
            // Not cached: a later call retries. Callers never use the query after an error.
            m_cache->failed = std::move(q);
            return m_cache->failed;
        }
        it = m_cache->queries.emplace(key, std::move(q)).first;
    }
    status = {};
    return it->second;
}

Status ReplicaWriter::setWorkspace(const WorkspaceInfo &info)
{
    Status st;
    // created_at is set once, when the row is first written (migration 2 writes it).
    QSqlQuery &q = prepared("workspace",
                            QStringLiteral("INSERT INTO workspace (id, name, kind, server_url, created_at) "
                                           "VALUES (1, ?, ?, ?, ?) "
                                           "ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                                           "kind = excluded.kind, server_url = excluded.server_url"),
                            st);
    if (!st)
        return st;
    return run(q, { info.name, info.kind, info.serverUrl, QDateTime::currentMSecsSinceEpoch() });
}

Status ReplicaWriter::upsert(const Account &a)
{
    if (a.id <= 0)
        return invalidId("account");
    Status st;
    QSqlQuery &q = prepared("accounts",
                            QStringLiteral("INSERT INTO accounts (id, name, slug, created_at) VALUES (?, ?, ?, ?) "
                                           "ON CONFLICT(id) DO UPDATE SET name = excluded.name, slug = excluded.slug, "
                                           "created_at = excluded.created_at"),
                            st);
    if (!st)
        return st;
    return run(q, { a.id, a.name, a.slug, toDb(a.createdAt) });
}

Status ReplicaWriter::upsert(const Site &s)
{
    if (s.id <= 0)
        return invalidId("site");
    Status st;
    QSqlQuery &q = prepared("sites",
                            QStringLiteral("INSERT INTO sites (id, account_id, name, domain, created_at) "
                                           "VALUES (?, ?, ?, ?, ?) "
                                           "ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, "
                                           "name = excluded.name, domain = excluded.domain, "
                                           "created_at = excluded.created_at"),
                            st);
    if (!st)
        return st;
    return run(q, { s.id, s.accountId, s.name, s.domain, toDb(s.createdAt) });
}

Status ReplicaWriter::upsert(const Sector &s)
{
    if (s.id <= 0)
        return invalidId("sector");
    Status st;
    QSqlQuery &q = prepared("sectors",
                            QStringLiteral("INSERT INTO sectors (id, account_id, site_id, name) VALUES (?, ?, ?, ?) "
                                           "ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, "
                                           "site_id = excluded.site_id, name = excluded.name"),
                            st);
    if (!st)
        return st;
    return run(q, { s.id, s.accountId, s.siteId, s.name });
}

Status ReplicaWriter::upsert(const User &u)
{
    if (u.id <= 0)
        return invalidId("user");
    Status st;
    QSqlQuery &q = prepared("users",
                            QStringLiteral("INSERT INTO users (id, account_id, email, name, role, all_sites) "
                                           "VALUES (?, ?, ?, ?, ?, ?) "
                                           "ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, "
                                           "email = excluded.email, name = excluded.name, role = excluded.role, "
                                           "all_sites = excluded.all_sites"),
                            st);
    if (!st)
        return st;
    if (st = run(q, { u.id, u.accountId, u.email, u.name, toWire(u.role), u.allSites ? 1 : 0 }); !st)
        return st;

    // The site limits are replaced as a whole.
    QSqlQuery &clear = prepared("user_sites.clear", QStringLiteral("DELETE FROM user_sites WHERE user_id = ?"), st);
    if (!st)
        return st;
    if (st = run(clear, { u.id }); !st)
        return st;
    if (u.allSites)
        return {};
    QSqlQuery &add = prepared("user_sites.add",
                              QStringLiteral("INSERT OR IGNORE INTO user_sites (user_id, site_id) VALUES (?, ?)"), st);
    if (!st)
        return st;
    for (Id siteId : u.siteIds) {
        if (st = run(add, { u.id, siteId }); !st)
            return st;
    }
    return {};
}

Status ReplicaWriter::upsert(const ContentSchema &s)
{
    if (s.id == 0)   // negative: created locally, not yet on the server
        return invalidId("content schema");
    Status st;
    QSqlQuery &q = prepared(
        "content_schemas",
        QStringLiteral("INSERT INTO content_schemas (id, account_id, name, description, dialect, spec_doc, "
                       "auth_policy, lock_version, created_at, updated_at, spec_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, name = excluded.name, "
                       "description = excluded.description, dialect = excluded.dialect, "
                       "spec_doc = excluded.spec_doc, spec_text = excluded.spec_text, auth_policy = excluded.auth_policy, "
                       "lock_version = excluded.lock_version, created_at = excluded.created_at, "
                       "updated_at = excluded.updated_at"),
        st);
    if (!st)
        return st;
    const QString policy = s.authPolicy.isEmpty() ? QStringLiteral("writer") : s.authPolicy;
    return run(q, { s.id, s.accountId, s.name, s.description, toWire(s.dialect), compactJson(s.specDoc), policy,
                    s.lockVersion, toDb(s.createdAt), toDb(s.updatedAt),
                    s.specText.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s.specText) });
}

Status ReplicaWriter::upsert(const Document &d)
{
    if (d.id == 0)   // negative: created locally, not yet on the server
        return invalidId("document");
    Status st;
    QSqlQuery &q = prepared(
        "documents",
        QStringLiteral("INSERT INTO documents (id, account_id, site_id, sector_id, schema_id, slug, created_by, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, site_id = excluded.site_id, "
                       "sector_id = excluded.sector_id, schema_id = excluded.schema_id, slug = excluded.slug, "
                       "created_by = excluded.created_by, created_at = excluded.created_at"),
        st);
    if (!st)
        return st;
    return run(q, { d.id, d.accountId, d.siteId, d.sectorId, d.schemaId, d.slug, idOrNull(d.createdBy),
                    toDb(d.createdAt) });
}

Status ReplicaWriter::upsert(const Edition &e)
{
    if (e.id == 0)   // negative: created locally, not yet on the server
        return invalidId("edition");
    Status st;
    // Both rows or neither, also when the caller has no transaction open: the savepoint
    // nests in the caller's transaction or is one of its own (and then it is where the
    // deferred reference from edition_content to editions is checked).
    QSqlQuery &begin = prepared("edition_savepoint", QStringLiteral("SAVEPOINT replica_edition"), st);
    if (!st || !(st = run(begin, {})))
        return st;
    QSqlQuery &rollback = prepared("edition_rollback", QStringLiteral("ROLLBACK TO replica_edition"), st);
    if (!st)
        return st;
    QSqlQuery &release = prepared("edition_release", QStringLiteral("RELEASE replica_edition"), st);
    if (!st)
        return st;
    st = writeEdition(e);
    if (!st) {
        run(rollback, {});
        run(release, {});
        return st;
    }
    return run(release, {});
}

Status ReplicaWriter::writeEdition(const Edition &e)
{
    Status st;
    // The fields first (edition_content's reference to editions is deferred), so that
    // the editions insert trigger indexes title and body for full-text search at once.
    QSqlQuery &content = prepared(
        "edition_content",
        QStringLiteral("INSERT INTO edition_content (edition_id, fields) VALUES (?, ?) "
                       "ON CONFLICT(edition_id) DO UPDATE SET fields = excluded.fields "
                       "WHERE fields IS NOT excluded.fields"),
        st);
    if (!st)
        return st;
    if (st = run(content, { e.id, compactJson(e.fields) }); !st)
        return st;
    // The schema's and sector's names travel with the row (the list sorts by them);
    // rename triggers keep them current afterwards.
    QSqlQuery &q = prepared(
        "editions",
        QStringLiteral(
            "INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, title, "
            "state, change_note, minor_change, force_published, major_version, minor_version, "
            "scheduled_publication, first_published_at, major_change_published_at, lock_version, created_by, "
            "created_at, updated_at, schema_name, sector_name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "coalesce((SELECT name FROM content_schemas WHERE id = ?), ''), "
            "coalesce((SELECT name FROM sectors WHERE id = ?), '')) "
            "ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, "
            "document_id = excluded.document_id, site_id = excluded.site_id, sector_id = excluded.sector_id, "
            "schema_id = excluded.schema_id, title = excluded.title, "
            "state = excluded.state, change_note = excluded.change_note, minor_change = excluded.minor_change, "
            "force_published = excluded.force_published, major_version = excluded.major_version, "
            "minor_version = excluded.minor_version, scheduled_publication = excluded.scheduled_publication, "
            "first_published_at = excluded.first_published_at, "
            "major_change_published_at = excluded.major_change_published_at, "
            "lock_version = excluded.lock_version, created_by = excluded.created_by, "
            "created_at = excluded.created_at, updated_at = excluded.updated_at, "
            "schema_name = excluded.schema_name, sector_name = excluded.sector_name"),
        st);
    if (!st)
        return st;
    return run(q, { e.id,
                    e.accountId,
                    e.documentId,
                    e.siteId,
                    e.sectorId,
                    e.schemaId,
                    e.title,
                    toWire(e.state),
                    e.changeNote,
                    e.minorChange ? 1 : 0,
                    e.forcePublished ? 1 : 0,
                    e.version.major,
                    e.version.minor,
                    toDb(e.scheduledPublication),
                    toDb(e.firstPublishedAt),
                    toDb(e.majorChangePublishedAt),
                    e.lockVersion,
                    idOrNull(e.createdBy),
                    toDb(e.createdAt),
                    toDb(e.updatedAt),
                    e.schemaId,
                    e.sectorId });
}

Status ReplicaWriter::upsert(const Unpublishing &u)
{
    if (u.id == 0)   // negative: an offline decision's, not yet on the server
        return invalidId("unpublishing");
    Status st;
    QSqlQuery &q = prepared(
        "unpublishings",
        QStringLiteral("INSERT INTO unpublishings (id, edition_id, reason, explanation, alternative_url, redirect, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET edition_id = excluded.edition_id, reason = excluded.reason, "
                       "explanation = excluded.explanation, alternative_url = excluded.alternative_url, "
                       "redirect = excluded.redirect, created_at = excluded.created_at"),
        st);
    if (!st)
        return st;
    return run(q, { u.id, u.editionId, toWire(u.reason), u.explanation, u.alternativeUrl, u.redirect ? 1 : 0,
                    toDb(u.createdAt) });
}

Status ReplicaWriter::upsert(const EditorialRemark &r)
{
    if (r.id == 0)   // negative: created locally, not yet on the server
        return invalidId("editorial remark");
    Status st;
    QSqlQuery &q = prepared("editorial_remarks",
                            QStringLiteral("INSERT INTO editorial_remarks (id, edition_id, author_id, body, created_at) "
                                           "VALUES (?, ?, ?, ?, ?) "
                                           "ON CONFLICT(id) DO UPDATE SET edition_id = excluded.edition_id, "
                                           "author_id = excluded.author_id, body = excluded.body, "
                                           "created_at = excluded.created_at"),
                            st);
    if (!st)
        return st;
    return run(q, { r.id, r.editionId, idOrNull(r.authorId), r.body, toDb(r.createdAt) });
}

Status ReplicaWriter::upsert(const AuditEntry &a)
{
    if (a.id == 0)   // negative: an offline decision's, not yet on the server
        return invalidId("audit entry");
    Status st;
    QSqlQuery &q = prepared("audit_entries",
                            QStringLiteral("INSERT INTO audit_entries (id, edition_id, from_state, to_state, user_id, "
                                           "at) VALUES (?, ?, ?, ?, ?, ?) "
                                           "ON CONFLICT(id) DO UPDATE SET edition_id = excluded.edition_id, "
                                           "from_state = excluded.from_state, to_state = excluded.to_state, "
                                           "user_id = excluded.user_id, at = excluded.at"),
                            st);
    if (!st)
        return st;
    const QVariant from = a.fromState ? QVariant(toWire(*a.fromState)) : QVariant(QMetaType::fromType<QString>());
    return run(q, { a.id, a.editionId, from, toWire(a.toState), idOrNull(a.userId), toDb(a.at) });
}

Status ReplicaWriter::upsert(const LinkCheckReport &r)
{
    if (r.id <= 0)
        return invalidId("link check report");
    Status st;
    QSqlQuery &q = prepared("link_check_reports",
                            QStringLiteral("INSERT INTO link_check_reports (id, edition_id, checked_at, links) "
                                           "VALUES (?, ?, ?, ?) "
                                           "ON CONFLICT(id) DO UPDATE SET edition_id = excluded.edition_id, "
                                           "checked_at = excluded.checked_at, links = excluded.links"),
                            st);
    if (!st)
        return st;
    QJsonArray links;
    for (const LinkCheckItem &item : r.links) {
        links.append(QJsonObject {
            { QStringLiteral("url"), item.url },
            { QStringLiteral("status"), toWire(item.status) },
            { QStringLiteral("problem"), item.problem },
        });
    }
    return run(q, { r.id, r.editionId, toDb(r.checkedAt), compactJson(links) });
}

Status ReplicaWriter::upsert(const PublishingRecord &p)
{
    if (p.id <= 0)
        return invalidId("publishing record");
    Status st;
    QSqlQuery &q = prepared(
        "publishing_records",
        QStringLiteral("INSERT INTO publishing_records (id, account_id, site_id, sector_id, edition_id, destination, "
                       "status, external_url, error, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, site_id = excluded.site_id, "
                       "sector_id = excluded.sector_id, edition_id = excluded.edition_id, "
                       "destination = excluded.destination, status = excluded.status, "
                       "external_url = excluded.external_url, error = excluded.error, "
                       "created_at = excluded.created_at, updated_at = excluded.updated_at"),
        st);
    if (!st)
        return st;
    return run(q, { p.id, p.accountId, p.siteId, idOrNull(p.sectorId), p.editionId, p.destination,
                    toWire(p.status), p.externalUrl, p.error, toDb(p.createdAt), toDb(p.updatedAt) });
}

Status ReplicaWriter::upsert(const DeploymentRecord &d)
{
    if (d.id <= 0)
        return invalidId("deployment");
    Status st;
    QSqlQuery &q = prepared(
        "deployments",
        QStringLiteral("INSERT INTO deployments (id, account_id, site_id, version, status, url, metadata, log, "
                       "started_by, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, site_id = excluded.site_id, "
                       "version = excluded.version, status = excluded.status, url = excluded.url, "
                       "metadata = excluded.metadata, log = excluded.log, started_by = excluded.started_by, "
                       "created_at = excluded.created_at, finished_at = excluded.finished_at"),
        st);
    if (!st)
        return st;
    return run(q, { d.id, d.accountId, d.siteId, d.version, toWire(d.status), d.url, compactJson(d.metadata), d.log,
                    idOrNull(d.startedBy), toDb(d.createdAt), toDb(d.finishedAt) });
}

Status ReplicaWriter::remove(const QString &table, Id id)
{
    for (const RemovableTable &t : kRemovable) {
        if (table != t.name)
            continue;
        Status st;
        QSqlQuery &q = prepared(t.sql, QString::fromLatin1(t.sql), st);
        if (!st)
            return st;
        q.bindValue(0, id);
        if (!q.exec())
            return sqlError(q, "replica_remove_failed");
        return {};
    }
    return Error { QStringLiteral("unknown_table"),
                   QStringLiteral("\"%1\" is not a table of the replica; nothing was removed.").arg(table) };
}

} // namespace Galley
