#pragma once

// How SchemaForm reads a JSON Schema, without widgets: JSON pointers and paths into the value,
// subschemas with $ref and allOf resolved, the kind of editor each one gets, enumerations,
// oneOf/anyOf branches, whether a value fits, default values, and the property order of the
// schema's text. Private to SchemaForm (schemaform.cpp).

#include "schema/jsontext.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace Galley::SchemaFormDetail {

constexpr int kMaxDepth = 24;

struct Seg
{
    QString key;
    qsizetype index = -1;
    bool isIndex() const { return index >= 0; }
};
using Path = QList<Seg>;

QString pointerOf(const Path &path);
Path child(Path path, const QString &key);
Path item(Path path, qsizetype index);
// The value at path; Undefined when there is none.
QJsonValue valueAt(const QJsonValue &root, const Path &path);
// root with the value at path[from…] replaced by v; Undefined removes a member (a list item
// becomes null instead: a field never shortens a list). Missing objects and lists on the way
// are created, unless there is nothing to write.
QJsonValue withValueAt(const QJsonValue &root, const Path &path, qsizetype from, const QJsonValue &v);
QString compactJson(const QJsonValue &v);
QString indentedJson(const QJsonValue &v);
// Any JSON value from its text; nullopt (and why in error) when it does not parse.
std::optional<QJsonValue> parseJsonValue(const QString &text, QString *error);
// What a JSON value looks like in a combo box or a note.
QString displayValue(const QJsonValue &v);
// For every object in a JSON text, its keys in the order of the text, by location ("#",
// "#/properties/period", …). Empty when the text does not parse.
QHash<QString, QStringList> keyOrderOf(const QByteArray &text);

// A subschema with $ref and allOf resolved.
struct Sub
{
    QJsonObject s;
    // Property names in the order the form shows them.
    QStringList order;
    // Where each property's schema and each keyword's value is in the schema document (JSON
    // pointers), for the key order of nested objects; empty where it came from a merge.
    QHash<QString, QString> propLoc;
    QHash<QString, QString> keywordLoc;
    bool never = false; // the `false` schema: nothing may be here
    QString note; // why the form cannot follow the schema here ($ref not found, …)

    QString at(const QString &keyword) const
    {
        const auto it = keywordLoc.constFind(keyword);
        return it == keywordLoc.cend() || it->isEmpty() ? QString() : *it + u'/' + JsonText::escapePointerToken(keyword);
    }
};

enum class Kind {
    Const,
    Enum,
    Choice,
    Object,
    Array,
    MultiEnum,
    Text,
    TextArea,
    Markdown,
    Date,
    DateTime,
    Email,
    Uri,
    Integer,
    Number,
    Boolean,
    Raw,
};

struct Option
{
    QJsonValue value;
    QString title;
};

struct Branch
{
    Sub sub;
    QString title;
    QString location; // of the branch in the schema document; empty when unknown
};

struct Bounds
{
    std::optional<double> low; // the lowest value stepping reaches (inclusive)
    std::optional<double> high;
    std::optional<double> minimum, maximum; // as the schema says
    bool exclusiveMin = false, exclusiveMax = false;
    double step = 1;
    bool multipleOf = false;
};

QStringList typesOf(const QJsonObject &s);
bool isNullable(const QJsonObject &s);
QSet<QString> requiredOf(const QJsonObject &s);
Bounds boundsOf(const QJsonObject &s, bool integer);
// "Segments" → "Segment", "Categories" → "Category".
QString singular(const QString &plural);
// "Segment" → "segment", "URL" stays "URL": for "Add segment".
QString lowerNoun(const QString &noun);

// Reads subschemas of one schema document (root). Locations are JSON pointers into it,
// written as URI fragments ("#/$defs/amount"); an empty location means "unknown" (a merge).
class SchemaWalker
{
public:
    QJsonObject root;
    QHash<QString, QStringList> keyOrder; // keyOrderOf() the schema's text

    // raw (found at location) with $ref followed and allOf merged in.
    Sub resolve(const QJsonValue &raw, const QString &location, int depth = 0) const;
    Sub propertySub(const Sub &parent, const QString &name) const;
    // The editor a subschema gets.
    Kind classify(const Sub &sub, int depth = 0) const;
    bool isEnumLike(const Sub &sub) const;
    // `enum` (titles from x-enumNames/enumNames) or oneOf/anyOf of `const`s (titles from `title`).
    QList<Option> enumOptions(const Sub &sub) const;
    // oneOf/anyOf branches, each merged with the rest of sub (its common properties).
    QList<Branch> branches(const Sub &sub) const;
    // Whether the editor of sub can show v (its JSON type); Undefined always fits.
    bool fits(const Sub &sub, const QJsonValue &v, int depth = 0) const;
    // default, const, or what a new value holds; concrete: something even where nothing is
    // required (a new list item, a chosen branch).
    QJsonValue defaultFor(const Sub &sub, bool concrete, int depth = 0) const;
    void overlay(Sub &dst, const Sub &src, bool srcWins) const;

private:
    std::optional<QJsonValue> lookupRef(const QString &ref, QString *location) const;
    QStringList orderFor(const QJsonObject &properties, const QString &location) const;
};

} // namespace Galley::SchemaFormDetail
