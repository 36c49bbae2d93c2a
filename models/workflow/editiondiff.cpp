#include "editiondiff.h"

#include "schema/jsontext.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <span>
#include <vector>

using namespace Qt::StringLiterals;

namespace Galley {

bool TextDiff::hasChanges() const
{
    const auto changed = [](const DiffSpan &s) { return s.kind != DiffSpan::Kind::Equal && s.length > 0; };
    return std::any_of(left.cbegin(), left.cend(), changed) || std::any_of(right.cbegin(), right.cend(), changed);
}

namespace {

// ---------------------------------------------------------------------------------------------
// Tokens: words, runs of white space, single punctuation marks and, in markup, whole tags and
// entities. Han and kana characters are words of their own (those scripts put no spaces
// between words).

enum class TokenKind : quint8 { Word, Space, Punct, Tag };

struct Token
{
    int start = 0;
    int length = 0;
    TokenKind kind = TokenKind::Word;
};

bool isIdeograph(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x3040 && u <= 0x30ff) || (u >= 0x3400 && u <= 0x4dbf) || (u >= 0x4e00 && u <= 0x9fff)
        || (u >= 0xf900 && u <= 0xfaff);
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c.isMark() || c.isSurrogate() || c == u'_';
}

std::vector<Token> tokenize(QStringView s, bool markup)
{
    std::vector<Token> out;
    out.reserve(size_t(s.size() / 4 + 1));
    const int n = int(s.size());
    int i = 0;
    while (i < n) {
        const QChar c = s[i];
        if (markup && c == u'<' && i + 1 < n && (s[i + 1].isLetter() || s[i + 1] == u'/' || s[i + 1] == u'!')) {
            const qsizetype close = s.indexOf(u'>', i + 1);
            if (close >= 0) {
                out.push_back({ i, int(close) + 1 - i, TokenKind::Tag });
                i = int(close) + 1;
                continue;
            }
        }
        if (markup && c == u'&') {
            int j = i + 1;
            while (j < n && j - i < 12 && (s[j].isLetterOrNumber() || s[j] == u'#'))
                ++j;
            if (j < n && s[j] == u';' && j > i + 1) {
                out.push_back({ i, j + 1 - i, TokenKind::Word });
                i = j + 1;
                continue;
            }
        }
        int j = i + 1;
        TokenKind kind = TokenKind::Punct;
        if (c.isSpace()) {
            kind = TokenKind::Space;
            while (j < n && s[j].isSpace())
                ++j;
        } else if (isIdeograph(c)) {
            kind = TokenKind::Word;
        } else if (isWordChar(c)) {
            kind = TokenKind::Word;
            while (j < n) {
                const QChar d = s[j];
                if (isWordChar(d) && !isIdeograph(d)) {
                    ++j;
                } else if ((d == u'\'' || d == QChar(0x2019)) && j + 1 < n && isWordChar(s[j + 1])
                           && !isIdeograph(s[j + 1])) {
                    j += 2;   // "don't", "l’été"
                } else {
                    break;
                }
            }
        }
        out.push_back({ i, j - i, kind });
        i = j;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Myers' O(ND) difference on integer sequences.

enum Op : quint8 { Equal, Delete, Insert };

// The shortest edit script from a to b, or false when it needs more than maxD edits.
bool myers(std::span<const int> a, std::span<const int> b, int maxD, std::vector<Op> &ops)
{
    const int n = int(a.size());
    const int m = int(b.size());
    const int max = n + m;
    const int limit = std::min(max, maxD);
    const int off = max + 1;
    std::vector<int> v(size_t(2 * max + 3), 0);
    std::vector<int> trace;
    std::vector<size_t> traceStart;
    int found = -1;
    for (int d = 0; d <= limit && found < 0; ++d) {
        traceStart.push_back(trace.size());
        trace.insert(trace.end(), v.begin() + (off - d - 1), v.begin() + (off + d + 2));
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[size_t(off + k - 1)] < v[size_t(off + k + 1)]))
                ? v[size_t(off + k + 1)]
                : v[size_t(off + k - 1)] + 1;
            int y = x - k;
            while (x < n && y < m && a[size_t(x)] == b[size_t(y)]) {
                ++x;
                ++y;
            }
            v[size_t(off + k)] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0)
        return false;

    ops.clear();
    ops.reserve(size_t(std::max(n, m) + found));
    int x = n;
    int y = m;
    for (int d = found; d > 0; --d) {
        const int *snapshot = trace.data() + traceStart[size_t(d)];
        const auto at = [snapshot, d](int k) { return snapshot[k + d + 1]; };
        const int k = x - y;
        const int prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
        const int prevX = at(prevK);
        const int prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            ops.push_back(Equal);
            --x;
            --y;
        }
        if (x == prevX) {
            ops.push_back(Insert);
            --y;
        } else {
            ops.push_back(Delete);
            --x;
        }
    }
    while (x > 0 && y > 0) {
        ops.push_back(Equal);
        --x;
        --y;
    }
    std::reverse(ops.begin(), ops.end());
    return true;
}

