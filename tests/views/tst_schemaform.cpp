// SchemaForm through its real widgets, offscreen: one editor per JSON Schema keyword, real key
// presses, the JSON it writes, the validator's problems at their fields, undo/redo, tab order.
// With GALLEY_SCREENSHOT_DIR set it also saves the demo "Quarterly report" (the Financial
// Reports schema) as a form, light and dark.
#include "common/demofixture.h"
#include "schemaform.h"
#include "synctesthelpers.h"

#include <QAbstractSpinBox>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolButton>
#include <QUndoStack>
#include <time.h>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

// (Declared before the JSON below: moc reads "//" inside raw strings as a comment.)
class TestSchemaForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpGuiTest(); }

    void editorPerKeyword_data();
    void editorPerKeyword();
    void fieldsFollowTheSchemaText();
    void typingTextWritesJson();
    void multiLineAndMarkdownPreview();
    void integerBoundsAndInlineErrors();
    void numberStepsAndEmptyOptional();
    void booleanCheckBox();
    void enumComboBoxes();
    void dateField();
    void dateTimeIsLocalAndStoredAsRfc3339();
    void calendarByKeyboard();
    void emailAndUri();
    void arrayAddRemoveReorder();
    void multiEnumCheckBoxes();
    void nestedAndOptionalObjects();
    void refIntoDefs();
    void oneOfSwitchDropsTheOtherBranch();
    void requiredMarkers();
    void defaultsForNewValues();
    void unknownMembersAndWrongTypesAreKept();
    void problemsNotInTheFormAreListedAtTheTop();
    void problemsWaitForThePauseAndTouchedFields();
    void undoRedoMergesTypingAndUpdatesWidgets();
    void undoKeysInAFieldUseTheFormsStack();
    void sharedUndoStack();
    void tabOrderRunsTopToBottom();
    void setValueUpdatesInPlace();
    void invalidSchemaStillGetsAForm();
    void unusualSchemas();
    void financialReportForm();
    void screenshotsOfEveryKind();
};

namespace {

// Every keyword the form supports, in one schema. The text's key order is the form's order.
const QByteArray kSchema = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Test content",
  "description": "Every kind of field.",
  "type": "object",
  "required": ["title", "count", "period"],
  "properties": {
    "title": { "type": "string", "title": "Title", "minLength": 3, "maxLength": 40 },
    "summary": { "type": "string", "maxLength": 500, "description": "A few sentences." },
    "notes": { "type": "string", "x-multiline": true },
    "body": { "type": "string", "contentMediaType": "text/markdown" },
    "count": { "type": "integer", "minimum": 1, "maximum": 100 },
    "ratio": { "type": "number", "exclusiveMinimum": 0, "maximum": 1, "multipleOf": 0.25 },
    "score": { "type": "number" },
    "published": { "type": "boolean", "default": true },
    "status": { "type": "string", "enum": ["draft", "final"], "default": "draft" },
    "tone": { "oneOf": [ { "const": "calm", "title": "Calm" }, { "const": "loud", "title": "Loud" } ] },
    "day": { "type": "string", "format": "date" },
    "starts": { "type": "string", "format": "date-time" },
    "contact": { "type": "string", "format": "email" },
    "link": { "type": "string", "format": "uri" },
    "tags": { "type": "array", "items": { "type": "string", "minLength": 2 }, "maxItems": 3 },
    "dietary": { "type": "array", "items": { "enum": ["vegan", "vegetarian"] }, "uniqueItems": true },
    "period": {
      "type": "object",
      "required": ["year"],
      "properties": {
        "year": { "type": "integer", "minimum": 2000 },
        "quarter": { "enum": ["Q1", "Q2", "Q3", "Q4"] }
      }
    },
    "price": { "$ref": "#/$defs/money" },
    "media": {
      "oneOf": [
        { "title": "Image", "type": "object", "required": ["kind", "url"],
          "properties": { "kind": { "const": "image" }, "url": { "type": "string", "format": "uri" }, "alt": { "type": "string" } } },
        { "title": "Video", "type": "object", "required": ["kind", "src"],
          "properties": { "kind": { "const": "video" }, "src": { "type": "string" }, "seconds": { "type": "integer", "minimum": 1 } } }
      ]
    },
    "segments": { "type": "array", "items": { "$ref": "#/$defs/segment" } }
  },
  "$defs": {
    "money": {
      "type": "object",
      "required": ["amount", "currency"],
      "properties": { "amount": { "type": "number", "minimum": 0 }, "currency": { "enum": ["NOK", "EUR"] } }
    },
    "segment": {
      "type": "object",
      "required": ["name"],
      "properties": { "name": { "type": "string", "minLength": 2 }, "revenue": { "type": "number" } }
    }
  }
})json";

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// A dark desktop has dark-theme icons too.
class ScopedIconTheme
{
public:
    explicit ScopedIconTheme(bool dark)
        : m_old(QIcon::themeName())
    {
        if (dark)
            QIcon::setThemeName(u"breeze-dark"_s);
    }
    ~ScopedIconTheme() { QIcon::setThemeName(m_old); }
    Q_DISABLE_COPY_MOVE(ScopedIconTheme)

private:
    QString m_old;
};

template<typename T = QWidget> T *editor(const SchemaForm &form, const QString &pointer)
{
    return qobject_cast<T *>(form.editorFor(pointer));
}

template<typename T> T *named(const QWidget &w, const QString &name)
{
    return w.findChild<T *>(name);
}

// A form on kSchema, shown and active, that checks right away.
struct Fixture
{
    SchemaForm form;
    Fixture(const QJsonObject &value = {}, bool show = false)
    {
        form.setValidationDelay(0);
        form.setSchema(kSchema);
        form.setValue(value);
        form.resize(900, 700);
        if (show) {
            form.show();
            form.activateWindow();
        }
    }
};

// Selects everything in a line edit or spin box and types over it.
void retype(QWidget *w, const QString &text)
{
    QTest::keyClick(w, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(w, Qt::Key_Delete);
    QTest::keyClicks(w, text);
}

} // namespace

void TestSchemaForm::editorPerKeyword_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("className");
    QTest::newRow("string") << u"/title"_s << QByteArray("QLineEdit");
    QTest::newRow("long-string") << u"/summary"_s << QByteArray("QPlainTextEdit");
    QTest::newRow("x-multiline") << u"/notes"_s << QByteArray("QPlainTextEdit");
    QTest::newRow("markdown") << u"/body"_s << QByteArray("QPlainTextEdit");
    QTest::newRow("integer") << u"/count"_s << QByteArray("QAbstractSpinBox");
    QTest::newRow("number") << u"/ratio"_s << QByteArray("QAbstractSpinBox");
    QTest::newRow("boolean") << u"/published"_s << QByteArray("QCheckBox");
    QTest::newRow("enum") << u"/status"_s << QByteArray("QComboBox");
    QTest::newRow("oneOf-const") << u"/tone"_s << QByteArray("QComboBox");
    QTest::newRow("date") << u"/day"_s << QByteArray("QLineEdit");
    QTest::newRow("date-time") << u"/starts"_s << QByteArray("QLineEdit");
    QTest::newRow("email") << u"/contact"_s << QByteArray("QLineEdit");
    QTest::newRow("uri") << u"/link"_s << QByteArray("QLineEdit");
    QTest::newRow("array-add") << u"/tags"_s << QByteArray("QPushButton");
    QTest::newRow("unique-enum-array") << u"/dietary"_s << QByteArray("QCheckBox");
    QTest::newRow("nested") << u"/period/year"_s << QByteArray("QAbstractSpinBox");
    QTest::newRow("optional-object") << u"/price"_s << QByteArray("QGroupBox");
    QTest::newRow("oneOf-objects") << u"/media"_s << QByteArray("QComboBox");
}

