#include "store/localstore.h"
#include "store/replicareader.h"
#include "store/replicawriter.h"
#include "store/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

QJsonValue json(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).isArray()
        ? QJsonValue(QJsonDocument::fromJson(text.toString().toUtf8()).array())
        : QJsonValue(QJsonDocument::fromJson(text.toString().toUtf8()).object());
}

} // namespace

// The writer is checked with plain SQL, independently of ReplicaReader.
class TestReplicaWriter : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
    QSqlDatabase m_db;
    std::unique_ptr<ReplicaWriter> m_writer;

    // One row as column → value.
    QVariantMap row(const QString &sql)
    {
        QSqlQuery q(m_db);
        QVariantMap out;
        if (!q.exec(sql) || !q.next())
            return out;
        const QSqlRecord rec = q.record();
        for (int i = 0; i < rec.count(); ++i)
            out.insert(rec.fieldName(i), q.value(i));
        return out;
    }

    qint64 count(const QString &table)
    {
        return row(u"SELECT count(*) AS n FROM "_s + table).value(u"n"_s).toLongLong();
    }

    static QByteArray message(const Status &st) { return st.ok() ? QByteArray() : st.error().message.toUtf8(); }

    // Account 1 with site 1 (sectors 1, 2) and site 2 (sector 3), schemas 1 and 2, user 1, document 1.
    void seedTenancy()
    {
        QVERIFY(m_writer->upsert(Account { 1, u"Northwind Media"_s, u"northwind-media"_s, at(1000) }).ok());
        QVERIFY(m_writer->upsert(Site { 1, 1, u"Northwind Daily"_s, u"daily.northwind.example"_s, at(2000) }).ok());
        QVERIFY(m_writer->upsert(Site { 2, 1, u"Northwind Weekend"_s, u"weekend.northwind.example"_s, at(2000) }).ok());
        QVERIFY(m_writer->upsert(Sector { 1, 1, 1, u"Politics"_s }).ok());
        QVERIFY(m_writer->upsert(Sector { 2, 1, 1, u"Business"_s }).ok());
        QVERIFY(m_writer->upsert(Sector { 3, 1, 2, u"Travel"_s }).ok());
        User u;
        u.id = 1;
        u.accountId = 1;
        u.email = u"editor@northwind.example"_s;
        u.name = u"Sofia Lindqvist"_s;
        u.role = Role::Editor;
        QVERIFY(m_writer->upsert(u).ok());
        for (Id id : { 1, 2 }) {
            ContentSchema s;
            s.id = id;
            s.accountId = 1;
            s.name = id == 1 ? u"Article"_s : u"Opinion column"_s;
            s.dialect = SchemaDialect::Draft7;
            s.specDoc = QJsonObject { { u"type"_s, u"object"_s } };
            s.createdAt = s.updatedAt = at(3000);
            QVERIFY(m_writer->upsert(s).ok());
        }
        Document d;
        d.id = 1;
        d.accountId = 1;
        d.siteId = 1;
        d.sectorId = 1;
        d.schemaId = 1;
        d.slug = u"harbour-festival"_s;
        d.createdBy = 1;
        d.createdAt = at(4000);
        QVERIFY(m_writer->upsert(d).ok());
    }

    Edition edition(Id id = 1)
    {
        Edition e;
        e.id = id;
        e.accountId = 1;
        e.documentId = 1;
        e.siteId = 1;
        e.sectorId = 1;
        e.schemaId = 1;
        e.title = u"Harbour festival returns"_s;
        e.fields = QJsonObject { { u"body"_s, u"<p>The lighthouse keepers gather.</p>"_s },
                                 { u"tags"_s, QJsonArray { u"culture"_s, u"harbour"_s } } };
        e.state = EditionState::Published;
        e.changeNote = u"Added the programme."_s;
        e.minorChange = false;
        e.forcePublished = true;
        e.version = { 2, 1 };
        e.firstPublishedAt = at(5000);
        e.majorChangePublishedAt = at(6000);
        e.lockVersion = 7;
        e.createdBy = 1;
        e.createdAt = at(4000);
        e.updatedAt = at(6000);
        return e;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto store = LocalStore::open(m_dir->filePath(u"replica.galley"_s));
        QVERIFY(store.ok());
        m_store = std::move(store.value());
        m_db = m_store->connection();
        m_writer = std::make_unique<ReplicaWriter>(m_db);
    }

    void cleanup()
    {
        m_writer.reset();
        m_db = QSqlDatabase();
        m_store.reset();
        m_dir.reset();
    }

    void workspace()
    {
        const qint64 created = row(u"SELECT created_at FROM workspace"_s).value(u"created_at"_s).toLongLong();
        QVERIFY(created > 0);
        const Status st = m_writer->setWorkspace({ u"Northwind newsroom"_s, u"server"_s, u"https://cms.example"_s });
        QVERIFY2(st.ok(), message(st));
        QVariantMap w = row(u"SELECT * FROM workspace"_s);
        QCOMPARE(w.value(u"id"_s).toInt(), 1);
        QCOMPARE(w.value(u"name"_s).toString(), u"Northwind newsroom"_s);
        QCOMPARE(w.value(u"kind"_s).toString(), u"server"_s);
        QCOMPARE(w.value(u"server_url"_s).toString(), u"https://cms.example"_s);
        QCOMPARE(w.value(u"created_at"_s).toLongLong(), created);   // set once
        QCOMPARE(count(u"workspace"_s), 1);

        QVERIFY(m_writer->setWorkspace({ u"Demo"_s, u"demo"_s, {} }).ok());
        w = row(u"SELECT * FROM workspace"_s);
        QCOMPARE(w.value(u"name"_s).toString(), u"Demo"_s);
        QCOMPARE(w.value(u"server_url"_s).toString(), QString());
        QCOMPARE(count(u"workspace"_s), 1);

        const Status bad = m_writer->setWorkspace({ u"X"_s, u"cloud"_s, {} });
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, u"replica_write_failed"_s);
        QCOMPARE(row(u"SELECT kind FROM workspace"_s).value(u"kind"_s).toString(), u"demo"_s);
    }

    void tenancyRoundTrip()
    {
        seedTenancy();
        QVariantMap a = row(u"SELECT * FROM accounts WHERE id = 1"_s);
        QCOMPARE(a.value(u"name"_s).toString(), u"Northwind Media"_s);
        QCOMPARE(a.value(u"slug"_s).toString(), u"northwind-media"_s);
        QCOMPARE(a.value(u"created_at"_s).toLongLong(), 1000);
        QVariantMap s = row(u"SELECT * FROM sites WHERE id = 2"_s);
        QCOMPARE(s.value(u"account_id"_s).toLongLong(), 1);
        QCOMPARE(s.value(u"name"_s).toString(), u"Northwind Weekend"_s);
        QCOMPARE(s.value(u"domain"_s).toString(), u"weekend.northwind.example"_s);
        QCOMPARE(s.value(u"created_at"_s).toLongLong(), 2000);
        QVariantMap sec = row(u"SELECT * FROM sectors WHERE id = 3"_s);
        QCOMPARE(sec.value(u"site_id"_s).toLongLong(), 2);
        QCOMPARE(sec.value(u"account_id"_s).toLongLong(), 1);
        QCOMPARE(sec.value(u"name"_s).toString(), u"Travel"_s);
        QVariantMap d = row(u"SELECT * FROM documents WHERE id = 1"_s);
        QCOMPARE(d.value(u"slug"_s).toString(), u"harbour-festival"_s);
        QCOMPARE(d.value(u"sector_id"_s).toLongLong(), 1);
        QCOMPARE(d.value(u"schema_id"_s).toLongLong(), 1);
        QCOMPARE(d.value(u"created_by"_s).toLongLong(), 1);
        QCOMPARE(d.value(u"created_at"_s).toLongLong(), 4000);

        // A document without a known creator stores NULL, not 0.
        Document anonymous { 2, 1, 1, 2, 1, u"anonymous"_s, 0, at(1) };
        QVERIFY(m_writer->upsert(anonymous).ok());
        QVERIFY(row(u"SELECT created_by FROM documents WHERE id = 2"_s).value(u"created_by"_s).isNull());
    }

    void userSiteLimits_data()
    {
        QTest::addColumn<bool>("allSites");
        QTest::addColumn<QList<Id>>("sites");
        QTest::addColumn<QList<Id>>("stored");
        QTest::newRow("all-sites-ignores-list") << true << QList<Id> { 1 } << QList<Id> {};
        QTest::newRow("limited-to-one") << false << QList<Id> { 2 } << QList<Id> { 2 };
        QTest::newRow("limited-to-two") << false << QList<Id> { 2, 1 } << QList<Id> { 1, 2 };
        QTest::newRow("limited-to-none") << false << QList<Id> {} << QList<Id> {};
    }

    void userSiteLimits()
    {
        QFETCH(bool, allSites);
        QFETCH(QList<Id>, sites);
        QFETCH(QList<Id>, stored);
        seedTenancy();
        User u { 7, 1, u"lucas.moreau@northwind.example"_s, u"Lucas Moreau"_s, Role::Writer, false, { 1, 2 } };
        QVERIFY(m_writer->upsert(u).ok());   // first limited to both…
        u.allSites = allSites;
        u.siteIds = sites;
        QVERIFY(m_writer->upsert(u).ok());   // …then replaced as a whole
        QVariantMap r = row(u"SELECT * FROM users WHERE id = 7"_s);
        QCOMPARE(r.value(u"email"_s).toString(), u"lucas.moreau@northwind.example"_s);
        QCOMPARE(r.value(u"role"_s).toString(), u"writer"_s);
        QCOMPARE(r.value(u"all_sites"_s).toInt(), allSites ? 1 : 0);
        QSqlQuery q(m_db);
        QVERIFY(q.exec(u"SELECT site_id FROM user_sites WHERE user_id = 7 ORDER BY site_id"_s));
        QList<Id> actual;
        while (q.next())
            actual << q.value(0).toLongLong();
        QCOMPARE(actual, stored);
    }

    void schemaRoundTrip_data()
    {
        QTest::addColumn<SchemaDialect>("dialect");
        QTest::addColumn<QString>("stored");
        QTest::newRow("draft-07") << SchemaDialect::Draft7 << u"draft-07"_s;
        QTest::newRow("2020-12") << SchemaDialect::Draft2020_12 << u"2020-12"_s;
    }

    void schemaRoundTrip()
    {
        QFETCH(SchemaDialect, dialect);
        QFETCH(QString, stored);
        seedTenancy();
        ContentSchema s;
        s.id = 9;
        s.accountId = 1;
        s.name = u"Event"_s;
        s.description = u"An event listing."_s;
        s.dialect = dialect;
        s.specDoc = QJsonObject { { u"$schema"_s, schemaUri(dialect) },
                                  { u"type"_s, u"object"_s },
                                  { u"required"_s, QJsonArray { u"starts_at"_s } } };
        s.authPolicy = u"editor"_s;
        s.lockVersion = 3;
        s.createdAt = at(100);
        s.updatedAt = at(200);
        QVERIFY(m_writer->upsert(s).ok());
        QVariantMap r = row(u"SELECT * FROM content_schemas WHERE id = 9"_s);
        QCOMPARE(r.value(u"account_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"name"_s).toString(), u"Event"_s);
        QCOMPARE(r.value(u"description"_s).toString(), u"An event listing."_s);
        QCOMPARE(r.value(u"dialect"_s).toString(), stored);
        QCOMPARE(json(r.value(u"spec_doc"_s)).toObject(), s.specDoc);
        QCOMPARE(r.value(u"auth_policy"_s).toString(), u"editor"_s);
        QCOMPARE(r.value(u"lock_version"_s).toInt(), 3);
        QCOMPARE(r.value(u"created_at"_s).toLongLong(), 100);
        QCOMPARE(r.value(u"updated_at"_s).toLongLong(), 200);
    }

    void editionRoundTrip()
    {
        seedTenancy();
        const Edition e = edition();
        QVERIFY2(m_writer->upsert(e).ok(), message(m_writer->upsert(e)));
        QVariantMap r = row(u"SELECT * FROM editions WHERE id = 1"_s);
        QCOMPARE(r.value(u"account_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"document_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"site_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"sector_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"schema_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"schema_name"_s).toString(), u"Article"_s);
        QCOMPARE(r.value(u"sector_name"_s).toString(), u"Politics"_s);
        QCOMPARE(r.value(u"title"_s).toString(), e.title);
        QCOMPARE(json(row(u"SELECT fields FROM edition_content WHERE edition_id = 1"_s).value(u"fields"_s)).toObject(),
                 e.fields);
        QCOMPARE(r.value(u"state"_s).toString(), u"published"_s);
        QCOMPARE(r.value(u"state_rank"_s).toInt(), 4);
        QCOMPARE(r.value(u"change_note"_s).toString(), e.changeNote);
        QCOMPARE(r.value(u"minor_change"_s).toInt(), 0);
        QCOMPARE(r.value(u"force_published"_s).toInt(), 1);
        QCOMPARE(r.value(u"major_version"_s).toInt(), 2);
        QCOMPARE(r.value(u"minor_version"_s).toInt(), 1);
        QVERIFY(r.value(u"scheduled_publication"_s).isNull());
        QCOMPARE(r.value(u"first_published_at"_s).toLongLong(), 5000);
        QCOMPARE(r.value(u"major_change_published_at"_s).toLongLong(), 6000);
        QCOMPARE(r.value(u"lock_version"_s).toInt(), 7);
        QCOMPARE(r.value(u"created_by"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"created_at"_s).toLongLong(), 4000);
        QCOMPARE(r.value(u"updated_at"_s).toLongLong(), 6000);

        // A scheduled draft-ish edition: NULLs where nothing happened yet, a time where it did.
        Edition s = edition(2);
        s.state = EditionState::Scheduled;
        s.version = {};
        s.firstPublishedAt = {};
        s.majorChangePublishedAt = {};
        s.scheduledPublication = at(9000);
        s.createdBy = 0;
        QVERIFY(m_writer->upsert(s).ok());
        r = row(u"SELECT * FROM editions WHERE id = 2"_s);
        QCOMPARE(r.value(u"scheduled_publication"_s).toLongLong(), 9000);
        QVERIFY(r.value(u"first_published_at"_s).isNull());
        QVERIFY(r.value(u"major_change_published_at"_s).isNull());
        QVERIFY(r.value(u"created_by"_s).isNull());
        QCOMPARE(r.value(u"major_version"_s).toInt(), 0);
    }

    void historyRoundTrip()
    {
        seedTenancy();
        QVERIFY(m_writer->upsert(edition()).ok());

        QVERIFY(m_writer->upsert(Unpublishing { 1, 1, UnpublishingReason::Consolidated, u"Merged"_s,
                                                u"https://daily.northwind.example/politics/other"_s, true, at(7000) })
                    .ok());
        QVariantMap u = row(u"SELECT * FROM unpublishings WHERE id = 1"_s);
        QCOMPARE(u.value(u"edition_id"_s).toLongLong(), 1);
        QCOMPARE(u.value(u"reason"_s).toString(), u"consolidated"_s);
        QCOMPARE(u.value(u"explanation"_s).toString(), u"Merged"_s);
        QCOMPARE(u.value(u"alternative_url"_s).toString(), u"https://daily.northwind.example/politics/other"_s);
        QCOMPARE(u.value(u"redirect"_s).toInt(), 1);
        QCOMPARE(u.value(u"created_at"_s).toLongLong(), 7000);

        QVERIFY(m_writer->upsert(EditorialRemark { 1, 1, 1, u"ignored"_s, u"Force published: breaking news"_s, at(6000) })
                    .ok());
        QVariantMap rem = row(u"SELECT * FROM editorial_remarks WHERE id = 1"_s);
        QCOMPARE(rem.value(u"author_id"_s).toLongLong(), 1);
        QCOMPARE(rem.value(u"body"_s).toString(), u"Force published: breaking news"_s);
        QCOMPARE(rem.value(u"created_at"_s).toLongLong(), 6000);

        QVERIFY(m_writer->upsert(AuditEntry { 1, 1, std::nullopt, EditionState::Draft, 1, {}, at(4000) }).ok());
        QVERIFY(m_writer->upsert(AuditEntry { 2, 1, EditionState::Draft, EditionState::Published, 1, {}, at(6000) }).ok());
        QVERIFY(m_writer->upsert(AuditEntry { 3, 1, EditionState::Published, EditionState::Superseded, 0, {}, at(8000) })
                    .ok());
        QVariantMap a1 = row(u"SELECT * FROM audit_entries WHERE id = 1"_s);
        QVERIFY(a1.value(u"from_state"_s).isNull());
        QCOMPARE(a1.value(u"to_state"_s).toString(), u"draft"_s);
        QCOMPARE(a1.value(u"user_id"_s).toLongLong(), 1);
        QCOMPARE(a1.value(u"at"_s).toLongLong(), 4000);
        QVariantMap a2 = row(u"SELECT * FROM audit_entries WHERE id = 2"_s);
        QCOMPARE(a2.value(u"from_state"_s).toString(), u"draft"_s);
        QCOMPARE(a2.value(u"to_state"_s).toString(), u"published"_s);
        QVERIFY(row(u"SELECT user_id FROM audit_entries WHERE id = 3"_s).value(u"user_id"_s).isNull());

        LinkCheckReport report;
        report.id = 1;
        report.editionId = 1;
        report.checkedAt = at(5500);
        report.links = { { u"https://ok.example"_s, LinkStatus::Ok, {} },
                         { u"http://spam.example"_s, LinkStatus::Danger, u"Listed as phishing"_s } };
        QVERIFY(m_writer->upsert(report).ok());
        QVariantMap l = row(u"SELECT * FROM link_check_reports WHERE id = 1"_s);
        QCOMPARE(l.value(u"checked_at"_s).toLongLong(), 5500);
        const QJsonArray expected {
            QJsonObject { { u"url"_s, u"https://ok.example"_s }, { u"status"_s, u"ok"_s }, { u"problem"_s, u""_s } },
            QJsonObject { { u"url"_s, u"http://spam.example"_s },
                          { u"status"_s, u"danger"_s },
                          { u"problem"_s, u"Listed as phishing"_s } },
        };
        QCOMPARE(json(l.value(u"links"_s)).toArray(), expected);
    }

    void publishingRoundTrip()
    {
        seedTenancy();
        QVERIFY(m_writer->upsert(edition()).ok());
        PublishingRecord p { 1, 1, 1, 1, 1, u"Apple News"_s, PublishingStatus::Failed, {}, u"HTTP 503"_s,
                             at(6000), at(6100) };
        QVERIFY(m_writer->upsert(p).ok());
        QVariantMap r = row(u"SELECT * FROM publishing_records WHERE id = 1"_s);
        QCOMPARE(r.value(u"account_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"site_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"sector_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"edition_id"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"destination"_s).toString(), u"Apple News"_s);
        QCOMPARE(r.value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(r.value(u"error"_s).toString(), u"HTTP 503"_s);
        QCOMPARE(r.value(u"created_at"_s).toLongLong(), 6000);
        QCOMPARE(r.value(u"updated_at"_s).toLongLong(), 6100);
        p.id = 2;
        p.sectorId = 0;
        p.status = PublishingStatus::Published;
        p.externalUrl = u"https://news.example/a"_s;
        QVERIFY(m_writer->upsert(p).ok());
        r = row(u"SELECT * FROM publishing_records WHERE id = 2"_s);
        QVERIFY(r.value(u"sector_id"_s).isNull());
        QCOMPARE(r.value(u"external_url"_s).toString(), u"https://news.example/a"_s);

        DeploymentRecord d;
        d.id = 1;
        d.accountId = 1;
        d.siteId = 1;
        d.version = 12;
        d.status = DeploymentStatus::RolledBack;
        d.url = u"https://daily.northwind.example/_bundles/v12/"_s;
        d.metadata = QJsonObject { { u"bundle"_s, u"daily-v12-abc1234"_s }, { u"pages"_s, 1234 } };
        d.log = u"09:00:01 started\n09:00:40 deployed"_s;
        d.startedBy = 1;
        d.createdAt = at(10000);
        QVERIFY(m_writer->upsert(d).ok());
        r = row(u"SELECT * FROM deployments WHERE id = 1"_s);
        QCOMPARE(r.value(u"version"_s).toInt(), 12);
        QCOMPARE(r.value(u"status"_s).toString(), u"rolled_back"_s);
        QCOMPARE(r.value(u"url"_s).toString(), d.url);
        QCOMPARE(json(r.value(u"metadata"_s)).toObject(), d.metadata);
        QCOMPARE(r.value(u"log"_s).toString(), d.log);
        QCOMPARE(r.value(u"started_by"_s).toLongLong(), 1);
        QCOMPARE(r.value(u"created_at"_s).toLongLong(), 10000);
        QVERIFY(r.value(u"finished_at"_s).isNull());
    }

    void upsertTwiceUpdatesInPlace()
    {
        seedTenancy();
        QVERIFY(m_writer->upsert(Account { 1, u"Northwind"_s, u"northwind"_s, at(1) }).ok());
        QCOMPARE(count(u"accounts"_s), 1);
        QCOMPARE(row(u"SELECT name FROM accounts"_s).value(u"name"_s).toString(), u"Northwind"_s);

        Edition e = edition();
        QVERIFY(m_writer->upsert(e).ok());
        e.title = u"Ferry timetable changes"_s;
        e.fields = QJsonObject { { u"body"_s, u"Winter sailings"_s } };
        e.sectorId = 2;      // moved to Business…
        e.schemaId = 2;      // …as an opinion column
        e.state = EditionState::Superseded;
        e.lockVersion = 8;
        QVERIFY(m_writer->upsert(e).ok());
        QCOMPARE(count(u"editions"_s), 1);
        QVariantMap r = row(u"SELECT * FROM editions WHERE id = 1"_s);
        QCOMPARE(r.value(u"title"_s).toString(), e.title);
        QCOMPARE(r.value(u"state"_s).toString(), u"superseded"_s);
        QCOMPARE(r.value(u"lock_version"_s).toInt(), 8);
        QCOMPARE(r.value(u"sector_name"_s).toString(), u"Business"_s);
        QCOMPARE(r.value(u"schema_name"_s).toString(), u"Opinion column"_s);
        // The full-text index follows the update.
        auto fts = [this](const QString &word) {
            return row(u"SELECT count(*) AS n FROM edition_fts WHERE edition_fts MATCH '"_s + word + u"'"_s)
                .value(u"n"_s)
                .toInt();
        };
        QCOMPARE(fts(u"lighthouse"_s), 0);
        QCOMPARE(fts(u"sailings"_s), 1);
        QCOMPARE(fts(u"ferry"_s), 1);
    }

    void invalidIdIsRefused()
    {
        const Status st = m_writer->upsert(Account { 0, u"Nobody"_s, u"nobody"_s, at(1) });
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, u"invalid_id"_s);
        QCOMPARE(count(u"accounts"_s), 0);
    }

    void constraintViolationIsAnError()
    {
        seedTenancy();
        // A sector of site 2 for a document of site 1.
        const Status st = m_writer->upsert(Document { 5, 1, 1, 3, 1, u"wrong"_s, 1, at(1) });
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, u"replica_write_failed"_s);
        QVERIFY(!st.error().message.isEmpty());
        // The writer keeps working after a failed statement.
        QVERIFY(m_writer->upsert(Document { 5, 1, 1, 2, 1, u"right"_s, 1, at(1) }).ok());
    }

    void writesInsideTransactionRollBack()
    {
        {
            Transaction tx(m_db);
            QVERIFY(tx.isActive());
            seedTenancy();
            QVERIFY(m_writer->upsert(edition()).ok());
            QCOMPARE(count(u"editions"_s), 1);
        }
        QCOMPARE(count(u"editions"_s), 0);
        QCOMPARE(count(u"accounts"_s), 0);
        QCOMPARE(row(u"SELECT count(*) AS n FROM edition_fts WHERE edition_fts MATCH 'lighthouse'"_s)
                     .value(u"n"_s)
                     .toInt(),
                 0);
    }

    void removeKnownTables()
    {
        seedTenancy();
        QVERIFY(m_writer->upsert(edition()).ok());
        QVERIFY(m_writer->upsert(AuditEntry { 1, 1, std::nullopt, EditionState::Draft, 1, {}, at(4000) }).ok());
        QVERIFY(m_writer->remove(u"audit_entries"_s, 99).ok());   // an unknown id is not an error
        QCOMPARE(count(u"audit_entries"_s), 1);
        QVERIFY(m_writer->remove(u"documents"_s, 1).ok());
        QCOMPARE(count(u"documents"_s), 0);
        QCOMPARE(count(u"editions"_s), 0);        // cascaded
        QCOMPARE(count(u"audit_entries"_s), 0);   // cascaded
        // Removing a schema still in use is refused by the database.
        QVERIFY(m_writer->upsert(Document { 2, 1, 1, 1, 2, u"again"_s, 1, at(1) }).ok());
        const Status inUse = m_writer->remove(u"content_schemas"_s, 2);
        QVERIFY(!inUse.ok());
        QCOMPARE(inUse.error().code, u"replica_remove_failed"_s);
        QCOMPARE(count(u"content_schemas"_s), 2);
        QVERIFY(m_writer->remove(u"content_schemas"_s, 1).ok());
        QCOMPARE(count(u"content_schemas"_s), 1);
    }

    void removeRefusesUnknownTables_data()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("empty") << QString();
        QTest::newRow("client-only-outbox") << u"outbox"_s;
        QTest::newRow("client-only-settings") << u"settings"_s;
        QTest::newRow("workspace") << u"workspace"_s;
        QTest::newRow("sqlite-master") << u"sqlite_master"_s;
        QTest::newRow("full-text-index") << u"edition_fts"_s;
        QTest::newRow("wrong-case") << u"Accounts"_s;
        QTest::newRow("padded") << u" accounts"_s;
        QTest::newRow("injection") << u"accounts WHERE 1 = 1; DROP TABLE accounts; --"_s;
        QTest::newRow("singular-entity-name") << u"account"_s;
    }

    void removeRefusesUnknownTables()
    {
        QFETCH(QString, table);
        seedTenancy();
        const Status st = m_writer->remove(table, 1);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, u"unknown_table"_s);
        QCOMPARE(count(u"accounts"_s), 1);
        QCOMPARE(count(u"settings"_s), 0);
        QCOMPARE(count(u"workspace"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestReplicaWriter)
#include "tst_replicawriter.moc"
