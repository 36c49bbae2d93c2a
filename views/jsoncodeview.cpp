#include "jsoncodeview.h"

#include "jsonhighlighter.h"
#include "syntaxtheme.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>
#include <QVarLengthArray>

#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

bool isOpener(char16_t c)
{
    return c == u'{' || c == u'[';
}

bool isCloser(char16_t c)
{
    return c == u'}' || c == u']';
}

char16_t partnerOf(char16_t c)
{
    switch (c) {
    case u'{': return u'}';
    case u'[': return u']';
    case u'}': return u'{';
    case u']': return u'[';
    default: return 0;
    }
}

// Calls f(index, bracket) for each bracket of line outside strings, until f returns
// false. A line of JSON starts outside any string (strings cannot hold line breaks), so
// a line can be scanned on its own.
template<typename F>
void forEachBracket(QStringView line, F &&f)
{
    bool inString = false;
    const qsizetype n = line.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = line[i].unicode();
        if (inString) {
            if (c == u'\\')
                ++i;
            else if (c == u'"')
                inString = false;
            continue;
        }
        if (c == u'"')
            inString = true;
        else if (isOpener(c) || isCloser(c)) {
            if (!f(i, c))
                return;
        }
    }
}

// Whether the character at pos is inside a string (its quotes included).
bool insideString(QStringView line, qsizetype pos)
{
    bool inString = false;
    for (qsizetype i = 0; i < line.size() && i <= pos; ++i) {
        const char16_t c = line[i].unicode();
        if (inString) {
            if (c == u'\\') {
                if (i + 1 == pos)
                    return true;
                ++i;
            } else if (c == u'"') {
                if (i == pos)
                    return true;
                inString = false;
            }
            continue;
        }
        if (c == u'"')
            inString = true;
    }
    return inString;
}

// The outermost bracket opened on the line and not closed on it, or -1.
qsizetype unclosedOpener(QStringView line)
{
    if (line.size() > JsonCodeView::MaxScannedLine)
        return -1;
    QVarLengthArray<qsizetype, 16> stack;
    forEachBracket(line, [&](qsizetype i, char16_t c) {
        if (isOpener(c))
            stack.push_back(i);
        else if (!stack.isEmpty())
            stack.pop_back();
        return true;
    });
    return stack.isEmpty() ? -1 : stack.front();
}

QStringView leadingWhitespace(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i] == u' ' || line[i] == u'\t'))
        ++i;
    return line.first(i);
}

// The visual width of leading whitespace, tabs counting as a unit's width.
int indentWidth(QStringView whitespace, int unitWidth)
{
    int width = 0;
    for (QChar c : whitespace)
        width += c == u'\t' ? unitWidth : 1;
    return width;
}

// "}," / "]" / "}": a line that holds only a closing bracket (and a comma).
bool isCloserLine(QStringView trimmed)
{
    return (trimmed.size() == 1 && isCloser(trimmed[0].unicode()))
           || (trimmed.size() == 2 && isCloser(trimmed[0].unicode()) && trimmed[1] == u',');
}

QColor blend(const QColor &a, const QColor &b, qreal amountOfA)
{
    const qreal t = qBound(0.0, amountOfA, 1.0);
    return QColor::fromRgbF(float(a.redF() * t + b.redF() * (1 - t)),
                            float(a.greenF() * t + b.greenF() * (1 - t)),
                            float(a.blueF() * t + b.blueF() * (1 - t)));
}

} // namespace

// The strip left of the text; JsonCodeView paints it and answers its events.
class JsonGutter : public QWidget
{
public:
    explicit JsonGutter(JsonCodeView *view)
        : QWidget(view)
        , m_view(view)
    {
        setObjectName(u"jsonEditorGutter"_s);
        setMouseTracking(true);
    }

    QSize sizeHint() const override { return { m_view->gutterWidth(), 0 }; }

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintGutter(event); }
    bool event(QEvent *event) override
    {
        if (m_view->gutterEvent(event))
            return true;
        return QWidget::event(event);
    }

private:
    JsonCodeView *m_view;
};

// ---------------------------------------------------------------- JsonDocumentLayout

JsonDocumentLayout::JsonDocumentLayout(QTextDocument *document)
    : QPlainTextDocumentLayout(document)
{
}

JsonDocumentLayout::~JsonDocumentLayout() = default;

QRectF JsonDocumentLayout::blockBoundingRect(const QTextBlock &block) const
{
    if (block.isValid() && !block.isVisible())
        return {};
    return QPlainTextDocumentLayout::blockBoundingRect(block);
}

void JsonDocumentLayout::visibilityChanged()
{
    Q_EMIT documentSizeChanged(documentSize());
    requestUpdate();
}

// ---------------------------------------------------------------- JsonCodeView

JsonCodeView::JsonCodeView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new JsonGutter(this))
    , m_highlighter(new JsonHighlighter(this))
    , m_selectionTimer(new QTimer(this))
{
    setObjectName(u"jsonEditorText"_s);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFrameShape(QFrame::NoFrame);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter->setDefinition(SyntaxTheme::repository().definitionForName(u"JSON"_s));
    m_highlighter->setVisibleBlocksProvider([this] { return visibleBlockNumbers(); });

    m_selectionTimer->setSingleShot(true);
    m_selectionTimer->setInterval(0);
    connect(m_selectionTimer, &QTimer::timeout, this, &JsonCodeView::refreshExtraSelections);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &JsonCodeView::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &JsonCodeView::onUpdateRequest);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &JsonCodeView::onCursorPositionChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &JsonCodeView::onScrolled);
    applyTheme();
    updateGutterWidth();
}

JsonCodeView::~JsonCodeView()
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
}

void JsonCodeView::attachDocument(QTextDocument *document)
{
    if (m_document) {
        disconnect(m_document, nullptr, this, nullptr);
        // Folding is this view's: the document goes back with every line shown.
        if (m_document != document)
            unfoldAll();
    }
    m_marks.clear();
    m_placeholders.clear();
    m_document = document;
    // documentLayout() would create a (rich text) layout when there is none: look first.
    const bool hasLayout =
        !document->findChildren<QAbstractTextDocumentLayout *>(Qt::FindDirectChildrenOnly).isEmpty();
    if (!hasLayout || !qobject_cast<JsonDocumentLayout *>(document->documentLayout()))
        document->setDocumentLayout(new JsonDocumentLayout(document));
    setDocument(document);
    document->setDefaultFont(font());
    setTabStopDistance(fontMetrics().horizontalAdvance(u' ') * qMax<qsizetype>(1, m_indentUnit.size()));
    connect(document, &QTextDocument::contentsChange, this, &JsonCodeView::onContentsChange);
    m_highlighter->setDocument(document);
    m_highlighter->highlightVisible(ScrollBudgetMs);
    updateGutterWidth();
    refreshExtraSelections();
}

