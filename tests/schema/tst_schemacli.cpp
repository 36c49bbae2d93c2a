// galley-schema (GALLEY_SCHEMA_BINARY) as a pipeline runs it: validate (files and JSON lines on
// standard input, one JSON line per problem, exit status 0/1), check, impact, format (member
// order, numbers and escapes kept; --minify, --in-place), --ref for shared documents, and every
// unusable command line with exit status 2.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QList<QJsonObject> lines() const
    {
        QList<QJsonObject> result;
        const QList<QByteArray> parts = out.split('\n');
        for (const QByteArray &line : parts) {
            if (line.trimmed().isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                qWarning("not a JSON line: %s", line.constData());
                return {};
            }
            result.append(doc.object());
        }
        return result;
    }
};

} // namespace

class TestSchemaCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static Run run(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess p;
        p.start(qEnvironmentVariable("GALLEY_SCHEMA_BINARY"), arguments);
        Run r;
        if (!p.waitForStarted(10000))
            return r;
        if (!input.isEmpty())
            p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

private Q_SLOTS:
    void initTestCase();
    void validateFiles();
    void validateJsonLinesFromStandardInput();
    void validateAgainstAnInvalidSchema();
    void check();
    void impact();
    void format();
    void references();
    void usageErrors_data();
    void usageErrors();
    void help();
};

namespace {

// (After the class: moc does not follow multi-line raw strings before it.)
const QByteArray kSchema = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["company"],
  "properties": {
    "company": { "type": "string", "title": "Company" },
    "revenue": { "type": "number", "minimum": 0 },
    "segments": { "type": "array", "items": { "type": "object", "required": ["name"] } }
  }
})";

} // namespace

void TestSchemaCli::initTestCase()
{
    QVERIFY2(!qEnvironmentVariable("GALLEY_SCHEMA_BINARY").isEmpty(), "GALLEY_SCHEMA_BINARY is not set");
    QVERIFY(QFile::exists(qEnvironmentVariable("GALLEY_SCHEMA_BINARY")));
    QVERIFY(m_dir.isValid());
    write(u"schema.json"_s, kSchema);
}

void TestSchemaCli::validateFiles()
{
    const QString schema = m_dir.filePath(u"schema.json"_s);
    const QString good = write(u"good.json"_s, R"({"company": "Acme", "revenue": 3})");
    const QString bad = write(u"bad.json"_s, R"({"revenue": -1, "segments": [{"name": "a"}, {}]})");

    const Run ok = run({ u"validate"_s, u"--schema"_s, schema, good });
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(ok.out.isEmpty());

    const Run failing = run({ u"validate"_s, u"--schema"_s, schema, good, bad });
    QCOMPARE(failing.exitCode, 1);
    const QList<QJsonObject> lines = failing.lines();
    QCOMPARE(lines.size(), 3);
    QStringList found;
    for (const QJsonObject &line : lines) {
        QCOMPARE(line.value(u"instance"_s).toString(), bad);
        QVERIFY(!line.value(u"message"_s).toString().isEmpty());
        QVERIFY(!line.value(u"sentence"_s).toString().isEmpty());
        found << line.value(u"instance_pointer"_s).toString() + u'|' + line.value(u"schema_pointer"_s).toString() + u'|'
                        + line.value(u"keyword"_s).toString();
    }
    QCOMPARE(found, (QStringList { u"|/required|required"_s, u"/revenue|/properties/revenue/minimum|minimum"_s,
                                   u"/segments/1|/properties/segments/items/required|required"_s }));
    QCOMPARE(lines.constFirst().value(u"property"_s).toString(), u"company"_s);
    QCOMPARE(lines.at(1).value(u"sentence"_s).toString(), u"Revenue must be at least 0"_s);
}

void TestSchemaCli::validateJsonLinesFromStandardInput()
{
    const QByteArray input = "{\"company\": \"Acme\"}\n\n{\"company\": 7}\n{not json\n{\"company\": \"B\"}";
    const Run r = run({ u"validate"_s, u"--schema"_s, m_dir.filePath(u"schema.json"_s), u"-"_s }, input);
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> lines = r.lines();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).value(u"instance"_s).toString(), u"-:3"_s);
    QCOMPARE(lines.at(0).value(u"instance_pointer"_s).toString(), u"/company"_s);
    QCOMPARE(lines.at(0).value(u"schema_pointer"_s).toString(), u"/properties/company/type"_s);
    QCOMPARE(lines.at(1).value(u"instance"_s).toString(), u"-:4"_s);
    QCOMPARE(lines.at(1).value(u"keyword"_s).toString(), u"syntax"_s);
    QCOMPARE(lines.at(1).value(u"line"_s).toInt(), 1);
    QCOMPARE(lines.at(1).value(u"column"_s).toInt(), 2);

    const Run valid = run({ u"validate"_s, u"--schema"_s, m_dir.filePath(u"schema.json"_s), u"-"_s },
                          "{\"company\": \"A\"}\n{\"company\": \"B\"}\n");
    QCOMPARE(valid.exitCode, 0);
    QVERIFY(valid.out.isEmpty());
}

