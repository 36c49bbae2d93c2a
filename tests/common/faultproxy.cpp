#include "faultproxy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <optional>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#endif

namespace Galley::Testing {

namespace {

constexpr qsizetype kMaxHead = 64 * 1024;   // longer heads are not HTTP to us: passed through

int faultIndex(FaultProxy::Fault f)
{
    switch (f) {
    case FaultProxy::Fault::Drop: return 0;
    case FaultProxy::Fault::Delay: return 1;
    case FaultProxy::Fault::ResetMidBody: return 2;
    case FaultProxy::Fault::Truncate: return 3;
    case FaultProxy::Fault::ErrorBurst: return 4;
    }
    return 0;
}

constexpr FaultProxy::Fault kAllKinds[] = { FaultProxy::Fault::Drop, FaultProxy::Fault::Delay,
                                            FaultProxy::Fault::ResetMidBody, FaultProxy::Fault::Truncate,
                                            FaultProxy::Fault::ErrorBurst };

// What happens to one request and its response.
struct Decision
{
    std::optional<FaultProxy::Fault> fault;
    int delayMs = 0;
    double fraction = 0.5;   // where in the response a reset or truncation cuts
    int errorStatus = 502;
};

// The parts of an HTTP/1.x message head the proxy needs.
struct Head
{
    QByteArray method;   // requests
    int status = 0;      // responses
    qint64 contentLength = -1;
    bool chunked = false;
    bool upgradeWebSocket = false;
};

std::optional<Head> parseHead(QByteArrayView head, bool response)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    if (lines.isEmpty())
        return std::nullopt;
    Head h;
    const QByteArray first = lines.first().trimmed();
    const QList<QByteArray> parts = first.split(' ');
    if (response) {
        if (parts.size() < 2 || !parts.at(0).startsWith("HTTP/1."))
            return std::nullopt;
        bool ok = false;
        h.status = parts.at(1).toInt(&ok);
        if (!ok)
            return std::nullopt;
    } else {
        if (parts.size() < 3 || !parts.at(2).startsWith("HTTP/1."))
            return std::nullopt;
        h.method = parts.at(0);
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed().toLower();
        if (name == "content-length") {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0)
                return std::nullopt;
            h.contentLength = n;
        } else if (name == "transfer-encoding") {
            h.chunked = value.contains("chunked");
        } else if (name == "upgrade") {
            h.upgradeWebSocket = value.contains("websocket");
        }
    }
    return h;
}

bool looksLikeRequest(QByteArrayView data)
{
    // A method token (upper-case letters) and a space; checked on what has arrived so far.
    for (qsizetype i = 0; i < data.size() && i < 16; ++i) {
        const char c = data.at(i);
        if (c == ' ')
            return i > 0;
        if (c < 'A' || c > 'Z')
            return false;
    }
    return data.size() < 16;
}

// Finds where a message body ends in a byte stream: Content-Length, chunked, or the
// end of the connection.
class BodyFramer
{
public:
    enum class Kind { None, Length, Chunked, UntilClose };

    void reset(Kind kind, qint64 length = 0)
    {
        m_kind = kind;
        m_left = length;
        m_chunk = ChunkState::Size;
        m_line.clear();
        m_done = kind == Kind::None || (kind == Kind::Length && length == 0);
    }

    Kind kind() const { return m_kind; }
    bool isDone() const { return m_done; }

    // How many of the first bytes of data belong to the body; the rest, if any, starts
    // the next message.
    qsizetype consume(QByteArrayView data)
    {
        if (m_done)
            return 0;
        switch (m_kind) {
        case Kind::None: return 0;
        case Kind::UntilClose: return data.size();
        case Kind::Length: {
            const qsizetype take = qsizetype(qMin<qint64>(m_left, data.size()));
            m_left -= take;
            m_done = m_left == 0;
            return take;
        }
        case Kind::Chunked: return consumeChunked(data);
        }
        return 0;
    }

private:
    enum class ChunkState { Size, Data, DataEnd, Trailer };

