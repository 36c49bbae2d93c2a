// The three-way merge of an entity's wire JSON, field by field, and its line diff.
#include "sync/merge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Galley;
using namespace Qt::StringLiterals;

using Outcome = MergeField::Outcome;
using Kind = MergeField::Kind;

namespace {

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

const MergeField *field(const QList<MergeField> &fields, const QString &path)
{
    for (const MergeField &f : fields) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

// An edition as the server sends it, with the members a merge must leave alone.
const char *kBase = R"({
    "id": 42, "document_id": 7, "lock_version": 3, "state": "draft",
    "title": "Harbour opening", "change_note": "", "minor_change": false,
    "fields": { "body": "Line one\nLine two\nLine three", "teaser": "Short", "tags": ["a", "b"], "x/y": 1 }
})";

} // namespace

class TestMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void disjointChangesMergeByThemselves();
    void sameChangeOnBothSidesIsSame();
    void differentChangesConflict();
    void memberAddedOrRemovedOnOneSide();
    void memberAddedOnBothSidesDifferently();
    void applyTakesTheChoices();
    void applyCanRemoveAndAddFields();
    void kinds();
    void schemaFields();
    void otherEntitiesUseEveryMember();
    void lineDiff_data();
    void lineDiff();
};

void TestMerge::disjointChangesMergeByThemselves()
{
    const QJsonObject base = json(kBase);
    QJsonObject mine = base;
    mine[u"title"_s] = u"Harbour opening delayed"_s;
    QJsonObject theirs = base;
    QJsonObject theirFields = theirs[u"fields"_s].toObject();
    theirFields[u"teaser"_s] = u"Longer teaser"_s;
    theirs[u"fields"_s] = theirFields;
    theirs[u"lock_version"_s] = 4;

    const QList<MergeField> fields = ThreeWayMerge::compare(u"edition"_s, base, mine, theirs);
    QVERIFY(!ThreeWayMerge::hasConflict(fields));
    QCOMPARE(field(fields, u"/title"_s)->outcome, Outcome::Mine);
    QCOMPARE(field(fields, u"/title"_s)->label, u"Title"_s);
    QCOMPARE(field(fields, u"/fields/teaser"_s)->outcome, Outcome::Theirs);
    QCOMPARE(field(fields, u"/fields/teaser"_s)->label, u"Fields › teaser"_s);
    QCOMPARE(field(fields, u"/fields/body"_s)->outcome, Outcome::Unchanged);
    QCOMPARE(field(fields, u"/minor_change"_s)->outcome, Outcome::Unchanged);
    // Not fields of an edition.
    QVERIFY(!field(fields, u"/lock_version"_s));
    QVERIFY(!field(fields, u"/state"_s));
    // The JSON pointer escapes "/" in a key.
    QVERIFY(field(fields, u"/fields/x~1y"_s));
    QCOMPARE(field(fields, u"/fields/x~1y"_s)->mine, QJsonValue(1));

    const QJsonObject merged = ThreeWayMerge::merged(theirs, fields);
    QCOMPARE(merged[u"title"_s].toString(), u"Harbour opening delayed"_s);
    QCOMPARE(merged[u"fields"_s].toObject()[u"teaser"_s].toString(), u"Longer teaser"_s);
    QCOMPARE(merged[u"lock_version"_s].toInt(), 4);   // theirs is the starting point
    QCOMPARE(merged[u"fields"_s].toObject()[u"x/y"_s].toInt(), 1);
    QCOMPARE(merged[u"fields"_s].toObject()[u"tags"_s].toArray().size(), 2);
}

void TestMerge::sameChangeOnBothSidesIsSame()
{
    const QJsonObject base = json(kBase);
    QJsonObject mine = base;
    mine[u"change_note"_s] = u"Typo"_s;
    QJsonObject theirs = mine;
    const QList<MergeField> fields = ThreeWayMerge::compare(u"edition"_s, base, mine, theirs);
    QCOMPARE(field(fields, u"/change_note"_s)->outcome, Outcome::Same);
    QVERIFY(!ThreeWayMerge::hasConflict(fields));
    QCOMPARE(ThreeWayMerge::merged(theirs, fields)[u"change_note"_s].toString(), u"Typo"_s);
}

