#include "demoseeder.h"

#include "api/entities.h"
#include "api/jsonwriter.h"
#include "storage/passwordhasher.h"
#include "storage/serverstore.h"
#include "storage/servertransaction.h"

#include "demo/demoworkspace.h"
#include "store/localstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtConcurrentMap>
#include <QVariant>

#include <ctime>
#include <functional>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSeed, "galley.server.seed")

namespace Galley::Server {

namespace {

Error seedError(const QSqlQuery &q, const QString &what)
{
    return Error { u"storage"_s, what + u": "_s + q.lastError().text() };
}

// Inserts rows many at a time: one multi-row INSERT per batch (a round trip per row would make
// a 100,000-edition seed on PostgreSQL take minutes), the statement for full batches prepared
// once. Batches of ~1,000 values: ten times more per statement made PostgreSQL slower, not faster. JSON columns get the dialect's JSON parameter. Values are bound as they come, so booleans
// must be bools (PostgreSQL refuses 0/1) and JSON text a QString (a QByteArray is a blob).
class RowInserter
{
    Q_DISABLE_COPY_MOVE(RowInserter)
public:
    RowInserter(const QSqlDatabase &db, const SqlDialect &dialect, QString table, const QStringList &columns,
                const QList<int> &jsonColumns = {})
        : m_db(db), m_table(std::move(table)), m_columns(columns.size()),
          m_perStatement(std::max<qsizetype>(1, 999 / columns.size()))   // SQLite's classic variable limit
    {
        QStringList placeholders;
        for (int i = 0; i < columns.size(); ++i)
            placeholders << (jsonColumns.contains(i) ? dialect.jsonParameter() : u"?"_s);
        m_head = u"INSERT INTO %1 (%2) VALUES "_s.arg(m_table, columns.join(u", "_s));
        m_row = u'(' + placeholders.join(u", "_s) + u')';
        m_values.reserve(m_perStatement * m_columns);
    }

    const QString &table() const { return m_table; }
    qint64 rows() const { return m_rows; }

    Status add(const QVariantList &row)
    {
        Q_ASSERT(row.size() == m_columns);
        m_values.append(row);
        if (m_values.size() < m_perStatement * m_columns)
            return {};
        if (!m_full) {
            m_full.emplace(m_db);
            if (!m_full->prepare(statement(m_perStatement)))
                return seedError(*m_full, u"Cannot prepare the insert into "_s + m_table);
        }
        return run(*m_full);
    }

    Status finish()
    {
        if (m_values.isEmpty())
            return {};
        QSqlQuery last(m_db);
        if (!last.prepare(statement(int(m_values.size() / m_columns))))
            return seedError(last, u"Cannot prepare the insert into "_s + m_table);
        return run(last);
    }

private:
    QString statement(qsizetype rows) const
    {
        QString sql = m_head;
        sql.reserve(m_head.size() + rows * (m_row.size() + 2));
        for (qsizetype i = 0; i < rows; ++i) {
            if (i > 0)
                sql += u", "_s;
            sql += m_row;
        }
        return sql;
    }

    Status run(QSqlQuery &q)
    {
        for (qsizetype i = 0; i < m_values.size(); ++i)
            q.bindValue(int(i), m_values.at(i));
        if (!q.exec())
            return seedError(q, u"Cannot insert demo rows into "_s + m_table);
        m_rows += m_values.size() / m_columns;
        m_values.clear();
        return {};
    }

