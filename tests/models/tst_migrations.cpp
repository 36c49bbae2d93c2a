#include "store/localstore.h"
#include "store/migrations.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

// A connection of its own (Galley's pragmas, foreign keys on) to a file in the test's folder.
class Db
{
    Q_DISABLE_COPY_MOVE(Db)
public:
    Db(const QString &path, const QString &name) : m_name(name)
    {
        auto opened = LocalStore::openConnection(path, name);
        if (opened)
            db = opened.value();
    }
    ~Db()
    {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }

    bool exec(const QString &sql, QString *error = nullptr)
    {
        QSqlQuery q(db);
        const bool ok = q.exec(sql);
        if (!ok && error)
            *error = q.lastError().text();
        return ok;
    }

    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

    // Every schema object, as "type name sql".
    QStringList schema()
    {
        QStringList out;
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"));
        while (q.next())
            out << q.value(0).toString() + u' ' + q.value(1).toString() + u' ' + q.value(2).toString();
        return out;
    }

    bool hasObject(const QString &name)
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = ?"));
        q.addBindValue(name);
        return q.exec() && q.next() && q.value(0).toInt() == 1;
    }

    // The ordinary tables (not SQLite's own, not the full-text index's shadow tables) and their columns.
    QMap<QString, QStringList> tables()
    {
        QMap<QString, QStringList> out;
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                              "AND name NOT LIKE 'edition_fts%' ORDER BY name"));
        while (q.next()) {
            const QString table = q.value(0).toString();
            QSqlQuery cols(db);
            cols.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table));
            QStringList names;
            while (cols.next())
                names << cols.value(1).toString();
            out.insert(table, names);
        }
        return out;
    }

    // Every row of table, restricted to columns, in a stable order.
    QStringList rows(const QString &table, const QStringList &columns)
    {
        QStringList out;
        QSqlQuery q(db);
        const QString list = columns.join(u", ");
        if (!q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %1").arg(list, table)))
            return { u"error: " + q.lastError().text() };
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < columns.size(); ++i)
                values << (q.isNull(i) ? QStringLiteral("NULL") : q.value(i).toString());
            out << values.join(u'|');
        }
        return out;
    }

    QSqlDatabase db;

private:
    QString m_name;
};

// The objects a migration step creates, in statement order, as (type, name, statement index).
struct Created
{
    QString type;
    QString name;
    int statement;
};

QList<Created> createdObjects(const Migration &m)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*CREATE\s+(?:UNIQUE\s+)?(?:VIRTUAL\s+)?(TABLE|INDEX|TRIGGER|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+))"),
        QRegularExpression::CaseInsensitiveOption);
    QList<Created> out;
    for (int i = 0; i < m.statements.size(); ++i) {
        const auto match = re.match(m.statements.at(i));
        if (match.hasMatch())
            out.append({ match.captured(1).toUpper(), match.captured(2), i });
    }
    return out;
}

