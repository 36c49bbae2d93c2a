// JsonEditor offscreen, driven with real key events: highlighting and theme, typing aids,
// bracket matching, folding, Format/Minify, Go to Line, Find/Replace, undo routed to an
// external QUndoStack, problem marks, and the large-document notice.
// GALLEY_SCREENSHOT_DIR=DIR saves pictures in light and dark.
#include "gotolinedialog.h"
#include "jsoneditor.h"
#include "jsonfindbar.h"
#include "noticebar.h"
#include "synctesthelpers.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QUndoStack>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

// The demo's kind of schema, pretty-printed with 2 spaces.
const QString kSchema = QStringLiteral(
    "{\n"
    "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
    "  \"title\": \"Financial Report\",\n"
    "  \"type\": \"object\",\n"
    "  \"required\": [\"title\", \"revenue\"],\n"
    "  \"properties\": {\n"
    "    \"title\": {\n"
    "      \"type\": \"string\",\n"
    "      \"maxLength\": 120\n"
    "    },\n"
    "    \"revenue\": {\n"
    "      \"type\": \"number\",\n"
    "      \"minimum\": 0\n"
    "    },\n"
    "    \"tags\": {\n"
    "      \"type\": \"array\",\n"
    "      \"items\": { \"type\": \"string\" }\n"
    "    },\n"
    "    \"audited\": {\n"
    "      \"type\": \"boolean\",\n"
    "      \"default\": false\n"
    "    }\n"
    "  }\n"
    "}\n");

// Records typing in a document whose own undo is off, the way SchemaDocument does: one
// command per change, applied again through a cursor on undo/redo.
class TextChange : public QUndoCommand
{
public:
    TextChange(QTextDocument *doc, bool *applying, int position, QString removed, QString added)
        : m_doc(doc)
        , m_applying(applying)
        , m_position(position)
        , m_removed(std::move(removed))
        , m_added(std::move(added))
    {
    }
    void undo() override { apply(m_added, m_removed); }
    void redo() override
    {
        if (m_first) {
            m_first = false; // already in the document
            return;
        }
        apply(m_removed, m_added);
    }

private:
    void apply(const QString &from, const QString &to)
    {
        *m_applying = true;
        QTextCursor c(m_doc);
        c.setPosition(m_position);
        c.setPosition(m_position + int(from.size()), QTextCursor::KeepAnchor);
        c.insertText(to);
        *m_applying = false;
    }
    QTextDocument *m_doc;
    bool *m_applying;
    int m_position;
    QString m_removed;
    QString m_added;
    bool m_first = true;
};

class RecordedDocument : public QObject
{
public:
    RecordedDocument()
    {
        doc.setUndoRedoEnabled(false);
        doc.setPlainText(kSchema);
        shadow = doc.toPlainText();
        QObject::connect(
            &doc, &QTextDocument::contentsChange, this, [this](int position, int removed, int added) {
                const QString now = doc.toPlainText();
                // Setting a layout reports the whole text as changed: nothing changed.
                if (!applying && now != shadow)
                    stack.push(new TextChange(&doc, &applying, position, shadow.mid(position, removed),
                                              now.mid(position, added)));
                shadow = now;
            });
    }
    QTextDocument doc;
    QUndoStack stack;
    QString shadow;
    bool applying = false;
};

QList<QTextEdit::ExtraSelection> selectionsAt(QPlainTextEdit *edit, int position)
{
    QList<QTextEdit::ExtraSelection> result;
    const QList<QTextEdit::ExtraSelection> all = edit->extraSelections();
    for (const QTextEdit::ExtraSelection &s : all) {
        if (s.cursor.hasSelection() && s.cursor.selectionStart() == position)
            result.append(s);
    }
    return result;
}

QSet<QRgb> foregroundColours(const QTextBlock &block)
{
    QSet<QRgb> colours;
    const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &r : formats)
        colours.insert(r.format.foreground().color().rgb());
    return colours;
}

// The y of a block's line in the viewport (and the gutter).
int lineY(QPlainTextEdit *edit, int blockNumber)
{
    QTextCursor c(edit->document()->findBlockByNumber(blockNumber));
    return edit->cursorRect(c).center().y();
}

} // namespace

class TestJsonEditor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<JsonEditor> m_editor;

    JsonEditor *makeEditor(const QString &text = kSchema)
    {
        m_editor = std::make_unique<JsonEditor>();
        m_editor->resize(760, 520);
        m_editor->openText(text);
        m_editor->show();
        if (!QTest::qWaitForWindowExposed(m_editor.get()))
            return nullptr;
        m_editor->textEdit()->setFocus();
        QCoreApplication::processEvents();
        return m_editor.get();
    }

    static QPlainTextEdit *edit(JsonEditor *e) { return e->textEdit(); }

    static void placeCursor(JsonEditor *e, int position)
    {
        QTextCursor c(e->document());
        c.setPosition(position);
        e->textEdit()->setTextCursor(c);
    }