    QSqlDatabase m_db;
    QString m_table;
    qsizetype m_columns;
    qsizetype m_perStatement;
    QString m_head;
    QString m_row;
    QVariantList m_values;
    std::optional<QSqlQuery> m_full;
    qint64 m_rows = 0;
};

// The event that made an audit entry's state change (the replica keeps only the states). A
// superseded edition's entry is "supersede": the effect of another edition's publication.
QString auditEvent(const QString &from, const QString &to, bool forced)
{
    if (from.isEmpty())
        return u"create"_s;
    if (to == "submitted"_L1)
        return from == "scheduled"_L1 ? u"unschedule"_s : u"submit"_s;
    if (to == "rejected"_L1)
        return u"reject"_s;
    if (to == "scheduled"_L1)
        return forced ? u"force_schedule"_s : u"schedule"_s;
    if (to == "published"_L1)
        return from == "scheduled"_L1 ? u"scheduled_publish"_s : forced ? u"force_publish"_s : u"publish"_s;
    if (to == "superseded"_L1)
        return u"supersede"_s;
    if (to == "withdrawn"_L1)
        return u"withdraw"_s;
    if (to == "unpublished"_L1)
        return u"unpublish"_s;
    if (to == "deleted"_L1)
        return u"delete"_s;
    return to;
}

QString slugify(const QString &text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber())
            out += c;
        else if (!out.isEmpty() && !out.endsWith(u'-'))
            out += u'-';
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    return out;
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QVariant nullableId(const QVariant &v)
{
    return v.isNull() ? QVariant(QMetaType::fromType<qint64>()) : QVariant(v.toLongLong());
}

const QVariant kNullId = QVariant(QMetaType::fromType<qint64>());
const QVariant kNullInt = QVariant(QMetaType::fromType<int>());

// A document's latest edition (workflow.md: the newest not deleted; the newest of all when every
// edition is deleted), its live one (the newest publicly visible: published or withdrawn) and
// its last change.
struct DocumentEditions
{
    qint64 latest = 0;
    QString latestState;
    qint64 newest = 0;
    QString newestState;
    qint64 live = 0;
    qint64 updated = 0;
};

struct Destination
{
    qint64 id = 0;
    qint64 siteId = 0;
    QString name;
};

// One seeding run: the replica it reads, the server connection it writes in one transaction, and
// what it learns on the way (which later tables need).
class Seeding
{
public:
    Seeding(QSqlDatabase replica, QSqlDatabase db, const SqlDialect &dialect, DemoSeeder::Outcome &outcome)
        : m_replica(std::move(replica)), m_db(std::move(db)), m_dialect(dialect), m_outcome(outcome)
    {
    }

    Status copyAll();
    Status appendFeed();
    Status advanceSequences();

private:
    // Streams `select` from the replica through `map` into `out`; records the count.
    Status copy(RowInserter &out, const QString &select, const std::function<Status(const QSqlQuery &, RowInserter &)> &map);
    Status copyColumns(RowInserter &out, const QString &select);
    Status summariseEditions();
    Status planDestinations();
    Status feed(const Entity &entity, RowInserter &changes, qint64 now);

    QSqlDatabase m_replica;
    QSqlDatabase m_db;
    const SqlDialect &m_dialect;
    DemoSeeder::Outcome &m_outcome;

    QHash<qint64, DocumentEditions> m_documents;
    QHash<qint64, qint64> m_unpublishedBy;            // edition → who withdrew or unpublished it
    QList<Destination> m_destinations;
    QHash<std::pair<qint64, QString>, qint64> m_destinationIds;   // (site, name) → id
    QMap<qint64, qint64> m_seq;                       // account → last feed seq
};

Status Seeding::copy(RowInserter &out, const QString &select,
                     const std::function<Status(const QSqlQuery &, RowInserter &)> &map)
{
    QSqlQuery in(m_replica);
    in.setForwardOnly(true);
    if (!in.exec(select))
        return seedError(in, u"Cannot read the demo replica"_s);
    while (in.next()) {
        if (Status added = map(in, out); !added)
            return added;
    }
    if (Status done = out.finish(); !done)
        return done;
    m_outcome.tables.append({ out.table(), out.rows() });
    return {};
}

Status Seeding::copyColumns(RowInserter &out, const QString &select)
{
    return copy(out, select, [](const QSqlQuery &q, RowInserter &o) {
        QVariantList values;
        const int n = q.record().count();
        values.reserve(n);
        for (int i = 0; i < n; ++i)
            values.append(q.value(i));
        return o.add(values);
    });
}

Status Seeding::summariseEditions()
{
    QSqlQuery q(m_replica);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, document_id, state, updated_at FROM editions ORDER BY id"_s))
        return seedError(q, u"Cannot read the demo editions"_s);
    while (q.next()) {
        DocumentEditions &d = m_documents[q.value(1).toLongLong()];
        const qint64 id = q.value(0).toLongLong();
        const QString state = q.value(2).toString();
        d.newest = id;
        d.newestState = state;
        if (state != "deleted"_L1) {
            d.latest = id;
            d.latestState = state;
        }
        if (state == "published"_L1 || state == "withdrawn"_L1)
            d.live = id;
        d.updated = std::max(d.updated, q.value(3).toLongLong());
    }
    return {};
}

// The replica's publishing records name their destination; the server's point at a row of
// destinations. Each (site, name) becomes one destination, in the order the records first use
// them; a site without records gets "Static files" (and every other site a "Partner feed").
Status Seeding::planDestinations()
{
    QSqlQuery q(m_replica);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT site_id, destination FROM publishing_records GROUP BY site_id, destination "
                "ORDER BY site_id, MIN(id)"_s))
        return seedError(q, u"Cannot read the demo destinations"_s);
    QMap<qint64, QStringList> named;
    while (q.next())
        named[q.value(0).toLongLong()].append(q.value(1).toString());
    q.finish();
    if (!q.exec(u"SELECT id FROM sites ORDER BY id"_s))
        return seedError(q, u"Cannot read the demo sites"_s);
    while (q.next()) {
        const qint64 site = q.value(0).toLongLong();
        QStringList names = named.value(site);
        if (names.isEmpty()) {
            names << u"Static files"_s;
            if (site % 2 == 1)
                names << u"Partner feed"_s;
        }
        for (const QString &name : std::as_const(names)) {
            const Destination d { qint64(m_destinations.size()) + 1, site, name };
            m_destinationIds.insert({ site, name }, d.id);
            m_destinations.append(d);
        }
    }
    return {};
}

