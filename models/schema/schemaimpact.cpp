#include "schemaimpact.h"

#include "schemaproblemtext.h"
#include "schemavalidatorcache.h"

#include <QCoreApplication>
#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QUrl>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <deque>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

// Items validated per task: big enough that scheduling costs nothing, small enough that two
// cores finish together.
constexpr qsizetype kChunk = 512;

class ImpactText
{
    Q_DECLARE_TR_FUNCTIONS(Galley::SchemaImpact)
};

// English without a translator: see SchemaProblemText.
QString english(QString text, int n)
{
    if (text.contains("(s)"_L1))
        text.replace("(s)"_L1, n == 1 ? ""_L1 : "s"_L1);
    return text;
}

QString escapeToken(const QString &token)
{
    QString escaped = token;
    return escaped.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

// ---------------------------------------------------------------------------------------------
// Validation in chunks, merged in id order so that the answer is the server's.

// Whether an item (by id, with a hash of its fields) was valid under the saved schema.
struct Baseline
{
    size_t fieldsHash = 0;
    bool valid = false;
};
using Baselines = QHash<qint64, Baseline>;

// What items were like under the saved schema, remembered between analyses: a designer checks
// candidate after candidate against the same saved schema, and while an item does not change,
// neither does that half of the work (about 40 % of it when every item fails). One schema's
// worth is kept, for the process.
class BaselineMemo
{
public:
    static BaselineMemo &shared()
    {
        static BaselineMemo memo;
        return memo;
    }

    // A copy (implicitly shared: free, and safe to read from many threads while this changes).
    Baselines snapshot(size_t specKey)
    {
        QMutexLocker lock(&m_mutex);
        if (specKey != m_specKey)
            return {};
        return m_entries;
    }

    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_entries.clear();
        m_specKey = 0;
    }

    void remember(size_t specKey, const QList<std::pair<qint64, Baseline>> &learned)
    {
        if (learned.isEmpty())
            return;
        QMutexLocker lock(&m_mutex);
        if (specKey != m_specKey) {
            m_entries.clear();
            m_specKey = specKey;
        }
        if (m_entries.size() > kMaxEntries)
            m_entries.clear();
        for (const auto &[id, baseline] : learned)
            m_entries.insert(id, baseline);
    }

private:
    static constexpr qsizetype kMaxEntries = 2'000'000;
    QMutex m_mutex;
    size_t m_specKey = 0;
    Baselines m_entries;
};

// The latest and the live edition of every document of a schema (bind the schema id twice).
// The fields come as a BLOB: the UTF-8 as stored, not converted to UTF-16 and back per row.
QString replicaItemsQuery()
{
    return u"SELECT e.id, e.document_id, e.state, COALESCE(CAST(c.fields AS BLOB), CAST('{}' AS BLOB)) FROM editions e "
           "LEFT JOIN edition_content c ON c.edition_id = e.id WHERE e.id IN ("
           "SELECT COALESCE(MAX(CASE WHEN x.state <> 'deleted' THEN x.id END), MAX(x.id)) FROM editions x "
           "JOIN documents d ON d.id = x.document_id WHERE d.schema_id = ? GROUP BY x.document_id "
           "UNION SELECT MAX(x.id) FROM editions x JOIN documents d ON d.id = x.document_id "
           "WHERE d.schema_id = ? AND x.state IN ('published', 'withdrawn') GROUP BY x.document_id) ORDER BY e.id"_s;
}

size_t specKey(const QByteArray &spec)
{
    return qHash(spec, 0) ^ size_t(spec.size());
}

// The summary of a run of consecutive items (by id).
struct Partial
{
    qint64 checked = 0;
    qint64 failing = 0;
    qint64 newlyFailing = 0;
    QMap<QString, SchemaImpact::FieldCount> fields;
    QList<SchemaImpact::FailingItem> items;
    QList<std::pair<qint64, Baseline>> learned;
};

// `sameSchema`: the candidate is the saved schema itself (the editor's first check, "how many
// items fail today"), which tells every item's baseline for free.
Partial analyseRun(const SchemaValidator &candidate, const SchemaValidator &old, bool sameSchema, const Baselines &known,
                   const ImpactItem *const *items, qsizetype count, int listed)
{
    Partial out;
    for (qsizetype i = 0; i < count; ++i) {
        const ImpactItem &item = *items[i];
        ++out.checked;
        bool validBefore = false;
        QList<SchemaProblem> problems;
        if (sameSchema) {
            problems = candidate.validateInstance(item.fields);
            validBefore = problems.isEmpty();
            out.learned.append({ item.id, Baseline { qHash(item.fields, 0), validBefore } });
        } else if (old.isValid() && !known.isEmpty()) {
            const auto it = known.constFind(item.id);
            const size_t hash = qHash(item.fields, 0);
            if (it != known.cend() && it->fieldsHash == hash) {
                problems = candidate.validateInstance(item.fields);
                validBefore = it->valid;
            } else {
                problems = candidate.compareInstance(item.fields, old, &validBefore);
                if (!problems.isEmpty())
                    out.learned.append({ item.id, Baseline { hash, validBefore } });
            }
        } else {
            problems = candidate.compareInstance(item.fields, old, &validBefore);
            if (!problems.isEmpty() && old.isValid())
                out.learned.append({ item.id, Baseline { qHash(item.fields, 0), validBefore } });
        }
        if (problems.isEmpty())
            continue;
        ++out.failing;
        const bool newly = old.isValid() && validBefore;
        if (newly)
            ++out.newlyFailing;
        QSet<QString> counted;   // (an item counts once per field)
        for (const SchemaProblem &p : std::as_const(problems)) {
            const QString field = SchemaImpact::fieldOf(p);
            SchemaImpact::FieldCount &f = out.fields[field];
            f.pointer = field;
            if (problems.size() == 1) {
                ++f.count;
            } else if (!counted.contains(field)) {
                counted.insert(field);
                ++f.count;
            }
            if (f.exampleMessage.isEmpty()) {
                f.exampleMessage = p.message;
                f.exampleSentence = p.sentence;
            }
        }
        if (out.items.size() < listed)
            out.items.append(SchemaImpact::FailingItem { item.id, item.documentId, item.state, newly, std::move(problems) });
    }
    return out;
}

