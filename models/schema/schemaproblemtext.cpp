#include "schemaproblemtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

using Kind = SchemaProblemFacts::Kind;

// A limit from the schema (or, failing that, the first number of the raw message).
std::optional<double> limitOf(const SchemaProblemFacts &f)
{
    if (f.constraint.isDouble())
        return f.constraint.toDouble();
    static const QRegularExpression number(u"-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?"_s);
    const auto match = number.match(f.rawMessage);
    if (match.hasMatch())
        return match.captured().toDouble();
    return std::nullopt;
}

// English without a translator: Qt leaves "%n item(s)" as it is written. A translation
// (galley_en.qm's plural forms, or German) replaces the whole text and never has "(s)".
QString english(QString text, int n)
{
    if (text.contains("(s)"_L1))
        text.replace("(s)"_L1, n == 1 ? ""_L1 : "s"_L1);
    return text;
}

QString numberText(double value)
{
    if (std::floor(value) == value && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 15);
}

QString limitText(const SchemaProblemFacts &f)
{
    if (f.constraint.isDouble())
        return numberText(f.constraint.toDouble());
    if (const auto limit = limitOf(f))
        return numberText(*limit);
    return {};
}

int countOf(const SchemaProblemFacts &f)
{
    const auto limit = limitOf(f);
    return limit ? int(std::min(*limit, 2.0e9)) : 0;
}

} // namespace

QString SchemaProblemText::formatPhrase(const QString &format)
{
    if (format == "date"_L1)
        return SchemaProblemText::tr("a date like 2026-11-22");
    if (format == "date-time"_L1)
        return SchemaProblemText::tr("a date and time like 2026-11-22T09:30:00Z");
    if (format == "time"_L1)
        return SchemaProblemText::tr("a time like 09:30:00Z");
    if (format == "duration"_L1)
        return SchemaProblemText::tr("a duration like P3DT4H");
    if (format == "email"_L1 || format == "idn-email"_L1)
        return SchemaProblemText::tr("an e-mail address like name@example.com");
    if (format == "hostname"_L1 || format == "idn-hostname"_L1)
        return SchemaProblemText::tr("a host name like www.example.com");
    if (format == "ipv4"_L1)
        return SchemaProblemText::tr("an IPv4 address like 192.0.2.10");
    if (format == "ipv6"_L1)
        return SchemaProblemText::tr("an IPv6 address like 2001:db8::10");
    if (format == "uri"_L1 || format == "iri"_L1)
        return SchemaProblemText::tr("a full address like https://example.com/page");
    if (format == "uri-reference"_L1 || format == "iri-reference"_L1)
        return SchemaProblemText::tr("an address like https://example.com/page or /page");
    if (format == "uri-template"_L1)
        return SchemaProblemText::tr("an address template like https://example.com/{id}");
    if (format == "uuid"_L1)
        return SchemaProblemText::tr("a UUID like 3f2b8c1e-5d4a-4e7b-9c61-0a8d2e4f6b13");
    if (format == "regex"_L1)
        return SchemaProblemText::tr("a valid regular expression");
    if (format == "json-pointer"_L1)
        return SchemaProblemText::tr("a JSON pointer like /items/0");
    if (format == "relative-json-pointer"_L1)
        return SchemaProblemText::tr("a relative JSON pointer like 1/name");
    return SchemaProblemText::tr("in the “%1” format").arg(format);
}