void TestSchemaForm::editorPerKeyword()
{
    QFETCH(QString, pointer);
    QFETCH(QByteArray, className);
    Fixture f;
    QWidget *w = f.form.editorFor(pointer);
    QVERIFY2(w, qPrintable(pointer));
    QVERIFY2(w->inherits(className.constData()), w->metaObject()->className());
    QVERIFY(f.form.fieldPointers().contains(pointer));
}

void TestSchemaForm::fieldsFollowTheSchemaText()
{
    Fixture f;
    const QStringList order = f.form.fieldPointers();
    const QStringList expected {
        u"/title"_s,          u"/summary"_s,   u"/notes"_s,  u"/body"_s,    u"/count"_s,  u"/ratio"_s,
        u"/score"_s,          u"/published"_s, u"/status"_s, u"/tone"_s,    u"/day"_s,    u"/starts"_s,
        u"/contact"_s,        u"/link"_s,      u"/tags"_s,   u"/dietary"_s, u"/period"_s, u"/period/year"_s,
        u"/period/quarter"_s, u"/price"_s,     u"/media"_s,  u"/segments"_s
    };
    QCOMPARE(order, expected);
    // A QJsonObject sorts its keys; the form can only be alphabetical then.
    SchemaForm sorted;
    sorted.setSchema(QJsonDocument::fromJson(kSchema).object());
    QCOMPARE(sorted.fieldPointers().first(), u"/body"_s);
    auto *title = named<QLabel>(f.form, u"formTitle"_s);
    QVERIFY(title);
    QCOMPARE(title->text(), u"Test content"_s);
}

void TestSchemaForm::typingTextWritesJson()
{
    Fixture f(json(R"({"notes": "old"})"));
    QSignalSpy changed(&f.form, &SchemaForm::valueChanged);
    auto *title = editor<QLineEdit>(f.form, u"/title"_s);
    QVERIFY(title);
    QTest::keyClicks(title, u"Harbour ferry"_s);
    QCOMPARE(f.form.value().value(u"title").toString(), u"Harbour ferry"_s);
    QCOMPARE(changed.size(), 13);

    // Clearing an optional field removes the member; a required one keeps an empty string.
    auto *notes = editor<QPlainTextEdit>(f.form, u"/notes"_s);
    QVERIFY(notes);
    QCOMPARE(notes->toPlainText(), u"old"_s);
    notes->selectAll();
    QTest::keyClick(notes, Qt::Key_Delete);
    QVERIFY(!f.form.value().contains(u"notes"));
    retype(title, QString());
    QVERIFY(f.form.value().contains(u"title"));
    QCOMPARE(f.form.value().value(u"title").toString(), QString());

    // A counter follows the length against maxLength.
    auto *count = named<QLabel>(f.form, u"count:/title"_s);
    QVERIFY(count);
    QTest::keyClicks(title, u"abc"_s);
    QCOMPARE(count->text(), u"3 / 40"_s);
    const QColor quiet = count->palette().color(count->foregroundRole());
    // Nothing is cut off at maxLength: the counter turns red and the validator says why.
    QTest::keyClicks(title, QString(38, u'x'));
    QCOMPARE(count->text(), u"41 / 40"_s);
    QCOMPARE(f.form.value().value(u"title").toString().size(), 41);
    QVERIFY(count->palette().color(count->foregroundRole()) != quiet);
    QTRY_VERIFY(!f.form.errorAt(u"/title"_s).isEmpty());
    for (int i = 0; i < 6; ++i) // 35 of 40: below nine tenths, quiet again
        QTest::keyClick(title, Qt::Key_Backspace);
    QCOMPARE(count->palette().color(count->foregroundRole()), quiet);
}

void TestSchemaForm::multiLineAndMarkdownPreview()
{
    Fixture f;
    auto *summary = editor<QPlainTextEdit>(f.form, u"/summary"_s);
    QVERIFY(summary);
    QVERIFY(summary->tabChangesFocus());
    QTest::keyClicks(summary, u"Line one"_s);
    QTest::keyClick(summary, Qt::Key_Return);
    QTest::keyClicks(summary, u"Line two"_s);
    QCOMPARE(f.form.value().value(u"summary").toString(), u"Line one\nLine two"_s);

    auto *body = editor<QPlainTextEdit>(f.form, u"/body"_s);
    auto *preview = named<QTextBrowser>(f.form, u"preview:/body"_s);
    QVERIFY(body && preview);
    QTest::keyClicks(body, u"# Results"_s);
    QTest::keyClick(body, Qt::Key_Return);
    QTest::keyClick(body, Qt::Key_Return);
    QTest::keyClicks(body, u"Revenue **rose**."_s);
    QCOMPARE(f.form.value().value(u"body").toString(), u"# Results\n\nRevenue **rose**."_s);
    QTRY_VERIFY(preview->toPlainText().contains(u"Revenue rose."_s));
    QCOMPARE(preview->document()->firstBlock().text(), u"Results"_s);
    QCOMPARE(preview->document()->firstBlock().blockFormat().headingLevel(), 1);
    QCOMPARE(preview->focusPolicy(), Qt::ClickFocus);
}

void TestSchemaForm::integerBoundsAndInlineErrors()
{
    Fixture f(json(R"({"title": "Hello", "count": 5, "period": {"year": 2024}})"));
    auto *count = editor<QAbstractSpinBox>(f.form, u"/count"_s);
    QVERIFY(count);
    QCOMPARE(count->text(), u"5"_s);
    QVERIFY(f.form.errorAt(u"/count"_s).isEmpty());

    retype(count, u"150"_s);
    QCOMPARE(f.form.value().value(u"count").toInteger(), 150);
    QTRY_VERIFY(!f.form.errorAt(u"/count"_s).isEmpty());
    auto *problem = named<QLabel>(f.form, u"problem:/count"_s);
    QVERIFY(problem);
    QVERIFY(problem->isVisibleTo(&f.form));
    QCOMPARE(problem->text(), f.form.errorAt(u"/count"_s));
    QCOMPARE(count->accessibleDescription(), problem->text());

    // Letters never get in; fixing the number makes the problem go away.
    retype(count, u"42x"_s);
    QCOMPARE(count->text(), u"42"_s);
    QTRY_VERIFY(f.form.errorAt(u"/count"_s).isEmpty());
    QVERIFY(!problem->isVisibleTo(&f.form));
    QVERIFY(f.form.value().value(u"count").isDouble());
    QCOMPARE(f.form.value().value(u"count").toInteger(), 42);

    // Up/Down step within the bounds.
    QTest::keyClick(count, Qt::Key_Up);
    QCOMPARE(f.form.value().value(u"count").toInteger(), 43);
    retype(count, u"100"_s);
    QTest::keyClick(count, Qt::Key_Up);
    QCOMPARE(f.form.value().value(u"count").toInteger(), 100);
    retype(count, u"1"_s);
    QTest::keyClick(count, Qt::Key_Down);
    QCOMPARE(f.form.value().value(u"count").toInteger(), 1);

    // A required number left empty: the member goes and "required" shows at the field.
    retype(count, QString());
    QVERIFY(!f.form.value().contains(u"count"));
    QTRY_VERIFY(f.form.errorAt(u"/count"_s).contains(u"required"_s, Qt::CaseInsensitive));

    // Half a number is not written yet, and the field says so.
    QTest::keyClicks(count, u"-"_s);
    QVERIFY(!f.form.value().contains(u"count"));
    QVERIFY(f.form.errorAt(u"/count"_s).contains(u"whole number"_s));
    QTest::keyClicks(count, u"3"_s);
    QCOMPARE(f.form.value().value(u"count").toInteger(), -3);
    QTRY_VERIFY(!f.form.errorAt(u"/count"_s).isEmpty()); // below the minimum
    QVERIFY(!f.form.errorAt(u"/count"_s).contains(u"whole number"_s));
}