Status Seeding::copyAll()
{
    const SqlDialect &d = m_dialect;
    {
        RowInserter out(m_db, d, u"accounts"_s, { u"id"_s, u"name"_s, u"slug"_s, u"created_at"_s });
        if (Status s = copyColumns(out, u"SELECT id, name, slug, created_at FROM accounts ORDER BY id"_s); !s)
            return s;
        m_outcome.accounts = int(out.rows());
    }
    {
        // Every account denies the host of the demo's dangerous link (kLinks in
        // demoworkspace.cpp: "http://free-prizes.example/claim-now") and one more, so that a link
        // check on demo content finds danger without contacting anything.
        RowInserter out(m_db, d, u"link_deny_hosts"_s, { u"account_id"_s, u"host"_s, u"created_at"_s });
        const Status s = copy(out, u"SELECT id, created_at FROM accounts ORDER BY id"_s, [](const QSqlQuery &q, RowInserter &o) {
            for (const QString &host : { u"free-prizes.example"_s, u"malware-downloads.example"_s }) {
                if (Status added = o.add({ q.value(0), host, q.value(1) }); !added)
                    return added;
            }
            return Status {};
        });
        if (!s)
            return s;
    }
    {
        RowInserter out(m_db, d, u"sites"_s, { u"id"_s, u"account_id"_s, u"name"_s, u"domain"_s, u"created_at"_s });
        if (Status s = copyColumns(out, u"SELECT id, account_id, name, domain, created_at FROM sites ORDER BY id"_s); !s)
            return s;
    }
    {
        // The replica's sectors have no creation time: they take their site's.
        RowInserter out(m_db, d, u"sectors"_s, { u"id"_s, u"account_id"_s, u"site_id"_s, u"name"_s, u"created_at"_s });
        if (Status s = copyColumns(out, u"SELECT s.id, s.account_id, s.site_id, s.name, t.created_at FROM sectors s "
                                        "JOIN sites t ON t.id = s.site_id ORDER BY s.id"_s);
            !s)
            return s;
    }
    {
        // One hash per role: every demo user of a role shares its password, so hash it once, and
        // the roles side by side (a hash is ~0.15 s of one core, most of a small seed's time).
        QStringList roles;
        {
            QSqlQuery q(m_replica);
            if (!q.exec(u"SELECT DISTINCT role FROM users ORDER BY role"_s))
                return seedError(q, u"Cannot read the demo users"_s);
            while (q.next())
                roles << q.value(0).toString();
        }
        const QList<PasswordHash> hashed = QtConcurrent::blockingMapped(
            roles, [](const QString &role) { return PasswordHasher::hash(DemoSeeder::passwordFor(role)); });
        QHash<QString, PasswordHash> hashes;
        for (qsizetype i = 0; i < roles.size(); ++i)
            hashes.insert(roles.at(i), hashed.at(i));
        RowInserter out(m_db, d, u"users"_s,
                        { u"id"_s, u"account_id"_s, u"email"_s, u"name"_s, u"role"_s, u"all_sites"_s, u"password_hash"_s,
                          u"password_salt"_s, u"password_iterations"_s, u"created_at"_s, u"updated_at"_s });
        const Status s = copy(out,
                              u"SELECT u.id, u.account_id, u.email, u.name, u.role, u.all_sites, a.created_at "
                              "FROM users u JOIN accounts a ON a.id = u.account_id ORDER BY u.id"_s,
                              [&hashes](const QSqlQuery &q, RowInserter &o) {
                                  const QString role = q.value(4).toString();
                                  const PasswordHash h = hashes.value(role);
                                  return o.add({ q.value(0), q.value(1), q.value(2), q.value(3), role, q.value(5).toBool(),
                                                 h.hash, h.salt, h.iterations, q.value(6), q.value(6) });
                              });
        if (!s)
            return s;
        m_outcome.users = int(out.rows());
    }
    {
        RowInserter out(m_db, d, u"user_sites"_s, { u"user_id"_s, u"site_id"_s, u"account_id"_s });
        if (Status s = copyColumns(out, u"SELECT us.user_id, us.site_id, u.account_id FROM user_sites us "
                                        "JOIN users u ON u.id = us.user_id ORDER BY us.user_id, us.site_id"_s);
            !s)
            return s;
    }
    {
        // The replica does not say who made a schema: the account's (first) schema designer
        // did, and was the last to change it.
        RowInserter out(m_db, d, u"content_schemas"_s,
                        { u"id"_s, u"account_id"_s, u"name"_s, u"description"_s, u"dialect"_s, u"spec_doc"_s, u"auth_policy"_s,
                          u"lock_version"_s, u"created_by"_s, u"updated_by"_s, u"created_at"_s, u"updated_at"_s, u"spec_text"_s },
                        { 5 });
        const Status s = copy(out,
                              u"SELECT c.id, c.account_id, c.name, c.description, c.dialect, c.spec_doc, c.auth_policy, "
                              "c.lock_version, (SELECT MIN(u.id) FROM users u WHERE u.account_id = c.account_id "
                              "AND u.role = 'schema_designer'), c.created_at, c.updated_at, c.spec_text FROM content_schemas c ORDER BY c.id"_s,
                              [](const QSqlQuery &q, RowInserter &o) {
                                  const QVariant designer = nullableId(q.value(8));
                                  return o.add({ q.value(0), q.value(1), q.value(2), q.value(3), q.value(4), q.value(5),
                                                 q.value(6), q.value(7), designer, designer, q.value(9), q.value(10), q.value(11) });
                              });
        if (!s)
            return s;
        m_outcome.schemas = int(out.rows());
    }

    if (Status s = summariseEditions(); !s)
        return s;
    {
        RowInserter out(m_db, d, u"documents"_s,
                        { u"id"_s, u"account_id"_s, u"site_id"_s, u"sector_id"_s, u"schema_id"_s, u"slug"_s,
                          u"latest_edition_id"_s, u"live_edition_id"_s, u"latest_state"_s, u"created_by"_s, u"created_at"_s,
                          u"updated_at"_s });
        const Status s = copy(out,
                              u"SELECT id, account_id, site_id, sector_id, schema_id, slug, created_by, created_at "
                              "FROM documents ORDER BY id"_s,
                              [this](const QSqlQuery &q, RowInserter &o) {
                                  const DocumentEditions e = m_documents.value(q.value(0).toLongLong());
                                  const qint64 latest = e.latest ? e.latest : e.newest;
                                  const QString state = e.latest ? e.latestState : e.newestState;
                                  const qint64 created = q.value(7).toLongLong();
                                  return o.add({ q.value(0), q.value(1), q.value(2), q.value(3), q.value(4), q.value(5),
                                                 latest ? QVariant(latest) : kNullId, e.live ? QVariant(e.live) : kNullId,
                                                 state.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(state),
                                                 nullableId(q.value(6)), created, std::max(created, e.updated) });
                              });
        if (!s)
            return s;
        m_outcome.documents = out.rows();
        m_documents.clear();
    }
    {
        // The replica writes 0.0 for "no version yet"; the server leaves it NULL.
        RowInserter out(m_db, d, u"editions"_s,
                        { u"id"_s, u"account_id"_s, u"document_id"_s, u"title"_s, u"fields"_s, u"state"_s, u"change_note"_s,
                          u"minor_change"_s, u"force_published"_s, u"major_version"_s, u"minor_version"_s,
                          u"scheduled_publication"_s, u"first_published_at"_s, u"major_change_published_at"_s,
                          u"lock_version"_s, u"created_by"_s, u"updated_by"_s, u"created_at"_s, u"updated_at"_s },
                        { 4 });
        const Status s = copy(out,
                              u"SELECT e.id, e.account_id, e.document_id, e.title, COALESCE(c.fields, '{}'), e.state, "
                              "e.change_note, e.minor_change, e.force_published, e.major_version, e.minor_version, "
                              "e.scheduled_publication, e.first_published_at, e.major_change_published_at, e.lock_version, "
                              "e.created_by, e.created_at, e.updated_at "
                              "FROM editions e LEFT JOIN edition_content c ON c.edition_id = e.id ORDER BY e.id"_s,
                              [](const QSqlQuery &q, RowInserter &o) {
                                  const int major = q.value(9).toInt();
                                  const int minor = q.value(10).toInt();
                                  const bool versioned = major > 0 || minor > 0;
                                  return o.add({ q.value(0), q.value(1), q.value(2), q.value(3), q.value(4).toString(), q.value(5),
                                                 q.value(6), q.value(7).toBool(), q.value(8).toBool(),
                                                 versioned ? QVariant(major) : kNullInt, versioned ? QVariant(minor) : kNullInt,
                                                 nullableId(q.value(11)), nullableId(q.value(12)), nullableId(q.value(13)),
                                                 q.value(14), nullableId(q.value(15)), nullableId(q.value(15)), q.value(16),
                                                 q.value(17) });
                              });
        if (!s)
            return s;
        m_outcome.editions = out.rows();
    }
    {
        RowInserter out(m_db, d, u"audit_entries"_s,
                        { u"id"_s, u"account_id"_s, u"edition_id"_s, u"from_state"_s, u"to_state"_s, u"event"_s, u"user_id"_s,
                          u"created_at"_s });
        const Status s = copy(out,
                              u"SELECT a.id, e.account_id, a.edition_id, a.from_state, a.to_state, a.user_id, a.at, "
                              "e.force_published FROM audit_entries a JOIN editions e ON e.id = a.edition_id ORDER BY a.id"_s,
                              [this](const QSqlQuery &q, RowInserter &o) {
                                  const QString from = q.value(3).toString();
                                  const QString to = q.value(4).toString();
                                  if (to == "withdrawn"_L1 || to == "unpublished"_L1)
                                      m_unpublishedBy.insert(q.value(2).toLongLong(), q.value(5).toLongLong());
                                  return o.add({ q.value(0), q.value(1), q.value(2),
                                                 from.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(from), to,
                                                 auditEvent(from, to, q.value(7).toBool()), nullableId(q.value(5)), q.value(6) });
                              });
        if (!s)
            return s;
    }
    {
        RowInserter out(m_db, d, u"editorial_remarks"_s,
                        { u"id"_s, u"account_id"_s, u"edition_id"_s, u"author_id"_s, u"body"_s, u"created_at"_s });
        const Status s = copy(out,
                              u"SELECT r.id, e.account_id, r.edition_id, r.author_id, r.body, r.created_at "
                              "FROM editorial_remarks r JOIN editions e ON e.id = r.edition_id ORDER BY r.id"_s,
                              [](const QSqlQuery &q, RowInserter &o) {
                                  return o.add({ q.value(0), q.value(1), q.value(2), nullableId(q.value(3)), q.value(4), q.value(5) });
                              });
        if (!s)
            return s;
    }
    {
        // Made by whoever withdrew or unpublished the edition (its audit entry); never edited since.
        RowInserter out(m_db, d, u"unpublishings"_s,
                        { u"id"_s, u"account_id"_s, u"edition_id"_s, u"reason"_s, u"explanation"_s, u"alternative_url"_s,
                          u"redirect"_s, u"created_by"_s, u"created_at"_s, u"updated_at"_s });
        const Status s = copy(out,
                              u"SELECT u.id, e.account_id, u.edition_id, u.reason, u.explanation, u.alternative_url, u.redirect, "
                              "u.created_at FROM unpublishings u JOIN editions e ON e.id = u.edition_id ORDER BY u.id"_s,
                              [this](const QSqlQuery &q, RowInserter &o) {
                                  const auto by = m_unpublishedBy.constFind(q.value(2).toLongLong());
                                  return o.add({ q.value(0), q.value(1), q.value(2), q.value(3), q.value(4), q.value(5),
                                                 q.value(6).toBool(), by == m_unpublishedBy.cend() ? kNullId : QVariant(*by),
                                                 q.value(7), q.value(7) });
                              });
        if (!s)
            return s;
        m_unpublishedBy.clear();
    }
    {
        // The replica keeps finished checks only: completed when checked.
        RowInserter out(m_db, d, u"link_check_reports"_s,
                        { u"id"_s, u"account_id"_s, u"edition_id"_s, u"status"_s, u"links"_s, u"created_at"_s, u"completed_at"_s },
                        { 4 });
        const Status s = copy(out,
                              u"SELECT l.id, e.account_id, l.edition_id, l.links, l.checked_at FROM link_check_reports l "
                              "JOIN editions e ON e.id = l.edition_id ORDER BY l.id"_s,
                              [](const QSqlQuery &q, RowInserter &o) {
                                  return o.add({ q.value(0), q.value(1), q.value(2), u"completed"_s, q.value(3).toString(),
                                                 q.value(4), q.value(4) });
                              });
        if (!s)
            return s;
    }

    if (Status s = planDestinations(); !s)
        return s;
    {
        // "Website" is the site's own pages, written as static files; every other destination
        // is a partner's endpoint the server posts to.
        RowInserter out(m_db, d, u"destinations"_s,
                        { u"id"_s, u"account_id"_s, u"site_id"_s, u"name"_s, u"kind"_s, u"url"_s, u"config"_s, u"enabled"_s,
                          u"created_at"_s },
                        { 6 });
        QHash<qint64, QVariantList> sites;   // id → account, domain, created_at
        QSqlQuery q(m_replica);
        if (!q.exec(u"SELECT id, account_id, domain, created_at FROM sites"_s))
            return seedError(q, u"Cannot read the demo sites"_s);
        while (q.next())
            sites.insert(q.value(0).toLongLong(), { q.value(1), q.value(2), q.value(3) });
        for (const Destination &t : std::as_const(m_destinations)) {
            const QVariantList site = sites.value(t.siteId);
            const QString domain = site.value(1).toString();
            const bool files = t.name == "Website"_L1 || t.name == "Static files"_L1;
            const QString url = files ? u"https://%1/"_s.arg(domain) : u"https://%1.example/hooks/%2"_s.arg(slugify(t.name), domain);
            const QJsonObject config = files ? QJsonObject { { u"path"_s, QString(u"/var/lib/galley/sites/"_s + domain) } }
                                             : QJsonObject { { u"url"_s, url }, { u"format"_s, u"json"_s } };
            if (Status s = out.add({ t.id, site.value(0), t.siteId, t.name, files ? u"directory"_s : u"webhook"_s, url,
                                     compactJson(config), true, site.value(2) });
                !s)
                return s;
        }
        if (Status s = out.finish(); !s)
            return s;
        m_outcome.tables.append({ out.table(), out.rows() });
    }
    {
        // One attempt for every record that started; the replica records a manual retry as a new record.
        RowInserter out(m_db, d, u"publishing_records"_s,
                        { u"id"_s, u"account_id"_s, u"site_id"_s, u"edition_id"_s, u"destination_id"_s, u"status"_s,
                          u"external_url"_s, u"error"_s, u"attempts"_s, u"created_at"_s, u"updated_at"_s });
        const Status s = copy(out,
                              u"SELECT id, account_id, site_id, edition_id, destination, status, external_url, error, "
                              "created_at, updated_at FROM publishing_records ORDER BY id"_s,
                              [this](const QSqlQuery &q, RowInserter &o) {
                                  const QString status = q.value(5).toString();
                                  const qint64 destination = m_destinationIds.value({ q.value(2).toLongLong(), q.value(4).toString() });
                                  return o.add({ q.value(0), q.value(1), q.value(2), q.value(3), destination, status, q.value(6),
                                                 q.value(7), status == "pending"_L1 ? 0 : 1, q.value(8), q.value(9) });
                              });
        if (!s)
            return s;
    }
    {
        // Last changed when it finished, or when it started for those still running.
        RowInserter out(m_db, d, u"deployments"_s,
                        { u"id"_s, u"account_id"_s, u"site_id"_s, u"version"_s, u"status"_s, u"url"_s, u"metadata"_s, u"log"_s,
                          u"started_by"_s, u"created_at"_s, u"updated_at"_s },
                        { 6 });
        const Status s = copy(out,
                              u"SELECT id, account_id, site_id, version, status, url, metadata, log, started_by, created_at, "
                              "COALESCE(finished_at, created_at) FROM deployments ORDER BY id"_s,
                              [](const QSqlQuery &q, RowInserter &o) {
                                  return o.add({ q.value(0), q.value(1), q.value(2), q.value(3), q.value(4), q.value(5),
                                                 q.value(6).toString(), q.value(7), nullableId(q.value(8)), q.value(9), q.value(10) });
                              });
        if (!s)
            return s;
    }
    return {};
}

