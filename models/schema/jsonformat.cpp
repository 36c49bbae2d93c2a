#include "jsonformat.h"

#include <QCoreApplication>
#include <QVarLengthArray>

#include <vector>

namespace Galley::JsonFormat {

namespace {

// Arrays of scalars at most this wide (brackets included) stay on one line.
constexpr qsizetype CompactArrayWidth = 72;

bool isSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

bool isHex(char16_t c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

QString message(const char *text)
{
    return QCoreApplication::translate("Galley::JsonFormat", text);
}

// One pass over the text: checks it token by token and writes each token with the
// whitespace the style wants in front of it.
class Formatter
{
public:
    Formatter(QStringView in, const Options &options)
        : m_in(in)
        , m_options(options)
        , m_pretty(options.style == Style::Pretty)
    {
        m_out.reserve(m_pretty ? in.size() + in.size() / 2 : in.size());
    }

    Output run()
    {
        Output result;
        if (!parse()) {
            result.errorOffset = m_errorOffset;
            result.errorMessage = m_errorMessage;
            if (m_options.partial) {
                // The valid part formatted, the rest as it was from the end of the last good token.
                m_out.append(m_in.mid(m_consumed));
                result.text = std::move(m_out);
                if (m_options.offset >= 0)
                    result.mappedOffset = m_mapped >= 0 ? m_mapped
                                                        : m_outConsumed + (m_options.offset - m_consumed);
            }
            return result;
        }
        if (m_pretty && m_options.finalNewline)
            m_out.append(u'\n');
        result.ok = true;
        if (m_options.offset >= 0)
            result.mappedOffset = m_mapped >= 0 ? m_mapped : m_out.size();
        result.text = std::move(m_out);
        return result;
    }

private:
    enum class Expect : quint8 { Value, ValueOrClose, KeyOrClose, Key, Colon, CommaOrClose, End };

    bool fail(qsizetype at, const char *text)
    {
        m_errorOffset = at;
        m_errorMessage = message(text);
        return false;
    }

    void newline()
    {
        if (!m_pretty)
            return;
        m_out.append(u'\n');
        const qsizetype n = qsizetype(m_stack.size()) * m_options.indent;
        while (m_spaces.size() < n)
            m_spaces.append(QString(64, u' '));
        m_out.append(QStringView(m_spaces).left(n));
    }

    // Writes in[start, end), a checked token, after the whitespace in front of it.
    void write(qsizetype start, qsizetype end)
    {
        if (m_mapped < 0 && m_options.offset >= 0 && m_options.offset < end)
            m_mapped = m_out.size() + qMax<qsizetype>(0, m_options.offset - start);
        m_out.append(m_in.sliced(start, end - start));
        m_consumed = end;
        m_outConsumed = m_out.size();
    }

    // The end of the string token starting at i (a quote), or -1 with the error set.
    qsizetype scanString(qsizetype i)
    {
        const qsizetype n = m_in.size();
        qsizetype j = i + 1;
        while (j < n) {
            const char16_t c = m_in[j].unicode();
            if (c == u'"')
                return j + 1;
            if (c == u'\\') {
                if (j + 1 >= n)
                    break;
                const char16_t e = m_in[j + 1].unicode();
                if (e == u'u') {
                    for (int k = 2; k < 6; ++k) {
                        if (j + k >= n || !isHex(m_in[j + k].unicode())) {
                            fail(j,
                                 QT_TRANSLATE_NOOP("Galley::JsonFormat", "Invalid \\u escape in a string"));
                            return -1;
                        }
                    }
                    j += 6;
                    continue;
                }
                if (e != u'"' && e != u'\\' && e != u'/' && e != u'b' && e != u'f' && e != u'n' && e != u'r'
                    && e != u't') {
                    fail(j, QT_TRANSLATE_NOOP("Galley::JsonFormat", "Invalid escape in a string"));
                    return -1;
                }
                j += 2;
                continue;
            }
            if (c < 0x20) {
                fail(j,
                     c == u'\n'
                         ? QT_TRANSLATE_NOOP("Galley::JsonFormat", "A string must end on the line it starts")
                         : QT_TRANSLATE_NOOP("Galley::JsonFormat", "Control character in a string"));
                return -1;
            }
            ++j;
        }
        fail(i, QT_TRANSLATE_NOOP("Galley::JsonFormat", "Unterminated string"));
        return -1;
    }

    qsizetype scanNumber(qsizetype i)
    {
        const qsizetype n = m_in.size();
        qsizetype j = i;
        if (j < n && m_in[j] == u'-')
            ++j;
        if (j >= n || !isDigit(m_in[j].unicode())) {
            fail(i, QT_TRANSLATE_NOOP("Galley::JsonFormat", "Invalid number"));
            return -1;
        }
        if (m_in[j] == u'0') {
            ++j;
        } else {
            while (j < n && isDigit(m_in[j].unicode()))
                ++j;
        }
        if (j < n && m_in[j] == u'.') {
            ++j;
            if (j >= n || !isDigit(m_in[j].unicode())) {
                fail(i, QT_TRANSLATE_NOOP("Galley::JsonFormat", "Invalid number"));
                return -1;
            }
            while (j < n && isDigit(m_in[j].unicode()))
                ++j;
        }
        if (j < n && (m_in[j] == u'e' || m_in[j] == u'E')) {
            ++j;
            if (j < n && (m_in[j] == u'+' || m_in[j] == u'-'))
                ++j;
            if (j >= n || !isDigit(m_in[j].unicode())) {
                fail(i, QT_TRANSLATE_NOOP("Galley::JsonFormat", "Invalid number"));
                return -1;
            }
            while (j < n && isDigit(m_in[j].unicode()))
                ++j;
        }
        return j;
    }

    qsizetype scanLiteral(qsizetype i)
    {
        for (QStringView word : { u"true", u"false", u"null" }) {
            if (m_in.sliced(i).startsWith(word))
                return i + word.size();
        }
        fail(i, QT_TRANSLATE_NOOP("Galley::JsonFormat", "Expected a value"));
        return -1;
    }

    // Pretty: a short array of scalars at i goes on one line ("required": ["a", "b"]),
    // as schemas are usually written. False (and nothing written) when it is not one.
    bool compactArray(qsizetype i, Expect &expect)
    {
        const qsizetype n = m_in.size();
        QVarLengthArray<QPair<qsizetype, qsizetype>, 8> items;
        qsizetype width = 2;
        qsizetype j = i + 1;
        const auto skip = [&] {
            while (j < n && isSpace(m_in[j].unicode()))
                ++j;
        };
        while (true) {
            skip();
            if (j >= n)
                return false;
            const char16_t c = m_in[j].unicode();
            qsizetype end = -1;
            if (c == u'"')
                end = scanString(j);
            else if (c == u'-' || isDigit(c))
                end = scanNumber(j);
            else if (c == u't' || c == u'f' || c == u'n')
                end = scanLiteral(j);
            if (end < 0) {
                // Not a scalar, or not valid: the normal path reads it (and reports the error).
                m_errorOffset = -1;
                m_errorMessage.clear();
                return false;
            }
            width += end - j + 2;
            if (width > CompactArrayWidth)
                return false;
            items.append({ j, end });
            j = end;
            skip();
            if (j < n && m_in[j] == u',') {
                ++j;
                continue;
            }
            if (j < n && m_in[j] == u']')
                break;
            return false;
        }
        write(i, i + 1);
        for (qsizetype k = 0; k < items.size(); ++k) {
            if (k > 0) {
                m_out.append(u", ");
                m_outConsumed = m_out.size();
            }
            write(items[k].first, items[k].second);
        }
        write(j, j + 1);
        afterValue(expect);
        return true;
    }

    // A scalar or an opening bracket at i, in a place where a value belongs.
    bool value(qsizetype i, Expect &expect)
    {
        const char16_t c = m_in[i].unicode();
        if (c == u'[' && m_pretty && compactArray(i, expect))
            return true;
        if (c == u'{' || c == u'[') {
            write(i, i + 1);
            m_stack.push_back(c);
            expect = c == u'{' ? Expect::KeyOrClose : Expect::ValueOrClose;
            return true;
        }
        qsizetype end = -1;
        if (c == u'"')
            end = scanString(i);
        else if (c == u'-' || isDigit(c))
            end = scanNumber(i);
        else if (c == u't' || c == u'f' || c == u'n')
            end = scanLiteral(i);
        else
            return fail(i, QT_TRANSLATE_NOOP("Galley::JsonFormat", "Expected a value"));
        if (end < 0)
            return false;
        write(i, end);
        afterValue(expect);
        return true;
    }

    void afterValue(Expect &expect)
    {
        expect = m_stack.empty() ? Expect::End : Expect::CommaOrClose;
    }

    void close(qsizetype i, Expect &expect)
    {
        m_stack.pop_back();
        newline();
        write(i, i + 1);
        afterValue(expect);
    }

    bool parse()
    {
        const qsizetype n = m_in.size();
        if (n > 0 && m_in[0] == QChar(0xfeff)) // a byte order mark stays where it is
            write(0, 1);
        qsizetype i = m_consumed;
        Expect expect = Expect::Value;
        while (true) {
            while (i < n && isSpace(m_in[i].unicode()))
                ++i;
            if (i >= n) {
                if (expect == Expect::End)
                    return true;
                return fail(n, m_stack.empty() && expect == Expect::Value
                                   ? QT_TRANSLATE_NOOP("Galley::JsonFormat", "The text is empty")
                                   : QT_TRANSLATE_NOOP("Galley::JsonFormat", "Unexpected end of the text"));
            }
            const char16_t c = m_in[i].unicode();
            switch (expect) {
            case Expect::Value:
                if (!value(i, expect))
                    return false;
                break;
            case Expect::ValueOrClose:
                if (c == u']') {
                    m_stack.pop_back();
                    write(i, i + 1);
                    afterValue(expect);
                    break;
                }
                newline();
                if (!value(i, expect))
                    return false;
                break;
            case Expect::KeyOrClose:
            case Expect::Key: {
                if (c == u'}' && expect == Expect::KeyOrClose) {
                    m_stack.pop_back();
                    write(i, i + 1);
                    afterValue(expect);
                    break;
                }
                if (c != u'"')
                    return fail(
                        i,
                        expect == Expect::KeyOrClose
                            ? QT_TRANSLATE_NOOP("Galley::JsonFormat", "Expected a member name or '}'")
                            : QT_TRANSLATE_NOOP("Galley::JsonFormat", "Expected a member name in quotes"));
                const qsizetype end = scanString(i);
                if (end < 0)
                    return false;
                if (expect == Expect::KeyOrClose)
                    newline();
                write(i, end);
                expect = Expect::Colon;
                break;
            }
            case Expect::Colon:
                if (c != u':')
                    return fail(
                        i, QT_TRANSLATE_NOOP("Galley::JsonFormat", "Expected ':' after the member name"));
                write(i, i + 1);
                if (m_pretty)
                    m_out.append(u' ');
                m_outConsumed = m_out.size();
                expect = Expect::Value;
                break;
            case Expect::CommaOrClose: {
                const char16_t top = m_stack.back();
                if (c == u',') {
                    write(i, i + 1);
                    if (top == u'{') {
                        newline();
                        expect = Expect::Key;
                    } else {
                        newline();
                        expect = Expect::Value;
                    }
                    break;
                }
                if ((c == u'}' && top == u'{') || (c == u']' && top == u'[')) {
                    close(i, expect);
                    break;
                }
                return fail(i, top == u'{' ? QT_TRANSLATE_NOOP("Galley::JsonFormat", "Expected ',' or '}'")
                                           : QT_TRANSLATE_NOOP("Galley::JsonFormat", "Expected ',' or ']'"));
            }
            case Expect::End:
                return fail(
                    i, QT_TRANSLATE_NOOP("Galley::JsonFormat", "Unexpected text after the end of the value"));
            }
            i = m_consumed; // every branch above wrote the token it read
        }
    }

    QStringView m_in;
    const Options &m_options;
    const bool m_pretty;
    QString m_out;
    QString m_spaces;
    std::vector<char16_t> m_stack;
    qsizetype m_consumed = 0;     // input up to here is written
    qsizetype m_outConsumed = 0;  // and it ends here in the output
    qsizetype m_mapped = -1;
    qsizetype m_errorOffset = -1;
    QString m_errorMessage;
};

} // namespace

Output reformat(QStringView text, const Options &options)
{
    return Formatter(text, options).run();
}

qsizetype longestLine(QStringView text)
{
    qsizetype longest = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        longest = qMax(longest, end - start);
        start = end + 1;
    }
    return longest;
}

LineColumn lineColumn(QStringView text, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, text.size());
    const QStringView before = text.first(offset);
    LineColumn lc;
    lc.line = int(before.count(u'\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf(u'\n') + 1;
    lc.column = int(offset - lineStart) + 1;
    return lc;
}

} // namespace Galley::JsonFormat