QString JsonCodeView::definitionName() const
{
    const KSyntaxHighlighting::Definition definition = m_highlighter->definition();
    return definition.isValid() ? definition.name() : QString();
}

void JsonCodeView::setIndentUnit(const QString &unit)
{
    m_indentUnit = unit.isEmpty() ? u"  "_s : unit;
}

void JsonCodeView::detectIndentUnit()
{
    // The first line indented deeper than the one before it tells the step.
    QTextBlock block = document()->firstBlock();
    int previous = 0;
    for (int i = 0; block.isValid() && i < 2000; ++i, block = block.next()) {
        const QString text = block.text();
        const QStringView ws = leadingWhitespace(text);
        if (ws.size() == text.size())
            continue; // blank
        if (!ws.isEmpty() && ws[0] == u'\t') {
            m_indentUnit = u"\t"_s;
            return;
        }
        const int width = int(ws.size());
        if (width > previous) {
            const int step = width - previous;
            if (step >= 1 && step <= 8) {
                m_indentUnit = QString(step, u' ');
                return;
            }
        }
        previous = width;
    }
    m_indentUnit = u"  "_s;
}

void JsonCodeView::setCommandActions(const QList<QAction *> &actions)
{
    m_commands = actions;
}

void JsonCodeView::setUndoRedoActions(QAction *undo, QAction *redo)
{
    m_undoAction = undo;
    m_redoAction = redo;
}

void JsonCodeView::setContextMenuActions(const QList<QAction *> &actions)
{
    m_menuActions = actions;
}

void JsonCodeView::setMarks(QList<Mark> marks)
{
    std::stable_sort(marks.begin(), marks.end(), [](const Mark &a, const Mark &b) {
        return a.range.selectionStart() < b.range.selectionStart();
    });
    if (marks.size() > MaxMarks)
        marks.resize(MaxMarks);
    m_marks = std::move(marks);
    refreshExtraSelections();
    m_gutter->update();
}

QList<const JsonCodeView::Mark *> JsonCodeView::marksIn(int from, int to) const
{
    QList<const Mark *> result;
    // Marks keep their order as the text changes (their cursors move monotonically).
    auto it = std::lower_bound(m_marks.cbegin(), m_marks.cend(), from, [](const Mark &m, int position) {
        return m.range.selectionStart() < position;
    });
    // A few marks starting earlier can still reach into the range.
    auto back = it;
    for (int i = 0; i < 64 && back != m_marks.cbegin(); ++i) {
        --back;
        if (back->range.selectionEnd() >= from)
            result.prepend(&*back);
    }
    for (; it != m_marks.cend() && it->range.selectionStart() <= to; ++it)
        result.append(&*it);
    return result;
}

void JsonCodeView::setSearchPattern(const QRegularExpression &pattern)
{
    m_searchPattern = pattern;
    refreshExtraSelections();
}

// ---------------------------------------------------------------- folding

bool JsonCodeView::canFold(const QTextBlock &block) const
{
    return block.isValid() && block.next().isValid() && unclosedOpener(block.text()) >= 0;
}

bool JsonCodeView::isFolded(const QTextBlock &block) const
{
    const JsonBlockData *data = JsonBlockData::of(block);
    return data && data->folded && block.next().isValid() && !block.next().isVisible();
}

JsonCodeView::Region JsonCodeView::foldRegion(const QTextBlock &block) const
{
    const QString first = block.text();
    const qsizetype opener = unclosedOpener(first);
    if (opener < 0)
        return {};
    // Depth counts brackets of either kind: the region ends where the opener's depth does.
    int depth = 0;
    bool found = false;
    QTextBlock b = block;
    qsizetype start = opener;
    while (b.isValid()) {
        const QString text = b == block ? first : b.text();
        forEachBracket(QStringView(text).sliced(qMin<qsizetype>(start, text.size())),
                       [&](qsizetype, char16_t c) {
                           depth += isOpener(c) ? 1 : -1;
                           if (depth == 0) {
                               found = true;
                               return false;
                           }
                           return true;
                       });
        if (found)
            break;
        b = b.next();
        start = 0;
    }
    if (!found || b == block)
        return {};
    return { b, isCloserLine(QStringView(b.text()).trimmed()) };
}

bool JsonCodeView::foldBlock(QTextBlock block)
{
    if (!block.isValid() || !block.isVisible() || isFolded(block))
        return false;
    const Region region = foldRegion(block);
    if (!region.end.isValid())
        return false;
    const QTextBlock last = region.hideEnd ? region.end : region.end.previous();
    if (last.blockNumber() <= block.blockNumber())
        return false;
    JsonBlockData::ensure(block)->folded = true;
    QTextBlock b = block.next();
    const int from = b.position();
    while (b.isValid()) {
        b.setVisible(false);
        b.setLineCount(0);
        if (b == last)
            break;
        b = b.next();
    }
    document()->markContentsDirty(from, last.position() + last.length() - from);
    if (auto *layout = qobject_cast<JsonDocumentLayout *>(document()->documentLayout()))
        layout->visibilityChanged();
    // The cursor does not stay on a hidden line.
    if (!m_inContentsChange && !textCursor().block().isVisible()) {
        QTextCursor cursor = textCursor();
        cursor.setPosition(block.position() + block.length() - 1);
        setTextCursor(cursor);
    }
    m_highlighter->highlightVisible(ScrollBudgetMs);
    m_gutter->update();
    viewport()->update();
    return true;
}

void JsonCodeView::unfoldBlock(QTextBlock block)
{
    if (!block.isValid())
        return;
    if (JsonBlockData *data = JsonBlockData::of(block))
        data->folded = false;
    // Show the whole hidden run after the line (whatever hid it), then fold again the
    // folded lines inside it, outermost first.
    QTextBlock b = block.next();
    if (!b.isValid() || b.isVisible()) {
        m_gutter->update();
        return;
    }
    const int from = b.position();
    int to = from;
    QList<QTextBlock> refold;
    while (b.isValid() && !b.isVisible()) {
        b.setVisible(true);
        b.setLineCount(1);
        const JsonBlockData *data = JsonBlockData::of(b);
        if (data && data->folded)
            refold.append(b);
        to = b.position() + b.length();
        b = b.next();
    }
    document()->markContentsDirty(from, qMin(to, document()->characterCount()) - from);
    for (const QTextBlock &f : std::as_const(refold)) {
        if (f.isVisible()) {
            JsonBlockData::of(f)->folded = false;
            foldBlock(f);
        }
    }
    if (auto *layout = qobject_cast<JsonDocumentLayout *>(document()->documentLayout()))
        layout->visibilityChanged();
    m_highlighter->highlightVisible(ScrollBudgetMs);
    m_gutter->update();
    viewport()->update();
}

void JsonCodeView::toggleFold(const QTextBlock &block)
{
    if (isFolded(block))
        unfoldBlock(block);
    else
        foldBlock(block);
}

