#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Galley {

// How Galley writes dates, counts and field values for people, in the current
// locale and language. Only presentation: nothing here decides anything.
class DisplayFormat
{
    Q_DECLARE_TR_FUNCTIONS(Galley::DisplayFormat)
public:
    // "12 Nov 2026 14:03" (local time); empty for an invalid date.
    static QString dateTime(const QDateTime &at);
    // "12 Nov 2026"
    static QString date(const QDateTime &at);
    // "3 min 12 s", "850 ms"
    static QString duration(qint64 milliseconds);
    // "1,234"
    static QString number(qint64 n);

    // A field's name as a label: the schema's "title" when it has one, else the
    // key in sentence case ("heroImage" and "hero_image" become "Hero image").
    static QString fieldLabel(const QString &key, const QJsonObject &propertySchema = {});

    // A field's value as readable plain text: HTML reduced to its text, lists
    // joined, objects as "name: value" lines, long text cut to maxChars.
    static QString fieldValue(const QJsonValue &value, const QJsonObject &propertySchema = {},
                              int maxChars = 600);

    // Markup made safe to show: paragraphs, headings in bold and list items with
    // bullets, every text escaped, no links, images or styles of its own, cut after
    // about maxChars characters of text.
    static QString safeRichExcerpt(const QString &html, int maxChars = 700);

    // Rich text to plain text (tags dropped, entities decoded, whitespace tidied).
    static QString plainTextFromHtml(const QString &html);
    static bool looksLikeHtml(const QString &text);
    static QString elide(const QString &text, int maxChars);
};

} // namespace Galley
