#include "editiondiffview.h"

#include "displayformat.h"
#include "statepill.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextOption>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

constexpr int kMargin = 12;
constexpr int kIndent = 18;
constexpr int kMaxIndentDepth = 6;
constexpr int kGutter = 12;
constexpr int kCellPadding = 6;
constexpr int kRowGap = 12;
constexpr int kMinCellWidth = 60;

using Change = EditionDiffRow::Change;
using RowShape = EditionDiffRow::Shape;

int indentOf(int depth)
{
    return std::min(depth, kMaxIndentDepth) * kIndent;
}

QColor changeHue(Change c)
{
    switch (c) {
    case Change::Added:
        return { 0x27, 0xae, 0x60 };
    case Change::Removed:
        return { 0xda, 0x44, 0x53 };
    case Change::Changed:
        return { 0xd9, 0x77, 0x06 };
    case Change::Unchanged:
        break;
    }
    return {};
}

QString changeText(Change c)
{
    switch (c) {
    case Change::Added:
        return EditionDiffView::tr("Added");
    case Change::Removed:
        return EditionDiffView::tr("Removed");
    case Change::Changed:
        return EditionDiffView::tr("Changed");
    case Change::Unchanged:
        break;
    }
    return {};
}

QString tagName(QStringView tag)
{
    qsizetype i = 1;
    while (i < tag.size() && (tag[i] == u'/' || tag[i].isSpace()))
        ++i;
    const qsizetype from = i;
    while (i < tag.size() && tag[i].isLetterOrNumber())
        ++i;
    return tag.mid(from, i - from).toString().toLower();
}

bool isClosing(QStringView tag)
{
    return tag.size() > 1 && tag[1] == u'/';
}

// Tags after which text starts on a new line (and, for blocks, after a blank line).
enum class Break { None, Line, Paragraph };

Break breakFor(const QString &name)
{
    static const QStringList paragraphs { u"p"_s,  u"h1"_s, u"h2"_s,         u"h3"_s, u"h4"_s,    u"h5"_s,
                                          u"h6"_s, u"ul"_s, u"ol"_s,         u"table"_s, u"blockquote"_s,
                                          u"pre"_s, u"figure"_s, u"section"_s, u"article"_s };
    static const QStringList lines { u"br"_s, u"li"_s, u"div"_s, u"tr"_s, u"dt"_s, u"dd"_s, u"hr"_s, u"figcaption"_s };
    if (paragraphs.contains(name))
        return Break::Paragraph;
    if (lines.contains(name))
        return Break::Line;
    return Break::None;
}

QString decodeEntities(QStringView s)
{
    if (!s.contains(u'&'))
        return s.toString();
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] != u'&') {
            out += s[i];
            continue;
        }
        const qsizetype semi = s.indexOf(u';', i);
        if (semi < 0 || semi - i > 10) {
            out += s[i];
            continue;
        }
        const QStringView name = s.mid(i + 1, semi - i - 1);
        QString decoded;
        if (name == u"amp")
            decoded = u"&"_s;
        else if (name == u"lt")
            decoded = u"<"_s;
        else if (name == u"gt")
            decoded = u">"_s;
        else if (name == u"quot")
            decoded = u"\""_s;
        else if (name == u"apos" || name == u"#39")
            decoded = u"'"_s;
        else if (name == u"nbsp")
            decoded = QString(QChar::Nbsp);
        else if (name.startsWith(u"#x") || name.startsWith(u"#X")) {
            bool ok = false;
            const uint code = name.mid(2).toUInt(&ok, 16);
            if (ok && code > 0 && code < 0x110000)
                decoded = QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
        } else if (name.startsWith(u'#')) {
            bool ok = false;
            const uint code = name.mid(1).toUInt(&ok, 10);
            if (ok && code > 0 && code < 0x110000)
                decoded = QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
        }
        if (decoded.isEmpty()) {
            out += s[i];
            continue;
        }
        out += decoded;
        i = semi;
    }
    return out;
}

// Builds a cell's text, collapsing the white space of rich text and turning its block tags
// into line breaks.
class CellWriter
{
public:
    explicit CellWriter(bool rich) : m_rich(rich) { }

