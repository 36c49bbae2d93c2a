#include "linkextractor.h"

#include "schema/jsontext.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

// Deeper than any real schema; stops a schema that refers to itself without consuming data.
constexpr int kMaxDepth = 64;

enum class RichText { None = 0, Html = 1, Markdown = 2 };

RichText richTextOf(const QJsonObject &schema)
{
    const QString type = schema.value("contentMediaType"_L1).toString().section(u';', 0, 0).trimmed().toLower();
    if (type == "text/html"_L1)
        return RichText::Html;
    if (type == "text/markdown"_L1)
        return RichText::Markdown;
    return RichText::None;
}

// "&amp;" → "&", "&#47;" → "/", "&#x2F;" → "/" (what an attribute value may contain).
QString decodeEntities(QStringView text)
{
    if (!text.contains(u'&'))
        return text.toString();
    static const QHash<QString, QString> named { { u"amp"_s, u"&"_s },  { u"quot"_s, u"\""_s }, { u"apos"_s, u"'"_s },
                                                 { u"lt"_s, u"<"_s },   { u"gt"_s, u">"_s },    { u"nbsp"_s, u" "_s },
                                                 { u"sol"_s, u"/"_s },  { u"colon"_s, u":"_s }, { u"equals"_s, u"="_s },
                                                 { u"quest"_s, u"?"_s }, { u"num"_s, u"#"_s } };
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        const qsizetype semicolon = c == u'&' ? text.indexOf(u';', i + 1) : -1;
        if (semicolon > i + 1 && semicolon - i <= 12) {
            const QStringView entity = text.mid(i + 1, semicolon - i - 1);
            if (entity.startsWith(u'#')) {
                bool ok = false;
                const uint code = entity.size() > 1 && (entity.at(1) == u'x' || entity.at(1) == u'X')
                        ? entity.mid(2).toUInt(&ok, 16)
                        : entity.mid(1).toUInt(&ok, 10);
                if (ok && code > 0 && code <= 0x10FFFF) {
                    const char32_t cp = code;
                    out += QString::fromUcs4(&cp, 1);
                    i = semicolon + 1;
                    continue;
                }
            } else if (const auto it = named.constFind(entity.toString().toLower()); it != named.cend()) {
                out += *it;
                i = semicolon + 1;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

struct Found
{
    qsizetype at;
    QString url;
};

void collectHtml(QStringView html, QList<Found> &found)
{
    static const QRegularExpression attribute(
            uR"re((?<![\w-])(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+)))re"_s,
            QRegularExpression::CaseInsensitiveOption);
    for (auto it = attribute.globalMatchView(html); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        for (int group = 1; group <= 3; ++group) {
            if (m.capturedStart(group) >= 0) {
                found.append({ m.capturedStart(group), decodeEntities(m.capturedView(group)).trimmed() });
                break;
            }
        }
    }
}

void collectMarkdown(QStringView markdown, QList<Found> &found)
{
    // [text](url "title") and ![alt](url): the destination, in <…> or with balanced parentheses.
    static const QRegularExpression inlineLink(uR"re(\]\(\s*(?:<([^<>\n]*)>|((?:[^\s()]|\([^\s()]*\))+)))re"_s);
    // <https://…> autolinks.
    static const QRegularExpression autolink(uR"re(<((?:https?|HTTPS?)://[^\s<>]+)>)re"_s);
    // [id]: url "title" — reference definitions.
    static const QRegularExpression reference(uR"re(^ {0,3}\[[^\]\n]+\]:[ \t]*(?:<([^<>\n]*)>|(\S+)))re"_s,
                                              QRegularExpression::MultilineOption);
    for (const QRegularExpression *re : { &inlineLink, &autolink, &reference }) {
        for (auto it = re->globalMatchView(markdown); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            for (int group = 1; group <= re->captureCount(); ++group) {
                if (m.capturedStart(group) >= 0) {
                    found.append({ m.capturedStart(group), decodeEntities(m.capturedView(group)).trimmed() });
                    break;
                }
            }
        }
    }
    collectHtml(markdown, found);   // Markdown allows inline HTML
}

QStringList checkableInOrder(QList<Found> found)
{
    std::stable_sort(found.begin(), found.end(), [](const Found &a, const Found &b) { return a.at < b.at; });
    QStringList out;
    qsizetype lastAt = -1;
    for (const Found &f : std::as_const(found)) {
        if (f.at == lastAt)
            continue;   // one destination seen by two patterns (an <a href> inside Markdown)
        lastAt = f.at;
        if (LinkExtractor::isCheckable(f.url))
            out << f.url;
    }
    return out;
}

// Walks an edition's fields together with the schemas that apply to each value.
class Walker
{
public:
    explicit Walker(const QJsonObject &root) : m_root(root) { }

    void visit(const QList<QJsonObject> &schemas, const QJsonValue &value, const QString &pointer, int depth)
    {
        if (depth > kMaxDepth || schemas.isEmpty())
            return;
        QList<QJsonObject> applicable;
        QSet<QString> followed;
        for (const QJsonObject &s : schemas)
            addApplicable(s, applicable, followed, depth);
        if (value.isString()) {
            int kinds = 0;
            for (const QJsonObject &s : std::as_const(applicable))
                kinds |= int(richTextOf(s));
            if (kinds == 0)
                return;
            QList<Found> found;
            if (kinds & int(RichText::Markdown))
                collectMarkdown(value.toString(), found);
            else
                collectHtml(value.toString(), found);
            for (const QString &url : checkableInOrder(std::move(found)))
                add(url, pointer);
        } else if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                QList<QJsonObject> children;
                for (const QJsonObject &s : std::as_const(applicable))
                    memberSchemas(s, it.key(), children);
                visit(children, it.value(), JsonText::childPointer(pointer, it.key()), depth + 1);
            }
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                QList<QJsonObject> children;
                for (const QJsonObject &s : std::as_const(applicable))
                    itemSchemas(s, i, children);
                visit(children, array.at(i), pointer + u'/' + QString::number(i), depth + 1);
            }
        }
    }

    QList<ExtractedLink> take() { return std::move(m_links); }

private:
    // The schema, what its $ref points at and its allOf/anyOf/oneOf branches; each reference
    // followed once per value (a schema may refer to itself).
    void addApplicable(const QJsonObject &schema, QList<QJsonObject> &out, QSet<QString> &followed, int depth)
    {
        if (depth > kMaxDepth)
            return;
        out.append(schema);
        if (const QJsonValue ref = schema.value("$ref"_L1); ref.isString() && !followed.contains(ref.toString())) {
            followed.insert(ref.toString());
            if (const auto target = resolve(ref.toString()))
                addApplicable(*target, out, followed, depth + 1);
        }
        for (const QLatin1StringView combinator : { "allOf"_L1, "anyOf"_L1, "oneOf"_L1 }) {
            const QJsonArray branches = schema.value(combinator).toArray();
            for (const QJsonValue &b : branches) {
                if (b.isObject())
                    addApplicable(b.toObject(), out, followed, depth + 1);
            }
        }
    }

    // A local reference: "#", "#/$defs/image", "#/definitions/person" (RFC 6901 tokens).
    std::optional<QJsonObject> resolve(const QString &ref) const
    {
        if (!ref.startsWith(u'#'))
            return std::nullopt;   // remote references are not followed
        const auto tokens = JsonText::splitPointer(QStringView(ref).mid(1));
        if (!tokens)
            return std::nullopt;
        QJsonValue at = m_root;
        for (const QString &t : *tokens) {
            if (at.isObject()) {
                at = at.toObject().value(t);
            } else if (at.isArray()) {
                bool ok = false;
                const int index = t.toInt(&ok);
                if (!ok)
                    return std::nullopt;
                at = at.toArray().at(index);
            } else {
                return std::nullopt;
            }
        }
        if (!at.isObject())
            return std::nullopt;
        return at.toObject();
    }

    static void memberSchemas(const QJsonObject &schema, const QString &key, QList<QJsonObject> &out)
    {
        bool matched = false;
        if (const QJsonValue p = schema.value("properties"_L1).toObject().value(key); p.isObject()) {
            out.append(p.toObject());
            matched = true;
        }
        const QJsonObject patterns = schema.value("patternProperties"_L1).toObject();
        for (auto it = patterns.constBegin(); it != patterns.constEnd(); ++it) {
            const QRegularExpression re(it.key());
            if (it.value().isObject() && re.isValid() && re.match(key).hasMatch()) {
                out.append(it.value().toObject());
                matched = true;
            }
        }
        if (!matched) {
            if (const QJsonValue extra = schema.value("additionalProperties"_L1); extra.isObject())
                out.append(extra.toObject());
        }
    }

    static void itemSchemas(const QJsonObject &schema, qsizetype index, QList<QJsonObject> &out)
    {
        const QJsonValue items = schema.value("items"_L1);
        const QJsonArray prefix = schema.value("prefixItems"_L1).toArray();   // 2020-12
        if (index < prefix.size()) {
            if (prefix.at(index).isObject())
                out.append(prefix.at(index).toObject());
            return;
        }
        if (items.isArray()) {   // Draft 7 tuple
            const QJsonArray tuple = items.toArray();
            if (index < tuple.size()) {
                if (tuple.at(index).isObject())
                    out.append(tuple.at(index).toObject());
            } else if (const QJsonValue extra = schema.value("additionalItems"_L1); extra.isObject()) {
                out.append(extra.toObject());
            }
            return;
        }
        if (items.isObject())
            out.append(items.toObject());
    }

    void add(const QString &url, const QString &pointer)
    {
        if (const auto it = m_index.constFind(url); it != m_index.cend()) {
            ExtractedLink &link = m_links[*it];
            if (!link.pointers.contains(pointer))
                link.pointers.append(pointer);
            return;
        }
        m_index.insert(url, m_links.size());
        m_links.append(ExtractedLink { url, pointer, { pointer } });
    }

    const QJsonObject &m_root;
    QList<ExtractedLink> m_links;
    QHash<QString, qsizetype> m_index;
};

} // namespace

QList<ExtractedLink> LinkExtractor::extract(const QJsonObject &specDoc, const QJsonObject &fields)
{
    Walker walker(specDoc);
    walker.visit({ specDoc }, fields, QString(), 0);
    return walker.take();
}

QStringList LinkExtractor::urlsInHtml(QStringView html)
{
    QList<Found> found;
    collectHtml(html, found);
    return checkableInOrder(std::move(found));
}

QStringList LinkExtractor::urlsInMarkdown(QStringView markdown)
{
    QList<Found> found;
    collectMarkdown(markdown, found);
    return checkableInOrder(std::move(found));
}

bool LinkExtractor::isCheckable(const QString &url)
{
    if (url.isEmpty() || url.size() > 8192)
        return false;
    const QUrl u(url, QUrl::TolerantMode);
    if (!u.isValid())
        return false;
    const QString scheme = u.scheme().toLower();
    return (scheme == "http"_L1 || scheme == "https"_L1) && !u.host().isEmpty();
}

} // namespace Galley
