#include "pipelineserver.h"

#include "envelope.h"
#include "pipeline.h"

#include <QElapsedTimer>
#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <array>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "galley.server.http")

namespace Galley::Server {

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

void respond(QHttpServerResponder &responder, const PipelineResponse &response, const QString &requestId)
{
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
    headers.append("X-Request-Id", requestId.toLatin1());
    for (const auto &[name, value] : response.headers)
        headers.append(name, value);
    responder.write(response.body, headers, static_cast<QHttpServerResponder::StatusCode>(response.httpStatus));
}

void logLine(const QString &requestId, const QByteArray &method, const QByteArray &path, const PipelineResponse &response,
             const QElapsedTimer &timer)
{
    qCInfo(lcHttp).noquote().nospace()
            << "request_id=" << requestId << " method=" << method << " path=" << path << " status=" << response.httpStatus
            << " ms=" << QString::number(double(timer.nsecsElapsed()) / 1e6, 'f', 2)
            << " account=" << (response.accountId ? QString::number(*response.accountId) : u"-"_s);
}

} // namespace

PipelineServer::PipelineServer(std::shared_ptr<const Pipeline> pipeline, QThreadPool *workers, QObject *parent)
    : QAbstractHttpServer(parent), m_pipeline(std::move(pipeline)), m_workers(workers)
{
}

PipelineServer::~PipelineServer() = default;

QString PipelineServer::newRequestId()
{
    std::array<quint32, 4> bits;
    QRandomGenerator::system()->fillRange(bits.data(), bits.size());
    const QByteArray raw(reinterpret_cast<const char *>(bits.data()), qsizetype(sizeof(bits)));
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool PipelineServer::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    QElapsedTimer timer;
    timer.start();

    PipelineRequest copy;
    copy.requestId = newRequestId();
    copy.method = methodName(request.method());
    copy.encodedPath = request.url().path(QUrl::FullyEncoded).toUtf8();
    copy.encodedQuery = request.url().query(QUrl::FullyEncoded).toUtf8();
    for (const auto &[name, value] : request.headers().toListOfPairs())
        copy.headers.insert(name.toLower(), value);
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress().toString();

    const QString requestId = copy.requestId;
    const QByteArray method = copy.method;
    const QByteArray path = copy.encodedPath;
    QtConcurrent::run(m_workers, [pipeline = m_pipeline, copy = std::move(copy)] { return pipeline->process(copy); })
            .then(this, [responder = std::move(responder), requestId, method, path, timer](const PipelineResponse &response) mutable {
                respond(responder, response, requestId);
                logLine(requestId, method, path, response, timer);
            });
    return true;
}

void PipelineServer::missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    // Unreachable while handleRequest takes every request; answer like the pipeline would.
    const QString requestId = newRequestId();
    PipelineResponse response;
    response.httpStatus = 404;
    response.body = Envelope::error(ApiError::notFound(u"No such endpoint."_s), requestId);
    respond(responder, response, requestId);
    QElapsedTimer timer;
    timer.start();
    logLine(requestId, methodName(request.method()), request.url().path(QUrl::FullyEncoded).toUtf8(), response, timer);
}

} // namespace Galley::Server
