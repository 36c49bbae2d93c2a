#include "editiondetailpane.h"
#include "workflowactionbar.h"

#include "busyindicator.h"
#include "displayformat.h"
#include "emptystate.h"
#include "factgrid.h"
#include "historytimeline.h"
#include "icons.h"
#include "statepill.h"
#include "store/storeworker.h"

#include <QFrame>
#include <QJsonArray>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

enum Page { EmptyPage, DetailPage, ErrorPage };

QWidget *sectionHeader(const QString &text, QWidget *parent, QLabel **labelOut = nullptr)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 10, 0, 2);
    layout->setSpacing(4);
    auto *label = new QLabel(text, box);
    QFont f = label->font();
    f.setWeight(QFont::DemiBold);
    f.setPointSizeF(f.pointSizeF() * 1.05);
    label->setFont(f);
    layout->addWidget(label);
    auto *line = new QFrame(box);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    line->setForegroundRole(QPalette::Midlight);
    layout->addWidget(line);
    if (labelOut)
        *labelOut = label;
    return box;
}

QLabel *valueLabel(const QString &text)
{
    auto *label = new QLabel(text);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

// The fields in the order an author would expect: an explicit order in the schema
// when it has one, then the required fields as listed, then the rest by name.
QStringList orderedKeys(const QJsonObject &fields, const QJsonObject &spec)
{
    const QJsonObject properties = spec.value(u"properties").toObject();
    const QJsonArray required = spec.value(u"required").toArray();
    QStringList keys = fields.keys();
    const auto rank = [&](const QString &key) -> std::pair<double, qsizetype> {
        const QJsonObject p = properties.value(key).toObject();
        for (const auto name : { u"x-order", u"propertyOrder", u"x-galley-order" }) {
            const QJsonValue v = p.value(name);
            if (v.isDouble())
                return { v.toDouble(), 0 };
        }
        for (qsizetype i = 0; i < required.size(); ++i) {
            if (required.at(i).toString() == key)
                return { 1e9, i };
        }
        return { 2e9, 0 };
    };
    std::stable_sort(keys.begin(), keys.end(), [&](const QString &a, const QString &b) {
        const auto ra = rank(a);
        const auto rb = rank(b);
        if (ra != rb)
            return ra < rb;
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return keys;
}

} // namespace

struct EditionDetailPane::Load
{
    Result<EditionDetail> detail;
    std::optional<ContentSchema> schema;
};

EditionDetailPane::EditionDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_busy(new BusyIndicator(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(this))
    , m_error(new EmptyState(this))
    , m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("editionDetail"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    outer->addWidget(m_busy);
    outer->addWidget(m_stack, 1);

    m_empty->setObjectName(QStringLiteral("detailEmptyState"));
    m_empty->setIcon(Icons::get(QStringLiteral("document-preview"), QStyle::SP_FileDialogContentsView));
    m_empty->setTitle(tr("No edition selected"));
    m_empty->setText(tr("Select an edition to see its fields and history"));
    m_stack->addWidget(m_empty);

    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A scroll bar that comes and goes would change the width the text was wrapped for.
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    auto *content = new QWidget(m_scroll);
    content->setObjectName(QStringLiteral("editionDetailContent"));
    // Always exactly as wide as the viewport: the text wraps instead of running under the scroll bar.
    content->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(18, 14, 18, 18);
    layout->setSpacing(8);

    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    auto *badges = new QHBoxLayout;
    badges->setSpacing(8);
    m_statePill = new StatePill(content);
    m_statePill->setObjectName(QStringLiteral("detailState"));
    badges->addWidget(m_statePill);
    m_version = new QLabel(content);
    m_version->setForegroundRole(QPalette::PlaceholderText);
    badges->addWidget(m_version);
    m_forcePill = new StatePill(content);
    badges->addWidget(m_forcePill);
    badges->addStretch();
    layout->addLayout(badges);

    m_actions = new WorkflowActionBar(content);
    layout->addWidget(m_actions);

    m_banner = new QLabel(content);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_banner->setOpenExternalLinks(true);
    m_banner->setAutoFillBackground(true);
    m_banner->setContentsMargins(10, 8, 10, 8);
    m_banner->setObjectName(QStringLiteral("detailBanner"));
    layout->addWidget(m_banner);

    layout->addWidget(sectionHeader(tr("Details"), content));
    m_details = new FactGrid(content);
    m_details->setObjectName(QStringLiteral("detailFacts"));
    layout->addWidget(m_details);

    layout->addWidget(sectionHeader(tr("Fields"), content, &m_fieldsHeader));
    m_fields = new FactGrid(content);
    m_fields->setObjectName(QStringLiteral("detailFields"));
    layout->addWidget(m_fields);
    m_noFields = new QLabel(tr("No fields are filled in yet."), content);
    m_noFields->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_noFields);

    m_publishingSection = new QWidget(content);
    auto *publishingLayout = new QVBoxLayout(m_publishingSection);
    publishingLayout->setContentsMargins(0, 0, 0, 0);
    publishingLayout->setSpacing(8);
    publishingLayout->addWidget(sectionHeader(tr("Publishing"), m_publishingSection));
    m_publishing = new QVBoxLayout;
    m_publishing->setSpacing(10);
    publishingLayout->addLayout(m_publishing);
    layout->addWidget(m_publishingSection);

    layout->addWidget(sectionHeader(tr("History"), content));
    m_history = new HistoryTimeline(content);
    m_history->setObjectName(QStringLiteral("historyTimeline"));
    layout->addWidget(m_history);
    m_noHistory = new QLabel(tr("No history recorded."), content);
    m_noHistory->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_noHistory);
    layout->addStretch(1);

    m_scroll->setWidget(content);
    m_stack->addWidget(m_scroll);

    m_error->setIcon(Icons::get(QStringLiteral("dialog-warning"), QStyle::SP_MessageBoxWarning));
    m_error->setTitle(tr("This edition could not be loaded"));
    m_error->setActionText(tr("Try Again"));
    connect(m_error, &EmptyState::actionTriggered, this, &EditionDetailPane::reload);
    m_stack->addWidget(m_error);

    m_stack->setCurrentIndex(EmptyPage);
    setMinimumWidth(300);
}

EditionDetailPane::~EditionDetailPane() = default;

void EditionDetailPane::setWorker(StoreWorker *worker)
{
    m_worker = worker;
    m_actions->setWorker(worker);
    m_actions->showEdition(0);
    m_editionId = 0;
    m_shownId = 0;
    ++m_generation;
    setLoading(false);
    m_stack->setCurrentIndex(EmptyPage);
}

QString EditionDetailPane::shownTitle() const
{
    return m_shownId ? m_title->text() : QString();
}

void EditionDetailPane::showEdition(Id editionId)
{
    if (editionId == m_editionId && (m_loading || m_shownId == editionId))
        return;
    m_editionId = editionId;
    request();
    m_actions->showEdition(editionId);
}

void EditionDetailPane::reload()
{
    request();
    m_actions->reload();
}

void EditionDetailPane::setLoading(bool loading)
{
    m_loading = loading;
    m_busy->setBusy(loading);
}

void EditionDetailPane::request()
{
    const quint64 generation = ++m_generation;
    if (m_editionId == 0 || !m_worker) {
        setLoading(false);
        m_shownId = 0;
        m_stack->setCurrentIndex(EmptyPage);
        Q_EMIT loaded(0);
        return;
    }
    setLoading(true);
    const Id id = m_editionId;
    m_worker->post(this, [id](QSqlDatabase &db) {
            Load load { ReplicaReader::editionDetail(db, id), std::nullopt };
            if (load.detail) {
                auto schema = ReplicaReader::schema(db, load.detail->edition.schemaId);
                if (schema)
                    load.schema = std::move(schema).value();
            }
            return load;
        }, [this, generation](Load load) {
            if (generation != m_generation)
                return;
            setLoading(false);
            if (!load.detail) {
                presentError(load.detail.error());
                return;
            }
            present(load.detail.value(), load.schema);
        });
}

void EditionDetailPane::presentError(const Error &error)
{
    m_shownId = 0;
    m_error->setText(error.message);
    m_stack->setCurrentIndex(ErrorPage);
    Q_EMIT loaded(m_editionId);
}

void EditionDetailPane::present(const EditionDetail &detail, const std::optional<ContentSchema> &schema)
{
    const Edition &e = detail.edition;
    const bool sameEdition = m_shownId == e.id;
    m_shownId = e.id;

    m_title->setText(e.title.isEmpty() ? tr("Untitled") : e.title);
    m_statePill->setEditionState(e.state);
    m_version->setText(e.version.isSet() ? tr("Version %1").arg(e.version.toString()) : tr("Not yet published"));
    if (e.forcePublished) {
        const bool scheduled = e.state == EditionState::Scheduled;
        m_forcePill->setLabel(scheduled ? tr("Force scheduled") : tr("Force published"), QColor(0xd9, 0x77, 0x06));
        m_forcePill->setToolTip(scheduled ? tr("Scheduled without a second editor's review.")
                                          : tr("Published without a second editor's review. It awaits "
                                               "retrospective approval."));
    }
    m_forcePill->setVisible(e.forcePublished);

    fillBanner(detail);
    fillDetails(detail);
    fillFields(detail, schema);
    fillPublishing(detail);

    m_history->setHistory(detail.history, e.id);
    m_history->setVisible(!detail.history.isEmpty());
    m_noHistory->setVisible(detail.history.isEmpty());

    m_stack->setCurrentIndex(DetailPage);
    if (!sameEdition)
        m_scroll->verticalScrollBar()->setValue(0);
    Q_EMIT loaded(e.id);
}

void EditionDetailPane::fillBanner(const EditionDetail &detail)
{
    if (!detail.unpublishing) {
        m_banner->hide();
        return;
    }
    const Unpublishing &u = *detail.unpublishing;
    const bool withdrawn = detail.edition.state == EditionState::Withdrawn || u.reason == UnpublishingReason::Withdrawn;
    QString html = u"<b>"_s
        + (withdrawn ? tr("Withdrawn on %1").arg(DisplayFormat::date(u.createdAt))
                     : tr("Unpublished on %1: %2").arg(DisplayFormat::date(u.createdAt), displayName(u.reason)))
              .toHtmlEscaped()
        + u"</b>"_s;
    if (!u.explanation.trimmed().isEmpty())
        html += u"<br>"_s + u.explanation.trimmed().toHtmlEscaped();
    if (!u.alternativeUrl.isEmpty()) {
        const QString link = u"<a href=\"%1\">%2</a>"_s.arg(u.alternativeUrl.toHtmlEscaped(), u.alternativeUrl.toHtmlEscaped());
        html += u"<br>"_s
            + (u.redirect ? tr("Visitors are redirected to %1") : tr("Alternative page: %1")).toHtmlEscaped().arg(link);
    } else if (!withdrawn) {
        html += u"<br>"_s + tr("Visitors get “gone” (410).").toHtmlEscaped();
    }
    const StatePill::Tone tone = StatePill::toneFor(
        StatePill::hueFor(StatePill::Kind::Edition, int(withdrawn ? EditionState::Withdrawn : EditionState::Unpublished)),
        palette());
    QPalette pal = m_banner->palette();
    pal.setColor(QPalette::Window, tone.background);
    pal.setColor(QPalette::WindowText, tone.text);
    pal.setColor(QPalette::Link, tone.text);
    m_banner->setPalette(pal);
    m_banner->setText(html);
    m_banner->show();
}

void EditionDetailPane::fillDetails(const EditionDetail &detail)
{
    const Edition &e = detail.edition;
    m_details->clear();
    m_details->addRow(tr("Schema"), detail.schemaName);
    m_details->addRow(tr("Site"), detail.siteName);
    m_details->addRow(tr("Sector"), detail.sectorName);
    m_details->addRow(tr("Slug"), detail.document.slug);
    m_details->addRow(tr("Updated"), DisplayFormat::dateTime(e.updatedAt));
    m_details->addRow(tr("Created"),
                      detail.createdByName.isEmpty()
                          ? DisplayFormat::dateTime(e.createdAt)
                          : tr("%1 by %2").arg(DisplayFormat::dateTime(e.createdAt), detail.createdByName));
    if (e.scheduledPublication.isValid()) {
        if (QLabel *l = m_details->addRow(tr("Scheduled for"), DisplayFormat::dateTime(e.scheduledPublication)))
            l->setObjectName(u"detailScheduled"_s);
    }
    if (e.firstPublishedAt.isValid())
        m_details->addRow(tr("First published"), DisplayFormat::dateTime(e.firstPublishedAt));

    QString note = e.changeNote.trimmed();
    if (e.minorChange)
        note = note.isEmpty() ? tr("Minor change (no change note needed)") : tr("%1 (minor change)").arg(note);
    else if (note.isEmpty())
        note = tr("None");
    m_details->addRow(tr("Change note"), note);

    QString links;
    if (!detail.linkCheck) {
        links = tr("Not checked yet");
    } else {
        const LinkCheckReport &r = *detail.linkCheck;
        if (r.links.isEmpty()) {
            links = tr("No links (checked %1)").arg(DisplayFormat::date(r.checkedAt));
        } else {
            QStringList counts;
            for (LinkStatus s : allLinkStatuses()) {
                if (const int n = r.count(s))
                    counts << tr("%1 %2", "link count, status").arg(DisplayFormat::number(n), displayName(s));
            }
            links = tr("%n link(s) checked %1", nullptr, int(r.links.size())).arg(DisplayFormat::date(r.checkedAt))
                + u": "_s + counts.join(u" · "_s);
            int shown = 0;
            for (const LinkCheckItem &item : r.links) {
                if (item.status == LinkStatus::Ok)
                    continue;
                if (++shown > 5)
                    break;
                links += u"\n"_s + displayName(item.status) + u": "_s + item.url
                    + (item.problem.isEmpty() ? QString() : u" — "_s + item.problem);
            }
            if (r.hasDanger())
                links += u"\n"_s + tr("A dangerous link blocks publishing until it is removed.");
        }
    }
    if (QLabel *l = m_details->addRow(tr("Links"), links))
        l->setObjectName(u"detailLinks"_s);
    if (detail.editionCount > 1)
        m_details->addRow(tr("Editions"), tr("%n edition(s) of this document", nullptr, detail.editionCount));
}

void EditionDetailPane::fillFields(const EditionDetail &detail, const std::optional<ContentSchema> &schema)
{
    m_fields->clear();
    const QJsonObject spec = schema ? schema->specDoc : QJsonObject();
    const QJsonObject properties = spec.value(u"properties").toObject();
    int rows = 0;
    for (const QString &key : orderedKeys(detail.edition.fields, spec)) {
        const QJsonObject propertySchema = properties.value(key).toObject();
        const QJsonValue raw = detail.edition.fields.value(key);
        // Rich text keeps its paragraphs and headings, made safe; everything else is plain text.
        const bool rich = raw.isString() && DisplayFormat::looksLikeHtml(raw.toString());
        const QString value = rich ? DisplayFormat::safeRichExcerpt(raw.toString())
                                   : DisplayFormat::fieldValue(raw, propertySchema);
        if (value.isEmpty())
            continue;
        if (QLabel *v = m_fields->addRow(DisplayFormat::fieldLabel(key, propertySchema), value,
                                         rich ? Qt::RichText : Qt::PlainText)) {
            v->setObjectName(u"field_"_s + key);
            ++rows;
        }
    }
    m_noFields->setVisible(rows == 0);
}

void EditionDetailPane::fillPublishing(const EditionDetail &detail)
{
    while (QLayoutItem *item = m_publishing->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_publishingSection->setVisible(!detail.publishing.isEmpty());
    for (const PublishingRecord &p : detail.publishing) {
        auto *row = new QWidget(m_publishingSection);
        auto *rowLayout = new QVBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(3);
        auto *top = new QHBoxLayout;
        top->setSpacing(8);
        auto *destination = new QLabel(p.destination, row);
        destination->setTextFormat(Qt::PlainText);
        QFont f = destination->font();
        f.setWeight(QFont::DemiBold);
        destination->setFont(f);
        top->addWidget(destination);
        auto *pill = new StatePill(row);
        pill->setPublishingStatus(p.status);
        top->addWidget(pill);
        top->addStretch();
        auto *when = new QLabel(DisplayFormat::dateTime(p.updatedAt.isValid() ? p.updatedAt : p.createdAt), row);
        when->setForegroundRole(QPalette::PlaceholderText);
        top->addWidget(when);
        rowLayout->addLayout(top);
        if (!p.externalUrl.isEmpty()) {
            auto *url = new QLabel(row);
            url->setTextFormat(Qt::RichText);
            url->setText(u"<a href=\"%1\">%2</a>"_s.arg(p.externalUrl.toHtmlEscaped(), p.externalUrl.toHtmlEscaped()));
            url->setOpenExternalLinks(true);
            url->setTextInteractionFlags(Qt::TextBrowserInteraction);
            url->setWordWrap(true);
            rowLayout->addWidget(url);
        }
        if (!p.error.isEmpty()) {
            QLabel *error = valueLabel(p.error);
            QPalette pal = error->palette();
            pal.setColor(QPalette::WindowText,
                         StatePill::toneFor(StatePill::hueFor(StatePill::Kind::Publishing, int(PublishingStatus::Failed)),
                                            palette())
                             .text);
            error->setPalette(pal);
            rowLayout->addWidget(error);
        }
        m_publishing->addWidget(row);
    }
}

} // namespace Galley
