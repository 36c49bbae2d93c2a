#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

namespace Galley {

// A thin indeterminate progress line. It appears only when work takes longer than
// a moment (fast loads never make it flash) and keeps its space in the layout
// when hidden, so nothing jumps when it comes and goes.
class BusyIndicator : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BusyIndicator)
public:
    explicit BusyIndicator(QWidget *parent = nullptr);

    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    // How long work must run before the line shows (default 300 ms).
    void setDelay(int milliseconds) { m_delay.setInterval(milliseconds); }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    bool m_busy = false;
    QTimer m_delay;
    QTimer m_frame;
    QElapsedTimer m_clock;
};

} // namespace Galley
