// The merge dialog on a real conflict record, decided through its widgets.
#include "mergedialog.h"
#include "synctesthelpers.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTextEdit>
#include <QTimeZone>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// An edition both sides changed: title and body differently (conflicts), the change note only
// here, the teaser only on the server; minor_change, author and tags by nobody.
ConflictRecord editionConflict()
{
    ConflictRecord r;
    r.id = 1;
    r.outboxId = 7;
    r.entity = u"edition"_s;
    r.entityId = 42;
    r.base = json(R"({"id":42,"document_id":9,"lock_version":3,"state":"draft","title":"Harbour opening",
        "change_note":"","minor_change":false,
        "fields":{"body":"The harbour opens on Monday.\nThe mayor cuts the ribbon.\nBoats are welcome.",
                  "teaser":"Short","tags":["harbour","city"],"author":"Sam Lee"}})");
    r.mine = json(R"({"id":42,"document_id":9,"lock_version":3,"state":"draft","title":"Harbour opening delayed",
        "change_note":"New date","minor_change":false,
        "fields":{"body":"The harbour opens on Wednesday.\nThe mayor cuts the ribbon.\nBoats are welcome.",
                  "teaser":"Short","tags":["harbour","city"],"author":"Sam Lee"}})");
    r.theirs = json(R"({"id":42,"document_id":9,"lock_version":4,"state":"draft","title":"Harbour opening postponed",
        "change_note":"","minor_change":false,"updated_at":"2026-11-22T11:58:00.000Z",
        "fields":{"body":"The harbour opens on Monday.\nThe mayor cuts the ribbon.\nBoats are welcome.\nParking is free.",
                  "teaser":"Longer teaser from the desk","tags":["harbour","city"],"author":"Sam Lee"}})");
    r.theirsBy = u"Dana Whitfield"_s;
    r.createdAt = QDateTime(QDate(2026, 11, 22), QTime(12, 0), QTimeZone::UTC);
    return r;
}

ConflictRecord schemaConflict()
{
    ConflictRecord r;
    r.outboxId = 8;
    r.entity = u"schema"_s;
    r.entityId = 5;
    r.base = json(R"({"id":5,"lock_version":2,"name":"Article","description":"News","auth_policy":"writer",
        "spec_doc":{"type":"object","properties":{"title":{"type":"string"}}}})");
    r.mine = json(R"({"id":5,"lock_version":2,"name":"Article","description":"News","auth_policy":"writer",
        "spec_doc":{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}})");
    r.theirs = json(R"({"id":5,"lock_version":3,"name":"Article","description":"News","auth_policy":"editor",
        "spec_doc":{"type":"object","properties":{"title":{"type":"string","maxLength":120}}}})");
    return r;
}

int rowOf(const MergeDialog &d, const QString &path)
{
    for (int i = 0; i < d.fields().size(); ++i) {
        if (d.fields().at(i).path == path)
            return i;
    }
    return -1;
}

} // namespace

class TestMergeDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpGuiTest(); }

    void showsWhoChangedItAndWhatIsDecided();
    void decidingThroughTheWidgets();
    void longTextShowsALineDiff();
    void invalidJsonEditBlocksSending();
    void screenshots();
};

void TestMergeDialog::showsWhoChangedItAndWhatIsDecided()
{
    MergeDialog d(editionConflict(), u"Harbour opening"_s);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QVERIFY(d.findChild<QLabel *>(u"mergeHeading"_s)->text().contains(u"“Harbour opening” was changed on the server"_s));
    const QString explanation = d.findChild<QLabel *>(u"mergeExplanation"_s)->text();
    QVERIFY2(explanation.contains(u"Dana Whitfield changed it on the server on 22 Nov 2026"_s), qPrintable(explanation));

    QCOMPARE(d.conflictCount(), 2);
    QCOMPARE(d.decidedCount(), 0);
    QVERIFY(!d.sendButton()->isEnabled());
    QCOMPARE(d.sendButton()->text(), u"Send Merged Version"_s);
    QCOMPARE(d.findChild<QLabel *>(u"mergeProgress"_s)->text(), u"0 of 2 conflicts decided"_s);

    QTableWidget *table = d.fieldTable();
    const auto decision = [&](const QString &path) { return table->item(rowOf(d, path), 4)->text(); };
    QCOMPARE(decision(u"/title"_s), u"Needs your decision"_s);
    QCOMPARE(decision(u"/fields/body"_s), u"Needs your decision"_s);
    QCOMPARE(decision(u"/change_note"_s), u"Only you changed this"_s);
    QCOMPARE(decision(u"/fields/teaser"_s), u"Only changed on the server"_s);
    // Base, mine and theirs side by side.
    const int title = rowOf(d, u"/title"_s);
    QCOMPARE(table->item(title, 1)->text(), u"Harbour opening"_s);
    QCOMPARE(table->item(title, 2)->text(), u"Harbour opening delayed"_s);
    QCOMPARE(table->item(title, 3)->text(), u"Harbour opening postponed"_s);

    // Unchanged fields are out of the way until asked for.
    QVERIFY(table->isRowHidden(rowOf(d, u"/fields/author"_s)));
    QVERIFY(table->isRowHidden(rowOf(d, u"/minor_change"_s)));
    auto *showUnchanged = d.findChild<QCheckBox *>(u"showUnchangedCheck"_s);
    QCOMPARE(showUnchanged->text(), u"Show unchanged fields (3)"_s);
    showUnchanged->setChecked(true);
    QVERIFY(!table->isRowHidden(rowOf(d, u"/fields/author"_s)));

    // The first conflict is where it starts; non-conflicts have no choice to make.
    QCOMPARE(table->currentRow(), rowOf(d, u"/title"_s));
    QVERIFY(!d.findChild<QRadioButton *>(u"keepMine:/change_note"_s));
}

