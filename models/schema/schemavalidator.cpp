// The only translation unit that includes jsoncons' JSON Schema headers (they take a while to
// compile): everything else sees SchemaValidator's Qt-typed interface.
#include "schemavalidator.h"

#include <QHash>
#include <QSet>
#include <QUrl>

#include <jsoncons/json.hpp>
#include <jsoncons_ext/jsonpointer/jsonpointer.hpp>
#include <jsoncons_ext/jsonschema/jsonschema.hpp>

#include <algorithm>
#include <climits>
#include <exception>
#include <system_error>

using namespace Qt::StringLiterals;

namespace Galley {

namespace js = jsoncons::jsonschema;
// Objects keep their members' order, so problems come out in the order the author wrote them.
using Json = jsoncons::ojson;

struct SchemaValidator::Private
{
    QString dialect;
    QList<SchemaProblem> problems;
    std::unique_ptr<js::json_schema<Json>> compiled;
};

namespace {

// Stop collecting after this many problems: a form with a thousand errors needs the first few.
constexpr qsizetype kMaxProblems = 500;

QString fromStd(const std::string &s)
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

SchemaProblem problem(const QString &pointer, const QString &message, const QString &keyword)
{
    SchemaProblem p;
    p.pointer = pointer;
    p.message = message;
    p.keyword = keyword;
    return p;
}

// Strict JSON (no comments, no trailing commas) into an order-keeping document; nullopt with a
// syntax problem (offset, line, column) when the text does not parse.
std::optional<Json> parseJson(const QByteArray &text, SchemaProblem *syntax)
{
    jsoncons::json_options options;
    options.allow_comments(false);
    options.allow_trailing_comma(false);
    jsoncons::json_decoder<Json> decoder;
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
        syntax->message = u"The JSON does not parse: %1 at line %2, column %3 (byte %4)."_s
                                  .arg(fromStd(ec.message()))
                                  .arg(syntax->line)
                                  .arg(syntax->column)
                                  .arg(syntax->offset);
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

void collectOrder(const Json &node, const QString &pointer, QHash<QString, int> &order)
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

void sortAndDeduplicate(QList<SchemaProblem> &problems, const Json &document)
{
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
    QHash<QString, int> order;
    collectOrder(document, {}, order);
    std::stable_sort(problems.begin(), problems.end(), [&order](const SchemaProblem &a, const SchemaProblem &b) {
        return order.value(a.pointer, INT_MAX) < order.value(b.pointer, INT_MAX);
    });
}

// The problems of one jsoncons message. Wrappers ("allOf", a "$ref" that failed, …) carry the
// real failures in their details, so those are reported instead. "anyOf"/"oneOf" failures say
// only that no branch matched; when the branches failed at the same place their reasons are
// more useful, so they are added to the message.
void appendProblems(const js::validation_message &m, QList<SchemaProblem> &out)
{
    const bool alternatives = m.keyword() == "anyOf" || m.keyword() == "oneOf";
    if (!m.details().empty() && !alternatives) {
        for (const js::validation_message &detail : m.details())
            appendProblems(detail, out);
        return;
    }
    SchemaProblem p = problem(fromStd(m.instance_location().string()), fromStd(m.message()), fromStd(m.keyword()));
    if (m.keyword() == "required") {
        // jsoncons: "Required property 'name' not found."
        const qsizetype open = p.message.indexOf(u'\'');
        const qsizetype close = p.message.lastIndexOf(u"' not found"_s);
        if (open >= 0 && close > open)
            p.property = p.message.mid(open + 1, close - open - 1);
    }
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
    out.append(std::move(p));
}

QList<SchemaProblem> validateAgainst(const js::json_schema<Json> &schema, const Json &instance)
{
    QList<SchemaProblem> problems;
    try {
        schema.validate(instance, [&problems](const js::validation_message &m) -> js::walk_result {
            appendProblems(m, problems);
            return problems.size() >= kMaxProblems ? js::walk_result::abort : js::walk_result::advance;
        });
    } catch (const std::exception &e) {
        problems.append(problem({}, u"Validation failed: %1"_s.arg(QString::fromUtf8(e.what())), {}));
    }
    sortAndDeduplicate(problems, instance);
    return problems;
}

// ---------------------------------------------------------------------------------------------
// References: every `$ref` must resolve inside the document (or to a meta-schema), because the
// validator never fetches anything. jsoncons only says "Don't know how to load JSON Schema
// 'https://…'" without saying which `$ref`, so they are checked here first, with pointers.

const QUrl &defaultBase()
{
    static const QUrl base(u"https://galley.invalid/schema.json"_s);
    return base;
}

QString withoutFragment(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveFragment).toString(QUrl::FullyEncoded);
}

class ReferenceChecker
{
public:
    explicit ReferenceChecker(bool draft7) : m_draft7(draft7) { }

