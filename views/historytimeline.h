#pragma once

#include "store/replicareader.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace Galley {

// A document's history as a vertical timeline, newest first: each state change
// ("Submitted by Anna Berg · 12 Nov 2026 14:03") as a dot in the state's colour,
// each editorial remark as a hollow dot with its text.
class HistoryTimeline : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryTimeline)
public:
    explicit HistoryTimeline(QWidget *parent = nullptr);

    // currentEditionId: entries of other editions of the document say which one they belong to.
    void setHistory(const QList<HistoryEntry> &entries, Id currentEditionId);
    void clear();

    int entryCount() const { return int(m_lines.size()); }
    // One plain-text line per entry, as shown: "Submitted by Anna Berg · 12 Nov 2026 14:03".
    QStringList lines() const { return m_lines; }

    // What happened, without the time: "Submitted by Anna Berg", "Remark by Jon Meyer".
    static QString describe(const HistoryEntry &entry);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Dot
    {
        QPointer<QLabel> anchor;
        QColor color;
        bool hollow = false;
    };

    QVBoxLayout *m_layout;
    QList<Dot> m_dots;
    QStringList m_lines;
};

} // namespace Galley