    void text(QStringView piece, const QTextCharFormat *format)
    {
        const int from = int(m_cell.text.size());
        if (m_rich) {
            const QString decoded = decodeEntities(piece);
            for (const QChar c : decoded) {
                if (c.isSpace() && c != QChar::Nbsp) {
                    if (!m_cell.text.isEmpty() && !atBreak() && !m_cell.text.endsWith(u' '))
                        m_cell.text += u' ';
                } else {
                    m_cell.text += c;
                }
            }
        } else {
            for (const QChar c : piece)
                m_cell.text += c == u'\n' ? QChar(QChar::LineSeparator) : c;
        }
        mark(from, format);
    }

    void tag(QStringView tag, const QTextCharFormat *changed)
    {
        const Break b = breakFor(tagName(tag));
        if (!changed) {
            lineBreak(b);
            return;
        }
        if (isClosing(tag))
            trimSpace();
        if (b != Break::None && !isClosing(tag))
            lineBreak(b);
        const int from = int(m_cell.text.size());
        m_cell.text += tag;
        mark(from, changed);
        if (b != Break::None && (isClosing(tag) || tagName(tag) == u"br"))
            lineBreak(b);
    }

    EditionDiffView::Cell take()
    {
        trimSpace();
        while (m_cell.text.endsWith(QChar::LineSeparator))
            m_cell.text.chop(1);
        for (QTextLayout::FormatRange &f : m_cell.formats)
            f.length = std::max(0, std::min(f.length, int(m_cell.text.size()) - f.start));
        m_cell.formats.removeIf([](const QTextLayout::FormatRange &f) { return f.length <= 0; });
        return std::move(m_cell);
    }

private:
    bool atBreak() const { return m_cell.text.endsWith(QChar::LineSeparator); }

    void trimSpace()
    {
        while (m_cell.text.endsWith(u' '))
            m_cell.text.chop(1);
    }

    void lineBreak(Break b)
    {
        if (b == Break::None || m_cell.text.isEmpty())
            return;
        trimSpace();
        const int wanted = b == Break::Paragraph ? 2 : 1;
        int have = 0;
        for (qsizetype i = m_cell.text.size() - 1; i >= 0 && m_cell.text.at(i) == QChar::LineSeparator; --i)
            ++have;
        for (; have < wanted; ++have)
            m_cell.text += QChar(QChar::LineSeparator);
    }

    void mark(int from, const QTextCharFormat *format)
    {
        if (!format || int(m_cell.text.size()) <= from)
            return;
        if (!m_cell.formats.isEmpty()) {
            QTextLayout::FormatRange &last = m_cell.formats.last();
            if (last.start + last.length == from && last.format == *format) {
                last.length = int(m_cell.text.size()) - last.start;
                return;
            }
        }
        m_cell.formats.append({ from, int(m_cell.text.size()) - from, *format });
    }

    bool m_rich;
    EditionDiffView::Cell m_cell;
};

} // namespace

EditionDiffView::EditionDiffView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);
    verticalScrollBar()->setSingleStep(fontMetrics().height() * 3);
}

EditionDiffView::~EditionDiffView() = default;

QSize EditionDiffView::sizeHint() const
{
    return { 960, 640 };
}

void EditionDiffView::setDiff(EditionDiff diff)
{
    m_diff = std::move(diff);
    m_current = -1;
    rebuildLines(-1);
    verticalScrollBar()->setValue(0);
    viewport()->update();
    emitCurrent();
}

void EditionDiffView::setShowUnchanged(bool show)
{
    if (show == m_showUnchanged)
        return;
    m_showUnchanged = show;
    // Keep what is at the top (or the current change) where it is.
    int anchor = m_current;
    if (anchor < 0 && !m_lines.empty()) {
        updateOffsets();
        anchor = m_lines[size_t(lineAt(verticalScrollBar()->value()))].row;
    }
    rebuildLines(anchor);
    viewport()->update();
}

QList<int> EditionDiffView::shownRows() const
{
    QList<int> out;
    out.reserve(qsizetype(m_lines.size()));
    for (const Line &l : m_lines)
        out.append(l.row);
    return out;
}

