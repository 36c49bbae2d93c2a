// The workflow engine against workflow.md: the whole event × state × role table
// (tests/common/workflowtable.h, shared with the server's HTTP test), then the sequences,
// effects, the unpublishing field rules and public resolution.
#include "workflowsim.h"
#include "../common/workflowtable.h"

#include "workflow/workflow.h"

#include <QTest>

using namespace Galley;
using namespace Galley::Workflow;
using namespace Qt::StringLiterals;
using Galley::Testing::WorkflowSim;
namespace Table = Galley::Testing::WorkflowTable;

namespace {

const Actor kAuthor { 10, Role::Writer, false };
const Actor kEditor1 { 20, Role::Editor, false };
const Actor kEditor2 { 21, Role::Editor, false };
const Actor kManager { 30, Role::ManagingEditor, false };
const Actor kRobot { 0, Role::Viewer, true };

Request withReason(QString reason)
{
    Request r;
    r.reason = std::move(reason);
    return r;
}

Request archived()
{
    Request r;
    r.unpublishing = UnpublishingRequest { UnpublishingReason::Archived, {}, {}, false };
    return r;
}

Request withdrawal(QString explanation = u"Out of date"_s)
{
    Request r;
    r.unpublishing = UnpublishingRequest { UnpublishingReason::Withdrawn, std::move(explanation), {}, false };
    return r;
}

// The fixture of workflowtable.h for one state; returns the fixture edition.
Id bringTo(WorkflowSim &sim, QStringView state)
{
    const Id id = sim.create(kAuthor);
    auto must = [](const Decision &d) {
        if (!d.allowed())
            qFatal("fixture step refused: %s", qPrintable(d.refusal->message));
    };
    if (state == u"draft")
        return id;
    if (state == u"deleted") {
        must(sim.fire(Event::Delete, id, kAuthor));
        return id;
    }
    must(sim.fire(Event::Submit, id, kAuthor));
    if (state == u"submitted")
        return id;
    if (state == u"rejected") {
        must(sim.fire(Event::Reject, id, kEditor1, withReason(u"Needs sources"_s)));
        return id;
    }
    if (state == u"scheduled") {
        Request r;
        r.scheduledPublication = sim.now().addSecs(3600);
        must(sim.fire(Event::Schedule, id, kEditor1, r));
        return id;
    }
    must(sim.fire(Event::Publish, id, kEditor1));
    if (state == u"published")
        return id;
    if (state == u"withdrawn") {
        must(sim.fire(Event::Withdraw, id, kManager, withdrawal()));
        return id;
    }
    if (state == u"unpublished") {
        must(sim.fire(Event::Unpublish, id, kManager, archived()));
        return id;
    }
    if (state == u"superseded") {
        must(sim.fire(Event::CreateNewEdition, id, kAuthor));
        const Id second = sim.lastCreated();
        sim.edit(second, [](Edition &e) { e.minorChange = true; });
        must(sim.fire(Event::Submit, second, kAuthor));
        must(sim.fire(Event::Publish, second, kEditor1));
        return id;
    }
    qFatal("unknown fixture state");
}

Request tableRequest(Event e, const WorkflowSim &sim)
{
    Request r;
    switch (e) {
    case Event::ForcePublish:
    case Event::ForceSchedule:
    case Event::Reject:
        r.reason = u"Urgent correction"_s;
        break;
    default:
        break;
    }
    if (e == Event::Schedule || e == Event::ForceSchedule)
        r.scheduledPublication = sim.now().addSecs(3600);
    if (e == Event::Unpublish)
        r = archived();
    if (e == Event::Withdraw)
        r = withdrawal();
    return r;
}

} // namespace

class tst_Workflow : public QObject
{
    Q_OBJECT

private slots:
    void tableIsInDeclarationOrder();
    void transitionTable_data();
    void transitionTable();
    void offeredEvents();
    void firstRoundToOnePointZero();
    void minorAndMajorVersions();
    void unpublishResetsVersion();
    void withdrawRefusedWhileDraftExists();
    void unwithdrawCreatesForcePublishedMinorEdition();
    void forcePublishNeedsReasonAndIsApprovedByAnother();
    void scheduling();
    void scheduledPublishNeverEarly();
    void changeNoteRule();
    void invalidContentBlocksSubmit();
    void dangerousLinksBlockPublishing();
    void staleLockVersion();
    void unpublishingFieldRules_data();
    void unpublishingFieldRules();
    void unpublishingReasonCannotChange();
    void deleteRefusedWithUnpublishing();
    void publicResolution();
};

