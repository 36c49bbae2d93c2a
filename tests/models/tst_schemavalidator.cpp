// SchemaValidator: schemas checked against their dialect's meta-schema (with pointers into the
// schema), references and patterns, dialect detection, instance validation (with pointers into
// the instance), and the same answers from eight threads at once.
#include "../common/demofixture.h"
#include "schema/schemavalidator.h"

#include <QtConcurrent/QtConcurrentMap>

#include <QSqlQuery>
#include <QTest>
#include <QThreadPool>

using namespace Galley;
using namespace Qt::StringLiterals;
using Galley::Testing::DemoFixture;

namespace {

QString describe(const QList<SchemaProblem> &problems)
{
    QStringList lines;
    for (const SchemaProblem &p : problems)
        lines << u"'%1' [%2] %3"_s.arg(p.pointer, p.keyword, p.message);
    return lines.join(u"\n"_s);
}

QStringList pointers(const QList<SchemaProblem> &problems)
{
    QStringList out;
    for (const SchemaProblem &p : problems)
        out << p.pointer;
    return out;
}

} // namespace

class TestSchemaValidator : public QObject
{
    Q_OBJECT
    DemoFixture m_demo;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_demo.create()); }

    void demoSchemasAreValid_data();
    void demoSchemasAreValid();
    void demoPublishedContentIsValid();
    void dialects_data();
    void dialects();
    void syntaxErrors_data();
    void syntaxErrors();
    void invalidSchemas_data();
    void invalidSchemas();
    void validReferences_data();
    void validReferences();
    void instanceProblems_data();
    void instanceProblems();
    void instanceSyntaxAndInvalidSchema();
    void requiredNamesTheProperty();
    void problemsInDocumentOrder();
    void messagesSayWhatIsWrong();
    void copiesShareTheCompiledSchema();
    void concurrentValidation();
};

namespace {

// (After the class: moc does not follow multi-line raw strings before it.)
// The demo's Article schema (2020-12) with a smaller, fixed shape, for instance validation.
const QByteArray kArticle = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["standfirst", "body"],
  "properties": {
    "standfirst": { "type": "string", "minLength": 20 },
    "body": { "type": "string" },
    "lead_image": { "$ref": "#/$defs/image" },
    "tags": { "type": "array", "items": { "type": "string" }, "maxItems": 3 },
    "published_on": { "type": "string", "format": "date" },
    "breaking": { "type": "boolean" }
  },
  "additionalProperties": false,
  "$defs": {
    "image": {
      "type": "object",
      "required": ["url", "alt"],
      "properties": { "url": { "type": "string", "format": "uri" }, "alt": { "type": "string", "minLength": 5 } }
    }
  }
})";

} // namespace

void TestSchemaValidator::demoSchemasAreValid_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<QString>("dialect");
    QSqlQuery q(m_demo.store->connection());
    QVERIFY(q.exec(u"SELECT name, dialect, spec_doc FROM content_schemas ORDER BY id"_s));
    int rows = 0;
    while (q.next()) {
        QTest::newRow(qPrintable(q.value(0).toString())) << q.value(2).toString().toUtf8() << q.value(1).toString();
        ++rows;
    }
    QVERIFY(rows >= 10);
}

void TestSchemaValidator::demoSchemasAreValid()
{
    QFETCH(QByteArray, spec);
    QFETCH(QString, dialect);
    const SchemaValidator validator(spec);
    QVERIFY2(validator.isValid(), qPrintable(describe(validator.problems())));
    QCOMPARE(validator.dialect(), dialect);
    const SchemaValidator::Report report = SchemaValidator::validateSchema(spec);
    QVERIFY(report.isValid());
    QCOMPARE(report.dialect, dialect);
}