void JsonCodeView::revealBlock(QTextBlock block)
{
    for (int guard = 0; guard < 1000 && block.isValid() && !block.isVisible(); ++guard) {
        // The visible line before a hidden one is what hides it.
        QTextBlock owner = document()->findBlockByLineNumber(block.firstLineNumber() - 1);
        if (!owner.isValid() || owner == block) {
            owner = block.previous();
            while (owner.isValid() && !owner.isVisible())
                owner = owner.previous();
        }
        if (!owner.isValid())
            break;
        unfoldBlock(owner);
    }
}

void JsonCodeView::foldAll()
{
    // One pass finds every region (a bracket closed on a later line); those below the
    // outermost are marked folded, and the lines of the top ones are hidden in a second
    // pass, so the cost is the text's length however many regions there are.
    struct Open
    {
        int block;
        int depth;
    };
    struct Found
    {
        int start;
        int lastHidden;
        int depth;
    };
    QList<Found> regions;
    QList<Open> stack;
    for (QTextBlock b = document()->firstBlock(); b.isValid(); b = b.next()) {
        const QString text = b.text();
        if (text.size() > MaxScannedLine)
            continue;
        const int number = b.blockNumber();
        bool closerLine = false;
        bool closerLineKnown = false;
        forEachBracket(text, [&](qsizetype, char16_t c) {
            if (isOpener(c)) {
                stack.append({ number, int(stack.size()) });
            } else if (!stack.isEmpty()) {
                const Open open = stack.takeLast();
                if (open.block != number && open.depth >= 1) {
                    if (!closerLineKnown) {
                        closerLine = isCloserLine(QStringView(text).trimmed());
                        closerLineKnown = true;
                    }
                    const int lastHidden = closerLine ? number : number - 1;
                    if (lastHidden > open.block)
                        regions.append({ open.block, lastHidden, open.depth });
                }
            }
            return true;
        });
    }
    if (regions.isEmpty())
        return;
    // A line opening two regions folds the outer one (as foldBlock() does).
    std::sort(regions.begin(), regions.end(), [](const Found &a, const Found &b) {
        return a.start != b.start ? a.start < b.start : a.depth < b.depth;
    });
    QTextBlock b = document()->firstBlock();
    int number = 0;
    int hideUntil = -1;
    for (const Found &region : std::as_const(regions)) {
        if (region.start < number)
            continue; // the second region of the same line
        while (b.isValid() && number < region.start) {
            if (number <= hideUntil) {
                b.setVisible(false);
                b.setLineCount(0);
            }
            b = b.next();
            ++number;
        }
        if (!b.isValid())
            break;
        JsonBlockData::ensure(b)->folded = true;
        if (number > hideUntil)
            hideUntil = region.lastHidden; // a top region: its lines are hidden
        else if (number <= hideUntil) {
            b.setVisible(false);
            b.setLineCount(0);
        }
        b = b.next();
        ++number;
    }
    for (; b.isValid() && number <= hideUntil; b = b.next(), ++number) {
        b.setVisible(false);
        b.setLineCount(0);
    }
    document()->markContentsDirty(0, document()->characterCount());
    if (auto *layout = qobject_cast<JsonDocumentLayout *>(document()->documentLayout()))
        layout->visibilityChanged();
    if (!textCursor().block().isVisible()) {
        QTextCursor cursor = textCursor();
        QTextBlock owner = textCursor().block();
        while (owner.isValid() && !owner.isVisible())
            owner = owner.previous();
        cursor.setPosition(owner.position() + owner.length() - 1);
        setTextCursor(cursor);
    }
    m_highlighter->highlightVisible(ScrollBudgetMs);
    m_gutter->update();
}

void JsonCodeView::unfoldAll()
{
    bool changed = false;
    for (QTextBlock b = document()->firstBlock(); b.isValid(); b = b.next()) {
        if (JsonBlockData *data = JsonBlockData::of(b))
            data->folded = false;
        if (!b.isVisible()) {
            b.setVisible(true);
            b.setLineCount(1);
            changed = true;
        }
    }
    if (!changed)
        return;
    document()->markContentsDirty(0, document()->characterCount());
    if (auto *layout = qobject_cast<JsonDocumentLayout *>(document()->documentLayout()))
        layout->visibilityChanged();
    m_highlighter->highlightVisible(ScrollBudgetMs);
    m_gutter->update();
}

QTextBlock JsonCodeView::visibleAtOrAfter(const QTextBlock &block) const
{
    if (!block.isValid() || block.isVisible())
        return block;
    const QTextBlock visible = document()->findBlockByLineNumber(block.firstLineNumber());
    return visible.isValid() && visible.isVisible() ? visible : QTextBlock();
}

QTextBlock JsonCodeView::nextVisibleBlock(const QTextBlock &block) const
{
    QTextBlock next = block.next();
    if (next.isValid() && !next.isVisible()) {
        // Hidden lines count no lines: the line number after them is the next visible line's.
        next = document()->findBlockByLineNumber(next.firstLineNumber());
        if (next.isValid() && !next.isVisible())
            next = QTextBlock();
    }
    return next;
}

QString JsonCodeView::closerText(const QTextBlock &folded) const
{
    const QTextBlock after = nextVisibleBlock(folded);
    const QTextBlock last = after.isValid() ? after.previous() : document()->lastBlock();
    if (!last.isValid() || last == folded || last.isVisible())
        return {};
    const QString trimmed = last.text().trimmed();
    return isCloserLine(trimmed) ? trimmed : QString();
}

// ---------------------------------------------------------------- brackets

