// The dialogs that collect local changes (edit a draft, new document, remark) through their real
// widgets, offscreen; the new document dialog on a fresh demo workspace.
// With GALLEY_SCREENSHOT_DIR set it also saves what each dialog looks like there.
#include "common/demofixture.h"
#include "editdraftdialog.h"
#include "icons.h"
#include "jsonviewer.h"
#include "newdocumentdialog.h"
#include "remarkdialog.h"
#include "store/replicareader.h"
#include "translationloader.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFrame>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

constexpr int kLoadTimeout = 30000;

Edition sampleEdition()
{
    Edition e;
    e.id = 4711;
    e.accountId = 1;
    e.documentId = 815;
    e.title = u"Harbour ferry returns after winter repairs"_s;
    e.changeNote = u"Added the operator's quote"_s;
    e.state = EditionState::Draft;
    e.version = { 1, 2 };
    e.fields = QJsonObject {
        { u"standfirst"_s, u"The Nordby ferry is back in service a week early, with a new engine and step-free boarding."_s },
        { u"body"_s, u"<p>The ferry left the quay at 07:15 on Monday.</p>"_s },
        { u"byline"_s, u"Ingrid Solberg"_s },
        { u"tags"_s, QJsonArray { u"transport"_s, u"harbour"_s } },
        { u"breaking"_s, false },
    };
    return e;
}

template<typename T>
T *child(const QWidget &parent, const QString &name)
{
    return parent.findChild<T *>(name);
}

// Replaces the text of the JSON editor and waits for the dialog to have checked it.
bool setJson(EditDraftDialog &dialog, const QString &json)
{
    auto *editor = child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s);
    if (!editor)
        return false;
    QSignalSpy checked(&dialog, &EditDraftDialog::jsonChecked);
    editor->setPlainText(json);
    return QTest::qWaitFor([&] { return checked.size() > 0; }, 5000);
}

} // namespace

class TestEditDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    // EditDraftDialog
    void draftStartsWithTheEditionsValues();
    void titleIsRequiredAndLimited_data();
    void titleIsRequiredAndLimited();
    void invalidJsonShowsLineAndColumn_data();
    void invalidJsonShowsLineAndColumn();
    void jsonIsCheckedAfterAPause();
    void saveChecksWhatWasJustTyped();
    void editHoldsOnlyWhatChanged_data();
    void editHoldsOnlyWhatChanged();
    void formatKeepsTheFieldsAndCanBeUndone();
    void serverErrorsAreListedWithTheirField();
    void pastingLargeJsonWorks();
    void cancelAsksOnlyWhenSomethingChanged_data();
    void cancelAsksOnlyWhenSomethingChanged();
    void escapeAsksBeforeDiscarding();
    void discardQuestionIsARealMessageBox();
    void dialogRemembersItsSize();
    void editsARealDemoDraft();

    // NewDocumentDialog
    void newDocumentPreselectsTheScope();
    void sectorsFollowTheSite();
    void emptyScopeAsksForEverything();
    void initialFieldsHaveRequiredStrings_data();
    void initialFieldsHaveRequiredStrings();
    void newDocumentAsksBeforeDiscardingATitle();
    void newDocumentWithoutWorkerSaysSo();

    // RemarkDialog
    void remarkIsRequiredAndLimited_data();
    void remarkIsRequiredAndLimited();
    void remarkCancelAsks();

private:
    void saveScreenshot(QWidget *widget, const QString &name);
    // Ids of a sector of the demo workspace, its site and its account.
    Scope demoSectorScope(int nth = 0);

    QTemporaryDir m_settingsDir;
    DemoFixture m_demo;
};

void TestEditDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(u"Galley"_s);
    QCoreApplication::setApplicationName(u"Galley"_s);
    QApplication::setApplicationDisplayName(u"Galley"_s);
    TranslationLoader::install(QLocale(QLocale::English));
    Icons::setUpTheme();
    QVERIFY(m_demo.create());
}

void TestEditDialogs::init()
{
    QSettings().clear();
}

void TestEditDialogs::saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("GALLEY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QCoreApplication::processEvents();   // pending layout requests
    QVERIFY(widget->grab().save(QDir(dir).filePath(name), "PNG"));
}

Scope TestEditDialogs::demoSectorScope(int nth)
{
    const Id sector = m_demo.scalar(u"SELECT id FROM sectors ORDER BY id LIMIT 1 OFFSET ?"_s, { nth }).toLongLong();
    const Id site = m_demo.scalar(u"SELECT site_id FROM sectors WHERE id = ?"_s, { sector }).toLongLong();
    const Id account = m_demo.scalar(u"SELECT account_id FROM sectors WHERE id = ?"_s, { sector }).toLongLong();
    return { account, site, sector };
}

// ---------------------------------------------------------------------------------------------
// EditDraftDialog

