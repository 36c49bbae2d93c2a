#include "busyindicator.h"

#include <QPainter>

#include <cmath>

namespace Galley {

BusyIndicator::BusyIndicator(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QSizePolicy sp = sizePolicy();
    sp.setRetainSizeWhenHidden(true);
    setSizePolicy(sp);
    setAccessibleName(tr("Loading"));
    hide();

    m_delay.setSingleShot(true);
    m_delay.setInterval(300);
    connect(&m_delay, &QTimer::timeout, this, [this] {
        m_clock.start();
        m_frame.start();
        show();
    });
    m_frame.setInterval(16);
    connect(&m_frame, &QTimer::timeout, this, qOverload<>(&QWidget::update));
}

void BusyIndicator::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    if (busy) {
        m_delay.start();
    } else {
        m_delay.stop();
        m_frame.stop();
        hide();
    }
}

QSize BusyIndicator::sizeHint() const
{
    return { 64, 3 };
}

void BusyIndicator::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const int w = width();
    const int bar = std::max(40, w / 4);
    const double period = 1400.0;
    const double phase = std::fmod(double(m_clock.elapsed()), period) / period;
    // Ease in and out so the line glides rather than ticks.
    const double eased = 0.5 - 0.5 * std::cos(phase * M_PI);
    const int x = int(-bar + eased * (w + bar));
    QColor track = palette().color(QPalette::Highlight);
    track.setAlphaF(0.18f);
    p.fillRect(rect(), track);
    p.fillRect(QRect(x, 0, bar, height()), palette().color(QPalette::Highlight));
}

} // namespace Galley