void TestSchemaCli::validateAgainstAnInvalidSchema()
{
    const QString schema = write(u"invalid.json"_s, R"({"properties": {"a": {"minLength": -1}}})");
    const QString good = write(u"good2.json"_s, "{}");
    const Run r = run({ u"validate"_s, u"--schema"_s, schema, good });
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> lines = r.lines();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.constFirst().value(u"schema"_s).toString(), schema);
    QCOMPARE(lines.constFirst().value(u"schema_pointer"_s).toString(), u"/properties/a/minLength"_s);
}

void TestSchemaCli::check()
{
    const Run ok = run({ u"check"_s, m_dir.filePath(u"schema.json"_s) });
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(ok.out.isEmpty());
    QVERIFY2(ok.err.contains("2020-12"), ok.err.constData());

    const QString draft7 = write(u"draft7.json"_s, R"({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"})");
    const Run d7 = run({ u"check"_s, draft7 });
    QCOMPARE(d7.exitCode, 0);
    QVERIFY2(d7.err.contains("draft-07"), d7.err.constData());

    const QString broken = write(u"broken.json"_s, R"({"type": 12, "required": "x", "properties": {"a": {"$ref": "#/nowhere"}}})");
    const Run bad = run({ u"check"_s, broken });
    QCOMPARE(bad.exitCode, 1);
    QStringList pointers;
    for (const QJsonObject &line : bad.lines())
        pointers << line.value(u"schema_pointer"_s).toString();
    QCOMPARE(pointers, (QStringList { u"/type"_s, u"/required"_s }));

    const QString syntax = write(u"syntax.json"_s, "{\n  \"type\": \"object\",\n}");
    const Run s = run({ u"check"_s, syntax });
    QCOMPARE(s.exitCode, 1);
    QCOMPARE(s.lines().constFirst().value(u"keyword"_s).toString(), u"syntax"_s);
    QCOMPARE(s.lines().constFirst().value(u"line"_s).toInt(), 2);
}

void TestSchemaCli::impact()
{
    QByteArray stricter = kSchema;
    stricter.replace(R"("required": ["company"])", R"("required": ["company", "auditor"])");
    const QString oldPath = m_dir.filePath(u"schema.json"_s);
    const QString newPath = write(u"stricter.json"_s, stricter);
    const QString a = write(u"a.json"_s, R"({"company": "A", "auditor": "X"})");
    const QString b = write(u"b.json"_s, R"({"company": "B"})");

    const Run r = run({ u"impact"_s, u"--old"_s, oldPath, u"--new"_s, newPath, a, b, u"-"_s }, "{\"company\": \"C\"}\n");
    QCOMPARE(r.exitCode, 1);
    const QJsonObject answer = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(answer.value(u"checked"_s).toInt(), 3);
    QCOMPARE(answer.value(u"failing"_s).toInt(), 2);
    QCOMPARE(answer.value(u"newly_failing"_s).toInt(), 2);
    const QJsonArray fields = answer.value(u"fields"_s).toArray();
    QCOMPARE(fields.size(), 1);
    QCOMPARE(fields.first().toObject().value(u"pointer"_s).toString(), u"/auditor"_s);
    QCOMPARE(fields.first().toObject().value(u"count"_s).toInt(), 2);
    const QJsonArray editions = answer.value(u"editions"_s).toArray();
    QCOMPARE(editions.size(), 2);
    QCOMPARE(editions.at(0).toObject().value(u"instance"_s).toString(), b);
    QCOMPARE(editions.at(1).toObject().value(u"instance"_s).toString(), u"-:1"_s);
    QCOMPARE(answer.value(u"changes"_s).toArray().first().toObject().value(u"sentence"_s).toString(), u"Auditor is now required"_s);

    // Back to optional: nothing breaks.
    const Run fine = run({ u"impact"_s, u"--old"_s, newPath, u"--new"_s, oldPath, a, b });
    QCOMPARE(fine.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(fine.out).object().value(u"failing"_s).toInt(), 0);
}

