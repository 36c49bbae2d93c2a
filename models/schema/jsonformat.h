#pragma once

#include <QString>
#include <QStringView>

// Re-layout of JSON text, pretty-printed or minified. Only the whitespace between
// tokens changes: every token stays as written (key order, duplicate keys, the spelling
// of numbers, string escapes), so formatting never changes what the document means.
// Pretty: objects one member per line; arrays of scalars on one line when short
// (`"required": ["title", "revenue"]`), else one item per line.
// The text is checked strictly (RFC 8259) on the way; text that is not JSON is not
// formatted (see Options::partial).
namespace Galley::JsonFormat {

enum class Style : quint8 { Pretty, Minified };

struct Options
{
    Style style = Style::Pretty;
    int indent = 2;              // spaces per level (Pretty)
    bool finalNewline = true;    // Pretty: end with a line break
    // Text that is not JSON: format the part before the error and keep the rest as it
    // was (for showing a huge one-line file), instead of giving no text at all.
    bool partial = false;
    // A position in the input to carry over (a cursor); see Output::mappedOffset.
    qsizetype offset = -1;
};

struct Output
{
    QString text;                 // empty when the input is not JSON and !partial
    bool ok = false;              // the input was JSON
    qsizetype errorOffset = -1;   // where the input stops being JSON
    QString errorMessage;         // translated: "Expected ',' or '}'"
    qsizetype mappedOffset = -1;  // where Options::offset ended up (same token, same character)
};

Output reformat(QStringView text, const Options &options);

inline Output pretty(QStringView text, int indent = 2)
{
    Options options;
    options.indent = indent;
    return reformat(text, options);
}

inline Output minified(QStringView text)
{
    Options options;
    options.style = Style::Minified;
    return reformat(text, options);
}

// The length of the longest line, in UTF-16 units ("\n" ends a line; "\r" counts).
qsizetype longestLine(QStringView text);

struct LineColumn
{
    int line = 1;    // 1-based
    int column = 1;  // 1-based, in UTF-16 units
};
LineColumn lineColumn(QStringView text, qsizetype offset);

} // namespace Galley::JsonFormat