void TestEditDialogs::draftStartsWithTheEditionsValues()
{
    const Edition e = sampleEdition();
    EditDraftDialog dialog(e);
    auto *title = child<QLineEdit>(dialog, u"titleEdit"_s);
    auto *note = child<QPlainTextEdit>(dialog, u"changeNoteEdit"_s);
    auto *minor = child<QCheckBox>(dialog, u"minorChangeCheck"_s);
    auto *json = child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s);
    auto *save = child<QPushButton>(dialog, u"saveButton"_s);
    auto *status = child<QLabel>(dialog, u"jsonStatus"_s);
    QVERIFY(title && note && minor && json && save && status);
    QVERIFY(child<QPushButton>(dialog, u"cancelButton"_s));
    QVERIFY(!child<QFrame>(dialog, u"serverErrorsBox"_s));

    QCOMPARE(title->text(), e.title);
    QCOMPARE(note->toPlainText(), e.changeNote);
    QCOMPARE(minor->isChecked(), false);
    QCOMPARE(QJsonDocument::fromJson(json->toPlainText().toUtf8()).object(), e.fields);
    QVERIFY(!json->isReadOnly());
    QVERIFY(json->font().fixedPitch() || QFontInfo(json->font()).fixedPitch());
    QCOMPARE(save->text(), u"Save Draft"_s);
    QCOMPARE(child<QLabel>(dialog, u"minorChangeHint"_s)->text(),
             u"A minor change keeps the version's major number; readers are not notified."_s);

    // Nothing changed yet: valid, but nothing to save.
    QVERIFY(dialog.isValid());
    QVERIFY(dialog.jsonError().isEmpty());
    QVERIFY2(status->text().contains(u"Valid JSON. Fields: 5"_s), qPrintable(status->text()));
    QVERIFY(!dialog.hasUnsavedInput());
    const EditionEdit edit = dialog.edit();
    QVERIFY(!edit.title && !edit.fields && !edit.changeNote && !edit.minorChange);
    QVERIFY(!save->isEnabled());

    QTest::keyClick(title, Qt::Key_End);
    QTest::keyClicks(title, u" (updated)"_s);
    QVERIFY(save->isEnabled());
    QCOMPARE(dialog.edit().title, std::optional<QString>(e.title + u" (updated)"_s));
}

void TestEditDialogs::titleIsRequiredAndLimited_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<bool>("saveEnabled");
    QTest::addColumn<int>("shownLength");
    QTest::newRow("empty") << QString() << false << 0;
    QTest::newRow("spaces-only") << u"    "_s << false << 4;
    QTest::newRow("one-letter") << u"A"_s << true << 1;
    QTest::newRow("exactly-300") << QString(300, u'x') << true << 300;
    QTest::newRow("cut-at-300") << QString(420, u'y') << true << 300;
}

void TestEditDialogs::titleIsRequiredAndLimited()
{
    QFETCH(QString, title);
    QFETCH(bool, saveEnabled);
    QFETCH(int, shownLength);
    EditDraftDialog dialog(sampleEdition());
    auto *edit = child<QLineEdit>(dialog, u"titleEdit"_s);
    auto *save = child<QPushButton>(dialog, u"saveButton"_s);
    auto *count = child<QLabel>(dialog, u"titleCount"_s);
    QVERIFY(edit && save && count);
    QCOMPARE(edit->maxLength(), 300);
    edit->setText(title);
    QCOMPARE(edit->text().size(), shownLength);
    QCOMPARE(save->isEnabled(), saveEnabled);
    QCOMPARE(dialog.isValid(), saveEnabled);
    QCOMPARE(count->text(), u"%1 / 300"_s.arg(shownLength));
    if (!saveEnabled) {
        QCOMPARE(save->toolTip(), u"The title is required."_s);
        // Pressing Enter (the default button) does not save either.
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
}

void TestEditDialogs::invalidJsonShowsLineAndColumn_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("missing-comma") << u"{\n  \"a\": 1\n  \"b\": 2\n}"_s << 3 << 3
                                   << u"Line 3, column 3: a comma (or the closing }) is missing before this."_s;
    QTest::newRow("missing-comma-in-list") << u"{\"a\": [1 2]}"_s << 1 << 10 << u"Line 1, column 10: a comma"_s;
    QTest::newRow("trailing-comma") << u"{\n  \"a\": 1,\n}"_s << 3 << 1
                                    << u"Line 3, column 1: nothing follows the comma"_s;
    QTest::newRow("unquoted-key") << u"{\n  \"a\": 1,\n    b: 2\n}"_s << 3 << 5 << u"Line 3, column 5:"_s;
    QTest::newRow("missing-colon") << u"{\"a\" 1}"_s << 1 << 6 << u"Line 1, column 6: a colon"_s;
    QTest::newRow("capital-true") << u"{\"a\": True}"_s << 1 << 7 << u"Line 1, column 7: not a JSON value"_s;
    QTest::newRow("unclosed-object") << u"{\n  \"a\": [1, 2]\n"_s << 3 << 1 << u"Line 3, column 1: the object is not closed"_s;
    QTest::newRow("unclosed-string") << u"{\"a\": \"abc"_s << 1 << 11 << u"Line 1, column 11: a text is not closed"_s;
    QTest::newRow("more-after-the-end") << u"{\"a\": 1}\n}"_s << 2 << 1 << u"Line 2, column 1: there is more"_s;
    // Columns count characters, not UTF-8 bytes.
    QTest::newRow("accents-before-error") << u"{\"titel\": \"Ærøskøbing – Æbelø\" \"x\": 1}"_s << 1 << 32
                                          << u"Line 1, column 32:"_s;
    QTest::newRow("array-not-object") << u"\n  [1, 2]"_s << 2 << 3 << u"must be a JSON object, written { … }, not an array"_s;
    QTest::newRow("number-not-object") << u"42"_s << 1 << 1 << u"must be a JSON object"_s;
    QTest::newRow("string-not-object") << u"  \"x\""_s << 1 << 3 << u"must be a JSON object"_s;
    QTest::newRow("empty") << u"  \n "_s << 0 << 0 << u"Write {} for an edition without fields"_s;
}