void TestSchemaCli::format()
{
    const QByteArray text = R"({"z": 1.50, "a": {"s": "caf\u00e9 \"q\" \\", "e": [], "o": {}}, "m": [1,2e3, true, null]})";
    const QString path = write(u"format.json"_s, text);
    const Run pretty = run({ u"format"_s, path });
    QCOMPARE(pretty.exitCode, 0);
    // The same document, member for member, every token as written, laid out on lines.
    QCOMPARE(QJsonDocument::fromJson(pretty.out), QJsonDocument::fromJson(text));
    QVERIFY2(pretty.out.startsWith("{\n  \"z\": 1.50,\n  \"a\": {\n    \"s\": \"caf\\u00e9 \\\"q\\\" \\\\\",\n"), pretty.out.constData());
    QVERIFY(pretty.out.indexOf("\"z\"") < pretty.out.indexOf("\"a\"") && pretty.out.indexOf("\"a\"") < pretty.out.indexOf("\"m\""));
    QVERIFY(pretty.out.contains("2e3"));
    QVERIFY(pretty.out.contains("\"e\": []"));
    QVERIFY(pretty.out.contains("\"o\": {}"));
    QVERIFY(pretty.out.endsWith("}\n"));

    const Run minified = run({ u"format"_s, u"--minify"_s, path });
    QCOMPARE(minified.exitCode, 0);
    QCOMPARE(minified.out, QByteArray(R"({"z":1.50,"a":{"s":"caf\u00e9 \"q\" \\","e":[],"o":{}},"m":[1,2e3,true,null]})") + '\n');

    const Run four = run({ u"format"_s, u"--indent"_s, u"4"_s, u"-"_s }, R"({"a": {"b": 1}})");
    QCOMPARE(four.exitCode, 0);
    QCOMPARE(four.out, QByteArray("{\n    \"a\": {\n        \"b\": 1\n    }\n}\n"));

    const Run inPlace = run({ u"format"_s, u"--in-place"_s, path });
    QCOMPARE(inPlace.exitCode, 0);
    QVERIFY(inPlace.out.isEmpty());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), pretty.out);

    const QString broken = write(u"broken-format.json"_s, "{\n  \"a\": [1,\n}");
    const Run bad = run({ u"format"_s, broken });
    QCOMPARE(bad.exitCode, 1);
    QCOMPARE(bad.lines().constFirst().value(u"keyword"_s).toString(), u"syntax"_s);
    QCOMPARE(bad.lines().constFirst().value(u"line"_s).toInt(), 3);
}

// A "$ref" to a shared document handed over with --ref; without it the schema is refused.
void TestSchemaCli::references()
{
    const QString address = write(u"address.json"_s, R"({"type": "object", "required": ["city"]})");
    const QString schema = write(u"with-ref.json"_s, R"({"properties": {"home": {"$ref": "https://schemas.example/address.json"}}})");
    const QString instance = write(u"home.json"_s, R"({"home": {}})");

    const Run refused = run({ u"validate"_s, u"--schema"_s, schema, instance });
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(refused.lines().constFirst().value(u"schema_pointer"_s).toString(), u"/properties/home/$ref"_s);

    const Run r = run({ u"validate"_s, u"--schema"_s, schema, u"--ref"_s, u"https://schemas.example/address.json="_s + address,
                        instance });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.lines().size(), 1);
    QCOMPARE(r.lines().constFirst().value(u"instance_pointer"_s).toString(), u"/home"_s);
    QCOMPARE(r.lines().constFirst().value(u"property"_s).toString(), u"city"_s);
}

void TestSchemaCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("says");
    QTest::newRow("no-command") << QStringList() << u"which command"_s;
    QTest::newRow("unknown-command") << QStringList { u"frobnicate"_s } << u"unknown command 'frobnicate'"_s;
    QTest::newRow("validate-without-schema") << QStringList { u"validate"_s, u"x.json"_s } << u"--schema"_s;
    QTest::newRow("validate-without-instances") << QStringList { u"validate"_s, u"--schema"_s, u"schema.json"_s }
                                                << u"at least one instance"_s;
    QTest::newRow("unknown-option") << QStringList { u"validate"_s, u"--frob"_s } << u"frob"_s;
    QTest::newRow("missing-schema-file") << QStringList { u"validate"_s, u"--schema"_s, u"nope.json"_s, u"schema.json"_s }
                                         << u"nope.json: "_s;
    QTest::newRow("missing-instance-file") << QStringList { u"validate"_s, u"--schema"_s, u"schema.json"_s, u"nope.json"_s }
                                           << u"nope.json: "_s;
    QTest::newRow("bad-ref") << QStringList { u"check"_s, u"--ref"_s, u"no-equals"_s, u"schema.json"_s } << u"URI=FILE"_s;
    QTest::newRow("check-two-files") << QStringList { u"check"_s, u"a.json"_s, u"b.json"_s } << u"exactly one"_s;
    QTest::newRow("impact-without-new") << QStringList { u"impact"_s, u"--old"_s, u"schema.json"_s } << u"--new"_s;
    QTest::newRow("format-bad-indent") << QStringList { u"format"_s, u"--indent"_s, u"x"_s, u"schema.json"_s } << u"--indent"_s;
    QTest::newRow("format-in-place-stdin") << QStringList { u"format"_s, u"-i"_s, u"-"_s } << u"--in-place"_s;
}

void TestSchemaCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, says);
    // Relative paths are relative to the test's folder.
    for (QString &a : arguments) {
        if (a.endsWith(".json"_L1))
            a = m_dir.filePath(a);
    }
    const Run r = run(arguments, "{}\n");
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(says), r.err.constData());
}

void TestSchemaCli::help()
{
    const Run overall = run({ u"--help"_s });
    QCOMPARE(overall.exitCode, 0);
    for (const char *command : { "validate", "check", "impact", "format" })
        QVERIFY2(overall.out.contains(command), command);
    const Run validateHelp = run({ u"validate"_s, u"--help"_s });
    QCOMPARE(validateHelp.exitCode, 0);
    QVERIFY(validateHelp.out.contains("--schema"));
}

QTEST_GUILESS_MAIN(TestSchemaCli)
#include "tst_schemacli.moc"
