#include "tenanttreedock.h"

#include "displayformat.h"
#include "itemmodels/tenanttreemodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QMouseEvent>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTreeView>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

// Names on the left, the number of editions below a node on the right, quietly.
class CountDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QVariant count = index.data(TenantTreeModel::EditionCountRole);
        if (!count.isValid() || count.toLongLong() < 0) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        const QString countText = DisplayFormat::number(count.toLongLong());
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const int countWidth = opt.fontMetrics.horizontalAdvance(countText) + 12;
        // Room for the count: the name elides before it.
        QStyleOptionViewItem nameOpt = opt;
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);
        nameOpt.rect.setRight(opt.rect.right() - countWidth);
        nameOpt.backgroundBrush = Qt::NoBrush;
        nameOpt.state &= ~QStyle::State_HasFocus;
        // Paint the name part without repainting the selection panel.
        nameOpt.showDecorationSelected = false;
        const bool selected = opt.state & QStyle::State_Selected;
        nameOpt.state &= ~QStyle::State_Selected;
        if (selected)
            nameOpt.palette.setColor(QPalette::Text, opt.palette.color(QPalette::HighlightedText));
        style->drawControl(QStyle::CE_ItemViewItem, &nameOpt, painter, opt.widget);

        painter->save();
        QColor c = selected ? opt.palette.color(QPalette::HighlightedText) : opt.palette.color(QPalette::PlaceholderText);
        painter->setPen(c);
        painter->setFont(opt.font);
        painter->drawText(opt.rect.adjusted(0, 0, -6, 0), Qt::AlignRight | Qt::AlignVCenter, countText);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        const QVariant count = index.data(TenantTreeModel::EditionCountRole);
        if (count.isValid())
            s.rwidth() += option.fontMetrics.horizontalAdvance(DisplayFormat::number(count.toLongLong())) + 12;
        s.setHeight(std::max(s.height(), option.fontMetrics.height() + 10));
        return s;
    }
};

} // namespace

TenantTreeDock::TenantTreeDock(QWidget *parent)
    : QDockWidget(tr("Sites"), parent)
    , m_view(new QTreeView(this))
{
    setObjectName(u"tenantTreeDock"_s);
    setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);

    m_view->setObjectName(u"tenantTree"_s);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAnimated(true);
    m_view->setExpandsOnDoubleClick(true);
    m_view->setItemDelegate(new CountDelegate(m_view));
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->viewport()->installEventFilter(this);
    m_view->setAccessibleName(tr("Accounts, sites and sectors"));
    m_view->setMinimumWidth(200);
    setWidget(m_view);
}

TenantTreeDock::~TenantTreeDock() = default;

TenantTreeModel *TenantTreeDock::model() const
{
    return m_model;
}

void TenantTreeDock::setWorker(StoreWorker *worker, const Scope &select)
{
    TenantTreeModel *old = m_model;
    auto *model = new TenantTreeModel(worker, this);
    m_model = model;
    m_scope = select;
    m_wanted = select == Scope {} ? std::nullopt : std::optional<Scope>(select);
    m_accountsLoaded = false;
    m_loaded = false;

    connect(model, &TenantTreeModel::accountsLoaded, this, [this] {
        m_accountsLoaded = true;
        // Accounts are few: show their sites straight away.
        for (int row = 0; row < m_model->rowCount(); ++row)
            m_view->expand(m_model->index(row, 0));
        applyWanted();
    });
    connect(model, &TenantTreeModel::scopeLoaded, this, [this](const Scope &scope) {
        if (!m_wanted || !(scope == *m_wanted))
            return;
        const QModelIndex index = m_model->indexForScope(scope);
        m_wanted.reset();
        if (index.isValid()) {
            for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
                m_view->expand(p);
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
        } else {
            m_view->selectionModel()->clear();
            onCurrentChanged({});
        }
        finishLoading();
    });
    connect(model, &TenantTreeModel::errorOccurred, this, [this](const Error &) {
        if (m_wanted) {
            // What was asked for is gone: select as much of its path as exists.
            const QModelIndex index = m_model->indexForScope(*m_wanted);
            m_wanted.reset();
            if (index.isValid())
                m_view->setCurrentIndex(index);
            else
                onCurrentChanged({});
        }
        if (m_accountsLoaded)
            finishLoading();
    });

    m_view->setModel(model);
    for (int c = 1; c < model->columnCount(); ++c)
        m_view->setColumnHidden(c, true);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    delete old;
    model->reload();
}

void TenantTreeDock::reload()
{
    if (!m_model)
        return;
    m_wanted = m_scope == Scope {} ? std::nullopt : std::optional<Scope>(m_scope);
    m_accountsLoaded = false;
    m_loaded = false;
    m_model->reload();
}

void TenantTreeDock::selectScope(const Scope &scope)
{
    if (!m_model)
        return;
    if (scope == Scope {}) {
        m_wanted.reset();
        m_view->selectionModel()->clear();
        onCurrentChanged({});
        return;
    }
    m_wanted = scope;
    if (m_accountsLoaded)
        m_model->ensureLoaded(scope);
}

void TenantTreeDock::applyWanted()
{
    if (m_wanted)
        m_model->ensureLoaded(*m_wanted);
    else
        finishLoading();
}

void TenantTreeDock::finishLoading()
{
    if (m_loaded)
        return;
    m_loaded = true;
    Q_EMIT loaded();
}

void TenantTreeDock::onCurrentChanged(const QModelIndex &current)
{
    // While the tree (re)loads towards a wanted node, the interim "nothing
    // selected" of a model reset is not the user's choice.
    if (m_wanted && !current.isValid())
        return;
    const Scope scope = current.isValid() ? m_model->scopeForIndex(current) : Scope {};
    if (scope == m_scope)
        return;
    m_scope = scope;
    Q_EMIT scopeChanged(scope);
}

QString TenantTreeDock::scopePath() const
{
    if (m_scope == Scope {})
        return tr("All accounts");
    if (!m_model)
        return {};
    QStringList names;
    for (QModelIndex i = m_model->indexForScope(m_scope); i.isValid(); i = i.parent())
        names.prepend(i.data(Qt::DisplayRole).toString());
    return names.join(u" › "_s);
}

bool TenantTreeDock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonPress) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (!m_view->indexAt(mouse->position().toPoint()).isValid()) {
            m_wanted.reset();
            m_view->selectionModel()->clear();
            onCurrentChanged({});
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

} // namespace Galley
