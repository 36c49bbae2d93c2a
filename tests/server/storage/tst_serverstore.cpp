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