    qsizetype consumeChunked(QByteArrayView data)
    {
        qsizetype i = 0;
        while (i < data.size() && !m_done) {
            switch (m_chunk) {
            case ChunkState::Size:
            case ChunkState::Trailer: {
                const qsizetype nl = data.indexOf('\n', i);
                if (nl < 0) {
                    m_line += data.sliced(i).toByteArray();
                    i = data.size();
                    break;
                }
                m_line += data.sliced(i, nl - i + 1).toByteArray();
                i = nl + 1;
                const QByteArray line = m_line.trimmed();
                m_line.clear();
                if (m_chunk == ChunkState::Trailer) {
                    m_done = line.isEmpty();
                    break;
                }
                bool ok = false;
                const qint64 size = line.split(';').first().trimmed().toLongLong(&ok, 16);
                if (!ok || size < 0) {
                    m_kind = Kind::UntilClose;   // not chunked after all: pass the rest through
                    return data.size();
                }
                if (size == 0) {
                    m_chunk = ChunkState::Trailer;
                } else {
                    m_chunk = ChunkState::Data;
                    m_left = size;
                }
                break;
            }
            case ChunkState::Data:
            case ChunkState::DataEnd: {
                const qsizetype take = qsizetype(qMin<qint64>(m_left, data.size() - i));
                i += take;
                m_left -= take;
                if (m_left == 0) {
                    if (m_chunk == ChunkState::Data) {
                        m_chunk = ChunkState::DataEnd;
                        m_left = 2;   // CRLF after the data
                    } else {
                        m_chunk = ChunkState::Size;
                    }
                }
                break;
            }
            }
        }
        return i;
    }

    Kind m_kind = Kind::None;
    qint64 m_left = 0;
    ChunkState m_chunk = ChunkState::Size;
    QByteArray m_line;
    bool m_done = true;
};

void resetSocket(QTcpSocket *socket)
{
#if defined(Q_OS_UNIX)
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        struct linger l { 1, 0 };
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
#endif
    socket->abort();
}

} // namespace

// Everything both threads touch: settings under a mutex (with the random generator and
// the burst, so decisions are made in one order), counters as atomics.
class FaultProxyState
{
public:
    mutable QMutex mutex;
    QRandomGenerator rng { 1 };
    double rate = 0;
    FaultProxy::Faults enabled = FaultProxy::AllFaults;
    int burstLeft = 0;

    std::atomic_bool offline { false };
    std::atomic<quint16> port { 0 };
    std::atomic<quint64> connections { 0 };
    std::atomic<quint64> requests { 0 };
    std::atomic<quint64> refused { 0 };
    std::atomic<quint64> faults[5] {};

    void count(FaultProxy::Fault f) { ++faults[faultIndex(f)]; }

    // canBurst: the request may be answered by the proxy itself (nothing else is
    // outstanding on its connection).
    Decision decide(bool canBurst)
    {
        QMutexLocker lock(&mutex);
        Decision d;
        if (burstLeft > 0 && canBurst) {
            --burstLeft;
            d.fault = FaultProxy::Fault::ErrorBurst;
            d.errorStatus = rng.bounded(2) ? 503 : 502;
            return d;
        }
        if (rate <= 0 || rng.generateDouble() >= rate)
            return d;
        QList<FaultProxy::Fault> kinds;
        for (FaultProxy::Fault f : kAllKinds) {
            if (enabled.testFlag(f) && (f != FaultProxy::Fault::ErrorBurst || canBurst))
                kinds.append(f);
        }
        if (kinds.isEmpty())
            return d;
        d.fault = kinds.at(int(rng.bounded(int(kinds.size()))));
        d.fraction = rng.generateDouble();
        d.delayMs = 50 + int(rng.bounded(751));
        d.errorStatus = rng.bounded(2) ? 503 : 502;
        if (*d.fault == FaultProxy::Fault::ErrorBurst)
            burstLeft = int(rng.bounded(5));   // this one and 0–4 more
        return d;
    }
};

class FaultProxyEngine;

