#include "merge.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Galley::ThreeWayMerge", text);
}

// RFC 6901: "~" is written "~0" and "/" is written "~1".
QString escapeToken(const QString &key)
{
    QString token = key;
    token.replace(u'~', "~0"_L1);
    token.replace(u'/', "~1"_L1);
    return token;
}

QString unescapeToken(const QString &token)
{
    QString key = token;
    key.replace("~1"_L1, "/"_L1);
    key.replace("~0"_L1, "~"_L1);
    return key;
}

QStringList pointerTokens(const QString &path)
{
    if (!path.startsWith(u'/'))
        return {};
    QStringList tokens = path.mid(1).split(u'/');
    for (QString &t : tokens)
        t = unescapeToken(t);
    return tokens;
}

QJsonValue valueAt(const QJsonObject &root, const QStringList &tokens)
{
    QJsonValue v = root;
    for (const QString &t : tokens) {
        if (!v.isObject())
            return QJsonValue(QJsonValue::Undefined);
        v = v.toObject().value(t);
    }
    return v;
}

// Sets (or, for an undefined value, removes) the member a pointer names, creating the
// objects on the way when they are missing.
void setValueAt(QJsonObject &root, const QStringList &tokens, qsizetype depth, const QJsonValue &value)
{
    if (depth >= tokens.size())
        return;
    const QString &key = tokens.at(depth);
    if (depth == tokens.size() - 1) {
        if (value.isUndefined())
            root.remove(key);
        else
            root.insert(key, value);
        return;
    }
    if (value.isUndefined() && !root.contains(key))
        return;   // removing from a parent that is not there: nothing to do
    QJsonObject child = root.value(key).toObject();
    setValueAt(child, tokens, depth + 1, value);
    root.insert(key, child);
}

bool isLongText(const QJsonValue &v)
{
    if (!v.isString())
        return false;
    const QString s = v.toString();
    return s.size() > 200 || s.contains(u'\n');
}

MergeField::Kind kindOf(const QJsonValue &base, const QJsonValue &mine, const QJsonValue &theirs)
{
    const QJsonValue values[] = { base, mine, theirs };
    const auto any = [&](auto pred) { return std::any_of(std::begin(values), std::end(values), pred); };
    if (any([](const QJsonValue &v) { return v.isObject() || v.isArray(); }))
        return MergeField::Kind::Json;
    if (any(isLongText))
        return MergeField::Kind::LongText;
    if (any([](const QJsonValue &v) { return v.isBool(); }))
        return MergeField::Kind::Bool;
    return MergeField::Kind::Text;
}

MergeField::Outcome outcomeOf(const QJsonValue &base, const QJsonValue &mine, const QJsonValue &theirs)
{
    const bool mineChanged = mine != base;
    const bool theirsChanged = theirs != base;
    if (!mineChanged && !theirsChanged)
        return MergeField::Outcome::Unchanged;
    if (mineChanged && !theirsChanged)
        return MergeField::Outcome::Mine;
    if (!mineChanged)
        return MergeField::Outcome::Theirs;
    return mine == theirs ? MergeField::Outcome::Same : MergeField::Outcome::Conflict;
}

struct FieldSpec
{
    QString path;
    QString label;
};

// The union of the members of the objects, in key order.
QStringList unionOfKeys(const QJsonObject &a, const QJsonObject &b, const QJsonObject &c)
{
    QStringList keys = a.keys();
    keys += b.keys();
    keys += c.keys();
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

} // namespace