JsonCodeView::BracketMatch JsonCodeView::matchBracket(const QTextCursor &cursor) const
{
    BracketMatch result;
    const QTextBlock block = cursor.block();
    const QString text = block.text();
    if (text.size() > MaxScannedLine)
        return result;
    const int column = cursor.positionInBlock();
    qsizetype at = -1;
    if (column > 0 && (isOpener(text[column - 1].unicode()) || isCloser(text[column - 1].unicode()))
        && !insideString(text, column - 1))
        at = column - 1;
    else if (column < text.size() && (isOpener(text[column].unicode()) || isCloser(text[column].unicode()))
             && !insideString(text, column))
        at = column;
    if (at < 0)
        return result;
    const char16_t bracket = text[at].unicode();
    result.bracket = block.position() + int(at);
    result.mismatch = true;
    qsizetype scanned = 0;
    int depth = 0;
    bool done = false;
    if (isOpener(bracket)) {
        QTextBlock b = block;
        qsizetype start = at;
        QString line = text;
        while (b.isValid() && !done && scanned < BracketScanLimit) {
            const int base = b.position();
            forEachBracket(QStringView(line).sliced(start), [&](qsizetype i, char16_t c) {
                depth += isOpener(c) ? 1 : -1;
                if (depth == 0) {
                    result.partner = base + int(start + i);
                    result.mismatch = c != partnerOf(bracket);
                    done = true;
                    return false;
                }
                return true;
            });
            scanned += line.size() + 1;
            b = b.next();
            start = 0;
            if (b.isValid())
                line = b.text();
        }
        if (!done && b.isValid())
            return {}; // beyond the limit: unknown, not unmatched
    } else {
        QTextBlock b = block;
        qsizetype end = at + 1; // scan [0, end) of this line backwards
        QString line = text;
        while (b.isValid() && !done && scanned < BracketScanLimit) {
            QVarLengthArray<QPair<qsizetype, char16_t>, 32> brackets;
            if (line.size() <= MaxScannedLine) {
                forEachBracket(QStringView(line).first(end), [&](qsizetype i, char16_t c) {
                    brackets.append({ i, c });
                    return true;
                });
            }
            const int base = b.position();
            for (auto it = brackets.crbegin(); it != brackets.crend(); ++it) {
                depth += isCloser(it->second) ? 1 : -1;
                if (depth == 0) {
                    result.partner = base + int(it->first);
                    result.mismatch = it->second != partnerOf(bracket);
                    done = true;
                    break;
                }
            }
            scanned += line.size() + 1;
            b = b.previous();
            if (b.isValid()) {
                line = b.text();
                end = line.size();
            }
        }
        if (!done && b.isValid())
            return {};
    }
    return result;
}

// ---------------------------------------------------------------- visible range

QList<int> JsonCodeView::visibleBlockNumbers() const
{
    QList<int> result;
    QTextBlock block = visibleAtOrAfter(firstVisibleBlock());
    if (!block.isValid())
        return result;
    const int lineHeight = qMax(1, fontMetrics().lineSpacing());
    const int lines = viewport()->height() / lineHeight + 2;
    int number = block.blockNumber();
    while (block.isValid() && result.size() < lines) {
        result.append(number);
        QTextBlock next = block.next();
        if (next.isValid() && !next.isVisible()) {
            next = nextVisibleBlock(block);
            if (next.isValid())
                number = next.blockNumber();
        } else {
            ++number;
        }
        block = next;
    }
    return result;
}

QTextBlock JsonCodeView::blockAtY(int y) const
{
    QTextBlock block = visibleAtOrAfter(firstVisibleBlock());
    qreal top = block.isValid() ? blockBoundingGeometry(block).translated(contentOffset()).top() : 0;
    while (block.isValid()) {
        const qreal height = blockBoundingRect(block).height();
        if (y >= top && y < top + height)
            return block;
        if (top > y)
            break;
        top += height;
        block = nextVisibleBlock(block);
    }
    return {};
}

// ---------------------------------------------------------------- gutter

int JsonCodeView::gutterWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    digits = qMax(digits, 3);
    const QFontMetrics fm(font());
    const int line = fm.height();
    return line + fm.horizontalAdvance(u'9') * digits + 8 + line;
}

QRect JsonCodeView::foldMarkerRect(const QTextBlock &block) const
{
    const int line = QFontMetrics(font()).height();
    const QRectF geometry = blockBoundingGeometry(block).translated(contentOffset());
    return QRect(gutterWidth() - line, int(geometry.top()), line, int(geometry.height()));
}

void JsonCodeView::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
}

void JsonCodeView::onUpdateRequest(const QRect &rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void JsonCodeView::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), m_colors.gutterBackground);
    painter.setPen(m_colors.separator);
    painter.drawLine(m_gutter->width() - 1, event->rect().top(), m_gutter->width() - 1,
                     event->rect().bottom());
    painter.setRenderHint(QPainter::Antialiasing);

    const QFontMetrics fm(font());
    const int lineHeight = fm.height();
    const int numbersRight = m_gutter->width() - lineHeight - 4;
    const int currentBlock = textCursor().blockNumber();
    QFont numberFont = font();
    QFont currentFont = font();
    currentFont.setBold(true);

    QTextBlock block = visibleAtOrAfter(firstVisibleBlock());
    if (!block.isValid())
        return;
    int number = block.blockNumber();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal height = blockBoundingRect(block).height();
        if (top + height >= event->rect().top()) {
            // Problem marker: the worst problem on the line (or under the fold).
            const bool folded = isFolded(block);
            const QTextBlock after = folded ? nextVisibleBlock(block) : block.next();
            const int from = block.position();
            const int to = (after.isValid() ? after.position() : document()->characterCount()) - 1;
            bool error = false;
            bool warning = false;
            for (const Mark *mark : marksIn(from, to)) {
                const int start = mark->range.selectionStart();
                if (start > to || mark->range.selectionEnd() < from)
                    continue;
                (mark->error ? error : warning) = true;
            }
            if (error || warning) {
                const qreal d = lineHeight * 0.55;
                const QRectF dot(lineHeight / 2.0 - d / 2 + 1, top + (height - d) / 2, d, d);
                painter.setPen(Qt::NoPen);
                painter.setBrush(error ? m_colors.error : m_colors.warning);
                if (error) {
                    painter.drawEllipse(dot);
                } else {
                    QPainterPath triangle;
                    triangle.moveTo(dot.center().x(), dot.top());
                    triangle.lineTo(dot.right() + 1, dot.bottom());
                    triangle.lineTo(dot.left() - 1, dot.bottom());
                    triangle.closeSubpath();
                    painter.drawPath(triangle);
                }
                painter.setBrush(Qt::NoBrush);
            }
            // Line number.
            const bool current = number == currentBlock;
            painter.setFont(current ? currentFont : numberFont);
            painter.setPen(current ? m_colors.gutterCurrentText : m_colors.gutterText);
            painter.drawText(QRectF(0, top, numbersRight, height), Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(number + 1));
            // Fold marker: a chevron, pointing right when folded.
            if (folded || canFold(block)) {
                const QRectF box(m_gutter->width() - lineHeight - 1, top, lineHeight, height);
                const QPointF c = box.center();
                const qreal s = lineHeight * 0.18;
                QPen pen(number == m_hoverFoldBlock ? m_colors.gutterCurrentText : m_colors.foldMarker, 1.6);
                pen.setCapStyle(Qt::RoundCap);
                pen.setJoinStyle(Qt::RoundJoin);
                painter.setPen(pen);
                QPainterPath chevron;
                if (folded) {
                    chevron.moveTo(c.x() - s * 0.6, c.y() - s * 1.2);
                    chevron.lineTo(c.x() + s * 0.6, c.y());
                    chevron.lineTo(c.x() - s * 0.6, c.y() + s * 1.2);
                } else {
                    chevron.moveTo(c.x() - s * 1.2, c.y() - s * 0.6);
                    chevron.lineTo(c.x(), c.y() + s * 0.6);
                    chevron.lineTo(c.x() + s * 1.2, c.y() - s * 0.6);
                }
                painter.drawPath(chevron);
            }
        }
        top += height;
        const QTextBlock next = nextVisibleBlock(block);
        number = next.isValid() ? (next == block.next() ? number + 1 : next.blockNumber()) : number;
        block = next;
    }
}