void TestMergeDialog::decidingThroughTheWidgets()
{
    MergeDialog d(editionConflict());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    auto *stack = d.findChild<QStackedWidget *>(u"mergeFieldPages"_s);

    // Title: keep mine.
    auto *keepMine = d.findChild<QRadioButton *>(u"keepMine:/title"_s);
    QVERIFY(keepMine && keepMine->isVisible());
    QTest::mouseClick(keepMine, Qt::LeftButton);
    QCOMPARE(d.choice(rowOf(d, u"/title"_s)), MergeDialog::Choice::Mine);
    QCOMPARE(d.decidedCount(), 1);
    QVERIFY(!d.sendButton()->isEnabled());
    QCOMPARE(d.fieldTable()->item(rowOf(d, u"/title"_s), 4)->text(), u"Keeping yours"_s);

    // Body: edit, starting from mine.
    d.fieldTable()->setCurrentCell(rowOf(d, u"/fields/body"_s), 0);
    QCOMPARE(stack->currentWidget()->objectName(), u"page:/fields/body"_s);
    auto *edit = d.findChild<QRadioButton *>(u"edit:/fields/body"_s);
    auto *editor = d.findChild<QPlainTextEdit *>(u"editor:/fields/body"_s);
    QVERIFY(edit && editor);
    QVERIFY(!editor->isVisible());
    QTest::mouseClick(edit, Qt::LeftButton);
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->toPlainText(), d.record().mine[u"fields"_s].toObject()[u"body"_s].toString());
    editor->moveCursor(QTextCursor::End);
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClicks(editor, u"Parking is free."_s);
    QCOMPARE(d.decidedCount(), 2);
    QVERIFY(d.sendButton()->isEnabled());
    QCOMPARE(d.findChild<QLabel *>(u"mergeProgress"_s)->text(), u"All 2 conflicts are decided."_s);
    QCOMPARE(d.fieldTable()->item(rowOf(d, u"/fields/body"_s), 4)->text(), u"Edited"_s);

    // Changing one's mind is fine.
    QTest::mouseClick(d.findChild<QRadioButton *>(u"takeTheirs:/title"_s), Qt::LeftButton);
    QCOMPARE(d.fieldTable()->item(rowOf(d, u"/title"_s), 4)->text(), u"Taking the server's"_s);
    QTest::mouseClick(d.findChild<QRadioButton *>(u"keepMine:/title"_s), Qt::LeftButton);

    QTest::mouseClick(d.sendButton(), Qt::LeftButton);
    QCOMPARE(d.result(), int(QDialog::Accepted));
    const QJsonObject merged = d.mergedEntity();
    QCOMPARE(merged[u"title"_s].toString(), u"Harbour opening delayed"_s);
    QCOMPARE(merged[u"change_note"_s].toString(), u"New date"_s);        // only mine changed it
    QCOMPARE(merged[u"lock_version"_s].toInt(), 4);                     // the server's copy underneath
    QCOMPARE(merged[u"updated_at"_s].toString(), u"2026-11-22T11:58:00.000Z"_s);
    const QJsonObject fields = merged[u"fields"_s].toObject();
    QCOMPARE(fields[u"body"_s].toString(),
             u"The harbour opens on Wednesday.\nThe mayor cuts the ribbon.\nBoats are welcome.\nParking is free."_s);
    QCOMPARE(fields[u"teaser"_s].toString(), u"Longer teaser from the desk"_s);   // only theirs changed it
    QCOMPARE(fields[u"tags"_s].toArray(), (QJsonArray { u"harbour"_s, u"city"_s }));
    QCOMPARE(fields[u"author"_s].toString(), u"Sam Lee"_s);
    QCOMPARE(merged[u"minor_change"_s].toBool(), false);
}