void EditionDiffView::rebuildLines(int keepRow)
{
    m_lines.clear();
    const auto &rows = m_diff.rows();
    for (int i = 0; i < rows.size(); ++i) {
        if (m_showUnchanged || rows.at(i).change != Change::Unchanged) {
            Line l;
            l.row = i;
            m_lines.push_back(std::move(l));
        }
    }
    for (Line &l : m_lines)
        l.height = estimateHeight(l);
    m_layoutWidth = viewport()->width();
    m_offsetsDirty = true;
    updateScrollRange();
    if (keepRow >= 0) {
        // The anchor row, or the nearest shown one before it.
        int line = -1;
        for (int i = 0; i < int(m_lines.size()) && m_lines[size_t(i)].row <= keepRow; ++i)
            line = i;
        if (line >= 0) {
            ensureExact(line);
            updateOffsets();
            updateScrollRange();
            verticalScrollBar()->setValue(m_offsets[size_t(line)]);
        }
    }
}

void EditionDiffView::relayoutAll()
{
    for (Line &l : m_lines) {
        l.exact = false;
        l.left.reset();
        l.right.reset();
        l.height = estimateHeight(l);
    }
    m_layoutWidth = viewport()->width();
    m_offsetsDirty = true;
}

void EditionDiffView::updateOffsets()
{
    if (!m_offsetsDirty)
        return;
    m_offsets.resize(m_lines.size() + 1);
    int y = 0;
    for (size_t i = 0; i < m_lines.size(); ++i) {
        m_offsets[i] = y;
        y += m_lines[i].height;
    }
    m_offsets[m_lines.size()] = y;
    m_offsetsDirty = false;
}

void EditionDiffView::updateScrollRange()
{
    updateOffsets();
    const int total = m_offsets.empty() ? 0 : m_offsets.back();
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setRange(0, std::max(0, total - viewport()->height()));
}

int EditionDiffView::lineIndexOfRow(int row) const
{
    const auto it = std::lower_bound(m_lines.cbegin(), m_lines.cend(), row,
                                     [](const Line &l, int r) { return l.row < r; });
    return it != m_lines.cend() && it->row == row ? int(it - m_lines.cbegin()) : -1;
}

int EditionDiffView::lineAt(int y) const
{
    if (m_lines.empty())
        return -1;
    const auto it = std::upper_bound(m_offsets.cbegin(), m_offsets.cend() - 1, y);
    return std::clamp(int(it - m_offsets.cbegin()) - 1, 0, int(m_lines.size()) - 1);
}

int EditionDiffView::labelHeight() const
{
    return StatePill::pillSize(font(), u"X"_s).height() + 4;
}

int EditionDiffView::cellWidth(int depth) const
{
    const int column = (viewport()->width() - 2 * kMargin - kGutter) / 2;
    return std::max(kMinCellWidth, column - indentOf(depth));
}

int EditionDiffView::cellX(int depth, bool right) const
{
    const int column = (viewport()->width() - 2 * kMargin - kGutter) / 2;
    return kMargin + indentOf(depth) + (right ? column + kGutter : 0);
}

QColor EditionDiffView::deletedBackground() const
{
    return StatePill::isDark(palette()) ? QColor::fromHslF(0.99f, 0.50f, 0.34f) : QColor::fromHslF(0.99f, 0.85f, 0.87f);
}

QColor EditionDiffView::insertedBackground() const
{
    return StatePill::isDark(palette()) ? QColor::fromHslF(0.38f, 0.45f, 0.27f) : QColor::fromHslF(0.38f, 0.60f, 0.82f);
}

