#include "outboxview.h"

#include "displayformat.h"
#include "emptystate.h"
#include "factgrid.h"
#include "icons.h"
#include "itemmodels/outboxmodel.h"
#include "statepill.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

enum { ListPage, EmptyPage };
enum { NoSelectionPage, DetailPage };

using State = OutboxItem::State;

QColor stateHue(State s)
{
    switch (s) {
    case State::Queued: return { 0x64, 0x74, 0x8b };     // grey: waiting its turn
    case State::Sending: return { 0x25, 0x63, 0xeb };    // blue: in progress
    case State::Failed: return { 0xdc, 0x26, 0x26 };     // red: went wrong
    case State::Conflict: return { 0xd9, 0x77, 0x06 };   // amber: needs attention
    case State::Gone: return { 0xbe, 0x18, 0x5d };       // rose: removed
    }
    return { 0x64, 0x74, 0x8b };
}

// The state column as a pill with the state's name.
class OutboxStateDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString label = opt.text;
        opt.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const QRect rect = option.rect.adjusted(6, 2, -4, -2);
        StatePill::paint(painter, rect, label, stateHue(State(index.data(OutboxModel::StateRole).toInt())), option.palette,
                         option.font);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QSize pill = StatePill::pillSize(option.font, index.data().toString());
        return { pill.width() + 12, std::max(pill.height() + 4, QStyledItemDelegate::sizeHint(option, index).height()) };
    }
};

QString fieldName(const QString &pointer)
{
    // "/fields/body" → "Body", "/title" → "Title"; the whole entity when there is no pointer.
    if (pointer.isEmpty() || pointer == "/"_L1)
        return {};
    QString key = pointer.section(u'/', -1);
    key.replace("~1"_L1, "/"_L1);
    key.replace("~0"_L1, "~"_L1);
    return DisplayFormat::fieldLabel(key);
}

} // namespace

