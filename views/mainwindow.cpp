#include "mainwindow.h"

#include "checkserverdialog.h"
#include "contentview.h"
#include "deploymentview.h"
#include "displayformat.h"
#include "editiondetailpane.h"
#include "editdraftdialog.h"
#include "newdocumentdialog.h"
#include "remarkdialog.h"
#include "editiondiffwindow.h"
#include "workflowactionbar.h"
#include "workflowdialogs.h"
#include "icons.h"
#include "schemaeditorwindow.h"
#include "schemaview.h"
#include "domain/permissions.h"
#include "store/localstore.h"
#include "store/replicareader.h"
#include "store/storeworker.h"
#include "tenanttreedock.h"
#include "connectdialog.h"
#include "itemmodels/deploymentlistmodel.h"
#include "itemmodels/editiontablemodel.h"
#include "itemmodels/schemalistmodel.h"
#include "itemmodels/tenanttreemodel.h"
#include "outboxview.h"
#include "synccontroller.h"
#include "sync/syncengine.h"
#include "syncstatuswidget.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QSignalBlocker>
#include <QTabWidget>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

enum Tab { ContentTab, SchemasTab, DeploymentsTab };

QString settingsKey(const char *group, const char *key)
{
    return QLatin1StringView(group) + u'/' + QLatin1StringView(key);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
    , m_tree(new TenantTreeDock(this))
    , m_content(new ContentView(m_tabs))
    , m_schemas(new SchemaView(m_tabs))
    , m_deployments(new DeploymentView(m_tabs))
    , m_workspaceLabel(new QLabel(this))
    , m_scopeLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("No workspace"));
    setDockOptions(QMainWindow::AnimatedDocks);

    m_tabs->setObjectName(u"mainTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_content, Icons::get(u"document-multiple"_s), tr("Content"));
    m_tabs->addTab(m_schemas, Icons::get(u"code-context"_s), tr("Schemas"));
    m_tabs->addTab(m_deployments, Icons::get(u"cloud-upload"_s), tr("Deployments"));
    setCentralWidget(m_tabs);

    addDockWidget(Qt::LeftDockWidgetArea, m_tree);
    resizeDocks({ m_tree }, { 220 }, Qt::Horizontal);

    m_workspaceLabel->setObjectName(u"workspaceLabel"_s);
    m_scopeLabel->setObjectName(u"scopeLabel"_s);
    m_countLabel->setObjectName(u"countLabel"_s);
    m_scopeLabel->setForegroundRole(QPalette::PlaceholderText);
    statusBar()->addWidget(m_workspaceLabel);
    statusBar()->addWidget(m_scopeLabel, 1);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->setSizeGripEnabled(true);
    m_workspaceLabel->setContentsMargins(4, 0, 8, 0);
    m_countLabel->setContentsMargins(8, 0, 4, 0);

    connect(m_tree, &TenantTreeDock::scopeChanged, this, &MainWindow::onScopeChanged);
    connect(m_tree, &TenantTreeDock::loaded, this, [this] {
        updateStatusBar();
        checkReady();
    });
    connect(m_content, &ContentView::countsChanged, this, [this] {
        updateStatusBar();
        checkReady();
    });
    connect(m_schemas, &SchemaView::countsChanged, this, &MainWindow::updateStatusBar);
    connect(m_schemas, &SchemaView::schemaActivated, this, [this](Id id) { editSchema(id); });
    connect(m_deployments, &DeploymentView::countsChanged, this, &MainWindow::updateStatusBar);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatusBar);
    connect(m_content, &ContentView::firstPageLoaded, this, &MainWindow::checkReady);
    connect(m_content->detailPane(), &EditionDetailPane::loaded, this, &MainWindow::checkReady);
    connect(m_content->detailPane()->actionBar(), &WorkflowActionBar::eventRequested, this, &MainWindow::fireWorkflowEvent);
    connect(m_content->detailPane()->actionBar(), &WorkflowActionBar::checkLinksRequested, this, [this] {
        const Id editionId = m_content->detailPane()->editionId();
        if (!m_sync || editionId == 0)
            return;
        m_sync->engine()->checkLinks(editionId, [this](Status st) {
            if (!st)
                QMessageBox::warning(this, tr("Cannot Check the Links"), st.error().message);
            else
                statusBar()->showMessage(tr("The server checks the links; the report appears when it is done."), 6000);
        });
    });

    // Server changes arrive page by page: the views catch up at most every 50 ms, in place.
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(50);
    connect(&m_changeTimer, &QTimer::timeout, this, &MainWindow::applyReplicaChanges);

    createActions();
    restoreSettings();
    updateStatusBar();
}

