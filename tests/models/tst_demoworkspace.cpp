#include "demo/demoworkspace.h"
#include "domain/enums.h"
#include "store/localstore.h"

#include <QCryptographicHash>
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

// A store in its own temporary folder with a generated workspace in it.
struct Generated
{
    QTemporaryDir dir;
    std::unique_ptr<LocalStore> store;
    QSqlDatabase db;
    Status status;

    explicit Generated(const DemoWorkspace::Options &options = {})
    {
        auto opened = LocalStore::open(dir.filePath(u"demo.galley"_s));
        if (!opened) {
            status = opened.error();
            return;
        }
        store = std::move(opened.value());
        db = store->connection();
        status = DemoWorkspace::generate(db, options);
    }
    ~Generated()
    {
        db = QSqlDatabase();
        store.reset();
    }

    QVariant scalar(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(db);
        q.prepare(sql);
        for (qsizetype i = 0; i < binds.size(); ++i)
            q.bindValue(int(i), binds.at(i));
        if (!q.exec() || !q.next()) {
            qWarning("query failed: %s", qPrintable(sql));
            return {};
        }
        return q.value(0);
    }
    qint64 count(const QString &sql, const QVariantList &binds = {}) { return scalar(sql, binds).toLongLong(); }

    // SHA-256 over every row of every ordinary table, in id order.
    QByteArray dump()
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QSqlQuery tables(db);
        tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    "AND name NOT LIKE 'edition_fts%' ORDER BY name"_s);
        while (tables.next()) {
            const QString table = tables.value(0).toString();
            hash.addData(table.toUtf8());
            QSqlQuery rows(db);
            rows.exec(u"SELECT * FROM "_s + table + u" ORDER BY 1, 2"_s);
            while (rows.next()) {
                for (int i = 0; i < rows.record().count(); ++i) {
                    hash.addData(rows.isNull(i) ? QByteArrayView("\x01NULL") : QByteArrayView("\x01"));
                    hash.addData(rows.value(i).toString().toUtf8());
                }
                hash.addData(QByteArrayView("\n"));
            }
        }
        return hash.result();
    }
};

const qint64 kNow = QDateTime(QDate(2026, 11, 20), QTime(9, 0), QTimeZone::UTC).toMSecsSinceEpoch();

} // namespace

// The demo workspace's promises (models/demo/demoworkspace.h, workflow.md), checked on the
// data itself with SQL.
class TestDemoWorkspace : public QObject
{
    Q_OBJECT

    std::unique_ptr<Generated> m_demo;

private Q_SLOTS:
    void init()
    {
        m_demo = std::make_unique<Generated>();
        QVERIFY(m_demo->dir.isValid());
        QVERIFY2(m_demo->status.ok(), m_demo->status.ok() ? "" : qPrintable(m_demo->status.error().message));
    }

    void cleanup() { m_demo.reset(); }

    void tenancyShape()
    {
        Generated &d = *m_demo;
        QCOMPARE(d.count(u"SELECT count(*) FROM accounts"_s), 2);
        const qint64 sites = d.count(u"SELECT count(*) FROM sites"_s);
        QVERIFY2(sites >= 5 && sites <= 7, qPrintable(QString::number(sites)));
        QCOMPARE(d.count(u"SELECT count(*) FROM (SELECT site_id, count(*) AS n FROM sectors GROUP BY site_id "
                         "HAVING n < 2 OR n > 5)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM sites s WHERE NOT EXISTS "
                         "(SELECT 1 FROM sectors WHERE site_id = s.id)"_s),
                 0);
        QVERIFY(d.count(u"SELECT count(*) FROM content_schemas"_s) >= 10);
        QVERIFY(d.count(u"SELECT count(*) FROM content_schemas WHERE dialect = 'draft-07'"_s) > 0);
        QVERIFY(d.count(u"SELECT count(*) FROM content_schemas WHERE dialect = '2020-12'"_s) > 0);
        QCOMPARE(d.count(u"SELECT count(DISTINCT account_id) FROM content_schemas"_s), 2);
        // Every role in every account, and somebody limited to some sites.
        QCOMPARE(d.count(u"SELECT count(*) FROM (SELECT DISTINCT account_id, role FROM users)"_s),
                 2 * qint64(allRoles().size()));
        QVERIFY(d.count(u"SELECT count(*) FROM users WHERE all_sites = 0 AND role = 'writer'"_s) >= 1);
        QCOMPARE(d.count(u"SELECT count(*) FROM users u WHERE all_sites = 0 AND NOT EXISTS "
                         "(SELECT 1 FROM user_sites WHERE user_id = u.id)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM user_sites us JOIN users u ON u.id = us.user_id "
                         "JOIN sites s ON s.id = us.site_id WHERE s.account_id <> u.account_id"_s),
                 0);
        QCOMPARE(d.scalar(u"SELECT kind FROM workspace"_s).toString(), u"demo"_s);
        QCOMPARE(d.scalar(u"SELECT name FROM workspace"_s).toString(), u"Demo workspace"_s);
        const qint64 documents = d.count(u"SELECT count(*) FROM documents"_s);
        QVERIFY2(documents >= 250 && documents <= 350, qPrintable(QString::number(documents)));
    }

