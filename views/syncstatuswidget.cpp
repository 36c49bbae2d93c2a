#include "syncstatuswidget.h"

#include "displayformat.h"
#include "icons.h"
#include "statepill.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QToolButton>
#include <QUrl>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

// The hues StatePill uses for the same meanings.
const QColor kAmber(0xd9, 0x77, 0x06);
const QColor kRed(0xdc, 0x26, 0x26);

QIcon connectionIcon(SyncStatus::Connection c)
{
    using C = SyncStatus::Connection;
    switch (c) {
    case C::Local: return Icons::get(u"computer"_s, QStyle::SP_ComputerIcon);
    case C::WorkingOffline: return Icons::get(u"state-pause"_s, QStyle::SP_MediaPause);
    case C::Offline: return Icons::get(u"network-offline"_s, QStyle::SP_MessageBoxWarning);
    case C::Connecting: return Icons::get(u"network-connect"_s, QStyle::SP_BrowserReload);
    case C::Online: return Icons::get(u"state-ok"_s, QStyle::SP_DialogApplyButton);
    case C::Syncing: return Icons::get(u"state-sync"_s, QStyle::SP_BrowserReload);
    case C::SignInRequired: return Icons::get(u"dialog-password"_s, QStyle::SP_MessageBoxWarning);
    case C::Error: return Icons::get(u"state-error"_s, QStyle::SP_MessageBoxCritical);
    }
    return {};
}

// A hue for the connection's word when it needs attention; invalid: the normal text colour.
QColor connectionHue(SyncStatus::Connection c)
{
    using C = SyncStatus::Connection;
    switch (c) {
    case C::Offline:
    case C::SignInRequired: return kAmber;
    case C::Error: return kRed;
    default: return {};
    }
}

// Tints a child's text; an invalid colour gives it back its parent's palette.
void setTextColour(QWidget *w, const QColor &colour)
{
    if (!colour.isValid()) {
        w->setPalette(QPalette());
        return;
    }
    QPalette p;
    p.setColor(QPalette::WindowText, colour);
    p.setColor(QPalette::ButtonText, colour);
    p.setColor(QPalette::Text, colour);
    w->setPalette(p);
}

} // namespace

SyncStatusWidget::SyncStatusWidget(QWidget *parent)
    : QWidget(parent)
    , m_connection(new QToolButton(this))
    , m_pending(new QLabel(this))
    , m_problems(new QToolButton(this))
    , m_lastSync(new QLabel(this))
    , m_menu(new QMenu(this))
{
    setObjectName(u"syncStatusWidget"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    m_syncNow = m_menu->addAction(Icons::get(u"view-refresh"_s, QStyle::SP_BrowserReload), tr("&Sync Now"));
    m_syncNow->setObjectName(u"syncNowAction"_s);
    m_workOffline = m_menu->addAction(tr("&Work Offline"));
    m_workOffline->setObjectName(u"workOfflineAction"_s);
    m_workOffline->setCheckable(true);
    m_menu->addSeparator();
    m_showOutbox = m_menu->addAction(Icons::get(u"mail-send"_s), tr("Show &Outbox…"));
    m_showOutbox->setObjectName(u"showOutboxAction"_s);
    connect(m_syncNow, &QAction::triggered, this, &SyncStatusWidget::syncNowRequested);
    connect(m_workOffline, &QAction::triggered, this, &SyncStatusWidget::workOfflineToggled);
    connect(m_showOutbox, &QAction::triggered, this, &SyncStatusWidget::outboxRequested);

    m_connection->setObjectName(u"syncConnectionButton"_s);
    m_connection->setAutoRaise(true);
    m_connection->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_connection->setPopupMode(QToolButton::InstantPopup);
    m_connection->setMenu(m_menu);
    m_connection->setIconSize(QSize(16, 16));
    m_connection->setAccessibleDescription(tr("Opens the Sync menu"));
    layout->addWidget(m_connection);

    m_pending->setObjectName(u"syncPendingLabel"_s);
    m_pending->setTextFormat(Qt::PlainText);
    layout->addWidget(m_pending);

    // Changes that need a person: a button, so that the way to them is one click.
    m_problems->setObjectName(u"syncProblemsButton"_s);
    m_problems->setAutoRaise(true);
    m_problems->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_problems->setIconSize(QSize(16, 16));
    m_problems->setIcon(Icons::get(u"state-warning"_s, QStyle::SP_MessageBoxWarning));
    QFont bold = m_problems->font();
    bold.setWeight(QFont::DemiBold);
    m_problems->setFont(bold);
    connect(m_problems, &QToolButton::clicked, this, &SyncStatusWidget::outboxRequested);
    layout->addWidget(m_problems);

    m_lastSync->setObjectName(u"syncLastSyncLabel"_s);
    m_lastSync->setTextFormat(Qt::PlainText);
    m_lastSync->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_lastSync);

    // "2 min ago" must not say the same thing for an hour.
    m_minute.setInterval(60 * 1000);
    connect(&m_minute, &QTimer::timeout, this, &SyncStatusWidget::refreshDisplay);
    m_minute.start();

    refreshDisplay();
}

