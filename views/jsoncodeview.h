#pragma once

#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>

#include <functional>

class QAction;
class QTimer;

namespace Galley {

class JsonHighlighter;

// QPlainTextDocumentLayout that never lays out hidden (folded) lines: the stock layout
// shapes every line it walks past, hidden or not, which costs seconds when a fold hides
// a hundred thousand lines.
class JsonDocumentLayout : public QPlainTextDocumentLayout
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonDocumentLayout)
public:
    explicit JsonDocumentLayout(QTextDocument *document);
    ~JsonDocumentLayout() override;

    QRectF blockBoundingRect(const QTextBlock &block) const override;
    // After lines were hidden or shown: new document height, repaint.
    void visibilityChanged();
};

// The text area of JsonEditor: a QPlainTextEdit with a gutter (problem markers, line
// numbers, fold markers), lazy KSyntaxHighlighting, the current line, bracket matching,
// problem squiggles, search matches, folding and JSON-aware typing (auto-indent, closing
// brackets dedent, Tab indents). JsonEditor owns the commands; this class routes their
// keys to the actions it is given, so they win over the window's shortcuts while the
// text has focus.
class JsonCodeView : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonCodeView)
public:
    // A problem marked in the text; the cursor tracks edits.
    struct Mark
    {
        QTextCursor range;
        bool error = true;
        QString message;
    };
    struct Colors
    {
        QColor gutterBackground;
        QColor gutterText;
        QColor gutterCurrentText;
        QColor separator;
        QColor currentLine;
        QColor bracketMatch;
        QColor bracketMismatch;
        QColor searchMatch;
        QColor foldMarker;
        QColor placeholderBackground;
        QColor error;
        QColor warning;
    };

    // Lines at least this long get no fold marker, bracket matching or search marks.
    static constexpr int MaxScannedLine = 100000;
    // Bracket matching looks this far (characters) for the partner (a few milliseconds);
    // brackets whose partner is further away are not marked.
    static constexpr int BracketScanLimit = 200000;
    static constexpr int MaxMarks = 10000;
    static constexpr int TypingBudgetMs = 6;
    static constexpr int ScrollBudgetMs = 16;

    explicit JsonCodeView(QWidget *parent = nullptr);
    ~JsonCodeView() override;

    // Shows document, giving it a JsonDocumentLayout when it has another kind.
    void attachDocument(QTextDocument *document);
    JsonHighlighter *highlighter() const { return m_highlighter; }
    QString definitionName() const;
    const Colors &colors() const { return m_colors; }

    // The indentation Enter, Tab and closing brackets use ("  " unless the text uses
    // something else: see detectIndentUnit()).
    QString indentUnit() const { return m_indentUnit; }
    void setIndentUnit(const QString &unit);
    // Learns the unit from the first indented lines.
    void detectIndentUnit();

    // Actions whose shortcuts this view handles itself (undo, redo, find, …), and the
    // undo/redo pair that replaces the document's own in the context menu.
    void setCommandActions(const QList<QAction *> &actions);
    void setUndoRedoActions(QAction *undo, QAction *redo);
    void setContextMenuActions(const QList<QAction *> &actions);

    void setMarks(QList<Mark> marks);
    const QList<Mark> &marks() const { return m_marks; }
    // The marks touching [from, to], in text order.
    QList<const Mark *> marksIn(int from, int to) const;

    // Matches of pattern are shown on screen (an invalid or empty pattern: none).
    void setSearchPattern(const QRegularExpression &pattern);

    // -- Folding. A line can fold when it opens a bracket closed on a later line.
    bool canFold(const QTextBlock &block) const;
    bool isFolded(const QTextBlock &block) const;
    bool foldBlock(QTextBlock block);
    void unfoldBlock(QTextBlock block);
    void toggleFold(const QTextBlock &block);
    // Folds every region below the outermost one (which stays open); one pass over the text.
    void foldAll();
    void unfoldAll();
    // Shows a hidden block by unfolding what hides it.
    void revealBlock(QTextBlock block);

    // The bracket at or before the cursor and its partner. partner is -1 (and mismatch
    // true) when the text has none; both are -1 when there is no bracket at the cursor or
    // the partner is further than BracketScanLimit.
    struct BracketMatch
    {
        int bracket = -1;
        int partner = -1;
        bool mismatch = false;
    };
    BracketMatch matchBracket(const QTextCursor &cursor) const;

    // The block numbers on screen (hidden lines left out).
    QList<int> visibleBlockNumbers() const;
    // The first visible block after block, or an invalid one.
    QTextBlock nextVisibleBlock(const QTextBlock &block) const;
    // block when it is visible, else the first visible block after it.
    QTextBlock visibleAtOrAfter(const QTextBlock &block) const;
    int gutterWidth() const;
    QWidget *gutter() const { return m_gutter; }
    // The block whose line is at y (viewport coordinates), or an invalid block.
    QTextBlock blockAtY(int y) const;
    // The gutter's fold-marker column, in gutter coordinates.
    QRect foldMarkerRect(const QTextBlock &block) const;
    QString toolTipForBlock(const QTextBlock &block) const;

    // Re-applies the theme for the application palette (light or dark).
    void applyTheme();
    void refreshExtraSelections();

    // Escape in the text: handler(false) says whether it would do something (then the key
    // is ours, not the window's), handler(true) does it.
    void setEscapeHandler(std::function<bool(bool apply)> handler) { m_escapeHandler = std::move(handler); }

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    friend class JsonGutter;
    void paintGutter(QPaintEvent *event);
    bool gutterEvent(QEvent *event);
    void updateGutterWidth();
    void onUpdateRequest(const QRect &rect, int dy);
    void onContentsChange(int position, int charsRemoved, int charsAdded);
    void onCursorPositionChanged();
    void onScrolled();
    void scheduleExtraSelections();
    QAction *commandFor(const QKeyEvent *event) const;

    // Typing
    void insertNewline();
    void insertClosingBracket(QChar bracket);
    void indentSelection(bool indent);
    bool smartBackspace();

    // Where the region block opens ends: the block holding the partner of its first
    // unclosed bracket, and whether that line holds nothing else (then it folds too).
    struct Region
    {
        QTextBlock end;
        bool hideEnd = false;
    };
    Region foldRegion(const QTextBlock &block) const;
    void fixCursorAfterNavigation(int key);
    void drawFoldPlaceholder(QPainter &painter, const QTextBlock &block, const QRectF &rect);
    QString closerText(const QTextBlock &folded) const;

    QWidget *m_gutter;
    JsonHighlighter *m_highlighter;
    QPointer<QTextDocument> m_document;
    QTimer *m_selectionTimer;
    QList<QAction *> m_commands;
    QPointer<QAction> m_undoAction;
    QPointer<QAction> m_redoAction;
    QList<QAction *> m_menuActions;
    QList<Mark> m_marks;
    QRegularExpression m_searchPattern;
    QString m_indentUnit = QStringLiteral("  ");
    Colors m_colors;
    QList<QPair<QRect, int>> m_placeholders; // painted fold placeholders → block number
    int m_hoverFoldBlock = -1;
    bool m_applyingTheme = false;
    bool m_navigating = false;
    bool m_inContentsChange = false;
    std::function<bool(bool)> m_escapeHandler;
};

} // namespace Galley