void TestSchemaForm::numberStepsAndEmptyOptional()
{
    Fixture f;
    auto *ratio = editor<QAbstractSpinBox>(f.form, u"/ratio"_s);
    QVERIFY(ratio);
    QVERIFY(ratio->text().isEmpty());
    QVERIFY(!f.form.value().contains(u"ratio"));
    // exclusiveMinimum 0 with multipleOf 0.25: the first step is 0.25.
    QTest::keyClick(ratio, Qt::Key_Up);
    QCOMPARE(f.form.value().value(u"ratio").toDouble(), 0.25);
    QTest::keyClick(ratio, Qt::Key_Up);
    QTest::keyClick(ratio, Qt::Key_Up);
    QTest::keyClick(ratio, Qt::Key_Up);
    QTest::keyClick(ratio, Qt::Key_Up);
    QCOMPARE(f.form.value().value(u"ratio").toDouble(), 1.0);
    QCOMPARE(ratio->text(), u"1"_s);

    retype(ratio, u"0.3"_s);
    QCOMPARE(f.form.value().value(u"ratio").toDouble(), 0.3);
    QTRY_VERIFY(!f.form.errorAt(u"/ratio"_s).isEmpty()); // not a multiple of 0.25
    retype(ratio, QString());
    QVERIFY(!f.form.value().contains(u"ratio"));
    QTRY_VERIFY(f.form.errorAt(u"/ratio"_s).isEmpty());

    auto *score = editor<QAbstractSpinBox>(f.form, u"/score"_s);
    QTest::keyClicks(score, u"-12.5e1"_s);
    QCOMPARE(f.form.value().value(u"score").toDouble(), -125.0);
    // Without bounds or multipleOf a step is 1, and the fraction stays.
    retype(score, u"1.25"_s);
    QTest::keyClick(score, Qt::Key_Up);
    QCOMPARE(f.form.value().value(u"score").toDouble(), 2.25);
    QCOMPARE(score->text(), u"2.25"_s);
}

void TestSchemaForm::booleanCheckBox()
{
    Fixture f(SchemaForm::defaultValue(QJsonDocument::fromJson(kSchema).object()));
    auto *published = editor<QCheckBox>(f.form, u"/published"_s);
    QVERIFY(published);
    QCOMPARE(published->text(), u"Published"_s);
    QVERIFY(published->isChecked());
    QCOMPARE(f.form.value().value(u"published"), QJsonValue(true));
    QTest::keyClick(published, Qt::Key_Space);
    QVERIFY(!published->isChecked());
    QCOMPARE(f.form.value().value(u"published"), QJsonValue(false));
}

void TestSchemaForm::enumComboBoxes()
{
    Fixture f;
    auto *status = editor<QComboBox>(f.form, u"/status"_s);
    QVERIFY(status);
    // Optional: "(none)" first, then the values.
    QCOMPARE(status->count(), 3);
    QCOMPARE(status->itemText(1), u"draft"_s);
    QCOMPARE(status->currentIndex(), 0);
    QTest::keyClick(status, Qt::Key_Down);
    QCOMPARE(f.form.value().value(u"status").toString(), u"draft"_s);
    QTest::keyClick(status, Qt::Key_Down);
    QCOMPARE(f.form.value().value(u"status").toString(), u"final"_s);
    QTest::keyClick(status, Qt::Key_Up);
    QTest::keyClick(status, Qt::Key_Up);
    QVERIFY(!f.form.value().contains(u"status"));

    // oneOf of consts: titles shown, values written.
    auto *tone = editor<QComboBox>(f.form, u"/tone"_s);
    QVERIFY(tone);
    QCOMPARE(tone->itemText(1), u"Calm"_s);
    QCOMPARE(tone->itemText(2), u"Loud"_s);
    tone->setCurrentIndex(2);
    Q_EMIT tone->activated(2);
    QCOMPARE(f.form.value().value(u"tone").toString(), u"loud"_s);

    // A required enum without a value asks to choose; a value not allowed is shown and kept.
    auto *quarter = editor<QComboBox>(f.form, u"/period/quarter"_s);
    QVERIFY(quarter);
    f.form.setValue(json(R"({"period": {"year": 2025, "quarter": "Q5"}})"));
    QCOMPARE(quarter->currentText(), u"Q5 (not allowed)"_s);
    QCOMPARE(f.form.value().value(u"period").toObject().value(u"quarter").toString(), u"Q5"_s);
}

void TestSchemaForm::dateField()
{
    Fixture f;
    auto *day = editor<QLineEdit>(f.form, u"/day"_s);
    QVERIFY(day);
    QTest::keyClicks(day, u"2026-11-20"_s);
    QCOMPARE(f.form.value().value(u"day").toString(), u"2026-11-20"_s);
    QTRY_VERIFY(f.form.errorAt(u"/day"_s).isEmpty());
    retype(day, u"2026-13-45"_s);
    // Kept as typed, so that nothing is lost; the validator says what is wrong.
    QCOMPARE(f.form.value().value(u"day").toString(), u"2026-13-45"_s);
    QTRY_VERIFY(!f.form.errorAt(u"/day"_s).isEmpty());
    retype(day, u"2026-12-01"_s);
    QTRY_VERIFY(f.form.errorAt(u"/day"_s).isEmpty());
}

void TestSchemaForm::dateTimeIsLocalAndStoredAsRfc3339()
{
    Fixture f;
    auto *starts = editor<QLineEdit>(f.form, u"/starts"_s);
    QVERIFY(starts);
    QTest::keyClicks(starts, u"2026-11-20 10:00"_s);
    const QDateTime local(QDate(2026, 11, 20), QTime(10, 0));
    const QString stored = local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODate);
    QCOMPARE(f.form.value().value(u"starts").toString(), stored);
    QCOMPARE(stored, u"2026-11-20T10:00:00+01:00"_s); // TZ=Europe/Oslo (main)
    QTRY_VERIFY(f.form.errorAt(u"/starts"_s).isEmpty());
    auto *zone = named<QLabel>(f.form, u"zone:/starts"_s);
    QVERIFY(zone);
    QVERIFY2(zone->text().contains(u"UTC+0"_s), qPrintable(zone->text()));

    // A stored UTC time is shown in local time (summer time here) and not rewritten.
    f.form.setValue(json(R"({"starts": "2026-06-01T08:00:00Z"})"));
    QCOMPARE(starts->text(), u"2026-06-01 10:00"_s);
    QCOMPARE(f.form.value().value(u"starts").toString(), u"2026-06-01T08:00:00Z"_s);

    retype(starts, u"tomorrow"_s);
    QCOMPARE(f.form.value().value(u"starts").toString(), u"tomorrow"_s);
    QTRY_VERIFY(!f.form.errorAt(u"/starts"_s).isEmpty());
}

