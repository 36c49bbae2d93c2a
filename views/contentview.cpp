#include "contentview.h"

#include "workflow/workflowcontext.h"

#include "busyindicator.h"
#include "datetimedelegate.h"
#include "displayformat.h"
#include "editiondetailpane.h"
#include "emptystate.h"
#include "icons.h"
#include "itemmodels/editiontablemodel.h"
#include "statedelegate.h"
#include "store/replicareader.h"
#include "store/storeworker.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QToolButton>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPainter>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

enum ListPage { TablePage, EmptyPage };
constexpr int kAccountIdRole = Qt::UserRole + 1;

struct SchemaChoice
{
    Id id = 0;
    Id accountId = 0;
    QString label;
};

// A small round swatch in a state's colour, for the state filter's entries.
QIcon swatch(const QColor &hue, const QPalette &palette)
{
    const qreal dpr = 2.0;
    QPixmap pixmap(QSize(12, 12) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const StatePill::Tone tone = StatePill::toneFor(hue, palette);
    p.setPen(QPen(tone.text, 1));
    p.setBrush(hue);
    p.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}

} // namespace

ContentView::ContentView(QWidget *parent)
    : QWidget(parent)
    , m_stateFilter(new QComboBox(this))
    , m_schemaFilter(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_busy(new BusyIndicator(this))
    , m_listStack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_empty(new EmptyState(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_detail(new EditionDetailPane(this))
{
    setObjectName(u"contentView"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_splitter);

    auto *listSide = new QWidget(m_splitter);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(8, 8, 4, 8);
    listLayout->setSpacing(6);

    // The work queues: where an editor starts the day.
    m_queues = new QButtonGroup(this);
    m_queues->setExclusive(true);
    auto *chips = new QHBoxLayout;
    chips->setSpacing(4);
    const std::pair<EditionFilter::Queue, QString> queues[] = {
        { EditionFilter::Queue::Everything, tr("All") },
        { EditionFilter::Queue::MyDrafts, tr("My drafts") },
        { EditionFilter::Queue::AwaitingMyReview, tr("Awaiting my review") },
        { EditionFilter::Queue::Scheduled, tr("Scheduled") },
        { EditionFilter::Queue::AwaitingApproval, tr("Force published, awaiting approval") },
    };
    for (const auto &[queue, label] : queues) {
        auto *chip = new QToolButton(listSide);
        chip->setText(label);
        chip->setCheckable(true);
        chip->setAutoRaise(true);
        chip->setObjectName(u"queue%1"_s.arg(int(queue)));
        chip->setChecked(queue == EditionFilter::Queue::Everything);
        m_queues->addButton(chip, int(queue));
        chips->addWidget(chip);
    }
    m_queues->button(int(EditionFilter::Queue::MyDrafts))->setToolTip(tr("Drafts and rejected editions you created"));
    m_queues->button(int(EditionFilter::Queue::AwaitingMyReview))
            ->setToolTip(tr("Submitted editions someone else submitted: yours to publish, schedule or reject"));
    m_queues->button(int(EditionFilter::Queue::AwaitingApproval))
            ->setToolTip(tr("Published without review: another editor should approve them"));
    chips->addStretch(1);
    listLayout->addLayout(chips);
    connect(m_queues, &QButtonGroup::idClicked, this, [this] { applyFilter(); });

    auto *filters = new QHBoxLayout;
    filters->setSpacing(6);

    m_stateFilter->setObjectName(u"stateFilter"_s);
    m_stateFilter->setAccessibleName(tr("State"));
    m_stateFilter->setToolTip(tr("Show editions in this state"));
    m_stateFilter->addItem(tr("All states"), -1);
    for (EditionState s : allEditionStates())
        m_stateFilter->addItem(swatch(StatePill::hueFor(StatePill::Kind::Edition, int(s)), palette()), displayName(s),
                               int(s));
    m_stateFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    filters->addWidget(m_stateFilter);

    m_schemaFilter->setObjectName(u"schemaFilter"_s);
    m_schemaFilter->setAccessibleName(tr("Schema"));
    m_schemaFilter->setToolTip(tr("Show editions of this content schema"));
    m_schemaFilter->addItem(tr("All schemas"), Id(0));
    m_schemaFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_schemaFilter->setMinimumContentsLength(14);
    filters->addWidget(m_schemaFilter);

    m_search->setObjectName(u"searchField"_s);
    m_search->setPlaceholderText(tr("Search titles and text…"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setClearButtonEnabled(true);
    if (const QIcon find = Icons::get(u"edit-find"_s); !find.isNull())
        m_search->addAction(find, QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(180);
    filters->addWidget(m_search, 1);
    listLayout->addLayout(filters);
    listLayout->addWidget(m_busy);

    m_table->setObjectName(u"editionTable"_s);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 14);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setMinimumSectionSize(48);
    m_table->setItemDelegateForColumn(EditionTableModel::StateColumn,
                                      new StateDelegate(StatePill::Kind::Edition, EditionTableModel::StateRole, m_table));
    m_table->setItemDelegateForColumn(EditionTableModel::UpdatedColumn,
                                      new DateTimeDelegate(EditionTableModel::UpdatedRole, m_table));
    m_table->setAccessibleName(tr("Editions"));
    m_listStack->addWidget(m_table);

    m_empty->setObjectName(u"contentEmptyState"_s);
    m_empty->setIcon(Icons::get(u"edit-find"_s, QStyle::SP_FileDialogContentsView));
    connect(m_empty, &EmptyState::actionTriggered, this, [this] {
        if (m_error)
            refresh();
        else
            clearFilters();
    });
    m_listStack->addWidget(m_empty);
    listLayout->addWidget(m_listStack, 1);

    m_splitter->addWidget(listSide);
    m_splitter->addWidget(m_detail);
    m_splitter->setChildrenCollapsible(false);
    // The list gets the room: titles are what people scan.
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({ 740, 300 });
    m_splitter->setObjectName(u"contentSplitter"_s);

    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(150);
    connect(&m_searchDebounce, &QTimer::timeout, this, &ContentView::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDebounce.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDebounce.stop();
        applyFilter();
    });
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &ContentView::applyFilter);
    connect(m_schemaFilter, &QComboBox::currentIndexChanged, this, &ContentView::applyFilter);
}

ContentView::~ContentView() = default;

EditionTableModel *ContentView::model() const
{
    return m_model;
}

void ContentView::setWorker(StoreWorker *worker)
{
    m_worker = worker;
    // The personal queues need to know who is signed in (a local or demo workspace has nobody).
    m_userId = 0;
    for (auto q : { EditionFilter::Queue::MyDrafts, EditionFilter::Queue::AwaitingMyReview })
        m_queues->button(int(q))->setVisible(false);
    if (worker) {
        worker->post(this, [](QSqlDatabase &db) { return Workflow::signedInActor(db); },
                     [this](Result<std::optional<Workflow::Actor>> actor) {
                         if (!actor || !actor.value())
                             return;
                         m_userId = actor.value()->userId;
                         const bool reviews = roleHas(actor.value()->role, Permission::Review);
                         m_queues->button(int(EditionFilter::Queue::MyDrafts))->setVisible(true);
                         m_queues->button(int(EditionFilter::Queue::AwaitingMyReview))->setVisible(reviews);
                     });
    }
    EditionTableModel *old = m_model;
    auto *model = new EditionTableModel(worker, this);
    m_model = model;
    m_currentEdition = 0;
    m_firstPageLoaded = false;
    m_selectFirstRow = true;
    m_resetting = false;

    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_resetting = true; });
    connect(model, &QAbstractItemModel::modelReset, this, &ContentView::onModelReset);
    connect(model, &EditionTableModel::loadingChanged, this, [this](bool loading) {
        m_busy->setBusy(loading);
        updateEmptyState();
    });
    connect(model, &EditionTableModel::firstPageLoaded, this, [this] {
        m_firstPageLoaded = true;
        m_error = false;
        onModelReset();
        if (m_selectFirstRow && m_currentEdition == 0 && m_model->rowCount() > 0)
            m_table->setCurrentIndex(m_model->index(0, EditionTableModel::TitleColumn));
        m_selectFirstRow = false;
        updateEmptyState();
        Q_EMIT countsChanged();
        Q_EMIT firstPageLoaded();
    });
    connect(model, &EditionTableModel::pageAppended, this, [this] { Q_EMIT countsChanged(); });
    connect(model, &EditionTableModel::totalCountChanged, this, [this] {
        updateEmptyState();
        Q_EMIT countsChanged();
    });
    connect(model, &EditionTableModel::errorOccurred, this, [this](const Error &error) {
        m_firstPageLoaded = true;
        m_error = true;
        // Rows on screen stay (a failed count or next page does not take them away);
        // an empty list says what went wrong and offers to try again.
        if (m_model->rowCount() == 0) {
            m_empty->setTitle(tr("The editions could not be loaded"));
            m_empty->setText(error.message);
            m_empty->setActionText(tr("Try Again"));
            m_listStack->setCurrentIndex(EmptyPage);
        }
        Q_EMIT firstPageLoaded();
        Q_EMIT countsChanged();
    });

    m_table->setSortingEnabled(false);
    m_table->setModel(model);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ContentView::onCurrentRowChanged);
    delete old;

    applyColumnWidths();
    QHeaderView *header = m_table->horizontalHeader();
    if (!m_headerState.isEmpty()) {
        header->restoreState(m_headerState);
        m_headerState.clear();
    } else {
        const EditionSort sort = model->sortOrder();
        header->setSortIndicator(EditionTableModel::columnForSortKey(sort.key), sort.order);
    }
    header->setSectionResizeMode(EditionTableModel::TitleColumn, QHeaderView::Stretch);

    m_detail->setWorker(worker);
    loadSchemaChoices();
    applyFilter();
    m_table->setSortingEnabled(true);
}

