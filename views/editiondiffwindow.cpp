#include "editiondiffwindow.h"

#include "busyindicator.h"
#include "displayformat.h"
#include "editiondiffview.h"
#include "emptystate.h"
#include "icons.h"
#include "store/replicareader.h"
#include "store/storeworker.h"
#include "workflow/editiondiff.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Galley {

struct EditionDiffWindow::Load
{
    Result<QList<EditionSummary>> editions;
    std::optional<ContentSchema> schema;
};

EditionDiffWindow::EditionDiffWindow(StoreWorker *worker, Id documentId, Id leftEditionId, Id rightEditionId,
                                     QWidget *parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_documentId(documentId)
    , m_initialLeft(leftEditionId)
    , m_initialRight(rightEditionId)
    , m_left(new QComboBox(this))
    , m_right(new QComboBox(this))
    , m_swap(new QToolButton(this))
    , m_unchanged(new QCheckBox(tr("Show &unchanged fields"), this))
    , m_previous(new QAction(tr("&Previous Change"), this))
    , m_next(new QAction(tr("&Next Change"), this))
    , m_previousButton(new QToolButton(this))
    , m_nextButton(new QToolButton(this))
    , m_position(new QLabel(this))
    , m_busy(new BusyIndicator(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new EditionDiffView(this))
    , m_error(new EmptyState(this))
{
    setWindowFlag(Qt::Window);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Compare Editions"));
    setObjectName(u"editionDiffWindow"_s);

    m_left->setObjectName(u"leftEdition"_s);
    m_right->setObjectName(u"rightEdition"_s);
    m_left->setAccessibleName(tr("Edition on the left"));
    m_right->setAccessibleName(tr("Edition on the right"));
    for (QComboBox *c : { m_left, m_right }) {
        c->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(16);
    }
    m_swap->setObjectName(u"swapEditions"_s);
    m_swap->setIcon(Icons::get(u"exchange-positions"_s, QStyle::SP_BrowserReload));
    m_swap->setText(tr("Swap"));
    m_swap->setToolTip(tr("Swap the two sides"));
    m_swap->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_swap->setAutoRaise(true);

    m_unchanged->setObjectName(u"showUnchanged"_s);
    m_unchanged->setToolTip(tr("Also list the fields that are the same in both editions"));

    m_previous->setIcon(Icons::get(u"go-up"_s, QStyle::SP_ArrowUp));
    m_previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    m_previous->setToolTip(tr("Go to the previous change (%1)").arg(m_previous->shortcut().toString(QKeySequence::NativeText)));
    m_next->setIcon(Icons::get(u"go-down"_s, QStyle::SP_ArrowDown));
    m_next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    m_next->setToolTip(tr("Go to the next change (%1)").arg(m_next->shortcut().toString(QKeySequence::NativeText)));
    for (QAction *a : { m_previous, m_next }) {
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
    }
    m_previousButton->setDefaultAction(m_previous);
    m_nextButton->setDefaultAction(m_next);
    for (QToolButton *b : { m_previousButton, m_nextButton }) {
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(true);
    }
    m_previousButton->setText(tr("Previous"));
    m_nextButton->setText(tr("Next"));
    m_position->setObjectName(u"changePosition"_s);
    m_position->setMinimumWidth(fontMetrics().horizontalAdvance(tr("Change %1 of %2").arg(888).arg(888)) + 8);
    m_position->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_view->setObjectName(u"editionDiffView"_s);
    m_error->setIcon(Icons::get(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning));
    m_error->setTitle(tr("These editions could not be compared"));
    m_error->setActionText(tr("Try Again"));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_error);

    auto *choosers = new QHBoxLayout;
    choosers->addWidget(m_left, 1);
    choosers->addWidget(m_swap);
    choosers->addWidget(m_right, 1);
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_unchanged);
    tools->addStretch(1);
    tools->addWidget(m_position);
    tools->addWidget(m_previousButton);
    tools->addWidget(m_nextButton);
    auto *top = new QVBoxLayout;
    top->setContentsMargins(10, 10, 10, 4);
    top->setSpacing(6);
    top->addLayout(choosers);
    top->addLayout(tools);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_busy);
    layout->addWidget(m_stack, 1);

    connect(m_left, &QComboBox::currentIndexChanged, this, &EditionDiffWindow::requestDiff);
    connect(m_right, &QComboBox::currentIndexChanged, this, &EditionDiffWindow::requestDiff);
    connect(m_swap, &QToolButton::clicked, this, &EditionDiffWindow::swapSides);
    connect(m_unchanged, &QCheckBox::toggled, m_view, &EditionDiffView::setShowUnchanged);
    connect(m_previous, &QAction::triggered, m_view, &EditionDiffView::previousChange);
    connect(m_next, &QAction::triggered, m_view, &EditionDiffView::nextChange);
    connect(m_view, &EditionDiffView::currentChanged, this, &EditionDiffWindow::updateNavigation);
    connect(m_error, &EmptyState::actionTriggered, this, [this]() {
        if (m_listed)
            requestDiff();
        else
            loadEditions();
    });

    updateNavigation(-1, 0);
    resize(1100, 760);
    loadEditions();
}