void TestMerge::differentChangesConflict()
{
    const QJsonObject base = json(kBase);
    QJsonObject mine = base;
    mine[u"title"_s] = u"Mine"_s;
    mine[u"minor_change"_s] = true;
    QJsonObject theirs = base;
    theirs[u"title"_s] = u"Theirs"_s;
    const QList<MergeField> fields = ThreeWayMerge::compare(u"edition"_s, base, mine, theirs);
    QVERIFY(ThreeWayMerge::hasConflict(fields));
    const MergeField *title = field(fields, u"/title"_s);
    QCOMPARE(title->outcome, Outcome::Conflict);
    QCOMPARE(title->base, QJsonValue(u"Harbour opening"_s));
    QCOMPARE(title->mine, QJsonValue(u"Mine"_s));
    QCOMPARE(title->theirs, QJsonValue(u"Theirs"_s));
    QCOMPARE(field(fields, u"/minor_change"_s)->outcome, Outcome::Mine);
    QCOMPARE(field(fields, u"/minor_change"_s)->kind, Kind::Bool);
    // Without a decision the server's value stays.
    const QJsonObject merged = ThreeWayMerge::merged(theirs, fields);
    QCOMPARE(merged[u"title"_s].toString(), u"Theirs"_s);
    QCOMPARE(merged[u"minor_change"_s].toBool(), true);
}

void TestMerge::memberAddedOrRemovedOnOneSide()
{
    const QJsonObject base = json(kBase);
    QJsonObject mine = base;
    QJsonObject mineFields = mine[u"fields"_s].toObject();
    mineFields[u"subtitle"_s] = u"New"_s;   // added by me
    mine[u"fields"_s] = mineFields;
    QJsonObject theirs = base;
    QJsonObject theirFields = theirs[u"fields"_s].toObject();
    theirFields.remove(u"teaser"_s);         // removed on the server
    theirs[u"fields"_s] = theirFields;

    const QList<MergeField> fields = ThreeWayMerge::compare(u"edition"_s, base, mine, theirs);
    QVERIFY(!ThreeWayMerge::hasConflict(fields));
    const MergeField *subtitle = field(fields, u"/fields/subtitle"_s);
    QVERIFY(subtitle);
    QVERIFY(subtitle->base.isUndefined());
    QVERIFY(subtitle->theirs.isUndefined());
    QCOMPARE(subtitle->outcome, Outcome::Mine);
    const MergeField *teaser = field(fields, u"/fields/teaser"_s);
    QVERIFY(teaser->theirs.isUndefined());
    QCOMPARE(teaser->outcome, Outcome::Theirs);

    const QJsonObject merged = ThreeWayMerge::merged(theirs, fields)[u"fields"_s].toObject();
    QCOMPARE(merged[u"subtitle"_s].toString(), u"New"_s);
    QVERIFY(!merged.contains(u"teaser"_s));

    // Removed by me while they edited it: a conflict between a value and nothing.
    QJsonObject mine2 = base;
    QJsonObject f2 = mine2[u"fields"_s].toObject();
    f2.remove(u"body"_s);
    mine2[u"fields"_s] = f2;
    QJsonObject theirs2 = base;
    QJsonObject t2 = theirs2[u"fields"_s].toObject();
    t2[u"body"_s] = u"Line one\nLine 2\nLine three"_s;
    theirs2[u"fields"_s] = t2;
    const QList<MergeField> fields2 = ThreeWayMerge::compare(u"edition"_s, base, mine2, theirs2);
    QCOMPARE(field(fields2, u"/fields/body"_s)->outcome, Outcome::Conflict);
    QVERIFY(field(fields2, u"/fields/body"_s)->mine.isUndefined());
}

void TestMerge::memberAddedOnBothSidesDifferently()
{
    const QJsonObject base = json(R"({"title":"t","fields":{}})");
    const QJsonObject mine = json(R"({"title":"t","fields":{"n":1}})");
    const QJsonObject theirs = json(R"({"title":"t","fields":{"n":2}})");
    const QList<MergeField> fields = ThreeWayMerge::compare(u"edition"_s, base, mine, theirs);
    QCOMPARE(field(fields, u"/fields/n"_s)->outcome, Outcome::Conflict);
    QVERIFY(field(fields, u"/fields/n"_s)->base.isUndefined());
    // Fields none of the copies has are not listed.
    QVERIFY(!field(fields, u"/change_note"_s));
}

