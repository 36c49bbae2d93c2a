// The workflow events' dialogs through their real widgets, offscreen: what each one says, when
// its OK button is enabled (and the message shown when it is not, at the field it is about), and
// the Workflow::Request it hands back. The messages are the engine's (Galley::Workflow).
// With GALLEY_SCREENSHOT_DIR set it also saves a picture of every dialog, light and dark.
#include "synctesthelpers.h"
#include "workflowdialogs.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone kOslo(QByteArrayLiteral("Europe/Oslo"));
const QString kDocumentUrl = u"https://www.example.org/news/harbour-ferry"_s;

Edition sampleEdition(EditionState state)
{
    Edition e;
    e.id = 4711;
    e.accountId = 1;
    e.documentId = 815;
    e.title = u"Harbour ferry returns after winter repairs"_s;
    e.state = state;
    e.version = { 1, 2 };
    e.lockVersion = 7;
    e.firstPublishedAt = QDateTime(QDate(2025, 3, 2), QTime(9, 0), QTimeZone::UTC);
    return e;
}

// 14 January 2026, 12:50 in Oslo (UTC+1).
QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 1, 14), QTime(12, 50), kOslo);
}

template<typename T = QWidget>
T *child(const QWidget &parent, const QString &name)
{
    return parent.findChild<T *>(name);
}

bool shown(const QWidget &dialog, const QString &name)
{
    const QWidget *w = child(dialog, name);
    return w && w->isVisibleTo(&dialog);
}

// The message a dialog shows at a field (empty when that label is hidden).
QString messageAt(const QWidget &dialog, const QString &name)
{
    const auto *label = child<QLabel>(dialog, name);
    return label && label->isVisibleTo(&dialog) ? label->text() : QString();
}

} // namespace

class TestWorkflowDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void forcePublishNeedsAReason();
    void forcePublishAcceptRefusesWithoutAReason();

    void scheduleDefaultTime_data();
    void scheduleDefaultTime();
    void scheduleRelativeText_data();
    void scheduleRelativeText();
    void scheduleShowsTheTimeZone();
    void scheduleNeedsFiveMinutes();
    void scheduleRechecksAsTimePasses();
    void forceScheduleWarnsAndTakesAnOptionalReason();

    void unpublishFieldsFollowTheReason_data();
    void unpublishFieldsFollowTheReason();
    void unpublishValidation_data();
    void unpublishValidation();
    void unpublishSendsOnlyTheReasonsFields();
    void unpublishSaysWhatVisitorsGet();
    void unpublishReasonFixedForAnExistingUnpublishing();
    void unpublishKeyboard();

    void withdrawNeedsAnExplanation();
    void withdrawExistingKeepsItsDate();

    void unwithdrawSaysWhatHappens();
    void newEditionSaysWhatHappens();
    void deleteDraftSaysWhatHappens();

    void rejectAsksForARemark();
    void escapeAsksBeforeDiscardingTyping();

    void screenshots();

private:
    QTemporaryDir m_settingsDir;
};

void TestWorkflowDialogs::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    setUpGuiTest();
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(u"Galley"_s);
    QCoreApplication::setApplicationName(u"Galley"_s);
    QVERIFY(kOslo.isValid());
}

void TestWorkflowDialogs::init()
{
    QSettings().clear();
}

// ---------------------------------------------------------------------------------------------
// Force publish

