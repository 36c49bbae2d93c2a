#include "workflow.h"

#include <QCoreApplication>
#include <QUrl>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Galley::Workflow {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Galley::Workflow", text, disambiguation, n);
}

using S = EditionState;

struct Row
{
    Event event;
    QStringView wire;
    Permission permission;
    std::span<const S> from;
    S to;
};

constexpr std::array<S, 0> kNone {};
constexpr std::array kOpen { S::Draft, S::Submitted, S::Rejected };
constexpr std::array kDraftRejected { S::Draft, S::Rejected };
constexpr std::array kSubmitted { S::Submitted };
constexpr std::array kDraftSubmitted { S::Draft, S::Submitted };
constexpr std::array kPublished { S::Published };
constexpr std::array kScheduled { S::Scheduled };
constexpr std::array kPublishedUnpublished { S::Published, S::Unpublished };
constexpr std::array kPublishedWithdrawn { S::Published, S::Withdrawn };
constexpr std::array kWithdrawn { S::Withdrawn };

// workflow.md's event table: who, from where, to what. Guards and effects are in decide()/apply().
const std::array<Row, 16> kTable {{
    { Event::CreateDocument, u"create_document", Permission::WriteContent, kNone, S::Draft },
    { Event::Edit, u"edit", Permission::WriteContent, kOpen, S::Draft /* unchanged */ },
    { Event::Submit, u"submit", Permission::WriteContent, kDraftRejected, S::Submitted },
    { Event::Reject, u"reject", Permission::Review, kSubmitted, S::Rejected },
    { Event::Publish, u"publish", Permission::Review, kSubmitted, S::Published },
    { Event::ForcePublish, u"force_publish", Permission::Review, kDraftSubmitted, S::Published },
    { Event::ApproveRetrospectively, u"approve_retrospectively", Permission::Review, kPublished, S::Published },
    { Event::Schedule, u"schedule", Permission::Review, kSubmitted, S::Scheduled },
    { Event::ForceSchedule, u"force_schedule", Permission::Review, kDraftSubmitted, S::Scheduled },
    { Event::Unschedule, u"unschedule", Permission::WriteContent, kScheduled, S::Submitted },
    { Event::ScheduledPublish, u"scheduled_publish", Permission::Review, kScheduled, S::Published },
    { Event::Unpublish, u"unpublish", Permission::Manage, kPublishedUnpublished, S::Unpublished },
    { Event::Withdraw, u"withdraw", Permission::Manage, kPublishedWithdrawn, S::Withdrawn },
    { Event::Unwithdraw, u"unwithdraw", Permission::Manage, kWithdrawn, S::Superseded },
    { Event::CreateNewEdition, u"create_new_edition", Permission::WriteContent, kPublishedUnpublished, S::Draft },
    { Event::Delete, u"delete", Permission::WriteContent, kOpen, S::Deleted },
}};

const Row &row(Event e)
{
    return kTable[static_cast<std::size_t>(e)];
}

// "submitted", "published", … inside sentences.
QString stateWord(EditionState s)
{
    switch (s) {
    case S::Draft: return tr("a draft");
    case S::Submitted: return tr("submitted");
    case S::Rejected: return tr("rejected");
    case S::Scheduled: return tr("scheduled");
    case S::Published: return tr("published");
    case S::Withdrawn: return tr("withdrawn");
    case S::Unpublished: return tr("unpublished");
    case S::Superseded: return tr("superseded");
    case S::Deleted: return tr("deleted");
    }
    return {};
}

// "There is already an active ⟨state⟩ edition", "A ⟨state⟩ edition may not be updated".
QString stateAdjective(EditionState s)
{
    if (s == S::Draft)
        return tr("draft");
    return stateWord(s);
}