EditionDiffView::Cell EditionDiffView::cell(int rowIndex, bool right) const
{
    if (rowIndex < 0 || rowIndex >= m_diff.rows().size())
        return {};
    const EditionDiffRow &row = m_diff.rows().at(rowIndex);
    Cell c;
    if (!(right ? row.inRight : row.inLeft)) {
        c.text = tr("Not in this edition");
        c.placeholder = true;
        return c;
    }
    if (row.shape != RowShape::Value) {
        const int n = right ? row.rightCount : row.leftCount;
        c.text = row.shape == RowShape::Array ? tr("%n item(s)", nullptr, n) : tr("%n field(s)", nullptr, n);
        c.placeholder = true;
        return c;
    }
    const QString &text = right ? row.rightText : row.leftText;
    if (text.isEmpty()) {
        c.text = tr("Empty");
        c.placeholder = true;
        return c;
    }
    // Words inside a changed value are marked; a value that is only on one side is marked
    // by its cell instead.
    const bool inline_ = row.change == Change::Changed;
    QTextCharFormat deleted;
    deleted.setBackground(deletedBackground());
    deleted.setFontStrikeOut(true);
    QTextCharFormat inserted;
    inserted.setBackground(insertedBackground());
    inserted.setFontUnderline(true);
    QTextCharFormat deletedTag = deleted;
    deletedTag.setFontFixedPitch(true);
    deletedTag.setFontFamilies({ u"monospace"_s });
    QTextCharFormat insertedTag = inserted;
    insertedTag.setFontFixedPitch(true);
    insertedTag.setFontFamilies({ u"monospace"_s });

    CellWriter w(row.rich);
    for (const DiffSpan &s : right ? row.text.right : row.text.left) {
        const QStringView piece = QStringView(text).mid(s.start, s.length);
        const bool marked = inline_ && s.kind != DiffSpan::Kind::Equal;
        if (s.markup)
            w.tag(piece, marked ? (s.kind == DiffSpan::Kind::Deleted ? &deletedTag : &insertedTag) : nullptr);
        else
            w.text(piece, marked ? (s.kind == DiffSpan::Kind::Deleted ? &deleted : &inserted) : nullptr);
    }
    c = w.take();
    if (c.text.isEmpty()) {
        c.text = tr("Empty");
        c.placeholder = true;
    }
    return c;
}

