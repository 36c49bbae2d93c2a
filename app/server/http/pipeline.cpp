#include "pipeline.h"

#include "envelope.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QScopeGuard>
#include <QLoggingCategory>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <exception>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace Galley::Server {

namespace {

std::optional<HttpMethod> methodFromWire(const QByteArray &m)
{
    if (m == "GET") return HttpMethod::Get;
    if (m == "POST") return HttpMethod::Post;
    if (m == "PUT") return HttpMethod::Put;
    if (m == "PATCH") return HttpMethod::Patch;
    if (m == "DELETE") return HttpMethod::Delete;
    return std::nullopt;
}

// Strictly positive decimal id without sign, spaces or leading zeros.
std::optional<qint64> parseId(const QString &text)
{
    if (text.isEmpty() || text.size() > 18 || text.startsWith(u'0'))
        return std::nullopt;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    return text.toLongLong();
}

bool isJsonMediaType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').constFirst().trimmed().toLower();
    return type == "application/json";
}

thread_local std::optional<Pipeline::ClaimedKey> t_claimedKey;

} // namespace

const std::optional<Pipeline::ClaimedKey> &Pipeline::claimedKey()
{
    return t_claimedKey;
}

void Pipeline::markClaimedKeyAnswered()
{
    if (t_claimedKey)
        t_claimedKey->answered = true;
}

Pipeline::Pipeline(std::shared_ptr<Authenticator> authenticator, Options options)
    : m_authenticator(std::move(authenticator)), m_options(options)
{
}

Status Pipeline::mount(const QString &prefix, const QList<Route> &routes)
{
    QList<Mounted> added;
    for (const Route &route : routes) {
        const QString full = prefix + route.pattern();
        if (!route.handler())
            return Error { u"route_without_handler"_s, u"%1 %2 has no handler."_s.arg(toString(route.method()), full) };
        if (!route.pattern().startsWith(u'/') && !route.pattern().isEmpty())
            return Error { u"bad_pattern"_s, u"%1 must start with '/'."_s.arg(full) };
        if (route.method() == HttpMethod::Get && route.takesBody())
            return Error { u"bad_route"_s, u"GET %1 cannot take a body."_s.arg(full) };

        Mounted m { {}, full, route };
        const ResourceGuard *guard = route.services() ? route.services()->guard.get() : nullptr;
        QSet<QString> names;
        const QStringList parts = full.split(u'/');
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QString &part = parts.at(i);
            if (part.isEmpty())
                return Error { u"bad_pattern"_s, u"%1 has an empty segment."_s.arg(full) };
            if (part.startsWith(u'{') && part.endsWith(u'}')) {
                QString name = part.mid(1, part.size() - 2);
                bool isId = true;
                if (name.endsWith(":string"_L1)) {
                    name.chop(7);
                    isId = false;
                }
                if (name.isEmpty() || name.contains(u':') || names.contains(name))
                    return Error { u"bad_pattern"_s, u"%1 has a bad parameter '%2'."_s.arg(full, part) };
                names.insert(name);
                if (guard && isId && (route.permission() == Permission::Public || !guard->knows(name)))
                    return Error { u"unscoped_route"_s,
                                   u"%1 %2: no tenancy scope for '{%3}' (name the resource the id refers to)."_s
                                           .arg(toString(route.method()), full, name) };
                m.segments.append(Segment { {}, name, isId });
            } else if (part.contains(u'{') || part.contains(u'}')) {
                return Error { u"bad_pattern"_s, u"%1 has a bad segment '%2'."_s.arg(full, part) };
            } else {
                m.segments.append(Segment { part, {}, true });
            }
        }
        const auto sameShape = [&](const Mounted &other) {
            if (other.route.method() != route.method() || other.segments.size() != m.segments.size())
                return false;
            for (qsizetype i = 0; i < m.segments.size(); ++i) {
                if (other.segments.at(i).literal != m.segments.at(i).literal)
                    return false;
            }
            return true;
        };
        if (std::any_of(m_routes.cbegin(), m_routes.cend(), sameShape) || std::any_of(added.cbegin(), added.cend(), sameShape))
            return Error { u"duplicate_route"_s, u"%1 %2 is declared twice."_s.arg(toString(route.method()), full) };
        added.append(std::move(m));
    }
    m_routes.append(added);
    return {};
}

