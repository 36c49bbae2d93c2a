#pragma once

#include "domain/tenancy.h"
#include "sync/syncstatus.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QAction;
class QDockWidget;
class QMainWindow;

namespace Galley {

class ConnectDialog;
class OutboxView;
class SyncEngine;
class SyncProgressWidget;
class SyncStatusWidget;

// Everything the main window shows and asks about syncing one server workspace: the status-bar
// indicator and initial-sync progress, the Outbox dock, and the dialogs (sign-in, untrusted
// certificate, merge, "deleted on the server"). Owns the workspace's SyncEngine.
class SyncController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncController)
public:
    SyncController(QMainWindow *window, const QString &databasePath, const QUrl &server, const QString &email);
    ~SyncController() override;

    SyncEngine *engine() const { return m_engine; }
    OutboxView *outboxView() const { return m_outbox; }
    QDockWidget *outboxDock() const { return m_dock; }
    SyncStatusWidget *statusWidget() const { return m_status; }
    SyncProgressWidget *progressWidget() const { return m_progress; }
    QUrl server() const { return m_server; }
    QString email() const { return m_email; }

    // Signs in with the password, or (empty) with the session saved in the keychain, falling back
    // to asking for the password. Then syncs until the workspace closes.
    void connectToServer(const QString &password);
    void showOutbox();
    void showSignIn(const QString &reason);
    void openConflict(qint64 outboxId);

Q_SIGNALS:
    void replicaChanged(const Galley::ReplicaChange &change);
    // The user asked to sign in to another server or as someone else: another workspace.
    void otherWorkspaceRequested(const QUrl &server, const QString &email, const QString &password);
    // "Open to fix" on a change the server refused: the edition's editor with the server's errors.
    void fixEditionRequested(Id editionId, const QJsonArray &fieldErrors);

private:
    void onOpenRequested(qint64 outboxId);

    QMainWindow *m_window;
    QUrl m_server;
    QString m_email;
    SyncEngine *m_engine;
    SyncStatusWidget *m_status;
    SyncProgressWidget *m_progress;
    OutboxView *m_outbox;
    QDockWidget *m_dock;
    QPointer<ConnectDialog> m_connect;
    bool m_started = false;
};

} // namespace Galley