// Representative rows for a database at each schema version. A version without its own
// fixture uses the newest earlier one, so a new migration is tested against the data of
// the version before it as soon as it is added to Migrations::all().
QStringList fixtureFor(int version)
{
    const QStringList v1 = {
        QStringLiteral("INSERT INTO accounts VALUES (1, 'Northwind Media', 'northwind-media', 1700000000000)"),
        QStringLiteral("INSERT INTO sites VALUES (1, 1, 'Northwind Daily', 'daily.northwind.example', 1700000000000)"),
        QStringLiteral("INSERT INTO sectors VALUES (1, 1, 1, 'Politics')"),
        QStringLiteral("INSERT INTO users VALUES (1, 1, 'editor@northwind.example', 'Sofia Lindqvist', 'editor', 0)"),
        QStringLiteral("INSERT INTO user_sites VALUES (1, 1)"),
        QStringLiteral("INSERT INTO content_schemas (id, account_id, name, dialect, spec_doc, created_at, updated_at) "
                       "VALUES (1, 1, 'Article', '2020-12', '{\"type\":\"object\"}', 1700000000000, 1700000000000)"),
        QStringLiteral("INSERT INTO documents VALUES (1, 1, 1, 1, 1, 'harbour-festival', 1, 1700000000000)"),
        QStringLiteral("INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, title, fields, "
                       "state, major_version, minor_version, first_published_at, created_by, created_at, updated_at) "
                       "VALUES (1, 1, 1, 1, 1, 1, 'Harbour festival returns', "
                       "'{\"body\":\"<p>The lighthouse keepers gather again.</p>\"}', 'published', 1, 0, "
                       "1700000100000, 1, 1700000000000, 1700000100000)"),
        QStringLiteral("INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, title, fields, "
                       "state, created_at, updated_at) VALUES (2, 1, 1, 1, 1, 1, 'Harbour festival returns', "
                       "'{\"body\":\"<p>Draft</p>\"}', 'draft', 1700000200000, 1700000200000)"),
        QStringLiteral("INSERT INTO unpublishings VALUES (1, 1, 'archived', 'Out of date', '', 0, 1700000300000)"),
        QStringLiteral("INSERT INTO editorial_remarks VALUES (1, 1, 1, 'Looks good', 1700000100000)"),
        QStringLiteral("INSERT INTO audit_entries VALUES (1, 1, NULL, 'draft', 1, 1700000000000)"),
        QStringLiteral("INSERT INTO audit_entries VALUES (2, 1, 'draft', 'published', 1, 1700000100000)"),
        QStringLiteral("INSERT INTO link_check_reports VALUES (1, 1, 1700000100000, "
                       "'[{\"url\":\"https://example.org\",\"status\":\"ok\",\"problem\":\"\"}]')"),
        QStringLiteral("INSERT INTO publishing_records VALUES (1, 1, 1, 1, 1, 'Website', 'published', "
                       "'https://daily.northwind.example/politics/harbour-festival', '', 1700000100000, 1700000100000)"),
        QStringLiteral("INSERT INTO deployments VALUES (1, 1, 1, 1, 'deployed', 'https://daily.northwind.example/', "
                       "'{\"pages\":1}', 'Deployed', 1, 1700000100000, 1700000200000)"),
        QStringLiteral("INSERT INTO outbox (account_id, idempotency_key, method, path, entity, created_at) "
                       "VALUES (1, 'key-1', 'POST', '/api/v1/documents', 'document', 1700000000000)"),
        QStringLiteral("INSERT INTO sync_state VALUES (1, 'cursor-42', 1700000000000)"),
        QStringLiteral("INSERT INTO conflicts VALUES (1, 1, 'edition', 1, '{}', '{}', '{}', 1700000000000)"),
        QStringLiteral("INSERT INTO settings VALUES ('theme', 'dark')"),
    };
    const QStringList v2 = v1
        + QStringList { QStringLiteral("UPDATE workspace SET name = 'Newsroom', kind = 'server', "
                                       "server_url = 'https://cms.northwind.example', user_id = 1 WHERE id = 1") };
    // Version 3 keeps an edition's fields in edition_content.
    QStringList v3;
    for (const QString &sql : v2) {
        if (!sql.startsWith(u"INSERT INTO editions"))
            v3 << sql;
    }
    v3 << QStringLiteral("INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, title, "
                         "state, major_version, minor_version, first_published_at, created_by, created_at, updated_at) "
                         "VALUES (1, 1, 1, 1, 1, 1, 'Harbour festival returns', 'published', 1, 0, "
                         "1700000100000, 1, 1700000000000, 1700000100000)")
       << QStringLiteral("INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, title, "
                         "state, created_at, updated_at) VALUES (2, 1, 1, 1, 1, 1, 'Harbour festival returns', "
                         "'draft', 1700000200000, 1700000200000)")
       << QStringLiteral("INSERT INTO edition_content VALUES (1, '{\"body\":\"<p>The lighthouse keepers gather again.</p>\"}')")
       << QStringLiteral("INSERT INTO edition_content VALUES (2, '{\"body\":\"<p>Draft</p>\"}')");
    // Rows that refer to editions must follow them.
    QStringList ordered;
    for (const QString &sql : v3) {
        if (!sql.contains(u"INTO unpublishings") && !sql.contains(u"INTO editorial_remarks") && !sql.contains(u"INTO audit_entries")
            && !sql.contains(u"INTO link_check_reports") && !sql.contains(u"INTO publishing_records"))
            ordered << sql;
    }
    for (const QString &sql : v3) {
        if (!ordered.contains(sql))
            ordered << sql;
    }
    // Version 4: the sync client's outbox (ordered per chain, with the copy a change was made
    // against), conflicts tied to their item, one sync_state row, server copies and the id map.
    QStringList v4;
    for (const QString &sql : ordered) {
        if (!sql.contains(u"INTO outbox") && !sql.contains(u"INTO sync_state") && !sql.contains(u"INTO conflicts"))
            v4 << sql;
    }
    v4 << QStringLiteral("INSERT INTO outbox (account_id, idempotency_key, method, path, body, entity, entity_id, order_key, "
                         "action, base_lock_version, base, site_id, summary, created_at) VALUES (1, 'key-1', 'PUT', "
                         "'/editions/2', '{\"title\":\"Harbour festival is back\"}', 'edition', 2, 'document:1', 'update', 1, "
                         "'{\"title\":\"Harbour festival returns\"}', 1, 'Edit', 1700000300000)")
       << QStringLiteral("UPDATE sync_state SET account_id = 1, user_id = 1, cursor = 42 WHERE id = 1")
       << QStringLiteral("INSERT INTO conflicts (outbox_id, entity, entity_id, base, mine, theirs, created_at) "
                         "VALUES (1, 'edition', 2, '{}', '{}', '{}', 1700000300000)")
       << QStringLiteral("INSERT INTO server_copies VALUES ('edition', 2, '{\"title\":\"On the server\"}')")
       << QStringLiteral("INSERT INTO id_map VALUES ('document', -1, 1)");
    if (version >= 4)
        return v4;
    if (version >= 3)
        return ordered;
    return version >= 2 ? v2 : v1;
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_connections = 0;

    QString path() const { return m_dir->filePath(QStringLiteral("store.galley")); }
    QString connectionName() { return QStringLiteral("tst-migrations-%1").arg(++m_connections); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup() { m_dir.reset(); }

    void versionsAreConsecutive()
    {
        int expected = 1;
        for (const Migration &m : Migrations::all()) {
            QCOMPARE(m.version, expected++);
            QVERIFY(!m.statements.isEmpty());
            QVERIFY(m.description && *m.description);
        }
        QCOMPARE(Migrations::latestVersion(), expected - 1);
    }

    void freshStoreReachesLatest()
    {
        {
            auto store = LocalStore::open(path());
            QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
            QCOMPARE(Migrations::versionOf(store.value()->connection()), Migrations::latestVersion());
        }
        // Every object of every step exists, unless a later step dropped it.
        Db db(path(), connectionName());
        static const QRegularExpression dropped(QStringLiteral(R"(^\s*DROP\s+(?:TABLE|INDEX|TRIGGER|VIEW)\s+(\w+))"),
                                                QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression renamed(QStringLiteral(R"(^\s*ALTER\s+TABLE\s+(\w+)\s+RENAME\s+TO)"),
                                                QRegularExpression::CaseInsensitiveOption);
        QSet<QString> present;
        for (const Migration &m : Migrations::all()) {
            for (const QString &sql : m.statements) {
                if (const auto c = createdObjects(Migration { m.version, m.description, { sql } }); !c.isEmpty())
                    present.insert(c.constFirst().name);
                if (const auto d = dropped.match(sql); d.hasMatch())
                    present.remove(d.captured(1));
                if (const auto r = renamed.match(sql); r.hasMatch())
                    present.remove(r.captured(1));
            }
        }
        QVERIFY(!present.contains(u"editions_one_open"_s));
        for (const QString &name : std::as_const(present))
            QVERIFY2(db.hasObject(name), qPrintable(name));
        // Opening again is a no-op.
        const QStringList before = db.schema();
        QVERIFY(Migrations::upgrade(db.db).ok());
        QCOMPARE(db.schema(), before);
    }

    void upgradeKeepsData_data()
    {
        QTest::addColumn<int>("version");
        for (const Migration &m : Migrations::all()) {
            if (m.version >= 2)
                QTest::addRow("v%d-to-v%d", m.version - 1, m.version) << m.version;
        }
    }

    void upgradeKeepsData()
    {
        QFETCH(int, version);
        Db db(path(), connectionName());
        QVERIFY(db.db.isOpen());
        QVERIFY(Migrations::upgrade(db.db, version - 1).ok());
        QCOMPARE(Migrations::versionOf(db.db), version - 1);

        for (const QString &sql : fixtureFor(version - 1)) {
            QString error;
            QVERIFY2(db.exec(sql, &error), qPrintable(sql + u": " + error));
        }
        const QMap<QString, QStringList> tablesBefore = db.tables();
        QMap<QString, QStringList> rowsBefore;
        qsizetype total = 0;
        for (auto it = tablesBefore.cbegin(); it != tablesBefore.cend(); ++it) {
            rowsBefore.insert(it.key(), db.rows(it.key(), it.value()));
            total += rowsBefore.value(it.key()).size();
        }
        QVERIFY(total >= 20);
        const bool hadFts = db.hasObject(QStringLiteral("edition_fts"));

        const Status st = Migrations::upgrade(db.db, version);
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
        QCOMPARE(Migrations::versionOf(db.db), version);

        // The rows survived, column for column (a column the step moved elsewhere is checked below).
        const QMap<QString, QStringList> tablesAfter = db.tables();
        for (auto it = tablesBefore.cbegin(); it != tablesBefore.cend(); ++it) {
            QStringList kept;
            for (const QString &c : it.value()) {
                if (tablesAfter.value(it.key()).contains(c))
                    kept << c;
            }
            QStringList expected;
            if (kept == it.value()) {
                expected = rowsBefore.value(it.key());
            } else {
                const auto &all = rowsBefore.value(it.key());
                for (const QString &row : all) {
                    const QStringList values = row.split(u'|');
                    QStringList keptValues;
                    for (int i = 0; i < it.value().size(); ++i) {
                        if (kept.contains(it.value().at(i)))
                            keptValues << values.value(i);
                    }
                    expected << keptValues.join(u'|');
                }
                std::sort(expected.begin(), expected.end());
            }
            QStringList actual = db.rows(it.key(), kept);
            if (kept != it.value())
                std::sort(actual.begin(), actual.end());
            QCOMPARE(actual, expected);
        }
        // The step's objects exist.
        const Migration &m = Migrations::all()[std::size_t(version - 1)];
        for (const Created &c : createdObjects(m)) {
            QSqlQuery q(db.db);
            q.prepare(QStringLiteral("SELECT type FROM sqlite_master WHERE name = ?"));
            q.addBindValue(c.name);
            QVERIFY2(q.exec() && q.next(), qPrintable(c.name));
            QCOMPARE(q.value(0).toString().toUpper(), c.type);
        }
        // The full-text index still answers for the old rows.
        if (hadFts) {
            QCOMPARE(db.scalar(QStringLiteral("SELECT rowid FROM edition_fts WHERE edition_fts MATCH 'lighthouse'"))
                         .toLongLong(),
                     1);
        }
        // What version 3 moves: every edition's fields, unchanged, into edition_content.
        if (version == 3) {
            const QStringList moved = db.rows(QStringLiteral("edition_content"),
                                              { QStringLiteral("edition_id"), QStringLiteral("fields") });
            const QStringList expected { QStringLiteral("1|{\"body\":\"<p>The lighthouse keepers gather again.</p>\"}"),
                                         QStringLiteral("2|{\"body\":\"<p>Draft</p>\"}") };
            QCOMPARE(moved, expected);
            QVERIFY(!tablesAfter.value(QStringLiteral("editions")).contains(QStringLiteral("fields")));
        }
        // What version 2 adds.
        if (version == 2) {
            QCOMPARE(db.scalar(QStringLiteral("SELECT kind FROM workspace WHERE id = 1")).toString(),
                     QStringLiteral("local"));
            QVERIFY(db.scalar(QStringLiteral("SELECT created_at FROM workspace WHERE id = 1")).toLongLong() > 0);
        }
    }

    void newerStoreIsRefusedAndUntouched()
    {
        const int newer = Migrations::latestVersion() + 1;
        {
            Db db(path(), connectionName());
            QVERIFY(Migrations::upgrade(db.db).ok());
            QVERIFY(db.exec(QStringLiteral("PRAGMA user_version = %1").arg(newer)));
            QVERIFY(db.exec(QStringLiteral("CREATE TABLE from_the_future (x)")));
            const QStringList before = db.schema();

            const Status st = Migrations::upgrade(db.db);
            QVERIFY(!st.ok());
            QCOMPARE(st.error().code, QStringLiteral("store_too_new"));
            QVERIFY(st.error().message.contains(QString::number(newer)));
            QCOMPARE(Migrations::versionOf(db.db), newer);
            QCOMPARE(db.schema(), before);
        }
        // LocalStore::open says the same.
        auto store = LocalStore::open(path());
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, QStringLiteral("store_too_new"));
    }

    void failingStepRollsBack_data()
    {
        QTest::addColumn<int>("version");
        for (const Migration &m : Migrations::all())
            QTest::addRow("v%d", m.version) << m.version;
    }

    // A step that fails half-way leaves the database exactly at the previous version:
    // the object its last CREATE makes already exists, so every statement before it
    // ran and must be undone.
    void failingStepRollsBack()
    {
        QFETCH(int, version);
        const Migration &m = Migrations::all()[std::size_t(version - 1)];
        Db db(path(), connectionName());
        QVERIFY(Migrations::upgrade(db.db, version - 1).ok());
        // The last new table, index or view (they share one namespace) of the step that
        // did not exist before it (a step may drop and re-create an index).
        Created conflict { {}, {}, -1 };
        for (const Created &c : createdObjects(m)) {
            if (c.type != u"TRIGGER" && !db.hasObject(c.name))
                conflict = c;
        }
        if (conflict.statement > 0) {
            QVERIFY(db.exec(QStringLiteral("CREATE TABLE %1 (x)").arg(conflict.name)));
        } else {
            // A step that only adds columns: the column of its last ADD COLUMN exists already.
            static const QRegularExpression addColumn(QStringLiteral(R"(^\s*ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+))"),
                                                      QRegularExpression::CaseInsensitiveOption);
            QRegularExpressionMatch last;
            for (const QString &sql : m.statements) {
                if (const auto match = addColumn.match(sql); match.hasMatch())
                    last = match;
            }
            QVERIFY2(last.hasMatch(), "the step needs an object created after its first statement, or a column it adds");
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(last.captured(1), last.captured(2))));
        }
        const QStringList before = db.schema();

        const Status st = Migrations::upgrade(db.db);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, QStringLiteral("migration_failed"));
        QCOMPARE(Migrations::versionOf(db.db), version - 1);
        QCOMPARE(db.schema(), before);
        // The connection is left without an open transaction.
        QVERIFY(db.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(db.exec(QStringLiteral("ROLLBACK")));
    }

    void foreignKeysAreEnforced_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("document-in-own-sector")
            << QStringLiteral("INSERT INTO documents VALUES (10, 1, 1, 1, 1, 'a', NULL, 0)") << true;
        QTest::newRow("document-in-sector-of-another-site")
            << QStringLiteral("INSERT INTO documents VALUES (10, 1, 1, 2, 1, 'a', NULL, 0)") << false;
        QTest::newRow("document-with-missing-schema")
            << QStringLiteral("INSERT INTO documents VALUES (10, 1, 1, 1, 99, 'a', NULL, 0)") << false;
        QTest::newRow("sector-of-site-in-another-account")
            << QStringLiteral("INSERT INTO sectors VALUES (10, 2, 1, 'Sport')") << false;
        QTest::newRow("site-of-missing-account")
            << QStringLiteral("INSERT INTO sites VALUES (10, 99, 'Ghost', '', 0)") << false;
        QTest::newRow("edition-of-missing-document")
            << QStringLiteral("INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, "
                              "title, state, created_at, updated_at) VALUES (10, 1, 99, 1, 1, 1, 't', 'draft', 0, 0)")
            << false;
        QTest::newRow("audit-of-missing-edition")
            << QStringLiteral("INSERT INTO audit_entries VALUES (10, 99, NULL, 'draft', NULL, 0)") << false;
    }

    void foreignKeysAreEnforced()
    {
        QFETCH(QString, sql);
        QFETCH(bool, accepted);
        auto store = LocalStore::open(path());
        QVERIFY(store.ok());
        Db db(path(), connectionName());
        const QStringList setup = {
            QStringLiteral("INSERT INTO accounts VALUES (1, 'A', 'a', 0), (2, 'B', 'b', 0)"),
            QStringLiteral("INSERT INTO sites VALUES (1, 1, 'One', '', 0), (2, 1, 'Two', '', 0)"),
            QStringLiteral("INSERT INTO sectors VALUES (1, 1, 1, 'News'), (2, 1, 2, 'Sport')"),
            QStringLiteral("INSERT INTO content_schemas (id, account_id, name, dialect, spec_doc, created_at, "
                           "updated_at) VALUES (1, 1, 'Article', 'draft-07', '{}', 0, 0)"),
        };
        for (const QString &s : setup)
            QVERIFY(db.exec(s));
        QString error;
        QCOMPARE(db.exec(sql, &error), accepted);
        if (!accepted)
            QVERIFY2(error.contains(u"FOREIGN KEY", Qt::CaseInsensitive), qPrintable(error));
    }

    // Up to version 3 the replica refused a second open edition per document; since version 4
    // it mirrors what the server sends (the server enforces the rule, and a resync passes through
    // states the server never had together).
    void openEditionsAreMirroredAsSent_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::newRow("two-drafts") << u"draft"_s << u"draft"_s;
        QTest::newRow("draft-and-submitted") << u"draft"_s << u"submitted"_s;
        QTest::newRow("published-and-draft") << u"published"_s << u"draft"_s;
    }

    void openEditionsAreMirroredAsSent()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        auto store = LocalStore::open(path());
        QVERIFY(store.ok());
        Db db(path(), connectionName());
        for (const QString &s : fixtureFor(1).mid(0, 7))
            QVERIFY(db.exec(s));
        const QString insert = QStringLiteral(
            "INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, title, state, "
            "created_at, updated_at) VALUES (%1, 1, 1, 1, 1, 1, 'Title', '%2', 0, 0)");
        QVERIFY(db.exec(insert.arg(1).arg(first)));
        QVERIFY(db.exec(insert.arg(2).arg(second)));
        QVERIFY(!db.hasObject(u"editions_one_open"_s));
    }

    void namesFollowRenames()
    {
        auto store = LocalStore::open(path());
        QVERIFY(store.ok());
        Db db(path(), connectionName());
        for (const QString &s : fixtureFor(Migrations::latestVersion()))
            QVERIFY2(db.exec(s), qPrintable(s));
        auto names = [&db](int id) {
            QSqlQuery q(db.db);
            q.exec(QStringLiteral("SELECT schema_name, sector_name FROM editions WHERE id = %1").arg(id));
            return q.next() ? q.value(0).toString() + u'/' + q.value(1).toString() : QString();
        };
        QCOMPARE(names(1), QStringLiteral("Article/Politics"));
        QCOMPARE(names(2), QStringLiteral("Article/Politics"));
        QVERIFY(db.exec(QStringLiteral("UPDATE content_schemas SET name = 'News story' WHERE id = 1")));
        QCOMPARE(names(1), QStringLiteral("News story/Politics"));
        QVERIFY(db.exec(QStringLiteral("UPDATE sectors SET name = 'Government' WHERE id = 1")));
        QCOMPARE(names(1), QStringLiteral("News story/Government"));
        QCOMPARE(names(2), QStringLiteral("News story/Government"));
        // Renaming something else leaves them alone.
        QVERIFY(db.exec(QStringLiteral("INSERT INTO sectors VALUES (2, 1, 1, 'Sport')")));
        QVERIFY(db.exec(QStringLiteral("UPDATE sectors SET name = 'Football' WHERE id = 2")));
        QCOMPARE(names(1), QStringLiteral("News story/Government"));
    }

    void fullTextIndexFollowsEditions_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("found");
        QTest::newRow("title-word") << u"harbour"_s << true;
        QTest::newRow("html-body-word") << u"lighthouse"_s << true;
        QTest::newRow("nested-array-string") << u"seagull"_s << true;
        QTest::newRow("nested-object-string") << u"kingsbridge"_s << true;
        QTest::newRow("prefix") << u"lightho*"_s << true;
        QTest::newRow("diacritics-removed") << u"cafe"_s << true;
        QTest::newRow("object-key-not-indexed") << u"caption"_s << false;
        QTest::newRow("absent-word") << u"submarine"_s << false;
    }

    void fullTextIndexFollowsEditions()
    {
        QFETCH(QString, word);
        QFETCH(bool, found);
        auto store = LocalStore::open(path());
        QVERIFY(store.ok());
        Db db(path(), connectionName());
        for (const QString &s : fixtureFor(1).mid(0, 7))
            QVERIFY(db.exec(s));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, title, state, "
            "created_at, updated_at) VALUES (7, 1, 1, 1, 1, 1, 'Harbour festival', 'draft', 0, 0)")));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO edition_content (edition_id, fields) VALUES (7, "
            "'{\"body\":\"<p>The lighthouse keepers gather at the café.</p>\",\"tags\":[\"seagull\",\"boats\"],"
            "\"venue\":{\"city\":\"Kingsbridge\",\"caption\":1},\"count\":3}')")));
        auto matches = [&db](const QString &w) {
            QSqlQuery q(db.db);
            q.prepare(QStringLiteral("SELECT rowid FROM edition_fts WHERE edition_fts MATCH ?"));
            q.addBindValue(w);
            QList<qint64> ids;
            if (q.exec()) {
                while (q.next())
                    ids << q.value(0).toLongLong();
            }
            return ids;
        };
        QCOMPARE(matches(word), found ? QList<qint64> { 7 } : QList<qint64> {});

        // An update re-indexes: the old words are forgotten, the new ones found.
        QVERIFY(db.exec(QStringLiteral("UPDATE editions SET title = 'Ferry timetable' WHERE id = 7")));
        QVERIFY(db.exec(QStringLiteral("UPDATE edition_content SET fields = '{\"body\":\"Winter sailings\"}' WHERE edition_id = 7")));
        QCOMPARE(matches(word), QList<qint64> {});
        QCOMPARE(matches(QStringLiteral("sailings")), QList<qint64> { 7 });
        QCOMPARE(matches(QStringLiteral("ferry")), QList<qint64> { 7 });

        // A delete forgets the edition altogether.
        QVERIFY(db.exec(QStringLiteral("DELETE FROM editions WHERE id = 7")));
        QCOMPARE(matches(QStringLiteral("sailings")), QList<qint64> {});
        QCOMPARE(matches(QStringLiteral("ferry")), QList<qint64> {});
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