void TestSchemaForm::calendarByKeyboard()
{
    Fixture f({}, true);
    QVERIFY(QTest::qWaitForWindowActive(&f.form));
    auto *day = editor<QLineEdit>(f.form, u"/day"_s);
    QVERIFY(day);
    QTest::keyClicks(day, u"2026-02-10"_s);
    day->setFocus();
    QTRY_VERIFY(day->hasFocus());
    QTest::keyClick(day, Qt::Key_Down, Qt::AltModifier);
    QCalendarWidget *calendar = nullptr;
    QTRY_VERIFY((calendar = f.form.findChild<QCalendarWidget *>(u"calendar:/day"_s)) != nullptr);
    QCOMPARE(calendar->selectedDate(), QDate(2026, 2, 10));
    calendar->setSelectedDate(QDate(2026, 2, 11));
    Q_EMIT calendar->activated(calendar->selectedDate());
    QCOMPARE(f.form.value().value(u"day").toString(), u"2026-02-11"_s);
    QCOMPARE(day->text(), u"2026-02-11"_s);
}

void TestSchemaForm::emailAndUri()
{
    Fixture f;
    auto *contact = editor<QLineEdit>(f.form, u"/contact"_s);
    auto *link = editor<QLineEdit>(f.form, u"/link"_s);
    QVERIFY(contact && link);
    QCOMPARE(contact->placeholderText(), u"name@example.com"_s);
    QTest::keyClicks(contact, u"nobody"_s);
    QTRY_VERIFY(!f.form.errorAt(u"/contact"_s).isEmpty());
    QTest::keyClicks(contact, u"@example.com"_s);
    QCOMPARE(f.form.value().value(u"contact").toString(), u"nobody@example.com"_s);
    QTRY_VERIFY(f.form.errorAt(u"/contact"_s).isEmpty());

    QTest::keyClicks(link, u"not a link"_s);
    QTRY_VERIFY(!f.form.errorAt(u"/link"_s).isEmpty());
    retype(link, u"https://example.com/report.pdf"_s);
    QTRY_VERIFY(f.form.errorAt(u"/link"_s).isEmpty());
    QCOMPARE(f.form.value().value(u"link").toString(), u"https://example.com/report.pdf"_s);
}

void TestSchemaForm::arrayAddRemoveReorder()
{
    Fixture f;
    auto *add = named<QPushButton>(f.form, u"add:/tags"_s);
    QVERIFY(add);
    QCOMPARE(add->text(), u"Add tag"_s);
    QTest::keyClick(add, Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"tags").toArray(), QJsonArray { u""_s });
    auto *first = editor<QLineEdit>(f.form, u"/tags/0"_s);
    QVERIFY(first);
    QCOMPARE(first->accessibleName(), u"Tag 1"_s);
    QTest::keyClicks(first, u"harbour"_s);
    QTest::keyClick(add, Qt::Key_Space);
    QTest::keyClicks(editor<QLineEdit>(f.form, u"/tags/1"_s), u"ferry"_s);
    QTest::keyClick(add, Qt::Key_Space);
    QTest::keyClicks(editor<QLineEdit>(f.form, u"/tags/2"_s), u"x"_s);
    QCOMPARE(f.form.value().value(u"tags").toArray(), (QJsonArray { u"harbour"_s, u"ferry"_s, u"x"_s }));
    // maxItems 3
    QVERIFY(!add->isEnabled());
    QTRY_VERIFY(!f.form.errorAt(u"/tags/2"_s).isEmpty()); // minLength 2

    // Move the second up: values move, the editors stay where they are.
    auto *up = named<QToolButton>(f.form, u"up:/tags/1"_s);
    QVERIFY(up);
    QVERIFY(!named<QToolButton>(f.form, u"up:/tags/0"_s)->isEnabled());
    QVERIFY(!named<QToolButton>(f.form, u"down:/tags/2"_s)->isEnabled());
    QTest::keyClick(up, Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"tags").toArray(), (QJsonArray { u"ferry"_s, u"harbour"_s, u"x"_s }));
    QCOMPARE(first->text(), u"ferry"_s);
    QTest::keyClick(named<QToolButton>(f.form, u"down:/tags/0"_s), Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"tags").toArray(), (QJsonArray { u"harbour"_s, u"ferry"_s, u"x"_s }));

    // Remove the last (the bad one): its problem goes with it.
    QTest::keyClick(named<QToolButton>(f.form, u"remove:/tags/2"_s), Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"tags").toArray(), (QJsonArray { u"harbour"_s, u"ferry"_s }));
    QVERIFY(add->isEnabled());
    QTRY_VERIFY(std::none_of(f.form.problems().cbegin(), f.form.problems().cend(),
                             [](const SchemaProblem &p) { return p.pointer.startsWith(u"/tags"_s); }));
    QVERIFY(!f.form.editorFor(u"/tags/2"_s));
    QTest::keyClick(named<QToolButton>(f.form, u"remove:/tags/0"_s), Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"tags").toArray(), QJsonArray { u"ferry"_s });
    QTest::keyClick(named<QToolButton>(f.form, u"remove:/tags/0"_s), Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"tags").toArray(), QJsonArray());
    auto *empty = named<QLabel>(f.form, u"empty:/tags"_s);
    QVERIFY(empty && empty->isVisibleTo(&f.form));
}

void TestSchemaForm::multiEnumCheckBoxes()
{
    Fixture f;
    auto *vegan = named<QCheckBox>(f.form, u"option:/dietary/0"_s);
    auto *vegetarian = named<QCheckBox>(f.form, u"option:/dietary/1"_s);
    QVERIFY(vegan && vegetarian);
    QTest::keyClick(vegetarian, Qt::Key_Space);
    QTest::keyClick(vegan, Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"dietary").toArray(), (QJsonArray { u"vegetarian"_s, u"vegan"_s }));
    QTest::keyClick(vegetarian, Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"dietary").toArray(), QJsonArray { u"vegan"_s });
}

void TestSchemaForm::nestedAndOptionalObjects()
{
    Fixture f;
    auto *year = editor<QAbstractSpinBox>(f.form, u"/period/year"_s);
    QVERIFY(year);
    QTest::keyClicks(year, u"2025"_s);
    QCOMPARE(f.form.value().value(u"period").toObject(), json(R"({"year": 2025})"));
    auto *group = named<QGroupBox>(f.form, u"group:/period"_s);
    QVERIFY(group);
    QCOMPARE(group->title(), u"Period *"_s);
    QVERIFY(!group->isCheckable());

    // Optional object: a checkable group, absent until ticked; no editors until then.
    auto *price = editor<QGroupBox>(f.form, u"/price"_s);
    QVERIFY(price && price->isCheckable() && !price->isChecked());
    QVERIFY(!f.form.editorFor(u"/price/amount"_s));
    QTest::keyClick(price, Qt::Key_Space);
    QVERIFY(price->isChecked());
    QCOMPARE(f.form.value().value(u"price").toObject(), QJsonObject());
    auto *amount = editor<QAbstractSpinBox>(f.form, u"/price/amount"_s);
    QVERIFY(amount);
    QTRY_VERIFY(f.form.errorAt(u"/price/currency"_s).contains(u"required"_s, Qt::CaseInsensitive));
    QTest::keyClicks(amount, u"12.5"_s);
    auto *currency = editor<QComboBox>(f.form, u"/price/currency"_s);
    QVERIFY(currency);
    QCOMPARE(currency->placeholderText(), u"Choose…"_s);
    QTest::keyClick(currency, Qt::Key_Down);
    QCOMPARE(f.form.value().value(u"price").toObject(), json(R"({"amount": 12.5, "currency": "NOK"})"));
    QTRY_VERIFY(f.form.errorAt(u"/price/currency"_s).isEmpty());
    QTest::keyClick(price, Qt::Key_Space);
    QVERIFY(!f.form.value().contains(u"price"));
    f.form.undoStack()->undo();
    QCOMPARE(f.form.value().value(u"price").toObject(), json(R"({"amount": 12.5, "currency": "NOK"})"));
    QVERIFY(price->isChecked());
    QCOMPARE(amount->text(), u"12.5"_s);
}

