// The untrusted-certificate question: what it shows, and that Cancel is the safe default.
#include "certificatedialog.h"
#include "synctesthelpers.h"

#include <QCryptographicHash>
#include <QLabel>
#include <QPushButton>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kDigest = QCryptographicHash::hash("galley test certificate", QCryptographicHash::Sha256);
const QStringList kErrors { u"The certificate is self-signed, and untrusted"_s,
                            u"The host name did not match any of the valid hosts for this certificate"_s };

} // namespace

class TestCertificateDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpGuiTest(); }

    void showsWhatToCompare();
    void fingerprintFormat();
    void hostAndPort_data();
    void hostAndPort();
    void cancelIsTheDefault();
    void trustAccepts();
    void screenshots();
};

void TestCertificateDialog::showsWhatToCompare()
{
    CertificateDialog d(QUrl(u"https://galley.example.com:8443"_s), kDigest, u"CN=galley.example.com, O=Northwind"_s, kErrors);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QCOMPARE(d.findChild<QLabel *>(u"certificateHeading"_s)->text(), u"The server's certificate is not trusted"_s);
    QCOMPARE(d.findChild<QLabel *>(u"certificateServer"_s)->text(), u"galley.example.com:8443"_s);
    QCOMPARE(d.findChild<QLabel *>(u"certificateSubject"_s)->text(), u"CN=galley.example.com, O=Northwind"_s);
    auto *fingerprint = d.findChild<QLabel *>(u"certificateFingerprint"_s);
    QString shown = fingerprint->text();
    shown.remove(u'\n');
    QCOMPARE(shown, CertificateDialog::formatFingerprint(kDigest));
    QVERIFY(fingerprint->textInteractionFlags() & Qt::TextSelectableByMouse);
    QVERIFY(QFontInfo(fingerprint->font()).fixedPitch());
    const QString errors = d.findChild<QLabel *>(u"certificateErrors"_s)->text();
    for (const QString &e : kErrors)
        QVERIFY(errors.contains(e));
    QVERIFY(d.findChild<QLabel *>(u"certificateAdvice"_s)->text().contains(u"for galley.example.com:8443 only"_s));
}

void TestCertificateDialog::fingerprintFormat()
{
    const QString text = CertificateDialog::formatFingerprint(QByteArray::fromHex("00ab10ff"));
    QCOMPARE(text, u"00:AB:10:FF"_s);
    const QString full = CertificateDialog::formatFingerprint(kDigest);
    QCOMPARE(full.size(), 32 * 3 - 1);
    QCOMPARE(full, full.toUpper());
    QCOMPARE(full.count(u':'), 31);
    // The hex digits of a digest work as well as its bytes.
    QCOMPARE(CertificateDialog::formatFingerprint(kDigest.toHex()), full);
}

void TestCertificateDialog::hostAndPort_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("explicit-port") << u"https://galley.example.com:8443/cms"_s << u"galley.example.com:8443"_s;
    QTest::newRow("https-default") << u"https://galley.example.com"_s << u"galley.example.com:443"_s;
    QTest::newRow("http-default") << u"http://10.0.0.5"_s << u"10.0.0.5:80"_s;
    QTest::newRow("ipv6") << u"https://[::1]:8470"_s << u"[::1]:8470"_s;
}

void TestCertificateDialog::hostAndPort()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(CertificateDialog::hostAndPort(QUrl(url)), expected);
}

void TestCertificateDialog::cancelIsTheDefault()
{
    CertificateDialog d(QUrl(u"https://127.0.0.1:8470"_s), kDigest, u"CN=localhost"_s, kErrors);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QVERIFY(d.cancelButton()->isDefault());
    QVERIFY(!d.trustButton()->isDefault());
    QVERIFY(!d.trustButton()->autoDefault());
    QCOMPARE(d.trustButton()->text().remove(u'&'), u"Trust This Certificate"_s);
    // Enter means Cancel.
    QTest::keyClick(&d, Qt::Key_Return);
    QCOMPARE(d.result(), int(QDialog::Rejected));
    QVERIFY(!d.isVisible());
}

void TestCertificateDialog::trustAccepts()
{
    CertificateDialog d(QUrl(u"https://127.0.0.1:8470"_s), kDigest, QString(), {});
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QCOMPARE(d.findChild<QLabel *>(u"certificateSubject"_s)->text(), u"(none given)"_s);
    QVERIFY(!d.findChild<QLabel *>(u"certificateErrors"_s));
    QTest::mouseClick(d.trustButton(), Qt::LeftButton);
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(d.fingerprint(), kDigest);
}

void TestCertificateDialog::screenshots()
{
    if (qEnvironmentVariableIsEmpty("GALLEY_SCREENSHOT_DIR"))
        QSKIP("GALLEY_SCREENSHOT_DIR not set");
    for (bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        CertificateDialog d(QUrl(u"https://galley.example.com:8443"_s), kDigest,
                            u"CN=galley.example.com, O=Northwind Media, C=GB"_s, kErrors);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        saveScreenshot(&d, u"certificate%1.png"_s.arg(dark ? u"-dark"_s : u"-light"_s));
    }
}

QTEST_MAIN(TestCertificateDialog)
#include "tst_certificatedialog.moc"