void tst_Workflow::tableIsInDeclarationOrder()
{
    // requiredPermission()/fromStates() index the table by the enum: every event maps to itself.
    for (Event e : allEvents())
        QCOMPARE(eventFromWire(toWire(e)), std::optional(e));
    QCOMPARE(allEvents().size(), std::size_t(16));
    QCOMPARE(eventFromWire(u"approve"), std::nullopt);
}

void tst_Workflow::transitionTable_data()
{
    QTest::addColumn<int>("eventIndex");
    QTest::addColumn<int>("stateIndex");
    QTest::addColumn<QString>("role");
    for (std::size_t ev = 0; ev < Table::kEvents.size(); ++ev) {
        for (std::size_t st = 0; st < Table::kStates.size(); ++st) {
            for (const char *role : Table::kRoles) {
                QTest::addRow("%s/%s/%s", Table::kEvents[ev].event, Table::kStates[st], role)
                        << int(ev) << int(st) << QString::fromLatin1(role);
            }
        }
    }
}

void tst_Workflow::transitionTable()
{
    QFETCH(int, eventIndex);
    QFETCH(int, stateIndex);
    QFETCH(QString, role);
    const Table::EventRow &row = Table::kEvents[std::size_t(eventIndex)];
    const Table::Expected want = Table::expected(row, std::size_t(stateIndex), role.toStdString());
    if (want.skipped)
        QSKIP("not asked: the document's latest edition is not the fixture");

    WorkflowSim sim;
    const Id id = bringTo(sim, QString::fromLatin1(Table::kStates[std::size_t(stateIndex)]));
    const auto event = eventFromWire(QString::fromLatin1(row.event));
    QVERIFY(event);
    const auto parsedRole = fromWire<Role>(role);
    QVERIFY(parsedRole);
    const Actor actor { 100 + Id(stateIndex), *parsedRole, false };

    Id asked = id;
    if (*event == Event::CreateNewEdition) {
        const auto latest = latestEdition(sim.editions());
        asked = latest ? latest->id : id;
    }
    const Decision d = decide(*event, sim.context(asked, actor), tableRequest(*event, sim));
    if (want.message.isEmpty()) {
        QVERIFY2(d.allowed(), qPrintable(d.refusal ? d.refusal->message : QString()));
    } else {
        QVERIFY2(!d.allowed(), "allowed, but the table says no");
        QCOMPARE(d.refusal->message, want.message);
        QCOMPARE(d.refusal->code, want.forbidden ? u"forbidden"_s : u"transition_refused"_s);
    }

    // The action bar's question agrees whenever the full question says yes.
    if (d.allowed() && *event != Event::CreateNewEdition && *event != Event::Edit)
        QVERIFY(mayStart(*event, sim.context(asked, actor)).allowed());
}

void tst_Workflow::offeredEvents()
{
    QCOMPARE(Workflow::offeredEvents(EditionState::Draft),
             (QList<Event> { Event::Submit, Event::ForcePublish, Event::ForceSchedule, Event::Delete }));
    QCOMPARE(Workflow::offeredEvents(EditionState::Submitted),
             (QList<Event> { Event::Reject, Event::Publish, Event::ForcePublish, Event::Schedule, Event::ForceSchedule, Event::Delete }));
    QCOMPARE(Workflow::offeredEvents(EditionState::Published),
             (QList<Event> { Event::ApproveRetrospectively, Event::Unpublish, Event::Withdraw, Event::CreateNewEdition }));
    QCOMPARE(Workflow::offeredEvents(EditionState::Withdrawn), (QList<Event> { Event::Withdraw, Event::Unwithdraw }));
    QVERIFY(Workflow::offeredEvents(EditionState::Superseded).isEmpty());
    QVERIFY(Workflow::offeredEvents(EditionState::Deleted).isEmpty());
}

