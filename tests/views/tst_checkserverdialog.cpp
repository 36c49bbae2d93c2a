// The Check Server dialog through its real widgets, offscreen, against fake servers on loopback.
// With GALLEY_SCREENSHOT_DIR set it also saves what each outcome looks like there.
#include "checkserverdialog.h"
#include "common/fakehttpserver.h"
#include "icons.h"
#include "mainwindow.h"
#include "translationloader.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

using State = CheckServerDialog::State;

class TestCheckServerDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void startsWithDefaultAddress();
    void incompatibleServerIsExplained();
    void compatibleServerNamesVersion();
    void htmlServerIsNotGalley();
    void closedPortIsUnreachable();
    void invalidAddressIsRefusedAtOnce();
    void editingTheAddressClearsTheVerdict();
    void fileMenuOpensDialogWithServerFromCommandLine();
    void germanTranslation();

private:
    // Types url into the field, clicks Check and waits for the verdict.
    void checkAddress(CheckServerDialog &dialog, const QString &url);
    void saveScreenshot(QWidget *widget, const QString &name);

    QTemporaryDir m_settingsDir;
};

void TestCheckServerDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(u"Galley"_s);
    QCoreApplication::setApplicationName(u"Galley"_s);
    QApplication::setApplicationDisplayName(u"Galley"_s);
    TranslationLoader::install(QLocale(QLocale::English));
    Icons::setUpTheme();
}

void TestCheckServerDialog::init()
{
    QSettings().clear();
}

void TestCheckServerDialog::checkAddress(CheckServerDialog &dialog, const QString &url)
{
    auto *edit = dialog.findChild<QLineEdit *>(u"serverUrlEdit"_s);
    auto *button = dialog.findChild<QPushButton *>(u"checkButton"_s);
    QVERIFY(edit && button);
    edit->clear();
    QTest::keyClicks(edit, url);
    QVERIFY(button->isEnabled());
    QSignalSpy checked(&dialog, &CheckServerDialog::checked);
    QTest::mouseClick(button, Qt::LeftButton);
    if (dialog.state() == State::Checking) {
        QVERIFY(!button->isEnabled());
        QCOMPARE(dialog.resultTitle(), CheckServerDialog::tr("Checking…"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 20000);
    QCOMPARE(checked.first().first().toString(), url);
    QVERIFY(dialog.state() != State::Checking);
    QVERIFY(button->isEnabled());
}

void TestCheckServerDialog::saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("GALLEY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(QDir(dir).filePath(name), "PNG"));
}

void TestCheckServerDialog::startsWithDefaultAddress()
{
    CheckServerDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.windowTitle(), u"Check Server"_s);
    QCOMPARE(dialog.serverUrl(), u"http://127.0.0.1:8470"_s);
    QCOMPARE(dialog.state(), State::Idle);
    QCOMPARE(dialog.resultTitle(), u"Not checked yet"_s);
    QVERIFY2(dialog.resultText().contains(u"This Galley speaks v1"_s), qPrintable(dialog.resultText()));
    saveScreenshot(&dialog, u"check-server-idle.png"_s);
}

void TestCheckServerDialog::incompatibleServerIsExplained()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(200, "application/json", R"({"success":true,"data":{"versions":["v0","v9"]},"request_id":"r"})");
    CheckServerDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    checkAddress(dialog, fake.url().toString());
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(dialog.state(), State::Incompatible);
    QCOMPARE(dialog.resultTitle(), u"Incompatible API version"_s);
    QCOMPARE(dialog.resultText(),
             u"This server speaks API v0, v9; this Galley speaks API v1. Update Galley to connect to it."_s);
    // On screen, not only in the object.
    auto *text = dialog.findChild<QLabel *>(u"checkServerText"_s);
    QVERIFY(text->isVisible());
    QCOMPARE(text->text(), dialog.resultText());
    QVERIFY(text->height() >= text->heightForWidth(text->width()));
    saveScreenshot(&dialog, u"check-server-incompatible.png"_s);
}

void TestCheckServerDialog::compatibleServerNamesVersion()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(200, "application/json", R"({"success":true,"data":{"versions":["v1","v2"]}})");
    CheckServerDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    checkAddress(dialog, fake.url().toString());
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(dialog.state(), State::Compatible);
    QCOMPARE(dialog.resultTitle(), u"Compatible server"_s);
    QCOMPARE(dialog.resultText(), fake.url().toString() + u" is a Galley server that speaks API version v1, the one this "
                                                           "Galley uses. It also offers v2."_s);
    saveScreenshot(&dialog, u"check-server-compatible.png"_s);
}