PipelineResponse Pipeline::answer(const ApiError &error, const PipelineRequest &request) const
{
    PipelineResponse response;
    response.httpStatus = error.httpStatus;
    response.body = Envelope::error(error, request.requestId);
    if (error.retryAfterSeconds > 0)
        response.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", QByteArray::number(error.retryAfterSeconds)));
    return response;
}

PipelineResponse Pipeline::process(const PipelineRequest &request) const
{
    try {
        return run(request);
    } catch (const std::exception &e) {
        qCWarning(lcHttp).noquote() << u"request_id="_s + request.requestId << "handler failed:" << e.what();
    } catch (...) {
        qCWarning(lcHttp).noquote() << u"request_id="_s + request.requestId << "handler failed with an unknown exception";
    }
    return answer(ApiError::internal(), request);
}

PipelineResponse Pipeline::run(const PipelineRequest &request) const
{
    // Routing: the most specific pattern (most literal segments) whose shape fits the path.
    QStringList segments;
    {
        const QList<QByteArray> raw = request.encodedPath.split('/');
        if (raw.isEmpty() || !raw.constFirst().isEmpty())
            return answer(ApiError::notFound(u"No such endpoint."_s), request);
        for (qsizetype i = 1; i < raw.size(); ++i)
            segments.append(QUrl::fromPercentEncoding(raw.at(i)));
    }
    const Mounted *best = nullptr;
    int bestLiterals = -1;
    for (const Mounted &m : m_routes) {
        if (m.segments.size() != segments.size())
            continue;
        int literals = 0;
        bool fits = true;
        for (qsizetype i = 0; i < segments.size() && fits; ++i) {
            const Segment &s = m.segments.at(i);
            if (!s.literal.isEmpty()) {
                fits = s.literal == segments.at(i);
                ++literals;
            } else {
                fits = !segments.at(i).isEmpty();
            }
        }
        if (fits && literals > bestLiterals) {
            best = &m;
            bestLiterals = literals;
        }
    }
    if (!best)
        return answer(ApiError::notFound(u"No such endpoint."_s), request);

    const std::optional<HttpMethod> method = methodFromWire(request.method);
    const Mounted *mounted = nullptr;
    QStringList allowed;
    for (const Mounted &m : m_routes) {
        if (m.fullPattern != best->fullPattern)
            continue;
        allowed.append(toString(m.route.method()));
        if (method && m.route.method() == *method)
            mounted = &m;
    }
    if (!mounted) {
        PipelineResponse response = answer(
                ApiError::methodNotAllowed(u"%1 is not allowed here; use %2."_s.arg(QString::fromLatin1(request.method), allowed.join(u", "_s))),
                request);
        response.headers.append(std::pair<QByteArray, QByteArray>("Allow", allowed.join(u", "_s).toLatin1()));
        return response;
    }
    const Route &route = mounted->route;

    RequestContext context;
    context.requestId = request.requestId;
    context.headers = request.headers;
    context.remoteAddress = request.remoteAddress;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const Segment &s = mounted->segments.at(i);
        if (!s.literal.isEmpty())
            continue;
        if (s.isId) {
            const std::optional<qint64> id = parseId(segments.at(i));
            if (!id)
                return answer(ApiError::notFound(), request);
            context.pathParams.insert(s.param, QVariant::fromValue(*id));
        } else {
            context.pathParams.insert(s.param, segments.at(i));
        }
    }

    // 1. Input validation: only declared query parameters, each once, each of its type.
    const QUrlQuery query(QString::fromUtf8(request.encodedQuery));
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        const auto spec = std::find_if(route.queryParams().cbegin(), route.queryParams().cend(),
                                       [&](const QueryParam &p) { return p.name() == name; });
        if (spec == route.queryParams().cend())
            return answer(ApiError::badRequest(u"Unknown query parameter '%1'."_s.arg(name), name), request);
        if (context.query.contains(name))
            return answer(ApiError::badRequest(u"Query parameter '%1' is given more than once."_s.arg(name), name), request);
        auto parsed = spec->parse(value);
        if (const ApiError *error = std::get_if<ApiError>(&parsed))
            return answer(*error, request);
        context.query.insert(name, std::get<QVariant>(std::move(parsed)));
    }
    for (const QueryParam &p : route.queryParams()) {
        if (p.isRequired() && !context.query.contains(p.name()))
            return answer(ApiError::badRequest(u"Query parameter '%1' is required."_s.arg(p.name()), p.name()), request);
    }

    // 2. Deserialization: size (Content-Length first), media type, a JSON object.
    const QByteArray contentLength = request.headers.value("content-length");
    bool lengthOk = true;
    const qint64 declared = contentLength.isEmpty() ? 0 : contentLength.toLongLong(&lengthOk);
    if (!lengthOk || declared < 0)
        return answer(ApiError::badRequest(u"Content-Length is not a number."_s), request);
    if (declared > m_options.maxBodyBytes || request.body.size() > m_options.maxBodyBytes)
        return answer(ApiError::tooLarge(u"The body is larger than %1 bytes."_s.arg(m_options.maxBodyBytes)), request);
    if (route.takesBody() && (!request.body.isEmpty() || route.bodyRequired())) {
        if (!isJsonMediaType(request.headers.value("content-type")))
            return answer(ApiError::unsupportedMediaType(u"The body must be application/json."_s), request);
        if (request.body.trimmed().isEmpty())
            return answer(ApiError::badRequest(u"This endpoint needs a JSON object body."_s, u""_s), request);
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return answer(ApiError::badRequest(u"Malformed JSON at byte %1: %2."_s.arg(parseError.offset).arg(parseError.errorString())), request);
        if (!document.isObject())
            return answer(ApiError::badRequest(u"The body must be a JSON object."_s), request);
        context.body = document.object();
    }

    // 3. Authentication, 4. permission check.
    if (route.permission() != Permission::Public) {
        const auto unauthenticated = [&](const QString &message) {
            PipelineResponse response = answer(ApiError::unauthenticated(message), request);
            response.headers.append(std::pair<QByteArray, QByteArray>("WWW-Authenticate", "Bearer"));
            return response;
        };
        const QByteArray authorization = request.headers.value("authorization").trimmed();
        if (authorization.isEmpty())
            return unauthenticated(u"This endpoint needs an 'Authorization: Bearer' token."_s);
        if (authorization.size() < 8 || authorization.left(7).toLower() != "bearer ")
            return unauthenticated(u"Only bearer tokens are accepted."_s);
        const QByteArray token = authorization.mid(7).trimmed();
        context.caller = token.isEmpty() ? std::nullopt : m_authenticator->authenticate(token);
        if (!context.caller)
            return unauthenticated(u"The token is unknown or has expired."_s);
        if (!roleHas(context.caller->role, route.permission())) {
            PipelineResponse response = answer(
                    ApiError::forbidden(u"Your role (%1) does not include %2."_s.arg(toWire(context.caller->role), toWire(route.permission()))),
                    request);
            response.accountId = context.caller->accountId;
            return response;
        }
    }

    const RouteServices *services = route.services().get();
    const auto withAccount = [&context](PipelineResponse response) {
        if (context.caller)
            response.accountId = context.caller->accountId;
        return response;
    };

    // Tenancy of the path: an object the caller may not see does not exist for them.
    if (services && services->guard && context.caller) {
        for (const Segment &s : mounted->segments) {
            if (s.literal.isEmpty() && s.isId
                && !services->guard->visible(*context.caller, s.param, context.pathParams.value(s.param).toLongLong()))
                return withAccount(answer(ApiError::notFound(), request));
        }
    }

    // Writes: throttled per user, and made idempotent by an Idempotency-Key.
    const bool isWrite = route.method() != HttpMethod::Get;
    QString idempotencyKey;
    if (services && isWrite && context.caller) {
        if (services->writeLimiter) {
            if (const int wait = services->writeLimiter->admit(*context.caller); wait > 0)
                return withAccount(answer(ApiError::rateLimited(
                        u"Too many changes in a short time; try again in %n second(s)."_s.replace(u"%n"_s, QString::number(wait)), wait),
                        request));
        }
        const QByteArray key = request.headers.value("idempotency-key").trimmed();
        if (!key.isEmpty() && services->idempotency) {
            const bool printable = std::all_of(key.cbegin(), key.cend(), [](char c) { return c > 0x20 && c < 0x7f; });
            if (key.size() > 255 || !printable)
                return withAccount(answer(ApiError::badRequest(
                        u"Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID is best)."_s, u"Idempotency-Key"_s),
                        request));
            idempotencyKey = QString::fromLatin1(key);
            QCryptographicHash fingerprint(QCryptographicHash::Sha256);
            fingerprint.addData(request.method);
            fingerprint.addData(" ");
            fingerprint.addData(request.encodedPath);
            fingerprint.addData("?");
            fingerprint.addData(request.encodedQuery);
            fingerprint.addData("\n");
            fingerprint.addData(request.body);
            const IdempotencyStore::Claim claim = services->idempotency->claim(context.caller->accountId, idempotencyKey,
                                                                               fingerprint.result().toHex());
            switch (claim.outcome) {
            case IdempotencyStore::Claim::Outcome::Proceed:
                break;
            case IdempotencyStore::Claim::Outcome::Replay: {
                PipelineResponse replay;
                replay.httpStatus = claim.stored.httpStatus;
                replay.body = claim.stored.body;
                replay.headers.append(std::pair<QByteArray, QByteArray>("Idempotent-Replayed", "true"));
                return withAccount(std::move(replay));
            }
            case IdempotencyStore::Claim::Outcome::Mismatch:
                return withAccount(answer(ApiError::of(422, u"idempotency_key_reused"_s,
                                                        u"This Idempotency-Key was already used for a different request; "
                                                        "use a new key for every distinct change."_s),
                                          request));
            case IdempotencyStore::Claim::Outcome::Busy: {
                ApiError busy = ApiError::of(409, u"idempotency_in_progress"_s,
                                             u"A request with this Idempotency-Key is still being processed; retry shortly."_s);
                busy.retryAfterSeconds = 1;
                return withAccount(answer(busy, request));
            }
            case IdempotencyStore::Claim::Outcome::Failed:
                return withAccount(answer(ApiError::internal(), request));
            }
        }
    }

    // 5. Query, 6. serialization.
    if (!idempotencyKey.isEmpty())
        t_claimedKey = ClaimedKey { context.caller->accountId, idempotencyKey, request.requestId };
    auto clearKey = qScopeGuard([] { t_claimedKey.reset(); });
    HandlerResult result = route.handler()(context);
    clearKey.dismiss();
    const bool answeredByWrite = t_claimedKey && t_claimedKey->answered;
    t_claimedKey.reset();
    PipelineResponse response;
    if (const ApiError *error = std::get_if<ApiError>(&result)) {
        response = answer(*error, request);
    } else {
        const ApiSuccess &success = std::get<ApiSuccess>(result);
        response.httpStatus = success.httpStatus;
        response.body = Envelope::success(success, request.requestId);
    }
    if (!idempotencyKey.isEmpty() && !answeredByWrite) {
        if (response.httpStatus >= 500)
            services->idempotency->release(context.caller->accountId, idempotencyKey);
        else
            services->idempotency->finish(context.caller->accountId, idempotencyKey,
                                          IdempotencyStore::Stored { response.httpStatus, response.body });
    }
    return withAccount(std::move(response));
}

} // namespace Galley::Server
