// SchemaValidator's editor sentences: one row per keyword the validator can report, against a
// "Financial report" schema with titles, $refs and untitled fields; the field's title (the
// outermost one, through $ref), the humanised property name otherwise, the failing value and
// the constraint; the schema pointer of the failing keyword; jsoncons' misplaced
// dependentRequired/dependencies/additionalProperties failures put back in place; sentences for
// problems of a schema itself (its members as written), syntax errors and the validator's own
// checks; and the German translation context.
#include "schema/schemaproblemtext.h"
#include "schema/schemavalidator.h"

#include <QTest>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

QString describe(const QList<SchemaProblem> &problems)
{
    QStringList lines;
    for (const SchemaProblem &p : problems)
        lines << u"'%1' [%2] schema '%3' property '%4': %5 | %6"_s.arg(p.pointer, p.keyword, p.schemaPointer, p.property,
                                                                      p.sentence, p.message);
    return lines.join(u"\n"_s);
}

} // namespace

class TestSchemaSentences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keywords_data();
    void keywords();
    void draft7Dependencies();
    void schemaDocumentSentences_data();
    void schemaDocumentSentences();
    void syntaxAndOwnChecks();
    void humanise_data();
    void humanise();
    void everyProblemHasASentence();
};

namespace {

// (After the class: moc does not follow multi-line raw strings before it.)
const QByteArray kReport = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Financial report",
  "type": "object",
  "required": ["company", "auditor"],
  "properties": {
    "company": { "type": "string", "title": "Company", "minLength": 2, "maxLength": 10 },
    "auditor": { "type": "string", "title": "Auditor" },
    "revenue": { "type": "number", "title": "Revenue", "minimum": 0, "maximum": 1000000 },
    "margin": { "type": "number", "exclusiveMinimum": -100, "exclusiveMaximum": 100, "multipleOf": 0.5 },
    "published_on": { "type": "string", "format": "date" },
    "status": { "enum": ["draft", "final"] },
    "currency": { "const": "EUR" },
    "ticker": { "type": "string", "pattern": "^[A-Z]{1,5}$" },
    "website": { "type": "string", "format": "uri" },
    "contact": { "type": "string", "format": "email" },
    "segments": { "type": "array", "title": "Segments", "minItems": 1, "maxItems": 3, "uniqueItems": true,
                  "items": { "$ref": "#/$defs/segment" } },
    "tags": { "type": "array", "items": { "type": "string" }, "contains": { "const": "annual" } },
    "board": { "type": "array", "contains": { "type": "string" }, "minContains": 2, "maxContains": 3 },
    "figures": { "type": "object", "minProperties": 1, "maxProperties": 2, "propertyNames": { "pattern": "^[a-z]+$" },
                 "additionalProperties": { "type": "number" } },
    "restated": { "type": "boolean" },
    "restatement_reason": { "type": "string", "title": "Reason for the restatement" },
    "legacy": false,
    "kind": { "oneOf": [{ "type": "number" }, { "type": "integer" }] },
    "code": { "anyOf": [{ "type": "string" }, { "type": "integer" }] },
    "note": { "not": { "const": "" } },
    "amount": { "$ref": "#/$defs/money", "title": "Amount" },
    "cost": { "$ref": "#/$defs/money" },
    "ratio": { "type": "integer", "maximum": 10 },
    "maybe": { "type": ["string", "null"] }
  },
  "dependentRequired": { "restated": ["restatement_reason"] },
  "additionalProperties": false,
  "$defs": {
    "segment": { "type": "object", "title": "Segment", "required": ["name"],
                 "properties": { "name": { "type": "string", "title": "Segment name" } } },
    "money": { "type": "number", "title": "Money", "minimum": 0 }
  }
})";

// The smallest valid report, with `extra` members merged in (textually).
QByteArray report(const QByteArray &extra = {})
{
    QByteArray text = R"({"company": "Acme", "auditor": "KPMG")";
    if (!extra.isEmpty())
        text += ", " + extra;
    return text + "}";
}

} // namespace

