// SchemaImpact: the structural diff of a schema and its candidate (every kind of change, with
// field, schema pointer and sentence); impact analysis on generated content with known breaking
// changes (counts, "newly failing", aggregation per field as the server does it, the first items
// by id, the same answer on one thread and on many); toJson()/fromJson(); and the replica's
// population (the latest and the live edition of every document) on the demo workspace.
// SchemaValidatorCache: hits, versions, changed text, eviction, concurrent callers.
#include "../common/demofixture.h"
#include "schema/schemaimpact.h"
#include "schema/schemavalidatorcache.h"

#include <QtConcurrent/QtConcurrentMap>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>
#include <QThreadPool>

#include <numeric>

using namespace Galley;
using namespace Qt::StringLiterals;
using Galley::Testing::DemoFixture;

namespace {

QStringList describe(const QList<SchemaChange> &changes)
{
    QStringList out;
    for (const SchemaChange &c : changes)
        out << u"%1|%2|%3|%4|%5"_s.arg(c.field, c.keyword, c.schemaPointer, c.breaking ? u"breaking"_s : u"fine"_s, c.sentence);
    return out;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestSchemaImpact : public QObject
{
    Q_OBJECT
    DemoFixture m_demo;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_demo.create()); }

    void diff_data();
    void diff();
    void diffFollowsReferencesAndCycles();
    void requiredFieldAdded();
    void arrayFieldsAggregated();
    void listedByIdAndSameOnAnyPool();
    void newSchemaAndInvalidCandidate();
    void rememberedBaselinesFollowChanges();
    void jsonRoundTrip();
    void replicaPopulation();
    void replicaAnalysisEqualsInMemory();
    void cacheHitsAndVersions();
    void cacheEvictsLeastRecentlyUsed();
    void cacheConcurrentCallersCompileOnce();
};

namespace {

// (After the class: moc does not follow multi-line raw strings before it.)
const char *const kOld = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Financial report",
  "type": "object",
  "required": ["company"],
  "properties": {
    "company": { "type": "string", "title": "Company", "maxLength": 100 },
    "auditor": { "type": "string", "title": "Auditor" },
    "revenue": { "type": "number", "minimum": 0 },
    "status": { "enum": ["draft", "final", "archived"] },
    "segments": { "type": "array", "title": "Segments", "items": { "type": "object", "properties": { "name": { "type": "string" } } } },
    "legacy_code": { "type": "string" },
    "note": { "type": "string" },
    "kind": { "oneOf": [{ "type": "string" }, { "type": "integer" }] }
  }
})";

// kOld with `from` replaced by `to` (each must occur once).
QByteArray candidate(const QList<std::pair<QByteArray, QByteArray>> &edits)
{
    QByteArray text = kOld;
    for (const auto &[from, to] : edits) {
        if (text.count(from) != 1)
            qFatal("edit target '%s' is not unique", from.constData());
        text.replace(from, to);
    }
    return text;
}

// Generated reports: every 27th (from the 6th) has no auditor — 37 of 1,000 — and every 50th
// a segment without a name at index 1.
QList<ImpactItem> reports(int count)
{
    QList<ImpactItem> items;
    for (int i = 0; i < count; ++i) {
        QJsonObject fields { { u"company"_s, u"Company %1"_s.arg(i) }, { u"revenue"_s, i * 10.5 }, { u"status"_s, u"final"_s } };
        if (i % 27 != 5)
            fields.insert(u"auditor"_s, u"Auditor %1"_s.arg(i % 7));
        QJsonArray segments { QJsonObject { { u"name"_s, u"Nordic"_s } } };
        segments.append(i % 50 == 0 ? QJsonObject { { u"share"_s, 3 } } : QJsonObject { { u"name"_s, u"Baltic"_s } });
        fields.insert(u"segments"_s, segments);
        items.append(ImpactItem { 1000 + i, 5000 + i, i % 3 ? u"published"_s : u"draft"_s, compact(fields) });
    }
    return items;
}

} // namespace