void merge(Partial &into, Partial &&next, int listed)
{
    into.checked += next.checked;
    into.failing += next.failing;
    into.newlyFailing += next.newlyFailing;
    for (auto it = next.fields.begin(); it != next.fields.end(); ++it) {
        const auto existing = into.fields.find(it.key());
        if (existing == into.fields.end())
            into.fields.insert(it.key(), std::move(it.value()));
        else
            existing->count += it->count;
    }
    for (SchemaImpact::FailingItem &item : next.items) {
        if (into.items.size() >= listed)
            break;
        into.items.append(std::move(item));
    }
    into.learned += std::move(next.learned);
}

void finish(SchemaImpact &impact, Partial &&all)
{
    impact.checked = all.checked;
    impact.failing = all.failing;
    impact.newlyFailing = all.newlyFailing;
    impact.items = std::move(all.items);
    // As the server: by pointer, then the most frequent first (stable).
    impact.fields.clear();
    for (auto it = all.fields.begin(); it != all.fields.end(); ++it)
        impact.fields.append(std::move(it.value()));
    std::stable_sort(impact.fields.begin(), impact.fields.end(),
                     [](const SchemaImpact::FieldCount &a, const SchemaImpact::FieldCount &b) { return a.count > b.count; });
}

// ---------------------------------------------------------------------------------------------
// The structural diff.

