#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Galley {

// One link found in an edition: the URL as written (entities decoded), the JSON pointer of the
// first rich-text field that cites it, and every field that does.
struct ExtractedLink
{
    QString url;
    QString pointer;
    QStringList pointers;

    friend bool operator==(const ExtractedLink &, const ExtractedLink &) = default;
};

// Finds the links a link check looks at: absolute http(s) URLs in an edition's rich-text fields.
// A rich-text field is a string whose schema says "contentMediaType": "text/html" (href and src
// attributes) or "text/markdown" ([text](url), ![alt](url), <url>, [id]: url and inline HTML),
// at any depth: nested objects, arrays (items, prefixItems, Draft 7 tuples), local $refs
// ("#/$defs/…", "#/definitions/…") and allOf/anyOf/oneOf branches. Pure: no network, no I/O.
class LinkExtractor
{
public:
    // Each distinct URL once, in the order the fields are walked (object members in the fields'
    // order, array items by index).
    static QList<ExtractedLink> extract(const QJsonObject &specDoc, const QJsonObject &fields);

    // The absolute http(s) URLs of one text, in order, repeats included.
    static QStringList urlsInHtml(QStringView html);
    static QStringList urlsInMarkdown(QStringView markdown);

    // Whether a URL is one a checker can contact: http or https with a host.
    static bool isCheckable(const QString &url);
};

} // namespace Galley
