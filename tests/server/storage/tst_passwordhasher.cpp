#include "storage/passwordhasher.h"
#include "storage/tokenstore.h"

#include <QRegularExpression>
#include <QTest>

using namespace Galley::Server;

// Passwords: PBKDF2-HMAC-SHA256, ≥ 100k iterations, random salts; tokens: random, base64url, hashed.
class TestPasswordHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("attempt");
        QTest::addColumn<bool>("accepted");

        QTest::newRow("same-password") << "correct horse battery staple" << "correct horse battery staple" << true;
        QTest::newRow("non-ascii") << QStringLiteral("Grüße, 東京 ✓") << QStringLiteral("Grüße, 東京 ✓") << true;
        QTest::newRow("wrong-password-refused") << "correct horse" << "correct horsf" << false;
        QTest::newRow("case-matters") << "Secret" << "secret" << false;
        QTest::newRow("prefix-refused") << "secret123" << "secret" << false;
        QTest::newRow("empty-attempt-refused") << "secret" << "" << false;
    }

    void roundTrip()
    {
        QFETCH(QString, password);
        QFETCH(QString, attempt);
        const PasswordHash stored = PasswordHasher::hash(password);
        QTEST(PasswordHasher::verify(attempt, stored), "accepted");
    }

    void parameters()
    {
        const PasswordHash a = PasswordHasher::hash(QStringLiteral("pw"));
        const PasswordHash b = PasswordHasher::hash(QStringLiteral("pw"));
        QVERIFY(a.iterations >= 100000);
        QCOMPARE(QByteArray::fromBase64(a.salt.toLatin1()).size(), 16);
        QCOMPARE(QByteArray::fromBase64(a.hash.toLatin1()).size(), 32);
        QVERIFY(a.salt != b.salt);
        QVERIFY(a.hash != b.hash);
        QVERIFY(!PasswordHasher::needsRehash(a));
        // A lower count than the minimum is raised, never honoured.
        QVERIFY(PasswordHasher::hash(QStringLiteral("pw"), 10).iterations >= 100000);
    }

    void tamperedHashRefused_data()
    {
        QTest::addColumn<int>("what");
        QTest::newRow("other-salt") << 0;
        QTest::newRow("fewer-iterations") << 1;
        QTest::newRow("empty-hash") << 2;
    }

    void tamperedHashRefused()
    {
        QFETCH(int, what);
        PasswordHash stored = PasswordHasher::hash(QStringLiteral("pw"));
        if (what == 0)
            stored.salt = PasswordHasher::hash(QStringLiteral("pw")).salt;
        else if (what == 1)
            stored.iterations -= 1;
        else
            stored.hash.clear();
        QVERIFY(!PasswordHasher::verify(QStringLiteral("pw"), stored));
    }

    void constantTimeEquals()
    {
        QVERIFY(PasswordHasher::constantTimeEquals("abc", "abc"));
        QVERIFY(!PasswordHasher::constantTimeEquals("abc", "abd"));
        QVERIFY(!PasswordHasher::constantTimeEquals("abc", "abcd"));
        QVERIFY(PasswordHasher::constantTimeEquals({}, {}));
    }

    void tokens()
    {
        const QString a = TokenStore::generateToken();
        const QString b = TokenStore::generateToken();
        QVERIFY(a != b);
        QCOMPARE(a.size(), 43);   // 32 bytes, base64url, no padding
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$")).match(a).hasMatch());
        QCOMPARE(QByteArray::fromBase64(a.toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
        QCOMPARE(TokenStore::tokenHash(a), TokenStore::tokenHash(a));
        QCOMPARE(TokenStore::tokenHash(a).size(), 64);
        QVERIFY(TokenStore::tokenHash(a) != TokenStore::tokenHash(b));
        QVERIFY(!TokenStore::tokenHash(a).contains(a));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
