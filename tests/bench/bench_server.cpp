// galley-server throughput benchmark: the real server on a large seeded demo workspace, driven by
// wrk over loopback, on SQLite and (when packaging/galley-dev started a private cluster,
// GALLEY_TEST_PG_* in the environment) on PostgreSQL. For each backend it prints one table:
//   GET /api                           a trivial public JSON route: the pipeline's floor
//   GET /api/v1/me                     the floor of an authenticated route (no target)
//   GET /api/v1/documents?page_size=50 a paged, filtered list              (target ≥ 20,000 req/s)
//   GET /api/v1/changes?limit=500      the sync feed, a page from seq 0    (target ≥ 100 MB/s)
//   PUT /api/v1/editions/{id}          successful draft edits              (target ≥ 2,000 edits/s)
//   the server's resident memory after the runs (VmRSS, and its peak VmHWM) (target ≤ 200 MB)
// with the latency p50/p99 of each route and the median of single sequential requests (what
// one request costs without concurrency). Figures are reported, not asserted: a missed target
// prints MISS and the bench still exits 0. It exits non-zero when something does not run (no
// wrk, the server does not start, the login fails, or most responses of a route are not 2xx).
//
// The seeded SQLite database is kept in --data (the build tree's bench-data/) keyed by the
// galley-server binary's modification time and size, and copied for every run because the edit
// benchmark changes it; PostgreSQL's private cluster lives for one run, so it is seeded each time.
#include "common/serverprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <optional>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace Galley::Testing;

namespace {

constexpr double kDocumentsTarget = 20000;   // req/s
constexpr double kChangesTarget = 100;       // MB/s
constexpr double kEditsTarget = 2000;        // successful edits/s
constexpr double kRssTarget = 200;           // MB

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// ---------------------------------------------------------------------------------- the server

// The real galley-server: started with `arguments`, ready when it prints "listening on". Its
// output goes to files: nobody reads a pipe while wrk runs, and a server blocked on a full pipe
// would measure the pipe.
class Server
{
public:
    ~Server() { stop(); }

    bool start(const QString &binary, const QStringList &arguments, int timeoutMs)
    {
        m_process.setStandardOutputFile(m_logs.filePath(u"stdout"_s));
        m_process.setStandardErrorFile(m_logs.filePath(u"stderr"_s));
        m_process.start(binary, arguments);
        if (!m_process.waitForStarted(10000)) {
            say(u"cannot start %1: %2"_s.arg(binary, m_process.errorString()));
            return false;
        }
        static const QRegularExpression listening(u"listening on (https?://[^ ]+)"_s);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const auto match = listening.match(QString::fromUtf8(output()));
            if (match.hasMatch()) {
                m_base = QUrl(match.captured(1));
                return true;
            }
            if (m_process.waitForFinished(100))
                break;
        }
        say(u"galley-server did not start listening:\n%1%2"_s.arg(QString::fromUtf8(output()), QString::fromUtf8(errors())));
        return false;
    }

    // SIGTERM and wait; true when it ended cleanly.
    bool stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(30000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
            return false;
        }
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }

    QUrl base() const { return m_base; }
    qint64 pid() const { return m_process.processId(); }
    QByteArray output() const { return read(u"stdout"_s); }
    QByteArray errors() const { return read(u"stderr"_s); }

    // VmRSS and VmHWM of the running server, in kB.
    std::pair<qint64, qint64> memoryKb() const
    {
        QFile f(u"/proc/%1/status"_s.arg(pid()));
        qint64 rss = -1, hwm = -1;
        if (f.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : f.readAll().split('\n')) {
                if (line.startsWith("VmRSS:"))
                    rss = line.mid(6).trimmed().split(' ').first().toLongLong();
                else if (line.startsWith("VmHWM:"))
                    hwm = line.mid(6).trimmed().split(' ').first().toLongLong();
            }
        }
        return { rss, hwm };
    }

