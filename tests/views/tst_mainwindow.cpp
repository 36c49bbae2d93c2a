// The main window through its real widgets, on a fresh demo workspace, offscreen.
#include "contentview.h"
#include "deploymentview.h"
#include "demo/demoworkspace.h"
#include "displayformat.h"
#include "editiondetailpane.h"
#include "historytimeline.h"
#include "icons.h"
#include "itemmodels/deploymentlistmodel.h"
#include "itemmodels/editiontablemodel.h"
#include "itemmodels/schemalistmodel.h"
#include "jsonviewer.h"
#include "itemmodels/tenanttreemodel.h"
#include "mainwindow.h"
#include "schemaview.h"
#include "store/editionquery.h"
#include "store/localstore.h"
#include "store/replicareader.h"
#include "tenanttreedock.h"
#include "translationloader.h"

#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

#include <memory>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kLoadTimeout = 30000;

QList<EditionRow> loadedRows(const EditionTableModel *model)
{
    QList<EditionRow> rows;
    for (int r = 0; r < model->rowCount(); ++r)
        rows << *model->rowAt(r);
    return rows;
}

bool settled(const EditionTableModel *model)
{
    return !model->isLoading() && model->totalCount() >= 0;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensOnDemoWorkspace();
    void siteSelectionFiltersTable();
    void searchFindsWordFromBody();
    void headerClickSortsByTitle();
    void stateFilterAndEmptyState();
    void detailPaneShowsTitleAndHistory();
    void schemasAndDeploymentsTabs();
    void layoutAndSelectionSurviveRestart();
    void germanTranslation();

private:
    std::unique_ptr<MainWindow> openWindow();
    // A site with editions, but fewer than the whole workspace; clicks it in the tree.
    Scope clickSomeSite(MainWindow *window);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(u"Galley"_s);
    QCoreApplication::setApplicationName(u"Galley"_s);
    TranslationLoader::install(QLocale(QLocale::English));
    Icons::setUpTheme();
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"demo.galley"_s);
    if (QByteArrayView(QTest::currentTestFunction()) == "germanTranslation")
        return;   // no workspace needed
    auto store = LocalStore::open(m_path);
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    QSqlDatabase db = store.value()->connection();
    const Status generated = DemoWorkspace::generate(db);
    QVERIFY2(generated, qPrintable(generated ? QString() : generated.error().message));
    db = {};
    store.value()->closeConnection();
}

void TestMainWindow::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow()
{
    auto window = std::make_unique<MainWindow>();
    const Status opened = window->openWorkspace(m_path);
    if (!opened)
        qWarning() << opened.error().message;
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        return {};
    if (!QTest::qWaitFor([&] { return window->isReady(); }, kLoadTimeout))
        return {};
    return window;
}

Scope TestMainWindow::clickSomeSite(MainWindow *window)
{
    QTreeView *tree = window->findChild<QTreeView *>(u"tenantTree"_s);
    auto *model = qobject_cast<TenantTreeModel *>(tree->model());
    const qint64 total = window->contentView()->totalCount();
    if (total <= 0)
        return {};
    for (int a = 0; a < model->rowCount(); ++a) {
        const QModelIndex account = model->index(a, 0);
        tree->expand(account);
        if (!QTest::qWaitFor([&] { return model->rowCount(account) > 0; }, kLoadTimeout))
            continue;
        for (int s = 0; s < model->rowCount(account); ++s) {
            const QModelIndex site = model->index(s, 0, account);
            // Counts arrive after the names (they are aggregates, on the background lane).
            if (!QTest::qWaitFor([&] { return site.data(TenantTreeModel::EditionCountRole).toLongLong() >= 0; }, kLoadTimeout))
                continue;
            const qint64 editions = site.data(TenantTreeModel::EditionCountRole).toLongLong();
            if (editions <= 0 || editions >= total)
                continue;
            tree->scrollTo(site);
            QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(site).center());
            return model->scopeForIndex(site);
        }
    }
    return {};
}

void TestMainWindow::opensOnDemoWorkspace()
{
    auto window = openWindow();
    QVERIFY(window);

    auto *tree = window->findChild<QTreeView *>(u"tenantTree"_s);
    QVERIFY(tree);
    QCOMPARE(tree->model()->rowCount(), 2);   // the demo's two accounts
    for (int a = 0; a < 2; ++a)
        QVERIFY(!tree->model()->index(a, 0).data().toString().isEmpty());

    auto *table = window->findChild<QTableView *>(u"editionTable"_s);
    QVERIFY(table);
    QVERIFY(table->isVisible());
    QVERIFY(table->model()->rowCount() > 0);
    QTRY_VERIFY(window->contentView()->totalCount() >= table->model()->rowCount());
    QCOMPARE(window->tabs()->tabText(0), u"Content"_s);
    QCOMPARE(window->tabs()->count(), 3);

    // The status bar names the workspace and counts the editions.
    QTRY_VERIFY(!window->findChild<QLabel *>(u"workspaceLabel"_s)->text().isEmpty());
    const QString counts = window->findChild<QLabel *>(u"countLabel"_s)->text();
    QVERIFY2(counts.contains(u"editions"_s), qPrintable(counts));
    QCOMPARE(window->findChild<QLabel *>(u"scopeLabel"_s)->text(), u"All accounts"_s);
}

