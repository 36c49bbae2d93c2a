#pragma once

#include "domain/result.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>
#include <vector>

// A lossless concrete syntax tree of JSON text, and edits that rewrite as little of the
// text as possible. The schema designer works on it so that a change in the designer
// touches only the affected member: key order, unknown keywords and the user's
// formatting everywhere else stay byte for byte.
namespace Galley::JsonText {

enum class Kind : quint8 { Object, Array, String, Number, True, False, Null };

// Where and why the text is not JSON. line and column are 1-based; column counts
// UTF-16 units from the start of the line.
struct SyntaxError
{
    int offset = 0;
    int line = 0;
    int column = 0;
    QString message;
};

// One JSON value of the text. Offsets are UTF-16 positions in the parsed text.
struct Node
{
    int start = 0;       // the value: [start, end)
    int end = 0;
    int keyStart = -1;   // an object member's key token, quotes included: [keyStart, keyEnd)
    int keyEnd = -1;
    int colon = -1;      // an object member's colon
    int comma = -1;      // the comma after this member or item; -1 for the last one
    int parent = -1;     // node number; -1 for the root
    int firstChild = 0;  // into the document's table of children
    int childCount = 0;
    int row = 0;         // place among the parent's members or items
    Kind kind = Kind::Null;
    bool keyEscaped = false;   // the key has escape sequences
    bool valueEscaped = false; // a string value has escape sequences

    bool isMember() const { return keyStart >= 0; }
    // Where the member (key included) or array item begins.
    int memberStart() const { return keyStart >= 0 ? keyStart : start; }
    bool isContainer() const { return kind == Kind::Object || kind == Kind::Array; }
};

// Replace removedLength UTF-16 units at position by insertedText.
struct Replacement
{
    int position = 0;
    int removedLength = 0;
    QString insertedText;

    friend bool operator==(const Replacement &, const Replacement &) = default;
};

// Replacements against one text: ascending, not overlapping; a pure insertion at the
// position where another replacement starts comes first (its text goes in front).
using Edit = QList<Replacement>;

// The parsed text and its tree. Node 0 is the root value. Cheap to copy (the text is
// implicitly shared; the node tables are copied).
class Document
{
public:
    Document() = default;

    // Parses text strictly (RFC 8259; a byte order mark at the start is allowed).
    static Document parse(const QString &text);
    static Document parse(QStringView text) { return parse(text.toString()); }

    bool isValid() const { return !m_error && !m_nodes.empty(); }
    const std::optional<SyntaxError> &error() const { return m_error; }
    const QString &text() const { return m_text; }

    // -- The tree
    int root() const { return m_nodes.empty() ? -1 : 0; }
    int nodeCount() const { return int(m_nodes.size()); }
    const Node &node(int n) const { return m_nodes[size_t(n)]; }
    int child(int n, int row) const { return m_children[size_t(node(n).firstChild + row)]; }
    QList<int> children(int n) const;
    // The member of an object called key (the last one when the key is repeated), or -1.
    int member(int object, QStringView key) const;
    // The member's decoded key.
    QString key(int n) const;
    // The key as written, without its quotes: the key itself unless node(n).keyEscaped.
    QStringView rawKey(int n) const;
    // The value's text as written.
    QStringView valueText(int n) const;
    // The member (key to value end) or item as written.
    QStringView memberText(int n) const;
    // A string value decoded; empty for other kinds.
    QString string(int n) const;
    QJsonValue value(int n) const;
    // Whether n is other or below it.
    bool isDescendant(int n, int other) const;

    // -- JSON Pointers (RFC 6901). "" is the root; "#/a/b" (a URI fragment) is accepted too.
    int find(QStringView pointer) const;
    QString pointer(int n) const;
    // The innermost member or item whose text (key included) holds position; -1 outside the root.
    int nodeAt(int position) const;

