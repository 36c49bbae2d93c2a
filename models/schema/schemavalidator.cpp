// The only translation unit that includes jsoncons' JSON Schema headers (they take a while to
// compile): everything else sees SchemaValidator's Qt-typed interface.
#include "schemavalidator.h"

#include "schemaproblemtext.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QReadWriteLock>
#include <QRegularExpression>
#include <QSet>
#include <QThreadPool>
#include <QUrl>
#include <QtConcurrent/QtConcurrentMap>

#include <jsoncons/json.hpp>
#include <jsoncons_ext/jsonpointer/jsonpointer.hpp>
#include <jsoncons_ext/jsonschema/jsonschema.hpp>

#include <algorithm>
#include <climits>
#include <deque>
#include <exception>
#include <system_error>

using namespace Qt::StringLiterals;

namespace Galley {

namespace js = jsoncons::jsonschema;
// Documents are validated as jsoncons::json (members sorted by name): jsoncons compares
// order-preserving objects member by member in order, which would make {"a":1,"b":2} differ
// from {"b":2,"a":1} for "const", "enum" and "uniqueItems". The order the author wrote is read
// separately (OrderedJson) where problems are sorted for reading.
using Json = jsoncons::json;
using OrderedJson = jsoncons::ojson;

namespace {

// Where a schema resource (the document, an embedded "$id" schema, a document handed over in
// Options::documents) or an anchor is: its node and, inside the checked document, its pointer.
struct SchemaNode
{
    const Json *node = nullptr;
    QString pointer;
    bool inDocument = false;
};

// What the editor sentence of a failure at one place of the schema needs; cached per place.
struct PlaceInfo
{
    QString schemaPointer;
    QString keyword;              // corrected: "contains" for jsoncons' implied minContains, …
    QJsonValue constraint;
    QStringList titles;           // the field's title at each instance depth (0: the document); may be empty
    QString propertyTitle;        // required: the missing member's title
    bool booleanConstraint = false;
};

} // namespace

struct SchemaValidator::Private
{
    QString dialect;
    QList<SchemaProblem> problems;
    std::unique_ptr<js::json_schema<Json>> compiled;

    // The schema as compiled, the documents it may refer to, and where everything is in them.
    Json spec;
    std::deque<Json> documents;
    QHash<QString, SchemaNode> resources;   // base URI without fragment → resource
    QHash<QString, SchemaNode> anchors;     // "base#name" → subschema
    bool draft7 = false;