void TestSchemaImpact::diff_data()
{
    QTest::addColumn<QByteArray>("candidate");
    QTest::addColumn<QStringList>("changes");   // field|keyword|schema pointer|breaking|sentence

    QTest::newRow("same") << QByteArray(kOld) << QStringList();
    QTest::newRow("required-added") << candidate({ { R"("required": ["company"])", R"("required": ["company", "auditor"])" } })
                                    << QStringList { u"/auditor|required|/required|breaking|Auditor is now required"_s };
    QTest::newRow("required-removed") << candidate({ { R"("required": ["company"])", R"("required": [])" } })
                                      << QStringList { u"/company|required|/required|fine|Company is no longer required"_s };
    QTest::newRow("field-removed") << candidate({ { R"("legacy_code": { "type": "string" },)", "" } })
                                   << QStringList { u"/legacy_code|properties|/properties/legacy_code|fine|Legacy code was removed "
                                                    "from the schema; existing values stay but are no longer checked"_s };
    QTest::newRow("field-removed-closed")
            << candidate({ { R"("legacy_code": { "type": "string" },)", "" },
                           { R"("Financial report",)", R"("Financial report", "additionalProperties": false,)" } })
            << QStringList { u"|additionalProperties|/additionalProperties|breaking|Financial report no longer accepts fields the "
                             "schema does not list"_s,
                             u"/legacy_code|properties|/properties/legacy_code|breaking|Legacy code was removed from the schema; "
                             "content that has it will be refused"_s };
    QTest::newRow("type-changed") << candidate({ { R"("revenue": { "type": "number")", R"("revenue": { "type": "string")" } })
                                  << QStringList { u"/revenue|type|/properties/revenue/type|breaking|Revenue must now be text "
                                                   "(before: a number)"_s };
    QTest::newRow("type-widened") << candidate({ { R"("revenue": { "type": "number")", R"("revenue": { "type": ["number", "null"])" } })
                                  << QStringList { u"/revenue|type|/properties/revenue/type|fine|Revenue may now also be a number "
                                                   "or empty"_s };
    QTest::newRow("integer-is-narrower") << candidate({ { R"("revenue": { "type": "number")", R"("revenue": { "type": "integer")" } })
                                         << QStringList { u"/revenue|type|/properties/revenue/type|breaking|Revenue must now be a "
                                                          "whole number (before: a number)"_s };
    QTest::newRow("maxLength-narrowed") << candidate({ { R"("maxLength": 100)", R"("maxLength": 50)" } })
                                        << QStringList { u"/company|maxLength|/properties/company/maxLength|breaking|Company must "
                                                         "now be at most 50 characters long (before: 100)"_s };
    QTest::newRow("maxLength-widened") << candidate({ { R"("maxLength": 100)", R"("maxLength": 200)" } })
                                       << QStringList { u"/company|maxLength|/properties/company/maxLength|fine|Company: "
                                                        "“maxLength” relaxed from 100 to 200"_s };
    QTest::newRow("minimum-raised") << candidate({ { R"("minimum": 0)", R"("minimum": 10)" } })
                                    << QStringList { u"/revenue|minimum|/properties/revenue/minimum|breaking|Revenue must now be "
                                                     "at least 10 (before: 0)"_s };
    QTest::newRow("enum-shrunk") << candidate({ { R"(["draft", "final", "archived"])", R"(["draft", "final"])" } })
                                 << QStringList { u"/status|enum|/properties/status/enum|breaking|Status no longer allows: archived"_s };
    QTest::newRow("enum-grown") << candidate({ { R"(["draft", "final", "archived"])", R"(["draft", "final", "archived", "void"])" } })
                                << QStringList { u"/status|enum|/properties/status/enum|fine|Status now also allows: void"_s };
    QTest::newRow("pattern-added") << candidate({ { R"("maxLength": 100)", R"("maxLength": 100, "pattern": "^[A-Z]")" } })
                                   << QStringList { u"/company|pattern|/properties/company/pattern|breaking|Company must now match "
                                                    "the pattern ^[A-Z]"_s };
    QTest::newRow("format-added") << candidate({ { R"("note": { "type": "string" })", R"("note": { "type": "string", "format": "date" })" } })
                                  << QStringList { u"/note|format|/properties/note/format|breaking|Note must now be a date like "
                                                   "2026-11-22"_s };
    QTest::newRow("items-narrowed") << candidate({ { R"("name": { "type": "string" })", R"("name": { "type": "string", "minLength": 2 })" } })
                                    << QStringList { u"/segments/*/name|minLength|/properties/segments/items/properties/name/"
                                                     "minLength|breaking|Name must now be at least 2 characters long (before: no limit)"_s };
    QTest::newRow("optional-field-added") << candidate({ { R"("note": { "type": "string" })", R"("note": { "type": "string" }, "isin": {})" } })
                                          << QStringList { u"/isin|properties|/properties/isin|fine|New field: Isin"_s };
    QTest::newRow("rules-changed") << candidate({ { R"({ "type": "integer" }])", R"({ "type": "boolean" }])" } })
                                   << QStringList { u"/kind|oneOf|/properties/kind/oneOf|breaking|Kind: the “oneOf” rule changed"_s };
    QTest::newRow("dependentRequired-added")
            << candidate({ { R"("Financial report",)", R"("Financial report", "dependentRequired": {"revenue": ["auditor"]},)" } })
            << QStringList { u"/auditor|dependentRequired|/dependentRequired/revenue|breaking|Auditor is now required when "
                             "Revenue is filled in"_s };
}

