// SchemaValidator on the keywords of Draft 2019-09 and 2020-12 (the Debian test suite only
// covers up to Draft 7): prefixItems, $defs, dependentRequired, dependentSchemas,
// unevaluatedProperties/Items, minContains/maxContains, $anchor, $dynamicRef, $recursiveRef,
// const, if/then/else, …; each row valid and invalid, with the pointers of the problems.
#include "schema/schemavalidator.h"

#include <QTest>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

QString describe(const QList<SchemaProblem> &problems)
{
    QStringList lines;
    for (const SchemaProblem &p : problems)
        lines << u"'%1' [%2] %3"_s.arg(p.pointer, p.keyword, p.message);
    return lines.join(u"\n"_s);
}

} // namespace

class TestSchemaDialects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keywords_data();
    void keywords();
    void dialectDecidesTheMeaning();
};

namespace {

QByteArray in2020(const QByteArray &body)
{
    return R"({"$schema": "https://json-schema.org/draft/2020-12/schema", )" + body + "}";
}

QByteArray in2019(const QByteArray &body)
{
    return R"({"$schema": "https://json-schema.org/draft/2019-09/schema", )" + body + "}";
}

} // namespace

void TestSchemaDialects::keywords_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<QByteArray>("instance");
    QTest::addColumn<QStringList>("pointers");   // of the problems, in order; empty: valid
    QTest::addColumn<QStringList>("keywords");

    // 2020-12
    const QByteArray prefix = in2020(R"("prefixItems": [{"type": "string"}, {"type": "number"}], "items": false)");
    QTest::newRow("2020-prefixItems-valid") << prefix << QByteArray(R"(["a", 1])") << QStringList() << QStringList();
    QTest::newRow("2020-prefixItems-short-is-valid") << prefix << QByteArray(R"(["a"])") << QStringList() << QStringList();
    QTest::newRow("2020-prefixItems-wrong") << prefix << QByteArray(R"([1, 1])") << QStringList { u"/0"_s }
                                            << QStringList { u"type"_s };
    QTest::newRow("2020-items-false-after-prefix") << prefix << QByteArray(R"(["a", 1, 2])") << QStringList { u"/2"_s }
                                                   << QStringList { u"items"_s };
    const QByteArray defs = in2020(R"("$defs": {"name": {"type": "string", "minLength": 1}}, "properties": {"who": {"$ref": "#/$defs/name"}})");
    QTest::newRow("2020-$defs-valid") << defs << QByteArray(R"({"who": "Ann"})") << QStringList() << QStringList();
    QTest::newRow("2020-$defs-invalid") << defs << QByteArray(R"({"who": ""})") << QStringList { u"/who"_s }
                                        << QStringList { u"minLength"_s };
    const QByteArray depReq = in2020(R"("dependentRequired": {"credit_card": ["billing_address"]})");
    QTest::newRow("2020-dependentRequired-valid") << depReq << QByteArray(R"({"credit_card": 1, "billing_address": "x"})")
                                                  << QStringList() << QStringList();
    QTest::newRow("2020-dependentRequired-absent-trigger") << depReq << QByteArray(R"({"billing_address": "x"})") << QStringList()
                                                           << QStringList();
    QTest::newRow("2020-dependentRequired-missing") << depReq << QByteArray(R"({"credit_card": 1})") << QStringList { QString() }
                                                    << QStringList { u"dependentRequired"_s };
    const QByteArray depSchemas = in2020(R"("dependentSchemas": {"credit_card": {"properties": {"cvv": {"type": "string"}}, "required": ["cvv"]}})");
    QTest::newRow("2020-dependentSchemas-valid") << depSchemas << QByteArray(R"({"credit_card": 1, "cvv": "123"})")
                                                 << QStringList() << QStringList();
    QTest::newRow("2020-dependentSchemas-required") << depSchemas << QByteArray(R"({"credit_card": 1})")
                                                    << QStringList { QString() } << QStringList { u"required"_s };
    QTest::newRow("2020-dependentSchemas-nested") << depSchemas << QByteArray(R"({"credit_card": 1, "cvv": 123})")
                                                  << QStringList { u"/cvv"_s } << QStringList { u"type"_s };
    const QByteArray unevaluated = in2020(R"("allOf": [{"properties": {"a": {"type": "string"}}}], "properties": {"b": true},
                                             "unevaluatedProperties": false)");
    QTest::newRow("2020-unevaluatedProperties-valid") << unevaluated << QByteArray(R"({"a": "x", "b": 1})") << QStringList()
                                                      << QStringList();
    QTest::newRow("2020-unevaluatedProperties-extra") << unevaluated << QByteArray(R"({"a": "x", "c": 1})")
                                                      << QStringList { u"/c"_s } << QStringList { u"unevaluatedProperties"_s };
    const QByteArray unevaluatedItems = in2020(R"("prefixItems": [{"type": "string"}], "unevaluatedItems": false)");
    QTest::newRow("2020-unevaluatedItems-valid") << unevaluatedItems << QByteArray(R"(["a"])") << QStringList() << QStringList();
    QTest::newRow("2020-unevaluatedItems-extra") << unevaluatedItems << QByteArray(R"(["a", "b"])") << QStringList { u"/1"_s }
                                                 << QStringList { u"unevaluatedItems"_s };
    const QByteArray contains = in2020(R"("contains": {"type": "integer"}, "minContains": 2, "maxContains": 3)");
    QTest::newRow("2020-minContains-valid") << contains << QByteArray(R"([1, "a", 2])") << QStringList() << QStringList();
    QTest::newRow("2020-minContains-too-few") << contains << QByteArray(R"([1, "a"])") << QStringList { QString() }
                                              << QStringList { u"minContains"_s };
    QTest::newRow("2020-maxContains-too-many") << contains << QByteArray(R"([1, 2, 3, 4])") << QStringList { QString() }
                                               << QStringList { u"maxContains"_s };
    QTest::newRow("2020-minContains-0") << in2020(R"("contains": {"type": "integer"}, "minContains": 0)") << QByteArray(R"(["a"])")
                                        << QStringList() << QStringList();
    const QByteArray anchor = in2020(R"("$defs": {"code": {"$anchor": "code", "pattern": "^[A-Z]{3}$"}}, "properties": {"c": {"$ref": "#code"}})");
    QTest::newRow("2020-$anchor-valid") << anchor << QByteArray(R"({"c": "EUR"})") << QStringList() << QStringList();
    QTest::newRow("2020-$anchor-invalid") << anchor << QByteArray(R"({"c": "eur"})") << QStringList { u"/c"_s }
                                          << QStringList { u"pattern"_s };
    const QByteArray constant = in2020(R"("const": {"a": 1, "b": [1, 2]})");
    QTest::newRow("2020-const-other-member-order") << constant << QByteArray(R"({"b": [1, 2], "a": 1})") << QStringList()
                                                   << QStringList();
    QTest::newRow("2020-const-different") << constant << QByteArray(R"({"a": 1, "b": [2, 1]})") << QStringList { QString() }
                                          << QStringList { u"const"_s };
    QTest::newRow("2020-enum-objects-any-order") << in2020(R"("enum": [{"x": 1, "y": 2}])") << QByteArray(R"({"y": 2, "x": 1})")
                                                 << QStringList() << QStringList();
    QTest::newRow("2020-uniqueItems-objects-any-order") << in2020(R"("uniqueItems": true)")
                                                        << QByteArray(R"([{"x": 1, "y": 2}, {"y": 2, "x": 1}])")
                                                        << QStringList { QString() } << QStringList { u"uniqueItems"_s };
    const QByteArray conditional = in2020(R"("if": {"properties": {"kind": {"const": "video"}}, "required": ["kind"]},
                                             "then": {"required": ["duration"]}, "else": {"required": ["words"]})");
    QTest::newRow("2020-if-then") << conditional << QByteArray(R"({"kind": "video"})") << QStringList { QString() }
                                  << QStringList { u"required"_s };
    QTest::newRow("2020-if-then-valid") << conditional << QByteArray(R"({"kind": "video", "duration": 3})") << QStringList()
                                        << QStringList();
    QTest::newRow("2020-if-else") << conditional << QByteArray(R"({"kind": "text"})") << QStringList { QString() }
                                  << QStringList { u"required"_s };
    const QByteArray dynamic = in2020(R"("$dynamicAnchor": "node", "type": "object",
                                         "properties": {"children": {"type": "array", "items": {"$dynamicRef": "#node"}}, "name": {"type": "string"}})");
    QTest::newRow("2020-$dynamicRef-valid") << dynamic << QByteArray(R"({"name": "a", "children": [{"name": "b", "children": []}]})")
                                            << QStringList() << QStringList();
    QTest::newRow("2020-$dynamicRef-invalid") << dynamic << QByteArray(R"({"name": "a", "children": [{"name": 2}]})")
                                              << QStringList { u"/children/0/name"_s } << QStringList { u"type"_s };
    QTest::newRow("2020-propertyNames") << in2020(R"("propertyNames": {"maxLength": 3})") << QByteArray(R"({"abcd": 1})")
                                        << QStringList { QString() } << QStringList { u"maxLength"_s };
    QTest::newRow("2020-contentMediaType-is-annotation") << in2020(R"("contentMediaType": "application/json")")
                                                         << QByteArray(R"("{not json")") << QStringList() << QStringList();
    QTest::newRow("2020-format-asserted") << in2020(R"("format": "date-time")") << QByteArray(R"("2026-11-22 09:30")")
                                          << QStringList { QString() } << QStringList { u"format"_s };
    QTest::newRow("2020-exclusive-numbers") << in2020(R"("exclusiveMinimum": 0, "exclusiveMaximum": 1)") << QByteArray("0")
                                            << QStringList { QString() } << QStringList { u"exclusiveMinimum"_s };

    // 2019-09
    const QByteArray tuple = in2019(R"("items": [{"type": "string"}], "additionalItems": false)");
    QTest::newRow("2019-items-array-valid") << tuple << QByteArray(R"(["a"])") << QStringList() << QStringList();
    QTest::newRow("2019-additionalItems") << tuple << QByteArray(R"(["a", "b"])") << QStringList { u"/1"_s }
                                          << QStringList { u"additionalItems"_s };
    const QByteArray recursive = in2019(R"("$recursiveAnchor": true, "type": "object",
                                           "properties": {"next": {"$recursiveRef": "#"}, "v": {"type": "integer"}})");
    QTest::newRow("2019-$recursiveRef-valid") << recursive << QByteArray(R"({"v": 1, "next": {"v": 2}})") << QStringList()
                                              << QStringList();
    QTest::newRow("2019-$recursiveRef-invalid") << recursive << QByteArray(R"({"v": 1, "next": {"v": "x"}})")
                                                << QStringList { u"/next/v"_s } << QStringList { u"type"_s };
    QTest::newRow("2019-dependentRequired") << in2019(R"("dependentRequired": {"a": ["b"]})") << QByteArray(R"({"a": 1})")
                                            << QStringList { QString() } << QStringList { u"dependentRequired"_s };
    QTest::newRow("2019-unevaluatedProperties") << in2019(R"("properties": {"a": true}, "unevaluatedProperties": false)")
                                                << QByteArray(R"({"a": 1, "z": 2})") << QStringList { u"/z"_s }
                                                << QStringList { u"unevaluatedProperties"_s };
    QTest::newRow("2019-$anchor") << in2019(R"("$defs": {"n": {"$anchor": "n", "type": "null"}}, "items": {"$ref": "#n"})")
                                  << QByteArray("[null, 0]") << QStringList { u"/1"_s } << QStringList { u"type"_s };
    QTest::newRow("2019-maxContains") << in2019(R"("contains": {"const": 1}, "maxContains": 1)") << QByteArray("[1, 1]")
                                      << QStringList { QString() } << QStringList { u"maxContains"_s };
}

void TestSchemaDialects::keywords()
{
    QFETCH(QByteArray, spec);
    QFETCH(QByteArray, instance);
    QFETCH(QStringList, pointers);
    QFETCH(QStringList, keywords);
    const SchemaValidator validator(spec);
    QVERIFY2(validator.isValid(), qPrintable(describe(validator.problems())));
    const QList<SchemaProblem> problems = validator.validateInstance(instance);
    QStringList actualPointers;
    QStringList actualKeywords;
    for (const SchemaProblem &p : problems) {
        actualPointers << p.pointer;
        actualKeywords << p.keyword;
        QVERIFY2(!p.sentence.isEmpty(), qPrintable(describe(problems)));
    }
    QVERIFY2(actualPointers == pointers, qPrintable(describe(problems)));
    QCOMPARE(actualKeywords, keywords);
    QCOMPARE(validator.isValidInstance(instance), pointers.isEmpty());
}

// The same keyword means what the declared dialect says: "items" as an array is a tuple in
// 2019-09 and no schema at all in 2020-12; "$ref" beside other keywords is alone in Draft 7.
void TestSchemaDialects::dialectDecidesTheMeaning()
{
    QVERIFY(SchemaValidator(in2019(R"("items": [{"type": "string"}])")).isValid());
    QVERIFY(!SchemaValidator(in2020(R"("items": [{"type": "string"}])")).isValid());

    const QByteArray siblings = R"("$defs": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/s", "maxLength": 2}})";
    const SchemaValidator in2020Siblings(in2020(siblings));
    QCOMPARE(in2020Siblings.validateInstance(R"({"a": "long"})").size(), 1);
    const SchemaValidator draft7(R"({"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"s": {"type": "string"}},
                                    "properties": {"a": {"$ref": "#/definitions/s", "maxLength": 2}}})");
    QVERIFY(draft7.isValid());
    QVERIFY(draft7.validateInstance(R"({"a": "long"})").isEmpty());
}

QTEST_GUILESS_MAIN(TestSchemaDialects)
#include "tst_schemadialects.moc"