    void schemasAreRealJsonSchemas()
    {
        QSqlQuery q(m_demo->db);
        QVERIFY(q.exec(u"SELECT name, dialect, spec_doc FROM content_schemas"_s));
        int rich = 0;
        while (q.next()) {
            const QString name = q.value(0).toString();
            const QJsonObject spec = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
            const auto dialect = fromWire<SchemaDialect>(q.value(1).toString());
            QVERIFY2(dialect.has_value(), qPrintable(name));
            QCOMPARE(spec.value(u"$schema").toString(), schemaUri(*dialect));
            QCOMPARE(spec.value(u"type").toString(), u"object"_s);
            QVERIFY2(!spec.value(u"title").toString().isEmpty(), qPrintable(name));
            QVERIFY2(!spec.value(u"description").toString().isEmpty(), qPrintable(name));
            QVERIFY2(!spec.value(u"required").toArray().isEmpty(), qPrintable(name));
            const QJsonObject props = spec.value(u"properties").toObject();
            for (const QJsonValue &req : spec.value(u"required").toArray())
                QVERIFY2(props.contains(req.toString()), qPrintable(name + u": " + req.toString()));
            for (const QJsonValue &p : props) {
                if (p.toObject().value(u"contentMediaType").toString() == u"text/html")
                    ++rich;
            }
        }
        QVERIFY(rich >= 8);
    }

    void everyEditionStateOccurs_data()
    {
        QTest::addColumn<QString>("state");
        for (EditionState s : allEditionStates())
            QTest::newRow(qPrintable(toWire(s))) << toWire(s);
    }

    void everyEditionStateOccurs()
    {
        QFETCH(QString, state);
        QVERIFY(m_demo->count(u"SELECT count(*) FROM editions WHERE state = ?"_s, { state }) > 0);
    }

    void everyPublishingStatusOccurs_data()
    {
        QTest::addColumn<QString>("status");
        for (PublishingStatus s : allPublishingStatuses())
            QTest::newRow(qPrintable(toWire(s))) << toWire(s);
    }

    void everyPublishingStatusOccurs()
    {
        QFETCH(QString, status);
        QVERIFY(m_demo->count(u"SELECT count(*) FROM publishing_records WHERE status = ?"_s, { status }) > 0);
    }

    void everyDeploymentStatusOccurs_data()
    {
        QTest::addColumn<QString>("status");
        for (DeploymentStatus s : allDeploymentStatuses())
            QTest::newRow(qPrintable(toWire(s))) << toWire(s);
    }

    void everyDeploymentStatusOccurs()
    {
        QFETCH(QString, status);
        QVERIFY(m_demo->count(u"SELECT count(*) FROM deployments WHERE status = ?"_s, { status }) > 0);
    }

    void everyUnpublishingReasonOccurs_data()
    {
        QTest::addColumn<QString>("reason");
        for (UnpublishingReason r : allUnpublishingReasons())
            QTest::newRow(qPrintable(toWire(r))) << toWire(r);
    }

    void everyUnpublishingReasonOccurs()
    {
        QFETCH(QString, reason);
        QVERIFY(m_demo->count(u"SELECT count(*) FROM unpublishings WHERE reason = ?"_s, { reason }) > 0);
    }

    void everyLinkStatusOccurs_data()
    {
        QTest::addColumn<QString>("status");
        for (LinkStatus s : allLinkStatuses())
            QTest::newRow(qPrintable(toWire(s))) << toWire(s);
    }