void TestEditDialogs::invalidJsonShowsLineAndColumn()
{
    QFETCH(QString, json);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    EditDraftDialog dialog(sampleEdition());
    auto *save = child<QPushButton>(dialog, u"saveButton"_s);
    auto *status = child<QLabel>(dialog, u"jsonStatus"_s);
    auto *title = child<QLineEdit>(dialog, u"titleEdit"_s);
    QVERIFY(save && status && title);
    title->setText(u"A changed title, so that only the JSON can disable Save"_s);
    QVERIFY(save->isEnabled());

    QVERIFY(setJson(dialog, json));
    QVERIFY(!dialog.isValid());
    QVERIFY(!save->isEnabled());
    QCOMPARE(save->toolTip(), u"The fields are not valid JSON."_s);
    QCOMPARE(dialog.jsonErrorLine(), line);
    QCOMPARE(dialog.jsonErrorColumn(), column);
    QVERIFY2(dialog.jsonError().contains(message), qPrintable(dialog.jsonError()));
    QVERIFY2(status->text().contains(u"Not valid JSON."_s), qPrintable(status->text()));
    if (line > 0) {
        QVERIFY2(status->text().contains(u"Line %1, column %2"_s.arg(line).arg(column)), qPrintable(status->text()));
        // "Show" puts the cursor where the parser stopped.
        Q_EMIT status->linkActivated(u"#error"_s);
        const QTextCursor cursor = child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s)->textCursor();
        QCOMPARE(cursor.blockNumber() + 1, line);
        QCOMPARE(cursor.positionInBlock() + 1, column);
    }
    const EditionEdit edit = dialog.edit();
    QVERIFY(!edit.title && !edit.fields);

    // Fixing it brings Save back.
    QVERIFY(setJson(dialog, u"{\"a\": 1}"_s));
    QVERIFY(dialog.isValid());
    QVERIFY(save->isEnabled());
    QVERIFY(dialog.jsonError().isEmpty());
    QVERIFY2(status->text().contains(u"Valid JSON. Fields: 1"_s), qPrintable(status->text()));
}

void TestEditDialogs::jsonIsCheckedAfterAPause()
{
    EditDraftDialog dialog(sampleEdition());
    auto *json = child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s);
    auto *status = child<QLabel>(dialog, u"jsonStatus"_s);
    QVERIFY(json && status);
    QSignalSpy checked(&dialog, &EditDraftDialog::jsonChecked);
    QElapsedTimer clock;
    clock.start();
    json->moveCursor(QTextCursor::End);
    QTest::keyClicks(json, u"oops"_s);
    // Not yet: the check waits for a pause in the typing.
    QCOMPARE(checked.size(), 0);
    QVERIFY(dialog.isValid());
    QTRY_COMPARE(checked.size(), 1);
    QVERIFY(clock.elapsed() >= 190);
    QCOMPARE(checked.first().first().toBool(), false);
    QVERIFY(!dialog.isValid());
    QVERIFY(status->text().contains(u"Not valid JSON."_s));
}

void TestEditDialogs::saveChecksWhatWasJustTyped()
{
    EditDraftDialog dialog(sampleEdition());
    auto *json = child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s);
    auto *title = child<QLineEdit>(dialog, u"titleEdit"_s);
    QVERIFY(json && title);
    title->setText(u"Another title"_s);
    dialog.setDiscardConfirmation([] { return true; });
    dialog.show();
    json->moveCursor(QTextCursor::End);
    QTest::keyClicks(json, u","_s);   // broken, and Save pressed before the pause is over
    child<QPushButton>(dialog, u"saveButton"_s)->click();
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.isValid());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestEditDialogs::editHoldsOnlyWhatChanged_data()
{
    QTest::addColumn<QString>("title");       // null: leave it
    QTest::addColumn<QString>("note");        // null: leave it
    QTest::addColumn<bool>("toggleMinor");
    QTest::addColumn<QString>("json");        // null: leave it
    QTest::addColumn<QVariant>("wantTitle");  // invalid: not in the edit
    QTest::addColumn<QVariant>("wantNote");
    QTest::addColumn<QVariant>("wantMinor");
    QTest::addColumn<QVariant>("wantFields");

    const Edition e = sampleEdition();
    QJsonObject changed = e.fields;
    changed.insert(u"byline"_s, u"Ingrid Solberg and Ole Brun"_s);
    // The same object written differently: other key order, no indentation.
    const QString reordered = u"{\"breaking\":false,\"tags\":[\"transport\",\"harbour\"],\"byline\":\"Ingrid Solberg\","
                              "\"body\":\"<p>The ferry left the quay at 07:15 on Monday.</p>\",\"standfirst\":"
                              "\"The Nordby ferry is back in service a week early, with a new engine and step-free "
                              "boarding.\"}"_s;

    QTest::newRow("title-only") << u"Ferry back early"_s << QString() << false << QString() << QVariant(u"Ferry back early"_s)
                                << QVariant() << QVariant() << QVariant();
    QTest::newRow("title-is-trimmed") << u"  Ferry back early  "_s << QString() << false << QString()
                                      << QVariant(u"Ferry back early"_s) << QVariant() << QVariant() << QVariant();
    QTest::newRow("title-padding-only-is-no-change") << u" "_s + e.title + u" "_s << QString() << false << QString()
                                                     << QVariant() << QVariant() << QVariant() << QVariant();
    QTest::newRow("note-only") << QString() << u"Checked the timetable"_s << false << QString() << QVariant()
                               << QVariant(u"Checked the timetable"_s) << QVariant() << QVariant();
    QTest::newRow("note-cleared") << QString() << u""_s << false << QString() << QVariant() << QVariant(u""_s)
                                  << QVariant() << QVariant();
    QTest::newRow("minor-only") << QString() << QString() << true << QString() << QVariant() << QVariant()
                                << QVariant(true) << QVariant();
    QTest::newRow("one-field-changed") << QString() << QString() << false
                                       << QString::fromUtf8(QJsonDocument(changed).toJson()) << QVariant() << QVariant()
                                       << QVariant() << QVariant(changed);
    QTest::newRow("fields-emptied") << QString() << QString() << false << u"{}"_s << QVariant() << QVariant() << QVariant()
                                    << QVariant(QJsonObject());
    QTest::newRow("reformatted-fields-are-no-change") << QString() << QString() << false << reordered << QVariant()
                                                      << QVariant() << QVariant() << QVariant();
    QTest::newRow("everything") << u"Ferry back early"_s << u"Second look"_s << true
                                << QString::fromUtf8(QJsonDocument(changed).toJson(QJsonDocument::Compact))
                                << QVariant(u"Ferry back early"_s) << QVariant(u"Second look"_s) << QVariant(true)
                                << QVariant(changed);
}

