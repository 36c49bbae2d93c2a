// Decisions where api.md is silent:
// - POST /editions/{id}/link-check takes no body and answers 202 at once; checks of one edition
//   coalesce (a second request while one runs joins it). The finished report is a new
//   link_check_reports row (status "completed"), so GET …/link-check shows the previous report
//   until then. Every link in `links` is {url, status, problem, pointer, pointers, http_status?,
//   final_url?, elapsed_ms}; `pointer` is the first rich-text field citing the URL.
// - The deny-list holds host names or addresses; a listed host covers its subdomains. PUT stores
//   them lower-case in IDNA form without a trailing dot; "*.example.com" means "example.com".
//   Anything with a scheme, path, port or spaces is a 422 with the pointer of the entry.
#include "linkcheckroutes.h"

#include "linkchecker.h"
#include "linkcheckrunner.h"

#include "api/v1.h"
#include "api/write.h"
#include "storage/serverstore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

constexpr qsizetype kMaxDenyHosts = 1000;
constexpr qsizetype kMaxHostLength = 253;

HandlerResult readDenyList(QSqlDatabase &db, qint64 accountId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT host FROM link_deny_hosts WHERE account_id = ? ORDER BY host"_s);
    q.addBindValue(accountId);
    if (!q.exec())
        return Write::storageFailure(q, "cannot read the link deny-list:");
    QJsonArray hosts;
    while (q.next())
        hosts.append(q.value(0).toString());
    return ApiSuccess(QJsonObject { { u"hosts"_s, hosts } });
}

HandlerResult getDenyList(ServerStore &store, const RequestContext &c)
{
    QSqlDatabase db = store.connection();
    return readDenyList(db, c.user().accountId);
}

HandlerResult putDenyList(const ApiContext &api, const RequestContext &c)
{
    QList<FieldError> problems;
    for (auto it = c.body.constBegin(); it != c.body.constEnd(); ++it) {
        if (it.key() != "hosts"_L1)
            problems.append({ u"unknown_field"_s, u"'%1' is not a member of this request."_s.arg(it.key()), u"/"_s + it.key() });
    }
    const QJsonValue value = c.body.value("hosts"_L1);
    QStringList hosts;
    if (value.isUndefined() || value.isNull()) {
        problems.append({ u"required"_s, u"'hosts' is required: the complete list of denied hosts (may be empty)."_s, u"/hosts"_s });
    } else if (!value.isArray()) {
        problems.append({ u"type"_s, u"'hosts' must be an array of host names."_s, u"/hosts"_s });
    } else {
        const QJsonArray array = value.toArray();
        if (array.size() > kMaxDenyHosts)
            problems.append({ u"length"_s, u"At most %1 hosts may be denied."_s.arg(kMaxDenyHosts), u"/hosts"_s });
        QSet<QString> seen;
        for (qsizetype i = 0; i < array.size() && i < kMaxDenyHosts; ++i) {
            const QString at = u"/hosts/%1"_s.arg(i);
            if (!array.at(i).isString()) {
                problems.append({ u"type"_s, u"Each host must be a string."_s, at });
                continue;
            }
            QString text = array.at(i).toString().trimmed();
            if (text.startsWith("*."_L1))
                text = text.mid(2);
            const bool plain = !text.isEmpty() && text.size() <= kMaxHostLength && !text.contains(u'/') && !text.contains(u'@')
                    && !text.contains(u' ') && !text.contains(QChar(u'\0')) && (!text.contains(u':') || text.count(u':') >= 2);
            const QString host = plain ? LinkChecker::normalizedHost(text) : QString();
            if (host.isEmpty()) {
                problems.append({ u"format"_s,
                                  u"'%1' is not a host name; give the host alone, e.g. \"spam.example\" (it covers its subdomains)."_s
                                          .arg(array.at(i).toString().left(100)),
                                  at });
                continue;
            }
            if (!seen.contains(host)) {
                seen.insert(host);
                hosts << host;
            }
        }
    }
    if (!problems.isEmpty())
        return ApiError::invalid(problems.size() == 1 ? problems.constFirst().message
                                                      : u"The request has %1 problems; each is listed in errors."_s.arg(problems.size()),
                                 problems);

    const Caller &caller = c.user();
    Write w(api.store, api.events, caller);
    if (!w.ok())
        return w.failure();
    {
        QSqlQuery q(w.db());
        q.prepare(u"DELETE FROM link_deny_hosts WHERE account_id = ?"_s);
        q.addBindValue(caller.accountId);
        if (!q.exec())
            return Write::storageFailure(q, "cannot clear the link deny-list:");
    }
    {
        QSqlQuery q(w.db());
        q.prepare(u"INSERT INTO link_deny_hosts (account_id, host, created_at) VALUES (?, ?, ?)"_s);
        for (const QString &host : std::as_const(hosts)) {
            q.bindValue(0, caller.accountId);
            q.bindValue(1, host);
            q.bindValue(2, w.now());
            if (!q.exec())
                return Write::storageFailure(q, "cannot store the link deny-list:");
        }
    }
    hosts.sort();
    return w.commit(ApiSuccess(QJsonObject { { u"hosts"_s, QJsonArray::fromStringList(hosts) } }));
}

} // namespace

void addLinkCheckRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api)
{
    auto runner = std::make_shared<LinkCheckRunner>(api->store, api->events, LinkCheckOptions::fromEnvironment());
    runner->start();
    LinkCheckRunner::registerFor(api->store, runner);

    version.add(Route(HttpMethod::Post, u"/editions/{edition}/link-check"_s, Permission::WriteContent,
                      [runner](const RequestContext &c) -> HandlerResult {
                          const qint64 id = c.pathId(u"edition"_s);
                          runner->request(c.user(), id);
                          return ApiSuccess(QJsonObject { { u"edition_id"_s, id }, { u"status"_s, u"running"_s } }, {}, 202);
                      })
                        .body(false));

    version.add(Route(HttpMethod::Get, u"/accounts/current/link-deny-list"_s, Permission::Read, [api](const RequestContext &c) {
        return getDenyList(api->store, c);
    }));

    version.add(Route(HttpMethod::Put, u"/accounts/current/link-deny-list"_s, Permission::Administer,
                      [api](const RequestContext &c) { return putDenyList(*api, c); })
                        .body());
}

} // namespace Galley::Server