void TestSchemaImpact::diff()
{
    QFETCH(QByteArray, candidate);
    QFETCH(QStringList, changes);
    QVERIFY(SchemaValidator(candidate).isValid());
    QCOMPARE(describe(SchemaImpact::diff(kOld, candidate)), changes);
}

void TestSchemaImpact::diffFollowsReferencesAndCycles()
{
    const QByteArray before = R"({"$defs": {"money": {"type": "number", "minimum": 0},
        "node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}, "v": {"type": "string"}}}},
        "properties": {"revenue": {"$ref": "#/$defs/money", "title": "Revenue"}, "tree": {"$ref": "#/$defs/node"}}})";
    QByteArray after = before;
    after.replace(R"("minimum": 0)", R"("minimum": 1)");
    after.replace(R"("v": {"type": "string"})", R"("v": {"type": "string", "maxLength": 3})");
    QCOMPARE(describe(SchemaImpact::diff(before, after)),
             (QStringList { u"/revenue|minimum|/$defs/money/minimum|breaking|Revenue must now be at least 1 (before: 0)"_s,
                            u"/tree/v|maxLength|/$defs/node/properties/v/maxLength|breaking|V must now be at most 3 characters long "
                            "(before: no limit)"_s }));
    QVERIFY(SchemaImpact::diff("[]", after).isEmpty());
    QVERIFY(SchemaImpact::diff(before, "{").isEmpty());
}

// The designer makes "auditor" required: 37 of 1,000 reports lack one.
void TestSchemaImpact::requiredFieldAdded()
{
    const QByteArray stricter = candidate({ { R"("required": ["company"])", R"("required": ["company", "auditor"])" } });
    const QList<ImpactItem> items = reports(1000);
    const SchemaImpact impact = SchemaImpact::analyse(kOld, stricter, items);
    QVERIFY(impact.candidateProblems.isEmpty());
    QCOMPARE(impact.dialect, u"2020-12"_s);
    QCOMPARE(impact.checked, qint64(1000));
    QCOMPARE(impact.failing, qint64(37));
    QCOMPARE(impact.newlyFailing, qint64(37));
    QVERIFY(impact.isBreaking());
    QVERIFY(impact.hasBreakingChanges());
    QCOMPARE(impact.fields.size(), 1);
    QCOMPARE(impact.fields.constFirst().pointer, u"/auditor"_s);
    QCOMPARE(impact.fields.constFirst().count, qint64(37));
    QCOMPARE(impact.fields.constFirst().exampleSentence, u"Auditor is required"_s);
    QCOMPARE(impact.fields.constFirst().exampleMessage, u"Required property 'auditor' not found."_s);
    QCOMPARE(impact.items.size(), 37);
    for (const SchemaImpact::FailingItem &item : impact.items) {
        QCOMPARE((item.id - 1000) % 27, qint64(5));
        QCOMPARE(item.documentId, item.id + 4000);
        QVERIFY(item.newlyFailing);
        QCOMPARE(item.problems.size(), 1);
        QCOMPARE(item.problems.constFirst().property, u"auditor"_s);
    }
    QCOMPARE(impact.changes.size(), 1);
    QCOMPARE(impact.changes.constFirst().kind, SchemaChange::Kind::RequiredAdded);

    // Making it optional again: nothing fails.
    const SchemaImpact relaxed = SchemaImpact::analyse(stricter, kOld, items);
    QCOMPARE(relaxed.failing, qint64(0));
    QVERIFY(!relaxed.isBreaking());
    QVERIFY(!relaxed.hasBreakingChanges());
}

