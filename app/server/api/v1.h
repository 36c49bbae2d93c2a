#pragma once

#include "http/apiversion.h"

#include <memory>

namespace Galley::Server {

class EditionWorkflow;
class EventSink;
class ServerClock;
class ServerStore;

// What the v1 resource routes share: the store and where committed writes are announced.
struct ApiContext
{
    ServerStore &store;
    std::shared_ptr<EventSink> events;   // may be null (tests of single routes)
};

// The resource route groups of v1, each in its own file; every group declares its routes with
// their permission, query parameters and body, and names path ids after their entity so the
// pipeline's tenancy guard scopes them.
void addTenancyRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api);   // tenancyroutes.cpp
void addSchemaRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api);    // schemaroutes.cpp
void addContentRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api);   // contentroutes.cpp
void addPublisherRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api); // publisherroutes.cpp
void addChangeRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api);    // changeroutes.cpp
void addWorkflowRoutes(ApiVersion &version, const std::shared_ptr<EditionWorkflow> &workflow); // workflowroutes.cpp

struct V1Options
{
    double writesPerSecond = 20;   // per user, sustained; 0: unlimited
    double writeBurst = 200;       // per user, at once
    int accessTokenSeconds = 60 * 60;   // lifetime of the access tokens login and refresh issue
    std::shared_ptr<const ServerClock> clock;   // the workflow's "now" (--clock-file); null: the system clock
};

// API v1: auth, the resource groups above, and the services every route shares (tenancy guard,
// idempotency keys, write throttling).
ApiVersion buildV1(ServerStore &store, std::shared_ptr<EventSink> events, const V1Options &options);

} // namespace Galley::Server
