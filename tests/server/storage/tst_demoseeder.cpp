// DemoSeeder on SQLite and PostgreSQL: everything the desktop's demo generator makes arrives in
// the server store with its ids, documents know their latest and live editions, the workflow's
// invariants hold, and the change feed carries one entry per seeded object, exactly as Entity
// writes it, so that a client syncing from seq 0 receives the whole workspace. One fresh database
// per backend is seeded once (DemoSeeder::seed directly) and read by every check.
#include "demoseeder.h"

#include "api/entities.h"
#include "common/serverdatabase.h"
#include "storage/serverstore.h"

#include "demo/demoworkspace.h"
#include "domain/enums.h"
#include "store/localstore.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Server;
using namespace Galley::Testing;

namespace {

// The tables both schemas share, with the same rows expected on each side.
const QStringList kSharedTables { u"accounts"_s,          u"sites"_s,          u"sectors"_s,
                                  u"users"_s,             u"user_sites"_s,     u"content_schemas"_s,
                                  u"documents"_s,         u"editions"_s,       u"audit_entries"_s,
                                  u"editorial_remarks"_s, u"unpublishings"_s,  u"link_check_reports"_s,
                                  u"publishing_records"_s, u"deployments"_s };

// Server table of each feed entity, in the order the seeder appends them.
const QList<std::pair<QString, QString>> kFeedOrder {
    { u"site"_s, u"sites"_s },
    { u"sector"_s, u"sectors"_s },
    { u"user"_s, u"users"_s },
    { u"schema"_s, u"content_schemas"_s },
    { u"document"_s, u"documents"_s },
    { u"edition"_s, u"editions"_s },
    { u"audit_entry"_s, u"audit_entries"_s },
    { u"remark"_s, u"editorial_remarks"_s },
    { u"unpublishing"_s, u"unpublishings"_s },
    { u"link_check"_s, u"link_check_reports"_s },
    { u"destination"_s, u"destinations"_s },
    { u"publishing_record"_s, u"publishing_records"_s },
    { u"deployment"_s, u"deployments"_s },
};

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return -1;
    }
    return q.value(0).toLongLong();
}

QSet<QString> distinct(const QSqlDatabase &db, const QString &sql)
{
    QSet<QString> values;
    QSqlQuery q(db);
    if (!q.exec(sql))
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    while (q.next())
        values.insert(q.value(0).toString());
    return values;
}

template<typename E>
QSet<QString> wireNames(std::span<const E> values)
{
    QSet<QString> names;
    for (const E v : values)
        names.insert(toWire(v));
    return names;
}

} // namespace

class TestDemoSeeder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_seeded.clear(); }
    void seedsTheWholeWorkspace_data() { ServerDatabase::addBackendRows(); }
    void seedsTheWholeWorkspace();
    void documentsKnowTheirEditions_data() { ServerDatabase::addBackendRows(); }
    void documentsKnowTheirEditions();
    void feedCarriesEveryObject_data() { ServerDatabase::addBackendRows(); }
    void feedCarriesEveryObject();
    void seedingTwiceDoesNothing_data() { ServerDatabase::addBackendRows(); }
    void seedingTwiceDoesNothing();

private:
    // One fresh database per backend, seeded on first use and shared by the checks (they only
    // read); null when it could not be seeded (the reason is logged).
    struct Seeded
    {
        std::unique_ptr<ServerDatabase> database;
        std::unique_ptr<ServerStore> store;
        DemoSeeder::Outcome outcome;
    };
    ServerStore *seeded(const QString &backend, DemoSeeder::Outcome *outcome = nullptr);

    QHash<QString, std::shared_ptr<Seeded>> m_seeded;
    QTemporaryDir m_dir;
    QHash<QString, qint64> m_replicaRows;   // what the generator writes, per table
    qint64 m_replicaDestinations = 0;       // distinct (site, destination name) of its publishing records
};

void TestDemoSeeder::initTestCase()
{
    // The same generator with the same (default) options writes the same rows as the seeder's.
    QVERIFY(m_dir.isValid());
    auto local = LocalStore::open(m_dir.filePath(u"replica.galley"_s));
    QVERIFY2(local, qPrintable(local ? QString() : local.error().message));
    QSqlDatabase replica = local.value()->connection();
    const Status generated = DemoWorkspace::generate(replica);
    QVERIFY2(generated, qPrintable(generated ? QString() : generated.error().message));
    for (const QString &table : kSharedTables)
        m_replicaRows.insert(table, scalar(replica, u"SELECT COUNT(*) FROM "_s + table));
    m_replicaDestinations = scalar(replica, u"SELECT COUNT(*) FROM (SELECT DISTINCT site_id, destination FROM publishing_records) x"_s);
    QVERIFY(m_replicaRows.value(u"editions"_s) > 0);
    replica = {};
    local.value()->closeConnection();
}