    // Sentences are made from the schema around a failure: found once per place, read from any
    // thread.
    mutable QReadWriteLock placesLock;
    mutable QHash<QByteArray, PlaceInfo> places;
};

namespace {

// Stop collecting after this many problems: a form with a thousand errors needs the first few.
constexpr qsizetype kMaxProblems = 500;
// Places remembered per validator for sentences (the schema has only so many; unknown member
// names of extra properties could otherwise grow it without end).
constexpr qsizetype kMaxPlaces = 4096;

const char *const kContext = "Galley::SchemaValidator";

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::string toStd(const QString &s)
{
    return s.toStdString();
}

// RFC 6901 escaping of one reference token.
QString escapeToken(const QString &token)
{
    QString escaped = token;
    return escaped.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

QString unescapeToken(const QString &token)
{
    QString unescaped = token;
    return unescaped.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
}

// "/a/b~1c" → {"a", "b/c"}; "" → {}.
QStringList pointerTokens(const QString &pointer)
{
    if (pointer.isEmpty())
        return {};
    QStringList tokens = pointer.mid(1).split(u'/');
    for (QString &t : tokens)
        t = unescapeToken(t);
    return tokens;
}

QString pointerOf(const QStringList &tokens, qsizetype count = -1)
{
    QString out;
    const qsizetype n = count < 0 ? tokens.size() : std::min(count, tokens.size());
    for (qsizetype i = 0; i < n; ++i)
        out += u'/' + escapeToken(tokens.at(i));
    return out;
}

bool isIndex(const QString &token)
{
    if (token.isEmpty())
        return false;
    for (const QChar c : token) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

const Json *member(const Json *node, const QString &name)
{
    if (!node || !node->is_object())
        return nullptr;
    const auto it = node->find(toStd(name));
    return it == node->object_range().end() ? nullptr : &(*it).value();
}

const Json *member(const Json *node, const char *name)
{
    if (!node || !node->is_object())
        return nullptr;
    const auto it = node->find(name);
    return it == node->object_range().end() ? nullptr : &(*it).value();
}

// One step of a JSON pointer: a member of an object or an element of an array.
const Json *child(const Json *node, const QString &token)
{
    if (!node)
        return nullptr;
    if (node->is_object())
        return member(node, token);
    if (node->is_array() && isIndex(token)) {
        const qsizetype index = token.toLongLong();
        return std::size_t(index) < node->size() ? &node->at(std::size_t(index)) : nullptr;
    }
    return nullptr;
}

const Json *walk(const Json *node, const QStringList &tokens, qsizetype count = -1)
{
    const qsizetype n = count < 0 ? tokens.size() : std::min(count, tokens.size());
    for (qsizetype i = 0; i < n && node; ++i)
        node = child(node, tokens.at(i));
    return node;
}

// A small JSON value (a keyword's constraint) in Qt's terms.
QJsonValue toQt(const Json &value)
{
    if (value.is_bool())
        return value.as_bool();
    if (value.is_null())
        return QJsonValue(QJsonValue::Null);
    if (value.is_string())
        return fromStd(value.as_string());
    if (value.is_number())
        return value.as_double();
    const std::string text = value.to_string();
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text));
    if (doc.isArray())
        return doc.array();
    if (doc.isObject())
        return doc.object();
    return {};
}

// A problem the validator itself words (not jsoncons): the English message for the API and the
// translated sentence for the editor, from one source text.
SchemaProblem own(const QString &pointer, const QString &keyword, const char *source, const QStringList &args = {})
{
    QString message = QString::fromUtf8(source);
    QString sentence = QCoreApplication::translate(kContext, source);
    switch (args.size()) {
    case 0:
        break;
    case 1:
        message = message.arg(args.at(0));
        sentence = sentence.arg(args.at(0));
        break;
    case 2:
        message = message.arg(args.at(0), args.at(1));
        sentence = sentence.arg(args.at(0), args.at(1));
        break;
    case 3:
        message = message.arg(args.at(0), args.at(1), args.at(2));
        sentence = sentence.arg(args.at(0), args.at(1), args.at(2));
        break;
    default:
        message = message.arg(args.at(0), args.at(1), args.at(2), args.at(3));
        sentence = sentence.arg(args.at(0), args.at(1), args.at(2), args.at(3));
        break;
    }
    SchemaProblem p;
    p.pointer = pointer;
    p.message = message;
    p.sentence = sentence;
    p.keyword = keyword;
    return p;
}

// Strict JSON (no comments, no trailing commas) into an order-keeping document; nullopt with a
// syntax problem (offset, line, column) when the text does not parse.
template <class J = Json>
std::optional<J> parseJson(const QByteArray &text, SchemaProblem *syntax)
{
    jsoncons::json_options options;
    options.allow_comments(false);
    options.allow_trailing_comma(false);
    jsoncons::json_decoder<J> decoder;
    jsoncons::basic_json_parser<char> parser(options);
    parser.update(text.constData(), std::size_t(text.size()));
    std::error_code ec;
    parser.parse_some(decoder, ec);
    if (!ec)
        parser.finish_parse(decoder, ec);
    bool trailing = false;
    if (!ec) {
        parser.check_done(ec);
        trailing = bool(ec);
    }
    if (!ec && !decoder.is_valid())
        ec = jsoncons::json_errc::unexpected_eof;
    if (ec) {
        syntax->keyword = u"syntax"_s;
        syntax->pointer.clear();
        if (trailing) {
            // check_done() stops at the offending character but does not count columns.
            syntax->offset = qsizetype(std::min<std::size_t>(parser.offset(), std::size_t(text.size())));
            const qsizetype lineStart = text.lastIndexOf('\n', syntax->offset - 1) + 1;
            syntax->line = int(text.left(syntax->offset).count('\n')) + 1;
            syntax->column = int(syntax->offset - lineStart) + 1;
        } else {
            syntax->line = int(parser.line());
            syntax->column = int(parser.column());
            qsizetype lineStart = 0;
            for (int l = 1; l < syntax->line && lineStart >= 0; ++l) {
                lineStart = text.indexOf('\n', lineStart);
                if (lineStart >= 0)
                    ++lineStart;
            }
            syntax->offset = std::min(std::max<qsizetype>(lineStart, 0) + syntax->column - 1, text.size());
            // "Extra comma" is reported after the bracket that follows it: point at the comma.
            if (ec == jsoncons::json_errc::extra_comma) {
                if (const qsizetype comma = text.lastIndexOf(',', syntax->offset - 1); comma >= 0) {
                    syntax->offset = comma;
                    syntax->line = int(text.left(comma).count('\n')) + 1;
                    syntax->column = int(comma - (text.lastIndexOf('\n', comma - 1) + 1)) + 1;
                }
            }
        }
        const QString reason = fromStd(ec.message());
        syntax->message = u"The JSON does not parse: %1 at line %2, column %3 (byte %4)."_s
                                  .arg(reason)
                                  .arg(syntax->line)
                                  .arg(syntax->column)
                                  .arg(syntax->offset);
        syntax->sentence = QCoreApplication::translate(kContext, "The text is not valid JSON at line %1, column %2: %3")
                                   .arg(syntax->line)
                                   .arg(syntax->column)
                                   .arg(reason);
        return std::nullopt;
    }
    return decoder.get_result();
}

// Keywords whose value is one subschema, an array of subschemas, or a map of names to subschemas.
const QSet<QString> &schemaKeywords()
{
    static const QSet<QString> k { u"additionalProperties"_s, u"additionalItems"_s, u"items"_s, u"contains"_s,
                                   u"propertyNames"_s, u"if"_s, u"then"_s, u"else"_s, u"not"_s,
                                   u"unevaluatedItems"_s, u"unevaluatedProperties"_s, u"contentSchema"_s };
    return k;
}

const QSet<QString> &schemaArrayKeywords()
{
    static const QSet<QString> k { u"allOf"_s, u"anyOf"_s, u"oneOf"_s, u"prefixItems"_s, u"items"_s };
    return k;
}

const QSet<QString> &schemaMapKeywords()
{
    static const QSet<QString> k { u"properties"_s, u"patternProperties"_s, u"$defs"_s, u"definitions"_s,
                                   u"dependentSchemas"_s, u"dependencies"_s };
    return k;
}

// ---------------------------------------------------------------------------------------------
// Dialects

struct Dialect
{
    QString name;            // "draft-07", …
    std::string uri;         // as jsoncons spells it in schema_version
};

const Dialect &draft7()
{
    static const Dialect d { QString(SchemaValidator::kDraft7), js::schema_version::draft7() };
    return d;
}

const Dialect &draft201909()
{
    static const Dialect d { QString(SchemaValidator::kDraft2019_09), js::schema_version::draft201909() };
    return d;
}

const Dialect &draft202012()
{
    static const Dialect d { QString(SchemaValidator::kDraft2020_12), js::schema_version::draft202012() };
    return d;
}

// "http(s)://json-schema.org/…/schema" with or without an empty fragment.
const Dialect *dialectOf(QStringView uri)
{
    QString u = uri.trimmed().toString();
    if (u.endsWith(u'#'))
        u.chop(1);
    if (u.startsWith("http://"_L1))
        u.replace(0, 7, u"https://"_s);
    if (u == "https://json-schema.org/draft-07/schema"_L1)
        return &draft7();
    if (u == "https://json-schema.org/draft/2019-09/schema"_L1)
        return &draft201909();
    if (u == "https://json-schema.org/draft/2020-12/schema"_L1)
        return &draft202012();
    return nullptr;
}

// jsoncons reports a failing "additionalProperties" subschema as one summary ("Additional
// property 'a' found but was invalid.") and drops the reasons, and the meta-schemas check every
// member of "properties", "$defs", … that way. `"patternProperties": {"": S}` means the same as
// `"additionalProperties": S` where there are no sibling "properties"/"patternProperties", and
// jsoncons passes its failures through with their own pointers; so the meta-schemas are
// rewritten that way before they are compiled.
void passThroughAdditionalProperties(Json &schema)
{
    if (!schema.is_object())
        return;
    if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()
        && !schema.contains("properties") && !schema.contains("patternProperties")) {
        Json patterns(jsoncons::json_object_arg);
        patterns.insert_or_assign("", schema["additionalProperties"]);
        schema.erase("additionalProperties");
        schema.insert_or_assign("patternProperties", std::move(patterns));
    }
    for (auto &member : schema.object_range()) {
        const QString key = fromStd(std::string(member.key()));
        Json &value = member.value();
        if (schemaKeywords().contains(key) || key == "additionalProperties"_L1)
            passThroughAdditionalProperties(value);
        if (schemaArrayKeywords().contains(key) && value.is_array()) {
            for (Json &element : value.array_range())
                passThroughAdditionalProperties(element);
        }
        if (schemaMapKeywords().contains(key) && value.is_object()) {
            for (auto &entry : value.object_range())
                passThroughAdditionalProperties(entry.value());
        }
    }
}

// A meta-schema compiled once per process (and then only read, from any thread). Formats are
// asserted, so a `pattern` that is no regular expression is caught with its pointer.
const js::json_schema<Json> &metaSchema(const Dialect &dialect)
{
    const auto compile = [](Json meta, const std::string &version) {
        passThroughAdditionalProperties(meta);
        return std::make_unique<js::json_schema<Json>>(js::make_json_schema<Json>(
                std::move(meta), js::evaluation_options {}.default_version(version).require_format_validation(true)));
    };
    if (&dialect == &draft7()) {
        static const auto compiled = compile(js::draft7::schema_draft7<Json>::get_schema(), dialect.uri);
        return *compiled;
    }
    if (&dialect == &draft201909()) {
        static const auto compiled = compile(js::draft201909::schema_draft201909<Json>::get_schema(), dialect.uri);
        return *compiled;
    }
    static const auto compiled = compile(js::draft202012::schema_draft202012<Json>::get_schema(), dialect.uri);
    return *compiled;
}

// ---------------------------------------------------------------------------------------------
// Document order, for sorting problems the way the author reads the document.

void collectOrder(const OrderedJson &node, const QString &pointer, QHash<QString, int> &order)
{
    order.insert(pointer, int(order.size()));
    if (node.is_object()) {
        for (const auto &member : node.object_range())
            collectOrder(member.value(), pointer + u'/' + escapeToken(fromStd(std::string(member.key()))), order);
    } else if (node.is_array()) {
        int i = 0;
        for (const auto &element : node.array_range())
            collectOrder(element, pointer + u'/' + QString::number(i++), order);
    }
}

// `text` is the document the pointers point into.
void sortAndDeduplicate(QList<SchemaProblem> &problems, const QByteArray &text)
{
    if (problems.size() < 2)
        return;
    QList<SchemaProblem> unique;
    QSet<QString> seen;
    for (SchemaProblem &p : problems) {
        const QString key = p.pointer + QChar(0) + p.message;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        unique.append(std::move(p));
    }
    problems = std::move(unique);
    if (problems.size() < 2)
        return;
    SchemaProblem syntax;
    const std::optional<OrderedJson> document = parseJson<OrderedJson>(text, &syntax);
    if (!document)
        return;
    QHash<QString, int> order;
    collectOrder(*document, {}, order);
    std::stable_sort(problems.begin(), problems.end(), [&order](const SchemaProblem &a, const SchemaProblem &b) {
        return order.value(a.pointer, INT_MAX) < order.value(b.pointer, INT_MAX);
    });
}

// ---------------------------------------------------------------------------------------------
// Resources, anchors and references. Every `$ref` must resolve inside the document, to a
// document handed over in Options::documents, or to a meta-schema, because the validator never
// fetches anything. jsoncons only says "Don't know how to load JSON Schema 'https://…'" without
// saying which `$ref`, so they are checked here first, with pointers. The index also lets
// sentences find the schema around a failure.

const QUrl &defaultBase()
{
    static const QUrl base(u"https://galley.invalid/schema.json"_s);
    return base;
}

QString withoutFragment(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveFragment).toString(QUrl::FullyEncoded);
}