SyncStatusWidget::~SyncStatusWidget() = default;

void SyncStatusWidget::setStatus(const SyncStatus &status)
{
    if (status == m_status)
        return;
    m_status = status;
    refreshDisplay();
}

void SyncStatusWidget::setReferenceTime(const QDateTime &now)
{
    m_referenceTime = now;
    refreshDisplay();
}

QDateTime SyncStatusWidget::now() const
{
    return m_referenceTime.isValid() ? m_referenceTime : QDateTime::currentDateTimeUtc();
}

QString SyncStatusWidget::connectionLabel(SyncStatus::Connection connection)
{
    using C = SyncStatus::Connection;
    switch (connection) {
    case C::Local: return tr("Local workspace");
    case C::WorkingOffline: return tr("Working offline");
    case C::Offline: return tr("Offline — changes are kept and sent later");
    case C::Connecting: return tr("Connecting…");
    case C::Online: return tr("Online");
    case C::Syncing: return tr("Syncing…");
    case C::SignInRequired: return tr("Sign-in needed");
    case C::Error: return tr("Sync error");
    }
    return {};
}

QString SyncStatusWidget::lastSyncLabel(const QDateTime &lastSync, const QDateTime &now)
{
    if (!lastSync.isValid())
        return tr("Not synced yet");
    const qint64 secs = std::max<qint64>(0, lastSync.secsTo(now));
    if (secs < 60)
        return tr("Synced just now");
    if (secs < 3600)
        return tr("Synced %1 min ago").arg(secs / 60);
    if (secs < 6 * 3600)
        return tr("Synced %1 h ago").arg(secs / 3600);
    return tr("Synced %1").arg(DisplayFormat::dateTime(lastSync));
}

QString SyncStatusWidget::connectionText() const
{
    return m_connection->text();
}

QString SyncStatusWidget::pendingText() const
{
    return m_pending->isHidden() ? QString() : m_pending->text();
}

QString SyncStatusWidget::problemsText() const
{
    return m_problems->isHidden() ? QString() : m_problems->text();
}

QString SyncStatusWidget::lastSyncText() const
{
    return m_lastSync->isHidden() ? QString() : m_lastSync->text();
}