void TestSchemaSentences::keywords_data()
{
    QTest::addColumn<QByteArray>("instance");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("schemaPointer");
    QTest::addColumn<QString>("sentence");

    QTest::newRow("minimum") << report(R"("revenue": -3)") << u"/revenue"_s << u"minimum"_s << u"/properties/revenue/minimum"_s
                             << u"Revenue must be at least 0"_s;
    QTest::newRow("maximum") << report(R"("revenue": 2000000)") << u"/revenue"_s << u"maximum"_s
                             << u"/properties/revenue/maximum"_s << u"Revenue must be at most 1000000"_s;
    QTest::newRow("required") << QByteArray(R"({"company": "Acme"})") << QString() << u"required"_s << u"/required"_s
                              << u"Auditor is required"_s;
    QTest::newRow("format-date") << report(R"("published_on": "2026-13-45")") << u"/published_on"_s << u"format"_s
                                 << u"/properties/published_on/format"_s
                                 << u"Published on must be a date like 2026-11-22"_s;
    QTest::newRow("enum") << report(R"("status": "dra")") << u"/status"_s << u"enum"_s << u"/properties/status/enum"_s
                          << u"Choose one of: draft, final"_s;
    QTest::newRow("type") << report(R"("revenue": "lots")") << u"/revenue"_s << u"type"_s << u"/properties/revenue/type"_s
                          << u"Revenue must be a number, not text"_s;
    QTest::newRow("type-integer") << report(R"("ratio": 1.5)") << u"/ratio"_s << u"type"_s << u"/properties/ratio/type"_s
                                  << u"Ratio must be a whole number, not a number"_s;
    QTest::newRow("type-union") << report(R"("maybe": 3)") << u"/maybe"_s << u"type"_s << u"/properties/maybe/type"_s
                                << u"Maybe must be text or empty, not a number"_s;
    QTest::newRow("const") << report(R"("currency": "USD")") << u"/currency"_s << u"const"_s << u"/properties/currency/const"_s
                           << u"Currency must be EUR"_s;
    QTest::newRow("minLength") << report().replace("\"Acme\"", "\"A\"") << u"/company"_s << u"minLength"_s
                               << u"/properties/company/minLength"_s << u"Company must be at least 2 characters long (it has 1)"_s;
    QTest::newRow("maxLength-counts-characters") << report().replace("\"Acme\"", "\"Ärzte & Söhne AG\"") << u"/company"_s
                                                 << u"maxLength"_s << u"/properties/company/maxLength"_s
                                                 << u"Company must be at most 10 characters long (it has 16)"_s;
    QTest::newRow("exclusiveMinimum") << report(R"("margin": -100)") << u"/margin"_s << u"exclusiveMinimum"_s
                                      << u"/properties/margin/exclusiveMinimum"_s << u"Margin must be more than -100"_s;
    QTest::newRow("exclusiveMaximum") << report(R"("margin": 100)") << u"/margin"_s << u"exclusiveMaximum"_s
                                      << u"/properties/margin/exclusiveMaximum"_s << u"Margin must be less than 100"_s;
    QTest::newRow("multipleOf") << report(R"("margin": 0.3)") << u"/margin"_s << u"multipleOf"_s
                                << u"/properties/margin/multipleOf"_s << u"Margin must be a multiple of 0.5"_s;
    QTest::newRow("pattern") << report(R"("ticker": "acme")") << u"/ticker"_s << u"pattern"_s << u"/properties/ticker/pattern"_s
                             << u"Ticker must match the pattern ^[A-Z]{1,5}$"_s;
    QTest::newRow("format-uri") << report(R"("website": "example.com")") << u"/website"_s << u"format"_s
                                << u"/properties/website/format"_s
                                << u"Website must be a full address like https://example.com/page"_s;
    QTest::newRow("format-email") << report(R"("contact": "nobody")") << u"/contact"_s << u"format"_s
                                  << u"/properties/contact/format"_s
                                  << u"Contact must be an e-mail address like name@example.com"_s;
    QTest::newRow("minItems") << report(R"("segments": [])") << u"/segments"_s << u"minItems"_s
                              << u"/properties/segments/minItems"_s << u"Segments needs at least 1 item (it has 0)"_s;
    QTest::newRow("maxItems") << report(R"("segments": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}])")
                              << u"/segments"_s << u"maxItems"_s << u"/properties/segments/maxItems"_s
                              << u"Segments can have at most 3 items (it has 4)"_s;
    QTest::newRow("uniqueItems") << report(R"("segments": [{"name": "a"}, {"name": "a"}])") << u"/segments"_s
                                 << u"uniqueItems"_s << u"/properties/segments/uniqueItems"_s
                                 << u"Segments must not contain the same item twice"_s;
    QTest::newRow("required-through-ref") << report(R"("segments": [{}])") << u"/segments/0"_s << u"required"_s
                                          << u"/$defs/segment/required"_s << u"Segment name is required"_s;
    QTest::newRow("array-item") << report(R"("tags": ["annual", 3])") << u"/tags/1"_s << u"type"_s
                                << u"/properties/tags/items/type"_s << u"Tags (item 2) must be text, not a number"_s;
    QTest::newRow("contains") << report(R"("tags": ["quarterly"])") << u"/tags"_s << u"contains"_s
                              << u"/properties/tags/contains"_s << u"Tags must contain at least one matching item"_s;
    QTest::newRow("minContains") << report(R"("board": ["Ann", 2])") << u"/board"_s << u"minContains"_s
                                 << u"/properties/board/minContains"_s << u"Board must contain at least 2 matching items"_s;
    QTest::newRow("maxContains") << report(R"("board": ["a", "b", "c", "d"])") << u"/board"_s << u"maxContains"_s
                                 << u"/properties/board/maxContains"_s << u"Board can contain at most 3 matching items"_s;
    QTest::newRow("minProperties") << report(R"("figures": {})") << u"/figures"_s << u"minProperties"_s
                                   << u"/properties/figures/minProperties"_s << u"Figures needs at least 1 field"_s;
    QTest::newRow("maxProperties") << report(R"("figures": {"a": 1, "b": 2, "c": 3})") << u"/figures"_s << u"maxProperties"_s
                                   << u"/properties/figures/maxProperties"_s << u"Figures can have at most 2 fields"_s;
    QTest::newRow("propertyNames") << report(R"("figures": {"Bad": 1})") << u"/figures"_s << u"pattern"_s
                                   << u"/properties/figures/propertyNames/pattern"_s
                                   << u"“Bad” is not an allowed field name in Figures"_s;
    QTest::newRow("additionalProperties-schema") << report(R"("figures": {"a": "x"})") << u"/figures/a"_s
                                                 << u"additionalProperties"_s << u"/properties/figures/additionalProperties"_s
                                                 << u"“a” does not fit the rule for extra fields"_s;
    QTest::newRow("additionalProperties-false") << report(R"("colour": "red")") << u"/colour"_s << u"additionalProperties"_s
                                                << u"/additionalProperties"_s << u"“colour” is not a field of this schema"_s;
    QTest::newRow("false-schema") << report(R"("legacy": 1)") << u"/legacy"_s << u"false"_s << u"/properties/legacy"_s
                                  << u"Legacy is not allowed here"_s;
    QTest::newRow("oneOf-two") << report(R"("kind": 3)") << u"/kind"_s << u"oneOf"_s << u"/properties/kind/oneOf"_s
                               << u"Kind matches more than one of the forms, but must match exactly one"_s;
    QTest::newRow("oneOf-none") << report(R"("kind": true)") << u"/kind"_s << u"oneOf"_s << u"/properties/kind/oneOf"_s
                                << u"Kind matches none of the allowed forms"_s;
    QTest::newRow("anyOf") << report(R"("code": true)") << u"/code"_s << u"anyOf"_s << u"/properties/code/anyOf"_s
                           << u"Code matches none of the allowed forms"_s;
    QTest::newRow("not") << report(R"("note": "")") << u"/note"_s << u"not"_s << u"/properties/note/not"_s
                         << u"Note has a value of a kind that is excluded"_s;
    QTest::newRow("dependentRequired") << report(R"("restated": true)") << QString() << u"dependentRequired"_s
                                       << u"/dependentRequired/restated"_s
                                       << u"Reason for the restatement is required when Restated is filled in"_s;
    QTest::newRow("ref-with-title") << report(R"("amount": -1)") << u"/amount"_s << u"minimum"_s << u"/$defs/money/minimum"_s
                                    << u"Amount must be at least 0"_s;
    QTest::newRow("ref-title-of-definition") << report(R"("cost": -1)") << u"/cost"_s << u"minimum"_s
                                             << u"/$defs/money/minimum"_s << u"Money must be at least 0"_s;
    QTest::newRow("document-type") << QByteArray("[]") << QString() << u"type"_s << u"/type"_s
                                   << u"Financial report must be a group of fields, not a list"_s;
}