bool isMetaSchemaUri(const QString &document)
{
    return dialectOf(document) || document.contains("json-schema.org/draft/2019-09/meta/"_L1)
            || document.contains("json-schema.org/draft/2020-12/meta/"_L1);
}

// The node `reference` names, seen from `base`; null when it names nothing this validator has.
const Json *resolveReference(const SchemaValidator::Private &d, const QUrl &base, const QString &reference, QUrl *targetBase)
{
    const QUrl target = base.resolved(QUrl(reference));
    if (!target.isValid())
        return nullptr;
    const QString document = withoutFragment(target);
    const QString fragment = target.fragment(QUrl::FullyDecoded);
    const auto resource = d.resources.constFind(document);
    if (resource == d.resources.cend())
        return nullptr;
    if (targetBase)
        *targetBase = QUrl(document);
    if (fragment.isEmpty())
        return resource->node;
    if (fragment.startsWith(u'/'))
        return walk(resource->node, pointerTokens(fragment));
    const auto anchor = d.anchors.constFind(document + u'#' + fragment);
    return anchor == d.anchors.cend() ? nullptr : anchor->node;
}

class SchemaIndex
{
public:
    explicit SchemaIndex(SchemaValidator::Private &d) : m_d(d) { }

    void addDocument(const Json &root, const QUrl &base, bool inDocument)
    {
        m_d.resources.insert(withoutFragment(base), SchemaNode { &root, QString(), inDocument });
        walkSchema(root, {}, base, inDocument);
    }

    QList<SchemaProblem> unresolvedReferences() const
    {
        QList<SchemaProblem> problems;
        for (const Ref &ref : std::as_const(m_refs)) {
            if (ref.inDocument) {
                if (std::optional<SchemaProblem> p = unresolved(ref))
                    problems.append(*p);
            }
        }
        return problems;
    }

private:
    struct Ref
    {
        QString pointer;    // of the "$ref" member
        QString keyword;    // "$ref" or "$dynamicRef"
        QString value;
        QUrl base;
        bool inDocument = false;
    };

    void walkSchema(const Json &node, const QString &pointer, QUrl base, bool inDocument)
    {
        if (!node.is_object())
            return;
        // A subschema with an absolute or relative $id starts a new resource (draft 7's "#name"
        // ids are anchors of the enclosing one, and an $id beside a draft 7 $ref is ignored).
        const bool draft7Ref = m_d.draft7 && member(&node, "$ref");
        if (const Json *id = member(&node, "$id"); id && id->is_string() && !draft7Ref) {
            const QString value = fromStd(id->as_string());
            const SchemaNode here { &node, pointer, inDocument };
            if (m_d.draft7 && value.startsWith(u'#')) {
                m_d.anchors.insert(withoutFragment(base) + value, here);
            } else {
                base = base.resolved(QUrl(value));
                if (!m_d.resources.contains(withoutFragment(base)))
                    m_d.resources.insert(withoutFragment(base), here);
                if (const QString fragment = base.fragment(QUrl::FullyDecoded); !fragment.isEmpty())
                    m_d.anchors.insert(withoutFragment(base) + u'#' + fragment, here);
            }
        }
        for (const char *anchorKeyword : { "$anchor", "$dynamicAnchor" }) {
            if (const Json *a = member(&node, anchorKeyword); a && a->is_string())
                m_d.anchors.insert(withoutFragment(base) + u'#' + fromStd(a->as_string()), SchemaNode { &node, pointer, inDocument });
        }
        for (const auto &entry : node.object_range()) {
            const QString key = fromStd(entry.key());
            const QString at = pointer + u'/' + escapeToken(key);
            const Json &value = entry.value();
            if ((key == "$ref"_L1 || key == "$dynamicRef"_L1) && value.is_string()) {
                m_refs.append(Ref { at, key, fromStd(value.as_string()), base, inDocument });
                continue;
            }
            if (schemaKeywords().contains(key))
                walkSchema(value, at, base, inDocument);
            if (schemaArrayKeywords().contains(key) && value.is_array()) {
                int i = 0;
                for (const auto &element : value.array_range())
                    walkSchema(element, at + u'/' + QString::number(i++), base, inDocument);
            }
            if (schemaMapKeywords().contains(key) && value.is_object()) {
                for (const auto &sub : value.object_range())
                    walkSchema(sub.value(), at + u'/' + escapeToken(fromStd(sub.key())), base, inDocument);
            }
        }
    }