void TestSchemaForm::refIntoDefs()
{
    Fixture f(json(R"({"segments": [{"name": "Energy", "revenue": 10}]})"));
    auto *name = editor<QLineEdit>(f.form, u"/segments/0/name"_s);
    QVERIFY(name);
    QCOMPARE(name->text(), u"Energy"_s);
    auto *item = named<QGroupBox>(f.form, u"group:/segments/0"_s);
    QVERIFY(item);
    QCOMPARE(item->title(), u"Segment 1"_s);
    retype(name, u"E"_s);
    QTRY_VERIFY(!f.form.errorAt(u"/segments/0/name"_s).isEmpty()); // minLength from $defs
    auto *add = named<QPushButton>(f.form, u"add:/segments"_s);
    QTest::keyClick(add, Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"segments").toArray().at(1).toObject(), json(R"({"name": ""})"));
    // $ref into $defs for a property: the money definition's bounds.
    auto *price = editor<QGroupBox>(f.form, u"/price"_s);
    QTest::keyClick(price, Qt::Key_Space);
    auto *amount = editor<QAbstractSpinBox>(f.form, u"/price/amount"_s);
    QVERIFY(amount);
    QTest::keyClick(amount, Qt::Key_Down);
    QCOMPARE(f.form.value().value(u"price").toObject().value(u"amount").toDouble(), 0.0);
    QTest::keyClick(amount, Qt::Key_Down);
    QCOMPARE(f.form.value().value(u"price").toObject().value(u"amount").toDouble(), 0.0);
}