// Every row of `entity` in id order, as Entity writes it, numbered per account. Pages by id
// alone (the account rides along as an extra column after Entity's own): filtered by account,
// the planner would take an account index and sort the whole account for every page. A page is
// read whole before its entries are written, so that PostgreSQL never has a result open while
// the inserts run on the same connection.
Status Seeding::feed(const Entity &entity, RowInserter &changes, qint64 now)
{
    QStringList columns;
    int idColumn = -1;
    for (const Entity::Field &f : entity.fields()) {
        if (qstrcmp(f.name, "id") == 0)
            idColumn = int(columns.size());
        columns << f.sql;
    }
    Q_ASSERT(idColumn >= 0);
    const int accountColumn = int(columns.size()) + 1;   // after the site, which siteOf() reads
    columns << (entity.siteExpression().isEmpty() ? u"NULL"_s : entity.siteExpression()) << entity.accountColumn();
    constexpr int kPage = 2000;
    const QString sql = u"SELECT %1 FROM %2 WHERE %3.id > ? ORDER BY %3.id LIMIT %4"_s
                            .arg(columns.join(u", "_s), entity.from(), entity.alias())
                            .arg(kPage);
    struct Entry
    {
        qint64 account;
        qint64 id;
        QString json;
        QVariant site;
    };
    QList<Entry> page;
    page.reserve(kPage);
    qint64 after = 0;
    for (;;) {
        page.clear();
        {
            QSqlQuery q(m_db);
            q.setForwardOnly(true);
            q.prepare(sql);
            q.addBindValue(after);
            if (!q.exec())
                return seedError(q, u"Cannot read the seeded %1 rows"_s.arg(entity.name()));
            while (q.next()) {
                JsonWriter out(512);
                entity.write(out, q);
                const std::optional<qint64> site = entity.siteOf(q);
                page.append({ q.value(accountColumn).toLongLong(), q.value(idColumn).toLongLong(),
                              QString::fromUtf8(out.take()), site ? QVariant(*site) : kNullId });
            }
        }
        for (const Entry &e : std::as_const(page)) {
            if (Status s = changes.add({ e.account, ++m_seq[e.account], entity.name(), e.id, u"upsert"_s, e.json, e.site, now });
                !s)
                return s;
        }
        if (page.size() < kPage)
            return {};
        after = page.constLast().id;
    }
}