void TestEditDialogs::editHoldsOnlyWhatChanged()
{
    QFETCH(QString, title);
    QFETCH(QString, note);
    QFETCH(bool, toggleMinor);
    QFETCH(QString, json);
    QFETCH(QVariant, wantTitle);
    QFETCH(QVariant, wantNote);
    QFETCH(QVariant, wantMinor);
    QFETCH(QVariant, wantFields);

    EditDraftDialog dialog(sampleEdition());
    if (!title.isNull())
        child<QLineEdit>(dialog, u"titleEdit"_s)->setText(title);
    if (!note.isNull())
        child<QPlainTextEdit>(dialog, u"changeNoteEdit"_s)->setPlainText(note);
    if (toggleMinor)
        QTest::mouseClick(child<QCheckBox>(dialog, u"minorChangeCheck"_s), Qt::LeftButton, {}, QPoint(4, 4));
    if (!json.isNull())
        QVERIFY(setJson(dialog, json));

    const EditionEdit edit = dialog.edit();
    QCOMPARE(edit.title.has_value(), wantTitle.isValid());
    if (edit.title)
        QCOMPARE(*edit.title, wantTitle.toString());
    QCOMPARE(edit.changeNote.has_value(), wantNote.isValid());
    if (edit.changeNote)
        QCOMPARE(*edit.changeNote, wantNote.toString());
    QCOMPARE(edit.minorChange.has_value(), wantMinor.isValid());
    if (edit.minorChange)
        QCOMPARE(*edit.minorChange, wantMinor.toBool());
    QCOMPARE(edit.fields.has_value(), wantFields.isValid());
    if (edit.fields)
        QCOMPARE(*edit.fields, wantFields.value<QJsonObject>());

    const bool anything = wantTitle.isValid() || wantNote.isValid() || wantMinor.isValid() || wantFields.isValid();
    QCOMPARE(child<QPushButton>(dialog, u"saveButton"_s)->isEnabled(), anything);
    // Typing that changes nothing in the edit is still typing: cancelling asks.
    QVERIFY(dialog.hasUnsavedInput());

    if (anything) {
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        child<QPushButton>(dialog, u"saveButton"_s)->click();
        QCOMPARE(accepted.size(), 1);
    }
}

void TestEditDialogs::formatKeepsTheFieldsAndCanBeUndone()
{
    const Edition e = sampleEdition();
    EditDraftDialog dialog(e);
    auto *json = child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s);
    auto *format = child<QPushButton>(dialog, u"formatJsonButton"_s);
    QVERIFY(json && format);
    const QString compact = QString::fromUtf8(QJsonDocument(e.fields).toJson(QJsonDocument::Compact));
    QVERIFY(setJson(dialog, compact));
    QVERIFY(format->isEnabled());
    format->click();
    QCOMPARE(json->toPlainText(), EditDraftDialog::formatFields(e.fields));
    QVERIFY(!dialog.hasUnsavedInput());
    json->undo();
    QCOMPARE(json->toPlainText(), compact);

    QVERIFY(setJson(dialog, u"{"_s));
    QVERIFY(!format->isEnabled());
}

void TestEditDialogs::serverErrorsAreListedWithTheirField()
{
    const QJsonArray errors {
        QJsonObject { { u"code"_s, u"length"_s }, { u"message"_s, u"Title must be at most 300 characters."_s }, { u"field"_s, u"/title"_s } },
        QJsonObject { { u"code"_s, u"required"_s }, { u"message"_s, u"standfirst is required."_s }, { u"field"_s, u"/fields/standfirst"_s } },
        QJsonObject { { u"code"_s, u"length"_s }, { u"message"_s, u"Too short."_s }, { u"field"_s, u"/fields/tags/1"_s } },
        QJsonObject { { u"code"_s, u"invalid"_s }, { u"message"_s, u"The edition could not be saved."_s } },
    };
    EditDraftDialog dialog(sampleEdition(), errors);
    auto *box = child<QFrame>(dialog, u"serverErrorsBox"_s);
    QVERIFY(box);
    QVERIFY(!box->isHidden());
    const QList<QLabel *> entries = box->findChildren<QLabel *>(u"serverError"_s);
    QCOMPARE(entries.size(), 4);
    auto plain = [](const QLabel *l) {
        QTextDocument doc;
        doc.setHtml(l->text());
        return doc.toPlainText();
    };
    QCOMPARE(plain(entries.at(0)), u"• Title: Title must be at most 300 characters."_s);
    QCOMPARE(plain(entries.at(1)), u"• Fields › standfirst: standfirst is required."_s);
    QCOMPARE(plain(entries.at(2)), u"• Fields › tags › 1: Too short."_s);
    QCOMPARE(plain(entries.at(3)), u"• The edition could not be saved."_s);
    QVERIFY(box->findChild<QLabel *>(u"serverErrorsHeading"_s)->text().contains(u"refused"_s));
    QCOMPARE(EditDraftDialog::fieldLabel(u"/fields/a~1b~0c"_s), u"Fields › a/b~c"_s);

    // Each entry jumps to what it is about.
    auto *json = child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s);
    Q_EMIT entries.at(1)->linkActivated(u"/fields/standfirst"_s);
    QCOMPARE(dialog.focusWidget(), json);
    QCOMPARE(json->textCursor().selectedText(), u"\"standfirst\""_s);
    Q_EMIT entries.at(0)->linkActivated(u"/title"_s);
    QCOMPARE(dialog.focusWidget(), child<QLineEdit>(dialog, u"titleEdit"_s));
    Q_EMIT entries.at(2)->linkActivated(u"/fields/tags/1"_s);
    QCOMPARE(json->textCursor().selectedText(), u"\"tags\""_s);
}