void TestSchemaSentences::keywords()
{
    QFETCH(QByteArray, instance);
    QFETCH(QString, pointer);
    QFETCH(QString, keyword);
    QFETCH(QString, schemaPointer);
    QFETCH(QString, sentence);
    const SchemaValidator validator(kReport);
    QVERIFY2(validator.isValid(), qPrintable(describe(validator.problems())));
    QVERIFY2(validator.validateInstance(report()).isEmpty(), qPrintable(describe(validator.validateInstance(report()))));
    const QList<SchemaProblem> problems = validator.validateInstance(instance);
    QVERIFY2(problems.size() == 1, qPrintable(describe(problems)));
    const SchemaProblem &p = problems.constFirst();
    QCOMPARE(p.pointer, pointer);
    QCOMPARE(p.keyword, keyword);
    QCOMPARE(p.schemaPointer, schemaPointer);
    QCOMPARE(p.sentence, sentence);
    QVERIFY(!p.message.isEmpty());
    QVERIFY(p.message != p.sentence);
    // Asking again (the place is cached now) gives the same answer.
    QCOMPARE(validator.validateInstance(instance), problems);
}

// Draft 7's "dependencies" in both forms: the missing member is named at its object.
void TestSchemaSentences::draft7Dependencies()
{
    const SchemaValidator validator(R"({"$schema": "http://json-schema.org/draft-07/schema#",
        "properties": {"shipping": {"type": "object",
            "dependencies": {"street": ["city"], "express": {"required": ["phone"], "properties": {"phone": {"minLength": 5}}}}}}})");
    QVERIFY2(validator.isValid(), qPrintable(describe(validator.problems())));
    const QList<SchemaProblem> array = validator.validateInstance(R"({"shipping": {"street": "Main St 1"}})");
    QVERIFY2(array.size() == 1, qPrintable(describe(array)));
    QCOMPARE(array.constFirst().pointer, u"/shipping"_s);
    QCOMPARE(array.constFirst().keyword, u"dependencies"_s);
    QCOMPARE(array.constFirst().property, u"city"_s);
    QCOMPARE(array.constFirst().schemaPointer, u"/properties/shipping/dependencies/street"_s);
    QCOMPARE(array.constFirst().sentence, u"City is required when Street is filled in"_s);

    const QList<SchemaProblem> missing = validator.validateInstance(R"({"shipping": {"express": true}})");
    QVERIFY2(missing.size() == 1, qPrintable(describe(missing)));
    QCOMPARE(missing.constFirst().pointer, u"/shipping"_s);
    QCOMPARE(missing.constFirst().keyword, u"required"_s);
    QCOMPARE(missing.constFirst().property, u"phone"_s);
    QCOMPARE(missing.constFirst().schemaPointer, u"/properties/shipping/dependencies/express/required"_s);
    QCOMPARE(missing.constFirst().sentence, u"Phone is required when Express is filled in"_s);

    const QList<SchemaProblem> nested = validator.validateInstance(R"({"shipping": {"express": true, "phone": "12"}})");
    QVERIFY2(nested.size() == 1, qPrintable(describe(nested)));
    QCOMPARE(nested.constFirst().pointer, u"/shipping/phone"_s);
    QCOMPARE(nested.constFirst().schemaPointer, u"/properties/shipping/dependencies/express/properties/phone/minLength"_s);
    QCOMPARE(nested.constFirst().sentence, u"Phone must be at least 5 characters long (it has 2)"_s);
}

