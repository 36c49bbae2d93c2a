#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace Galley {

// A three-way merge of one entity's wire JSON, field by field. The fields of an edition are
// its title, change_note, minor_change and each top-level member of "fields"; of a schema its
// name, description, auth_policy and spec_doc. Path is a JSON pointer into the entity
// ("/title", "/fields/body").
struct MergeField
{
    enum class Kind { Text, LongText, Bool, Json };
    enum class Outcome {
        Unchanged,   // nobody changed it
        Mine,        // only I changed it: mine is taken
        Theirs,      // only they changed it: theirs is taken
        Same,        // both changed it to the same value
        Conflict,    // both changed it differently: a person decides
    };
    QString path;
    QString label;       // "Title", "Fields › body"
    Kind kind = Kind::Text;
    QJsonValue base;     // undefined: absent
    QJsonValue mine;
    QJsonValue theirs;
    Outcome outcome = Outcome::Unchanged;
};

class ThreeWayMerge
{
public:
    // entity: "edition" or "schema" (others: every top-level member is a field).
    static QList<MergeField> compare(const QString &entity, const QJsonObject &base, const QJsonObject &mine,
                                     const QJsonObject &theirs);
    static bool hasConflict(const QList<MergeField> &fields);
    // theirs with every field set to its chosen value (for a Conflict, `chosen` decides; for the
    // others the outcome does). chosen: one value per field, same order; undefined = absent.
    static QJsonObject apply(const QJsonObject &theirs, const QList<MergeField> &fields, const QList<QJsonValue> &chosen);
    // The automatic result when there is no conflict.
    static QJsonObject merged(const QJsonObject &theirs, const QList<MergeField> &fields);
    // A line diff of two texts for the dialog: each line prefixed with "  ", "- " or "+ ".
    static QStringList lineDiff(const QString &from, const QString &to);
};

} // namespace Galley