void TestSchemaForm::oneOfSwitchDropsTheOtherBranch()
{
    Fixture f(json(
        R"({"media": {"kind": "image", "url": "https://example.com/a.jpg", "alt": "A ferry", "x-note": "keep me"}})"));
    auto *choice = editor<QComboBox>(f.form, u"/media"_s);
    QVERIFY(choice);
    QCOMPARE(choice->currentText(), u"Image"_s);
    auto *url = editor<QLineEdit>(f.form, u"/media/url"_s);
    QVERIFY(url);
    QCOMPARE(url->text(), u"https://example.com/a.jpg"_s);
    QVERIFY(!f.form.editorFor(u"/media/kind"_s)); // the discriminator is the choice itself

    // Switch by keyboard: the image's members go, the video's defaults come, unknown stays.
    QTest::keyClick(choice, Qt::Key_Down);
    QCOMPARE(choice->currentText(), u"Video"_s);
    QCOMPARE(f.form.value().value(u"media").toObject(),
             json(R"({"kind": "video", "src": "", "x-note": "keep me"})"));
    QVERIFY(!f.form.editorFor(u"/media/url"_s));
    auto *src = editor<QLineEdit>(f.form, u"/media/src"_s);
    QVERIFY(src);
    QTest::keyClicks(src, u"clip.mp4"_s);
    auto *seconds = editor<QAbstractSpinBox>(f.form, u"/media/seconds"_s);
    QVERIFY(seconds);
    QTest::keyClicks(seconds, u"30"_s);
    QCOMPARE(f.form.value().value(u"media").toObject(),
             json(R"({"kind": "video", "src": "clip.mp4", "seconds": 30, "x-note": "keep me"})"));

    // And back: nothing of the video stays.
    QTest::keyClick(choice, Qt::Key_Up);
    QCOMPARE(f.form.value().value(u"media").toObject(),
             json(R"({"kind": "image", "url": "", "x-note": "keep me"})"));
    QTRY_VERIFY(!f.form.errorAt(u"/media/url"_s).isEmpty());

    // Undo goes back through the branches with their values.
    f.form.undoStack()->undo();
    QCOMPARE(choice->currentText(), u"Video"_s);
    QCOMPARE(editor<QLineEdit>(f.form, u"/media/src"_s)->text(), u"clip.mp4"_s);
    f.form.undoStack()->undo(); // seconds
    f.form.undoStack()->undo(); // src
    f.form.undoStack()->undo(); // the first switch
    QCOMPARE(choice->currentText(), u"Image"_s);
    QCOMPARE(f.form.value().value(u"media").toObject().value(u"alt").toString(), u"A ferry"_s);
    QCOMPARE(editor<QLineEdit>(f.form, u"/media/url"_s)->text(), u"https://example.com/a.jpg"_s);

    // An optional choice can be cleared.
    QCOMPARE(choice->itemText(0), u"(none)"_s);
    choice->setCurrentIndex(0);
    Q_EMIT choice->activated(0);
    QVERIFY(!f.form.value().contains(u"media"));
}

void TestSchemaForm::requiredMarkers()
{
    Fixture f;
    auto *titleLabel = named<QLabel>(f.form, u"label:/title"_s);
    auto *summaryLabel = named<QLabel>(f.form, u"label:/summary"_s);
    QVERIFY(titleLabel && summaryLabel);
    // The "*" is painted after the text, in red.
    QCOMPARE(titleLabel->text(), u"Title:"_s);
    QVERIFY(titleLabel->property("required").toBool());
    QVERIFY(!summaryLabel->property("required").toBool());
    QVERIFY(titleLabel->sizeHint().width() > titleLabel->fontMetrics().horizontalAdvance(u"Title: *"_s) - 1);
    QCOMPARE(titleLabel->buddy(), f.form.editorFor(u"/title"_s));
    QCOMPARE(f.form.editorFor(u"/title"_s)->accessibleName(), u"Title (required)"_s);
    QCOMPARE(f.form.editorFor(u"/summary"_s)->accessibleName(), u"Summary"_s);
    QCOMPARE(f.form.editorFor(u"/summary"_s)->toolTip(), u"A few sentences."_s);
    QCOMPARE(f.form.editorFor(u"/period/year"_s)->accessibleName(), u"Year (required)"_s);
    QCOMPARE(f.form.editorFor(u"/period/quarter"_s)->accessibleName(), u"Quarter"_s);
}

void TestSchemaForm::defaultsForNewValues()
{
    const QJsonObject schema = QJsonDocument::fromJson(kSchema).object();
    QCOMPARE(SchemaForm::defaultValue(schema),
             json(R"({"title": "", "published": true, "status": "draft", "period": {}})"));
    Fixture f(SchemaForm::defaultValue(schema));
    QCOMPARE(editor<QComboBox>(f.form, u"/status"_s)->currentText(), u"draft"_s);
    // A new list item starts from the item schema: required members only.
    QTest::keyClick(named<QPushButton>(f.form, u"add:/segments"_s), Qt::Key_Space);
    QCOMPARE(f.form.value().value(u"segments").toArray(), QJsonArray { json(R"({"name": ""})") });
    QCOMPARE(SchemaForm::labelForName(u"operating_profit"_s), u"Operating profit"_s);
    QCOMPARE(SchemaForm::labelForName(u"reportUrl"_s), u"Report URL"_s);
}

void TestSchemaForm::unknownMembersAndWrongTypesAreKept()
{
    const QJsonObject start = json(R"({"title": "Old", "legacy_id": 7, "count": "twelve",
                                       "period": {"year": 2020, "extra": true}})");
    Fixture f(start);
    auto *title = editor<QLineEdit>(f.form, u"/title"_s);
    QTest::keyClicks(title, u"er"_s);
    QJsonObject expected = start;
    expected.insert(u"title"_s, u"Older"_s);
    QCOMPARE(f.form.value(), expected);
    auto *unknown = named<QLabel>(f.form, u"unknown:/period"_s);
    QVERIFY(unknown && unknown->isVisibleTo(&f.form));
    QVERIFY(unknown->text().contains(u"extra"_s));
    auto *rootUnknown = named<QLabel>(f.form, u"unknown:"_s);
    QVERIFY(rootUnknown && rootUnknown->text().contains(u"legacy_id"_s));

    // A string where a number belongs is shown as JSON, not dropped.
    auto *raw = editor<QPlainTextEdit>(f.form, u"/count"_s);
    QVERIFY(raw);
    QCOMPARE(raw->toPlainText(), u"\"twelve\""_s);
    QVERIFY(named<QLabel>(f.form, u"raw-note:/count"_s));
    // Fixing it there turns the field back into a spin box once the focus moves on.
    raw->selectAll();
    QTest::keyClicks(raw, u"12"_s);
    QCOMPARE(f.form.value().value(u"count").toInteger(), 12);
    f.form.setValue(f.form.value());
    QVERIFY(editor<QAbstractSpinBox>(f.form, u"/count"_s));
    QCOMPARE(editor<QAbstractSpinBox>(f.form, u"/count"_s)->text(), u"12"_s);
}

void TestSchemaForm::problemsNotInTheFormAreListedAtTheTop()
{
    SchemaForm form;
    form.setValidationDelay(0);
    form.setSchema(QByteArray(R"json({
      "type": "object",
      "required": ["name", "auditor"],
      "properties": { "name": { "type": "string", "minLength": 2 } },
      "additionalProperties": false
    })json"));
    form.setValue(json(R"({"name": "A", "legacy": 1})"));
    QVERIFY(!form.errorAt(u"/name"_s).isEmpty());
    const QList<SchemaProblem> top = form.unplacedProblems();
    QCOMPARE(top.size(), 2);
    auto *banner = named<QFrame>(form, u"problemBanner"_s);
    auto *text = named<QLabel>(form, u"problemBannerText"_s);
    QVERIFY(banner && text);
    QVERIFY(banner->isVisibleTo(&form));
    QVERIFY2(text->text().contains(u"Auditor"_s), qPrintable(text->text()));
    QVERIFY(text->text().contains(u"legacy"_s));
    QTest::keyClicks(form.editorFor(u"/name"_s), u"nna"_s);
    QTRY_VERIFY(form.errorAt(u"/name"_s).isEmpty());
    QCOMPARE(form.unplacedProblems().size(), 2);
}

void TestSchemaForm::problemsWaitForThePauseAndTouchedFields()
{
    SchemaForm form;
    form.setSchema(kSchema);
    QCOMPARE(form.validationDelay(), 250);
    form.setProblemDisplay(SchemaForm::ProblemDisplay::TouchedFields);
    form.setValue(SchemaForm::defaultValue(form.schema()));
    // A new value: nothing untouched is red yet.
    QVERIFY(!form.problems().isEmpty());
    QVERIFY(form.errorAt(u"/title"_s).isEmpty());
    QVERIFY(form.errorAt(u"/count"_s).isEmpty());
    QSignalSpy validated(&form, &SchemaForm::validated);
    QTest::keyClicks(form.editorFor(u"/title"_s), u"ab"_s);
    QCOMPARE(validated.size(), 0); // not while typing
    QVERIFY(validated.wait(2000));
    QVERIFY(!form.errorAt(u"/title"_s).isEmpty());
    QVERIFY(form.errorAt(u"/count"_s).isEmpty());
    form.revealAllProblems();
    QVERIFY(form.errorAt(u"/count"_s).contains(u"required"_s, Qt::CaseInsensitive));
}

void TestSchemaForm::undoRedoMergesTypingAndUpdatesWidgets()
{
    Fixture f;
    QUndoStack *stack = f.form.undoStack();
    QVERIFY(stack);
    auto *title = editor<QLineEdit>(f.form, u"/title"_s);
    auto *count = editor<QAbstractSpinBox>(f.form, u"/count"_s);
    QTest::keyClicks(title, u"Hello"_s);
    QCOMPARE(stack->count(), 1);
    QCOMPARE(stack->undoText(), u"Edit Title"_s);
    QTest::keyClicks(count, u"12"_s);
    QCOMPARE(stack->count(), 2);
    QTest::keyClick(named<QPushButton>(f.form, u"add:/tags"_s), Qt::Key_Space);
    QCOMPARE(stack->count(), 3);
    QCOMPARE(stack->undoText(), u"Add tag"_s);

    QSignalSpy changed(&f.form, &SchemaForm::valueChanged);
    stack->undo();
    QVERIFY(!f.form.value().contains(u"tags"));
    QVERIFY(!f.form.editorFor(u"/tags/0"_s));
    stack->undo();
    QVERIFY(count->text().isEmpty());
    QVERIFY(!f.form.value().contains(u"count"));
    stack->undo();
    QVERIFY(title->text().isEmpty());
    QCOMPARE(changed.size(), 3);
    stack->redo();
    QCOMPARE(title->text(), u"Hello"_s);
    stack->redo();
    QCOMPARE(count->text(), u"12"_s);
    stack->redo();
    QVERIFY(f.form.editorFor(u"/tags/0"_s));
    QCOMPARE(f.form.value().value(u"tags").toArray(), QJsonArray { u""_s });

    // Typing after an undo starts a new command; typing back to the start leaves none.
    stack->undo();
    stack->undo();
    QTest::keyClicks(count, u"7"_s);
    QCOMPARE(stack->count(), 2);
    QTest::keyClick(count, Qt::Key_Backspace);
    QCOMPARE(stack->count(), 1);
}

void TestSchemaForm::undoKeysInAFieldUseTheFormsStack()
{
    Fixture f({}, true);
    QVERIFY(QTest::qWaitForWindowActive(&f.form));
    auto *title = editor<QLineEdit>(f.form, u"/title"_s);
    auto *summary = editor<QPlainTextEdit>(f.form, u"/summary"_s);
    title->setFocus();
    QTRY_VERIFY(title->hasFocus());
    QTest::keyClicks(title, u"One"_s);
    summary->setFocus();
    QTRY_VERIFY(summary->hasFocus());
    QTest::keyClicks(summary, u"Two"_s);
    QCOMPARE(f.form.undoStack()->count(), 2);
    QTest::keyClick(summary, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(summary->toPlainText().isEmpty());
    // The next undo is in another field: the focus goes there.
    QTest::keyClick(summary, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(title->text().isEmpty());
    QTRY_VERIFY(title->hasFocus());
    QTest::keyClick(title, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(title->text(), u"One"_s);
}

void TestSchemaForm::sharedUndoStack()
{
    QUndoStack shared;
    Fixture f;
    f.form.setUndoStack(&shared);
    QCOMPARE(f.form.undoStack(), &shared);
    QTest::keyClicks(f.form.editorFor(u"/title"_s), u"Shared"_s);
    QCOMPARE(shared.count(), 1);
    // setValue is not undoable and leaves a shared stack alone.
    f.form.setValue(json(R"({"title": "Set"})"));
    QCOMPARE(shared.count(), 1);
    f.form.setUndoStack(nullptr);
    QVERIFY(f.form.undoStack() != &shared);
}

void TestSchemaForm::tabOrderRunsTopToBottom()
{
    SchemaForm form;
    form.setSchema(QByteArray(R"json({
      "type": "object",
      "required": ["grp"],
      "properties": {
        "a": { "type": "string" },
        "b": { "type": "integer" },
        "grp": { "type": "object", "properties": { "c": { "type": "string" }, "d": { "type": "boolean" } } },
        "list": { "type": "array", "items": { "type": "string" } },
        "e": { "enum": ["x", "y"] }
      }
    })json"));
    form.setValue(json(R"({"list": ["one"]})"));
    form.resize(600, 500);
    form.show();
    form.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&form));
    form.editorFor(u"/a"_s)->setFocus();
    QTRY_VERIFY(form.editorFor(u"/a"_s)->hasFocus());
    // Up and Down of the only item are disabled and skipped.
    const QStringList expected { u"field:/b"_s,      u"field:/grp/c"_s,   u"field:/grp/d"_s,
                                 u"field:/list/0"_s, u"remove:/list/0"_s, u"add:/list"_s,
                                 u"field:/e"_s };
    for (const QString &name : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget());
        QCOMPARE(QApplication::focusWidget()->objectName(), name);
    }
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
    QCOMPARE(QApplication::focusWidget()->objectName(), u"add:/list"_s);

    // After an item is added, its editor and buttons come in their place, not at the end.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(QApplication::focusWidget()->objectName(), u"field:/list/1"_s);
    const QStringList after { u"up:/list/1"_s, u"remove:/list/1"_s, u"add:/list"_s, u"field:/e"_s };
    for (const QString &name : after) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), name);
    }

    // A new version of the schema (the designer's preview) keeps the focused field.
    form.setSchema(form.schema());
    QTRY_VERIFY(QApplication::focusWidget());
    QCOMPARE(QApplication::focusWidget()->objectName(), u"field:/e"_s);
    QVERIFY(QApplication::focusWidget() != nullptr && form.isAncestorOf(QApplication::focusWidget()));
}