// Problems in array elements count once per field ("/segments/*/name"), with items that failed
// before counted as failing but not as newly failing.
void TestSchemaImpact::arrayFieldsAggregated()
{
    const QByteArray old = candidate({ { R"("required": ["company"])", R"("required": ["company", "auditor"])" } });
    const QByteArray stricter = candidate({ { R"("required": ["company"])", R"("required": ["company", "auditor"])" },
                                            { R"("properties": { "name": { "type": "string" } })",
                                              R"("properties": { "name": { "type": "string" } }, "required": ["name"])" } });
    const SchemaImpact impact = SchemaImpact::analyse(old, stricter, reports(1000));
    // 20 reports have a nameless segment; 37 lack an auditor; i = 500 (and 0…) are both? 0 % 27 != 5.
    qint64 both = 0;
    for (int i = 0; i < 1000; ++i)
        both += (i % 50 == 0 && i % 27 == 5);
    QCOMPARE(impact.failing, qint64(37 + 20 - both));
    QCOMPARE(impact.newlyFailing, qint64(20 - both));
    QCOMPARE(impact.fields.size(), 2);
    QCOMPARE(impact.fields.at(0).pointer, u"/auditor"_s);
    QCOMPARE(impact.fields.at(0).count, qint64(37));
    QCOMPARE(impact.fields.at(1).pointer, u"/segments/*/name"_s);
    QCOMPARE(impact.fields.at(1).count, qint64(20));
    QCOMPARE(impact.fields.at(1).exampleSentence, u"Name is required"_s);
    QCOMPARE(impact.items.constFirst().id, qint64(1000));
    QCOMPARE(impact.items.constFirst().problems.constFirst().pointer, u"/segments/1"_s);
}

void TestSchemaImpact::listedByIdAndSameOnAnyPool()
{
    const QByteArray stricter = candidate({ { R"("required": ["company"])", R"("required": ["company", "auditor"])" } });
    QList<ImpactItem> items = reports(3000);
    std::reverse(items.begin(), items.end());
    QThreadPool one;
    one.setMaxThreadCount(1);
    QThreadPool many;
    many.setMaxThreadCount(8);
    SchemaImpact::Options options;
    options.listedItems = 10;
    options.pool = &one;
    const SchemaImpact single = SchemaImpact::analyse(kOld, stricter, items, options);
    options.pool = &many;
    const SchemaImpact parallel = SchemaImpact::analyse(kOld, stricter, items, options);
    QCOMPARE(single.items.size(), 10);
    QCOMPARE(single.items.constFirst().id, qint64(1005));
    for (qsizetype i = 1; i < single.items.size(); ++i)
        QVERIFY(single.items.at(i - 1).id < single.items.at(i).id);
    QCOMPARE(compact(parallel.toJson()), compact(single.toJson()));
    QCOMPARE(single.failing, qint64(111));
}