void tst_Workflow::firstRoundToOnePointZero()
{
    WorkflowSim sim;
    const Id id = sim.create(kAuthor);
    QVERIFY(sim.fire(Event::Submit, id, kAuthor).allowed());
    // The same user may not publish what they submitted, even as an editor.
    const Actor authorAsEditor { kAuthor.userId, Role::Editor, false };
    const Decision own = sim.fire(Event::Publish, id, authorAsEditor);
    QVERIFY(!own.allowed());
    QCOMPARE(own.refusal->message, u"You submitted this edition; another editor must publish it"_s);
    QVERIFY(sim.fire(Event::Publish, id, kEditor1).allowed());
    const Edition e = sim.edition(id);
    QCOMPARE(e.state, EditionState::Published);
    QCOMPARE(e.version, (VersionNumber { 1, 0 }));
    QCOMPARE(e.firstPublishedAt, sim.now());
    QCOMPARE(e.majorChangePublishedAt, sim.now());
    QCOMPARE(e.lockVersion, 3);
    // The audit trail has who did what.
    QCOMPARE(lastActorInto(sim.audit(), id, EditionState::Submitted), kAuthor.userId);
    QCOMPARE(lastActorInto(sim.audit(), id, EditionState::Published), kEditor1.userId);
}

void tst_Workflow::minorAndMajorVersions()
{
    WorkflowSim sim;
    const Id first = bringTo(sim, u"published");
    QVERIFY(sim.fire(Event::CreateNewEdition, first, kAuthor).allowed());
    const Id second = sim.lastCreated();
    QCOMPARE(sim.edition(second).state, EditionState::Draft);
    QCOMPARE(sim.edition(second).fields, sim.edition(first).fields);
    QVERIFY(sim.edition(second).changeNote.isEmpty());
    // One open edition at a time.
    const Decision another = sim.fire(Event::CreateNewEdition, first, kAuthor);
    QCOMPARE(another.refusal->message, u"There is already an active draft edition for this document"_s);

    sim.edit(second, [](Edition &e) { e.minorChange = true; });
    sim.advance(60);
    QVERIFY(sim.fire(Event::Submit, second, kAuthor).allowed());
    QVERIFY(sim.fire(Event::Publish, second, kEditor1).allowed());
    QCOMPARE(sim.edition(second).version, (VersionNumber { 1, 1 }));
    QCOMPARE(sim.edition(first).state, EditionState::Superseded);
    // A minor change keeps the major change date and the first publication date.
    QCOMPARE(sim.edition(second).majorChangePublishedAt, sim.edition(first).majorChangePublishedAt);
    QCOMPARE(sim.edition(second).firstPublishedAt, sim.edition(first).firstPublishedAt);

    QVERIFY(sim.fire(Event::CreateNewEdition, second, kAuthor).allowed());
    const Id third = sim.lastCreated();
    sim.edit(third, [](Edition &e) { e.changeNote = u"New rates"_s; });
    sim.advance(60);
    QVERIFY(sim.fire(Event::Submit, third, kAuthor).allowed());
    QVERIFY(sim.fire(Event::Publish, third, kEditor1).allowed());
    QCOMPARE(sim.edition(third).version, (VersionNumber { 2, 0 }));
    QCOMPARE(sim.edition(third).majorChangePublishedAt, sim.now());
    QCOMPARE(sim.edition(second).state, EditionState::Superseded);
    QCOMPARE(liveEdition(sim.editions())->id, third);
}

