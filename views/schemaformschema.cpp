#include "schemaformschema.h"

#include "schema/jsontext.h"

#include "schemaform.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <algorithm>
#include <cmath>

namespace Galley::SchemaFormDetail {

using namespace Qt::StringLiterals;

// ---------------------------------------------------------------------------------------------
// JSON pointers, paths and values

QString pointerOf(const Path &path)
{
    QString s;
    for (const Seg &seg : path) {
        s += u'/';
        s += seg.isIndex() ? QString::number(seg.index) : JsonText::escapePointerToken(seg.key);
    }
    return s;
}

Path child(Path path, const QString &key)
{
    path.append(Seg { key, -1 });
    return path;
}

Path item(Path path, qsizetype index)
{
    path.append(Seg { QString(), index });
    return path;
}

QJsonValue valueAt(const QJsonValue &root, const Path &path)
{
    QJsonValue v = root;
    for (const Seg &seg : path) {
        if (seg.isIndex()) {
            if (!v.isArray())
                return QJsonValue(QJsonValue::Undefined);
            const QJsonArray a = v.toArray();
            if (seg.index >= a.size())
                return QJsonValue(QJsonValue::Undefined);
            v = a.at(seg.index);
        } else {
            if (!v.isObject())
                return QJsonValue(QJsonValue::Undefined);
            v = v.toObject().value(seg.key);
        }
    }
    return v;
}

QJsonValue withValueAt(const QJsonValue &root, const Path &path, qsizetype from, const QJsonValue &v)
{
    if (from == path.size())
        return v;
    const Seg &seg = path.at(from);
    if (seg.isIndex()) {
        QJsonArray a = root.toArray();
        const QJsonValue old = seg.index < a.size() ? a.at(seg.index) : QJsonValue(QJsonValue::Undefined);
        if (old.isUndefined() && v.isUndefined())
            return root;
        QJsonValue nv = withValueAt(old, path, from + 1, v);
        if (nv.isUndefined())
            nv = QJsonValue(QJsonValue::Null);
        while (a.size() < seg.index)
            a.append(QJsonValue(QJsonValue::Null));
        if (seg.index < a.size())
            a.replace(seg.index, nv);
        else
            a.append(nv);
        return a;
    }
    QJsonObject o = root.toObject();
    const QJsonValue old = o.value(seg.key);
    if (old.isUndefined() && v.isUndefined())
        return root.isObject() ? root : QJsonValue(QJsonValue::Undefined);
    const QJsonValue nv = withValueAt(old, path, from + 1, v);
    if (nv.isUndefined())
        o.remove(seg.key);
    else
        o.insert(seg.key, nv);
    return o;
}

QString compactJson(const QJsonValue &v)
{
    if (v.isUndefined())
        return {};
    QByteArray text = QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QString indentedJson(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    return compactJson(v);
}

std::optional<QJsonValue> parseJsonValue(const QString &text, QString *error)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[" + text.toUtf8() + "]"), &e);
    if (e.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1) {
        if (error)
            *error = e.error == QJsonParseError::NoError ? SchemaForm::tr("more than one value")
                                                         : e.errorString();
        return std::nullopt;
    }
    return doc.array().at(0);
}

QString displayValue(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isNull())
        return SchemaForm::tr("None");
    if (v.isBool())
        return v.toBool() ? SchemaForm::tr("Yes") : SchemaForm::tr("No");
    return compactJson(v);
}

// ---------------------------------------------------------------------------------------------
// Key order: QJsonObject sorts its keys, a form follows the order of the schema's text.

