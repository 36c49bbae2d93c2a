// The edition workflow (workflow.md; api.md "Resources"):
//   POST /editions/{edition}/transitions     {event, lock_version, reason?, scheduled_publication?,
//                                            unpublishing?: {reason, explanation?, alternative_url?, redirect?}}
//   POST /documents/{document}/editions      a new draft from the latest edition
//   GET  /documents/{document}/public        what a visitor of the document's URL gets
// The rules are Workflow's (models/workflow); EditionWorkflow loads what they read and writes what
// they say. These routes only read the request.
//
// Decisions where api.md is silent:
// - `event` is a wire name of Workflow::toWire ("submit", "force_publish", …); create document,
//   edit, new edition and scheduled publish are not transitions (422 `unknown_event`).
// - lock_version comes from the body or If-Match (both: they must agree), as for PUT /editions.
// - A refusal by the rules: 403 `forbidden` (the role), 409 `update_collision` with the current
//   copy in `data` (stale lock_version), otherwise 422 `transition_refused`; each with the
//   engine's exact sentence and, where the rules name one, the request field as JSON pointer.
// - `reason` is the force publish / force schedule reason and, for reject, the remark's text.
// - The answer of a transition is the edition; unwithdraw's adds "created_edition", the new
//   published edition it made.
// - GET …/public answers 200 with {kind: render | render_with_notice | redirect | gone |
//   not_public, http_status: 200 | 301 | 410 | 404 (what the visitor gets), url, edition,
//   redirect_to, explanation, since}.
#include "editionworkflow.h"
#include "entities.h"
#include "v1.h"

#include <QJsonObject>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <initializer_list>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

constexpr qsizetype kMaxReason = 10000;

ApiError invalid(const QList<FieldError> &errors)
{
    const QString message = errors.size() == 1
            ? errors.constFirst().message
            : u"The request has %1 problems; each is listed in errors."_s.arg(errors.size());
    return ApiError::invalid(message, errors);
}

// If-Match: "3", 3 or W/"3" → 3; nullopt when absent; 0 when malformed.
std::optional<qint64> ifMatch(const RequestContext &c)
{
    QByteArray value = c.header("if-match").trimmed();
    if (value.isEmpty())
        return std::nullopt;
    if (value.startsWith("W/"))
        value = value.mid(2);
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
        value = value.mid(1, value.size() - 2);
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    return ok && n > 0 && !value.startsWith('+') ? n : 0;
}

// Member by member, every problem at once; `null` counts as absent.
class Reader
{
public:
    Reader(const QJsonObject &body, const QString &at, std::initializer_list<QLatin1StringView> allowed,
           QList<FieldError> *errors)
        : m_body(body), m_at(at), m_errors(errors)
    {
        for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
                fail(it.key(), u"unknown_field"_s, u"'%1' is not a member of this request."_s.arg(it.key()));
        }
    }

    bool has(QLatin1StringView name) const
    {
        const QJsonValue v = m_body.value(name);
        return !v.isUndefined() && !v.isNull();
    }

    std::optional<QString> text(QLatin1StringView name, bool required, qsizetype maxLength)
    {
        if (!present(name, required))
            return std::nullopt;
        const QJsonValue v = m_body.value(name);
        if (!v.isString()) {
            fail(name, u"type"_s, u"'%1' must be a string."_s.arg(name));
            return std::nullopt;
        }
        const QString s = v.toString();
        if (s.contains(QChar(u'\0'))) {
            fail(name, u"format"_s, u"'%1' must not contain NUL characters."_s.arg(name));
            return std::nullopt;
        }
        if (s.size() > maxLength) {
            fail(name, u"length"_s, u"'%1' must be at most %2 characters long."_s.arg(name).arg(maxLength));
            return std::nullopt;
        }
        return s;
    }

    std::optional<qint64> positive(QLatin1StringView name)
    {
        if (!present(name, false))
            return std::nullopt;
        const QJsonValue v = m_body.value(name);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d > 2147483647.0 || std::floor(d) != d) {
            fail(name, u"type"_s, u"'%1' must be a positive integer."_s.arg(name));
            return std::nullopt;
        }
        return qint64(d);
    }

    std::optional<bool> boolean(QLatin1StringView name)
    {
        if (!present(name, false))
            return std::nullopt;
        const QJsonValue v = m_body.value(name);
        if (!v.isBool()) {
            fail(name, u"type"_s, u"'%1' must be true or false."_s.arg(name));
            return std::nullopt;
        }
        return v.toBool();
    }

    std::optional<QJsonObject> object(QLatin1StringView name)
    {
        if (!present(name, false))
            return std::nullopt;
        const QJsonValue v = m_body.value(name);
        if (!v.isObject()) {
            fail(name, u"type"_s, u"'%1' must be a JSON object."_s.arg(name));
            return std::nullopt;
        }
        return v.toObject();
    }

    QString pointer(const QString &member) const
    {
        QString escaped = member;
        escaped.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
        return m_at + u'/' + escaped;
    }

    void fail(const QString &member, const QString &code, const QString &message)
    {
        m_errors->append(FieldError { code, message, pointer(member) });
    }

