// JsonFormat: pretty-printing and minifying JSON text keep every token as written.
#include "schema/jsonformat.h"

#include <QJsonDocument>
#include <QTest>

using namespace Galley;
using namespace Qt::StringLiterals;

class TestJsonFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pretty_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("object") << u"{\"b\":1,\"a\":[true,false,null]}"_s
                                << u"{\n  \"b\": 1,\n  \"a\": [true, false, null]\n}\n"_s;
        QTest::newRow("array-of-objects") << u"[{\"a\":1},{\"b\":[]}]"_s
                                          << u"[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": []\n  }\n]\n"_s;
        QTest::newRow("long-array-one-item-per-line")
            << u"[\"aaaaaaaaaaaaaaaaaaaa\",\"bbbbbbbbbbbbbbbbbbbb\",\"cccccccccccccccccccc\",\"dddd\"]"_s
            << u"[\n  \"aaaaaaaaaaaaaaaaaaaa\",\n  \"bbbbbbbbbbbbbbbbbbbb\",\n  \"cccccccccccccccccccc\",\n  \"dddd\"\n]\n"_s;
        QTest::newRow("empty-containers-stay-compact") << u"{ \"a\" : { } , \"b\" : [ ] }"_s
                                                      << u"{\n  \"a\": {},\n  \"b\": []\n}\n"_s;
        QTest::newRow("number-spelling-kept") << u"[1.50, -0,1E+2 ,  0.0e-3]"_s
                                              << u"[1.50, -0, 1E+2, 0.0e-3]\n"_s;
        QTest::newRow("escapes-kept") << u"{\"k\\u00e9y\":\"a\\\"b\\n\"}"_s
                                      << u"{\n  \"k\\u00e9y\": \"a\\\"b\\n\"\n}\n"_s;
        QTest::newRow("duplicate-keys-kept-in-order")
            << u"{\"a\":1,\"a\":2}"_s << u"{\n  \"a\": 1,\n  \"a\": 2\n}\n"_s;
        QTest::newRow("scalar-root") << u"  \"text\"  "_s << u"\"text\"\n"_s;
        QTest::newRow("whitespace-in-strings-kept")
            << u"{\"a b\" : \" x  y \"}"_s << u"{\n  \"a b\": \" x  y \"\n}\n"_s;
    }
    void pretty()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const JsonFormat::Output out = JsonFormat::pretty(input);
        QVERIFY2(out.ok, qPrintable(out.errorMessage));
        QCOMPARE(out.text, expected);
        // Minified and pretty again: the same text; the meaning never changes.
        const JsonFormat::Output mini = JsonFormat::minified(out.text);
        QVERIFY(mini.ok);
        QCOMPARE(JsonFormat::pretty(mini.text).text, expected);
        QCOMPARE(QJsonDocument::fromJson(mini.text.toUtf8()), QJsonDocument::fromJson(input.toUtf8()));
    }

    void minified()
    {
        const JsonFormat::Output out
            = JsonFormat::minified(u"{\n  \"a\": [ 1, 2 ],\n  \"b\": { \"c\": \"d e\" }\n}\n"_s);
        QVERIFY(out.ok);
        QCOMPARE(out.text, u"{\"a\":[1,2],\"b\":{\"c\":\"d e\"}}"_s);
    }

    void indentWidth()
    {
        QCOMPARE(JsonFormat::pretty(u"{\"a\":[{\"b\":1}]}"_s, 4).text,
                 u"{\n    \"a\": [\n        {\n            \"b\": 1\n        }\n    ]\n}\n"_s);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("offset");
        QTest::newRow("missing-comma") << u"{\"a\":1 \"b\":2}"_s << 7;
        QTest::newRow("trailing-comma") << u"[1,2,]"_s << 5;
        QTest::newRow("bad-item-in-short-array") << u"[1,x]"_s << 3;
        QTest::newRow("bad-escape-in-short-array") << u"[\"a\\q\"]"_s << 3;
        QTest::newRow("unterminated-string") << u"{\"a\":\"x}"_s << 5;
        QTest::newRow("bad-literal") << u"[tru]"_s << 1;
        QTest::newRow("leading-zero") << u"[01]"_s << 2;
        QTest::newRow("unclosed") << u"{\"a\":[1"_s << 7;
        QTest::newRow("text-after") << u"{} x"_s << 3;
        QTest::newRow("newline-in-string") << u"[\"a\nb\"]"_s << 3;
        QTest::newRow("empty") << u"  "_s << 2;
        QTest::newRow("mismatched") << u"[1}"_s << 2;
    }
    void errors()
    {
        QFETCH(QString, input);
        QFETCH(int, offset);
        const JsonFormat::Output out = JsonFormat::pretty(input);
        QVERIFY(!out.ok);
        QVERIFY(out.text.isEmpty());
        QVERIFY(!out.errorMessage.isEmpty());
        QCOMPARE(out.errorOffset, qsizetype(offset));
    }

    void partialFormatsUpToTheError()
    {
        JsonFormat::Options options;
        options.partial = true;
        const JsonFormat::Output out = JsonFormat::reformat(u"{\"a\":[1,2],\"b\":1 \"c\":2}"_s, options);
        QVERIFY(!out.ok);
        QCOMPARE(out.text, u"{\n  \"a\": [1, 2],\n  \"b\": 1 \"c\":2}"_s);
    }

    void cursorIsCarriedOver()
    {
        const QString input = u"{\"alpha\":[1,22]}"_s;
        JsonFormat::Options options;
        options.offset = input.indexOf(u"22") + 1; // between the 2s
        const JsonFormat::Output out = JsonFormat::reformat(input, options);
        QVERIFY(out.ok);
        QCOMPARE(out.text.mid(out.mappedOffset - 1, 2), u"22"_s);
        options.style = JsonFormat::Style::Minified;
        options.offset = out.mappedOffset;
        const JsonFormat::Output back = JsonFormat::reformat(out.text, options);
        QCOMPARE(back.text, input);
        QCOMPARE(back.mappedOffset, input.indexOf(u"22") + 1);
    }

    void byteOrderMarkStays()
    {
        const JsonFormat::Output out = JsonFormat::minified(u"\ufeff { \"a\" : 1 }"_s);
        QVERIFY(out.ok);
        QCOMPARE(out.text, u"\ufeff{\"a\":1}"_s);
    }

    void longestLineAndPlaces()
    {
        QCOMPARE(JsonFormat::longestLine(u""_s), 0);
        QCOMPARE(JsonFormat::longestLine(u"ab\nabcd\nabc"_s), 4);
        QCOMPARE(JsonFormat::longestLine(u"abc\n"_s), 3);
        const JsonFormat::LineColumn lc = JsonFormat::lineColumn(u"ab\ncde\nf"_s, 5);
        QCOMPARE(lc.line, 2);
        QCOMPARE(lc.column, 3);
    }

    void largeDocumentIsFast()
    {
        QString json = u"["_s;
        for (int i = 0; json.size() < 5'000'000; ++i)
            json += QStringLiteral(
                        "{\"id\":%1,\"title\":\"Report %1\",\"tags\":[\"a\",\"b\"],\"n\":{\"x\":1.5}},")
                        .arg(i);
        json.chop(1);
        json += u']';
        QElapsedTimer timer;
        timer.start();
        const JsonFormat::Output out = JsonFormat::pretty(json);
        const qint64 ms = timer.elapsed();
        QVERIFY(out.ok);
        qInfo("pretty-printing %lld characters took %lld ms", qlonglong(json.size()), qlonglong(ms));
        QVERIFY(ms < 1000);
        QCOMPARE(JsonFormat::minified(out.text).text, json);
    }
};

QTEST_GUILESS_MAIN(TestJsonFormat)
#include "tst_jsonformat.moc"
