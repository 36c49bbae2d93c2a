#include "domain/content.h"
#include "domain/enums.h"
#include "store/editionquery.h"

#include <QTest>

using namespace Galley;
using namespace Qt::StringLiterals;

class TestEnums : public QObject
{
    Q_OBJECT

    template<typename E>
    static void roundTrips(std::span<const E> values, const QStringList &wire)
    {
        QCOMPARE(qsizetype(values.size()), wire.size());
        for (size_t i = 0; i < values.size(); ++i) {
            QCOMPARE(toWire(values[i]), wire.at(qsizetype(i)));
            QCOMPARE(fromWire<E>(wire.at(qsizetype(i))), std::optional<E>(values[i]));
            QVERIFY(!displayName(values[i]).isEmpty());
        }
        QCOMPARE(fromWire<E>(u"no_such_value"), std::nullopt);
        QCOMPARE(fromWire<E>(u""), std::nullopt);
        QCOMPARE(fromWire<E>(wire.first().toUpper()), std::nullopt);   // wire names are exact
    }

private Q_SLOTS:
    void wireNamesMatchTheApi()
    {
        roundTrips(allEditionStates(),
                   { u"draft"_s, u"submitted"_s, u"rejected"_s, u"scheduled"_s, u"published"_s, u"withdrawn"_s,
                     u"unpublished"_s, u"superseded"_s, u"deleted"_s });
        roundTrips(allRoles(), { u"viewer"_s, u"writer"_s, u"editor"_s, u"managing_editor"_s, u"schema_designer"_s, u"admin"_s });
        roundTrips(allPublishingStatuses(), { u"pending"_s, u"publishing"_s, u"published"_s, u"failed"_s });
        roundTrips(allDeploymentStatuses(), { u"pending"_s, u"deploying"_s, u"deployed"_s, u"failed"_s, u"rolled_back"_s });
        roundTrips(allUnpublishingReasons(), { u"published_in_error"_s, u"consolidated"_s, u"withdrawn"_s, u"archived"_s });
        roundTrips(allLinkStatuses(), { u"ok"_s, u"caution"_s, u"broken"_s, u"danger"_s });
        QCOMPARE(fromWire<SchemaDialect>(u"draft-07"), SchemaDialect::Draft7);
        QCOMPARE(fromWire<SchemaDialect>(u"2020-12"), SchemaDialect::Draft2020_12);
        QCOMPARE(toWire(SchemaDialect::Draft2020_12), u"2020-12"_s);
    }

    void stateProperties_data()
    {
        QTest::addColumn<EditionState>("state");
        QTest::addColumn<bool>("visible");
        QTest::addColumn<bool>("editable");
        QTest::addColumn<bool>("frozen");
        QTest::addColumn<bool>("prePublication");
        // workflow.md's table, row by row
        QTest::newRow("draft") << EditionState::Draft << false << true << false << true;
        QTest::newRow("submitted") << EditionState::Submitted << false << true << false << true;
        QTest::newRow("rejected") << EditionState::Rejected << false << true << false << true;
        QTest::newRow("scheduled") << EditionState::Scheduled << false << false << false << true;
        QTest::newRow("published") << EditionState::Published << true << false << false << false;
        QTest::newRow("withdrawn") << EditionState::Withdrawn << true << false << false << false;
        QTest::newRow("unpublished") << EditionState::Unpublished << false << false << false << false;
        QTest::newRow("superseded") << EditionState::Superseded << false << false << true << false;
        QTest::newRow("deleted") << EditionState::Deleted << false << false << true << false;
    }

    void stateProperties()
    {
        QFETCH(EditionState, state);
        QFETCH(bool, visible);
        QFETCH(bool, editable);
        QFETCH(bool, frozen);
        QFETCH(bool, prePublication);
        QCOMPARE(isPubliclyVisible(state), visible);
        QCOMPARE(isEditable(state), editable);
        QCOMPARE(isFrozen(state), frozen);
        QCOMPARE(isPrePublication(state), prePublication);
        QCOMPARE(isOpen(state), editable);   // open for work = editable
    }

    void dialectUris()
    {
        QCOMPARE(dialectFromUri(schemaUri(SchemaDialect::Draft7)), SchemaDialect::Draft7);
        QCOMPARE(dialectFromUri(schemaUri(SchemaDialect::Draft2020_12)), SchemaDialect::Draft2020_12);
        QCOMPARE(dialectFromUri(u"http://json-schema.org/draft-04/schema#"), std::nullopt);
    }

    void versionNumbers()
    {
        QCOMPARE((VersionNumber { 0, 0 }).toString(), QString());
        QCOMPARE((VersionNumber { 1, 0 }).toString(), u"1.0"_s);
        QCOMPARE((VersionNumber { 2, 13 }).toString(), u"2.13"_s);
        QVERIFY(!(VersionNumber {}).isSet());
    }

    void ftsQueries_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("query");
        QTest::newRow("one-word-being-typed") << u"budg"_s << u"\"budg\"*"_s;
        QTest::newRow("finished-word") << u"budget "_s << u"\"budget\""_s;
        QTest::newRow("two-words") << u"annual rep"_s << u"\"annual\" \"rep\"*"_s;
        QTest::newRow("quotes-stripped") << u"\"quoted\" text"_s << u"\"quoted\" \"text\"*"_s;
        QTest::newRow("operators-are-words") << u"a OR b"_s << u"\"a\" \"OR\" \"b\"*"_s;
        QTest::newRow("punctuation-only") << u"*()-:'"_s << QString();
        QTest::newRow("umlauts") << u"Bürgermeister"_s << u"\"Bürgermeister\"*"_s;
        QTest::newRow("blank") << u"   "_s << QString();
    }

    void ftsQueries()
    {
        QFETCH(QString, typed);
        QFETCH(QString, query);
        QCOMPARE(EditionQuery::ftsQuery(typed), query);
    }
};

QTEST_GUILESS_MAIN(TestEnums)
#include "tst_enums.moc"