void TestWorkflowDialogs::forcePublishNeedsAReason()
{
    ForcePublishDialog dialog(sampleEdition(EditionState::Submitted));
    auto *reason = child<QPlainTextEdit>(dialog, u"reasonEdit"_s);
    QPushButton *ok = dialog.okButton();
    QVERIFY(reason && ok);
    QCOMPARE(ok->objectName(), u"okButton"_s);
    QCOMPARE(ok->text(), u"&Force Publish"_s);
    QCOMPARE(child<QLabel>(dialog, u"editionTitle"_s)->text(), u"Harbour ferry returns after winter repairs"_s);

    const QString warning = child<QLabel>(dialog, u"forceWarningText"_s)->text();
    QVERIFY2(warning.contains(u"skips the second pair of eyes"_s), qPrintable(warning));
    QVERIFY2(warning.contains(u"Another editor must approve it afterwards"_s), qPrintable(warning));
    QVERIFY(child<QLabel>(dialog, u"reasonHint"_s)->text().contains(u"editorial remark"_s));

    // Nothing yet: OK disabled, and the engine's reason shown at the field.
    QVERIFY(!ok->isEnabled());
    QCOMPARE(messageAt(dialog, u"reasonMessage"_s), u"Give a reason for force publishing"_s);
    QCOMPARE(ok->toolTip(), u"Give a reason for force publishing"_s);
    QCOMPARE(dialog.problem()->pointer, u"/reason"_s);
    QVERIFY(!dialog.hasUnsavedInput());

    // Blanks are no reason.
    QTest::keyClicks(reason, u"   "_s);
    QVERIFY(!ok->isEnabled());
    QCOMPARE(messageAt(dialog, u"reasonMessage"_s), u"Give a reason for force publishing"_s);

    QTest::keyClicks(reason, u"Ferry timetable changes tomorrow at 06:00  "_s);
    QVERIFY(ok->isEnabled());
    QVERIFY(ok->toolTip().isEmpty());
    QVERIFY(messageAt(dialog, u"reasonMessage"_s).isEmpty());
    QVERIFY(dialog.isValid());
    QVERIFY(dialog.hasUnsavedInput());

    const Workflow::Request r = dialog.request();
    QCOMPARE(r.reason, u"Ferry timetable changes tomorrow at 06:00"_s);
    QCOMPARE(r.lockVersion, 7);
    QVERIFY(!r.scheduledPublication.isValid());
    QVERIFY(!r.unpublishing);

    ok->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestWorkflowDialogs::forcePublishAcceptRefusesWithoutAReason()
{
    ForcePublishDialog dialog(sampleEdition(EditionState::Draft));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    // Having tried, the message is an error now, not a hint: red, not the placeholder colour.
    const auto *message = child<QLabel>(dialog, u"reasonMessage"_s);
    QVERIFY(message->isVisible());
    QVERIFY(message->palette().color(QPalette::WindowText) != dialog.palette().color(QPalette::PlaceholderText));

    dialog.setReason(u"Urgent correction"_s);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
}

// ---------------------------------------------------------------------------------------------
// Schedule

void TestWorkflowDialogs::scheduleDefaultTime_data()
{
    QTest::addColumn<QTime>("now");
    QTest::addColumn<QDateTime>("editionTime");
    QTest::addColumn<QDateTime>("expected");
    const QDate day(2026, 1, 14);
    auto at = [day](int h, int m) { return QDateTime(day, QTime(h, m), kOslo); };
    QTest::newRow("next-full-hour") << QTime(12, 50) << QDateTime() << at(13, 0);
    QTest::newRow("exactly-five-minutes-before-the-hour") << QTime(12, 55) << QDateTime() << at(13, 0);
    QTest::newRow("less-than-five-minutes-before-the-hour") << QTime(12, 56) << QDateTime() << at(14, 0);
    QTest::newRow("on-the-hour") << QTime(13, 0) << QDateTime() << at(14, 0);
    QTest::newRow("over-midnight") << QTime(23, 57) << QDateTime() << QDateTime(day.addDays(1), QTime(1, 0), kOslo);
    QTest::newRow("editions-own-time-kept") << QTime(12, 50) << at(17, 30) << at(17, 30);
    QTest::newRow("editions-own-time-too-close") << QTime(12, 50) << at(12, 53) << at(13, 0);
    QTest::newRow("editions-own-time-past") << QTime(12, 50) << at(9, 0) << at(13, 0);
}

void TestWorkflowDialogs::scheduleDefaultTime()
{
    QFETCH(QTime, now);
    QFETCH(QDateTime, editionTime);
    QFETCH(QDateTime, expected);
    const QDateTime n(QDate(2026, 1, 14), now, kOslo);
    QCOMPARE(ScheduleDialog::defaultTime(n, kOslo, editionTime), expected);

    Edition e = sampleEdition(EditionState::Submitted);
    e.scheduledPublication = editionTime;
    ScheduleDialog dialog(e, ScheduleDialog::Mode::Schedule, nullptr, [n] { return n; }, kOslo);
    QCOMPARE(dialog.scheduledTime(), expected);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(!dialog.hasUnsavedInput());
}

void TestWorkflowDialogs::scheduleRelativeText_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QStringList>("parts");
    QTest::newRow("hours-and-minutes") << (2 * 3600 + 10 * 60) << u"in "_s << QStringList { u"2 hour"_s, u"10 minute"_s };
    QTest::newRow("rounded-to-the-minute") << (2 * 3600 + 9 * 60 + 40) << u"in "_s
                                           << QStringList { u"2 hour"_s, u"10 minute"_s };
    QTest::newRow("minutes-only") << 4 * 60 << u"in "_s << QStringList { u"4 minute"_s };
    QTest::newRow("whole-hours") << 3 * 3600 << u"in "_s << QStringList { u"3 hour"_s };
    QTest::newRow("days-and-hours") << (3 * 86400 + 4 * 3600 + 25 * 60) << u"in "_s
                                    << QStringList { u"3 day"_s, u"4 hour"_s };
    QTest::newRow("under-a-minute") << 20 << u"in less than a minute"_s << QStringList();
    QTest::newRow("past") << -(5 * 60) << QString() << QStringList { u"5 minute"_s, u" ago"_s };
}

void TestWorkflowDialogs::scheduleRelativeText()
{
    QFETCH(int, seconds);
    QFETCH(QString, start);
    QFETCH(QStringList, parts);
    const QString text = ScheduleDialog::relativeText(fixedNow(), fixedNow().addSecs(seconds));
    QVERIFY2(text.startsWith(start), qPrintable(text));
    for (const QString &part : std::as_const(parts))
        QVERIFY2(text.contains(part), qPrintable(text));
    // Only the two largest units.
    if (seconds > 86400)
        QVERIFY2(!text.contains(u"minute"_s), qPrintable(text));
    if (seconds % 3600 == 0 && seconds > 0)
        QVERIFY2(!text.contains(u"minute"_s), qPrintable(text));
}

