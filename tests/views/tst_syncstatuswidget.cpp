// The sync status in the status bar: its words, counts, tooltip and menu, and readable colours
// in light and dark palettes. GALLEY_SCREENSHOT_DIR=DIR saves pictures of it.
#include "synctesthelpers.h"
#include "syncstatuswidget.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTimeZone>
#include <QToolButton>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

using C = SyncStatus::Connection;

namespace {

const QDateTime kNow(QDate(2026, 11, 22), QTime(12, 0), QTimeZone::UTC);

SyncStatus sample(C connection)
{
    SyncStatus s;
    s.connection = connection;
    s.pending = 5;
    s.conflicts = 1;
    s.failed = 2;
    s.lastSync = kNow.addSecs(-120);
    s.liveUpdates = connection == C::Online;
    s.serverUrl = u"https://galley.example.com"_s;
    s.userName = u"Dana Whitfield"_s;
    if (connection == C::Error)
        s.lastError = u"The server answered 500 Internal Server Error."_s;
    return s;
}

} // namespace

class TestSyncStatusWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpGuiTest(); }

    void connectionWords_data();
    void connectionWords();
    void countsNeedingAPersonStandApart();
    void singularCounts();
    void localWorkspaceShowsNoSyncDetails();
    void tooltipHasTheDetails();
    void menuAsksForActions();
    void problemsButtonOpensOutbox();
    void lastSyncLabel_data();
    void lastSyncLabel();
    void readableInLightAndDark_data();
    void readableInLightAndDark();
    void screenshots();
};

void TestSyncStatusWidget::connectionWords_data()
{
    QTest::addColumn<int>("connection");
    QTest::addColumn<QString>("text");
    QTest::newRow("local") << int(C::Local) << u"Local workspace"_s;
    QTest::newRow("working-offline") << int(C::WorkingOffline) << u"Working offline"_s;
    QTest::newRow("offline") << int(C::Offline) << u"Offline — changes are kept and sent later"_s;
    QTest::newRow("connecting") << int(C::Connecting) << u"Connecting…"_s;
    QTest::newRow("online") << int(C::Online) << u"Online"_s;
    QTest::newRow("syncing") << int(C::Syncing) << u"Syncing…"_s;
    QTest::newRow("sign-in-required") << int(C::SignInRequired) << u"Sign-in needed"_s;
    QTest::newRow("error") << int(C::Error) << u"Sync error"_s;
}

void TestSyncStatusWidget::connectionWords()
{
    QFETCH(int, connection);
    QFETCH(QString, text);
    SyncStatusWidget w;
    w.setStatus(sample(C(connection)));
    QCOMPARE(w.connectionText(), text);
    auto *button = w.findChild<QToolButton *>(u"syncConnectionButton"_s);
    QVERIFY(button);
    QVERIFY(!button->icon().isNull());   // an icon as well as the word
    QCOMPARE(button->menu(), w.menu());
    QVERIFY(button->accessibleName().contains(text));
}

void TestSyncStatusWidget::countsNeedingAPersonStandApart()
{
    SyncStatusWidget w;
    w.setReferenceTime(kNow);
    w.setStatus(sample(C::Online));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // 5 pending, of which 1 conflict and 2 refused: 2 simply wait.
    QCOMPARE(w.pendingText(), u"2 changes waiting"_s);
    QCOMPARE(w.problemsText(), u"1 conflict · 2 refused"_s);
    QCOMPARE(w.lastSyncText(), u"Synced 2 min ago"_s);
    auto *problems = w.findChild<QToolButton *>(u"syncProblemsButton"_s);
    QVERIFY(problems->isVisible());
    QVERIFY(!problems->icon().isNull());
    // Tinted, not in the normal text colour.
    QVERIFY(problems->palette().color(QPalette::ButtonText) != w.palette().color(QPalette::WindowText));

    SyncStatus calm = sample(C::Online);
    calm.pending = 0;
    calm.conflicts = 0;
    calm.failed = 0;
    w.setStatus(calm);
    QCOMPARE(w.pendingText(), QString());
    QCOMPARE(w.problemsText(), QString());
    QVERIFY(!problems->isVisible());

    SyncStatus onlyWaiting = calm;
    onlyWaiting.pending = 12345;
    w.setStatus(onlyWaiting);
    QCOMPARE(w.pendingText(), u"12,345 changes waiting"_s);
    QCOMPARE(w.problemsText(), QString());
}