QJsonObject parseObject(const QByteArray &text, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    *ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

QStringList typesOf(const QJsonValue &type)
{
    QStringList types;
    if (type.isString())
        types << type.toString();
    for (const QJsonValue &t : type.toArray())
        types << t.toString();
    return types;
}

// Whether every value of `types` is allowed by `allowed` ("integer" is a "number").
bool coversTypes(const QStringList &allowed, const QStringList &types)
{
    return std::all_of(types.cbegin(), types.cend(), [&allowed](const QString &t) {
        return allowed.contains(t) || (t == "integer"_L1 && allowed.contains(u"number"_s));
    });
}

QString typesPhrase(const QStringList &types)
{
    QStringList phrases;
    for (const QString &t : types)
        phrases << SchemaProblemText::typePhrase(t);
    if (phrases.size() <= 1)
        return phrases.value(0);
    return ImpactText::tr("%1 or %2").arg(QStringList(phrases.mid(0, phrases.size() - 1)).join(u", "_s), phrases.constLast());
}

QString valuesPhrase(const QJsonArray &values)
{
    QStringList shown;
    for (const QJsonValue &v : values)
        shown << SchemaProblemText::valueText(v);
    return shown.join(u", "_s);
}

QString numberText(const QJsonValue &v)
{
    return SchemaProblemText::valueText(v);
}

enum class Bound { Lower, Upper };

struct BoundKeyword
{
    QLatin1StringView name;
    Bound bound;
};

constexpr BoundKeyword kBounds[] = {
    { "minLength"_L1, Bound::Lower },     { "maxLength"_L1, Bound::Upper },        { "minimum"_L1, Bound::Lower },
    { "maximum"_L1, Bound::Upper },       { "exclusiveMinimum"_L1, Bound::Lower }, { "exclusiveMaximum"_L1, Bound::Upper },
    { "minItems"_L1, Bound::Lower },      { "maxItems"_L1, Bound::Upper },         { "minProperties"_L1, Bound::Lower },
    { "maxProperties"_L1, Bound::Upper }, { "minContains"_L1, Bound::Lower },      { "maxContains"_L1, Bound::Upper },
};

// "Summary must now be at most 200 characters long".
QString boundSentence(const QString &label, const QString &keyword, const QJsonValue &value)
{
    const int n = int(std::min(value.toDouble(), 2.0e9));
    const QString number = numberText(value);
    if (keyword == "minLength"_L1)
        return english(ImpactText::tr("%1 must now be at least %n character(s) long", nullptr, n), n).arg(label);
    if (keyword == "maxLength"_L1)
        return english(ImpactText::tr("%1 must now be at most %n character(s) long", nullptr, n), n).arg(label);
    if (keyword == "minimum"_L1)
        return ImpactText::tr("%1 must now be at least %2").arg(label, number);
    if (keyword == "maximum"_L1)
        return ImpactText::tr("%1 must now be at most %2").arg(label, number);
    if (keyword == "exclusiveMinimum"_L1)
        return ImpactText::tr("%1 must now be more than %2").arg(label, number);
    if (keyword == "exclusiveMaximum"_L1)
        return ImpactText::tr("%1 must now be less than %2").arg(label, number);
    if (keyword == "minItems"_L1)
        return english(ImpactText::tr("%1 must now have at least %n item(s)", nullptr, n), n).arg(label);
    if (keyword == "maxItems"_L1)
        return english(ImpactText::tr("%1 can now have at most %n item(s)", nullptr, n), n).arg(label);
    if (keyword == "minProperties"_L1)
        return english(ImpactText::tr("%1 must now have at least %n field(s)", nullptr, n), n).arg(label);
    if (keyword == "maxProperties"_L1)
        return english(ImpactText::tr("%1 can now have at most %n field(s)", nullptr, n), n).arg(label);
    if (keyword == "minContains"_L1)
        return english(ImpactText::tr("%1 must now contain at least %n matching item(s)", nullptr, n), n).arg(label);
    return english(ImpactText::tr("%1 can now contain at most %n matching item(s)", nullptr, n), n).arg(label);
}

QString before(const QJsonValue &old)
{
    if (old.isUndefined())
        return ImpactText::tr(" (before: no limit)");
    return ImpactText::tr(" (before: %1)").arg(SchemaProblemText::valueText(old));
}

// Keywords whose subschemas the diff does not follow one by one: a difference is reported as
// "rules changed" and the counts tell what it does.
constexpr QLatin1StringView kRuleKeywords[] = {
    "allOf"_L1, "anyOf"_L1, "oneOf"_L1, "not"_L1, "if"_L1, "then"_L1, "else"_L1, "contains"_L1, "propertyNames"_L1,
    "patternProperties"_L1, "dependentSchemas"_L1, "unevaluatedItems"_L1, "additionalItems"_L1, "$dynamicRef"_L1,
    "contentSchema"_L1,
};

class SchemaDiff
{
public:
    SchemaDiff(const QJsonObject &oldRoot, const QJsonObject &newRoot) : m_old(oldRoot), m_new(newRoot)
    {
        collectAnchors(m_old, {}, m_oldAnchors);
        collectAnchors(m_new, {}, m_newAnchors);
    }

    QList<SchemaChange> run()
    {
        compare(Side { m_old, QString() }, Side { m_new, QString() }, {},
                labelOf(view(Side { m_new, QString() }, false), SchemaProblemText::wholeDocument(false)), 0);
        std::stable_sort(m_changes.begin(), m_changes.end(),
                         [](const SchemaChange &a, const SchemaChange &b) { return a.breaking && !b.breaking; });
        return m_changes;
    }

private:
    struct Side
    {
        QJsonValue node;
        QString pointer;
    };

    // A schema with what its "$ref" chain adds (members it does not have itself), and where in
    // the document each member is.
    struct View
    {
        QJsonObject members;
        QHash<QString, QString> where;
        bool isFalse = false;
        QString pointer;   // of the node itself, for cycle detection
    };

    static void collectAnchors(const QJsonValue &node, const QString &pointer, QHash<QString, QString> &anchors)
    {
        if (node.isObject()) {
            const QJsonObject o = node.toObject();
            if (o.value(u"$anchor"_s).isString())
                anchors.insert(o.value(u"$anchor"_s).toString(), pointer);
            if (const QString id = o.value(u"$id"_s).toString(); id.startsWith(u'#'))
                anchors.insert(id.mid(1), pointer);
            for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                collectAnchors(it.value(), pointer + u'/' + escapeToken(it.key()), anchors);
        } else if (node.isArray()) {
            const QJsonArray a = node.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                collectAnchors(a.at(i), pointer + u'/' + QString::number(i), anchors);
        }
    }

    // A reference inside the document ("#", "#/…", "#anchor"); Undefined for anything else.
    static Side resolve(const QJsonObject &root, const QHash<QString, QString> &anchors, const QString &ref)
    {
        if (!ref.startsWith(u'#'))
            return { QJsonValue(QJsonValue::Undefined), {} };
        QString pointer = QUrl::fromPercentEncoding(ref.mid(1).toUtf8());
        if (!pointer.isEmpty() && !pointer.startsWith(u'/')) {
            if (!anchors.contains(pointer))
                return { QJsonValue(QJsonValue::Undefined), {} };
            pointer = anchors.value(pointer);
        }
        QJsonValue node = root;
        const QStringList tokens = pointer.isEmpty() ? QStringList() : pointer.mid(1).split(u'/');
        for (QString token : tokens) {
            token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
            if (node.isObject())
                node = node.toObject().value(token);
            else if (node.isArray())
                node = node.toArray().at(token.toLongLong());
            else
                return { QJsonValue(QJsonValue::Undefined), {} };
        }
        return { node, pointer };
    }

    View view(const Side &side, bool old) const
    {
        View v;
        v.pointer = side.pointer;
        if (side.node.isBool()) {
            v.isFalse = !side.node.toBool();
            return v;
        }
        Side current = side;
        for (int hops = 0; hops < 8 && current.node.isObject(); ++hops) {
            const QJsonObject o = current.node.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                if (!v.members.contains(it.key()) && it.key() != "$ref"_L1) {
                    v.members.insert(it.key(), it.value());
                    v.where.insert(it.key(), current.pointer + u'/' + escapeToken(it.key()));
                }
            }
            const QString ref = o.value(u"$ref"_s).toString();
            if (ref.isEmpty())
                break;
            current = resolve(old ? m_old : m_new, old ? m_oldAnchors : m_newAnchors, ref);
            if (current.node.isUndefined())
                break;
            v.pointer = current.pointer;   // where the schema really is, for cycles
            if (current.node.isBool() && !current.node.toBool())
                v.isFalse = true;
        }
        return v;
    }

    static QString labelOf(const View &v, const QString &fallback)
    {
        const QString title = v.members.value(u"title"_s).toString();
        return title.isEmpty() ? fallback : title;
    }

    void add(SchemaChange::Kind kind, const QString &field, const QString &pointer, const QString &keyword, const QJsonValue &was,
             const QJsonValue &now, const QString &sentence, bool breaking)
    {
        SchemaChange c;
        c.kind = kind;
        c.field = field;
        c.schemaPointer = pointer;
        c.keyword = keyword;
        c.before = was;
        c.after = now;
        c.sentence = sentence;
        c.breaking = breaking;
        m_changes.append(c);
    }

    static QString at(const View &v, const QString &keyword)
    {
        return v.where.value(keyword, v.pointer + u'/' + escapeToken(keyword));
    }

    void compare(const Side &oldSide, const Side &newSide, const QString &field, const QString &label, int depth)
    {
        if (depth > 64)
            return;
        const View o = view(oldSide, true);
        const View n = view(newSide, false);
        if (m_visited.contains({ o.pointer, n.pointer }))
            return;
        m_visited.insert({ o.pointer, n.pointer });

        if (n.isFalse || o.isFalse) {
            if (n.isFalse && !o.isFalse)
                add(SchemaChange::Kind::ConstraintNarrowed, field, n.pointer, u"false"_s, true, false,
                    ImpactText::tr("%1 is no longer allowed").arg(label), true);
            else if (o.isFalse && !n.isFalse)
                add(SchemaChange::Kind::ConstraintWidened, field, n.pointer, u"false"_s, false, true,
                    ImpactText::tr("%1 is allowed now").arg(label), false);
            return;
        }
        const QJsonObject &om = o.members;
        const QJsonObject &nm = n.members;
        const auto was = [&om](const char *k) { return om.value(QLatin1StringView(k)); };
        const auto now = [&nm](const char *k) { return nm.value(QLatin1StringView(k)); };

        compareType(o, n, field, label);
        for (const BoundKeyword &b : kBounds)
            compareBound(o, n, field, label, QString(b.name), b.bound);

        // multipleOf
        if (was("multipleOf") != now("multipleOf") && !now("multipleOf").isUndefined()) {
            const double a = was("multipleOf").toDouble();
            const double b = now("multipleOf").toDouble();
            const bool looser = !was("multipleOf").isUndefined() && b > 0 && a / b == std::floor(a / b);
            add(looser ? SchemaChange::Kind::ConstraintWidened : SchemaChange::Kind::ConstraintNarrowed, field,
                at(n, u"multipleOf"_s), u"multipleOf"_s, was("multipleOf"), now("multipleOf"),
                ImpactText::tr("%1 must now be a multiple of %2").arg(label, numberText(now("multipleOf"))), !looser);
        } else if (!was("multipleOf").isUndefined() && now("multipleOf").isUndefined()) {
            add(SchemaChange::Kind::ConstraintWidened, field, at(o, u"multipleOf"_s), u"multipleOf"_s, was("multipleOf"), {},
                ImpactText::tr("%1 no longer needs to be a multiple of %2").arg(label, numberText(was("multipleOf"))), false);
        }

        compareEnum(o, n, field, label);
        // const, pattern, format: new or different narrows, gone widens.
        for (const char *k : { "const", "pattern", "format" }) {
            const QString keyword = QString::fromLatin1(k);
            const QJsonValue a = was(k);
            const QJsonValue b = now(k);
            if (a == b)
                continue;
            if (b.isUndefined()) {
                add(SchemaChange::Kind::ConstraintWidened, field, at(o, keyword), keyword, a, {},
                    ImpactText::tr("%1 no longer has the “%2” rule").arg(label, keyword), false);
                continue;
            }
            QString sentence;
            if (keyword == "const"_L1)
                sentence = ImpactText::tr("%1 must now be exactly %2").arg(label, SchemaProblemText::valueText(b));
            else if (keyword == "pattern"_L1)
                sentence = ImpactText::tr("%1 must now match the pattern %2").arg(label, b.toString());
            else
                sentence = ImpactText::tr("%1 must now be %2").arg(label, SchemaProblemText::formatPhrase(b.toString()));
            if (!a.isUndefined())
                sentence += before(a);
            add(SchemaChange::Kind::ConstraintNarrowed, field, at(n, keyword), keyword, a, b, sentence, true);
        }
        if (now("uniqueItems").toBool() && !was("uniqueItems").toBool())
            add(SchemaChange::Kind::ConstraintNarrowed, field, at(n, u"uniqueItems"_s), u"uniqueItems"_s, was("uniqueItems"),
                now("uniqueItems"), ImpactText::tr("%1 must no longer contain the same item twice").arg(label), true);
        else if (was("uniqueItems").toBool() && !now("uniqueItems").toBool())
            add(SchemaChange::Kind::ConstraintWidened, field, at(o, u"uniqueItems"_s), u"uniqueItems"_s, was("uniqueItems"),
                now("uniqueItems"), ImpactText::tr("%1 may now contain the same item twice").arg(label), false);

        compareObject(o, n, field, label, depth);
        compareArray(o, n, field, label, depth);

        for (const QLatin1StringView k : kRuleKeywords) {
            const QString keyword(k);
            const QJsonValue a = om.value(keyword);
            const QJsonValue b = nm.value(keyword);
            if (a == b)
                continue;
            if (a.isUndefined())
                add(SchemaChange::Kind::RulesChanged, field, at(n, keyword), keyword, a, b,
                    ImpactText::tr("%1 has a new “%2” rule").arg(label, keyword), true);
            else if (b.isUndefined())
                add(SchemaChange::Kind::RulesChanged, field, at(o, keyword), keyword, a, b,
                    ImpactText::tr("%1 no longer has the “%2” rule").arg(label, keyword), false);
            else
                add(SchemaChange::Kind::RulesChanged, field, at(n, keyword), keyword, a, b,
                    ImpactText::tr("%1: the “%2” rule changed").arg(label, keyword), true);
        }
    }

    void compareType(const View &o, const View &n, const QString &field, const QString &label)
    {
        const QStringList a = typesOf(o.members.value(u"type"_s));
        const QStringList b = typesOf(n.members.value(u"type"_s));
        if (a == b || b.isEmpty()) {
            if (!a.isEmpty() && b.isEmpty())
                add(SchemaChange::Kind::TypeWidened, field, at(o, u"type"_s), u"type"_s, o.members.value(u"type"_s), {},
                    ImpactText::tr("%1 may now be of any type").arg(label), false);
            return;
        }
        if (!a.isEmpty() && coversTypes(b, a)) {
            add(SchemaChange::Kind::TypeWidened, field, at(n, u"type"_s), u"type"_s, o.members.value(u"type"_s),
                n.members.value(u"type"_s), ImpactText::tr("%1 may now also be %2").arg(label, typesPhrase(b)), false);
            return;
        }
        QString sentence = ImpactText::tr("%1 must now be %2").arg(label, typesPhrase(b));
        if (!a.isEmpty())
            sentence += ImpactText::tr(" (before: %1)").arg(typesPhrase(a));
        add(SchemaChange::Kind::TypeChanged, field, at(n, u"type"_s), u"type"_s, o.members.value(u"type"_s),
            n.members.value(u"type"_s), sentence, true);
    }

    void compareBound(const View &o, const View &n, const QString &field, const QString &label, const QString &keyword, Bound bound)
    {
        const QJsonValue a = o.members.value(keyword);
        const QJsonValue b = n.members.value(keyword);
        if (a == b || (!a.isDouble() && !b.isDouble()))
            return;
        if (!b.isDouble()) {
            add(SchemaChange::Kind::ConstraintWidened, field, at(o, keyword), keyword, a, {},
                ImpactText::tr("%1 no longer has the “%2” limit").arg(label, keyword), false);
            return;
        }
        const bool narrower = !a.isDouble() || (bound == Bound::Lower ? b.toDouble() > a.toDouble() : b.toDouble() < a.toDouble());
        if (narrower)
            add(SchemaChange::Kind::ConstraintNarrowed, field, at(n, keyword), keyword, a, b,
                boundSentence(label, keyword, b) + before(a), true);
        else
            add(SchemaChange::Kind::ConstraintWidened, field, at(n, keyword), keyword, a, b,
                ImpactText::tr("%1: “%2” relaxed from %3 to %4").arg(label, keyword, numberText(a), numberText(b)), false);
    }

    void compareEnum(const View &o, const View &n, const QString &field, const QString &label)
    {
        const QJsonValue a = o.members.value(u"enum"_s);
        const QJsonValue b = n.members.value(u"enum"_s);
        if (a == b)
            return;
        if (b.isUndefined()) {
            add(SchemaChange::Kind::ConstraintWidened, field, at(o, u"enum"_s), u"enum"_s, a, b,
                ImpactText::tr("%1 is no longer limited to a list of values").arg(label), false);
            return;
        }
        if (a.isUndefined()) {
            add(SchemaChange::Kind::ConstraintNarrowed, field, at(n, u"enum"_s), u"enum"_s, a, b,
                ImpactText::tr("%1 must now be one of: %2").arg(label, valuesPhrase(b.toArray())), true);
            return;
        }
        QJsonArray removed;
        QJsonArray added;
        const QJsonArray before = a.toArray();
        const QJsonArray after = b.toArray();
        for (const QJsonValue &v : before) {
            if (!after.contains(v))
                removed.append(v);
        }
        for (const QJsonValue &v : after) {
            if (!before.contains(v))
                added.append(v);
        }
        if (!removed.isEmpty())
            add(SchemaChange::Kind::ConstraintNarrowed, field, at(n, u"enum"_s), u"enum"_s, a, b,
                ImpactText::tr("%1 no longer allows: %2").arg(label, valuesPhrase(removed)), true);
        else if (!added.isEmpty())
            add(SchemaChange::Kind::ConstraintWidened, field, at(n, u"enum"_s), u"enum"_s, a, b,
                ImpactText::tr("%1 now also allows: %2").arg(label, valuesPhrase(added)), false);
    }

    static bool closesExtraFields(const QJsonObject &members)
    {
        for (const char *k : { "additionalProperties", "unevaluatedProperties" }) {
            const QJsonValue v = members.value(QLatin1StringView(k));
            if (v.isBool() ? !v.toBool() : v.isObject() && !v.toObject().isEmpty())
                return true;
        }
        return false;
    }

    void compareObject(const View &o, const View &n, const QString &field, const QString &label, int depth)
    {
        const QJsonObject oldProps = o.members.value(u"properties"_s).toObject();
        const QJsonObject newProps = n.members.value(u"properties"_s).toObject();
        const QJsonArray oldRequiredList = o.members.value(u"required"_s).toArray();
        const QJsonArray newRequiredList = n.members.value(u"required"_s).toArray();
        const auto childLabel = [this](const QJsonValue &schema, const QString &pointer, bool old, const QString &name) {
            return labelOf(view(Side { schema, pointer }, old), SchemaProblemText::humanise(name));
        };
        const auto childPointer = [](const View &v, const QString &name) {
            return v.where.value(u"properties"_s, v.pointer + u"/properties"_s) + u'/' + escapeToken(name);
        };

        // Required members.
        for (const QJsonValue &r : newRequiredList) {
            const QString name = r.toString();
            if (oldRequiredList.contains(r))
                continue;
            const QString l = newProps.contains(name) ? childLabel(newProps.value(name), childPointer(n, name), false, name)
                                                      : SchemaProblemText::humanise(name);
            add(SchemaChange::Kind::RequiredAdded, field + u'/' + escapeToken(name), at(n, u"required"_s), u"required"_s,
                o.members.value(u"required"_s), n.members.value(u"required"_s), ImpactText::tr("%1 is now required").arg(l), true);
        }
        for (const QJsonValue &r : oldRequiredList) {
            const QString name = r.toString();
            if (newRequiredList.contains(r))
                continue;
            const QString l = oldProps.contains(name) ? childLabel(oldProps.value(name), childPointer(o, name), true, name)
                                                      : SchemaProblemText::humanise(name);
            add(SchemaChange::Kind::RequiredRemoved, field + u'/' + escapeToken(name), at(o, u"required"_s), u"required"_s,
                o.members.value(u"required"_s), n.members.value(u"required"_s), ImpactText::tr("%1 is no longer required").arg(l),
                false);
        }

        // Extra members.
        const bool closedBefore = closesExtraFields(o.members);
        const bool closedNow = closesExtraFields(n.members);
        for (const char *k : { "additionalProperties", "unevaluatedProperties" }) {
            const QString keyword = QString::fromLatin1(k);
            const QJsonValue a = o.members.value(keyword);
            const QJsonValue b = n.members.value(keyword);
            if (a == b)
                continue;
            const bool closingNow = b.isBool() ? !b.toBool() : b.isObject() && !b.toObject().isEmpty();
            const bool closingBefore = a.isBool() ? !a.toBool() : a.isObject() && !a.toObject().isEmpty();
            if (closingNow && (!closingBefore || (b.isBool() && a.isObject())))
                add(SchemaChange::Kind::ExtraFieldsClosed, field, at(n, keyword), keyword, a, b,
                    b.isBool() ? ImpactText::tr("%1 no longer accepts fields the schema does not list").arg(label)
                               : ImpactText::tr("Fields of %1 that the schema does not list must now follow a rule").arg(label),
                    true);
            else if (closingNow)
                add(SchemaChange::Kind::RulesChanged, field, at(n, keyword), keyword, a, b,
                    ImpactText::tr("%1: the rule for fields the schema does not list changed").arg(label), true);
            else if (closingBefore)
                add(SchemaChange::Kind::ConstraintWidened, field, at(o, keyword), keyword, a, b,
                    ImpactText::tr("%1 now accepts fields the schema does not list").arg(label), false);
        }

        // Members removed, added, and changed.
        for (auto it = oldProps.constBegin(); it != oldProps.constEnd(); ++it) {
            const QString name = it.key();
            const QString childField = field + u'/' + escapeToken(name);
            const QString l = childLabel(it.value(), childPointer(o, name), true, name);
            if (!newProps.contains(name)) {
                if (closedNow)
                    add(SchemaChange::Kind::FieldRemoved, childField, childPointer(o, name), u"properties"_s, it.value(), {},
                        ImpactText::tr("%1 was removed from the schema; content that has it will be refused").arg(l), true);
                else
                    add(SchemaChange::Kind::FieldRemoved, childField, childPointer(o, name), u"properties"_s, it.value(), {},
                        ImpactText::tr("%1 was removed from the schema; existing values stay but are no longer checked").arg(l),
                        false);
                continue;
            }
            compare(Side { it.value(), childPointer(o, name) }, Side { newProps.value(name), childPointer(n, name) }, childField,
                    childLabel(newProps.value(name), childPointer(n, name), false, name), depth + 1);
        }
        for (auto it = newProps.constBegin(); it != newProps.constEnd(); ++it) {
            if (oldProps.contains(it.key()))
                continue;
            const QString name = it.key();
            const QString childField = field + u'/' + escapeToken(name);
            const bool nowRequired = newRequiredList.contains(QJsonValue(name));
            // Closed before: content could not have had it, so its own rules break nothing.
            if (!nowRequired)
                add(SchemaChange::Kind::FieldAdded, childField, childPointer(n, name), u"properties"_s, {}, it.value(),
                    ImpactText::tr("New field: %1").arg(childLabel(it.value(), childPointer(n, name), false, name)),
                    !closedBefore && !it.value().toObject().isEmpty() && !(it.value().isBool() && it.value().toBool()));
        }

        // dependentRequired (and Draft 7's "dependencies" with member lists).
        for (const char *k : { "dependentRequired", "dependencies" }) {
            const QString keyword = QString::fromLatin1(k);
            const QJsonObject a = o.members.value(keyword).toObject();
            const QJsonObject b = n.members.value(keyword).toObject();
            for (auto it = b.constBegin(); it != b.constEnd(); ++it) {
                if (!it.value().isArray()) {
                    if (a.value(it.key()) != it.value())
                        add(SchemaChange::Kind::RulesChanged, field, at(n, keyword) + u'/' + escapeToken(it.key()), keyword,
                            a.value(it.key()), it.value(),
                            ImpactText::tr("%1: the rule that applies when %2 is filled in changed")
                                    .arg(label, SchemaProblemText::humanise(it.key())),
                            true);
                    continue;
                }
                const QJsonArray before = a.value(it.key()).toArray();
                for (const QJsonValue &name : it.value().toArray()) {
                    if (before.contains(name))
                        continue;
                    add(SchemaChange::Kind::RequiredAdded, field + u'/' + escapeToken(name.toString()),
                        at(n, keyword) + u'/' + escapeToken(it.key()), keyword, a.value(it.key()), it.value(),
                        ImpactText::tr("%1 is now required when %2 is filled in")
                                .arg(SchemaProblemText::humanise(name.toString()), SchemaProblemText::humanise(it.key())),
                        true);
                }
            }
        }
    }

    void compareArray(const View &o, const View &n, const QString &field, const QString &label, int depth)
    {
        const QJsonValue oldItems = o.members.value(u"items"_s);
        const QJsonValue newItems = n.members.value(u"items"_s);
        const QString itemsAtOld = o.where.value(u"items"_s, o.pointer + u"/items"_s);
        const QString itemsAtNew = n.where.value(u"items"_s, n.pointer + u"/items"_s);
        const QString eachItem = ImpactText::tr("Items of %1").arg(label);
        // Tuples: Draft 7's "items": [...] and 2020-12's "prefixItems".
        const QJsonArray oldTuple = oldItems.isArray() ? oldItems.toArray() : o.members.value(u"prefixItems"_s).toArray();
        const QJsonArray newTuple = newItems.isArray() ? newItems.toArray() : n.members.value(u"prefixItems"_s).toArray();
        const QString tupleOld = oldItems.isArray() ? itemsAtOld : o.where.value(u"prefixItems"_s);
        const QString tupleNew = newItems.isArray() ? itemsAtNew : n.where.value(u"prefixItems"_s);
        for (qsizetype i = 0; i < std::min(oldTuple.size(), newTuple.size()); ++i)
            compare(Side { oldTuple.at(i), tupleOld + u'/' + QString::number(i) },
                    Side { newTuple.at(i), tupleNew + u'/' + QString::number(i) }, field + u'/' + QString::number(i),
                    SchemaProblemText::item(label, i), depth + 1);
        for (qsizetype i = oldTuple.size(); i < newTuple.size(); ++i)
            add(SchemaChange::Kind::RulesChanged, field + u'/' + QString::number(i), tupleNew + u'/' + QString::number(i),
                newItems.isArray() ? u"items"_s : u"prefixItems"_s, {}, newTuple.at(i),
                ImpactText::tr("%1 has a new rule").arg(SchemaProblemText::item(label, i)), true);

        const bool oldSchema = oldItems.isObject() || oldItems.isBool();
        const bool newSchema = newItems.isObject() || newItems.isBool();
        if (newSchema && oldSchema)
            compare(Side { oldItems, itemsAtOld }, Side { newItems, itemsAtNew }, field + u"/*"_s,
                    labelOf(view(Side { newItems, itemsAtNew }, false), eachItem), depth + 1);
        else if (newSchema && !oldItems.isArray())
            compare(Side { QJsonObject(), itemsAtOld }, Side { newItems, itemsAtNew }, field + u"/*"_s,
                    labelOf(view(Side { newItems, itemsAtNew }, false), eachItem), depth + 1);
    }

    QJsonObject m_old;
    QJsonObject m_new;
    QHash<QString, QString> m_oldAnchors;
    QHash<QString, QString> m_newAnchors;
    QSet<std::pair<QString, QString>> m_visited;
    QList<SchemaChange> m_changes;
};