void TestSchemaImpact::newSchemaAndInvalidCandidate()
{
    const SchemaImpact fresh = SchemaImpact::analyse({}, kOld, reports(100));
    QCOMPARE(fresh.checked, qint64(100));
    QCOMPARE(fresh.failing, qint64(0));
    QCOMPARE(fresh.newlyFailing, qint64(0));
    QVERIFY(fresh.changes.isEmpty());

    const SchemaImpact broken = SchemaImpact::analyse(kOld, R"({"type": 12})", reports(100));
    QCOMPARE(broken.candidateProblems.size(), 1);
    QCOMPARE(broken.candidateProblems.constFirst().pointer, u"/type"_s);
    QCOMPARE(broken.checked, qint64(0));
    QVERIFY(!broken.toJson().value(u"candidate_problems"_s).toArray().isEmpty());

    const SchemaImpact empty = SchemaImpact::analyse(kOld, kOld, {});
    QCOMPARE(empty.checked, qint64(0));
    QVERIFY(empty.fields.isEmpty());
}

// The second analysis against the same saved schema reuses what the first learnt about each
// item, and the answer is the same; an item that changed is looked at again.
void TestSchemaImpact::rememberedBaselinesFollowChanges()
{
    SchemaImpact::forgetRememberedBaselines();
    const QByteArray stricter = candidate({ { R"("required": ["company"])", R"("required": ["company", "auditor"])" } });
    QList<ImpactItem> items = reports(500);
    const SchemaImpact first = SchemaImpact::analyse(kOld, stricter, items);
    const SchemaImpact second = SchemaImpact::analyse(kOld, stricter, items);
    QCOMPARE(compact(second.toJson()), compact(first.toJson()));
    QCOMPARE(first.newlyFailing, qint64(first.failing));

    // Item 1005 (no auditor) now also breaks the saved schema: no longer "newly" failing.
    QJsonObject changed = QJsonDocument::fromJson(items[5].fields).object();
    changed.insert(u"revenue"_s, -1);
    items[5].fields = compact(changed);
    const SchemaImpact third = SchemaImpact::analyse(kOld, stricter, items);
    QCOMPARE(third.failing, first.failing);
    QCOMPARE(third.newlyFailing, first.newlyFailing - 1);
    QCOMPARE(third.items.constFirst().id, qint64(1005));
    QVERIFY(!third.items.constFirst().newlyFailing);

    // The editor's own first check (the saved schema against itself) teaches every item.
    SchemaImpact::forgetRememberedBaselines();
    const SchemaImpact cold = SchemaImpact::analyse(kOld, stricter, items);
    SchemaImpact::forgetRememberedBaselines();
    const SchemaImpact today = SchemaImpact::analyse(kOld, kOld, items);
    QCOMPARE(today.failing, qint64(1));   // item 1005's revenue
    QCOMPARE(today.newlyFailing, qint64(0));
    QVERIFY(today.changes.isEmpty());
    const SchemaImpact prewarmed = SchemaImpact::analyse(kOld, stricter, items);
    QCOMPARE(compact(prewarmed.toJson()), compact(cold.toJson()));

    // Another saved schema starts afresh.
    const QByteArray otherOld = candidate({ { R"("minimum": 0)", R"("minimum": -10)" } });
    const SchemaImpact other = SchemaImpact::analyse(otherOld, stricter, items);
    QCOMPARE(other.newlyFailing, first.newlyFailing);
    SchemaImpact::forgetRememberedBaselines();
}

// toJson() has the server's members (and its own); fromJson() reads it back, and reads a
// server answer, which has only the server's.
void TestSchemaImpact::jsonRoundTrip()
{
    const QByteArray stricter = candidate({ { R"("required": ["company"])", R"("required": ["company", "auditor"])" },
                                            { R"("maxLength": 100)", R"("maxLength": 12)" } });
    const SchemaImpact impact = SchemaImpact::analyse(kOld, stricter, reports(200));
    const QJsonObject json = impact.toJson();
    for (const char *member : { "dialect", "checked", "failing", "fields", "editions", "newly_failing", "changes" })
        QVERIFY2(json.contains(QLatin1StringView(member)), member);
    const QJsonObject edition = json.value(u"editions"_s).toArray().first().toObject();
    for (const char *member : { "id", "document_id", "state", "problems" })
        QVERIFY2(edition.contains(QLatin1StringView(member)), member);
    const QJsonObject field = json.value(u"fields"_s).toArray().first().toObject();
    for (const char *member : { "pointer", "count", "example_message" })
        QVERIFY2(field.contains(QLatin1StringView(member)), member);

    const SchemaImpact back = SchemaImpact::fromJson(json);
    QCOMPARE(back.checked, impact.checked);
    QCOMPARE(back.failing, impact.failing);
    QCOMPARE(back.newlyFailing, impact.newlyFailing);
    QCOMPARE(back.fields, impact.fields);
    QCOMPARE(back.changes, impact.changes);
    QCOMPARE(back.items.size(), impact.items.size());
    QCOMPARE(compact(back.toJson()), compact(json));

    // A server answer: sentences fall back to the messages.
    QJsonObject server = json;
    server.remove(u"newly_failing"_s);
    server.remove(u"changes"_s);
    const SchemaImpact fromServer = SchemaImpact::fromJson(server);
    QCOMPARE(fromServer.failing, impact.failing);
    QCOMPARE(fromServer.fields.constFirst().pointer, impact.fields.constFirst().pointer);
    QVERIFY(fromServer.changes.isEmpty());
}

