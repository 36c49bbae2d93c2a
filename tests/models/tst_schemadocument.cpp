#include "schema/schemadocument.h"
#include "schematestdata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>
#include <QUndoStack>

#include <functional>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

// What the QTextDocument holds, with "\n" between blocks.
QString editorText(const SchemaDocument &doc)
{
    QTextCursor cursor(doc.textDocument());
    cursor.select(QTextCursor::Document);
    return cursor.selectedText().replace(QChar::ParagraphSeparator, u'\n');
}

// Types text one character at a time at position, as an editor does.
void type(SchemaDocument &doc, int position, const QString &text)
{
    QTextCursor cursor(doc.textDocument());
    cursor.setPosition(position);
    for (const QChar c : text)
        cursor.insertText(QString(c));
}

void backspace(SchemaDocument &doc, int position, int count)
{
    QTextCursor cursor(doc.textDocument());
    cursor.setPosition(position);
    for (int i = 0; i < count; ++i)
        cursor.deletePreviousChar();
}

// A schema with a comment, vendor and unknown keywords (tests/models/data).
QString readSchema()
{
    QFile file(QStringLiteral(GALLEY_TEST_DATA "/quarterly-report.schema.json"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
const QString kSchema = readSchema();


} // namespace

class TestSchemaDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsAndParses()
    {
        SchemaDocument doc;
        QSignalSpy changed(&doc, &SchemaDocument::treeChanged);
        doc.setText(kSchema);
        QCOMPARE(changed.size(), 1);
        QVERIFY(doc.hasTree());
        QVERIFY(!doc.isStale());
        QCOMPARE(doc.text(), kSchema);
        QCOMPARE(editorText(doc), kSchema);
        QVERIFY(!doc.textDocument()->isUndoRedoEnabled());
        QCOMPARE(doc.undoStack()->count(), 0);
        QCOMPARE(doc.value(u"/properties/revenue/minimum"_s).toInt(), 0);
        QVERIFY(doc.value(u"/nope"_s).isUndefined());
        QVERIFY(doc.contains(u"/x-owner"_s));
        const auto range = doc.textRange(u"/properties/revenue"_s);
        QCOMPARE(kSchema.mid(range.keyStart, range.end - range.keyStart),
                 QStringLiteral(R"("revenue": { "type": "number", "minimum": 0 })"));
        QCOMPARE(doc.pointerAt(int(kSchema.indexOf(u"minimum"))), u"/properties/revenue/minimum"_s);
        QCOMPARE(doc.pointerAt(0), QString());
    }

    void designerEditsAreMinimalAndUndoable()
    {
        SchemaDocument doc;
        doc.setText(kSchema);
        QUndoStack *stack = doc.undoStack();

        QVERIFY(doc.setValue(u"/properties/auditor/title"_s, u"Auditor"_s));
        QCOMPARE(doc.value(u"/properties/auditor/title"_s).toString(), u"Auditor"_s);
        QVERIFY(doc.text().contains(u"\"auditor\": {\n      \"title\": \"Auditor\",\n      \"type\": \"string\"\n    }"_s));
        QVERIFY(doc.setValue(u"/properties/revenue/type"_s, QJsonArray { u"number"_s, u"null"_s }));
        QVERIFY(doc.text().contains(QStringLiteral(R"("revenue": { "type": ["number", "null"], "minimum": 0 })")));
        QVERIFY(doc.insertItem(u"/required"_s, -1, u"auditor"_s));
        QVERIFY(doc.text().contains(QStringLiteral(R"("required": ["period", "revenue", "auditor"])")));
        QVERIFY(doc.rename(u"/properties/period"_s, u"quarter"_s));
        QVERIFY(doc.move(u"/properties/auditor"_s, u"/properties"_s, 0));
        QVERIFY(doc.remove(u"/properties/revenue/minimum"_s));
        QVERIFY(doc.setValue(u"/properties/revenue/minimum"_s, QJsonValue(QJsonValue::Undefined)));   // nothing to remove
        QCOMPARE(stack->count(), 6);
        QCOMPARE(editorText(doc), doc.plainText());
        // Vendor, unknown and comment keywords are untouched.
        for (const QString &kept : { QStringLiteral(R"("$comment": "Kept as written")"), QStringLiteral(R"("x-ui": { "widget": "quarter" })"),
                                     QStringLiteral(R"("x-owner": "finance")"), QStringLiteral(R"("unknownKeyword": [1, 2, 3])") })
            QVERIFY2(doc.text().contains(kept), qPrintable(kept));
        const QString edited = doc.text();
        while (stack->canUndo())
            stack->undo();
        QCOMPARE(doc.text(), kSchema);
        QCOMPARE(editorText(doc), kSchema);
        while (stack->canRedo())
            stack->redo();
        QCOMPARE(doc.text(), edited);
        QCOMPARE(editorText(doc), edited);
        QCOMPARE(doc.value(u"/properties/quarter/x-ui/widget"_s).toString(), u"quarter"_s);
    }

    void setValuePlacesNewKeywordsInTheUsualOrder()
    {
        SchemaDocument doc;
        doc.setText(QStringLiteral(R"({ "type": "string", "x-a": 1 })"));
        QVERIFY(doc.setValue(u"/title"_s, u"T"_s));
        QVERIFY(doc.setValue(u"/maxLength"_s, 5));
        QVERIFY(doc.setValue(u"/$schema"_s, u"S"_s));
        QCOMPARE(doc.text(), QStringLiteral(R"({ "$schema": "S", "title": "T", "type": "string", "maxLength": 5, "x-a": 1 })"));
        QCOMPARE(doc.setValue(u"/a/b"_s, 1).error().code, u"schema_pointer_not_found"_s);
    }

    void typingMergesLikeAnEditor()
    {
        SchemaDocument doc;
        doc.setText(kSchema);
        QUndoStack *stack = doc.undoStack();
        const int at = int(kSchema.indexOf(u"finance")) + 7;
        type(doc, at, u" team"_s);
        QCOMPARE(stack->count(), 1);   // five keystrokes, one step
        QVERIFY(doc.text().contains(u"\"finance team\""_s));
        QCOMPARE(doc.value(u"/x-owner"_s).toString(), u"finance team"_s);
        backspace(doc, at + 5, 3);
        QCOMPARE(stack->count(), 2);   // three backspaces, one step
        QVERIFY(doc.text().contains(u"\"finance t\""_s));
        stack->undo();
        QVERIFY(doc.text().contains(u"\"finance team\""_s));
        stack->undo();
        QCOMPARE(doc.text(), kSchema);
        stack->redo();
        stack->redo();
        QVERIFY(doc.text().contains(u"\"finance t\""_s));
        QCOMPARE(editorText(doc), doc.plainText());

        // A line break and a paste are steps of their own.
        type(doc, 1, u"\n"_s);
        QTextCursor cursor(doc.textDocument());
        cursor.setPosition(2);
        cursor.insertText(u"  \"x-pasted\": true,"_s);
        QCOMPARE(stack->count(), 4);
        QCOMPARE(doc.value(u"/x-pasted"_s), QJsonValue(true));
        // Replacing a selection is one step.
        cursor.setPosition(int(doc.plainText().indexOf(u"true")));
        cursor.setPosition(cursor.position() + 4, QTextCursor::KeepAnchor);
        cursor.insertText(u"false"_s);
        QCOMPARE(stack->count(), 5);
        QCOMPARE(doc.value(u"/x-pasted"_s), QJsonValue(false));
        while (stack->canUndo())
            stack->undo();
        QCOMPARE(doc.text(), kSchema);
    }

    void mixedTypingAndDesignerEditsUndoInOrder()
    {
        SchemaDocument doc;
        doc.setText(kSchema);
        QUndoStack *stack = doc.undoStack();
        QStringList snapshots { doc.text() };
        auto snap = [&] { snapshots.append(doc.text()); };

        type(doc, int(kSchema.indexOf(u"Quarterly")), u"Our "_s);
        snap();
        QVERIFY(doc.setValue(u"/properties/auditor/type"_s, QJsonArray { u"string"_s, u"null"_s }));
        snap();
        type(doc, int(doc.plainText().indexOf(u"\"x-owner\"")), u"\"x-late\": 1, "_s);
        snap();
        QCOMPARE(doc.value(u"/x-late"_s).toInt(), 1);
        QVERIFY(doc.rename(u"/x-late"_s, u"x-later"_s));
        snap();
        QVERIFY(doc.move(u"/properties/auditor"_s, u"/properties"_s, 1));
        snap();
        backspace(doc, int(doc.plainText().indexOf(u"finance")) + 7, 7);
        snap();
        QCOMPARE(stack->count(), snapshots.size() - 1);

        for (qsizetype i = snapshots.size() - 1; i > 0; --i) {
            QCOMPARE(doc.text(), snapshots.at(i));
            stack->undo();
        }
        QCOMPARE(doc.text(), kSchema);
        for (qsizetype i = 1; i < snapshots.size(); ++i) {
            stack->redo();
            QCOMPARE(doc.text(), snapshots.at(i));
            QCOMPARE(editorText(doc), doc.plainText());
        }
        // Undo half-way, then type: the redo history goes, the text is right.
        stack->undo();
        stack->undo();
        type(doc, 1, u" "_s);
        QCOMPARE(doc.text(), QString(snapshots.at(snapshots.size() - 3)).insert(1, u' '));
        QVERIFY(!stack->canRedo());
    }

    void syntaxErrorKeepsTheLastTree()
    {
        SchemaDocument doc;
        doc.setText(kSchema);
        QSignalSpy errors(&doc, &SchemaDocument::syntaxError);
        QSignalSpy stale(&doc, &SchemaDocument::staleChanged);
        QSignalSpy trees(&doc, &SchemaDocument::treeChanged);
        const int at = int(kSchema.indexOf(u"\"x-owner\""));
        type(doc, at, u"}"_s);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(stale.size(), 1);
        QVERIFY(doc.isStale());
        const auto error = errors.at(0).at(0).value<JsonText::SyntaxError>();
        QCOMPARE(error.line, 14);
        QCOMPARE(error.column, 3);
        QCOMPARE(doc.currentError()->line, 14);
        // The designer still sees the last tree, but may not edit.
        QCOMPARE(doc.value(u"/x-owner"_s).toString(), u"finance"_s);
        const Status refused = doc.setValue(u"/title"_s, u"X"_s);
        QCOMPARE(refused.error().code, u"schema_text_invalid"_s);
        QVERIFY(refused.error().message.contains(u"line 14"_s));
        QCOMPARE(doc.undoStack()->count(), 1);
        doc.undoStack()->undo();
        QVERIFY(!doc.isStale());
        QCOMPARE(stale.size(), 2);
        QCOMPARE(trees.size(), 1);
        QCOMPARE(doc.text(), kSchema);
    }

    void crlfTextKeepsItsLineBreaks()
    {
        const QString crlf = QString(kSchema).replace(u"\n"_s, u"\r\n"_s);
        SchemaDocument doc;
        doc.setText(crlf);
        QVERIFY(doc.usesCrLf());
        QCOMPARE(doc.text(), crlf);
        QCOMPARE(doc.plainText(), kSchema);
        QVERIFY(doc.insertMember(u"/properties"_s, -1, u"notes"_s,
                                 QJsonObject { { u"type"_s, u"object"_s },
                                               { u"description"_s, u"Long enough to be written over several lines of "
                                                                   "text, one member per line"_s } }));
        const QString after = doc.text();
        QVERIFY(after.contains(u"\r\n      \"type\": \"object\"\r\n    }\r\n  },"_s));
        QCOMPARE(after.count(u'\n'), after.count(u"\r\n"_s));
        doc.undoStack()->undo();
        QCOMPARE(doc.text(), crlf);
        doc.undoStack()->redo();
        QCOMPARE(doc.text(), after);
    }

    void largeDocumentsParseAfterAPause()
    {
        QString big = u"{\n  \"properties\": {\n"_s;
        for (int i = 0; big.size() < SchemaDocument::kDebounceThreshold + 1000; ++i)
            big += u"    \"p%1\": { \"type\": \"string\", \"maxLength\": %1 },\n"_s.arg(i);
        big += u"    \"last\": { \"type\": \"string\" }\n  }\n}\n"_s;
        SchemaDocument doc;
        doc.setText(big);
        QVERIFY(doc.hasTree());
        QSignalSpy trees(&doc, &SchemaDocument::treeChanged);
        type(doc, int(big.indexOf(u"\"last\"")), u"\"x\": 1, "_s);
        QCOMPARE(trees.size(), 0);   // not on every keystroke
        QVERIFY(!doc.contains(u"/properties/x"_s));
        QTRY_COMPARE(trees.size(), 1);
        QVERIFY(doc.contains(u"/properties/x"_s));
        // A designer edit parses first, then applies, then parses again at once.
        type(doc, int(doc.plainText().indexOf(u"\"last\"")), u"\"y\": 2, "_s);
        QVERIFY(doc.rename(u"/properties/y"_s, u"z"_s));
        QVERIFY(doc.contains(u"/properties/z"_s));
        QCOMPARE(editorText(doc), doc.plainText());
    }

    void transactionsAreOneStepAndRollBack()
    {
        SchemaDocument doc;
        doc.setText(kSchema);
        QUndoStack *stack = doc.undoStack();
        QVERIFY(doc.transaction(u"Two things"_s, [&]() -> Status {
            if (auto st = doc.setValue(u"/title"_s, u"A"_s); !st)
                return st;
            return doc.setValue(u"/x-owner"_s, u"B"_s);
        }));
        QCOMPARE(stack->count(), 1);
        QCOMPARE(stack->undoText(), u"Two things"_s);
        const QString after = doc.text();
        const Status failed = doc.transaction(u"Half"_s, [&]() -> Status {
            if (auto st = doc.setValue(u"/title"_s, u"C"_s); !st)
                return st;
            return doc.rename(u"/nope"_s, u"x"_s);
        });
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, u"schema_pointer_not_found"_s);
        QCOMPARE(doc.text(), after);
        QCOMPARE(stack->count(), 1);
        QVERIFY(!stack->canRedo());
        // Nothing done: no empty step.
        QVERIFY(doc.transaction(u"Nothing"_s, [] { return Status(); }));
        QCOMPARE(stack->count(), 1);
        stack->undo();
        QCOMPARE(doc.text(), kSchema);
    }

    void formatOnlyChangesAreNotEdits()
    {
        SchemaDocument doc;
        doc.setText(kSchema);
        // What QSyntaxHighlighter does after highlighting a block.
        doc.textDocument()->markContentsDirty(10, 40);
        doc.textDocument()->markContentsDirty(0, doc.textDocument()->characterCount());
        QCOMPARE(doc.undoStack()->count(), 0);
        QCOMPARE(doc.text(), kSchema);
    }

    // The designer's edits on every schema of the official test suite and of the demo:
    // rename, add a property, require it, change a type, move; each rewrites only its
    // member, and undo gives back the text byte for byte, redo the edited text.
    void roundTripsEverySchema_data()
    {
        QTest::addColumn<QString>("text");
        for (const auto &s : Testing::allSchemaTexts())
            QTest::newRow(qPrintable(s.name)) << s.text;
    }

    void roundTripsEverySchema()
    {
        QFETCH(QString, text);
        SchemaDocument doc;
        doc.setText(text);
        QVERIFY(doc.hasTree());
        QCOMPARE(doc.text(), text);
        const JsonText::Document &tree = doc.tree();
        if (tree.node(0).kind != JsonText::Kind::Object)
            return;   // a boolean schema: nothing for the designer
        const bool hasProperties = tree.find(u"/properties") >= 0 && tree.node(tree.find(u"/properties")).kind == JsonText::Kind::Object;
        const QString container = hasProperties ? u"/properties"_s : QString();
        QUndoStack *stack = doc.undoStack();

        struct Step
        {
            const char *what;
            std::function<Status()> run;
            std::function<std::pair<int, int>()> span;   // where the text may change, before the edit
        };
        auto spanOf = [&](const QString &pointer) {
            const auto r = doc.textRange(pointer);
            return std::pair { r.keyStart >= 0 ? r.keyStart : r.start, r.end };
        };
        auto insideOf = [&](const QString &pointer) {
            const auto r = doc.textRange(pointer);
            return std::pair { r.start, r.end };
        };
        const QString first = tree.node(tree.find(container)).childCount
            ? JsonText::childPointer(container, tree.key(tree.child(tree.find(container), 0)))
            : QString();
        const QList<Step> steps = {
            { "rename", [&] { return first.isEmpty() ? Status() : doc.rename(first, u"renamed_by_designer"_s); },
              [&] { return spanOf(first.isEmpty() ? container : first); } },
            { "add-property", [&] { return doc.insertMember(container, -1, u"added_by_designer"_s, QJsonObject { { u"type"_s, u"string"_s } }); },
              [&] { return insideOf(container); } },
            { "require", [&] {
                  const QJsonValue required = doc.value(u"/required"_s);
                  if (required.isArray())
                      return doc.insertItem(u"/required"_s, -1, u"added_by_designer"_s);
                  if (required.isUndefined())
                      return doc.insertMember(QString(), doc.memberInsertIndex(QString(), u"required"_s), u"required"_s,
                                              QJsonArray { u"added_by_designer"_s });
                  return Status();
              },
              [&] { return doc.contains(u"/required"_s) ? insideOf(u"/required"_s) : insideOf(QString()); } },
            { "change-type", [&] { return doc.setValue(JsonText::childPointer(container, u"added_by_designer"_s) + u"/type"_s,
                                                       QJsonArray { u"string"_s, u"null"_s }); },
              [&] { return spanOf(JsonText::childPointer(container, u"added_by_designer"_s) + u"/type"_s); } },
            { "move", [&] { return doc.move(JsonText::childPointer(container, u"added_by_designer"_s), container, 0); },
              [&] { return insideOf(container); } },
        };
        QStringList snapshots { doc.text() };
        for (const Step &step : steps) {
            const QString before = doc.plainText();
            const auto [from, to] = step.span();
            QVERIFY2(from >= 0, step.what);
            const Status st = step.run();
            QVERIFY2(st.ok(), st.ok() ? step.what : qPrintable(st.error().message));
            QVERIFY2(doc.hasTree() && !doc.isStale(), step.what);
            const QString after = doc.plainText();
            // Only the affected span changed: everything before and after it is as it was.
            QVERIFY2(after.startsWith(QStringView(before).first(from)), step.what);
            QVERIFY2(after.endsWith(QStringView(before).sliced(to)), step.what);
            // Undo gives the text back byte for byte, redo the edit.
            if (after != before) {
                const QString edited = doc.text();
                stack->undo();
                QVERIFY2(doc.text() == snapshots.constLast(), step.what);
                stack->redo();
                QVERIFY2(doc.text() == edited, step.what);
            }
            snapshots.append(doc.text());
        }
        QCOMPARE(editorText(doc), doc.plainText());
        // Every keyword the designer did not touch is still there, with the same value.
        const QJsonObject edited = doc.tree().value(0).toObject();
        while (stack->canUndo())
            stack->undo();
        QCOMPARE(doc.text(), text);
        const QJsonObject restored = doc.tree().value(0).toObject();
        const QString firstKey = JsonText::lastToken(first);
        for (auto it = restored.begin(); it != restored.end(); ++it) {
            if (it.key() != u"properties" && it.key() != u"required" && (!container.isEmpty() || it.key() != firstKey))
                QCOMPARE(edited.value(it.key()), it.value());
        }
    }
};

QTEST_GUILESS_MAIN(TestSchemaDocument)
#include "tst_schemadocument.moc"