void TestEditDialogs::pastingLargeJsonWorks()
{
    EditDraftDialog dialog(sampleEdition());
    auto *json = child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s);
    QVERIFY(json);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    // About 1.5 MB: a body of many paragraphs and a long list of objects.
    QJsonObject big;
    QString body;
    for (int i = 0; i < 6000; ++i)
        body += u"<p>Paragraph %1 – ærøskøbing, the ferry, the quay and the harbour master’s log.</p>"_s.arg(i);
    big.insert(u"body"_s, body);
    QJsonArray photos;
    for (int i = 0; i < 8000; ++i)
        photos.append(QJsonObject { { u"url"_s, u"https://img.example.com/%1.jpg"_s.arg(i) },
                                    { u"caption"_s, u"Photo number %1 of the harbour at dawn"_s.arg(i) } });
    big.insert(u"photos"_s, photos);
    const QString text = QString::fromUtf8(QJsonDocument(big).toJson());
    QVERIFY(text.size() > 1000000);

    QApplication::clipboard()->setText(text);
    QSignalSpy checked(&dialog, &EditDraftDialog::jsonChecked);
    QElapsedTimer clock;
    clock.start();
    json->selectAll();
    json->paste();
    QTRY_VERIFY_WITH_TIMEOUT(checked.size() > 0, 20000);
    qInfo("pasted and checked %lld characters in %lld ms", qint64(text.size()), clock.elapsed());
    QCOMPARE(json->toPlainText().size(), text.size());
    QVERIFY(dialog.isValid());
    QCOMPARE(*dialog.edit().fields, big);
}

void TestEditDialogs::cancelAsksOnlyWhenSomethingChanged_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<bool>("answer");
    QTest::addColumn<int>("wantAsked");
    QTest::addColumn<bool>("wantClosed");
    QTest::newRow("nothing-typed-closes") << u"nothing"_s << false << 0 << true;
    QTest::newRow("title-typed-keep-editing") << u"title"_s << false << 1 << false;
    QTest::newRow("title-typed-discard") << u"title"_s << true << 1 << true;
    QTest::newRow("note-typed-keep-editing") << u"note"_s << false << 1 << false;
    QTest::newRow("json-typed-discard") << u"json"_s << true << 1 << true;
    QTest::newRow("space-in-json-keep-editing") << u"json-space"_s << false << 1 << false;
    QTest::newRow("minor-toggled-keep-editing") << u"minor"_s << false << 1 << false;
}

void TestEditDialogs::cancelAsksOnlyWhenSomethingChanged()
{
    QFETCH(QString, what);
    QFETCH(bool, answer);
    QFETCH(int, wantAsked);
    QFETCH(bool, wantClosed);
    EditDraftDialog dialog(sampleEdition());
    int asked = 0;
    dialog.setDiscardConfirmation([&] {
        ++asked;
        return answer;
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    if (what == "title"_L1) {
        QTest::keyClicks(child<QLineEdit>(dialog, u"titleEdit"_s), u"!"_s);
    } else if (what == "note"_L1) {
        QTest::keyClicks(child<QPlainTextEdit>(dialog, u"changeNoteEdit"_s), u"x"_s);
    } else if (what == "json"_L1) {
        QTest::keyClicks(child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s), u"{"_s);
    } else if (what == "json-space"_L1) {
        QTest::keyClicks(child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s), u" "_s);
    } else if (what == "minor"_L1) {
        child<QCheckBox>(dialog, u"minorChangeCheck"_s)->click();
    }
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    child<QPushButton>(dialog, u"cancelButton"_s)->click();
    QCOMPARE(asked, wantAsked);
    QCOMPARE(!dialog.isVisible(), wantClosed);
    QCOMPARE(rejected.size(), wantClosed ? 1 : 0);
}

void TestEditDialogs::escapeAsksBeforeDiscarding()
{
    EditDraftDialog dialog(sampleEdition());
    int asked = 0;
    dialog.setDiscardConfirmation([&] { return ++asked > 1; });   // keep editing, then discard
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *json = child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s);
    json->setFocus();
    QTest::keyClick(json, Qt::Key_Return);
    QTest::keyClick(json, Qt::Key_Escape);
    QCOMPARE(asked, 1);
    QVERIFY(dialog.isVisible());
    QVERIFY(json->toPlainText().startsWith(u"\n"_s));   // the keystroke is still there
    QTest::keyClick(child<QLineEdit>(dialog, u"titleEdit"_s), Qt::Key_Escape);
    QCOMPARE(asked, 2);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestEditDialogs::discardQuestionIsARealMessageBox()
{
    EditDraftDialog dialog(sampleEdition());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(child<QLineEdit>(dialog, u"titleEdit"_s), u" and more"_s);

    // Answers the box once it is up, with the named button.
    QString seenText;
    auto answer = [&](const QString &button) {
        auto *poll = new QTimer(&dialog);
        poll->setInterval(20);
        connect(poll, &QTimer::timeout, &dialog, [&seenText, poll, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box || box->objectName() != "discardChangesBox"_L1)
                return;
            poll->stop();
            poll->deleteLater();
            seenText = box->text();
            box->findChild<QPushButton *>(button)->click();
        });
        poll->start();
    };

    answer(u"keepEditingButton"_s);
    dialog.reject();
    QCOMPARE(seenText, u"Discard your changes?"_s);
    QVERIFY(dialog.isVisible());

    seenText.clear();
    answer(u"discardButton"_s);
    dialog.reject();
    QCOMPARE(seenText, u"Discard your changes?"_s);
    QVERIFY(!dialog.isVisible());
}

