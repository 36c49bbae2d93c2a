#pragma once

// The edition workflow of ../shared/design/workflow.md, once, as data plus guard functions.
// The desktop asks it what the user may do now (and why not); the server asks it whether to do
// it and what doing it changes. Everything here is a pure function of its inputs: the edition,
// the document's other editions, the audit trail, the user, the request and "now".
#include "domain/content.h"
#include "domain/enums.h"
#include "domain/permissions.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <span>

namespace Galley::Workflow {

// workflow.md's events. "create document" and "edit" are here so that one table answers every
// question; the transition endpoint accepts only the ones marked as transitions.
enum class Event {
    CreateDocument,
    Edit,
    Submit,
    Reject,
    Publish,
    ForcePublish,
    ApproveRetrospectively,
    Schedule,
    ForceSchedule,
    Unschedule,
    ScheduledPublish,
    Unpublish,
    Withdraw,
    Unwithdraw,
    CreateNewEdition,
    Delete,
};

// Wire names for POST /editions/{id}/transitions' "event" ("force_publish", …).
QString toWire(Event e);
std::optional<Event> eventFromWire(QStringView text);
std::span<const Event> allEvents();
// The events POST /editions/{id}/transitions accepts (not create/edit/new edition/scheduled publish).
bool isTransitionEvent(Event e);
// "Force publish…" as a command; "force published" as a past participle (for the generic refusal).
QString displayName(Event e);
QString pastParticiple(Event e);

// The user acting. The server's robot user (scheduled publishing) has robot = true.
struct Actor
{
    Id userId = 0;
    Role role = Role::Viewer;
    bool robot = false;
};

struct UnpublishingRequest
{
    UnpublishingReason reason = UnpublishingReason::PublishedInError;
    QString explanation;
    QString alternativeUrl;
    bool redirect = false;
};

// What the user supplies with an event (api.md's transition body).
struct Request
{
    // The lock version the user saw; 0 = not checked (the desktop's "what may I do" question).
    int lockVersion = 0;
    QString reason;                      // force publish, force schedule
    QDateTime scheduledPublication;      // schedule, force schedule (unset: the edition's own)
    std::optional<UnpublishingRequest> unpublishing;   // unpublish, withdraw
};

// Everything the rules read. Lists hold the whole document: every edition (this one included)
// and every audit row of every edition, in any order.
struct Context
{
    Edition edition;
    QList<Edition> documentEditions;
    QList<AuditEntry> audit;
    std::optional<Unpublishing> unpublishing;    // this edition's, when it has one
    std::optional<LinkCheckReport> linkReport;   // this edition's latest, when one exists
    // Problems of the fields against the schema (empty: valid). The caller validates.
    QStringList contentProblems;
    // The document's own public URL, so an alternative URL pointing at it is refused; empty: unknown.
    QString documentUrl;
    Actor actor;
    QDateTime now;
};

// Why an event is refused. code: "forbidden" (the role lacks it: the server's 403), "stale" (the
// lock version: 409), otherwise a workflow refusal (422 transition_refused) with `pointer` naming
// the request field at fault when there is one ("/reason", "/scheduled_publication",
// "/unpublishing/alternative_url", …).
struct Refusal
{
    QString code;
    QString message;
    QString pointer;
    friend bool operator==(const Refusal &, const Refusal &) = default;
};

struct Decision
{
    std::optional<Refusal> refusal;   // nullopt: allowed
    EditionState to = EditionState::Draft;
    bool allowed() const { return !refusal.has_value(); }
};

// The permission each event needs (api.md's role table).
Permission requiredPermission(Event e);
// The states an event starts from (empty for create document).
std::span<const EditionState> fromStates(Event e);

// Is this event allowed now? Guards run in workflow.md's order: role, state, then the event's
// guards; the first failure is the answer. With `checkRequest` false, guards about what the user
// still has to supply (reason, scheduled time, unpublishing fields, lock version) are skipped:
// that is the action bar's question "may I start this?".
Decision decide(Event e, const Context &c, const Request &r, bool checkRequest = true);
inline Decision mayStart(Event e, const Context &c) { return decide(e, c, Request{}, false); }

// The events the action bar offers for an edition in its state (those whose from-states include
// it, that a person fires; scheduled publish and create document are never offered).
QList<Event> offeredEvents(EditionState state);

// Field rules of an unpublishing request on their own (the dialog validates as the user types).
std::optional<Refusal> checkUnpublishing(Event e, const UnpublishingRequest &u,
                                         const std::optional<Unpublishing> &existing,
                                         const QString &documentUrl);
// The scheduled-time rule: at least five minutes after `now`.
std::optional<Refusal> checkScheduledTime(const QDateTime &when, const QDateTime &now);
constexpr int kMinimumScheduleLeadSeconds = 5 * 60;

// What an allowed event does. `changed` holds the full new copies of every edition it changes
// (this one first); `created` a new edition (id 0) for unwithdraw; `remarks` bodies to add to
// this edition (or, for unwithdraw, to the created one); `audit` the state changes to record
// (edition id 0 = the created one).
struct Effects
{
    QList<Edition> changed;
    std::optional<Edition> created;
    std::optional<Unpublishing> unpublishing;   // to insert or update (id kept when it exists)
    QStringList remarks;
    QList<AuditEntry> audit;
    bool enqueuePublishing = false;   // publishing effects: the site's destinations
    bool scheduleJob = false;         // a publishing job at edition.scheduledPublication
    bool cancelJob = false;
};

// Precondition: decide(e, c, r).allowed(). Not for Edit, CreateDocument or CreateNewEdition
// (see newEdition()). Changed copies carry lockVersion + 1 and updatedAt = now: write them as
// they are. Audit rows carry the actor (user id 0 for the robot) and now.
Effects apply(Event e, const Context &c, const Request &r);

// A new draft from the latest edition (create new edition): content copied, change note, minor
// change, force published and scheduled time reset, version kept until it is published.
Edition newEdition(const Edition &from, const Actor &actor, const QDateTime &now);

// The version an edition gets when it is published now (workflow.md "Version numbers").
VersionNumber nextVersion(const Edition &edition, const QList<Edition> &documentEditions);

// Who moved the edition into a state most recently, from the audit trail (0: nobody).
Id lastActorInto(const QList<AuditEntry> &audit, Id editionId, EditionState state);

// A document's latest edition (newest not deleted) and live edition (newest publicly visible).
std::optional<Edition> latestEdition(const QList<Edition> &documentEditions);
std::optional<Edition> liveEdition(const QList<Edition> &documentEditions);

// What a visitor of the document's public URL gets (workflow.md "Unpublishing reasons").
struct PublicResolution
{
    enum class Kind {
        NotPublic,          // never published (or only deleted editions): 404
        Render,             // the live, published edition
        RenderWithNotice,   // the withdrawn edition, with the explanation and the date
        Redirect,           // 301 to url
        Gone,               // 410, with the explanation when there is one
    };
    Kind kind = Kind::NotPublic;
    std::optional<Edition> edition;   // the edition shown (render kinds) or unpublished (others)
    QString url;                      // redirect target
    QString explanation;
    QDateTime since;                  // when it was withdrawn or unpublished
};
PublicResolution resolvePublic(const QList<Edition> &documentEditions,
                               const QList<Unpublishing> &unpublishings);

} // namespace Galley::Workflow