// One client connection and, once something is to be forwarded, its connection to the
// target. Lives on the proxy's thread.
class ProxyConnection : public QObject
{
public:
    ProxyConnection(FaultProxyEngine *engine, QTcpSocket *client, std::shared_ptr<FaultProxyState> state,
                    QHostAddress targetHost, quint16 targetPort);

    // Offline: both sides go at once.
    void cut();

private:
    enum class Mode { Http, Tunnel };
    struct Pending
    {
        QByteArray method;
        Decision decision;
    };

    void onClientData();
    void processRequests();
    void sendUpstream(const QByteArray &bytes);
    void flushUpstream();
    void onUpstreamData();
    void onUpstreamClosed();
    void processResponses();
    void startResponse(const Head &head, qsizetype headLength);
    void emitResponse(QByteArray bytes);
    void endResponse();
    void writeClient(QByteArrayView bytes);
    void answerError(int status);
    void resetClient();
    void closeClient();
    void finish();

    FaultProxyEngine *m_engine;
    std::shared_ptr<FaultProxyState> m_state;
    QHostAddress m_targetHost;
    quint16 m_targetPort;
    QTcpSocket *m_client;
    QTcpSocket *m_upstream = nullptr;
    Mode m_mode = Mode::Http;
    bool m_closing = false;    // a fault ended the connection: ignore what still arrives
    bool m_finished = false;

    // Client → target.
    QByteArray m_requestBuffer;
    bool m_inRequestBody = false;
    BodyFramer m_requestBody;
    std::optional<int> m_errorAfterBody;   // an error burst answers once the request is in
    QByteArray m_toUpstream;               // waiting for the connection or for a delay
    bool m_holding = false;

    // Target → client.
    QList<Pending> m_pending;
    QByteArray m_responseBuffer;
    bool m_inResponseBody = false;
    BodyFramer m_responseBody;
    std::optional<FaultProxy::Fault> m_responseFault;
    qint64 m_sent = 0;      // bytes of the current response forwarded
    qint64 m_cutAt = -1;    // forward no further than this (reset or truncate there)
    qsizetype m_holdBack = 0;   // unknown length: keep this many bytes back until the end
    QByteArray m_held;
};

class FaultProxyEngine : public QObject
{
public:
    FaultProxyEngine(std::shared_ptr<FaultProxyState> state, QHostAddress targetHost, quint16 targetPort)
        : m_state(std::move(state))
        , m_targetHost(std::move(targetHost))
        , m_targetPort(targetPort)
    {
    }

    bool listen()
    {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, [this] { onNewConnection(); });
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return false;
        m_state->port = m_server->serverPort();
        return true;
    }

    void shutdown()
    {
        delete m_server;
        m_server = nullptr;
        const QSet<ProxyConnection *> open = m_connections;
        m_connections.clear();
        for (ProxyConnection *c : open) {
            c->cut();
            delete c;
        }
    }

    void goOffline()
    {
        const QSet<ProxyConnection *> open = m_connections;
        for (ProxyConnection *c : open)
            c->cut();
    }

    void forget(ProxyConnection *c)
    {
        if (m_connections.remove(c))
            c->deleteLater();
    }

private:
    void onNewConnection()
    {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            ++m_state->connections;
            if (m_state->offline) {
                ++m_state->refused;
                socket->abort();
                socket->deleteLater();
                continue;
            }
            m_connections.insert(new ProxyConnection(this, socket, m_state, m_targetHost, m_targetPort));
        }
    }

    std::shared_ptr<FaultProxyState> m_state;
    QHostAddress m_targetHost;
    quint16 m_targetPort;
    QTcpServer *m_server = nullptr;
    QSet<ProxyConnection *> m_connections;
};

ProxyConnection::ProxyConnection(FaultProxyEngine *engine, QTcpSocket *client, std::shared_ptr<FaultProxyState> state,
                                 QHostAddress targetHost, quint16 targetPort)
    : QObject(engine)
    , m_engine(engine)
    , m_state(std::move(state))
    , m_targetHost(std::move(targetHost))
    , m_targetPort(targetPort)
    , m_client(client)
{
    m_client->setParent(this);
    m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_client, &QTcpSocket::readyRead, this, [this] { onClientData(); });
    connect(m_client, &QTcpSocket::disconnected, this, [this] {
        if (m_upstream)
            m_upstream->abort();
        finish();
    });
    if (m_client->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, [this] { onClientData(); }, Qt::QueuedConnection);
}