void TestWorkflowDialogs::scheduleShowsTheTimeZone()
{
    ScheduleDialog dialog(sampleEdition(EditionState::Submitted), ScheduleDialog::Mode::Schedule, nullptr,
                          [] { return fixedNow(); }, kOslo);
    const auto *zone = child<QLabel>(dialog, u"timeZone"_s);
    QVERIFY(zone);
    QVERIFY2(zone->text().contains(u"Europe/Oslo"_s), qPrintable(zone->text()));
    QVERIFY2(zone->text().contains(u"UTC+01:00"_s), qPrintable(zone->text()));
    QCOMPARE(child<QLabel>(dialog, u"relativeTime"_s)->text(), ScheduleDialog::relativeText(fixedNow(), dialog.scheduledTime()));

    // Summer time: the offset shown is the one at the chosen time.
    dialog.setScheduledTime(QDateTime(QDate(2026, 7, 1), QTime(9, 0), kOslo));
    QVERIFY2(zone->text().contains(u"UTC+02:00"_s), qPrintable(zone->text()));

    const auto *edit = child<QDateTimeEdit>(dialog, u"scheduleEdit"_s);
    QVERIFY(edit->calendarPopup());
    QCOMPARE(edit->timeZone(), kOslo);
    QVERIFY(ScheduleDialog::zoneText(QTimeZone(QByteArrayLiteral("America/St_Johns")), fixedNow())
                .contains(u"UTC−03:30"_s));
}

void TestWorkflowDialogs::scheduleNeedsFiveMinutes()
{
    ScheduleDialog dialog(sampleEdition(EditionState::Submitted), ScheduleDialog::Mode::Schedule, nullptr,
                          [] { return fixedNow(); }, kOslo);
    QPushButton *ok = dialog.okButton();
    QCOMPARE(ok->text(), u"&Schedule"_s);
    QVERIFY(child<QLabel>(dialog, u"scheduleIntro"_s));
    QVERIFY(!child<QWidget>(dialog, u"forceWarning"_s));
    QVERIFY(!child<QWidget>(dialog, u"reasonEdit"_s));

    dialog.setScheduledTime(fixedNow().addSecs(4 * 60));
    QVERIFY(!ok->isEnabled());
    QCOMPARE(messageAt(dialog, u"scheduleMessage"_s), u"The publication time must be at least 5 minutes from now"_s);
    QCOMPARE(dialog.problem()->pointer, u"/scheduled_publication"_s);

    dialog.setScheduledTime(fixedNow().addSecs(-3600));
    QVERIFY(!ok->isEnabled());
    QVERIFY(child<QLabel>(dialog, u"relativeTime"_s)->text().endsWith(u" ago"_s));

    dialog.setScheduledTime(fixedNow().addSecs(Workflow::kMinimumScheduleLeadSeconds));
    QVERIFY(ok->isEnabled());
    QVERIFY(messageAt(dialog, u"scheduleMessage"_s).isEmpty());

    // Typed with the keyboard: the hour section, one up.
    const QDateTime chosen(QDate(2026, 1, 14), QTime(16, 0), kOslo);
    dialog.setScheduledTime(chosen);
    auto *edit = child<QDateTimeEdit>(dialog, u"scheduleEdit"_s);
    edit->setCurrentSection(QDateTimeEdit::HourSection);
    QTest::keyClick(edit, Qt::Key_Up);
    QCOMPARE(dialog.scheduledTime(), chosen.addSecs(3600));
    QVERIFY(dialog.hasUnsavedInput());

    const Workflow::Request r = dialog.request();
    QCOMPARE(r.scheduledPublication, chosen.addSecs(3600));
    QCOMPARE(r.scheduledPublication.timeSpec(), Qt::UTC);
    QCOMPARE(r.scheduledPublication.time(), QTime(16, 0));   // 17:00 in Oslo
    QCOMPARE(r.lockVersion, 7);
    QVERIFY(r.reason.isEmpty());
}

void TestWorkflowDialogs::scheduleRechecksAsTimePasses()
{
    QDateTime now = fixedNow();
    ScheduleDialog dialog(sampleEdition(EditionState::Submitted), ScheduleDialog::Mode::Schedule, nullptr,
                          [&now] { return now; }, kOslo);
    QCOMPARE(dialog.scheduledTime(), QDateTime(QDate(2026, 1, 14), QTime(13, 0), kOslo));
    QVERIFY(dialog.okButton()->isEnabled());

    // The dialog stays open: at 12:56 13:00 is no longer far enough ahead.
    now = now.addSecs(6 * 60);
    auto *tick = dialog.findChild<QTimer *>(u"recheckTimer"_s);
    QVERIFY(tick && tick->isActive());
    tick->setInterval(10);
    QTRY_VERIFY(!dialog.okButton()->isEnabled());
    QCOMPARE(messageAt(dialog, u"scheduleMessage"_s), u"The publication time must be at least 5 minutes from now"_s);
    QTRY_COMPARE(child<QLabel>(dialog, u"relativeTime"_s)->text(), ScheduleDialog::relativeText(now, dialog.scheduledTime()));
}

