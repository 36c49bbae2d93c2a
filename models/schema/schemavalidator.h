#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QLatin1StringView>
#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QThreadPool;
QT_END_NAMESPACE

namespace Galley {

// One thing wrong with a JSON document checked against a schema (or a schema checked against
// its meta-schema): where, what, and which JSON Schema keyword said so.
struct SchemaProblem
{
    // A JSON pointer (RFC 6901) into the document that was checked: "/properties/title/type";
    // empty for the document as a whole.
    QString pointer;
    // One English sentence (jsoncons' wording for keyword failures), as the server's API reports it.
    QString message;
    // The keyword that failed ("type", "minimum", "$ref", "$schema", …), or "syntax" for a
    // document that does not parse.
    QString keyword;
    // "required" failures (and "dependentRequired" / Draft 7 "dependencies" naming members):
    // the missing property, the pointer being the object that lacks it, so that an editor can
    // point at the form field. (jsoncons puts the member that triggered a dependency into the
    // pointer and reports a failing "additionalProperties" schema at the object; both are put
    // back where they belong.)
    QString property;
    // Keyword failures: a JSON pointer to the failing keyword in the schema that was applied
    // ("/properties/revenue/minimum", "/$defs/image/required"); empty when it is not known (a
    // syntax error, a schema outside the document).
    QString schemaPointer;
    // The same problem told to an editor, translated: "Revenue must be at least 0", "Auditor is
    // required", "Published on must be a date like 2026-11-22", "Choose one of: draft, final".
    // Built from the keyword, the failing value, the field's `title` in the schema (else its
    // property name made readable) and the constraint. Problems of a schema itself (checked
    // against its meta-schema) name the schema's members as written: "“minLength” must be at
    // least 0".
    QString sentence;
    // Syntax errors only: where the parser stopped, as a byte offset into the text (0-based)
    // and as line and column (1-based). -1/0 otherwise.
    qsizetype offset = -1;
    int line = 0;
    int column = 0;

    friend bool operator==(const SchemaProblem &, const SchemaProblem &) = default;
};

// A content schema (JSON Schema Draft 7, 2019-09 or 2020-12), checked and compiled once, then
// used to validate any number of instances. The desktop's schema editor and the server use the
// same checks, so what one accepts the other does too.
//
// Checking a schema means: the text parses, is a JSON object, names a dialect Galley knows in
// `$schema` (absent: 2020-12), is valid under that dialect's meta-schema, has no `$ref` that
// cannot be resolved inside the document (Galley never loads schemas from the network), has
// `pattern`s that are valid regular expressions, and compiles for instance validation.
// `format` is asserted when validating instances ("date", "email", "uri", …), as an editor
// expects of a form.
//
// Copies share the compiled schema. Every const function is safe to call from several threads
// at once; jsoncons stays inside schemavalidator.cpp. SchemaValidatorCache keeps compiled
// validators by schema id and lock version; SchemaImpact uses them for impact analysis.
class SchemaValidator
{
public:
    struct Options
    {
        // Schema documents a `$ref` may point at besides the schema itself, by absolute URI
        // without fragment ("https://example.com/address.json" → its JSON text). Galley never
        // loads a schema from the network; tools and tests hand shared documents over here.
        QHash<QString, QByteArray> documents;
    };

    // The dialect names used on the wire and in the database.
    static constexpr QLatin1StringView kDraft7 { "draft-07" };
    static constexpr QLatin1StringView kDraft2019_09 { "2019-09" };
    static constexpr QLatin1StringView kDraft2020_12 { "2020-12" };

    // An empty validator: not valid, validates nothing.
    SchemaValidator();
    // Checks and compiles `specJson`; see isValid() and problems().
    explicit SchemaValidator(const QByteArray &specJson);
    SchemaValidator(const QByteArray &specJson, const Options &options);
    ~SchemaValidator();
    SchemaValidator(const SchemaValidator &);
    SchemaValidator &operator=(const SchemaValidator &);
    SchemaValidator(SchemaValidator &&) noexcept;
    SchemaValidator &operator=(SchemaValidator &&) noexcept;

    // True when the schema had no problems and compiled.
    bool isValid() const;
    // The schema's problems, pointers into the schema document, in document order.
    const QList<SchemaProblem> &problems() const;
    // "draft-07", "2019-09" or "2020-12"; empty when `$schema` names none of them (or the text
    // did not parse).
    const QString &dialect() const;

    // Validates one instance (JSON text) against this schema; an empty list when it is valid.
    // Pointers are into the instance. An invalid validator answers with one problem saying so.
    QList<SchemaProblem> validateInstance(const QByteArray &instanceJson) const;
    // Whether the instance is valid, stopping at the first problem (false for an invalid
    // validator or an instance that does not parse).
    bool isValidInstance(const QByteArray &instanceJson) const;
    // validateInstance() of each instance, in order, on `pool` (the global pool when null) in
    // chunks, so that every core takes part; blocks until all are done.
    QList<QList<SchemaProblem>> validateInstances(const QList<QByteArray> &instances, QThreadPool *pool = nullptr) const;
    // For impact analysis: validateInstance() under this schema and, parsing the text once,
    // whether the instance is valid under `before` (set only when this schema finds problems;
    // true when `before` is not a valid validator). `validBefore` may be null.
    QList<SchemaProblem> compareInstance(const QByteArray &instanceJson, const SchemaValidator &before,
                                         bool *validBefore) const;

    // What validateSchema() found: the dialect (as dialect()) and the problems (as problems()).
    struct Report
    {
        QString dialect;
        QList<SchemaProblem> problems;
        bool isValid() const { return problems.isEmpty(); }
    };
    static Report validateSchema(const QByteArray &specJson);
    static Report validateSchema(const QByteArray &specJson, const Options &options);
    // One-off validation; compiles `specJson` every time (keep a SchemaValidator to reuse it).
    static QList<SchemaProblem> validateInstance(const QByteArray &specJson, const QByteArray &instanceJson);

    // The `$schema` URI a dialect name stands for; empty for an unknown name.
    static QString schemaUri(const QString &dialect);

    struct Private;

private:
    std::shared_ptr<const Private> d;
};

} // namespace Galley
