// Sync client benchmark, with the real galley-server on loopback (SQLite) seeded with the large demo
// (about 100,000 editions in the account the demo editor works in). Prints:
//   initial sync into an empty replica by the real `galley --sync-only` process, end to end
//     (start, sign-in, every page of /changes applied with its cursor): editions/s   (target ≥ 30,000)
//     and the process's peak resident memory                                        (target ≤ 250 MB)
//   the raw SQLite insert rate of the same editions into an empty replica, for comparison
//   flushing 1,000 edits queued offline (online → outbox empty)                      (target ≤ 3 s)
//   a server change → visible in the edition list model (WebSocket event, pull, in-place update),
//     median and p95 over 25 changes                                                (target ≤ 200 ms median)
// Figures are reported (MISS when a target is missed); the bench fails only when something does not run.
#include "common/serverprocess.h"
#include "itemmodels/editiontablemodel.h"
#include "store/localstore.h"
#include "store/replicawriter.h"
#include "store/storeworker.h"
#include "store/transaction.h"
#include "sync/syncengine.h"
#include "sync/syncstore.h"
#include "sync/wireformat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QEventLoop>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;

namespace {

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString verdict(bool met)
{
    return met ? u"PASS"_s : u"MISS"_s;
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}

// Waits in a real event loop (QTest::qWaitFor sleeps 10 ms between its looks, which would add to
// every step of a chain of queued calls and measure the harness instead of the client).
bool spin(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    tick.start();
    loop.exec();
    return done();
}

// The seeded server database, cached by the server binary (seeding 160,000 editions takes a while).
QString seeded(const QString &server, const QString &dataDir, int editions)
{
    QDir().mkpath(dataDir);
    const QFileInfo tool(server);
    const QString cached = dataDir + u"/sync-seed-%1-%2-%3.db"_s.arg(tool.lastModified().toMSecsSinceEpoch()).arg(tool.size()).arg(editions);
    if (QFileInfo::exists(cached))
        return cached;
    say(u"seeding %1 editions (cached in %2)…"_s.arg(editions).arg(dataDir));
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(server, { u"--seed-demo"_s, u"--demo-editions"_s, QString::number(editions), u"--database"_s,
                      u"sqlite:"_s + cached + u".tmp"_s, u"--listen"_s, u"127.0.0.1:0"_s });
    p.waitForStarted();
    while (p.waitForReadyRead(600000)) {
        if (p.readAllStandardOutput().contains("listening on"))
            break;
    }
    p.terminate();
    p.waitForFinished(60000);
    if (!QFile::rename(cached + u".tmp"_s, cached))
        return {};
    QFile::remove(cached + u".tmp-wal"_s);
    QFile::remove(cached + u".tmp-shm"_s);
    return cached;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"GalleyBench"_s);
    QCommandLineParser parser;
    parser.addOptions({ { u"server"_s, u"galley-server binary"_s, u"path"_s },
                        { u"app"_s, u"galley binary"_s, u"path"_s },
                        { u"data"_s, u"cache directory"_s, u"dir"_s },
                        { u"editions"_s, u"editions seeded in all"_s, u"n"_s, u"160000"_s } });
    parser.process(app);
    const QString serverBinary = parser.value(u"server"_s);
    const QString galley = parser.value(u"app"_s);
    QTemporaryDir dir;
    const QString seed = seeded(serverBinary, parser.value(u"data"_s), parser.value(u"editions"_s).toInt());
    if (seed.isEmpty() || !dir.isValid()) {
        say(u"cannot seed the server database"_s);
        return 1;
    }
    const QString database = dir.filePath(u"server.db"_s);
    QFile::copy(seed, database);
    qputenv("GALLEY_SERVER_BINARY", serverBinary.toLocal8Bit());
    ServerProcess server;
    if (!server.start({ u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s, u"sqlite:"_s + database, u"--write-rate"_s, u"0"_s })) {
        say(u"the server does not start"_s);
        return 1;
    }
    const QString email = u"editor@northwind.example"_s;
    const QString password = u"galley-editor"_s;
    say(u"galley-server on %1 (SQLite); client: %2 as %3"_s.arg(server.baseUrl().toString(), galley, email));

