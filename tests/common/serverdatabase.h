#pragma once

// A fresh, empty server database per test on either backend: a file in a
// QTemporaryDir for "sqlite", a new database (CREATE DATABASE, dropped afterwards)
// in the private cluster packaging/galley-dev starts for "postgresql"
// (GALLEY_TEST_PG_HOST/PORT/USER/DB in the environment).
#include "storage/databaseurl.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVariantList>

#include <optional>

namespace Galley::Testing {

class ServerDatabase
{
    Q_DISABLE_COPY_MOVE(ServerDatabase)
public:
    ServerDatabase() = default;
    ~ServerDatabase() { drop(); }

    // Adds the "backend" column with the rows "sqlite" and "postgresql".
    static void addBackendRows()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    static bool postgresAvailable() { return qEnvironmentVariableIsSet("GALLEY_TEST_PG_HOST"); }
    static const char *skipReason()
    {
        return "GALLEY_TEST_PG_HOST is not set: no private PostgreSQL cluster for this run "
               "(packaging/galley-dev test starts one when the postgresql package is installed)";
    }

    // Makes the database; false with error() set when it could not.
    bool create(const QString &backend)
    {
        if (backend == QLatin1String("sqlite")) {
            if (!m_dir.isValid()) {
                m_error = QStringLiteral("no temporary directory");
                return false;
            }
            m_url = parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("server.db")));
            return m_url.has_value();
        }
        static QAtomicInt counter;
        m_pgName = QStringLiteral("galley_test_%1_%2_%3")
                       .arg(QCoreApplication::applicationPid())
                       .arg(counter.fetchAndAddRelaxed(1))
                       .arg(QDateTime::currentMSecsSinceEpoch() % 100000000);
        if (!admin([this](QSqlDatabase &db) {
                QSqlQuery q(db);
                if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(m_pgName)))
                    m_error = q.lastError().text();
                return m_error.isEmpty();
            })) {
            m_pgName.clear();
            return false;
        }
        m_url = parse(QStringLiteral("postgresql://%1@%2:%3/%4")
                          .arg(qEnvironmentVariable("GALLEY_TEST_PG_USER", QStringLiteral("galley")),
                               qEnvironmentVariable("GALLEY_TEST_PG_HOST"), qEnvironmentVariable("GALLEY_TEST_PG_PORT", QStringLiteral("5432")),
                               m_pgName));
        return m_url.has_value();
    }

    const Server::DatabaseUrl &url() const { return *m_url; }
    QString error() const { return m_error; }

    void drop()
    {
        if (m_pgName.isEmpty())
            return;
        admin([this](QSqlDatabase &db) {
            QSqlQuery q(db);
            return q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName));
        });
        m_pgName.clear();
    }

private:
    std::optional<Server::DatabaseUrl> parse(const QString &text)
    {
        auto url = Server::DatabaseUrl::parse(text);
        if (!url) {
            m_error = url.error().message;
            return std::nullopt;
        }
        return url.value();
    }

    template<typename F>
    bool admin(F &&work)
    {
        const QString name = QStringLiteral("galley-test-admin-") + m_pgName;
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(qEnvironmentVariable("GALLEY_TEST_PG_HOST"));
            db.setPort(qEnvironmentVariable("GALLEY_TEST_PG_PORT", QStringLiteral("5432")).toInt());
            db.setUserName(qEnvironmentVariable("GALLEY_TEST_PG_USER", QStringLiteral("galley")));
            db.setDatabaseName(qEnvironmentVariable("GALLEY_TEST_PG_DB", QStringLiteral("postgres")));
            if (db.open())
                ok = work(db);
            else
                m_error = db.lastError().text();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    QTemporaryDir m_dir;
    std::optional<Server::DatabaseUrl> m_url;
    QString m_pgName;
    QString m_error;
};

// Runs one statement with bound values; returns the first column of the first row
// (e.g. RETURNING id), 0 when there is none, -1 on failure (with a warning).
inline qint64 execSql(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return -1;
    }
    return q.next() ? q.value(0).toLongLong() : 0;
}

// A minimal tenancy tree: returns {accountId, siteId, sectorId}.
struct Tenancy
{
    qint64 account = -1, site = -1, sector = -1;
};

inline Tenancy addTenancy(const QSqlDatabase &db, const QString &slug)
{
    Tenancy t;
    t.account = execSql(db, QStringLiteral("INSERT INTO accounts (name, slug, created_at) VALUES (?, ?, 0) RETURNING id"), { slug, slug });
    t.site = execSql(db, QStringLiteral("INSERT INTO sites (account_id, name, created_at) VALUES (?, 'Site', 0) RETURNING id"), { t.account });
    t.sector = execSql(db, QStringLiteral("INSERT INTO sectors (account_id, site_id, name, created_at) VALUES (?, ?, 'News', 0) RETURNING id"),
                       { t.account, t.site });
    return t;
}

} // namespace Galley::Testing

// In a data-driven test with a "backend" column: a fresh database in `var`, or a
// skip (PostgreSQL without a cluster) or failure.
#define GALLEY_FRESH_DATABASE(var)                                                   \
    QFETCH(QString, backend);                                                        \
    if (backend == QLatin1String("postgresql") && !Galley::Testing::ServerDatabase::postgresAvailable()) \
        QSKIP(Galley::Testing::ServerDatabase::skipReason());                        \
    Galley::Testing::ServerDatabase var;                                             \
    QVERIFY2(var.create(backend), qPrintable(var.error()))