Status Seeding::appendFeed()
{
    // Written straight into the feed's tables: the seeding transaction holds the database (or,
    // on PostgreSQL, the brand-new accounts nobody else writes to yet), so numbering the entries
    // here and storing the counters once gives the same gap-free, per-account sequence that
    // ChangeFeed::append would, without three statements per object.
    RowInserter changes(m_db, m_dialect, u"changes"_s,
                        { u"account_id"_s, u"seq"_s, u"entity"_s, u"entity_id"_s, u"op"_s, u"data"_s, u"site_id"_s, u"created_at"_s },
                        { 5 });
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Parents before children, so that a client applying the feed in order never meets an
    // object whose parent it has not seen.
    const QList<const Entity *> order { &Entity::site(),         &Entity::sector(),         &Entity::user(),
                                        &Entity::schema(),       &Entity::document(),       &Entity::edition(),
                                        &Entity::auditEntry(),   &Entity::remark(),         &Entity::unpublishing(),
                                        &Entity::linkCheck(),    &Entity::destination(),    &Entity::publishingRecord(),
                                        &Entity::deployment() };
    for (const Entity *entity : order) {
        if (Status s = feed(*entity, changes, now); !s)
            return s;
    }
    if (Status s = changes.finish(); !s)
        return s;
    m_outcome.changes = changes.rows();

    QSqlQuery q(m_db);
    if (!q.prepare(u"INSERT INTO change_sequences (account_id, seq) VALUES (?, ?) "
                   "ON CONFLICT (account_id) DO UPDATE SET seq = excluded.seq"_s))
        return seedError(q, u"Cannot prepare the feed counters"_s);
    for (auto it = m_seq.cbegin(); it != m_seq.cend(); ++it) {
        q.bindValue(0, it.key());
        q.bindValue(1, it.value());
        if (!q.exec())
            return seedError(q, u"Cannot store the feed counter"_s);
    }
    return {};
}