void ProxyConnection::cut()
{
    m_closing = true;
    if (m_upstream)
        m_upstream->abort();
    m_client->abort();
    finish();
}

void ProxyConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_closing = true;
    m_engine->forget(this);
}

void ProxyConnection::onClientData()
{
    const QByteArray data = m_client->readAll();
    if (m_closing || data.isEmpty())
        return;
    if (m_mode == Mode::Tunnel) {
        sendUpstream(data);
        return;
    }
    m_requestBuffer += data;
    processRequests();
}

void ProxyConnection::processRequests()
{
    while (!m_requestBuffer.isEmpty() && !m_closing && m_mode == Mode::Http) {
        if (m_inRequestBody) {
            const qsizetype n = m_requestBody.consume(m_requestBuffer);
            if (!m_errorAfterBody)
                sendUpstream(m_requestBuffer.left(n));
            m_requestBuffer.remove(0, n);
            if (!m_requestBody.isDone())
                return;
            m_inRequestBody = false;
            if (m_errorAfterBody) {
                answerError(*m_errorAfterBody);
                return;
            }
            continue;
        }
        const qsizetype end = m_requestBuffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_requestBuffer.size() > kMaxHead || !looksLikeRequest(m_requestBuffer)) {
                m_mode = Mode::Tunnel;   // not HTTP as far as we can tell: hands off
                sendUpstream(m_requestBuffer);
                m_requestBuffer.clear();
            }
            return;
        }
        const qsizetype headLength = end + 4;
        const auto head = parseHead(QByteArrayView(m_requestBuffer).first(headLength), false);
        if (!head) {
            m_mode = Mode::Tunnel;
            sendUpstream(m_requestBuffer);
            m_requestBuffer.clear();
            return;
        }
        ++m_state->requests;
        if (head->upgradeWebSocket) {
            // Both directions are raw from here on: the response to this request (101)
            // and the frames after it.
            m_mode = Mode::Tunnel;
            sendUpstream(m_requestBuffer);
            m_requestBuffer.clear();
            return;
        }
        const Decision decision = m_state->decide(m_pending.isEmpty());
        const QByteArray headBytes = m_requestBuffer.left(headLength);
        m_requestBuffer.remove(0, headLength);
        m_requestBody.reset(head->chunked ? BodyFramer::Kind::Chunked
                                : head->contentLength > 0 ? BodyFramer::Kind::Length
                                                          : BodyFramer::Kind::None,
                            qMax<qint64>(0, head->contentLength));
        m_inRequestBody = !m_requestBody.isDone();

        if (decision.fault == FaultProxy::Fault::Drop) {
            m_state->count(FaultProxy::Fault::Drop);
            closeClient();
            return;
        }
        if (decision.fault == FaultProxy::Fault::ErrorBurst) {
            m_state->count(FaultProxy::Fault::ErrorBurst);
            if (m_inRequestBody) {
                m_errorAfterBody = decision.errorStatus;   // read the body first: no RST
                continue;
            }
            answerError(decision.errorStatus);
            return;
        }
        if (decision.fault == FaultProxy::Fault::Delay) {
            m_state->count(FaultProxy::Fault::Delay);
            if (!m_holding) {
                m_holding = true;
                QTimer::singleShot(decision.delayMs, this, [this] {
                    m_holding = false;
                    flushUpstream();
                });
            }
        }
        m_pending.append({ head->method, decision });
        sendUpstream(headBytes);
    }
}