void TestSchemaForm::setValueUpdatesInPlace()
{
    Fixture f(json(R"({"title": "One", "tags": ["a", "b"], "period": {"year": 2020}})"));
    QWidget *title = f.form.editorFor(u"/title"_s);
    QWidget *tag0 = f.form.editorFor(u"/tags/0"_s);
    QWidget *year = f.form.editorFor(u"/period/year"_s);
    f.form.setValue(json(R"({"title": "Two", "tags": ["c", "d"], "period": {"year": 2021}})"));
    QCOMPARE(f.form.editorFor(u"/title"_s), title);
    QCOMPARE(f.form.editorFor(u"/tags/0"_s), tag0);
    QCOMPARE(f.form.editorFor(u"/period/year"_s), year);
    QCOMPARE(qobject_cast<QLineEdit *>(title)->text(), u"Two"_s);
    QCOMPARE(qobject_cast<QLineEdit *>(tag0)->text(), u"c"_s);
    QCOMPARE(qobject_cast<QAbstractSpinBox *>(year)->text(), u"2021"_s);
    QCOMPARE(f.form.undoStack()->count(), 0);
    // Another shape: one item more, one editor more.
    f.form.setValue(json(R"({"tags": ["c", "d", "e"]})"));
    QCOMPARE(f.form.editorFor(u"/tags/0"_s), tag0);
    QVERIFY(f.form.editorFor(u"/tags/2"_s));
    QVERIFY(qobject_cast<QLineEdit *>(title)->text().isEmpty());

    // A new schema keeps the value and the focused field.
    f.form.setSchema(kSchema);
    QCOMPARE(f.form.value(), json(R"({"tags": ["c", "d", "e"]})"));
    QCOMPARE(qobject_cast<QLineEdit *>(f.form.editorFor(u"/tags/2"_s))->text(), u"e"_s);
}

void TestSchemaForm::invalidSchemaStillGetsAForm()
{
    SchemaForm form;
    form.setSchema(
        QByteArray(R"({"type": "object", "properties": {"n": {"type": "integer", "minimum": "zero"}}})"));
    QVERIFY(!form.validator().isValid());
    QVERIFY(form.editorFor(u"/n"_s));
    auto *banner = named<QFrame>(form, u"problemBanner"_s);
    QVERIFY(banner->isVisibleTo(&form));
    form.setSchema(QByteArray("{ not json"));
    QVERIFY(named<QLabel>(form, u"problemBannerTitle"_s)->text().contains(u"not valid JSON"_s));
}

// Schemas at the edges: recursion, a $ref that leads nowhere, allOf, a oneOf at the top,
// a value of the wrong type at the top of a list item.
void TestSchemaForm::unusualSchemas()
{
    {
        // A tree: a node's children are nodes. Only the nodes that exist get editors.
        SchemaForm form;
        form.setSchema(QByteArray(R"json({
          "$defs": { "node": { "type": "object", "properties": {
              "label": { "type": "string" },
              "children": { "type": "array", "items": { "$ref": "#/$defs/node" } } } } },
          "type": "object", "properties": { "root": { "$ref": "#/$defs/node" } }, "required": ["root"]
        })json"));
        form.setValue(
            json(R"({"root": {"label": "a", "children": [{"label": "b", "children": [{"label": "c"}]}]}})"));
        auto *deep = qobject_cast<QLineEdit *>(form.editorFor(u"/root/children/0/children/0/label"_s));
        QVERIFY(deep);
        QCOMPARE(deep->text(), u"c"_s);
        QTest::keyClick(named<QPushButton>(form, u"add:/root/children/0/children/0/children"_s),
                        Qt::Key_Space);
        QCOMPARE(form.value()
                     .value(u"root"_s)
                     .toObject()
                     .value(u"children"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"children"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"children"_s)
                     .toArray()
                     .size(),
                 1);
    }
    {
        // A $ref the form cannot follow: the value is edited as JSON, with a note.
        SchemaForm form;
        form.setSchema(QByteArray(R"({"type": "object", "properties": {"x": {"$ref": "other.json#/a"}}})"));
        form.setValue(json(R"({"x": {"kept": true}})"));
        auto *raw = qobject_cast<QPlainTextEdit *>(form.editorFor(u"/x"_s));
        QVERIFY(raw);
        QVERIFY(raw->toPlainText().contains(u"kept"_s));
        QCOMPARE(form.value(), json(R"({"x": {"kept": true}})"));
    }
    {
        // allOf: both parts' properties and required lists, bounds from either part.
        SchemaForm form;
        form.setValidationDelay(0);
        form.setSchema(QByteArray(R"json({"type": "object", "allOf": [
            { "properties": { "a": { "type": "string" } }, "required": ["a"] },
            { "properties": { "n": { "type": "integer", "maximum": 5 } } } ] })json"));
        QVERIFY(qobject_cast<QLineEdit *>(form.editorFor(u"/a"_s)));
        QCOMPARE(form.editorFor(u"/a"_s)->accessibleName(), u"A (required)"_s);
        auto *n = qobject_cast<QAbstractSpinBox *>(form.editorFor(u"/n"_s));
        QVERIFY(n);
        QTest::keyClicks(n, u"4"_s);
        QTest::keyClick(n, Qt::Key_Up);
        QTest::keyClick(n, Qt::Key_Up);
        QCOMPARE(form.value().value(u"n").toInteger(), 5);
    }
    {
        // oneOf at the top: the choice is the first thing in the form.
        SchemaForm form;
        form.setSchema(QByteArray(R"json({ "oneOf": [
            { "title": "Person", "type": "object", "properties": { "name": { "type": "string" } }, "required": ["name"] },
            { "title": "Company", "type": "object", "properties": { "org": { "type": "string" } }, "required": ["org"] } ] })json"));
        form.setValue(json(R"({"org": "Halvorsen"})"));
        auto *choice = named<QComboBox>(form, u"choice:"_s); // the whole content: no field pointer
        QVERIFY(choice);
        QCOMPARE(choice->currentText(), u"Company"_s);
        QCOMPARE(qobject_cast<QLineEdit *>(form.editorFor(u"/org"_s))->text(), u"Halvorsen"_s);
        QTest::keyClick(choice, Qt::Key_Up);
        QCOMPARE(form.value(), json(R"({"name": ""})"));
    }
    {
        // A list item of the wrong type is shown as JSON among the others, and kept.
        SchemaForm form;
        form.setSchema(QByteArray(
            R"({"type": "object", "properties": {"n": {"type": "array", "items": {"type": "number"}}}})"));
        form.setValue(json(R"({"n": [1, "two", 3]})"));
        QVERIFY(qobject_cast<QAbstractSpinBox *>(form.editorFor(u"/n/0"_s)));
        QVERIFY(qobject_cast<QPlainTextEdit *>(form.editorFor(u"/n/1"_s)));
        QVERIFY(qobject_cast<QAbstractSpinBox *>(form.editorFor(u"/n/2"_s)));
        QTest::keyClick(named<QToolButton>(form, u"remove:/n/0"_s), Qt::Key_Space);
        QCOMPARE(form.value().value(u"n").toArray(), (QJsonArray { u"two"_s, 3 }));
        QVERIFY(qobject_cast<QPlainTextEdit *>(form.editorFor(u"/n/0"_s)));
        QVERIFY(qobject_cast<QAbstractSpinBox *>(form.editorFor(u"/n/1"_s)));
    }
}