// The latest (not deleted) and the live (published or withdrawn) edition of each document.
void TestSchemaImpact::replicaPopulation()
{
    QSqlDatabase db = m_demo.store->connection();
    QSqlQuery q(db);
    QVERIFY(q.exec(u"SELECT d.schema_id, COUNT(*) FROM documents d GROUP BY d.schema_id ORDER BY COUNT(*) DESC LIMIT 1"_s));
    QVERIFY(q.next());
    const qint64 schemaId = q.value(0).toLongLong();

    // The same population computed the long way.
    QVERIFY(q.exec(u"SELECT e.id, e.document_id, e.state FROM editions e JOIN documents d ON d.id = e.document_id "
                   "WHERE d.schema_id = %1 ORDER BY e.id"_s.arg(schemaId)));
    struct Doc
    {
        qint64 newest = 0, latest = 0, live = 0;
    };
    QHash<qint64, Doc> docs;
    while (q.next()) {
        Doc &d = docs[q.value(1).toLongLong()];
        const qint64 id = q.value(0).toLongLong();
        const QString state = q.value(2).toString();
        d.newest = id;
        if (state != "deleted"_L1)
            d.latest = id;
        if (state == "published"_L1 || state == "withdrawn"_L1)
            d.live = id;
    }
    QList<qint64> expected;
    for (const Doc &d : std::as_const(docs)) {
        expected << (d.latest ? d.latest : d.newest);
        if (d.live && d.live != expected.constLast())
            expected << d.live;
    }
    std::sort(expected.begin(), expected.end());

    const auto items = SchemaImpact::replicaItems(db, schemaId);
    QVERIFY2(items.ok(), qPrintable(items.ok() ? QString() : items.error().message));
    QList<qint64> ids;
    for (const ImpactItem &item : items.value()) {
        ids << item.id;
        QVERIFY(!item.fields.isEmpty());
        QVERIFY(!item.state.isEmpty());
    }
    QCOMPARE(ids, expected);
    QVERIFY(ids.size() > docs.size());   // some documents have a live and a newer edition
}

void TestSchemaImpact::replicaAnalysisEqualsInMemory()
{
    QSqlDatabase db = m_demo.store->connection();
    QSqlQuery q(db);
    QVERIFY(q.exec(u"SELECT s.id, COALESCE(NULLIF(s.spec_text, ''), s.spec_doc) FROM content_schemas s "
                   "WHERE s.name = 'Quarterly report'"_s));
    QVERIFY(q.next());
    const qint64 schemaId = q.value(0).toLongLong();
    const QByteArray spec = q.value(1).toByteArray();
    QJsonObject stricter = QJsonDocument::fromJson(spec).object();
    QJsonArray required = stricter.value(u"required"_s).toArray();
    required.append(u"auditor"_s);
    stricter.insert(u"required"_s, required);
    const QByteArray candidateSpec = compact(stricter);

    const auto items = SchemaImpact::replicaItems(db, schemaId);
    QVERIFY(items.ok());
    QVERIFY(!items->isEmpty());
    const SchemaImpact expected = SchemaImpact::analyse(spec, candidateSpec, items.value());
    SchemaImpact::Options options;
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    options.pool = &pool;
    const auto local = SchemaImpact::analyseReplica(db, schemaId, candidateSpec, options);
    QVERIFY2(local.ok(), qPrintable(local.ok() ? QString() : local.error().message));
    QCOMPARE(compact(local->toJson()), compact(expected.toJson()));
    QCOMPARE(local->checked, qint64(items->size()));
    QCOMPARE(local->failing, local->checked);
    QVERIFY(!local->fields.isEmpty());
    QCOMPARE(local->fields.constFirst().pointer, u"/auditor"_s);
    QCOMPARE(local->fields.constFirst().count, local->checked);
    QCOMPARE(local->fields.constFirst().exampleSentence, u"Auditor is required"_s);

    const auto missing = SchemaImpact::analyseReplica(db, 987654321, candidateSpec);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, u"not_found"_s);
}