QString JsonCodeView::toolTipForBlock(const QTextBlock &block) const
{
    if (!block.isValid())
        return {};
    const QTextBlock after = isFolded(block) ? nextVisibleBlock(block) : block.next();
    const int from = block.position();
    const int to = (after.isValid() ? after.position() : document()->characterCount()) - 1;
    QStringList lines;
    for (const Mark *mark : marksIn(from, to)) {
        if (mark->range.selectionStart() > to || mark->range.selectionEnd() < from)
            continue;
        lines.append((mark->error ? tr("Error: %1") : tr("Warning: %1")).arg(mark->message));
    }
    return lines.join(u'\n');
}

bool JsonCodeView::gutterEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const QTextBlock block = blockAtY(help->pos().y());
        const QString text = toolTipForBlock(block);
        if (text.isEmpty()) {
            if (block.isValid() && (isFolded(block) || canFold(block))
                && help->pos().x() >= m_gutter->width() - QFontMetrics(font()).height() - 2)
                QToolTip::showText(help->globalPos(), isFolded(block) ? tr("Unfold") : tr("Fold"), m_gutter);
            else
                QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), text, m_gutter);
        }
        return true;
    }
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton)
            return false;
        const QTextBlock block = blockAtY(int(mouse->position().y()));
        if (!block.isValid())
            return true;
        const int foldColumn = m_gutter->width() - QFontMetrics(font()).height() - 2;
        if (mouse->position().x() >= foldColumn) {
            if (isFolded(block) || canFold(block))
                toggleFold(block);
            return true;
        }
        // A click on a line number selects the line.
        QTextCursor cursor(block);
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        setTextCursor(cursor);
        setFocus(Qt::MouseFocusReason);
        return true;
    }
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        const QTextBlock block = blockAtY(int(mouse->position().y()));
        const int foldColumn = m_gutter->width() - QFontMetrics(font()).height() - 2;
        const int hover = block.isValid() && mouse->position().x() >= foldColumn ? block.blockNumber() : -1;
        if (hover != m_hoverFoldBlock) {
            m_hoverFoldBlock = hover;
            m_gutter->setCursor(hover >= 0 && (isFolded(block) || canFold(block)) ? Qt::PointingHandCursor
                                                                                  : Qt::ArrowCursor);
            m_gutter->update();
        }
        return false;
    }
    case QEvent::Leave:
        if (m_hoverFoldBlock >= 0) {
            m_hoverFoldBlock = -1;
            m_gutter->update();
        }
        return false;
    default:
        return false;
    }
}

// ---------------------------------------------------------------- painting

void JsonCodeView::paintEvent(QPaintEvent *event)
{
    // Safety net: lines on screen that missed their formats get them right after this paint.
    if (!m_highlighter->isVisibleUpToDate())
        QTimer::singleShot(0, this, [this] { m_highlighter->highlightVisible(ScrollBudgetMs); });

    // QPlainTextEdit::paintEvent, except that hidden lines are stepped over without
    // being laid out, and folded lines get their placeholder.
    QPainter painter(viewport());
    QPointF offset(contentOffset());
    QRect er = event->rect();
    const QRect viewportRect = viewport()->rect();
    const bool editable = !isReadOnly();
    const qreal maximumWidth = document()->documentLayout()->documentSize().width();
    painter.setBrushOrigin(offset);
    const int maxX
        = int(offset.x() + qMax(qreal(viewportRect.width()), maximumWidth) - document()->documentMargin())
        + cursorWidth();
    er.setRight(qMin(er.right(), maxX));
    painter.setClipRect(er);

    const QAbstractTextDocumentLayout::PaintContext context = getPaintContext();
    painter.setPen(context.palette.text().color());
    m_placeholders.clear();

    QTextBlock block = visibleAtOrAfter(firstVisibleBlock());
    while (block.isValid()) {
        const QRectF r = blockBoundingRect(block).translated(offset);
        QTextLayout *layout = block.layout();
        if (r.bottom() >= er.top() && r.top() <= er.bottom()) {
            QList<QTextLayout::FormatRange> selections;
            const int blpos = block.position();
            const int bllen = block.length();
            for (const QAbstractTextDocumentLayout::Selection &range : context.selections) {
                const int selStart = range.cursor.selectionStart() - blpos;
                const int selEnd = range.cursor.selectionEnd() - blpos;
                if (selStart < bllen && selEnd > 0 && selEnd > selStart) {
                    QTextLayout::FormatRange o;
                    o.start = selStart;
                    o.length = selEnd - selStart;
                    o.format = range.format;
                    selections.append(o);
                } else if (!range.cursor.hasSelection()
                           && range.format.hasProperty(QTextFormat::FullWidthSelection)
                           && block.contains(range.cursor.position())) {
                    // A full-width selection needs only a position to name its line.
                    QTextLayout::FormatRange o;
                    const QTextLine l = layout->lineForTextPosition(range.cursor.position() - blpos);
                    o.start = l.textStart();
                    o.length = l.textLength();
                    if (o.start + o.length == bllen - 1)
                        ++o.length; // include the line break
                    o.format = range.format;
                    selections.append(o);
                }
            }
            const bool drawCursor = (editable || (textInteractionFlags() & Qt::TextSelectableByKeyboard))
                && context.cursorPosition >= blpos && context.cursorPosition < blpos + bllen;
            bool drawCursorAsBlock = drawCursor && overwriteMode();
            if (drawCursorAsBlock) {
                if (context.cursorPosition == blpos + bllen - 1) {
                    drawCursorAsBlock = false;
                } else {
                    QTextLayout::FormatRange o;
                    o.start = context.cursorPosition - blpos;
                    o.length = 1;
                    o.format.setForeground(palette().base());
                    o.format.setBackground(palette().text());
                    selections.append(o);
                }
            }
            layout->draw(&painter, offset, selections, er);
            if ((drawCursor && !drawCursorAsBlock)
                || (editable && context.cursorPosition < -1 && !layout->preeditAreaText().isEmpty())) {
                int cpos = context.cursorPosition;
                if (cpos < -1)
                    cpos = layout->preeditAreaPosition() - (cpos + 2);
                else
                    cpos -= blpos;
                layout->drawCursor(&painter, offset, cpos, cursorWidth());
            }
            if (isFolded(block))
                drawFoldPlaceholder(painter, block, r);
        }
        offset.ry() += r.height();
        if (offset.y() > viewportRect.height())
            break;
        block = nextVisibleBlock(block);
    }
}