EditionDiffWindow::~EditionDiffWindow() = default;

QString EditionDiffWindow::editionLabel(const EditionSummary &e)
{
    const QString state = displayName(e.state);
    const QString date = DisplayFormat::date(e.updatedAt);
    if (e.version.isSet())
        return tr("%1 · %2 · %3", "version · state · date").arg(e.version.toString(), state, date);
    return tr("%1 (new) · %2", "state of an edition never published · date").arg(state, date);
}

Id EditionDiffWindow::leftEditionId() const
{
    return m_left->currentData().toLongLong();
}

Id EditionDiffWindow::rightEditionId() const
{
    return m_right->currentData().toLongLong();
}

QString EditionDiffWindow::errorText() const
{
    return m_stack->currentWidget() == m_error ? m_error->text() : QString();
}

void EditionDiffWindow::setLoading(bool loading)
{
    m_loading = loading;
    m_busy->setBusy(loading);
}

void EditionDiffWindow::showError(const QString &message)
{
    setLoading(false);
    m_error->setText(message);
    m_stack->setCurrentWidget(m_error);
    updateNavigation(-1, 0);
    Q_EMIT shown();
}

void EditionDiffWindow::loadEditions()
{
    if (!m_worker) {
        showError(tr("No workspace is open."));
        return;
    }
    const quint64 generation = ++m_generation;
    setLoading(true);
    QList<Id> keep;
    for (const Id id : { m_initialLeft, m_initialRight }) {
        if (id)
            keep.append(id);
    }
    m_worker->post(
        this,
        [documentId = m_documentId, keep](QSqlDatabase &db) {
            Load load { DocumentEditions::list(db, documentId, keep), std::nullopt };
            if (load.editions && !load.editions->isEmpty()) {
                auto schema = ReplicaReader::schema(db, load.editions->last().schemaId);
                if (schema)
                    load.schema = std::move(schema).value();
            }
            return load;
        },
        [this, generation](Load load) {
            if (generation != m_generation)
                return;
            if (!load.editions) {
                showError(load.editions.error().message);
                return;
            }
            if (load.editions->isEmpty()) {
                showError(tr("This document has no editions in the workspace."));
                return;
            }
            m_editions = std::move(load.editions).value();
            m_schema = std::move(load.schema);
            m_listed = true;
            const QString title = m_editions.last().title.trimmed();
            setWindowTitle(tr("Compare editions — %1").arg(title.isEmpty() ? tr("Untitled") : title));
            fillChoosers(m_initialLeft, m_initialRight);
            requestDiff();
        });
}

