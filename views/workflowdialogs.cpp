#include "workflowdialogs.h"

#include "displayformat.h"
#include "icons.h"
#include "remarkdialog.h"
#include "statepill.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <cstdlib>

namespace Galley {

using namespace Qt::StringLiterals;
using Workflow::Event;
using Workflow::Refusal;

namespace {

const QColor kBlue(0x3d, 0xae, 0xe9);
const QColor kAmber(0xd9, 0x77, 0x06);
const QColor kRed(0xdc, 0x26, 0x26);

// A tinted box with an icon and a paragraph: what an event means, or what to watch out for.
// Its colours follow the palette (light or dark).
class Callout : public QFrame
{
public:
    Callout(QColor hue, const QIcon &icon, QWidget *parent)
        : QFrame(parent)
        , m_hue(hue)
        , m_text(new QLabel(this))
    {
        auto *layout = new QHBoxLayout(this);
        layout->setContentsMargins(12, 8, 10, 8);
        layout->setSpacing(10);
        auto *iconLabel = new QLabel(this);
        const int side = style()->pixelMetric(QStyle::PM_SmallIconSize) + 6;
        iconLabel->setPixmap(icon.pixmap(QSize(side, side), devicePixelRatioF()));
        iconLabel->setFixedSize(side, side);
        layout->addWidget(iconLabel, 0, Qt::AlignTop);
        m_text->setTextFormat(Qt::PlainText);
        m_text->setWordWrap(true);
        m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(m_text, 1);
    }

    QLabel *label() const { return m_text; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        const StatePill::Tone tone = StatePill::toneFor(m_hue, palette());
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(tone.border, 1));
        painter.setBrush(tone.background);
        painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
        painter.fillRect(QRect(1, 1, 3, height() - 2), tone.border);
    }

private:
    QColor m_hue;
    QLabel *m_text;
};

// A field with its message (and an optional hint) under it, as one form row.
QWidget *fieldBlock(QWidget *field, QLabel *message, QLabel *hint = nullptr)
{
    auto *block = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(block);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    field->setParent(block);
    layout->addWidget(field, 1);
    message->setParent(block);
    layout->addWidget(message);
    if (hint) {
        hint->setParent(block);
        layout->addWidget(hint);
    }
    return block;
}

// A text box that asks for room for a few lines (QPlainTextEdit's own hint is far taller) and
// grows with the dialog.
class TextBox : public QPlainTextEdit
{
public:
    TextBox(QWidget *parent, int lines)
        : QPlainTextEdit(parent)
    {
        const int frame = 2 * (frameWidth() + int(document()->documentMargin()));
        setMinimumHeight(fontMetrics().lineSpacing() * lines + frame);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }
    QSize sizeHint() const override { return { QPlainTextEdit::sizeHint().width(), minimumHeight() }; }
};

QPlainTextEdit *textBox(QWidget *parent, const QString &objectName, int lines)
{
    auto *edit = new TextBox(parent, lines);
    edit->setObjectName(objectName);
    edit->setTabChangesFocus(true);
    return edit;
}

QString quoted(const QString &title)
{
    const QString t = title.trimmed();
    return t.isEmpty() ? WorkflowDialog::tr("this edition") : WorkflowDialog::tr("“%1”").arg(DisplayFormat::elide(t, 80));
}

// Asks the engine about what the user supplies with an event. The context is only the edition:
// whether the user may start the event at all was the action bar's question, so only refusals
// about the request's own fields (pointer under `pointerPrefix`) are the dialog's.
std::optional<Refusal> requestRefusal(Event e, const Edition &edition, const Workflow::Request &r,
                                      const QDateTime &now, const QString &pointerPrefix)
{
    Workflow::Context c;
    c.edition = edition;
    c.documentEditions = { edition };
    c.actor.role = Role::Admin;
    c.now = now;
    auto refusal = Workflow::decide(e, c, r).refusal;
    if (refusal && refusal->pointer.startsWith(pointerPrefix))
        return refusal;
    return std::nullopt;
}

// The date a withdrawal notice shows: "14 January 2026".
QString longDate(const QDateTime &at)
{
    //: The date of a withdrawal notice (QDate::toString syntax), e.g. "14 January 2026"
    return QLocale().toString(at.toLocalTime().date(), WorkflowDialog::tr("d MMMM yyyy"));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// WorkflowDialog

WorkflowDialog::WorkflowDialog(Event event, const Edition &edition, const QString &settingsGroup, QWidget *parent)
    : FormDialog(settingsGroup, parent)
    , m_event(event)
    , m_edition(edition)
    , m_body(new QVBoxLayout)
    , m_generalMessage(new QLabel(this))
{
    setWindowTitle(Workflow::displayName(event));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);

    // Which edition this is about, as the detail pane shows it.
    auto *header = new QHBoxLayout;
    header->setSpacing(8);
    auto *pill = new StatePill(this);
    pill->setObjectName(u"editionState"_s);
    pill->setEditionState(edition.state);
    header->addWidget(pill, 0, Qt::AlignTop);
    auto *title = new QLabel(edition.title.trimmed().isEmpty() ? tr("Untitled edition") : edition.title.trimmed(), this);
    title->setObjectName(u"editionTitle"_s);
    title->setTextFormat(Qt::PlainText);
    title->setWordWrap(true);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title, 1);
    auto *version = new QLabel(edition.version.isSet() ? tr("Version %1").arg(edition.version.toString())
                                                       : tr("Not yet published"),
                               this);
    version->setObjectName(u"editionVersion"_s);
    version->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(version, 0, Qt::AlignTop);
    layout->addLayout(header);