std::unique_ptr<QTextLayout> EditionDiffView::makeLayout(const Cell &c, int width) const
{
    QFont f = font();
    if (c.placeholder)
        f.setItalic(true);
    auto layout = std::make_unique<QTextLayout>(c.text, f, viewport());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout->setTextOption(option);
    QList<QTextLayout::FormatRange> formats = c.formats;
    if (c.placeholder) {
        QTextCharFormat muted;
        muted.setForeground(palette().color(QPalette::PlaceholderText));
        formats.append({ 0, int(c.text.size()), muted });
    }
    layout->setFormats(formats);
    layout->setCacheEnabled(true);
    layout->beginLayout();
    qreal y = 0;
    while (true) {
        QTextLine line = layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout->endLayout();
    return layout;
}

int EditionDiffView::estimateHeight(const Line &line) const
{
    const EditionDiffRow &row = m_diff.rows().at(line.row);
    const QFontMetrics fm(font());
    const int width = std::max(1, cellWidth(row.depth) - 2 * kCellPadding);
    const auto linesOf = [&](const QString &text, bool present) {
        if (!present || row.shape != RowShape::Value || text.isEmpty())
            return 1;
        qsizetype breaks = 0;
        if (row.rich)
            breaks = 2 * text.count(u"</p>"_s) + text.count(u"<br"_s) + text.count(u"<li"_s);
        else
            breaks = text.count(u'\n');
        const double chars = row.rich ? text.size() * 0.8 : double(text.size());
        return int(std::ceil(chars * fm.averageCharWidth() / width)) + int(breaks);
    };
    const int lines = std::max(linesOf(row.leftText, row.inLeft), linesOf(row.rightText, row.inRight));
    return kRowGap + labelHeight() + 2 * kCellPadding + lines * fm.lineSpacing();
}

void EditionDiffView::ensureExact(int index)
{
    Line &line = m_lines[size_t(index)];
    if (line.exact)
        return;
    const EditionDiffRow &row = m_diff.rows().at(line.row);
    const int width = std::max(1, cellWidth(row.depth) - 2 * kCellPadding);
    line.left = makeLayout(cell(line.row, false), width);
    line.right = makeLayout(cell(line.row, true), width);
    const int textHeight = int(std::ceil(std::max(line.left->boundingRect().height(), line.right->boundingRect().height())));
    const int height = kRowGap + labelHeight() + 2 * kCellPadding + textHeight;
    line.exact = true;
    if (height != line.height) {
        line.height = height;
        m_offsetsDirty = true;
    }
}

void EditionDiffView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette pal = palette();
    p.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    if (m_lines.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        const QString text = m_diff.rows().isEmpty()
            ? QString()
            : tr("No differences: these two editions have the same title, change note and fields.\n"
                 "Turn on “Show unchanged fields” to see them.");
        p.drawText(viewport()->rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignCenter | Qt::TextWordWrap,
                   text);
        return;
    }
    if (m_layoutWidth != viewport()->width())
        relayoutAll();
    updateOffsets();
    const int top = verticalScrollBar()->value();
    const int viewHeight = viewport()->height();
    const int labelH = labelHeight();
    const bool dark = StatePill::isDark(pal);
    const QColor cellFill = pal.color(QPalette::AlternateBase);
    QColor rule = pal.color(QPalette::Text);
    rule.setAlphaF(0.12f);
    bool heightsChanged = false;

    int index = lineAt(top);
    int y = m_offsets[size_t(index)] - top;
    for (; index < int(m_lines.size()) && y < viewHeight; ++index) {
        const int before = m_lines[size_t(index)].height;
        ensureExact(index);
        Line &line = m_lines[size_t(index)];
        heightsChanged = heightsChanged || line.height != before;
        const EditionDiffRow &row = m_diff.rows().at(line.row);
        const QRect rowRect(0, y, viewport()->width(), line.height);

        if (line.row == m_current) {
            QColor fill = pal.color(QPalette::Highlight);
            fill.setAlphaF(dark ? 0.22f : 0.12f);
            p.fillRect(rowRect, fill);
            p.fillRect(QRect(0, y, 4, line.height), pal.color(QPalette::Highlight));
        } else if (row.change != Change::Unchanged && row.navigable) {
            p.fillRect(QRect(0, y + kRowGap / 2, 4, line.height - kRowGap), changeHue(row.change));
        }

        // Label and, for a change, what kind of change.
        const int labelX = kMargin + indentOf(row.depth);
        QFont labelFont = font();
        labelFont.setWeight(row.change == Change::Unchanged ? QFont::Normal : QFont::DemiBold);
        p.setFont(labelFont);
        p.setPen(pal.color(row.change == Change::Unchanged ? QPalette::PlaceholderText : QPalette::Text));
        const QString pill = changeText(row.change);
        const int pillWidth = pill.isEmpty() ? 0 : StatePill::pillSize(font(), pill).width();
        const int labelRoom = std::max(20, viewport()->width() - labelX - kMargin - pillWidth - 8);
        const QFontMetrics lfm(labelFont);
        // A member the schema gives no title reads better in sentence case ("lead_image": "Lead image").
        const QString name = row.labelFromSchema || row.key.isEmpty() ? row.label : DisplayFormat::fieldLabel(row.key);
        const QString label = lfm.elidedText(name, Qt::ElideRight, labelRoom);
        const QRect labelRect(labelX, y + kRowGap / 2, lfm.horizontalAdvance(label) + 1, labelH);
        p.drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter, label);
        if (!pill.isEmpty()) {
            StatePill::paint(&p, QRect(labelRect.right() + 8, labelRect.top(), pillWidth, labelH), pill,
                             changeHue(row.change), pal, font());
        }

        // The two values.
        const int cellTop = y + kRowGap / 2 + labelH;
        const int cellHeight = line.height - kRowGap - labelH;
        for (const bool right : { false, true }) {
            const QRect cellRect(cellX(row.depth, right), cellTop, cellWidth(row.depth), cellHeight);
            const bool present = right ? row.inRight : row.inLeft;
            QColor fill = cellFill;
            if (present && row.change == Change::Added)
                fill = dark ? QColor::fromHslF(0.38f, 0.35f, 0.19f) : QColor::fromHslF(0.38f, 0.55f, 0.93f);
            else if (present && row.change == Change::Removed)
                fill = dark ? QColor::fromHslF(0.99f, 0.35f, 0.21f) : QColor::fromHslF(0.99f, 0.75f, 0.95f);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(present ? Qt::NoPen : QPen(rule, 1, Qt::DashLine));
            p.setBrush(present ? QBrush(fill) : QBrush(Qt::NoBrush));
            p.drawRoundedRect(QRectF(cellRect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
            p.setRenderHint(QPainter::Antialiasing, false);
            const QTextLayout *layout = right ? line.right.get() : line.left.get();
            p.setPen(pal.color(QPalette::Text));
            layout->draw(&p, QPointF(cellRect.x() + kCellPadding, cellRect.y() + kCellPadding));
        }
        p.setPen(rule);
        p.drawLine(kMargin, rowRect.bottom(), viewport()->width() - kMargin, rowRect.bottom());
        y += line.height;
    }
    if (heightsChanged) {
        m_offsetsDirty = true;
        updateScrollRange();
    }
}

void EditionDiffView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_lines.empty()) {
        updateScrollRange();
        return;
    }
    // Keep the line at the top where it is while the texts wrap anew.
    updateOffsets();
    const int top = verticalScrollBar()->value();
    const int line = lineAt(top);
    const int within = top - m_offsets[size_t(line)];
    if (m_layoutWidth != viewport()->width())
        relayoutAll();
    ensureExact(line);
    updateScrollRange();
    verticalScrollBar()->setValue(m_offsets[size_t(line)] + std::min(within, m_lines[size_t(line)].height));
}