    QList<SchemaProblem> check(const Json &root)
    {
        walkSchema(root, {}, defaultBase(), &root);
        QList<SchemaProblem> problems;
        for (const Ref &ref : std::as_const(m_refs)) {
            if (const QString why = unresolved(ref); !why.isEmpty())
                problems.append(problem(ref.pointer, why, ref.keyword));
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
    };

    void walkSchema(const Json &node, const QString &pointer, QUrl base, const Json *resource)
    {
        if (!node.is_object())
            return;
        // A subschema with an absolute or relative $id starts a new resource (draft 7's "#name"
        // ids are anchors of the enclosing one).
        if (const auto id = node.find("$id"); id != node.object_range().end() && (*id).value().is_string()) {
            const QString value = fromStd((*id).value().as_string());
            if (m_draft7 && value.startsWith(u'#')) {
                m_anchors.insert(withoutFragment(base) + value);
            } else {
                base = base.resolved(QUrl(value));
                resource = &node;
                m_resources.insert(withoutFragment(base), resource);
                if (const QString fragment = base.fragment(QUrl::FullyDecoded); !fragment.isEmpty())
                    m_anchors.insert(withoutFragment(base) + u'#' + fragment);
            }
        }
        if (pointer.isEmpty())
            m_resources.insert(withoutFragment(base), resource);
        for (const char *anchorKeyword : { "$anchor", "$dynamicAnchor" }) {
            if (const auto a = node.find(anchorKeyword); a != node.object_range().end() && (*a).value().is_string())
                m_anchors.insert(withoutFragment(base) + u'#' + fromStd((*a).value().as_string()));
        }
        for (const auto &member : node.object_range()) {
            const QString key = fromStd(std::string(member.key()));
            const QString at = pointer + u'/' + escapeToken(key);
            const Json &value = member.value();
            if ((key == "$ref"_L1 || key == "$dynamicRef"_L1) && value.is_string()) {
                m_refs.append(Ref { at, key, fromStd(value.as_string()), base });
                continue;
            }
            if (schemaKeywords().contains(key))
                walkSchema(value, at, base, resource);
            if (schemaArrayKeywords().contains(key) && value.is_array()) {
                int i = 0;
                for (const auto &element : value.array_range())
                    walkSchema(element, at + u'/' + QString::number(i++), base, resource);
            }
            if (schemaMapKeywords().contains(key) && value.is_object()) {
                for (const auto &entry : value.object_range())
                    walkSchema(entry.value(), at + u'/' + escapeToken(fromStd(std::string(entry.key()))), base, resource);
            }
        }
    }

    // Empty when the reference resolves, else why not.
    QString unresolved(const Ref &ref) const
    {
        const QUrl target = ref.base.resolved(QUrl(ref.value));
        if (!target.isValid())
            return u"'%1' is not a valid URI reference."_s.arg(ref.value);
        const QString document = withoutFragment(target);
        const QString fragment = target.fragment(QUrl::FullyDecoded);
        const auto resource = m_resources.constFind(document);
        if (resource == m_resources.cend()) {
            if (dialectOf(document) || document.contains("json-schema.org/draft/2019-09/meta/"_L1)
                || document.contains("json-schema.org/draft/2020-12/meta/"_L1))
                return {};   // the meta-schemas are built in
            return u"'%1' refers to a schema outside this document; Galley does not load schemas from elsewhere "
                   "(copy it into \"$defs\")."_s.arg(ref.value);
        }
        if (fragment.isEmpty())
            return {};
        if (!fragment.startsWith(u'/')) {
            if (m_anchors.contains(document + u'#' + fragment))
                return {};
            return u"'%1' names an anchor that this schema does not define."_s.arg(ref.value);
        }
        const Json *node = *resource;
        const QStringList tokens = fragment.mid(1).split(u'/');
        for (const QString &raw : tokens) {
            const QString token = unescapeToken(raw);
            if (node->is_object()) {
                const auto it = node->find(toStd(token));
                if (it == node->object_range().end())
                    return u"'%1' points at nothing in this schema."_s.arg(ref.value);
                node = &(*it).value();
            } else if (node->is_array()) {
                bool ok = false;
                const qsizetype index = token.toLongLong(&ok);
                if (!ok || index < 0 || std::size_t(index) >= node->size())
                    return u"'%1' points at nothing in this schema."_s.arg(ref.value);
                node = &node->at(std::size_t(index));
            } else {
                return u"'%1' points at nothing in this schema."_s.arg(ref.value);
            }
        }
        if (!node->is_object() && !node->is_bool())
            return u"'%1' points at something that is not a schema."_s.arg(ref.value);
        return {};
    }

    bool m_draft7;
    QList<Ref> m_refs;
    QHash<QString, const Json *> m_resources;
    QSet<QString> m_anchors;
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

std::shared_ptr<SchemaValidator::Private> build(const QByteArray &specJson)
{
    auto d = std::make_shared<SchemaValidator::Private>();
    SchemaProblem syntax;
    std::optional<Json> spec = parseJson(specJson, &syntax);
    if (!spec) {
        d->problems.append(syntax);
        return d;
    }
    if (!spec->is_object()) {
        d->problems.append(problem({}, u"A content schema must be a JSON object."_s, u"type"_s));
        return d;
    }

    const Dialect *dialect = &draft202012();
    if (const auto declared = spec->find("$schema"); declared != spec->object_range().end()) {
        if (!(*declared).value().is_string()) {
            d->problems.append(problem(u"/$schema"_s, u"\"$schema\" must be a string naming the JSON Schema dialect."_s,
                                       u"$schema"_s));
            return d;
        }
        const QString uri = fromStd((*declared).value().as_string());
        dialect = dialectOf(uri);
        if (!dialect) {
            d->problems.append(problem(u"/$schema"_s,
                                       u"Unknown JSON Schema dialect '%1': Galley understands Draft 7 (%2), 2019-09 (%3) "
                                       "and 2020-12 (%4)."_s
                                               .arg(uri, fromStd(draft7().uri), fromStd(draft201909().uri),
                                                    fromStd(draft202012().uri)),
                                       u"$schema"_s));
            return d;
        }
        // jsoncons recognises a dialect by its exact URI.
        (*spec)["$schema"] = dialect->uri;
    }
    d->dialect = dialect->name;

    d->problems = validateAgainst(metaSchema(*dialect), *spec);
    if (!d->problems.isEmpty())
        return d;
    d->problems = ReferenceChecker(dialect == &draft7()).check(*spec);
    if (!d->problems.isEmpty())
        return d;

    try {
        d->compiled = std::make_unique<js::json_schema<Json>>(js::make_json_schema<Json>(
                *spec, js::evaluation_options {}.default_version(dialect->uri).require_format_validation(true)));
    } catch (const std::exception &e) {
        const QString message = QString::fromUtf8(e.what());
        d->problems.append(problem(pointerFromCompileError(message), u"The schema does not compile: %1"_s.arg(message), {}));
    }
    return d;
}

} // namespace

SchemaValidator::SchemaValidator() = default;

SchemaValidator::SchemaValidator(const QByteArray &specJson) : d(build(specJson)) { }

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
        return { problem({}, u"The schema is not valid, so nothing can be validated against it."_s, {}) };
    SchemaProblem syntax;
    const std::optional<Json> instance = parseJson(instanceJson, &syntax);
    if (!instance)
        return { syntax };
    return validateAgainst(*d->compiled, *instance);
}

SchemaValidator::Report SchemaValidator::validateSchema(const QByteArray &specJson)
{
    const SchemaValidator validator(specJson);
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