QString notUpdatable(EditionState s)
{
    switch (s) {
    case S::Scheduled: return tr("A scheduled edition may not be updated");
    case S::Published: return tr("A published edition may not be updated");
    case S::Withdrawn: return tr("A withdrawn edition may not be updated");
    case S::Unpublished: return tr("An unpublished edition may not be updated");
    case S::Superseded: return tr("A superseded edition may not be updated");
    case S::Deleted: return tr("A deleted edition may not be updated");
    default: return {};
    }
}

// The verb of the role refusal ("Only an editor or above may publish an edition").
QString verb(Event e)
{
    switch (e) {
    case Event::CreateDocument: return tr("create a document");
    case Event::Edit: return tr("edit an edition");
    case Event::Submit: return tr("submit an edition");
    case Event::Reject: return tr("reject an edition");
    case Event::Publish: return tr("publish an edition");
    case Event::ForcePublish: return tr("force publish an edition");
    case Event::ApproveRetrospectively: return tr("approve a force published edition");
    case Event::Schedule: return tr("schedule an edition");
    case Event::ForceSchedule: return tr("force schedule an edition");
    case Event::Unschedule: return tr("unschedule an edition");
    case Event::ScheduledPublish: return tr("publish a scheduled edition");
    case Event::Unpublish: return tr("unpublish an edition");
    case Event::Withdraw: return tr("withdraw an edition");
    case Event::Unwithdraw: return tr("unwithdraw an edition");
    case Event::CreateNewEdition: return tr("create a new edition");
    case Event::Delete: return tr("delete an edition");
    }
    return {};
}

QString leastRoleFor(Permission p)
{
    switch (p) {
    case Permission::WriteContent: return tr("Only a writer or above");
    case Permission::Review: return tr("Only an editor or above");
    case Permission::Manage: return tr("Only a managing editor or above");
    default: return tr("Only an administrator");
    }
}

QString roleWord(Role r)
{
    switch (r) {
    case Role::Viewer: return tr("viewer");
    case Role::Writer: return tr("writer");
    case Role::Editor: return tr("editor");
    case Role::ManagingEditor: return tr("managing editor");
    case Role::SchemaDesigner: return tr("schema designer");
    case Role::Admin: return tr("administrator");
    }
    return {};
}

Refusal refused(QString message, QString pointer = {})
{
    return Refusal { u"transition_refused"_s, std::move(message), std::move(pointer) };
}

bool contains(std::span<const S> states, S s)
{
    return std::find(states.begin(), states.end(), s) != states.end();
}

bool versionLess(const VersionNumber &a, const VersionNumber &b)
{
    return a.major != b.major ? a.major < b.major : a.minor < b.minor;
}

// Some other (not deleted) edition of the document has been published and still carries its number.
bool previouslyPublished(const QList<Edition> &editions, Id except)
{
    return std::any_of(editions.cbegin(), editions.cend(), [&](const Edition &e) {
        return e.id != except && e.state != S::Deleted && e.version.isSet();
    });
}

bool previouslyPublished(const Context &c)
{
    return previouslyPublished(c.documentEditions, c.edition.id);
}

std::optional<Refusal> checkValidForPublishing(const Context &c)
{
    if (c.edition.title.trimmed().isEmpty())
        return refused(tr("The edition needs a title"), u"/title"_s);
    if (!c.contentProblems.isEmpty()) {
        return refused(tr("The content has %n problem(s) to fix first: %1", nullptr, int(c.contentProblems.size()))
                               .arg(c.contentProblems.constFirst()),
                       u"/fields"_s);
    }
    if (!c.edition.minorChange && c.edition.changeNote.trimmed().isEmpty() && previouslyPublished(c))
        return refused(tr("Add a change note, or mark this edition as a minor change"), u"/change_note"_s);
    return std::nullopt;
}

std::optional<Refusal> checkLinks(const Context &c)
{
    if (c.linkReport && c.linkReport->hasDanger())
        return refused(tr("Remove dangerous links before publishing"), u"/links"_s);
    return std::nullopt;
}

