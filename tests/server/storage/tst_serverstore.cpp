#include "common/serverdatabase.h"
#include "storage/servermigrations.h"
#include "storage/serverstore.h"
#include "storage/servertransaction.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Galley;
using namespace Galley::Server;
using namespace Galley::Testing;

// ServerStore on both backends: migrations, version refusal, transactions, tenancy
// constraints, per-thread connections.
class TestServerStore : public QObject
{
    Q_OBJECT

    static std::unique_ptr<ServerStore> openStore(const ServerDatabase &database)
    {
        auto store = ServerStore::open(database.url());
        if (!store) {
            qWarning("%s", qPrintable(store.error().message));
            return {};
        }
        return std::move(store).value();
    }

private Q_SLOTS:
    void migrationsCreateSchema_data() { ServerDatabase::addBackendRows(); }
    void migrationsCreateSchema()
    {
        GALLEY_FRESH_DATABASE(database);
        auto store = openStore(database);
        QVERIFY(store);
        QCOMPARE(store->schemaVersion().value(), ServerMigrations::latestVersion());
        const QStringList tables = store->connection().tables();
        for (const char *name : { "accounts", "sites", "sectors", "users", "user_sites", "auth_tokens", "content_schemas",
                                  "documents", "editions", "unpublishings", "editorial_remarks", "audit_entries",
                                  "link_check_reports", "publishing_records", "destinations", "deployments",
                                  "idempotency_keys", "changes", "change_sequences", "jobs", "schema_version" })
            QVERIFY2(tables.contains(QString::fromLatin1(name)), name);

        // Idempotent: running again, and reopening, changes nothing.
        QVERIFY(store->migrate().ok());
        store.reset();
        store = openStore(database);
        QVERIFY(store);
        QCOMPARE(execSql(store->connection(), QStringLiteral("SELECT count(*) FROM schema_version")), qint64(ServerMigrations::latestVersion()));
    }

    // A version-1 database with content moves to version 2: updated_by is the creator where
    // the row was never written again (lock_version 1), unknown (NULL) elsewhere; the index
    // compaction uses exists.
    void migrationFromVersion1_data() { ServerDatabase::addBackendRows(); }
    void migrationFromVersion1()
    {
        GALLEY_FRESH_DATABASE(database);
        auto opened = ServerStore::open(database.url(), false);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        std::unique_ptr<ServerStore> store = std::move(opened).value();
        QSqlDatabase db = store->connection();
        {
            ServerTransaction tx(db, store->dialect());
            QSqlQuery q(db);
            for (const QString &sql : ServerMigrations::statements(1, store->dialect()))
                QVERIFY2(q.exec(sql), qPrintable(sql));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (1, 0)")));
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(store->schemaVersion().value(), 1);
        const Tenancy t = addTenancy(db, QStringLiteral("acme"));
        const qint64 user = execSql(db, QStringLiteral("INSERT INTO users (account_id, email, name, role, created_at, updated_at) "
                                                       "VALUES (?, 'ada@example.org', 'Ada', 'writer', 0, 0) RETURNING id"), { t.account });
        const QString json = store->dialect().jsonParameter();
        const QString schemaSql = QStringLiteral("INSERT INTO content_schemas (account_id, name, dialect, spec_doc, lock_version, created_by, "
                                                 "created_at, updated_at) VALUES (?, ?, '2020-12', %1, ?, ?, 0, 0) RETURNING id").arg(json);
        const qint64 untouchedSchema = execSql(db, schemaSql, { t.account, QStringLiteral("A"), QStringLiteral("{}"), 1, user });
        const qint64 editedSchema = execSql(db, schemaSql, { t.account, QStringLiteral("B"), QStringLiteral("{}"), 3, user });
        const qint64 document = execSql(db, QStringLiteral("INSERT INTO documents (account_id, site_id, sector_id, schema_id, slug, created_by, "
                                                           "created_at, updated_at) VALUES (?, ?, ?, ?, 's', ?, 0, 0) RETURNING id"),
                                        { t.account, t.site, t.sector, untouchedSchema, user });
        const QString editionSql = QStringLiteral("INSERT INTO editions (account_id, document_id, fields, state, lock_version, created_by, "
                                                  "created_at, updated_at) VALUES (?, ?, %1, ?, ?, ?, 0, 0) RETURNING id").arg(json);
        const qint64 untouchedEdition = execSql(db, editionSql, { t.account, document, QStringLiteral("{}"), QStringLiteral("published"), 1, user });
        const qint64 editedEdition = execSql(db, editionSql, { t.account, document, QStringLiteral("{}"), QStringLiteral("draft"), 2, user });
        QVERIFY(untouchedSchema > 0 && editedSchema > 0 && untouchedEdition > 0 && editedEdition > 0);

        QVERIFY(store->migrate().ok());
        QCOMPARE(store->schemaVersion().value(), ServerMigrations::latestVersion());
        // Version 3: the database's identity, made once, 32 hex digits.
        {
            QSqlQuery instance(db);
            QVERIFY(instance.exec(QStringLiteral("SELECT id, (SELECT count(*) FROM server_instance) FROM server_instance")));
            QVERIFY(instance.next());
            QCOMPARE(instance.value(0).toString().size(), 32);
            QCOMPARE(instance.value(1).toInt(), 1);
        }
        QCOMPARE(execSql(db, QStringLiteral("SELECT updated_by FROM content_schemas WHERE id = ?"), { untouchedSchema }), user);
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM content_schemas WHERE id = ? AND updated_by IS NULL"), { editedSchema }), 1);
        QCOMPARE(execSql(db, QStringLiteral("SELECT updated_by FROM editions WHERE id = ?"), { untouchedEdition }), user);
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM editions WHERE id = ? AND updated_by IS NULL"), { editedEdition }), 1);
        const QString index = database.url().backend() == DatabaseUrl::Backend::Sqlite
                ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'changes_object'")
                : QStringLiteral("SELECT count(*) FROM pg_indexes WHERE indexname = 'changes_object'");
        QCOMPARE(execSql(db, index), 1);
        // updated_by follows its user away.
        QVERIFY(execSql(db, QStringLiteral("DELETE FROM users WHERE id = ?"), { user }) >= 0);
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM editions WHERE updated_by IS NOT NULL")), 0);
    }

    void newerSchemaRefused_data() { ServerDatabase::addBackendRows(); }
    void newerSchemaRefused()
    {
        GALLEY_FRESH_DATABASE(database);
        {
            auto store = openStore(database);
            QVERIFY(store);
            QCOMPARE(execSql(store->connection(), QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, 0)"),
                             { ServerMigrations::latestVersion() + 1 }), 0);
        }
        auto reopened = ServerStore::open(database.url());
        QVERIFY(!reopened.ok());
        QCOMPARE(reopened.error().code, QStringLiteral("database_too_new"));
        QVERIFY2(reopened.error().message.contains(QLatin1String("newer")), qPrintable(reopened.error().message));
    }