void EditionDiffWindow::fillChoosers(Id left, Id right)
{
    const auto indexOf = [this](Id id) {
        for (qsizetype i = 0; i < m_editions.size(); ++i) {
            if (m_editions.at(i).id == id)
                return int(i);
        }
        return -1;
    };
    int r = right ? indexOf(right) : -1;
    if (r < 0)
        r = int(m_editions.size()) - 1;
    int l = left ? indexOf(left) : -1;
    if (l < 0)   // the edition before; for the oldest, the one after it
        l = r > 0 ? r - 1 : std::min(1, int(m_editions.size()) - 1);
    if (l > r)
        std::swap(l, r);   // the older on the left

    const QSignalBlocker blockLeft(m_left);
    const QSignalBlocker blockRight(m_right);
    for (QComboBox *c : { m_left, m_right }) {
        c->clear();
        for (const EditionSummary &e : std::as_const(m_editions)) {
            c->addItem(editionLabel(e), QVariant::fromValue<qlonglong>(e.id));
            c->setItemData(c->count() - 1, e.title, Qt::ToolTipRole);
        }
    }
    m_left->setCurrentIndex(l);
    m_right->setCurrentIndex(r);
}

void EditionDiffWindow::setEditions(Id left, Id right)
{
    if (!m_listed) {
        m_initialLeft = left;
        m_initialRight = right;
        return;
    }
    const QSignalBlocker blockLeft(m_left);
    const QSignalBlocker blockRight(m_right);
    m_left->setCurrentIndex(m_left->findData(QVariant::fromValue<qlonglong>(left)));
    m_right->setCurrentIndex(m_right->findData(QVariant::fromValue<qlonglong>(right)));
    requestDiff();
}

void EditionDiffWindow::swapSides()
{
    if (!m_listed)
        return;
    const int l = m_left->currentIndex();
    const int r = m_right->currentIndex();
    {
        const QSignalBlocker blockLeft(m_left);
        const QSignalBlocker blockRight(m_right);
        m_left->setCurrentIndex(r);
        m_right->setCurrentIndex(l);
    }
    requestDiff();
}

void EditionDiffWindow::requestDiff()
{
    if (!m_listed || !m_worker)
        return;
    const Id left = leftEditionId();
    const Id right = rightEditionId();
    if (!left || !right)
        return;
    const quint64 generation = ++m_generation;
    setLoading(true);
    const QJsonObject spec = m_schema ? m_schema->specDoc : QJsonObject();
    const QString specText = m_schema ? m_schema->specText : QString();
    m_worker->post(
        this,
        [left, right, spec, specText](QSqlDatabase &db) -> Result<EditionDiff> {
            const auto a = ReplicaReader::edition(db, left);
            if (!a)
                return a.error();
            const auto b = ReplicaReader::edition(db, right);
            if (!b)
                return b.error();
            return EditionDiff::compute(a.value(), b.value(), spec, specText);
        },
        [this, generation](Result<EditionDiff> diff) {
            if (generation != m_generation)
                return;
            if (!diff) {
                showError(diff.error().message);
                return;
            }
            setLoading(false);
            m_stack->setCurrentWidget(m_view);
            m_view->setDiff(std::move(diff).value());
            m_view->nextChange();   // open on the first change
            Q_EMIT shown();
        });
}

void EditionDiffWindow::updateNavigation(int changeIndex, int changeCount)
{
    if (changeCount == 0)
        m_position->setText(m_listed ? tr("No changes") : QString());
    else if (changeIndex < 0)
        m_position->setText(tr("%n change(s)", nullptr, changeCount));
    else
        m_position->setText(tr("Change %1 of %2").arg(changeIndex + 1).arg(changeCount));
    m_previous->setEnabled(changeCount > 0 && changeIndex != 0);
    m_next->setEnabled(changeCount > 0 && changeIndex != changeCount - 1);
}

} // namespace Galley