QList<MergeField> ThreeWayMerge::compare(const QString &entity, const QJsonObject &base, const QJsonObject &mine,
                                         const QJsonObject &theirs)
{
    QList<FieldSpec> specs;
    if (entity == "edition"_L1) {
        specs = {
            { u"/title"_s, tr("Title") },
            { u"/change_note"_s, tr("Change note") },
            { u"/minor_change"_s, tr("Minor change") },
        };
        const QStringList keys = unionOfKeys(base.value("fields"_L1).toObject(), mine.value("fields"_L1).toObject(),
                                             theirs.value("fields"_L1).toObject());
        for (const QString &key : keys)
            specs.append({ u"/fields/"_s + escapeToken(key), tr("Fields › %1").arg(key) });
    } else if (entity == "schema"_L1) {
        specs = {
            { u"/name"_s, tr("Name") },
            { u"/description"_s, tr("Description") },
            { u"/auth_policy"_s, tr("Authorization policy") },
            { u"/spec_doc"_s, tr("Specification") },
        };
    } else {
        const QStringList keys = unionOfKeys(base, mine, theirs);
        for (const QString &key : keys)
            specs.append({ u"/"_s + escapeToken(key), key });
    }

    QList<MergeField> fields;
    fields.reserve(specs.size());
    for (const FieldSpec &spec : std::as_const(specs)) {
        const QStringList tokens = pointerTokens(spec.path);
        MergeField f;
        f.path = spec.path;
        f.label = spec.label;
        f.base = valueAt(base, tokens);
        f.mine = valueAt(mine, tokens);
        f.theirs = valueAt(theirs, tokens);
        // A member none of the three copies has is not a field of this entity.
        if (f.base.isUndefined() && f.mine.isUndefined() && f.theirs.isUndefined())
            continue;
        f.kind = kindOf(f.base, f.mine, f.theirs);
        f.outcome = outcomeOf(f.base, f.mine, f.theirs);
        fields.append(std::move(f));
    }
    return fields;
}

bool ThreeWayMerge::hasConflict(const QList<MergeField> &fields)
{
    return std::any_of(fields.cbegin(), fields.cend(),
                       [](const MergeField &f) { return f.outcome == MergeField::Outcome::Conflict; });
}

QJsonObject ThreeWayMerge::apply(const QJsonObject &theirs, const QList<MergeField> &fields, const QList<QJsonValue> &chosen)
{
    QJsonObject result = theirs;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const MergeField &f = fields.at(i);
        QJsonValue value;
        switch (f.outcome) {
        case MergeField::Outcome::Mine:
            value = f.mine;
            break;
        case MergeField::Outcome::Conflict:
            // Without a decision, the server's copy stays.
            value = i < chosen.size() ? chosen.at(i) : f.theirs;
            break;
        case MergeField::Outcome::Unchanged:
        case MergeField::Outcome::Theirs:
        case MergeField::Outcome::Same:
            value = f.theirs;
            break;
        }
        setValueAt(result, pointerTokens(f.path), 0, value);
    }
    return result;
}

QJsonObject ThreeWayMerge::merged(const QJsonObject &theirs, const QList<MergeField> &fields)
{
    return apply(theirs, fields, {});
}

QStringList ThreeWayMerge::lineDiff(const QString &from, const QString &to)
{
    const auto linesOf = [](const QString &text) {
        if (text.isEmpty())
            return QStringList();
        QStringList lines = text.split(u'\n');
        if (text.endsWith(u'\n'))
            lines.removeLast();
        for (QString &l : lines) {
            if (l.endsWith(u'\r'))
                l.chop(1);
        }
        return lines;
    };
    const QStringList a = linesOf(from);
    const QStringList b = linesOf(to);

    QStringList out;
    // Common head and tail first: most edits touch a few lines of a long text.
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;
    for (qsizetype i = 0; i < head; ++i)
        out.append(u"  "_s + a.at(i));

    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;
    // lcs[i][j]: the longest common subsequence of a[head+i…] and b[head+j…].
    constexpr qsizetype kMaxCells = 4'000'000;
    if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxCells) {
        std::vector<int> lcs(size_t((n + 1) * (m + 1)), 0);
        const auto at = [&](qsizetype i, qsizetype j) -> int & { return lcs[size_t(i * (m + 1) + j)]; };
        for (qsizetype i = n - 1; i >= 0; --i) {
            for (qsizetype j = m - 1; j >= 0; --j) {
                at(i, j) = a.at(head + i) == b.at(head + j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
            }
        }
        qsizetype i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.at(head + i) == b.at(head + j)) {
                out.append(u"  "_s + a.at(head + i));
                ++i;
                ++j;
            } else if (j >= m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
                out.append(u"- "_s + a.at(head + i));
                ++i;
            } else {
                out.append(u"+ "_s + b.at(head + j));
                ++j;
            }
        }
    } else {
        // Nothing in common in the middle, or too large to compare line by line: old block, new block.
        for (qsizetype i = 0; i < n; ++i)
            out.append(u"- "_s + a.at(head + i));
        for (qsizetype j = 0; j < m; ++j)
            out.append(u"+ "_s + b.at(head + j));
    }

    for (qsizetype i = a.size() - tail; i < a.size(); ++i)
        out.append(u"  "_s + a.at(i));
    return out;
}

} // namespace Galley