void TestMainWindow::siteSelectionFiltersTable()
{
    auto window = openWindow();
    QVERIFY(window);
    auto *model = window->contentView()->model();
    const qint64 before = model->totalCount();

    const Scope site = clickSomeSite(window.get());
    QVERIFY(site.siteId != 0);
    QCOMPARE(window->scope(), site);
    QTRY_VERIFY_WITH_TIMEOUT(model->filter().scope == site && settled(model), kLoadTimeout);

    QVERIFY(model->rowCount() > 0);
    QVERIFY(model->totalCount() < before);
    for (const EditionRow &row : loadedRows(model))
        QCOMPARE(row.siteId, site.siteId);
    const QString path = window->findChild<QLabel *>(u"scopeLabel"_s)->text();
    QVERIFY2(path.contains(u" › "_s), qPrintable(path));

    // The other tabs follow the tree too.
    QCOMPARE(window->schemaView()->model()->accountId(), site.accountId);
    QCOMPARE(window->deploymentView()->model()->scope(), site);
}

void TestMainWindow::searchFindsWordFromBody()
{
    auto window = openWindow();
    QVERIFY(window);
    auto *model = window->contentView()->model();

    // Find an edition and a word of its fields that is not in its title, as rare as possible.
    auto store = LocalStore::open(m_path);
    QVERIFY(store);
    QSqlDatabase db = store.value()->connection();
    static const QRegularExpression wordPattern(u"\\b[A-Za-z]{6,}\\b"_s);
    Id editionId = 0;
    QString word;
    qint64 bestCount = std::numeric_limits<qint64>::max();
    for (int r = 0; r < std::min(model->rowCount(), 20) && bestCount > 1; ++r) {
        const EditionRow row = *model->rowAt(r);
        const auto detail = ReplicaReader::editionDetail(db, row.id);
        QVERIFY(detail);
        QString text;
        for (auto it = detail->edition.fields.begin(); it != detail->edition.fields.end(); ++it) {
            if (it.value().isString() && it.value().toString() != row.title)
                text += u' ' + DisplayFormat::plainTextFromHtml(it.value().toString());
        }
        auto matches = wordPattern.globalMatch(text);
        while (matches.hasNext()) {
            const QString candidate = matches.next().captured().toLower();
            if (row.title.contains(candidate, Qt::CaseInsensitive))
                continue;
            EditionFilter filter;
            filter.text = candidate;
            const auto count = EditionQuery::count(db, filter);
            QVERIFY(count);
            if (count.value() >= 1 && count.value() < bestCount) {
                bestCount = count.value();
                word = candidate;
                editionId = row.id;
            }
        }
    }
    db = {};
    store.value()->closeConnection();
    QVERIFY2(!word.isEmpty(), "no edition with body text among the first rows");
    QVERIFY(bestCount <= model->pageSize());

    QLineEdit *search = window->findChild<QLineEdit *>(u"searchField"_s);
    QVERIFY(search);
    QTest::keySequence(window.get(), QKeySequence::Find);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, word);
    QTRY_VERIFY_WITH_TIMEOUT(model->filter().text == word && settled(model), kLoadTimeout);
    QVERIFY2(model->rowOfEdition(editionId) >= 0, qPrintable(word));
    QCOMPARE(model->totalCount(), bestCount);
}

void TestMainWindow::headerClickSortsByTitle()
{
    auto window = openWindow();
    QVERIFY(window);
    auto *model = window->contentView()->model();
    QTableView *table = window->contentView()->table();
    QHeaderView *header = table->horizontalHeader();

    const auto clickTitleHeader = [&] {
        const int x = header->sectionViewportPosition(EditionTableModel::TitleColumn)
            + header->sectionSize(EditionTableModel::TitleColumn) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    const auto isOrdered = [&](Qt::SortOrder order) {
        const QList<EditionRow> rows = loadedRows(model);
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const int c = QString::compare(rows.at(i - 1).title, rows.at(i).title, Qt::CaseInsensitive);
            if (order == Qt::AscendingOrder ? c > 0 : c < 0) {
                qWarning() << "out of order:" << rows.at(i - 1).title << rows.at(i).title;
                return false;
            }
        }
        return rows.size() > 1;
    };

    QVERIFY(model->sortOrder().key != EditionSortKey::Title);
    clickTitleHeader();
    QTRY_VERIFY_WITH_TIMEOUT(model->sortOrder().key == EditionSortKey::Title && settled(model), kLoadTimeout);
    const Qt::SortOrder first = model->sortOrder().order;
    QCOMPARE(header->sortIndicatorSection(), int(EditionTableModel::TitleColumn));
    QVERIFY(isOrdered(first));

    clickTitleHeader();
    QTRY_VERIFY_WITH_TIMEOUT(model->sortOrder().order != first && settled(model), kLoadTimeout);
    QVERIFY(isOrdered(model->sortOrder().order));
}