void TestSyncStatusWidget::singularCounts()
{
    SyncStatusWidget w;
    SyncStatus s = sample(C::Offline);
    s.pending = 3;
    s.conflicts = 1;
    s.failed = 1;
    w.setStatus(s);
    QCOMPARE(w.pendingText(), u"1 change waiting"_s);
    QCOMPARE(w.problemsText(), u"1 conflict · 1 refused"_s);
    s.conflicts = 2;
    s.failed = 0;
    s.pending = 2;
    w.setStatus(s);
    QCOMPARE(w.pendingText(), QString());
    QCOMPARE(w.problemsText(), u"2 conflicts"_s);
}

void TestSyncStatusWidget::localWorkspaceShowsNoSyncDetails()
{
    SyncStatusWidget w;
    w.setStatus(sample(C::Local));
    QCOMPARE(w.pendingText(), QString());
    QCOMPARE(w.problemsText(), QString());
    QCOMPARE(w.lastSyncText(), QString());
    QVERIFY(!w.syncNowAction()->isEnabled());
    QVERIFY(!w.workOfflineAction()->isEnabled());
    QVERIFY(!w.showOutboxAction()->isEnabled());
}

void TestSyncStatusWidget::tooltipHasTheDetails()
{
    SyncStatusWidget w;
    w.setStatus(sample(C::Error));
    const QString tip = w.toolTip();
    QVERIFY2(tip.contains(u"Sync error"_s), qPrintable(tip));
    QVERIFY(tip.contains(u"Server: https://galley.example.com"_s));
    QVERIFY(tip.contains(u"Signed in as: Dana Whitfield"_s));
    QVERIFY(tip.contains(u"Live updates: off"_s));
    QVERIFY(tip.contains(u"Last error: The server answered 500 Internal Server Error."_s));
    QVERIFY(tip.contains(u"5 changes not yet sent (1 waits for a merge decision; 2 were refused"_s));

    w.setStatus(sample(C::Online));
    QVERIFY(w.toolTip().contains(u"Live updates: on"_s));
    QVERIFY(!w.toolTip().contains(u"Last error"_s));
}

void TestSyncStatusWidget::menuAsksForActions()
{
    SyncStatusWidget w;
    w.setStatus(sample(C::Online));
    QSignalSpy syncNow(&w, &SyncStatusWidget::syncNowRequested);
    QSignalSpy offline(&w, &SyncStatusWidget::workOfflineToggled);
    QSignalSpy outbox(&w, &SyncStatusWidget::outboxRequested);

    const QList<QAction *> actions = w.menu()->actions();
    QStringList texts;
    for (QAction *a : actions) {
        if (!a->isSeparator())
            texts.append(a->text().remove(u'&'));
    }
    QCOMPARE(texts, (QStringList { u"Sync Now"_s, u"Work Offline"_s, u"Show Outbox…"_s }));
    QVERIFY(w.workOfflineAction()->isCheckable());
    QVERIFY(!w.workOfflineAction()->isChecked());

    w.syncNowAction()->trigger();
    QCOMPARE(syncNow.size(), 1);
    w.workOfflineAction()->trigger();
    QCOMPARE(offline.size(), 1);
    QCOMPARE(offline.first().first().toBool(), true);
    w.showOutboxAction()->trigger();
    QCOMPARE(outbox.size(), 1);

    // Working offline: the action is checked, Sync Now waits for going online again.
    w.setStatus(sample(C::WorkingOffline));
    QVERIFY(w.workOfflineAction()->isChecked());
    QVERIFY(!w.syncNowAction()->isEnabled());
    w.workOfflineAction()->trigger();
    QCOMPARE(offline.size(), 2);
    QCOMPARE(offline.last().first().toBool(), false);
}

void TestSyncStatusWidget::problemsButtonOpensOutbox()
{
    SyncStatusWidget w;
    w.setStatus(sample(C::Online));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy outbox(&w, &SyncStatusWidget::outboxRequested);
    QTest::mouseClick(w.findChild<QToolButton *>(u"syncProblemsButton"_s), Qt::LeftButton);
    QCOMPARE(outbox.size(), 1);
}

