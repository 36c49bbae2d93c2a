#include "replicareader.h"

#include "editionquery.h"
#include "sqlutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace Galley {

namespace {

Result<QSqlQuery> exec(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {})
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlError(q, "query_failed");
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!q.exec())
        return sqlError(q, "query_failed");
    return q;
}

QJsonObject jsonObject(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

ContentSchema schemaFrom(const QSqlQuery &q)
{
    ContentSchema s;
    s.id = q.value(0).toLongLong();
    s.accountId = q.value(1).toLongLong();
    s.name = q.value(2).toString();
    s.description = q.value(3).toString();
    s.dialect = fromWire<SchemaDialect>(q.value(4).toString()).value_or(SchemaDialect::Draft2020_12);
    s.specDoc = jsonObject(q.value(5));
    s.authPolicy = q.value(6).toString();
    s.lockVersion = q.value(7).toInt();
    s.createdAt = dateFromDb(q.value(8));
    s.updatedAt = dateFromDb(q.value(9));
    s.specText = q.value(10).toString();
    return s;
}

const QString kSchemaColumns = QStringLiteral(
    "s.id, s.account_id, s.name, s.description, s.dialect, s.spec_doc, s.auth_policy, s.lock_version, "
    "s.created_at, s.updated_at, s.spec_text");

} // namespace

Result<WorkspaceInfo> ReplicaReader::workspace(QSqlDatabase &db)
{
    auto q = exec(db, QStringLiteral("SELECT name, kind, server_url FROM workspace WHERE id = 1"));
    if (!q)
        return q.error();
    WorkspaceInfo info;
    if (q.value().next()) {
        info.name = q.value().value(0).toString();
        info.kind = q.value().value(1).toString();
        info.serverUrl = q.value().value(2).toString();
    }
    return info;
}

Result<QList<Account>> ReplicaReader::accounts(QSqlDatabase &db)
{
    auto q = exec(db, QStringLiteral("SELECT id, name, slug, created_at FROM accounts ORDER BY name COLLATE NOCASE, id"));
    if (!q)
        return q.error();
    QList<Account> out;
    auto &r = q.value();
    while (r.next())
        out.append({ r.value(0).toLongLong(), r.value(1).toString(), r.value(2).toString(), dateFromDb(r.value(3)) });
    return out;
}

Result<QList<Site>> ReplicaReader::sites(QSqlDatabase &db, Id accountId)
{
    auto q = exec(db,
                  QStringLiteral("SELECT id, account_id, name, domain, created_at FROM sites WHERE account_id = ? "
                                 "ORDER BY name COLLATE NOCASE, id"),
                  { accountId });
    if (!q)
        return q.error();
    QList<Site> out;
    auto &r = q.value();
    while (r.next()) {
        out.append({ r.value(0).toLongLong(), r.value(1).toLongLong(), r.value(2).toString(), r.value(3).toString(),
                     dateFromDb(r.value(4)) });
    }
    return out;
}

Result<QList<Sector>> ReplicaReader::sectors(QSqlDatabase &db, Id siteId)
{
    auto q = exec(db,
                  QStringLiteral("SELECT id, account_id, site_id, name FROM sectors WHERE site_id = ? "
                                 "ORDER BY name COLLATE NOCASE, id"),
                  { siteId });
    if (!q)
        return q.error();
    QList<Sector> out;
    auto &r = q.value();
    while (r.next())
        out.append({ r.value(0).toLongLong(), r.value(1).toLongLong(), r.value(2).toLongLong(), r.value(3).toString() });
    return out;
}