private Q_SLOTS:
    void initTestCase() { setUpGuiTest(); }
    void cleanup() { m_editor.reset(); }

    void highlighting()
    {
        JsonEditor *e = makeEditor();
        QVERIFY(e);
        QCOMPARE(e->definitionName(), u"JSON"_s);
        // `"title": "Financial Report",` — key, separator and value in different colours.
        const QTextBlock line = e->document()->findBlockByNumber(2);
        QVERIFY(line.text().contains(u"Financial Report"_s));
        QVERIFY2(foregroundColours(line).size() >= 2, "a key and a string value are coloured differently");
        const QTextBlock numbers = e->document()->findBlockByNumber(8); // "maxLength": 120
        QVERIFY(numbers.text().contains(u"120"_s));
        const QList<QTextLayout::FormatRange> formats = numbers.layout()->formats();
        const int at = int(numbers.text().indexOf(u"120"_s));
        bool numberFormatted = false;
        for (const QTextLayout::FormatRange &r : formats)
            numberFormatted |= r.start <= at && r.start + r.length > at;
        QVERIFY(numberFormatted);
        // Typing keeps the line highlighted.
        placeCursor(e, int(line.position() + line.text().indexOf(u"Report"_s)));
        QTest::keyClicks(edit(e), u"Quarterly "_s);
        QVERIFY(e->document()->findBlockByNumber(2).text().contains(u"Quarterly Report"_s));
        QVERIFY(foregroundColours(e->document()->findBlockByNumber(2)).size() >= 2);
    }

    void themeFollowsPalette()
    {
        JsonEditor *e = makeEditor();
        QVERIFY(e);
        const QColor lightBase = edit(e)->palette().color(QPalette::Base);
        QVERIFY(lightBase.lightnessF() > 0.5);
        const QSet<QRgb> lightColours = foregroundColours(e->document()->findBlockByNumber(2));
        {
            ScopedPalette dark(darkPalette());
            QCoreApplication::processEvents();
            const QColor darkBase = edit(e)->palette().color(QPalette::Base);
            QVERIFY2(darkBase.lightnessF() < 0.3, qPrintable(darkBase.name()));
            QTRY_VERIFY(foregroundColours(e->document()->findBlockByNumber(2)) != lightColours);
            // Readable: the normal text on the background.
            QVERIFY(contrast(edit(e)->palette().color(QPalette::Text), darkBase) > 7);
        }
        QCoreApplication::processEvents();
        QTRY_COMPARE(foregroundColours(e->document()->findBlockByNumber(2)), lightColours);
    }

    void autoIndent()
    {
        JsonEditor *e = makeEditor(QString());
        QVERIFY(e);
        QTest::keyClick(edit(e), Qt::Key_BraceLeft, Qt::NoModifier);
        QTest::keyClick(edit(e), Qt::Key_Return);
        QTest::keyClicks(edit(e), u"\"a\": ["_s);
        QTest::keyClick(edit(e), Qt::Key_Return);
        QTest::keyClicks(edit(e), u"1,"_s);
        QTest::keyClick(edit(e), Qt::Key_Return);
        QTest::keyClick(edit(e), Qt::Key_2);
        QTest::keyClick(edit(e), Qt::Key_Return);
        QTest::keyClicks(edit(e), u"]"_s); // dedents to the line that opened it
        QTest::keyClick(edit(e), Qt::Key_Return);
        QTest::keyClicks(edit(e), u"}"_s);
        QCOMPARE(e->text(), u"{\n  \"a\": [\n    1,\n    2\n  ]\n}"_s);
    }

    void enterBetweenBrackets()
    {
        JsonEditor *e = makeEditor(u"{\"a\": []}"_s);
        QVERIFY(e);
        placeCursor(e, 7); // between [ and ]
        QTest::keyClick(edit(e), Qt::Key_Return);
        QCOMPARE(e->text(), u"{\"a\": [\n  \n]}"_s);
        QCOMPARE(edit(e)->textCursor().blockNumber(), 1);
        QCOMPARE(edit(e)->textCursor().positionInBlock(), 2);
        // One undo step for the whole newline.
        QTest::keyClick(edit(e), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e->text(), u"{\"a\": []}"_s);
    }

    void tabIndentsAndBackspaceDedents()
    {
        JsonEditor *e = makeEditor(u"{\n\"a\": 1,\n\"b\": 2\n}"_s);
        QVERIFY(e);
        placeCursor(e, 2);
        QTest::keyClick(edit(e), Qt::Key_Tab);
        QCOMPARE(e->document()->findBlockByNumber(1).text(), u"  \"a\": 1,"_s);
        QTest::keyClick(edit(e), Qt::Key_Backspace);
        QCOMPARE(e->document()->findBlockByNumber(1).text(), u"\"a\": 1,"_s);
        // A selection over two lines indents both, as one undo step.
        QTextCursor c(e->document()->findBlockByNumber(1));
        c.setPosition(e->document()->findBlockByNumber(2).position() + 3, QTextCursor::KeepAnchor);
        edit(e)->setTextCursor(c);
        QTest::keyClick(edit(e), Qt::Key_Tab);
        QCOMPARE(e->text(), u"{\n  \"a\": 1,\n  \"b\": 2\n}"_s);
        QTest::keyClick(edit(e), Qt::Key_Backtab);
        QCOMPARE(e->text(), u"{\n\"a\": 1,\n\"b\": 2\n}"_s);
    }

    void bracketMatch()
    {
        JsonEditor *e = makeEditor();
        QVERIFY(e);
        const QString text = e->text();
        const int open = int(text.indexOf(u"\"properties\": {"_s) + 14);
        // The partner of "properties"' brace is the second-to-last closing brace.
        const int close = int(text.lastIndexOf(u'}', text.lastIndexOf(u'}') - 1));
        placeCursor(e, open + 1); // just after the {
        QCOMPARE(selectionsAt(edit(e), open).size(), 1);
        QCOMPARE(selectionsAt(edit(e), close).size(), 1);
        const QColor matched = selectionsAt(edit(e), close).first().format.background().color();
        // And from the closing side.
        placeCursor(e, close + 1);
        QCOMPARE(selectionsAt(edit(e), open).size(), 1);
        // A bracket inside a string is not a bracket.
        e->openText(u"{\"a\": \"{\"}"_s);
        placeCursor(e, 8);
        QCOMPARE(selectionsAt(edit(e), 7).size(), 0);
        // A mismatched partner is marked in another colour.
        e->openText(u"[1, 2}"_s);
        placeCursor(e, 1);
        const QList<QTextEdit::ExtraSelection> mismatch = selectionsAt(edit(e), 5);
        QCOMPARE(mismatch.size(), 1);
        QVERIFY(mismatch.first().format.background().color() != matched);
    }

    void foldAndUnfold()
    {
        JsonEditor *e = makeEditor();
        QVERIFY(e);
        QTextDocument *doc = e->document();
        const int properties = int(doc->find(u"\"properties\""_s).blockNumber());
        const int title = properties + 1; // "title": {
        QVERIFY(doc->findBlockByNumber(title).text().contains(u"\"title\": {"_s));
        const int linesBefore = doc->documentLayout()->documentSize().height();
        QVERIFY(e->fold(title));
        QVERIFY(e->isFolded(title));
        QVERIFY(!doc->findBlockByNumber(title + 1).isVisible());
        QVERIFY(!doc->findBlockByNumber(title + 3).isVisible()); // its closing "}," line folds with it
        QVERIFY(doc->findBlockByNumber(title + 4).isVisible());
        QCOMPARE(int(doc->documentLayout()->documentSize().height()), linesBefore - 3);

        // The gutter's fold marker unfolds it.
        QWidget *gutter = edit(e)->findChild<QWidget *>(u"jsonEditorGutter"_s);
        QVERIFY(gutter);
        QCoreApplication::processEvents();
        QTest::mouseClick(gutter, Qt::LeftButton, {}, QPoint(gutter->width() - 6, lineY(edit(e), title)));
        QVERIFY(!e->isFolded(title));
        QVERIFY(doc->findBlockByNumber(title + 1).isVisible());
        // ... and folds it again.
        QTest::mouseClick(gutter, Qt::LeftButton, {}, QPoint(gutter->width() - 6, lineY(edit(e), title)));
        QVERIFY(e->isFolded(title));

        // Nested folds survive the outer one folding and unfolding.
        QVERIFY(e->fold(properties));
        QVERIFY(!doc->findBlockByNumber(title).isVisible());
        e->unfold(properties);
        QVERIFY(doc->findBlockByNumber(title).isVisible());
        QVERIFY(e->isFolded(title));

        // Moving down over a fold lands after it; going to a hidden line unfolds it.
        placeCursor(e, doc->findBlockByNumber(title).position());
        QTest::keyClick(edit(e), Qt::Key_Down);
        QCOMPARE(edit(e)->textCursor().blockNumber(), title + 4);
        QVERIFY(e->isFolded(title));
        e->goToLineColumn(title + 2 + 1, 1);
        QVERIFY(!e->isFolded(title));
        QVERIFY(doc->findBlockByNumber(title + 2).isVisible());

        // Editing the folded line opens it.
        QVERIFY(e->fold(title));
        placeCursor(e, doc->findBlockByNumber(title).position() + 2);
        QTest::keyClick(edit(e), Qt::Key_X);
        QVERIFY(!e->isFolded(title));
        QVERIFY(doc->findBlockByNumber(title + 1).isVisible());
    }

    void foldAll()
    {
        JsonEditor *e = makeEditor();
        QVERIFY(e);
        QTextDocument *doc = e->document();
        const int properties = int(doc->find(u"\"properties\""_s).blockNumber());
        e->foldAll();
        QVERIFY(e->isFolded(properties));
        QVERIFY(doc->findBlockByNumber(0).isVisible());
        QVERIFY(!doc->findBlockByNumber(properties + 1).isVisible());
        e->unfold(properties);
        // Its children stay folded.
        QVERIFY(e->isFolded(properties + 1));
        e->unfoldAll();
        for (QTextBlock b = doc->firstBlock(); b.isValid(); b = b.next())
            QVERIFY(b.isVisible());
    }

    void formatAndMinifyAreOneUndoStepEach()
    {
        const QString messy = u"{\"b\":1,   \"a\":[true,\n null ] , \"c\":{\"d\":\"e f\"}}"_s;
        JsonEditor *e = makeEditor(messy);
        QVERIFY(e);
        placeCursor(e, int(messy.indexOf(u"null"_s)) + 2);
        QVERIFY(e->format());
        QCOMPARE(e->text(),
                 u"{\n  \"b\": 1,\n  \"a\": [true, null],\n  \"c\": {\n    \"d\": \"e f\"\n  }\n}\n"_s);
        // The cursor stays in the same token.
        QCOMPARE(e->text().mid(e->cursorOffset() - 2, 4), u"null"_s);
        QVERIFY(e->minify());
        QCOMPARE(e->text(), u"{\"b\":1,\"a\":[true,null],\"c\":{\"d\":\"e f\"}}"_s);
        e->undo();
        QVERIFY(e->text().startsWith(u"{\n  \"b\": 1,"_s));
        e->undo();
        QCOMPARE(e->text(), messy);
        e->redo();
        QVERIFY(e->text().startsWith(u"{\n  \"b\": 1,"_s));
        // Through the keys too.
        QTest::keyClick(edit(e), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e->text(), messy);
        QTest::keyClick(edit(e), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(e->text().startsWith(u"{\n  \"b\": 1,"_s));
    }

    void formatRefusesInvalidJson()
    {
        const QString broken = u"{\n  \"a\": 1\n  \"b\": 2\n}"_s;
        JsonEditor *e = makeEditor(broken);
        QVERIFY(e);
        QVERIFY(!e->format());
        QCOMPARE(e->text(), broken);
        QVERIFY(e->noticeBar()->isVisible());
        QCOMPARE(e->noticeBar()->kind(), NoticeBar::Kind::Error);
        QVERIFY2(e->noticeBar()->text().contains(u"Line 3, column 3"_s), qPrintable(e->noticeBar()->text()));
        auto *go = e->noticeBar()->findChild<QPushButton *>(u"goToErrorButton"_s);
        QVERIFY(go);
        go->click();
        QCOMPARE(e->cursorOffset(), broken.indexOf(u"\"b\""_s));
        QVERIFY(!e->noticeBar()->isVisible());
    }

    void goToLine()
    {
        JsonEditor *e = makeEditor();
        QVERIFY(e);
        QSignalSpy moved(e, &JsonEditor::cursorOffsetChanged);
        QTest::keyClick(edit(e), Qt::Key_L, Qt::ControlModifier);
        auto *dialog = e->findChild<GoToLineDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QLineEdit *field = dialog->field();
        field->selectAll();
        QTest::keyClicks(field, u"8:7"_s);
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(edit(e)->textCursor().blockNumber(), 7);
        QCOMPARE(edit(e)->textCursor().positionInBlock(), 6);
        QVERIFY(!moved.isEmpty());
        QCOMPARE(moved.last().first().value<qsizetype>(), e->cursorOffset());

        int line = 0;
        int column = 0;
        QVERIFY(GoToLineDialog::parse(u" 12 "_s, &line, &column));
        QCOMPARE(line, 12);
        QCOMPARE(column, 1);
        QVERIFY(!GoToLineDialog::parse(u"12:x"_s, &line, &column));
        QVERIFY(!GoToLineDialog::parse(u"0"_s, &line, &column));

        e->goToOffset(e->text().indexOf(u"\"revenue\": {"_s));
        QCOMPARE(edit(e)->textCursor().block().text().trimmed(), u"\"revenue\": {"_s);
        e->goToLineColumn(100000, 1); // clamped to the last line
        QCOMPARE(edit(e)->textCursor().blockNumber(), e->document()->blockCount() - 1);
    }

    void findAndReplace()
    {
        JsonEditor *e = makeEditor();
        QVERIFY(e);
        placeCursor(e, 0);
        QTest::keyClick(edit(e), Qt::Key_F, Qt::ControlModifier);
        JsonFindBar *bar = e->findBar();
        QVERIFY(bar->isVisible());
        QVERIFY(bar->findField()->hasFocus());
        QTest::keyClicks(bar->findField(), u"type"_s);
        // As you type, the first match is selected; the count arrives from the worker.
        QCOMPARE(edit(e)->textCursor().selectedText(), u"type"_s);
        QTRY_COMPARE(bar->matchInfo(), u"1 of 6"_s);
        QTest::keyClick(bar->findField(), Qt::Key_Return);
        QTRY_COMPARE(bar->matchInfo(), u"2 of 6"_s);
        QTest::keyClick(bar->findField(), Qt::Key_Return, Qt::ShiftModifier);
        QTRY_COMPARE(bar->matchInfo(), u"1 of 6"_s);
        QTest::keyClick(bar->findField(), Qt::Key_Return, Qt::ShiftModifier); // wraps to the last
        QTRY_COMPARE(bar->matchInfo(), u"6 of 6"_s);

        // Case, whole words, regular expressions.
        placeCursor(e, 0);
        bar->findField()->setText(u"TYPE"_s);
        QTRY_COMPARE(bar->matchInfo(), u"1 of 6"_s);
        bar->findChild<QToolButton *>(u"findCase"_s)->click();
        QTRY_COMPARE(bar->matchInfo(), u"No matches"_s);
        bar->findChild<QToolButton *>(u"findCase"_s)->click();
        bar->findField()->setText(u"string"_s);
        QTRY_COMPARE(bar->matchInfo().endsWith(u"of 2"_s), true);
        bar->findField()->setText(u"max"_s);
        QTRY_COMPARE(bar->matchInfo(), u"1 of 1"_s);
        bar->findChild<QToolButton *>(u"findWholeWords"_s)->click();
        QTRY_COMPARE(bar->matchInfo(), u"No matches"_s);
        bar->findChild<QToolButton *>(u"findWholeWords"_s)->click();
        bar->findChild<QToolButton *>(u"findRegularExpression"_s)->click();
        bar->findField()->setText(u"\"(min|max)\\w+\""_s);
        QTRY_COMPARE(bar->matchInfo().endsWith(u"of 2"_s), true);
        bar->findField()->setText(u"(unclosed"_s);
        QTRY_COMPARE(bar->matchInfo(), u"Invalid pattern"_s);

        // Replace one, then all as one undo step.
        const QString before = e->text();
        bar->findChild<QToolButton *>(u"findRegularExpression"_s)->click();
        QTest::keyClick(edit(e), Qt::Key_H, Qt::ControlModifier);
        QVERIFY(bar->isReplaceVisible());
        bar->findField()->setText(u"\"string\""_s);
        QTRY_COMPARE(edit(e)->textCursor().selectedText(), u"\"string\""_s);
        bar->replaceField()->setText(u"\"text\""_s);
        bar->findChild<QPushButton *>(u"replaceButton"_s)->click();
        QCOMPARE(e->text().count(u"\"string\""_s), 1);
        QCOMPARE(e->text().count(u"\"text\""_s), 1);
        bar->findField()->setText(u"\"type\""_s);
        bar->replaceField()->setText(u"\"kind\""_s);
        QCOMPARE(e->replaceAll(), 6);
        QCOMPARE(e->text().count(u"\"kind\""_s), 6);
        QCOMPARE(e->text().count(u"\"type\""_s), 0);
        e->undo();
        QCOMPARE(e->text().count(u"\"type\""_s), 6);
        e->undo();
        QCOMPARE(e->text(), before);

        // Regular expression groups in the replacement.
        bar->findChild<QToolButton *>(u"findRegularExpression"_s)->click();
        bar->findField()->setText(u"\"(min|max)(\\w+)\""_s);
        bar->replaceField()->setText(u"\"x-\\1\\2\""_s);
        QCOMPARE(e->replaceAll(), 2);
        QVERIFY(e->text().contains(u"\"x-maxLength\": 120"_s));
        QVERIFY(e->text().contains(u"\"x-minimum\": 0"_s));

        // Escape in the text closes the bar.
        edit(e)->setFocus();
        QTest::keyClick(edit(e), Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
    }

    void externalUndoStack()
    {
        RecordedDocument recorded;
        m_editor = std::make_unique<JsonEditor>();
        JsonEditor *e = m_editor.get();
        e->resize(700, 400);
        e->setDocument(&recorded.doc);
        e->setUndoStack(&recorded.stack);
        e->show();
        QVERIFY(QTest::qWaitForWindowExposed(e));
        QCOMPARE(e->document(), &recorded.doc);
        QVERIFY(!recorded.doc.isUndoRedoEnabled());
        QVERIFY(!e->action(JsonEditor::Command::Undo)->isEnabled());

        e->goToOffset(kSchema.indexOf(u"Financial"_s));
        QTest::keyClicks(edit(e), u"Big "_s);
        QVERIFY(e->text().contains(u"Big Financial Report"_s));
        const int steps = recorded.stack.count();
        QVERIFY(steps >= 1);
        QVERIFY(e->action(JsonEditor::Command::Undo)->isEnabled());

        // Ctrl+Z goes to the stack (the document has no undo of its own).
        QTest::keyClick(edit(e), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(recorded.stack.index(), steps - 1);
        // Ctrl+Shift+Z and Ctrl+Y redo through it.
        QTest::keyClick(edit(e), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(recorded.stack.index(), steps);
        QTest::keyClick(edit(e), Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(edit(e), Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(recorded.stack.index(), steps);
        while (recorded.stack.canUndo())
            QTest::keyClick(edit(e), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e->text(), kSchema);
        // The cursor went where the change was undone.
        QCOMPARE(e->cursorOffset(), kSchema.indexOf(u"Financial"_s));

        // Format is one step on the stack.
        const int before = recorded.stack.index();
        QVERIFY(e->minify());
        QCOMPARE(recorded.stack.index(), before + 1);
        e->undo();
        QCOMPARE(e->text(), kSchema);

        // The context menu's Undo is the stack's too.
        QTest::keyClicks(edit(e), u"x"_s);
        QMenu *menu = nullptr;
        QTimer::singleShot(0, this, [&] {
            menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        });
        QContextMenuEvent event(QContextMenuEvent::Keyboard, edit(e)->cursorRect().center(),
                                edit(e)->mapToGlobal(edit(e)->cursorRect().center()));
        QApplication::sendEvent(edit(e)->viewport(), &event);
        QTRY_VERIFY(menu);
        QAction *undo = nullptr;
        const QList<QAction *> actions = menu->actions();
        for (QAction *a : actions) {
            if (a == e->action(JsonEditor::Command::Undo))
                undo = a;
            QVERIFY(a->objectName() != u"edit-undo"_s);
        }
        QVERIFY(undo);
        QVERIFY(undo->isEnabled());
        menu->close();
        undo->trigger();
        QCOMPARE(e->text(), kSchema);

        // Back to its own document: undo is the document's again.
        e->setUndoStack(nullptr);
        e->setDocument(nullptr);
        QVERIFY(e->document() != &recorded.doc);
        e->openText(u"[1]"_s);
        placeCursor(e, 2);
        QTest::keyClicks(edit(e), u",2"_s);
        QCOMPARE(e->text(), u"[1,2]"_s);
        QTest::keyClick(edit(e), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e->text(), u"[1]"_s);
    }

    void documentGoesAwayFirst()
    {
        m_editor = std::make_unique<JsonEditor>();
        JsonEditor *e = m_editor.get();
        auto *doc = new QTextDocument;
        doc->setPlainText(kSchema);
        e->setDocument(doc);
        e->show();
        QVERIFY(QTest::qWaitForWindowExposed(e));
        QVERIFY(e->fold(int(doc->find(u"\"properties\""_s).blockNumber())));
        delete doc;
        // The editor is back on its own (empty) document and still works.
        QVERIFY(e->document() != nullptr);
        QCOMPARE(e->text(), QString());
        edit(e)->setFocus();
        QTest::keyClicks(edit(e), u"[1]"_s);
        QCOMPARE(e->text(), u"[1]"_s);
        edit(e)->viewport()->repaint();

        // A document shown elsewhere later gets its lines back: folding is the view's.
        QTextDocument other;
        other.setPlainText(kSchema);
        e->setDocument(&other);
        const int properties = int(other.find(u"\"properties\""_s).blockNumber());
        QVERIFY(e->fold(properties));
        e->setDocument(nullptr);
        for (QTextBlock b = other.firstBlock(); b.isValid(); b = b.next())
            QVERIFY(b.isVisible());
    }

    void diagnostics()
    {
        JsonEditor *e = makeEditor();
        QVERIFY(e);
        const QString text = e->text();
        const qsizetype revenue = text.indexOf(u"\"minimum\": 0"_s);
        const qsizetype tags = text.indexOf(u"\"items\""_s);
        e->setDiagnostics({
            { revenue, 12, JsonEditor::Severity::Error, u"Revenue must be at least 0"_s },
            { tags, 7, JsonEditor::Severity::Warning, u"Unknown format"_s },
        });
        QCoreApplication::processEvents();
        const QList<QTextEdit::ExtraSelection> at = selectionsAt(edit(e), int(revenue));
        QCOMPARE(at.size(), 1);
        QCOMPARE(at.first().format.underlineStyle(), QTextCharFormat::WaveUnderline);
        const QColor red = at.first().format.underlineColor();
        QVERIFY(red.red() > red.green() * 2);
        const QList<QTextEdit::ExtraSelection> warning = selectionsAt(edit(e), int(tags));
        QCOMPARE(warning.size(), 1);
        const QColor amber = warning.first().format.underlineColor();
        QVERIFY(amber != red && amber.red() > amber.blue() && amber.green() > amber.blue());

        // The gutter marker's tooltip names the problem.
        QWidget *gutter = edit(e)->findChild<QWidget *>(u"jsonEditorGutter"_s);
        const int line = e->document()->findBlock(int(revenue)).blockNumber();
        const QPoint where(6, lineY(edit(e), line));
        QHelpEvent help(QEvent::ToolTip, where, gutter->mapToGlobal(where));
        QApplication::sendEvent(gutter, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), u"Error: Revenue must be at least 0"_s);
        QToolTip::hideText();
        // So does hovering the squiggle.
        QTextCursor c(e->document());
        c.setPosition(int(revenue) + 3);
        const QPoint inText = edit(e)->cursorRect(c).center();
        QHelpEvent hover(QEvent::ToolTip, inText, edit(e)->viewport()->mapToGlobal(inText));
        QApplication::sendEvent(edit(e)->viewport(), &hover);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), u"Error: Revenue must be at least 0"_s);
        QToolTip::hideText();

        // Problems move with the text; goToOffset jumps to one.
        placeCursor(e, 0);
        QTest::keyClick(edit(e), Qt::Key_Space);
        QCOMPARE(e->diagnostics().first().start, revenue + 1);
        e->goToOffset(e->diagnostics().first().start);
        QCOMPARE(edit(e)->textCursor().block().text().trimmed(), u"\"minimum\": 0"_s);
        e->setDiagnostics({});
        QVERIFY(selectionsAt(edit(e), int(revenue + 1)).isEmpty());
    }

    void largeDocumentNotice()
    {
        // One line of ~300 KB: shown formatted, with a notice.
        QString oneLine = u"{\"items\":["_s;
        for (int i = 0; oneLine.size() < 300'000; ++i)
            oneLine += QStringLiteral("{\"id\":%1,\"title\":\"Report %1\",\"tags\":[\"a\",\"b\"]},").arg(i);
        oneLine.chop(1);
        oneLine += u"]}"_s;
        const JsonEditor::PreparedText prepared = JsonEditor::prepareText(oneLine);
        QVERIFY(prepared.reformatted);
        QCOMPARE(prepared.originalLines, 1);
        JsonEditor *e = makeEditor(oneLine);
        QVERIFY(e);
        QVERIFY(e->wasReformatted());
        QVERIFY(e->document()->blockCount() > 10000);
        QVERIFY(e->noticeBar()->isVisible());
        QVERIFY2(e->noticeBar()->text().contains(u"single line"_s), qPrintable(e->noticeBar()->text()));
        QVERIFY(e->noticeBar()->text().contains(u"Saving writes the formatted text"_s));

        QSignalSpy oneLineSpy(e, &JsonEditor::saveAsOneLineChanged);
        auto *saveOneLine = e->noticeBar()->findChild<QPushButton *>(u"saveAsOneLineButton"_s);
        QVERIFY(saveOneLine);
        saveOneLine->click();
        QVERIFY(e->saveAsOneLine());
        QCOMPARE(oneLineSpy.count(), 1);
        QVERIFY(e->noticeBar()->text().contains(u"as one line again"_s));
        e->noticeBar()->findChild<QPushButton *>(u"keepFormattedButton"_s)->click();
        QVERIFY(!e->saveAsOneLine());
        QVERIFY(!e->noticeBar()->isVisible());

        // Nothing is lost: minifying gives the original back (and warns about the long line).
        QVERIFY(e->minify());
        QCOMPARE(e->text(), oneLine);
        QCOMPARE(e->noticeBar()->kind(), NoticeBar::Kind::Warning);
        e->undo();
        QVERIFY(e->document()->blockCount() > 10000);

        // Typing in it only highlights what is on screen.
        placeCursor(e, e->document()->findBlockByNumber(5000).position());
        edit(e)->centerCursor();
        QCoreApplication::processEvents();
        QTest::keyClick(edit(e), Qt::Key_BracketLeft); // every line below changes state
        QTest::keyClick(edit(e), Qt::Key_Space);
        const QTextBlock far = e->document()->findBlockByNumber(e->document()->blockCount() - 10);
        QVERIFY(far.isValid());
        QVERIFY2(far.layout()->formats().isEmpty(), "lines far off screen are not highlighted");
        QVERIFY(!e->document()->findBlockByNumber(5001).layout()->formats().isEmpty());
        // They are when they come on screen (within the frame's budget, the rest soon after).
        e->goToLineColumn(far.blockNumber() + 1, 1);
        QTRY_VERIFY(!far.layout()->formats().isEmpty());
        QTRY_VERIFY(e->isHighlightingIdle());

        // Short files are opened as they are.
        QVERIFY(!e->openText(kSchema));
        QVERIFY(!e->noticeBar()->isVisible());
        QCOMPARE(e->text(), kSchema);

        // A long string cannot be shortened: opened as it is, with a warning.
        const QString longString = u"{\"a\": \""_s + QString(20000, u'x') + u"\"}"_s;
        QVERIFY(!e->openText(longString));
        QCOMPARE(e->text(), longString);
        QCOMPARE(e->noticeBar()->kind(), NoticeBar::Kind::Warning);
        QVERIFY(e->noticeBar()->text().contains(u"cannot shorten"_s));

        // Invalid JSON on one long line: formatted up to the error, and said so.
        QString broken = oneLine;
        broken.insert(broken.size() - 1, u"@@"_s); // "]@@}"
        QVERIFY(e->openText(broken));
        QVERIFY2(e->noticeBar()->text().contains(u"first syntax error"_s),
                 qPrintable(e->noticeBar()->text()));
    }

    void readOnly()
    {
        JsonEditor *e = makeEditor();
        QVERIFY(e);
        e->setReadOnly(true);
        QTest::keyClicks(edit(e), u"abc"_s);
        QCOMPARE(e->text(), kSchema);
        QVERIFY(!e->action(JsonEditor::Command::Format)->isEnabled());
        QVERIFY(!e->format());
        QTest::keyClick(edit(e), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(e->findBar()->isVisible());
        QTest::keyClick(edit(e), Qt::Key_H, Qt::ControlModifier);
        QVERIFY(!e->findBar()->isReplaceVisible());
    }

    void screenshots()
    {
        if (qEnvironmentVariableIsEmpty("GALLEY_SCREENSHOT_DIR"))
            QSKIP("GALLEY_SCREENSHOT_DIR not set");
        QString content = kSchema;
        content.replace(u"\"minimum\": 0"_s, u"\"minimum\": \"zero\""_s);
        for (bool dark : { false, true }) {
            ScopedPalette palette(dark ? darkPalette() : lightPalette());
            const QString suffix = dark ? u"-dark.png"_s : u"-light.png"_s;
            JsonEditor *e = makeEditor(content);
            QVERIFY(e);
            const QString text = e->text();
            e->setDiagnostics({
                { text.indexOf(u"\"zero\""_s), 6, JsonEditor::Severity::Error,
                  u"minimum must be a number"_s },
                { text.indexOf(u"\"maxLength\""_s), 11, JsonEditor::Severity::Warning,
                  u"maxLength is rarely above 100 here"_s },
            });
            placeCursor(e, int(text.indexOf(u"\"properties\": {"_s) + 15));
            saveScreenshot(e, u"jsoneditor-diagnostics"_s + suffix);

            e->fold(int(e->document()->find(u"\"tags\""_s).blockNumber()));
            e->fold(int(e->document()->find(u"\"audited\""_s).blockNumber()));
            saveScreenshot(e, u"jsoneditor-folding"_s + suffix);

            QTest::keyClick(edit(e), Qt::Key_H, Qt::ControlModifier);
            QTest::keyClicks(e->findBar()->findField(), u"type"_s);
            e->findBar()->replaceField()->setText(u"kind"_s);
            QTRY_VERIFY(e->findBar()->matchInfo().contains(u"of"_s));
            saveScreenshot(e, u"jsoneditor-find"_s + suffix);
            e->hideFind();

            QString big = u"{\"items\":["_s;
            for (int i = 0; big.size() < 2'000'000; ++i)
                big += QStringLiteral("{\"id\":%1,\"title\":\"Quarterly report "
                                      "%1\",\"revenue\":%2.5,\"tags\":[\"finance\",\"q%3\"]},")
                           .arg(i)
                           .arg(i * 13)
                           .arg(i % 4 + 1);
            big.chop(1);
            big += u"]}"_s;
            e->openText(big);
            e->goToLineColumn(1234, 1);
            saveScreenshot(e, u"jsoneditor-large-notice"_s + suffix);
            m_editor.reset();
        }
    }
};

QTEST_MAIN(TestJsonEditor)
#include "tst_jsoneditor.moc"