    m_body->setSpacing(10);
    layout->addLayout(m_body, 1);

    m_generalMessage->setObjectName(u"problemMessage"_s);
    m_generalMessage->setTextFormat(Qt::PlainText);
    m_generalMessage->setWordWrap(true);
    m_generalMessage->hide();
    layout->addWidget(m_generalMessage);
}

WorkflowDialog::~WorkflowDialog() = default;

QDateTime WorkflowDialog::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTime();
}

bool WorkflowDialog::hasUnsavedInput() const
{
    return hasInput();
}

void WorkflowDialog::accept()
{
    m_touched = true;
    updateState();
    if (!isValid())
        return;
    FormDialog::accept();
}

QLabel *WorkflowDialog::addText(const QString &text, const QString &objectName)
{
    auto *label = new QLabel(text, this);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    m_body->addWidget(label);
    return label;
}

QWidget *WorkflowDialog::addCallout(Tone tone, const QString &text, const QString &objectName)
{
    const QIcon icon = tone == Tone::Information ? Icons::get(u"dialog-information"_s, QStyle::SP_MessageBoxInformation)
        : tone == Tone::Warning                  ? Icons::get(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning)
                                                 : Icons::get(u"dialog-error"_s, QStyle::SP_MessageBoxCritical);
    auto *callout = new Callout(tone == Tone::Information ? kBlue : tone == Tone::Warning ? kAmber : kRed, icon, this);
    callout->setObjectName(objectName);
    callout->label()->setObjectName(objectName + u"Text"_s);
    callout->label()->setText(text);
    m_body->addWidget(callout);
    return callout;
}

QLabel *WorkflowDialog::messageLabel(const QString &pointer, const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->hide();
    m_messages.insert(pointer, label);
    return label;
}

void WorkflowDialog::inputChanged()
{
    m_touched = true;
    updateState();
}

void WorkflowDialog::updateState()
{
    refresh();
    m_problem = validate();
    if (m_ok) {
        m_ok->setEnabled(!m_problem);
        m_ok->setToolTip(m_problem ? m_problem->message : QString());
    }
    showProblem();
}

void WorkflowDialog::showProblem()
{
    QLabel *target = nullptr;
    if (m_problem) {
        target = m_messages.value(m_problem->pointer, m_generalMessage);
        // Before the user has done anything, a missing input is a hint, not an error.
        const QColor colour = m_touched ? StatePill::toneFor(kRed, palette()).text
                                        : palette().color(QPalette::PlaceholderText);
        QPalette pal = target->palette();
        pal.setColor(QPalette::WindowText, colour);
        target->setPalette(pal);
        target->setText(m_problem->message);
    }
    for (QLabel *label : std::as_const(m_messages))
        label->setVisible(label == target);
    m_generalMessage->setVisible(m_generalMessage == target);
}

void WorkflowDialog::finish(const QString &okText, const QString &iconName, int widthInEm, bool okIsDefault)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"workflowButtons"_s);
    QPushButton *cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    m_ok = new QPushButton(okText, this);
    m_ok->setObjectName(u"okButton"_s);
    if (!iconName.isEmpty())
        m_ok->setIcon(Icons::get(iconName));
    buttons->addButton(m_ok, QDialogButtonBox::AcceptRole);
    if (okIsDefault) {
        m_ok->setDefault(true);
    } else {
        m_ok->setAutoDefault(false);
        cancel->setDefault(true);
    }
    // Extra height goes to the text boxes (stretch 10), else below the content.
    m_body->addStretch(1);
    static_cast<QVBoxLayout *>(layout())->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &WorkflowDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &WorkflowDialog::reject);

    updateState();
    restoreSize(QSize(em() * widthInEm, 0));
}

void WorkflowDialog::changeEvent(QEvent *event)
{
    FormDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showProblem();
}

// ---------------------------------------------------------------------------------------------
// ForcePublishDialog

ForcePublishDialog::ForcePublishDialog(const Edition &edition, QWidget *parent)
    : WorkflowDialog(Event::ForcePublish, edition, u"ForcePublishDialog"_s, parent)
    , m_reason(textBox(this, u"reasonEdit"_s, 4))
{
    setObjectName(u"forcePublishDialog"_s);
    setWindowTitle(tr("Force Publish"));

    addCallout(Tone::Warning,
               tr("Force publishing skips the second pair of eyes: %1 goes live now, without another editor "
                  "reviewing it. Another editor must approve it afterwards; until then it is listed as force "
                  "published awaiting approval.")
                   .arg(quoted(edition.title)),
               u"forceWarning"_s);

    m_reason->setPlaceholderText(tr("Why can this not wait for a review?"));
    auto *label = new QLabel(tr("&Reason (required):"), this);
    label->setBuddy(m_reason);
    body()->addWidget(label);
    QLabel *hint = hintLabel(tr("Recorded as an editorial remark on the edition, for the editor who approves it."), this);
    hint->setObjectName(u"reasonHint"_s);
    body()->addWidget(fieldBlock(m_reason, messageLabel(u"/reason"_s, u"reasonMessage"_s), hint), 10);

    connect(m_reason, &QPlainTextEdit::textChanged, this, &ForcePublishDialog::inputChanged);
    finish(tr("&Force Publish"), u"document-send"_s);
    m_reason->setFocus();
}