std::optional<Edition> otherOpenOrScheduled(const Context &c)
{
    for (const Edition &e : c.documentEditions) {
        if (e.id != c.edition.id && (isOpen(e.state) || e.state == S::Scheduled))
            return e;
    }
    return std::nullopt;
}

std::optional<Edition> openEdition(const QList<Edition> &editions)
{
    for (const Edition &e : editions) {
        if (isOpen(e.state))
            return e;
    }
    return std::nullopt;
}

bool isHttpUrl(const QUrl &u)
{
    return u.isValid() && !u.host().isEmpty() && (u.scheme() == "http"_L1 || u.scheme() == "https"_L1);
}

bool sameDocument(const QUrl &a, const QUrl &b)
{
    auto strip = [](QUrl u) {
        u.setFragment({});
        u.setQuery(QString());
        QString path = u.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        u.setPath(path);
        return u.adjusted(QUrl::NormalizePathSegments).toString(QUrl::RemoveScheme).toLower();
    };
    return strip(a) == strip(b);
}

QDateTime scheduleTime(const Context &c, const Request &r)
{
    return r.scheduledPublication.isValid() ? r.scheduledPublication : c.edition.scheduledPublication;
}

} // namespace

QString toWire(Event e)
{
    return row(e).wire.toString();
}

std::optional<Event> eventFromWire(QStringView text)
{
    for (const Row &r : kTable) {
        if (r.wire == text)
            return r.event;
    }
    return std::nullopt;
}

std::span<const Event> allEvents()
{
    static const std::array<Event, kTable.size()> all = [] {
        std::array<Event, kTable.size()> a {};
        for (std::size_t i = 0; i < kTable.size(); ++i)
            a[i] = kTable[i].event;
        return a;
    }();
    return all;
}

bool isTransitionEvent(Event e)
{
    return e != Event::CreateDocument && e != Event::Edit && e != Event::CreateNewEdition
            && e != Event::ScheduledPublish;
}

QString displayName(Event e)
{
    switch (e) {
    case Event::CreateDocument: return tr("Create Document");
    case Event::Edit: return tr("Edit");
    case Event::Submit: return tr("Submit for Review");
    case Event::Reject: return tr("Reject");
    case Event::Publish: return tr("Publish");
    case Event::ForcePublish: return tr("Force Publish");
    case Event::ApproveRetrospectively: return tr("Approve");
    case Event::Schedule: return tr("Schedule");
    case Event::ForceSchedule: return tr("Force Schedule");
    case Event::Unschedule: return tr("Unschedule");
    case Event::ScheduledPublish: return tr("Scheduled Publish");
    case Event::Unpublish: return tr("Unpublish");
    case Event::Withdraw: return tr("Withdraw");
    case Event::Unwithdraw: return tr("Unwithdraw");
    case Event::CreateNewEdition: return tr("New Edition");
    case Event::Delete: return tr("Delete Draft");
    }
    return {};
}

QString pastParticiple(Event e)
{
    switch (e) {
    case Event::CreateDocument: return tr("created");
    case Event::Edit: return tr("updated");
    case Event::Submit: return tr("submitted");
    case Event::Reject: return tr("rejected");
    case Event::Publish: return tr("published");
    case Event::ForcePublish: return tr("force published");
    case Event::ApproveRetrospectively: return tr("approved");
    case Event::Schedule: return tr("scheduled");
    case Event::ForceSchedule: return tr("force scheduled");
    case Event::Unschedule: return tr("unscheduled");
    case Event::ScheduledPublish: return tr("published");
    case Event::Unpublish: return tr("unpublished");
    case Event::Withdraw: return tr("withdrawn");
    case Event::Unwithdraw: return tr("unwithdrawn");
    case Event::CreateNewEdition: return tr("copied into a new edition");
    case Event::Delete: return tr("deleted");
    }
    return {};
}

Permission requiredPermission(Event e)
{
    return row(e).permission;
}