    std::optional<SchemaProblem> unresolved(const Ref &ref) const
    {
        const auto fail = [&ref](const char *source) {
            return std::optional<SchemaProblem>(own(ref.pointer, ref.keyword, source, { ref.value }));
        };
        const QUrl target = ref.base.resolved(QUrl(ref.value));
        if (!target.isValid())
            return fail(QT_TRANSLATE_NOOP("Galley::SchemaValidator", "'%1' is not a valid URI reference."));
        const QString document = withoutFragment(target);
        const QString fragment = target.fragment(QUrl::FullyDecoded);
        const auto resource = m_d.resources.constFind(document);
        if (resource == m_d.resources.cend()) {
            if (isMetaSchemaUri(document))
                return std::nullopt;   // the meta-schemas are built in
            return fail(QT_TRANSLATE_NOOP("Galley::SchemaValidator",
                                          "'%1' refers to a schema outside this document; Galley does not load schemas "
                                          "from elsewhere (copy it into \"$defs\")."));
        }
        if (fragment.isEmpty())
            return std::nullopt;
        if (!fragment.startsWith(u'/')) {
            if (m_d.anchors.contains(document + u'#' + fragment))
                return std::nullopt;
            return fail(QT_TRANSLATE_NOOP("Galley::SchemaValidator", "'%1' names an anchor that this schema does not define."));
        }
        const Json *node = walk(resource->node, pointerTokens(fragment));
        if (!node)
            return fail(QT_TRANSLATE_NOOP("Galley::SchemaValidator", "'%1' points at nothing in this schema."));
        if (!node->is_object() && !node->is_bool())
            return fail(QT_TRANSLATE_NOOP("Galley::SchemaValidator", "'%1' points at something that is not a schema."));
        return std::nullopt;
    }

    SchemaValidator::Private &m_d;
    QList<Ref> m_refs;
};

// jsoncons' schema errors often start with the schema location ("https://…#/properties/a: …").
QString pointerFromCompileError(const QString &message)
{
    const qsizetype hash = message.indexOf(u"#/"_s);
    if (hash < 0)
        return {};
    qsizetype end = hash + 1;
    while (end < message.size() && !message.at(end).isSpace() && message.at(end) != u'\'' && message.at(end) != u':')
        ++end;
    return QUrl::fromPercentEncoding(message.mid(hash + 1, end - hash - 1).toUtf8());
}

// ---------------------------------------------------------------------------------------------
// Problems: jsoncons' messages, corrected where it misplaces them, with the editor's sentence.

// Keywords after which jsoncons' evaluation path names an instance member or index.
bool stopsWithMember(const QString &keyword)
{
    return keyword == "additionalProperties"_L1 || keyword == "unevaluatedProperties"_L1
            || keyword == "unevaluatedItems"_L1 || keyword == "additionalItems"_L1 || keyword == "items"_L1;
}

// A location as jsoncons writes it: "https://galley.invalid/schema.json#/properties/a/minimum".
struct Location
{
    QString base;
    QStringList tokens;
    bool pointer = true;   // the fragment is a JSON pointer (not an anchor)
};

Location splitLocation(const std::string &location)
{
    Location out;
    const QString text = fromStd(location);
    const qsizetype hash = text.indexOf(u'#');
    out.base = hash < 0 ? text : text.left(hash);
    QString fragment = hash < 0 ? QString() : text.mid(hash + 1);
    if (fragment.contains(u'%'))
        fragment = QUrl::fromPercentEncoding(fragment.toUtf8());
    out.pointer = fragment.isEmpty() || fragment.startsWith(u'/');
    if (out.pointer)
        out.tokens = pointerTokens(fragment);
    return out;
}

QString joinLocation(const Location &l)
{
    return l.base + u'#' + pointerOf(l.tokens);
}

// The `title` of a subschema, looking through a lone "$ref" to what it names.
QString titleOf(const SchemaValidator::Private &d, const Json *node, const QUrl &base)
{
    for (int hops = 0; node && node->is_object() && hops < 8; ++hops) {
        if (const Json *title = member(node, "title"); title && title->is_string())
            return fromStd(title->as_string());
        const Json *ref = member(node, "$ref");
        if (!ref || !ref->is_string())
            break;
        QUrl next;
        node = resolveReference(d, base, fromStd(ref->as_string()), &next);
    }
    return {};
}

// A local "$ref" ("#/…") of `node`, within `resource`: its target and the target's pointer in
// the document; null when the node has no such reference.
const Json *followRef(const Json *node, const SchemaNode &resource, QString *pointer)
{
    const Json *ref = member(node, "$ref");
    if (!ref || !ref->is_string())
        return nullptr;
    const QString value = fromStd(ref->as_string());
    if (!value.startsWith("#/"_L1) && value != "#"_L1)
        return nullptr;
    QString fragment = value.mid(1);
    if (fragment.contains(u'%'))
        fragment = QUrl::fromPercentEncoding(fragment.toUtf8());
    const Json *target = walk(resource.node, pointerTokens(fragment));
    if (target)
        *pointer = resource.pointer + fragment;
    return target;
}

// A schema location walked through the document (with each node's pointer, for an embedded
// resource too); where a member is missing on a node that has a local "$ref", the walk goes on
// at the reference's target.
struct SchemaWalk
{
    const Json *node = nullptr;
    const Json *parent = nullptr;
    QString pointer;         // of node, in the document as written
    QString parentPointer;
    bool inDocument = false;
};