Result<QList<User>> ReplicaReader::users(QSqlDatabase &db, Id accountId)
{
    auto q = exec(db,
                  QStringLiteral("SELECT u.id, u.account_id, u.email, u.name, u.role, u.all_sites, "
                                 "(SELECT group_concat(site_id) FROM user_sites WHERE user_id = u.id) "
                                 "FROM users u WHERE u.account_id = ? ORDER BY u.name COLLATE NOCASE, u.id"),
                  { accountId });
    if (!q)
        return q.error();
    QList<User> out;
    auto &r = q.value();
    while (r.next()) {
        User u;
        u.id = r.value(0).toLongLong();
        u.accountId = r.value(1).toLongLong();
        u.email = r.value(2).toString();
        u.name = r.value(3).toString();
        u.role = fromWire<Role>(r.value(4).toString()).value_or(Role::Viewer);
        u.allSites = r.value(5).toBool();
        const auto ids = r.value(6).toString().split(u',', Qt::SkipEmptyParts);
        for (const QString &id : ids)
            u.siteIds.append(id.toLongLong());
        out.append(u);
    }
    return out;
}

Result<QList<SchemaSummary>> ReplicaReader::schemas(QSqlDatabase &db, Id accountId)
{
    const QString sql = QStringLiteral("SELECT ") + kSchemaColumns
        + QStringLiteral(", (SELECT count(*) FROM documents d WHERE d.schema_id = s.id) FROM content_schemas s ")
        + (accountId ? QStringLiteral("WHERE s.account_id = ? ") : QString())
        + QStringLiteral("ORDER BY s.name COLLATE NOCASE, s.id");
    auto q = exec(db, sql, accountId ? QVariantList { accountId } : QVariantList {});
    if (!q)
        return q.error();
    QList<SchemaSummary> out;
    auto &r = q.value();
    while (r.next())
        out.append({ schemaFrom(r), r.value(11).toLongLong() });
    return out;
}