void ProxyConnection::sendUpstream(const QByteArray &bytes)
{
    if (bytes.isEmpty() || m_closing)
        return;
    m_toUpstream += bytes;
    if (!m_upstream) {
        m_upstream = new QTcpSocket(this);
        connect(m_upstream, &QTcpSocket::connected, this, [this] {
            m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            flushUpstream();
        });
        connect(m_upstream, &QTcpSocket::readyRead, this, [this] { onUpstreamData(); });
        connect(m_upstream, &QTcpSocket::disconnected, this, [this] { onUpstreamClosed(); });
        connect(m_upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_upstream->state() != QAbstractSocket::ConnectedState && !m_closing)
                closeClient();   // the target is not there: neither are we
        });
        m_upstream->connectToHost(m_targetHost, m_targetPort);
        return;
    }
    flushUpstream();
}

void ProxyConnection::flushUpstream()
{
    if (m_holding || !m_upstream || m_upstream->state() != QAbstractSocket::ConnectedState || m_toUpstream.isEmpty())
        return;
    m_upstream->write(m_toUpstream);
    m_toUpstream.clear();
}

void ProxyConnection::onUpstreamData()
{
    const QByteArray data = m_upstream->readAll();
    if (m_closing || data.isEmpty())
        return;
    if (m_mode == Mode::Tunnel) {
        writeClient(data);
        return;
    }
    m_responseBuffer += data;
    processResponses();
}

void ProxyConnection::onUpstreamClosed()
{
    if (m_closing)
        return;
    if (m_upstream->bytesAvailable() > 0)
        onUpstreamData();
    if (m_closing)
        return;
    if (m_inResponseBody && m_responseBody.kind() == BodyFramer::Kind::UntilClose) {
        endResponse();   // the close was the end of the body
        if (m_closing)
            return;
    }
    // Whatever is on its way to the client still goes; then the client learns of the close.
    if (!m_responseBuffer.isEmpty())
        writeClient(m_responseBuffer);
    m_responseBuffer.clear();
    closeClient();
}

void ProxyConnection::processResponses()
{
    while (!m_responseBuffer.isEmpty() && !m_closing && m_mode == Mode::Http) {
        if (m_inResponseBody) {
            const qsizetype n = m_responseBody.consume(m_responseBuffer);
            emitResponse(m_responseBuffer.left(n));
            m_responseBuffer.remove(0, n);
            if (m_closing)
                return;
            if (!m_responseBody.isDone())
                return;
            endResponse();
            continue;
        }
        const qsizetype end = m_responseBuffer.indexOf("\r\n\r\n");
        if (end < 0) {
            const QByteArray prefix = QByteArray("HTTP/1.").left(m_responseBuffer.size());
            if (m_responseBuffer.size() > kMaxHead || !m_responseBuffer.startsWith(prefix)) {
                m_mode = Mode::Tunnel;
                writeClient(m_responseBuffer);
                m_responseBuffer.clear();
            }
            return;
        }
        const qsizetype headLength = end + 4;
        const auto head = parseHead(QByteArrayView(m_responseBuffer).first(headLength), true);
        if (!head || head->status == 101) {
            // Not HTTP, or switching protocols: raw from here on.
            m_mode = Mode::Tunnel;
            writeClient(m_responseBuffer);
            m_responseBuffer.clear();
            return;
        }
        if (head->status >= 100 && head->status < 200) {
            writeClient(QByteArrayView(m_responseBuffer).first(headLength));   // interim: the real answer follows
            m_responseBuffer.remove(0, headLength);
            continue;
        }
        startResponse(*head, headLength);
        QByteArray headBytes = m_responseBuffer.left(headLength);
        m_responseBuffer.remove(0, headLength);
        emitResponse(std::move(headBytes));
        if (m_closing)
            return;
        if (m_responseBody.isDone())
            endResponse();
    }
}

