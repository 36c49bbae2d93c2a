#pragma once

// The dialogs of the edition workflow's events (workflow.md): each collects what the user
// supplies with one event and hands it back as a Workflow::Request. The rules are the core's:
// the dialogs ask Galley::Workflow (checkScheduledTime, checkUnpublishing, decide,
// resolvePublic) and show its answer at the field it is about; OK stays disabled while the
// core would refuse. Whether the event may be started at all is the action bar's question
// (Workflow::mayStart), not theirs.
#include "formdialog.h"

#include "domain/content.h"
#include "workflow/workflow.h"

#include <QDateTime>
#include <QHash>
#include <QTimeZone>

#include <functional>
#include <optional>

class QButtonGroup;
class QCheckBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace Galley {

// What these dialogs share: a header naming the edition, the accept button, messages placed at
// the field a refusal points at (Refusal::pointer), and the lock version the user saw, which
// every request carries.
class WorkflowDialog : public FormDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkflowDialog)
public:
    // "Now" for the time rules; tests inject a fixed one. Empty: the system clock.
    using Clock = std::function<QDateTime()>;

    ~WorkflowDialog() override;

    Workflow::Event event() const { return m_event; }
    const Edition &edition() const { return m_edition; }

    // What the user asks for, with the edition's lock version. Send it once the dialog was
    // accepted (accept() refuses while problem() is set).
    virtual Workflow::Request request() const = 0;
    // Why the request may not be sent now (the message shown and the OK button's tooltip);
    // nullopt: OK is enabled.
    std::optional<Workflow::Refusal> problem() const { return m_problem; }
    bool isValid() const { return !m_problem.has_value(); }
    // The accept button ("Force Publish", "Schedule", …); object name "okButton".
    QPushButton *okButton() const { return m_ok; }

    bool hasUnsavedInput() const override;
    void accept() override;

protected:
    WorkflowDialog(Workflow::Event event, const Edition &edition, const QString &settingsGroup, QWidget *parent);

    // The refusal for what the dialog holds now (nullopt: fine).
    virtual std::optional<Workflow::Refusal> validate() const = 0;
    // Refreshes what depends on the input (visibility, outcome texts); called before validate().
    virtual void refresh() {}
    // Whether the user has typed or chosen something that closing would lose.
    virtual bool hasInput() const = 0;

    QVBoxLayout *body() const { return m_body; }
    QDateTime now() const;
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // A paragraph of plain text in the body.
    QLabel *addText(const QString &text, const QString &objectName);
    // A tinted box with an icon: what the event means or what to watch out for.
    enum class Tone { Information, Warning, Danger };
    QWidget *addCallout(Tone tone, const QString &text, const QString &objectName);
    // The label under a field where refusals pointing at `pointer` are shown ("/reason", …).
    QLabel *messageLabel(const QString &pointer, const QString &objectName);
    // Marks the input as touched (messages turn from hints into errors) and re-validates.
    void inputChanged();
    void updateState();
    // Call at the end of a subclass's constructor: adds the buttons and sizes the dialog.
    void finish(const QString &okText, const QString &iconName, int widthInEm = 72,
                bool okIsDefault = true);

    void changeEvent(QEvent *event) override;

private:
    void showProblem();

    Workflow::Event m_event;
    Edition m_edition;
    Clock m_clock;
    QVBoxLayout *m_body;
    QLabel *m_generalMessage;
    QPushButton *m_ok = nullptr;
    QHash<QString, QLabel *> m_messages;
    std::optional<Workflow::Refusal> m_problem;
    bool m_touched = false;
};

// Force publish: publishes now without a second pair of eyes. The reason is required and is
// recorded as a remark ("Force published: …").
class ForcePublishDialog : public WorkflowDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForcePublishDialog)
public:
    explicit ForcePublishDialog(const Edition &edition, QWidget *parent = nullptr);
    ~ForcePublishDialog() override;

    QString reason() const;
    void setReason(const QString &reason);
    Workflow::Request request() const override;

protected:
    std::optional<Workflow::Refusal> validate() const override;
    bool hasInput() const override;

private:
    QPlainTextEdit *m_reason;
};

// Schedule (or force schedule): a publication time at least kMinimumScheduleLeadSeconds
// ahead, picked in the given time zone (the system's by default), which is shown by name and
// UTC offset. Re-checked as the clock moves on while the dialog is open.
class ScheduleDialog : public WorkflowDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleDialog)
public:
    enum class Mode { Schedule, ForceSchedule };

    // zone: invalid means the system's time zone.
    explicit ScheduleDialog(const Edition &edition, Mode mode = Mode::Schedule, QWidget *parent = nullptr,
                            Clock clock = {}, const QTimeZone &zone = {});
    ~ScheduleDialog() override;

    Mode mode() const { return m_mode; }
    // The chosen time (in the dialog's time zone).
    QDateTime scheduledTime() const;
    void setScheduledTime(const QDateTime &when);
    // The time offered first: the edition's own when it is still far enough ahead, else the next
    // full hour at least the minimum lead ahead of now.
    static QDateTime defaultTime(const QDateTime &now, const QTimeZone &zone,
                                 const QDateTime &editionTime = {});
    // "in 2 hours 10 minutes", "in 3 days 4 hours", "5 minutes ago".
    static QString relativeText(const QDateTime &now, const QDateTime &when);
    // "Central European Standard Time (Europe/Oslo), UTC+01:00" at that moment.
    static QString zoneText(const QTimeZone &zone, const QDateTime &at);

    Workflow::Request request() const override;