void EditionDiffView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void EditionDiffView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::StyleChange) {
        relayoutAll();
        updateScrollRange();
        viewport()->update();
    }
}

void EditionDiffView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && !m_lines.empty()) {
        updateOffsets();
        const int y = int(event->position().y()) + verticalScrollBar()->value();
        if (y < m_offsets.back()) {
            const int row = m_lines[size_t(lineAt(y))].row;
            if (m_diff.rows().at(row).navigable)
                setCurrentRow(row);
        }
    }
    QAbstractScrollArea::mousePressEvent(event);
}

int EditionDiffView::currentChange() const
{
    if (m_current < 0)
        return -1;
    int n = 0;
    for (int i = 0; i < m_current; ++i)
        n += m_diff.rows().at(i).navigable ? 1 : 0;
    return n;
}

void EditionDiffView::setCurrentRow(int row)
{
    if (row >= 0 && (row >= m_diff.rows().size() || !m_diff.rows().at(row).navigable))
        return;
    if (row == m_current)
        return;
    m_current = row;
    const int line = row >= 0 ? lineIndexOfRow(row) : -1;
    if (line >= 0)
        scrollToLine(line);
    viewport()->update();
    emitCurrent();
}

bool EditionDiffView::nextChange()
{
    if (m_lines.empty())
        return false;
    updateOffsets();
    int start = m_current >= 0 ? lineIndexOfRow(m_current) : lineAt(verticalScrollBar()->value()) - 1;
    for (int i = start + 1; i < int(m_lines.size()); ++i) {
        if (m_diff.rows().at(m_lines[size_t(i)].row).navigable) {
            setCurrentRow(m_lines[size_t(i)].row);
            return true;
        }
    }
    return false;
}

bool EditionDiffView::previousChange()
{
    if (m_lines.empty())
        return false;
    updateOffsets();
    const int start = m_current >= 0 ? lineIndexOfRow(m_current) : lineAt(verticalScrollBar()->value()) + 1;
    for (int i = start - 1; i >= 0; --i) {
        if (m_diff.rows().at(m_lines[size_t(i)].row).navigable) {
            setCurrentRow(m_lines[size_t(i)].row);
            return true;
        }
    }
    return false;
}

void EditionDiffView::scrollToLine(int line)
{
    ensureExact(line);
    updateOffsets();
    updateScrollRange();
    const int top = m_offsets[size_t(line)];
    const int bottom = top + m_lines[size_t(line)].height;
    const int value = verticalScrollBar()->value();
    const int height = viewport()->height();
    if (top >= value && bottom <= value + height)
        return;
    // Some context above it, unless the row needs the whole height.
    const int context = m_lines[size_t(line)].height < height * 3 / 4 ? height / 5 : 0;
    verticalScrollBar()->setValue(std::max(0, top - context));
}

QRect EditionDiffView::rowRect(int row)
{
    const int line = lineIndexOfRow(row);
    if (line < 0)
        return {};
    updateOffsets();
    return { 0, m_offsets[size_t(line)] - verticalScrollBar()->value(), viewport()->width(),
             m_lines[size_t(line)].height };
}

void EditionDiffView::emitCurrent()
{
    Q_EMIT currentChanged(currentChange(), m_diff.changeCount());
}

} // namespace Galley