void TestMainWindow::stateFilterAndEmptyState()
{
    auto window = openWindow();
    QVERIFY(window);
    auto *model = window->contentView()->model();

    auto *states = window->findChild<QComboBox *>(u"stateFilter"_s);
    QVERIFY(states);
    QCOMPARE(states->itemText(0), u"All states"_s);
    states->setCurrentIndex(states->findData(int(EditionState::Published)));
    QTRY_VERIFY_WITH_TIMEOUT(model->filter().state == EditionState::Published && settled(model), kLoadTimeout);
    QVERIFY(model->rowCount() > 0);
    for (const EditionRow &row : loadedRows(model))
        QVERIFY(row.state == EditionState::Published);

    // Nothing matches: the list says so and offers the way back.
    QLineEdit *search = window->findChild<QLineEdit *>(u"searchField"_s);
    QTest::keyClicks(search, u"qxzvqxzv"_s);
    QTRY_VERIFY_WITH_TIMEOUT(model->filter().text == u"qxzvqxzv"_s && settled(model), kLoadTimeout);
    QCOMPARE(model->rowCount(), 0);
    auto *empty = window->findChild<QWidget *>(u"contentEmptyState"_s);
    QTRY_VERIFY(empty->isVisible());
    QCOMPARE(empty->findChild<QLabel *>(u"emptyStateTitle"_s)->text(), u"No editions match."_s);
    QPushButton *clear = empty->findChild<QPushButton *>();
    QVERIFY(clear && clear->isVisible());
    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(model->filter() == EditionFilter {} && settled(model), kLoadTimeout);
    QVERIFY(model->rowCount() > 0);
    QVERIFY(search->text().isEmpty());
    QCOMPARE(states->currentIndex(), 0);
    QTRY_VERIFY(window->contentView()->table()->isVisible());
}

void TestMainWindow::detailPaneShowsTitleAndHistory()
{
    auto window = openWindow();
    QVERIFY(window);
    auto *model = window->contentView()->model();
    QTableView *table = window->contentView()->table();
    EditionDetailPane *detail = window->contentView()->detailPane();

    QVERIFY(model->rowCount() > 3);
    const int row = 2;
    const EditionRow expected = *model->rowAt(row);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(model->index(row, EditionTableModel::TitleColumn)).center());
    QTRY_COMPARE_WITH_TIMEOUT(detail->shownEditionId(), expected.id, kLoadTimeout);

    auto *title = detail->findChild<QLabel *>(u"detailTitle"_s);
    QVERIFY(title->isVisible());
    QCOMPARE(title->text(), expected.title);
    HistoryTimeline *history = detail->historyTimeline();
    QVERIFY(history->isVisible());
    QVERIFY(history->entryCount() > 0);
    // "Created by Anna Berg · 12 Nov 2026 14:03", newest first: creation is last.
    static const QRegularExpression line(u"^.+ · \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}"_s);
    for (const QString &entry : history->lines())
        QVERIFY2(line.match(entry).hasMatch(), qPrintable(entry));
    QVERIFY2(history->lines().constLast().startsWith(u"Created by"_s) || history->lines().constLast().contains(u"Remark"_s),
             qPrintable(history->lines().constLast()));

    // Nothing selected: the pane says what to do.
    table->selectionModel()->clearCurrentIndex();
    QTRY_COMPARE(detail->shownEditionId(), Id(0));
    auto *hint = detail->findChild<QWidget *>(u"detailEmptyState"_s)->findChild<QLabel *>(u"emptyStateText"_s);
    QTRY_VERIFY(hint->isVisible());
    QCOMPARE(hint->text(), u"Select an edition to see its fields and history"_s);
}