void TestWorkflowDialogs::forceScheduleWarnsAndTakesAnOptionalReason()
{
    ScheduleDialog dialog(sampleEdition(EditionState::Draft), ScheduleDialog::Mode::ForceSchedule, nullptr,
                          [] { return fixedNow(); }, kOslo);
    QCOMPARE(dialog.event(), Workflow::Event::ForceSchedule);
    QCOMPARE(dialog.windowTitle(), u"Force Schedule"_s);
    QCOMPARE(dialog.okButton()->text(), u"&Force Schedule"_s);
    const QString warning = child<QLabel>(dialog, u"forceWarningText"_s)->text();
    QVERIFY2(warning.contains(u"skips the second pair of eyes"_s), qPrintable(warning));
    QVERIFY2(warning.contains(u"Another editor must approve it afterwards"_s), qPrintable(warning));

    auto *reason = child<QPlainTextEdit>(dialog, u"reasonEdit"_s);
    QVERIFY(reason);
    QVERIFY(dialog.okButton()->isEnabled());   // the reason is optional
    QVERIFY(dialog.request().reason.isEmpty());
    QTest::keyClicks(reason, u"Embargo lifts at 13:00"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    const Workflow::Request r = dialog.request();
    QCOMPARE(r.reason, u"Embargo lifts at 13:00"_s);
    QCOMPARE(r.scheduledPublication, QDateTime(QDate(2026, 1, 14), QTime(12, 0), QTimeZone::UTC));
}

// ---------------------------------------------------------------------------------------------
// Unpublish

void TestWorkflowDialogs::unpublishFieldsFollowTheReason_data()
{
    QTest::addColumn<UnpublishingReason>("reason");
    QTest::addColumn<bool>("redirect");
    QTest::addColumn<bool>("explanation");
    QTest::addColumn<bool>("redirectCheck");
    QTest::addColumn<bool>("url");
    // workflow.md: explanation optional/—/optional; URL only with redirect/required/—.
    QTest::newRow("published-in-error") << UnpublishingReason::PublishedInError << false << true << true << false;
    QTest::newRow("published-in-error-redirect") << UnpublishingReason::PublishedInError << true << true << true << true;
    QTest::newRow("consolidated") << UnpublishingReason::Consolidated << false << false << false << true;
    QTest::newRow("archived") << UnpublishingReason::Archived << false << true << false << false;
}

void TestWorkflowDialogs::unpublishFieldsFollowTheReason()
{
    QFETCH(UnpublishingReason, reason);
    QFETCH(bool, redirect);
    QFETCH(bool, explanation);
    QFETCH(bool, redirectCheck);
    QFETCH(bool, url);
    UnpublishDialog dialog(sampleEdition(EditionState::Published), std::nullopt, kDocumentUrl);
    QVERIFY(!dialog.reasonIsFixed());
    QCOMPARE(dialog.reason(), UnpublishingReason::PublishedInError);   // the first choice
    QVERIFY(!child<QRadioButton>(dialog, u"reasonWithdrawn"_s));   // WithdrawDialog's
    dialog.setReason(reason);
    QCOMPARE(dialog.reason(), reason);
    if (redirect)
        child<QCheckBox>(dialog, u"redirectCheck"_s)->setChecked(true);
    QCOMPARE(shown(dialog, u"explanationEdit"_s), explanation);
    QCOMPARE(shown(dialog, u"redirectCheck"_s), redirectCheck);
    QCOMPARE(shown(dialog, u"alternativeUrlEdit"_s), url);
    QVERIFY(shown(dialog, u"outcome"_s));
}

void TestWorkflowDialogs::unpublishValidation_data()
{
    QTest::addColumn<UnpublishingReason>("reason");
    QTest::addColumn<bool>("redirect");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");   // empty: OK enabled
    const UnpublishingReason pie = UnpublishingReason::PublishedInError;
    const UnpublishingReason consolidated = UnpublishingReason::Consolidated;
    QTest::newRow("consolidated-without-url") << consolidated << false << QString()
                                              << u"Give the URL of the page this content was consolidated into"_s;
    QTest::newRow("consolidated-blank-url") << consolidated << false << u"   "_s
                                            << u"Give the URL of the page this content was consolidated into"_s;
    QTest::newRow("url-is-the-document-itself") << consolidated << false << kDocumentUrl + u"/"_s
                                                << u"The alternative URL cannot point at this document itself"_s;
    QTest::newRow("url-is-the-document-with-query") << consolidated << false << kDocumentUrl + u"?utm=x#top"_s
                                                    << u"The alternative URL cannot point at this document itself"_s;
    QTest::newRow("non-http-url") << consolidated << false << u"ftp://www.example.org/news/ferries"_s
                                  << u"The alternative URL must be a full http:// or https:// address"_s;
    QTest::newRow("relative-url") << consolidated << false << u"/news/ferries"_s
                                  << u"The alternative URL must be a full http:// or https:// address"_s;
    QTest::newRow("url-over-255-characters") << consolidated << false
                                             << u"https://www.example.org/"_s + QString(240, u'a')
                                             << u"The alternative URL may be at most 255 characters long"_s;
    QTest::newRow("url-of-255-characters") << consolidated << false
                                           << u"https://www.example.org/"_s + QString(231, u'a') << QString();
    QTest::newRow("consolidated-ok") << consolidated << false << u"https://www.example.org/news/ferries"_s << QString();
    QTest::newRow("error-with-redirect-without-url") << pie << true << QString() << u"Give the URL to redirect visitors to"_s;
    QTest::newRow("error-with-redirect-ok") << pie << true << u"http://www.example.org/news"_s << QString();
    QTest::newRow("error-without-redirect-ok") << pie << false << QString() << QString();
    QTest::newRow("archived-ok") << UnpublishingReason::Archived << false << QString() << QString();
}

void TestWorkflowDialogs::unpublishValidation()
{
    QFETCH(UnpublishingReason, reason);
    QFETCH(bool, redirect);
    QFETCH(QString, url);
    QFETCH(QString, message);
    UnpublishDialog dialog(sampleEdition(EditionState::Published), std::nullopt, kDocumentUrl);
    dialog.setReason(reason);
    child<QCheckBox>(dialog, u"redirectCheck"_s)->setChecked(redirect);
    auto *urlEdit = child<QLineEdit>(dialog, u"alternativeUrlEdit"_s);
    urlEdit->clear();
    if (!url.isEmpty())
        QTest::keyClicks(urlEdit, url);

    QCOMPARE(dialog.okButton()->isEnabled(), message.isEmpty());
    QCOMPARE(dialog.isValid(), message.isEmpty());
    QCOMPARE(messageAt(dialog, u"alternativeUrlMessage"_s), message);
    QCOMPARE(dialog.okButton()->toolTip(), message);
    if (!message.isEmpty())
        QCOMPARE(dialog.problem()->pointer, u"/unpublishing/alternative_url"_s);
    // The message is where the URL is, nowhere else.
    QVERIFY(messageAt(dialog, u"problemMessage"_s).isEmpty());
    QVERIFY(messageAt(dialog, u"explanationMessage"_s).isEmpty());
}

void TestWorkflowDialogs::unpublishSendsOnlyTheReasonsFields()
{
    UnpublishDialog dialog(sampleEdition(EditionState::Published), std::nullopt, kDocumentUrl);
    QTest::keyClicks(child<QPlainTextEdit>(dialog, u"explanationEdit"_s), u"  The figures were wrong.  "_s);
    auto *redirect = child<QCheckBox>(dialog, u"redirectCheck"_s);
    redirect->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(dialog, u"alternativeUrlEdit"_s), u" https://www.example.org/news/corrected "_s);
    QVERIFY(dialog.okButton()->isEnabled());

    Workflow::Request r = dialog.request();
    QCOMPARE(r.lockVersion, 7);
    QVERIFY(r.reason.isEmpty());
    QVERIFY(r.unpublishing);
    QCOMPARE(r.unpublishing->reason, UnpublishingReason::PublishedInError);
    QCOMPARE(r.unpublishing->explanation, u"The figures were wrong."_s);
    QCOMPARE(r.unpublishing->alternativeUrl, u"https://www.example.org/news/corrected"_s);
    QCOMPARE(r.unpublishing->redirect, true);

    // Without the redirect, the URL (still typed, but hidden) is not sent.
    redirect->setChecked(false);
    r = dialog.request();
    QVERIFY(r.unpublishing->alternativeUrl.isEmpty());
    QCOMPARE(r.unpublishing->redirect, false);
    QCOMPARE(r.unpublishing->explanation, u"The figures were wrong."_s);

    // Archived has no URL: what was typed for another reason neither goes nor blocks.
    redirect->setChecked(true);
    dialog.setReason(UnpublishingReason::Archived);
    QVERIFY(dialog.okButton()->isEnabled());
    r = dialog.request();
    QCOMPARE(r.unpublishing->reason, UnpublishingReason::Archived);
    QVERIFY(r.unpublishing->alternativeUrl.isEmpty());
    QCOMPARE(r.unpublishing->redirect, false);
    QCOMPARE(r.unpublishing->explanation, u"The figures were wrong."_s);

    // Consolidated has no explanation.
    dialog.setReason(UnpublishingReason::Consolidated);
    r = dialog.request();
    QVERIFY(r.unpublishing->explanation.isEmpty());
    QCOMPARE(r.unpublishing->alternativeUrl, u"https://www.example.org/news/corrected"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(dialog.hasUnsavedInput());
}

void TestWorkflowDialogs::unpublishSaysWhatVisitorsGet()
{
    UnpublishDialog dialog(sampleEdition(EditionState::Published), std::nullopt, kDocumentUrl);
    const auto *outcome = child<QLabel>(dialog, u"outcomeText"_s);
    QVERIFY(outcome);
    QCOMPARE(outcome->text(), u"Visitors will get “410 Gone”: the page is no longer available."_s);
    QTest::keyClicks(child<QPlainTextEdit>(dialog, u"explanationEdit"_s), u"Published too early."_s);
    QCOMPARE(outcome->text(), u"Visitors will get “410 Gone” with your explanation."_s);
    child<QCheckBox>(dialog, u"redirectCheck"_s)->setChecked(true);
    QCOMPARE(outcome->text(), u"Visitors will be redirected to the address you give."_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"alternativeUrlEdit"_s), u"https://www.example.org/news"_s);
    QCOMPARE(outcome->text(), u"Visitors will be redirected to https://www.example.org/news"_s);
    dialog.setReason(UnpublishingReason::Archived);
    QCOMPARE(outcome->text(), u"Visitors will get “410 Gone” with your explanation."_s);
    dialog.setReason(UnpublishingReason::Consolidated);
    QCOMPARE(outcome->text(), u"Visitors will be redirected to https://www.example.org/news"_s);
}