void tst_Workflow::unpublishResetsVersion()
{
    WorkflowSim sim;
    const Id first = bringTo(sim, u"published");
    QVERIFY(sim.fire(Event::CreateNewEdition, first, kAuthor).allowed());
    const Id second = sim.lastCreated();
    sim.edit(second, [](Edition &e) { e.changeNote = u"Rewritten"_s; });
    QVERIFY(sim.fire(Event::Submit, second, kAuthor).allowed());
    QVERIFY(sim.fire(Event::Publish, second, kEditor1).allowed());
    QCOMPARE(sim.edition(second).version, (VersionNumber { 2, 0 }));

    // Editors may not unpublish.
    QCOMPARE(sim.fire(Event::Unpublish, second, kEditor2, archived()).refusal->code, u"forbidden"_s);
    QVERIFY(sim.fire(Event::Unpublish, second, kManager, archived()).allowed());
    QCOMPARE(sim.edition(second).state, EditionState::Unpublished);
    QCOMPARE(sim.edition(second).version, (VersionNumber { 1, 0 }));
    QVERIFY(!liveEdition(sim.editions()));
    QCOMPARE(sim.unpublishings().size(), 1);
    QCOMPARE(sim.remarks().constLast().second, u"Unpublished: Archived"_s);

    // The next major edition is 2.0 again.
    QVERIFY(sim.fire(Event::CreateNewEdition, second, kAuthor).allowed());
    const Id third = sim.lastCreated();
    sim.edit(third, [](Edition &e) { e.changeNote = u"Back"_s; });
    QVERIFY(sim.fire(Event::Submit, third, kAuthor).allowed());
    QVERIFY(sim.fire(Event::Publish, third, kEditor1).allowed());
    QCOMPARE(sim.edition(third).version, (VersionNumber { 2, 0 }));
    QCOMPARE(sim.edition(second).state, EditionState::Superseded);
}

void tst_Workflow::withdrawRefusedWhileDraftExists()
{
    WorkflowSim sim;
    const Id first = bringTo(sim, u"published");
    QVERIFY(sim.fire(Event::CreateNewEdition, first, kAuthor).allowed());
    const Decision d = sim.fire(Event::Withdraw, first, kManager, withdrawal());
    QVERIFY(!d.allowed());
    QCOMPARE(d.refusal->message, u"This document has a draft edition; publish or delete it before withdrawing"_s);
    QVERIFY(sim.fire(Event::Delete, sim.lastCreated(), kAuthor).allowed());
    // An explanation is required.
    const Decision bare = sim.fire(Event::Withdraw, first, kManager, withdrawal(u"  "_s));
    QCOMPARE(bare.refusal->message, u"Explain why the edition is withdrawn"_s);
    QCOMPARE(bare.refusal->pointer, u"/unpublishing/explanation"_s);
    QVERIFY(sim.fire(Event::Withdraw, first, kManager, withdrawal()).allowed());
    QCOMPARE(sim.edition(first).state, EditionState::Withdrawn);
    QCOMPARE(sim.edition(first).version, (VersionNumber { 1, 0 }));   // versions kept
    QCOMPARE(liveEdition(sim.editions())->id, first);                 // still shown
    QCOMPARE(sim.remarks().constLast().second, u"Withdrawn"_s);
}

void tst_Workflow::unwithdrawCreatesForcePublishedMinorEdition()
{
    WorkflowSim sim;
    const Id first = bringTo(sim, u"withdrawn");
    sim.advance(3600);
    QVERIFY(sim.fire(Event::Unwithdraw, first, kManager).allowed());
    const Id fresh = sim.lastCreated();
    QVERIFY(fresh != first);
    QCOMPARE(sim.edition(first).state, EditionState::Superseded);
    const Edition e = sim.edition(fresh);
    QCOMPARE(e.state, EditionState::Published);
    QVERIFY(e.forcePublished);
    QVERIFY(e.minorChange);
    QCOMPARE(e.version, (VersionNumber { 1, 1 }));
    QCOMPARE(e.fields, sim.edition(first).fields);
    QCOMPARE(e.firstPublishedAt, sim.edition(first).firstPublishedAt);
    QCOMPARE(e.majorChangePublishedAt, sim.edition(first).majorChangePublishedAt);
    QCOMPARE(sim.remarks().constLast(), (std::pair<Id, QString>(fresh, u"Unwithdrawn"_s)));
    QCOMPARE(liveEdition(sim.editions())->id, fresh);
    // The new edition's audit row says who force published it: another editor approves it.
    QCOMPARE(lastActorInto(sim.audit(), fresh, EditionState::Published), kManager.userId);
    const Decision selfApproval = sim.fire(Event::ApproveRetrospectively, fresh, kManager);
    QCOMPARE(selfApproval.refusal->message, u"You force published this edition; another editor must approve it"_s);
    QVERIFY(sim.fire(Event::ApproveRetrospectively, fresh, kEditor1).allowed());
    QVERIFY(!sim.edition(fresh).forcePublished);
}