void TestMerge::applyTakesTheChoices()
{
    const QJsonObject base = json(kBase);
    QJsonObject mine = base;
    mine[u"title"_s] = u"Mine"_s;
    QJsonObject mf = mine[u"fields"_s].toObject();
    mf[u"teaser"_s] = u"My teaser"_s;
    mf[u"tags"_s] = QJsonArray { u"a"_s };
    mine[u"fields"_s] = mf;
    QJsonObject theirs = base;
    theirs[u"title"_s] = u"Theirs"_s;
    QJsonObject tf = theirs[u"fields"_s].toObject();
    tf[u"teaser"_s] = u"Their teaser"_s;
    tf[u"body"_s] = u"Changed on the server"_s;
    theirs[u"fields"_s] = tf;

    const QList<MergeField> fields = ThreeWayMerge::compare(u"edition"_s, base, mine, theirs);
    QList<QJsonValue> chosen;
    for (const MergeField &f : fields) {
        if (f.path == "/title"_L1)
            chosen.append(f.mine);                         // keep mine
        else if (f.path == "/fields/teaser"_L1)
            chosen.append(QJsonValue(u"Both teasers"_s));  // edited
        else
            chosen.append(QJsonValue(u"ignored"_s));       // not a conflict: the outcome decides
    }
    const QJsonObject result = ThreeWayMerge::apply(theirs, fields, chosen);
    QCOMPARE(result[u"title"_s].toString(), u"Mine"_s);
    const QJsonObject rf = result[u"fields"_s].toObject();
    QCOMPARE(rf[u"teaser"_s].toString(), u"Both teasers"_s);
    QCOMPARE(rf[u"body"_s].toString(), u"Changed on the server"_s);
    QCOMPARE(rf[u"tags"_s].toArray(), (QJsonArray { u"a"_s }));
    QCOMPARE(result[u"change_note"_s].toString(), QString());
    QCOMPARE(result[u"id"_s].toInt(), 42);
}

void TestMerge::applyCanRemoveAndAddFields()
{
    const QJsonObject base = json(R"({"title":"t","fields":{"a":"base"}})");
    const QJsonObject mine = json(R"({"title":"t","fields":{"a":"mine"}})");
    const QJsonObject theirs = json(R"({"title":"t","fields":{"a":"theirs"}})");
    const QList<MergeField> fields = ThreeWayMerge::compare(u"edition"_s, base, mine, theirs);
    QCOMPARE(fields.size(), 2);
    QList<QJsonValue> chosen(fields.size());
    chosen[1] = QJsonValue(QJsonValue::Undefined);
    const QJsonObject removed = ThreeWayMerge::apply(theirs, fields, chosen);
    QVERIFY(removed.contains(u"fields"_s));
    QVERIFY(!removed[u"fields"_s].toObject().contains(u"a"_s));

    // A "fields" object theirs lacks is created for a member mine adds.
    const QJsonObject noFields = json(R"({"title":"t"})");
    const QJsonObject withField = json(R"({"title":"t","fields":{"b":true}})");
    const QList<MergeField> added = ThreeWayMerge::compare(u"edition"_s, noFields, withField, noFields);
    QCOMPARE(ThreeWayMerge::merged(noFields, added), withField);
}

void TestMerge::kinds()
{
    const QString longLine(201, u'x');
    const QJsonObject base = json(R"({"fields":{"s":"short","n":1,"o":{"k":1},"a":[1],"b":false,"m":"one\ntwo","l":""}})");
    QJsonObject mine = base;
    QJsonObject f = mine[u"fields"_s].toObject();
    f[u"l"_s] = longLine;
    mine[u"fields"_s] = f;
    const QList<MergeField> fields = ThreeWayMerge::compare(u"edition"_s, base, mine, base);
    QCOMPARE(field(fields, u"/fields/s"_s)->kind, Kind::Text);
    QCOMPARE(field(fields, u"/fields/n"_s)->kind, Kind::Text);
    QCOMPARE(field(fields, u"/fields/o"_s)->kind, Kind::Json);
    QCOMPARE(field(fields, u"/fields/a"_s)->kind, Kind::Json);
    QCOMPARE(field(fields, u"/fields/b"_s)->kind, Kind::Bool);
    QCOMPARE(field(fields, u"/fields/m"_s)->kind, Kind::LongText);
    QCOMPARE(field(fields, u"/fields/l"_s)->kind, Kind::LongText);   // long on one side is enough
}

