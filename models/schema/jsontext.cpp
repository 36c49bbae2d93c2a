#include "jsontext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace Galley::JsonText {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Galley::JsonText", text);
}

Error editError(const char *code, const QString &message)
{
    return Error { QString::fromLatin1(code), message };
}

inline bool isSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

inline bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

inline int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

// Decodes the JSON string token [start, end) (quotes included).
QString decodeString(const QString &text, int start, int end, bool escaped)
{
    if (!escaped)
        return text.mid(start + 1, end - start - 2);
    QString out;
    out.reserve(end - start);
    const QChar *s = text.constData();
    for (int i = start + 1; i < end - 1; ++i) {
        const QChar c = s[i];
        if (c != u'\\') {
            out += c;
            continue;
        }
        const char16_t e = s[++i].unicode();
        switch (e) {
        case u'b': out += u'\b'; break;
        case u'f': out += u'\f'; break;
        case u'n': out += u'\n'; break;
        case u'r': out += u'\r'; break;
        case u't': out += u'\t'; break;
        case u'u': {
            char16_t code = 0;
            for (int k = 1; k <= 4; ++k)
                code = char16_t(code * 16 + hexValue(s[i + k].unicode()));
            out += QChar(code);
            i += 4;
            break;
        }
        default: out += QChar(e); break;   // " \ /
        }
    }
    return out;
}

bool containsNewline(QStringView text)
{
    return text.contains(u'\n');
}

