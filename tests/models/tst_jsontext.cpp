#include "schema/jsontext.h"
#include "schematestdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Galley;
using namespace Galley::JsonText;
using namespace Qt::StringLiterals;

namespace {

QJsonValue parsedValue(const QString &text)
{
    // QJsonDocument takes only objects and arrays at the top; wrap to compare any value.
    QJsonParseError error;
    const QJsonDocument d = QJsonDocument::fromJson((u"["_s + text + u"]"_s).toUtf8(), &error);
    return error.error == QJsonParseError::NoError ? d.array().at(0) : QJsonValue(QJsonValue::Undefined);
}

QStringList keysOf(const Document &d, int object)
{
    QStringList keys;
    for (int c : d.children(object))
        keys.append(d.key(c));
    return keys;
}

// The edit leaves everything outside [from, to) of the original text as it was.
bool onlyTouches(const Edit &edit, int from, int to)
{
    for (const Replacement &r : edit) {
        if (r.position < from || r.position + r.removedLength > to)
            return false;
    }
    return true;
}

// Applies edit, checks that it parses and that inverse() restores the text byte for byte.
Document applied(const Document &d, const Edit &edit, bool *ok)
{
    const QString after = apply(d.text(), edit);
    const Document result = Document::parse(after);
    *ok = result.isValid() && apply(after, inverse(d.text(), edit)) == d.text();
    if (!result.isValid())
        qWarning("edit broke the text: %s\n%s", qPrintable(result.error()->message), qPrintable(after));
    return result;
}

} // namespace

class TestJsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesNodesWithOffsets()
    {
        const QString text = QStringLiteral(R"({
  "a": 1,
  "b": [true, null, "x\u0022y"],
  "c/d": { "e~f": -2.5e3 }
})");
        const Document d = Document::parse(text);
        QVERIFY(d.isValid());
        QCOMPARE(d.node(0).kind, Kind::Object);
        QCOMPARE(d.node(0).childCount, 3);
        const int a = d.find(u"/a");
        QVERIFY(a > 0);
        QCOMPARE(d.valueText(a), u"1");
        QCOMPARE(d.memberText(a), u"\"a\": 1");
        QCOMPARE(text.at(d.node(a).comma), u',');
        QCOMPARE(text.at(d.node(a).colon), u':');
        const int b2 = d.find(u"/b/2");
        QCOMPARE(d.string(b2), u"x\"y"_s);
        QCOMPARE(d.node(b2).comma, -1);
        QCOMPARE(d.value(d.find(u"/c~1d/e~0f")).toDouble(), -2500.0);
        QCOMPARE(d.pointer(d.find(u"/c~1d/e~0f")), u"/c~1d/e~0f"_s);
        QCOMPARE(d.find(u"#/c~1d/e~0f"), d.find(u"/c~1d/e~0f"));
        QCOMPARE(d.find(u"#/b/1"), d.find(u"/b/1"));
        QCOMPARE(d.find(u"/b/01"), -1);
        QCOMPARE(d.find(u"/b/3"), -1);
        QCOMPARE(d.find(u"/nope"), -1);
        QCOMPARE(d.find(u""), 0);
        // Position → innermost member: on the key, inside the value, between items.
        QCOMPARE(d.pointer(d.nodeAt(int(text.indexOf(u"\"b\"")))), u"/b"_s);
        QCOMPARE(d.pointer(d.nodeAt(int(text.indexOf(u"null")) + 2)), u"/b/1"_s);
        QCOMPARE(d.pointer(d.nodeAt(int(text.indexOf(u"-2.5")))), u"/c~1d/e~0f"_s);
        QCOMPARE(d.nodeAt(0), 0);
        QCOMPARE(d.value(0), parsedValue(text));
        // Big integers stay integers.
        QCOMPARE(Document::parse(u"[9007199254740993]"_s).value(1).toInteger(), 9007199254740993LL);
    }

    void syntaxErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("empty") << u"   "_s << 1 << 4;
        QTest::newRow("unclosed-object") << u"{\n  \"a\": 1\n"_s << 3 << 1;
        QTest::newRow("missing-colon") << u"{\"a\" 1}"_s << 1 << 6;
        QTest::newRow("trailing-comma-object") << u"{\"a\": 1,\n}"_s << 2 << 1;
        QTest::newRow("trailing-comma-array") << u"[1, 2, ]"_s << 1 << 8;
        QTest::newRow("single-quotes") << u"{'a': 1}"_s << 1 << 2;
        QTest::newRow("unterminated-string") << u"[\"abc"_s << 1 << 2;
        QTest::newRow("bad-escape") << u"[\"a\\qb\"]"_s << 1 << 4;
        QTest::newRow("short-unicode-escape") << u"[\"\\u12\"]"_s << 1 << 3;
        QTest::newRow("newline-in-string") << u"{\n\"a\": \"x\ny\"}"_s << 2 << 8;
        QTest::newRow("leading-zero") << u"[01]"_s << 1 << 3;
        QTest::newRow("bare-decimal-point") << u"[1.]"_s << 1 << 4;
        QTest::newRow("lone-minus") << u"-"_s << 1 << 2;
        QTest::newRow("bad-literal") << u"[tru]"_s << 1 << 2;
        QTest::newRow("text-after-value") << u"{\"a\": 1}}"_s << 1 << 9;
        QTest::newRow("missing-comma") << u"{\"a\": 1 \"b\": 2}"_s << 1 << 9;
        QTest::newRow("comment") << u"{\n  // no\n}"_s << 2 << 3;
    }

    void syntaxErrors()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        const Document d = Document::parse(text);
        QVERIFY(!d.isValid());
        QVERIFY(d.error().has_value());
        QVERIFY(!d.error()->message.isEmpty());
        QCOMPARE(d.error()->line, line);
        QCOMPARE(d.error()->column, column);
        QCOMPARE(d.nodeCount(), 0);
        QCOMPARE(d.find(u""), -1);
    }

    void acceptsWhatQJsonDocumentAccepts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("bom") << u"\xfeff{\"a\": 1}"_s;
        QTest::newRow("scalar-root") << u" true "_s;
        QTest::newRow("nested-empty") << u"[[],{},[{}]]"_s;
        QTest::newRow("escapes") << QStringLiteral(R"(["\u00e9\ud83d\ude00\/\b\f\n\r\t\\"])");
        QTest::newRow("numbers") << u"[0, -0, 1e10, 1E-2, 0.5, -12.25e+3]"_s;
        QTest::newRow("deep") << QString(5000, u'[') + QString(5000, u']');
    }

    void acceptsWhatQJsonDocumentAccepts()
    {
        QFETCH(QString, text);
        const Document d = Document::parse(text);
        QVERIFY2(d.isValid(), d.error() ? qPrintable(d.error()->message) : "");
        if (!QTest::currentDataTag() || QByteArray(QTest::currentDataTag()) != "deep")
            QCOMPARE(d.value(0), parsedValue(text.startsWith(QChar(0xfeff)) ? text.mid(1) : text));
    }

    // Golden outputs: new text follows the surrounding formatting.
    void editsFollowTheFormatting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("expected");

        const QString demo = QStringLiteral(R"({
  "type": "object",
  "required": ["a"],
  "properties": {
    "a": { "type": "string", "minLength": 3 },
    "b": { "type": "integer" }
  }
})");
        QTest::newRow("append-member-multiline") << demo << u"insert /properties -1 c {\"type\":\"string\"}"_s
                                                 << QString(demo).replace(QStringLiteral(R"("b": { "type": "integer" })"),
                                                                          QStringLiteral(R"("b": { "type": "integer" },
    "c": { "type": "string" })"));
        QTest::newRow("insert-member-first") << demo << u"insert /properties 0 c {\"type\":\"string\"}"_s
                                             << QString(demo).replace(QStringLiteral(R"("a": { "type": "string", "minLength": 3 },)"),
                                                                      QStringLiteral(R"("c": { "type": "string" },
    "a": { "type": "string", "minLength": 3 },)"));
        QTest::newRow("insert-into-one-line-object") << demo << u"insert /properties/b -1 minimum 0"_s
                                                     << QString(demo).replace(QStringLiteral(R"("b": { "type": "integer" })"),
                                                                              QStringLiteral(R"("b": { "type": "integer", "minimum": 0 })"));
        QTest::newRow("append-item-one-line") << demo << u"item /required -1 \"b\""_s
                                              << QString(demo).replace(QStringLiteral(R"(["a"])"), QStringLiteral(R"(["a", "b"])"));
        QTest::newRow("remove-middle-member") << demo << u"remove /required"_s
                                              << QString(demo).remove(u"  \"required\": [\"a\"],\n"_s);
        QTest::newRow("remove-last-member") << demo << u"remove /properties/b"_s
                                            << QString(demo).remove(u",\n    \"b\": { \"type\": \"integer\" }"_s);
        QTest::newRow("remove-only-item") << demo << u"remove /required/0"_s
                                          << QString(demo).replace(QStringLiteral(R"(["a"])"), u"[]"_s);
        QTest::newRow("remove-one-line-member") << demo << u"remove /properties/a/type"_s
                                                << QString(demo).replace(QStringLiteral(R"({ "type": "string", "minLength": 3 })"),
                                                                         QStringLiteral(R"({ "minLength": 3 })"));
        QTest::newRow("rename") << demo << u"rename /properties/a alpha"_s
                                << QString(demo).replace(QStringLiteral(R"("a": {)"), QStringLiteral(R"("alpha": {)"));
        QTest::newRow("replace-scalar") << demo << u"set /properties/b/type [\"integer\",\"null\"]"_s
                                        << QString(demo).replace(QStringLiteral(R"("type": "integer")"),
                                                                 QStringLiteral(R"("type": ["integer", "null"])"));
        QTest::newRow("move-down") << demo << u"move /properties/a /properties 1"_s
                                   << QString(demo).replace(QStringLiteral(R"("a": { "type": "string", "minLength": 3 },
    "b": { "type": "integer" })"),
                                                            QStringLiteral(R"("b": { "type": "integer" },
    "a": { "type": "string", "minLength": 3 })"));
        QTest::newRow("move-up") << demo << u"move /properties/b /properties 0"_s
                                 << QString(demo).replace(QStringLiteral(R"("a": { "type": "string", "minLength": 3 },
    "b": { "type": "integer" })"),
                                                          QStringLiteral(R"("b": { "type": "integer" },
    "a": { "type": "string", "minLength": 3 })"));

        const QString nested = QStringLiteral(R"({
  "properties": {
    "price": {
      "type": "object",
      "properties": {
        "from": {
          "type": "number"
        }
      }
    },
    "name": { "type": "string" }
  }
})");
        QTest::newRow("move-out-reindents") << nested << u"move /properties/price/properties/from /properties -1"_s
                                            << QStringLiteral(R"({
  "properties": {
    "price": {
      "type": "object",
      "properties": {}
    },
    "name": { "type": "string" },
    "from": {
      "type": "number"
    }
  }
})");
        QTest::newRow("move-in-reindents") << nested << u"move /properties/name /properties/price/properties 0"_s
                                           << QStringLiteral(R"({
  "properties": {
    "price": {
      "type": "object",
      "properties": {
        "name": { "type": "string" },
        "from": {
          "type": "number"
        }
      }
    }
  }
})");
        QTest::newRow("insert-into-empty-multiline")
            << u"{\n  \"properties\": {}\n}"_s << u"insert /properties -1 a {\"type\":\"string\"}"_s
            << u"{\n  \"properties\": {\n    \"a\": { \"type\": \"string\" }\n  }\n}"_s;
        QTest::newRow("insert-big-object-multiline")
            << u"{\n    \"a\": 1\n}"_s
            << u"insert  -1 b {\"type\":\"object\",\"description\":\"A rather long description that does not fit on one line at all, really\",\"properties\":{\"x\":{\"type\":\"string\"}}}"_s
            << u"{\n    \"a\": 1,\n    \"b\": {\n        \"description\": \"A rather long description that does not fit on one line at all, really\",\n        \"properties\": { \"x\": { \"type\": \"string\" } },\n        \"type\": \"object\"\n    }\n}"_s;
        QTest::newRow("minified") << u"{\"a\":{\"b\":1}}"_s << u"insert /a -1 c [1,2]"_s
                                  << u"{\"a\":{\"b\":1,\"c\":[1,2]}}"_s;
        QTest::newRow("minified-empty") << u"{\"a\":{}}"_s << u"insert /a -1 c {\"d\":true}"_s
                                        << u"{\"a\":{\"c\":{\"d\":true}}}"_s;
        QTest::newRow("tabs") << u"{\n\t\"a\": {\n\t\t\"b\": 1\n\t}\n}"_s << u"insert /a -1 c 2"_s
                              << u"{\n\t\"a\": {\n\t\t\"b\": 1,\n\t\t\"c\": 2\n\t}\n}"_s;
        QTest::newRow("crlf") << u"{\r\n  \"a\": 1\r\n}"_s << u"insert  -1 b {\"c\":{\"d\":[1,2,3],\"e\":\"A long enough text to need more than one line when written out in full, with more words to go\"}}"_s
                              << u"{\r\n  \"a\": 1,\r\n  \"b\": {\r\n    \"c\": {\r\n      \"d\": [1, 2, 3],\r\n      \"e\": \"A long enough text to need more than one line when written out in full, with more words to go\"\r\n    }\r\n  }\r\n}"_s;
        QTest::newRow("crlf-remove") << u"{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}"_s << u"remove /b"_s
                                     << u"{\r\n  \"a\": 1\r\n}"_s;
        QTest::newRow("space-before-colon") << u"{ \"a\" : 1 }"_s << u"insert  -1 b 2"_s
                                            << u"{ \"a\" : 1, \"b\" : 2 }"_s;
        QTest::newRow("escaped-key") << u"{\"a\\/b\": 1}"_s << u"rename /a~1b c\"d"_s << u"{\"c\\\"d\": 1}"_s;
    }

    void editsFollowTheFormatting()
    {
        QFETCH(QString, text);
        QFETCH(QString, operation);
        QFETCH(QString, expected);
        const Document d = Document::parse(text);
        QVERIFY(d.isValid());
        const QStringList op = operation.split(u' ');
        const QString verb = op.at(0);
        const int n = d.find(op.at(1));
        QVERIFY2(n >= 0, qPrintable(op.at(1)));
        Result<Edit> edit = Edit {};
        if (verb == u"insert")
            edit = d.insertMember(n, op.at(2).toInt(), op.at(3), parsedValue(op.mid(4).join(u' ')));
        else if (verb == u"item")
            edit = d.insertItem(n, op.at(2).toInt(), parsedValue(op.at(3)));
        else if (verb == u"remove")
            edit = d.remove(n);
        else if (verb == u"rename")
            edit = d.renameMember(n, op.at(2));
        else if (verb == u"set")
            edit = d.replaceValue(n, parsedValue(op.at(2)));
        else if (verb == u"move")
            edit = d.moveMember(n, d.find(op.at(2)), op.at(3).toInt());
        QVERIFY2(edit.ok(), edit.ok() ? "" : qPrintable(edit.error().message));
        const QString after = apply(text, *edit);
        QCOMPARE(after, expected);
        QCOMPARE(apply(after, inverse(text, *edit)), text);
    }

    void refusesBadEdits()
    {
        const Document d = Document::parse(u"{\"a\": {\"b\": 1}, \"c\": [1], \"b\": 2}"_s);
        QCOMPARE(d.insertMember(d.find(u"/a"), -1, u"b"_s, 1).error().code, u"json_duplicate_key"_s);
        QCOMPARE(d.insertMember(d.find(u"/c"), -1, u"x"_s, 1).error().code, u"json_not_object"_s);
        QCOMPARE(d.insertItem(d.find(u"/a"), -1, 1).error().code, u"json_not_array"_s);
        QCOMPARE(d.renameMember(d.find(u"/a"), u"c"_s).error().code, u"json_duplicate_key"_s);
        QCOMPARE(d.moveMember(d.find(u"/a"), d.find(u"/a"), 0).error().code, u"json_invalid_move"_s);
        QCOMPARE(d.moveMember(d.find(u"/b"), d.find(u"/a"), 0).error().code, u"json_duplicate_key"_s);
        QCOMPARE(d.remove(0).error().code, u"json_root"_s);
        QVERIFY(d.renameMember(d.find(u"/a"), u"a"_s)->isEmpty());   // nothing to do
        QVERIFY(d.moveMember(d.find(u"/a"), 0, 0)->isEmpty());
        QCOMPARE(combine({ Replacement { 1, 3, {} } }, { Replacement { 2, 0, u"x"_s } }).error().code,
                 u"json_overlap"_s);
    }

    // Every schema of the official test suite and of the demo, in several formattings:
    // parsed losslessly, and every member and item edited in every way, each edit
    // parsing, touching only its member's span, and undone byte for byte.
    void editsEverySchema_data()
    {
        QTest::addColumn<QString>("text");
        const auto schemas = Testing::allSchemaTexts();
        QVERIFY(schemas.size() > 300);
        for (const auto &s : schemas)
            QTest::newRow(qPrintable(s.name)) << s.text;
    }

    void editsEverySchema()
    {
        QFETCH(QString, text);
        const Document d = Document::parse(text);
        QVERIFY2(d.isValid(), d.error() ? qPrintable(d.error()->message) : "");
        QCOMPARE(d.value(0), parsedValue(text));
        for (int n = 0; n < d.nodeCount(); ++n) {
            const QString p = d.pointer(n);
            QCOMPARE(d.find(p), n);
            QCOMPARE(d.nodeAt(d.node(n).memberStart()), n);
        }
        for (int n = 1; n < d.nodeCount(); ++n) {
            const Node &node = d.node(n);
            const int parent = node.parent;
            const Node &p = d.node(parent);
            const QList<int> siblings = d.children(parent);
            // The member's surroundings: from the end of the previous sibling (or the
            // opening bracket) to the start of the next one (or the closing bracket).
            const int from = node.row > 0 ? d.node(siblings.at(node.row - 1)).end : p.start + 1;
            const int to = node.row + 1 < siblings.size() ? d.node(siblings.at(node.row + 1)).memberStart() : p.end - 1;
            bool ok = false;

            // Replace the value.
            const QJsonValue replacement = QJsonObject { { u"type"_s, u"string"_s }, { u"x-new"_s, QJsonArray { 1, u"two"_s } } };
            const Edit replaced = *d.replaceValue(n, replacement);
            QVERIFY(onlyTouches(replaced, node.start, node.end));
            Document after = applied(d, replaced, &ok);
            QVERIFY(ok);
            QCOMPARE(after.value(after.find(d.pointer(n))), replacement);

            // Remove it.
            const Edit removed = *d.remove(n);
            QVERIFY(onlyTouches(removed, from, to));
            after = applied(d, removed, &ok);
            QVERIFY(ok);
            QCOMPARE(after.node(after.find(d.pointer(parent))).childCount, p.childCount - 1);

            if (node.isMember()) {
                // Rename it (keys keep their order).
                const QString newKey = d.key(n) + u"_renamed/~"_s;
                if (d.member(parent, newKey) < 0) {
                    const Edit renamed = *d.renameMember(n, newKey);
                    QVERIFY(onlyTouches(renamed, node.keyStart, node.keyEnd));
                    after = applied(d, renamed, &ok);
                    QVERIFY(ok);
                    QStringList keys = keysOf(d, parent);
                    keys[node.row] = newKey;
                    QCOMPARE(keysOf(after, after.find(d.pointer(parent))), keys);
                    QCOMPARE(after.value(after.find(childPointer(d.pointer(parent), newKey))), d.value(n));
                }
                // Insert a vendor keyword in front of it.
                if (d.member(parent, u"x-galley"_s) < 0) {
                    const Edit inserted = *d.insertMember(parent, node.row, u"x-galley"_s, QJsonObject { { u"a"_s, 1 } });
                    QVERIFY(onlyTouches(inserted, from, node.memberStart()));
                    after = applied(d, inserted, &ok);
                    QVERIFY(ok);
                    QStringList keys = keysOf(d, parent);
                    keys.insert(node.row, u"x-galley"_s);
                    QCOMPARE(keysOf(after, after.find(d.pointer(parent))), keys);
                }
                // Move it to the front and to the end of its object.
                for (int index : { 0, p.childCount - 1 }) {
                    const Edit moved = *d.moveMember(n, parent, index);
                    after = applied(d, moved, &ok);
                    QVERIFY(ok);
                    QStringList keys = keysOf(d, parent);
                    keys.move(node.row, index);
                    QCOMPARE(keysOf(after, after.find(d.pointer(parent))), keys);
                    QCOMPARE(after.value(after.find(d.pointer(n))), d.value(n));
                }
                // Move it into another object that is not below it.
                for (int other = 0; other < d.nodeCount(); ++other) {
                    if (d.node(other).kind != Kind::Object || other == parent || d.isDescendant(other, n)
                        || d.member(other, d.key(n)) >= 0)
                        continue;
                    const Edit moved = *d.moveMember(n, other, 0);
                    after = applied(d, moved, &ok);
                    QVERIFY(ok);
                    // Pointers hold keys, and no array item moved: the target's pointer still holds.
                    QCOMPARE(after.value(after.find(childPointer(d.pointer(other), d.key(n)))), d.value(n));
                    QCOMPARE(after.node(0).childCount + (parent == 0 ? 1 : 0) - (other == 0 ? 1 : 0),
                             d.node(0).childCount);
                    QCOMPARE(moved.size(), 2);
                    break;
                }
            } else {
                // An item: insert one before it.
                const Edit inserted = *d.insertItem(parent, node.row, QJsonValue(u"new"_s));
                QVERIFY(onlyTouches(inserted, from, node.memberStart()));
                after = applied(d, inserted, &ok);
                QVERIFY(ok);
                QCOMPARE(after.string(after.child(after.find(d.pointer(parent)), node.row)), u"new"_s);
            }
        }
    }

    void formatsScalars()
    {
        QCOMPARE(compact(QJsonValue(1.5)), u"1.5"_s);
        QCOMPARE(compact(QJsonValue(3.0)), u"3"_s);
        QCOMPARE(compact(QJsonValue(qint64(9007199254740993LL))), u"9007199254740993"_s);
        QCOMPARE(compact(QJsonValue(0.1)), u"0.1"_s);
        QCOMPARE(compact(QJsonValue(u"a\"b\\c\n\u2028"_s)), u"\"a\\\"b\\\\c\\n\\u2028\""_s);
        QCOMPARE(compact(QJsonValue()), u"null"_s);
        QCOMPARE(quote(u"\x01"), u"\"\\u0001\""_s);
        QCOMPARE(escapePointerToken(u"a/b~c"), u"a~1b~0c"_s);
        QCOMPARE(*splitPointer(u"/a~1b~0c/0"), (QStringList { u"a/b~c"_s, u"0"_s }));
        QCOMPARE(*splitPointer(u"#/a%20b"), (QStringList { u"a b"_s }));
        QVERIFY(!splitPointer(u"a").has_value());
        QCOMPARE(parentPointer(u"/a/b"), u"/a"_s);
        QCOMPARE(parentPointer(u"/a"), QString());
        QCOMPARE(lastToken(u"/a/b~1c"), u"b/c"_s);
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
