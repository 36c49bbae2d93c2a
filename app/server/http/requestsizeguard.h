#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QObject>

class QTcpSocket;
class QTimer;

namespace Galley::Server {

// Guards the framing of every request on one accepted HTTP/1.1 connection, before QtHttpServer's
// parser sees it: oversized requests stay out of memory, and requests QtHttpServer would misread
// (drop a header, take the wrong length, hang or close without a word) are refused.
//
// QtHttpServer (6.8) reads a whole request, body included, into memory before anything of ours
// sees it, and keeps the socket's read buffer for the duration (a QIODevice transaction) as well.
// It also drops header lines it cannot parse (so an Idempotency-Key with a CR in it silently
// vanishes), takes the first of two Content-Lengths, and closes without an answer on a request
// line it cannot parse. The guard's readyRead slot is connected before QtHttpServer's, so it
// looks at the request the HTTP parser is on, from its first byte (rolling the parser's
// transaction back and forth to peek at it), whenever data arrives:
//   - the request line and every complete header line (RFC 9112): lines end in CRLF (a bare LF
//     or CR is refused), the request line is "method SP target SP HTTP/1.x" with a token method
//     and no control bytes in the target, field names are tokens directly followed by ':', field
//     values hold no control bytes but HTAB (NUL, CR, DEL…), no obs-fold: 400 (bad_request);
//   - a method other than GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, CONNECT, TRACE: 405
//     naming it (QtHttpServer would only know it as "unknown");
//   - framing: Content-Length not a plain number, two Content-Lengths that differ, two Hosts,
//     Transfer-Encoding other than just "chunked" (or on HTTP/1.0), Transfer-Encoding together
//     with Content-Length (request smuggling): 400;
//   - a header block longer than maxHeaderBytes: 431 (too_large);
//   - a Content-Length above maxBodyBytes: 413 (too_large), before the body is read;
//   - a chunked body whose chunk sizes add up to more than maxBodyBytes, or whose framing grows
//     past twice the limit: 413 as soon as the chunk header that crosses it arrives; a chunk-size
//     line that is not hex digits (with extensions) ending in CRLF, or chunk data not followed by
//     CRLF: 400 (malformed chunked body).
// A refused request gets the JSON error envelope with "Connection: close"; the connection is then
// half-closed (TLS: closed) and whatever the client still sends is discarded unread, for a few
// seconds at most. The socket's read buffer is capped at one maximal request, so even a client
// that never ends a request cannot make the server buffer more than that.
// A request with "Connection: close" (or an HTTP/1.0 one without keep-alive) gets its answer, and
// then the connection is closed the same way (if the client sent nothing after it).
// Normal requests cost one small peek and one pass over the header block; keep-alive and
// pipelining are untouched.
class RequestSizeGuard : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(RequestSizeGuard)

public:
    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024;
        qint64 maxHeaderBytes = 64 * 1024;
    };

    // Watches `socket` (and becomes its child). Install before the socket is handed to the HTTP
    // server, so that this guard sees every readyRead first.
    static RequestSizeGuard *install(QTcpSocket *socket, Limits limits);

    // The most a connection buffers for one request under these limits.
    static qint64 readBufferSize(const Limits &limits);

Q_SIGNALS:
    // A request was refused with this HTTP status (a test hook).
    void refused(int httpStatus);

private:
    enum class State { Head, Body, Chunked };

    RequestSizeGuard(QTcpSocket *socket, Limits limits);
    void inspect();
    bool closeIfAnswered();
    void inspectHead(QByteArrayView head, qint64 available);
    void inspectChunks(qint64 available);
    bool scanChunks(QByteArrayView data, qint64 dataStart);
    void refuse(const ApiError &error, const QByteArray &allow = {});
    void sendRefusal();
    void closeAfterWrite();
    void finishRefusal();
    void discardInput();

    QTcpSocket *m_socket;
    Limits m_limits;
    State m_state = State::Head;
    // Chunked body, offsets from the first byte of the request: where the next chunk-size line
    // starts, and the sum of the chunk sizes so far.
    qint64 m_bodyStart = 0;
    qint64 m_nextChunk = 0;
    qint64 m_chunkBytes = 0;
    bool m_chunkDataEnd = false;        // m_nextChunk is the CRLF after a chunk's data
    // The client asked for the connection to be closed after the current request's answer.
    bool m_closeRequested = false;
    bool m_closeWatched = false;      // bytesWritten re-checks the close
    // The refused request: its line (for the log), the answer, and whether it is still owed
    // because an earlier request's reply had not been written yet.
    bool m_refused = false;
    bool m_refusalOwed = false;
    bool m_refusalSent = false;
    ApiError m_error;
    QByteArray m_allow;
    QByteArray m_method;
    QByteArray m_path;
    QTimer *m_lingerTimer = nullptr;
};

} // namespace Galley::Server
