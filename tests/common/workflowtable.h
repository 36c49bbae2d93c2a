#pragma once

// workflow.md as a table of expectations: every event × every state × every role → allowed ("")
// or the exact refusal. The same table runs against the engine (tests/models/tst_workflow) and
// against the server over HTTP (tests/server/api/tst_workflowapi). It is written out by hand from
// workflow.md, not computed from the engine.
//
// The fixture of a state (built the same way in both tests, through the workflow itself):
//   author  — a writer who created the document (valid content, a title) and submitted it;
//   editor1 — an editor who rejected / scheduled (one hour ahead) / published it;
//   manager — a managing editor who withdrew it (explanation "Out of date") or unpublished it
//             (reason archived);
//   draft      — the first edition, as created;
//   submitted  — submitted by author;
//   rejected   — submitted, then rejected by editor1;
//   scheduled  — submitted, then scheduled by editor1;
//   published  — submitted, then published by editor1 (1.0);
//   withdrawn  — published, then withdrawn by manager;
//   unpublished— published, then unpublished by manager (archived);
//   superseded — published; a new edition (minor change) submitted by author and published by
//                editor1: the first edition is the fixture;
//   deleted    — the first draft, deleted by author.
// The actor is a further user with the row's role (never author, editor1 or manager). Requests
// carry what a careful user sends: reason "Urgent correction" (force publish/schedule, reject), a
// time one hour ahead (schedule), unpublishing {archived} (unpublish), {withdrawn, "Out of
// date"} (withdraw). "create_new_edition" is asked of the document whose latest edition is the
// fixture (POST /documents/{id}/editions); for superseded the document's latest edition is not the
// fixture, so that cell is skipped ("-").
#include <QLatin1StringView>

#include <array>
#include <string_view>