ForcePublishDialog::~ForcePublishDialog() = default;

QString ForcePublishDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void ForcePublishDialog::setReason(const QString &reason)
{
    m_reason->setPlainText(reason);
}

Workflow::Request ForcePublishDialog::request() const
{
    Workflow::Request r;
    r.lockVersion = edition().lockVersion;
    r.reason = reason();
    return r;
}

std::optional<Refusal> ForcePublishDialog::validate() const
{
    return requestRefusal(Event::ForcePublish, edition(), request(), now(), u"/reason"_s);
}

bool ForcePublishDialog::hasInput() const
{
    return !reason().isEmpty();
}

// ---------------------------------------------------------------------------------------------
// ScheduleDialog

ScheduleDialog::ScheduleDialog(const Edition &edition, Mode mode, QWidget *parent, Clock clock, const QTimeZone &zone)
    : WorkflowDialog(mode == Mode::Schedule ? Event::Schedule : Event::ForceSchedule, edition,
                     u"ScheduleDialog"_s, parent)
    , m_mode(mode)
    , m_zone(zone.isValid() ? zone : QTimeZone::systemTimeZone())
    , m_when(new QDateTimeEdit(this))
    , m_relative(new QLabel(this))
    , m_zoneLabel(nullptr)
    , m_tick(new QTimer(this))
{
    setObjectName(mode == Mode::Schedule ? u"scheduleDialog"_s : u"forceScheduleDialog"_s);
    setWindowTitle(mode == Mode::Schedule ? tr("Schedule Publication") : tr("Force Schedule"));
    setClock(std::move(clock));

    if (mode == Mode::ForceSchedule) {
        addCallout(Tone::Warning,
                   tr("Force scheduling skips the second pair of eyes: %1 will go live at the time you choose "
                      "without another editor reviewing it. Another editor must approve it afterwards.")
                       .arg(quoted(edition.title)),
                   u"forceWarning"_s);
    } else {
        addText(tr("%1 will be published automatically by the server at the time you choose. Until then you can "
                   "unschedule it to make changes.")
                    .arg(quoted(edition.title)),
                u"scheduleIntro"_s);
    }

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_when->setObjectName(u"scheduleEdit"_s);
    m_when->setCalendarPopup(true);
    m_when->setTimeZone(m_zone);
    //: Date and time in the schedule picker (QDateTime::toString syntax), e.g. "Tue 14 Jan 2026 15:00"
    m_when->setDisplayFormat(tr("ddd d MMM yyyy HH:mm"));
    m_initial = defaultTime(now(), m_zone, edition.scheduledPublication);
    m_when->setMinimumDate(now().toTimeZone(m_zone).date());
    m_when->setDateTime(m_initial);
    m_when->setCurrentSection(QDateTimeEdit::DaySection);
    m_relative->setObjectName(u"relativeTime"_s);
    m_relative->setTextFormat(Qt::PlainText);
    auto *whenRow = new QWidget(this);
    auto *whenLayout = new QHBoxLayout(whenRow);
    whenLayout->setContentsMargins(0, 0, 0, 0);
    whenLayout->setSpacing(10);
    whenLayout->addWidget(m_when);
    whenLayout->addWidget(m_relative, 1);
    m_zoneLabel = hintLabel(QString(), this);
    m_zoneLabel->setObjectName(u"timeZone"_s);
    form->addRow(buddyLabel(tr("&Publish at:"), m_when),
                 fieldBlock(whenRow, messageLabel(u"/scheduled_publication"_s, u"scheduleMessage"_s), m_zoneLabel));

    if (mode == Mode::ForceSchedule) {
        m_reason = textBox(this, u"reasonEdit"_s, 3);
        m_reason->setPlaceholderText(tr("Optional: why this cannot wait for a review"));
        QLabel *hint = hintLabel(tr("Recorded as an editorial remark on the edition."), this);
        hint->setObjectName(u"reasonHint"_s);
        form->addRow(buddyLabel(tr("&Reason:"), m_reason),
                     fieldBlock(m_reason, messageLabel(u"/reason"_s, u"reasonMessage"_s), hint));
        connect(m_reason, &QPlainTextEdit::textChanged, this, &ScheduleDialog::inputChanged);
    }
    // Only a reason box is worth growing.
    body()->addLayout(form, mode == Mode::ForceSchedule ? 10 : 0);

    connect(m_when, &QDateTimeEdit::dateTimeChanged, this, &ScheduleDialog::inputChanged);
    // "Now" moves on while the dialog is open: a time that was far enough ahead may not stay so.
    m_tick->setObjectName(u"recheckTimer"_s);
    m_tick->setInterval(15000);
    connect(m_tick, &QTimer::timeout, this, &ScheduleDialog::updateState);
    m_tick->start();

    finish(mode == Mode::Schedule ? tr("&Schedule") : tr("&Force Schedule"), u"appointment-new"_s);
    m_when->setFocus();
}