void TestSchemaSentences::schemaDocumentSentences_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("negative-minLength") << QByteArray(R"({"properties": {"a": {"minLength": -1}}})")
                                        << u"/properties/a/minLength"_s << u"“minLength” must be at least 0"_s;
    QTest::newRow("required-not-array") << QByteArray(R"({"required": "title"})") << u"/required"_s
                                        << u"“required” must be a list, not text"_s;
    QTest::newRow("bad-pattern") << QByteArray(R"({"properties": {"code": {"pattern": "([a-z]"}}})")
                                 << u"/properties/code/pattern"_s << u"“pattern” must be a valid regular expression"_s;
    QTest::newRow("required-item") << QByteArray(R"({"required": ["a", 3]})") << u"/required/1"_s
                                   << u"“required” (item 2) must be text, not a number"_s;
    QTest::newRow("missing-ref") << QByteArray(R"({"properties": {"a": {"$ref": "#/$defs/nothing"}}})")
                                 << u"/properties/a/$ref"_s << u"'#/$defs/nothing' points at nothing in this schema."_s;
    QTest::newRow("not-an-object") << QByteArray("[]") << QString() << u"A content schema must be a JSON object."_s;
    QTest::newRow("unknown-dialect") << QByteArray(R"({"$schema": "https://example.com/x"})") << u"/$schema"_s
                                     << u"Unknown JSON Schema dialect 'https://example.com/x': Galley understands Draft 7 "
                                        "(http://json-schema.org/draft-07/schema#), 2019-09 "
                                        "(https://json-schema.org/draft/2019-09/schema) and 2020-12 "
                                        "(https://json-schema.org/draft/2020-12/schema)."_s;
}

void TestSchemaSentences::schemaDocumentSentences()
{
    QFETCH(QByteArray, spec);
    QFETCH(QString, pointer);
    QFETCH(QString, sentence);
    const SchemaValidator validator(spec);
    QVERIFY(!validator.isValid());
    QVERIFY2(validator.problems().size() == 1, qPrintable(describe(validator.problems())));
    QCOMPARE(validator.problems().constFirst().pointer, pointer);
    QCOMPARE(validator.problems().constFirst().sentence, sentence);
}

void TestSchemaSentences::syntaxAndOwnChecks()
{
    const SchemaValidator broken("{\"type\": \"object\",\n  \"title\" 3}");
    QCOMPARE(broken.problems().size(), 1);
    const SchemaProblem &syntax = broken.problems().constFirst();
    QCOMPARE(syntax.keyword, u"syntax"_s);
    QVERIFY2(syntax.sentence.startsWith(u"The text is not valid JSON at line 2, column 11: "_s), qPrintable(syntax.sentence));
    QVERIFY(syntax.schemaPointer.isEmpty());

    const SchemaValidator empty;
    const QList<SchemaProblem> none = empty.validateInstance("{}");
    QCOMPARE(none.size(), 1);
    QCOMPARE(none.constFirst().sentence, u"The schema is not valid, so nothing can be validated against it."_s);

    const SchemaValidator validator(kReport);
    const QList<SchemaProblem> instanceSyntax = validator.validateInstance("{\"company\": }");
    QCOMPARE(instanceSyntax.size(), 1);
    QVERIFY(instanceSyntax.constFirst().sentence.contains(u"line 1, column 13"_s));
}

void TestSchemaSentences::humanise_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("readable");
    QTest::newRow("snake") << u"published_on"_s << u"Published on"_s;
    QTest::newRow("camel") << u"leadImage"_s << u"Lead image"_s;
    QTest::newRow("kebab") << u"SEO-title"_s << u"SEO title"_s;
    QTest::newRow("acronym-camel") << u"pageURL"_s << u"Page URL"_s;
    QTest::newRow("single") << u"auditor"_s << u"Auditor"_s;
    QTest::newRow("already") << u"Auditor"_s << u"Auditor"_s;
    QTest::newRow("underscores-only") << u"__"_s << u"__"_s;
    QTest::newRow("digits") << u"q3_revenue"_s << u"Q3 revenue"_s;
}

void TestSchemaSentences::humanise()
{
    QFETCH(QString, name);
    QFETCH(QString, readable);
    QCOMPARE(SchemaProblemText::humanise(name), readable);
}

// Whatever goes wrong, the editor gets a sentence: a mixed bag of failures at once.
void TestSchemaSentences::everyProblemHasASentence()
{
    const SchemaValidator validator(kReport);
    const QList<SchemaProblem> problems = validator.validateInstance(
            R"({"company": 7, "revenue": -1, "segments": [{}, 3], "figures": {"X": "y"}, "colour": 1, "restated": true,
                "tags": [], "board": [1, 2], "kind": null, "maybe": {}})");
    QVERIFY(problems.size() >= 10);
    for (const SchemaProblem &p : problems) {
        QVERIFY2(!p.sentence.isEmpty(), qPrintable(describe({ p })));
        QVERIFY2(!p.sentence.contains(u"%1"_s) && !p.sentence.contains(u"%n"_s), qPrintable(describe({ p })));
        QVERIFY2(!p.schemaPointer.isEmpty(), qPrintable(describe({ p })));
    }
}

QTEST_GUILESS_MAIN(TestSchemaSentences)
#include "tst_schemasentences.moc"