namespace Galley::Testing::WorkflowTable {

inline constexpr std::array<const char *, 9> kStates {
    "draft", "submitted", "rejected", "scheduled", "published", "withdrawn", "unpublished", "superseded", "deleted",
};

inline constexpr std::array<const char *, 6> kRoles {
    "viewer", "writer", "editor", "managing_editor", "schema_designer", "admin",
};

// How a role is named in a refusal.
inline const char *roleWord(std::string_view role)
{
    if (role == "viewer") return "viewer";
    if (role == "writer") return "writer";
    if (role == "editor") return "editor";
    if (role == "managing_editor") return "managing editor";
    if (role == "schema_designer") return "schema designer";
    return "administrator";
}

struct EventRow
{
    const char *event;
    // The least role: "writer" (writer, schema designer and up), "editor", "managing_editor".
    const char *least;
    // The role refusal is "<Only …> may <verb>; your role is <role word>".
    const char *verb;
    // One expectation per state, in kStates order: "" allowed, "-" not asked, else the message.
    std::array<const char *, 9> outcome;
};

inline const std::array<EventRow, 14> kEvents {{
    { "edit", "writer", "edit an edition", {
        "", "", "",
        "A scheduled edition may not be updated",
        "A published edition may not be updated",
        "A withdrawn edition may not be updated",
        "An unpublished edition may not be updated",
        "A superseded edition may not be updated",
        "A deleted edition may not be updated" } },
    { "submit", "writer", "submit an edition", {
        "",
        "An edition that is submitted cannot be submitted",
        "",
        "An edition that is scheduled cannot be submitted",
        "An edition that is published cannot be submitted",
        "An edition that is withdrawn cannot be submitted",
        "An edition that is unpublished cannot be submitted",
        "An edition that is superseded cannot be submitted",
        "An edition that is deleted cannot be submitted" } },
    { "reject", "editor", "reject an edition", {
        "An edition that is a draft cannot be rejected",
        "",
        "An edition that is rejected cannot be rejected",
        "An edition that is scheduled cannot be rejected",
        "An edition that is published cannot be rejected",
        "An edition that is withdrawn cannot be rejected",
        "An edition that is unpublished cannot be rejected",
        "An edition that is superseded cannot be rejected",
        "An edition that is deleted cannot be rejected" } },
    { "publish", "editor", "publish an edition", {
        "An edition that is a draft cannot be published",
        "",
        "An edition that is rejected cannot be published",
        "An edition that is scheduled cannot be published",
        "An edition that is published cannot be published",
        "An edition that is withdrawn cannot be published",
        "An edition that is unpublished cannot be published",
        "An edition that is superseded cannot be published",
        "An edition that is deleted cannot be published" } },
    { "force_publish", "editor", "force publish an edition", {
        "",
        "",
        "An edition that is rejected cannot be force published",
        "An edition that is scheduled cannot be force published",
        "An edition that is published cannot be force published",
        "An edition that is withdrawn cannot be force published",
        "An edition that is unpublished cannot be force published",
        "An edition that is superseded cannot be force published",
        "An edition that is deleted cannot be force published" } },
    { "approve_retrospectively", "editor", "approve a force published edition", {
        "An edition that is a draft cannot be approved",
        "An edition that is submitted cannot be approved",
        "An edition that is rejected cannot be approved",
        "An edition that is scheduled cannot be approved",
        "Only a force published edition needs approval",
        "An edition that is withdrawn cannot be approved",
        "An edition that is unpublished cannot be approved",
        "An edition that is superseded cannot be approved",
        "An edition that is deleted cannot be approved" } },
    { "schedule", "editor", "schedule an edition", {
        "An edition that is a draft cannot be scheduled",
        "",
        "An edition that is rejected cannot be scheduled",
        "An edition that is scheduled cannot be scheduled",
        "An edition that is published cannot be scheduled",
        "An edition that is withdrawn cannot be scheduled",
        "An edition that is unpublished cannot be scheduled",
        "An edition that is superseded cannot be scheduled",
        "An edition that is deleted cannot be scheduled" } },
    { "force_schedule", "editor", "force schedule an edition", {
        "",
        "",
        "An edition that is rejected cannot be force scheduled",
        "An edition that is scheduled cannot be force scheduled",
        "An edition that is published cannot be force scheduled",
        "An edition that is withdrawn cannot be force scheduled",
        "An edition that is unpublished cannot be force scheduled",
        "An edition that is superseded cannot be force scheduled",
        "An edition that is deleted cannot be force scheduled" } },
    { "unschedule", "writer", "unschedule an edition", {
        "An edition that is a draft cannot be unscheduled",
        "An edition that is submitted cannot be unscheduled",
        "An edition that is rejected cannot be unscheduled",
        "",
        "An edition that is published cannot be unscheduled",
        "An edition that is withdrawn cannot be unscheduled",
        "An edition that is unpublished cannot be unscheduled",
        "An edition that is superseded cannot be unscheduled",
        "An edition that is deleted cannot be unscheduled" } },
    { "unpublish", "managing_editor", "unpublish an edition", {
        "An edition that is a draft cannot be unpublished",
        "An edition that is submitted cannot be unpublished",
        "An edition that is rejected cannot be unpublished",
        "An edition that is scheduled cannot be unpublished",
        "",
        "An edition that is withdrawn cannot be unpublished",
        "",
        "An edition that is superseded cannot be unpublished",
        "An edition that is deleted cannot be unpublished" } },
    { "withdraw", "managing_editor", "withdraw an edition", {
        "An edition that is a draft cannot be withdrawn",
        "An edition that is submitted cannot be withdrawn",
        "An edition that is rejected cannot be withdrawn",
        "An edition that is scheduled cannot be withdrawn",
        "",
        "",
        "An edition that is unpublished cannot be withdrawn",
        "An edition that is superseded cannot be withdrawn",
        "An edition that is deleted cannot be withdrawn" } },
    { "unwithdraw", "managing_editor", "unwithdraw an edition", {
        "An edition that is a draft cannot be unwithdrawn",
        "An edition that is submitted cannot be unwithdrawn",
        "An edition that is rejected cannot be unwithdrawn",
        "An edition that is scheduled cannot be unwithdrawn",
        "An edition that is published cannot be unwithdrawn",
        "",
        "An edition that is unpublished cannot be unwithdrawn",
        "An edition that is superseded cannot be unwithdrawn",
        "An edition that is deleted cannot be unwithdrawn" } },
    { "create_new_edition", "writer", "create a new edition", {
        "There is already an active draft edition for this document",
        "There is already an active submitted edition for this document",
        "There is already an active rejected edition for this document",
        "An edition that is scheduled cannot be copied into a new edition",
        "",
        "An edition that is withdrawn cannot be copied into a new edition",
        "",
        "-",
        "An edition that is deleted cannot be copied into a new edition" } },
    { "delete", "writer", "delete an edition", {
        "",
        "",
        "",
        "An edition that is scheduled cannot be deleted",
        "An edition that is published cannot be deleted",
        "An edition that is withdrawn cannot be deleted",
        "An edition that is unpublished cannot be deleted",
        "An edition that is superseded cannot be deleted",
        "An edition that is deleted cannot be deleted" } },
}};

// Does a role reach the event's least role? (api.md's role table, written out.)
inline bool roleReaches(std::string_view role, std::string_view least)
{
    if (role == "admin")
        return true;
    if (least == "writer")
        return role == "writer" || role == "schema_designer" || role == "editor" || role == "managing_editor";
    if (least == "editor")
        return role == "editor" || role == "managing_editor";
    if (least == "managing_editor")
        return role == "managing_editor";
    return false;
}

inline const char *leastPhrase(std::string_view least)
{
    if (least == "writer") return "Only a writer or above";
    if (least == "editor") return "Only an editor or above";
    return "Only a managing editor or above";
}

// The expected answer of one cell: {"" allowed | "-" skipped | message, forbidden?}.
struct Expected
{
    QString message;
    bool forbidden = false;
    bool skipped = false;
};

inline Expected expected(const EventRow &row, std::size_t stateIndex, std::string_view role)
{
    const QString outcome = QString::fromUtf8(row.outcome[stateIndex]);
    if (outcome == QLatin1StringView("-"))
        return { {}, false, true };
    if (!roleReaches(role, row.least)) {
        return { QString::fromUtf8(leastPhrase(row.least)) + QLatin1StringView(" may ") + QString::fromUtf8(row.verb)
                         + QLatin1StringView("; your role is ") + QString::fromUtf8(roleWord(role)),
                 true, false };
    }
    return { outcome, false, false };
}

} // namespace Galley::Testing::WorkflowTable
