// The initial-sync progress line: what it says, the indeterminate bar, cancel and resume.
#include "synctesthelpers.h"
#include "syncprogresswidget.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QVBoxLayout>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

SyncProgress running(qint64 items, qint64 total, qint64 bytes, qint64 remainingMs)
{
    SyncProgress p;
    p.active = true;
    p.initial = true;
    p.items = items;
    p.totalItems = total;
    p.bytes = bytes;
    p.elapsedMs = 41000;
    p.remainingMs = remainingMs;
    return p;
}

} // namespace

class TestSyncProgressWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpGuiTest(); }

    void hiddenWithoutAnInitialSync();
    void saysHowFarItIs();
    void unknownTotalIsIndeterminate();
    void cancelPausesAndResumeGoesOn();
    void remaining_data();
    void remaining();
    void screenshots();

private:
    struct Host
    {
        QWidget window;
        SyncProgressWidget *progress = nullptr;
        Host()
        {
            auto *layout = new QVBoxLayout(&window);
            progress = new SyncProgressWidget(&window);
            layout->addWidget(progress);
            layout->addStretch(1);
            window.resize(760, 60);
        }
    };
};

void TestSyncProgressWidget::hiddenWithoutAnInitialSync()
{
    Host host;
    host.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host.window));
    QVERIFY(!host.progress->isVisible());
    // An incremental pull is not shown here.
    SyncProgress incremental = running(10, 20, 1000, 500);
    incremental.initial = false;
    host.progress->setProgress(incremental);
    QVERIFY(!host.progress->isVisible());
    host.progress->setProgress(running(10, 20, 1000, 500));
    QVERIFY(host.progress->isVisible());
    SyncProgress done = running(20, 20, 2000, 0);
    done.active = false;
    host.progress->setProgress(done);
    QVERIFY(!host.progress->isVisible());
}

void TestSyncProgressWidget::saysHowFarItIs()
{
    Host host;
    host.window.show();
    host.progress->setProgress(running(12345, 100000, 12'300'000, 20000));
    QVERIFY(host.progress->isVisible());
    QCOMPARE(host.progress->text(), u"Downloading 12,345 of 100,000 items · 12.3 MB · about 20 s left"_s);
    auto *bar = host.progress->findChild<QProgressBar *>(u"syncProgressBar"_s);
    QVERIFY(bar && bar->isVisible());
    QCOMPARE(bar->maximum(), 1000);
    QCOMPARE(bar->value(), 123);
    auto *cancel = host.progress->findChild<QPushButton *>(u"syncCancelButton"_s);
    QVERIFY(cancel->isVisible());
    QVERIFY(!host.progress->findChild<QPushButton *>(u"syncResumeButton"_s)->isVisible());
    // An estimate that grew past the total does not say "120 of 100".
    host.progress->setProgress(running(120, 100, 0, -1));
    QCOMPARE(host.progress->text(), u"Downloading 120 of 120 items"_s);
    QCOMPARE(bar->value(), 1000);
}

void TestSyncProgressWidget::unknownTotalIsIndeterminate()
{
    Host host;
    host.window.show();
    host.progress->setProgress(running(12345, -1, 12'300'000, -1));
    auto *bar = host.progress->findChild<QProgressBar *>(u"syncProgressBar"_s);
    QCOMPARE(bar->minimum(), 0);
    QCOMPARE(bar->maximum(), 0);
    QCOMPARE(host.progress->text(), u"Downloading: 12,345 items so far · 12.3 MB"_s);
}

void TestSyncProgressWidget::cancelPausesAndResumeGoesOn()
{
    Host host;
    host.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host.window));
    QSignalSpy cancelled(host.progress, &SyncProgressWidget::cancelRequested);
    QSignalSpy resumed(host.progress, &SyncProgressWidget::resumeRequested);
    host.progress->setProgress(running(5000, 100000, 4'000'000, 90000));
    QTest::mouseClick(host.progress->findChild<QPushButton *>(u"syncCancelButton"_s), Qt::LeftButton);
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(host.progress->isPaused());

    // The engine stops: the progress is no longer active, the pause stays on screen.
    SyncProgress stopped = running(5200, 100000, 4'100'000, -1);
    stopped.active = false;
    host.progress->setProgress(stopped);
    QVERIFY(host.progress->isVisible());
    QCOMPARE(host.progress->text(), u"Sync paused — 5,200 of 100,000 items downloaded so far"_s);
    auto *resume = host.progress->findChild<QPushButton *>(u"syncResumeButton"_s);
    QVERIFY(resume->isVisible());
    QVERIFY(!host.progress->findChild<QPushButton *>(u"syncCancelButton"_s)->isVisible());
    QVERIFY(!host.progress->findChild<QProgressBar *>(u"syncProgressBar"_s)->isVisible());

    QTest::mouseClick(resume, Qt::LeftButton);
    QCOMPARE(resumed.size(), 1);
    QVERIFY(!host.progress->isPaused());
    QVERIFY(!host.progress->isVisible());   // until the engine reports the pull running again
    host.progress->setProgress(running(5300, 100000, 4'200'000, 60000));
    QVERIFY(host.progress->isVisible());
    QVERIFY(host.progress->text().startsWith(u"Downloading 5,300 of 100,000 items"_s));

    // setPaused() from outside (the engine stopped the pull itself).
    host.progress->setPaused(true);
    QVERIFY(host.progress->text().startsWith(u"Sync paused"_s));
}

void TestSyncProgressWidget::remaining_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown") << qint64(-1) << QString();
    QTest::newRow("few") << qint64(4000) << u"a few seconds left"_s;
    QTest::newRow("seconds-rounded-up-to-5") << qint64(17200) << u"about 20 s left"_s;
    QTest::newRow("one-minute") << qint64(75000) << u"about 1 min left"_s;
    QTest::newRow("minutes") << qint64(10 * 60000 + 40000) << u"about 11 min left"_s;
    QTest::newRow("hours") << qint64(2 * 3600000 + 5 * 60000) << u"about 2 h 5 min left"_s;
}

void TestSyncProgressWidget::remaining()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(SyncProgressWidget::remaining(ms), text);
}

void TestSyncProgressWidget::screenshots()
{
    if (qEnvironmentVariableIsEmpty("GALLEY_SCREENSHOT_DIR"))
        QSKIP("GALLEY_SCREENSHOT_DIR not set");
    for (bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        const QString suffix = dark ? u"-dark"_s : u"-light"_s;
        {
            Host host;
            host.progress->setProgress(running(12345, 100000, 12'300'000, 20000));
            host.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&host.window));
            saveScreenshot(host.progress, u"sync-progress%1.png"_s.arg(suffix));
        }
        {
            Host host;
            host.progress->setProgress(running(12345, -1, 12'300'000, -1));
            host.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&host.window));
            QTest::qWait(200);   // let the indeterminate bar move
            saveScreenshot(host.progress, u"sync-progress-indeterminate%1.png"_s.arg(suffix));
        }
        {
            Host host;
            SyncProgress stopped = running(5200, 100000, 4'100'000, -1);
            stopped.active = false;
            host.progress->setProgress(stopped);
            host.progress->setPaused(true);
            host.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&host.window));
            saveScreenshot(host.progress, u"sync-progress-paused%1.png"_s.arg(suffix));
        }
    }
}

QTEST_MAIN(TestSyncProgressWidget)
#include "tst_syncprogresswidget.moc"