void TestEditDialogs::dialogRemembersItsSize()
{
    QSize chosen;
    {
        EditDraftDialog dialog(sampleEdition());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        chosen = dialog.size() + QSize(57, 33);
        dialog.resize(chosen);
        QTRY_COMPARE(dialog.size(), chosen);
        dialog.reject();
    }
    EditDraftDialog again(sampleEdition());
    QCOMPARE(again.size(), chosen);
    // Each dialog has its own.
    RemarkDialog remark;
    QVERIFY(remark.size() != chosen);
}

void TestEditDialogs::editsARealDemoDraft()
{
    const Id editionId = m_demo.scalar(u"SELECT e.id FROM editions e JOIN content_schemas s ON s.id = e.schema_id "
                                       "WHERE e.state = 'draft' AND s.name = 'Article' ORDER BY e.id LIMIT 1"_s)
                             .toLongLong();
    QVERIFY(editionId > 0);
    std::optional<Result<EditionDetail>> detail;
    m_demo.worker->post(this, [editionId](QSqlDatabase &db) { return ReplicaReader::editionDetail(db, editionId); },
                        [&detail](Result<EditionDetail> d) { detail = std::move(d); });
    QTRY_VERIFY_WITH_TIMEOUT(detail.has_value(), kLoadTimeout);
    if (!detail->ok())
        QFAIL(qPrintable(detail->error().message));
    const Edition edition = detail->value().edition;

    const QJsonArray errors {
        QJsonObject { { u"code"_s, u"length"_s }, { u"message"_s, u"must be at least 20 characters long"_s },
                      { u"field"_s, u"/fields/standfirst"_s } },
        QJsonObject { { u"code"_s, u"format"_s }, { u"message"_s, u"must be a URI"_s },
                      { u"field"_s, u"/fields/lead_image/url"_s } },
    };
    EditDraftDialog dialog(edition, errors);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(child<QLineEdit>(dialog, u"titleEdit"_s)->text(), edition.title);
    QVERIFY(dialog.isValid());
    QCOMPARE(QJsonDocument::fromJson(child<QPlainTextEdit>(dialog, u"fieldsJsonEdit"_s)->toPlainText().toUtf8()).object(),
             edition.fields);
    child<QPlainTextEdit>(dialog, u"changeNoteEdit"_s)->setPlainText(u"Shortened the standfirst"_s);
    saveScreenshot(&dialog, u"edit-draft-server-errors.png"_s);

    // The same draft with a comma missing in its JSON.
    QString json = EditDraftDialog::formatFields(edition.fields);
    const qsizetype comma = json.indexOf(u",\n"_s);
    QVERIFY(comma > 0);
    json.remove(comma, 1);
    EditDraftDialog broken(edition);
    broken.show();
    QVERIFY(QTest::qWaitForWindowExposed(&broken));
    QVERIFY(setJson(broken, json));
    QVERIFY(!broken.isValid());
    QVERIFY(broken.jsonErrorLine() > 1);
    Q_EMIT child<QLabel>(broken, u"jsonStatus"_s)->linkActivated(u"#error"_s);
    QCOMPARE(child<QLabel>(broken, u"jsonCursorPosition"_s)->text(),
             u"Line %1, column %2"_s.arg(broken.jsonErrorLine()).arg(broken.jsonErrorColumn()));
    saveScreenshot(&broken, u"edit-draft-invalid-json.png"_s);
}

// ---------------------------------------------------------------------------------------------
// NewDocumentDialog

void TestEditDialogs::newDocumentPreselectsTheScope()
{
    const Scope scope = demoSectorScope(2);
    QVERIFY(scope.sectorId && scope.siteId && scope.accountId);
    NewDocumentDialog dialog(m_demo.worker.get(), scope);
    auto *account = child<QComboBox>(dialog, u"accountCombo"_s);
    auto *site = child<QComboBox>(dialog, u"siteCombo"_s);
    auto *sector = child<QComboBox>(dialog, u"sectorCombo"_s);
    auto *schema = child<QComboBox>(dialog, u"schemaCombo"_s);
    auto *title = child<QLineEdit>(dialog, u"titleEdit"_s);
    auto *note = child<QPlainTextEdit>(dialog, u"changeNoteEdit"_s);
    auto *create = child<QPushButton>(dialog, u"createButton"_s);
    QVERIFY(account && site && sector && schema && title && note && create);
    QVERIFY(child<QPushButton>(dialog, u"cancelButton"_s));

    QVERIFY(dialog.isLoading());
    QVERIFY(!create->isEnabled());
    QSignalSpy loaded(&dialog, &NewDocumentDialog::loaded);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeout);
    QVERIFY(!dialog.isLoading());
    QVERIFY(dialog.loadError().isEmpty());

    QCOMPARE(dialog.accountId(), scope.accountId);
    QCOMPARE(dialog.siteId(), scope.siteId);
    QCOMPARE(dialog.sectorId(), scope.sectorId);
    QCOMPARE(dialog.schemaId(), Id(0));
    QCOMPARE(qint64(site->count()),
             m_demo.scalar(u"SELECT count(*) FROM sites WHERE account_id = ?"_s, { scope.accountId }).toLongLong());
    QCOMPARE(qint64(schema->count()),
             m_demo.scalar(u"SELECT count(*) FROM content_schemas WHERE account_id = ?"_s, { scope.accountId }).toLongLong());
    QCOMPARE(site->currentText(), m_demo.scalar(u"SELECT name FROM sites WHERE id = ?"_s, { scope.siteId }).toString());
    QVERIFY(!dialog.hasUnsavedInput());   // preselected is not typed
    QCOMPARE(create->toolTip(), u"Choose a schema."_s);

    // Create waits for a schema and a title.
    const int article = schema->findText(u"Article"_s);
    QVERIFY(article >= 0);
    schema->setCurrentIndex(article);
    QVERIFY(!create->isEnabled());
    QVERIFY(child<QLabel>(dialog, u"schemaHint"_s)->text().startsWith(u"A news story"_s));
    QTest::keyClicks(title, u"   "_s);
    QVERIFY(!create->isEnabled());
    title->clear();
    QTest::keyClicks(title, u"Council approves the new harbour bridge"_s);
    QVERIFY(create->isEnabled());
    QTest::keyClicks(note, u"  First draft "_s);

    const NewDocument doc = dialog.document();
    QCOMPARE(doc.siteId, scope.siteId);
    QCOMPARE(doc.sectorId, scope.sectorId);
    QCOMPARE(doc.schemaId, schema->currentData().toLongLong());
    QCOMPARE(doc.schemaId, m_demo.scalar(u"SELECT id FROM content_schemas WHERE account_id = ? AND name = 'Article'"_s,
                                         { scope.accountId }).toLongLong());
    QCOMPARE(doc.title, u"Council approves the new harbour bridge"_s);
    QCOMPARE(doc.changeNote, u"First draft"_s);
    QCOMPARE(doc.fields, (QJsonObject { { u"standfirst"_s, u""_s }, { u"body"_s, u""_s }, { u"byline"_s, u""_s } }));

    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    saveScreenshot(&dialog, u"new-document.png"_s);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    create->click();
    QCOMPARE(accepted.size(), 1);
}

