#include "v1.h"

#include "editionworkflow.h"
#include "idempotency.h"
#include "tenancy.h"

#include "auth/authroutes.h"
#include "linkcheck/linkcheckroutes.h"

using namespace Qt::StringLiterals;

namespace Galley::Server {

ApiVersion buildV1(ServerStore &store, std::shared_ptr<EventSink> events, const V1Options &options)
{
    ApiVersion v1(u"v1"_s);
    auto services = std::make_shared<RouteServices>();
    services->guard = std::make_shared<StoreResourceGuard>(store);
    services->idempotency = std::make_shared<StoreIdempotency>(store);
    services->writeLimiter = std::make_shared<TokenBucketLimiter>(options.writesPerSecond, options.writeBurst);
    v1.setServices(services);

    AuthRoutes::addTo(v1, std::make_shared<AuthRoutes>(store, options.accessTokenSeconds));
    auto api = std::make_shared<ApiContext>(ApiContext { store, std::move(events) });
    addTenancyRoutes(v1, api);
    addSchemaRoutes(v1, api);
    addContentRoutes(v1, api);
    addPublisherRoutes(v1, api);
    addChangeRoutes(v1, api);
    addLinkCheckRoutes(v1, api);
    addWorkflowRoutes(v1, std::make_shared<EditionWorkflow>(store, api->events, options.clock));
    return v1;
}

} // namespace Galley::Server