namespace {

// The format a jsoncons message names, for when the schema could not be read.
QString formatInMessage(const QString &message)
{
    static const std::pair<QLatin1StringView, QLatin1StringView> known[] = {
        { "regular expression"_L1, "regex"_L1 },   { "date-time string"_L1, "date-time"_L1 },
        { "date string"_L1, "date"_L1 },           { "time string"_L1, "time"_L1 },
        { "email address"_L1, "email"_L1 },        { "hostname"_L1, "hostname"_L1 },
        { "IPv4"_L1, "ipv4"_L1 },                  { "IPv6"_L1, "ipv6"_L1 },
        { "absolute URI"_L1, "uri"_L1 },           { "JSONPointer"_L1, "json-pointer"_L1 },
    };
    for (const auto &[phrase, format] : known) {
        if (message.contains(phrase))
            return QString(format);
    }
    return {};
}

// "Choose one of: draft, final" (the first dozen values of a long list).
QString choices(const QJsonArray &values)
{
    constexpr qsizetype kShown = 12;
    QStringList shown;
    for (qsizetype i = 0; i < values.size() && i < kShown; ++i)
        shown << SchemaProblemText::valueText(values.at(i));
    if (values.size() > kShown)
        return SchemaProblemText::tr("Choose one of: %1, … (%n values in all)", nullptr, int(values.size()))
                .arg(shown.join(u", "_s));
    return SchemaProblemText::tr("Choose one of: %1").arg(shown.join(u", "_s));
}

QStringList expectedTypes(const SchemaProblemFacts &f)
{
    QStringList types;
    if (f.constraint.isString()) {
        types << f.constraint.toString();
    } else if (f.constraint.isArray()) {
        for (const QJsonValue &v : f.constraint.toArray())
            types << v.toString();
    } else {
        // "Expected string, or null, found integer"
        static const QRegularExpression expected(u"^Expected (.+), found"_s);
        if (const auto m = expected.match(f.rawMessage); m.hasMatch()) {
            for (QString t : m.captured(1).split(u',')) {
                t = t.trimmed();
                if (t.startsWith("or "_L1))
                    t = t.mid(3);
                types << t;
            }
        }
    }
    types.removeAll(QString());
    return types;
}

QString typeSentence(const SchemaProblemFacts &f)
{
    const QStringList types = expectedTypes(f);
    QStringList phrases;
    for (const QString &t : types)
        phrases << SchemaProblemText::typePhrase(t);
    QString expected;
    if (phrases.isEmpty())
        expected = SchemaProblemText::tr("of another type");
    else if (phrases.size() == 1)
        expected = phrases.constFirst();
    else
        expected = SchemaProblemText::tr("%1 or %2").arg(QStringList(phrases.mid(0, phrases.size() - 1)).join(u", "_s),
                                                         phrases.constLast());
    if (f.kind == Kind::Missing)
        return SchemaProblemText::tr("%1 must be %2").arg(f.field, expected);
    return SchemaProblemText::tr("%1 must be %2, not %3").arg(f.field, expected, SchemaProblemText::kindName(f.kind));
}

} // namespace