void TestEditDialogs::sectorsFollowTheSite()
{
    const Scope scope = demoSectorScope();
    NewDocumentDialog dialog(m_demo.worker.get(), scope);
    QSignalSpy loaded(&dialog, &NewDocumentDialog::loaded);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeout);
    auto *site = child<QComboBox>(dialog, u"siteCombo"_s);
    auto *sector = child<QComboBox>(dialog, u"sectorCombo"_s);
    QVERIFY(site && sector);
    QVERIFY(site->count() > 1);
    QCOMPARE(site->currentIndex(), 0);   // the scope's is the first sector of the first site
    QVERIFY(!dialog.hasUnsavedInput());

    for (int i = 0; i < site->count(); ++i) {
        site->setCurrentIndex(i);
        const Id siteId = site->currentData().toLongLong();
        QCOMPARE(dialog.siteId(), siteId);
        QStringList names;
        for (int s = 0; s < sector->count(); ++s) {
            names << sector->itemText(s);
            QCOMPARE(m_demo.scalar(u"SELECT site_id FROM sectors WHERE id = ?"_s, { sector->itemData(s) }).toLongLong(),
                     siteId);
        }
        QCOMPARE(qint64(sector->count()),
                 m_demo.scalar(u"SELECT count(*) FROM sectors WHERE site_id = ?"_s, { siteId }).toLongLong());
        // Another site's sector is never kept.
        if (siteId != scope.siteId)
            QCOMPARE(dialog.sectorId(), sector->count() == 1 ? sector->itemData(0).toLongLong() : Id(0));
    }
    // Another site than the one preselected is a choice the user made: closing asks.
    QVERIFY(site->currentData().toLongLong() != scope.siteId);
    QVERIFY(dialog.hasUnsavedInput());
}

void TestEditDialogs::emptyScopeAsksForEverything()
{
    NewDocumentDialog dialog(m_demo.worker.get(), Scope {});
    QSignalSpy loaded(&dialog, &NewDocumentDialog::loaded);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeout);
    auto *account = child<QComboBox>(dialog, u"accountCombo"_s);
    auto *site = child<QComboBox>(dialog, u"siteCombo"_s);
    auto *sector = child<QComboBox>(dialog, u"sectorCombo"_s);
    auto *schema = child<QComboBox>(dialog, u"schemaCombo"_s);
    auto *create = child<QPushButton>(dialog, u"createButton"_s);
    QVERIFY(account && site && sector && schema && create);

    // The demo has two accounts: which one is a real choice.
    QCOMPARE(account->count(), 2);
    QVERIFY(!account->isHidden());
    QCOMPARE(dialog.accountId(), Id(0));
    QCOMPARE(account->currentText(), QString());
    QVERIFY(!site->isEnabled() && !sector->isEnabled() && !schema->isEnabled());
    QTest::keyClicks(child<QLineEdit>(dialog, u"titleEdit"_s), u"Quarterly results"_s);
    QVERIFY(!create->isEnabled());
    QCOMPARE(create->toolTip(), u"Choose an account."_s);

    account->setCurrentIndex(1);
    QVERIFY(site->isEnabled() && schema->isEnabled());
    QCOMPARE(create->toolTip(), u"Choose a site."_s);
    site->setCurrentIndex(0);
    if (sector->count() > 1) {
        QCOMPARE(create->toolTip(), u"Choose a sector."_s);
        sector->setCurrentIndex(sector->count() - 1);
    }
    QVERIFY(dialog.sectorId() != 0);
    QVERIFY(!create->isEnabled());
    schema->setCurrentIndex(0);
    QVERIFY(create->isEnabled());

    // Another account: its own sites and schemas, nothing of the other one kept.
    account->setCurrentIndex(0);
    QCOMPARE(dialog.schemaId(), Id(0));
    QVERIFY(!create->isEnabled());
    QCOMPARE(qint64(schema->count()),
             m_demo.scalar(u"SELECT count(*) FROM content_schemas WHERE account_id = ?"_s, { dialog.accountId() }).toLongLong());
}

void TestEditDialogs::initialFieldsHaveRequiredStrings_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QJsonObject>("fields");
    QTest::newRow("article-three-strings") << u"Article"_s
                                           << QJsonObject { { u"standfirst"_s, u""_s }, { u"body"_s, u""_s },
                                                            { u"byline"_s, u""_s } };
    // columnist is an object ($ref): left out.
    QTest::newRow("opinion-skips-objects") << u"Opinion column"_s
                                           << QJsonObject { { u"standfirst"_s, u""_s }, { u"body"_s, u""_s } };
    // photos is an array: left out.
    QTest::newRow("gallery-skips-arrays") << u"Photo gallery"_s << QJsonObject { { u"intro"_s, u""_s } };
}