void SyncStatusWidget::refreshDisplay()
{
    using C = SyncStatus::Connection;
    const SyncStatus &s = m_status;
    const bool local = s.connection == C::Local;

    m_connection->setIcon(connectionIcon(s.connection));
    m_connection->setText(connectionLabel(s.connection));
    m_connection->setAccessibleName(tr("Sync status: %1").arg(connectionLabel(s.connection)));

    // The ones needing a person are counted on their own, not as "waiting".
    const int waiting = std::max(0, s.pending - s.conflicts - s.failed);
    m_pending->setText(waiting == 1 ? tr("1 change waiting") : tr("%1 changes waiting").arg(DisplayFormat::number(waiting)));
    m_pending->setVisible(!local && waiting > 0);

    QStringList problems;
    if (s.conflicts > 0)
        problems.append(s.conflicts == 1 ? tr("1 conflict") : tr("%1 conflicts").arg(DisplayFormat::number(s.conflicts)));
    if (s.failed > 0)
        problems.append(s.failed == 1 ? tr("1 refused") : tr("%1 refused").arg(DisplayFormat::number(s.failed)));
    m_problems->setText(problems.join(u" · "_s));
    m_problems->setVisible(!local && !problems.isEmpty());
    m_problems->setToolTip(tr("Changes that need you: open the outbox to resolve or fix them."));

    m_lastSync->setText(lastSyncLabel(s.lastSync, now()));
    m_lastSync->setVisible(!local && s.connection != C::Syncing);

    m_syncNow->setEnabled(!local && s.connection != C::WorkingOffline && s.connection != C::SignInRequired);
    m_workOffline->setEnabled(!local);
    m_workOffline->setChecked(s.connection == C::WorkingOffline);
    m_showOutbox->setEnabled(!local);

    // The details.
    QStringList tip;
    tip.append(connectionLabel(s.connection));
    if (!s.serverUrl.isEmpty())
        tip.append(tr("Server: %1").arg(s.serverUrl));
    if (!s.userName.isEmpty())
        tip.append(tr("Signed in as: %1").arg(s.userName));
    if (!local) {
        tip.append(s.liveUpdates ? tr("Live updates: on") : tr("Live updates: off (checked from time to time)"));
        tip.append(s.lastSync.isValid() ? tr("Last sync: %1").arg(DisplayFormat::dateTime(s.lastSync))
                                        : tr("Last sync: never"));
        if (s.pending == 0) {
            tip.append(tr("Every change has been sent."));
        } else {
            QString line = s.pending == 1 ? tr("1 change not yet sent")
                                          : tr("%1 changes not yet sent").arg(DisplayFormat::number(s.pending));
            QStringList parts;
            if (s.conflicts > 0)
                parts.append(s.conflicts == 1 ? tr("1 waits for a merge decision")
                                              : tr("%1 wait for a merge decision").arg(DisplayFormat::number(s.conflicts)));
            if (s.failed > 0)
                parts.append(s.failed == 1 ? tr("1 was refused by the server or its target deleted")
                                           : tr("%1 were refused by the server or their targets deleted")
                                                 .arg(DisplayFormat::number(s.failed)));
            if (!parts.isEmpty())
                line += u" ("_s + parts.join(u"; "_s) + u')';
            tip.append(line);
        }
    }
    if (!s.lastError.isEmpty())
        tip.append(tr("Last error: %1").arg(s.lastError));
    if (s.connection == C::Offline)
        tip.append(tr("Galley keeps trying to reach the server."));
    const QString tooltip = tip.join(u'\n');
    setToolTip(tooltip);
    m_connection->setToolTip(tooltip);
    m_pending->setToolTip(tooltip);
    m_lastSync->setToolTip(tooltip);

    updateColours();
}

void SyncStatusWidget::updateColours()
{
    const QPalette p = parentWidget() ? parentWidget()->palette() : palette();
    const QColor hue = connectionHue(m_status.connection);
    setTextColour(m_connection, hue.isValid() ? StatePill::toneFor(hue, p).text : QColor());
    const QColor problemHue = m_status.conflicts > 0 || m_status.failed > 0 ? (m_status.failed > 0 ? kRed : kAmber) : QColor();
    setTextColour(m_problems, problemHue.isValid() ? StatePill::toneFor(problemHue, p).text : QColor());
}

void SyncStatusWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        // Our own palette changes for the colours cause palette events of the children only.
        updateColours();
    }
}

} // namespace Galley
