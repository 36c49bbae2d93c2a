#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

namespace Galley::Server {

// One problem in an error envelope's `errors` array; `field` is a JSON pointer ("/spec_doc/type")
// or, for query parameters, the parameter's name. Empty: not about one field.
struct FieldError
{
    QString code;
    QString message;
    QString field;

    friend bool operator==(const FieldError &, const FieldError &) = default;
};

// A failed request as the client sees it: HTTP status, stable code (api.md), one human sentence
// and the individual problems. Handlers return it; the pipeline produces it for its own stages.
struct ApiError
{
    int httpStatus = 500;
    QString code;
    QString message;
    QList<FieldError> errors;   // empty: the envelope gets one entry made of code and message
    int retryAfterSeconds = 0;  // > 0: answered with a Retry-After header (429)
    QJsonValue data;            // set: the envelope's `data` (409 carries the current copy)

    // Any status and code; `errors` empty: one entry made of code and message.
    static ApiError of(int httpStatus, const QString &code, const QString &message, QList<FieldError> errors = {});

    static ApiError badRequest(const QString &message, const QString &field = {});
    static ApiError unauthenticated(const QString &message);
    static ApiError forbidden(const QString &message);
    static ApiError notFound(const QString &message = {});
    static ApiError methodNotAllowed(const QString &message);
    static ApiError tooLarge(const QString &message);
    static ApiError unsupportedMediaType(const QString &message);
    static ApiError invalid(const QString &message, QList<FieldError> errors);
    static ApiError rateLimited(const QString &message, int retryAfterSeconds);
    static ApiError internal();
    // 409 update_collision: the write was made against an older lock_version; `current` is the
    // server's copy now.
    static ApiError collision(const QString &message, const QJsonValue &current);
    // 409 conflict: the request is valid but the object's current state refuses it (e.g. a
    // schema still used by documents).
    static ApiError conflict(const QString &code, const QString &message);
};

} // namespace Galley::Server