private:
    bool present(QLatin1StringView name, bool required)
    {
        if (has(name))
            return true;
        if (required)
            fail(name, u"required"_s, u"'%1' is required."_s.arg(name));
        return false;
    }

    QJsonObject m_body;
    QString m_at;
    QList<FieldError> *m_errors;
};

QStringList transitionNames()
{
    QStringList names;
    for (const Workflow::Event e : Workflow::allEvents()) {
        if (Workflow::isTransitionEvent(e))
            names << Workflow::toWire(e);
    }
    return names;
}

HandlerResult postTransition(EditionWorkflow &workflow, const RequestContext &c)
{
    QList<FieldError> errors;
    Reader body(c.body, {}, { "event"_L1, "lock_version"_L1, "reason"_L1, "scheduled_publication"_L1, "unpublishing"_L1 }, &errors);
    const auto eventName = body.text("event"_L1, true, 100);
    Workflow::Event event = Workflow::Event::Submit;
    if (eventName) {
        const std::optional<Workflow::Event> named = Workflow::eventFromWire(*eventName);
        if (named && Workflow::isTransitionEvent(*named)) {
            event = *named;
        } else {
            body.fail(u"event"_s, u"unknown_event"_s,
                      u"'%1' is not a transition; one of: %2."_s.arg(*eventName, transitionNames().join(u", "_s)));
        }
    }
    std::optional<qint64> lockVersion = body.positive("lock_version"_L1);
    const std::optional<qint64> header = ifMatch(c);
    if (header == 0)
        return ApiError::badRequest(u"If-Match must be the edition's lock_version, e.g. If-Match: \"3\"."_s, u"If-Match"_s);
    if (header && lockVersion && *header != *lockVersion)
        body.fail(u"lock_version"_s, u"mismatch"_s,
                  u"lock_version (%1) and If-Match (%2) disagree; send one of them."_s.arg(*lockVersion).arg(*header));
    if (!lockVersion)
        lockVersion = header;
    if (!lockVersion && !body.has("lock_version"_L1))
        body.fail(u"lock_version"_s, u"required"_s,
                  u"'lock_version' is required (in the body or as If-Match): the version of the edition you saw."_s);
    if (lockVersion && *lockVersion > 2147483647)
        body.fail(u"lock_version"_s, u"type"_s, u"'lock_version' is out of range."_s);

    Workflow::Request request;
    request.lockVersion = int(lockVersion.value_or(0));
    request.reason = body.text("reason"_L1, false, kMaxReason).value_or(QString());
    if (const auto when = body.text("scheduled_publication"_L1, false, 100)) {
        const auto ms = parseIsoTime(*when);
        if (!ms)
            body.fail(u"scheduled_publication"_s, u"format"_s,
                      u"'scheduled_publication' must be an ISO 8601 time with Z or an offset, e.g. 2026-11-22T09:30:00Z."_s);
        else
            request.scheduledPublication = QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::UTC);
    }
    if (const auto u = body.object("unpublishing"_L1)) {
        Reader inner(*u, u"/unpublishing"_s, { "reason"_L1, "explanation"_L1, "alternative_url"_L1, "redirect"_L1 }, &errors);
        Workflow::UnpublishingRequest up;
        if (const auto reason = inner.text("reason"_L1, true, 100)) {
            if (const auto parsed = fromWire<UnpublishingReason>(*reason)) {
                up.reason = *parsed;
            } else {
                QStringList names;
                for (const UnpublishingReason r : allUnpublishingReasons())
                    names << toWire(r);
                inner.fail(u"reason"_s, u"unknown_reason"_s,
                           u"'%1' is not an unpublishing reason; one of: %2."_s.arg(*reason, names.join(u", "_s)));
            }
        }
        up.explanation = inner.text("explanation"_L1, false, kMaxReason).value_or(QString());
        up.alternativeUrl = inner.text("alternative_url"_L1, false, 2000).value_or(QString());
        up.redirect = inner.boolean("redirect"_L1).value_or(false);
        request.unpublishing = up;
    }
    if (!errors.isEmpty())
        return invalid(errors);

    const Caller &caller = c.user();
    const Workflow::Actor actor { caller.userId, caller.role, false };
    return workflow.transition(caller, actor, c.pathId(u"edition"_s), event, request);
}

HandlerResult postNewEdition(EditionWorkflow &workflow, const RequestContext &c)
{
    QList<FieldError> errors;
    Reader body(c.body, {}, {}, &errors);
    if (!errors.isEmpty())
        return invalid(errors);
    return workflow.createNewEdition(c.user(), c.pathId(u"document"_s));
}

} // namespace

void addWorkflowRoutes(ApiVersion &version, const std::shared_ptr<EditionWorkflow> &workflow)
{
    version.add(Route(HttpMethod::Post, u"/editions/{edition}/transitions"_s, Permission::WriteContent,
                      [workflow](const RequestContext &c) { return postTransition(*workflow, c); })
                        .body());

    version.add(Route(HttpMethod::Post, u"/documents/{document}/editions"_s, Permission::WriteContent,
                      [workflow](const RequestContext &c) { return postNewEdition(*workflow, c); })
                        .body(false));

    version.add(Route(HttpMethod::Get, u"/documents/{document}/public"_s, Permission::Read,
                      [workflow](const RequestContext &c) { return workflow->publicResolution(c.user(), c.pathId(u"document"_s)); }));
}

} // namespace Galley::Server