// The demo generator writes plausible content: every published edition fits its schema, formats
// included (drafts may be incomplete, workflow.md).
void TestSchemaValidator::demoPublishedContentIsValid()
{
    QHash<qint64, SchemaValidator> validators;
    {
        QSqlQuery q(m_demo.store->connection());
        QVERIFY(q.exec(u"SELECT id, spec_doc FROM content_schemas"_s));
        while (q.next())
            validators.insert(q.value(0).toLongLong(), SchemaValidator(q.value(1).toString().toUtf8()));
    }
    QSqlQuery q(m_demo.store->connection());
    QVERIFY(q.exec(u"SELECT e.id, e.schema_id, c.fields FROM editions e JOIN edition_content c ON c.edition_id = e.id "
                   "WHERE e.state = 'published'"_s));
    int checked = 0;
    while (q.next()) {
        const SchemaValidator validator = validators.value(q.value(1).toLongLong());
        QVERIFY(validator.isValid());
        const QList<SchemaProblem> problems = validator.validateInstance(q.value(2).toString().toUtf8());
        QVERIFY2(problems.isEmpty(), qPrintable(u"edition %1:\n%2"_s.arg(q.value(0).toLongLong()).arg(describe(problems))));
        ++checked;
    }
    QVERIFY(checked > 20);
}

void TestSchemaValidator::dialects_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<QString>("dialect");
    QTest::newRow("absent-means-2020-12") << QByteArray(R"({"type": "object"})") << u"2020-12"_s;
    QTest::newRow("draft-07") << QByteArray(R"({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"})")
                              << u"draft-07"_s;
    QTest::newRow("draft-07-without-hash") << QByteArray(R"({"$schema": "http://json-schema.org/draft-07/schema"})")
                                           << u"draft-07"_s;
    QTest::newRow("2019-09") << QByteArray(R"({"$schema": "https://json-schema.org/draft/2019-09/schema"})") << u"2019-09"_s;
    QTest::newRow("2020-12") << QByteArray(R"({"$schema": "https://json-schema.org/draft/2020-12/schema"})") << u"2020-12"_s;
    QTest::newRow("2020-12-with-hash") << QByteArray(R"({"$schema": "https://json-schema.org/draft/2020-12/schema#"})")
                                       << u"2020-12"_s;
}

void TestSchemaValidator::dialects()
{
    QFETCH(QByteArray, spec);
    QFETCH(QString, dialect);
    const SchemaValidator validator(spec);
    QVERIFY2(validator.isValid(), qPrintable(describe(validator.problems())));
    QCOMPARE(validator.dialect(), dialect);
    QVERIFY(!SchemaValidator::schemaUri(dialect).isEmpty());
}

void TestSchemaValidator::syntaxErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    // At the offending character.
    QTest::newRow("trailing-comma") << QByteArray("{\"type\": \"object\",}") << 17 << 1 << 18;
    QTest::newRow("trailing-comma-before-newline") << QByteArray("{\n  \"type\": \"object\",\n}") << 20 << 2 << 19;
    QTest::newRow("missing-comma-line-2") << QByteArray("{\"a\": {}\n  \"b\": {}}") << 11 << 2 << 3;
    QTest::newRow("comment") << QByteArray("{ // no comments\n}") << 3 << 1 << 4;
    QTest::newRow("truncated") << QByteArray("{\"type\": ") << 9 << 1 << 10;
    QTest::newRow("empty") << QByteArray("") << 0 << 1 << 1;
    QTest::newRow("garbage-after") << QByteArray("{} x") << 3 << 1 << 4;
}

void TestSchemaValidator::syntaxErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, offset);
    QFETCH(int, line);
    QFETCH(int, column);
    const SchemaValidator validator(text);
    QVERIFY(!validator.isValid());
    QCOMPARE(validator.problems().size(), 1);
    const SchemaProblem &p = validator.problems().constFirst();
    QCOMPARE(p.keyword, u"syntax"_s);
    QCOMPARE(p.pointer, QString());
    QCOMPARE(p.offset, qsizetype(offset));
    QCOMPARE(p.line, line);
    QCOMPARE(p.column, column);
    QVERIFY2(p.message.contains(u"line %1"_s.arg(line)), qPrintable(p.message));
    QVERIFY(validator.dialect().isEmpty());
}