// The demo's "Quarterly report" (the schema of the Financial Reports sector) with a real
// edition's fields: every field gets its editor, the content validates, and pictures.
void TestSchemaForm::financialReportForm()
{
    DemoFixture demo;
    QVERIFY(demo.create());
    const QByteArray spec
        = demo.scalar(
                  u"SELECT coalesce(spec_text, spec_doc) FROM content_schemas WHERE name = 'Quarterly report'"_s)
              .toString()
              .toUtf8();
    QVERIFY(!spec.isEmpty());
    const QByteArray fields
        = demo.scalar(u"SELECT c.fields FROM editions e JOIN edition_content c ON c.edition_id = e.id "
                      "JOIN content_schemas s ON s.id = e.schema_id "
                      "WHERE s.name = 'Quarterly report' AND c.fields LIKE '%segments%' "
                      "ORDER BY e.id LIMIT 1"_s)
              .toString()
              .toUtf8();
    QVERIFY(!fields.isEmpty());
    const QJsonObject content = QJsonDocument::fromJson(fields).object();

    for (bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        ScopedIconTheme icons(dark);
        SchemaForm form;
        form.setSchema(spec);
        QVERIFY(form.validator().isValid());
        form.setValue(content);
        form.resize(860, 1400);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QVERIFY2(form.unplacedProblems().isEmpty(), qPrintable(form.unplacedProblems().value(0).message));
        QVERIFY(form.findChildren<QPlainTextEdit *>().size() >= 1); // outlook (HTML)
        QVERIFY(!form.findChild<QLabel *>(u"raw-note:/revenue"_s));
        QVERIFY(qobject_cast<QAbstractSpinBox *>(form.editorFor(u"/revenue"_s)));
        QVERIFY(qobject_cast<QComboBox *>(form.editorFor(u"/currency"_s)));
        QVERIFY(qobject_cast<QAbstractSpinBox *>(form.editorFor(u"/period/year"_s)));
        QCOMPARE(form.value(), content);
        QCOMPARE(form.fieldPointers().first(), u"/period"_s);
        saveScreenshot(&form, u"schemaform-quarterly-report%1.png"_s.arg(dark ? u"-dark"_s : u"-light"_s));

        // A mistake shows at its field.
        form.setValidationDelay(0);
        auto *year = qobject_cast<QAbstractSpinBox *>(form.editorFor(u"/period/year"_s));
        retype(year, u"1999"_s);
        auto *highlight = qobject_cast<QLineEdit *>(form.editorFor(u"/highlights/0"_s));
        QVERIFY(highlight);
        retype(highlight, u"Short"_s);
        QTRY_VERIFY(!form.errorAt(u"/highlights/0"_s).isEmpty());
        QTRY_VERIFY(!form.errorAt(u"/period/year"_s).isEmpty());
        form.resize(860, 700);
        saveScreenshot(&form,
                       u"schemaform-quarterly-report-errors%1.png"_s.arg(dark ? u"-dark"_s : u"-light"_s));

        // A new report: the schema's defaults, problems only where the user has been.
        SchemaForm fresh;
        fresh.setProblemDisplay(SchemaForm::ProblemDisplay::TouchedFields);
        fresh.setSchema(spec);
        QCOMPARE(fresh.value(), SchemaForm::defaultValue(QJsonDocument::fromJson(spec).object()));
        QCOMPARE(fresh.value().value(u"audited"), QJsonValue(false));
        QVERIFY(!fresh.problems().isEmpty());
        QVERIFY(fresh.errorAt(u"/revenue"_s).isEmpty());
        auto *currency = qobject_cast<QComboBox *>(fresh.editorFor(u"/currency"_s));
        QVERIFY(currency);
        QCOMPARE(currency->currentIndex(), -1);
        fresh.resize(860, 900);
        fresh.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fresh));
        saveScreenshot(&fresh,
                       u"schemaform-quarterly-report-new%1.png"_s.arg(dark ? u"-dark"_s : u"-light"_s));
    }
}

// Every kind of editor, with some problems, for a look at the layout in light and dark.
void TestSchemaForm::screenshotsOfEveryKind()
{
    if (qEnvironmentVariableIsEmpty("GALLEY_SCREENSHOT_DIR"))
        QSKIP("GALLEY_SCREENSHOT_DIR not set");
    const QJsonObject value = json(
        R"({"title": "Harbour ferry returns", "summary": "The Nordby ferry is back in service a week early.",
        "body": "## What changed\n\nA new engine and **step-free** boarding.\n\n- Quieter\n- Faster", "count": 150, "ratio": 0.5,
        "published": true, "status": "final", "tone": "calm", "day": "2026-11-20", "starts": "2026-11-20T07:15:00+01:00",
        "contact": "desk@northwind", "link": "https://northwind.example/ferry", "tags": ["transport", "harbour"],
        "dietary": ["vegan"], "period": {"year": 2026, "quarter": "Q4"}, "price": {"amount": 49, "currency": "NOK"},
        "media": {"kind": "video", "src": "ferry.mp4", "seconds": 0},
        "segments": [{"name": "Ferries", "revenue": 12.5}]})");
    for (bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        ScopedIconTheme icons(dark);
        SchemaForm form;
        form.setValidationDelay(0);
        form.setSchema(kSchema);
        form.setValue(value);
        form.resize(820, 2000);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QTRY_VERIFY(!form.errorAt(u"/count"_s).isEmpty());
        saveScreenshot(&form, u"schemaform-every-kind%1.png"_s.arg(dark ? u"-dark"_s : u"-light"_s));
    }
}

int main(int argc, char *argv[])
{
    // Date-time fields show local time: make it the same everywhere.
    qputenv("TZ", "Europe/Oslo");
    tzset();
    QApplication app(argc, argv);
    TestSchemaForm test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_schemaform.moc"
