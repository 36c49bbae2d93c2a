#include "workflowactionbar.h"

#include "icons.h"

#include "store/storeworker.h"
#include "workflow/workflowcontext.h"

#include <QLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

// Buttons left to right, wrapping onto more lines when the pane is narrow (no label is cut).
class WrapLayout : public QLayout
{
public:
    explicit WrapLayout(QWidget *parent) : QLayout(parent) { }
    ~WrapLayout() override
    {
        while (QLayoutItem *item = takeAt(0))
            delete item;
    }
    void addItem(QLayoutItem *item) override { m_items.append(item); }
    int count() const override { return int(m_items.size()); }
    QLayoutItem *itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem *takeAt(int index) override
    {
        return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
    }
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    QSize sizeHint() const override { return minimumSize(); }
    QSize minimumSize() const override
    {
        QSize size;
        for (const QLayoutItem *item : m_items)
            size = size.expandedTo(item->minimumSize());
        const QMargins m = contentsMargins();
        return size + QSize(m.left() + m.right(), m.top() + m.bottom());
    }
    void setGeometry(const QRect &rect) override
    {
        QLayout::setGeometry(rect);
        arrange(rect, true);
    }

private:
    int arrange(const QRect &rect, bool place) const
    {
        const QRect area = rect.marginsRemoved(contentsMargins());
        const int gap = spacing() >= 0 ? spacing() : 6;
        int x = area.x();
        int y = area.y();
        int lineHeight = 0;
        for (QLayoutItem *item : m_items) {
            if (item->isEmpty())
                continue;
            const QSize hint = item->sizeHint();
            if (x + hint.width() > area.right() + 1 && lineHeight > 0) {
                x = area.x();
                y += lineHeight + gap;
                lineHeight = 0;
            }
            if (place)
                item->setGeometry(QRect(QPoint(x, y), hint));
            x += hint.width() + gap;
            lineHeight = std::max(lineHeight, hint.height());
        }
        return y + lineHeight - rect.y() + contentsMargins().bottom();
    }

    QList<QLayoutItem *> m_items;
};

struct Load
{
    Result<std::optional<Workflow::Actor>> actor = std::optional<Workflow::Actor> {};
    std::optional<Result<Workflow::Context>> context;
};

QString iconName(Workflow::Event e)
{
    using Workflow::Event;
    switch (e) {
    case Event::Submit: return u"mail-send"_s;
    case Event::Reject: return u"dialog-cancel"_s;
    case Event::Publish: return u"document-send"_s;
    case Event::ForcePublish: return u"emblem-important"_s;
    case Event::ApproveRetrospectively: return u"dialog-ok-apply"_s;
    case Event::Schedule:
    case Event::ForceSchedule: return u"appointment-new"_s;
    case Event::Unschedule: return u"appointment-missed"_s;
    case Event::Unpublish: return u"edit-delete-remove"_s;
    case Event::Withdraw: return u"archive-remove"_s;
    case Event::Unwithdraw: return u"edit-undo"_s;
    case Event::CreateNewEdition: return u"document-new"_s;
    case Event::Delete: return u"edit-delete"_s;
    default: return {};
    }
}

// The main action of a state gets the default look.
bool isPrimary(Workflow::Event e, EditionState s)
{
    using Workflow::Event;
    return (s == EditionState::Draft && e == Event::Submit) || (s == EditionState::Rejected && e == Event::Submit)
            || (s == EditionState::Submitted && e == Event::Publish)
            || ((s == EditionState::Published || s == EditionState::Unpublished) && e == Event::CreateNewEdition);
}

} // namespace