private:
    QByteArray read(const QString &name) const
    {
        QFile f(m_logs.filePath(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir m_logs;
    QProcess m_process;
    QUrl m_base;
};

QStringList serverArguments(const ServerDatabase &database)
{
    return { u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s, databaseArgument(database), u"--write-rate"_s, u"0"_s };
}

// Seeds `database` with the demo at `editions` through the real binary; the seconds it took.
std::optional<double> seed(const QString &binary, const ServerDatabase &database, int editions)
{
    say(u"seeding the demo workspace with about %1 editions…"_s.arg(editions));
    QElapsedTimer t;
    t.start();
    Server server;
    if (!server.start(binary, serverArguments(database) + QStringList { u"--seed-demo"_s, u"--demo-editions"_s, QString::number(editions) },
                      60 * 60 * 1000))
        return std::nullopt;
    const double seconds = double(t.elapsed()) / 1000;
    for (const QByteArray &line : server.errors().split('\n')) {
        if (line.startsWith("galley.server.seed"))
            say(QString::fromUtf8(line));
    }
    for (const QByteArray &line : server.output().split('\n')) {
        if (line.startsWith("seeded"))
            say(QString::fromUtf8(line));
    }
    if (!server.stop()) {
        say(u"the seeding server did not stop cleanly"_s);
        return std::nullopt;
    }
    return seconds;
}

// The seeded SQLite database for `editions`, from the cache when the binary has not changed
// since; copied to `target`. The seconds seeding took (then or now) and whether it was cached.
std::optional<std::pair<double, bool>> sqliteDatabase(const QString &binary, const QString &cacheDir, int editions,
                                                       const ServerDatabase &target, bool reseed)
{
    QDir().mkpath(cacheDir);
    const QFileInfo tool(binary);
    const QString key = u"%1 %2 %3"_s.arg(tool.lastModified().toMSecsSinceEpoch()).arg(tool.size()).arg(editions);
    const QString cached = QDir(cacheDir).filePath(u"server-%1.db"_s.arg(editions));
    const QString stampPath = cached + u".stamp"_s;
    QFile stamp(stampPath);
    if (!reseed && QFileInfo::exists(cached) && stamp.open(QIODevice::ReadOnly)) {
        const QStringList parts = QString::fromUtf8(stamp.readAll()).trimmed().split(u'\n');
        stamp.close();
        if (parts.size() == 2 && parts.at(0) == key) {
            say(u"using the seeded database cached in %1"_s.arg(cached));
            QFile::remove(target.url().path());
            if (!QFile::copy(cached, target.url().path())) {
                say(u"cannot copy %1"_s.arg(cached));
                return std::nullopt;
            }
            return std::pair { parts.at(1).toDouble(), true };
        }
    }
    const auto seconds = seed(binary, target, editions);
    if (!seconds)
        return std::nullopt;
    // The stopped server checkpointed and removed its WAL: the file is the whole database.
    QFile::remove(cached);
    if (!QFile::copy(target.url().path(), cached + u".tmp"_s) || !QFile::rename(cached + u".tmp"_s, cached)) {
        say(u"cannot cache the seeded database in %1"_s.arg(cached));
    } else {
        QSaveFile out(stampPath);
        if (out.open(QIODevice::WriteOnly)) {
            out.write((key + u'\n' + QString::number(*seconds, 'f', 1) + u'\n').toUtf8());
            out.commit();
        }
    }
    return std::pair { *seconds, false };
}

// ------------------------------------------------------------------------------------- wrk

struct WrkResult
{
    bool ran = false;
    qint64 requests = 0;
    double seconds = 0;
    double requestsPerSecond = 0;
    double megabytesPerSecond = 0;
    double p50Ms = 0, p99Ms = 0;
    qint64 non2xx = 0;
    qint64 socketErrors = 0;
    qint64 editsOk = -1, editsConflict = 0, editsOther = 0;   // from the edit script
    QString output;
};

double toMs(const QString &value, const QString &unit)
{
    const double v = value.toDouble();
    if (unit == "us"_L1)
        return v / 1000;
    if (unit == "s"_L1)
        return v * 1000;
    if (unit == "m"_L1)
        return v * 60000;
    return v;
}

double toMegabytes(const QString &value, const QString &unit)
{
    const double v = value.toDouble();
    if (unit == "B"_L1)
        return v / (1024.0 * 1024.0);
    if (unit == "KB"_L1)
        return v / 1024.0;
    if (unit == "GB"_L1)
        return v * 1024.0;
    return v;
}

WrkResult runWrk(const QString &wrk, const QStringList &arguments)
{
    WrkResult r;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(wrk, arguments);
    if (!p.waitForStarted(10000) || !p.waitForFinished(10 * 60 * 1000) || p.exitCode() != 0) {
        r.output = QString::fromUtf8(p.readAll());
        say(u"wrk failed (%1): %2"_s.arg(arguments.join(u' '), r.output));
        return r;
    }
    r.output = QString::fromUtf8(p.readAll());
    r.ran = true;
    if (!r.output.contains(u"Requests/sec"_s))
        say(u"unexpected wrk output: "_s + r.output);
    const auto number = [&](const QString &pattern) -> QRegularExpressionMatch {
        return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(r.output);
    };
    if (auto m = number(u"(\\d+) requests in ([\\d.]+)(\\w+)"_s); m.hasMatch()) {
        r.requests = m.captured(1).toLongLong();
        r.seconds = toMs(m.captured(2), m.captured(3)) / 1000;
    }
    if (auto m = number(u"^Requests/sec:\\s+([\\d.]+)"_s); m.hasMatch())
        r.requestsPerSecond = m.captured(1).toDouble();
    if (auto m = number(u"^Transfer/sec:\\s+([\\d.]+)(\\w+)"_s); m.hasMatch())
        r.megabytesPerSecond = toMegabytes(m.captured(1), m.captured(2));
    if (auto m = number(u"^\\s+50%\\s+([\\d.]+)(\\w+)"_s); m.hasMatch())
        r.p50Ms = toMs(m.captured(1), m.captured(2));
    if (auto m = number(u"^\\s+99%\\s+([\\d.]+)(\\w+)"_s); m.hasMatch())
        r.p99Ms = toMs(m.captured(1), m.captured(2));
    if (auto m = number(u"Non-2xx or 3xx responses: (\\d+)"_s); m.hasMatch())
        r.non2xx = m.captured(1).toLongLong();
    if (auto m = number(u"Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)"_s); m.hasMatch())
        r.socketErrors = m.captured(1).toLongLong() + m.captured(2).toLongLong() + m.captured(3).toLongLong() + m.captured(4).toLongLong();
    if (auto m = number(u"GALLEY-EDITS ok=(\\d+) conflict=(\\d+) other=(\\d+)"_s); m.hasMatch()) {
        r.editsOk = m.captured(1).toLongLong();
        r.editsConflict = m.captured(2).toLongLong();
        r.editsOther = m.captured(3).toLongLong();
    }
    return r;
}

// Counts the status of every response (wrk's own summary only says "non-2xx").
const char *const kCountingLua = R"lua(
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; conflict = 0; other = 0 end
function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 elseif status == 409 then conflict = conflict + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local o, c, x = 0, 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); c = c + t:get("conflict"); x = x + t:get("other") end
  io.write(string.format("GALLEY-EDITS ok=%d conflict=%d other=%d\n", o, c, x))
end
)lua";