std::span<const EditionState> fromStates(Event e)
{
    return row(e).from;
}

QList<Event> offeredEvents(EditionState state)
{
    QList<Event> out;
    for (const Row &r : kTable) {
        if (r.event == Event::CreateDocument || r.event == Event::ScheduledPublish || r.event == Event::Edit)
            continue;
        if (contains(r.from, state))
            out.append(r.event);
    }
    return out;
}

Id lastActorInto(const QList<AuditEntry> &audit, Id editionId, EditionState state)
{
    const AuditEntry *best = nullptr;
    for (const AuditEntry &a : audit) {
        if (a.editionId != editionId || a.toState != state || a.fromState == std::optional(state))
            continue;
        if (!best || a.at > best->at || (a.at == best->at && a.id > best->id))
            best = &a;
    }
    return best ? best->userId : 0;
}

std::optional<Edition> latestEdition(const QList<Edition> &documentEditions)
{
    std::optional<Edition> best;
    for (const Edition &e : documentEditions) {
        if (e.state != S::Deleted && (!best || e.id > best->id))
            best = e;
    }
    return best;
}

std::optional<Edition> liveEdition(const QList<Edition> &documentEditions)
{
    std::optional<Edition> best;
    for (const Edition &e : documentEditions) {
        if (isPubliclyVisible(e.state) && (!best || e.id > best->id))
            best = e;
    }
    return best;
}

std::optional<Refusal> checkScheduledTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return refused(tr("Choose when to publish this edition"), u"/scheduled_publication"_s);
    if (now.secsTo(when) < kMinimumScheduleLeadSeconds)
        return refused(tr("The publication time must be at least 5 minutes from now"), u"/scheduled_publication"_s);
    return std::nullopt;
}

std::optional<Refusal> checkUnpublishing(Event e, const UnpublishingRequest &u,
                                         const std::optional<Unpublishing> &existing, const QString &documentUrl)
{
    if (e == Event::Withdraw) {
        if (u.reason != UnpublishingReason::Withdrawn)
            return refused(tr("Withdrawing takes the reason \"Withdrawn\""), u"/unpublishing/reason"_s);
    } else if (u.reason == UnpublishingReason::Withdrawn) {
        return refused(tr("Use Withdraw to withdraw an edition"), u"/unpublishing/reason"_s);
    }
    if (existing && existing->reason != u.reason) {
        return refused(tr("The reason of an unpublishing cannot change (it is \"%1\")").arg(displayName(existing->reason)),
                       u"/unpublishing/reason"_s);
    }

    const QString url = u.alternativeUrl.trimmed();
    bool urlRequired = false;
    bool urlAllowed = true;
    switch (u.reason) {
    case UnpublishingReason::PublishedInError:
        urlRequired = u.redirect;
        break;
    case UnpublishingReason::Consolidated:
        urlRequired = true;
        break;
    case UnpublishingReason::Withdrawn:
        if (u.explanation.trimmed().isEmpty())
            return refused(tr("Explain why the edition is withdrawn"), u"/unpublishing/explanation"_s);
        urlAllowed = false;
        break;
    case UnpublishingReason::Archived:
        urlAllowed = false;
        break;
    }
    if (!urlAllowed && !url.isEmpty()) {
        return refused(tr("An edition unpublished as \"%1\" has no alternative URL").arg(displayName(u.reason)),
                       u"/unpublishing/alternative_url"_s);
    }
    if (urlRequired && url.isEmpty()) {
        return refused(u.reason == UnpublishingReason::Consolidated
                               ? tr("Give the URL of the page this content was consolidated into")
                               : tr("Give the URL to redirect visitors to"),
                       u"/unpublishing/alternative_url"_s);
    }
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!isHttpUrl(parsed))
            return refused(tr("The alternative URL must be a full http:// or https:// address"), u"/unpublishing/alternative_url"_s);
        if (url.size() > 255)
            return refused(tr("The alternative URL may be at most 255 characters long"), u"/unpublishing/alternative_url"_s);
        if (!documentUrl.isEmpty() && sameDocument(parsed, QUrl(documentUrl)))
            return refused(tr("The alternative URL cannot point at this document itself"), u"/unpublishing/alternative_url"_s);
    }
    return std::nullopt;
}