Result<ContentSchema> ReplicaReader::schema(QSqlDatabase &db, Id schemaId)
{
    auto q = exec(db, QStringLiteral("SELECT ") + kSchemaColumns + QStringLiteral(" FROM content_schemas s WHERE s.id = ?"),
                  { schemaId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error { QStringLiteral("not_found"), QStringLiteral("No such schema.") };
    return schemaFrom(q.value());
}

Result<qint64> ReplicaReader::schemaUseCount(QSqlDatabase &db, Id schemaId)
{
    auto q = exec(db, QStringLiteral("SELECT count(*) FROM documents WHERE schema_id = ?"), { schemaId });
    if (!q)
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : 0;
}

Result<QHash<Id, qint64>> ReplicaReader::editionCounts(QSqlDatabase &db, CountLevel level, Id parentId)
{
    const QString notDeleted = EditionQuery::notDeleted(u"e");
    QString sql;
    QVariantList binds;
    switch (level) {
    case CountLevel::Accounts:
        sql = QStringLiteral("SELECT e.account_id, count(*) FROM editions e WHERE %1 GROUP BY e.account_id");
        break;
    case CountLevel::SitesOfAccount:
        sql = QStringLiteral("SELECT e.site_id, count(*) FROM editions e WHERE e.account_id = ? AND %1 "
                             "GROUP BY e.site_id");
        binds << parentId;
        break;
    case CountLevel::SectorsOfSite:
        sql = QStringLiteral("SELECT e.sector_id, count(*) FROM editions e WHERE e.site_id = ? AND %1 "
                             "GROUP BY e.sector_id");
        binds << parentId;
        break;
    }
    auto q = exec(db, sql.arg(notDeleted), binds);
    if (!q)
        return q.error();
    QHash<Id, qint64> counts;
    auto &r = q.value();
    while (r.next())
        counts.insert(r.value(0).toLongLong(), r.value(1).toLongLong());
    return counts;
}

namespace {

// The edition columns every edition read starts with, in the order readEdition() expects.
const QString kEditionColumns = QStringLiteral(
    "e.id, e.account_id, e.document_id, e.site_id, e.sector_id, e.schema_id, e.title, "
    "coalesce(c.fields, '{}'), e.state, e.change_note, e.minor_change, e.force_published, e.major_version, "
    "e.minor_version, e.scheduled_publication, e.first_published_at, "
    "e.major_change_published_at, e.lock_version, e.created_by, e.created_at, e.updated_at");

void readEdition(const QSqlQuery &r, Edition &e)
{
    e.id = r.value(0).toLongLong();
    e.accountId = r.value(1).toLongLong();
    e.documentId = r.value(2).toLongLong();
    e.siteId = r.value(3).toLongLong();
    e.sectorId = r.value(4).toLongLong();
    e.schemaId = r.value(5).toLongLong();
    e.title = r.value(6).toString();
    e.fields = jsonObject(r.value(7));
    e.state = fromWire<EditionState>(r.value(8).toString()).value_or(EditionState::Draft);
    e.changeNote = r.value(9).toString();
    e.minorChange = r.value(10).toBool();
    e.forcePublished = r.value(11).toBool();
    e.version = { r.value(12).toInt(), r.value(13).toInt() };
    e.scheduledPublication = dateFromDb(r.value(14));
    e.firstPublishedAt = dateFromDb(r.value(15));
    e.majorChangePublishedAt = dateFromDb(r.value(16));
    e.lockVersion = r.value(17).toInt();
    e.createdBy = r.value(18).toLongLong();
    e.createdAt = dateFromDb(r.value(19));
    e.updatedAt = dateFromDb(r.value(20));
}

} // namespace

Result<Edition> ReplicaReader::edition(QSqlDatabase &db, Id editionId)
{
    auto q = exec(db, QStringLiteral("SELECT ") + kEditionColumns
                          + QStringLiteral(" FROM editions e LEFT JOIN edition_content c ON c.edition_id = e.id WHERE e.id = ?"),
                  { editionId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error { QStringLiteral("not_found"), QStringLiteral("This edition is no longer in the workspace.") };
    Edition e;
    readEdition(q.value(), e);
    return e;
}

Result<std::pair<QString, QString>> ReplicaReader::serverConnection(QSqlDatabase &db)
{
    auto q = exec(db, QStringLiteral("SELECT w.kind, w.server_url, coalesce(u.email, '') FROM workspace w "
                                     "LEFT JOIN users u ON u.id = w.user_id WHERE w.id = 1"),
                  {});
    if (!q)
        return q.error();
    if (q.value().next() && q.value().value(0).toString() == QLatin1String("server"))
        return std::pair { q.value().value(1).toString(), q.value().value(2).toString() };
    return std::pair<QString, QString> {};
}

Result<std::optional<Role>> ReplicaReader::signedInRole(QSqlDatabase &db)
{
    auto q = exec(db, QStringLiteral("SELECT u.role FROM workspace w JOIN users u ON u.id = w.user_id "
                                     "WHERE w.id = 1 AND w.kind = 'server'"),
                  {});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Role> {};
    return fromWire<Role>(q.value().value(0).toString());
}

Result<EditionDetail> ReplicaReader::editionDetail(QSqlDatabase &db, Id editionId)
{
    EditionDetail d;
    {
        auto q = exec(db,
                      QStringLiteral(
                          "SELECT ") + kEditionColumns + QStringLiteral(", d.slug, d.created_by, d.created_at, si.name, e.sector_name, e.schema_name, "
                          "(SELECT name FROM users WHERE id = e.created_by), "
                          "(SELECT count(*) FROM editions x WHERE x.document_id = e.document_id) "
                          "FROM editions e JOIN documents d ON d.id = e.document_id JOIN sites si ON si.id = e.site_id "
                          "LEFT JOIN edition_content c ON c.edition_id = e.id "
                          "WHERE e.id = ?"),
                      { editionId });
        if (!q)
            return q.error();
        auto &r = q.value();
        if (!r.next())
            return Error { QStringLiteral("not_found"), QStringLiteral("This edition is no longer in the workspace.") };
        Edition &e = d.edition;
        readEdition(r, e);
        d.document = { e.documentId, e.accountId, e.siteId, e.sectorId, e.schemaId, r.value(21).toString(),
                       r.value(22).toLongLong(), dateFromDb(r.value(23)) };
        d.siteName = r.value(24).toString();
        d.sectorName = r.value(25).toString();
        d.schemaName = r.value(26).toString();
        d.createdByName = r.value(27).toString();
        d.editionCount = r.value(28).toInt();
    }
    {
        auto q = exec(db,
                      QStringLiteral("SELECT id, reason, explanation, alternative_url, redirect, created_at "
                                     "FROM unpublishings WHERE edition_id = ?"),
                      { editionId });
        if (!q)
            return q.error();
        auto &r = q.value();
        if (r.next()) {
            d.unpublishing = Unpublishing { r.value(0).toLongLong(), editionId,
                                            fromWire<UnpublishingReason>(r.value(1).toString())
                                                .value_or(UnpublishingReason::PublishedInError),
                                            r.value(2).toString(), r.value(3).toString(), r.value(4).toBool(),
                                            dateFromDb(r.value(5)) };
        }
    }
    {
        auto q = exec(db,
                      QStringLiteral("SELECT id, checked_at, links FROM link_check_reports WHERE edition_id = ? "
                                     "ORDER BY checked_at DESC, id DESC LIMIT 1"),
                      { editionId });
        if (!q)
            return q.error();
        auto &r = q.value();
        if (r.next()) {
            LinkCheckReport report;
            report.id = r.value(0).toLongLong();
            report.editionId = editionId;
            report.checkedAt = dateFromDb(r.value(1));
            const QJsonArray links = QJsonDocument::fromJson(r.value(2).toString().toUtf8()).array();
            for (const auto &v : links) {
                const QJsonObject o = v.toObject();
                report.links.append({ o.value(u"url").toString(),
                                      fromWire<LinkStatus>(o.value(u"status").toString()).value_or(LinkStatus::Ok),
                                      o.value(u"problem").toString() });
            }
            d.linkCheck = report;
        }
    }
    {
        auto q = exec(db,
                      QStringLiteral("SELECT id, account_id, site_id, sector_id, edition_id, destination, status, "
                                     "external_url, error, created_at, updated_at FROM publishing_records "
                                     "WHERE edition_id = ? ORDER BY created_at DESC, id DESC"),
                      { editionId });
        if (!q)
            return q.error();
        auto &r = q.value();
        while (r.next()) {
            PublishingRecord p;
            p.id = r.value(0).toLongLong();
            p.accountId = r.value(1).toLongLong();
            p.siteId = r.value(2).toLongLong();
            p.sectorId = r.value(3).toLongLong();
            p.editionId = r.value(4).toLongLong();
            p.destination = r.value(5).toString();
            p.status = fromWire<PublishingStatus>(r.value(6).toString()).value_or(PublishingStatus::Pending);
            p.externalUrl = r.value(7).toString();
            p.error = r.value(8).toString();
            p.createdAt = dateFromDb(r.value(9));
            p.updatedAt = dateFromDb(r.value(10));
            d.publishing.append(p);
        }
    }
    // The document's timeline: state changes and remarks of all its editions.
    {
        auto q = exec(db,
                      QStringLiteral("SELECT a.id, a.edition_id, a.from_state, a.to_state, a.user_id, u.name, a.at, "
                                     "x.major_version, x.minor_version FROM audit_entries a "
                                     "JOIN editions x ON x.id = a.edition_id LEFT JOIN users u ON u.id = a.user_id "
                                     "WHERE x.document_id = ?"),
                      { d.document.id });
        if (!q)
            return q.error();
        auto &r = q.value();
        while (r.next()) {
            AuditEntry a;
            a.id = r.value(0).toLongLong();
            a.editionId = r.value(1).toLongLong();
            if (!r.value(2).isNull())
                a.fromState = fromWire<EditionState>(r.value(2).toString());
            a.toState = fromWire<EditionState>(r.value(3).toString()).value_or(EditionState::Draft);
            a.userId = r.value(4).toLongLong();
            a.userName = r.value(5).toString();
            a.at = dateFromDb(r.value(6));
            d.history.append({ a.at, a.editionId, { r.value(7).toInt(), r.value(8).toInt() }, a.userName, a });
        }
    }
    {
        auto q = exec(db,
                      QStringLiteral("SELECT m.id, m.edition_id, m.author_id, u.name, m.body, m.created_at, "
                                     "x.major_version, x.minor_version FROM editorial_remarks m "
                                     "JOIN editions x ON x.id = m.edition_id LEFT JOIN users u ON u.id = m.author_id "
                                     "WHERE x.document_id = ?"),
                      { d.document.id });
        if (!q)
            return q.error();
        auto &r = q.value();
        while (r.next()) {
            EditorialRemark m { r.value(0).toLongLong(), r.value(1).toLongLong(), r.value(2).toLongLong(),
                                r.value(3).toString(),   r.value(4).toString(),   dateFromDb(r.value(5)) };
            d.history.append({ m.createdAt, m.editionId, { r.value(6).toInt(), r.value(7).toInt() }, m.authorName, m });
        }
    }
    std::stable_sort(d.history.begin(), d.history.end(),
                     [](const HistoryEntry &a, const HistoryEntry &b) { return a.at > b.at; });
    return d;
}

Result<QList<DeploymentRow>> ReplicaReader::deployments(QSqlDatabase &db, const Scope &scope,
                                                        std::optional<std::pair<qint64, Id>> after, int limit)
{
    QStringList where;
    QVariantList binds;
    if (scope.siteId) {
        where << QStringLiteral("d.site_id = ?");
        binds << scope.siteId;
    } else if (scope.accountId) {
        where << QStringLiteral("d.account_id = ?");
        binds << scope.accountId;
    }
    if (after) {
        where << QStringLiteral("(d.created_at, d.id) < (?, ?)");
        binds << after->first << after->second;
    }
    const QString sql = QStringLiteral(
                            "SELECT d.id, d.account_id, d.site_id, d.version, d.status, d.url, d.metadata, d.log, "
                            "d.started_by, d.created_at, d.finished_at, s.name FROM deployments d "
                            "JOIN sites s ON s.id = d.site_id %1 ORDER BY d.created_at DESC, d.id DESC LIMIT %2")
                            .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(u" AND "))
                            .arg(limit);
    auto q = exec(db, sql, binds);
    if (!q)
        return q.error();
    QList<DeploymentRow> out;
    auto &r = q.value();
    while (r.next()) {
        DeploymentRecord d;
        d.id = r.value(0).toLongLong();
        d.accountId = r.value(1).toLongLong();
        d.siteId = r.value(2).toLongLong();
        d.version = r.value(3).toInt();
        d.status = fromWire<DeploymentStatus>(r.value(4).toString()).value_or(DeploymentStatus::Pending);
        d.url = r.value(5).toString();
        d.metadata = jsonObject(r.value(6));
        d.log = r.value(7).toString();
        d.startedBy = r.value(8).toLongLong();
        d.createdAt = dateFromDb(r.value(9));
        d.finishedAt = dateFromDb(r.value(10));
        out.append({ d, r.value(11).toString() });
    }
    return out;
}

Result<qint64> ReplicaReader::deploymentCount(QSqlDatabase &db, const Scope &scope)
{
    QString sql = QStringLiteral("SELECT count(*) FROM deployments d");
    QVariantList binds;
    if (scope.siteId) {
        sql += QStringLiteral(" WHERE d.site_id = ?");
        binds << scope.siteId;
    } else if (scope.accountId) {
        sql += QStringLiteral(" WHERE d.account_id = ?");
        binds << scope.accountId;
    }
    auto q = exec(db, sql, binds);
    if (!q)
        return q.error();
    if (!q.value().next())
        return qint64(0);
    return q.value().value(0).toLongLong();
}

} // namespace Galley