void ContentView::applyColumnWidths()
{
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics fm = m_table->fontMetrics();
    const int em = fm.horizontalAdvance(u'M');
    int stateWidth = 0;
    for (EditionState s : allEditionStates())
        stateWidth = std::max(stateWidth, StatePill::pillSize(m_table->font(), displayName(s)).width());
    const auto headerWidth = [&](int column) {
        return fm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 28;
    };
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(EditionTableModel::StateColumn,
                          std::max(stateWidth + 16, headerWidth(EditionTableModel::StateColumn)));
    header->resizeSection(EditionTableModel::SchemaColumn, std::max(em * 7, headerWidth(EditionTableModel::SchemaColumn)));
    header->resizeSection(EditionTableModel::SectorColumn, std::max(em * 7, headerWidth(EditionTableModel::SectorColumn)));
    header->resizeSection(EditionTableModel::VersionColumn,
                          std::max(fm.horizontalAdvance(u"10.10"_s) + 16,
                                   fm.horizontalAdvance(m_model->headerData(EditionTableModel::VersionColumn,
                                                                            Qt::Horizontal).toString()) + 16));
    header->resizeSection(EditionTableModel::UpdatedColumn,
                          std::max(fm.horizontalAdvance(DisplayFormat::dateTime(QDateTime(QDate(2026, 11, 22), QTime(23, 59)))) + 20,
                                   headerWidth(EditionTableModel::UpdatedColumn)));
    header->setSectionResizeMode(EditionTableModel::TitleColumn, QHeaderView::Stretch);
}

