#pragma once

#include "domain/result.h"
#include "schema/jsontext.h"

#include <QJsonValue>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QTextDocument;
class QTimer;
class QUndoStack;

namespace Galley {

// One JSON Schema being edited: its text in a QTextDocument (which a JSON editor shows)
// and ONE undo stack that records every change, typed in the editor or made by the
// designer. The text document's own undo is off; typing is captured from
// QTextDocument::contentsChange against a shadow copy of the text (so the command knows
// what was removed) and consecutive keystrokes merge into one step. Designer edits are
// minimal text replacements (JsonText) applied through QTextCursor. Undo and redo of any
// mix of the two restore the text byte for byte.
//
// Line breaks: the text is edited with "\n" (what QTextDocument holds); text() gives it
// back with the line breaks it was loaded with ("\r\n" when it had them). Positions and
// textRange() are in the "\n" text, which is the QTextDocument's.
//
// After each change the text is parsed again: at once for small documents and for
// designer edits, after a short pause while typing in large ones. treeChanged() says
// there is a new tree; syntaxError() says the text does not parse (tree() then keeps the
// last good parse and isStale() is true; designer edits are refused until it parses).
class SchemaDocument : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaDocument)
public:
    explicit SchemaDocument(QObject *parent = nullptr);
    ~SchemaDocument() override;

    // Loads text (clears the undo stack).
    void setText(const QString &text);
    // The text with the line breaks it was loaded with.
    QString text() const;
    // The text as the QTextDocument holds it ("\n" line breaks).
    const QString &plainText() const { return m_text; }
    bool usesCrLf() const { return m_crlf; }

    // It has a layout that does nothing (QTextDocument reports changes only with one): a
    // view sets a QPlainTextDocumentLayout on it before QPlainTextEdit::setDocument().
    // Its own undo/redo is disabled: editors route undo and redo to undoStack().
    QTextDocument *textDocument() const { return m_document; }
    QUndoStack *undoStack() const { return m_undoStack; }

    // -- The parsed text
    const JsonText::Document &tree() const { return m_tree; }
    bool hasTree() const { return m_tree.isValid(); }
    // The text does not parse (tree() is the last text that did).
    bool isStale() const { return m_error.has_value(); }
    const std::optional<JsonText::SyntaxError> &currentError() const { return m_error; }
    // Parses now if a parse is waiting (debounced typing in a large document).
    void reparseNow();
    // Documents at least this long are parsed after a pause in typing.
    static constexpr int kDebounceThreshold = 200000;

    bool contains(const QString &pointer) const;
    // Undefined when there is no such value.
    QJsonValue value(const QString &pointer) const;
    struct TextRange
    {
        int start = -1;      // the value
        int end = -1;
        int keyStart = -1;   // the member's key, -1 for array items and the root
        bool isValid() const { return start >= 0; }
    };
    TextRange textRange(const QString &pointer) const;
    // The innermost value at a text position ("" the root; empty too when nothing parses).
    QString pointerAt(int position) const;

    // -- Edits for the designer: each is one undo step (commandText names it in the
    // undo history; empty: a generic name). They need a tree of the current text.
    // Sets the value at pointer; when it does not exist but its parent object does, the
    // member is added (placed among the schema keywords in their usual order).
    Status setValue(const QString &pointer, const QJsonValue &value, const QString &commandText = {});
    // index < 0: after the last member.
    Status insertMember(const QString &objectPointer, int index, const QString &key, const QJsonValue &value,
                        const QString &commandText = {});
    Status remove(const QString &pointer, const QString &commandText = {});
    Status rename(const QString &pointer, const QString &newKey, const QString &commandText = {});
    // Moves a member into toObjectPointer at index (among its members after the move).
    Status move(const QString &pointer, const QString &toObjectPointer, int index, const QString &commandText = {});
    Status insertItem(const QString &arrayPointer, int index, const QJsonValue &value,
                      const QString &commandText = {});
    // An edit computed against tree() (which must be current), as one undo step.
    Status applyEdit(const JsonText::Edit &edit, const QString &commandText);
    // Runs steps as one undo step (a macro). When a step fails, what the others did is
    // undone and dropped from the history, and the error returned.
    Status transaction(const QString &commandText, const std::function<Status()> &steps);

    // Where a new member `key` goes in the object at objectPointer: schema keywords in
    // their usual order ($schema, $id, title, type, … properties, $defs), others last.
    int memberInsertIndex(const QString &objectPointer, const QString &key) const;

Q_SIGNALS:
    void treeChanged();
    void syntaxError(const Galley::JsonText::SyntaxError &error);
    void staleChanged(bool stale);
    // Undo, redo or a designer edit changed the text (new positions): the inserted span,
    // for editors that want to show it.
    void changeApplied(int position, int length);

private:
    friend class TextChangeCommand;
    friend class JsonEditCommand;
    void onContentsChange(int position, int charsRemoved, int charsAdded);
    void recordTyping(int position, const QString &removed, const QString &added);
    // Applies replacements (ascending, against the current text) to the shadow and the
    // QTextDocument without recording them.
    void applyReplacements(const JsonText::Edit &edit);
    void scheduleParse(bool immediately);
    void parse();
    Result<int> nodeFor(const QString &pointer) const;
    Status checkCurrent() const;

    QTextDocument *m_document;
    QUndoStack *m_undoStack;
    QTimer *m_parseTimer;
    QString m_text;   // the shadow copy of m_document's text, "\n" line breaks
    bool m_crlf = false;
    bool m_applying = false;
    int m_transactionDepth = 0;
    JsonText::Document m_tree;
    std::optional<JsonText::SyntaxError> m_error;
};

} // namespace Galley