MainWindow::~MainWindow()
{
    // The sync controller's widgets live in this window's status bar and dock area: they go
    // first, while everything they talk to is still whole.
    delete m_sync;
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(Icons::get(u"document-open"_s, QStyle::SP_DialogOpenButton), tr("&Open Workspace…"),
                                    this, &MainWindow::openWorkspaceDialog);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(u"actionOpenWorkspace"_s);
    QAction *checkServer = file->addAction(Icons::get(u"globe"_s, QStyle::SP_DriveNetIcon),
                                           tr("Check &Server…"), this, &MainWindow::showCheckServerDialog);
    checkServer->setObjectName(u"actionCheckServer"_s);
    checkServer->setStatusTip(tr("Find out whether a Galley server can work with this version of Galley"));
    file->addSeparator();
    QAction *quit = file->addAction(Icons::get(u"application-exit"_s), tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    quit->setObjectName(u"actionQuit"_s);

    QMenu *server = menuBar()->addMenu(tr("&Server"));
    QAction *connectAction = server->addAction(Icons::get(u"network-connect"_s, QStyle::SP_DriveNetIcon),
                                               tr("&Connect to Server…"), this, &MainWindow::showConnectDialog);
    connectAction->setObjectName(u"actionConnect"_s);
    connectAction->setStatusTip(tr("Sign in to a Galley server and work on its content here, online or offline"));
    server->addSeparator();
    m_syncNowAction = server->addAction(Icons::get(u"view-refresh"_s), tr("Sync &Now"), this, [this] {
        if (m_sync)
            m_sync->engine()->syncNow();
    });
    m_syncNowAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    m_syncNowAction->setObjectName(u"actionSyncNow"_s);
    m_workOfflineAction = server->addAction(Icons::get(u"network-disconnect"_s), tr("Work &Offline"));
    m_workOfflineAction->setCheckable(true);
    m_workOfflineAction->setObjectName(u"actionWorkOffline"_s);
    m_workOfflineAction->setStatusTip(tr("Keep working on the local copy; changes wait in the outbox until you go online"));
    connect(m_workOfflineAction, &QAction::toggled, this, [this](bool on) {
        if (m_sync)
            m_sync->engine()->setWorkOffline(on);
    });
    m_outboxAction = server->addAction(Icons::get(u"mail-outbox"_s), tr("Show &Outbox"), this, [this] {
        if (m_sync)
            m_sync->showOutbox();
    });
    m_outboxAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_outboxAction->setObjectName(u"actionShowOutbox"_s);
    server->addSeparator();
    m_signOutAction = server->addAction(tr("Sign Out"), this, [this] {
        if (m_sync)
            m_sync->engine()->signOut();
    });
    m_signOutAction->setObjectName(u"actionSignOut"_s);
    updateSyncActions();

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_newDocumentAction = edit->addAction(Icons::get(u"document-new"_s), tr("&New Document…"), this, &MainWindow::newDocument);
    m_newDocumentAction->setShortcut(QKeySequence::New);
    m_newDocumentAction->setObjectName(u"actionNewDocument"_s);
    m_editDraftAction = edit->addAction(Icons::get(u"document-edit"_s), tr("&Edit Draft…"), this, [this] { editDraft(); });
    m_editDraftAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editDraftAction->setObjectName(u"actionEditDraft"_s);
    m_remarkAction = edit->addAction(Icons::get(u"mail-reply-sender"_s), tr("Add &Remark…"), this, &MainWindow::addRemark);
    m_remarkAction->setObjectName(u"actionAddRemark"_s);
    QAction *compare = edit->addAction(Icons::get(u"document-compare"_s), tr("&Compare Editions…"), this,
                                       &MainWindow::compareEditions);
    compare->setObjectName(u"actionCompareEditions"_s);
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_D));
    compare->setStatusTip(tr("Show the selected edition side by side with the one before it, word by word"));
    edit->addSeparator();
    m_newSchemaAction = edit->addAction(Icons::get(u"document-new"_s), tr("New &Schema…"), this, &MainWindow::newSchema);
    m_newSchemaAction->setObjectName(u"actionNewSchema"_s);
    m_editSchemaAction = edit->addAction(Icons::get(u"code-context"_s), tr("Edit Sc&hema…"), this, [this] { editSchema(); });
    m_editSchemaAction->setObjectName(u"actionEditSchema"_s);
    m_editSchemaAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_deleteSchemaAction = edit->addAction(Icons::get(u"edit-delete"_s), tr("&Delete Schema…"), this, &MainWindow::deleteSchema);
    m_deleteSchemaAction->setObjectName(u"actionDeleteSchema"_s);
    edit->addSeparator();
    QAction *findAction = edit->addAction(Icons::get(u"edit-find"_s), tr("&Find…"), this, &MainWindow::find);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setObjectName(u"actionFind"_s);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refreshAction = view->addAction(Icons::get(u"view-refresh"_s, QStyle::SP_BrowserReload), tr("&Refresh"),
                                             this, &MainWindow::refresh);
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setObjectName(u"actionRefresh"_s);
    view->addSeparator();
    QAction *treeToggle = m_tree->toggleViewAction();
    treeToggle->setText(tr("&Sites Panel"));
    treeToggle->setIcon(Icons::get(u"view-list-tree"_s));
    treeToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    view->addAction(treeToggle);
    QAction *everything = view->addAction(tr("Show &All Accounts"), this, [this] { m_tree->selectScope({}); });
    everything->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    view->addSeparator();
    const QString tabNames[] = { tr("&Content"), tr("S&chemas"), tr("&Deployments") };
    for (int i = 0; i < 3; ++i) {
        QAction *tab = view->addAction(tabNames[i], this, [this, i] { m_tabs->setCurrentIndex(i); });
        tab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QAction *fullScreen = view->addAction(Icons::get(u"view-fullscreen"_s), tr("&Full Screen"));
    fullScreen->setCheckable(true);
    QList<QKeySequence> fullScreenKeys = QKeySequence::keyBindings(QKeySequence::FullScreen);
    if (!fullScreenKeys.contains(QKeySequence(Qt::Key_F11)))
        fullScreenKeys.prepend(QKeySequence(Qt::Key_F11));
    fullScreen->setShortcuts(fullScreenKeys);
    fullScreen->setObjectName(u"actionFullScreen"_s);
    connect(fullScreen, &QAction::toggled, this, &MainWindow::toggleFullScreen);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = help->addAction(Icons::get(u"help-about"_s), tr("&About Galley"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    const QByteArray geometry = settings.value(settingsKey("MainWindow", "geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        QSize size(1280, 800);
        if (const QScreen *s = screen())
            size = size.boundedTo(s->availableGeometry().size() * 0.95);
        resize(size);
    }
    restoreState(settings.value(settingsKey("MainWindow", "state")).toByteArray());
    m_tabs->setCurrentIndex(std::clamp(settings.value(settingsKey("MainWindow", "tab"), 0).toInt(), 0, 2));
    m_content->restoreSettings(settings);
    m_schemas->restoreSettings(settings);
    m_deployments->restoreSettings(settings);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(settingsKey("MainWindow", "geometry"), saveGeometry());
    settings.setValue(settingsKey("MainWindow", "state"), saveState());
    settings.setValue(settingsKey("MainWindow", "tab"), m_tabs->currentIndex());
    m_content->saveSettings(settings);
    m_schemas->saveSettings(settings);
    m_deployments->saveSettings(settings);
    if (!m_path.isEmpty()) {
        settings.setValue(settingsKey("Tree", "workspace"), m_path);
        settings.setValue(settingsKey("Tree", "account"), m_scope.accountId);
        settings.setValue(settingsKey("Tree", "site"), m_scope.siteId);
        settings.setValue(settingsKey("Tree", "sector"), m_scope.sectorId);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

Status MainWindow::openWorkspace(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    {
        // Creates or migrates the schema; the GUI thread's connection closes again
        // right away: every query runs on the worker.
        auto store = LocalStore::open(absolute);
        if (!store)
            return store.error();
        store.value()->closeConnection();
    }
    if (!m_path.isEmpty())
        saveSettings();

    Scope restore;
    {
        const QSettings settings;
        if (settings.value(settingsKey("Tree", "workspace")).toString() == absolute) {
            restore.accountId = settings.value(settingsKey("Tree", "account")).toLongLong();
            restore.siteId = settings.value(settingsKey("Tree", "site")).toLongLong();
            restore.sectorId = settings.value(settingsKey("Tree", "sector")).toLongLong();
        }
    }

    delete m_sync;   // another workspace: its server (if any) is connected anew
    updateSyncActions();
    StoreWorker *old = m_worker;
    auto *worker = new StoreWorker(absolute, this);
    m_worker = worker;
    m_path = absolute;
    m_readyEmitted = false;
    m_scope = restore;

    // Scope first, so that each view's first query is already the right one.
    m_content->setScope(restore);
    m_schemas->setAccountId(restore.accountId);
    m_deployments->setScope(restore);
    m_tree->setWorker(worker, restore);
    m_content->setWorker(worker);
    m_schemas->setWorker(worker);
    m_deployments->setWorker(worker);
    delete old;

    QSettings().setValue(settingsKey("Workspace", "last"), absolute);
    m_workspaceLabel->setText(QFileInfo(absolute).completeBaseName());
    m_workspaceLabel->setToolTip(absolute);
    loadWorkspaceInfo();
    updateStatusBar();
    return {};
}

void MainWindow::loadWorkspaceInfo()
{
    if (!m_worker)
        return;
    const QString path = m_path;
    m_worker->post(
        this, [](QSqlDatabase &db) { return ReplicaReader::workspace(db); },
        [this, path](const Result<WorkspaceInfo> &info) {
            if (path != m_path)
                return;
            QString name = info && !info->name.isEmpty() ? info->name : QFileInfo(path).completeBaseName();
            setWindowTitle(name);
            m_workspaceLabel->setText(name);
            m_workspaceLabel->setToolTip(path);
        });
}

void MainWindow::onScopeChanged(const Scope &scope)
{
    m_scope = scope;
    m_content->setScope(scope);
    m_schemas->setAccountId(scope.accountId);
    m_deployments->setScope(scope);
    updateStatusBar();
}

void MainWindow::updateStatusBar()
{
    m_scopeLabel->setText(m_path.isEmpty() ? QString() : m_tree->scopePath());
    // What the current tab lists: "1,234 editions · showing 200".
    qint64 total = -1;
    qint64 shown = 0;
    QString counts;
    switch (m_tabs->currentIndex()) {
    case ContentTab:
        total = m_content->totalCount();
        shown = m_content->loadedCount();
        if (total >= 0)
            counts = tr("%Ln edition(s)", nullptr, int(total));
        break;
    case SchemasTab:
        total = m_schemas->totalCount();
        shown = m_schemas->shownCount();
        if (total >= 0)
            counts = tr("%Ln schema(s)", nullptr, int(total));
        break;
    case DeploymentsTab:
        total = m_deployments->totalCount();
        shown = m_deployments->loadedCount();
        if (total >= 0)
            counts = tr("%Ln deployment(s)", nullptr, int(total));
        break;
    }
    if (total >= 0 && shown < total)
        counts += u" · "_s + tr("showing %1").arg(DisplayFormat::number(shown));
    m_countLabel->setText(counts);
}

bool MainWindow::isReady() const
{
    if (m_path.isEmpty() || !m_tree->isLoaded() || !m_content->isFirstPageLoaded() 
        || (m_content->totalCount() < 0 && !m_content->hasError()))
        return false;
    const EditionDetailPane *detail = m_content->detailPane();
    return detail->editionId() == 0 || (!detail->isLoading() && detail->shownEditionId() == detail->editionId());
}

void MainWindow::checkReady()
{
    if (m_readyEmitted || !isReady())
        return;
    m_readyEmitted = true;
    Q_EMIT ready();
}

void MainWindow::openWorkspaceDialog()
{
    const QString dir = m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), dir,
                                                      tr("Galley workspaces (*.galley);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const Status status = openWorkspace(path); !status) {
        QMessageBox::warning(this, tr("Cannot Open Workspace"),
                             tr("Galley could not open %1.").arg(QDir::toNativeSeparators(path)) + u"\n\n"_s
                                 + status.error().message);
    }
}

void MainWindow::setServerUrl(const QString &url)
{
    m_serverUrl = url;
    if (m_checkServer)
        m_checkServer->setServerUrl(url);
}

CheckServerDialog *MainWindow::showCheckServerDialog()
{
    if (!m_checkServer) {
        auto *dialog = new CheckServerDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QString url = m_serverUrl;
        if (url.isEmpty())
            url = QSettings().value(settingsKey("Server", "url")).toString();
        dialog->setServerUrl(url);
        connect(dialog, &CheckServerDialog::checked, this, [](const QString &checkedUrl, const Result<ServerApi> &result) {
            // Remember what was checked, unless it was not even an address.
            if (result || result.error().code != ServerHandshake::InvalidUrl)
                QSettings().setValue(settingsKey("Server", "url"), checkedUrl);
        });
        m_checkServer = dialog;
    }
    m_checkServer->show();
    m_checkServer->raise();
    m_checkServer->activateWindow();
    return m_checkServer;
}

void MainWindow::refresh()
{
    if (!m_worker)
        return;
    m_tree->reload();
    m_content->refresh();
    m_schemas->refresh();
    m_deployments->refresh();
    loadWorkspaceInfo();
}

void MainWindow::find()
{
    if (m_tabs->currentIndex() == SchemasTab) {
        m_schemas->focusFilter();
        return;
    }
    m_tabs->setCurrentIndex(ContentTab);
    m_content->focusSearch();
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Galley"),
        u"<h3>%1 %2</h3><p>%3</p><p>%4</p>"_s.arg(
            QApplication::applicationDisplayName().toHtmlEscaped(), QApplication::applicationVersion().toHtmlEscaped(),
            tr("A desktop editorial client for multi-tenant headless content management: browse sites, "
               "review editions and their history, inspect schemas and deployments — offline, against a "
               "local replica.").toHtmlEscaped(),
            tr("Built with Qt %1 and KDE Syntax Highlighting.").arg(QString::fromLatin1(qVersion())).toHtmlEscaped()));
}

SyncController *MainWindow::syncController() const
{
    return m_sync;
}

void MainWindow::trustCertificate(const QUrl &server, const QByteArray &sha256Fingerprint)
{
    SyncEngine engine({ QString(), server, QString() });
    engine.acceptCertificate(sha256Fingerprint);
}

void MainWindow::connectToServer(const QUrl &server, const QString &email, const QString &password)
{
    if (m_path.isEmpty())
        return;
    if (m_sync && (m_sync->server() != server || m_sync->email().compare(email, Qt::CaseInsensitive) != 0))
        delete m_sync;
    if (!m_sync) {
        m_sync = new SyncController(this, m_path, server, email);
        connect(m_sync, &SyncController::replicaChanged, this, &MainWindow::onReplicaChanged);
        connect(m_sync, &SyncController::otherWorkspaceRequested, this, &MainWindow::openServerWorkspace);
        connect(m_sync, &SyncController::fixEditionRequested, this,
                [this](Id editionId, const QJsonArray &errors) { editDraft(editionId, errors); });
        connect(m_sync->engine(), &SyncEngine::statusChanged, this, &MainWindow::updateSyncActions);
        connect(m_sync->engine(), &SyncEngine::signedIn, this, [this] { loadWorkspaceInfo(); });
    }
    updateSyncActions();
    m_sync->connectToServer(password);
}

void MainWindow::openServerWorkspace(const QUrl &server, const QString &email, const QString &password)
{
    const QString path = SyncEngine::defaultWorkspacePath(server, email);
    QDir().mkpath(QFileInfo(path).path());
    if (const Status status = openWorkspace(path); !status) {
        QMessageBox::warning(this, tr("Cannot Open Workspace"), status.error().message);
        return;
    }
    connectToServer(server, email, password);
}

void MainWindow::reconnect()
{
    if (!m_worker)
        return;
    const QString path = m_path;
    m_worker->post(
        this,
        [](QSqlDatabase &db) { return ReplicaReader::serverConnection(db); },
        [this, path](const Result<std::pair<QString, QString>> &server) {
            if (path != m_path || !server || server->first.isEmpty() || server->second.isEmpty())
                return;
            connectToServer(QUrl(server->first), server->second);
        });
}

void MainWindow::showConnectDialog()
{
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString last = QSettings().value(settingsKey("Server", "url")).toString();
    dialog->setServer(m_sync ? m_sync->server().toString() : (m_serverUrl.isEmpty() ? last : m_serverUrl));
    if (m_sync)
        dialog->setEmail(m_sync->email());
    connect(dialog, &ConnectDialog::signInRequested, this,
            [this, dialog](const QUrl &server, const QString &email, const QString &password) {
                dialog->accept();
                QSettings().setValue(settingsKey("Server", "url"), server.toString());
                openServerWorkspace(server, email.trimmed(), password);
            });
    dialog->open();
}

void MainWindow::newDocument()
{
    if (!m_sync)
        return;
    auto *dialog = new NewDocumentDialog(m_worker, m_scope, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!m_sync)
            return;
        m_sync->engine()->createDocument(dialog->document(), [this](Result<Id> id) {
            if (!id)
                QMessageBox::warning(this, tr("Cannot Create the Document"), id.error().message);
        });
    });
    dialog->open();
}

void MainWindow::editDraft(Id editionId, const QJsonArray &serverErrors)
{
    if (!m_sync || !m_worker)
        return;
    if (editionId == 0)
        editionId = m_content->detailPane()->editionId();
    if (editionId == 0)
        return;
    m_worker->post(this, [editionId](QSqlDatabase &db) { return ReplicaReader::editionDetail(db, editionId); },
                   [this, serverErrors](Result<EditionDetail> detail) {
                       if (!detail || !m_sync) {
                           if (!detail)
                               QMessageBox::warning(this, tr("Cannot Edit"), detail.error().message);
                           return;
                       }
                       auto *dialog = new EditDraftDialog(detail->edition, serverErrors, this);
                       dialog->setAttribute(Qt::WA_DeleteOnClose);
                       const Id id = detail->edition.id;
                       connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
                           if (!m_sync)
                               return;
                           m_sync->engine()->editEdition(id, dialog->edit(), [this](Status st) {
                               if (!st)
                                   QMessageBox::warning(this, tr("Cannot Save the Draft"), st.error().message);
                           });
                       });
                       dialog->open();
                   });
}