    void unreachableDatabaseReported()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite:/nonexistent-dir/for/sure/x.db"));
        QVERIFY(url.ok());
        auto store = ServerStore::open(url.value());
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, QStringLiteral("store_unavailable"));
    }

    void rollbackLeavesNothing_data() { ServerDatabase::addBackendRows(); }
    void rollbackLeavesNothing()
    {
        GALLEY_FRESH_DATABASE(database);
        auto store = openStore(database);
        QVERIFY(store);
        QSqlDatabase db = store->connection();
        {
            ServerTransaction tx(db, store->dialect());
            QVERIFY(tx.isActive());
            const Tenancy t = addTenancy(db, QStringLiteral("acme"));
            QVERIFY(t.sector > 0);
            // leaves scope without commit
        }
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM accounts")), 0);
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM sites")), 0);
        {
            ServerTransaction tx(db, store->dialect());
            QVERIFY(addTenancy(db, QStringLiteral("acme")).sector > 0);
            QVERIFY(tx.commit().ok());
            QVERIFY(!tx.commit().ok());
        }
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM accounts")), 1);
    }

    void tenancyConsistency_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("statement");   // %1 acme account, %2 acme site, %3 other account, %4 other site, %5 other sector, %6 acme sector
        QTest::addColumn<bool>("accepted");
        const struct
        {
            const char *name;
            const char *sql;
            bool accepted;
        } rows[] = {
            { "sector-in-own-site", "INSERT INTO sectors (account_id, site_id, name, created_at) VALUES (%1, %2, 'x', 0)", true },
            { "sector-site-of-other-account-refused", "INSERT INTO sectors (account_id, site_id, name, created_at) VALUES (%1, %4, 'x', 0)", false },
            { "sector-unknown-site-refused", "INSERT INTO sectors (account_id, site_id, name, created_at) VALUES (%1, 999999, 'x', 0)", false },
            { "document-sector-of-other-site-refused",
              "INSERT INTO documents (account_id, site_id, sector_id, schema_id, slug, created_at, updated_at) "
              "VALUES (%1, %2, %5, (SELECT id FROM content_schemas WHERE account_id = %1), 's', 0, 0)", false },
            { "document-schema-of-other-account-refused",
              "INSERT INTO documents (account_id, site_id, sector_id, schema_id, slug, created_at, updated_at) "
              "VALUES (%1, %2, %6, (SELECT id FROM content_schemas WHERE account_id = %3), 's', 0, 0)", false },
            { "document-consistent",
              "INSERT INTO documents (account_id, site_id, sector_id, schema_id, slug, created_at, updated_at) "
              "VALUES (%1, %2, %6, (SELECT id FROM content_schemas WHERE account_id = %1), 's', 0, 0)", true },
            { "user-site-of-other-account-refused",
              "INSERT INTO user_sites (user_id, site_id, account_id) VALUES ((SELECT id FROM users WHERE account_id = %1), %4, %1)", false },
            { "user-email-duplicate-case-insensitive-refused",
              "INSERT INTO users (account_id, email, name, role, created_at, updated_at) VALUES (%1, 'ADA@example.org', 'A', 'viewer', 0, 0)", false },
            { "user-same-email-other-account",
              "INSERT INTO users (account_id, email, name, role, created_at, updated_at) VALUES (%3, 'ada@example.org', 'A', 'viewer', 0, 0)", true },
            { "user-unknown-role-refused",
              "INSERT INTO users (account_id, email, name, role, created_at, updated_at) VALUES (%1, 'b@example.org', 'B', 'owner', 0, 0)", false },
        };
        for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
            for (const auto &row : rows)
                QTest::addRow("%s-%s", qPrintable(backend), row.name) << backend << QString::fromLatin1(row.sql) << row.accepted;
        }
    }

    void tenancyConsistency()
    {
        GALLEY_FRESH_DATABASE(database);
        QFETCH(QString, statement);
        QFETCH(bool, accepted);
        auto store = openStore(database);
        QVERIFY(store);
        QSqlDatabase db = store->connection();
        const Tenancy acme = addTenancy(db, QStringLiteral("acme"));
        const Tenancy other = addTenancy(db, QStringLiteral("other"));
        for (const Tenancy &t : { acme, other }) {
            QVERIFY(execSql(db, QStringLiteral("INSERT INTO content_schemas (account_id, name, dialect, spec_doc, created_at, updated_at) "
                                               "VALUES (?, 'Article', '2020-12', %1, 0, 0)").arg(store->dialect().jsonParameter()),
                            { t.account, QStringLiteral("{\"type\":\"object\"}") }) == 0);
        }
        QCOMPARE(execSql(db, QStringLiteral("INSERT INTO users (account_id, email, name, role, created_at, updated_at) "
                                            "VALUES (?, 'ada@example.org', 'Ada', 'writer', 0, 0)"), { acme.account }), 0);
        QString sql = statement;
        const qint64 values[] = { acme.account, acme.site, other.account, other.site, other.sector, acme.sector };
        for (int i = 0; i < 6; ++i)
            sql.replace(QLatin1Char('%') + QString::number(i + 1), QString::number(values[i]));
        QSqlQuery q(db);
        QCOMPARE(q.exec(sql), accepted);
    }

    void connectionPerThread_data() { ServerDatabase::addBackendRows(); }
    void connectionPerThread()
    {
        GALLEY_FRESH_DATABASE(database);
        auto store = openStore(database);
        QVERIFY(store);
        const QString mine = store->connection().connectionName();
        QCOMPARE(store->connection().connectionName(), mine);
        QString theirs;
        bool open = false;
        std::unique_ptr<QThread> thread(QThread::create([&] {
            QSqlDatabase db = store->connection();
            theirs = db.connectionName();
            open = db.isOpen() && execSql(db, QStringLiteral("SELECT count(*) FROM accounts")) == 0;
        }));
        thread->start();
        QVERIFY(thread->wait(30000));
        QVERIFY(open);
        QVERIFY(theirs != mine);
        // The thread's connection went with the thread.
        QVERIFY(!QSqlDatabase::contains(theirs));
        QVERIFY(QSqlDatabase::contains(mine));
        store.reset();
        QVERIFY(!QSqlDatabase::contains(mine));
    }
};

QTEST_GUILESS_MAIN(TestServerStore)
#include "tst_serverstore.moc"