protected:
    std::optional<Workflow::Refusal> validate() const override;
    void refresh() override;
    bool hasInput() const override;

private:
    Mode m_mode;
    QTimeZone m_zone;
    QDateTime m_initial;
    QDateTimeEdit *m_when;
    QLabel *m_relative;
    QLabel *m_zoneLabel;
    QPlainTextEdit *m_reason = nullptr;
    QTimer *m_tick;
};

// Unpublish with reason Published in error, Consolidated or Archived (Withdrawn is
// WithdrawDialog). Shows only the fields the chosen reason has, and what visitors will get.
// With an existing unpublishing the reason is fixed; explanation, URL and redirect can change.
class UnpublishDialog : public WorkflowDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnpublishDialog)
public:
    // documentUrl: the document's public URL (an alternative URL may not point at it); empty:
    // unknown.
    UnpublishDialog(const Edition &edition, const std::optional<Unpublishing> &existing,
                    const QString &documentUrl, QWidget *parent = nullptr);
    ~UnpublishDialog() override;

    UnpublishingReason reason() const;
    void setReason(UnpublishingReason reason);
    bool reasonIsFixed() const { return m_existing.has_value(); }
    Workflow::Request request() const override;

protected:
    std::optional<Workflow::Refusal> validate() const override;
    void refresh() override;
    bool hasInput() const override;

private:
    Workflow::UnpublishingRequest unpublishing() const;

    std::optional<Unpublishing> m_existing;
    QString m_documentUrl;
    QFormLayout *m_form;
    QButtonGroup *m_reasons;
    QLabel *m_fixedReason = nullptr;
    QWidget *m_explanationRow;
    QPlainTextEdit *m_explanation;
    QLabel *m_explanationLabel;
    QCheckBox *m_redirect;
    QWidget *m_urlRow;
    QLabel *m_urlLabel;
    QLineEdit *m_url;
    QLabel *m_outcome;
};

// Withdraw: the page stays public with a withdrawal notice showing the explanation and the
// date. The explanation is required.
class WithdrawDialog : public WorkflowDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WithdrawDialog)
public:
    WithdrawDialog(const Edition &edition, const std::optional<Unpublishing> &existing,
                   const QString &documentUrl, QWidget *parent = nullptr, Clock clock = {});
    ~WithdrawDialog() override;

    QString explanation() const;
    void setExplanation(const QString &explanation);
    Workflow::Request request() const override;

protected:
    std::optional<Workflow::Refusal> validate() const override;
    void refresh() override;
    bool hasInput() const override;

private:
    std::optional<Unpublishing> m_existing;
    QString m_documentUrl;
    QPlainTextEdit *m_explanation;
    QLabel *m_outcome;
};

// Unwithdraw: a new minor edition with this one's content is force published; this one is
// superseded and the withdrawal notice goes.
class UnwithdrawDialog : public WorkflowDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnwithdrawDialog)
public:
    explicit UnwithdrawDialog(const Edition &edition, QWidget *parent = nullptr);
    ~UnwithdrawDialog() override;
    Workflow::Request request() const override;

protected:
    std::optional<Workflow::Refusal> validate() const override { return std::nullopt; }
    bool hasInput() const override { return false; }
};

// Create new edition: a draft copying this edition's content, with an empty change note.
class NewEditionDialog : public WorkflowDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewEditionDialog)
public:
    explicit NewEditionDialog(const Edition &edition, QWidget *parent = nullptr);
    ~NewEditionDialog() override;
    Workflow::Request request() const override;

protected:
    std::optional<Workflow::Refusal> validate() const override { return std::nullopt; }
    bool hasInput() const override { return false; }
};

// Delete a draft (or a submitted or rejected edition): it goes; the published edition stays.
// Cancel is the default button.
class DeleteDraftDialog : public WorkflowDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteDraftDialog)
public:
    explicit DeleteDraftDialog(const Edition &edition, QWidget *parent = nullptr);
    ~DeleteDraftDialog() override;
    Workflow::Request request() const override;

protected:
    std::optional<Workflow::Refusal> validate() const override { return std::nullopt; }
    bool hasInput() const override { return false; }
};

// Reject: asks for a remark saying why (required, at most RemarkDialog::MaxLength characters),
// sent as the request's reason.
class RejectDialog : public WorkflowDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RejectDialog)
public:
    explicit RejectDialog(const Edition &edition, QWidget *parent = nullptr);
    ~RejectDialog() override;

    QString remark() const;
    void setRemark(const QString &remark);
    Workflow::Request request() const override;

protected:
    std::optional<Workflow::Refusal> validate() const override;
    void refresh() override;
    bool hasInput() const override;

private:
    QPlainTextEdit *m_remark;
    QLabel *m_count;
};

} // namespace Galley
