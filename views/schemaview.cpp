#include "schemaview.h"

#include "displayformat.h"
#include "emptystate.h"
#include "icons.h"
#include "itemmodels/schemalistmodel.h"
#include "jsonviewer.h"
#include "store/storeworker.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

enum { ListPage, ListEmptyPage };
enum { NoSelectionPage, SchemaPage };

QString schemaFacts(SchemaDialect dialect, qint64 documents, bool longForm)
{
    return (longForm ? SchemaView::tr("JSON Schema %1").arg(displayName(dialect)) : displayName(dialect)) + u" · "_s
        + SchemaView::tr("%Ln document(s)", nullptr, int(documents));
}

// Two lines per schema: its name, and quietly its dialect and how much content uses it.
class SchemaDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

        const bool selected = opt.state & QStyle::State_Selected;
        const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        QColor muted = selected ? text : opt.palette.color(QPalette::PlaceholderText);
        if (selected)
            muted.setAlphaF(0.8f);
        const QRect r = opt.rect.adjusted(10, 6, -10, -6);
        QFont nameFont = opt.font;
        nameFont.setWeight(QFont::DemiBold);
        const QFontMetrics nameFm(nameFont);
        const QString facts = schemaFacts(SchemaDialect(index.data(SchemaListModel::DialectRole).toInt()),
                                          index.data(SchemaListModel::DocumentCountRole).toLongLong(), false);

        painter->save();
        painter->setFont(nameFont);
        painter->setPen(text);
        painter->drawText(QRect(r.left(), r.top(), r.width(), nameFm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          nameFm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, r.width()));
        painter->setFont(opt.font);
        painter->setPen(muted);
        painter->drawText(QRect(r.left(), r.top() + nameFm.height() + 2, r.width(), opt.fontMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(facts, Qt::ElideRight, r.width()));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return { 200, option.fontMetrics.height() * 2 + 2 + 12 };
    }
};

} // namespace

SchemaView::SchemaView(QWidget *parent)
    : QWidget(parent)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_filter(new QLineEdit(this))
    , m_listStack(new QStackedWidget(this))
    , m_list(new QListView(this))
    , m_listEmpty(new EmptyState(this))
    , m_detailStack(new QStackedWidget(this))
    , m_noSelection(new EmptyState(this))
    , m_name(new QLabel(this))
    , m_meta(new QLabel(this))
    , m_description(new QLabel(this))
    , m_json(new JsonViewer(this))
{
    setObjectName(u"schemaView"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_splitter);

    auto *left = new QWidget(m_splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    leftLayout->setSpacing(6);
    m_filter->setObjectName(u"schemaFilterField"_s);
    m_filter->setPlaceholderText(tr("Filter schemas by name…"));
    m_filter->setAccessibleName(tr("Filter schemas"));
    m_filter->setClearButtonEnabled(true);
    if (const QIcon find = Icons::get(u"view-filter"_s); !find.isNull())
        m_filter->addAction(find, QLineEdit::LeadingPosition);
    leftLayout->addWidget(m_filter);

    m_list->setObjectName(u"schemaList"_s);
    m_list->setItemDelegate(new SchemaDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAccessibleName(tr("Schemas"));
    connect(m_list, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const Id id = index.data(SchemaListModel::IdRole).toLongLong();
        if (id != 0)
            Q_EMIT schemaActivated(id);
    });
    m_listStack->addWidget(m_list);
    m_listEmpty->setIcon(Icons::get(u"code-context"_s));
    m_listStack->addWidget(m_listEmpty);
    leftLayout->addWidget(m_listStack, 1);
    left->setMinimumWidth(220);

    auto *right = new QWidget(m_splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 8, 8, 8);
    m_noSelection->setIcon(Icons::get(u"code-context"_s, QStyle::SP_FileDialogDetailedView));
    m_noSelection->setTitle(tr("No schema selected"));
    m_noSelection->setText(tr("Select a schema to see its description and JSON definition."));
    m_detailStack->addWidget(m_noSelection);

    auto *page = new QWidget(m_detailStack);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(10, 6, 0, 0);
    pageLayout->setSpacing(6);
    m_name->setObjectName(u"schemaName"_s);
    m_name->setTextFormat(Qt::PlainText);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.45);
    nameFont.setWeight(QFont::DemiBold);
    m_name->setFont(nameFont);
    pageLayout->addWidget(m_name);
    m_meta->setObjectName(u"schemaMeta"_s);
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    m_meta->setTextFormat(Qt::PlainText);
    pageLayout->addWidget(m_meta);
    m_description->setObjectName(u"schemaDescription"_s);
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pageLayout->addWidget(m_description);
    pageLayout->addSpacing(4);
    m_json->setObjectName(u"schemaJson"_s);
    m_json->setAccessibleName(tr("JSON Schema"));
    pageLayout->addWidget(m_json, 1);
    m_detailStack->addWidget(page);
    rightLayout->addWidget(m_detailStack);

    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({ 280, 840 });
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setObjectName(u"schemaSplitter"_s);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (m_model)
            m_model->setNameFilter(text);
        restoreSelection();
        updateStates();
    });
}