void ProxyConnection::startResponse(const Head &head, qsizetype headLength)
{
    const QByteArray method = m_pending.isEmpty() ? QByteArray() : m_pending.first().method;
    const Decision decision = m_pending.isEmpty() ? Decision {} : m_pending.first().decision;
    if (method == "HEAD" || head.status == 204 || head.status == 304)
        m_responseBody.reset(BodyFramer::Kind::None);
    else if (head.chunked)
        m_responseBody.reset(BodyFramer::Kind::Chunked);
    else if (head.contentLength >= 0)
        m_responseBody.reset(BodyFramer::Kind::Length, head.contentLength);
    else
        m_responseBody.reset(BodyFramer::Kind::UntilClose);
    m_inResponseBody = !m_responseBody.isDone();
    m_sent = 0;
    m_cutAt = -1;
    m_holdBack = 0;
    m_held.clear();
    m_responseFault.reset();
    if (decision.fault != FaultProxy::Fault::ResetMidBody && decision.fault != FaultProxy::Fault::Truncate)
        return;
    m_responseFault = decision.fault;
    const double f = decision.fraction;
    const bool known = m_responseBody.kind() == BodyFramer::Kind::None
        || m_responseBody.kind() == BodyFramer::Kind::Length;
    const qint64 length = m_responseBody.kind() == BodyFramer::Kind::Length ? head.contentLength : 0;
    if (known) {
        if (length == 0) {
            // No body to cut into: cut into the head (the client never sees its end).
            m_cutAt = *m_responseFault == FaultProxy::Fault::ResetMidBody ? headLength / 2 : headLength - 2;
        } else if (*m_responseFault == FaultProxy::Fault::ResetMidBody) {
            m_cutAt = headLength + qBound<qint64>(0, qint64(double(length) * (0.2 + 0.6 * f)), length - 1);
        } else {
            const qint64 tail = 1 + qint64(f * double(qMin<qint64>(length - 1, 4095)));
            m_cutAt = headLength + length - tail;
        }
    } else if (*m_responseFault == FaultProxy::Fault::ResetMidBody) {
        m_cutAt = headLength + 1 + qint64(f * 4096);   // unless the body ends first (see endResponse)
        m_holdBack = 1;
    } else {
        m_holdBack = 1 + qsizetype(f * 63);
    }
}

void ProxyConnection::emitResponse(QByteArray bytes)
{
    if (!m_responseFault) {
        writeClient(bytes);
        m_sent += bytes.size();
        return;
    }
    if (m_holdBack > 0) {
        m_held += bytes;
        if (m_held.size() <= m_holdBack)
            return;
        bytes = m_held.left(m_held.size() - m_holdBack);
        m_held.remove(0, bytes.size());
    }
    if (m_cutAt >= 0 && m_sent + bytes.size() > m_cutAt) {
        writeClient(QByteArrayView(bytes).first(qsizetype(m_cutAt - m_sent)));
        m_sent = m_cutAt;
        m_state->count(*m_responseFault);
        if (*m_responseFault == FaultProxy::Fault::ResetMidBody)
            resetClient();
        else
            closeClient();
        return;
    }
    writeClient(bytes);
    m_sent += bytes.size();
}

void ProxyConnection::endResponse()
{
    m_inResponseBody = false;
    if (m_responseFault) {
        // The body ended before the cut (or was held back): the held tail never goes.
        m_state->count(*m_responseFault);
        if (*m_responseFault == FaultProxy::Fault::ResetMidBody)
            resetClient();
        else
            closeClient();
        return;
    }
    if (!m_pending.isEmpty())
        m_pending.removeFirst();
}

void ProxyConnection::writeClient(QByteArrayView bytes)
{
    if (!bytes.isEmpty() && m_client->state() == QAbstractSocket::ConnectedState)
        m_client->write(bytes.data(), bytes.size());
}