QString kindName(SchemaChange::Kind kind)
{
    switch (kind) {
    case SchemaChange::Kind::RequiredAdded:
        return u"required_added"_s;
    case SchemaChange::Kind::RequiredRemoved:
        return u"required_removed"_s;
    case SchemaChange::Kind::FieldAdded:
        return u"field_added"_s;
    case SchemaChange::Kind::FieldRemoved:
        return u"field_removed"_s;
    case SchemaChange::Kind::TypeChanged:
        return u"type_changed"_s;
    case SchemaChange::Kind::TypeWidened:
        return u"type_widened"_s;
    case SchemaChange::Kind::ConstraintNarrowed:
        return u"constraint_narrowed"_s;
    case SchemaChange::Kind::ConstraintWidened:
        return u"constraint_widened"_s;
    case SchemaChange::Kind::ExtraFieldsClosed:
        return u"extra_fields_closed"_s;
    case SchemaChange::Kind::RulesChanged:
        return u"rules_changed"_s;
    }
    return {};
}

SchemaChange::Kind kindFromName(const QString &name)
{
    for (const SchemaChange::Kind k :
         { SchemaChange::Kind::RequiredAdded, SchemaChange::Kind::RequiredRemoved, SchemaChange::Kind::FieldAdded,
           SchemaChange::Kind::FieldRemoved, SchemaChange::Kind::TypeChanged, SchemaChange::Kind::TypeWidened,
           SchemaChange::Kind::ConstraintNarrowed, SchemaChange::Kind::ConstraintWidened,
           SchemaChange::Kind::ExtraFieldsClosed }) {
        if (kindName(k) == name)
            return k;
    }
    return SchemaChange::Kind::RulesChanged;
}