SchemaWalk walkLocation(const SchemaValidator::Private &d, const QString &base, const QStringList &tokens, qsizetype count = -1)
{
    SchemaWalk w;
    const auto resource = d.resources.constFind(base);
    if (resource == d.resources.cend())
        return w;
    w.inDocument = resource->inDocument;
    w.node = resource->node;
    w.pointer = resource->pointer;
    const qsizetype n = count < 0 ? tokens.size() : std::min(count, tokens.size());
    for (qsizetype i = 0; i < n && w.node; ++i) {
        const QString &token = tokens.at(i);
        const Json *next = child(w.node, token);
        for (int hops = 0; !next && hops < 16; ++hops) {
            QString targetPointer;
            const Json *target = followRef(w.node, *resource, &targetPointer);
            if (!target)
                break;
            w.node = target;
            w.pointer = targetPointer;
            next = child(w.node, token);
        }
        w.parent = w.node;
        w.parentPointer = w.pointer;
        w.node = next;
        w.pointer += u'/' + escapeToken(token);
    }
    return w;
}

// Follows jsoncons' evaluation path ("/properties/img/$ref/properties/alt/minLength") from the
// root, noting the title of the field at each instance depth: the outermost title wins, so that
// {"$ref": "#/$defs/money", "title": "Revenue"} is "Revenue" rather than the definition's title.
QStringList titlesAlong(const SchemaValidator::Private &d, const QStringList &path, const QString &keyword, bool *complete)
{
    QStringList titles { QString() };
    const Json *node = &d.spec;
    QUrl base = defaultBase();
    // (A lone "$ref" has the title of what it names.)
    const auto note = [&titles, &d, &base](const Json *n) {
        if (titles.constLast().isEmpty() && n && n->is_object())
            titles.last() = titleOf(d, n, base);
    };
    const auto enter = [&](const Json *n, bool deeper) {
        node = n;
        if (deeper)
            titles.append(QString());
        if (node && node->is_object() && !d.draft7) {
            if (const Json *id = member(node, "$id"); id && id->is_string())
                base = base.resolved(QUrl(fromStd(id->as_string())));
        }
        note(node);
    };
    if (const Json *id = member(node, "$id"); id && id->is_string() && !d.draft7)
        base = base.resolved(QUrl(fromStd(id->as_string())));
    note(node);
    // A member of the node, or of what its "$ref" names.
    const auto through = [&](const char *name) -> const Json * {
        for (int hops = 0; hops < 16 && node && node->is_object(); ++hops) {
            if (const Json *m = member(node, name))
                return m;
            const Json *ref = member(node, "$ref");
            if (!ref || !ref->is_string())
                return nullptr;
            QUrl targetBase;
            const Json *target = resolveReference(d, base, fromStd(ref->as_string()), &targetBase);
            if (!target)
                return nullptr;
            base = targetBase;
            node = target;
            note(node);
        }
        return nullptr;
    };
    *complete = false;
    qsizetype i = 0;
    while (i < path.size() && node) {
        const QString &t = path.at(i);
        const bool last = i == path.size() - 1;
        if (last || (t == keyword && i >= path.size() - 2 && (stopsWithMember(keyword) || keyword == "minContains"_L1
                                                                 || keyword == "maxContains"_L1))) {
            *complete = true;
            break;
        }
        if (t == "contains"_L1 && (path.at(i + 1) == "minContains"_L1 || path.at(i + 1) == "maxContains"_L1)
            && i + 1 == path.size() - 1) {
            *complete = true;
            break;
        }
        const QString next = path.at(i + 1);
        if (t == "properties"_L1) {
            enter(child(through("properties"), next), true);
            i += 2;
        } else if (t == "additionalProperties"_L1 || t == "unevaluatedProperties"_L1) {
            enter(through(t == "additionalProperties"_L1 ? "additionalProperties" : "unevaluatedProperties"), true);
            i += 2;
        } else if (t == "patternProperties"_L1) {
            const Json *patterns = through("patternProperties");
            const Json *found = nullptr;
            if (patterns && patterns->is_object()) {
                for (const auto &entry : patterns->object_range()) {
                    if (QRegularExpression(fromStd(entry.key())).match(next).hasMatch()) {
                        found = &entry.value();
                        break;
                    }
                }
            }
            enter(found, true);
            i += 2;
        } else if (t == "items"_L1) {
            const Json *items = through("items");
            if (items && items->is_array() && isIndex(next)) {
                enter(child(items, next), true);
                i += 2;
            } else {
                enter(items, true);
                i += 1;
            }
        } else if (t == "prefixItems"_L1) {
            enter(child(through("prefixItems"), next), true);
            i += 2;
        } else if (t == "additionalItems"_L1 || t == "contains"_L1 || t == "unevaluatedItems"_L1) {
            enter(through(t == "additionalItems"_L1 ? "additionalItems" : t == "contains"_L1 ? "contains" : "unevaluatedItems"), true);
            i += 1;
        } else if (t == "$ref"_L1 || t == "$dynamicRef"_L1 || t == "$recursiveRef"_L1) {
            const Json *ref = member(node, t == "$ref"_L1 ? "$ref" : t == "$dynamicRef"_L1 ? "$dynamicRef" : "$recursiveRef");
            if (!ref || !ref->is_string())
                return titles;
            QUrl targetBase;
            const Json *target = resolveReference(d, base, fromStd(ref->as_string()), &targetBase);
            if (!target)
                return titles;
            base = targetBase;
            enter(target, false);
            i += 1;
        } else if (t == "allOf"_L1 || t == "anyOf"_L1 || t == "oneOf"_L1) {
            enter(child(through(t == "allOf"_L1 ? "allOf" : t == "anyOf"_L1 ? "anyOf" : "oneOf"), next), false);
            i += 2;
        } else if (t == "if"_L1 || t == "then"_L1 || t == "else"_L1 || t == "not"_L1) {
            enter(through(toStd(t).c_str()), false);
            i += 1;
        } else {
            // propertyNames, dependentSchemas (jsoncons leaves the member out), …
            return titles;
        }
    }
    return titles;
}

// jsoncons reports dependentRequired / dependentSchemas / dependencies failures with the
// member that triggered them appended to the instance location and left out of the schema
// location ("/o/a" and "#/…/dependentRequired/required" for a missing "b" when "a" is there).
// Puts it back where it belongs; returns the trigger (empty when nothing was corrected).
QString correctDependency(const SchemaValidator::Private &d, const Json &instance, Location &location,
                          QStringList &instanceTokens, QString &keyword)
{
    const auto resource = d.resources.constFind(location.base);
    if (resource == d.resources.cend() || !location.pointer)
        return {};
    for (qsizetype j = 0; j < location.tokens.size(); ++j) {
        const QString &t = location.tokens.at(j);
        if (t != "dependentRequired"_L1 && t != "dependentSchemas"_L1 && t != "dependencies"_L1)
            continue;
        const Json *map = walkLocation(d, location.base, location.tokens, j + 1).node;
        if (!map || !map->is_object())
            return {};
        if (j + 1 < location.tokens.size() && member(map, location.tokens.at(j + 1)))
            return {};   // already in place
        for (qsizetype k = instanceTokens.size() - 1; k >= 0; --k) {
            const QString candidate = instanceTokens.at(k);
            const Json *dependency = member(map, candidate);
            if (!dependency)
                continue;
            const Json *object = walk(&instance, instanceTokens, k);
            if (!object || !object->is_object() || !member(object, candidate))
                continue;
            QStringList fixed = instanceTokens;
            fixed.removeAt(k);
            if (k < fixed.size() && !walk(&instance, fixed))
                continue;
            instanceTokens = fixed;
            location.tokens.insert(j + 1, candidate);
            if (dependency->is_array() && keyword == "required"_L1 && location.tokens.size() == j + 3
                && location.tokens.constLast() == "required"_L1) {
                location.tokens.removeLast();
                keyword = t;
            }
            return candidate;
        }
        return {};
    }
    return {};
}