WorkflowActionBar::WorkflowActionBar(QWidget *parent)
    : QWidget(parent)
    , m_buttonsArea(new QWidget(this))
    , m_note(new QLabel(this))
{
    m_row = new WrapLayout(m_buttonsArea);
    setObjectName(u"workflowActionBar"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(4);
    m_row->setContentsMargins(0, 0, 0, 0);
    m_row->setSpacing(6);
    outer->addWidget(m_buttonsArea);
    m_note->setObjectName(u"workflowActionNote"_s);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->hide();
    outer->addWidget(m_note);
    hide();
}

WorkflowActionBar::~WorkflowActionBar() = default;

void WorkflowActionBar::setWorker(StoreWorker *worker)
{
    m_worker = worker;
}

void WorkflowActionBar::setUnavailable(const QString &why)
{
    m_unavailable = why;
    if (m_hasContext)
        present(m_context);
}

QString WorkflowActionBar::label(Workflow::Event event)
{
    using Workflow::Event;
    switch (event) {
    case Event::ForcePublish: return tr("Force Publish…");
    case Event::Schedule: return tr("Schedule…");
    case Event::ForceSchedule: return tr("Force Schedule…");
    case Event::Unpublish: return tr("Unpublish…");
    case Event::Withdraw: return tr("Withdraw…");
    case Event::Unwithdraw: return tr("Unwithdraw…");
    case Event::CreateNewEdition: return tr("New Edition…");
    case Event::Delete: return tr("Delete Draft…");
    case Event::Reject: return tr("Reject…");
    default: return Workflow::displayName(event);
    }
}

void WorkflowActionBar::showEdition(Id editionId)
{
    m_editionId = editionId;
    reload();
}

void WorkflowActionBar::reload()
{
    const quint64 generation = ++m_generation;
    if (m_editionId == 0 || !m_worker) {
        m_hasContext = false;
        clearButtons();
        hide();
        Q_EMIT loaded(0);
        return;
    }
    const Id id = m_editionId;
    m_worker->post(this, [id](QSqlDatabase &db) {
            Load load;
            load.actor = Workflow::signedInActor(db);
            const Workflow::Actor actor = load.actor && load.actor.value() ? *load.actor.value() : Workflow::Actor {};
            load.context = Workflow::loadContext(db, id, actor, QDateTime::currentDateTimeUtc());
            return load;
        }, [this, generation, id](Load load) {
            if (generation != m_generation)
                return;
            if (!load.context || !*load.context) {
                m_hasContext = false;
                clearButtons();
                hide();
                Q_EMIT loaded(id);
                return;
            }
            m_signedOut = !load.actor || !load.actor.value();
            m_context = std::move(load.context->value());
            m_hasContext = true;
            present(m_context);
            Q_EMIT loaded(id);
        });
}

void WorkflowActionBar::clearButtons()
{
    while (QLayoutItem *item = m_row->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_buttons.clear();
    m_checkLinks = nullptr;
    m_reasons.clear();
    m_shown.clear();
    m_note->hide();
}

void WorkflowActionBar::present(const Workflow::Context &context)
{
    clearButtons();
    const QList<Workflow::Event> events = Workflow::offeredEvents(context.edition.state);
    int enabled = 0;
    for (Workflow::Event e : events) {
        auto *b = new QPushButton(Icons::get(iconName(e)), label(e), this);
        b->setObjectName(u"workflow_"_s + Workflow::toWire(e));
        b->setAutoDefault(false);
        QString why;
        if (!m_unavailable.isEmpty()) {
            why = m_unavailable;
        } else if (m_signedOut) {
            why = tr("This workspace is not signed in to a server: connect to move editions through the workflow.");
        } else {
            const Workflow::Decision d = Workflow::mayStart(e, context);
            if (!d.allowed())
                why = d.refusal->message;
        }
        b->setEnabled(why.isEmpty());
        if (why.isEmpty()) {
            ++enabled;
            if (isPrimary(e, context.edition.state)) {
                QFont f = b->font();
                f.setBold(true);
                b->setFont(f);
            }
            b->setToolTip(QString());
        } else {
            // The reason also goes to the accessible description (screen readers) and the status tip.
            b->setToolTip(why);
            b->setAccessibleDescription(why);
            b->setStatusTip(why);
            m_reasons.insert(int(e), why);
        }
        connect(b, &QPushButton::clicked, this, [this, e] { Q_EMIT eventRequested(e); });
        m_row->addWidget(b);
        m_buttons.insert(int(e), b);
        m_shown.append(e);
    }
    // Link checks: for editions still being worked on (the rules read the latest report).
    if (isOpen(context.edition.state)) {
        m_checkLinks = new QPushButton(Icons::get(u"view-refresh"_s), tr("Check Links"), this);
        m_checkLinks->setObjectName(u"workflow_check_links"_s);
        m_checkLinks->setAutoDefault(false);
        QString why = m_unavailable;
        if (why.isEmpty() && m_signedOut)
            why = tr("This workspace is not signed in to a server: connect to move editions through the workflow.");
        if (why.isEmpty() && !roleHas(context.actor.role, Permission::WriteContent))
            why = tr("Only a writer or above may check links");
        m_checkLinks->setEnabled(why.isEmpty());
        m_checkLinks->setToolTip(why.isEmpty() ? tr("Ask the server to check every link in the rich text again") : why);
        connect(m_checkLinks, &QPushButton::clicked, this, &WorkflowActionBar::checkLinksRequested);
        m_row->addWidget(m_checkLinks);
    }
    if (events.isEmpty()) {
        m_note->setText(tr("A %1 edition has no further workflow steps.").arg(displayName(context.edition.state).toLower()));
        m_note->show();
    } else if (enabled == 0) {
        // Say the first reason in the open: hovering disabled buttons is not discoverable.
        m_note->setText(m_reasons.value(int(events.constFirst())));
        m_note->show();
    }
    show();
}

} // namespace Galley