    // -- Edits, computed against this text. Each replacement is trimmed to the
    // characters that really change. New text follows the surrounding formatting:
    // the indentation unit, line breaks and spacing of the container's members.
    Result<Edit> replaceValue(int n, const QJsonValue &value) const;
    // Inserts a member at index (among the object's members; < 0 or past the end: append).
    Result<Edit> insertMember(int object, int index, const QString &key, const QJsonValue &value) const;
    Result<Edit> insertItem(int array, int index, const QJsonValue &value) const;
    // Removes a member or an item with its comma (and its line when it stood on its own).
    Result<Edit> remove(int n) const;
    Result<Edit> renameMember(int n, const QString &newKey) const;
    // Moves a member to index among toObject's members as they are after the move; its
    // text is carried verbatim, re-indented for its new depth.
    Result<Edit> moveMember(int n, int toObject, int index) const;
    // Moves an array item within its array to index (numbered after the move).
    Result<Edit> moveItem(int n, int index) const;

    // value as JSON text in this document's style, for a value that starts on a line
    // indented by indent, after `used` columns (default: the indentation). oneLine
    // prefers `{ "a": 1 }` for objects that fit on the line.
    QString format(const QJsonValue &value, const QString &indent, bool oneLine, int used = -1) const;

    // The document's formatting habits, learnt from its text.
    struct Style
    {
        QString indentUnit = QStringLiteral("  ");
        QString newline = QStringLiteral("\n");
        QString colon = QStringLiteral(": ");      // between a key and its value
        QString separator = QStringLiteral(" ");   // after a comma on one line
        QString padding = QStringLiteral(" ");     // inside the braces of a one-line object
        bool multiLine = true;                     // the document breaks lines at all
    };
    const Style &style() const;

    // The whitespace at the start of the line that holds position.
    QStringView lineIndent(int position) const;
    // Whether only whitespace precedes position on its line.
    bool startsLine(int position) const;

private:
    struct Layout
    {
        bool multiLine = false;
        QString memberIndent;    // multi-line: the indentation of a member line
        QString closingIndent;   // multi-line: of the closing bracket's line
        QString colon;
        QString separator;       // one line: after a comma
        QString padding;         // one line: inside the brackets
        // Whether the members write their objects on one line (unknown without an example).
        std::optional<bool> oneLineValues;
    };
    Layout layout(int container) const;
    Edit insertText(int container, int index, const QString &itemText, const Layout &layout) const;
    Replacement removal(int n) const;
    Replacement trimmed(int position, int removedLength, const QString &insertedText) const;
    QString formatIn(const QJsonValue &value, const QString &indent, bool oneLine, int used) const;
    // value for a new member or item of a container with layout l.
    QString formatMember(const QJsonValue &value, const QString &indent, const Layout &l, int used) const;
    QString reindent(QStringView text, QStringView from, const QString &to) const;

    friend class Parser;
    QString m_text;
    std::vector<Node> m_nodes;
    std::vector<int> m_children;
    std::optional<SyntaxError> m_error;
    mutable std::optional<Style> m_style;
};

// -- Helpers
// The text after the edit.
QString apply(const QString &text, const Edit &edit);
// The edit that turns apply(text, edit) back into text.
Edit inverse(const QString &text, const Edit &edit);
// Both edits against the same text as one; an error when they overlap.
Result<Edit> combine(const Edit &a, const Edit &b);
// A JSON string literal (quotes included).
QString quote(QStringView string);
// Compact JSON (no spaces), keys in QJsonObject order.
QString compact(const QJsonValue &value);

QString escapePointerToken(QStringView token);
// The decoded tokens of a pointer; nullopt when it is not a JSON Pointer.
std::optional<QStringList> splitPointer(QStringView pointer);
QString joinPointer(const QStringList &tokens);
// pointer + "/" + escaped token.
QString childPointer(QStringView pointer, QStringView token);
// The pointer without its last token ("" for the root and its members).
QString parentPointer(QStringView pointer);
QString lastToken(QStringView pointer);

} // namespace Galley::JsonText