void MainWindow::addRemark()
{
    if (!m_sync)
        return;
    const Id editionId = m_content->detailPane()->editionId();
    if (editionId == 0)
        return;
    auto *dialog = new RemarkDialog(QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, editionId] {
        if (!m_sync)
            return;
        m_sync->engine()->addRemark(editionId, dialog->text(), [this](Status st) {
            if (!st)
                QMessageBox::warning(this, tr("Cannot Add the Remark"), st.error().message);
        });
    });
    dialog->open();
}

void MainWindow::compareEditions()
{
    WorkflowActionBar *bar = m_content->detailPane()->actionBar();
    if (!m_worker || !bar->hasContext() || bar->context().edition.id != m_content->detailPane()->editionId())
        return;
    const Edition &edition = bar->context().edition;
    auto *window = new EditionDiffWindow(m_worker, edition.documentId, 0, edition.id, this);
    window->show();
}

void MainWindow::fireWorkflowEvent(Workflow::Event event)
{
    using Workflow::Event;
    WorkflowActionBar *bar = m_content->detailPane()->actionBar();
    if (!m_sync || !bar->hasContext())
        return;
    const Workflow::Context context = bar->context();
    const Edition &edition = context.edition;
    const Id editionId = edition.id;
    const auto send = [this, editionId, event](const Workflow::Request &request) {
        if (!m_sync)
            return;
        m_sync->engine()->transition(editionId, event, request, [this, event](Status st) {
            if (!st) {
                QMessageBox::warning(this, tr("Cannot %1").arg(Workflow::displayName(event)), st.error().message);
                return;
            }
            statusBar()->showMessage(tr("%1: done here; it is sent to the server with your other changes.")
                                             .arg(Workflow::displayName(event)),
                                     6000);
        });
    };

    WorkflowDialog *dialog = nullptr;
    switch (event) {
    case Event::Submit:
    case Event::Unschedule:
        send(Workflow::Request { edition.lockVersion, {}, {}, {} });
        return;
    case Event::Publish:
    case Event::ApproveRetrospectively: {
        const VersionNumber version = event == Event::Publish ? Workflow::nextVersion(edition, context.documentEditions)
                                                              : edition.version;
        QMessageBox box(QMessageBox::Question, Workflow::displayName(event),
                        event == Event::Publish ? tr("Publish “%1” as version %2?").arg(edition.title, version.toString())
                                                : tr("Approve the force publishing of “%1”?").arg(edition.title),
                        QMessageBox::Ok | QMessageBox::Cancel, this);
        box.setObjectName(u"workflowConfirmation"_s);
        box.setInformativeText(event == Event::Publish
                                       ? tr("It goes live on the site and replaces the edition that is live now.")
                                       : tr("You confirm, as the second pair of eyes, what was published without review."));
        box.button(QMessageBox::Ok)->setText(Workflow::displayName(event));
        if (box.exec() == QMessageBox::Ok)
            send(Workflow::Request { edition.lockVersion, {}, {}, {} });
        return;
    }
    case Event::ForcePublish: dialog = new ForcePublishDialog(edition, this); break;
    case Event::Schedule: dialog = new ScheduleDialog(edition, ScheduleDialog::Mode::Schedule, this); break;
    case Event::ForceSchedule: dialog = new ScheduleDialog(edition, ScheduleDialog::Mode::ForceSchedule, this); break;
    case Event::Unpublish: dialog = new UnpublishDialog(edition, context.unpublishing, context.documentUrl, this); break;
    case Event::Withdraw: dialog = new WithdrawDialog(edition, context.unpublishing, context.documentUrl, this); break;
    case Event::Unwithdraw: dialog = new UnwithdrawDialog(edition, this); break;
    case Event::CreateNewEdition: dialog = new NewEditionDialog(edition, this); break;
    case Event::Delete: dialog = new DeleteDraftDialog(edition, this); break;
    case Event::Reject: dialog = new RejectDialog(edition, this); break;
    case Event::CreateDocument:
    case Event::Edit:
    case Event::ScheduledPublish:
        return;
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [dialog, send] { send(dialog->request()); });
    dialog->open();
}