ScheduleDialog::~ScheduleDialog() = default;

QDateTime ScheduleDialog::scheduledTime() const
{
    return m_when->dateTime();
}

void ScheduleDialog::setScheduledTime(const QDateTime &when)
{
    m_when->setDateTime(when.toTimeZone(m_zone));
}

QDateTime ScheduleDialog::defaultTime(const QDateTime &now, const QTimeZone &zone, const QDateTime &editionTime)
{
    if (editionTime.isValid()) {
        QDateTime own = editionTime.toTimeZone(zone);
        own.setTime(QTime(own.time().hour(), own.time().minute()));
        if (!Workflow::checkScheduledTime(own, now))
            return own;
    }
    const QDateTime earliest = now.toTimeZone(zone).addSecs(Workflow::kMinimumScheduleLeadSeconds);
    const QTime t = earliest.time();
    if (t.minute() == 0 && t.second() == 0 && t.msec() == 0)
        return earliest;
    return QDateTime(earliest.date(), QTime(t.hour(), 0), zone).addSecs(3600);
}

QString ScheduleDialog::relativeText(const QDateTime &now, const QDateTime &when)
{
    const qint64 seconds = now.secsTo(when);
    const qint64 minutesTotal = (std::abs(seconds) + 30) / 60;
    if (minutesTotal == 0)
        return seconds < 0 ? tr("just now") : tr("in less than a minute");
    const int days = int(minutesTotal / (24 * 60));
    const int hours = int(minutesTotal / 60 % 24);
    const int minutes = int(minutesTotal % 60);
    const QString d = tr("%n day(s)", nullptr, days);
    const QString h = tr("%n hour(s)", nullptr, hours);
    const QString m = tr("%n minute(s)", nullptr, minutes);
    //: Two parts of a time span: "2 hours 10 minutes", "3 days 4 hours"
    const QString pair = tr("%1 %2");
    QString span;
    if (days > 0)
        span = hours > 0 ? pair.arg(d, h) : d;
    else if (hours > 0)
        span = minutes > 0 ? pair.arg(h, m) : h;
    else
        span = m;
    return seconds < 0 ? tr("%1 ago").arg(span) : tr("in %1").arg(span);
}

QString ScheduleDialog::zoneText(const QTimeZone &zone, const QDateTime &at)
{
    const QString id = QString::fromUtf8(zone.id());
    const QString name = zone.displayName(at, QTimeZone::LongName);
    const int offset = zone.offsetFromUtc(at);
    const int minutes = std::abs(offset) / 60;
    const QString utc = offset == 0 ? u"UTC"_s
                                    : u"UTC%1%2:%3"_s.arg(offset < 0 ? QChar(0x2212) : QChar(u'+'))
                                          .arg(minutes / 60, 2, 10, QChar(u'0'))
                                          .arg(minutes % 60, 2, 10, QChar(u'0'));
    if (offset == 0 && (id == "UTC"_L1 || id == "Etc/UTC"_L1 || id.startsWith("UTC"_L1)))
        return name.isEmpty() ? utc : tr("%1 (UTC)").arg(name);
    if (name.isEmpty() || name == id)
        return tr("%1, %2").arg(id, utc);
    return tr("%1 (%2), %3").arg(name, id, utc);
}

Workflow::Request ScheduleDialog::request() const
{
    Workflow::Request r;
    r.lockVersion = edition().lockVersion;
    r.scheduledPublication = scheduledTime().toUTC();
    if (m_reason)
        r.reason = m_reason->toPlainText().trimmed();
    return r;
}

std::optional<Refusal> ScheduleDialog::validate() const
{
    return Workflow::checkScheduledTime(scheduledTime(), now());
}

void ScheduleDialog::refresh()
{
    const QDateTime when = scheduledTime();
    m_relative->setText(relativeText(now(), when));
    m_zoneLabel->setText(tr("Time zone: %1").arg(zoneText(m_zone, when)));
}

bool ScheduleDialog::hasInput() const
{
    return scheduledTime() != m_initial || (m_reason && !m_reason->toPlainText().trimmed().isEmpty());
}

// ---------------------------------------------------------------------------------------------
// UnpublishDialog

namespace {

// Which fields a reason has (workflow.md's "Unpublishing reasons" table); the rules on their
// values are Workflow::checkUnpublishing's.
bool hasExplanation(UnpublishingReason r)
{
    return r != UnpublishingReason::Consolidated;
}

bool hasRedirectChoice(UnpublishingReason r)
{
    return r == UnpublishingReason::PublishedInError;
}

bool hasAlternativeUrl(UnpublishingReason r, bool redirect)
{
    return r == UnpublishingReason::Consolidated || (r == UnpublishingReason::PublishedInError && redirect);
}

// Stands for an alternative URL not given yet when asking what visitors will get.
constexpr auto kNoUrlYet = "about:blank"_L1;

} // namespace

