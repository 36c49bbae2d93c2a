#pragma once

#include "workflow/editiondiff.h"

#include <QAbstractScrollArea>
#include <QTextLayout>

#include <memory>
#include <vector>

namespace Galley {

// An EditionDiff side by side, painted: one row per field with its label (and, when it
// changed, a pill saying how), the older value on the left and the newer on the right,
// deleted words struck through on a red tint and inserted words underlined on a green
// one; added and removed values sit in a tinted cell. Texts wrap. Rows are laid out only
// when they come into view (others have an estimated height), so a 200 KB edition shows
// its first screen at once. Keeps a current change that previous/next move through.
class EditionDiffView : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditionDiffView)
public:
    explicit EditionDiffView(QWidget *parent = nullptr);
    ~EditionDiffView() override;

    void setDiff(EditionDiff diff);
    const EditionDiff &diff() const { return m_diff; }

    // Off: only rows that changed (and the objects and lists holding them).
    void setShowUnchanged(bool show);
    bool showUnchanged() const { return m_showUnchanged; }

    // The rows of diff() on screen, in order.
    QList<int> shownRows() const;

    // The current change: a row of diff() (-1 for none) and its place among the changes.
    int currentRow() const { return m_current; }
    int currentChange() const;
    void setCurrentRow(int row);
    // Move to the next or previous change (from the top of the view when there is no
    // current one); false when there is none in that direction.
    bool nextChange();
    bool previousChange();

    // What a value cell shows: its text (tags of rich text reduced to line breaks or, when
    // they changed, shown) and the formats of its deleted and inserted runs. For tests.
    struct Cell
    {
        QString text;
        QList<QTextLayout::FormatRange> formats;
        bool placeholder = false;   // "Not in this edition", an empty value, a list's size
    };
    Cell cell(int row, bool right) const;
    // Where a row is, in viewport coordinates (empty when it is not shown).
    QRect rowRect(int row);
    // The colours of deleted and inserted words on the current palette.
    QColor deletedBackground() const;
    QColor insertedBackground() const;

    QSize sizeHint() const override;

Q_SIGNALS:
    // changeIndex is -1 when there is no current change.
    void currentChanged(int changeIndex, int changeCount);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Line
    {
        int row = 0;
        int height = 0;
        bool exact = false;
        std::unique_ptr<QTextLayout> left;
        std::unique_ptr<QTextLayout> right;
    };

    void rebuildLines(int keepRow);
    void relayoutAll();
    void updateOffsets();
    void updateScrollRange();
    int lineIndexOfRow(int row) const;
    int lineAt(int y) const;   // content y
    void ensureExact(int line);
    int estimateHeight(const Line &line) const;
    std::unique_ptr<QTextLayout> makeLayout(const Cell &c, int width) const;
    void scrollToLine(int line);
    void emitCurrent();

    // Geometry of the current viewport width.
    int labelHeight() const;
    int cellX(int depth, bool right) const;
    int cellWidth(int depth) const;

    EditionDiff m_diff;
    bool m_showUnchanged = false;
    int m_current = -1;
    std::vector<Line> m_lines;
    std::vector<int> m_offsets;   // content y of each line; one more at the end (total height)
    bool m_offsetsDirty = true;
    int m_layoutWidth = -1;
};

} // namespace Galley