void tst_Workflow::forcePublishNeedsReasonAndIsApprovedByAnother()
{
    WorkflowSim sim;
    const Id id = sim.create(kAuthor);
    const Actor authorEditor { 40, Role::Editor, false };
    const Id own = sim.create(authorEditor, u"Own"_s);
    Q_UNUSED(id);
    const Decision noReason = sim.fire(Event::ForcePublish, own, authorEditor, withReason(u" "_s));
    QVERIFY(!noReason.allowed());
    QCOMPARE(noReason.refusal->message, u"Give a reason for force publishing"_s);
    QCOMPARE(noReason.refusal->pointer, u"/reason"_s);
    // The action bar may offer it: the reason is asked in the dialog.
    QVERIFY(mayStart(Event::ForcePublish, sim.context(own, authorEditor)).allowed());
    QVERIFY(sim.fire(Event::ForcePublish, own, authorEditor, withReason(u"Storm warning"_s)).allowed());
    QVERIFY(sim.edition(own).forcePublished);
    QCOMPARE(sim.remarks().constLast().second, u"Force published: Storm warning"_s);
    const Decision retro = sim.fire(Event::ApproveRetrospectively, own, authorEditor);
    QCOMPARE(retro.refusal->message, u"You force published this edition; another editor must approve it"_s);
    QCOMPARE(sim.fire(Event::ApproveRetrospectively, own, Actor { 41, Role::Writer, false }).refusal->code, u"forbidden"_s);
    QVERIFY(sim.fire(Event::ApproveRetrospectively, own, kEditor2).allowed());
    QVERIFY(!sim.edition(own).forcePublished);
    QCOMPARE(sim.edition(own).state, EditionState::Published);
    // Approving is not a state change: the publisher stays the force publisher.
    QCOMPARE(lastActorInto(sim.audit(), own, EditionState::Published), authorEditor.userId);
    QCOMPARE(sim.fire(Event::ApproveRetrospectively, own, kEditor1).refusal->message,
             u"Only a force published edition needs approval"_s);
}

void tst_Workflow::scheduling()
{
    WorkflowSim sim;
    const Id id = sim.create(kAuthor);
    QVERIFY(sim.fire(Event::Submit, id, kAuthor).allowed());
    Request soon;
    soon.scheduledPublication = sim.now().addSecs(4 * 60 + 59);
    const Decision early = sim.fire(Event::Schedule, id, kEditor1, soon);
    QCOMPARE(early.refusal->message, u"The publication time must be at least 5 minutes from now"_s);
    QCOMPARE(early.refusal->pointer, u"/scheduled_publication"_s);
    const Decision none = sim.fire(Event::Schedule, id, kEditor1, Request {});
    QCOMPARE(none.refusal->message, u"Choose when to publish this edition"_s);
    const Actor submitterEditor { kAuthor.userId, Role::Editor, false };
    Request ok;
    ok.scheduledPublication = sim.now().addSecs(5 * 60);
    QCOMPARE(sim.fire(Event::Schedule, id, submitterEditor, ok).refusal->message,
             u"You submitted this edition; another editor must schedule it"_s);
    QVERIFY(sim.fire(Event::Schedule, id, kEditor1, ok).allowed());
    QCOMPARE(sim.edition(id).state, EditionState::Scheduled);
    QCOMPARE(sim.edition(id).scheduledPublication, ok.scheduledPublication);
    QCOMPARE(sim.jobsScheduled(), 1);
    // Writers may unschedule; that clears the time and cancels the job.
    QVERIFY(sim.fire(Event::Unschedule, id, kAuthor).allowed());
    QCOMPARE(sim.edition(id).state, EditionState::Submitted);
    QVERIFY(!sim.edition(id).scheduledPublication.isValid());
    QCOMPARE(sim.jobsCancelled(), 1);
    // Force schedule by the author-editor marks it force published.
    QVERIFY(sim.fire(Event::ForceSchedule, id, submitterEditor, ok).allowed());
    QVERIFY(sim.edition(id).forcePublished);
    QVERIFY(sim.fire(Event::Unschedule, id, kAuthor).allowed());
    QVERIFY(!sim.edition(id).forcePublished);
    // A time set on the edition (not through scheduling) blocks publishing now.
    sim.edit(id, [&](Edition &e) { e.scheduledPublication = sim.now().addDays(1); });
    const Decision publishNow = sim.fire(Event::Publish, id, kEditor1);
    QVERIFY(publishNow.refusal->message.startsWith(u"Scheduled editions cannot be published"_s));
}