// PUT /editions/{id} {lock_version, title}: each wrk thread edits its own share of the draft
// pool round-robin (so no two of its connections edit one edition at once) and keeps every
// edition's lock_version current from the answers: a 200 carries the edited edition, a 409 the
// current copy. Only 200s count as edits.
QByteArray editLua(const QList<std::pair<qint64, qint64>> &pool, const QString &token)
{
    QByteArray lua = "local pool = {\n";
    for (const auto &[id, version] : pool)
        lua += "  {" + QByteArray::number(id) + ", " + QByteArray::number(version) + "},\n";
    lua += "}\nlocal token = \"" + token.toLatin1() + "\"\n";
    lua += R"lua(
local threads = {}
local count = 0
function setup(thread)
  count = count + 1
  thread:set("slot", count)
  table.insert(threads, thread)
end
function init(args)
  local nthreads = tonumber(args[1])
  ids = {}
  versions = {}
  for i = slot, #pool, nthreads do
    table.insert(ids, pool[i][1])
    versions[pool[i][1]] = pool[i][2]
  end
  nextIndex = 0
  n = 0
  ok = 0; conflict = 0; other = 0
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
end
function request()
  nextIndex = nextIndex % #ids + 1
  local id = ids[nextIndex]
  n = n + 1
  local body = string.format('{"lock_version":%d,"title":"Benchmark edit %d.%d"}', versions[id], slot, n)
  return wrk.format("PUT", "/api/v1/editions/" .. id, headers, body)
end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 409 then conflict = conflict + 1 else other = other + 1 end
  local id = tonumber(string.match(body, '"id":(%d+)'))
  local version = tonumber(string.match(body, '"lock_version":(%d+)'))
  if id and version and versions[id] then versions[id] = version end
end
function done(summary, latency, requests)
  local o, c, x = 0, 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); c = c + t:get("conflict"); x = x + t:get("other") end
  io.write(string.format("GALLEY-EDITS ok=%d conflict=%d other=%d\n", o, c, x))