ServerStore *TestDemoSeeder::seeded(const QString &backend, DemoSeeder::Outcome *outcome)
{
    std::shared_ptr<Seeded> &s = m_seeded[backend];
    if (!s) {
        s = std::make_shared<Seeded>();
        s->database = std::make_unique<ServerDatabase>();
        if (!s->database->create(backend)) {
            qWarning("%s", qPrintable(s->database->error()));
            return nullptr;
        }
        auto store = ServerStore::open(s->database->url());
        if (!store) {
            qWarning("%s", qPrintable(store.error().message));
            return nullptr;
        }
        s->store = std::move(store).value();
        const auto result = DemoSeeder::seed(*s->store);
        if (!result || !result->seeded) {
            qWarning("seeding failed: %s", qPrintable(result ? u"nothing seeded"_s : result.error().message));
            s->store.reset();
            return nullptr;
        }
        s->outcome = result.value();
    }
    if (outcome)
        *outcome = s->outcome;
    return s->store.get();
}

void TestDemoSeeder::seedsTheWholeWorkspace()
{
    QFETCH(QString, backend);
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable())
        QSKIP(ServerDatabase::skipReason());
    DemoSeeder::Outcome outcome;
    ServerStore *const store = seeded(backend, &outcome);
    QVERIFY(store);
    QSqlDatabase db = store->connection();

    // Row for row, what the replica has.
    QHash<QString, qint64> reported;
    for (const auto &[table, rows] : std::as_const(outcome.tables))
        reported.insert(table, rows);
    for (const QString &table : kSharedTables) {
        const qint64 expected = m_replicaRows.value(table);
        QVERIFY2(expected > 0, qPrintable(table));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM "_s + table), expected);
        QCOMPARE(reported.value(table), expected);
    }
    QCOMPARE(outcome.documents, m_replicaRows.value(u"documents"_s));
    QCOMPARE(outcome.editions, m_replicaRows.value(u"editions"_s));

    // Destinations: one per name the site's publishing records use, at least one per site,
    // and every record points at one of its own site's.
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM destinations"_s), m_replicaDestinations);
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM sites WHERE id NOT IN (SELECT site_id FROM destinations)"_s), 0);
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM publishing_records p JOIN destinations t ON t.id = p.destination_id "
                        "WHERE t.site_id <> p.site_id OR t.account_id <> p.account_id"_s),
             0);
    QCOMPARE(distinct(db, u"SELECT DISTINCT kind FROM destinations"_s), (QSet<QString> { u"directory"_s, u"webhook"_s }));

    // Every state, status and reason the workflow knows is there to look at.
    QCOMPARE(distinct(db, u"SELECT DISTINCT state FROM editions"_s), wireNames(allEditionStates()));
    QCOMPARE(distinct(db, u"SELECT DISTINCT status FROM publishing_records"_s), wireNames(allPublishingStatuses()));
    QCOMPARE(distinct(db, u"SELECT DISTINCT status FROM deployments"_s), wireNames(allDeploymentStatuses()));
    QCOMPARE(distinct(db, u"SELECT DISTINCT reason FROM unpublishings"_s), wireNames(allUnpublishingReasons()));

    // Audit entries name the event that made each change.
    const QSet<QString> events = distinct(db, u"SELECT DISTINCT event FROM audit_entries"_s);
    for (const QString &event : { u"create"_s, u"submit"_s, u"reject"_s, u"publish"_s, u"force_publish"_s, u"schedule"_s,
                                  u"supersede"_s, u"withdraw"_s, u"unpublish"_s, u"delete"_s })
        QVERIFY2(events.contains(event), qPrintable(event));
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM audit_entries WHERE from_state IS NULL AND event <> 'create'"_s), 0);
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM audit_entries a JOIN editions e ON e.id = a.edition_id "
                        "WHERE a.account_id <> e.account_id"_s),
             0);

    // Whoever withdrew or unpublished an edition made its unpublishing.
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM unpublishings u WHERE u.created_by IS NULL OR u.created_by NOT IN "
                        "(SELECT a.user_id FROM audit_entries a WHERE a.edition_id = u.edition_id "
                        "AND a.to_state IN ('withdrawn', 'unpublished'))"_s),
             0);

    // Who changed it last: an edition's creator; a schema's creator and last editor, the
    // account's schema designer.
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM editions WHERE COALESCE(updated_by, -1) <> COALESCE(created_by, -1)"_s), 0);
    QVERIFY(scalar(db, u"SELECT COUNT(*) FROM editions WHERE updated_by IS NOT NULL"_s) > 0);
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM content_schemas c WHERE c.updated_by IS NULL OR c.created_by IS NULL "
                        "OR c.updated_by <> c.created_by OR NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.updated_by "
                        "AND u.account_id = c.account_id AND u.role = 'schema_designer')"_s),
             0);

    // Versions: every edition that was ever public has one; drafts never do.
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM editions WHERE state IN ('published', 'superseded', 'withdrawn') "
                        "AND major_version IS NULL"_s),
             0);
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM editions WHERE state = 'draft' AND major_version IS NOT NULL"_s), 0);

    // PostgreSQL hands out the next ids past the seeded ones.
    if (store->dialect().backend() == SqlDialect::Backend::PostgreSql) {
        for (const auto &[entity, table] : kFeedOrder) {
            Q_UNUSED(entity);
            QVERIFY2(scalar(db, u"SELECT nextval(pg_get_serial_sequence('%1', 'id')) > (SELECT MAX(id) FROM %1)"_s.arg(table)) == 1,
                     qPrintable(table));
        }
    }
}