void ContentView::setScope(const Scope &scope)
{
    if (scope == m_scope)
        return;
    const bool accountChanged = scope.accountId != m_scope.accountId;
    m_scope = scope;
    if (accountChanged) {
        // A schema belongs to one account: it cannot match anything in another.
        const Id schemaAccount = m_schemaFilter->currentData(kAccountIdRole).toLongLong();
        if (scope.accountId != 0 && schemaAccount != 0 && schemaAccount != scope.accountId) {
            const QSignalBlocker block(m_schemaFilter);
            m_schemaFilter->setCurrentIndex(0);
        }
        loadSchemaChoices();
    }
    applyFilter();
}

void ContentView::loadSchemaChoices()
{
    if (!m_worker)
        return;
    const quint64 generation = ++m_schemaGeneration;
    const Id accountId = m_scope.accountId;
    m_worker->post(this, [accountId](QSqlDatabase &db) {
            QList<SchemaChoice> choices;
            const auto schemas = ReplicaReader::schemas(db, accountId);
            if (!schemas)
                return choices;
            QHash<Id, QString> accountNames;
            if (accountId == 0) {
                if (const auto accounts = ReplicaReader::accounts(db)) {
                    for (const Account &a : accounts.value())
                        accountNames.insert(a.id, a.name);
                }
            }
            for (const SchemaSummary &s : schemas.value()) {
                QString label = s.schema.name;
                if (accountId == 0 && accountNames.size() > 1)
                    label = ContentView::tr("%1 (%2)", "schema (account)").arg(s.schema.name, accountNames.value(s.schema.accountId));
                choices.append({ s.schema.id, s.schema.accountId, label });
            }
            return choices;
        }, [this, generation](const QList<SchemaChoice> &choices) {
            if (generation != m_schemaGeneration)
                return;
            const Id current = m_schemaFilter->currentData().toLongLong();
            {
                const QSignalBlocker block(m_schemaFilter);
                m_schemaFilter->clear();
                m_schemaFilter->addItem(tr("All schemas"), Id(0));
                for (const SchemaChoice &c : choices) {
                    m_schemaFilter->addItem(c.label, c.id);
                    m_schemaFilter->setItemData(m_schemaFilter->count() - 1, c.accountId, kAccountIdRole);
                }
                const int index = m_schemaFilter->findData(current);
                m_schemaFilter->setCurrentIndex(std::max(0, index));
            }
            if (m_schemaFilter->currentData().toLongLong() != current)
                applyFilter();
        });
}

