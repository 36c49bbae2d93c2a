#include "enums.h"

#include <QCoreApplication>

#include <array>

namespace Galley {

namespace {

template<typename E>
struct Name
{
    E value;
    QStringView wire;
};

template<typename E, std::size_t N>
QString wireName(const std::array<Name<E>, N> &table, E value)
{
    for (const auto &n : table) {
        if (n.value == value)
            return n.wire.toString();
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> parse(const std::array<Name<E>, N> &table, QStringView text)
{
    for (const auto &n : table) {
        if (n.wire == text)
            return n.value;
    }
    return std::nullopt;
}

constexpr std::array<Name<EditionState>, 9> kStates {{
    { EditionState::Draft, u"draft" },
    { EditionState::Submitted, u"submitted" },
    { EditionState::Rejected, u"rejected" },
    { EditionState::Scheduled, u"scheduled" },
    { EditionState::Published, u"published" },
    { EditionState::Withdrawn, u"withdrawn" },
    { EditionState::Unpublished, u"unpublished" },
    { EditionState::Superseded, u"superseded" },
    { EditionState::Deleted, u"deleted" },
}};

constexpr std::array<Name<Role>, 6> kRoles {{
    { Role::Viewer, u"viewer" },
    { Role::Writer, u"writer" },
    { Role::Editor, u"editor" },
    { Role::ManagingEditor, u"managing_editor" },
    { Role::SchemaDesigner, u"schema_designer" },
    { Role::Admin, u"admin" },
}};

constexpr std::array<Name<PublishingStatus>, 4> kPublishing {{
    { PublishingStatus::Pending, u"pending" },
    { PublishingStatus::Publishing, u"publishing" },
    { PublishingStatus::Published, u"published" },
    { PublishingStatus::Failed, u"failed" },
}};

constexpr std::array<Name<DeploymentStatus>, 5> kDeployment {{
    { DeploymentStatus::Pending, u"pending" },
    { DeploymentStatus::Deploying, u"deploying" },
    { DeploymentStatus::Deployed, u"deployed" },
    { DeploymentStatus::Failed, u"failed" },
    { DeploymentStatus::RolledBack, u"rolled_back" },
}};

constexpr std::array<Name<UnpublishingReason>, 4> kReasons {{
    { UnpublishingReason::PublishedInError, u"published_in_error" },
    { UnpublishingReason::Consolidated, u"consolidated" },
    { UnpublishingReason::Withdrawn, u"withdrawn" },
    { UnpublishingReason::Archived, u"archived" },
}};

constexpr std::array<Name<LinkStatus>, 4> kLinks {{
    { LinkStatus::Ok, u"ok" },
    { LinkStatus::Caution, u"caution" },
    { LinkStatus::Broken, u"broken" },
    { LinkStatus::Danger, u"danger" },
}};

constexpr std::array<Name<SchemaDialect>, 2> kDialects {{
    { SchemaDialect::Draft7, u"draft-07" },
    { SchemaDialect::Draft2020_12, u"2020-12" },
}};

template<typename E, std::size_t N>
constexpr std::array<E, N> valuesOf(const std::array<Name<E>, N> &table)
{
    std::array<E, N> out {};
    for (std::size_t i = 0; i < N; ++i)
        out[i] = table[i].value;
    return out;
}

constexpr auto kStateValues = valuesOf(kStates);
constexpr auto kRoleValues = valuesOf(kRoles);
constexpr auto kPublishingValues = valuesOf(kPublishing);
constexpr auto kDeploymentValues = valuesOf(kDeployment);
constexpr auto kReasonValues = valuesOf(kReasons);
constexpr auto kLinkValues = valuesOf(kLinks);

} // namespace

QString toWire(EditionState s) { return wireName(kStates, s); }
QString toWire(Role r) { return wireName(kRoles, r); }
QString toWire(PublishingStatus s) { return wireName(kPublishing, s); }
QString toWire(DeploymentStatus s) { return wireName(kDeployment, s); }
QString toWire(UnpublishingReason r) { return wireName(kReasons, r); }
QString toWire(LinkStatus s) { return wireName(kLinks, s); }
QString toWire(SchemaDialect d) { return wireName(kDialects, d); }

template<> std::optional<EditionState> fromWire<EditionState>(QStringView t) { return parse(kStates, t); }
template<> std::optional<Role> fromWire<Role>(QStringView t) { return parse(kRoles, t); }
template<> std::optional<PublishingStatus> fromWire<PublishingStatus>(QStringView t) { return parse(kPublishing, t); }
template<> std::optional<DeploymentStatus> fromWire<DeploymentStatus>(QStringView t) { return parse(kDeployment, t); }
template<> std::optional<UnpublishingReason> fromWire<UnpublishingReason>(QStringView t) { return parse(kReasons, t); }
template<> std::optional<LinkStatus> fromWire<LinkStatus>(QStringView t) { return parse(kLinks, t); }
template<> std::optional<SchemaDialect> fromWire<SchemaDialect>(QStringView t) { return parse(kDialects, t); }

std::span<const EditionState> allEditionStates() { return kStateValues; }
std::span<const Role> allRoles() { return kRoleValues; }
std::span<const PublishingStatus> allPublishingStatuses() { return kPublishingValues; }
std::span<const DeploymentStatus> allDeploymentStatuses() { return kDeploymentValues; }
std::span<const UnpublishingReason> allUnpublishingReasons() { return kReasonValues; }
std::span<const LinkStatus> allLinkStatuses() { return kLinkValues; }

QString displayName(EditionState s)
{
    switch (s) {
    case EditionState::Draft: return QCoreApplication::translate("Galley::EditionState", "Draft");
    case EditionState::Submitted: return QCoreApplication::translate("Galley::EditionState", "Submitted");
    case EditionState::Rejected: return QCoreApplication::translate("Galley::EditionState", "Rejected");
    case EditionState::Scheduled: return QCoreApplication::translate("Galley::EditionState", "Scheduled");
    case EditionState::Published: return QCoreApplication::translate("Galley::EditionState", "Published");
    case EditionState::Withdrawn: return QCoreApplication::translate("Galley::EditionState", "Withdrawn");
    case EditionState::Unpublished: return QCoreApplication::translate("Galley::EditionState", "Unpublished");
    case EditionState::Superseded: return QCoreApplication::translate("Galley::EditionState", "Superseded");
    case EditionState::Deleted: return QCoreApplication::translate("Galley::EditionState", "Deleted");
    }
    return {};
}

QString displayName(Role r)
{
    switch (r) {
    case Role::Viewer: return QCoreApplication::translate("Galley::Role", "Viewer");
    case Role::Writer: return QCoreApplication::translate("Galley::Role", "Writer");
    case Role::Editor: return QCoreApplication::translate("Galley::Role", "Editor");
    case Role::ManagingEditor: return QCoreApplication::translate("Galley::Role", "Managing editor");
    case Role::SchemaDesigner: return QCoreApplication::translate("Galley::Role", "Schema designer");
    case Role::Admin: return QCoreApplication::translate("Galley::Role", "Administrator");
    }
    return {};
}

QString displayName(PublishingStatus s)
{
    switch (s) {
    case PublishingStatus::Pending: return QCoreApplication::translate("Galley::PublishingStatus", "Pending");
    case PublishingStatus::Publishing: return QCoreApplication::translate("Galley::PublishingStatus", "Publishing");
    case PublishingStatus::Published: return QCoreApplication::translate("Galley::PublishingStatus", "Published");
    case PublishingStatus::Failed: return QCoreApplication::translate("Galley::PublishingStatus", "Failed");
    }
    return {};
}

QString displayName(DeploymentStatus s)
{
    switch (s) {
    case DeploymentStatus::Pending: return QCoreApplication::translate("Galley::DeploymentStatus", "Pending");
    case DeploymentStatus::Deploying: return QCoreApplication::translate("Galley::DeploymentStatus", "Deploying");
    case DeploymentStatus::Deployed: return QCoreApplication::translate("Galley::DeploymentStatus", "Deployed");
    case DeploymentStatus::Failed: return QCoreApplication::translate("Galley::DeploymentStatus", "Failed");
    case DeploymentStatus::RolledBack: return QCoreApplication::translate("Galley::DeploymentStatus", "Rolled back");
    }
    return {};
}

QString displayName(UnpublishingReason r)
{
    switch (r) {
    case UnpublishingReason::PublishedInError:
        return QCoreApplication::translate("Galley::UnpublishingReason", "Published in error");
    case UnpublishingReason::Consolidated:
        return QCoreApplication::translate("Galley::UnpublishingReason", "Consolidated");
    case UnpublishingReason::Withdrawn:
        return QCoreApplication::translate("Galley::UnpublishingReason", "Withdrawn");
    case UnpublishingReason::Archived:
        return QCoreApplication::translate("Galley::UnpublishingReason", "Archived");
    }
    return {};
}

QString displayName(LinkStatus s)
{
    switch (s) {
    case LinkStatus::Ok: return QCoreApplication::translate("Galley::LinkStatus", "OK");
    case LinkStatus::Caution: return QCoreApplication::translate("Galley::LinkStatus", "Caution");
    case LinkStatus::Broken: return QCoreApplication::translate("Galley::LinkStatus", "Broken");
    case LinkStatus::Danger: return QCoreApplication::translate("Galley::LinkStatus", "Danger");
    }
    return {};
}

QString displayName(SchemaDialect d)
{
    switch (d) {
    case SchemaDialect::Draft7: return QCoreApplication::translate("Galley::SchemaDialect", "Draft 7");
    case SchemaDialect::Draft2020_12: return QCoreApplication::translate("Galley::SchemaDialect", "2020-12");
    }
    return {};
}

bool isPubliclyVisible(EditionState s)
{
    return s == EditionState::Published || s == EditionState::Withdrawn;
}

bool isEditable(EditionState s)
{
    return isOpen(s);
}

bool isFrozen(EditionState s)
{
    return s == EditionState::Superseded || s == EditionState::Deleted;
}

bool isPrePublication(EditionState s)
{
    return isOpen(s) || s == EditionState::Scheduled;
}

bool isOpen(EditionState s)
{
    return s == EditionState::Draft || s == EditionState::Submitted || s == EditionState::Rejected;
}

QString schemaUri(SchemaDialect d)
{
    switch (d) {
    case SchemaDialect::Draft7: return QStringLiteral("http://json-schema.org/draft-07/schema#");
    case SchemaDialect::Draft2020_12: return QStringLiteral("https://json-schema.org/draft/2020-12/schema");
    }
    return {};
}

std::optional<SchemaDialect> dialectFromUri(QStringView uri)
{
    if (uri.contains(u"draft-07"))
        return SchemaDialect::Draft7;
    if (uri.contains(u"2020-12"))
        return SchemaDialect::Draft2020_12;
    return std::nullopt;
}

} // namespace Galley
