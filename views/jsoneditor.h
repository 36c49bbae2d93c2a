#pragma once

#include <QList>
#include <QPointer>
#include <QRegularExpression>
#include <QWidget>

class QAction;
class QPlainTextEdit;
class QTextDocument;
class QTimer;
class QUndoStack;

namespace Galley {

class JsonCodeView;
class JsonFindBar;
class NoticeBar;

// An editor for JSON text — content schemas and content documents. KSyntaxHighlighting's
// JSON definition in a theme that follows the application palette, line numbers, the
// current line, bracket matching, auto-indent, folding of objects and arrays, Format and
// Minify (one undo step each), Go to Line, Find/Replace, undo/redo, and problems shown
// as squiggles with markers in the gutter.
//
// It edits a QTextDocument: its own, or one set with setDocument() (a SchemaDocument's,
// whose own undo is off); with setUndoStack() the editor's Undo and Redo (keys, actions,
// context menu) go to that stack.
//
// Large documents: highlighting is lazy (only lines on screen, in a time budget) and
// nothing done per keystroke depends on the document's length, so typing in a 5 MB
// document costs what it costs in a small one. A line of a few hundred kilobytes is
// another matter (Qt lays out a whole line on each keystroke): openText() shows text with
// very long lines pretty-printed, with a notice saying so.
class JsonEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonEditor)
public:
    enum class Severity { Error, Warning };
    Q_ENUM(Severity)

    // A problem in the text. start and length are UTF-16 offsets into the text (which are
    // QTextDocument positions: a line break counts one).
    struct Diagnostic
    {
        qsizetype start = 0;
        qsizetype length = 0;
        Severity severity = Severity::Error;
        QString message;
    };

    enum class Command {
        Undo,
        Redo,
        Format,
        Minify,
        GoToLine,
        Find,
        Replace,
        FindNext,
        FindPrevious,
        FoldAll,
        UnfoldAll,
    };
    Q_ENUM(Command)

    // openText() reformats text that has a line at least this long: typing on a line
    // costs about half a microsecond per character of it.
    static constexpr qsizetype LongLineThreshold = 10000;
    // Find counts this many matches at most.
    static constexpr int MaxCountedMatches = 100000;

    explicit JsonEditor(QWidget *parent = nullptr);
    ~JsonEditor() override;

    // Shows and edits document (not owned; nullptr: the editor's own). The editor gives it
    // a plain-text layout of its own; delete the document after the editor, or set another
    // first.
    void setDocument(QTextDocument *document);
    QTextDocument *document() const;
    // Undo and redo go to stack (not owned; nullptr: the document's own undo).
    void setUndoStack(QUndoStack *stack);
    QUndoStack *undoStack() const;

    // What openText() shows for text: text itself, or — when it has a line of
    // LongLineThreshold characters or more — the text pretty-printed (only whitespace
    // between tokens changes). Invalid JSON is formatted up to its first error.
    struct PreparedText
    {
        QString text;
        bool reformatted = false;
        qsizetype originalSize = 0;         // characters
        qsizetype originalLongestLine = 0;  // characters
        int originalLines = 0;
        QString error;                      // "Line 1, column 4,012: Expected ',' or '}'" when not JSON
    };
    static PreparedText prepareText(const QString &text);
    // Replaces the document's text with prepareText(text) (not an undo step in the
    // editor's own document; an external document records it as its owner does) and says
    // so in a notice when it was reformatted (or cannot be). Returns whether it reformatted.
    bool openText(const QString &text);
    // For owners that load the document themselves from prepareText(): the notice.
    void showOpenNotice(const PreparedText &prepared);
    bool wasReformatted() const { return m_reformatted; }
    // The user chose, in the notice, to save a reformatted file as one line again; the
    // owner minifies when saving (JsonFormat::minified).
    bool saveAsOneLine() const { return m_saveAsOneLine; }

    QString text() const;
    void setReadOnly(bool readOnly);
    bool isReadOnly() const;

    // Problems to mark (replacing the previous ones); at most 10,000 are kept. They move
    // with the text as it is edited.
    void setDiagnostics(const QList<Diagnostic> &diagnostics);
    // The problems with their current positions.
    QList<Diagnostic> diagnostics() const;

    qsizetype cursorOffset() const;
    // Moves the cursor (unfolding what hides it), scrolls to it and focuses the text.
    void goToOffset(qsizetype offset);
    // 1-based line and column (UTF-16 units); out-of-range values are clamped.
    void goToLineColumn(int line, int column = 1);

    // Format (2 spaces, key order kept) or minify as one undo step; false (and an error
    // notice) when the text is not JSON.
    bool format();
    bool minify();
    void undo();
    void redo();
    void showFind();
    void showReplace();
    void hideFind();
    // Selects the next (previous) match of the find bar's pattern, wrapping around.
    bool findNext();
    bool findPrevious();
    // Replaces every match as one undo step; returns how many.
    int replaceAll();
    // Replaces the selected match and selects the next one.
    bool replaceCurrent();
    void showGoToLine();

    // Folding, by 0-based block (line) number.
    bool fold(int blockNumber);
    void unfold(int blockNumber);
    bool isFolded(int blockNumber) const;
    void foldAll();
    void unfoldAll();

    QAction *action(Command command) const;
    QPlainTextEdit *textEdit() const;
    JsonFindBar *findBar() const { return m_findBar; }
    NoticeBar *noticeBar() const { return m_notice; }
    // "JSON" when KSyntaxHighlighting has its definition.
    QString definitionName() const;
    // No highlighting work is pending (benchmarks wait for it).
    bool isHighlightingIdle() const;

Q_SIGNALS:
    void cursorOffsetChanged(qsizetype offset);
    void saveAsOneLineChanged(bool oneLine);

private:
    void createActions();
    void onContentsChange(int position, int charsRemoved, int charsAdded);
    void updateUndoActions();
    void updateReadOnlyActions();
    bool reformat(bool pretty);
    void replaceText(const QString &newText, qsizetype cursorAt);
    // The document's text with "\n" line breaks, positions as in the document (cached
    // until the next change).
    const QString &snapshot() const;
    QRegularExpression searchExpression(QString *error = nullptr) const;
    QString expandReplacement(const QRegularExpressionMatch &match) const;
    bool find(bool backward);
    void onPatternChanged();
    void countMatches();
    void updateMatchInfo();
    void showReformattedNotice();
    void selectRange(qsizetype start, qsizetype end);
    void moveCursor(qsizetype offset, bool center);
    bool handleEscape(bool apply);

    JsonCodeView *m_view;
    NoticeBar *m_notice;
    JsonFindBar *m_findBar;
    QTextDocument *m_ownDocument;
    QPointer<QTextDocument> m_document;
    QPointer<QUndoStack> m_undoStack;
    QList<QMetaObject::Connection> m_documentConnections;
    QList<QMetaObject::Connection> m_stackConnections;
    QList<QAction *> m_actions;
    QTimer *m_countTimer;
    mutable QString m_snapshot;
    mutable quint64 m_snapshotRevision = 0;
    quint64 m_revision = 1;
    quint64 m_countRevision = 0;
    QList<qsizetype> m_matchStarts;
    bool m_matchesCapped = false;
    bool m_countValid = false;
    PreparedText m_prepared;
    bool m_reformatted = false;
    bool m_saveAsOneLine = false;
    bool m_trackingUndo = false;
    qsizetype m_undoCursor = -1;
};

} // namespace Galley