void TestWorkflowDialogs::unpublishReasonFixedForAnExistingUnpublishing()
{
    Edition e = sampleEdition(EditionState::Unpublished);
    Unpublishing existing;
    existing.id = 12;
    existing.editionId = e.id;
    existing.reason = UnpublishingReason::Consolidated;
    existing.alternativeUrl = u"https://www.example.org/news/ferries"_s;
    existing.createdAt = fixedNow();
    UnpublishDialog dialog(e, existing, kDocumentUrl);

    QVERIFY(dialog.reasonIsFixed());
    QCOMPARE(dialog.windowTitle(), u"Change Unpublishing"_s);
    QVERIFY(dialog.findChildren<QRadioButton *>().isEmpty());
    QCOMPARE(child<QLabel>(dialog, u"fixedReason"_s)->text(), u"Consolidated"_s);
    QVERIFY(shown(dialog, u"fixedReasonHint"_s));
    QCOMPARE(child<QLineEdit>(dialog, u"alternativeUrlEdit"_s)->text(), existing.alternativeUrl);
    QVERIFY(!shown(dialog, u"explanationEdit"_s));
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(!dialog.hasUnsavedInput());

    // There is no way to pick another reason.
    dialog.setReason(UnpublishingReason::Archived);
    QCOMPARE(dialog.reason(), UnpublishingReason::Consolidated);
    QCOMPARE(dialog.request().unpublishing->reason, UnpublishingReason::Consolidated);

    // The URL can change, by the same rules.
    auto *url = child<QLineEdit>(dialog, u"alternativeUrlEdit"_s);
    url->clear();
    QVERIFY(!dialog.okButton()->isEnabled());
    QCOMPARE(messageAt(dialog, u"alternativeUrlMessage"_s), u"Give the URL of the page this content was consolidated into"_s);
    QTest::keyClicks(url, u"https://www.example.org/news/transport"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(dialog.hasUnsavedInput());
    const Workflow::Request r = dialog.request();
    QCOMPARE(r.unpublishing->reason, UnpublishingReason::Consolidated);
    QCOMPARE(r.unpublishing->alternativeUrl, u"https://www.example.org/news/transport"_s);
    QCOMPARE(dialog.okButton()->text(), u"&Save"_s);

    // An existing unpublishing of another kind than this dialog's: the engine's message.
    Unpublishing withdrawn = existing;
    withdrawn.reason = UnpublishingReason::Withdrawn;
    withdrawn.alternativeUrl.clear();
    UnpublishDialog wrong(e, withdrawn, kDocumentUrl);
    QVERIFY(!wrong.okButton()->isEnabled());
    QCOMPARE(messageAt(wrong, u"reasonMessage"_s), u"Use Withdraw to withdraw an edition"_s);
}

void TestWorkflowDialogs::unpublishKeyboard()
{
    UnpublishDialog dialog(sampleEdition(EditionState::Published), std::nullopt, kDocumentUrl);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto *first = child<QRadioButton>(dialog, u"reasonPublishedInError"_s);
    QCOMPARE(QApplication::focusWidget(), first);
    // Arrow keys move through the reasons; the mnemonics reach them and the fields.
    QTest::keyClick(first, Qt::Key_Down);
    QCOMPARE(dialog.reason(), UnpublishingReason::Consolidated);
    QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(dialog, u"reasonConsolidated"_s));
    // (A button's mnemonic clicks it after a short animation.)
    QTest::keyClick(&dialog, Qt::Key_A, Qt::AltModifier);
    QTRY_COMPARE(dialog.reason(), UnpublishingReason::Archived);
    QTest::keyClick(&dialog, Qt::Key_X, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget(), child<QWidget>(dialog, u"explanationEdit"_s));
    QTest::keyClick(&dialog, Qt::Key_E, Qt::AltModifier);
    QTRY_COMPARE(dialog.reason(), UnpublishingReason::PublishedInError);
    QTest::keyClick(&dialog, Qt::Key_R, Qt::AltModifier);
    QTRY_VERIFY(child<QCheckBox>(dialog, u"redirectCheck"_s)->isChecked());
    QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(dialog, u"alternativeUrlEdit"_s));
    QTest::keyClicks(QApplication::focusWidget(), u"https://www.example.org/news"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.request().unpublishing->alternativeUrl, u"https://www.example.org/news"_s);
}

