#include "deploymentview.h"

#include "datetimedelegate.h"
#include "displayformat.h"
#include "emptystate.h"
#include "factgrid.h"
#include "icons.h"
#include "itemmodels/deploymentlistmodel.h"
#include "statedelegate.h"
#include "statepill.h"
#include "store/storeworker.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

enum { ListPage, ListEmptyPage };
enum { NoSelectionPage, DetailPage };

QString metadataValue(const QJsonValue &v)
{
    if (v.isObject() || v.isArray()) {
        const QByteArray json = v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                             : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
        return DisplayFormat::elide(QString::fromUtf8(json), 300);
    }
    return DisplayFormat::fieldValue(v);
}

} // namespace

DeploymentView::DeploymentView(QWidget *parent)
    : QWidget(parent)
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_listStack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_listEmpty(new EmptyState(this))
    , m_detailStack(new QStackedWidget(this))
    , m_noSelection(new EmptyState(this))
    , m_heading(new QLabel(this))
    , m_status(new StatePill(this))
    , m_facts(new FactGrid(this))
    , m_log(new QPlainTextEdit(this))
{
    setObjectName(u"deploymentView"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_splitter);

    auto *top = new QWidget(m_splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(8, 8, 8, 4);
    m_table->setObjectName(u"deploymentTable"_s);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 14);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setItemDelegateForColumn(
        DeploymentListModel::StatusColumn,
        new StateDelegate(StatePill::Kind::Deployment, DeploymentListModel::StatusRole, m_table));
    m_table->setItemDelegateForColumn(DeploymentListModel::StartedColumn, new DateTimeDelegate(
        [this](const QModelIndex &index) {
            const DeploymentRow *row = m_model ? m_model->rowAt(index.row()) : nullptr;
            return row ? row->record.createdAt : QDateTime();
        },
        m_table));
    m_table->setAccessibleName(tr("Deployments"));
    m_listStack->addWidget(m_table);
    m_listEmpty->setIcon(Icons::get(u"cloud-upload"_s));
    m_listEmpty->setTitle(tr("No deployments yet."));
    m_listEmpty->setText(tr("Deployments of the sites in this scope appear here. Choose another site or account in the tree."));
    m_listStack->addWidget(m_listEmpty);
    topLayout->addWidget(m_listStack);

    auto *bottom = new QWidget(m_splitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(8, 4, 8, 8);
    m_noSelection->setTitle(tr("No deployment selected"));
    m_noSelection->setText(tr("Select a deployment to see its log and metadata."));
    m_detailStack->addWidget(m_noSelection);

    auto *detail = new QWidget(m_detailStack);
    auto *detailLayout = new QHBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->setSpacing(12);

    auto *factsScroll = new QScrollArea(detail);
    factsScroll->setWidgetResizable(true);
    factsScroll->setFrameShape(QFrame::NoFrame);
    factsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *factsBox = new QWidget(factsScroll);
    auto *factsLayout = new QVBoxLayout(factsBox);
    factsLayout->setContentsMargins(4, 4, 4, 4);
    factsLayout->setSpacing(8);
    auto *headingRow = new QHBoxLayout;
    m_heading->setObjectName(u"deploymentHeading"_s);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    headingFont.setWeight(QFont::DemiBold);
    m_heading->setFont(headingFont);
    headingRow->addWidget(m_heading, 1);
    headingRow->addWidget(m_status, 0, Qt::AlignTop);
    factsLayout->addLayout(headingRow);
    m_facts->setObjectName(u"deploymentFacts"_s);
    factsLayout->addWidget(m_facts);
    factsLayout->addStretch(1);
    factsScroll->setWidget(factsBox);
    factsScroll->setMinimumWidth(300);
    detailLayout->addWidget(factsScroll, 2);

    auto *logBox = new QVBoxLayout;
    logBox->setSpacing(4);
    auto *logLabel = new QLabel(tr("Log"), detail);
    QFont lf = logLabel->font();
    lf.setWeight(QFont::DemiBold);
    logLabel->setFont(lf);
    logBox->addWidget(logLabel);
    m_log->setObjectName(u"deploymentLog"_s);
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setAccessibleName(tr("Deployment log"));
    m_log->document()->setDocumentMargin(6);
    logBox->addWidget(m_log, 1);
    detailLayout->addLayout(logBox, 3);
    m_detailStack->addWidget(detail);
    bottomLayout->addWidget(m_detailStack);

    m_splitter->addWidget(top);
    m_splitter->addWidget(bottom);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setObjectName(u"deploymentSplitter"_s);
}

DeploymentView::~DeploymentView() = default;

DeploymentListModel *DeploymentView::model() const
{
    return m_model;
}

void DeploymentView::setWorker(StoreWorker *worker)
{
    m_worker = worker;
    DeploymentListModel *old = m_model;
    auto *model = new DeploymentListModel(worker, this);
    m_model = model;
    m_selected = 0;
    connect(model, &DeploymentListModel::loaded, this, [this] {
        int row = m_selected ? -1 : 0;
        for (int r = 0; m_selected && r < m_model->rowCount(); ++r) {
            if (const DeploymentRow *d = m_model->rowAt(r); d && d->record.id == m_selected) {
                row = r;
                break;
            }
        }
        if (row >= 0 && row < m_model->rowCount())
            m_table->setCurrentIndex(m_model->index(row, 0));
        updateStates();
        onCurrentChanged();
        Q_EMIT countsChanged();
    });
    connect(model, &DeploymentListModel::totalCountChanged, this, &DeploymentView::countsChanged);
    connect(model, &QAbstractItemModel::rowsInserted, this, &DeploymentView::countsChanged);
    connect(model, &DeploymentListModel::errorOccurred, this, [this](const Error &error) {
        m_listEmpty->setTitle(tr("The deployments could not be loaded"));
        m_listEmpty->setText(error.message);
        m_listStack->setCurrentIndex(ListEmptyPage);
    });
    m_table->setModel(model);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DeploymentView::onCurrentChanged);
    delete old;
    applyColumnWidths();
    if (!m_headerState.isEmpty()) {
        m_table->horizontalHeader()->restoreState(m_headerState);
        m_headerState.clear();
    }
    m_table->horizontalHeader()->setSectionResizeMode(DeploymentListModel::UrlColumn, QHeaderView::Stretch);
    model->setScope(m_scope);
    model->reload();
}

