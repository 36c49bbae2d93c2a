#pragma once

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/State>

#include <QHash>
#include <QList>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTextBlockUserData>
#include <QTextCharFormat>
#include <QTextLayout>

#include <functional>

class QDeadlineTimer;
class QTextBlock;
class QTextDocument;
class QTimer;

namespace Galley {

// What the JSON editor keeps for each block (line) of its document: the highlighting
// state it was highlighted with and the one it ended in, and whether it is folded.
class JsonBlockData : public QTextBlockUserData
{
public:
    KSyntaxHighlighting::State startState;
    KSyntaxHighlighting::State endState;
    quint32 stateGeneration = 0;   // 0: never highlighted
    quint32 formatGeneration = 0;  // formats applied for this theme generation; 0: none
    bool textDirty = true;         // the text changed since it was highlighted
    bool folded = false;           // the lines of the region this line opens are hidden

    static JsonBlockData *of(const QTextBlock &block);
    // The block's data, created when it has none.
    static JsonBlockData *ensure(QTextBlock block);
};

// KSyntaxHighlighting ("JSON" definition) over a QTextDocument, lazily: unlike
// QSyntaxHighlighter it never highlights the whole document in one go. Each line keeps
// the state it starts in; a change invalidates from its line on, and only the lines on
// screen get formats, at once and within a time budget. States are computed forward
// as far as the screen needs; what does not fit the budget continues in idle slices of
// a few milliseconds, so a keystroke costs the lines on screen whatever the document's
// size. Lines longer than MaxHighlightedLine are left plain.
class JsonHighlighter : public QObject, public KSyntaxHighlighting::AbstractHighlighter
{
    Q_OBJECT
    Q_INTERFACES(KSyntaxHighlighting::AbstractHighlighter)
    Q_DISABLE_COPY_MOVE(JsonHighlighter)
public:
    static constexpr int MaxHighlightedLine = 50000;
    static constexpr int BackgroundSliceMs = 4;

    explicit JsonHighlighter(QObject *parent = nullptr);
    ~JsonHighlighter() override;

    // Forgets every state (kept block data is invalidated, not trusted).
    void setDocument(QTextDocument *document);
    QTextDocument *document() const { return m_document; }

    // The block numbers on screen, ascending (hidden blocks left out). Background work
    // asks it again each slice, so it follows scrolling.
    void setVisibleBlocksProvider(std::function<QList<int>()> provider);

    // Formats are re-applied lazily (states stay valid).
    void setTheme(const KSyntaxHighlighting::Theme &theme) override;

    // Call from QTextDocument::contentsChange, before highlightVisible().
    void documentChanged(int position, int charsRemoved, int charsAdded);

    // Brings the formats of the visible blocks up to date within budgetMs; what does not
    // fit continues in the background. Returns whether it finished.
    bool highlightVisible(int budgetMs);

    // Whether every visible block has its formats for the current text and theme.
    bool isVisibleUpToDate() const;
    // No background work pending.
    bool isIdle() const;
    // Blocks below this number have valid states (for tests and benchmarks).
    int validUntil() const { return m_validUntil; }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override;

private:
    // Walks states forward from m_validUntil to target, formatting the blocks in
    // visible; false when the deadline came first.
    bool walk(int target, const QList<int> &visible, const QDeadlineTimer &deadline);
    KSyntaxHighlighting::State highlightBlock(QTextBlock &block, const KSyntaxHighlighting::State &start,
                                              bool apply);
    KSyntaxHighlighting::State intern(const KSyntaxHighlighting::State &state);
    QTextCharFormat charFormat(const KSyntaxHighlighting::Format &format);
    void continueInBackground();
    void flushDirtyRange();

    QPointer<QTextDocument> m_document;
    std::function<QList<int>()> m_visibleBlocks;
    QTimer *m_backgroundTimer;
    int m_validUntil = 0;            // blocks below have valid end states
    int m_backgroundTarget = -1;     // block number the background walk goes to
    quint32 m_stateGeneration = 1;
    quint32 m_formatGeneration = 1;
    bool m_collect = false;          // applyFormat collects ranges for the current line
    QList<QTextLayout::FormatRange> m_ranges;
    QHash<int, QTextCharFormat> m_formatCache;
    QSet<KSyntaxHighlighting::State> m_states;
    int m_dirtyFrom = -1;            // document range whose formats changed, to relayout once
    int m_dirtyTo = -1;
    QElapsedTimer m_frameClock;      // synchronous work since control last returned to the event loop
    bool m_frameOpen = false;
};

} // namespace Galley