Decision decide(Event e, const Context &c, const Request &r, bool checkRequest)
{
    const Row &t = row(e);
    Decision d;
    d.to = e == Event::Edit ? c.edition.state : t.to;
    auto no = [&d](Refusal why) {
        d.refusal = std::move(why);
        return d;
    };

    // Who.
    if (e == Event::ScheduledPublish) {
        if (!c.actor.robot)
            return no(refused(tr("Only the scheduler publishes a scheduled edition, at its time")));
    } else if (c.actor.robot || !roleHas(c.actor.role, t.permission)) {
        return no(Refusal { u"forbidden"_s,
                            tr("%1 may %2; your role is %3").arg(leastRoleFor(t.permission), verb(e), roleWord(c.actor.role)),
                            {} });
    }
    if (e == Event::CreateDocument)
        return d;

    // The edition the user saw.
    if (checkRequest && r.lockVersion != 0 && r.lockVersion != c.edition.lockVersion)
        return no(Refusal { u"stale"_s, tr("This edition has changed since you opened it"), u"/lock_version"_s });

    // From where.
    if (e == Event::CreateNewEdition) {
        if (const auto open = openEdition(c.documentEditions))
            return no(refused(tr("There is already an active %1 edition for this document").arg(stateAdjective(open->state))));
        const auto latest = latestEdition(c.documentEditions);
        if (latest && latest->id != c.edition.id)
            return no(refused(tr("A new edition starts from the latest edition (version %1)").arg(latest->version.toString())));
    }
    if (!contains(t.from, c.edition.state)) {
        if (e == Event::Edit)
            return no(refused(notUpdatable(c.edition.state)));
        return no(refused(tr("An edition that is %1 cannot be %2").arg(stateWord(c.edition.state), pastParticiple(e))));
    }

    // Four eyes.
    const Id me = c.actor.userId;
    switch (e) {
    case Event::Publish:
        if (me != 0 && lastActorInto(c.audit, c.edition.id, S::Submitted) == me)
            return no(refused(tr("You submitted this edition; another editor must publish it")));
        break;
    case Event::Schedule:
        if (me != 0 && lastActorInto(c.audit, c.edition.id, S::Submitted) == me)
            return no(refused(tr("You submitted this edition; another editor must schedule it")));
        break;
    case Event::ApproveRetrospectively:
        if (me != 0 && lastActorInto(c.audit, c.edition.id, S::Published) == me)
            return no(refused(tr("You force published this edition; another editor must approve it")));
        break;
    default:
        break;
    }

    // The event's own guards, in workflow.md's order.
    switch (e) {
    case Event::Submit:
        if (auto why = checkValidForPublishing(c))
            return no(*why);
        break;
    case Event::Publish:
        if (auto why = checkValidForPublishing(c))
            return no(*why);
        if (c.edition.scheduledPublication.isValid()) {
            return no(refused(tr("Scheduled editions cannot be published. This edition has a publication time set: "
                                 "schedule it, or remove the time first"),
                              u"/scheduled_publication"_s));
        }
        if (auto why = checkLinks(c))
            return no(*why);
        break;
    case Event::ForcePublish:
        if (checkRequest && r.reason.trimmed().isEmpty())
            return no(refused(tr("Give a reason for force publishing"), u"/reason"_s));
        if (auto why = checkValidForPublishing(c))
            return no(*why);
        if (auto why = checkLinks(c))
            return no(*why);
        break;
    case Event::ApproveRetrospectively:
        if (!c.edition.forcePublished)
            return no(refused(tr("Only a force published edition needs approval")));
        break;
    case Event::Schedule:
    case Event::ForceSchedule:
        if (auto why = checkValidForPublishing(c))
            return no(*why);
        if (checkRequest) {
            if (auto why = checkScheduledTime(scheduleTime(c, r), c.now))
                return no(*why);
        }
        if (auto why = checkLinks(c))
            return no(*why);
        break;
    case Event::ScheduledPublish:
        if (!c.edition.scheduledPublication.isValid() || c.now < c.edition.scheduledPublication) {
            return no(refused(tr("This edition is scheduled for %1 and cannot be published before then")
                                      .arg(c.edition.scheduledPublication.toUTC().toString(Qt::ISODate))));
        }
        break;
    case Event::Unpublish:
        if (checkRequest) {
            if (!r.unpublishing)
                return no(refused(tr("Choose a reason for unpublishing"), u"/unpublishing/reason"_s));
            if (auto why = checkUnpublishing(e, *r.unpublishing, c.unpublishing, c.documentUrl))
                return no(*why);
        }
        break;
    case Event::Withdraw:
        if (const auto other = otherOpenOrScheduled(c)) {
            return no(refused(tr("This document has a %1 edition; publish or delete it before withdrawing")
                                      .arg(stateAdjective(other->state))));
        }
        if (checkRequest) {
            UnpublishingRequest u = r.unpublishing.value_or(UnpublishingRequest {});
            if (!r.unpublishing)
                u.reason = UnpublishingReason::Withdrawn;
            if (auto why = checkUnpublishing(e, u, c.unpublishing, c.documentUrl))
                return no(*why);
        }
        break;
    case Event::Delete:
        if (c.unpublishing)
            return no(refused(tr("An edition with an unpublishing cannot be deleted")));
        break;
    default:
        break;
    }
    return d;
}