QString SchemaProblemText::humanise(const QString &propertyName)
{
    QString out;
    out.reserve(propertyName.size() + 4);
    QChar previous;
    for (qsizetype i = 0; i < propertyName.size(); ++i) {
        const QChar c = propertyName.at(i);
        if (c == u'_' || c == u'-' || c == u'.') {
            if (!out.endsWith(u' ') && !out.isEmpty())
                out += u' ';
            previous = u' ';
            continue;
        }
        // camelCase → two words; an acronym ("SEOTitle") keeps its capitals together.
        const bool boundary = c.isUpper() && !previous.isNull() && previous.isLower();
        if (boundary && !out.endsWith(u' '))
            out += u' ';
        out += c;
        previous = c;
    }
    QStringList words = out.simplified().split(u' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return propertyName;
    for (qsizetype i = 0; i < words.size(); ++i) {
        QString &w = words[i];
        const bool acronym = w.size() > 1 && w == w.toUpper() && w.at(0).isLetter();
        if (acronym)
            continue;
        if (i == 0)
            w[0] = w.at(0).toUpper();
        else if (w.size() > 1 && w.at(1).isLower())
            w[0] = w.at(0).toLower();
    }
    return words.join(u' ');
}

QString SchemaProblemText::item(const QString &arrayField, qsizetype index)
{
    return tr("%1 (item %2)").arg(arrayField).arg(index + 1);
}

QString SchemaProblemText::wholeDocument(bool schemaDocument)
{
    return schemaDocument ? tr("The schema") : tr("The content");
}

QString SchemaProblemText::quoted(const QString &name)
{
    return tr("“%1”").arg(name);
}

QString SchemaProblemText::typePhrase(const QString &typeName)
{
    if (typeName == "string"_L1)
        return tr("text");
    if (typeName == "number"_L1)
        return tr("a number");
    if (typeName == "integer"_L1)
        return tr("a whole number");
    if (typeName == "boolean"_L1)
        return tr("yes or no");
    if (typeName == "array"_L1)
        return tr("a list");
    if (typeName == "object"_L1)
        return tr("a group of fields");
    if (typeName == "null"_L1)
        return tr("empty");
    return quoted(typeName);
}

QString SchemaProblemText::kindName(SchemaProblemFacts::Kind kind)
{
    switch (kind) {
    case Kind::Missing:
        return tr("missing");
    case Kind::Null:
        return tr("empty");
    case Kind::Boolean:
        return tr("yes or no");
    case Kind::Integer:
    case Kind::Number:
        return tr("a number");
    case Kind::String:
        return tr("text");
    case Kind::Array:
        return tr("a list");
    case Kind::Object:
        return tr("a group of fields");
    }
    return {};
}

QString SchemaProblemText::valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return numberText(value.toDouble());
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isNull())
        return u"null"_s;
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