QString unescapeToken(QStringView token)
{
    QString t = token.toString();
    if (t.contains(u'~')) {
        t.replace(u"~1"_s, u"/"_s);
        t.replace(u"~0"_s, u"~"_s);
    }
    return t;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Parsing: one pass, no recursion (deeply nested text cannot overflow the stack).

class Parser
{
public:
    explicit Parser(Document &document)
        : d(document)
        , s(reinterpret_cast<const char16_t *>(document.m_text.constData()))
        , len(int(document.m_text.size()))
    {
    }

    void run();

private:
    enum class State { Value, Member, After };
    struct Frame
    {
        int node;
        int base;   // where its children start in `pending`
        bool object;
    };

    int skipSpace(int i) const
    {
        while (i < len && isSpace(s[i]))
            ++i;
        return i;
    }
    // s[i] is '"'; returns the index after the closing quote, or -1 after fail().
    int scanString(int i, bool *escaped);
    int scanNumber(int i);
    void fail(int offset, const QString &message);
    void close(int at);

    Document &d;
    const char16_t *s;
    int len;
    std::vector<Frame> m_stack;
    std::vector<int> m_pending;
    bool m_failed = false;
};

void Parser::fail(int offset, const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    SyntaxError e;
    e.offset = std::clamp(offset, 0, len);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < e.offset; ++i) {
        if (s[i] == u'\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    e.line = line;
    e.column = e.offset - lineStart + 1;
    e.message = message;
    d.m_error = e;
}

int Parser::scanString(int i, bool *escaped)
{
    const int start = i;
    ++i;
    for (;;) {
        while (i < len) {
            const char16_t c = s[i];
            if (c == u'"' || c == u'\\' || c < 0x20)
                break;
            ++i;
        }
        if (i >= len) {
            fail(start, tr("The string is not closed: a double quote is missing"));
            return -1;
        }
        const char16_t c = s[i];
        if (c == u'"')
            return i + 1;
        if (c < 0x20) {
            fail(i, c == u'\n' ? tr("A string cannot span lines: write \\n for a line break")
                               : tr("A control character in a string must be escaped (\\t, \\u0001…)"));
            return -1;
        }
        // A backslash.
        *escaped = true;
        if (i + 1 >= len) {
            fail(start, tr("The string is not closed: a double quote is missing"));
            return -1;
        }
        switch (s[i + 1]) {
        case u'"':
        case u'\\':
        case u'/':
        case u'b':
        case u'f':
        case u'n':
        case u'r':
        case u't':
            i += 2;
            break;
        case u'u':
            for (int k = 2; k <= 5; ++k) {
                if (i + k >= len || hexValue(s[i + k]) < 0) {
                    fail(i, tr("\\u must be followed by four hexadecimal digits"));
                    return -1;
                }
            }
            i += 6;
            break;
        default:
            fail(i, tr("Unknown escape sequence; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"));
            return -1;
        }
    }
}

int Parser::scanNumber(int i)
{
    int j = i;
    if (s[j] == u'-')
        ++j;
    if (j < len && s[j] == u'0') {
        ++j;
    } else if (j < len && s[j] >= u'1' && s[j] <= u'9') {
        while (j < len && isDigit(s[j]))
            ++j;
    } else {
        fail(j, tr("A number needs digits"));
        return -1;
    }
    if (j < len && s[j] == u'.') {
        ++j;
        if (j >= len || !isDigit(s[j])) {
            fail(j, tr("A decimal point must be followed by digits"));
            return -1;
        }
        while (j < len && isDigit(s[j]))
            ++j;
    }
    if (j < len && (s[j] == u'e' || s[j] == u'E')) {
        ++j;
        if (j < len && (s[j] == u'+' || s[j] == u'-'))
            ++j;
        if (j >= len || !isDigit(s[j])) {
            fail(j, tr("An exponent needs digits"));
            return -1;
        }
        while (j < len && isDigit(s[j]))
            ++j;
    }
    return j;
}

void Parser::close(int at)
{
    const Frame f = m_stack.back();
    m_stack.pop_back();
    Node &node = d.m_nodes[size_t(f.node)];
    node.end = at + 1;
    node.firstChild = int(d.m_children.size());
    node.childCount = int(m_pending.size()) - f.base;
    d.m_children.insert(d.m_children.end(), m_pending.begin() + f.base, m_pending.end());
    m_pending.resize(size_t(f.base));
}

void Parser::run()
{
    d.m_nodes.reserve(size_t(len / 12) + 8);
    int i = 0;
    if (len > 0 && s[0] == 0xFEFF)
        i = 1;
    i = skipSpace(i);
    if (i >= len) {
        fail(i, tr("The text is empty: a JSON value is expected"));
        return;
    }

    int keyStart = -1;
    int keyEnd = -1;
    int colon = -1;
    bool keyEscaped = false;
    State state = State::Value;

    while (!m_failed) {
        switch (state) {
        case State::Value: {
            if (i >= len) {
                fail(i, tr("The text ends where a value is expected"));
                break;
            }
            const int index = int(d.m_nodes.size());
            Node node;
            node.start = i;
            node.keyStart = keyStart;
            node.keyEnd = keyEnd;
            node.colon = colon;
            node.keyEscaped = keyEscaped;
            keyStart = keyEnd = colon = -1;
            keyEscaped = false;
            if (!m_stack.empty()) {
                node.parent = m_stack.back().node;
                node.row = int(m_pending.size()) - m_stack.back().base;
                m_pending.push_back(index);
            }
            const char16_t c = s[i];
            if (c == u'{' || c == u'[') {
                const bool object = c == u'{';
                node.kind = object ? Kind::Object : Kind::Array;
                d.m_nodes.push_back(node);
                m_stack.push_back({ index, int(m_pending.size()), object });
                i = skipSpace(i + 1);
                if (i < len && s[i] == (object ? u'}' : u']')) {
                    close(i);
                    ++i;
                    state = State::After;
                } else {
                    state = object ? State::Member : State::Value;
                }
                break;
            }
            if (c == u'"') {
                node.kind = Kind::String;
                bool escaped = false;
                const int end = scanString(i, &escaped);
                if (end < 0)
                    break;
                node.end = end;
                node.valueEscaped = escaped;
            } else if (c == u'-' || isDigit(c)) {
                node.kind = Kind::Number;
                const int end = scanNumber(i);
                if (end < 0)
                    break;
                node.end = end;
            } else {
                struct Literal
                {
                    QStringView word;
                    Kind kind;
                };
                static const Literal literals[] = { { u"true", Kind::True },
                                                    { u"false", Kind::False },
                                                    { u"null", Kind::Null } };
                bool matched = false;
                for (const Literal &l : literals) {
                    if (c == l.word.front().unicode()
                        && QStringView(s + i, std::min<qsizetype>(l.word.size(), len - i)) == l.word) {
                        node.kind = l.kind;
                        node.end = i + int(l.word.size());
                        matched = true;
                        break;
                    }
                }
                if (!matched) {
                    if (c == u'}' || c == u']')
                        fail(i, tr("A value is expected before '%1'").arg(QChar(c)));
                    else if (c == u'\'')
                        fail(i, tr("Strings must be in double quotes"));
                    else
                        fail(i, tr("Unexpected character '%1'; a value is expected").arg(QChar(c)));
                    break;
                }
            }
            i = node.end;
            d.m_nodes.push_back(node);
            state = State::After;
            break;
        }
        case State::Member:
            if (i >= len) {
                fail(i, tr("The text ends inside an object: '}' is missing"));
                break;
            }
            if (s[i] != u'"') {
                if (s[i] == u'}')
                    fail(i, tr("A comma must be followed by another member"));
                else if (s[i] == u'\'')
                    fail(i, tr("Member names must be in double quotes"));
                else
                    fail(i, tr("A member name in double quotes is expected"));
                break;
            }
            keyStart = i;
            i = scanString(i, &keyEscaped);
            if (i < 0)
                break;
            keyEnd = i;
            i = skipSpace(i);
            if (i >= len || s[i] != u':') {
                fail(i, tr("A colon is expected after the member name"));
                break;
            }
            colon = i;
            i = skipSpace(i + 1);
            state = State::Value;
            break;
        case State::After: {
            if (m_stack.empty()) {
                i = skipSpace(i);
                if (i < len)
                    fail(i, tr("Unexpected text after the end of the JSON value"));
                return;
            }
            i = skipSpace(i);
            const Frame &f = m_stack.back();
            const char16_t closing = f.object ? u'}' : u']';
            if (i >= len) {
                fail(i, f.object ? tr("The text ends inside an object: '}' is missing")
                                 : tr("The text ends inside an array: ']' is missing"));
                break;
            }
            if (s[i] == u',') {
                d.m_nodes[size_t(m_pending.back())].comma = i;
                i = skipSpace(i + 1);
                if (!f.object && i < len && s[i] == u']') {
                    fail(i, tr("A comma must be followed by another item"));
                    break;
                }
                state = f.object ? State::Member : State::Value;
            } else if (s[i] == closing) {
                close(i);
                ++i;
            } else {
                fail(i, f.object ? tr("A comma or '}' is expected") : tr("A comma or ']' is expected"));
            }
            break;
        }
        }
    }
}

Document Document::parse(const QString &text)
{
    Document d;
    d.m_text = text;
    Parser(d).run();
    if (d.m_error) {
        d.m_nodes.clear();
        d.m_children.clear();
    }
    return d;
}

// ---------------------------------------------------------------------------------------------
// The tree

QList<int> Document::children(int n) const
{
    QList<int> out;
    const Node &nd = node(n);
    out.reserve(nd.childCount);
    for (int r = 0; r < nd.childCount; ++r)
        out.append(m_children[size_t(nd.firstChild + r)]);
    return out;
}

int Document::member(int object, QStringView key) const
{
    if (object < 0 || node(object).kind != Kind::Object)
        return -1;
    const Node &o = node(object);
    for (int r = o.childCount - 1; r >= 0; --r) {
        const int c = m_children[size_t(o.firstChild + r)];
        const Node &m = node(c);
        if (!m.keyEscaped) {
            if (m.keyEnd - m.keyStart - 2 == key.size()
                && QStringView(m_text).sliced(m.keyStart + 1, m.keyEnd - m.keyStart - 2) == key)
                return c;
        } else if (decodeString(m_text, m.keyStart, m.keyEnd, true) == key) {
            return c;
        }
    }
    return -1;
}

QString Document::key(int n) const
{
    const Node &m = node(n);
    if (m.keyStart < 0)
        return {};
    return decodeString(m_text, m.keyStart, m.keyEnd, m.keyEscaped);
}

QStringView Document::rawKey(int n) const
{
    const Node &m = node(n);
    if (m.keyStart < 0)
        return {};
    return QStringView(m_text).sliced(m.keyStart + 1, m.keyEnd - m.keyStart - 2);
}

QStringView Document::valueText(int n) const
{
    const Node &nd = node(n);
    return QStringView(m_text).sliced(nd.start, nd.end - nd.start);
}

QStringView Document::memberText(int n) const
{
    const Node &nd = node(n);
    return QStringView(m_text).sliced(nd.memberStart(), nd.end - nd.memberStart());
}

QString Document::string(int n) const
{
    const Node &nd = node(n);
    if (nd.kind != Kind::String)
        return {};
    return decodeString(m_text, nd.start, nd.end, nd.valueEscaped);
}

QJsonValue Document::value(int n) const
{
    if (n < 0 || n >= nodeCount())
        return QJsonValue(QJsonValue::Undefined);
    const Node &nd = node(n);
    switch (nd.kind) {
    case Kind::Object: {
        QJsonObject o;
        for (int r = 0; r < nd.childCount; ++r) {
            const int c = child(n, r);
            o.insert(key(c), value(c));
        }
        return o;
    }
    case Kind::Array: {
        QJsonArray a;
        for (int r = 0; r < nd.childCount; ++r)
            a.append(value(child(n, r)));
        return a;
    }
    case Kind::String:
        return string(n);
    case Kind::Number: {
        const QStringView t = valueText(n);
        if (!t.contains(u'.') && !t.contains(u'e') && !t.contains(u'E')) {
            bool ok = false;
            const qint64 i = t.toLongLong(&ok);
            if (ok)
                return QJsonValue(i);
        }
        return t.toDouble();
    }
    case Kind::True:
        return true;
    case Kind::False:
        return false;
    case Kind::Null:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

bool Document::isDescendant(int n, int other) const
{
    for (int p = n; p >= 0; p = node(p).parent) {
        if (p == other)
            return true;
    }
    return false;
}

int Document::find(QStringView pointer) const
{
    if (m_nodes.empty())
        return -1;
    const auto tokens = splitPointer(pointer);
    if (!tokens)
        return -1;
    int n = 0;
    for (const QString &t : *tokens) {
        const Node &nd = node(n);
        if (nd.kind == Kind::Object) {
            n = member(n, t);
        } else if (nd.kind == Kind::Array) {
            bool ok = false;
            const int row = t.toInt(&ok);
            if (!ok || row < 0 || row >= nd.childCount || (t.size() > 1 && t.startsWith(u'0')) || t.startsWith(u'+'))
                return -1;
            n = child(n, row);
        } else {
            return -1;
        }
        if (n < 0)
            return -1;
    }
    return n;
}

QString Document::pointer(int n) const
{
    QStringList tokens;
    for (int c = n; c >= 0 && node(c).parent >= 0; c = node(c).parent) {
        const Node &nd = node(c);
        tokens.prepend(nd.isMember() ? key(c) : QString::number(nd.row));
    }
    return joinPointer(tokens);
}

int Document::nodeAt(int position) const
{
    if (m_nodes.empty())
        return -1;
    if (position < node(0).start || position > node(0).end)
        return -1;
    int cur = 0;
    for (;;) {
        const Node &nd = node(cur);
        if (nd.childCount == 0)
            break;
        // The last child that starts at or before position.
        int lo = 0;
        int hi = nd.childCount;
        while (lo < hi) {
            const int mid = (lo + hi) / 2;
            if (node(child(cur, mid)).memberStart() <= position)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == 0)
            break;
        const int c = child(cur, lo - 1);
        if (position > node(c).end)
            break;
        cur = c;
    }
    return cur;
}

// ---------------------------------------------------------------------------------------------
// Formatting

QStringView Document::lineIndent(int position) const
{
    int begin = position;
    while (begin > 0 && m_text.at(begin - 1) != u'\n')
        --begin;
    int end = begin;
    while (end < m_text.size() && (m_text.at(end) == u' ' || m_text.at(end) == u'\t'))
        ++end;
    return QStringView(m_text).sliced(begin, end - begin);
}

bool Document::startsLine(int position) const
{
    for (int i = position - 1; i >= 0; --i) {
        const QChar c = m_text.at(i);
        if (c == u'\n')
            return true;
        if (c != u' ' && c != u'\t' && c != u'\r')
            return false;
    }
    return true;
}

const Document::Style &Document::style() const
{
    if (m_style)
        return *m_style;
    Style st;
    st.multiLine = m_text.contains(u'\n');
    st.newline = m_text.contains(u"\r\n"_s) ? u"\r\n"_s : u"\n"_s;
    bool haveUnit = false;
    bool haveColon = false;
    bool havePadding = false;
    bool haveSeparator = false;
    const int limit = std::min(nodeCount(), 20000);
    for (int n = 0; n < limit && !(haveUnit && haveColon && havePadding && haveSeparator); ++n) {
        const Node &nd = node(n);
        if (!haveColon && nd.isMember()) {
            const QStringView between = QStringView(m_text).sliced(nd.keyEnd, nd.start - nd.keyEnd);
            if (!containsNewline(between)) {
                st.colon = between.toString();
                haveColon = true;
            }
        }
        if (!nd.isContainer() || nd.childCount == 0)
            continue;
        const Node &first = node(child(n, 0));
        const QStringView opening = QStringView(m_text).sliced(nd.start + 1, first.memberStart() - nd.start - 1);
        if (containsNewline(opening)) {
            if (!haveUnit && startsLine(first.memberStart())) {
                const QStringView inner = lineIndent(first.memberStart());
                const QStringView outer = lineIndent(nd.start);
                if (inner.size() > outer.size() && inner.startsWith(outer)) {
                    st.indentUnit = inner.sliced(outer.size()).toString();
                    haveUnit = true;
                }
            }
        } else if (nd.kind == Kind::Object && nd.end - nd.start < 2000
                   && !containsNewline(QStringView(m_text).sliced(nd.start, nd.end - nd.start))) {
            if (!havePadding) {
                st.padding = opening.toString();
                havePadding = true;
            }
            if (!haveSeparator && nd.childCount >= 2) {
                const Node &second = node(child(n, 1));
                st.separator = QStringView(m_text).sliced(first.comma + 1, second.memberStart() - first.comma - 1).toString();
                haveSeparator = true;
            }
        }
    }
    if (!st.multiLine && !haveColon)
        st.colon = u":"_s;
    const QString spacing = st.colon.endsWith(u' ') ? u" "_s : QString();
    if (!haveSeparator)
        st.separator = havePadding ? st.padding : spacing;
    if (!havePadding)
        st.padding = spacing;
    m_style = st;
    return *m_style;
}

Document::Layout Document::layout(int container) const
{
    const Node &c = node(container);
    const Style &st = style();
    Layout l;
    l.colon = st.colon;
    l.separator = st.separator;
    l.padding = c.kind == Kind::Object ? st.padding : QString();
    l.closingIndent = lineIndent(c.start).toString();
    if (c.childCount > 0) {
        const Node &first = node(child(container, 0));
        const QStringView opening = QStringView(m_text).sliced(c.start + 1, first.memberStart() - c.start - 1);
        l.multiLine = containsNewline(opening);
        if (first.isMember()) {
            const QStringView between = QStringView(m_text).sliced(first.keyEnd, first.start - first.keyEnd);
            if (!containsNewline(between))
                l.colon = between.toString();
        }
        if (l.multiLine) {
            l.memberIndent = startsLine(first.memberStart()) ? lineIndent(first.memberStart()).toString()
                                                             : l.closingIndent + st.indentUnit;
        } else {
            l.padding = opening.toString();
            if (c.childCount >= 2) {
                const Node &second = node(child(container, 1));
                const QStringView sep = QStringView(m_text).sliced(first.comma + 1, second.memberStart() - first.comma - 1);
                if (!containsNewline(sep))
                    l.separator = sep.toString();
            }
        }
        // Do the members write their objects on one line? As most of them do.
        if (!l.multiLine) {
            l.oneLineValues = true;
        } else {
            int oneLine = 0;
            int broken = 0;
            for (int r = 0; r < c.childCount && r < 50; ++r) {
                const int m = child(container, r);
                if (node(m).kind == Kind::Object && node(m).childCount > 0)
                    ++(containsNewline(valueText(m)) ? broken : oneLine);
            }
            if (oneLine || broken)
                l.oneLineValues = oneLine >= broken;
        }
    } else {
        const QStringView interior = QStringView(m_text).sliced(c.start + 1, c.end - c.start - 2);
        if (containsNewline(interior)) {
            l.multiLine = true;
        } else if (c.kind == Kind::Array) {
            l.multiLine = false;
        } else if (c.parent < 0) {
            l.multiLine = st.multiLine;
        } else {
            const Node &p = node(c.parent);
            const Node &first = node(child(c.parent, 0));
            l.multiLine = containsNewline(QStringView(m_text).sliced(p.start + 1, first.memberStart() - p.start - 1));
        }
        l.memberIndent = l.closingIndent + st.indentUnit;
        if (!l.multiLine)
            l.oneLineValues = true;
    }
    return l;
}

QString Document::formatMember(const QJsonValue &value, const QString &indent, const Layout &l, int used) const
{
    if (l.oneLineValues)
        return formatIn(value, indent, *l.oneLineValues, used);
    // No example to follow: small values on one line.
    constexpr int kSmall = 60;
    const QString line = formatIn(value, indent, true, used);
    if (line.size() <= kSmall && !line.contains(u'\n'))
        return line;
    return formatIn(value, indent, false, used);
}

QString Document::format(const QJsonValue &value, const QString &indent, bool oneLine, int used) const
{
    return formatIn(value, indent, oneLine, used < 0 ? int(indent.size()) : used);
}

QString Document::formatIn(const QJsonValue &value, const QString &indent, bool oneLine, int used) const
{
    const Style &st = style();
    // The longest line a one-line object or array may make.
    constexpr int kLineLimit = 120;
    const QString inner = indent + st.indentUnit;
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        if (a.isEmpty())
            return u"[]"_s;
        bool scalars = true;
        for (const QJsonValue &v : a)
            scalars = scalars && !v.isArray() && !v.isObject();
        QString line = u"["_s;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                line += u',' + st.separator;
            line += formatIn(a.at(i), indent, true, 0);
        }
        line += u']';
        if (!st.multiLine || ((scalars || oneLine) && used + line.size() <= kLineLimit && !line.contains(u'\n')))
            return line;
        QString out = u"["_s;
        for (qsizetype i = 0; i < a.size(); ++i) {
            out += (i ? u","_s : QString()) + st.newline + inner
                + formatIn(a.at(i), inner, true, int(inner.size()));
        }
        return out + st.newline + indent + u']';
    }
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        if (o.isEmpty())
            return u"{}"_s;
        QString line = u'{' + st.padding;
        bool firstMember = true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!firstMember)
                line += u',' + st.separator;
            firstMember = false;
            line += quote(it.key()) + st.colon + formatIn(it.value(), indent, true, 0);
        }
        line += st.padding + u'}';
        if (!st.multiLine || (oneLine && used + line.size() <= kLineLimit && !line.contains(u'\n')))
            return line;
        QString out = u"{"_s;
        firstMember = true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString key = quote(it.key()) + st.colon;
            out += (firstMember ? QString() : u","_s) + st.newline + inner + key
                + formatIn(it.value(), inner, true, int(inner.size() + key.size()));
            firstMember = false;
        }
        return out + st.newline + indent + u'}';
    }
    return compact(value);
}