// ---------------------------------------------------------------------------------------------
// Withdraw

void TestWorkflowDialogs::withdrawNeedsAnExplanation()
{
    WithdrawDialog dialog(sampleEdition(EditionState::Published), std::nullopt, kDocumentUrl, nullptr,
                          [] { return fixedNow(); });
    QCOMPARE(dialog.windowTitle(), u"Withdraw"_s);
    QCOMPARE(dialog.okButton()->text(), u"&Withdraw"_s);
    const QString intro = child<QLabel>(dialog, u"withdrawIntro"_s)->text();
    QVERIFY2(intro.contains(u"the page stays public, with a notice giving your explanation and the date"_s), qPrintable(intro));
    QVERIFY(child<QLabel>(dialog, u"explanationHint"_s)->text().contains(u"Shown to the public with the date"_s));

    QVERIFY(!dialog.okButton()->isEnabled());
    QCOMPARE(messageAt(dialog, u"explanationMessage"_s), u"Explain why the edition is withdrawn"_s);
    QCOMPARE(dialog.problem()->pointer, u"/unpublishing/explanation"_s);
    auto *explanation = child<QPlainTextEdit>(dialog, u"explanationEdit"_s);
    QTest::keyClicks(explanation, u"  "_s);
    QVERIFY(!dialog.okButton()->isEnabled());
    QTest::keyClicks(explanation, u"The ferry service is now run by the county."_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(messageAt(dialog, u"explanationMessage"_s).isEmpty());

    const QString outcome = child<QLabel>(dialog, u"outcomeText"_s)->text();
    QVERIFY2(outcome.contains(u"Visitors will still see the page"_s), qPrintable(outcome));
    QVERIFY2(outcome.contains(u"Withdrawn on 14 January 2026: The ferry service is now run by the county."_s),
             qPrintable(outcome));

    const Workflow::Request r = dialog.request();
    QCOMPARE(r.lockVersion, 7);
    QVERIFY(r.unpublishing);
    QCOMPARE(r.unpublishing->reason, UnpublishingReason::Withdrawn);
    QCOMPARE(r.unpublishing->explanation, u"The ferry service is now run by the county."_s);
    QVERIFY(r.unpublishing->alternativeUrl.isEmpty());
    QVERIFY(!r.unpublishing->redirect);
}

void TestWorkflowDialogs::withdrawExistingKeepsItsDate()
{
    Unpublishing existing;
    existing.reason = UnpublishingReason::Withdrawn;
    existing.editionId = 4711;
    existing.explanation = u"Replaced by the county's timetable."_s;
    existing.createdAt = QDateTime(QDate(2025, 11, 3), QTime(10, 0), kOslo);
    WithdrawDialog dialog(sampleEdition(EditionState::Withdrawn), existing, kDocumentUrl, nullptr,
                          [] { return fixedNow(); });
    QCOMPARE(dialog.windowTitle(), u"Change Withdrawal"_s);
    QCOMPARE(dialog.explanation(), existing.explanation);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(!dialog.hasUnsavedInput());
    QVERIFY(child<QLabel>(dialog, u"outcomeText"_s)->text().contains(u"Withdrawn on 3 November 2025"_s));
    dialog.setExplanation(QString());
    QVERIFY(!dialog.okButton()->isEnabled());
    QCOMPARE(messageAt(dialog, u"explanationMessage"_s), u"Explain why the edition is withdrawn"_s);
    QVERIFY(dialog.hasUnsavedInput());
}

// ---------------------------------------------------------------------------------------------
// Confirmations

void TestWorkflowDialogs::unwithdrawSaysWhatHappens()
{
    UnwithdrawDialog dialog(sampleEdition(EditionState::Withdrawn));
    QCOMPARE(dialog.windowTitle(), u"Unwithdraw"_s);
    const QString created = child<QLabel>(dialog, u"unwithdrawNewEdition"_s)->text();
    QVERIFY2(created.contains(u"version 1.3"_s), qPrintable(created));
    QVERIFY2(created.contains(u"minor change"_s), qPrintable(created));
    QVERIFY2(created.contains(u"force published"_s), qPrintable(created));
    QVERIFY(child<QLabel>(dialog, u"unwithdrawSuperseded"_s)->text().contains(u"superseded"_s));
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(dialog.okButton()->isDefault());
    QVERIFY(!dialog.hasUnsavedInput());
    const Workflow::Request r = dialog.request();
    QCOMPARE(r.lockVersion, 7);
    QVERIFY(r.reason.isEmpty());
    QVERIFY(!r.unpublishing);
}

void TestWorkflowDialogs::newEditionSaysWhatHappens()
{
    NewEditionDialog dialog(sampleEdition(EditionState::Published));
    QCOMPARE(dialog.event(), Workflow::Event::CreateNewEdition);
    const QString copies = child<QLabel>(dialog, u"newEditionCopies"_s)->text();
    QVERIFY2(copies.contains(u"from version 1.2 with all of its content"_s), qPrintable(copies));
    QVERIFY2(copies.contains(u"change note starts empty"_s), qPrintable(copies));
    QVERIFY(child<QLabel>(dialog, u"newEditionSite"_s)->text().contains(u"version 1.2 stays live"_s));
    QCOMPARE(dialog.okButton()->text(), u"&Create Draft"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QCOMPARE(dialog.request().lockVersion, 7);

    NewEditionDialog fromUnpublished(sampleEdition(EditionState::Unpublished));
    QCOMPARE(child<QLabel>(fromUnpublished, u"newEditionSite"_s)->text(),
             u"Nothing changes on the site until the new edition is published."_s);
}

void TestWorkflowDialogs::deleteDraftSaysWhatHappens()
{
    DeleteDraftDialog dialog(sampleEdition(EditionState::Draft));
    QCOMPARE(dialog.windowTitle(), u"Delete Draft"_s);
    QVERIFY(child<QLabel>(dialog, u"deleteWarningText"_s)->text().contains(u"will be deleted"_s));
    QVERIFY(child<QLabel>(dialog, u"deleteSite"_s)->text().contains(u"The published edition (version 1.2) stays"_s));
    // Destructive: Cancel is the default.
    QVERIFY(!dialog.okButton()->isDefault());
    QVERIFY(child<QPushButton>(dialog, u"cancelButton"_s)->isDefault());
    QCOMPARE(dialog.request().lockVersion, 7);

    Edition never = sampleEdition(EditionState::Submitted);
    never.version = {};
    never.firstPublishedAt = {};
    DeleteDraftDialog neverPublished(never);
    QCOMPARE(child<QLabel>(neverPublished, u"deleteSite"_s)->text(),
             u"Nothing changes on the site: this document has not been published."_s);
    QCOMPARE(child<QLabel>(neverPublished, u"editionVersion"_s)->text(), u"Not yet published"_s);
}

// ---------------------------------------------------------------------------------------------
// Reject

void TestWorkflowDialogs::rejectAsksForARemark()
{
    RejectDialog dialog(sampleEdition(EditionState::Submitted));
    QCOMPARE(dialog.okButton()->text(), u"&Reject"_s);
    QVERIFY(!dialog.okButton()->isEnabled());
    QCOMPARE(messageAt(dialog, u"remarkMessage"_s),
             u"Say why you reject this edition, so that its writer knows what to change"_s);

    auto *remark = child<QPlainTextEdit>(dialog, u"remarkEdit"_s);
    QTest::keyClicks(remark, u"The quote needs a source. "_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QCOMPARE(child<QLabel>(dialog, u"remarkCount"_s)->text(), u"25 / 4,000"_s);
    Workflow::Request r = dialog.request();
    QCOMPARE(r.reason, u"The quote needs a source."_s);
    QCOMPARE(r.lockVersion, 7);

    dialog.setRemark(QString(4001, u'x'));
    QVERIFY(!dialog.okButton()->isEnabled());
    QCOMPARE(messageAt(dialog, u"remarkMessage"_s), u"The remark is too long"_s);
    QVERIFY(child<QLabel>(dialog, u"remarkCount"_s)->text().startsWith(u"1 too many"_s));
    dialog.setRemark(QString(4000, u'x'));
    QVERIFY(dialog.okButton()->isEnabled());
}

void TestWorkflowDialogs::escapeAsksBeforeDiscardingTyping()
{
    RejectDialog dialog(sampleEdition(EditionState::Submitted));
    int asked = 0;
    bool discard = false;
    dialog.setDiscardConfirmation([&] {
        ++asked;
        return discard;
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClick(&dialog, Qt::Key_Escape);   // nothing typed: closes without asking
    QCOMPARE(asked, 0);
    QVERIFY(!dialog.isVisible());

    dialog.show();
    QTest::keyClicks(child<QPlainTextEdit>(dialog, u"remarkEdit"_s), u"Needs a source"_s);
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(asked, 1);
    QVERIFY(dialog.isVisible());
    discard = true;
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(asked, 2);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

// ---------------------------------------------------------------------------------------------
// Pictures

void TestWorkflowDialogs::screenshots()
{
    if (qEnvironmentVariableIsEmpty("GALLEY_SCREENSHOT_DIR"))
        QSKIP("GALLEY_SCREENSHOT_DIR not set");
    const auto now = [] { return fixedNow(); };
    for (bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        const QString suffix = dark ? u"-dark.png"_s : u"-light.png"_s;
        auto take = [&suffix](WorkflowDialog &dialog, const QString &name) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            saveScreenshot(&dialog, name + suffix);
        };
        {
            ForcePublishDialog d(sampleEdition(EditionState::Submitted));
            take(d, u"forcepublish-empty"_s);
            d.setReason(u"The timetable changes tomorrow at 06:00 and the review queue is closed tonight."_s);
            take(d, u"forcepublish-filled"_s);
        }
        {
            ScheduleDialog d(sampleEdition(EditionState::Submitted), ScheduleDialog::Mode::Schedule, nullptr, now, kOslo);
            d.setScheduledTime(QDateTime(QDate(2026, 1, 14), QTime(15, 0), kOslo));
            take(d, u"schedule"_s);
            d.setScheduledTime(fixedNow().addSecs(3 * 60));
            take(d, u"schedule-too-soon"_s);
        }
        {
            ScheduleDialog d(sampleEdition(EditionState::Draft), ScheduleDialog::Mode::ForceSchedule, nullptr, now, kOslo);
            take(d, u"forceschedule"_s);
        }
        {
            UnpublishDialog d(sampleEdition(EditionState::Published), std::nullopt, kDocumentUrl);
            take(d, u"unpublish-error"_s);
            child<QCheckBox>(d, u"redirectCheck"_s)->setChecked(true);
            QTest::keyClicks(child<QLineEdit>(d, u"alternativeUrlEdit"_s), u"ftp://www.example.org/news"_s);
            take(d, u"unpublish-error-redirect-invalid"_s);
            d.setReason(UnpublishingReason::Consolidated);
            child<QLineEdit>(d, u"alternativeUrlEdit"_s)->setText(u"https://www.example.org/news/ferries"_s);
            take(d, u"unpublish-consolidated"_s);
            d.setReason(UnpublishingReason::Archived);
            take(d, u"unpublish-archived"_s);
        }
        {
            Unpublishing existing;
            existing.reason = UnpublishingReason::Consolidated;
            existing.editionId = 4711;
            existing.alternativeUrl = u"https://www.example.org/news/ferries"_s;
            UnpublishDialog d(sampleEdition(EditionState::Unpublished), existing, kDocumentUrl);
            take(d, u"unpublish-existing"_s);
        }
        {
            WithdrawDialog d(sampleEdition(EditionState::Published), std::nullopt, kDocumentUrl, nullptr, now);
            take(d, u"withdraw-empty"_s);
            d.setExplanation(u"The ferry service is now run by the county; see its timetable page."_s);
            take(d, u"withdraw-filled"_s);
        }
        {
            UnwithdrawDialog d(sampleEdition(EditionState::Withdrawn));
            take(d, u"unwithdraw"_s);
        }
        {
            NewEditionDialog d(sampleEdition(EditionState::Published));
            take(d, u"newedition"_s);
        }
        {
            DeleteDraftDialog d(sampleEdition(EditionState::Draft));
            take(d, u"deletedraft"_s);
        }
        {
            RejectDialog d(sampleEdition(EditionState::Submitted));
            take(d, u"reject-empty"_s);
            d.setRemark(u"The operator's quote needs a source, and the new timetable should be linked."_s);
            take(d, u"reject-filled"_s);
        }
    }
}

QTEST_MAIN(TestWorkflowDialogs)
#include "tst_workflowdialogs.moc"
