#pragma once

#include "apiversion.h"
#include "authenticator.h"
#include "pipeline.h"

#include "domain/result.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QThreadPool>

#include <memory>

namespace Galley::Server {

class NoDelayTcpServer;
class PipelineServer;

// The HTTP API of galley-server: the API versions (each mounted under /api/<name>/ plus the
// public GET /api listing them), the one pipeline they share, its worker pool and the listening
// socket. Declare versions, then listen(); the route table is frozen from then on.
class HttpApi : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(HttpApi)

public:
    struct Options
    {
        qint64 maxBodyBytes = 1024 * 1024;
        int workerThreads = 0;          // 0: QThread::idealThreadCount()
    };

    explicit HttpApi(std::shared_ptr<Authenticator> authenticator, QObject *parent = nullptr);
    HttpApi(std::shared_ptr<Authenticator> authenticator, Options options, QObject *parent = nullptr);
    ~HttpApi() override;

    // Refused once listening, or when the name is taken.
    Status addVersion(const ApiVersion &version);
    QStringList versions() const;

    // Port 0 picks a free one; port() tells which. Fails on a bad route table or a busy port.
    Status listen(const QHostAddress &address, quint16 port = 0);
    quint16 port() const;

    // The listening socket (tests watch its accepted connections).
    NoDelayTcpServer *tcpServer() const { return m_tcpServer; }

private:
    std::shared_ptr<Authenticator> m_authenticator;
    Options m_options;
    QList<ApiVersion> m_versions;
    QThreadPool m_workers;
    PipelineServer *m_server = nullptr;
    NoDelayTcpServer *m_tcpServer = nullptr;
};

} // namespace Galley::Server