void TestDemoSeeder::documentsKnowTheirEditions()
{
    QFETCH(QString, backend);
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable())
        QSKIP(ServerDatabase::skipReason());
    ServerStore *const store = seeded(backend);
    QVERIFY(store);
    QSqlDatabase db = store->connection();

    // workflow.md: latest = the newest edition not deleted (the newest of all when all are),
    // live = the newest publicly visible one; latest_state is the latest edition's state.
    QSqlQuery q(db);
    QVERIFY(q.exec(u"SELECT d.id, d.latest_edition_id, d.latest_state, d.live_edition_id, d.updated_at, "
                   "(SELECT MAX(id) FROM editions e WHERE e.document_id = d.id AND e.state <> 'deleted'), "
                   "(SELECT MAX(id) FROM editions e WHERE e.document_id = d.id), "
                   "(SELECT MAX(id) FROM editions e WHERE e.document_id = d.id AND e.state IN ('published', 'withdrawn')), "
                   "(SELECT state FROM editions e WHERE e.id = d.latest_edition_id), "
                   "(SELECT MAX(updated_at) FROM editions e WHERE e.document_id = d.id) "
                   "FROM documents d ORDER BY d.id"_s));
    int documents = 0, withLive = 0, allDeleted = 0;
    while (q.next()) {
        ++documents;
        const QString which = u"document %1"_s.arg(q.value(0).toLongLong());
        const qint64 newestNotDeleted = q.value(5).toLongLong();
        const qint64 expectedLatest = newestNotDeleted ? newestNotDeleted : q.value(6).toLongLong();
        allDeleted += newestNotDeleted ? 0 : 1;
        QVERIFY2(expectedLatest > 0, qPrintable(which));
        QVERIFY2(q.value(1).toLongLong() == expectedLatest, qPrintable(which));
        QVERIFY2(q.value(2).toString() == q.value(8).toString(), qPrintable(which));
        QVERIFY2(q.value(3).isNull() == q.value(7).isNull(), qPrintable(which));
        QVERIFY2(q.value(3).toLongLong() == q.value(7).toLongLong(), qPrintable(which));
        QVERIFY2(q.value(4).toLongLong() >= q.value(9).toLongLong(), qPrintable(which));
        withLive += q.value(3).isNull() ? 0 : 1;
    }
    QCOMPARE(documents, m_replicaRows.value(u"documents"_s));
    QVERIFY(withLive > 0 && withLive < documents);
    QVERIFY(allDeleted > 0);   // documents whose only edition is a deleted draft exist in the demo
    q.finish();

    // At most one open and one published edition per document (workflow.md).
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM (SELECT document_id FROM editions WHERE state IN ('draft', 'submitted', 'rejected') "
                        "GROUP BY document_id HAVING COUNT(*) > 1) x"_s),
             0);
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM (SELECT document_id FROM editions WHERE state = 'published' "
                        "GROUP BY document_id HAVING COUNT(*) > 1) x"_s),
             0);
}

