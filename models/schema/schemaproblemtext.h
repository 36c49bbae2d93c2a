#pragma once

#include <QCoreApplication>
#include <QJsonValue>
#include <QString>

namespace Galley {

// What SchemaValidator knows about one failed keyword, in Qt types, for the editor's sentence.
struct SchemaProblemFacts
{
    // The JSON type of a value as JSON Schema names it; Missing when there is none.
    enum class Kind { Missing, Null, Boolean, Integer, Number, String, Array, Object };

    QString keyword;          // "minimum", "required", "format", …
    // Who failed, as the editor should read it: the field's title, its property name made
    // readable, or (for problems of a schema itself) the member name in quotes. Never empty.
    QString field;
    // required / dependentRequired: the missing member; additionalProperties, unevaluated…,
    // propertyNames: the member that is not allowed. Readable (title or humanised) for
    // required members, as written for unknown ones.
    QString property;
    // dependentRequired / dependencies: the member whose presence requires `property`.
    QString trigger;
    // The keyword's value in the schema (minimum: 0, enum: [...], format: "date"); Undefined
    // when the validator could not find it.
    QJsonValue constraint;
    // The failing value: its type, a short text ("-3", "draft"; strings as they are) and its
    // size (characters of a string, items of an array, members of an object).
    Kind kind = Kind::Missing;
    QString valueText;
    qsizetype valueSize = 0;
    // Numbers the raw message states when the constraint could not be read from the schema
    // ("Expected string, found integer" → expected "string").
    QString rawMessage;
    // Checking a schema against its meta-schema (names are members, not fields).
    bool schemaDocument = false;
};

// Editor sentences for validation failures ("Revenue must be at least 0", "Auditor is
// required", "Published on must be a date like 2026-11-22", "Choose one of: draft, final").
// Every keyword SchemaValidator can report has its own wording; anything else falls back to the
// field and the validator's own message. Translated in the "Galley::SchemaProblemText" context.
class SchemaProblemText
{
    Q_DECLARE_TR_FUNCTIONS(Galley::SchemaProblemText)
public:
    static QString sentence(const SchemaProblemFacts &facts);

    // "published_on" → "Published on", "leadImage" → "Lead image", "SEO-title" → "SEO title".
    static QString humanise(const QString &propertyName);
    // "Tags (item 3)" for the third element of an array field called Tags.
    static QString item(const QString &arrayField, qsizetype index);
    // The whole document when a problem has no field: "The content" / "The schema".
    static QString wholeDocument(bool schemaDocument);
    // A member name as written, quoted for a sentence: “minLength”.
    static QString quoted(const QString &name);
    // "a number", "text", "a list", … for a JSON Schema type name ("number", "string", …).
    static QString typePhrase(const QString &typeName);
    static QString kindName(SchemaProblemFacts::Kind kind);
    // "a date like 2026-11-22" for a `format` name.
    static QString formatPhrase(const QString &format);
    // A JSON value as the editor reads it: strings without quotes, the rest as JSON.
    static QString valueText(const QJsonValue &value);
};

} // namespace Galley
