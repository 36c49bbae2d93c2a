#pragma once

#include <memory>

namespace Galley::Server {

class ApiVersion;
struct ApiContext;

// The link-check routes (api.md "Resources"; workflow.md "Link checking"):
//   POST /editions/{edition}/link-check       202 {edition_id, status: "running"}; the report
//                                             arrives through the change feed (entity link_check)
//                                             and GET /editions/{edition}/link-check
//   GET  /accounts/current/link-deny-list     {hosts: [...]} (Read)
//   PUT  /accounts/current/link-deny-list     {hosts: [...]} replaces the list (Administer)
// Starts the LinkCheckRunner the routes share (options from the environment, see
// LinkCheckOptions::fromEnvironment) and registers it for the edition PUT's re-check.
void addLinkCheckRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api);

} // namespace Galley::Server