void JsonCodeView::drawFoldPlaceholder(QPainter &painter, const QTextBlock &block, const QRectF &rect)
{
    const QTextLayout *layout = block.layout();
    if (!layout || layout->lineCount() == 0)
        return;
    const QTextLine line = layout->lineAt(0);
    const QFontMetricsF fm(font());
    const qreal space = fm.horizontalAdvance(u' ');
    const QString dots = u"\u22ef"_s;
    const qreal x = rect.left() + line.position().x() + line.naturalTextWidth() + space;
    const QRectF box(x, rect.top() + 2, fm.horizontalAdvance(dots) + space * 1.5, rect.height() - 4);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(m_colors.foldMarker);
    painter.setBrush(m_colors.placeholderBackground);
    painter.drawRoundedRect(box, 3, 3);
    painter.setPen(m_colors.gutterCurrentText);
    painter.drawText(box, Qt::AlignCenter, dots);
    const QString closer = closerText(block);
    if (!closer.isEmpty()) {
        painter.setPen(palette().text().color());
        painter.drawText(QPointF(box.right() + space, rect.top() + line.ascent()), closer);
    }
    painter.restore();
    m_placeholders.append({ box.toAlignedRect(), block.blockNumber() });
}

// ---------------------------------------------------------------- events

void JsonCodeView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateGutterWidth();
    m_highlighter->highlightVisible(ScrollBudgetMs);
    scheduleExtraSelections();
}

void JsonCodeView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    // A new application palette (light ↔ dark) arrives as a palette change; so does our
    // own setPalette(), which m_applyingTheme ignores.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyTheme();
    else if (event->type() == QEvent::FontChange)
        updateGutterWidth();
}

void JsonCodeView::applyTheme()
{
    if (m_applyingTheme)
        return;
    m_applyingTheme = true;
    using KSyntaxHighlighting::Theme;
    const Theme theme = SyntaxTheme::themeFor(this);
    const bool dark = SyntaxTheme::isDark(this);
    m_highlighter->setTheme(theme);
    setPalette(SyntaxTheme::editorPalette(QWidget::palette(), theme));
    const QColor background = SyntaxTheme::editorColor(theme, Theme::BackgroundColor);
    m_colors.gutterBackground = SyntaxTheme::editorColor(theme, Theme::IconBorder);
    m_colors.gutterText = SyntaxTheme::editorColor(theme, Theme::LineNumbers);
    m_colors.gutterCurrentText = SyntaxTheme::editorColor(theme, Theme::CurrentLineNumber);
    m_colors.separator = SyntaxTheme::editorColor(theme, Theme::Separator);
    m_colors.currentLine = SyntaxTheme::editorColor(theme, Theme::CurrentLine);
    // The themes' bracket and search colours are loud (pure yellow in Breeze Light): soften them.
    m_colors.bracketMatch = dark
        ? blend(QColor(0xff, 0xff, 0xff), background, 0.22)
        : blend(SyntaxTheme::editorColor(theme, Theme::BracketMatching), background, 0.45);
    m_colors.searchMatch
        = blend(dark ? QColor(0x8a, 0x76, 0x1c) : QColor(0xf5, 0xc2, 0x11), background, dark ? 0.75 : 0.5);
    m_colors.error = dark ? QColor(0xf0, 0x5a, 0x5a) : QColor(0xdc, 0x26, 0x26);
    m_colors.warning = dark ? QColor(0xf0, 0xa0, 0x30) : QColor(0xd9, 0x77, 0x06);
    m_colors.bracketMismatch = blend(m_colors.error, background, 0.35);
    m_colors.foldMarker = blend(m_colors.gutterText, m_colors.gutterBackground, 0.8);
    m_colors.placeholderBackground
        = blend(SyntaxTheme::editorColor(theme, Theme::CodeFolding), background, 0.35);
    m_highlighter->highlightVisible(ScrollBudgetMs);
    refreshExtraSelections();
    m_gutter->update();
    viewport()->update();
    m_applyingTheme = false;
}

bool JsonCodeView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        // Our commands win over the window's shortcuts while the text has focus.
        const bool escape = key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier;
        if (commandFor(key) || (escape && m_escapeHandler && m_escapeHandler(false))) {
            event->accept();
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

QAction *JsonCodeView::commandFor(const QKeyEvent *event) const
{
    const QKeyCombination combination = event->keyCombination();
    for (QAction *action : m_commands) {
        const QList<QKeySequence> shortcuts = action->shortcuts();
        for (const QKeySequence &sequence : shortcuts) {
            if (sequence.count() == 1 && sequence[0] == combination)
                return action;
        }
    }
    return nullptr;
}

void JsonCodeView::keyPressEvent(QKeyEvent *event)
{
    if (QAction *action = commandFor(event)) {
        if (action->isEnabled())
            action->trigger();
        event->accept();
        return;
    }
    const int key = event->key();
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (key == Qt::Key_Escape && mods == Qt::NoModifier && m_escapeHandler && m_escapeHandler(true)) {
        event->accept();
        return;
    }
    if (!isReadOnly()) {
        if ((key == Qt::Key_Return || key == Qt::Key_Enter)
            && (mods == Qt::NoModifier || mods == Qt::ShiftModifier)) {
            insertNewline();
            event->accept();
            return;
        }
        if (key == Qt::Key_Tab && mods == Qt::NoModifier) {
            indentSelection(true);
            event->accept();
            return;
        }
        if (key == Qt::Key_Backtab || (key == Qt::Key_Tab && mods == Qt::ShiftModifier)) {
            indentSelection(false);
            event->accept();
            return;
        }
        if (key == Qt::Key_Backspace && mods == Qt::NoModifier && smartBackspace()) {
            event->accept();
            return;
        }
        const QString text = event->text();
        if (text.size() == 1 && isCloser(text[0].unicode()) && !textCursor().hasSelection()) {
            insertClosingBracket(text[0]);
            event->accept();
            return;
        }
    }
    const bool vertical
        = key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp || key == Qt::Key_PageDown;
    if (vertical) {
        m_navigating = true;
        QPlainTextEdit::keyPressEvent(event);
        m_navigating = false;
        fixCursorAfterNavigation(key);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void JsonCodeView::fixCursorAfterNavigation(int key)
{
    QTextCursor cursor = textCursor();
    QTextBlock block = cursor.block();
    if (block.isVisible()) {
        onCursorPositionChanged();
        return;
    }
    // Moving over a fold: land on the line after it (down) or on the folded line (up).
    const bool down = key == Qt::Key_Down || key == Qt::Key_PageDown;
    QTextBlock target = down ? nextVisibleBlock(block) : block;
    if (!down || !target.isValid()) {
        target = block.previous();
        while (target.isValid() && !target.isVisible())
            target = target.previous();
    }
    if (!target.isValid())
        return;
    cursor.setPosition(target.position() + qMin(cursor.positionInBlock(), target.length() - 1),
                       cursor.hasSelection() ? QTextCursor::KeepAnchor : QTextCursor::MoveAnchor);
    setTextCursor(cursor);
}

void JsonCodeView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        for (const auto &[rect, number] : std::as_const(m_placeholders)) {
            if (rect.contains(event->position().toPoint())) {
                unfoldBlock(document()->findBlockByNumber(number));
                event->accept();
                return;
            }
        }
    }
    QPlainTextEdit::mousePressEvent(event);
}

bool JsonCodeView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        for (const auto &[rect, number] : std::as_const(m_placeholders)) {
            if (rect.contains(help->pos())) {
                const QTextBlock block = document()->findBlockByNumber(number);
                const QTextBlock after = nextVisibleBlock(block);
                const int hidden = (after.isValid() ? after.blockNumber() : blockCount()) - number - 1;
                QToolTip::showText(help->globalPos(),
                                   tr("%n hidden line(s); click to unfold", nullptr, hidden), viewport());
                return true;
            }
        }
        const QTextCursor at = cursorForPosition(help->pos());
        const int position = at.position();
        QStringList lines;
        for (const Mark *mark : marksIn(position - 1, position + 1)) {
            int start = mark->range.selectionStart();
            int end = mark->range.selectionEnd();
            if (end == start)
                ++end; // a problem at a point is shown on one character
            if (position >= start && position <= end)
                lines.append((mark->error ? tr("Error: %1") : tr("Warning: %1")).arg(mark->message));
        }
        if (lines.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), lines.join(u'\n'), viewport());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

