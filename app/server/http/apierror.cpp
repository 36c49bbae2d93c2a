#include "apierror.h"

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {
ApiError make(int status, const QString &code, const QString &message, const QString &field = {})
{
    return ApiError::of(status, code, message, { FieldError { code, message, field } });
}
} // namespace

ApiError ApiError::badRequest(const QString &message, const QString &field)
{
    return make(400, u"bad_request"_s, message, field);
}

ApiError ApiError::unauthenticated(const QString &message)
{
    return make(401, u"unauthenticated"_s, message);
}

ApiError ApiError::rateLimited(const QString &message, int retryAfterSeconds)
{
    ApiError error = make(429, u"rate_limited"_s, message);
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
}

ApiError ApiError::forbidden(const QString &message)
{
    return make(403, u"forbidden"_s, message);
}

ApiError ApiError::notFound(const QString &message)
{
    return make(404, u"not_found"_s, message.isEmpty() ? u"No such object."_s : message);
}

ApiError ApiError::methodNotAllowed(const QString &message)
{
    return make(405, u"method_not_allowed"_s, message);
}

ApiError ApiError::of(int httpStatus, const QString &code, const QString &message, QList<FieldError> errors)
{
    ApiError error;
    error.httpStatus = httpStatus;
    error.code = code;
    error.message = message;
    error.errors = std::move(errors);
    return error;
}

ApiError ApiError::collision(const QString &message, const QJsonValue &current)
{
    ApiError error = make(409, u"update_collision"_s, message);
    error.data = current;
    return error;
}

ApiError ApiError::conflict(const QString &code, const QString &message)
{
    return make(409, code, message);
}

ApiError ApiError::tooLarge(const QString &message)
{
    return make(413, u"too_large"_s, message);
}

ApiError ApiError::unsupportedMediaType(const QString &message)
{
    return make(415, u"unsupported_media_type"_s, message);
}

ApiError ApiError::invalid(const QString &message, QList<FieldError> errors)
{
    return of(422, u"invalid"_s, message, std::move(errors));
}

ApiError ApiError::internal()
{
    return make(500, u"internal_error"_s, u"The server failed to answer this request."_s);
}

} // namespace Galley::Server