end
)lua";
    return lua;
}

// ------------------------------------------------------------------------------- the figures

double medianMs(ApiClient &client, const QString &path, int times)
{
    QList<double> samples;
    for (int i = 0; i < times; ++i) {
        QElapsedTimer t;
        t.start();
        const ApiReply reply = client.get(path);
        if (reply.status != 200)
            return -1;
        samples << double(t.nsecsElapsed()) / 1e6;
    }
    std::sort(samples.begin(), samples.end());
    return samples.at(samples.size() / 2);
}

struct Line
{
    QString route;
    WrkResult wrk;
    double singleMs = -1;
    QString figure;    // the figure the target is about, as text
    QString target;    // "" when the line has none
    bool met = true;
};

QString perAccount(const ServerDatabase &database)
{
    const QString name = u"bench-count"_s;
    QStringList parts;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(database.url().backend() == Galley::Server::DatabaseUrl::Backend::Sqlite
                                                        ? u"QSQLITE"_s
                                                        : u"QPSQL"_s,
                                                    name);
        const Galley::Server::DatabaseUrl &url = database.url();
        if (url.backend() == Galley::Server::DatabaseUrl::Backend::Sqlite) {
            db.setDatabaseName(url.path());
        } else {
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.user());
            db.setPassword(url.password());
            db.setDatabaseName(url.databaseName());
        }
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"SELECT a.name, (SELECT COUNT(*) FROM documents d WHERE d.account_id = a.id), "
                       "(SELECT COUNT(*) FROM editions e WHERE e.account_id = a.id), "
                       "(SELECT COUNT(*) FROM changes c WHERE c.account_id = a.id) FROM accounts a ORDER BY a.id"_s)) {
                while (q.next())
                    parts << u"%1: %L2 documents, %L3 editions, %L4 feed entries"_s.arg(q.value(0).toString())
                                 .arg(q.value(1).toLongLong()).arg(q.value(2).toLongLong()).arg(q.value(3).toLongLong());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return parts.join(u"; "_s);
}