    // 1. Initial sync by the real client process.
    const QString workspace = dir.filePath(u"client"_s);
    QProcess client;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"GALLEY_SYNC_REPORT"_s, u"1"_s);
    env.insert(u"GALLEY_NO_KEYCHAIN"_s, u"1"_s);
    client.setProcessEnvironment(env);
    client.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer clock;
    clock.start();
    client.start(galley, { u"--sync-only"_s, u"--server"_s, server.baseUrl().toString(), u"--email"_s, email,
                           u"--workspace"_s, workspace, u"--password-stdin"_s });
    client.write(password.toUtf8() + '\n');
    client.closeWriteChannel();
    client.waitForFinished(1800000);
    const double seconds = double(clock.elapsed()) / 1000.0;
    const QString output = QString::fromUtf8(client.readAll());
    if (client.exitCode() != 0) {
        say(u"the initial sync failed: "_s + output);
        return 1;
    }
    const QString replica = workspace + u"/workspace.galley"_s;
    auto opened = LocalStore::openConnection(replica, u"bench"_s);
    if (!opened) {
        say(u"cannot open the replica"_s);
        return 1;
    }
    QSqlDatabase db = opened.value();
    const auto scalar = [](QSqlDatabase &d, const QString &sql) {
        QSqlQuery q(d);
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    };
    const qint64 editions = scalar(db, u"SELECT count(*) FROM editions"_s);
    const qint64 contentBytes = scalar(db, u"SELECT sum(length(fields)) FROM edition_content"_s);
    qint64 pulled = 0;
    qint64 peakKb = 0;
    for (const QString &line : output.split(u'\n')) {
        if (line.startsWith(u"pulled "_s))
            pulled = line.section(u' ', 1, 1).remove(u',').toLongLong();
        if (line.startsWith(u"peak-rss-kb "_s))
            peakKb = line.section(u' ', 1, 1).toLongLong();
    }
    const double rate = double(editions) / seconds;
    say(u"initial sync: %1 editions (%2 feed entries, %3 KB of fields on average) in %4 s end to end"_s
            .arg(editions)
            .arg(pulled)
            .arg(double(contentBytes) / double(std::max<qint64>(editions, 1)) / 1024.0, 0, 'f', 2)
            .arg(seconds, 0, 'f', 2));
    say(u"  %1 editions/s (%2 entries/s)   target >= 30,000 editions/s   %3"_s.arg(rate, 0, 'f', 0)
            .arg(double(pulled) / seconds, 0, 'f', 0)
            .arg(verdict(rate >= 30000)));
    say(u"  client peak RSS %1 MB   target <= 250 MB   %2"_s.arg(double(peakKb) / 1024.0, 0, 'f', 1).arg(verdict(peakKb > 0 && peakKb <= 250 * 1024)));

    // 2. The raw SQLite rate of the same editions, for comparison.
    {
        QList<Edition> rows;
        QSqlQuery q(db);
        q.exec(u"SELECT e.id, e.document_id, e.site_id, e.sector_id, e.schema_id, e.title, e.state, e.lock_version, "
               "e.created_at, e.updated_at, c.fields FROM editions e JOIN edition_content c ON c.edition_id = e.id"_s);
        while (q.next()) {
            Edition e;
            e.id = q.value(0).toLongLong();
            e.accountId = 1;
            e.documentId = q.value(1).toLongLong();
            e.siteId = q.value(2).toLongLong();
            e.sectorId = q.value(3).toLongLong();
            e.schemaId = q.value(4).toLongLong();
            e.title = q.value(5).toString();
            e.state = fromWire<EditionState>(q.value(6).toString()).value_or(EditionState::Draft);
            e.lockVersion = q.value(7).toInt();
            e.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(8).toLongLong());
            e.updatedAt = QDateTime::fromMSecsSinceEpoch(q.value(9).toLongLong());
            e.fields = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
            rows.append(e);
        }
        const QString rawPath = dir.filePath(u"raw.galley"_s);
        { auto store = LocalStore::open(rawPath); }
        auto raw = LocalStore::openConnection(rawPath, u"raw"_s);
        QSqlDatabase r = raw.value();
        QSqlQuery off(r);
        off.exec(u"PRAGMA foreign_keys = OFF"_s);
        QElapsedTimer t;
        t.start();
        {
            Transaction tx(r);
            ReplicaWriter w(r);
            for (const Edition &e : std::as_const(rows))
                w.upsert(e);
            tx.commit();
        }
        const double rawSeconds = double(t.elapsed()) / 1000.0;
        say(u"raw SQLite: %1 editions inserted through ReplicaWriter in one transaction in %2 s: %3 rows/s"_s
                .arg(rows.size())
                .arg(rawSeconds, 0, 'f', 2)
                .arg(double(rows.size()) / rawSeconds, 0, 'f', 0));
    }

    // 3. Flushing 1,000 edits queued offline; 4. a server change until the list model shows it.
    SyncEngine::Options options;
    options.databasePath = replica;
    options.server = server.baseUrl();
    options.email = email;
    SyncEngine engine(options);
    bool signedIn = false;
    QObject::connect(&engine, &SyncEngine::signedIn, &engine, [&signedIn] { signedIn = true; });
    engine.signIn(password);
    if (!QTest::qWaitFor([&] { return signedIn; }, 30000)) {
        say(u"the in-process client cannot sign in"_s);
        return 1;
    }
    engine.start();
    if (!QTest::qWaitFor([&] { return engine.status().connection == SyncStatus::Connection::Online; }, 30000))
        say(u"(the in-process client is not online yet)"_s);
    engine.setWorkOffline(true);
    QList<qint64> drafts;
    {
        QSqlQuery q(db);
        q.exec(u"SELECT id FROM editions WHERE state IN ('draft','submitted','rejected') ORDER BY id LIMIT 1000"_s);
        while (q.next())
            drafts << q.value(0).toLongLong();
    }
    int queued = 0;
    for (qint64 id : std::as_const(drafts)) {
        EditionEdit edit;
        edit.changeNote = u"queued offline %1"_s.arg(id);
        engine.editEdition(id, edit, [&queued](Status st) { queued += st.ok() ? 1 : 0; });
    }
    if (!QTest::qWaitFor([&] { return queued == drafts.size(); }, 120000)
        || !QTest::qWaitFor([&] { return engine.status().pending == queued; }, 10000)) {
        say(u"queuing the offline edits failed"_s);
        return 1;
    }
    clock.restart();
    engine.setWorkOffline(false);
    const bool flushed = spin([&] { return engine.status().pending == 0; }, 120000);
    const double flushSeconds = double(clock.elapsed()) / 1000.0;
    say(u"flush: %1 edits queued offline sent in %2 s   target <= 3 s   %3"_s.arg(queued).arg(flushSeconds, 0, 'f', 2)
            .arg(verdict(flushed && flushSeconds <= 3.0)));

    // The list as the Content tab shows it (every edition, newest change first), kept up to date
    // in place the way the main window does on every replicaChanged.
    StoreWorker worker(replica);
    EditionTableModel model(&worker);
    model.refresh();
    if (!QTest::qWaitFor([&] { return model.rowCount() > 0 && !model.isLoading(); }, 30000)) {
        say(u"the edition list does not load"_s);
        return 1;
    }
    QObject::connect(&engine, &SyncEngine::replicaChanged, &model, [&model] { model.updateInPlace(); });
    if (!QTest::qWaitFor([&] { return engine.status().liveUpdates; }, 10000))
        say(u"(no live updates: the pulls are triggered by polling)"_s);
    ApiClient api(server.baseUrl());
    api.login(u"writer@northwind.example"_s, u"galley-writer"_s);
    // What one write costs on this loopback by itself (sequential, through QNetworkAccessManager),
    // next to a read: the floor under the outbox's flush.
    {
        QList<double> puts;
        QList<double> gets;
        for (int i = 0; i < 20; ++i) {
            const qint64 id = drafts.at(500 + i);
            QElapsedTimer t;
            t.start();
            const ApiReply current = api.get(u"/editions/%1"_s.arg(id));
            gets << double(t.nsecsElapsed()) / 1e6;
            t.restart();
            api.call("PUT", u"/editions/%1"_s.arg(id),
                     QJsonObject { { u"change_note"_s, u"timing %1"_s.arg(i) },
                                   { u"lock_version"_s, current.data().toObject().value("lock_version"_L1).toInteger() } });
            puts << double(t.nsecsElapsed()) / 1e6;
        }
        QList<double> keyed;
        for (int i = 0; i < 20; ++i) {
            const qint64 id = drafts.at(600 + i);
            const ApiReply current = api.get(u"/editions/%1"_s.arg(id));
            QElapsedTimer t;
            t.start();
            api.call("PUT", u"/editions/%1"_s.arg(id),
                     QJsonObject { { u"change_note"_s, u"keyed %1"_s.arg(i) },
                                   { u"lock_version"_s, current.data().toObject().value("lock_version"_L1).toInteger() } },
                     { { "Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces) } });
            keyed << double(t.nsecsElapsed()) / 1e6;
        }
        say(u"  PUT with an Idempotency-Key: median %1 ms"_s.arg(percentile(keyed, 0.5), 0, 'f', 1));
        say(u"one request by itself: GET /editions/{id} median %1 ms, PUT /editions/{id} median %2 ms"_s
                .arg(percentile(gets, 0.5), 0, 'f', 1)
                .arg(percentile(puts, 0.5), 0, 'f', 1));
    }
    QList<double> latencies;
    for (int i = 0; i < 25; ++i) {
        const qint64 id = drafts.at(i * 7 % drafts.size());
        const QString title = u"Changed on the server %1"_s.arg(i);
        const ApiReply current = api.get(u"/editions/%1"_s.arg(id));
        const qint64 lock = current.data().toObject().value("lock_version"_L1).toInteger();
        QElapsedTimer t;
        t.start();
        const ApiReply put = api.call("PUT", u"/editions/%1"_s.arg(id), QJsonObject { { u"title"_s, title }, { u"lock_version"_s, lock } });
        if (put.status != 200)
            continue;
        const bool seen = spin(
            [&] {
                for (int r = 0; r < std::min(model.rowCount(), 50); ++r) {
                    if (model.index(r, EditionTableModel::TitleColumn).data().toString() == title)
                        return true;
                }
                return false;
            },
            5000);
        if (seen)
            latencies << double(t.nsecsElapsed()) / 1e6;
        QTest::qWait(50);
    }
    const double median = percentile(latencies, 0.5);
    say(u"server change → visible in the list model: median %1 ms, p95 %2 ms over %3 changes   target <= 200 ms median   %4"_s
            .arg(median, 0, 'f', 1)
            .arg(percentile(latencies, 0.95), 0, 'f', 1)
            .arg(latencies.size())
            .arg(verdict(latencies.size() >= 20 && median <= 200)));
    server.stop();
    return 0;
}