void DeploymentView::applyColumnWidths()
{
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics fm = m_table->fontMetrics();
    const int em = fm.horizontalAdvance(u'M');
    int statusWidth = 0;
    for (DeploymentStatus s : allDeploymentStatuses())
        statusWidth = std::max(statusWidth, StatePill::pillSize(m_table->font(), displayName(s)).width());
    const auto headerWidth = [&](int column) {
        return fm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 28;
    };
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(DeploymentListModel::SiteColumn, std::max(em * 12, headerWidth(DeploymentListModel::SiteColumn)));
    header->resizeSection(DeploymentListModel::VersionColumn, std::max(em * 4, headerWidth(DeploymentListModel::VersionColumn)));
    header->resizeSection(DeploymentListModel::StatusColumn,
                          std::max(statusWidth + 16, headerWidth(DeploymentListModel::StatusColumn)));
    header->resizeSection(DeploymentListModel::StartedColumn,
                          std::max(fm.horizontalAdvance(DisplayFormat::dateTime(QDateTime(QDate(2026, 11, 22), QTime(23, 59)))) + 24,
                                   headerWidth(DeploymentListModel::StartedColumn)));
    header->resizeSection(DeploymentListModel::DurationColumn, std::max(em * 6, headerWidth(DeploymentListModel::DurationColumn)));
    header->setSectionResizeMode(DeploymentListModel::UrlColumn, QHeaderView::Stretch);
}

qint64 DeploymentView::totalCount() const
{
    return m_model ? m_model->totalCount() : -1;
}

int DeploymentView::loadedCount() const
{
    return m_model ? m_model->rowCount() : 0;
}

void DeploymentView::setScope(const Scope &scope)
{
    if (scope == m_scope)
        return;
    m_scope = scope;
    if (m_model)
        m_model->setScope(scope);
}

void DeploymentView::refresh()
{
    if (m_model)
        m_model->reload();
}

void DeploymentView::updateStates()
{
    if (!m_model)
        return;
    const bool empty = !m_model->isLoading() && m_model->rowCount() == 0;
    m_listStack->setCurrentIndex(empty ? ListEmptyPage : ListPage);
}

void DeploymentView::onCurrentChanged()
{
    if (!m_model)
        return;
    const QModelIndex index = m_table->currentIndex();
    const DeploymentRow *row = index.isValid() ? m_model->rowAt(index.row()) : nullptr;
    if (!row) {
        m_detailStack->setCurrentIndex(NoSelectionPage);
        return;
    }
    const DeploymentRecord &d = row->record;
    m_selected = d.id;
    m_heading->setText(tr("%1, version %2").arg(row->siteName).arg(d.version));
    m_status->setDeploymentStatus(d.status);

    m_facts->clear();
    m_facts->addRow(tr("Started"), DisplayFormat::dateTime(d.createdAt));
    if (d.finishedAt.isValid()) {
        m_facts->addRow(tr("Finished"), DisplayFormat::dateTime(d.finishedAt));
        m_facts->addRow(tr("Duration"), DisplayFormat::duration(d.createdAt.msecsTo(d.finishedAt)));
    }
    if (!d.url.isEmpty())
        m_facts->addRow(tr("URL"), u"<a href=\"%1\">%2</a>"_s.arg(d.url.toHtmlEscaped(), d.url.toHtmlEscaped()),
                        Qt::RichText);
    for (auto it = d.metadata.begin(); it != d.metadata.end(); ++it)
        m_facts->addRow(DisplayFormat::fieldLabel(it.key()), metadataValue(it.value()));
    const QString log = d.log.trimmed();
    m_log->setPlainText(log.isEmpty() ? tr("This deployment has not written a log.") : log);
    m_detailStack->setCurrentIndex(DetailPage);
}

void DeploymentView::saveSettings(QSettings &settings) const
{
    settings.setValue(u"Deployments/splitter"_s, m_splitter->saveState());
    settings.setValue(u"Deployments/header"_s, m_table->horizontalHeader()->saveState());
}

void DeploymentView::restoreSettings(const QSettings &settings)
{
    const QByteArray state = settings.value(u"Deployments/splitter"_s).toByteArray();
    if (!state.isEmpty())
        m_splitter->restoreState(state);
    m_headerState = settings.value(u"Deployments/header"_s).toByteArray();
    if (m_model && !m_headerState.isEmpty()) {
        m_table->horizontalHeader()->restoreState(m_headerState);
        m_headerState.clear();
    }
}

} // namespace Galley
