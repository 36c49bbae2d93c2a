#pragma once

#include "caller.h"

#include <QByteArray>

#include <optional>

namespace Galley::Server {

// Resolves a bearer token to its caller. Called from the pipeline's worker threads, concurrently:
// implementations must be thread-safe. nullopt: unknown or expired token (401).
class Authenticator
{
public:
    virtual ~Authenticator() = default;
    virtual std::optional<Caller> authenticate(const QByteArray &token) = 0;
};

} // namespace Galley::Server
