#include "syncprogresswidget.h"

#include "displayformat.h"
#include "icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

#include <cmath>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

constexpr int kBarRange = 1000;

} // namespace

SyncProgressWidget::SyncProgressWidget(QWidget *parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_resume(new QPushButton(tr("Resume"), this))
{
    setObjectName(u"syncProgressWidget"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(10);

    m_icon->setObjectName(u"syncProgressIcon"_s);
    m_icon->setFixedSize(16, 16);
    layout->addWidget(m_icon);

    m_bar->setObjectName(u"syncProgressBar"_s);
    m_bar->setRange(0, kBarRange);
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(fontMetrics().averageCharWidth() * 24);
    m_bar->setMaximumHeight(fontMetrics().height());
    layout->addWidget(m_bar);

    m_label->setObjectName(u"syncProgressLabel"_s);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setMinimumWidth(fontMetrics().averageCharWidth() * 20);
    layout->addWidget(m_label, 1);

    m_cancel->setObjectName(u"syncCancelButton"_s);
    m_cancel->setToolTip(tr("Stops after the page being applied; what has arrived is kept."));
    m_cancel->setAutoDefault(false);
    layout->addWidget(m_cancel);
    m_resume->setObjectName(u"syncResumeButton"_s);
    m_resume->setIcon(Icons::get(u"media-playback-start"_s, QStyle::SP_MediaPlay));
    m_resume->setAutoDefault(false);
    layout->addWidget(m_resume);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        setPaused(true);
        Q_EMIT cancelRequested();
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        setPaused(false);
        Q_EMIT resumeRequested();
    });

    refreshDisplay();
}

SyncProgressWidget::~SyncProgressWidget() = default;

void SyncProgressWidget::setProgress(const SyncProgress &progress)
{
    m_progress = progress;
    // A pull that runs again after a pause is no longer paused.
    if (m_paused && progress.active && progress.initial)
        m_paused = false;
    refreshDisplay();
}

void SyncProgressWidget::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    refreshDisplay();
}

QString SyncProgressWidget::text() const
{
    return m_label->text();
}

QString SyncProgressWidget::remaining(qint64 ms)
{
    if (ms < 0)
        return {};
    const qint64 s = (ms + 999) / 1000;
    if (s < 10)
        return tr("a few seconds left");
    if (s < 60)
        return tr("about %1 s left").arg((s + 4) / 5 * 5);   // estimates move: in steps of 5 s
    if (s < 3600) {
        const qint64 minutes = (s + 30) / 60;
        return minutes == 1 ? tr("about 1 min left") : tr("about %1 min left").arg(minutes);
    }
    return tr("about %1 h %2 min left").arg(s / 3600).arg((s % 3600) / 60);
}

QString SyncProgressWidget::describe(const SyncProgress &p)
{
    QStringList parts;
    if (p.totalItems >= 0) {
        parts.append(tr("Downloading %1 of %2 items")
                         .arg(DisplayFormat::number(p.items), DisplayFormat::number(std::max(p.totalItems, p.items))));
    } else {
        parts.append(p.items == 1 ? tr("Downloading: 1 item so far")
                                  : tr("Downloading: %1 items so far").arg(DisplayFormat::number(p.items)));
    }
    if (p.bytes > 0)
        parts.append(QLocale().formattedDataSize(p.bytes, 1, QLocale::DataSizeSIFormat));
    const QString left = remaining(p.remainingMs);
    if (!left.isEmpty())
        parts.append(left);
    return parts.join(u" · "_s);
}

void SyncProgressWidget::refreshDisplay()
{
    const SyncProgress &p = m_progress;
    const bool running = p.active && p.initial;
    setVisible(running || m_paused);

    m_cancel->setVisible(running && !m_paused);
    m_resume->setVisible(m_paused);
    m_bar->setVisible(!m_paused);

    if (m_paused) {
        m_icon->setPixmap(Icons::get(u"state-pause"_s, QStyle::SP_MediaPause).pixmap(QSize(16, 16), devicePixelRatioF()));
        QString text = tr("Sync paused");
        if (p.items > 0) {
            text += u" — "_s;
            text += p.totalItems > 0 ? tr("%1 of %2 items downloaded so far")
                                           .arg(DisplayFormat::number(p.items),
                                                DisplayFormat::number(std::max(p.totalItems, p.items)))
                                     : tr("%1 items downloaded so far").arg(DisplayFormat::number(p.items));
        }
        m_label->setText(text);
        m_label->setToolTip(tr("What has been downloaded is kept. Resume to download the rest."));
        return;
    }

    m_icon->setPixmap(Icons::get(u"cloud-download"_s, QStyle::SP_ArrowDown).pixmap(QSize(16, 16), devicePixelRatioF()));
    if (p.totalItems < 0) {
        m_bar->setRange(0, 0);   // indeterminate
    } else {
        m_bar->setRange(0, kBarRange);
        const double fraction = p.totalItems > 0 ? std::min(1.0, double(p.items) / double(p.totalItems)) : 0.0;
        m_bar->setValue(int(std::lround(fraction * kBarRange)));
    }
    m_label->setText(describe(p));
    m_label->setToolTip(p.elapsedMs > 0 ? tr("Running for %1").arg(DisplayFormat::duration(p.elapsedMs)) : QString());
}

} // namespace Galley