UnpublishDialog::UnpublishDialog(const Edition &edition, const std::optional<Unpublishing> &existing,
                                 const QString &documentUrl, QWidget *parent)
    : WorkflowDialog(Event::Unpublish, edition, u"UnpublishDialog"_s, parent)
    , m_existing(existing)
    , m_documentUrl(documentUrl)
    , m_form(new QFormLayout)
    , m_reasons(new QButtonGroup(this))
    , m_explanationRow(nullptr)
    , m_explanation(textBox(this, u"explanationEdit"_s, 3))
    , m_explanationLabel(nullptr)
    , m_redirect(new QCheckBox(tr("&Redirect visitors to another page"), this))
    , m_urlRow(nullptr)
    , m_urlLabel(nullptr)
    , m_url(new QLineEdit(this))
    , m_outcome(nullptr)
{
    setObjectName(u"unpublishDialog"_s);
    setWindowTitle(existing ? tr("Change Unpublishing") : tr("Unpublish"));

    if (existing) {
        addText(tr("%1 is unpublished. You can change what visitors get instead of it; the reason stays as it is.")
                    .arg(quoted(edition.title)),
                u"unpublishIntro"_s);
    } else {
        addText(tr("Unpublishing takes %1 off the site. To keep it public with a notice that it is no longer "
                   "current, withdraw it instead.")
                    .arg(quoted(edition.title)),
                u"unpublishIntro"_s);
    }

    auto *form = m_form;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setVerticalSpacing(10);

    // The reason: chosen, or fixed by the existing unpublishing.
    QLabel *reasonMessage = messageLabel(u"/unpublishing/reason"_s, u"reasonMessage"_s);
    auto *reasonBlock = new QWidget(this);
    auto *reasonLayout = new QVBoxLayout(reasonBlock);
    reasonLayout->setContentsMargins(0, 0, 0, 0);
    reasonLayout->setSpacing(2);
    QWidget *firstReason = nullptr;
    if (existing) {
        m_fixedReason = new QLabel(displayName(existing->reason), reasonBlock);
        m_fixedReason->setObjectName(u"fixedReason"_s);
        m_fixedReason->setTextFormat(Qt::PlainText);
        QFont bold = m_fixedReason->font();
        bold.setBold(true);
        m_fixedReason->setFont(bold);
        reasonLayout->addWidget(m_fixedReason);
        QLabel *fixedHint = hintLabel(tr("The reason of an unpublishing cannot be changed."), reasonBlock);
        fixedHint->setObjectName(u"fixedReasonHint"_s);
        reasonLayout->addWidget(fixedHint);
    } else {
        struct Choice
        {
            UnpublishingReason reason;
            QString text;
            QString hint;
            QString name;
        };
        const Choice choices[] = {
            { UnpublishingReason::PublishedInError, tr("Published in &error"),
              tr("It should not have been published, or not like this."), u"reasonPublishedInError"_s },
            { UnpublishingReason::Consolidated, tr("C&onsolidated"),
              tr("Its content now lives on another page."), u"reasonConsolidated"_s },
            { UnpublishingReason::Archived, tr("&Archived"),
              tr("It is out of date and no longer needed on the site."), u"reasonArchived"_s },
        };
        for (const Choice &c : choices) {
            auto *radio = new QRadioButton(c.text, reasonBlock);
            radio->setObjectName(c.name);
            m_reasons->addButton(radio, int(c.reason));
            reasonLayout->addWidget(radio);
            QLabel *hint = hintLabel(c.hint, reasonBlock);
            hint->setIndent(radio->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth, nullptr, radio)
                            + radio->style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing, nullptr, radio));
            reasonLayout->addWidget(hint);
            reasonLayout->addSpacing(4);
            if (!firstReason)
                firstReason = radio;
        }
        m_reasons->button(int(UnpublishingReason::PublishedInError))->setChecked(true);
    }
    reasonMessage->setParent(reasonBlock);
    reasonLayout->addWidget(reasonMessage);
    auto *reasonLabel = new QLabel(tr("Reason:"), this);
    if (firstReason)
        reasonLabel->setBuddy(firstReason);
    form->addRow(reasonLabel, reasonBlock);

    // Explanation.
    m_explanation->setPlaceholderText(tr("Optional: shown to visitors on the page that says it is gone"));
    m_explanationLabel = buddyLabel(tr("E&xplanation:"), m_explanation);
    m_explanationRow = fieldBlock(m_explanation, messageLabel(u"/unpublishing/explanation"_s, u"explanationMessage"_s));
    form->addRow(m_explanationLabel, m_explanationRow);

    // Redirect and alternative URL.
    m_redirect->setObjectName(u"redirectCheck"_s);
    form->addRow(QString(), m_redirect);
    m_url->setObjectName(u"alternativeUrlEdit"_s);
    m_url->setPlaceholderText(tr("https://…"));
    m_url->setClearButtonEnabled(true);
    m_urlLabel = buddyLabel(tr("Alternative &URL:"), m_url);
    m_urlRow = fieldBlock(m_url, messageLabel(u"/unpublishing/alternative_url"_s, u"alternativeUrlMessage"_s));
    form->addRow(m_urlLabel, m_urlRow);
    body()->addLayout(form, 10);

    QWidget *outcome = addCallout(Tone::Information, QString(), u"outcome"_s);
    m_outcome = outcome->findChild<QLabel *>(u"outcomeText"_s);

    if (existing) {
        m_explanation->setPlainText(existing->explanation);
        m_url->setText(existing->alternativeUrl);
        m_redirect->setChecked(existing->redirect);
    }

    connect(m_reasons, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            inputChanged();
    });
    connect(m_explanation, &QPlainTextEdit::textChanged, this, &UnpublishDialog::inputChanged);
    connect(m_redirect, &QCheckBox::toggled, this, [this] {
        inputChanged();
        if (m_redirect->isChecked())
            m_url->setFocus();
    });
    connect(m_url, &QLineEdit::textChanged, this, &UnpublishDialog::inputChanged);

    finish(existing ? tr("&Save") : tr("&Unpublish"), u"view-hidden"_s);
    if (firstReason)
        firstReason->setFocus();
    else
        m_explanation->setFocus();
}