void TestMerge::schemaFields()
{
    const QJsonObject base = json(R"({"id":5,"lock_version":2,"name":"Article","description":"d","dialect":"2020-12",
                                      "auth_policy":"writer","spec_doc":{"type":"object"}})");
    QJsonObject mine = base;
    mine[u"spec_doc"_s] = json(R"({"type":"object","required":["title"]})");
    mine[u"name"_s] = u"News article"_s;
    QJsonObject theirs = base;
    theirs[u"spec_doc"_s] = json(R"({"type":"object","additionalProperties":false})");
    theirs[u"auth_policy"_s] = u"editor"_s;
    const QList<MergeField> fields = ThreeWayMerge::compare(u"schema"_s, base, mine, theirs);
    QStringList paths;
    for (const MergeField &f : fields)
        paths.append(f.path);
    QCOMPARE(paths, (QStringList { u"/name"_s, u"/description"_s, u"/auth_policy"_s, u"/spec_doc"_s }));
    QCOMPARE(field(fields, u"/spec_doc"_s)->outcome, Outcome::Conflict);
    QCOMPARE(field(fields, u"/spec_doc"_s)->kind, Kind::Json);
    QCOMPARE(field(fields, u"/name"_s)->outcome, Outcome::Mine);
    QCOMPARE(field(fields, u"/auth_policy"_s)->outcome, Outcome::Theirs);
    QCOMPARE(field(fields, u"/description"_s)->outcome, Outcome::Unchanged);
}

void TestMerge::otherEntitiesUseEveryMember()
{
    const QJsonObject base = json(R"({"body":"b","a~b":1})");
    const QJsonObject mine = json(R"({"body":"c","a~b":1})");
    const QList<MergeField> fields = ThreeWayMerge::compare(u"remark"_s, base, mine, base);
    QCOMPARE(fields.size(), 2);
    QCOMPARE(fields.at(0).path, u"/a~0b"_s);
    QCOMPARE(fields.at(1).path, u"/body"_s);
    QCOMPARE(fields.at(1).outcome, Outcome::Mine);
    QCOMPARE(ThreeWayMerge::merged(base, fields), mine);
}

void TestMerge::lineDiff_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("equal") << u"a\nb"_s << u"a\nb"_s << QStringList { u"  a"_s, u"  b"_s };
    QTest::newRow("both-empty") << QString() << QString() << QStringList {};
    QTest::newRow("from-empty") << QString() << u"a\nb"_s << QStringList { u"+ a"_s, u"+ b"_s };
    QTest::newRow("to-empty") << u"a"_s << QString() << QStringList { u"- a"_s };
    QTest::newRow("line-changed") << u"one\ntwo\nthree"_s << u"one\n2\nthree"_s
                                  << QStringList { u"  one"_s, u"- two"_s, u"+ 2"_s, u"  three"_s };
    QTest::newRow("line-inserted") << u"a\nc"_s << u"a\nb\nc"_s << QStringList { u"  a"_s, u"+ b"_s, u"  c"_s };
    QTest::newRow("line-removed") << u"a\nb\nc"_s << u"a\nc"_s << QStringList { u"  a"_s, u"- b"_s, u"  c"_s };
    QTest::newRow("lcs-in-the-middle") << u"x\na\nb\nc\ny"_s << u"z\na\nc\nb\nw"_s
                                       << QStringList { u"- x"_s, u"+ z"_s, u"  a"_s, u"- b"_s, u"  c"_s,
                                                        u"- y"_s, u"+ b"_s, u"+ w"_s };
    QTest::newRow("trailing-newline") << u"a\n"_s << u"a\nb\n"_s << QStringList { u"  a"_s, u"+ b"_s };
    QTest::newRow("crlf") << u"a\r\nb"_s << u"a\nb"_s << QStringList { u"  a"_s, u"  b"_s };
}

void TestMerge::lineDiff()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, expected);
    QCOMPARE(ThreeWayMerge::lineDiff(from, to), expected);
}

QTEST_GUILESS_MAIN(TestMerge)
#include "tst_merge.moc"
