// Link checking (workflow.md "Link checking") against the real galley-server: the checker's
// classifications against local HTTP(S) servers of the test's own (ok, same-host and other-host
// redirects, HEAD refused, 404, 500, slow, hanging, refused port, self-signed TLS, deny-listed
// host never contacted), the report stored with its change-feed entry, coalesced requests, the
// re-check after an edit, and the deny-list routes. Loopback only: no name is ever looked up
// but "localhost", and the server runs with GALLEY_LINK_CHECK_ONLY_LOOPBACK=1.
#include "apitestkit.h"
#include "common/routinghttpserver.h"

#include "linkcheck/linkchecker.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;
using Galley::Server::LinkChecker;
using Galley::Server::LinkCheckOptions;
using Galley::Server::LinkCheckResult;

namespace {

constexpr int kTimeoutMs = 2000;
constexpr int kSlowMs = 500;

QSslConfiguration testTls()
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    QFile cert(QStringLiteral(GALLEY_TEST_DATA "/tls-cert.pem"));
    QFile key(QStringLiteral(GALLEY_TEST_DATA "/tls-key.pem"));
    if (cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly)) {
        tls.setLocalCertificate(QSslCertificate(&cert, QSsl::Pem));
        tls.setPrivateKey(QSslKey(&key, QSsl::Rsa, QSsl::Pem));
    }
    return tls;
}

// The servers every check talks to: `web` on 127.0.0.1 (and ::1, for "localhost"), `denied` on
// 127.0.0.2 (the deny-listed host), `tls` with a self-signed certificate, and a closed port.
struct Servers
{
    RoutingHttpServer web;
    RoutingHttpServer denied;
    RoutingHttpServer tls;
    quint16 closedPort = 0;

    bool start()
    {
        using R = RoutingHttpServer::Response;
        if (!web.listen(QHostAddress::Any) || !denied.listen(QHostAddress(u"127.0.0.2"_s)) || !tls.listenTls(testTls()))
            return false;
        web.route("/ok", R {});
        web.route("/moved", R { 301, { { "Location", "/ok" } }, 0, false, 0 });
        web.route("/away", R { 302, { { "Location", web.url(u"localhost"_s, u"/ok"_s).toLatin1() } }, 0, false, 0 });
        web.route("/to-denied", R { 302, { { "Location", denied.url(u"127.0.0.2"_s, u"/x"_s).toLatin1() } }, 0, false, 0 });
        web.route("/loop", R { 302, { { "Location", "/loop" } }, 0, false, 0 });
        web.route("/head-refused", R { 200, {}, 0, false, 405 });
        web.route("/missing", R { 404, {}, 0, false, 0 });
        web.route("/error", R { 500, {}, 0, false, 0 });
        web.route("/slow", R { 200, {}, kSlowMs + 700, false, 0 });
        web.route("/hang", R { 200, {}, 0, true, 0 });
        denied.route("/x", R {});
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return false;
        closedPort = probe.serverPort();
        probe.close();
        return true;
    }

    QString at(const QString &path) const { return web.url(u"127.0.0.1"_s, path); }
};

struct Expected
{
    QString url;
    LinkStatus status;
    QString problemContains;
};

QList<Expected> expectations(const Servers &s)
{
    return {
        { s.at(u"/ok"_s), LinkStatus::Ok, QString() },
        { s.at(u"/moved"_s), LinkStatus::Ok, QString() },
        { s.at(u"/head-refused"_s), LinkStatus::Ok, QString() },
        { s.at(u"/away"_s), LinkStatus::Caution, u"Redirects to another host: "_s + s.web.url(u"localhost"_s, u"/ok"_s) },
        { s.at(u"/slow"_s), LinkStatus::Caution, u"Slow: answered after"_s },
        { s.at(u"/missing"_s), LinkStatus::Broken, u"The server answered 404 Not Found."_s },
        { s.at(u"/error"_s), LinkStatus::Broken, u"The server answered 500 Internal Server Error."_s },
        { s.at(u"/loop"_s), LinkStatus::Broken, u"Redirects more than 5 times."_s },
        { s.at(u"/hang"_s), LinkStatus::Broken, u"Did not answer within 2 s."_s },
        { u"http://127.0.0.1:%1/nothing"_s.arg(s.closedPort), LinkStatus::Broken, u"the connection was refused"_s },
        { s.tls.url(u"127.0.0.1"_s, u"/secure"_s), LinkStatus::Broken, u"The secure connection to 127.0.0.1 failed"_s },
        { s.denied.url(u"127.0.0.2"_s, u"/x"_s), LinkStatus::Danger, u"127.0.0.2 is on this account's deny-list"_s },
        { s.at(u"/to-denied"_s), LinkStatus::Danger, u"a host on this account's deny-list"_s },
    };
}