QJsonObject problemJson(const SchemaProblem &p)
{
    QJsonObject o { { u"pointer"_s, p.pointer }, { u"keyword"_s, p.keyword }, { u"message"_s, p.message } };
    if (!p.sentence.isEmpty())
        o.insert(u"sentence"_s, p.sentence);
    if (!p.schemaPointer.isEmpty())
        o.insert(u"schema_pointer"_s, p.schemaPointer);
    if (!p.property.isEmpty())
        o.insert(u"property"_s, p.property);
    return o;
}

SchemaProblem problemFromJson(const QJsonObject &o)
{
    SchemaProblem p;
    p.pointer = o.value(u"pointer"_s).toString();
    p.keyword = o.value(u"keyword"_s).toString();
    p.message = o.value(u"message"_s).toString();
    p.sentence = o.value(u"sentence"_s).toString(p.message);
    p.schemaPointer = o.value(u"schema_pointer"_s).toString();
    p.property = o.value(u"property"_s).toString();
    return p;
}

} // namespace

QString SchemaImpact::fieldOf(const SchemaProblem &p)
{
    const bool digits = std::any_of(p.pointer.cbegin(), p.pointer.cend(), [](QChar c) { return c.isDigit(); });
    if (!digits)
        return p.property.isEmpty() ? p.pointer : p.pointer + u'/' + escapeToken(p.property);
    QStringList tokens = p.pointer.split(u'/');
    for (QString &token : tokens) {
        bool number = !token.isEmpty();
        for (const QChar ch : std::as_const(token))
            number = number && ch.isDigit();
        if (number)
            token = u"*"_s;
    }
    QString field = tokens.join(u'/');
    if (!p.property.isEmpty())
        field += u'/' + escapeToken(p.property);
    return field;
}

