#pragma once

#include "domain/result.h"
#include "schemavalidator.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>
#include <QString>

QT_BEGIN_NAMESPACE
class QThreadPool;
QT_END_NAMESPACE

namespace Galley {

// One item of content an impact analysis checks: an edition's fields.
struct ImpactItem
{
    qint64 id = 0;           // the edition
    qint64 documentId = 0;
    QString state;           // its workflow state, as on the wire ("draft", "published", …)
    QByteArray fields;       // the content, JSON
};

// One structural difference between a schema and a candidate for replacing it.
struct SchemaChange
{
    enum class Kind {
        RequiredAdded,        // a field became required
        RequiredRemoved,
        FieldAdded,           // a new optional field
        FieldRemoved,
        TypeChanged,          // the allowed types lost one (or a type was set where any was allowed)
        TypeWidened,
        ConstraintNarrowed,   // a min went up, a max down, enum values went, a pattern/format/const/… came or changed
        ConstraintWidened,
        ExtraFieldsClosed,    // additionalProperties / unevaluatedProperties false (or a schema) where any was allowed
        RulesChanged,         // allOf/anyOf/oneOf/not/if/then/else/contains/… differ: the counts tell what it does
    };

    Kind kind = Kind::RulesChanged;
    // The content field it concerns, array items as "*" ("/segments/*/name"); "" for the document.
    QString field;
    // The keyword in the candidate ("/properties/auditor", "/required"); in the old schema for
    // what the candidate no longer has.
    QString schemaPointer;
    QString keyword;         // "required", "maxLength", "enum", "properties", …
    QJsonValue before;       // the keyword's value in the old schema; Undefined when absent
    QJsonValue after;        // … in the candidate
    QString sentence;        // for the editor: "Auditor is now required", …
    bool breaking = false;   // existing content may fail because of it

    friend bool operator==(const SchemaChange &, const SchemaChange &) = default;
};

// What saving a changed schema would do to existing content, before it is saved: the
// structural changes, and every item validated against the candidate — how many fail (and how
// many of those pass today), why (aggregated per field as the server does: array indices as
// "*", a missing required member as its own pointer), and which (the first few, by id).
//
// toJson() is the answer of the server's POST /schemas/{id}/impact (dialect, checked, failing,
// fields, editions), computed the same way, plus members the server does not send:
// "newly_failing", "changes", and per entry "example_sentence", "sentence", "schema_pointer"
// and "newly_failing". fromJson() reads either, so the desktop shows a local and a server
// answer alike.
class SchemaImpact
{
public:
    struct FieldCount
    {
        QString pointer;             // "/auditor", "/segments/*/name"
        qint64 count = 0;            // failing items with a problem there
        QString exampleMessage;      // the validator's message of the first of them
        QString exampleSentence;     // … its editor sentence (local answers only)
        friend bool operator==(const FieldCount &, const FieldCount &) = default;
    };
    struct FailingItem
    {
        qint64 id = 0;
        qint64 documentId = 0;
        QString state;
        bool newlyFailing = false;   // valid under the old schema (local answers only)
        QList<SchemaProblem> problems;
        friend bool operator==(const FailingItem &, const FailingItem &) = default;
    };
    struct Options
    {
        int listedItems = 50;            // failing items listed, the first by id (the server lists 50)
        QThreadPool *pool = nullptr;     // where items are validated; the global pool when null
    };

    QString dialect;                     // of the candidate
    qint64 checked = 0;
    qint64 failing = 0;                  // items invalid under the candidate
    qint64 newlyFailing = 0;             // … of which valid under the old schema
    QList<FieldCount> fields;            // most frequent first
    QList<FailingItem> items;            // the first Options::listedItems failing items, by id
    QList<SchemaChange> changes;         // breaking ones first
    // The candidate is no valid schema: its problems, and nothing else is filled in.
    QList<SchemaProblem> candidateProblems;

    // Saving needs an explicit confirmation that states `failing`.
    bool isBreaking() const { return failing > 0; }
    bool hasBreakingChanges() const;

    QJsonObject toJson() const;
    static SchemaImpact fromJson(const QJsonObject &data);

    // The structural differences (both texts must be JSON objects; an empty list otherwise).
    static QList<SchemaChange> diff(const QByteArray &oldSpec, const QByteArray &candidateSpec);

    // Validates `items` against the candidate (and, for the ones that fail, the old schema) on
    // every core, and summarises. `oldSpec` may be empty (a new schema): nothing is "newly"
    // failing then and there are no changes.
    static SchemaImpact analyse(const QByteArray &oldSpec, const QByteArray &candidateSpec, const QList<ImpactItem> &items,
                                const Options &options);
    static SchemaImpact analyse(const QByteArray &oldSpec, const QByteArray &candidateSpec, const QList<ImpactItem> &items)
    {
        return analyse(oldSpec, candidateSpec, items, Options {});
    }

    // The items the server counts, from the local replica: the latest and the live edition of
    // every document of the schema, by edition id. "Latest" is the newest edition that is not
    // deleted (the newest of all when every one is), "live" the newest published or withdrawn
    // one — as the server's documents.latest_edition_id / live_edition_id.
    static Result<QList<ImpactItem>> replicaItems(QSqlDatabase &db, qint64 schemaId);
    // analyse() of the replica's items against the schema as the replica has it, reading and
    // validating at the same time (on the calling thread's connection: meant for a worker).
    static Result<SchemaImpact> analyseReplica(QSqlDatabase &db, qint64 schemaId, const QByteArray &candidateSpec,
                                               const Options &options);
    static Result<SchemaImpact> analyseReplica(QSqlDatabase &db, qint64 schemaId, const QByteArray &candidateSpec)
    {
        return analyseReplica(db, schemaId, candidateSpec, Options {});
    }

    // analyse() remembers, for the saved schema it was last given, whether each failing item
    // (by id and content) was valid under it, and skips that half of the work next time while
    // the item is unchanged. Analysing the saved schema against itself (the editor's "how many
    // items fail today") remembers every item, so that the first candidate is quick too.
    // This forgets it all (tests, benchmarks, memory).
    static void forgetRememberedBaselines();

    // "/photos/3/caption" → "/photos/*/caption", plus the missing member of a "required"
    // problem: the field a problem is counted under.
    static QString fieldOf(const SchemaProblem &problem);
};

} // namespace Galley
