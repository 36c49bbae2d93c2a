#pragma once

#include "apierror.h"
#include "route.h"

#include <QByteArray>
#include <QString>

namespace Galley::Server {

// api.md's envelope, the only shape the server answers in:
//   {"success": true, "data": …, "meta": {…}?, "request_id": "…"}
//   {"success": false, "error": "…", "errors": [{"code", "message", "field"?}], "request_id": "…"}
namespace Envelope {
QByteArray success(const ApiSuccess &result, const QString &requestId);
QByteArray error(const ApiError &error, const QString &requestId);
} // namespace Envelope

} // namespace Galley::Server