VersionNumber nextVersion(const Edition &edition, const QList<Edition> &documentEditions)
{
    std::optional<VersionNumber> highest;
    for (const Edition &e : documentEditions) {
        if (e.id == edition.id || e.state == S::Deleted || !e.version.isSet())
            continue;
        if (!highest || versionLess(*highest, e.version))
            highest = e.version;
    }
    if (!highest)
        return VersionNumber { 1, 0 };
    if (edition.minorChange)
        return VersionNumber { highest->major, highest->minor + 1 };
    return VersionNumber { highest->major + 1, 0 };
}

Edition newEdition(const Edition &from, const Actor &actor, const QDateTime &now)
{
    Edition e = from;
    e.id = 0;
    e.state = S::Draft;
    e.changeNote.clear();
    e.minorChange = false;
    e.forcePublished = false;
    e.scheduledPublication = QDateTime();
    e.lockVersion = 1;
    e.createdBy = actor.userId;
    e.createdAt = now;
    e.updatedAt = now;
    return e;
}

namespace {

AuditEntry auditRow(Id editionId, std::optional<EditionState> from, EditionState to, const Context &c)
{
    AuditEntry a;
    a.editionId = editionId;
    a.fromState = from;
    a.toState = to;
    a.userId = c.actor.robot ? 0 : c.actor.userId;
    a.at = c.now;
    return a;
}

Edition touched(Edition e, const QDateTime &now)
{
    e.lockVersion += 1;
    e.updatedAt = now;
    return e;
}

// Publishing effects on `e` (not yet in `fx`); supersedes the others into fx.
void publish(Edition &e, const Context &c, Effects &fx)
{
    const bool first = !previouslyPublished(c.documentEditions, e.id);
    e.version = nextVersion(e, c.documentEditions);
    if (!e.minorChange || first)
        e.majorChangePublishedAt = c.now;
    if (!e.firstPublishedAt.isValid())
        e.firstPublishedAt = c.now;
    e.state = S::Published;
    fx.enqueuePublishing = true;
    for (const Edition &other : c.documentEditions) {
        if (other.id == e.id || (other.state != S::Published && other.state != S::Unpublished))
            continue;
        Edition old = touched(other, c.now);
        old.state = S::Superseded;
        fx.changed.append(old);
        fx.audit.append(auditRow(old.id, other.state, S::Superseded, c));
    }
}

} // namespace