// Why the signed-in user may not save schemas; empty when they may, or when the workspace has
// no server (the schema editor then says why it cannot save).
static QString schemaSaveRefusal(QSqlDatabase &db)
{
    const auto role = ReplicaReader::signedInRole(db);
    if (!role || !role->has_value() || roleHas(**role, Permission::SaveSchema))
        return {};
    return QCoreApplication::translate("Galley::MainWindow",
                                       "Your role may not change schemas; a schema designer or an administrator can.");
}

void MainWindow::newSchema()
{
    if (!m_worker)
        return;
    ContentSchema blank;
    blank.accountId = m_scope.accountId;
    m_worker->post(this, [](QSqlDatabase &db) { return schemaSaveRefusal(db); },
                   [this, blank](const QString &refusal) { openSchemaEditor(blank, refusal); });
}

void MainWindow::editSchema(Id schemaId)
{
    if (!m_worker)
        return;
    if (schemaId == 0)
        schemaId = m_schemas->selectedSchemaId();
    if (schemaId == 0)
        return;
    // One window per schema: a second request raises it.
    for (auto *w : findChildren<SchemaEditorWindow *>()) {
        if (w->schemaId() == schemaId) {
            w->raise();
            w->activateWindow();
            return;
        }
    }
    m_worker->post(this,
                   [schemaId](QSqlDatabase &db) -> Result<std::pair<ContentSchema, QString>> {
                       auto schema = ReplicaReader::schema(db, schemaId);
                       if (!schema)
                           return schema.error();
                       return std::pair { schema.value(), schemaSaveRefusal(db) };
                   },
                   [this](Result<std::pair<ContentSchema, QString>> loaded) {
                       if (!loaded) {
                           QMessageBox::warning(this, tr("Cannot Open the Schema"), loaded.error().message);
                           return;
                       }
                       openSchemaEditor(loaded->first, loaded->second);
                   });
}