// More edits than this and the comparison stops looking for the fewest: the trace grows with
// the square of the edits (about 9 MB here), the time with the length times the edits.
constexpr int kMaxEdits = 1500;

// The edit script of a against b: common start and end trimmed, Myers in between, or
// everything in between replaced when the middle is too different. Sets coarse then.
std::vector<Op> editScript(std::span<const int> a, std::span<const int> b, bool *coarse)
{
    size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
           && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    const auto midA = a.subspan(prefix, a.size() - prefix - suffix);
    const auto midB = b.subspan(prefix, b.size() - prefix - suffix);

    std::vector<Op> ops(prefix, Equal);
    std::vector<Op> middle;
    if (midA.empty() || midB.empty() || !myers(midA, midB, kMaxEdits, middle)) {
        if (!midA.empty() && !midB.empty() && coarse)
            *coarse = true;
        middle.assign(midA.size(), Delete);
        middle.insert(middle.end(), midB.size(), Insert);
    }
    ops.insert(ops.end(), middle.begin(), middle.end());
    ops.insert(ops.end(), suffix, Equal);
    return ops;
}

// Short equal stretches between two changes (a space, a comma, "a") read better as part of
// one change than as a word-by-word patchwork: they become a deletion and an insertion.
// Returns whether it changed anything (absorbing can make the changes around the next stretch long enough).
bool absorbShortEqualities(std::vector<Op> &ops, const std::vector<Token> &left, const std::vector<Token> &right)
{
    struct Run
    {
        size_t begin, end;   // in ops
        bool equal;
    };
    std::vector<Run> runs;
    for (size_t i = 0; i < ops.size();) {
        const bool equal = ops[i] == Equal;
        size_t j = i + 1;
        while (j < ops.size() && (ops[j] == Equal) == equal)
            ++j;
        runs.push_back({ i, j, equal });
        i = j;
    }
    if (runs.size() < 3)
        return false;
    // Token indexes on each side at the start of each run.
    std::vector<size_t> leftAt(runs.size());
    std::vector<size_t> rightAt(runs.size());
    size_t a = 0;
    size_t b = 0;
    for (size_t r = 0; r < runs.size(); ++r) {
        leftAt[r] = a;
        rightAt[r] = b;
        for (size_t i = runs[r].begin; i < runs[r].end; ++i) {
            a += ops[i] != Insert ? 1 : 0;
            b += ops[i] != Delete ? 1 : 0;
        }
    }
    // The size of a change: the longer of what it deletes and what it inserts.
    const auto changedChars = [&](size_t r) {
        int deleted = 0;
        int inserted = 0;
        size_t t = leftAt[r];
        size_t u = rightAt[r];
        for (size_t i = runs[r].begin; i < runs[r].end; ++i) {
            if (ops[i] == Delete)
                deleted += left[t++].length;
            else
                inserted += right[u++].length;
        }
        return std::max(deleted, inserted);
    };
    std::vector<Op> out;
    out.reserve(ops.size() + 16);
    bool absorbed = false;
    for (size_t r = 0; r < runs.size(); ++r) {
        const Run &run = runs[r];
        bool absorb = false;
        if (run.equal && r > 0 && r + 1 < runs.size()) {
            int chars = 0;
            bool onlyGlue = true;
            bool tag = false;
            for (size_t t = leftAt[r]; t < leftAt[r] + (run.end - run.begin); ++t) {
                chars += left[t].length;
                tag = tag || left[t].kind == TokenKind::Tag;
                onlyGlue = onlyGlue && (left[t].kind == TokenKind::Space || left[t].kind == TokenKind::Punct);
            }
            // Shorter than half of each change around it (as diff-match-patch's semantic cleanup).
            const int around = std::min(changedChars(r - 1), changedChars(r + 1));
            absorb = !tag && ((onlyGlue && run.end - run.begin <= 3) || 2 * chars <= around);
        }
        if (absorb) {
            absorbed = true;
            out.insert(out.end(), run.end - run.begin, Delete);
            out.insert(out.end(), run.end - run.begin, Insert);
        } else {
            out.insert(out.end(), ops.begin() + qsizetype(run.begin), ops.begin() + qsizetype(run.end));
        }
    }
    ops.swap(out);
    return absorbed;
}