void tst_Workflow::scheduledPublishNeverEarly()
{
    WorkflowSim sim;
    const Id id = bringTo(sim, u"scheduled");
    const QDateTime at = sim.edition(id).scheduledPublication;
    // Only the robot.
    QVERIFY(!sim.fire(Event::ScheduledPublish, id, kEditor1).allowed());
    sim.advance(sim.now().secsTo(at) - 1);
    const Decision early = sim.fire(Event::ScheduledPublish, id, kRobot);
    QVERIFY(!early.allowed());
    QVERIFY(early.refusal->message.contains(u"cannot be published before then"_s));
    sim.advance(1);
    QVERIFY(sim.fire(Event::ScheduledPublish, id, kRobot).allowed());
    QCOMPARE(sim.edition(id).state, EditionState::Published);
    QCOMPARE(sim.edition(id).version, (VersionNumber { 1, 0 }));
    QCOMPARE(sim.audit().constLast().userId, Id(0));
    QCOMPARE(sim.audit().constLast().toState, EditionState::Published);
}

void tst_Workflow::changeNoteRule()
{
    WorkflowSim sim;
    const Id first = bringTo(sim, u"published");
    QVERIFY(sim.fire(Event::CreateNewEdition, first, kAuthor).allowed());
    const Id second = sim.lastCreated();
    const Decision d = sim.fire(Event::Submit, second, kAuthor);
    QCOMPARE(d.refusal->message, u"Add a change note, or mark this edition as a minor change"_s);
    QCOMPARE(d.refusal->pointer, u"/change_note"_s);
    sim.edit(second, [](Edition &e) { e.minorChange = true; });
    QVERIFY(sim.fire(Event::Submit, second, kAuthor).allowed());
}

void tst_Workflow::invalidContentBlocksSubmit()
{
    WorkflowSim sim;
    const Id id = sim.create(kAuthor);
    sim.setProblems({ u"Body must be at least 50 characters long"_s, u"Lead image is required"_s });
    const Decision d = sim.fire(Event::Submit, id, kAuthor);
    QVERIFY(!d.allowed());
    QCOMPARE(d.refusal->pointer, u"/fields"_s);
    QVERIFY(d.refusal->message.contains(u"Body must be at least 50 characters long"_s));
    // Drafts stay editable while invalid.
    QVERIFY(sim.fire(Event::Edit, id, kAuthor).allowed());
    sim.setProblems({});
    sim.edit(id, [](Edition &e) { e.title = u"  "_s; });
    QCOMPARE(sim.fire(Event::Submit, id, kAuthor).refusal->message, u"The edition needs a title"_s);
}

void tst_Workflow::dangerousLinksBlockPublishing()
{
    WorkflowSim sim;
    const Id id = bringTo(sim, u"submitted");
    LinkCheckReport report;
    report.editionId = id;
    report.links = { LinkCheckItem { u"https://ok.example/"_s, LinkStatus::Ok, {} },
                     LinkCheckItem { u"https://bad.example/"_s, LinkStatus::Danger, u"deny-listed"_s } };
    sim.setReport(id, report);
    QCOMPARE(sim.fire(Event::Publish, id, kEditor1).refusal->message, u"Remove dangerous links before publishing"_s);
    Request later;
    later.scheduledPublication = sim.now().addSecs(3600);
    QCOMPARE(sim.fire(Event::Schedule, id, kEditor1, later).refusal->message, u"Remove dangerous links before publishing"_s);
    QCOMPARE(sim.fire(Event::ForcePublish, id, kEditor1, withReason(u"x"_s)).refusal->message,
             u"Remove dangerous links before publishing"_s);
    // Broken links warn but do not block.
    report.links[1].status = LinkStatus::Broken;
    sim.setReport(id, report);
    QVERIFY(sim.fire(Event::Publish, id, kEditor1).allowed());
}