Status Seeding::advanceSequences()
{
    // Explicit ids leave PostgreSQL's identity sequences behind: move them past the seeded rows.
    if (m_dialect.backend() != SqlDialect::Backend::PostgreSql)
        return {};
    for (const QString &table : { u"accounts"_s, u"sites"_s, u"sectors"_s, u"users"_s, u"content_schemas"_s, u"documents"_s,
                                  u"editions"_s, u"audit_entries"_s, u"editorial_remarks"_s, u"unpublishings"_s,
                                  u"link_check_reports"_s, u"destinations"_s, u"publishing_records"_s, u"deployments"_s }) {
        QSqlQuery q(m_db);
        if (!q.exec(u"SELECT setval(pg_get_serial_sequence('%1', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM %1), false)"_s.arg(table)))
            return seedError(q, u"Cannot advance the id sequence of "_s + table);
    }
    return {};
}

// The temporary replica is thrown away after the copy: it needs neither durability nor the
// desktop's list indexes and full-text index, which would cost most of the generation time.
Status prepareReplica(QSqlDatabase &replica)
{
    QSqlQuery q(replica);
    QStringList statements { u"PRAGMA journal_mode = MEMORY"_s, u"PRAGMA synchronous = OFF"_s, u"PRAGMA foreign_keys = OFF"_s };
    if (!q.exec(u"SELECT type, name FROM sqlite_master WHERE (type = 'index' AND sql IS NOT NULL) "
                "OR (type = 'trigger' AND name LIKE '%fts%')"_s))
        return seedError(q, u"Cannot inspect the demo replica"_s);
    while (q.next())
        statements << u"DROP %1 %2"_s.arg(q.value(0).toString().toUpper(), q.value(1).toString());
    q.finish();
    for (const QString &sql : std::as_const(statements)) {
        if (!q.exec(sql))
            return seedError(q, u"Cannot prepare the demo replica"_s);
    }
    return {};
}

} // namespace