QString articleBody(const QStringList &urls)
{
    QString html = u"<p>An article with links to check, long enough for the schema's minimum length.</p>"_s;
    for (qsizetype i = 0; i < urls.size(); ++i)
        html += u"<p>Source %1: <a href=\"%2\">link %1</a></p>"_s.arg(i).arg(urls.at(i).toHtmlEscaped());
    return html;
}

QJsonObject articleFields(const QStringList &urls)
{
    return QJsonObject { { u"standfirst"_s, u"A standfirst of more than twenty characters."_s },
                         { u"byline"_s, u"Test Writer"_s },
                         { u"body"_s, articleBody(urls) } };
}

// Waits (processing events, so the test's servers keep answering) until the edition's latest
// report is newer than `after`; the report, or an empty object on timeout.
QJsonObject waitForReport(ApiClient &client, qint64 editionId, qint64 after, int timeoutMs = 30000)
{
    QJsonObject report;
    const bool done = QTest::qWaitFor([&] {
        const ApiReply r = client.get(u"/editions/%1/link-check"_s.arg(editionId));
        if (r.status == 200 && r.object().value(u"id"_s).toInteger() > after) {
            report = r.object();
            return true;
        }
        return false;
    }, timeoutMs);
    return done ? report : QJsonObject();
}

QHash<QString, QJsonObject> linksByUrl(const QJsonObject &report)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &v : report.value(u"links"_s).toArray())
        out.insert(v.toObject().value(u"url"_s).toString(), v.toObject());
    return out;
}

} // namespace

class TestLinkCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void denyMatching_data();
    void denyMatching();
    void checkerInProcess();
    void serverChecks_data() { ServerDatabase::addBackendRows(); }
    void serverChecks();
};

void TestLinkCheck::initTestCase()
{
    qputenv("GALLEY_LINK_CHECK_TIMEOUT_MS", QByteArray::number(kTimeoutMs));
    qputenv("GALLEY_LINK_CHECK_SLOW_MS", QByteArray::number(kSlowMs));
    qputenv("GALLEY_LINK_CHECK_ONLY_LOOPBACK", "1");
}

void TestLinkCheck::denyMatching_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QStringList>("deny");
    QTest::addColumn<bool>("denied");
    const QStringList list { u"spam.example"_s, u"127.0.0.2"_s, u"xn--bcher-kva.example"_s };
    QTest::newRow("exact") << u"spam.example"_s << list << true;
    QTest::newRow("subdomain") << u"www.spam.example"_s << list << true;
    QTest::newRow("deep-subdomain") << u"a.b.spam.example"_s << list << true;
    QTest::newRow("case-and-trailing-dot") << u"WWW.Spam.Example."_s << list << true;
    QTest::newRow("suffix-is-not-subdomain") << u"notspam.example"_s << list << false;
    QTest::newRow("parent-is-not-denied") << u"example"_s << list << false;
    QTest::newRow("address") << u"127.0.0.2"_s << list << true;
    QTest::newRow("other-address") << u"127.0.0.1"_s << list << false;
    QTest::newRow("unicode-host-in-idna-form") << u"shop.bücher.example"_s << list << true;
    QTest::newRow("empty-list") << u"spam.example"_s << QStringList {} << false;
}

void TestLinkCheck::denyMatching()
{
    QFETCH(QString, host);
    QFETCH(QStringList, deny);
    QFETCH(bool, denied);
    QCOMPARE(LinkChecker::isDenied(host, deny), denied);
}