// One backend: database, server, the four runs, memory. False when something did not run.
bool benchBackend(const QString &backend, const QCommandLineParser &args, const QString &wrk)
{
    const QString binary = args.value(u"server"_s);
    const int editions = args.value(u"editions"_s).toInt();
    const QString duration = args.value(u"duration"_s);
    const QString connections = args.value(u"connections"_s);
    const QString threads = args.value(u"threads"_s);
    say(u"\n=== galley-server on %1 ==="_s.arg(backend));

    ServerDatabase database;
    if (!database.create(backend)) {
        say(u"cannot create the %1 database: %2"_s.arg(backend, database.error()));
        return false;
    }
    double seedSeconds = 0;
    bool cached = false;
    if (backend == "sqlite"_L1) {
        const auto prepared = sqliteDatabase(binary, args.value(u"data"_s), editions, database, args.isSet(u"reseed"_s));
        if (!prepared)
            return false;
        std::tie(seedSeconds, cached) = *prepared;
    } else {
        const auto seconds = seed(binary, database, editions);
        if (!seconds)
            return false;
        seedSeconds = *seconds;
    }
    const QString accounts = perAccount(database);

    Server server;
    if (!server.start(binary, serverArguments(database), 120000))
        return false;
    const QString base = server.base().toString(QUrl::StripTrailingSlash);
    ApiClient client(server.base());
    if (!client.login(u"editor@northwind.example"_s, u"galley-editor"_s)) {
        say(u"cannot log in as editor@northwind.example"_s);
        return false;
    }
    const QByteArray bearer = "Authorization: Bearer " + client.token().toLatin1();

    // The draft pool: the latest editions of documents whose latest state is draft, with their
    // current lock_version.
    QList<std::pair<qint64, qint64>> pool;
    {
        const ApiReply drafts = client.get(u"/documents?state=draft&page_size=200"_s);
        if (drafts.status != 200) {
            say(u"GET /documents?state=draft answered %1: %2"_s.arg(drafts.status).arg(QString::fromUtf8(drafts.raw.left(500))));
            return false;
        }
        for (const QJsonValue &d : drafts.data().toArray()) {
            const qint64 id = d.toObject().value(u"latest_edition_id"_s).toInteger();
            const ApiReply edition = client.get(u"/editions/%1"_s.arg(id));
            if (edition.status == 200 && edition.object().value(u"state"_s).toString() == "draft"_L1)
                pool.append({ id, edition.object().value(u"lock_version"_s).toInteger() });
        }
        if (pool.size() < 2 * connections.toInt()) {
            say(u"only %1 draft editions to edit: the edit figure needs at least %2"_s.arg(pool.size()).arg(2 * connections.toInt()));
            return false;
        }
    }

    QTemporaryDir scripts;
    const auto script = [&scripts](const QString &name, const QByteArray &text) {
        const QString path = scripts.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(text);
        return path;
    };
    const QString counting = script(u"count.lua"_s, kCountingLua);
    const QString editing = script(u"edit.lua"_s, editLua(pool, client.token()));
    const QStringList common { u"-t"_s + threads, u"-c"_s + connections, u"-d"_s + duration, u"--timeout"_s, u"10s"_s, u"--latency"_s };

    QList<Line> lines;
    const auto get = [&](const QString &route, const QString &path, bool authorised) {
        Line line;
        line.route = route;
        line.singleMs = medianMs(client, path, 25);
        QStringList a = common;
        if (authorised)
            a << u"-H"_s << QString::fromLatin1(bearer);
        a << u"-s"_s << counting << base + path;
        line.wrk = runWrk(wrk, a);
        return line;
    };
    lines << get(u"GET /api (trivial)"_s, u"/api"_s, false);
    // Not a target: the floor of an authenticated route (token lookup, caller, envelope), which
    // tells how much of a list's cost is the list.
    lines << get(u"GET /api/v1/me (authenticated floor)"_s, u"/api/v1/me"_s, true);
    lines << get(u"GET /api/v1/documents?page_size=50"_s, u"/api/v1/documents?page_size=50"_s, true);
    lines << get(u"GET /api/v1/changes?limit=500"_s, u"/api/v1/changes?limit=500"_s, true);
    {
        Line line;
        line.route = u"PUT /api/v1/editions/{id} (title)"_s;
        line.wrk = runWrk(wrk, common + QStringList { u"-s"_s, editing, base + u"/api/v1/editions"_s, u"--"_s, threads });
        lines << line;
    }
    const auto [rssKb, hwmKb] = server.memoryKb();
    const bool stopped = server.stop();

    // The table.
    say(u"\ngalley-server on %1: %2; seeding %3 s%4; wrk -t%5 -c%6 -d%7, %8 draft editions in the edit pool"_s
            .arg(backend, accounts, QString::number(seedSeconds, 'f', 1), cached ? u" (cached run)"_s : QString(), threads,
                 connections, duration)
            .arg(pool.size()));
    const Line &trivial = lines.at(0);
    Line &documents = lines[2];
    Line &changes = lines[3];
    Line &edits = lines[4];
    documents.figure = u"%1 req/s"_s.arg(documents.wrk.requestsPerSecond, 0, 'f', 0);
    documents.target = u">= %1 req/s"_s.arg(kDocumentsTarget, 0, 'f', 0);
    documents.met = documents.wrk.requestsPerSecond >= kDocumentsTarget;
    changes.figure = u"%1 MB/s"_s.arg(changes.wrk.megabytesPerSecond, 0, 'f', 1);
    changes.target = u">= %1 MB/s"_s.arg(kChangesTarget, 0, 'f', 0);
    changes.met = changes.wrk.megabytesPerSecond >= kChangesTarget;
    const double editsPerSecond = edits.wrk.seconds > 0 ? double(std::max<qint64>(0, edits.wrk.editsOk)) / edits.wrk.seconds : 0;
    edits.figure = u"%1 edits/s"_s.arg(editsPerSecond, 0, 'f', 0);
    edits.target = u">= %1 edits/s"_s.arg(kEditsTarget, 0, 'f', 0);
    edits.met = editsPerSecond >= kEditsTarget;

    std::printf("%-38s %10s %9s %9s %9s %9s %9s  %-16s %-16s %s\n", "route", "req/s", "p50 ms", "p99 ms", "MB/s", "non-2xx",
                "1 req ms", "figure", "target", "");
    for (const Line &l : std::as_const(lines)) {
        std::printf("%-38s %10.0f %9.2f %9.2f %9.1f %9lld %9s  %-16s %-16s %s\n", qPrintable(l.route), l.wrk.requestsPerSecond,
                    l.wrk.p50Ms, l.wrk.p99Ms, l.wrk.megabytesPerSecond, l.wrk.non2xx,
                    l.singleMs >= 0 ? qPrintable(QString::number(l.singleMs, 'f', 2)) : "-", qPrintable(l.figure),
                    qPrintable(l.target), l.target.isEmpty() ? "" : l.met ? "PASS" : "MISS");
    }
    std::printf("%-38s %10.2f\n", "documents / trivial (req/s ratio)",
                trivial.wrk.requestsPerSecond > 0 ? documents.wrk.requestsPerSecond / trivial.wrk.requestsPerSecond : 0.0);
    std::printf("%-38s %10lld ok, %lld conflicts (409), %lld other\n", "edits", edits.wrk.editsOk, edits.wrk.editsConflict,
                edits.wrk.editsOther);
    const double rssMb = double(rssKb) / 1024;
    std::printf("%-38s %10.1f MB (peak %.1f MB)%*s  %-16s %-16s %s\n", "server memory after the runs (VmRSS)", rssMb,
                double(hwmKb) / 1024, 25, "", qPrintable(u"%1 MB"_s.arg(rssMb, 0, 'f', 0)),
                qPrintable(u"<= %1 MB"_s.arg(kRssTarget, 0, 'f', 0)), rssMb <= kRssTarget ? "PASS" : "MISS");
    std::fflush(stdout);

    // What makes the run count as failed rather than slow.
    bool ok = stopped;
    if (!stopped)
        say(u"the server did not stop cleanly: %1"_s.arg(QString::fromUtf8(server.errors().right(2000))));
    for (const Line &l : std::as_const(lines)) {
        const qint64 bad = l.wrk.editsOk >= 0 ? l.wrk.editsConflict + l.wrk.editsOther : l.wrk.non2xx;
        const qint64 good = l.wrk.editsOk >= 0 ? l.wrk.editsOk : l.wrk.requests - l.wrk.non2xx;
        if (!l.wrk.ran || l.wrk.requests == 0 || good <= bad) {
            say(u"%1: %2 of %3 responses were not successful"_s.arg(l.route).arg(bad).arg(l.wrk.requests));
            ok = false;
        }
    }
    if (rssKb <= 0) {
        say(u"cannot read the server's memory"_s);
        ok = false;
    }
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"galley-server throughput on a large demo workspace (wrk over loopback)."_s);
    parser.addHelpOption();
    parser.addOptions({
        { u"server"_s, u"The galley-server binary."_s, u"path"_s },
        { u"data"_s, u"Directory for the cached seeded SQLite database."_s, u"dir"_s },
        // About 160,000 editions in all put ~100,000 in the larger account (Northwind Media,
        // whose editor the benchmark logs in as); the generator splits them about 64:36.
        { u"editions"_s, u"Editions of the seeded demo, in all."_s, u"n"_s, u"160000"_s },
        { u"duration"_s, u"wrk -d for every run."_s, u"d"_s, u"10s"_s },
        { u"connections"_s, u"wrk -c."_s, u"n"_s, u"64"_s },
        { u"threads"_s, u"wrk -t."_s, u"n"_s, u"2"_s },
        { u"backend"_s, u"sqlite, postgresql or both (postgresql only with GALLEY_TEST_PG_HOST)."_s, u"name"_s, u"both"_s },
        { u"reseed"_s, u"Seed the SQLite database again even if a cached one matches."_s },
    });
    parser.process(app);
    if (!QFileInfo(parser.value(u"server"_s)).isExecutable() || parser.value(u"data"_s).isEmpty()) {
        say(u"usage: bench_server --server PATH --data DIR [--editions N]"_s);
        return 2;
    }
    const QString wrk = QStandardPaths::findExecutable(u"wrk"_s);
    if (wrk.isEmpty()) {
        say(u"wrk is not installed (packaging/debian-packages.txt lists it)"_s);
        return 1;
    }

    QStringList backends;
    const QString which = parser.value(u"backend"_s);
    if (which == "both"_L1 || which == "sqlite"_L1)
        backends << u"sqlite"_s;
    if (which == "both"_L1 || which == "postgresql"_L1) {
        if (ServerDatabase::postgresAvailable())
            backends << u"postgresql"_s;
        else
            say(u"PostgreSQL skipped: %1"_s.arg(QString::fromLatin1(ServerDatabase::skipReason())));
    }
    bool ok = true;
    for (const QString &backend : std::as_const(backends))
        ok = benchBackend(backend, parser, wrk) && ok;
    return ok ? 0 : 1;
}