void SchemaImpact::forgetRememberedBaselines()
{
    BaselineMemo::shared().clear();
}

bool SchemaImpact::hasBreakingChanges() const
{
    return std::any_of(changes.cbegin(), changes.cend(), [](const SchemaChange &c) { return c.breaking; });
}

QList<SchemaChange> SchemaImpact::diff(const QByteArray &oldSpec, const QByteArray &candidateSpec)
{
    bool oldOk = false;
    bool newOk = false;
    const QJsonObject oldRoot = parseObject(oldSpec, &oldOk);
    const QJsonObject newRoot = parseObject(candidateSpec, &newOk);
    if (!oldOk || !newOk)
        return {};
    return SchemaDiff(oldRoot, newRoot).run();
}

SchemaImpact SchemaImpact::analyse(const QByteArray &oldSpec, const QByteArray &candidateSpec, const QList<ImpactItem> &items,
                                   const Options &options)
{
    SchemaImpact impact;
    const SchemaValidator candidate(candidateSpec);
    impact.dialect = candidate.dialect();
    if (!candidate.isValid()) {
        impact.candidateProblems = candidate.problems();
        return impact;
    }
    const SchemaValidator old = oldSpec.isEmpty() ? SchemaValidator() : SchemaValidator(oldSpec);
    if (!oldSpec.isEmpty())
        impact.changes = diff(oldSpec, candidateSpec);

    // In id order, as the server lists them.
    QList<const ImpactItem *> ordered;
    ordered.reserve(items.size());
    for (const ImpactItem &item : items)
        ordered.append(&item);
    std::stable_sort(ordered.begin(), ordered.end(), [](const ImpactItem *a, const ImpactItem *b) { return a->id < b->id; });

    QList<qsizetype> starts;
    for (qsizetype start = 0; start < ordered.size(); start += kChunk)
        starts.append(start);
    const int listed = std::max(options.listedItems, 0);
    const Baselines known = oldSpec.isEmpty() ? Baselines() : BaselineMemo::shared().snapshot(specKey(oldSpec));
    const bool sameSchema = !oldSpec.isEmpty() && oldSpec == candidateSpec;
    const auto run = [&](qsizetype start) {
        return analyseRun(candidate, old, sameSchema, known, ordered.constData() + start, std::min(kChunk, ordered.size() - start),
                          listed);
    };
    QList<Partial> partials = QtConcurrent::blockingMapped(options.pool ? options.pool : QThreadPool::globalInstance(), starts,
                                                           std::function<Partial(qsizetype)>(run));
    Partial all;
    for (Partial &p : partials)
        merge(all, std::move(p), listed);
    if (!oldSpec.isEmpty())
        BaselineMemo::shared().remember(specKey(oldSpec), all.learned);
    finish(impact, std::move(all));
    return impact;
}