OutboxView::OutboxView(StoreWorker *worker, QWidget *parent)
    : QWidget(parent)
    , m_model(new OutboxModel(worker, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_table(new QTableView(this))
    , m_detailStack(new QStackedWidget(this))
    , m_noSelection(new EmptyState(this))
    , m_heading(new QLabel(this))
    , m_state(new StatePill(this))
    , m_explanation(new QLabel(this))
    , m_facts(new FactGrid(this))
    , m_fieldErrorsTitle(new QLabel(tr("What the server refused"), this))
    , m_fieldErrors(new QLabel(this))
    , m_retry(new QPushButton(tr("&Retry"), this))
    , m_discard(new QPushButton(tr("&Discard…"), this))
    , m_open(new QPushButton(tr("&Open to Fix"), this))
{
    setObjectName(u"outboxView"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_empty->setObjectName(u"outboxEmptyState"_s);
    // Says nothing until the first load: "nothing waiting" might not be true.
    m_empty->setTitle({});
    m_empty->setText({});

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(OutboxModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    // The list.
    auto *top = new QWidget(m_splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(8, 8, 8, 4);
    m_table->setObjectName(u"outboxTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);   // the outbox's own order first
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
    m_table->setItemDelegateForColumn(OutboxModel::StateColumn, new OutboxStateDelegate(m_table));
    m_table->setAccessibleName(tr("Outbox"));
    {
        QHeaderView *header = m_table->horizontalHeader();
        const int em = fontMetrics().horizontalAdvance(u'M');
        int stateWidth = 0;
        for (State s : { State::Queued, State::Sending, State::Failed, State::Conflict, State::Gone })
            stateWidth = std::max(stateWidth, StatePill::pillSize(font(), OutboxModel::stateLabel(s)).width());
        header->setSectionResizeMode(QHeaderView::Interactive);
        header->resizeSection(OutboxModel::SiteColumn, em * 11);
        header->resizeSection(OutboxModel::WhatColumn, em * 18);
        header->resizeSection(OutboxModel::ActionColumn, em * 5);
        header->resizeSection(OutboxModel::StateColumn, stateWidth + 20);
        header->resizeSection(OutboxModel::AgeColumn, em * 5);
        header->resizeSection(OutboxModel::AttemptsColumn, fontMetrics().horizontalAdvance(tr("Attempts")) + 28);
        header->setStretchLastSection(true);
    }
    topLayout->addWidget(m_table);

    // The selected item's details and actions.
    auto *bottom = new QWidget(m_splitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(8, 4, 8, 8);
    m_noSelection->setTitle(tr("No change selected"));
    m_noSelection->setText(tr("Select a change to see what the server said about it."));
    m_detailStack->addWidget(m_noSelection);

    auto *detail = new QWidget(m_detailStack);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->setSpacing(8);
    auto *scroll = new QScrollArea(detail);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *box = new QWidget(scroll);
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->setContentsMargins(4, 4, 4, 4);
    boxLayout->setSpacing(8);
    auto *headingRow = new QHBoxLayout;
    m_heading->setObjectName(u"outboxHeading"_s);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    headingFont.setWeight(QFont::DemiBold);
    m_heading->setFont(headingFont);
    headingRow->addWidget(m_heading, 1);
    m_state->setObjectName(u"outboxStatePill"_s);
    headingRow->addWidget(m_state, 0, Qt::AlignTop);
    boxLayout->addLayout(headingRow);
    m_explanation->setObjectName(u"outboxExplanation"_s);
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setWordWrap(true);
    boxLayout->addWidget(m_explanation);
    m_facts->setObjectName(u"outboxFacts"_s);
    boxLayout->addWidget(m_facts);
    QFont bold = m_fieldErrorsTitle->font();
    bold.setWeight(QFont::DemiBold);
    m_fieldErrorsTitle->setFont(bold);
    boxLayout->addWidget(m_fieldErrorsTitle);
    m_fieldErrors->setObjectName(u"outboxFieldErrors"_s);
    m_fieldErrors->setTextFormat(Qt::PlainText);
    m_fieldErrors->setWordWrap(true);
    m_fieldErrors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    boxLayout->addWidget(m_fieldErrors);
    boxLayout->addStretch(1);
    scroll->setWidget(box);
    detailLayout->addWidget(scroll, 1);

    auto *buttons = new QHBoxLayout;
    m_open->setObjectName(u"outboxOpenButton"_s);
    m_retry->setObjectName(u"outboxRetryButton"_s);
    m_discard->setObjectName(u"outboxDiscardButton"_s);
    m_retry->setIcon(Icons::get(u"view-refresh"_s, QStyle::SP_BrowserReload));
    m_discard->setIcon(Icons::get(u"edit-delete"_s, QStyle::SP_TrashIcon));
    m_retry->setToolTip(tr("Send it now, without waiting"));
    m_discard->setToolTip(tr("Drop this change and go back to the server's version"));
    buttons->addWidget(m_open);
    buttons->addStretch(1);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_discard);
    detailLayout->addLayout(buttons);
    m_detailStack->addWidget(detail);
    bottomLayout->addWidget(m_detailStack);

    m_splitter->setObjectName(u"outboxSplitter"_s);
    m_splitter->addWidget(top);
    m_splitter->addWidget(bottom);
    // Few rows as a rule, and the details are what one reads: they get the larger half.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 400, 500 });
    m_splitter->setChildrenCollapsible(false);

    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_empty);
    m_stack->setCurrentIndex(EmptyPage);

    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (const OutboxItem *item = currentItem())
            Q_EMIT retryRequested(item->id);
    });
    connect(m_discard, &QPushButton::clicked, this, &OutboxView::confirmDiscard);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const OutboxItem *item = currentItem();
        if (!item)
            return;
        if (item->state == State::Conflict)
            Q_EMIT resolveRequested(item->id);
        else
            Q_EMIT openRequested(item->id);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OutboxView::onCurrentChanged);
    connect(m_model, &OutboxModel::loaded, this, [this] {
        updateStates();
        if (m_pendingSelection && select(m_pendingSelection))
            m_pendingSelection = 0;
        if (!m_table->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_table->setCurrentIndex(m_proxy->index(0, 0));
        onCurrentChanged();
    });
    // The shown item changed in place (a retry, a new error): show it again.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int row = currentSourceRow();
        const bool agesOnly = from.column() == OutboxModel::AgeColumn && to.column() == OutboxModel::AgeColumn;
        if (row >= from.row() && row <= to.row() && !agesOnly)
            onCurrentChanged();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &OutboxView::updateStates);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &OutboxView::updateStates);
    connect(m_model, &OutboxModel::errorOccurred, this, [this](const Error &error) {
        m_empty->setIcon(Icons::get(u"dialog-error"_s, QStyle::SP_MessageBoxCritical));
        m_empty->setTitle(tr("The outbox could not be read"));
        m_empty->setText(error.message);
        m_stack->setCurrentIndex(EmptyPage);
    });

    m_ages.setInterval(60 * 1000);
    connect(&m_ages, &QTimer::timeout, m_model, &OutboxModel::updateAges);
    m_ages.start();

    onCurrentChanged();
    refresh();
}

OutboxView::~OutboxView() = default;

void OutboxView::refresh()
{
    m_model->refresh();
}

bool OutboxView::isEmptyStateShown() const
{
    return m_stack->currentIndex() == EmptyPage;
}

bool OutboxView::select(qint64 outboxId)
{
    const int row = m_model->rowOf(outboxId);
    if (row < 0) {
        if (!m_model->hasLoaded() || m_model->isLoading())
            m_pendingSelection = outboxId;
        return false;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

void OutboxView::updateStates()
{
    const bool empty = m_model->hasLoaded() && m_model->rowCount() == 0;
    if (empty) {
        m_empty->setIcon(Icons::get(u"state-ok"_s, QStyle::SP_DialogApplyButton));
        m_empty->setTitle(tr("Nothing waiting to be sent"));
        m_empty->setText(tr("Changes you make are sent to the server as soon as it can be reached. "
                            "Anything that cannot be sent yet waits here."));
    }
    m_stack->setCurrentIndex(empty || !m_model->hasLoaded() ? EmptyPage : ListPage);
}

int OutboxView::currentSourceRow() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? m_proxy->mapToSource(index).row() : -1;
}

const OutboxItem *OutboxView::currentItem() const
{
    return m_model->itemAt(currentSourceRow());
}

void OutboxView::onCurrentChanged()
{
    const int row = currentSourceRow();
    showDetails(m_model->itemAt(row), m_model->siteNameAt(row));
}

QString OutboxView::stateExplanation(const OutboxItem &item)
{
    switch (item.state) {
    case State::Queued:
        if (item.attempts > 0)
            return tr("Waiting to be sent again: the last try did not reach the server. Galley keeps trying.");
        return tr("Waiting to be sent. Galley sends it as soon as the server can be reached.");
    case State::Sending:
        return tr("On its way to the server.");
    case State::Failed:
        return tr("The server refused this change. Open it to fix what the server objects to, then it is sent "
                  "again, or discard it.");
    case State::Conflict:
        return tr("Someone changed the same thing on the server while this change was waiting. Resolve the "
                  "conflict to choose what to keep.");
    case State::Gone:
        return tr("What this change was made to has been deleted on the server. Open it to save your version as "
                  "a new document, or discard it.");
    }
    return {};
}

QStringList OutboxView::fieldErrorLines(const QJsonArray &fieldErrors)
{
    QStringList lines;
    for (const QJsonValue &v : fieldErrors) {
        const QJsonObject e = v.toObject();
        QString message = e.value("message"_L1).toString();
        if (message.isEmpty())
            message = e.value("code"_L1).toString();
        const QString field = fieldName(e.value("field"_L1).toString());
        lines.append(u"• "_s + (field.isEmpty() ? message : tr("%1: %2").arg(field, message)));
    }
    return lines;
}

void OutboxView::showDetails(const OutboxItem *item, const QString &siteName)
{
    if (!item) {
        m_currentId = 0;
        m_detailStack->setCurrentIndex(NoSelectionPage);
        m_retry->setEnabled(false);
        m_discard->setEnabled(false);
        m_open->setEnabled(false);
        return;
    }
    m_currentId = item->id;
    const QModelIndex index = m_model->index(m_model->rowOf(item->id), OutboxModel::WhatColumn);
    m_heading->setText(index.data().toString());
    m_state->setLabel(OutboxModel::stateLabel(item->state), stateHue(item->state));
    m_explanation->setText(stateExplanation(*item));

    m_facts->clear();
    m_facts->addRow(tr("Site"), siteName);
    m_facts->addRow(tr("Action"), OutboxModel::actionLabel(item->action));
    m_facts->addRow(tr("Queued"), DisplayFormat::dateTime(item->createdAt));
    m_facts->addRow(tr("Attempts"), item->attempts > 0 ? DisplayFormat::number(item->attempts) : tr("None yet"));
    if (item->state == State::Queued && item->nextAttemptAt.isValid() && item->nextAttemptAt > QDateTime::currentDateTimeUtc())
        m_facts->addRow(tr("Next try"), DisplayFormat::dateTime(item->nextAttemptAt));
    m_facts->addRow(tr("Last error"), item->lastError);
    m_facts->addRow(tr("Request"), item->method + u' ' + item->path);

    const QStringList errors = fieldErrorLines(item->fieldErrors);
    m_fieldErrors->setText(errors.join(u'\n'));
    m_fieldErrorsTitle->setVisible(!errors.isEmpty());
    m_fieldErrors->setVisible(!errors.isEmpty());

    const bool sending = item->state == State::Sending;
    m_retry->setEnabled(item->state == State::Queued || item->state == State::Failed);
    m_discard->setEnabled(!sending);
    const bool fixable = item->state == State::Failed || item->state == State::Gone || item->state == State::Conflict;
    m_open->setEnabled(fixable);
    m_open->setText(item->state == State::Conflict ? tr("Resolve &Conflict…") : tr("&Open to Fix"));
    m_open->setIcon(item->state == State::Conflict ? Icons::get(u"vcs-conflicting"_s) : Icons::get(u"document-edit"_s));
    m_detailStack->setCurrentIndex(DetailPage);
}

void OutboxView::confirmDiscard()
{
    const OutboxItem *item = currentItem();
    if (!item)
        return;
    const qint64 id = item->id;
    const QString what = m_model->index(m_model->rowOf(id), OutboxModel::WhatColumn).data().toString();
    QString lost;
    switch (item->action) {
    case OutboxItem::Action::Create:
        lost = tr("What you created exists only on this computer and will be removed.");
        break;
    case OutboxItem::Action::Update:
        lost = tr("Your changes will be lost, and this workspace shows the server's version again.");
        break;
    case OutboxItem::Action::Delete:
        lost = tr("The deletion will not be sent: the item stays on the server and appears here again.");
        break;
    case OutboxItem::Action::AddRemark:
        lost = tr("Your remark will be lost.");
        break;
    case OutboxItem::Action::Transition:
        lost = item->state == OutboxItem::State::Failed
                ? tr("The server refused it; this only removes it from the list.")
                : tr("The decision will not be sent, and this workspace shows the edition as the server has it.");
        break;
    }

    // The summary quotes titles itself: it goes on a line of its own rather than into quotes.
    QMessageBox box(QMessageBox::Warning, tr("Discard Change"), tr("Discard this change?"), QMessageBox::Yes | QMessageBox::No,
                    this);
    box.setObjectName(u"discardConfirmation"_s);
    box.setInformativeText(what + u"\n\n"_s + lost + u' ' + tr("This cannot be undone."));
    box.button(QMessageBox::Yes)->setText(tr("Discard"));
    box.button(QMessageBox::No)->setText(tr("Keep It"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    if (box.exec() == QMessageBox::Yes)
        Q_EMIT discardRequested(id);
}

} // namespace Galley
