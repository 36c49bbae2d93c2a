#pragma once

#include "enums.h"
#include "tenancy.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Galley {

// An account's JSON Schema for a kind of content.
struct ContentSchema
{
    Id id = 0;
    Id accountId = 0;
    QString name;
    QString description;
    SchemaDialect dialect = SchemaDialect::Draft2020_12;
    QJsonObject specDoc;        // the JSON Schema itself
    // The same schema as its author wrote it: member order (the order of a form's fields) and
    // formatting, which a QJsonObject does not keep. Empty when unknown (then show specDoc).
    QString specText;
    QString authPolicy;         // who may create content with it, e.g. "writer"
    int lockVersion = 1;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// A piece of content. It has no state of its own: its editions do.
struct Document
{
    Id id = 0;
    Id accountId = 0;
    Id siteId = 0;
    Id sectorId = 0;
    Id schemaId = 0;
    QString slug;
    Id createdBy = 0;
    QDateTime createdAt;
};

// A version number as the public sees it ("2.1"); 0.0 until first published.
struct VersionNumber
{
    int major = 0;
    int minor = 0;
    bool isSet() const { return major > 0 || minor > 0; }
    QString toString() const;
    friend bool operator==(const VersionNumber &, const VersionNumber &) = default;
};

// The versioned, stateful content of a document.
struct Edition
{
    Id id = 0;
    Id accountId = 0;
    Id documentId = 0;
    Id siteId = 0;
    Id sectorId = 0;
    Id schemaId = 0;
    QString title;
    QJsonObject fields;                 // valid (or, while a draft, not yet) against the schema
    EditionState state = EditionState::Draft;
    QString changeNote;
    bool minorChange = false;
    bool forcePublished = false;
    VersionNumber version;
    QDateTime scheduledPublication;     // invalid when not scheduled
    QDateTime firstPublishedAt;
    QDateTime majorChangePublishedAt;
    int lockVersion = 1;
    Id createdBy = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// Why and how a published edition was taken down (workflow.md, "Unpublishing reasons").
struct Unpublishing
{
    Id id = 0;
    Id editionId = 0;
    UnpublishingReason reason = UnpublishingReason::PublishedInError;
    QString explanation;
    QString alternativeUrl;
    bool redirect = false;
    QDateTime createdAt;
};

// An internal note on an edition.
struct EditorialRemark
{
    Id id = 0;
    Id editionId = 0;
    Id authorId = 0;
    QString authorName;
    QString body;
    QDateTime createdAt;
};

// One state change of an edition: the source of four-eyes decisions.
struct AuditEntry
{
    Id id = 0;
    Id editionId = 0;
    std::optional<EditionState> fromState;   // nullopt for creation
    EditionState toState = EditionState::Draft;
    Id userId = 0;
    QString userName;
    QDateTime at;
};

struct LinkCheckItem
{
    QString url;
    LinkStatus status = LinkStatus::Ok;
    QString problem;
};

// The result of checking the links of an edition's rich-text fields.
struct LinkCheckReport
{
    Id id = 0;
    Id editionId = 0;
    QDateTime checkedAt;
    QList<LinkCheckItem> links;

    bool hasDanger() const;
    int count(LinkStatus s) const;
};

} // namespace Galley