UnpublishDialog::~UnpublishDialog() = default;

UnpublishingReason UnpublishDialog::reason() const
{
    if (m_existing)
        return m_existing->reason;
    const int id = m_reasons->checkedId();
    return id < 0 ? UnpublishingReason::PublishedInError : UnpublishingReason(id);
}

void UnpublishDialog::setReason(UnpublishingReason reason)
{
    if (QAbstractButton *button = m_reasons->button(int(reason)))
        button->setChecked(true);
}

Workflow::UnpublishingRequest UnpublishDialog::unpublishing() const
{
    Workflow::UnpublishingRequest u;
    u.reason = reason();
    u.redirect = hasRedirectChoice(u.reason) && m_redirect->isChecked();
    if (hasExplanation(u.reason))
        u.explanation = m_explanation->toPlainText().trimmed();
    if (hasAlternativeUrl(u.reason, u.redirect))
        u.alternativeUrl = m_url->text().trimmed();
    return u;
}

Workflow::Request UnpublishDialog::request() const
{
    Workflow::Request r;
    r.lockVersion = edition().lockVersion;
    r.unpublishing = unpublishing();
    return r;
}

std::optional<Refusal> UnpublishDialog::validate() const
{
    return Workflow::checkUnpublishing(Event::Unpublish, unpublishing(), m_existing, m_documentUrl);
}

void UnpublishDialog::refresh()
{
    const Workflow::UnpublishingRequest u = unpublishing();
    m_form->setRowVisible(m_explanationRow, hasExplanation(u.reason));
    body()->setStretchFactor(m_form, hasExplanation(u.reason) ? 10 : 0);
    m_form->setRowVisible(m_redirect, hasRedirectChoice(u.reason));
    m_form->setRowVisible(m_urlRow, hasAlternativeUrl(u.reason, m_redirect->isChecked()));
    m_urlLabel->setText(u.reason == UnpublishingReason::Consolidated ? tr("Consolidated &into:")
                                                                     : tr("Redirect &to:"));

    // What a visitor of the document's URL will get, as the core resolves it.
    Edition gone = edition();
    gone.state = EditionState::Unpublished;
    Unpublishing record;
    record.editionId = gone.id;
    record.reason = u.reason;
    record.explanation = u.explanation;
    const auto problem = validate();
    const bool urlAtFault = problem && problem->pointer == "/unpublishing/alternative_url"_L1;
    record.alternativeUrl = u.alternativeUrl.isEmpty() || urlAtFault ? QString(kNoUrlYet) : u.alternativeUrl;
    record.redirect = u.redirect;
    const Workflow::PublicResolution visitor = Workflow::resolvePublic({ gone }, { record });
    QString text;
    if (visitor.kind == Workflow::PublicResolution::Kind::Redirect) {
        text = visitor.url == kNoUrlYet ? tr("Visitors will be redirected to the address you give.")
                                        : tr("Visitors will be redirected to %1").arg(DisplayFormat::elide(visitor.url, 120));
    } else if (!visitor.explanation.isEmpty()) {
        text = tr("Visitors will get “410 Gone” with your explanation.");
    } else {
        text = tr("Visitors will get “410 Gone”: the page is no longer available.");
    }
    m_outcome->setText(text);
}

bool UnpublishDialog::hasInput() const
{
    if (m_existing) {
        return m_explanation->toPlainText() != m_existing->explanation || m_url->text() != m_existing->alternativeUrl
            || m_redirect->isChecked() != m_existing->redirect;
    }
    return !m_explanation->toPlainText().trimmed().isEmpty() || !m_url->text().trimmed().isEmpty()
        || m_redirect->isChecked() || reason() != UnpublishingReason::PublishedInError;
}

// ---------------------------------------------------------------------------------------------
// WithdrawDialog

