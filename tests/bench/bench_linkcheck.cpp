// Link checking benchmark: 200 distinct links checked by the server's LinkChecker (8 at a time,
// HEAD first, redirects by hand) against a local HTTP server on its own thread. Prints the wall
// time of three runs of 200 ok links and one of 200 mixed links (ok, same-host redirect, 404
// refused HEAD then GET). Target: ≤ 3 s for 200 links. Reports MISS when the target is missed;
// fails only when something does not run.
#include "common/routinghttpserver.h"

#include "linkcheck/linkchecker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;
using Galley::Server::LinkChecker;
using Galley::Server::LinkCheckResult;

namespace {

constexpr int kLinks = 200;
constexpr qint64 kTargetMs = 3000;

// Checks `urls` once; the elapsed milliseconds and the results (empty on failure).
qint64 run(LinkChecker &checker, const QStringList &urls, QList<LinkCheckResult> *results)
{
    QSignalSpy finished(&checker, &LinkChecker::batchFinished);
    QElapsedTimer clock;
    clock.start();
    checker.check(urls, {});
    if (!finished.wait(60000))
        return -1;
    const qint64 ms = clock.elapsed();
    *results = finished.constFirst().at(1).value<QList<LinkCheckResult>>();
    return ms;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    using R = RoutingHttpServer::Response;

    QThread serverThread;
    auto *server = new RoutingHttpServer;
    for (int i = 0; i < kLinks; ++i) {
        const QByteArray n = QByteArray::number(i);
        server->route("/page/" + n, R {});
        server->route("/moved/" + n, R { 301, { { "Location", "/page/" + n } }, 0, false, 0 });
        server->route("/head-refused/" + n, R { 200, {}, 0, false, 405 });
    }
    server->moveToThread(&serverThread);
    serverThread.start();
    bool listening = false;
    QMetaObject::invokeMethod(server, [&] { listening = server->listen(); }, Qt::BlockingQueuedConnection);
    if (!listening) {
        std::fprintf(stderr, "bench_linkcheck: cannot listen on loopback\n");
        return 1;
    }

    QStringList ok, mixed;
    for (int i = 0; i < kLinks; ++i) {
        ok << server->url(u"127.0.0.1"_s, u"/page/%1"_s.arg(i));
        switch (i % 4) {
        case 0: mixed << server->url(u"127.0.0.1"_s, u"/page/%1"_s.arg(i)); break;
        case 1: mixed << server->url(u"127.0.0.1"_s, u"/moved/%1"_s.arg(i)); break;
        case 2: mixed << server->url(u"127.0.0.1"_s, u"/missing/%1"_s.arg(i)); break;
        default: mixed << server->url(u"127.0.0.1"_s, u"/head-refused/%1"_s.arg(i)); break;
        }
    }

    int failures = 0;
    bool missed = false;
    {
        LinkChecker checker;
        QList<qint64> times;
        for (int round = 0; round < 3; ++round) {
            QList<LinkCheckResult> results;
            const qint64 ms = run(checker, ok, &results);
            const auto okCount = std::count_if(results.cbegin(), results.cend(),
                                               [](const LinkCheckResult &r) { return r.status == LinkStatus::Ok; });
            if (ms < 0 || okCount != kLinks) {
                std::fprintf(stderr, "bench_linkcheck: run %d failed (%lld of %d ok)\n", round, qint64(okCount), kLinks);
                ++failures;
                continue;
            }
            times << ms;
        }
        std::sort(times.begin(), times.end());
        if (!times.isEmpty()) {
            const qint64 median = times.at(times.size() / 2);
            missed = missed || median > kTargetMs;
            std::printf("link check, %d ok links, 8 at a time: median %lld ms (runs:", kLinks, median);
            for (const qint64 t : std::as_const(times))
                std::printf(" %lld", t);
            std::printf(") target <= %lld ms %s\n", kTargetMs, median > kTargetMs ? "MISS" : "ok");
        }
        QList<LinkCheckResult> results;
        const qint64 ms = run(checker, mixed, &results);
        QHash<LinkStatus, int> counts;
        for (const LinkCheckResult &r : std::as_const(results))
            ++counts[r.status];
        if (ms < 0 || counts.value(LinkStatus::Ok) != kLinks * 3 / 4 || counts.value(LinkStatus::Broken) != kLinks / 4) {
            std::fprintf(stderr, "bench_linkcheck: the mixed run failed\n");
            ++failures;
        } else {
            missed = missed || ms > kTargetMs;
            std::printf("link check, %d mixed links (ok, redirect, 404 HEAD+GET, HEAD refused): %lld ms target <= %lld ms %s\n",
                        kLinks, ms, kTargetMs, ms > kTargetMs ? "MISS" : "ok");
        }
    }
    std::fflush(stdout);

    QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    Q_UNUSED(missed);
    return failures == 0 ? 0 : 1;
}