    void everyLinkStatusOccurs()
    {
        QFETCH(QString, status);
        QVERIFY(m_demo->count(u"SELECT count(*) FROM link_check_reports r, json_each(r.links) l "
                              "WHERE json_extract(l.value, '$.status') = ?"_s,
                              { status })
                > 0);
    }

    void tenancyIsConsistent()
    {
        Generated &d = *m_demo;
        QCOMPARE(d.count(u"SELECT count(*) FROM documents d JOIN sectors s ON s.id = d.sector_id "
                         "WHERE s.site_id <> d.site_id"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM documents d JOIN sites s ON s.id = d.site_id "
                         "WHERE s.account_id <> d.account_id"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM documents d JOIN content_schemas c ON c.id = d.schema_id "
                         "WHERE c.account_id <> d.account_id"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM editions e JOIN documents d ON d.id = e.document_id "
                         "WHERE e.site_id <> d.site_id OR e.sector_id <> d.sector_id OR e.schema_id <> d.schema_id "
                         "OR e.account_id <> d.account_id"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM editions e JOIN content_schemas c ON c.id = e.schema_id "
                         "JOIN sectors s ON s.id = e.sector_id "
                         "WHERE e.schema_name <> c.name OR e.sector_name <> s.name"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM publishing_records p JOIN editions e ON e.id = p.edition_id "
                         "WHERE p.site_id <> e.site_id OR p.account_id <> e.account_id"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM deployments d JOIN sites s ON s.id = d.site_id "
                         "WHERE s.account_id <> d.account_id"_s),
                 0);
        // Users act only in their own account, and limited users only on their sites.
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries a JOIN editions e ON e.id = a.edition_id "
                         "JOIN users u ON u.id = a.user_id WHERE u.account_id <> e.account_id"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM documents d JOIN users u ON u.id = d.created_by "
                         "WHERE u.all_sites = 0 AND NOT EXISTS "
                         "(SELECT 1 FROM user_sites WHERE user_id = u.id AND site_id = d.site_id)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM documents WHERE slug = '' OR slug GLOB '*[^a-z0-9-]*'"_s), 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM (SELECT site_id, slug FROM documents GROUP BY site_id, slug "
                         "HAVING count(*) > 1)"_s),
                 0);
    }

    void workflowInvariants()
    {
        Generated &d = *m_demo;
        QCOMPARE(d.count(u"SELECT count(*) FROM (SELECT document_id FROM editions "
                         "WHERE state IN ('draft','submitted','rejected') GROUP BY document_id HAVING count(*) > 1)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM (SELECT document_id FROM editions WHERE state = 'published' "
                         "GROUP BY document_id HAVING count(*) > 1)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM (SELECT document_id FROM editions "
                         "WHERE state IN ('published','withdrawn') GROUP BY document_id HAVING count(*) > 1)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM editions WHERE state IN ('published','withdrawn','superseded') "
                         "AND major_version < 1"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM editions WHERE state IN ('draft','submitted','rejected','scheduled') "
                         "AND (major_version <> 0 OR minor_version <> 0)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM editions WHERE state IN ('published','withdrawn','superseded', "
                         "'unpublished') AND (first_published_at IS NULL OR major_change_published_at IS NULL)"_s),
                 0);
        // Versions grow with publication inside a document.
        QCOMPARE(d.count(u"SELECT count(*) FROM editions a JOIN editions b ON a.document_id = b.document_id "
                         "AND b.id > a.id WHERE a.state IN ('superseded') AND b.state IN ('published','withdrawn') "
                         "AND (b.major_version < a.major_version OR (b.major_version = a.major_version "
                         "AND b.minor_version <= a.minor_version))"_s),
                 0);
        // Change notes after the first edition, unless minor.
        QCOMPARE(d.count(u"SELECT count(*) FROM editions e WHERE state IN ('published','superseded','withdrawn',"
                         "'submitted','scheduled') AND minor_change = 0 AND change_note = '' AND EXISTS "
                         "(SELECT 1 FROM editions p WHERE p.document_id = e.document_id AND p.id < e.id)"_s),
                 0);
        // Scheduled editions are at least five minutes in the future.
        QCOMPARE(d.count(u"SELECT count(*) FROM editions WHERE state = 'scheduled' "
                         "AND (scheduled_publication IS NULL OR scheduled_publication < ?)"_s,
                         { kNow + 5 * 60 * 1000 }),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM editions WHERE state <> 'scheduled' "
                         "AND scheduled_publication IS NOT NULL"_s),
                 0);
        // Nothing happened after "now".
        QCOMPARE(d.count(u"SELECT count(*) FROM editions WHERE updated_at > ? OR created_at > updated_at"_s, { kNow }),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries WHERE at > ?"_s, { kNow }), 0);
        // Unpublishings match their editions and the reasons' rules.
        QCOMPARE(d.count(u"SELECT count(*) FROM editions e WHERE state IN ('withdrawn','unpublished') AND NOT EXISTS "
                         "(SELECT 1 FROM unpublishings u WHERE u.edition_id = e.id)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM unpublishings u JOIN editions e ON e.id = u.edition_id WHERE "
                         "(u.reason = 'withdrawn') <> (e.state = 'withdrawn')"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM unpublishings WHERE reason = 'withdrawn' AND explanation = ''"_s), 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM unpublishings WHERE (reason = 'consolidated' OR redirect = 1) "
                         "AND alternative_url NOT LIKE 'https://%'"_s),
                 0);
    }

    void publishedFieldsHaveTheirRequiredKeys()
    {
        // Drafts may be incomplete; anything submitted or beyond is complete.
        QCOMPARE(m_demo->count(u"SELECT count(*) FROM editions e JOIN content_schemas c ON c.id = e.schema_id "
                               "JOIN edition_content f ON f.edition_id = e.id, "
                               "json_each(c.spec_doc, '$.required') r "
                               "WHERE e.state NOT IN ('draft','deleted') "
                               "AND json_type(f.fields, '$.' || r.value) IS NULL"_s),
                 0);
        QVERIFY(m_demo->count(u"SELECT count(*) FROM editions e JOIN content_schemas c ON c.id = e.schema_id "
                              "JOIN edition_content f ON f.edition_id = e.id, "
                              "json_each(c.spec_doc, '$.required') r "
                              "WHERE json_type(f.fields, '$.' || r.value) IS NULL"_s)
                > 0);
    }

    void auditTrail()
    {
        Generated &d = *m_demo;
        // Exactly one creation entry per edition, first in its trail.
        QCOMPARE(d.count(u"SELECT count(*) FROM editions e WHERE (SELECT count(*) FROM audit_entries a "
                         "WHERE a.edition_id = e.id AND a.from_state IS NULL AND a.to_state = 'draft') <> 1"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries a WHERE a.from_state IS NULL AND EXISTS "
                         "(SELECT 1 FROM audit_entries b WHERE b.edition_id = a.edition_id AND b.at < a.at)"_s),
                 0);
        // Times ascend with the entries' ids.
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries a JOIN audit_entries b ON a.edition_id = b.edition_id "
                         "AND b.id > a.id WHERE b.at < a.at"_s),
                 0);
        // Each entry starts where the previous one ended, and the last one is the edition's state.
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries a WHERE a.from_state IS NOT NULL AND a.from_state <> "
                         "(SELECT b.to_state FROM audit_entries b WHERE b.edition_id = a.edition_id AND b.id < a.id "
                         "ORDER BY b.id DESC LIMIT 1)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM editions e WHERE e.state <> (SELECT a.to_state FROM audit_entries a "
                         "WHERE a.edition_id = e.id ORDER BY a.id DESC LIMIT 1)"_s),
                 0);
        // Four eyes: nobody publishes or schedules what they submitted, unless forced.
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries p JOIN editions e ON e.id = p.edition_id "
                         "WHERE p.to_state IN ('published','scheduled') AND p.from_state = 'submitted' "
                         "AND e.force_published = 0 AND p.user_id = (SELECT s.user_id FROM audit_entries s "
                         "WHERE s.edition_id = p.edition_id AND s.to_state = 'submitted' AND s.id < p.id "
                         "ORDER BY s.id DESC LIMIT 1)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries p JOIN editions e ON e.id = p.edition_id "
                         "WHERE p.to_state IN ('published','scheduled') AND p.from_state = 'draft' "
                         "AND e.force_published = 0"_s),
                 0);
        // Roles: publishing and rejecting is for editors and above, withdrawing for managing editors and admins.
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries a JOIN users u ON u.id = a.user_id "
                         "WHERE a.to_state IN ('published','rejected','scheduled') "
                         "AND u.role NOT IN ('editor','managing_editor','admin')"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries a JOIN users u ON u.id = a.user_id "
                         "WHERE a.to_state IN ('withdrawn','unpublished') AND u.role NOT IN ('managing_editor','admin')"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries a JOIN users u ON u.id = a.user_id "
                         "WHERE u.role = 'viewer'"_s),
                 0);
        // Rejections come with a remark saying why.
        QCOMPARE(d.count(u"SELECT count(*) FROM audit_entries a WHERE a.to_state = 'rejected' AND NOT EXISTS "
                         "(SELECT 1 FROM editorial_remarks r WHERE r.edition_id = a.edition_id "
                         "AND r.author_id = a.user_id AND r.created_at >= a.at)"_s),
                 0);
    }

    void forcePublishedEditionsExplainWhy()
    {
        Generated &d = *m_demo;
        QVERIFY(d.count(u"SELECT count(*) FROM editions WHERE force_published = 1 AND state <> 'scheduled'"_s) > 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM editions e WHERE force_published = 1 AND state <> 'scheduled' "
                         "AND NOT EXISTS (SELECT 1 FROM editorial_remarks r WHERE r.edition_id = e.id "
                         "AND r.body LIKE 'Force published: _%')"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM editorial_remarks r JOIN editions e ON e.id = r.edition_id "
                         "WHERE r.body LIKE 'Force published:%' AND e.force_published = 0"_s),
                 0);
    }

    void publishingRecordsFollowPublications()
    {
        Generated &d = *m_demo;
        QCOMPARE(d.count(u"SELECT count(*) FROM editions e WHERE state IN ('published','superseded','withdrawn',"
                         "'unpublished') AND NOT EXISTS (SELECT 1 FROM publishing_records p WHERE p.edition_id = e.id)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM publishing_records p JOIN editions e ON e.id = p.edition_id "
                         "WHERE e.state IN ('draft','submitted','rejected','scheduled','deleted')"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM publishing_records WHERE status = 'failed' AND error = ''"_s), 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM publishing_records WHERE status = 'published' "
                         "AND external_url NOT LIKE 'https://%'"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM publishing_records WHERE updated_at < created_at"_s), 0);
    }

    void deploymentsPerSite()
    {
        Generated &d = *m_demo;
        QCOMPARE(d.count(u"SELECT count(*) FROM sites s WHERE NOT EXISTS "
                         "(SELECT 1 FROM deployments WHERE site_id = s.id)"_s),
                 0);
        // Versions 1..n without gaps, increasing with time.
        QCOMPARE(d.count(u"SELECT count(*) FROM (SELECT site_id, min(version) AS lo, max(version) AS hi, "
                         "count(*) AS n FROM deployments GROUP BY site_id) WHERE lo <> 1 OR hi <> n"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM deployments a JOIN deployments b ON a.site_id = b.site_id "
                         "AND b.version > a.version WHERE b.created_at <= a.created_at"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM deployments WHERE status IN ('pending','deploying') "
                         "AND finished_at IS NOT NULL"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM deployments WHERE status IN ('deployed','failed','rolled_back') "
                         "AND (finished_at IS NULL OR finished_at < created_at)"_s),
                 0);
        QCOMPARE(d.count(u"SELECT count(*) FROM deployments WHERE json_type(metadata, '$.bundle') <> 'text' "
                         "OR json_type(metadata, '$.pages') <> 'integer' OR json_type(metadata, '$.commit') <> 'text' "
                         "OR url NOT LIKE 'https://%' OR instr(log, char(10)) = 0"_s),
                 0);
    }

    void fullTextSearchFindsOrdinaryWords_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("council") << u"council"_s;
        QTest::newRow("harbour") << u"harbour"_s;
        QTest::newRow("revenue") << u"revenue"_s;
        QTest::newRow("festival") << u"festival"_s;
        QTest::newRow("engineer") << u"engineer"_s;
    }

    void fullTextSearchFindsOrdinaryWords()
    {
        QFETCH(QString, word);
        QVERIFY(m_demo->count(u"SELECT count(*) FROM edition_fts WHERE edition_fts MATCH ?"_s, { word }) > 0);
    }

    void sameSeedSameData()
    {
        const QByteArray first = m_demo->dump();
        Generated again;
        QVERIFY(again.status.ok());
        QCOMPARE(again.dump(), first);
        DemoWorkspace::Options other;
        other.seed = 7;
        Generated different(other);
        QVERIFY(different.status.ok());
        QVERIFY(different.dump() != first);
    }

    void nowMovesTheTimeline()
    {
        DemoWorkspace::Options options;
        options.now = QDateTime(QDate(2030, 3, 1), QTime(12, 0), QTimeZone::UTC);
        Generated later(options);
        QVERIFY(later.status.ok());
        const qint64 now = options.now.toMSecsSinceEpoch();
        QCOMPARE(later.count(u"SELECT count(*) FROM editions WHERE updated_at > ?"_s, { now }), 0);
        QVERIFY(later.count(u"SELECT min(created_at) FROM editions"_s) > now - 600LL * 24 * 3600 * 1000);
        QCOMPARE(later.count(u"SELECT count(*) FROM editions WHERE state = 'scheduled' "
                             "AND scheduled_publication < ?"_s,
                             { now + 5 * 60 * 1000 }),
                 0);
        QCOMPARE(later.count(u"SELECT count(*) FROM workspace WHERE created_at = ?"_s, { now }), 1);
    }

    void scaledGeneration()
    {
        DemoWorkspace::Options options;
        options.editions = 5000;
        QList<std::pair<qint64, qint64>> reports;
        options.progress = [&reports](qint64 done, qint64 total) { reports.append({ done, total }); };
        Generated big(options);
        QVERIFY(big.status.ok());
        const qint64 editions = big.count(u"SELECT count(*) FROM editions"_s);
        QVERIFY2(editions >= 4750 && editions <= 5250, qPrintable(QString::number(editions)));
        QVERIFY(!reports.isEmpty());
        for (qsizetype i = 1; i < reports.size(); ++i)
            QVERIFY(reports.at(i).first >= reports.at(i - 1).first);
        QCOMPARE(reports.constLast().first, editions);
        QCOMPARE(reports.constLast().second, std::max<qint64>(5000, editions));
        // The same kinds of history as the hand-sized demo.
        for (EditionState s : allEditionStates())
            QVERIFY2(big.count(u"SELECT count(*) FROM editions WHERE state = ?"_s, { toWire(s) }) > 0,
                     qPrintable(toWire(s)));
        QCOMPARE(big.count(u"SELECT count(*) FROM (SELECT document_id FROM editions "
                           "WHERE state IN ('draft','submitted','rejected') GROUP BY document_id HAVING count(*) > 1)"_s),
                 0);
        QCOMPARE(big.count(u"SELECT count(*) FROM pragma_foreign_key_check()"_s), 0);
        QVERIFY(big.count(u"SELECT count(*) FROM sqlite_stat1"_s) > 0);   // ANALYZE ran
    }

    void leavesIndexAndConnectionAsFound()
    {
        // Bulk-load settings of the full-text index are back at FTS5's defaults.
        QCOMPARE(m_demo->count(u"SELECT v FROM edition_fts_config WHERE k = 'automerge'"_s), 4);
        QCOMPARE(m_demo->count(u"SELECT v FROM edition_fts_config WHERE k = 'crisismerge'"_s), 16);
        // The connection's page cache is what LocalStore configured.
        auto fresh = LocalStore::openConnection(m_demo->store->path(), u"tst-demo-fresh"_s);
        QVERIFY(fresh.ok());
        qint64 expected = 0;
        {
            QSqlQuery q(fresh.value());
            QVERIFY(q.exec(u"PRAGMA cache_size"_s) && q.next());
            expected = q.value(0).toLongLong();
        }
        fresh.value().close();
        fresh = Error {};
        QSqlDatabase::removeDatabase(u"tst-demo-fresh"_s);
        QCOMPARE(m_demo->count(u"PRAGMA cache_size"_s), expected);
        // No transaction left open: another writer gets in at once.
        QSqlQuery begin(m_demo->db);
        QVERIFY(begin.exec(u"BEGIN IMMEDIATE"_s));
        QVERIFY(begin.exec(u"ROLLBACK"_s));
    }

    void refusesNonEmptyDatabase()
    {
        const qint64 before = m_demo->count(u"SELECT count(*) FROM editions"_s);
        const Status st = DemoWorkspace::generate(m_demo->db);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, u"demo_not_empty"_s);
        QCOMPARE(m_demo->count(u"SELECT count(*) FROM editions"_s), before);
    }
};

QTEST_GUILESS_MAIN(TestDemoWorkspace)
#include "tst_demoworkspace.moc"