WithdrawDialog::WithdrawDialog(const Edition &edition, const std::optional<Unpublishing> &existing,
                               const QString &documentUrl, QWidget *parent, Clock clock)
    : WorkflowDialog(Event::Withdraw, edition, u"WithdrawDialog"_s, parent)
    , m_existing(existing)
    , m_documentUrl(documentUrl)
    , m_explanation(textBox(this, u"explanationEdit"_s, 4))
    , m_outcome(nullptr)
{
    setObjectName(u"withdrawDialog"_s);
    setWindowTitle(existing ? tr("Change Withdrawal") : tr("Withdraw"));
    setClock(std::move(clock));

    if (existing) {
        addText(tr("%1 is withdrawn. You can change the explanation shown with the withdrawal notice.")
                    .arg(quoted(edition.title)),
                u"withdrawIntro"_s);
    } else {
        addText(tr("Withdrawing marks %1 as no longer current while keeping it on the site, for the record: the "
                   "page stays public, with a notice giving your explanation and the date. Use it, for example, "
                   "for a policy that has been replaced. You can unwithdraw it later; to take the page off the "
                   "site, unpublish it instead.")
                    .arg(quoted(edition.title)),
                u"withdrawIntro"_s);
    }

    m_explanation->setPlaceholderText(tr("Why is this no longer current? Where should readers look instead?"));
    auto *label = new QLabel(tr("E&xplanation (required):"), this);
    label->setBuddy(m_explanation);
    body()->addWidget(label);
    QLabel *hint = hintLabel(tr("Shown to the public with the date of withdrawal."), this);
    hint->setObjectName(u"explanationHint"_s);
    body()->addWidget(fieldBlock(m_explanation, messageLabel(u"/unpublishing/explanation"_s, u"explanationMessage"_s),
                                 hint),
                      10);
    body()->addWidget(messageLabel(u"/unpublishing/reason"_s, u"reasonMessage"_s));

    QWidget *outcome = addCallout(Tone::Information, QString(), u"outcome"_s);
    m_outcome = outcome->findChild<QLabel *>(u"outcomeText"_s);

    if (existing)
        m_explanation->setPlainText(existing->explanation);
    connect(m_explanation, &QPlainTextEdit::textChanged, this, &WithdrawDialog::inputChanged);

    finish(existing ? tr("&Save") : tr("&Withdraw"), u"flag-red"_s);
    m_explanation->setFocus();
}

WithdrawDialog::~WithdrawDialog() = default;

QString WithdrawDialog::explanation() const
{
    return m_explanation->toPlainText().trimmed();
}

void WithdrawDialog::setExplanation(const QString &explanation)
{
    m_explanation->setPlainText(explanation);
}

Workflow::Request WithdrawDialog::request() const
{
    Workflow::Request r;
    r.lockVersion = edition().lockVersion;
    Workflow::UnpublishingRequest u;
    u.reason = UnpublishingReason::Withdrawn;
    u.explanation = explanation();
    r.unpublishing = u;
    return r;
}

std::optional<Refusal> WithdrawDialog::validate() const
{
    return Workflow::checkUnpublishing(Event::Withdraw, *request().unpublishing, m_existing, m_documentUrl);
}

void WithdrawDialog::refresh()
{
    // What a visitor will see, as the core resolves it.
    Edition shown = edition();
    shown.state = EditionState::Withdrawn;
    Unpublishing record;
    record.editionId = shown.id;
    record.reason = UnpublishingReason::Withdrawn;
    record.explanation = explanation();
    record.createdAt = m_existing && m_existing->createdAt.isValid() ? m_existing->createdAt : now();
    const Workflow::PublicResolution visitor = Workflow::resolvePublic({ shown }, { record });
    const QString date = longDate(visitor.since.isValid() ? visitor.since : now());
    const QString text = visitor.explanation.isEmpty()
        ? tr("Visitors will still see the page, with the notice “Withdrawn on %1” and your explanation.").arg(date)
        : tr("Visitors will still see the page, with this notice:\nWithdrawn on %1: %2")
              .arg(date, DisplayFormat::elide(visitor.explanation, 300));
    m_outcome->setText(text);
}

bool WithdrawDialog::hasInput() const
{
    return m_existing ? m_explanation->toPlainText() != m_existing->explanation : !explanation().isEmpty();
}

// ---------------------------------------------------------------------------------------------
// UnwithdrawDialog

UnwithdrawDialog::UnwithdrawDialog(const Edition &edition, QWidget *parent)
    : WorkflowDialog(Event::Unwithdraw, edition, u"UnwithdrawDialog"_s, parent)
{
    setObjectName(u"unwithdrawDialog"_s);
    setWindowTitle(tr("Unwithdraw"));

    // The edition unwithdrawing creates and publishes, as the core makes it.
    Edition fresh = Workflow::newEdition(edition, Workflow::Actor {}, QDateTime::currentDateTimeUtc());
    fresh.minorChange = true;
    const VersionNumber version = Workflow::nextVersion(fresh, { edition });

    addText(tr("Unwithdrawing makes %1 current again:").arg(quoted(edition.title)), u"unwithdrawIntro"_s);
    addText(tr("• A new edition, version %1, is created with this edition's content and published at once as a "
               "minor change. It is force published: another editor must approve it afterwards.")
                .arg(version.toString()),
            u"unwithdrawNewEdition"_s);
    addText(tr("• This withdrawn edition is superseded, and the withdrawal notice disappears from the site."),
            u"unwithdrawSuperseded"_s);
    addText(tr("• The history records the new edition as “Unwithdrawn”."), u"unwithdrawRemark"_s);

    finish(tr("&Unwithdraw"), u"edit-undo"_s, 68);
}

UnwithdrawDialog::~UnwithdrawDialog() = default;

Workflow::Request UnwithdrawDialog::request() const
{
    Workflow::Request r;
    r.lockVersion = edition().lockVersion;
    return r;
}

// ---------------------------------------------------------------------------------------------
// NewEditionDialog