void TestCheckServerDialog::htmlServerIsNotGalley()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(200, "text/html", "<!doctype html><h1>It works!</h1>");
    CheckServerDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    checkAddress(dialog, fake.url().toString());
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(dialog.state(), State::NotGalley);
    QCOMPARE(dialog.resultTitle(), u"Not a Galley server"_s);
    QVERIFY2(dialog.resultText().contains(u"Check the address and the port"_s), qPrintable(dialog.resultText()));
    saveScreenshot(&dialog, u"check-server-not-galley.png"_s);
}

void TestCheckServerDialog::closedPortIsUnreachable()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    CheckServerDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    checkAddress(dialog, u"127.0.0.1:%1"_s.arg(port));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(dialog.state(), State::Unreachable);
    QCOMPARE(dialog.resultTitle(), u"Server not reachable"_s);
    QVERIFY2(dialog.resultText().contains(u"127.0.0.1:%1"_s.arg(port)), qPrintable(dialog.resultText()));
    saveScreenshot(&dialog, u"check-server-unreachable.png"_s);
}

void TestCheckServerDialog::invalidAddressIsRefusedAtOnce()
{
    CheckServerDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *edit = dialog.findChild<QLineEdit *>(u"serverUrlEdit"_s);
    edit->clear();
    QTest::keyClicks(edit, u"ftp://files.example.com"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(dialog.state(), State::InvalidUrl);   // no network round trip
    QCOMPARE(dialog.resultTitle(), u"Not a server address"_s);
    QVERIFY2(dialog.resultText().contains(u"http or https"_s), qPrintable(dialog.resultText()));
    QVERIFY(!dialog.handshake()->isRunning());
}

void TestCheckServerDialog::editingTheAddressClearsTheVerdict()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(200, "application/json", R"({"success":true,"data":{"versions":["v1"]}})");
    CheckServerDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    checkAddress(dialog, fake.url().toString());
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(dialog.state(), State::Compatible);
    QTest::keyClick(dialog.findChild<QLineEdit *>(u"serverUrlEdit"_s), Qt::Key_Backspace);
    QCOMPARE(dialog.state(), State::Idle);
    QCOMPARE(dialog.resultTitle(), u"Not checked yet"_s);
}

void TestCheckServerDialog::fileMenuOpensDialogWithServerFromCommandLine()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(200, "application/json", R"({"success":true,"data":{"versions":["v1"]}})");
    MainWindow window;
    window.setServerUrl(fake.url().toString());   // what galley --server URL does
    auto *action = window.findChild<QAction *>(u"actionCheckServer"_s);
    QVERIFY(action);
    QCOMPARE(action->text(), u"Check &Server…"_s);
    action->trigger();
    auto *dialog = window.findChild<CheckServerDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->serverUrl(), fake.url().toString());
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"checkButton"_s), Qt::LeftButton);
    QTRY_COMPARE(dialog->state(), State::Compatible);
    // The address that was checked is what the dialog offers next time.
    QCOMPARE(QSettings().value(u"Server/url"_s).toString(), fake.url().toString());
    dialog->close();
    QTRY_VERIFY(!window.findChild<CheckServerDialog *>());
    MainWindow next;
    next.showCheckServerDialog();
    QCOMPARE(next.findChild<CheckServerDialog *>()->serverUrl(), fake.url().toString());
}

void TestCheckServerDialog::germanTranslation()
{
    QTranslator german;
    QVERIFY(german.load(u":/i18n/galley_de.qm"_s));
    QCoreApplication::installTranslator(&german);
    {
        FakeHttpServer fake;
        QVERIFY(fake.listen());
        fake.answer(200, "application/json", R"({"success":true,"data":{"versions":["v0","v9"]}})");
        CheckServerDialog dialog;
        QCOMPARE(dialog.windowTitle(), u"Server prüfen"_s);
        QCOMPARE(dialog.resultTitle(), u"Noch nicht geprüft"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        checkAddress(dialog, fake.url().toString());
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(dialog.state(), State::Incompatible);
        QCOMPARE(dialog.resultTitle(), u"Inkompatible API-Version"_s);
        QVERIFY2(dialog.resultText().startsWith(u"Dieser Server spricht API v0, v9; diese Galley-Version spricht API v1."_s),
                 qPrintable(dialog.resultText()));
        saveScreenshot(&dialog, u"check-server-incompatible-de.png"_s);
    }
    QCoreApplication::removeTranslator(&german);
}

QTEST_MAIN(TestCheckServerDialog)
#include "tst_checkserverdialog.moc"