void tst_Workflow::staleLockVersion()
{
    WorkflowSim sim;
    const Id id = sim.create(kAuthor);
    Request r;
    r.lockVersion = 1;
    sim.edit(id, [](Edition &e) { e.title = u"Changed meanwhile"_s; });
    const Decision d = sim.fire(Event::Submit, id, kAuthor, r);
    QCOMPARE(d.refusal->code, u"stale"_s);
    QCOMPARE(d.refusal->message, u"This edition has changed since you opened it"_s);
    r.lockVersion = 2;
    QVERIFY(sim.fire(Event::Submit, id, kAuthor, r).allowed());
}

void tst_Workflow::unpublishingFieldRules_data()
{
    QTest::addColumn<int>("reason");
    QTest::addColumn<QString>("explanation");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("redirect");
    QTest::addColumn<QString>("message");
    const int error = int(UnpublishingReason::PublishedInError);
    const int consolidated = int(UnpublishingReason::Consolidated);
    const int archivedReason = int(UnpublishingReason::Archived);
    const int withdrawn = int(UnpublishingReason::Withdrawn);
    QTest::newRow("error, gone") << error << QString() << QString() << false << QString();
    QTest::newRow("error, redirect without url") << error << QString() << QString() << true << u"Give the URL to redirect visitors to"_s;
    QTest::newRow("error, redirect") << error << u"Wrong harbour"_s << u"https://harbour.example/news/other"_s << true << QString();
    QTest::newRow("consolidated without url") << consolidated << QString() << QString() << false
                                              << u"Give the URL of the page this content was consolidated into"_s;
    QTest::newRow("consolidated") << consolidated << QString() << u"https://harbour.example/guides/dues"_s << false << QString();
    QTest::newRow("not http") << consolidated << QString() << u"ftp://harbour.example/x"_s << false
                              << u"The alternative URL must be a full http:// or https:// address"_s;
    QTest::newRow("relative") << consolidated << QString() << u"/guides/dues"_s << false
                              << u"The alternative URL must be a full http:// or https:// address"_s;
    QTest::newRow("too long") << consolidated << QString() << (u"https://harbour.example/"_s + QString(240, u'a')) << false
                              << u"The alternative URL may be at most 255 characters long"_s;
    QTest::newRow("itself") << consolidated << QString() << u"https://HARBOUR.example/news/harbour-dues/"_s << false
                            << u"The alternative URL cannot point at this document itself"_s;
    QTest::newRow("archived") << archivedReason << u"Old"_s << QString() << false << QString();
    QTest::newRow("archived with url") << archivedReason << QString() << u"https://harbour.example/"_s << false
                                       << u"An edition unpublished as \"Archived\" has no alternative URL"_s;
    QTest::newRow("withdrawn via unpublish") << withdrawn << u"x"_s << QString() << false << u"Use Withdraw to withdraw an edition"_s;
}

void tst_Workflow::unpublishingFieldRules()
{
    QFETCH(int, reason);
    QFETCH(QString, explanation);
    QFETCH(QString, url);
    QFETCH(bool, redirect);
    QFETCH(QString, message);
    const UnpublishingRequest u { UnpublishingReason(reason), explanation, url, redirect };
    const auto why = checkUnpublishing(Event::Unpublish, u, std::nullopt, u"https://harbour.example/news/harbour-dues"_s);
    if (message.isEmpty()) {
        QVERIFY2(!why, qPrintable(why ? why->message : QString()));
    } else {
        QVERIFY(why);
        QCOMPARE(why->message, message);
        QVERIFY(why->pointer.startsWith(u"/unpublishing/"_s));
    }
}