void TestEditDialogs::initialFieldsHaveRequiredStrings()
{
    QFETCH(QString, schema);
    QFETCH(QJsonObject, fields);
    NewDocumentDialog dialog(m_demo.worker.get(), demoSectorScope());
    QSignalSpy loaded(&dialog, &NewDocumentDialog::loaded);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeout);
    auto *combo = child<QComboBox>(dialog, u"schemaCombo"_s);
    QVERIFY(combo);
    const int index = combo->findText(schema);
    QVERIFY2(index >= 0, qPrintable(schema));
    combo->setCurrentIndex(index);
    QCOMPARE(dialog.document().fields, fields);

    // A string default is used; no "required" or "properties" gives {}.
    const QJsonObject spec = QJsonDocument::fromJson(R"({"type":"object","required":["kind","n"],
        "properties":{"kind":{"type":"string","default":"column"},"n":{"type":"integer"}}})").object();
    QCOMPARE(NewDocumentDialog::initialFields(spec), (QJsonObject { { u"kind"_s, u"column"_s } }));
    QCOMPARE(NewDocumentDialog::initialFields(QJsonObject { { u"type"_s, u"object"_s } }), QJsonObject());
}

void TestEditDialogs::newDocumentAsksBeforeDiscardingATitle()
{
    NewDocumentDialog dialog(m_demo.worker.get(), demoSectorScope());
    QSignalSpy loaded(&dialog, &NewDocumentDialog::loaded);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeout);
    int asked = 0;
    dialog.setDiscardConfirmation([&] { return ++asked > 1; });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(child<QLineEdit>(dialog, u"titleEdit"_s), u"Bridge"_s);
    QTest::keyClick(child<QLineEdit>(dialog, u"titleEdit"_s), Qt::Key_Escape);
    QCOMPARE(asked, 1);
    QVERIFY(dialog.isVisible());
    child<QPushButton>(dialog, u"cancelButton"_s)->click();
    QCOMPARE(asked, 2);
    QVERIFY(!dialog.isVisible());
}

void TestEditDialogs::newDocumentWithoutWorkerSaysSo()
{
    NewDocumentDialog dialog(nullptr, Scope {});
    QVERIFY(!dialog.isLoading());
    QVERIFY(!dialog.loadError().isEmpty());
    QVERIFY(!child<QLabel>(dialog, u"loadError"_s)->isHidden());
    QVERIFY(!child<QPushButton>(dialog, u"createButton"_s)->isEnabled());
}

// ---------------------------------------------------------------------------------------------
// RemarkDialog

void TestEditDialogs::remarkIsRequiredAndLimited_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("count");
    QTest::newRow("empty") << QString() << false << u"0 / 4,000"_s;
    QTest::newRow("blank-lines") << u"\n  \n"_s << false << u"0 / 4,000"_s;
    QTest::newRow("one-line") << u"Please check the quote in paragraph 3."_s << true << u"38 / 4,000"_s;
    QTest::newRow("padded-is-trimmed") << u"\n  Needs a photo credit.  \n"_s << true << u"21 / 4,000"_s;
    QTest::newRow("exactly-4000") << QString(4000, u'a') << true << u"4,000 / 4,000"_s;
    QTest::newRow("too-long-is-kept") << QString(4012, u'b') << false << u"12 too many · 4,012 / 4,000"_s;
}

void TestEditDialogs::remarkIsRequiredAndLimited()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, count);
    RemarkDialog dialog(u"Harbour ferry returns after winter repairs"_s);
    auto *edit = child<QPlainTextEdit>(dialog, u"remarkEdit"_s);
    auto *add = child<QPushButton>(dialog, u"addRemarkButton"_s);
    auto *counter = child<QLabel>(dialog, u"remarkCount"_s);
    QVERIFY(edit && add && counter);
    QVERIFY(child<QPushButton>(dialog, u"cancelButton"_s));
    QVERIFY(child<QLabel>(dialog, u"remarkLabel"_s)->text().contains(u"Harbour ferry"_s));
    QVERIFY(!add->isEnabled());

    edit->setPlainText(text);
    QCOMPARE(add->isEnabled(), valid);
    QCOMPARE(dialog.isValid(), valid);
    QCOMPARE(counter->text(), count);
    QCOMPARE(edit->toPlainText(), text);   // nothing cut off
    QCOMPARE(dialog.text(), text.trimmed());
    dialog.accept();
    QCOMPARE(dialog.result(), valid ? int(QDialog::Accepted) : int(QDialog::Rejected));
}

void TestEditDialogs::remarkCancelAsks()
{
    RemarkDialog dialog(u"Harbour ferry returns after winter repairs"_s);
    int asked = 0;
    dialog.setDiscardConfirmation([&] {
        ++asked;
        return false;
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString typed = u"The standfirst says 07:15 but the timetable says 07:20. Which is right?"_s;
    QTest::keyClicks(child<QPlainTextEdit>(dialog, u"remarkEdit"_s), typed);
    QCOMPARE(dialog.text(), typed);
    QCOMPARE(child<QLabel>(dialog, u"remarkCount"_s)->text(), u"%1 / 4,000"_s.arg(typed.size()));
    QTest::keyClick(child<QPlainTextEdit>(dialog, u"remarkEdit"_s), Qt::Key_Escape);
    QCOMPARE(asked, 1);
    QVERIFY(dialog.isVisible());
    saveScreenshot(&dialog, u"remark.png"_s);

    RemarkDialog empty;
    empty.setDiscardConfirmation([&] {
        ++asked;
        return false;
    });
    empty.show();
    empty.reject();
    QCOMPARE(asked, 1);
    QVERIFY(!empty.isVisible());
}

QTEST_MAIN(TestEditDialogs)
#include "tst_editdialogs.moc"