// The checker alone, on this thread: every classification and its sentence, HEAD then GET, and
// the deny-listed host never contacted.
void TestLinkCheck::checkerInProcess()
{
    Servers s;
    QVERIFY(s.start());
    LinkCheckOptions options;
    options.timeout = std::chrono::milliseconds(kTimeoutMs);
    options.slow = std::chrono::milliseconds(kSlowMs);
    options.onlyLoopback = true;
    LinkChecker checker(options);
    QSignalSpy finished(&checker, &LinkChecker::batchFinished);
    const QList<Expected> expected = expectations(s);
    QStringList urls;
    for (const Expected &e : expected)
        urls << e.url;
    const int batch = checker.check(urls, { u"127.0.0.2"_s });
    QVERIFY(finished.wait(kTimeoutMs * 5));
    QCOMPARE(finished.constFirst().at(0).toInt(), batch);
    const auto results = finished.constFirst().at(1).value<QList<LinkCheckResult>>();
    QCOMPARE(results.size(), expected.size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        const LinkCheckResult &r = results.at(i);
        const Expected &e = expected.at(i);
        QCOMPARE(r.url, e.url);
        QVERIFY2(r.status == e.status, qPrintable(u"%1: %2 (%3)"_s.arg(r.url, toWire(r.status), r.problem)));
        if (e.problemContains.isEmpty())
            QVERIFY2(r.problem.isEmpty(), qPrintable(r.url + u": "_s + r.problem));
        else
            QVERIFY2(r.problem.contains(e.problemContains), qPrintable(r.url + u": "_s + r.problem));
    }
    QCOMPARE(results.at(1).finalUrl, s.at(u"/ok"_s));   // the same-host redirect says where it ended
    QCOMPARE(results.at(5).httpStatus, 404);
    // HEAD refused with 405, then GET; a plain ok link needs HEAD alone.
    const QList<QByteArray> seen = s.web.requests();
    QVERIFY(seen.contains("HEAD /head-refused"));
    QVERIFY(seen.contains("GET /head-refused"));
    QCOMPARE(seen.count("GET /ok") + seen.count("HEAD /ok"), 3);   // /ok, /moved's target, /away's target
    QCOMPARE(seen.count("GET /ok"), 0);
    QCOMPARE(s.denied.connections(), 0);
    QCOMPARE(checker.inFlight(), 0);

    // Bounded concurrency: 20 slow links, 8 at a time, take three rounds.
    QElapsedTimer clock;
    clock.start();
    const int slowBatch = checker.check(QStringList(20, s.at(u"/slow"_s)), {});
    QVERIFY(finished.wait(kTimeoutMs * 10));
    QCOMPARE(finished.constLast().at(0).toInt(), slowBatch);
    QVERIFY2(clock.elapsed() >= 3 * (kSlowMs + 700) - 100, qPrintable(QString::number(clock.elapsed())));

    // An empty batch finishes too (from the event loop).
    const int empty = checker.check({}, {});
    QVERIFY(finished.wait(1000));
    QCOMPARE(finished.constLast().at(0).toInt(), empty);
    QVERIFY(finished.constLast().at(1).value<QList<LinkCheckResult>>().isEmpty());
}

