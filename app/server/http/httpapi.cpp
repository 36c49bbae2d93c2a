#include "httpapi.h"

#include "nodelaytcpserver.h"
#include "pipelineserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Galley::Server {

HttpApi::HttpApi(std::shared_ptr<Authenticator> authenticator, QObject *parent)
    : HttpApi(std::move(authenticator), Options {}, parent)
{
}

HttpApi::HttpApi(std::shared_ptr<Authenticator> authenticator, Options options, QObject *parent)
    : QObject(parent), m_authenticator(std::move(authenticator)), m_options(options)
{
    m_workers.setMaxThreadCount(options.workerThreads > 0 ? options.workerThreads : QThread::idealThreadCount());
    m_workers.setObjectName(u"galley-http-workers"_s);
}

HttpApi::~HttpApi()
{
    // Stop accepting, let running handlers finish, then drop the server (and with it the
    // continuations of requests still waiting to be written).
    if (m_tcpServer)
        m_tcpServer->close();
    m_workers.waitForDone();
    delete m_server;
}

Status HttpApi::addVersion(const ApiVersion &version)
{
    if (m_server)
        return Error { u"already_listening"_s, u"Versions are added before listening."_s };
    static const QRegularExpression validName(u"^[a-z][a-z0-9_-]*$"_s);
    if (!validName.match(version.name()).hasMatch())
        return Error { u"bad_version"_s, u"'%1' is not a version name."_s.arg(version.name()) };
    for (const ApiVersion &existing : std::as_const(m_versions)) {
        if (existing.name() == version.name())
            return Error { u"duplicate_version"_s, u"Version %1 is added twice."_s.arg(version.name()) };
    }
    m_versions.append(version);
    return {};
}

QStringList HttpApi::versions() const
{
    QStringList names;
    for (const ApiVersion &v : m_versions)
        names << v.name();
    return names;
}

Status HttpApi::listen(const QHostAddress &address, quint16 port)
{
    if (m_server)
        return Error { u"already_listening"_s, u"The API is already listening."_s };
    if (!m_authenticator)
        return Error { u"no_authenticator"_s, u"The API needs an authenticator."_s };

    auto pipeline = std::make_shared<Pipeline>(m_authenticator, Pipeline::Options { m_options.maxBodyBytes });
    QJsonArray names;
    for (const QString &name : versions())
        names.append(name);
    const QJsonObject listing { { u"versions"_s, names } };
    const Route root(HttpMethod::Get, u"/api"_s, Permission::Public,
                     [listing](const RequestContext &) -> HandlerResult { return ApiSuccess { listing, {}, 200 }; });
    if (Status s = pipeline->mount(QString(), { root }); !s)
        return s;
    for (const ApiVersion &version : std::as_const(m_versions)) {
        if (Status s = pipeline->mount(u"/api/"_s + version.name(), version.routes()); !s)
            return s;
    }

    auto *tcp = new NoDelayTcpServer(this);
    if (!tcp->listen(address, port)) {
        const QString message = tcp->errorString();
        delete tcp;
        return Error { u"listen_failed"_s, u"Cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(message) };
    }
    auto *server = new PipelineServer(std::move(pipeline), &m_workers, this);
    if (!server->bind(tcp)) {
        delete server;
        delete tcp;
        return Error { u"listen_failed"_s, u"Cannot bind the HTTP server."_s };
    }
    m_server = server;
    m_tcpServer = tcp;
    return {};
}

quint16 HttpApi::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

} // namespace Galley::Server
