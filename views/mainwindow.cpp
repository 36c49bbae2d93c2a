#include "mainwindow.h"

#include "checkserverdialog.h"
#include "contentview.h"
#include "deploymentview.h"
#include "displayformat.h"
#include "editiondetailpane.h"
#include "icons.h"
#include "schemaview.h"
#include "store/localstore.h"
#include "store/replicareader.h"
#include "store/storeworker.h"
#include "tenanttreedock.h"

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
    connect(m_deployments, &DeploymentView::countsChanged, this, &MainWindow::updateStatusBar);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatusBar);
    connect(m_content, &ContentView::firstPageLoaded, this, &MainWindow::checkReady);
    connect(m_content->detailPane(), &EditionDetailPane::loaded, this, &MainWindow::checkReady);

    createActions();
    restoreSettings();
    updateStatusBar();
}

MainWindow::~MainWindow() = default;

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

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
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

void MainWindow::toggleFullScreen(bool on)
{
    if (on)
        showFullScreen();
    else
        showNormal();
}

} // namespace Galley
