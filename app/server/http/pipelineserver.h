#pragma once

#include <QAbstractHttpServer>

#include <memory>

class QThreadPool;

namespace Galley::Server {

class Pipeline;

// The HTTP front: every request QtHttpServer parses lands in handleRequest, which copies it into
// a PipelineRequest, runs the pipeline on the worker pool and writes the answer back on this
// (the event-loop) thread, with X-Request-Id, and logs one line. There is no other route: the
// pipeline's own table decides 404 and 405.
class PipelineServer : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY(PipelineServer)

public:
    PipelineServer(std::shared_ptr<const Pipeline> pipeline, QThreadPool *workers, QObject *parent = nullptr);
    ~PipelineServer() override;

    // 22 URL-safe characters from 128 random bits.
    static QString newRequestId();

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;

private:
    std::shared_ptr<const Pipeline> m_pipeline;
    QThreadPool *m_workers;
};

} // namespace Galley::Server