void ProxyConnection::answerError(int status)
{
    const QByteArray reason = status == 503 ? "Service Unavailable" : "Bad Gateway";
    const QString code = status == 503 ? QStringLiteral("service_unavailable") : QStringLiteral("bad_gateway");
    const QString message = QString::fromLatin1(reason) + QStringLiteral(" (injected by FaultProxy)");
    const QJsonObject error { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
    const QJsonObject envelope { { QStringLiteral("success"), false },
                                 { QStringLiteral("error"), message },
                                 { QStringLiteral("errors"), QJsonArray { error } } };
    const QByteArray body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += "Content-Type: application/json\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Connection: close\r\n\r\n";
    response += body;
    writeClient(response);
    closeClient();
}

// Resets the client once what was written has reached the kernel (abort() would drop
// Qt's own buffer), so the client gets the part of the response and then the RST.
void ProxyConnection::resetClient()
{
    m_closing = true;
    if (m_upstream)
        m_upstream->abort();
    if (m_client->state() != QAbstractSocket::ConnectedState) {
        finish();
        return;
    }
    m_client->flush();
    if (m_client->bytesToWrite() == 0) {
        resetSocket(m_client);
        finish();
        return;
    }
    connect(m_client, &QTcpSocket::bytesWritten, this, [this] {
        if (m_client->bytesToWrite() == 0 && m_client->state() == QAbstractSocket::ConnectedState) {
            resetSocket(m_client);
            finish();
        }
    });
}

// A graceful close: what was written still goes, then FIN.
void ProxyConnection::closeClient()
{
    m_closing = true;
    if (m_upstream)
        m_upstream->abort();
    if (m_client->state() == QAbstractSocket::UnconnectedState) {
        finish();
        return;
    }
    m_client->disconnectFromHost();   // emits disconnected (→ finish) once written
}

// The public face: settings and counters on the caller's thread, the engine on its own.

FaultProxy::FaultProxy(QObject *parent)
    : QObject(parent)
    , m_state(std::make_shared<FaultProxyState>())
{
}

FaultProxy::~FaultProxy()
{
    stop();
}

bool FaultProxy::start(const QHostAddress &targetHost, quint16 targetPort)
{
    if (m_thread)
        return false;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("galley-faultproxy"));
    m_engine = std::make_unique<FaultProxyEngine>(m_state, targetHost, targetPort);
    m_engine->moveToThread(m_thread.get());
    m_thread->start();
    bool ok = false;
    FaultProxyEngine *engine = m_engine.get();
    QMetaObject::invokeMethod(engine, [engine, &ok] { ok = engine->listen(); }, Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        return false;
    }
    return true;
}

void FaultProxy::stop()
{
    if (!m_thread)
        return;
    FaultProxyEngine *engine = m_engine.get();
    QMetaObject::invokeMethod(engine, [engine] { engine->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_engine.reset();   // its thread has finished; it owns nothing any more
    m_thread.reset();
    m_state->port = 0;
}

bool FaultProxy::isRunning() const
{
    return m_thread != nullptr;
}

quint16 FaultProxy::port() const
{
    return m_state->port;
}

QUrl FaultProxy::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

void FaultProxy::setFaultRate(double rate)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->rate = qBound(0.0, rate, 1.0);
}

double FaultProxy::faultRate() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->rate;
}

void FaultProxy::setSeed(quint32 seed)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->rng.seed(seed);
    m_state->burstLeft = 0;
}

void FaultProxy::setEnabledFaults(Faults faults)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->enabled = faults;
    if (!faults.testFlag(Fault::ErrorBurst))
        m_state->burstLeft = 0;
}

FaultProxy::Faults FaultProxy::enabledFaults() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->enabled;
}

void FaultProxy::setOffline(bool offline)
{
    m_state->offline = offline;
    if (!offline || !m_thread)
        return;
    FaultProxyEngine *engine = m_engine.get();
    if (QThread::currentThread() == m_thread.get())
        engine->goOffline();
    else
        QMetaObject::invokeMethod(engine, [engine] { engine->goOffline(); }, Qt::BlockingQueuedConnection);
}

bool FaultProxy::isOffline() const
{
    return m_state->offline;
}

quint64 FaultProxy::connectionCount() const
{
    return m_state->connections;
}

quint64 FaultProxy::requestCount() const
{
    return m_state->requests;
}

quint64 FaultProxy::faultCount(Fault kind) const
{
    return m_state->faults[faultIndex(kind)];
}

quint64 FaultProxy::faultCount() const
{
    quint64 n = 0;
    for (const auto &f : m_state->faults)
        n += f;
    return n;
}

quint64 FaultProxy::refusedCount() const
{
    return m_state->refused;
}

void FaultProxy::resetCounters()
{
    m_state->connections = 0;
    m_state->requests = 0;
    m_state->refused = 0;
    for (auto &f : m_state->faults)
        f = 0;
}

} // namespace Galley::Testing