Result<QList<ImpactItem>> SchemaImpact::replicaItems(QSqlDatabase &db, qint64 schemaId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(replicaItemsQuery());
    q.addBindValue(schemaId);
    q.addBindValue(schemaId);
    if (!q.exec())
        return Error { u"storage"_s, q.lastError().text() };
    QList<ImpactItem> items;
    while (q.next())
        items.append(ImpactItem { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toByteArray() });
    return items;
}

Result<SchemaImpact> SchemaImpact::analyseReplica(QSqlDatabase &db, qint64 schemaId, const QByteArray &candidateSpec,
                                                  const Options &options)
{
    QByteArray oldSpec;
    qint64 lockVersion = 0;
    {
        QSqlQuery q(db);
        q.prepare(u"SELECT COALESCE(NULLIF(spec_text, ''), spec_doc), lock_version FROM content_schemas WHERE id = ?"_s);
        q.addBindValue(schemaId);
        if (!q.exec())
            return Error { u"storage"_s, q.lastError().text() };
        if (!q.next())
            return Error { u"not_found"_s, QCoreApplication::translate("Galley::SchemaImpact", "No such schema.") };
        oldSpec = q.value(0).toByteArray();
        lockVersion = q.value(1).toLongLong();
    }

    SchemaImpact impact;
    const SchemaValidator candidate(candidateSpec);
    impact.dialect = candidate.dialect();
    if (!candidate.isValid()) {
        impact.candidateProblems = candidate.problems();
        return impact;
    }
    const SchemaValidator old = SchemaValidatorCache::shared().validator(schemaId, lockVersion, oldSpec);
    impact.changes = diff(oldSpec, candidateSpec);

    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(replicaItemsQuery());
    q.addBindValue(schemaId);
    q.addBindValue(schemaId);
    if (!q.exec())
        return Error { u"storage"_s, q.lastError().text() };

    // Reading goes on while the pool validates what was read; at most a few batches wait.
    QThreadPool *pool = options.pool ? options.pool : QThreadPool::globalInstance();
    const int listed = std::max(options.listedItems, 0);
    const qsizetype maxPending = std::max(2, pool->maxThreadCount()) * 2;
    const Baselines known = BaselineMemo::shared().snapshot(specKey(oldSpec));
    const bool sameSchema = oldSpec == candidateSpec;
    std::deque<QFuture<Partial>> pending;
    Partial all;
    const auto collect = [&all, &pending, listed]() {
        merge(all, pending.front().takeResult(), listed);
        pending.pop_front();
    };
    const auto submit = [&](QList<ImpactItem> &&batch) {
        pending.push_back(QtConcurrent::run(pool, [&candidate, &old, &known, sameSchema, listed, batch = std::move(batch)]() {
            QList<const ImpactItem *> pointers;
            pointers.reserve(batch.size());
            for (const ImpactItem &item : batch)
                pointers.append(&item);
            return analyseRun(candidate, old, sameSchema, known, pointers.constData(), pointers.size(), listed);
        }));
        while (qsizetype(pending.size()) > maxPending || (!pending.empty() && pending.front().isFinished()))
            collect();
    };
    QList<ImpactItem> batch;
    batch.reserve(kChunk);
    while (q.next()) {
        batch.append(ImpactItem { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toByteArray() });
        if (batch.size() >= kChunk) {
            submit(std::move(batch));
            batch = {};
            batch.reserve(kChunk);
        }
    }
    if (!batch.isEmpty())
        submit(std::move(batch));
    while (!pending.empty())
        collect();
    BaselineMemo::shared().remember(specKey(oldSpec), all.learned);
    finish(impact, std::move(all));
    return impact;
}