// Schema-side facts of one failure place (cached: see Private::places).
PlaceInfo findPlace(const SchemaValidator::Private &d, const Location &location, const QStringList &evalPath,
                    const QString &keyword, const QString &property, const QString &message)
{
    PlaceInfo place;
    place.keyword = keyword;
    if (keyword == "unevaluatedProperties"_L1 && message.startsWith("Unevaluated item"_L1))
        place.keyword = u"unevaluatedItems"_s;   // jsoncons names both the same

    QStringList tokens = location.tokens;
    SchemaWalk w;
    if (location.pointer)
        w = walkLocation(d, location.base, tokens);
    const Json *node = w.node;
    const Json *parent = w.parent;
    QString nodePointer = w.pointer;
    // jsoncons reports an unmet "contains" as minContains even where the schema has none.
    if (place.keyword == "minContains"_L1 && parent && !tokens.isEmpty() && tokens.constLast() == "minContains"_L1
        && !member(parent, "minContains") && member(parent, "contains")) {
        place.keyword = u"contains"_s;
        tokens.last() = u"contains"_s;
        node = member(parent, "contains");
        nodePointer = w.parentPointer + u"/contains"_s;
    }
    const Json *sub = nullptr;     // the subschema holding the keyword
    const Json *value = nullptr;   // the keyword's value
    QString valuePointer = nodePointer;
    if (node && !tokens.isEmpty() && tokens.constLast() == place.keyword && parent && parent->is_object()) {
        sub = parent;
        value = node;
    } else if (node && node->is_object()) {
        sub = node;
        const Json *inSub = member(node, place.keyword);
        if (inSub) {
            value = inSub;
            valuePointer += u'/' + escapeToken(place.keyword);
        }
    } else if (node && (place.keyword == "dependentRequired"_L1 || place.keyword == "dependencies"_L1)) {
        value = node;
        sub = walkLocation(d, location.base, tokens, tokens.size() - 2).node;
    }
    if (w.inDocument && node)
        place.schemaPointer = valuePointer;
    if (value) {
        place.constraint = toQt(*value);
        place.booleanConstraint = value->is_bool();
    }

    bool complete = false;   // (titles of the depths reached are good either way)
    place.titles = titlesAlong(d, evalPath, keyword, &complete);

    if (!property.isEmpty() && sub) {
        place.propertyTitle = titleOf(d, child(member(sub, "properties"), property), QUrl(location.base));
    }
    return place;
}

SchemaProblemFacts::Kind kindOf(const Json *value)
{
    using Kind = SchemaProblemFacts::Kind;
    if (!value)
        return Kind::Missing;
    if (value->is_null())
        return Kind::Null;
    if (value->is_bool())
        return Kind::Boolean;
    if (value->is_int64() || value->is_uint64())
        return Kind::Integer;
    if (value->is_number())
        return Kind::Number;
    if (value->is_string())
        return Kind::String;
    if (value->is_array())
        return Kind::Array;
    return Kind::Object;
}