void ContentView::applyFilter()
{
    if (!m_model)
        return;
    EditionFilter filter;
    filter.scope = m_scope;
    const int state = m_stateFilter->currentData().toInt();
    if (state >= 0)
        filter.state = EditionState(state);
    filter.schemaId = m_schemaFilter->currentData().toLongLong();
    filter.text = m_search->text().trimmed();
    filter.queue = EditionFilter::Queue(std::max(0, m_queues->checkedId()));
    filter.userId = m_userId;
    if (filter == m_model->filter()) {
        // A new model starts out with this filter but has loaded nothing yet.
        if (m_model->totalCount() < 0 && !m_model->isLoading())
            m_model->refresh();
        return;
    }
    m_model->setFilter(filter);
    updateEmptyState();
}

bool ContentView::hasActiveFilters() const
{
    return m_stateFilter->currentIndex() > 0 || m_schemaFilter->currentIndex() > 0 || m_queues->checkedId() > 0
        || !m_search->text().trimmed().isEmpty();
}

void ContentView::clearFilters()
{
    {
        const QSignalBlocker b1(m_stateFilter);
        const QSignalBlocker b2(m_schemaFilter);
        const QSignalBlocker b3(m_search);
        m_stateFilter->setCurrentIndex(0);
        m_schemaFilter->setCurrentIndex(0);
        m_search->clear();
        m_queues->button(int(EditionFilter::Queue::Everything))->setChecked(true);
    }
    m_searchDebounce.stop();
    applyFilter();
}

void ContentView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ContentView::refresh()
{
    if (!m_model)
        return;
    m_model->refresh();
    loadSchemaChoices();
    m_detail->reload();
}

qint64 ContentView::totalCount() const
{
    return m_model ? m_model->totalCount() : -1;
}

int ContentView::loadedCount() const
{
    return m_model ? m_model->rowCount() : 0;
}

void ContentView::updateEmptyState()
{
    if (!m_model)
        return;
    if (m_error && m_model->rowCount() == 0)
        return;
    const bool empty = m_firstPageLoaded && !m_model->isLoading() && m_model->rowCount() == 0;
    if (empty) {
        if (hasActiveFilters()) {
            m_empty->setTitle(tr("No editions match."));
            m_empty->setText(tr("Clear the search or choose another state."));
            m_empty->setActionText(tr("Clear Filters"));
        } else {
            m_empty->setTitle(tr("No editions here yet."));
            m_empty->setText(tr("Editions appear here when writers create documents. Choose another site to see its content."));
            m_empty->setActionText({});
        }
    }
    m_listStack->setCurrentIndex(empty ? EmptyPage : TablePage);
}

void ContentView::onModelReset()
{
    m_resetting = false;
    if (m_currentEdition == 0)
        return;
    const int row = m_model->rowOfEdition(m_currentEdition);
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, EditionTableModel::TitleColumn);
        if (m_table->currentIndex().row() != row)
            m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    } else {
        // The edition left the list: say so instead of showing something unlisted.
        m_currentEdition = 0;
        m_table->selectionModel()->clearCurrentIndex();
        m_detail->showEdition(0);
    }
}

void ContentView::onCurrentRowChanged()
{
    if (m_resetting)
        return;
    const QModelIndex current = m_table->currentIndex();
    const Id id = current.isValid() ? current.data(EditionTableModel::IdRole).toLongLong() : 0;
    if (id == m_currentEdition)
        return;
    m_currentEdition = id;
    m_detail->showEdition(id);
}

void ContentView::saveSettings(QSettings &settings) const
{
    settings.setValue(u"Content/splitter"_s, m_splitter->saveState());
    settings.setValue(u"Content/header"_s, m_table->horizontalHeader()->saveState());
}

void ContentView::restoreSettings(const QSettings &settings)
{
    const QByteArray splitter = settings.value(u"Content/splitter"_s).toByteArray();
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
    m_headerState = settings.value(u"Content/header"_s).toByteArray();
    if (m_model && !m_headerState.isEmpty()) {
        m_table->horizontalHeader()->restoreState(m_headerState);
        m_headerState.clear();
    }
}

} // namespace Galley