void TestSchemaValidator::invalidSchemas_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<QStringList>("pointers");
    QTest::addColumn<QString>("keyword");   // of the first problem

    QTest::newRow("type-12") << QByteArray(R"({"type": 12})") << QStringList { u"/type"_s } << QString();
    QTest::newRow("type-12-draft-07") << QByteArray(R"({"$schema": "http://json-schema.org/draft-07/schema#", "type": 12})")
                                      << QStringList { u"/type"_s } << QString();
    QTest::newRow("unknown-type-name") << QByteArray(R"({"properties": {"a": {"type": "text"}}})")
                                       << QStringList { u"/properties/a/type"_s } << QString();
    QTest::newRow("negative-minLength") << QByteArray(R"({"properties": {"a": {"minLength": -1}}})")
                                        << QStringList { u"/properties/a/minLength"_s } << u"minimum"_s;
    QTest::newRow("negative-minLength-draft-07")
            << QByteArray(R"({"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"minLength": -1}}})")
            << QStringList { u"/properties/a/minLength"_s } << u"minimum"_s;
    QTest::newRow("required-not-array") << QByteArray(R"({"required": "title"})") << QStringList { u"/required"_s }
                                        << u"type"_s;
    QTest::newRow("two-problems") << QByteArray(R"({"properties": {"a": {"maxLength": "ten"}, "b": {"minItems": 1.5}}})")
                                  << QStringList { u"/properties/a/maxLength"_s, u"/properties/b/minItems"_s } << u"type"_s;
    QTest::newRow("not-an-object") << QByteArray(R"([{"type": "object"}])") << QStringList { QString() } << u"type"_s;
    QTest::newRow("boolean-schema") << QByteArray("true") << QStringList { QString() } << u"type"_s;
    QTest::newRow("unknown-$schema") << QByteArray(R"({"$schema": "https://example.com/my-dialect", "type": "object"})")
                                     << QStringList { u"/$schema"_s } << u"$schema"_s;
    QTest::newRow("draft-04-not-supported") << QByteArray(R"({"$schema": "http://json-schema.org/draft-04/schema#"})")
                                            << QStringList { u"/$schema"_s } << u"$schema"_s;
    QTest::newRow("$schema-not-a-string") << QByteArray(R"({"$schema": 7})") << QStringList { u"/$schema"_s } << u"$schema"_s;
    QTest::newRow("missing-$defs-target") << QByteArray(R"({"properties": {"a": {"$ref": "#/$defs/missing"}}})")
                                          << QStringList { u"/properties/a/$ref"_s } << u"$ref"_s;
    QTest::newRow("missing-definitions-target-draft-07")
            << QByteArray(R"({"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"x": {}},
                             "properties": {"a": {"items": {"$ref": "#/definitions/y"}}}})")
            << QStringList { u"/properties/a/items/$ref"_s } << u"$ref"_s;
    QTest::newRow("external-ref") << QByteArray(R"({"properties": {"a": {"$ref": "https://example.com/address.json"}}})")
                                  << QStringList { u"/properties/a/$ref"_s } << u"$ref"_s;
    QTest::newRow("unknown-anchor") << QByteArray(R"({"properties": {"a": {"$ref": "#nowhere"}}})")
                                    << QStringList { u"/properties/a/$ref"_s } << u"$ref"_s;
    QTest::newRow("ref-to-non-schema") << QByteArray(R"({"$defs": {"n": {"enum": [1]}}, "properties": {"a": {"$ref": "#/$defs/n/enum/0"}}})")
                                       << QStringList { u"/properties/a/$ref"_s } << u"$ref"_s;
    QTest::newRow("bad-pattern") << QByteArray(R"({"properties": {"code": {"type": "string", "pattern": "([a-z]"}}})")
                                 << QStringList { u"/properties/code/pattern"_s } << u"format"_s;
}

void TestSchemaValidator::invalidSchemas()
{
    QFETCH(QByteArray, spec);
    QFETCH(QStringList, pointers);
    QFETCH(QString, keyword);
    const SchemaValidator validator(spec);
    QVERIFY(!validator.isValid());
    QCOMPARE(::pointers(validator.problems()), pointers);
    if (!keyword.isEmpty())
        QCOMPARE(validator.problems().constFirst().keyword, keyword);
    for (const SchemaProblem &p : validator.problems()) {
        QVERIFY(!p.message.isEmpty());
        QCOMPARE(p.offset, qsizetype(-1));
    }
    const SchemaValidator::Report report = SchemaValidator::validateSchema(spec);
    QCOMPARE(report.problems, validator.problems());
    QVERIFY(!report.isValid());
    // Validating against an invalid schema says so instead of passing everything.
    const QList<SchemaProblem> instance = validator.validateInstance("{}");
    QCOMPARE(instance.size(), 1);
    QVERIFY(instance.constFirst().message.contains(u"not valid"_s));
}

void TestSchemaValidator::validReferences_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::newRow("$defs") << QByteArray(R"({"$defs": {"a": {"type": "string"}}, "properties": {"x": {"$ref": "#/$defs/a"}}})");
    QTest::newRow("root") << QByteArray(R"({"properties": {"child": {"$ref": "#"}}})");
    QTest::newRow("anchor-2020-12") << QByteArray(R"({"$defs": {"a": {"$anchor": "name", "type": "string"}}, "properties": {"x": {"$ref": "#name"}}})");
    QTest::newRow("anchor-draft-07") << QByteArray(R"({"$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {"a": {"$id": "#name", "type": "string"}}, "properties": {"x": {"$ref": "#name"}}})");
    QTest::newRow("embedded-resource") << QByteArray(R"({"$id": "https://example.com/root.json",
        "$defs": {"addr": {"$id": "address.json", "type": "object"}}, "properties": {"x": {"$ref": "address.json"}}})");
    QTest::newRow("escaped-pointer") << QByteArray(R"({"$defs": {"a/b": {"type": "string"}, "c~d": {"type": "number"}},
        "properties": {"x": {"$ref": "#/$defs/a~1b"}, "y": {"$ref": "#/$defs/c~0d"}}})");
    QTest::newRow("property-named-$ref") << QByteArray(R"({"properties": {"$ref": {"type": "string"}}})");
    QTest::newRow("meta-schema") << QByteArray(R"({"properties": {"schema": {"$ref": "https://json-schema.org/draft/2020-12/schema"}}})");
}

void TestSchemaValidator::validReferences()
{
    QFETCH(QByteArray, spec);
    const SchemaValidator validator(spec);
    QVERIFY2(validator.isValid(), qPrintable(describe(validator.problems())));
}

void TestSchemaValidator::instanceProblems_data()
{
    QTest::addColumn<QByteArray>("instance");
    QTest::addColumn<QStringList>("pointers");
    QTest::addColumn<QStringList>("keywords");

    QTest::newRow("valid") << QByteArray(R"({"standfirst": "Twenty characters or more.", "body": "<p>Hi</p>",
        "lead_image": {"url": "https://example.com/a.jpg", "alt": "A harbour"}, "tags": ["a"], "published_on": "2026-11-20"})")
                           << QStringList() << QStringList();
    QTest::newRow("missing-required") << QByteArray(R"({"standfirst": "Twenty characters or more."})")
                                      << QStringList { QString() } << QStringList { u"required"_s };
    QTest::newRow("too-short") << QByteArray(R"({"standfirst": "Short", "body": ""})") << QStringList { u"/standfirst"_s }
                               << QStringList { u"minLength"_s };
    QTest::newRow("wrong-types") << QByteArray(R"({"standfirst": "Twenty characters or more.", "body": 3, "breaking": "yes"})")
                                 << QStringList { u"/body"_s, u"/breaking"_s } << QStringList { u"type"_s, u"type"_s };
    QTest::newRow("nested-through-ref") << QByteArray(R"({"standfirst": "Twenty characters or more.", "body": "",
        "lead_image": {"url": "https://example.com/a.jpg", "alt": "x"}})")
                                        << QStringList { u"/lead_image/alt"_s } << QStringList { u"minLength"_s };
    QTest::newRow("array-element") << QByteArray(R"({"standfirst": "Twenty characters or more.", "body": "", "tags": ["a", 2]})")
                                   << QStringList { u"/tags/1"_s } << QStringList { u"type"_s };
    QTest::newRow("format-asserted") << QByteArray(R"({"standfirst": "Twenty characters or more.", "body": "", "published_on": "tomorrow"})")
                                     << QStringList { u"/published_on"_s } << QStringList { u"format"_s };
    QTest::newRow("additional-property") << QByteArray(R"({"standfirst": "Twenty characters or more.", "body": "", "colour": "red"})")
                                         << QStringList { u"/colour"_s } << QStringList { u"additionalProperties"_s };
    QTest::newRow("not-an-object") << QByteArray(R"(["standfirst"])") << QStringList { QString() } << QStringList { u"type"_s };
}

void TestSchemaValidator::instanceProblems()
{
    QFETCH(QByteArray, instance);
    QFETCH(QStringList, pointers);
    QFETCH(QStringList, keywords);
    const SchemaValidator validator(kArticle);
    QVERIFY2(validator.isValid(), qPrintable(describe(validator.problems())));
    const QList<SchemaProblem> problems = validator.validateInstance(instance);
    QCOMPARE(::pointers(problems), pointers);
    QStringList actualKeywords;
    for (const SchemaProblem &p : problems) {
        actualKeywords << p.keyword;
        QVERIFY(!p.message.isEmpty());
    }
    QCOMPARE(actualKeywords, keywords);
    QCOMPARE(SchemaValidator::validateInstance(kArticle, instance), problems);
}

void TestSchemaValidator::instanceSyntaxAndInvalidSchema()
{
    const SchemaValidator validator(kArticle);
    const QList<SchemaProblem> syntax = validator.validateInstance("{\"standfirst\": }");
    QCOMPARE(syntax.size(), 1);
    QCOMPARE(syntax.constFirst().keyword, u"syntax"_s);
    QCOMPARE(syntax.constFirst().offset, qsizetype(15));

    const SchemaValidator empty;
    QVERIFY(!empty.isValid());
    QVERIFY(empty.problems().isEmpty());
    QVERIFY(empty.dialect().isEmpty());
    QCOMPARE(empty.validateInstance("{}").size(), 1);
}

void TestSchemaValidator::requiredNamesTheProperty()
{
    const SchemaValidator validator(kArticle);
    const QList<SchemaProblem> problems = validator.validateInstance(R"({"lead_image": {"url": "https://example.com/a.jpg"}})");
    QStringList found;
    for (const SchemaProblem &p : problems) {
        QCOMPARE(p.keyword, u"required"_s);
        found << p.pointer + u'|' + p.property;
    }
    found.sort();
    QCOMPARE(found, (QStringList { u"/lead_image|alt"_s, u"|body"_s, u"|standfirst"_s }));
}

void TestSchemaValidator::messagesSayWhatIsWrong()
{
    const QList<SchemaProblem> type = SchemaValidator::validateSchema(R"({"type": 12})").problems;
    QCOMPARE(type.size(), 1);
    // "anyOf" failures carry the reasons of its branches.
    QVERIFY2(type.constFirst().message.contains(u"'12' is not a valid enum value"_s), qPrintable(type.constFirst().message));
    QVERIFY2(type.constFirst().message.contains(u"array"_s), qPrintable(type.constFirst().message));
    const QList<SchemaProblem> minimum = SchemaValidator::validateSchema(R"({"properties": {"a": {"minLength": -1}}})").problems;
    QCOMPARE(minimum.size(), 1);
    QVERIFY2(minimum.constFirst().message.contains(u"-1"_s), qPrintable(minimum.constFirst().message));
    const QList<SchemaProblem> pattern =
            SchemaValidator::validateSchema(R"({"properties": {"a": {"pattern": "([a-z]"}}})").problems;
    QCOMPARE(pattern.size(), 1);
    QVERIFY2(pattern.constFirst().message.contains(u"([a-z]"_s), qPrintable(pattern.constFirst().message));
    const QList<SchemaProblem> unknown = SchemaValidator::validateSchema(R"({"$schema": "https://example.com/s"})").problems;
    QVERIFY(unknown.constFirst().message.contains(u"https://example.com/s"_s));
    QVERIFY(unknown.constFirst().message.contains(u"2020-12"_s));
}

// The editor lists problems the way the author reads the schema, not in the meta-schema's order.
void TestSchemaValidator::problemsInDocumentOrder()
{
    const QByteArray spec = R"({"properties": {"z": {"minLength": -1}, "a": {"maxItems": -2}, "m": {"type": "nope"}},
                               "required": 3})";
    const SchemaValidator validator(spec);
    QCOMPARE(pointers(validator.problems()),
             (QStringList { u"/properties/z/minLength"_s, u"/properties/a/maxItems"_s, u"/properties/m/type"_s, u"/required"_s }));
}

void TestSchemaValidator::copiesShareTheCompiledSchema()
{
    SchemaValidator copy;
    {
        const SchemaValidator original(kArticle);
        copy = original;
    }
    QVERIFY(copy.isValid());
    QCOMPARE(copy.dialect(), u"2020-12"_s);
    QCOMPARE(pointers(copy.validateInstance(R"({"standfirst": "Short", "body": ""})")), QStringList { u"/standfirst"_s });
    SchemaValidator moved = std::move(copy);
    QVERIFY(moved.isValid());
}

// Server worker threads validate at the same time: the shared meta-schemas and one shared
// compiled schema must give every thread the answers a single thread gets.
void TestSchemaValidator::concurrentValidation()
{
    struct Job
    {
        QByteArray spec;
        QByteArray instance;   // empty: check the schema only
    };
    QList<Job> kinds {
        { R"({"type": 12})", {} },
        { R"({"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"minLength": -1}}})", {} },
        { R"({"$schema": "https://json-schema.org/draft/2019-09/schema", "properties": {"a": {"$ref": "#/$defs/x"}}})", {} },
        { kArticle, {} },
        { kArticle, R"({"standfirst": "Short", "body": 3, "tags": ["a", 2, "c", "d"]})" },
        { kArticle, R"({"standfirst": "Twenty characters or more.", "body": ""})" },
    };
    const SchemaValidator shared(kArticle);
    const auto run = [&shared](const Job &job) {
        if (job.instance.isEmpty())
            return SchemaValidator::validateSchema(job.spec).problems;
        // Alternate between the shared compiled schema and a fresh one.
        if (job.instance.size() % 2)
            return shared.validateInstance(job.instance);
        return SchemaValidator::validateInstance(job.spec, job.instance);
    };
    QList<QList<SchemaProblem>> expected;
    for (const Job &job : std::as_const(kinds))
        expected << run(job);
    QVERIFY(!expected.at(4).isEmpty());
    QVERIFY(expected.at(5).isEmpty());

    QList<Job> jobs;
    for (int i = 0; i < 50; ++i)
        jobs << kinds;
    QThreadPool pool;
    pool.setMaxThreadCount(8);
    const QList<QList<SchemaProblem>> results = QtConcurrent::blockingMapped(&pool, jobs, run);
    QCOMPARE(results.size(), jobs.size());
    for (qsizetype i = 0; i < results.size(); ++i)
        QCOMPARE(results.at(i), expected.at(i % kinds.size()));
}

QTEST_GUILESS_MAIN(TestSchemaValidator)
#include "tst_schemavalidator.moc"