QString DemoSeeder::passwordFor(const QString &roleWire)
{
    return u"galley-"_s + roleWire;
}

Result<DemoSeeder::Outcome> DemoSeeder::seed(ServerStore &store, const Options &options)
{
    QElapsedTimer total;
    total.start();
    // Processor time too: on a busy machine the wall clock says little about the seeder.
    const auto cpuMs = [start = std::clock()] { return qint64(std::clock() - start) * 1000 / CLOCKS_PER_SEC; };
    QList<qint64> cpu;
    QSqlDatabase db = store.connection();
    if (!db.isOpen())
        return Error { u"storage"_s, db.lastError().text() };
    {
        QSqlQuery q(db);
        if (!q.exec(u"SELECT COUNT(*) FROM accounts"_s) || !q.next())
            return seedError(q, u"Cannot inspect the database"_s);
        if (q.value(0).toLongLong() > 0)
            return Outcome {};
    }

    Outcome outcome;
    QTemporaryDir dir;
    if (!dir.isValid())
        return Error { u"io"_s, u"No temporary directory for the demo replica."_s };
    auto local = LocalStore::open(dir.filePath(u"demo.galley"_s));
    if (!local)
        return local.error();
    {
        QSqlDatabase replica = local.value()->connection();
        if (const Status prepared = prepareReplica(replica); !prepared)
            return prepared.error();
        DemoWorkspace::Options demo;
        demo.editions = std::max(0, options.editions);
        if (const Status generated = DemoWorkspace::generate(replica, demo); !generated)
            return generated.error();
        outcome.generateMs = total.elapsed();
        cpu << cpuMs();

        const SqlDialect &dialect = store.dialect();
        ServerTransaction tx(db, dialect);
        if (!tx.isActive())
            return tx.error();
        Seeding seeding(replica, db, dialect, outcome);
        if (const Status copied = seeding.copyAll(); !copied)
            return copied.error();
        outcome.copyMs = total.elapsed() - outcome.generateMs;
        cpu << cpuMs();
        if (const Status fed = seeding.appendFeed(); !fed)
            return fed.error();
        if (const Status advanced = seeding.advanceSequences(); !advanced)
            return advanced.error();
        outcome.feedMs = total.elapsed() - outcome.generateMs - outcome.copyMs;
        cpu << cpuMs();
        if (const Status committed = tx.commit(); !committed)
            return committed.error();
    }
    local.value()->closeConnection();

    // Fresh planner statistics for what was just loaded (SQLite samples a bounded number of rows
    // per index, so this stays quick on a large seed).
    {
        QSqlQuery q(db);
        const bool analysed = store.dialect().backend() == SqlDialect::Backend::Sqlite
            ? q.exec(u"PRAGMA analysis_limit = 1000"_s) && q.exec(u"ANALYZE"_s)
            : q.exec(u"ANALYZE"_s);
        if (!analysed)
            qCWarning(lcSeed).noquote() << "cannot update the planner statistics:" << q.lastError().text();
    }
    outcome.seeded = true;
    outcome.totalMs = total.elapsed();
    QStringList counts;
    for (const auto &[table, rows] : std::as_const(outcome.tables))
        counts << u"%1 %2"_s.arg(rows).arg(table);
    cpu << cpuMs();
    qCInfo(lcSeed).noquote() << u"seeded %1, %2 change-feed entries, in %3 ms (generating %4 ms, copying %5 ms, feed %6 ms; "
                                "processor time %7 ms: %8, %9, %10, commit and statistics %11)"_s
                                    .arg(counts.join(u", "_s))
                                    .arg(outcome.changes)
                                    .arg(outcome.totalMs)
                                    .arg(outcome.generateMs)
                                    .arg(outcome.copyMs)
                                    .arg(outcome.feedMs)
                                    .arg(cpu.at(3))
                                    .arg(cpu.at(0))
                                    .arg(cpu.at(1) - cpu.at(0))
                                    .arg(cpu.at(2) - cpu.at(1))
                                    .arg(cpu.at(3) - cpu.at(2));
    return outcome;
}

} // namespace Galley::Server