void TestSyncStatusWidget::lastSyncLabel_data()
{
    QTest::addColumn<int>("secondsAgo");
    QTest::addColumn<QString>("text");
    QTest::newRow("never") << -1 << u"Not synced yet"_s;
    QTest::newRow("seconds") << 20 << u"Synced just now"_s;
    QTest::newRow("minutes") << 150 << u"Synced 2 min ago"_s;
    QTest::newRow("hours") << 3 * 3600 + 5 << u"Synced 3 h ago"_s;
    QTest::newRow("zero") << 0 << u"Synced just now"_s;
}

void TestSyncStatusWidget::lastSyncLabel()
{
    QFETCH(int, secondsAgo);
    QFETCH(QString, text);
    const QDateTime last = secondsAgo < 0 ? QDateTime() : kNow.addSecs(-secondsAgo);
    QCOMPARE(SyncStatusWidget::lastSyncLabel(last, kNow), text);
    // Long ago: the date.
    QVERIFY(SyncStatusWidget::lastSyncLabel(kNow.addDays(-3), kNow).startsWith(u"Synced 19 Nov 2026"_s));
}

void TestSyncStatusWidget::readableInLightAndDark_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestSyncStatusWidget::readableInLightAndDark()
{
    QFETCH(bool, dark);
    ScopedPalette palette(dark ? darkPalette() : lightPalette());
    QStatusBar bar;
    auto *w = new SyncStatusWidget(&bar);
    bar.addPermanentWidget(w);
    for (C c : { C::Error, C::Offline, C::SignInRequired }) {
        w->setStatus(sample(c));
        const QColor window = bar.palette().color(QPalette::Window);
        auto *button = w->findChild<QToolButton *>(u"syncConnectionButton"_s);
        auto *problems = w->findChild<QToolButton *>(u"syncProblemsButton"_s);
        QVERIFY2(contrast(button->palette().color(QPalette::ButtonText), window) >= 4.5,
                 qPrintable(u"%1 on %2"_s.arg(button->palette().color(QPalette::ButtonText).name(), window.name())));
        QVERIFY(contrast(problems->palette().color(QPalette::ButtonText), window) >= 4.5);
    }
    // Back to normal: the normal text colour again.
    w->setStatus(sample(C::Online));
    auto *button = w->findChild<QToolButton *>(u"syncConnectionButton"_s);
    QCOMPARE(button->palette().color(QPalette::ButtonText), bar.palette().color(QPalette::ButtonText));
}

void TestSyncStatusWidget::screenshots()
{
    if (qEnvironmentVariableIsEmpty("GALLEY_SCREENSHOT_DIR"))
        QSKIP("GALLEY_SCREENSHOT_DIR not set");
    for (bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        const QString suffix = dark ? u"-dark"_s : u"-light"_s;
        struct Shot { C connection; int pending, conflicts, failed; const char *name; };
        const Shot shots[] = {
            { C::Online, 0, 0, 0, "online" },
            { C::Online, 5, 1, 2, "online-problems" },
            { C::Offline, 3, 0, 0, "offline" },
            { C::Syncing, 2, 0, 0, "syncing" },
            { C::SignInRequired, 4, 0, 1, "sign-in" },
            { C::Error, 1, 0, 0, "error" },
            { C::WorkingOffline, 7, 0, 0, "working-offline" },
            { C::Local, 0, 0, 0, "local" },
        };
        for (const Shot &shot : shots) {
            QStatusBar bar;
            bar.resize(900, bar.sizeHint().height());
            auto *left = new QLabel(u"Northwind Media"_s, &bar);
            bar.addWidget(left);
            auto *w = new SyncStatusWidget(&bar);
            w->setReferenceTime(kNow);
            SyncStatus s = sample(shot.connection);
            s.pending = shot.pending;
            s.conflicts = shot.conflicts;
            s.failed = shot.failed;
            w->setStatus(s);
            bar.addPermanentWidget(w);
            bar.show();
            QVERIFY(QTest::qWaitForWindowExposed(&bar));
            saveScreenshot(&bar, u"sync-status-%1%2.png"_s.arg(QLatin1StringView(shot.name), suffix));
            if (shot.pending == 5) {
                w->menu()->adjustSize();
                saveScreenshot(w->menu(), u"sync-status-menu%1.png"_s.arg(suffix));
            }
        }
    }
}

QTEST_MAIN(TestSyncStatusWidget)
#include "tst_syncstatuswidget.moc"
