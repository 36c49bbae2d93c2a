// The sign-in dialog through its widgets: validation, the request, busy and error states.
#include "connectdialog.h"
#include "synctesthelpers.h"
#include "sync/serverhandshake.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

class TestConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpGuiTest(); }

    void signInNeedsValidInputs();
    void badServerAddressIsExplainedUnderTheField();
    void signInRequestCarriesTheInputs();
    void errorEndsBusyAndAllowsAnotherTry();
    void prefill();
    void screenshots();

private:
    struct Fields
    {
        QLineEdit *server;
        QLabel *serverError;
        QLineEdit *email;
        QLineEdit *password;
        QPushButton *signIn;
        QLabel *status;
    };
    static Fields fields(ConnectDialog &d)
    {
        return { d.findChild<QLineEdit *>(u"serverEdit"_s), d.findChild<QLabel *>(u"serverError"_s),
                 d.findChild<QLineEdit *>(u"emailEdit"_s), d.findChild<QLineEdit *>(u"passwordEdit"_s),
                 d.findChild<QPushButton *>(u"signInButton"_s), d.findChild<QLabel *>(u"connectStatus"_s) };
    }
};

void TestConnectDialog::signInNeedsValidInputs()
{
    ConnectDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    Fields f = fields(d);
    QVERIFY(f.server && f.serverError && f.email && f.password && f.signIn && f.status);
    QCOMPARE(f.password->echoMode(), QLineEdit::Password);
    QVERIFY(f.signIn->isDefault());
    QVERIFY(!f.signIn->isEnabled());

    QTest::keyClicks(f.server, u"127.0.0.1:8470"_s);
    QVERIFY(!f.signIn->isEnabled());
    QTest::keyClicks(f.email, u"dana@example"_s);
    QVERIFY(!f.signIn->isEnabled());
    QTest::keyClicks(f.password, u"secret"_s);
    QVERIFY(f.signIn->isEnabled());
    QVERIFY(d.inputsValid());
    f.email->clear();
    QTest::keyClicks(f.email, u"not an email"_s);
    QVERIFY(!f.signIn->isEnabled());
}

void TestConnectDialog::badServerAddressIsExplainedUnderTheField()
{
    ConnectDialog d;
    d.show();
    Fields f = fields(d);
    QVERIFY(!f.serverError->isVisible());   // nothing typed: nothing wrong yet
    QTest::keyClicks(f.server, u"ftp://galley.example.com"_s);
    QVERIFY(f.serverError->isVisible());
    const QString expected = ServerHandshake::parseServerUrl(u"ftp://galley.example.com"_s).error().message;
    QCOMPARE(f.serverError->text(), expected);
    QVERIFY(!d.server().isValid());
    f.server->clear();
    QTest::keyClicks(f.server, u"https://galley.example.com/cms/"_s);
    QVERIFY(!f.serverError->isVisible());
    QCOMPARE(d.server(), QUrl(u"https://galley.example.com/cms"_s));
}

void TestConnectDialog::signInRequestCarriesTheInputs()
{
    ConnectDialog d;
    d.show();
    Fields f = fields(d);
    QSignalSpy requested(&d, &ConnectDialog::signInRequested);
    QTest::keyClicks(f.server, u"127.0.0.1:8470"_s);
    QTest::keyClicks(f.email, u"  dana@example.com "_s);
    QTest::keyClicks(f.password, u"s3cret pass"_s);
    QTest::mouseClick(f.signIn, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toUrl(), QUrl(u"http://127.0.0.1:8470"_s));
    QCOMPARE(requested.first().at(1).toString(), u"dana@example.com"_s);
    QCOMPARE(requested.first().at(2).toString(), u"s3cret pass"_s);
    QVERIFY(d.isVisible());   // the answer decides
    QVERIFY(d.isBusy());
    QVERIFY(!f.signIn->isEnabled());
    QVERIFY(f.password->isReadOnly());
    QCOMPARE(f.status->text(), u"Signing in to http://127.0.0.1:8470…"_s);
    // Return while busy does not ask again.
    QTest::keyClick(f.password, Qt::Key_Return);
    QCOMPARE(requested.size(), 1);
}

void TestConnectDialog::errorEndsBusyAndAllowsAnotherTry()
{
    ConnectDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    Fields f = fields(d);
    QSignalSpy requested(&d, &ConnectDialog::signInRequested);
    d.setServer(u"http://127.0.0.1:8470"_s);
    d.setEmail(u"dana@example.com"_s);
    QTest::keyClicks(f.password, u"wrong"_s);
    QTest::keyClick(f.password, Qt::Key_Return);
    QCOMPARE(requested.size(), 1);
    d.setError(u"The email or password is not right."_s);
    QVERIFY(!d.isBusy());
    QCOMPARE(d.error(), u"The email or password is not right."_s);
    QCOMPARE(f.status->text(), u"The email or password is not right."_s);
    QVERIFY(f.signIn->isEnabled());
    QVERIFY(!f.password->isReadOnly());
    QTRY_VERIFY(f.password->hasFocus());
    QCOMPARE(f.password->selectedText(), u"wrong"_s);   // typing replaces it
    QTest::keyClicks(f.password, u"right"_s);
    QTest::mouseClick(f.signIn, Qt::LeftButton);
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.last().at(2).toString(), u"right"_s);
    QCOMPARE(d.error(), QString());   // a new try clears the old error
    d.setBusy(false);
    QVERIFY(f.signIn->isEnabled());
}

void TestConnectDialog::prefill()
{
    ConnectDialog d;
    d.setServer(QUrl(u"https://galley.example.com"_s));
    d.setEmail(u"dana@example.com"_s);
    QCOMPARE(d.serverText(), u"https://galley.example.com"_s);
    QCOMPARE(d.email(), u"dana@example.com"_s);
    QVERIFY(!d.inputsValid());   // the password is never prefilled
}

void TestConnectDialog::screenshots()
{
    if (qEnvironmentVariableIsEmpty("GALLEY_SCREENSHOT_DIR"))
        QSKIP("GALLEY_SCREENSHOT_DIR not set");
    for (bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        const QString suffix = dark ? u"-dark"_s : u"-light"_s;
        {
            ConnectDialog d;
            d.setServer(u"https://galley.example.com"_s);
            d.setEmail(u"dana@example.com"_s);
            QTest::keyClicks(fields(d).password, u"secret"_s);
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            saveScreenshot(&d, u"connect%1.png"_s.arg(suffix));
            QTest::mouseClick(fields(d).signIn, Qt::LeftButton);
            QTest::qWait(400);   // the busy line shows after a moment
            saveScreenshot(&d, u"connect-busy%1.png"_s.arg(suffix));
            d.setError(u"The email or password is not right. Check them and try again."_s);
            saveScreenshot(&d, u"connect-error%1.png"_s.arg(suffix));
        }
        {
            ConnectDialog d;
            QTest::keyClicks(fields(d).server, u"ftp://galley.example.com"_s);
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            saveScreenshot(&d, u"connect-bad-url%1.png"_s.arg(suffix));
        }
    }
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