void TestDemoSeeder::feedCarriesEveryObject()
{
    QFETCH(QString, backend);
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable())
        QSKIP(ServerDatabase::skipReason());
    DemoSeeder::Outcome outcome;
    ServerStore *const store = seeded(backend, &outcome);
    QVERIFY(store);
    QSqlDatabase db = store->connection();

    // One entry per seeded object, per entity.
    qint64 objects = 0;
    QHash<QString, int> rank;
    for (const auto &[entity, table] : kFeedOrder) {
        rank.insert(entity, int(rank.size()));
        const qint64 rows = scalar(db, u"SELECT COUNT(*) FROM "_s + table);
        QVERIFY2(rows > 0, qPrintable(table));
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM changes WHERE entity = '%1' AND op = 'upsert'"_s.arg(entity)), rows);
        QCOMPARE(scalar(db, u"SELECT COUNT(DISTINCT entity_id) FROM changes WHERE entity = '%1'"_s.arg(entity)), rows);
        objects += rows;
    }
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM changes"_s), objects);
    QCOMPARE(outcome.changes, objects);

    // Per account: numbered 1…n without gaps, the counter at n.
    QSqlQuery q(db);
    QVERIFY(q.exec(u"SELECT c.account_id, COUNT(*), MIN(c.seq), MAX(c.seq), s.seq FROM changes c "
                   "JOIN change_sequences s ON s.account_id = c.account_id GROUP BY c.account_id, s.seq"_s));
    int accounts = 0;
    while (q.next()) {
        ++accounts;
        QCOMPARE(q.value(2).toLongLong(), 1);
        QCOMPARE(q.value(3).toLongLong(), q.value(1).toLongLong());
        QCOMPARE(q.value(4).toLongLong(), q.value(1).toLongLong());
    }
    QCOMPARE(accounts, m_replicaRows.value(u"accounts"_s));

    // Every entry is the object's JSON and site exactly as Entity gives them, parents first.
    QVERIFY(q.exec(u"SELECT account_id, seq, entity, entity_id, data, site_id FROM changes ORDER BY account_id, seq"_s));
    struct Entry
    {
        qint64 account, seq;
        QString entity;
        qint64 id;
        QByteArray data;
        QVariant site;
    };
    QList<Entry> entries;
    while (q.next())
        entries.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toLongLong(),
                         q.value(4).toString().toUtf8(), q.value(5) });
    q.finish();
    int previousRank = -1;
    qint64 previousAccount = -1;
    for (const Entry &e : std::as_const(entries)) {
        const QString which = u"seq %1 of account %2 (%3 %4)"_s.arg(e.seq).arg(e.account).arg(e.entity).arg(e.id);
        const Entity *entity = Entity::byName(e.entity);
        QVERIFY2(entity, qPrintable(which));
        if (e.account != previousAccount)
            previousRank = -1;
        QVERIFY2(rank.value(e.entity) >= previousRank, qPrintable(which + u": out of order"_s));
        previousRank = rank.value(e.entity);
        previousAccount = e.account;
        const auto loaded = entity->load(db, e.account, e.id);
        QVERIFY2(loaded, qPrintable(which + u": not in its account"_s));
        // PostgreSQL stores the entry as jsonb (its own spacing): compare as JSON.
        QJsonParseError error;
        const QJsonDocument fed = QJsonDocument::fromJson(e.data, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(which + u": "_s + error.errorString()));
        if (fed != QJsonDocument::fromJson(loaded->json))
            QFAIL(qPrintable(which + u"\n  fed:    "_s + QString::fromUtf8(e.data) + u"\n  Entity: "_s + QString::fromUtf8(loaded->json)));
        QVERIFY2(e.site.isNull() == !loaded->siteId.has_value(), qPrintable(which));
        if (loaded->siteId)
            QVERIFY2(e.site.toLongLong() == *loaded->siteId, qPrintable(which));
    }
    // The byte-for-byte check where the database keeps the text: SQLite.
    if (store->dialect().backend() == SqlDialect::Backend::Sqlite) {
        const Entry &edition = *std::find_if(entries.cbegin(), entries.cend(), [](const Entry &e) { return e.entity == "edition"_L1; });
        QCOMPARE(edition.data, Entity::edition().load(db, edition.account, edition.id)->json);
    }
}

void TestDemoSeeder::seedingTwiceDoesNothing()
{
    QFETCH(QString, backend);
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable())
        QSKIP(ServerDatabase::skipReason());
    ServerStore *const store = seeded(backend);
    QVERIFY(store);
    QSqlDatabase db = store->connection();
    const qint64 changes = scalar(db, u"SELECT COUNT(*) FROM changes"_s);
    const auto again = DemoSeeder::seed(*store);
    QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
    QVERIFY(!again->seeded);
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM editions"_s), m_replicaRows.value(u"editions"_s));
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM changes"_s), changes);
}

QTEST_GUILESS_MAIN(TestDemoSeeder)
#include "tst_demoseeder.moc"