QString Document::reindent(QStringView text, QStringView from, const QString &to) const
{
    if (from == to || !text.contains(u'\n'))
        return text.toString();
    QString out;
    out.reserve(text.size() + 64);
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype nl = text.indexOf(u'\n', i);
        if (nl < 0) {
            out += text.sliced(i);
            break;
        }
        out += text.sliced(i, nl + 1 - i);
        i = nl + 1;
        if (text.sliced(i).startsWith(from)) {
            out += to;
            i += from.size();
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Edits

Replacement Document::trimmed(int position, int removedLength, const QString &insertedText) const
{
    const QStringView old = QStringView(m_text).sliced(position, removedLength);
    const qsizetype common = std::min(old.size(), insertedText.size());
    qsizetype prefix = 0;
    while (prefix < common && old[prefix] == insertedText[prefix])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < common - prefix && old[old.size() - 1 - suffix] == insertedText[insertedText.size() - 1 - suffix])
        ++suffix;
    return Replacement { position + int(prefix), removedLength - int(prefix + suffix),
                         insertedText.mid(prefix, insertedText.size() - prefix - suffix) };
}

Result<Edit> Document::replaceValue(int n, const QJsonValue &value) const
{
    if (n < 0 || n >= nodeCount())
        return editError("json_not_found", tr("There is no such value in the document."));
    const Node &nd = node(n);
    const bool oneLine = !containsNewline(valueText(n)) || (nd.parent >= 0 && layout(nd.parent).oneLineValues == true);
    int lineStart = nd.start;
    while (lineStart > 0 && m_text.at(lineStart - 1) != u'\n')
        --lineStart;
    const QString text = format(value, lineIndent(nd.memberStart()).toString(), oneLine, nd.start - lineStart);
    const Replacement r = trimmed(nd.start, nd.end - nd.start, text);
    if (r.removedLength == 0 && r.insertedText.isEmpty())
        return Edit {};
    return Edit { r };
}

Edit Document::insertText(int container, int index, const QString &itemText, const Layout &l) const
{
    const Node &c = node(container);
    const QString &nl = style().newline;
    if (c.childCount == 0) {
        const QString interior = l.multiLine ? QString(nl + l.memberIndent + itemText + nl + l.closingIndent)
                                             : QString(l.padding + itemText + l.padding);
        return { trimmed(c.start + 1, c.end - c.start - 2, interior) };
    }
    const QString separator = l.multiLine ? QString(u',' + nl + l.memberIndent) : QString(u',' + l.separator);
    if (index < 0 || index >= c.childCount) {
        const Node &last = node(child(container, c.childCount - 1));
        return { Replacement { last.end, 0, separator + itemText } };
    }
    const Node &before = node(child(container, index));
    return { Replacement { before.memberStart(), 0, itemText + separator } };
}

Result<Edit> Document::insertMember(int object, int index, const QString &key, const QJsonValue &value) const
{
    if (object < 0 || object >= nodeCount() || node(object).kind != Kind::Object)
        return editError("json_not_object", tr("Members can only be added to an object."));
    if (member(object, key) >= 0)
        return editError("json_duplicate_key", tr("The object already has a member called “%1”.").arg(key));
    const Layout l = layout(object);
    const QString indent = l.multiLine ? l.memberIndent : lineIndent(node(object).start).toString();
    const QString prefix = quote(key) + l.colon;
    const QString text = prefix + formatMember(value, indent, l, int(indent.size() + prefix.size()));
    return insertText(object, index, text, l);
}

Result<Edit> Document::insertItem(int array, int index, const QJsonValue &value) const
{
    if (array < 0 || array >= nodeCount() || node(array).kind != Kind::Array)
        return editError("json_not_array", tr("Items can only be added to an array."));
    const Layout l = layout(array);
    const QString indent = l.multiLine ? l.memberIndent : lineIndent(node(array).start).toString();
    return insertText(array, index, formatMember(value, indent, l, int(indent.size())), l);
}

Replacement Document::removal(int n) const
{
    const Node &nd = node(n);
    const Node &p = node(nd.parent);
    if (p.childCount == 1)
        return Replacement { p.start + 1, p.end - p.start - 2, QString() };
    if (nd.row < p.childCount - 1) {
        const Node &next = node(child(nd.parent, nd.row + 1));
        return Replacement { nd.memberStart(), next.memberStart() - nd.memberStart(), QString() };
    }
    const Node &previous = node(child(nd.parent, nd.row - 1));
    return Replacement { previous.end, nd.end - previous.end, QString() };
}

Result<Edit> Document::remove(int n) const
{
    if (n < 0 || n >= nodeCount())
        return editError("json_not_found", tr("There is no such value in the document."));
    if (node(n).parent < 0)
        return editError("json_root", tr("The document's root value cannot be removed."));
    return Edit { removal(n) };
}

Result<Edit> Document::renameMember(int n, const QString &newKey) const
{
    if (n < 0 || n >= nodeCount() || !node(n).isMember())
        return editError("json_not_member", tr("Only object members have names."));
    const Node &nd = node(n);
    const int other = member(nd.parent, newKey);
    if (other >= 0 && other != n)
        return editError("json_duplicate_key", tr("The object already has a member called “%1”.").arg(newKey));
    const Replacement r = trimmed(nd.keyStart, nd.keyEnd - nd.keyStart, quote(newKey));
    if (r.removedLength == 0 && r.insertedText.isEmpty())
        return Edit {};
    return Edit { r };
}

Result<Edit> Document::moveMember(int n, int toObject, int index) const
{
    if (n < 0 || n >= nodeCount() || !node(n).isMember())
        return editError("json_not_member", tr("Only object members can be moved between objects."));
    if (toObject < 0 || toObject >= nodeCount() || node(toObject).kind != Kind::Object)
        return editError("json_not_object", tr("Members can only be moved into an object."));
    if (isDescendant(toObject, n))
        return editError("json_invalid_move", tr("A member cannot be moved into itself."));
    const Node &nd = node(n);
    const Node &target = node(toObject);
    if (nd.parent == toObject) {
        const int others = target.childCount - 1;
        if (index < 0 || index > others)
            index = others;
        if (index == nd.row)
            return Edit {};
        // Insert in front of the member that will follow it (numbered without n), or after the last.
        const Layout l = layout(toObject);
        const QString text = memberText(n).toString();
        const QString &nl = style().newline;
        const QString separator = l.multiLine ? QString(u',' + nl + l.memberIndent) : QString(u',' + l.separator);
        Replacement insertion;
        if (index == others) {
            insertion = Replacement { node(child(toObject, target.childCount - 1)).end, 0, separator + text };
        } else {
            const int followingRow = index < nd.row ? index : index + 1;
            insertion = Replacement { node(child(toObject, followingRow)).memberStart(), 0, text + separator };
        }
        return combine({ removal(n) }, { insertion });
    }
    const QString key = this->key(n);
    if (member(toObject, key) >= 0)
        return editError("json_duplicate_key", tr("The object already has a member called “%1”.").arg(key));
    const Layout l = layout(toObject);
    const QString newIndent = l.multiLine ? l.memberIndent : lineIndent(target.start).toString();
    const QString text = reindent(memberText(n), lineIndent(nd.memberStart()), newIndent);
    return combine({ removal(n) }, insertText(toObject, index, text, l));
}

Result<Edit> Document::moveItem(int n, int index) const
{
    if (n < 0 || n >= nodeCount() || node(n).parent < 0 || node(node(n).parent).kind != Kind::Array)
        return editError("json_not_item", tr("Only array items can be reordered."));
    const Node &nd = node(n);
    const Node &array = node(nd.parent);
    const int others = array.childCount - 1;
    if (index < 0 || index > others)
        index = others;
    if (index == nd.row)
        return Edit {};
    const Layout l = layout(nd.parent);
    const QString text = valueText(n).toString();
    const QString separator = l.multiLine ? QString(u',' + style().newline + l.memberIndent)
                                          : QString(u',' + l.separator);
    Replacement insertion;
    if (index == others) {
        insertion = Replacement { node(child(nd.parent, array.childCount - 1)).end, 0, separator + text };
    } else {
        const int followingRow = index < nd.row ? index : index + 1;
        insertion = Replacement { node(child(nd.parent, followingRow)).start, 0, text + separator };
    }
    return combine({ removal(n) }, { insertion });
}

// ---------------------------------------------------------------------------------------------
// Helpers

QString apply(const QString &text, const Edit &edit)
{
    QString out = text;
    for (auto it = edit.crbegin(); it != edit.crend(); ++it)
        out.replace(it->position, it->removedLength, it->insertedText);
    return out;
}

Edit inverse(const QString &text, const Edit &edit)
{
    Edit out;
    out.reserve(edit.size());
    int delta = 0;
    for (const Replacement &r : edit) {
        out.append(Replacement { r.position + delta, int(r.insertedText.size()), text.mid(r.position, r.removedLength) });
        delta += int(r.insertedText.size()) - r.removedLength;
    }
    return out;
}

Result<Edit> combine(const Edit &a, const Edit &b)
{
    Edit all = a + b;
    std::stable_sort(all.begin(), all.end(), [](const Replacement &x, const Replacement &y) {
        if (x.position != y.position)
            return x.position < y.position;
        return x.removedLength == 0 && y.removedLength != 0;
    });
    for (qsizetype i = 1; i < all.size(); ++i) {
        const Replacement &x = all.at(i - 1);
        const Replacement &y = all.at(i);
        if (x.position + x.removedLength > y.position
            || (x.position == y.position && x.removedLength == 0 && y.removedLength == 0))
            return editError("json_overlap", tr("Two changes touch the same part of the text."));
    }
    return all;
}

QString quote(QStringView string)
{
    QString out;
    out.reserve(string.size() + 2);
    out += u'"';
    for (const QChar c : string) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"': out += u"\\\""; break;
        case u'\\': out += u"\\\\"; break;
        case u'\b': out += u"\\b"; break;
        case u'\f': out += u"\\f"; break;
        case u'\n': out += u"\\n"; break;
        case u'\r': out += u"\\r"; break;
        case u'\t': out += u"\\t"; break;
        default:
            // U+2028/2029 too: text editors take them for line breaks.
            if (u < 0x20 || u == 0x2028 || u == 0x2029)
                out += u"\\u"_s + QString::number(u, 16).rightJustified(4, u'0');
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

QString compact(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const QVariant v = value.toVariant();
        if (v.typeId() == QMetaType::LongLong)
            return QString::number(v.toLongLong());
        const double d = value.toDouble();
        if (!std::isfinite(d))
            return u"null"_s;
        if (d == std::floor(d) && std::abs(d) < 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String:
        return quote(value.toString());
    case QJsonValue::Array: {
        QString out = u"["_s;
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            out += (i ? u","_s : QString()) + compact(a.at(i));
        return out + u']';
    }
    case QJsonValue::Object: {
        QString out = u"{"_s;
        const QJsonObject o = value.toObject();
        bool first = true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            out += (first ? QString() : u","_s) + quote(it.key()) + u':' + compact(it.value());
            first = false;
        }
        return out + u'}';
    }
    }
    return u"null"_s;
}

QString escapePointerToken(QStringView token)
{
    QString t = token.toString();
    t.replace(u"~"_s, u"~0"_s);
    t.replace(u"/"_s, u"~1"_s);
    return t;
}

std::optional<QStringList> splitPointer(QStringView pointer)
{
    QString decoded;
    if (pointer.startsWith(u'#')) {
        decoded = QUrl::fromPercentEncoding(pointer.sliced(1).toUtf8());
        pointer = decoded;
    }
    if (pointer.isEmpty())
        return QStringList {};
    if (!pointer.startsWith(u'/'))
        return std::nullopt;
    QStringList tokens;
    for (const QStringView t : pointer.sliced(1).split(u'/'))
        tokens.append(unescapeToken(t));
    return tokens;
}

QString joinPointer(const QStringList &tokens)
{
    QString out;
    for (const QString &t : tokens)
        out += u'/' + escapePointerToken(t);
    return out;
}

QString childPointer(QStringView pointer, QStringView token)
{
    return pointer.toString() + u'/' + escapePointerToken(token);
}

QString parentPointer(QStringView pointer)
{
    const qsizetype slash = pointer.lastIndexOf(u'/');
    return slash <= 0 ? QString() : pointer.first(slash).toString();
}

QString lastToken(QStringView pointer)
{
    const qsizetype slash = pointer.lastIndexOf(u'/');
    return slash < 0 ? QString() : unescapeToken(pointer.sliced(slash + 1));
}

} // namespace Galley::JsonText
