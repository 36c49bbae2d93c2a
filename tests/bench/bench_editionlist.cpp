// Edition list benchmark on a large replica (200,000 editions by default), on the
// offscreen platform. Prints one line per figure with its target:
//   cold start to the first painted page of the Content tab (the real `galley` process)
//   resident memory of that process with the replica open
//   switching the site filter / the sort order to the first visible page
//   full-text search to the first visible page
//   fetchMore page latency while scrolling through the whole list
//   frame time of 50 jumps from top to bottom of the fully loaded list
//   resident memory of this process with all rows loaded
#include "itemmodels/editiontablemodel.h"
#include "itemmodels/tenanttreemodel.h"
#include "store/localstore.h"
#include "store/storeworker.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHeaderView>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Galley;

namespace {

struct Stats
{
    QList<double> samples;
    double median() const
    {
        auto s = samples;
        std::sort(s.begin(), s.end());
        return s.isEmpty() ? 0 : s.at(s.size() / 2);
    }
    double p95() const
    {
        auto s = samples;
        std::sort(s.begin(), s.end());
        return s.isEmpty() ? 0 : s.at(qMin(s.size() - 1, qsizetype(s.size() * 0.95)));
    }
    double max() const { return samples.isEmpty() ? 0 : *std::max_element(samples.begin(), samples.end()); }
};

void report(const char *name, double value, const char *unit, double target, const char *extra = "")
{
    std::printf("%-58s %10.2f %-3s (target <= %g %s) %s %s\n", name, value, unit, target, unit,
                value <= target ? "MET" : "MISSED", extra);
    std::fflush(stdout);
}

qint64 residentKb(qint64 pid = 0)
{
    QFile f(pid ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const auto lines = f.readAll().split('\n');
    for (const QByteArray &l : lines) {
        if (l.startsWith("VmRSS:"))
            return l.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Waits until the view has painted once more (the first paint after the data changed).
class PaintWatcher : public QObject
{
public:
    explicit PaintWatcher(QWidget *viewport) { viewport->installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

// Time from the change to the first page painted in the view.
double timeToFirstPaint(QTableView &view, EditionTableModel &model, PaintWatcher &watcher, const std::function<void()> &change)
{
    QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
    QElapsedTimer t;
    t.start();
    change();
    if (!first.wait(5000))
        return 99999;
    const int paintsBefore = watcher.paints;
    view.viewport()->update();
    while (watcher.paints == paintsBefore)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return double(t.nsecsElapsed()) / 1e6;
}

bool ensureReplica(const QString &datagen, const QString &path, int editions)
{
    const QFileInfo replica(path), tool(datagen);
    if (replica.exists() && replica.lastModified() > tool.lastModified()) {
        std::printf("using cached replica %s\n", qPrintable(path));
        return true;
    }
    std::printf("generating a %d-edition replica (once; cached in the build tree)…\n", editions);
    std::fflush(stdout);
    QElapsedTimer t;
    t.start();
    QProcess gen;
    gen.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gen.start(datagen, { QStringLiteral("--out"), path, QStringLiteral("--editions"), QString::number(editions),
                         QStringLiteral("--force") });
    if (!gen.waitForFinished(30 * 60 * 1000) || gen.exitCode() != 0) {
        std::printf("galley-datagen failed\n");
        return false;
    }
    std::printf("%-58s %10.2f s\n", "generating the replica", double(t.elapsed()) / 1000);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("datagen"), QStringLiteral("galley-datagen binary"), QStringLiteral("path") },
        { QStringLiteral("app"), QStringLiteral("galley binary"), QStringLiteral("path") },
        { QStringLiteral("replica"), QStringLiteral("replica file"), QStringLiteral("path") },
        { QStringLiteral("editions"), QStringLiteral("editions in the replica"), QStringLiteral("n"), QStringLiteral("200000") },
    });
    parser.process(app);
    const QString replica = parser.value(QStringLiteral("replica"));
    const int editions = parser.value(QStringLiteral("editions")).toInt();
    if (!ensureReplica(parser.value(QStringLiteral("datagen")), replica, editions))
        return 1;

    // --- cold start of the real application -------------------------------------------------
    {
        Stats start;
        qint64 rss = -1;
        for (int run = 0; run < 5; ++run) {
            QProcess galley;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), QFileInfo(replica).absolutePath() + QStringLiteral("/config"));
            galley.setProcessEnvironment(env);
            QElapsedTimer t;
            t.start();
            galley.start(parser.value(QStringLiteral("app")),
                         { QStringLiteral("--workspace"), replica, QStringLiteral("--startup-report"),
                           QStringLiteral("--size"), QStringLiteral("1280x800") });
            double painted = -1;
            while (galley.waitForReadyRead(10000)) {
                while (galley.canReadLine()) {
                    const QByteArray line = galley.readLine().trimmed();
                    if (line.startsWith("first-page-painted")) {
                        painted = double(t.nsecsElapsed()) / 1e6;
                    } else if (line.startsWith("rss-kb")) {
                        rss = qMax(rss, line.split(' ').last().toLongLong());
                    }
                }
                if (galley.state() == QProcess::NotRunning || rss > 0)
                    break;
            }
            galley.waitForFinished(10000);
            if (painted < 0) {
                std::printf("galley did not report its first page: %s\n", galley.readAllStandardError().constData());
                return 1;
            }
            if (run > 0)   // the first run warms the page cache: the figure is for a warm disk
                start.samples << painted;
        }
        report("cold start to first painted Content page (median)", start.median(), "ms", 500);
        report("resident memory of galley with the replica open", double(rss) / 1024, "MB", 150);
    }

    auto store = LocalStore::open(replica);
    if (!store) {
        std::printf("%s\n", qPrintable(store.error().message));
        return 1;
    }
    StoreWorker worker(store.value()->path());
    EditionTableModel model(&worker);
    QTableView view;
    view.setModel(&model);
    view.verticalHeader()->hide();
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.horizontalHeader()->setSectionResizeMode(EditionTableModel::TitleColumn, QHeaderView::Stretch);
    view.setSortingEnabled(false);
    view.resize(1280, 800);
    view.show();
    PaintWatcher watcher(view.viewport());
    if (!QTest::qWaitForWindowExposed(&view))
        return 1;

    timeToFirstPaint(view, model, watcher, [&] { model.refresh(); });

    QList<Id> sites;
    QStringList words;
    {
        QSqlQuery q(store.value()->connection());
        q.exec(QStringLiteral("SELECT id, account_id FROM sites ORDER BY id"));
        while (q.next())
            sites << q.value(0).toLongLong();
        QSqlQuery w(store.value()->connection());
        w.exec(QStringLiteral("SELECT title FROM editions WHERE id % 997 = 0 LIMIT 40"));
        while (w.next()) {
            const auto parts = w.value(0).toString().split(u' ', Qt::SkipEmptyParts);
            for (const QString &p : parts) {
                if (p.size() >= 5 && p.at(0).isLetter() && !words.contains(p.toLower()))
                    words << p.toLower();
            }
        }
        words << QStringLiteral("quarterly revenue") << QStringLiteral("council") << QStringLiteral("annu")
              << QStringLiteral("election results") << QStringLiteral("interview");
    }

    // --- switching the site filter ----------------------------------------------------------
    Stats siteSwitch;
    for (int round = 0; round < 4; ++round) {
        for (Id site : sites) {
            EditionFilter f;
            f.scope.siteId = site;
            siteSwitch.samples << timeToFirstPaint(view, model, watcher, [&] { model.setFilter(f); });
        }
        siteSwitch.samples << timeToFirstPaint(view, model, watcher, [&] { model.setFilter({}); });
    }
    report("switch site filter to first visible page (median)", siteSwitch.median(), "ms", 30,
           qPrintable(QStringLiteral("p95 %1 ms, max %2 ms, n=%3").arg(siteSwitch.p95(), 0, 'f', 2).arg(siteSwitch.max(), 0, 'f', 2).arg(siteSwitch.samples.size())));

    // --- switching the sort order -----------------------------------------------------------
    Stats sortSwitch;
    for (int round = 0; round < 3; ++round) {
        for (int c = 0; c < EditionTableModel::ColumnCount; ++c) {
            for (Qt::SortOrder o : { Qt::AscendingOrder, Qt::DescendingOrder })
                sortSwitch.samples << timeToFirstPaint(view, model, watcher, [&] { model.sort(c, o); });
        }
    }
    report("switch sort order to first visible page (median)", sortSwitch.median(), "ms", 30,
           qPrintable(QStringLiteral("p95 %1 ms, max %2 ms, n=%3").arg(sortSwitch.p95(), 0, 'f', 2).arg(sortSwitch.max(), 0, 'f', 2).arg(sortSwitch.samples.size())));

    // Sort and site filter together (the worst combination for the planner).
    Stats combined;
    for (Id site : sites) {
        for (int c = 0; c < EditionTableModel::ColumnCount; ++c) {
            model.sort(c, Qt::AscendingOrder);
            EditionFilter f;
            f.scope.siteId = site;
            combined.samples << timeToFirstPaint(view, model, watcher, [&] { model.setFilter(f); });
        }
    }
    report("site filter under every sort order (median)", combined.median(), "ms", 30,
           qPrintable(QStringLiteral("p95 %1 ms, max %2 ms, n=%3").arg(combined.p95(), 0, 'f', 2).arg(combined.max(), 0, 'f', 2).arg(combined.samples.size())));

    // Account scope and state filter under every sort order (not targets of their own;
    // printed against the same 30 ms so that a slow combination shows).
    QList<Id> accounts;
    {
        QSqlQuery q(store.value()->connection());
        q.exec(QStringLiteral("SELECT id FROM accounts ORDER BY id"));
        while (q.next())
            accounts << q.value(0).toLongLong();
    }
    Stats byAccount;
    for (Id account : accounts) {
        for (int c = 0; c < EditionTableModel::ColumnCount; ++c) {
            model.sort(c, Qt::AscendingOrder);
            EditionFilter f;
            f.scope.accountId = account;
            byAccount.samples << timeToFirstPaint(view, model, watcher, [&] { model.setFilter(f); });
        }
    }
    report("account scope under every sort order (median)", byAccount.median(), "ms", 30,
           qPrintable(QStringLiteral("p95 %1 ms, max %2 ms, n=%3").arg(byAccount.p95(), 0, 'f', 2).arg(byAccount.max(), 0, 'f', 2).arg(byAccount.samples.size())));
    Stats byState;
    for (EditionState state : allEditionStates()) {
        for (int c = 0; c < EditionTableModel::ColumnCount; ++c) {
            model.sort(c, Qt::AscendingOrder);
            EditionFilter f;
            f.state = state;
            byState.samples << timeToFirstPaint(view, model, watcher, [&] { model.setFilter(f); });
        }
    }
    report("state filter under every sort order (median)", byState.median(), "ms", 30,
           qPrintable(QStringLiteral("p95 %1 ms, max %2 ms, n=%3").arg(byState.p95(), 0, 'f', 2).arg(byState.max(), 0, 'f', 2).arg(byState.samples.size())));

    // --- full-text search -------------------------------------------------------------------
    model.setFilter({});
    model.sort(EditionTableModel::UpdatedColumn, Qt::DescendingOrder);
    Stats search;
    for (const QString &w : std::as_const(words)) {
        EditionFilter f;
        f.text = w;
        search.samples << timeToFirstPaint(view, model, watcher, [&] { model.setFilter(f); });
    }
    report("full-text search to first visible page (median)", search.median(), "ms", 30,
           qPrintable(QStringLiteral("p95 %1 ms, max %2 ms, n=%3 queries").arg(search.p95(), 0, 'f', 2).arg(search.max(), 0, 'f', 2).arg(search.samples.size())));

    // --- scrolling through the whole list ---------------------------------------------------
    timeToFirstPaint(view, model, watcher, [&] { model.setFilter({}); });
    Stats fetch;
    QElapsedTimer all;
    all.start();
    while (model.canFetchMore({})) {
        QSignalSpy appended(&model, &EditionTableModel::pageAppended);
        QElapsedTimer t;
        t.start();
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());   // the view asks for more
        if (!model.isLoading())
            model.fetchMore({});
        if (!appended.wait(5000))
            break;
        fetch.samples << double(t.nsecsElapsed()) / 1e6;
    }
    std::printf("%-58s %10d rows in %.2f s\n", "loaded through fetchMore while scrolling", model.rowCount(),
                double(all.elapsed()) / 1000);
    report("fetchMore: next page while scrolling (median)", fetch.median(), "ms", 8,
           qPrintable(QStringLiteral("p95 %1 ms, %2 rows/page").arg(fetch.p95(), 0, 'f', 2).arg(model.pageSize())));

    Stats frames;
    QScrollBar *bar = view.verticalScrollBar();
    view.scrollToTop();
    QCoreApplication::processEvents();
    for (int jump = 1; jump <= 50; ++jump) {
        const int paintsBefore = watcher.paints;
        QElapsedTimer t;
        t.start();
        bar->setValue(int(qint64(bar->maximum()) * jump / 50));
        view.viewport()->repaint();
        while (watcher.paints == paintsBefore)
            QCoreApplication::processEvents();
        frames.samples << double(t.nsecsElapsed()) / 1e6;
    }
    report("scroll top to bottom in 50 jumps: frame time (max)", frames.max(), "ms", 8,
           qPrintable(QStringLiteral("median %1 ms over %2 rows").arg(frames.median(), 0, 'f', 2).arg(model.rowCount())));
    report("resident memory of this process, all rows loaded", double(residentKb()) / 1024, "MB", 150);
    return 0;
}