void TestMainWindow::schemasAndDeploymentsTabs()
{
    auto window = openWindow();
    QVERIFY(window);

    window->tabs()->setCurrentIndex(1);
    SchemaView *schemas = window->schemaView();
    auto *list = schemas->findChild<QListView *>(u"schemaList"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!schemas->model()->isLoading() && schemas->model()->rowCount() > 1, kLoadTimeout);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(schemas->model()->index(1, 0)).center());
    const QString name = schemas->model()->index(1, 0).data().toString();
    QTRY_COMPARE(schemas->findChild<QLabel *>(u"schemaName"_s)->text(), name);
    JsonViewer *json = schemas->jsonViewer();
    QVERIFY(json->isVisible());
    QCOMPARE(json->definitionName(), u"JSON"_s);
    QVERIFY(json->toPlainText().contains(u"\"properties\""_s));
    QVERIFY(json->isReadOnly());

    // Typing narrows the list; nothing matching says so.
    auto *filter = schemas->findChild<QLineEdit *>(u"schemaFilterField"_s);
    QTest::keyClicks(filter, name.left(4));
    QTRY_VERIFY(schemas->model()->rowCount() >= 1);
    for (int r = 0; r < schemas->model()->rowCount(); ++r)
        QVERIFY(schemas->model()->index(r, 0).data().toString().contains(name.left(4), Qt::CaseInsensitive));

    window->tabs()->setCurrentIndex(2);
    DeploymentView *deployments = window->deploymentView();
    QTRY_VERIFY_WITH_TIMEOUT(deployments->model()->rowCount() > 0, kLoadTimeout);
    QTableView *table = deployments->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(deployments->model()->index(0, DeploymentListModel::SiteColumn)).center());
    const DeploymentRow *row = deployments->model()->rowAt(0);
    auto *log = deployments->findChild<QPlainTextEdit *>(u"deploymentLog"_s);
    QTRY_VERIFY(log->isVisible());
    QCOMPARE(log->toPlainText(), row->record.log.trimmed().isEmpty() ? log->toPlainText() : row->record.log.trimmed());
    QVERIFY(deployments->findChild<QLabel *>(u"deploymentHeading"_s)->text().contains(row->siteName));
    QVERIFY(window->findChild<QLabel *>(u"countLabel"_s)->text().contains(u"deployment"_s));
}

void TestMainWindow::layoutAndSelectionSurviveRestart()
{
    Scope site;
    QSize size;
    {
        auto window = openWindow();
        QVERIFY(window);
        site = clickSomeSite(window.get());
        QVERIFY(site.siteId != 0);
        size = window->size() - QSize(60, 40);
        window->resize(size);
        QTRY_COMPARE(window->size(), size);
        window->tabs()->setCurrentIndex(1);
        QVERIFY(window->close());
    }
    auto window = openWindow();
    QVERIFY(window);
    QCOMPARE(window->size(), size);
    QCOMPARE(window->tabs()->currentIndex(), 1);
    QTRY_COMPARE(window->treeDock()->currentScope(), site);
    auto *tree = window->findChild<QTreeView *>(u"tenantTree"_s);
    auto *treeModel = qobject_cast<TenantTreeModel *>(tree->model());
    QCOMPARE(treeModel->scopeForIndex(tree->currentIndex()), site);
    QCOMPARE(window->contentView()->model()->filter().scope, site);
}

void TestMainWindow::germanTranslation()
{
    QTranslator german;
    QVERIFY(german.load(u":/i18n/galley_de.qm"_s));
    QCoreApplication::installTranslator(&german);
    {
        MainWindow window;
        QCOMPARE(window.tabs()->tabText(0), u"Inhalte"_s);
        auto *states = window.findChild<QComboBox *>(u"stateFilter"_s);
        QCOMPARE(states->itemText(0), u"Alle Status"_s);
        QCOMPARE(states->itemText(states->findData(int(EditionState::Draft))), u"Entwurf"_s);
        QCOMPARE(window.findChild<QLineEdit *>(u"searchField"_s)->placeholderText(), u"Titel und Text durchsuchen …"_s);
    }
    QCoreApplication::removeTranslator(&german);
    QCOMPARE(displayName(EditionState::Draft), u"Draft"_s);
}

int main(int argc, char *argv[])
{
    // A desktop-sized offscreen screen (the default is 800×800), so that the window
    // is laid out as people see it.
    QTemporaryDir screenDir;
    if (qEnvironmentVariable("QT_QPA_PLATFORM") == u"offscreen" && screenDir.isValid()) {
        const QString config = screenDir.filePath(u"screen.json"_s);
        QFile file(config);
        if (file.open(QIODevice::WriteOnly)) {
            file.write(R"({"screens":[{"name":"Desktop","x":0,"y":0,"width":1920,"height":1080,"logicalDpi":96,"logicalBaseDpi":96,"dpr":1}]})");
            file.close();
            const QByteArray platform = QByteArray("offscreen:configfile=") + config.toLocal8Bit();
            qputenv("QT_QPA_PLATFORM", platform);
        }
    }
    QApplication app(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow.moc"