Effects apply(Event e, const Context &c, const Request &r)
{
    Effects fx;
    Edition ed = touched(c.edition, c.now);
    const EditionState from = c.edition.state;
    std::optional<EditionState> audited = row(e).to;

    switch (e) {
    case Event::Submit:
        ed.state = S::Submitted;
        break;
    case Event::Reject:
        ed.state = S::Rejected;
        if (!r.reason.trimmed().isEmpty())
            fx.remarks.append(tr("Rejected: %1").arg(r.reason.trimmed()));
        break;
    case Event::Publish:
    case Event::ScheduledPublish:
        break;   // below
    case Event::ForcePublish:
        ed.forcePublished = true;
        fx.remarks.append(tr("Force published: %1").arg(r.reason.trimmed()));
        break;
    case Event::ApproveRetrospectively:
        ed.forcePublished = false;
        fx.remarks.append(tr("Force publishing approved"));
        audited.reset();   // not a state change: four-eyes keeps the publisher
        break;
    case Event::Schedule:
    case Event::ForceSchedule:
        ed.state = S::Scheduled;
        ed.scheduledPublication = scheduleTime(c, r);
        if (e == Event::ForceSchedule) {
            ed.forcePublished = true;
            if (!r.reason.trimmed().isEmpty())
                fx.remarks.append(tr("Force scheduled: %1").arg(r.reason.trimmed()));
        }
        fx.scheduleJob = true;
        break;
    case Event::Unschedule:
        ed.state = S::Submitted;
        ed.forcePublished = false;
        ed.scheduledPublication = QDateTime();
        fx.cancelJob = true;
        break;
    case Event::Unpublish: {
        const UnpublishingRequest u = r.unpublishing.value_or(UnpublishingRequest {});
        Unpublishing up = c.unpublishing.value_or(Unpublishing {});
        up.editionId = ed.id;
        up.reason = u.reason;
        up.explanation = u.explanation.trimmed();
        up.alternativeUrl = u.alternativeUrl.trimmed();
        up.redirect = u.reason == UnpublishingReason::Consolidated || (u.reason == UnpublishingReason::PublishedInError && u.redirect);
        if (!c.unpublishing)
            up.createdAt = c.now;
        fx.unpublishing = up;
        if (from == S::Published) {
            // Back to the number of the edition this one replaced (0.0 when it was the first).
            std::optional<VersionNumber> previous;
            for (const Edition &other : c.documentEditions) {
                if (other.id == ed.id || other.state == S::Deleted || !other.version.isSet()
                    || !versionLess(other.version, c.edition.version))
                    continue;
                if (!previous || versionLess(*previous, other.version))
                    previous = other.version;
            }
            ed.version = previous.value_or(VersionNumber {});
            ed.state = S::Unpublished;
            fx.remarks.append(u.explanation.trimmed().isEmpty()
                                      ? tr("Unpublished: %1").arg(displayName(u.reason))
                                      : tr("Unpublished: %1. %2").arg(displayName(u.reason), u.explanation.trimmed()));
        } else {
            audited.reset();   // unpublished → unpublished changes only the unpublishing
            fx.remarks.append(tr("Unpublishing changed"));
        }
        break;
    }
    case Event::Withdraw: {
        const UnpublishingRequest u = r.unpublishing.value_or(UnpublishingRequest { UnpublishingReason::Withdrawn, {}, {}, false });
        Unpublishing up = c.unpublishing.value_or(Unpublishing {});
        up.editionId = ed.id;
        up.reason = UnpublishingReason::Withdrawn;
        up.explanation = u.explanation.trimmed();
        up.alternativeUrl.clear();
        up.redirect = false;
        if (!c.unpublishing)
            up.createdAt = c.now;
        fx.unpublishing = up;
        ed.state = S::Withdrawn;
        if (from == S::Withdrawn) {
            audited.reset();
            fx.remarks.append(tr("Withdrawal explanation changed"));
        } else {
            fx.remarks.append(tr("Withdrawn"));
        }
        break;
    }
    case Event::Unwithdraw: {
        ed.state = S::Superseded;
        Edition fresh = newEdition(c.edition, c.actor, c.now);
        fresh.minorChange = true;
        fresh.forcePublished = true;
        fresh.firstPublishedAt = c.edition.firstPublishedAt;
        fresh.majorChangePublishedAt = c.edition.majorChangePublishedAt;
        Context others = c;
        others.documentEditions.removeIf([&](const Edition &x) { return x.id == c.edition.id; });
        others.documentEditions.append(ed);   // superseded, keeps its number
        others.edition = fresh;
        Effects sub;
        publish(fresh, others, sub);
        fresh.state = S::Published;
        fx.changed.append(ed);
        fx.changed.append(sub.changed);
        fx.audit.append(auditRow(ed.id, from, S::Superseded, c));
        fx.audit.append(sub.audit);
        fx.audit.append(auditRow(0, std::nullopt, S::Published, c));
        fx.created = fresh;
        fx.remarks.append(tr("Unwithdrawn"));
        fx.enqueuePublishing = true;
        return fx;
    }
    case Event::Delete:
        ed.state = S::Deleted;
        break;
    case Event::CreateDocument:
    case Event::Edit:
    case Event::CreateNewEdition:
        return fx;
    }

    if (e == Event::Publish || e == Event::ForcePublish || e == Event::ScheduledPublish) {
        Effects sub;
        publish(ed, c, sub);
        fx.changed.append(ed);
        fx.changed.append(sub.changed);
        if (audited)
            fx.audit.append(auditRow(ed.id, from, *audited, c));
        fx.audit.append(sub.audit);
        fx.enqueuePublishing = true;
        return fx;
    }

    fx.changed.prepend(ed);
    if (audited)
        fx.audit.prepend(auditRow(ed.id, from, *audited, c));
    return fx;
}

