#pragma once

// The real galley-server binary (GALLEY_SERVER_BINARY) as integration tests drive it: started on
// 127.0.0.1:0 against a ServerDatabase, its address read off its "listening on" line, stopped
// with SIGTERM (or killed when a test fails half-way); and a small synchronous HTTP client for
// its API. Header-only so every integration test shares one copy.
#include "common/serverdatabase.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

#include <csignal>
#include <utility>

namespace Galley::Testing {

// The --database argument for a test database.
inline QString databaseArgument(const ServerDatabase &database)
{
    const Galley::Server::DatabaseUrl &url = database.url();
    if (url.backend() == Galley::Server::DatabaseUrl::Backend::Sqlite)
        return QStringLiteral("sqlite:") + url.path();
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setHost(url.host());
    u.setPort(url.port());
    u.setUserName(url.user());
    u.setPassword(url.password());
    u.setPath(QStringLiteral("/") + url.databaseName());
    return u.toString(QUrl::FullyEncoded);
}

class ServerProcess
{
    Q_DISABLE_COPY_MOVE(ServerProcess)
public:
    ServerProcess() = default;
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    static QString binary() { return qEnvironmentVariable("GALLEY_SERVER_BINARY"); }

    // Starts the binary with `arguments` and waits for its "listening on" line (seeding hashes
    // one password per role, so this allows a generous minute on a slow machine).
    bool start(const QStringList &arguments)
    {
        // Both channels go to files, never to pipes: a server that logs every request would
        // otherwise fill a pipe nobody reads while a test waits on something else, and stall.
        if (!m_logs.isValid())
            return false;
        ++m_starts;
        m_stdoutPath = m_logs.filePath(QStringLiteral("stdout-%1.log").arg(m_starts));
        m_stderrPath = m_logs.filePath(QStringLiteral("stderr-%1.log").arg(m_starts));
        m_stderrOffset = 0;
        m_process.setStandardOutputFile(m_stdoutPath);
        m_process.setStandardErrorFile(m_stderrPath);
        m_process.start(binary(), arguments);
        if (!m_process.waitForStarted(10000))
            return false;
        static const QRegularExpression listening(QStringLiteral("listening on (https?://[^ ]+)"));
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 120000) {
            const auto match = listening.match(QString::fromUtf8(readFile(m_stdoutPath)));
            if (match.hasMatch()) {
                m_base = QUrl(match.captured(1));
                return true;
            }
            if (m_process.state() != QProcess::Running)
                break;
            m_process.waitForFinished(20);
        }
        qWarning().noquote() << "server did not start:" << readFile(m_stdoutPath) << readFile(m_stderrPath);
        return false;
    }

    // The usual start: loopback, any port, the test database, optionally seeded with the demo.
    bool start(const ServerDatabase &database, bool seedDemo = true, const QStringList &extra = {})
    {
        QStringList args { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
                           databaseArgument(database) };
        if (seedDemo)
            args << QStringLiteral("--seed-demo");
        return start(args + extra);
    }

    // SIGTERM and wait; the exit code (-1 when it did not end in time or crashed).
    int stop(int timeoutMs = 15000)
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(timeoutMs))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    QUrl baseUrl() const { return m_base; }
    QProcess &process() { return m_process; }
    // What the server wrote to standard error since the last call.
    QByteArray standardError()
    {
        const QByteArray all = readFile(m_stderrPath);
        const QByteArray fresh = all.mid(m_stderrOffset);
        m_stderrOffset = all.size();
        return fresh;
    }
    QByteArray standardOutput() { return readFile(m_stdoutPath); }

private:
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QProcess m_process;
    QTemporaryDir m_logs;
    int m_starts = 0;
    QString m_stdoutPath;
    QString m_stderrPath;
    qsizetype m_stderrOffset = 0;
    QUrl m_base;
};

// One answer of the API: status, parsed envelope, raw body and headers.
struct ApiReply
{
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QHash<QByteArray, QByteArray> headers;   // lower-case names

    QJsonValue data() const { return body.value(QStringLiteral("data")); }
    QJsonObject object() const { return data().toObject(); }
    QString errorCode() const
    {
        return body.value(QStringLiteral("errors")).toArray().first().toObject().value(QStringLiteral("code")).toString();
    }
    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

// A synchronous client of one server: call() runs a nested event loop until the reply is in.
class ApiClient
{
public:
    explicit ApiClient(const QUrl &base = {}) : m_base(base) { }

    void setBase(const QUrl &base) { m_base = base; }
    void setToken(const QString &token) { m_token = token; }
    const QString &token() const { return m_token; }

    // `path` is relative to /api/v1 unless it starts with "/api"; `body` is sent as-is
    // (with Content-Type: application/json unless `headers` says otherwise).
    ApiReply raw(const QByteArray &method, const QString &path, const QByteArray &body = {},
                 const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        const QString full = path.startsWith(QStringLiteral("/api")) ? path : QStringLiteral("/api/v1") + path;
        QNetworkRequest request(QUrl(m_base.toString(QUrl::StripTrailingSlash) + full));
        bool hasType = false;
        for (const auto &[name, value] : headers) {
            request.setRawHeader(name, value);
            hasType = hasType || name.compare("content-type", Qt::CaseInsensitive) == 0;
        }
        if (!body.isEmpty() && !hasType)
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!m_token.isEmpty() && !request.hasRawHeader("Authorization"))
            request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
        QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        ApiReply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.raw = reply->readAll();
        result.body = QJsonDocument::fromJson(result.raw).object();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        reply->deleteLater();
        return result;
    }

    ApiReply call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                  const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        const bool sendsBody = method != "GET" && method != "DELETE";
        return raw(method, path, sendsBody ? QJsonDocument(body).toJson(QJsonDocument::Compact) : QByteArray(), headers);
    }
    ApiReply get(const QString &path) { return call("GET", path); }

    // Logs in and keeps the access token; false when the login failed.
    bool login(const QString &email, const QString &password)
    {
        const ApiReply reply = call("POST", QStringLiteral("/auth/login"),
                                    { { QStringLiteral("email"), email }, { QStringLiteral("password"), password } });
        m_token = reply.object().value(QStringLiteral("access_token")).toString();
        return reply.status == 200 && !m_token.isEmpty();
    }

private:
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_token;
};

} // namespace Galley::Testing