void TestSchemaImpact::cacheHitsAndVersions()
{
    SchemaValidatorCache cache(4);
    const SchemaValidator a = cache.validator(1, 1, kOld);
    QVERIFY(a.isValid());
    QCOMPARE(cache.statistics().misses, qint64(1));
    const SchemaValidator again = cache.validator(1, 1, kOld);
    QVERIFY(again.isValid());
    QCOMPARE(cache.statistics().hits, qint64(1));
    QVERIFY(cache.find(1, 1).has_value());
    QVERIFY(!cache.find(1, 2).has_value());

    // A new lock version is another entry; other text under the same version replaces it.
    const QByteArray stricter = candidate({ { R"("required": ["company"])", R"("required": ["company", "auditor"])" } });
    QCOMPARE(cache.validator(1, 2, stricter).validateInstance(R"({"company": "A"})").size(), 1);
    QCOMPARE(cache.size(), 2);
    QCOMPARE(cache.validator(1, 1, stricter).validateInstance(R"({"company": "A"})").size(), 1);
    QCOMPARE(cache.size(), 2);
    QCOMPARE(cache.statistics().misses, qint64(3));

    // Invalid schemas are cached too (compiling them again would say the same).
    QVERIFY(!cache.validator(2, 1, R"({"type": 12})").isValid());
    QVERIFY(!cache.validator(2, 1, R"({"type": 12})").isValid());
    QCOMPARE(cache.statistics().misses, qint64(4));

    cache.remove(1);
    QCOMPARE(cache.size(), 1);
    cache.clear();
    QCOMPARE(cache.size(), 0);
    QCOMPARE(&SchemaValidatorCache::shared(), &SchemaValidatorCache::shared());
}

void TestSchemaImpact::cacheEvictsLeastRecentlyUsed()
{
    SchemaValidatorCache cache(3);
    for (qint64 id = 1; id <= 3; ++id)
        cache.validator(id, 1, kOld);
    cache.validator(1, 1, kOld);   // 2 is now the least recently used
    cache.validator(4, 1, kOld);
    QCOMPARE(cache.size(), 3);
    QVERIFY(cache.find(1, 1).has_value());
    QVERIFY(!cache.find(2, 1).has_value());
    QVERIFY(cache.find(3, 1).has_value());
    QVERIFY(cache.find(4, 1).has_value());
    QCOMPARE(cache.statistics().evictions, qint64(1));
}

void TestSchemaImpact::cacheConcurrentCallersCompileOnce()
{
    SchemaValidatorCache cache(8);
    QList<int> calls(64);
    std::iota(calls.begin(), calls.end(), 0);
    QThreadPool pool;
    pool.setMaxThreadCount(8);
    const QList<bool> valid = QtConcurrent::blockingMapped(&pool, calls, [&cache](int i) {
        return cache.validator(7 + i % 2, 3, kOld).validateInstance(R"({"company": "Acme"})").isEmpty();
    });
    QVERIFY(std::all_of(valid.cbegin(), valid.cend(), [](bool v) { return v; }));
    QCOMPARE(cache.statistics().misses, qint64(2));
    QCOMPARE(cache.statistics().hits, qint64(62));
}

QTEST_GUILESS_MAIN(TestSchemaImpact)
#include "tst_schemaimpact.moc"