qsizetype codePoints(std::string_view s)
{
    qsizetype n = 0;
    for (const char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// The field a problem is about, as the editor reads it.
QString fieldName(const QStringList &tokens, const QStringList &titles, bool schemaDocument, qsizetype depth)
{
    if (!schemaDocument && depth < titles.size() && !titles.at(depth).isEmpty())
        return titles.at(depth);
    if (depth == 0)
        return SchemaProblemText::wholeDocument(schemaDocument);
    const QString &token = tokens.at(depth - 1);
    if (isIndex(token))
        return SchemaProblemText::item(fieldName(tokens, titles, schemaDocument, depth - 1), token.toLongLong());
    return schemaDocument ? SchemaProblemText::quoted(token) : SchemaProblemText::humanise(token);
}

QString quotedInMessage(const QString &message)
{
    const qsizetype open = message.indexOf(u'\'');
    const qsizetype close = message.indexOf(u'\'', open + 1);
    if (open < 0 || close < 0)
        return {};
    return message.mid(open + 1, close - open - 1);
}

struct Context
{
    const SchemaValidator::Private *d = nullptr;   // null: a schema checked against its meta-schema
    const Json *instance = nullptr;
};

// The problems of one jsoncons message. Wrappers ("allOf", a "$ref" that failed, …) carry the
// real failures in their details, so those are reported instead. "anyOf"/"oneOf" failures say
// only that no branch matched; when the branches failed at the same place their reasons are
// more useful, so they are added to the message.
void appendProblems(const js::validation_message &m, const Context &c, QList<SchemaProblem> &out)
{
    const bool alternatives = m.keyword() == "anyOf" || m.keyword() == "oneOf";
    if (!m.details().empty() && !alternatives) {
        for (const js::validation_message &detail : m.details())
            appendProblems(detail, c, out);
        return;
    }
    SchemaProblem p;
    p.keyword = fromStd(m.keyword());
    const QString rawMessage = fromStd(m.message());
    p.message = rawMessage;
    QStringList instanceTokens = pointerTokens(fromStd(m.instance_location().string()));
    const std::string &rawLocation = m.schema_location().string();
    const bool dependency = c.d && rawLocation.find("/dependen") != std::string::npos;
    // Read on a miss of the place cache (and for the dependency keywords, which move things).
    std::optional<Location> location;
    if (dependency)
        location = splitLocation(rawLocation);

    if (p.keyword == "required"_L1) {
        // jsoncons: "Required property 'name' not found."
        const qsizetype open = p.message.indexOf(u'\'');
        const qsizetype close = p.message.lastIndexOf(u"' not found"_s);
        if (open >= 0 && close > open)
            p.property = p.message.mid(open + 1, close - open - 1);
    }
    // "Additional property 'a' found but was invalid.": the member, not its object, is wrong.
    if (p.keyword == "additionalProperties"_L1 && rawMessage.endsWith("found but was invalid."_L1)) {
        const QString name = quotedInMessage(rawMessage);
        if (!name.isEmpty())
            instanceTokens.append(name);
    }
    QString trigger;
    if (dependency)
        trigger = correctDependency(*c.d, *c.instance, *location, instanceTokens, p.keyword);
    p.pointer = pointerOf(instanceTokens);

    if (alternatives) {
        QStringList reasons;
        for (const js::validation_message &detail : m.details()) {
            if (detail.instance_location().string() != m.instance_location().string())
                continue;
            QString reason = fromStd(detail.message());
            while (reason.endsWith(u'.'))
                reason.chop(1);
            reasons << reason;
        }
        reasons.removeDuplicates();
        if (!reasons.isEmpty())
            p.message = u"Matches none of the allowed forms: %1."_s.arg(reasons.join(u"; "_s));
    }

    // The editor's sentence.
    SchemaProblemFacts facts;
    facts.schemaDocument = !c.d;
    facts.rawMessage = rawMessage;
    PlaceInfo place;
    if (c.d) {
        const std::string &evalPath = m.eval_path().string();
        QByteArray key;
        key.reserve(qsizetype(rawLocation.size() + evalPath.size()) + 64);
        key.append(location ? joinLocation(*location).toUtf8() : QByteArray::fromStdString(rawLocation));
        key.append('\x1f').append(evalPath.data(), qsizetype(evalPath.size()));
        key.append('\x1f').append(p.keyword.toUtf8()).append('\x1f').append(p.property.toUtf8());
        if (rawMessage.startsWith("Unevaluated item"_L1))
            key.append('i');
        bool cached = false;
        {
            QReadLocker lock(&c.d->placesLock);
            const auto it = c.d->places.constFind(key);
            if (it != c.d->places.cend()) {
                place = *it;
                cached = true;
            }
        }
        if (!cached) {
            if (!location)
                location = splitLocation(rawLocation);
            place = findPlace(*c.d, *location, pointerTokens(fromStd(evalPath)), p.keyword, p.property, rawMessage);
            QWriteLocker lock(&c.d->placesLock);
            if (c.d->places.size() >= kMaxPlaces)
                c.d->places.clear();
            c.d->places.insert(key, place);
        }
        p.schemaPointer = place.schemaPointer;
        p.keyword = place.keyword;
        facts.constraint = place.constraint;
    } else {
        place.keyword = p.keyword;
    }
    facts.keyword = place.keyword;
    const Json *value = walk(c.instance, instanceTokens);
    facts.kind = kindOf(value);
    if (value && value->is_string()) {
        const auto text = value->as_string_view();
        facts.valueSize = codePoints(text);
        facts.valueText = fromStd(text);
    } else if (value && (value->is_array() || value->is_object())) {
        facts.valueSize = qsizetype(value->size());
    } else if (value) {
        facts.valueText = fromStd(value->to_string());
    }
    facts.field = fieldName(instanceTokens, place.titles, facts.schemaDocument, instanceTokens.size());
    if (p.keyword == "required"_L1 || p.keyword == "dependentRequired"_L1 || p.keyword == "dependencies"_L1) {
        if (!place.propertyTitle.isEmpty())
            facts.property = place.propertyTitle;
        else
            facts.property = facts.schemaDocument ? SchemaProblemText::quoted(p.property) : SchemaProblemText::humanise(p.property);
        if (!trigger.isEmpty())
            facts.trigger = facts.schemaDocument ? SchemaProblemText::quoted(trigger) : SchemaProblemText::humanise(trigger);
    } else if (p.keyword == "additionalProperties"_L1 || p.keyword == "unevaluatedProperties"_L1) {
        facts.property = instanceTokens.isEmpty() ? QString() : instanceTokens.constLast();
        if (place.booleanConstraint)
            facts.constraint = false;
        facts.field = instanceTokens.size() > 0 ? fieldName(instanceTokens, place.titles, facts.schemaDocument, instanceTokens.size() - 1)
                                                : facts.field;
    }
    if (rawLocation.find("/propertyNames") != std::string::npos) {
        facts.keyword = u"propertyNames"_s;
        facts.property = rawMessage.startsWith("String '"_L1) ? quotedInMessage(rawMessage) : QString();
    }
    p.sentence = SchemaProblemText::sentence(facts);
    out.append(std::move(p));
}

QList<SchemaProblem> validateAgainst(const js::json_schema<Json> &schema, const Json &instance, const QByteArray &text,
                                     const Context &context)
{
    QList<SchemaProblem> problems;
    try {
        schema.validate(instance, [&problems, &context](const js::validation_message &m) -> js::walk_result {
            appendProblems(m, context, problems);
            return problems.size() >= kMaxProblems ? js::walk_result::abort : js::walk_result::advance;
        });
    } catch (const std::exception &e) {
        problems.append(own({}, {}, QT_TRANSLATE_NOOP("Galley::SchemaValidator", "Validation failed: %1"),
                            { QString::fromUtf8(e.what()) }));
    }
    sortAndDeduplicate(problems, text);
    return problems;
}

bool passes(const js::json_schema<Json> &schema, const Json &instance)
{
    try {
        return schema.is_valid(instance);
    } catch (const std::exception &) {
        return false;
    }
}

std::shared_ptr<SchemaValidator::Private> build(const QByteArray &specJson, const SchemaValidator::Options &options)
{
    auto d = std::make_shared<SchemaValidator::Private>();
    SchemaProblem syntax;
    std::optional<Json> spec = parseJson(specJson, &syntax);
    if (!spec) {
        d->problems.append(syntax);
        return d;
    }
    if (!spec->is_object()) {
        d->problems.append(own({}, u"type"_s, QT_TRANSLATE_NOOP("Galley::SchemaValidator", "A content schema must be a JSON object.")));
        return d;
    }

    const Dialect *dialect = &draft202012();
    if (const Json *declared = member(&*spec, "$schema")) {
        if (!declared->is_string()) {
            d->problems.append(own(u"/$schema"_s, u"$schema"_s,
                                   QT_TRANSLATE_NOOP("Galley::SchemaValidator",
                                                     "\"$schema\" must be a string naming the JSON Schema dialect.")));
            return d;
        }
        const QString uri = fromStd(declared->as_string());
        dialect = dialectOf(uri);
        if (!dialect) {
            d->problems.append(own(u"/$schema"_s, u"$schema"_s,
                                   QT_TRANSLATE_NOOP("Galley::SchemaValidator",
                                                     "Unknown JSON Schema dialect '%1': Galley understands Draft 7 (%2), "
                                                     "2019-09 (%3) and 2020-12 (%4)."),
                                   { uri, fromStd(draft7().uri), fromStd(draft201909().uri), fromStd(draft202012().uri) }));
            return d;
        }
        // jsoncons recognises a dialect by its exact URI.
        (*spec)["$schema"] = dialect->uri;
    }
    d->dialect = dialect->name;
    d->draft7 = dialect == &draft7();

    d->problems = validateAgainst(metaSchema(*dialect), *spec, specJson, Context { nullptr, &*spec });
    if (!d->problems.isEmpty())
        return d;

    d->spec = std::move(*spec);
    SchemaIndex index(*d);
    index.addDocument(d->spec, defaultBase(), true);
    auto external = std::make_shared<std::map<std::string, Json>>();
    for (auto it = options.documents.cbegin(); it != options.documents.cend(); ++it) {
        SchemaProblem documentSyntax;
        std::optional<Json> document = parseJson(it.value(), &documentSyntax);
        const QUrl uri(it.key());
        if (!document || !uri.isValid() || uri.isRelative()) {
            d->problems.append(own({}, u"$ref"_s,
                                   QT_TRANSLATE_NOOP("Galley::SchemaValidator", "The schema document '%1' cannot be used: %2"),
                                   { it.key(), document ? u"not an absolute URI"_s : documentSyntax.message }));
            continue;
        }
        external->emplace(toStd(withoutFragment(uri)), *document);
        d->documents.push_back(std::move(*document));
        index.addDocument(d->documents.back(), uri, false);
    }
    if (!d->problems.isEmpty())
        return d;
    d->problems = index.unresolvedReferences();
    if (!d->problems.isEmpty())
        return d;

    try {
        const auto resolver = [external](const jsoncons::uri &uri) -> Json {
            const auto it = external->find(uri.base().string());
            return it == external->end() ? Json::null() : it->second;
        };
        d->compiled = std::make_unique<js::json_schema<Json>>(js::make_json_schema<Json>(
                d->spec, toStd(defaultBase().toString()), resolver,
                js::evaluation_options {}.default_version(dialect->uri).require_format_validation(true)));
    } catch (const std::exception &e) {
        const QString message = QString::fromUtf8(e.what());
        d->problems.append(own(pointerFromCompileError(message), {},
                               QT_TRANSLATE_NOOP("Galley::SchemaValidator", "The schema does not compile: %1"), { message }));
    }
    return d;
}

SchemaProblem notValidProblem()
{
    return own({}, {}, QT_TRANSLATE_NOOP("Galley::SchemaValidator", "The schema is not valid, so nothing can be validated against it."));
}

} // namespace

SchemaValidator::SchemaValidator() = default;

SchemaValidator::SchemaValidator(const QByteArray &specJson) : d(build(specJson, Options {})) { }

SchemaValidator::SchemaValidator(const QByteArray &specJson, const Options &options) : d(build(specJson, options)) { }

SchemaValidator::~SchemaValidator() = default;
SchemaValidator::SchemaValidator(const SchemaValidator &) = default;
SchemaValidator &SchemaValidator::operator=(const SchemaValidator &) = default;
SchemaValidator::SchemaValidator(SchemaValidator &&) noexcept = default;
SchemaValidator &SchemaValidator::operator=(SchemaValidator &&) noexcept = default;

bool SchemaValidator::isValid() const
{
    return d && d->compiled && d->problems.isEmpty();
}

const QList<SchemaProblem> &SchemaValidator::problems() const
{
    static const QList<SchemaProblem> none;
    return d ? d->problems : none;
}

const QString &SchemaValidator::dialect() const
{
    static const QString none;
    return d ? d->dialect : none;
}

QList<SchemaProblem> SchemaValidator::validateInstance(const QByteArray &instanceJson) const
{
    if (!isValid())
        return { notValidProblem() };
    SchemaProblem syntax;
    const std::optional<Json> instance = parseJson(instanceJson, &syntax);
    if (!instance)
        return { syntax };
    return validateAgainst(*d->compiled, *instance, instanceJson, Context { d.get(), &*instance });
}

bool SchemaValidator::isValidInstance(const QByteArray &instanceJson) const
{
    if (!isValid())
        return false;
    SchemaProblem syntax;
    const std::optional<Json> instance = parseJson(instanceJson, &syntax);
    return instance && passes(*d->compiled, *instance);
}

QList<SchemaProblem> SchemaValidator::compareInstance(const QByteArray &instanceJson, const SchemaValidator &before,
                                                      bool *validBefore) const
{
    if (!isValid())
        return { notValidProblem() };
    SchemaProblem syntax;
    const std::optional<Json> instance = parseJson(instanceJson, &syntax);
    if (!instance) {
        if (validBefore)
            *validBefore = !before.isValid();
        return { syntax };
    }
    QList<SchemaProblem> problems = validateAgainst(*d->compiled, *instance, instanceJson, Context { d.get(), &*instance });
    if (validBefore && !problems.isEmpty())
        *validBefore = !before.isValid() || passes(*before.d->compiled, *instance);
    return problems;
}

QList<QList<SchemaProblem>> SchemaValidator::validateInstances(const QList<QByteArray> &instances, QThreadPool *pool) const
{
    QList<QList<SchemaProblem>> results(instances.size());
    constexpr qsizetype kChunk = 128;
    QList<qsizetype> starts;
    for (qsizetype start = 0; start < instances.size(); start += kChunk)
        starts.append(start);
    QList<SchemaProblem> *out = results.data();
    const auto run = [this, &instances, out](qsizetype start) {
        const qsizetype end = std::min(start + kChunk, instances.size());
        for (qsizetype i = start; i < end; ++i)
            out[i] = validateInstance(instances.at(i));
    };
    QtConcurrent::blockingMap(pool ? pool : QThreadPool::globalInstance(), starts, run);
    return results;
}

SchemaValidator::Report SchemaValidator::validateSchema(const QByteArray &specJson)
{
    return validateSchema(specJson, Options {});
}

SchemaValidator::Report SchemaValidator::validateSchema(const QByteArray &specJson, const Options &options)
{
    const SchemaValidator validator(specJson, options);
    return Report { validator.dialect(), validator.problems() };
}

QList<SchemaProblem> SchemaValidator::validateInstance(const QByteArray &specJson, const QByteArray &instanceJson)
{
    return SchemaValidator(specJson).validateInstance(instanceJson);
}

QString SchemaValidator::schemaUri(const QString &dialect)
{
    if (dialect == kDraft7)
        return fromStd(draft7().uri);
    if (dialect == kDraft2019_09)
        return fromStd(draft201909().uri);
    if (dialect == kDraft2020_12)
        return fromStd(draft202012().uri);
    return {};
}

} // namespace Galley