void TestLinkCheck::serverChecks()
{
    Servers s;
    QVERIFY(s.start());
    GALLEY_START_SERVER(database, server, QStringList {});
    TestStore db;
    QVERIFY2(db.open(database), qPrintable(db.error()));
    const qint64 account = db.accountOf(roleUser(Role::Writer).email);
    auto writer = loggedIn(server, roleUser(Role::Writer));
    auto admin = loggedIn(server, roleUser(Role::Admin));
    auto editor = loggedIn(server, roleUser(Role::Editor));
    auto viewer = loggedIn(server, roleUser(Role::Viewer));
    QVERIFY(writer && admin && editor && viewer);

    // The deny-list: seeded with the demo's dangerous host; only an admin changes it.
    ApiReply r = viewer->get(u"/accounts/current/link-deny-list"_s);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.object().value(u"hosts"_s).toArray().contains(u"free-prizes.example"_s), r.raw.constData());
    r = editor->call("PUT", u"/accounts/current/link-deny-list"_s, { { u"hosts"_s, QJsonArray { u"x.example"_s } } });
    QCOMPARE(r.status, 403);
    r = admin->call("PUT", u"/accounts/current/link-deny-list"_s,
                    { { u"hosts"_s, QJsonArray { u"ok.example"_s, u"http://bad.example/path"_s, 7, u""_s } } });
    QCOMPARE(r.status, 422);
    QStringList fields;
    for (const QJsonValue &e : r.body.value(u"errors"_s).toArray())
        fields << e.toObject().value(u"field"_s).toString();
    QCOMPARE(fields, (QStringList { u"/hosts/1"_s, u"/hosts/2"_s, u"/hosts/3"_s }));
    r = admin->call("PUT", u"/accounts/current/link-deny-list"_s, {});
    QCOMPARE(r.status, 422);
    r = admin->call("PUT", u"/accounts/current/link-deny-list"_s,
                    { { u"hosts"_s, QJsonArray { u"Free-Prizes.example."_s, u"127.0.0.2"_s, u"*.Spam.Example"_s, u"127.0.0.2"_s } } });
    QCOMPARE(r.status, 200);
    const QJsonArray stored { u"127.0.0.2"_s, u"free-prizes.example"_s, u"spam.example"_s };
    QCOMPARE(r.object().value(u"hosts"_s).toArray(), stored);
    QCOMPARE(viewer->get(u"/accounts/current/link-deny-list"_s).object().value(u"hosts"_s).toArray(), stored);
    // Another account's list is its own.
    auto adminB = loggedIn(server, roleUser(Role::Admin, true));
    QVERIFY(adminB);
    QVERIFY(!adminB->get(u"/accounts/current/link-deny-list"_s).object().value(u"hosts"_s).toArray().contains(u"127.0.0.2"_s));

    // An article citing every kind of link.
    const qint64 site = db.sitesOfAccount(account).value(0);
    const qint64 sector = db.scalar(u"SELECT id FROM sectors WHERE site_id = ? ORDER BY id LIMIT 1"_s, { site });
    const qint64 schema = db.scalar(u"SELECT id FROM content_schemas WHERE account_id = ? AND name = 'Article'"_s, { account });
    QVERIFY(site > 0 && sector > 0 && schema > 0);
    const QList<Expected> expected = expectations(s);
    QStringList urls;
    for (const Expected &e : expected)
        urls << e.url;
    r = writer->call("POST", u"/documents"_s,
                     { { u"site_id"_s, site }, { u"sector_id"_s, sector }, { u"schema_id"_s, schema },
                       { u"title"_s, u"Links of every kind"_s }, { u"fields"_s, articleFields(urls) } });
    QVERIFY2(r.status == 201, r.raw.constData());
    const QJsonObject edition = r.object().value(u"editions"_s).toArray().first().toObject();
    const qint64 editionId = edition.value(u"id"_s).toInteger();
    r = writer->call("POST", u"/documents"_s,
                     { { u"site_id"_s, site }, { u"sector_id"_s, sector }, { u"schema_id"_s, schema },
                       { u"title"_s, u"Never checked"_s }, { u"fields"_s, articleFields({ s.at(u"/ok"_s) }) } });
    QVERIFY2(r.status == 201, r.raw.constData());
    const QJsonObject unchecked = r.object().value(u"editions"_s).toArray().first().toObject();

    // A viewer may not start a check; a writer may, and two requests at once make one run.
    QCOMPARE(viewer->call("POST", u"/editions/%1/link-check"_s.arg(editionId)).status, 403);
    QCOMPARE(writer->get(u"/editions/%1/link-check"_s.arg(editionId)).status, 404);
    const qint64 seqBefore = db.lastSeq(account);
    r = writer->call("POST", u"/editions/%1/link-check"_s.arg(editionId));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.object(), (QJsonObject { { u"edition_id"_s, editionId }, { u"status"_s, u"running"_s } }));
    QCOMPARE(editor->call("POST", u"/editions/%1/link-check"_s.arg(editionId)).status, 202);

    const QJsonObject report = waitForReport(*writer, editionId, 0);
    QVERIFY2(!report.isEmpty(), server.standardError().constData());
    QCOMPARE(report.value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(report.value(u"edition_id"_s).toInteger(), editionId);
    QVERIFY(!report.value(u"completed_at"_s).toString().isEmpty());
    const QHash<QString, QJsonObject> links = linksByUrl(report);
    QCOMPARE(links.size(), expected.size());
    for (const Expected &e : expected) {
        const QJsonObject l = links.value(e.url);
        QVERIFY2(l.value(u"status"_s).toString() == toWire(e.status),
                 qPrintable(u"%1: %2 (%3)"_s.arg(e.url, l.value(u"status"_s).toString(), l.value(u"problem"_s).toString())));
        QVERIFY2(l.value(u"problem"_s).toString().contains(e.problemContains), qPrintable(l.value(u"problem"_s).toString()));
        QCOMPARE(l.value(u"pointer"_s).toString(), u"/body"_s);
    }
    QCOMPARE(s.denied.connections(), 0);   // danger is decided without contacting the host
    // The report reached the change feed (so desktops pull it) in the same transaction.
    QCOMPARE(db.scalar(u"SELECT COUNT(*) FROM changes WHERE account_id = ? AND entity = 'link_check' AND entity_id = ? AND seq > ?"_s,
                       { account, report.value(u"id"_s).toInteger(), seqBefore }),
             1);

    // Coalesced: the second request joined the first.
    const auto reports = [&](qint64 id) {
        return db.scalar(u"SELECT COUNT(*) FROM link_check_reports WHERE edition_id = ?"_s, { id });
    };
    QCOMPARE(reports(editionId), 1);

    // Edits: the edition without a report stays unchecked; the one with a report is checked
    // again, with its new links. (The runner handles requests in order, so once the second
    // report exists the first edit has been looked at.)
    r = writer->call("PUT", u"/editions/%1"_s.arg(unchecked.value(u"id"_s).toInteger()),
                     { { u"lock_version"_s, unchecked.value(u"lock_version"_s) }, { u"title"_s, u"Still never checked"_s } });
    QVERIFY2(r.status == 200, r.raw.constData());
    s.web.clear();
    r = writer->call("PUT", u"/editions/%1"_s.arg(editionId),
                     { { u"lock_version"_s, edition.value(u"lock_version"_s) },
                       { u"fields"_s, articleFields({ s.at(u"/ok"_s), s.at(u"/missing"_s) }) } });
    QVERIFY2(r.status == 200, r.raw.constData());
    const QJsonObject again = waitForReport(*writer, editionId, report.value(u"id"_s).toInteger());
    QVERIFY2(!again.isEmpty(), server.standardError().constData());
    const QHash<QString, QJsonObject> newLinks = linksByUrl(again);
    QCOMPARE(newLinks.size(), 2);
    QCOMPARE(newLinks.value(s.at(u"/ok"_s)).value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(newLinks.value(s.at(u"/missing"_s)).value(u"http_status"_s).toInt(), 404);
    QVERIFY(s.web.requests().contains("HEAD /ok"));
    QCOMPARE(reports(editionId), 2);
    QCOMPARE(reports(unchecked.value(u"id"_s).toInteger()), 0);

    // The server stops cleanly with a check in flight (the hanging link keeps one running).
    r = writer->call("POST", u"/editions/%1/link-check"_s.arg(editionId));
    QCOMPARE(r.status, 202);
    r = writer->call("PUT", u"/editions/%1"_s.arg(editionId),
                     { { u"lock_version"_s, edition.value(u"lock_version"_s).toInt() + 1 },
                       { u"fields"_s, articleFields({ s.at(u"/hang"_s) }) } });
    QVERIFY2(r.status == 200, r.raw.constData());
    QVERIFY(QTest::qWaitFor([&] { return s.web.requests().contains("HEAD /hang"); }, 10000));
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(TestLinkCheck)
#include "tst_linkcheck.moc"
