#pragma once

#include "workflow/workflow.h"
#include "domain/content.h"
#include "domain/result.h"
#include "domain/tenancy.h"
#include "sync/syncstatus.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QJsonArray>
#include <QUrl>

class QLabel;
class QTabWidget;

namespace Galley {

class CheckServerDialog;
class ContentView;
class DeploymentView;
class SchemaView;
class StoreWorker;
class SyncController;
class TenantTreeDock;

// Galley's main window: the tenant tree at the left scopes the Content, Schemas
// and Deployments tabs. Owns the workspace's StoreWorker; remembers its layout
// and the last selection in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens (and if needed migrates) a workspace file and shows it, restoring the
    // tree selection last used with it. The previous workspace, if any, is closed.
    Status openWorkspace(const QString &path);
    QString workspacePath() const { return m_path; }

    // The tree, the first page of the edition list with its count and the selected
    // edition's details are on screen (see ready()).
    bool isReady() const;

    Scope scope() const { return m_scope; }
    QTabWidget *tabs() const { return m_tabs; }
    TenantTreeDock *treeDock() const { return m_tree; }
    ContentView *contentView() const { return m_content; }
    SchemaView *schemaView() const { return m_schemas; }
    DeploymentView *deploymentView() const { return m_deployments; }

    void saveSettings() const;

    // The address the Check Server dialog starts with (else the one last checked, else
    // CheckServerDialog::defaultServerUrl()).
    void setServerUrl(const QString &url);
    // Opens the Check Server dialog (File menu) and returns it.
    CheckServerDialog *showCheckServerDialog();

    // Syncs the open workspace with a server as the user with this e-mail address: signs in with
    // the password, or (empty) with the session saved in the keychain, else asks for it.
    void connectToServer(const QUrl &server, const QString &email, const QString &password = {});
    // When the open workspace is a server's, connects it again with the saved session.
    void reconnect();
    // Opens (creating if needed) the workspace of that server and account, then connects it.
    void openServerWorkspace(const QUrl &server, const QString &email, const QString &password);
    SyncController *syncController() const;

    // Opens the schema editor (its own window) for a schema of the workspace (0: the one
    // selected in Schemas), or raises the one already open.
    void editSchema(Id schemaId = 0);
    void newSchema();
    // Deletes the selected schema after asking; refused, with the count, while documents use it.
    void deleteSchema();
    // Remembers that the certificate with this SHA-256 fingerprint is trusted for server.
    static void trustCertificate(const QUrl &server, const QByteArray &sha256Fingerprint);

Q_SIGNALS:
    // Once per opened workspace, when isReady() first becomes true.
    void ready();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void restoreSettings();
    void onScopeChanged(const Scope &scope);
    void updateStatusBar();
    void checkReady();
    void loadWorkspaceInfo();
    void openWorkspaceDialog();
    void refresh();
    void find();
    void about();
    void toggleFullScreen(bool on);
    void showConnectDialog();
    void onReplicaChanged(const ReplicaChange &change);
    void applyReplicaChanges();
    void updateSyncActions();
    void newDocument();
    void editDraft(Id editionId = 0, const QJsonArray &serverErrors = {});
    void addRemark();
    // A workflow action bar button: its dialog when it has one, then the transition.
    void fireWorkflowEvent(Galley::Workflow::Event event);
    // The selected edition side by side with the one before it (its own window).
    void compareEditions();
    void openSchemaEditor(const ContentSchema &schema, const QString &refusal);

    QString m_path;
    QPointer<StoreWorker> m_worker;
    QPointer<CheckServerDialog> m_checkServer;
    QString m_serverUrl;
    Scope m_scope;
    bool m_readyEmitted = false;

    QTabWidget *m_tabs;
    TenantTreeDock *m_tree;
    ContentView *m_content;
    SchemaView *m_schemas;
    DeploymentView *m_deployments;
    QLabel *m_workspaceLabel;
    QLabel *m_scopeLabel;
    QLabel *m_countLabel;

    QPointer<SyncController> m_sync;
    ReplicaChange m_pendingChange;
    QTimer m_changeTimer;
    QAction *m_syncNowAction = nullptr;
    QAction *m_workOfflineAction = nullptr;
    QAction *m_outboxAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_newDocumentAction = nullptr;
    QAction *m_editDraftAction = nullptr;
    QAction *m_remarkAction = nullptr;
    QAction *m_newSchemaAction = nullptr;
    QAction *m_editSchemaAction = nullptr;
    QAction *m_deleteSchemaAction = nullptr;
};

} // namespace Galley