QHash<QString, QStringList> keyOrderOf(const QByteArray &text)
{
    QHash<QString, QStringList> out;
    const JsonText::Document doc = JsonText::Document::parse(QString::fromUtf8(text));
    if (!doc.isValid())
        return out;
    for (int n = 0; n < doc.nodeCount(); ++n) {
        if (doc.node(n).kind != JsonText::Kind::Object)
            continue;
        QStringList keys;
        keys.reserve(doc.node(n).childCount);
        for (int row = 0; row < doc.node(n).childCount; ++row)
            keys.append(doc.key(doc.child(n, row)));
        out.insert(u"#"_s + doc.pointer(n), keys);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Keywords

QStringList typesOf(const QJsonObject &s)
{
    const QJsonValue t = s.value(u"type");
    if (t.isString())
        return { t.toString() };
    if (t.isArray()) {
        QStringList out;
        for (const QJsonValue &v : t.toArray())
            out.append(v.toString());
        return out;
    }
    static const QStringList objectWords { u"properties"_s,           u"required"_s,
                                           u"additionalProperties"_s, u"patternProperties"_s,
                                           u"minProperties"_s,        u"maxProperties"_s };
    static const QStringList arrayWords { u"items"_s,    u"prefixItems"_s, u"minItems"_s,
                                          u"maxItems"_s, u"uniqueItems"_s, u"contains"_s };
    static const QStringList stringWords { u"minLength"_s, u"maxLength"_s, u"pattern"_s, u"format"_s,
                                           u"contentMediaType"_s };
    static const QStringList numberWords { u"minimum"_s, u"maximum"_s, u"exclusiveMinimum"_s,
                                           u"exclusiveMaximum"_s, u"multipleOf"_s };
    const auto any = [&s](const QStringList &words) {
        return std::any_of(words.cbegin(), words.cend(), [&s](const QString &w) { return s.contains(w); });
    };
    if (any(objectWords))
        return { u"object"_s };
    if (any(arrayWords))
        return { u"array"_s };
    if (any(stringWords))
        return { u"string"_s };
    if (any(numberWords))
        return { u"number"_s };
    return {};
}

bool isNullable(const QJsonObject &s)
{
    return typesOf(s).contains(u"null"_s);
}

QSet<QString> requiredOf(const QJsonObject &s)
{
    QSet<QString> out;
    for (const QJsonValue &v : s.value(u"required").toArray())
        out.insert(v.toString());
    return out;
}

Bounds boundsOf(const QJsonObject &s, bool integer)
{
    Bounds b;
    if (s.value(u"multipleOf").isDouble() && s.value(u"multipleOf").toDouble() > 0) {
        b.step = s.value(u"multipleOf").toDouble();
        b.multipleOf = true;
    }
    if (s.value(u"minimum").isDouble())
        b.minimum = s.value(u"minimum").toDouble();
    if (s.value(u"maximum").isDouble())
        b.maximum = s.value(u"maximum").toDouble();
    // Draft 7 and later: a number; draft 4: a flag on minimum/maximum.
    const QJsonValue exMin = s.value(u"exclusiveMinimum");
    const QJsonValue exMax = s.value(u"exclusiveMaximum");
    if (exMin.isDouble()) {
        b.minimum = exMin.toDouble();
        b.exclusiveMin = true;
    } else if (exMin.isBool() && exMin.toBool() && b.minimum) {
        b.exclusiveMin = true;
    }
    if (exMax.isDouble()) {
        b.maximum = exMax.toDouble();
        b.exclusiveMax = true;
    } else if (exMax.isBool() && exMax.toBool() && b.maximum) {
        b.exclusiveMax = true;
    }
    const double inc = integer ? std::max(1.0, b.step) : b.step;
    if (b.minimum) {
        double lo = *b.minimum;
        if (integer)
            lo = b.exclusiveMin ? std::floor(lo) + 1 : std::ceil(lo);
        else if (b.exclusiveMin)
            lo += inc;
        if (b.multipleOf)
            lo = std::ceil(lo / b.step) * b.step;
        b.low = lo;
    }
    if (b.maximum) {
        double hi = *b.maximum;
        if (integer)
            hi = b.exclusiveMax ? std::ceil(hi) - 1 : std::floor(hi);
        else if (b.exclusiveMax)
            hi -= inc;
        if (b.multipleOf)
            hi = std::floor(hi / b.step) * b.step;
        b.high = hi;
    }
    return b;
}

QString singular(const QString &plural)
{
    if (plural.endsWith(u"ies"_s) && plural.size() > 4)
        return plural.chopped(3) + u'y';
    if (plural.endsWith(u's') && !plural.endsWith(u"ss"_s) && plural.size() > 3)
        return plural.chopped(1);
    return plural;
}

QString lowerNoun(const QString &noun)
{
    if (noun.size() > 1 && noun.at(0).isUpper() && noun.at(1).isLower())
        return noun.at(0).toLower() + noun.mid(1);
    return noun;
}

// ---------------------------------------------------------------------------------------------
// SchemaWalker

std::optional<QJsonValue> SchemaWalker::lookupRef(const QString &ref, QString *location) const
{
    QString fragment;
    if (ref.startsWith(u'#')) {
        fragment = ref.mid(1);
    } else {
        const QString id = root.value(u"$id").toString();
        if (id.isEmpty() || !ref.startsWith(id))
            return std::nullopt;
        const QString rest = ref.mid(id.size());
        if (!rest.isEmpty() && !rest.startsWith(u'#'))
            return std::nullopt;
        fragment = rest.mid(1);
    }
    fragment = QUrl::fromPercentEncoding(fragment.toUtf8());
    if (fragment.isEmpty()) {
        *location = u"#"_s;
        return QJsonValue(root);
    }
    if (fragment.startsWith(u'/')) {
        QJsonValue v(root);
        for (const QString &t : JsonText::splitPointer(fragment).value_or(QStringList())) {
            if (v.isObject()) {
                if (!v.toObject().contains(t))
                    return std::nullopt;
                v = v.toObject().value(t);
            } else if (v.isArray()) {
                bool ok = false;
                const int i = t.toInt(&ok);
                if (!ok || i < 0 || i >= v.toArray().size())
                    return std::nullopt;
                v = v.toArray().at(i);
            } else {
                return std::nullopt;
            }
        }
        *location = u'#' + fragment;
        return v;
    }
    // A plain-name fragment: an $anchor (2019-09+) or an "$id": "#name" (draft 7).
    for (const QString &defs : { u"$defs"_s, u"definitions"_s }) {
        const QJsonObject all = root.value(defs).toObject();
        for (auto it = all.begin(); it != all.end(); ++it) {
            const QJsonObject d = it.value().toObject();
            if (d.value(u"$anchor").toString() == fragment || d.value(u"$id").toString() == u'#' + fragment) {
                *location = u"#/"_s + JsonText::escapePointerToken(defs) + u'/' + JsonText::escapePointerToken(it.key());
                return it.value();
            }
        }
    }
    return std::nullopt;
}

QStringList SchemaWalker::orderFor(const QJsonObject &properties, const QString &location) const
{
    QStringList order;
    if (!location.isEmpty()) {
        for (const QString &k : keyOrder.value(location)) {
            if (properties.contains(k) && !order.contains(k))
                order.append(k);
        }
    }
    if (order.size() != properties.size()) {
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            if (!order.contains(it.key()))
                order.append(it.key());
        }
    }
    return order;
}

void SchemaWalker::overlay(Sub &dst, const Sub &src, bool srcWins) const
{
    for (auto it = src.s.begin(); it != src.s.end(); ++it) {
        const QString &k = it.key();
        if (k == u"properties"_s) {
            QJsonObject props = dst.s.value(k).toObject();
            const QJsonObject more = it.value().toObject();
            for (const QString &pk : src.order) {
                if (props.contains(pk)) {
                    // Both describe it: the value must satisfy both.
                    props.insert(
                        pk, QJsonObject { { u"allOf"_s, QJsonArray { props.value(pk), more.value(pk) } } });
                    dst.propLoc.insert(pk, QString());
                } else {
                    props.insert(pk, more.value(pk));
                    dst.propLoc.insert(pk, src.propLoc.value(pk));
                    dst.order.append(pk);
                }
            }
            dst.s.insert(k, props);
        } else if (k == u"required"_s) {
            QJsonArray req = dst.s.value(k).toArray();
            for (const QJsonValue &r : it.value().toArray()) {
                if (!req.contains(r))
                    req.append(r);
            }
            dst.s.insert(k, req);
        } else if (k == u"$defs"_s || k == u"definitions"_s || k == u"$id"_s || k == u"$schema"_s) {
            continue;
        } else if (k == u"type"_s && dst.s.contains(k) && !srcWins) {
            // Both constrain the type: keep the types both allow.
            const QStringList a = typesOf(dst.s);
            const QStringList b = typesOf(src.s);
            QJsonArray both;
            for (const QString &t : a) {
                if (b.contains(t) || (t == u"number"_s && b.contains(u"integer"_s)))
                    both.append(b.contains(t) ? t : u"integer"_s);
            }
            if (both.size() == 1)
                dst.s.insert(k, both.first());
            else if (!both.isEmpty())
                dst.s.insert(k, both);
        } else if (srcWins || !dst.s.contains(k)) {
            dst.s.insert(k, it.value());
            dst.keywordLoc.insert(k, src.keywordLoc.value(k));
        }
    }
    if (src.never)
        dst.never = true;
    if (dst.note.isEmpty())
        dst.note = src.note;
}

Sub SchemaWalker::resolve(const QJsonValue &raw, const QString &location, int depth) const
{
    Sub r;
    if (raw.isBool()) {
        r.never = !raw.toBool();
        return r;
    }
    if (depth > kMaxDepth) {
        r.note = SchemaForm::tr("The schema nests too deeply here to show as a form.");
        return r;
    }
    QJsonObject s = raw.toObject();
    if (s.contains(u"$ref")) {
        const QString ref = s.value(u"$ref").toString();
        s.remove(u"$ref"_s);
        QString targetLocation;
        const std::optional<QJsonValue> target = lookupRef(ref, &targetLocation);
        if (!target) {
            r = resolve(s, location, depth + 1);
            r.note = SchemaForm::tr("The schema refers to %1, which the form cannot follow.").arg(ref);
            return r;
        }
        r = resolve(*target, targetLocation, depth + 1);
        if (!s.isEmpty()) {
            const Sub siblings = resolve(s, location, depth + 1);
            overlay(r, siblings, true);
        }
        return r;
    }
    r.s = s;
    for (auto it = s.begin(); it != s.end(); ++it)
        r.keywordLoc.insert(it.key(), location);
    const QJsonObject props = s.value(u"properties").toObject();
    const QString propsLocation = location.isEmpty() ? QString() : location + u"/properties"_s;
    r.order = orderFor(props, propsLocation);
    for (const QString &k : std::as_const(r.order))
        r.propLoc.insert(k, propsLocation.isEmpty() ? QString() : propsLocation + u'/' + JsonText::escapePointerToken(k));
    if (r.s.contains(u"allOf")) {
        const QJsonArray parts = r.s.take(u"allOf").toArray();
        const QString partsLocation = location.isEmpty() ? QString() : location + u"/allOf/"_s;
        for (int i = 0; i < parts.size(); ++i) {
            const Sub part = resolve(parts.at(i),
                                     partsLocation.isEmpty() ? QString() : partsLocation + QString::number(i),
                                     depth + 1);
            overlay(r, part, false);
        }
    }
    return r;
}

Sub SchemaWalker::propertySub(const Sub &parent, const QString &name) const
{
    return resolve(parent.s.value(u"properties").toObject().value(name), parent.propLoc.value(name));
}

bool SchemaWalker::isEnumLike(const Sub &sub) const
{
    if (sub.s.value(u"enum").isArray() && !sub.s.value(u"enum").toArray().isEmpty())
        return true;
    for (const QString &key : { u"oneOf"_s, u"anyOf"_s }) {
        const QJsonArray alts = sub.s.value(key).toArray();
        if (alts.isEmpty())
            continue;
        return std::all_of(alts.begin(), alts.end(), [this](const QJsonValue &a) {
            const Sub b = resolve(a, QString(), 1);
            return b.s.contains(u"const");
        });
    }
    return false;
}

QList<Option> SchemaWalker::enumOptions(const Sub &sub) const
{
    QList<Option> out;
    const QJsonArray values = sub.s.value(u"enum").toArray();
    if (!values.isEmpty()) {
        QJsonArray names = sub.s.value(u"x-enumNames").toArray();
        if (names.isEmpty())
            names = sub.s.value(u"enumNames").toArray();
        for (int i = 0; i < values.size(); ++i) {
            const QString name = i < names.size() ? names.at(i).toString() : QString();
            out.append({ values.at(i), name.isEmpty() ? displayValue(values.at(i)) : name });
        }
        return out;
    }
    for (const QString &key : { u"oneOf"_s, u"anyOf"_s }) {
        for (const QJsonValue &a : sub.s.value(key).toArray()) {
            const Sub b = resolve(a, QString(), 1);
            const QJsonValue c = b.s.value(u"const");
            QString title = b.s.value(u"title").toString();
            if (title.isEmpty())
                title = displayValue(c);
            out.append({ c, title });
        }
        if (!out.isEmpty())
            break;
    }
    return out;
}

QList<Branch> SchemaWalker::branches(const Sub &sub) const
{
    QList<Branch> out;
    const QString key = sub.s.contains(u"oneOf") ? u"oneOf"_s : u"anyOf"_s;
    const QJsonArray alts = sub.s.value(key).toArray();
    const QString altsLocation = sub.at(key);
    Sub base = sub;
    base.s.remove(u"oneOf"_s);
    base.s.remove(u"anyOf"_s);
    base.s.remove(u"title"_s);
    base.s.remove(u"description"_s);
    base.s.remove(u"default"_s);
    for (int i = 0; i < alts.size(); ++i) {
        const QJsonValue raw = alts.at(i);
        const Sub b
            = resolve(raw, altsLocation.isEmpty() ? QString() : altsLocation + u'/' + QString::number(i));
        Branch branch;
        branch.location = altsLocation.isEmpty() ? QString() : altsLocation + u'/' + QString::number(i);
        branch.title = b.s.value(u"title").toString();
        if (branch.title.isEmpty()) {
            // "#/$defs/video_block" → "Video block"
            const QString ref = raw.toObject().value(u"$ref").toString();
            if (!ref.isEmpty())
                branch.title = SchemaForm::labelForName(ref.section(u'/', -1));
        }
        if (branch.title.isEmpty()) {
            const QStringList types = typesOf(b.s);
            static const QHash<QString, const char *> names {
                { u"string"_s, QT_TRANSLATE_NOOP("Galley::SchemaForm", "Text") },
                { u"number"_s, QT_TRANSLATE_NOOP("Galley::SchemaForm", "Number") },
                { u"integer"_s, QT_TRANSLATE_NOOP("Galley::SchemaForm", "Whole number") },
                { u"boolean"_s, QT_TRANSLATE_NOOP("Galley::SchemaForm", "Yes or no") },
                { u"object"_s, QT_TRANSLATE_NOOP("Galley::SchemaForm", "Group") },
                { u"array"_s, QT_TRANSLATE_NOOP("Galley::SchemaForm", "List") },
                { u"null"_s, QT_TRANSLATE_NOOP("Galley::SchemaForm", "Nothing") },
            };
            if (types.size() == 1 && names.contains(types.first()))
                branch.title = SchemaForm::tr(names.value(types.first()));
            else
                branch.title = SchemaForm::tr("Option %1").arg(i + 1);
        }
        branch.sub = base;
        branch.sub.s.remove(u"properties"_s);
        branch.sub.order.clear();
        // The parent's own properties first, then the branch's.
        Sub parentPart = base;
        parentPart.s = QJsonObject();
        if (base.s.contains(u"properties"))
            parentPart.s.insert(u"properties"_s, base.s.value(u"properties"));
        overlay(branch.sub, parentPart, true);
        overlay(branch.sub, b, true);
        if (!branch.sub.s.contains(u"title"))
            branch.sub.s.insert(u"title"_s, branch.title);
        out.append(branch);
    }
    return out;
}

Kind SchemaWalker::classify(const Sub &sub, int depth) const
{
    const QJsonObject &s = sub.s;
    if (!sub.note.isEmpty() || depth > kMaxDepth)
        return Kind::Raw;
    if (s.contains(u"const"))
        return Kind::Const;
    if (isEnumLike(sub))
        return Kind::Enum;
    if (s.contains(u"oneOf") || s.contains(u"anyOf"))
        return Kind::Choice;
    QStringList types = typesOf(s);
    types.removeAll(u"null"_s);
    if (types.size() == 2 && types.contains(u"integer"_s) && types.contains(u"number"_s))
        types = QStringList { u"number"_s };
    if (types.size() != 1)
        return Kind::Raw;
    const QString &t = types.first();
    if (t == u"object"_s)
        return Kind::Object;
    if (t == u"array"_s) {
        const QJsonValue items = s.value(u"items");
        if (items.isArray() || s.contains(u"prefixItems"))
            return Kind::Raw;
        if (s.value(u"uniqueItems").toBool() && isEnumLike(resolve(items, sub.at(u"items"_s), depth + 1)))
            return Kind::MultiEnum;
        return Kind::Array;
    }
    if (t == u"string"_s) {
        const QString format = s.value(u"format").toString();
        const QString media = s.value(u"contentMediaType").toString();
        if (media == u"text/markdown"_s || format == u"markdown"_s)
            return Kind::Markdown;
        if (format == u"date"_s)
            return Kind::Date;
        if (format == u"date-time"_s)
            return Kind::DateTime;
        if (format == u"email"_s || format == u"idn-email"_s)
            return Kind::Email;
        if (format == u"uri"_s || format == u"iri"_s || format == u"uri-reference"_s
            || format == u"iri-reference"_s || format == u"url"_s)
            return Kind::Uri;
        if (format == u"textarea"_s || s.value(u"x-multiline").toBool()
            || s.value(u"maxLength").toDouble() > 200 || media == u"text/html"_s || media == u"text/plain"_s)
            return Kind::TextArea;
        return Kind::Text;
    }
    if (t == u"integer"_s)
        return Kind::Integer;
    if (t == u"number"_s)
        return Kind::Number;
    if (t == u"boolean"_s)
        return Kind::Boolean;
    return Kind::Raw;
}

bool SchemaWalker::fits(const Sub &sub, const QJsonValue &v, int depth) const
{
    if (v.isUndefined())
        return true;
    if (v.isNull() && isNullable(sub.s))
        return true;
    switch (classify(sub, depth)) {
    case Kind::Const:
    case Kind::Enum:
    case Kind::Raw:
        return true;
    case Kind::Choice: {
        if (depth > kMaxDepth)
            return true;
        const QList<Branch> bs = branches(sub);
        return std::any_of(bs.cbegin(), bs.cend(),
                           [this, &v, depth](const Branch &b) { return fits(b.sub, v, depth + 1); });
    }
    case Kind::Object:
        return v.isObject();
    case Kind::Array:
    case Kind::MultiEnum:
        return v.isArray();
    case Kind::Text:
    case Kind::TextArea:
    case Kind::Markdown:
    case Kind::Date:
    case Kind::DateTime:
    case Kind::Email:
    case Kind::Uri:
        return v.isString();
    case Kind::Integer:
        return v.isDouble() && std::isfinite(v.toDouble()) && std::floor(v.toDouble()) == v.toDouble();
    case Kind::Number:
        return v.isDouble();
    case Kind::Boolean:
        return v.isBool();
    }
    return true;
}

QJsonValue SchemaWalker::defaultFor(const Sub &sub, bool concrete, int depth) const
{
    const QJsonValue undefined(QJsonValue::Undefined);
    if (depth > kMaxDepth)
        return concrete ? QJsonValue(QJsonValue::Null) : undefined;
    const QJsonObject &s = sub.s;
    if (s.contains(u"default"))
        return s.value(u"default");
    if (s.contains(u"const"))
        return s.value(u"const");
    switch (classify(sub)) {
    case Kind::Enum: {
        if (!concrete)
            return undefined;
        const QList<Option> options = enumOptions(sub);
        return options.isEmpty() ? QJsonValue(QJsonValue::Null) : options.first().value;
    }
    case Kind::Choice: {
        if (!concrete)
            return undefined;
        const QList<Branch> bs = branches(sub);
        return bs.isEmpty() ? QJsonValue(QJsonValue::Null) : defaultFor(bs.first().sub, true, depth + 1);
    }
    case Kind::Object: {
        QJsonObject o;
        const QSet<QString> required = requiredOf(s);
        for (const QString &key : sub.order) {
            const Sub p = propertySub(sub, key);
            if (p.never)
                continue;
            const bool isRequired = required.contains(key);
            if (!isRequired && !p.s.contains(u"default") && !p.s.contains(u"const"))
                continue;
            const QJsonValue v = defaultFor(p, false, depth + 1);
            if (!v.isUndefined())
                o.insert(key, v);
        }
        return o;
    }
    case Kind::Array:
    case Kind::MultiEnum:
        return QJsonArray();
    case Kind::Boolean:
        return false;
    case Kind::Text:
    case Kind::TextArea:
    case Kind::Markdown:
    case Kind::Date:
    case Kind::DateTime:
    case Kind::Email:
    case Kind::Uri:
        return QString();
    case Kind::Integer:
    case Kind::Number: {
        if (!concrete)
            return undefined;
        const bool integer = classify(sub) == Kind::Integer;
        const Bounds b = boundsOf(s, integer);
        double v = 0;
        if (b.low && v < *b.low)
            v = *b.low;
        if (b.high && v > *b.high)
            v = *b.high;
        return integer ? QJsonValue(qint64(v)) : QJsonValue(v);
    }
    case Kind::Const:
    case Kind::Raw:
        break;
    }
    return concrete ? QJsonValue(QJsonValue::Null) : undefined;
}

} // namespace Galley::SchemaFormDetail
