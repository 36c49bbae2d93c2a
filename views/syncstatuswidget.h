#pragma once

#include "sync/syncstatus.h"

#include <QDateTime>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QMenu;
class QToolButton;

namespace Galley {

// The sync state in the status bar: an icon and a word for the connection (a button that opens
// the Sync menu), how many changes wait to be sent, the ones that need a person (conflicts,
// refused changes: a warning button that opens the outbox), and when the last sync was. The
// tooltip has the details. Shows what it is given; the main window wires the signals.
class SyncStatusWidget : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusWidget)
public:
    explicit SyncStatusWidget(QWidget *parent = nullptr);
    ~SyncStatusWidget() override;

    void setStatus(const SyncStatus &status);
    SyncStatus status() const { return m_status; }

    // The time "Synced 2 min ago" is measured against (invalid, the default: now). For tests.
    void setReferenceTime(const QDateTime &now);

    QMenu *menu() const { return m_menu; }
    QAction *syncNowAction() const { return m_syncNow; }
    QAction *workOfflineAction() const { return m_workOffline; }
    QAction *showOutboxAction() const { return m_showOutbox; }

    QString connectionText() const;
    QString pendingText() const;
    QString problemsText() const;
    QString lastSyncText() const;

    static QString connectionLabel(SyncStatus::Connection connection);
    // "Synced just now", "Synced 5 min ago", "Synced 3 h ago", "Synced 12 Nov 2026 14:03", "Not synced yet".
    static QString lastSyncLabel(const QDateTime &lastSync, const QDateTime &now);

Q_SIGNALS:
    void syncNowRequested();
    void workOfflineToggled(bool offline);
    void outboxRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshDisplay();
    void updateColours();
    QDateTime now() const;

    SyncStatus m_status;
    QDateTime m_referenceTime;
    QTimer m_minute;
    QToolButton *m_connection;
    QLabel *m_pending;
    QToolButton *m_problems;
    QLabel *m_lastSync;
    QMenu *m_menu;
    QAction *m_syncNow;
    QAction *m_workOffline;
    QAction *m_showOutbox;
};

} // namespace Galley