PublicResolution resolvePublic(const QList<Edition> &documentEditions, const QList<Unpublishing> &unpublishings)
{
    PublicResolution out;
    auto unpublishingOf = [&](Id editionId) -> std::optional<Unpublishing> {
        for (const Unpublishing &u : unpublishings) {
            if (u.editionId == editionId)
                return u;
        }
        return std::nullopt;
    };
    if (const auto live = liveEdition(documentEditions)) {
        out.edition = live;
        if (live->state == S::Withdrawn) {
            out.kind = PublicResolution::Kind::RenderWithNotice;
            if (const auto u = unpublishingOf(live->id)) {
                out.explanation = u->explanation;
                out.since = u->createdAt;
            }
        } else {
            out.kind = PublicResolution::Kind::Render;
        }
        return out;
    }
    std::optional<Edition> gone;
    for (const Edition &e : documentEditions) {
        if (e.state == S::Unpublished && (!gone || e.id > gone->id))
            gone = e;
    }
    if (!gone)
        return out;
    out.edition = gone;
    const auto u = unpublishingOf(gone->id);
    if (!u) {
        out.kind = PublicResolution::Kind::Gone;
        return out;
    }
    out.explanation = u->explanation;
    out.since = u->createdAt;
    const bool redirect = u->reason == UnpublishingReason::Consolidated
            || (u->reason == UnpublishingReason::PublishedInError && u->redirect);
    if (redirect && !u->alternativeUrl.isEmpty()) {
        out.kind = PublicResolution::Kind::Redirect;
        out.url = u->alternativeUrl;
    } else {
        out.kind = PublicResolution::Kind::Gone;
    }
    return out;
}

} // namespace Galley::Workflow
