#include "requestsizeguard.h"

#include "apierror.h"
#include "envelope.h"
#include "pipelineserver.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

// How much of a request is peeked at first: every ordinary header block fits.
constexpr qint64 firstPeek = 8 * 1024;
// Longest chunk-size line (with extensions) we look for a line end in.
constexpr qint64 chunkLinePeek = 1024;
// How long a refused client may keep sending before the connection is cut.
constexpr int lingerMs = 3000;

// The end of the header block (index after its blank line), or -1. Finds bare LF line ends too,
// so that a head using them is refused rather than waited for.
qsizetype headerEnd(QByteArrayView data)
{
    for (qsizetype i = data.indexOf('\n'); i >= 0; i = data.indexOf('\n', i + 1)) {
        if (i + 1 < data.size() && data[i + 1] == '\n')
            return i + 2;
        if (i + 2 < data.size() && data[i + 1] == '\r' && data[i + 2] == '\n')
            return i + 3;
    }
    return -1;
}

// RFC 9110 tchar: what a method and a field name are made of.
constexpr std::array<bool, 256> tcharTable = [] {
    std::array<bool, 256> t {};
    for (int c = '0'; c <= '9'; ++c)
        t[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        t[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[c] = true;
    for (char c : std::string_view("!#$%&'*+-.^_`|~"))
        t[uchar(c)] = true;
    return t;
}();

bool isToken(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (char c : v) {
        if (!tcharTable[uchar(c)])
            return false;
    }
    return true;
}

// Field values (and chunk extensions): visible ASCII, SP, HTAB and obs-text; no other control
// byte (NUL, CR, LF, DEL, …).
bool isFieldValue(QByteArrayView v)
{
    for (char ch : v) {
        const uchar c = uchar(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmedOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

// Calls f with every non-empty, trimmed member of a comma-separated field value.
template<typename F>
void forEachListItem(QByteArrayView value, F f)
{
    while (!value.isEmpty()) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView item = trimmedOws(comma < 0 ? value : value.first(comma));
        if (!item.isEmpty())
            f(item);
        value = comma < 0 ? QByteArrayView() : value.sliced(comma + 1);
    }
}

bool isDigits(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (char c : v) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// A request line or path for the log: bytes outside visible ASCII percent-encoded, at most 200.
QByteArray printable(QByteArrayView v)
{
    QByteArray out;
    for (char ch : v.first(qMin(v.size(), qsizetype(200)))) {
        const uchar c = uchar(ch);
        if (c > 0x20 && c < 0x7f) {
            out += ch;
        } else {
            out += '%';
            out += "0123456789ABCDEF"[c >> 4];
            out += "0123456789ABCDEF"[c & 0xf];
        }
    }
    return out;
}

constexpr QByteArrayView knownMethods[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE" };
constexpr char allowedMethods[] = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

// What one pass over a request's head found: a refusal, or its framing.
struct HeadCheck
{
    std::optional<ApiError> error;
    QByteArray allow;                   // a 405's Allow header
    bool complete = false;              // the blank line that ends the head was seen
    bool chunked = false;
    bool haveLength = false;
    qulonglong length = 0;
    bool lengthOverflows = false;       // more digits than 64 bits hold
    bool close = false;
};

// Checks the request line and every complete field line of `head` (which starts at the request
// line; it need not be complete yet).
HeadCheck checkHead(QByteArrayView head)
{
    HeadCheck check;
    const auto bad = [&check](const QString &message) {
        check.error = ApiError::badRequest(message);
        return check;
    };
    bool http10 = false;
    bool keepAlive = false;
    int hosts = 0;
    int codings = 0;
    bool chunkedOnly = true;
    qsizetype pos = 0;
    bool firstLine = true;
    while (pos < head.size()) {
        const qsizetype nl = head.indexOf('\n', pos);
        if (nl < 0)
            break;                      // a line still on its way
        if (nl == pos || head[nl - 1] != '\r')
            return bad(u"The request has a line that ends in a bare LF; lines end in CRLF."_s);
        const QByteArrayView line = head.sliced(pos, nl - 1 - pos);
        pos = nl + 1;

        if (firstLine) {
            firstLine = false;
            const qsizetype sp1 = line.indexOf(' ');
            const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
            if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0 || sp2 == sp1 + 1)
                return bad(u"The request line is malformed; it is \"METHOD target HTTP/1.1\"."_s);
            const QByteArrayView method = line.first(sp1);
            const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
            const QByteArrayView version = line.sliced(sp2 + 1);
            if (!isToken(method))
                return bad(u"The request method is malformed."_s);
            for (char ch : target) {
                const uchar c = uchar(ch);
                if (c <= 0x20 || c == 0x7f)
                    return bad(u"The request target contains a control character."_s);
            }
            if (version == "HTTP/1.0")
                http10 = true;
            else if (version != "HTTP/1.1")
                return bad(u"The HTTP version is malformed or not supported; use HTTP/1.1."_s);
            if (std::find(std::begin(knownMethods), std::end(knownMethods), method) == std::end(knownMethods)) {
                const QString name = QString::fromLatin1(method.first(qMin(method.size(), qsizetype(40))));
                check.error = ApiError::methodNotAllowed(
                        u"%1 is not allowed here; use %2."_s.arg(name, QString::fromLatin1(allowedMethods)));
                check.allow = allowedMethods;
                return check;
            }
            continue;
        }
        if (line.isEmpty()) {
            check.complete = true;
            break;
        }
        if (line.front() == ' ' || line.front() == '\t')
            return bad(u"The request has a folded header line (obs-fold)."_s);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return bad(u"The request has a malformed header line."_s);
        const QByteArrayView name = line.first(colon);
        const QByteArrayView rawValue = line.sliced(colon + 1);
        if (!isFieldValue(rawValue)) {
            return bad(u"The header %1 contains a control character (CR, LF, NUL, DEL or the like)."_s.arg(
                    QString::fromLatin1(name.first(qMin(name.size(), qsizetype(60))))));
        }
        const auto is = [&name](QByteArrayView wanted) {
            return name.size() == wanted.size() && name.compare(wanted, Qt::CaseInsensitive) == 0;
        };
        if (is("content-length")) {
            const QByteArrayView value = trimmedOws(rawValue);
            if (!isDigits(value))
                return bad(u"The Content-Length header is not a number."_s);
            bool ok = false;
            const qulonglong length = value.toULongLong(&ok);
            const bool overflows = !ok;
            if (check.haveLength && (overflows != check.lengthOverflows || length != check.length))
                return bad(u"The request has Content-Length headers that differ."_s);
            check.haveLength = true;
            check.length = length;
            check.lengthOverflows = overflows;
        } else if (is("transfer-encoding")) {
            forEachListItem(rawValue, [&](QByteArrayView coding) {
                ++codings;
                chunkedOnly = chunkedOnly && coding.compare("chunked", Qt::CaseInsensitive) == 0;
            });
            check.chunked = true;
        } else if (is("connection")) {
            forEachListItem(rawValue, [&](QByteArrayView option) {
                if (option.compare("close", Qt::CaseInsensitive) == 0)
                    check.close = true;
                else if (option.compare("keep-alive", Qt::CaseInsensitive) == 0)
                    keepAlive = true;
            });
        } else if (is("host")) {
            if (++hosts > 1)
                return bad(u"The request has more than one Host header."_s);
        }
    }
    if (!check.complete)
        return check;
    if (check.chunked) {
        if (codings != 1 || !chunkedOnly)
            return bad(u"Transfer-Encoding must be just \"chunked\"."_s);
        if (http10)
            return bad(u"An HTTP/1.0 request cannot have a Transfer-Encoding."_s);
        if (check.haveLength)
            return bad(u"The request has both Transfer-Encoding and Content-Length."_s);
    }
    if (http10 && !keepAlive)
        check.close = true;
    return check;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    default: return "Error";
    }
}

} // namespace

RequestSizeGuard *RequestSizeGuard::install(QTcpSocket *socket, Limits limits)
{
    return new RequestSizeGuard(socket, limits);
}

qint64 RequestSizeGuard::readBufferSize(const Limits &limits)
{
    // One maximal request (chunk framing may double a body) and room for the next one's head.
    return limits.maxHeaderBytes + 2 * limits.maxBodyBytes + 128 * 1024;
}

RequestSizeGuard::RequestSizeGuard(QTcpSocket *socket, Limits limits) : QObject(socket), m_socket(socket), m_limits(limits)
{
    socket->setReadBufferSize(readBufferSize(limits));
    connect(socket, &QIODevice::readyRead, this, &RequestSizeGuard::inspect);
}

void RequestSizeGuard::inspect()
{
    if (!m_socket->isOpen())
        return;
    if (m_refused) {
        // Owed: an earlier request's reply was still being produced. The HTTP handler reading
        // again means that reply is written; answer now, and keep the handler out.
        if (m_refusalOwed && !m_refusalSent) {
            QObject *owner = m_socket->parent();
            if (owner && QObject::disconnect(m_socket, &QIODevice::readyRead, owner, nullptr))
                sendRefusal();
        }
        discardInput();
        return;
    }
    if (m_closeRequested && closeIfAnswered())
        return;

    const bool inTransaction = m_socket->isTransactionStarted();
    if (!inTransaction)
        m_state = State::Head;          // the unread data starts with a request
    else if (m_state == State::Body)
        return;                         // the HTTP parser is in a body we already allowed

    // QtHttpServer reads a request inside a QIODevice transaction that keeps every byte from the
    // request's start. Roll it back to see the request from its first byte, put it back as it
    // was afterwards (unless the request is refused: then nobody reads it any more).
    qint64 parserOffset = 0;
    if (inTransaction) {
        const qint64 unread = m_socket->bytesAvailable();
        m_socket->rollbackTransaction();
        parserOffset = m_socket->bytesAvailable() - unread;
    }
    auto restore = qScopeGuard([&] {
        if (inTransaction && !m_refused) {
            m_socket->startTransaction();
            m_socket->skip(parserOffset);
        }
    });

    const qint64 available = m_socket->bytesAvailable();
    if (m_state == State::Head) {
        QByteArray head = m_socket->peek(qMin(available, firstPeek));
        if (headerEnd(head) < 0 && available > head.size())
            head = m_socket->peek(qMin(available, m_limits.maxHeaderBytes + 4));
        inspectHead(head, available);
    }
    if (m_state == State::Chunked && !m_refused)
        inspectChunks(available);
}

// After a request that asked for "Connection: close": once QtHttpServer has read all of it
// (nothing unread, no transaction) and is listening again (its reply is written), close the
// connection. True when the connection is closing or nothing is to be inspected now.
bool RequestSizeGuard::closeIfAnswered()
{
    if (m_socket->isTransactionStarted() || m_socket->bytesAvailable() > 0)
        return false;                   // still reading it, or (pipelined) not even started
    QObject *owner = m_socket->parent();
    if (!owner || qobject_cast<QTcpServer *>(owner))
        return false;
    // Its readyRead slot is connected again only once the reply is written. Disconnected, it
    // reads nothing more from this connection.
    if (!QObject::disconnect(m_socket, &QIODevice::readyRead, owner, nullptr))
        return true;                    // still producing the reply
    m_refused = true;                   // whatever still comes is discarded
    m_refusalSent = true;
    closeAfterWrite();
    return true;
}

void RequestSizeGuard::inspectHead(QByteArrayView head, qint64 available)
{
    qsizetype start = 0;
    while (start < head.size() && (head[start] == '\r' || head[start] == '\n'))
        ++start;                        // QtHttpServer skips blank lines between requests too
    const QByteArrayView request = head.sliced(start);
    const qsizetype end = headerEnd(request);

    const qsizetype lineEnd = request.indexOf('\n');
    // The request line, kept for the log line of a refusal (only then: this is the hot path).
    const auto rememberRequestLine = [&] {
        QByteArrayView line = lineEnd < 0 ? request : request.first(lineEnd);
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype space = line.indexOf(' ');
        if (space <= 0)
            return;
        m_method = printable(line.first(space));
        QByteArrayView target = line.sliced(space + 1);
        if (const qsizetype s = target.lastIndexOf(' '); s >= 0)
            target = target.first(s);
        if (const qsizetype q = target.indexOf('?'); q >= 0)
            target = target.first(q);
        m_path = printable(target);
    };
    const auto headTooLarge = [this] {
        ApiError error = ApiError::tooLarge(u"The request's header block is larger than %1 bytes."_s.arg(m_limits.maxHeaderBytes));
        error.httpStatus = 431;
        return error;
    };

    // The request line and the header lines that are complete so far; a line that is wrong is
    // refused as soon as it is there (QtHttpServer would close without an answer on some).
    const HeadCheck check = checkHead(end < 0 ? request.first(request.lastIndexOf('\n') + 1) : request.first(end));
    if (check.error) {
        rememberRequestLine();
        refuse(*check.error, check.allow);
        return;
    }
    if (end < 0) {
        if (available - start > m_limits.maxHeaderBytes) {
            rememberRequestLine();
            refuse(headTooLarge());
        }
        return;                         // the rest of the head is still on its way
    }
    if (end > m_limits.maxHeaderBytes) {
        rememberRequestLine();
        refuse(headTooLarge());
        return;
    }

    m_closeRequested = m_closeRequested || check.close;
    if (m_closeRequested && !m_closeWatched) {
        // The reply may be written after the last readyRead (nothing more arrives): check again
        // whenever the socket has written something, once the HTTP handler is done with it.
        m_closeWatched = true;
        connect(m_socket, &QIODevice::bytesWritten, this, [this] {
            QTimer::singleShot(0, this, [this] {
                if (m_closeRequested && !m_refused)
                    closeIfAnswered();
            });
        });
    }
    const qint64 bodyStart = start + end;
    if (check.chunked) {
        rememberRequestLine();
        m_state = State::Chunked;
        m_bodyStart = bodyStart;
        m_nextChunk = bodyStart;
        m_chunkBytes = 0;
        m_chunkDataEnd = false;
        return;
    }
    if (check.haveLength && (check.lengthOverflows || check.length > qulonglong(m_limits.maxBodyBytes))) {
        rememberRequestLine();
        refuse(ApiError::tooLarge(u"The body is larger than %1 bytes."_s.arg(m_limits.maxBodyBytes)));
        return;
    }
    m_state = State::Body;
}

void RequestSizeGuard::inspectChunks(qint64 available)
{
    while (m_nextChunk < available) {
        // Peek at the chunk-size line: positions count from the request's first byte, which is
        // where the read position is now; step there inside a transaction of our own.
        QByteArray data;
        const qint64 want = qMin(available - m_nextChunk, chunkLinePeek);
        if (m_nextChunk == 0) {
            data = m_socket->peek(want);
        } else {
            m_socket->startTransaction();
            m_socket->skip(m_nextChunk);
            data = m_socket->peek(want);
            m_socket->rollbackTransaction();
        }
        if (!scanChunks(data, m_nextChunk))
            break;
    }
    if (m_state == State::Chunked && !m_refused && available - m_bodyStart > 2 * m_limits.maxBodyBytes + 64 * 1024)
        refuse(ApiError::tooLarge(u"The body is larger than %1 bytes."_s.arg(m_limits.maxBodyBytes)));
}

// Reads the CRLF after the last chunk's data, if that is due, and one chunk-size line at the start
// of `data` (request offset `dataStart`): true when it moved on to the next chunk, false when it
// needs more data or the body is decided.
bool RequestSizeGuard::scanChunks(QByteArrayView data, qint64 dataStart)
{
    const auto malformed = [this] {
        refuse(ApiError::badRequest(u"The request has a malformed chunked body."_s));
        return false;
    };
    if (m_chunkDataEnd) {
        if (!data.isEmpty() && data[0] != '\r')
            return malformed();
        if (data.size() < 2)
            return false;
        if (data[1] != '\n')
            return malformed();
        m_chunkDataEnd = false;
        data = data.sliced(2);
        dataStart += 2;
        m_nextChunk = dataStart;
    }
    const qsizetype newline = data.indexOf('\n');
    if (newline < 0) {
        if (data.size() >= chunkLinePeek - 2)
            return malformed();         // no chunk-size line is that long
        return false;
    }
    if (newline == 0 || data[newline - 1] != '\r')
        return malformed();
    const QByteArrayView line = data.first(newline - 1);
    QByteArrayView sizeText = line;
    if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0) {
        if (!isFieldValue(line.sliced(semicolon + 1)))
            return malformed();
        sizeText = trimmedOws(line.first(semicolon));
    }
    if (sizeText.isEmpty())
        return malformed();
    for (char c : sizeText) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return malformed();
    }
    bool ok = false;
    const qulonglong size = sizeText.toULongLong(&ok, 16);
    if (!ok || size > qulonglong(m_limits.maxBodyBytes) || m_chunkBytes + qint64(size) > m_limits.maxBodyBytes) {
        // Too large for 64 bits is too large.
        refuse(ApiError::tooLarge(u"The body is larger than %1 bytes."_s.arg(m_limits.maxBodyBytes)));
        return false;
    }
    if (size == 0) {
        m_state = State::Body;          // the last chunk: what follows are trailers
        return false;
    }
    m_chunkBytes += qint64(size);
    m_nextChunk = dataStart + newline + 1 + qint64(size);   // its data; then a CRLF is due
    m_chunkDataEnd = true;
    return true;
}

void RequestSizeGuard::refuse(const ApiError &error, const QByteArray &allow)
{
    m_refused = true;
    m_error = error;
    m_allow = allow;
    Q_EMIT refused(error.httpStatus);

    // Keep QtHttpServer's handler (the socket's parent once it took the connection) from reading
    // this request. Its readyRead slot is connected unless it is waiting for one of our replies:
    // then the refusal is owed until that reply is written (HTTP/1.1 answers in order).
    QObject *owner = m_socket->parent();
    const bool handlerIdle = !owner || qobject_cast<QTcpServer *>(owner)
                             || QObject::disconnect(m_socket, &QIODevice::readyRead, owner, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    discardInput();
    if (handlerIdle)
        sendRefusal();
    else
        m_refusalOwed = true;
}

void RequestSizeGuard::sendRefusal()
{
    QElapsedTimer timer;
    timer.start();
    m_refusalOwed = false;
    m_refusalSent = true;
    const QString requestId = PipelineServer::newRequestId();
    const int status = m_error.httpStatus;
    const QByteArray body = Envelope::error(m_error, requestId);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                          + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                          + "\r\nX-Request-Id: " + requestId.toLatin1() + "\r\n";
    if (!m_allow.isEmpty())
        response += "Allow: " + m_allow + "\r\n";
    response += "Connection: close\r\n\r\n" + body;
    m_socket->write(response);
    PipelineServer::logRequest(requestId, m_method.isEmpty() ? QByteArrayLiteral("-") : m_method,
                               m_path.isEmpty() ? QByteArrayLiteral("-") : m_path, status, timer, std::nullopt);
    closeAfterWrite();
}

// Closes the connection once what is written has gone out.
void RequestSizeGuard::closeAfterWrite()
{
    if (qobject_cast<QSslSocket *>(m_socket)) {
        // TLS: a close_notify after the data; QSslSocket flushes before closing.
        m_socket->disconnectFromHost();
        return;
    }
    m_socket->flush();
    if (m_socket->bytesToWrite() == 0) {
        finishRefusal();
    } else {
        connect(m_socket, &QIODevice::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0)
                finishRefusal();
        });
    }
}

void RequestSizeGuard::finishRefusal()
{
    if (m_lingerTimer)
        return;
    // Half-close: the client reads the answer to its end, while what it still sends is read and
    // thrown away (closing with unread data would reset the connection and could destroy the
    // answer in flight), for a few seconds at most.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    m_lingerTimer = new QTimer(this);
    m_lingerTimer->setSingleShot(true);
    connect(m_lingerTimer, &QTimer::timeout, m_socket, &QAbstractSocket::abort);
    m_lingerTimer->start(lingerMs);
}

void RequestSizeGuard::discardInput()
{
    if (!m_socket->isOpen())
        return;
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    const qint64 available = m_socket->bytesAvailable();
    if (available > 0)
        m_socket->skip(available);
}

} // namespace Galley::Server
