#include "common/serverdatabase.h"
#include "storage/passwordhasher.h"
#include "storage/serverstore.h"
#include "storage/tokenstore.h"

#include <QSqlQuery>
#include <QTest>

using namespace Galley;
using namespace Galley::Server;
using namespace Galley::Testing;

// Tokens stored as hashes and found by them; a stored password verifies — both backends.
class TestTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lookup_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("case_");
        QTest::addColumn<bool>("found");
        for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
            const struct
            {
                const char *name;
                bool found;
            } rows[] = { { "valid-access", true }, { "wrong-kind", false }, { "expired", false }, { "unknown-token", false },
                         { "revoked", false }, { "disabled-user", false } };
            for (const auto &row : rows)
                QTest::addRow("%s-%s", qPrintable(backend), row.name) << backend << QString::fromLatin1(row.name) << row.found;
        }
    }

    void lookup()
    {
        GALLEY_FRESH_DATABASE(database);
        QFETCH(QString, case_);
        QFETCH(bool, found);
        auto opened = ServerStore::open(database.url());
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        auto store = std::move(opened).value();
        QSqlDatabase db = store->connection();
        const Tenancy t = addTenancy(db, QStringLiteral("acme"));
        const qint64 user = execSql(db, QStringLiteral("INSERT INTO users (account_id, email, name, role, created_at, updated_at) "
                                                       "VALUES (?, 'ada@example.org', 'Ada', 'writer', 0, 0) RETURNING id"), { t.account });
        QVERIFY(user > 0);

        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto token = TokenStore::issue(db, user, TokenStore::Kind::Access, now.addSecs(3600));
        QVERIFY(token.ok());
        // Only the hash is stored.
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM auth_tokens WHERE token_hash = ?"), { token.value() }), 0);
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM auth_tokens WHERE token_hash = ?"), { TokenStore::tokenHash(token.value()) }), 1);

        QString presented = token.value();
        TokenStore::Kind kind = TokenStore::Kind::Access;
        QDateTime at = now;
        if (case_ == QLatin1String("wrong-kind"))
            kind = TokenStore::Kind::Refresh;
        else if (case_ == QLatin1String("expired"))
            at = now.addSecs(3601);
        else if (case_ == QLatin1String("unknown-token"))
            presented = TokenStore::generateToken();
        else if (case_ == QLatin1String("revoked"))
            QVERIFY(TokenStore::revoke(db, presented).ok());
        else if (case_ == QLatin1String("disabled-user"))
            QCOMPARE(execSql(db, QStringLiteral("UPDATE users SET disabled = ? WHERE id = ?"), { true, user }), 0);

        const auto owner = TokenStore::lookup(db, presented, kind, at);
        QCOMPARE(owner.ok(), found);
        if (found) {
            QCOMPARE(owner->userId, user);
            QCOMPARE(owner->accountId, t.account);
        } else {
            QCOMPARE(owner.error().code, QStringLiteral("unauthenticated"));
        }

    }

    void storedPasswordRoundTrip_data() { ServerDatabase::addBackendRows(); }
    void storedPasswordRoundTrip()
    {
        GALLEY_FRESH_DATABASE(database);
        auto opened = ServerStore::open(database.url());
        QVERIFY(opened.ok());
        auto store = std::move(opened).value();
        QSqlDatabase db = store->connection();
        const Tenancy t = addTenancy(db, QStringLiteral("acme"));
        const PasswordHash pw = PasswordHasher::hash(QStringLiteral("hunter2"));
        const qint64 user = execSql(db, QStringLiteral("INSERT INTO users (account_id, email, name, role, password_hash, password_salt, "
                                                       "password_iterations, created_at, updated_at) VALUES (?, 'ada@example.org', 'Ada', "
                                                       "'writer', ?, ?, ?, 0, 0) RETURNING id"),
                                    { t.account, pw.hash, pw.salt, pw.iterations });
        QVERIFY(user > 0);
        // The stored password round-trips through the database.
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT password_hash, password_salt, password_iterations FROM users WHERE id = %1").arg(user)));
        QVERIFY(q.next());
        const PasswordHash stored { q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() };
        QVERIFY(PasswordHasher::verify(QStringLiteral("hunter2"), stored));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("hunter3"), stored));
    }

    void purgeExpired_data() { ServerDatabase::addBackendRows(); }
    void purgeExpired()
    {
        GALLEY_FRESH_DATABASE(database);
        auto opened = ServerStore::open(database.url());
        QVERIFY(opened.ok());
        auto store = std::move(opened).value();
        QSqlDatabase db = store->connection();
        const Tenancy t = addTenancy(db, QStringLiteral("acme"));
        const qint64 user = execSql(db, QStringLiteral("INSERT INTO users (account_id, email, name, role, created_at, updated_at) "
                                                       "VALUES (?, 'a@example.org', 'A', 'viewer', 0, 0) RETURNING id"), { t.account });
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(TokenStore::issue(db, user, TokenStore::Kind::Access, now.addSecs(-1)).ok());
        QVERIFY(TokenStore::issue(db, user, TokenStore::Kind::Refresh, now.addSecs(60)).ok());
        QCOMPARE(TokenStore::purgeExpired(db, now).value(), 1);
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM auth_tokens")), 1);
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