void JsonCodeView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu(event->pos());
    // The document's own undo is off when an undo stack is in use: offer ours instead.
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (action->objectName() == "edit-undo"_L1 && m_undoAction) {
            menu->insertAction(action, m_undoAction);
            menu->removeAction(action);
        } else if (action->objectName() == "edit-redo"_L1 && m_redoAction) {
            menu->insertAction(action, m_redoAction);
            menu->removeAction(action);
        }
    }
    if (!m_menuActions.isEmpty()) {
        menu->addSeparator();
        for (QAction *action : std::as_const(m_menuActions)) {
            if (action)
                menu->addAction(action);
            else
                menu->addSeparator();
        }
    }
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

// ---------------------------------------------------------------- document changes

void JsonCodeView::onContentsChange(int position, int charsRemoved, int charsAdded)
{
    const QScopedValueRollback<bool> inChange(m_inContentsChange, true);
    m_highlighter->documentChanged(position, charsRemoved, charsAdded);
    // An edit in or at a fold opens it.
    QTextDocument *doc = document();
    const QTextBlock first = doc->findBlock(position);
    const QTextBlock last = doc->findBlock(qMin(position + charsAdded, doc->characterCount() - 1));
    for (const QTextBlock &b : { first, last }) {
        if (!b.isValid())
            continue;
        const JsonBlockData *data = JsonBlockData::of(b);
        if (data && data->folded)
            unfoldBlock(b);
        if (!b.isVisible())
            revealBlock(b);
    }
    if (last.isValid()) {
        const QTextBlock next = last.next();
        if (next.isValid() && !next.isVisible()) {
            const JsonBlockData *data = JsonBlockData::of(last);
            if (!data || !data->folded)
                revealBlock(next);
        }
    }
    m_highlighter->highlightVisible(TypingBudgetMs);
    scheduleExtraSelections();
}

void JsonCodeView::onCursorPositionChanged()
{
    if (m_navigating)
        return;
    const QTextBlock block = textCursor().block();
    if (!block.isVisible())
        revealBlock(block);
    refreshExtraSelections();
    m_gutter->update();
}

void JsonCodeView::onScrolled()
{
    m_highlighter->highlightVisible(ScrollBudgetMs);
    refreshExtraSelections();
}

void JsonCodeView::scheduleExtraSelections()
{
    m_selectionTimer->start();
}

void JsonCodeView::refreshExtraSelections()
{
    m_selectionTimer->stop();
    QList<QTextEdit::ExtraSelection> selections;
    if (!m_document) {
        setExtraSelections(selections);
        return;
    }
    // The current line.
    {
        QTextEdit::ExtraSelection line;
        line.format.setBackground(m_colors.currentLine);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = textCursor();
        line.cursor.clearSelection();
        selections.append(line);
    }
    const QList<int> visible = visibleBlockNumbers();
    if (!visible.isEmpty()) {
        const QTextBlock firstBlock = document()->findBlockByNumber(visible.first());
        const QTextBlock lastBlock = document()->findBlockByNumber(visible.last());
        const int viewFrom = firstBlock.position();
        const int viewTo = lastBlock.position() + lastBlock.length();
        // Search matches on screen.
        if (m_searchPattern.isValid() && !m_searchPattern.pattern().isEmpty()) {
            QTextCharFormat format;
            format.setBackground(m_colors.searchMatch);
            for (int number : visible) {
                const QTextBlock block = document()->findBlockByNumber(number);
                const QString text = block.text();
                if (text.size() > MaxScannedLine)
                    continue;
                QRegularExpressionMatchIterator it = m_searchPattern.globalMatch(text);
                for (int count = 0; it.hasNext() && count < 500; ++count) {
                    const QRegularExpressionMatch match = it.next();
                    if (match.capturedLength() == 0)
                        continue;
                    QTextEdit::ExtraSelection s;
                    s.format = format;
                    s.cursor = QTextCursor(document());
                    s.cursor.setPosition(block.position() + int(match.capturedStart()));
                    s.cursor.setPosition(block.position() + int(match.capturedEnd()),
                                         QTextCursor::KeepAnchor);
                    selections.append(s);
                }
            }
        }
        // Problems on screen: wavy underlines.
        for (const Mark *mark : marksIn(viewFrom, viewTo)) {
            QTextEdit::ExtraSelection s;
            s.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            s.format.setUnderlineColor(mark->error ? m_colors.error : m_colors.warning);
            s.format.setToolTip(mark->message);
            s.cursor = mark->range;
            if (!s.cursor.hasSelection()) {
                // A problem at a point (the end of the text, a missing comma) marks a character.
                const int p = s.cursor.position();
                const QTextBlock b = s.cursor.block();
                if (p < b.position() + b.length() - 1) {
                    s.cursor.setPosition(p + 1, QTextCursor::KeepAnchor);
                } else if (p > b.position()) {
                    s.cursor.setPosition(p - 1);
                    s.cursor.setPosition(p, QTextCursor::KeepAnchor);
                }
            }
            selections.append(s);
        }
    }
    // The bracket at the cursor and its partner.
    const BracketMatch match = matchBracket(textCursor());
    if (match.bracket >= 0) {
        QTextCharFormat format;
        format.setBackground(match.mismatch ? m_colors.bracketMismatch : m_colors.bracketMatch);
        // The bracket's own colour may be close to the marker's: draw it in the text colour.
        format.setForeground(palette().text());
        format.setFontWeight(QFont::Bold);
        for (int position : { match.bracket, match.partner }) {
            if (position < 0)
                continue;
            QTextEdit::ExtraSelection s;
            s.format = format;
            s.cursor = QTextCursor(document());
            s.cursor.setPosition(position);
            s.cursor.setPosition(position + 1, QTextCursor::KeepAnchor);
            selections.append(s);
        }
    }
    setExtraSelections(selections);
}