void MainWindow::openSchemaEditor(const ContentSchema &schema, const QString &refusal)
{
    auto *window = new SchemaEditorWindow(m_worker, m_sync ? m_sync->engine() : nullptr, schema, refusal, this);
    window->setWindowFlag(Qt::Window);
    connect(window, &SchemaEditorWindow::editionActivated, this, [this](Id editionId) {
        m_tabs->setCurrentWidget(m_content);
        m_content->detailPane()->showEdition(editionId);
        raise();
        activateWindow();
    });
    window->show();
}

void MainWindow::deleteSchema()
{
    if (!m_sync || !m_worker)
        return;
    const Id schemaId = m_schemas->selectedSchemaId();
    if (schemaId == 0)
        return;
    m_worker->post(this,
                   [schemaId](QSqlDatabase &db) -> Result<std::tuple<QString, qint64, QString>> {
                       auto schema = ReplicaReader::schema(db, schemaId);
                       if (!schema)
                           return schema.error();
                       const auto used = ReplicaReader::schemaUseCount(db, schemaId);
                       if (!used)
                           return used.error();
                       return std::tuple { schema->name, used.value(), schemaSaveRefusal(db) };
                   },
                   [this, schemaId](Result<std::tuple<QString, qint64, QString>> found) {
                       if (!found || !m_sync) {
                           if (!found)
                               QMessageBox::warning(this, tr("Cannot Delete the Schema"), found.error().message);
                           return;
                       }
                       const auto &[name, used, refusal] = found.value();
                       if (!refusal.isEmpty()) {
                           QMessageBox::information(this, tr("Cannot Delete the Schema"), refusal);
                           return;
                       }
                       if (used > 0) {
                           QMessageBox::information(this, tr("Cannot Delete the Schema"),
                                                    tr("“%1” is used by %n document(s) in this workspace. A schema can "
                                                       "only be deleted when no document uses it.", nullptr, int(used))
                                                        .arg(name));
                           return;
                       }
                       if (QMessageBox::question(this, tr("Delete the Schema?"),
                                                 tr("Delete “%1”? No document uses it. This cannot be undone.").arg(name),
                                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
                           != QMessageBox::Yes)
                           return;
                       m_sync->engine()->deleteSchema(schemaId, [this](Status st) {
                           if (!st)
                               QMessageBox::warning(this, tr("Cannot Delete the Schema"), st.error().message);
                       });
                   });
}

void MainWindow::updateSyncActions()
{
    const bool synced = m_sync != nullptr;
    for (QAction *a : { m_newDocumentAction, m_editDraftAction, m_remarkAction, m_newSchemaAction, m_deleteSchemaAction }) {
        if (!a)
            continue;
        a->setEnabled(synced);
        a->setToolTip(synced ? QString() : tr("Connect this workspace to a server to write (Server › Connect to Server…)"));
    }
    m_content->detailPane()->actionBar()->setUnavailable(
            synced ? QString() : tr("Connect this workspace to a server to move editions through the workflow (Server › Connect to Server…)"));
    for (QAction *a : { m_syncNowAction, m_workOfflineAction, m_outboxAction, m_signOutAction }) {
        if (a)
            a->setEnabled(synced);
    }
    if (m_workOfflineAction && synced) {
        const QSignalBlocker block(m_workOfflineAction);
        m_workOfflineAction->setChecked(m_sync->engine()->isWorkingOffline());
    }
}

void MainWindow::onReplicaChanged(const ReplicaChange &change)
{
    m_pendingChange.unite(change);
    if (!m_changeTimer.isActive())
        m_changeTimer.start();
}

void MainWindow::applyReplicaChanges()
{
    const ReplicaChange change = std::exchange(m_pendingChange, {});
    if (change.isEmpty() || !m_worker)
        return;
    if (change.touches(u"site"_s) || change.touches(u"sector"_s) || change.touches(u"user"_s))
        m_tree->model()->updateInPlace();
    if (change.touches(u"edition"_s) || change.touches(u"document"_s) || change.touches(u"schema"_s)
        || change.touches(u"sector"_s)) {
        m_content->model()->updateInPlace();
        m_tree->model()->updateInPlace();
    }
    if (change.touches(u"schema"_s))
        m_schemas->model()->updateInPlace();
    if (change.touches(u"deployment"_s))
        m_deployments->model()->updateInPlace();
    EditionDetailPane *detail = m_content->detailPane();
    if (detail->editionId() != 0
        && (change.everything || change.editionIds.contains(detail->editionId()) || change.touches(u"remark"_s)
            || change.touches(u"audit_entry"_s) || change.touches(u"link_check"_s)
            || change.touches(u"publishing_record"_s) || change.touches(u"unpublishing"_s)))
        detail->reload();
    if (change.everything)
        loadWorkspaceInfo();
}

void MainWindow::toggleFullScreen(bool on)
{
    if (on)
        showFullScreen();
    else
        showNormal();
}

} // namespace Galley