QJsonObject SchemaImpact::toJson() const
{
    QJsonArray fieldList;
    for (const FieldCount &f : fields) {
        QJsonObject o { { u"pointer"_s, f.pointer }, { u"count"_s, f.count }, { u"example_message"_s, f.exampleMessage } };
        if (!f.exampleSentence.isEmpty())
            o.insert(u"example_sentence"_s, f.exampleSentence);
        fieldList.append(o);
    }
    QJsonArray editions;
    for (const FailingItem &item : items) {
        QJsonArray problems;
        for (const SchemaProblem &p : item.problems)
            problems.append(problemJson(p));
        editions.append(QJsonObject { { u"id"_s, item.id },
                                      { u"document_id"_s, item.documentId },
                                      { u"state"_s, item.state },
                                      { u"problems"_s, problems },
                                      { u"newly_failing"_s, item.newlyFailing } });
    }
    QJsonArray changeList;
    for (const SchemaChange &c : changes) {
        QJsonObject o { { u"kind"_s, kindName(c.kind) },     { u"field"_s, c.field },     { u"schema_pointer"_s, c.schemaPointer },
                        { u"keyword"_s, c.keyword },          { u"sentence"_s, c.sentence }, { u"breaking"_s, c.breaking } };
        if (!c.before.isUndefined())
            o.insert(u"before"_s, c.before);
        if (!c.after.isUndefined())
            o.insert(u"after"_s, c.after);
        changeList.append(o);
    }
    QJsonObject out { { u"dialect"_s, dialect },   { u"checked"_s, checked },      { u"failing"_s, failing },
                      { u"fields"_s, fieldList },  { u"editions"_s, editions },    { u"newly_failing"_s, newlyFailing },
                      { u"changes"_s, changeList } };
    if (!candidateProblems.isEmpty()) {
        QJsonArray problems;
        for (const SchemaProblem &p : candidateProblems)
            problems.append(problemJson(p));
        out.insert(u"candidate_problems"_s, problems);
    }
    return out;
}

SchemaImpact SchemaImpact::fromJson(const QJsonObject &data)
{
    SchemaImpact impact;
    impact.dialect = data.value(u"dialect"_s).toString();
    impact.checked = data.value(u"checked"_s).toInteger();
    impact.failing = data.value(u"failing"_s).toInteger();
    impact.newlyFailing = data.value(u"newly_failing"_s).toInteger();
    for (const QJsonValue &v : data.value(u"fields"_s).toArray()) {
        const QJsonObject o = v.toObject();
        impact.fields.append(FieldCount { o.value(u"pointer"_s).toString(), o.value(u"count"_s).toInteger(),
                                          o.value(u"example_message"_s).toString(),
                                          o.value(u"example_sentence"_s).toString(o.value(u"example_message"_s).toString()) });
    }
    for (const QJsonValue &v : data.value(u"editions"_s).toArray()) {
        const QJsonObject o = v.toObject();
        FailingItem item;
        item.id = o.value(u"id"_s).toInteger();
        item.documentId = o.value(u"document_id"_s).toInteger();
        item.state = o.value(u"state"_s).toString();
        item.newlyFailing = o.value(u"newly_failing"_s).toBool();
        for (const QJsonValue &p : o.value(u"problems"_s).toArray())
            item.problems.append(problemFromJson(p.toObject()));
        impact.items.append(item);
    }
    for (const QJsonValue &v : data.value(u"changes"_s).toArray()) {
        const QJsonObject o = v.toObject();
        SchemaChange c;
        c.kind = kindFromName(o.value(u"kind"_s).toString());
        c.field = o.value(u"field"_s).toString();
        c.schemaPointer = o.value(u"schema_pointer"_s).toString();
        c.keyword = o.value(u"keyword"_s).toString();
        c.before = o.value(u"before"_s);
        c.after = o.value(u"after"_s);
        c.sentence = o.value(u"sentence"_s).toString();
        c.breaking = o.value(u"breaking"_s).toBool();
        impact.changes.append(c);
    }
    for (const QJsonValue &p : data.value(u"candidate_problems"_s).toArray())
        impact.candidateProblems.append(problemFromJson(p.toObject()));
    return impact;
}

} // namespace Galley