void TestMergeDialog::longTextShowsALineDiff()
{
    MergeDialog d(editionConflict());
    auto *diff = d.findChild<QTextEdit *>(u"diff:/fields/body"_s);
    QVERIFY(diff);
    QCOMPARE(diff->toPlainText().split(u'\n'),
             (QStringList { u"− The harbour opens on Monday."_s, u"+ The harbour opens on Wednesday."_s,
                            u"  The mayor cuts the ribbon."_s, u"  Boats are welcome."_s, u"− Parking is free."_s }));
    // A short text conflict has no diff, the values side by side instead.
    QVERIFY(!d.findChild<QTextEdit *>(u"diff:/title"_s));
}

void TestMergeDialog::invalidJsonEditBlocksSending()
{
    MergeDialog d(schemaConflict(), u"Article"_s);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QCOMPARE(d.conflictCount(), 1);
    const int spec = rowOf(d, u"/spec_doc"_s);
    QCOMPARE(d.fields().at(spec).kind, MergeField::Kind::Json);
    // JSON is diffed pretty-printed.
    auto *diff = d.findChild<QTextEdit *>(u"diff:/spec_doc"_s);
    QVERIFY(diff->toPlainText().contains(u"+     \"required\": ["_s));
    QVERIFY(diff->toPlainText().contains(u"\"maxLength\": 120"_s));

    QTest::mouseClick(d.findChild<QRadioButton *>(u"edit:/spec_doc"_s), Qt::LeftButton);
    auto *editor = d.findChild<QPlainTextEdit *>(u"editor:/spec_doc"_s);
    auto *error = d.findChild<QLabel *>(u"editorError:/spec_doc"_s);
    QVERIFY(editor->toPlainText().contains(u"\"required\""_s));
    QVERIFY(d.sendButton()->isEnabled());
    editor->setPlainText(u"{\"type\": \"object\", "_s);
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), u"This is not valid JSON."_s);
    QVERIFY(!d.sendButton()->isEnabled());
    QCOMPARE(d.fieldTable()->item(spec, 4)->text(), u"Edited — not valid yet"_s);
    editor->setPlainText(u"{\"type\": \"object\", \"properties\": {\"title\": {\"type\": \"string\", \"maxLength\": 120}},"
                         " \"required\": [\"title\"]}"_s);
    QVERIFY(!error->isVisible());
    QVERIFY(d.sendButton()->isEnabled());
    const QJsonObject merged = d.mergedEntity();
    QCOMPARE(merged[u"auth_policy"_s].toString(), u"editor"_s);   // theirs only
    QCOMPARE(merged[u"lock_version"_s].toInt(), 3);
    const QJsonObject specDoc = merged[u"spec_doc"_s].toObject();
    QCOMPARE(specDoc[u"required"_s].toArray(), QJsonArray { u"title"_s });
    QCOMPARE(specDoc[u"properties"_s].toObject()[u"title"_s].toObject()[u"maxLength"_s].toInt(), 120);

    // Take theirs instead: the edit no longer counts.
    editor->setPlainText(u"not json"_s);
    QTest::mouseClick(d.findChild<QRadioButton *>(u"takeTheirs:/spec_doc"_s), Qt::LeftButton);
    QVERIFY(!error->isVisible());
    QVERIFY(d.sendButton()->isEnabled());
    QCOMPARE(d.mergedEntity()[u"spec_doc"_s], d.record().theirs[u"spec_doc"_s]);
}

void TestMergeDialog::screenshots()
{
    if (qEnvironmentVariableIsEmpty("GALLEY_SCREENSHOT_DIR"))
        QSKIP("GALLEY_SCREENSHOT_DIR not set");
    for (bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        const QString suffix = dark ? u"-dark"_s : u"-light"_s;
        MergeDialog d(editionConflict(), u"Harbour opening"_s);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        saveScreenshot(&d, u"merge-title%1.png"_s.arg(suffix));
        QTest::mouseClick(d.findChild<QRadioButton *>(u"keepMine:/title"_s), Qt::LeftButton);
        d.fieldTable()->setCurrentCell(rowOf(d, u"/fields/body"_s), 0);
        saveScreenshot(&d, u"merge-body-diff%1.png"_s.arg(suffix));
        QTest::mouseClick(d.findChild<QRadioButton *>(u"edit:/fields/body"_s), Qt::LeftButton);
        saveScreenshot(&d, u"merge-body-edit%1.png"_s.arg(suffix));
        d.fieldTable()->setCurrentCell(rowOf(d, u"/fields/teaser"_s), 0);
        saveScreenshot(&d, u"merge-teaser%1.png"_s.arg(suffix));

        MergeDialog schema(schemaConflict(), u"Article"_s);
        schema.show();
        QVERIFY(QTest::qWaitForWindowExposed(&schema));
        saveScreenshot(&schema, u"merge-schema-json%1.png"_s.arg(suffix));
    }
}

QTEST_MAIN(TestMergeDialog)
#include "tst_mergedialog.moc"