SchemaView::~SchemaView() = default;

SchemaListModel *SchemaView::model() const
{
    return m_model;
}

void SchemaView::setWorker(StoreWorker *worker)
{
    m_worker = worker;
    SchemaListModel *old = m_model;
    auto *model = new SchemaListModel(worker, this);
    m_model = model;
    m_selected = 0;
    model->setNameFilter(m_filter->text());
    connect(model, &SchemaListModel::loaded, this, [this] {
        restoreSelection();
        updateStates();
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { restoreSelection(); });
    connect(model, &SchemaListModel::errorOccurred, this, [this](const Error &error) {
        m_listEmpty->setTitle(tr("The schemas could not be loaded"));
        m_listEmpty->setText(error.message);
        m_listStack->setCurrentIndex(ListEmptyPage);
    });
    m_list->setModel(model);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &SchemaView::onCurrentChanged);
    delete old;
    model->setAccountId(m_accountId);
    model->reload();
    updateStates();
}

void SchemaView::setAccountId(Id accountId)
{
    if (accountId == m_accountId)
        return;
    m_accountId = accountId;
    if (m_model)
        m_model->setAccountId(accountId);
}

void SchemaView::refresh()
{
    if (m_model)
        m_model->reload();
}

void SchemaView::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void SchemaView::restoreSelection()
{
    if (!m_model)
        return;
    m_restoring = true;
    int row = m_selected ? m_model->rowOfSchema(m_selected) : -1;
    if (row < 0 && m_model->rowCount() > 0)
        row = 0;
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row, 0));
    else
        m_list->selectionModel()->clearCurrentIndex();
    m_restoring = false;
    onCurrentChanged();
}

void SchemaView::onCurrentChanged()
{
    if (m_restoring || !m_model)
        return;
    const QModelIndex index = m_list->currentIndex();
    const SchemaSummary *summary = index.isValid() ? m_model->schemaAt(index.row()) : nullptr;
    if (!summary) {
        m_detailStack->setCurrentIndex(NoSelectionPage);
        return;
    }
    const bool same = summary->schema.id == m_selected && m_detailStack->currentIndex() == SchemaPage;
    m_selected = summary->schema.id;
    m_name->setText(summary->schema.name);
    QString meta = schemaFacts(summary->schema.dialect, summary->documentCount, true);
    if (summary->schema.updatedAt.isValid())
        meta += u" · "_s + tr("updated %1").arg(DisplayFormat::date(summary->schema.updatedAt));
    m_meta->setText(meta);
    m_description->setText(summary->schema.description);
    m_description->setVisible(!summary->schema.description.isEmpty());
    if (!same)
        m_json->setJson(index.data(SchemaListModel::SpecJsonRole).toString());
    m_detailStack->setCurrentIndex(SchemaPage);
}

void SchemaView::updateStates()
{
    if (!m_model)
        return;
    const bool empty = !m_model->isLoading() && m_model->rowCount() == 0;
    if (empty) {
        if (m_model->unfilteredCount() > 0) {
            m_listEmpty->setTitle(tr("No schemas match “%1”.").arg(m_filter->text().trimmed()));
            m_listEmpty->setText(tr("Check the spelling or clear the filter."));
        } else {
            m_listEmpty->setTitle(tr("No schemas yet."));
            m_listEmpty->setText(tr("This account has no content schemas. Choose another account in the tree."));
        }
    }
    m_listStack->setCurrentIndex(empty ? ListEmptyPage : ListPage);
    Q_EMIT countsChanged();
}

int SchemaView::shownCount() const
{
    return m_model ? m_model->rowCount() : 0;
}

int SchemaView::totalCount() const
{
    return m_model && !m_model->isLoading() ? m_model->unfilteredCount() : -1;
}

void SchemaView::saveSettings(QSettings &settings) const
{
    settings.setValue(u"Schemas/splitter"_s, m_splitter->saveState());
}

void SchemaView::restoreSettings(const QSettings &settings)
{
    const QByteArray state = settings.value(u"Schemas/splitter"_s).toByteArray();
    if (!state.isEmpty())
        m_splitter->restoreState(state);
}

} // namespace Galley
