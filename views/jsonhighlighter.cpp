#include "jsonhighlighter.h"

#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Theme>

#include <QDeadlineTimer>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>

#include <algorithm>
#include <atomic>

namespace Galley {

namespace {

// Generations are unique across highlighters, so block data left in a document by an
// editor that went away is never mistaken for current.
quint32 nextGeneration()
{
    static std::atomic<quint32> generation{ 1 };
    return ++generation;
}

// Above this many changed blocks, invalidating everything is cheaper than marking each.
constexpr int kMarkBlocksLimit = 2000;

} // namespace

JsonBlockData *JsonBlockData::of(const QTextBlock &block)
{
    return dynamic_cast<JsonBlockData *>(block.userData());
}

JsonBlockData *JsonBlockData::ensure(QTextBlock block)
{
    JsonBlockData *data = of(block);
    if (!data) {
        data = new JsonBlockData;
        block.setUserData(data);
    }
    return data;
}

JsonHighlighter::JsonHighlighter(QObject *parent)
    : QObject(parent)
    , m_backgroundTimer(new QTimer(this))
{
    m_backgroundTimer->setSingleShot(true);
    m_backgroundTimer->setInterval(0);
    connect(m_backgroundTimer, &QTimer::timeout, this, &JsonHighlighter::continueInBackground);
    m_stateGeneration = nextGeneration();
    m_formatGeneration = nextGeneration();
}

JsonHighlighter::~JsonHighlighter() = default;

void JsonHighlighter::setDocument(QTextDocument *document)
{
    m_document = document;
    m_stateGeneration = nextGeneration();
    m_formatGeneration = nextGeneration();
    m_validUntil = 0;
    m_backgroundTarget = -1;
    m_states.clear();
    m_dirtyFrom = m_dirtyTo = -1;
    m_backgroundTimer->stop();
}

void JsonHighlighter::setVisibleBlocksProvider(std::function<QList<int>()> provider)
{
    m_visibleBlocks = std::move(provider);
}

void JsonHighlighter::setTheme(const KSyntaxHighlighting::Theme &theme)
{
    AbstractHighlighter::setTheme(theme);
    m_formatCache.clear();
    m_formatGeneration = nextGeneration();
}

void JsonHighlighter::documentChanged(int position, int charsRemoved, int charsAdded)
{
    Q_UNUSED(charsRemoved);
    if (!m_document)
        return;
    const int end = qMin(position + charsAdded, m_document->characterCount() - 1);
    QTextBlock block = m_document->findBlock(position);
    const QTextBlock last = m_document->findBlock(qMax(position, end));
    if (!block.isValid())
        return;
    const int first = block.blockNumber();
    m_validUntil = qMin(m_validUntil, first);
    if (last.isValid() && last.blockNumber() - first > kMarkBlocksLimit) {
        // A large change (a new text, a reformat): a new generation distrusts every block
        // from here on without visiting each; the blocks before stay valid (the walk
        // trusts what is below m_validUntil).
        m_stateGeneration = nextGeneration();
        return;
    }
    while (block.isValid()) {
        if (JsonBlockData *data = JsonBlockData::of(block))
            data->textDirty = true;
        if (block == last)
            break;
        block = block.next();
    }
}

bool JsonHighlighter::highlightVisible(int budgetMs)
{
    if (!m_document || !m_visibleBlocks)
        return true;
    const QList<int> visible = m_visibleBlocks();
    if (visible.isEmpty())
        return true;
    // Several calls before the event loop runs again (a jump scrolls, moves the cursor and
    // resizes) share one budget: the frame is what the user waits for.
    if (!m_frameOpen) {
        m_frameOpen = true;
        m_frameClock.start();
        QTimer::singleShot(0, this, [this] { m_frameOpen = false; });
    }
    const qint64 left = qMax<qint64>(1, budgetMs - m_frameClock.elapsed());
    const bool done = walk(visible.last(), visible, QDeadlineTimer(left));
    flushDirtyRange();
    if (!done) {
        m_backgroundTarget = qMax(m_backgroundTarget, visible.last());
        m_backgroundTimer->start();
    }
    return done;
}

bool JsonHighlighter::isVisibleUpToDate() const
{
    if (!m_document || !m_visibleBlocks)
        return true;
    const QList<int> visible = m_visibleBlocks();
    for (int n : visible) {
        if (n >= m_validUntil)
            return false;
        const JsonBlockData *data = JsonBlockData::of(m_document->findBlockByNumber(n));
        if (!data || data->formatGeneration != m_formatGeneration)
            return false;
    }
    return true;
}

bool JsonHighlighter::isIdle() const
{
    return !m_backgroundTimer->isActive();
}

void JsonHighlighter::continueInBackground()
{
    if (!m_document)
        return;
    const QList<int> visible = m_visibleBlocks ? m_visibleBlocks() : QList<int>();
    int target = qMax(m_backgroundTarget, visible.isEmpty() ? -1 : visible.last());
    target = qMin(target, m_document->blockCount() - 1);
    const bool done = walk(target, visible, QDeadlineTimer(BackgroundSliceMs));
    flushDirtyRange();
    if (!done) {
        m_backgroundTimer->start();
        return;
    }
    m_backgroundTarget = -1;
}

bool JsonHighlighter::walk(int target, const QList<int> &visible, const QDeadlineTimer &deadline)
{
    using KSyntaxHighlighting::State;

    // Visible blocks whose states are known but whose formats are not (scrolled back to,
    // unfolded, or a new theme).
    for (int n : visible) {
        if (n >= m_validUntil)
            break;
        QTextBlock block = m_document->findBlockByNumber(n);
        JsonBlockData *data = JsonBlockData::of(block);
        if (data && data->formatGeneration != m_formatGeneration) {
            highlightBlock(block, data->startState, true);
            data->formatGeneration = m_formatGeneration;
        }
    }

    if (m_validUntil > target)
        return true;
    QTextBlock block = m_document->findBlockByNumber(m_validUntil);
    if (!block.isValid())
        return true;
    State previous;
    if (m_validUntil > 0) {
        if (const JsonBlockData *data = JsonBlockData::of(block.previous()))
            previous = data->endState;
    }
    auto nextVisible = std::lower_bound(visible.cbegin(), visible.cend(), m_validUntil);
    int n = m_validUntil;
    int sinceCheck = 0;
    while (block.isValid() && n <= target) {
        const bool apply = nextVisible != visible.cend() && *nextVisible == n;
        if (apply)
            ++nextVisible;
        JsonBlockData *data = JsonBlockData::of(block);
        if (data && data->stateGeneration == m_stateGeneration && !data->textDirty
            && data->startState == previous) {
            // Unchanged and reached in the same state: still right.
            if (apply && data->formatGeneration != m_formatGeneration) {
                highlightBlock(block, data->startState, true);
                data->formatGeneration = m_formatGeneration;
            }
        } else {
            data = JsonBlockData::ensure(block);
            data->endState = highlightBlock(block, previous, apply);
            data->startState = previous;
            data->stateGeneration = m_stateGeneration;
            data->textDirty = false;
            data->formatGeneration = apply ? m_formatGeneration : 0;
        }
        previous = data->endState;
        ++n;
        m_validUntil = n;
        block = block.next();
        if (++sinceCheck == 16) {
            sinceCheck = 0;
            if (deadline.hasExpired())
                return n > target || !block.isValid();
        }
    }
    return true;
}

KSyntaxHighlighting::State
JsonHighlighter::highlightBlock(QTextBlock &block, const KSyntaxHighlighting::State &start, bool apply)
{
    const QString text = block.text();
    m_ranges.clear();
    KSyntaxHighlighting::State end = start;
    if (text.size() <= MaxHighlightedLine) {
        m_collect = apply;
        end = intern(highlightLine(text, start));
        m_collect = false;
    }
    if (apply) {
        QTextLayout *layout = block.layout();
        if (layout->formats() != m_ranges) {
            layout->setFormats(m_ranges);
            const int from = block.position();
            const int to = from + block.length();
            m_dirtyFrom = m_dirtyFrom < 0 ? from : qMin(m_dirtyFrom, from);
            m_dirtyTo = qMax(m_dirtyTo, to);
        }
    }
    return end;
}

void JsonHighlighter::flushDirtyRange()
{
    if (m_dirtyFrom < 0 || !m_document)
        return;
    const int from = m_dirtyFrom;
    const int to = qMin(m_dirtyTo, m_document->characterCount());
    m_dirtyFrom = m_dirtyTo = -1;
    // Lays the blocks out again with their new formats (no contentsChange, no undo step).
    m_document->markContentsDirty(from, to - from);
}

KSyntaxHighlighting::State JsonHighlighter::intern(const KSyntaxHighlighting::State &state)
{
    // Lines mostly end in a state an earlier line ended in: share it instead of keeping a
    // copy per line.
    const auto it = m_states.constFind(state);
    if (it != m_states.cend())
        return *it;
    if (m_states.size() > 4096)
        m_states.clear();
    m_states.insert(state);
    return state;
}

void JsonHighlighter::applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format)
{
    if (!m_collect || length <= 0 || format.isDefaultTextStyle(theme()))
        return;
    const QTextCharFormat charFormat = this->charFormat(format);
    if (!m_ranges.isEmpty()) {
        QTextLayout::FormatRange &last = m_ranges.last();
        if (last.start + last.length == offset && last.format == charFormat) {
            last.length += length;
            return;
        }
    }
    m_ranges.append(QTextLayout::FormatRange{ offset, length, charFormat });
}

QTextCharFormat JsonHighlighter::charFormat(const KSyntaxHighlighting::Format &format)
{
    const auto it = m_formatCache.constFind(format.id());
    if (it != m_formatCache.cend())
        return *it;
    const KSyntaxHighlighting::Theme theme = this->theme();
    QTextCharFormat result;
    result.setForeground(format.textColor(theme));
    if (format.hasBackgroundColor(theme))
        result.setBackground(format.backgroundColor(theme));
    if (format.isBold(theme))
        result.setFontWeight(QFont::Bold);
    if (format.isItalic(theme))
        result.setFontItalic(true);
    if (format.isUnderline(theme))
        result.setFontUnderline(true);
    if (format.isStrikeThrough(theme))
        result.setFontStrikeOut(true);
    m_formatCache.insert(format.id(), result);
    return result;
}

} // namespace Galley