// ---------------------------------------------------------------- typing

void JsonCodeView::insertNewline()
{
    QTextCursor cursor = textCursor();
    cursor.beginEditBlock();
    if (cursor.hasSelection())
        cursor.removeSelectedText();
    const QTextBlock block = cursor.block();
    const QString text = block.text();
    const int column = cursor.positionInBlock();
    const QStringView before = QStringView(text).first(column);
    const QStringView after = QStringView(text).sliced(column);
    const QString indent = leadingWhitespace(before).toString();
    const QStringView beforeTrimmed = before.trimmed();
    const QStringView afterTrimmed = after.trimmed();
    const char16_t last = beforeTrimmed.isEmpty() ? 0 : beforeTrimmed.back().unicode();
    const char16_t next = afterTrimmed.isEmpty() ? 0 : afterTrimmed.front().unicode();
    const bool opens = isOpener(last);
    // Trailing spaces before the cursor and the spaces after it do not survive the break.
    qsizetype trailing = 0;
    while (trailing < before.size() - indent.size() && (before[before.size() - 1 - trailing] == u' '
                                                         || before[before.size() - 1 - trailing] == u'\t'))
        ++trailing;
    qsizetype leading = 0;
    while (leading < after.size() && (after[leading] == u' ' || after[leading] == u'\t'))
        ++leading;
    if (beforeTrimmed.isEmpty())
        trailing = 0;
    const int position = cursor.position();
    cursor.setPosition(position - int(trailing));
    cursor.setPosition(position + int(leading), QTextCursor::KeepAnchor);
    if (cursor.hasSelection())
        cursor.removeSelectedText();
    const QString inner = opens ? indent + m_indentUnit : indent;
    cursor.insertText(u'\n' + inner);
    if (opens && next == partnerOf(last)) {
        // "{|}" → the closing bracket on its own line below.
        const int inside = cursor.position();
        cursor.insertText(u'\n' + indent);
        cursor.setPosition(inside);
    }
    cursor.endEditBlock();
    setTextCursor(cursor);
    ensureCursorVisible();
}

void JsonCodeView::insertClosingBracket(QChar bracket)
{
    QTextCursor cursor = textCursor();
    const QTextBlock block = cursor.block();
    const QString text = block.text();
    const int column = cursor.positionInBlock();
    const QStringView before = QStringView(text).first(column);
    if (!before.trimmed().isEmpty() || before.isEmpty()) {
        insertPlainText(QString(bracket));
        return;
    }
    // Only whitespace before it: line the bracket up with the line that opened it.
    QString indent;
    bool found = false;
    int depth = 0;
    qsizetype scanned = 0;
    for (QTextBlock b = block.previous(); b.isValid() && !found && scanned < BracketScanLimit;
         b = b.previous()) {
        const QString line = b.text();
        scanned += line.size() + 1;
        if (line.size() > MaxScannedLine)
            continue;
        QVarLengthArray<char16_t, 32> brackets;
        forEachBracket(line, [&](qsizetype, char16_t c) {
            brackets.append(c);
            return true;
        });
        for (auto it = brackets.crbegin(); it != brackets.crend(); ++it) {
            if (isCloser(*it)) {
                ++depth;
            } else if (depth == 0) {
                indent = leadingWhitespace(line).toString();
                found = true;
                break;
            } else {
                --depth;
            }
        }
    }
    if (!found) {
        const int unitWidth = m_indentUnit == u"\t"_s ? 1 : int(m_indentUnit.size());
        const int width = indentWidth(before, unitWidth);
        indent = before.toString();
        if (m_indentUnit == u"\t"_s ? indent.endsWith(u'\t') : width >= unitWidth)
            indent.chop(m_indentUnit == u"\t"_s ? 1 : qMin<qsizetype>(unitWidth, indent.size()));
    }
    cursor.beginEditBlock();
    cursor.movePosition(QTextCursor::StartOfBlock);
    cursor.setPosition(block.position() + column, QTextCursor::KeepAnchor);
    cursor.insertText(indent + bracket);
    cursor.endEditBlock();
    setTextCursor(cursor);
}

void JsonCodeView::indentSelection(bool indent)
{
    QTextCursor cursor = textCursor();
    const bool multiLine = cursor.hasSelection()
        && document()->findBlock(cursor.selectionStart()) != document()->findBlock(cursor.selectionEnd());
    if (indent && !multiLine) {
        // Spaces up to the next indentation stop.
        if (m_indentUnit == u"\t"_s) {
            cursor.insertText(u"\t"_s);
        } else {
            const int unit = int(m_indentUnit.size());
            const int column = cursor.positionInBlock();
            cursor.insertText(QString(unit - column % unit, u' '));
        }
        setTextCursor(cursor);
        return;
    }
    QTextBlock first = document()->findBlock(cursor.selectionStart());
    QTextBlock last = document()->findBlock(cursor.selectionEnd());
    if (multiLine && cursor.selectionEnd() == last.position() && last != first)
        last = last.previous(); // a selection ending at a line start leaves that line alone
    QTextCursor edit(document());
    edit.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        if (indent) {
            if (!b.text().trimmed().isEmpty()) {
                edit.setPosition(b.position());
                edit.insertText(m_indentUnit);
            }
        } else {
            const QString text = b.text();
            qsizetype remove = 0;
            if (text.startsWith(u'\t')) {
                remove = 1;
            } else {
                while (remove < m_indentUnit.size() && remove < text.size() && text[remove] == u' ')
                    ++remove;
                if (m_indentUnit == u"\t"_s)
                    remove = qMin<qsizetype>(remove, 2);
            }
            if (remove > 0) {
                edit.setPosition(b.position());
                edit.setPosition(b.position() + int(remove), QTextCursor::KeepAnchor);
                edit.removeSelectedText();
            }
        }
        if (b == last)
            break;
    }
    edit.endEditBlock();
}

bool JsonCodeView::smartBackspace()
{
    QTextCursor cursor = textCursor();
    if (cursor.hasSelection() || m_indentUnit == u"\t"_s)
        return false;
    const int column = cursor.positionInBlock();
    if (column == 0)
        return false;
    const QString text = cursor.block().text();
    for (int i = 0; i < column; ++i) {
        if (text[i] != u' ')
            return false;
    }
    // In the indentation: back to the previous stop.
    const int unit = int(m_indentUnit.size());
    const int remove = column % unit == 0 ? unit : column % unit;
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, remove);
    cursor.removeSelectedText();
    setTextCursor(cursor);
    return true;
}

} // namespace Galley
