#include "displayformat.h"

#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextList>

#include <algorithm>
#include <cmath>

namespace Galley {

using namespace Qt::StringLiterals;

QString DisplayFormat::dateTime(const QDateTime &at)
{
    if (!at.isValid())
        return {};
    //: Date and time format (QDateTime::toString syntax), e.g. "12 Nov 2026 14:03"
    return QLocale().toString(at.toLocalTime(), tr("d MMM yyyy HH:mm"));
}

QString DisplayFormat::date(const QDateTime &at)
{
    if (!at.isValid())
        return {};
    //: Date format (QDateTime::toString syntax), e.g. "12 Nov 2026"
    return QLocale().toString(at.toLocalTime(), tr("d MMM yyyy"));
}

QString DisplayFormat::duration(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString DisplayFormat::number(qint64 n)
{
    return QLocale().toString(n);
}

QString DisplayFormat::fieldLabel(const QString &key, const QJsonObject &propertySchema)
{
    const QString title = propertySchema.value(u"title").toString().trimmed();
    if (!title.isEmpty())
        return title;
    QString words;
    words.reserve(key.size() + 4);
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        if (c == u'_' || c == u'-') {
            words += u' ';
            continue;
        }
        if (c.isUpper() && i > 0 && key.at(i - 1).isLower())
            words += u' ';
        words += c.toLower();
    }
    words = words.simplified();
    if (!words.isEmpty())
        words[0] = words.at(0).toUpper();
    // Common abbreviations read better in capitals.
    static const QRegularExpression abbreviations(QStringLiteral("\\b(url|seo|id|isbn|faq|pdf|sku|cta|ebitda|eps|kpi|ceo|cfo)\\b"),
                                                  QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatchIterator it = abbreviations.globalMatch(words);
    while (it.hasNext()) {
        const auto m = it.next();
        words.replace(m.capturedStart(), m.capturedLength(), m.captured().toUpper());
    }
    return words;
}

bool DisplayFormat::looksLikeHtml(const QString &text)
{
    static const QRegularExpression tag(QStringLiteral("<(/?[a-zA-Z][a-zA-Z0-9]*)(\\s[^>]*)?/?>"));
    return text.contains(u'<') && tag.match(text).hasMatch();
}

QString DisplayFormat::plainTextFromHtml(const QString &html)
{
    // QTextDocumentFragment parses without fetching anything (no images, no network)
    // and never runs script: a safe way to read markup as text.
    QString text = QTextDocumentFragment::fromHtml(html).toPlainText();
    text.replace(QChar::Nbsp, u' ');
    text.replace(QChar::ObjectReplacementCharacter, QString());
    static const QRegularExpression blankLines(QStringLiteral("\\n\\s*\\n+"));
    text.replace(blankLines, QStringLiteral("\n\n"));
    return text.trimmed();
}

QString DisplayFormat::safeRichExcerpt(const QString &html, int maxChars)
{
    // Parse into a document of our own and write back only the text and its
    // structure: whatever the markup carried beyond that stays behind.
    QTextDocument doc;
    QTextCursor(&doc).insertFragment(QTextDocumentFragment::fromHtml(html));
    QString out;
    int used = 0;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        QString text = block.text();
        text.remove(QChar::ObjectReplacementCharacter);
        text.replace(QChar::Nbsp, u' ');
        text = text.simplified();
        if (text.isEmpty())
            continue;
        const bool last = used + text.size() > maxChars;
        if (last)
            text = elide(text, std::max(40, maxChars - used));
        used += int(text.size());
        QString escaped = text.toHtmlEscaped();
        if (block.blockFormat().headingLevel() > 0)
            escaped = u"<b>"_s + escaped + u"</b>"_s;
        if (block.textList())
            escaped = u"•&nbsp;"_s + escaped;
        out += u"<p style=\"margin-top:0; margin-bottom:6px\">"_s + escaped + u"</p>"_s;
        if (last)
            break;
    }
    return out;
}

QString DisplayFormat::elide(const QString &text, int maxChars)
{
    if (maxChars <= 0 || text.size() <= maxChars)
        return text;
    qsizetype cut = text.lastIndexOf(u' ', maxChars);
    if (cut < maxChars * 2 / 3)
        cut = maxChars;
    return text.left(cut).trimmed() + u'…';
}

namespace {

QString scalarText(const QJsonValue &value, const QJsonObject &schema)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? DisplayFormat::tr("Yes") : DisplayFormat::tr("No");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // Four-digit numbers (years, model numbers) read better without a group separator.
        QLocale locale;
        if (std::abs(d) < 10000)
            locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
        if (d == double(qint64(d)))
            return locale.toString(qint64(d));
        return locale.toString(d, 'g', 12);
    }
    case QJsonValue::String: {
        const QString s = value.toString();
        const QString format = schema.value(u"format").toString();
        if (format == u"date-time") {
            const QDateTime at = QDateTime::fromString(s, Qt::ISODateWithMs);
            if (at.isValid())
                return DisplayFormat::dateTime(at);
        } else if (format == u"date") {
            const QDate d = QDate::fromString(s, Qt::ISODate);
            if (d.isValid())
                return DisplayFormat::date(QDateTime(d, QTime(12, 0)));
        }
        if (DisplayFormat::looksLikeHtml(s))
            return DisplayFormat::plainTextFromHtml(s);
        return s;
    }
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return {};
}

} // namespace

QString DisplayFormat::fieldValue(const QJsonValue &value, const QJsonObject &schema, int maxChars)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return {};
        const QJsonObject itemSchema = schema.value(u"items").toObject();
        bool scalars = true;
        for (const QJsonValue &v : array) {
            if (v.isArray() || v.isObject()) {
                scalars = false;
                break;
            }
        }
        QStringList parts;
        constexpr int maxItems = 8;
        for (qsizetype i = 0; i < array.size() && i < maxItems; ++i) {
            const QString text = fieldValue(array.at(i), itemSchema, scalars ? maxChars : maxChars / 2);
            if (!text.isEmpty())
                parts << (scalars ? text : u"• "_s + QString(text).replace(u'\n', u"\n   "_s));
        }
        QString joined = parts.join(scalars ? u", "_s : u"\n"_s);
        if (array.size() > maxItems)
            joined += (scalars ? u", "_s : u"\n"_s) + tr("and %1 more").arg(array.size() - maxItems);
        return scalars ? elide(joined, maxChars) : joined;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value(u"properties").toObject();
        QStringList lines;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QJsonObject propertySchema = properties.value(it.key()).toObject();
            const QString text = fieldValue(it.value(), propertySchema, maxChars / 2);
            if (text.isEmpty())
                continue;
            lines << fieldLabel(it.key(), propertySchema) + u": " + QString(text).replace(u'\n', u' ');
        }
        return lines.join(u'\n');
    }
    return elide(scalarText(value, schema), maxChars);
}

} // namespace Galley