NewEditionDialog::NewEditionDialog(const Edition &edition, QWidget *parent)
    : WorkflowDialog(Event::CreateNewEdition, edition, u"NewEditionDialog"_s, parent)
{
    setObjectName(u"newEditionDialog"_s);
    setWindowTitle(tr("Create New Edition"));

    const QString from = edition.version.isSet() ? tr("version %1").arg(edition.version.toString()) : tr("this edition");
    addText(tr("A new draft is created from %1 with all of its content. Its change note starts empty and it is not "
               "marked as a minor change: say what you change before you submit it.")
                .arg(from),
            u"newEditionCopies"_s);
    addText(edition.state == EditionState::Published
                ? tr("Nothing changes on the site until the new edition is published: %1 stays live.").arg(from)
                : tr("Nothing changes on the site until the new edition is published."),
            u"newEditionSite"_s);

    finish(tr("&Create Draft"), u"document-new"_s, 68);
}

NewEditionDialog::~NewEditionDialog() = default;

Workflow::Request NewEditionDialog::request() const
{
    Workflow::Request r;
    r.lockVersion = edition().lockVersion;
    return r;
}

// ---------------------------------------------------------------------------------------------
// DeleteDraftDialog

DeleteDraftDialog::DeleteDraftDialog(const Edition &edition, QWidget *parent)
    : WorkflowDialog(Event::Delete, edition, u"DeleteDraftDialog"_s, parent)
{
    setObjectName(u"deleteDraftDialog"_s);
    setWindowTitle(tr("Delete Draft"));

    addCallout(Tone::Danger, tr("This edition and everything written in it will be deleted. You cannot undo this."),
               u"deleteWarning"_s);
    addText(edition.firstPublishedAt.isValid() && edition.version.isSet()
                ? tr("The published edition (version %1) stays as it is: nothing changes on the site. You can start "
                     "a new edition from it later.")
                      .arg(edition.version.toString())
                : tr("Nothing changes on the site: this document has not been published."),
            u"deleteSite"_s);

    finish(tr("&Delete Draft"), u"edit-delete"_s, 68, false);
}

DeleteDraftDialog::~DeleteDraftDialog() = default;

Workflow::Request DeleteDraftDialog::request() const
{
    Workflow::Request r;
    r.lockVersion = edition().lockVersion;
    return r;
}

// ---------------------------------------------------------------------------------------------
// RejectDialog

RejectDialog::RejectDialog(const Edition &edition, QWidget *parent)
    : WorkflowDialog(Event::Reject, edition, u"RejectDialog"_s, parent)
    , m_remark(textBox(this, u"remarkEdit"_s, 5))
    , m_count(new QLabel(this))
{
    setObjectName(u"rejectDialog"_s);
    setWindowTitle(tr("Reject"));

    addText(tr("%1 goes back to its writer as rejected. They can change it and submit it again.")
                .arg(quoted(edition.title)),
            u"rejectIntro"_s);

    m_remark->setPlaceholderText(tr("What needs to change before it can be published?"));
    auto *label = new QLabel(tr("&Remark (required):"), this);
    label->setBuddy(m_remark);
    body()->addWidget(label);

    auto *footer = new QWidget(this);
    auto *footerLayout = new QHBoxLayout(footer);
    footerLayout->setContentsMargins(0, 0, 0, 0);
    footerLayout->setSpacing(12);
    QLabel *hint = hintLabel(tr("Added to the edition's history as an editorial remark; it is never published."), footer);
    hint->setObjectName(u"remarkHint"_s);
    footerLayout->addWidget(hint, 1);
    m_count->setObjectName(u"remarkCount"_s);
    m_count->setParent(footer);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignTop);
    footerLayout->addWidget(m_count, 0, Qt::AlignTop);
    body()->addWidget(fieldBlock(m_remark, messageLabel(u"/reason"_s, u"remarkMessage"_s), nullptr), 10);
    body()->addWidget(footer);

    connect(m_remark, &QPlainTextEdit::textChanged, this, &RejectDialog::inputChanged);
    finish(tr("&Reject"), u"dialog-cancel"_s);
    m_remark->setFocus();
}

RejectDialog::~RejectDialog() = default;

QString RejectDialog::remark() const
{
    return m_remark->toPlainText().trimmed();
}

void RejectDialog::setRemark(const QString &remark)
{
    m_remark->setPlainText(remark);
}

Workflow::Request RejectDialog::request() const
{
    Workflow::Request r;
    r.lockVersion = edition().lockVersion;
    r.reason = remark();
    return r;
}

std::optional<Refusal> RejectDialog::validate() const
{
    // The engine does not require the remark (workflow.md: reject "asks for a remark"); the
    // dialog does, like every remark.
    const qsizetype length = remark().size();
    if (length == 0)
        return Refusal { u"invalid"_s, tr("Say why you reject this edition, so that its writer knows what to change"),
                         u"/reason"_s };
    if (length > RemarkDialog::MaxLength)
        return Refusal { u"invalid"_s, tr("The remark is too long"), u"/reason"_s };
    return std::nullopt;
}

void RejectDialog::refresh()
{
    showCount(m_count, remark().size(), RemarkDialog::MaxLength);
}

bool RejectDialog::hasInput() const
{
    return !remark().isEmpty();
}

} // namespace Galley