void tst_Workflow::unpublishingReasonCannotChange()
{
    WorkflowSim sim;
    const Id id = bringTo(sim, u"unpublished");
    Request change;
    change.unpublishing = UnpublishingRequest { UnpublishingReason::Consolidated, {}, u"https://harbour.example/x"_s, false };
    QCOMPARE(sim.fire(Event::Unpublish, id, kManager, change).refusal->message,
             u"The reason of an unpublishing cannot change (it is \"Archived\")"_s);
    Request explain = archived();
    explain.unpublishing->explanation = u"Superseded by the 2027 guide"_s;
    const int auditBefore = int(sim.audit().size());
    QVERIFY(sim.fire(Event::Unpublish, id, kManager, explain).allowed());
    QCOMPARE(sim.unpublishings().size(), 1);
    QCOMPARE(sim.unpublishings().constFirst().explanation, u"Superseded by the 2027 guide"_s);
    QCOMPARE(int(sim.audit().size()), auditBefore);   // not a state change
}

void tst_Workflow::deleteRefusedWithUnpublishing()
{
    // A (re)opened edition carrying an unpublishing is not something the workflow produces; the
    // guard still holds for data that has one.
    WorkflowSim sim;
    const Id id = sim.create(kAuthor);
    Context c = sim.context(id, kAuthor);
    c.unpublishing = Unpublishing { 1, id, UnpublishingReason::Archived, {}, {}, false, sim.now() };
    const Decision d = decide(Event::Delete, c, Request {});
    QCOMPARE(d.refusal->message, u"An edition with an unpublishing cannot be deleted"_s);
}

void tst_Workflow::publicResolution()
{
    {
        WorkflowSim sim;
        sim.create(kAuthor);
        QCOMPARE(resolvePublic(sim.editions(), sim.unpublishings()).kind, PublicResolution::Kind::NotPublic);
    }
    {
        WorkflowSim sim;
        const Id id = bringTo(sim, u"published");
        const auto r = resolvePublic(sim.editions(), sim.unpublishings());
        QCOMPARE(r.kind, PublicResolution::Kind::Render);
        QCOMPARE(r.edition->id, id);
    }
    {
        WorkflowSim sim;
        bringTo(sim, u"withdrawn");
        const auto r = resolvePublic(sim.editions(), sim.unpublishings());
        QCOMPARE(r.kind, PublicResolution::Kind::RenderWithNotice);
        QCOMPARE(r.explanation, u"Out of date"_s);
        QCOMPARE(r.since, sim.now());
    }
    {
        WorkflowSim sim;
        bringTo(sim, u"unpublished");
        QCOMPARE(resolvePublic(sim.editions(), sim.unpublishings()).kind, PublicResolution::Kind::Gone);
    }
    for (bool redirect : { false, true }) {
        WorkflowSim sim;
        const Id id = bringTo(sim, u"published");
        Request r;
        r.unpublishing = UnpublishingRequest { UnpublishingReason::PublishedInError, u"Wrong port"_s,
                                               redirect ? u"https://harbour.example/right"_s : QString(), redirect };
        QVERIFY(sim.fire(Event::Unpublish, id, kManager, r).allowed());
        const auto res = resolvePublic(sim.editions(), sim.unpublishings());
        QCOMPARE(res.kind, redirect ? PublicResolution::Kind::Redirect : PublicResolution::Kind::Gone);
        QCOMPARE(res.url, redirect ? u"https://harbour.example/right"_s : QString());
        QCOMPARE(res.explanation, u"Wrong port"_s);
    }
    {
        WorkflowSim sim;
        const Id id = bringTo(sim, u"published");
        Request r;
        r.unpublishing = UnpublishingRequest { UnpublishingReason::Consolidated, {}, u"https://harbour.example/all"_s, false };
        QVERIFY(sim.fire(Event::Unpublish, id, kManager, r).allowed());
        const auto res = resolvePublic(sim.editions(), sim.unpublishings());
        QCOMPARE(res.kind, PublicResolution::Kind::Redirect);
        QCOMPARE(res.url, u"https://harbour.example/all"_s);
    }
}

QTEST_GUILESS_MAIN(tst_Workflow)
#include "tst_workflow.moc"
