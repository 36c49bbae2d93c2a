#pragma once

#include <QString>

#include <optional>
#include <span>

namespace Galley {

// The states of an edition (workflow.md). The string forms are the wire forms of api.md.
enum class EditionState {
    Draft,
    Submitted,
    Rejected,
    Scheduled,
    Published,
    Withdrawn,
    Unpublished,
    Superseded,
    Deleted,
};

enum class Role {
    Viewer,
    Writer,
    Editor,
    ManagingEditor,
    SchemaDesigner,
    Admin,
};

enum class PublishingStatus { Pending, Publishing, Published, Failed };

enum class DeploymentStatus { Pending, Deploying, Deployed, Failed, RolledBack };

enum class UnpublishingReason { PublishedInError, Consolidated, Withdrawn, Archived };

enum class LinkStatus { Ok, Caution, Broken, Danger };

enum class SchemaDialect { Draft7, Draft2020_12 };

// Wire names ("draft", "managing_editor", "rolled_back", …: api.md's and the database's) and back.
// fromWire returns nullopt for anything unknown: callers decide whether that is an error.
QString toWire(EditionState s);
QString toWire(Role r);
QString toWire(PublishingStatus s);
QString toWire(DeploymentStatus s);
QString toWire(UnpublishingReason r);
QString toWire(LinkStatus s);
QString toWire(SchemaDialect d);

template<typename E>
std::optional<E> fromWire(QStringView text);

template<> std::optional<EditionState> fromWire<EditionState>(QStringView text);
template<> std::optional<Role> fromWire<Role>(QStringView text);
template<> std::optional<PublishingStatus> fromWire<PublishingStatus>(QStringView text);
template<> std::optional<DeploymentStatus> fromWire<DeploymentStatus>(QStringView text);
template<> std::optional<UnpublishingReason> fromWire<UnpublishingReason>(QStringView text);
template<> std::optional<LinkStatus> fromWire<LinkStatus>(QStringView text);
template<> std::optional<SchemaDialect> fromWire<SchemaDialect>(QStringView text);

// Every value, in declaration order (for filters, tests and generators).
std::span<const EditionState> allEditionStates();
std::span<const Role> allRoles();
std::span<const PublishingStatus> allPublishingStatuses();
std::span<const DeploymentStatus> allDeploymentStatuses();
std::span<const UnpublishingReason> allUnpublishingReasons();
std::span<const LinkStatus> allLinkStatuses();

// Translated names for people ("Submitted", "Managing editor", "Rolled back").
QString displayName(EditionState s);
QString displayName(Role r);
QString displayName(PublishingStatus s);
QString displayName(DeploymentStatus s);
QString displayName(UnpublishingReason r);
QString displayName(LinkStatus s);
QString displayName(SchemaDialect d);

// workflow.md's state properties.
bool isPubliclyVisible(EditionState s);
bool isEditable(EditionState s);
bool isFrozen(EditionState s);
bool isPrePublication(EditionState s);
// Open for work: draft, submitted or rejected (at most one per document).
bool isOpen(EditionState s);

// The JSON Schema "$schema" URI of a dialect, and the dialect a URI names.
QString schemaUri(SchemaDialect d);
std::optional<SchemaDialect> dialectFromUri(QStringView uri);

} // namespace Galley
