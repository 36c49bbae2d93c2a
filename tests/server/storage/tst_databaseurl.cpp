#include "storage/databaseurl.h"

#include <QTest>

using namespace Galley::Server;

// `--database` values: what parses, into what, and what is refused with which message.
class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void good_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("sqlite");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("dbname");
        QTest::addColumn<QString>("options");

        QTest::newRow("sqlite-relative") << "sqlite:state/galley.db" << true << "state/galley.db" << "" << 5432 << "" << "" << "" << "";
        QTest::newRow("sqlite-absolute") << "sqlite:/var/lib/galley/server.db" << true << "/var/lib/galley/server.db" << "" << 5432 << "" << "" << "" << "";
        QTest::newRow("sqlite-triple-slash") << "sqlite:///tmp/x.db" << true << "/tmp/x.db" << "" << 5432 << "" << "" << "" << "";
        QTest::newRow("pg-minimal") << "postgresql://galley@db.example/galley" << false << "" << "db.example" << 5432 << "galley" << "" << "galley" << "";
        QTest::newRow("pg-port-password") << "postgresql://galley:s3cret@127.0.0.1:6543/news" << false << "" << "127.0.0.1" << 6543 << "galley" << "s3cret" << "news" << "";
        QTest::newRow("pg-alias-scheme") << "postgres://u@h/d" << false << "" << "h" << 5432 << "u" << "" << "d" << "";
        QTest::newRow("pg-percent-encoded-password") << "postgresql://u:p%40ss%2Fw@h/d" << false << "" << "h" << 5432 << "u" << "p@ss/w" << "d" << "";
        QTest::newRow("pg-options") << "postgresql://u@h/d?sslmode=require&connect_timeout=5" << false << "" << "h" << 5432 << "u" << "" << "d" << "sslmode=require;connect_timeout=5";
        QTest::newRow("pg-ipv6") << "postgresql://u@[::1]:5433/d" << false << "" << "::1" << 5433 << "u" << "" << "d" << "";
    }

    void good()
    {
        QFETCH(QString, text);
        QFETCH(bool, sqlite);
        const auto url = DatabaseUrl::parse(text);
        QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
        QCOMPARE(url->backend() == DatabaseUrl::Backend::Sqlite, sqlite);
        QTEST(url->path(), "path");
        QTEST(url->host(), "host");
        QTEST(url->port(), "port");
        QTEST(url->user(), "user");
        QTEST(url->password(), "password");
        QTEST(url->databaseName(), "dbname");
        QTEST(url->connectOptions(), "options");
        QVERIFY(!url->toDisplayString().contains(QLatin1String("s3cret")));
    }

    void bad_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("messageContains");

        QTest::newRow("empty") << "" << "Unknown database URL";
        QTest::newRow("unknown-scheme") << "mysql://u@h/d" << "Unknown database URL";
        QTest::newRow("bare-path") << "/var/lib/galley.db" << "Unknown database URL";
        QTest::newRow("sqlite-no-path") << "sqlite:" << "no file path";
        QTest::newRow("pg-no-host") << "postgresql://u@/d" << "no host";
        QTest::newRow("pg-no-user") << "postgresql://h/d" << "no user name";
        QTest::newRow("pg-no-database") << "postgresql://u@h" << "no database name";
        QTest::newRow("pg-empty-database") << "postgresql://u@h/" << "no database name";
        QTest::newRow("pg-nested-path") << "postgresql://u@h/d/e" << "contains a slash";
        QTest::newRow("pg-port-text") << "postgresql://u@h:port/d" << "malformed";
        QTest::newRow("pg-port-too-big") << "postgresql://u@h:70000/d" << "malformed";
        QTest::newRow("pg-unknown-option") << "postgresql://u@h/d?sslmod=require" << "Unknown PostgreSQL URL parameter \"sslmod\"";
        QTest::newRow("pg-option-injection") << "postgresql://u@h/d?options=a%3Bb" << "may not contain";
        QTest::newRow("pg-fragment") << "postgresql://u@h/d#x" << "fragment";
    }

    void bad()
    {
        QFETCH(QString, text);
        QFETCH(QString, messageContains);
        const auto url = DatabaseUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code, QStringLiteral("bad_database_url"));
        QVERIFY2(url.error().message.contains(messageContains), qPrintable(url.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