QString SchemaProblemText::sentence(const SchemaProblemFacts &f)
{
    const QString &k = f.keyword;
    const QString &field = f.field;

    if (k == "type"_L1)
        return typeSentence(f);
    if (k == "enum"_L1) {
        if (f.constraint.isArray() && !f.constraint.toArray().isEmpty())
            return choices(f.constraint.toArray());
        return tr("%1 has a value that is not allowed").arg(field);
    }
    if (k == "const"_L1) {
        if (!f.constraint.isUndefined())
            return tr("%1 must be %2").arg(field, valueText(f.constraint));
        return tr("%1 has a value that is not allowed").arg(field);
    }
    if (k == "minimum"_L1)
        return tr("%1 must be at least %2").arg(field, limitText(f));
    if (k == "maximum"_L1)
        return tr("%1 must be at most %2").arg(field, limitText(f));
    if (k == "exclusiveMinimum"_L1)
        return tr("%1 must be more than %2").arg(field, limitText(f));
    if (k == "exclusiveMaximum"_L1)
        return tr("%1 must be less than %2").arg(field, limitText(f));
    if (k == "multipleOf"_L1)
        return tr("%1 must be a multiple of %2").arg(field, limitText(f));
    if (k == "minLength"_L1)
        return english(tr("%1 must be at least %n character(s) long", nullptr, countOf(f)), countOf(f)).arg(field)
                + english(tr(" (it has %n)", nullptr, int(f.valueSize)), int(f.valueSize));
    if (k == "maxLength"_L1)
        return english(tr("%1 must be at most %n character(s) long", nullptr, countOf(f)), countOf(f)).arg(field)
                + english(tr(" (it has %n)", nullptr, int(f.valueSize)), int(f.valueSize));
    if (k == "pattern"_L1) {
        const QString pattern = f.constraint.isString() ? f.constraint.toString() : QString();
        if (pattern.isEmpty())
            return tr("%1 does not have the required form").arg(field);
        return tr("%1 must match the pattern %2").arg(field, pattern);
    }
    if (k == "format"_L1) {
        QString format = f.constraint.toString();
        if (format.isEmpty())
            format = formatInMessage(f.rawMessage);
        if (format.isEmpty())
            return tr("%1 is not in the expected format").arg(field);
        if (f.schemaDocument && format == "regex"_L1)
            return tr("%1 must be a valid regular expression").arg(field);
        return tr("%1 must be %2").arg(field, SchemaProblemText::formatPhrase(format));
    }
    if (k == "required"_L1) {
        if (!f.trigger.isEmpty())
            return tr("%1 is required when %2 is filled in").arg(f.property, f.trigger);
        return tr("%1 is required").arg(f.property.isEmpty() ? field : f.property);
    }
    if (k == "dependentRequired"_L1 || k == "dependencies"_L1)
        return tr("%1 is required when %2 is filled in").arg(f.property, f.trigger);
    if (k == "additionalProperties"_L1 || k == "unevaluatedProperties"_L1) {
        const QString name = f.property.isEmpty() ? field : quoted(f.property);
        if (f.schemaDocument)
            return tr("%1 is not a keyword allowed here").arg(name);
        if (f.kind != Kind::Missing && !f.constraint.isBool() && !f.constraint.isUndefined())
            return tr("%1 does not fit the rule for extra fields").arg(name);
        return tr("%1 is not a field of this schema").arg(name);
    }
    if (k == "propertyNames"_L1) {
        if (!f.property.isEmpty())
            return tr("%1 is not an allowed field name in %2").arg(quoted(f.property), field);
        return tr("%1 has a field name that is not allowed").arg(field);
    }
    if (k == "additionalItems"_L1 || k == "items"_L1 || k == "unevaluatedItems"_L1 || k == "prefixItems"_L1)
        return tr("%1 is one item more than the list allows").arg(field);
    if (k == "minItems"_L1)
        return english(tr("%1 needs at least %n item(s)", nullptr, countOf(f)), countOf(f)).arg(field)
                + english(tr(" (it has %n)", nullptr, int(f.valueSize)), int(f.valueSize));
    if (k == "maxItems"_L1)
        return english(tr("%1 can have at most %n item(s)", nullptr, countOf(f)), countOf(f)).arg(field)
                + english(tr(" (it has %n)", nullptr, int(f.valueSize)), int(f.valueSize));
    if (k == "uniqueItems"_L1)
        return tr("%1 must not contain the same item twice").arg(field);
    if (k == "contains"_L1)
        return tr("%1 must contain at least one matching item").arg(field);
    if (k == "minContains"_L1)
        return english(tr("%1 must contain at least %n matching item(s)", nullptr, countOf(f)), countOf(f)).arg(field);
    if (k == "maxContains"_L1)
        return english(tr("%1 can contain at most %n matching item(s)", nullptr, countOf(f)), countOf(f)).arg(field);
    if (k == "minProperties"_L1)
        return english(tr("%1 needs at least %n field(s)", nullptr, countOf(f)), countOf(f)).arg(field);
    if (k == "maxProperties"_L1)
        return english(tr("%1 can have at most %n field(s)", nullptr, countOf(f)), countOf(f)).arg(field);
    if (k == "not"_L1)
        return tr("%1 has a value of a kind that is excluded").arg(field);
    if (k == "anyOf"_L1)
        return tr("%1 matches none of the allowed forms").arg(field);
    if (k == "oneOf"_L1) {
        if (f.rawMessage.contains("no matching"_L1))
            return tr("%1 matches none of the allowed forms").arg(field);
        return tr("%1 matches more than one of the forms, but must match exactly one").arg(field);
    }
    if (k == "allOf"_L1)
        return tr("%1 does not meet all of its rules").arg(field);
    if (k == "false"_L1)
        return tr("%1 is not allowed here").arg(field);
    if (k == "contentEncoding"_L1)
        return tr("%1 must be encoded as %2").arg(field, f.constraint.toString());
    if (k == "contentMediaType"_L1)
        return tr("%1 must be %2 content").arg(field, f.constraint.toString());
    if (k == "$ref"_L1 || k == "$dynamicRef"_L1 || k == "$recursiveRef"_L1)
        return tr("%1 refers to a part of the schema that cannot be found").arg(field);
    if (f.rawMessage.isEmpty())
        return tr("%1 is not valid").arg(field);
    return tr("%1: %2").arg(field, f.rawMessage);
}

} // namespace Galley