void appendSpan(QList<DiffSpan> &spans, const Token &t, DiffSpan::Kind kind)
{
    const bool markup = t.kind == TokenKind::Tag;
    if (!markup && !spans.isEmpty()) {
        DiffSpan &last = spans.last();
        if (!last.markup && last.kind == kind && last.start + last.length == t.start) {
            last.length += t.length;
            return;
        }
    }
    spans.append({ t.start, t.length, kind, markup });
}

QList<DiffSpan> wholeSpans(const QString &text, bool markup, DiffSpan::Kind kind)
{
    QList<DiffSpan> spans;
    if (text.isEmpty())
        return spans;
    if (!markup) {
        spans.append({ 0, int(text.size()), kind, false });
        return spans;
    }
    for (const Token &t : tokenize(text, true))
        appendSpan(spans, t, kind);
    return spans;
}

bool looksLikeHtml(const QString &text)
{
    static const QRegularExpression tag(u"<(/?[a-zA-Z][a-zA-Z0-9]*)(\\s[^>]*)?/?>"_s);
    return text.contains(u'<') && tag.match(text).hasMatch();
}

} // namespace

TextDiff EditionDiff::diffText(const QString &left, const QString &right, bool markup)
{
    TextDiff out;
    if (left == right) {
        out.left = wholeSpans(left, markup, DiffSpan::Kind::Equal);
        out.right = out.left;
        return out;
    }
    const std::vector<Token> lt = tokenize(left, markup);
    const std::vector<Token> rt = tokenize(right, markup);
    QHash<QStringView, int> ids;
    ids.reserve(qsizetype(lt.size() / 2 + rt.size() / 2 + 16));
    const auto idsOf = [&ids](const QString &text, const std::vector<Token> &tokens) {
        std::vector<int> seq;
        seq.reserve(tokens.size());
        for (const Token &t : tokens) {
            const QStringView word = QStringView(text).mid(t.start, t.length);
            auto it = ids.constFind(word);
            if (it == ids.cend())
                it = ids.insert(word, int(ids.size()));
            seq.push_back(*it);
        }
        return seq;
    };
    const std::vector<int> a = idsOf(left, lt);
    const std::vector<int> b = idsOf(right, rt);
    std::vector<Op> ops = editScript(a, b, &out.coarse);
    for (int pass = 0; pass < 4 && absorbShortEqualities(ops, lt, rt); ++pass) { }

    size_t i = 0;
    size_t j = 0;
    for (const Op op : ops) {
        switch (op) {
        case Equal:
            appendSpan(out.left, lt[i++], DiffSpan::Kind::Equal);
            appendSpan(out.right, rt[j++], DiffSpan::Kind::Equal);
            break;
        case Delete:
            appendSpan(out.left, lt[i++], DiffSpan::Kind::Deleted);
            break;
        case Insert:
            appendSpan(out.right, rt[j++], DiffSpan::Kind::Inserted);
            break;
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Fields

class EditionDiffBuilder
{
public:
    using Row = EditionDiffRow;

    QJsonObject root;
    QHash<QString, QStringList> keyOrder;   // by location ("#/properties/address/properties")
    EditionDiff out;

    struct Place
    {
        int depth = 0;
        int parent = -1;
        QString key;
        int leftIndex = -1;
        int rightIndex = -1;
        QString label;
        bool labelFromSchema = false;
        QString leftPointer;
        QString rightPointer;
        bool whole = false;   // inside an added or removed object or list
    };

    void readKeyOrder(const QString &schemaText)
    {
        if (schemaText.isEmpty())
            return;
        const JsonText::Document doc = JsonText::Document::parse(schemaText);
        if (!doc.isValid())
            return;
        for (int n = 0; n < doc.nodeCount(); ++n) {
            const JsonText::Node &node = doc.node(n);
            if (node.kind != JsonText::Kind::Object)
                continue;
            QStringList keys;
            keys.reserve(node.childCount);
            for (int row = 0; row < node.childCount; ++row)
                keys.append(doc.key(doc.child(n, row)));
            keyOrder.insert(u"#"_s + doc.pointer(n), keys);
        }
    }

    // sub with its $ref followed (within the schema document); location follows along.
    QJsonObject resolve(const QJsonValue &raw, QString &location) const
    {
        QJsonObject sub = raw.toObject();
        for (int hops = 0; hops < 8; ++hops) {
            const QString ref = sub.value(u"$ref").toString();
            if (!ref.startsWith(u'#'))
                break;
            const auto tokens = JsonText::splitPointer(QStringView(ref).mid(1));
            if (!tokens)
                break;
            QJsonValue at = root;
            for (const QString &t : *tokens)
                at = at.isArray() ? at.toArray().at(t.toInt()) : at.toObject().value(t);
            if (!at.isObject())
                break;
            const QJsonObject target = at.toObject();
            // Keywords beside $ref (a title, a description) win over the target's.
            QJsonObject merged = target;
            for (auto it = sub.constBegin(); it != sub.constEnd(); ++it) {
                if (it.key() != u"$ref")
                    merged.insert(it.key(), it.value());
            }
            sub = merged;
            sub.remove(u"$ref"_s);
            if (target.contains(u"$ref"))
                sub.insert(u"$ref"_s, target.value(u"$ref"));
            location = ref;
        }
        return sub;
    }

    QStringList orderedKeys(const QJsonObject &sub, const QString &location, const QJsonObject &l,
                            const QJsonObject &r) const
    {
        const QJsonObject props = sub.value(u"properties").toObject();
        QStringList keys;
        keys.reserve(props.size() + l.size());
        for (const QString &k : keyOrder.value(location + u"/properties"_s)) {
            if (props.contains(k) && !keys.contains(k))
                keys.append(k);
        }
        for (auto it = props.constBegin(); it != props.constEnd(); ++it) {
            if (!keys.contains(it.key()))
                keys.append(it.key());
        }
        keys.removeIf([&](const QString &k) { return !l.contains(k) && !r.contains(k); });
        // Members the schema does not know, by name (QJsonObject keeps keys sorted).
        QStringList unknown;
        for (auto it = l.constBegin(); it != l.constEnd(); ++it) {
            if (!props.contains(it.key()))
                unknown.append(it.key());
        }
        for (auto it = r.constBegin(); it != r.constEnd(); ++it) {
            if (!props.contains(it.key()) && !l.contains(it.key()))
                unknown.append(it.key());
        }
        std::sort(unknown.begin(), unknown.end());
        return keys + unknown;
    }

    Row rowAt(const Place &p) const
    {
        Row row;
        row.depth = p.depth;
        row.parent = p.parent;
        row.key = p.key;
        row.leftIndex = p.leftIndex;
        row.rightIndex = p.rightIndex;
        row.label = p.label;
        row.labelFromSchema = p.labelFromSchema;
        row.leftPointer = p.leftPointer;
        row.rightPointer = p.rightPointer;
        return row;
    }

    static Row::Change presence(bool inL, bool inR, bool changed)
    {
        if (!inL)
            return Row::Change::Added;
        if (!inR)
            return Row::Change::Removed;
        return changed ? Row::Change::Changed : Row::Change::Unchanged;
    }

    // Appends the rows of one value (and what is inside it); returns its change.
    Row::Change add(const Place &p, const QJsonValue &l, const QJsonValue &r, bool inL, bool inR,
                    const QJsonObject &sub, const QString &location)
    {
        const bool lObj = inL && l.isObject();
        const bool rObj = inR && r.isObject();
        const bool lArr = inL && l.isArray();
        const bool rArr = inR && r.isArray();
        if ((lObj || rObj) && (lObj || !inL) && (rObj || !inR))
            return addObject(p, l.toObject(), r.toObject(), inL, inR, sub, location);
        if ((lArr || rArr) && (lArr || !inL) && (rArr || !inR))
            return addArray(p, l.toArray(), r.toArray(), inL, inR, sub, location);
        return addValue(p, l, r, inL, inR, sub);
    }

    Row::Change addObject(const Place &p, const QJsonObject &l, const QJsonObject &r, bool inL, bool inR,
                          const QJsonObject &sub, const QString &location)
    {
        Row row = rowAt(p);
        row.shape = Row::Shape::Object;
        row.inLeft = inL;
        row.inRight = inR;
        row.leftCount = int(l.size());
        row.rightCount = int(r.size());
        const int me = int(out.m_rows.size());
        out.m_rows.append(row);

        const QJsonObject props = sub.value(u"properties").toObject();
        bool changed = false;
        for (const QString &key : orderedKeys(sub, location, l, r)) {
            QString childLocation = location + u"/properties/"_s + JsonText::escapePointerToken(key);
            const QJsonValue rawChild = props.value(key);
            const QJsonObject child = resolve(rawChild, childLocation);
            Place c;
            c.depth = p.depth + 1;
            c.parent = me;
            c.key = key;
            c.label = child.value(u"title").toString().trimmed();
            c.labelFromSchema = !c.label.isEmpty();
            if (c.label.isEmpty())
                c.label = key;
            c.leftPointer = JsonText::childPointer(p.leftPointer, key);
            c.rightPointer = JsonText::childPointer(p.rightPointer, key);
            c.whole = p.whole || !inL || !inR;
            const bool cl = l.contains(key);
            const bool cr = r.contains(key);
            changed = add(c, l.value(key), r.value(key), cl, cr, child, childLocation) != Row::Change::Unchanged
                || changed;
        }
        finish(me, presence(inL, inR, changed), p.whole);
        return out.m_rows.at(me).change;
    }

    static QString identityOf(const QJsonObject &o, const QString &key) { return JsonText::compact(o.value(key)); }

    // Whether two different list items are one item edited rather than one removed and
    // another added.
    static bool similar(const QJsonValue &a, const QJsonValue &b)
    {
        if (a.type() != b.type())
            return false;
        if (!a.isObject())
            return true;   // strings, numbers: show the edit
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.contains(u"id") && y.contains(u"id"))
            return x.value(u"id") == y.value(u"id");
        static const QStringList identities { u"key"_s,  u"slug"_s, u"name"_s,     u"title"_s,
                                              u"url"_s,  u"href"_s, u"question"_s, u"label"_s };
        for (const QString &k : identities) {
            if (x.contains(k) && y.contains(k) && x.value(k) == y.value(k))
                return true;
        }
        int equal = 0;
        int all = int(x.size());
        for (auto it = y.constBegin(); it != y.constEnd(); ++it) {
            if (!x.contains(it.key()))
                ++all;
            else if (x.value(it.key()) == it.value())
                ++equal;
        }
        return all > 0 && 2 * equal >= all;
    }

    // Pairs of (left index, right index), -1 for an item only on the other side, in order.
    static QList<std::pair<int, int>> matchItems(const QJsonArray &l, const QJsonArray &r)
    {
        QHash<QString, int> ids;
        const auto idsOf = [&ids](const QJsonArray &items) {
            std::vector<int> out;
            out.reserve(size_t(items.size()));
            for (const QJsonValue &v : items) {
                const QString key = JsonText::compact(v);
                auto it = ids.constFind(key);
                if (it == ids.cend())
                    it = ids.insert(key, int(ids.size()));
                out.push_back(*it);
            }
            return out;
        };
        const std::vector<int> a = idsOf(l);
        const std::vector<int> b = idsOf(r);
        const std::vector<Op> ops = editScript(a, b, nullptr);

        QList<std::pair<int, int>> pairs;
        pairs.reserve(std::max(l.size(), r.size()));
        QList<int> dels;
        QList<int> ins;
        const auto flushGap = [&]() {
            // Pair similar items in order; unpaired ones keep their places around the pairs.
            QList<int> partner(dels.size(), -1);
            qsizetype from = 0;
            for (qsizetype d = 0; d < dels.size(); ++d) {
                for (qsizetype k = from; k < ins.size(); ++k) {
                    if (similar(l.at(dels.at(d)), r.at(ins.at(k)))) {
                        partner[d] = int(k);
                        from = k + 1;
                        break;
                    }
                }
            }
            qsizetype k = 0;
            for (qsizetype d = 0; d < dels.size(); ++d) {
                if (partner.at(d) < 0) {
                    pairs.append({ dels.at(d), -1 });
                    continue;
                }
                for (; k < partner.at(d); ++k)
                    pairs.append({ -1, ins.at(k) });
                pairs.append({ dels.at(d), ins.at(k) });
                ++k;
            }
            for (; k < ins.size(); ++k)
                pairs.append({ -1, ins.at(k) });
            dels.clear();
            ins.clear();
        };
        int i = 0;
        int j = 0;
        for (const Op op : ops) {
            switch (op) {
            case Equal:
                flushGap();
                pairs.append({ i++, j++ });
                break;
            case Delete:
                dels.append(i++);
                break;
            case Insert:
                ins.append(j++);
                break;
            }
        }
        flushGap();
        return pairs;
    }

    Row::Change addArray(const Place &p, const QJsonArray &l, const QJsonArray &r, bool inL, bool inR,
                         const QJsonObject &sub, const QString &location)
    {
        Row row = rowAt(p);
        row.shape = Row::Shape::Array;
        row.inLeft = inL;
        row.inRight = inR;
        row.leftCount = int(l.size());
        row.rightCount = int(r.size());
        const int me = int(out.m_rows.size());
        out.m_rows.append(row);

        QString itemLocation = location + u"/items"_s;
        const QJsonObject items = sub.value(u"items").isObject() ? resolve(sub.value(u"items"), itemLocation)
                                                                  : QJsonObject();
        const QString itemTitle = items.value(u"title").toString().trimmed();
        bool changed = false;
        for (const auto &[li, ri] : matchItems(l, r)) {
            Place c;
            c.depth = p.depth + 1;
            c.parent = me;
            c.leftIndex = li;
            c.rightIndex = ri;
            const int number = (ri >= 0 ? ri : li) + 1;
            c.label = itemTitle.isEmpty() ? EditionDiff::tr("Item %1").arg(number)
                                          : EditionDiff::tr("%1 %2", "list item title, number").arg(itemTitle).arg(number);
            c.labelFromSchema = !itemTitle.isEmpty();
            c.leftPointer = li >= 0 ? JsonText::childPointer(p.leftPointer, QString::number(li)) : QString();
            c.rightPointer = ri >= 0 ? JsonText::childPointer(p.rightPointer, QString::number(ri)) : QString();
            c.whole = p.whole || !inL || !inR;
            changed = add(c, li >= 0 ? l.at(li) : QJsonValue(), ri >= 0 ? r.at(ri) : QJsonValue(), li >= 0, ri >= 0,
                          items, itemLocation)
                    != Row::Change::Unchanged
                || changed;
        }
        finish(me, presence(inL, inR, changed || l.size() != r.size()), p.whole);
        return out.m_rows.at(me).change;
    }

    static QString textOf(const QJsonValue &v)
    {
        return v.isString() ? v.toString() : JsonText::compact(v);
    }

    Row::Change addValue(const Place &p, const QJsonValue &l, const QJsonValue &r, bool inL, bool inR,
                         const QJsonObject &sub)
    {
        Row row = rowAt(p);
        row.inLeft = inL;
        row.inRight = inR;
        row.leftText = inL ? textOf(l) : QString();
        row.rightText = inR ? textOf(r) : QString();
        const bool strings = (!inL || l.isString()) && (!inR || r.isString());
        const QString mediaType = sub.value(u"contentMediaType").toString();
        const QString format = sub.value(u"format").toString();
        row.rich = strings
            && (mediaType == u"text/html" || format == u"html"
                || (mediaType.isEmpty() && (looksLikeHtml(row.leftText) || looksLikeHtml(row.rightText))));
        row.change = presence(inL, inR, !(l == r));
        if (strings && inL && inR) {
            row.text = EditionDiff::diffText(row.leftText, row.rightText, row.rich);
        } else {
            const bool same = row.change == Row::Change::Unchanged;
            row.text.left = wholeSpans(row.leftText, row.rich, same ? DiffSpan::Kind::Equal : DiffSpan::Kind::Deleted);
            row.text.right = wholeSpans(row.rightText, row.rich, same ? DiffSpan::Kind::Equal : DiffSpan::Kind::Inserted);
        }
        row.navigable = row.change != Row::Change::Unchanged && !p.whole;
        out.m_rows.append(row);
        return row.change;
    }

    void finish(int row, Row::Change change, bool whole)
    {
        Row &r = out.m_rows[row];
        r.change = change;
        r.navigable = !whole && (change == Row::Change::Added || change == Row::Change::Removed);
    }

    void addOwn(Row::Source source, const QString &label, const QString &l, const QString &r)
    {
        Place p;
        p.label = label;
        const int at = int(out.m_rows.size());
        addValue(p, QJsonValue(l), QJsonValue(r), true, true, QJsonObject { { u"type"_s, u"string"_s } });
        out.m_rows[at].source = source;
    }
};

EditionDiff EditionDiff::compute(const Edition &left, const Edition &right, const QJsonObject &schemaSpec,
                                 const QString &schemaText)
{
    EditionDiffBuilder b;
    b.root = schemaSpec;
    b.readKeyOrder(schemaText);
    b.addOwn(EditionDiffRow::Source::Title, tr("Title"), left.title, right.title);
    b.addOwn(EditionDiffRow::Source::ChangeNote, tr("Change note"), left.changeNote, right.changeNote);

    QString location = u"#"_s;
    const QJsonObject top = b.resolve(schemaSpec, location);
    const QJsonObject props = top.value(u"properties").toObject();
    for (const QString &key : b.orderedKeys(top, location, left.fields, right.fields)) {
        QString childLocation = location + u"/properties/"_s + JsonText::escapePointerToken(key);
        const QJsonObject child = b.resolve(props.value(key), childLocation);
        EditionDiffBuilder::Place p;
        p.key = key;
        p.label = child.value(u"title").toString().trimmed();
        p.labelFromSchema = !p.label.isEmpty();
        if (p.label.isEmpty())
            p.label = key;
        p.leftPointer = JsonText::childPointer(u"", key);
        p.rightPointer = p.leftPointer;
        b.add(p, left.fields.value(key), right.fields.value(key), left.fields.contains(key),
              right.fields.contains(key), child, childLocation);
    }
    b.out.m_changeCount = int(std::count_if(b.out.m_rows.cbegin(), b.out.m_rows.cend(),
                                            [](const EditionDiffRow &r) { return r.navigable; }));
    return std::move(b.out);
}

} // namespace Galley
