#pragma once

#include "domain/result.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

namespace Galley {

// What a server said when asked which API versions it speaks, and the one Galley will use.
struct ServerApi
{
    QUrl base;                  // e.g. http://127.0.0.1:8470 (no trailing slash)
    QString version;            // the newest version both sides speak, e.g. "v1"
    QStringList serverVersions; // everything the server listed, in its order

    // Where the chosen version's routes start: <base>/api/<version>.
    QUrl apiRoot() const;
};

// Finds out whether a Galley server can be talked to before anything else is: GET <base>/api
// answers {"success":true,"data":{"versions":["v1",…]}}, and Galley picks the newest version
// both sides speak. Asynchronous: start() returns at once and finished() says the outcome,
// a ServerApi or an Error whose code is one of the constants below. One check at a time;
// starting another (or destroying the object) abandons the one running.
class ServerHandshake : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerHandshake)
public:
    // Error codes of finished().
    static constexpr QLatin1StringView InvalidUrl { "invalid_url" };        // not an http(s) address
    static constexpr QLatin1StringView Unreachable { "unreachable" };       // no answer: refused, DNS, TLS, timeout, 5xx
    static constexpr QLatin1StringView NotGalley { "not_galley_server" };   // an answer, but not a Galley version listing
    static constexpr QLatin1StringView Incompatible { "incompatible_api" }; // a Galley server without a common version

    // Talks through manager when given (it must outlive this object), else through its own.
    explicit ServerHandshake(QObject *parent = nullptr, QNetworkAccessManager *manager = nullptr);
    ~ServerHandshake() override;

    // The API versions this Galley speaks, oldest first.
    static QStringList supportedVersions();

    // What someone typed ("127.0.0.1:8470", "https://galley.example.com/cms/") as a server's
    // base address: http assumed when no scheme is given, no trailing slash, no query.
    static Result<QUrl> parseServerUrl(const QString &text);

    // The verdict on what <base>/api answered with HTTP status `httpStatus` (pure; start() uses it).
    static Result<ServerApi> evaluate(const QUrl &base, int httpStatus, const QByteArray &body);

    // How long a check may take before it counts as unanswered (default 10 s).
    void setTimeout(int milliseconds) { m_timeout.setInterval(milliseconds); }
    int timeout() const { return m_timeout.interval(); }

    void start(const QUrl &base);
    // Abandons the running check without a finished() signal.
    void abort();
    bool isRunning() const { return m_reply != nullptr; }

Q_SIGNALS:
    void finished(const Galley::Result<Galley::ServerApi> &result);

private:
    void onReplyFinished();
    Result<ServerApi> outcome(QNetworkReply *reply) const;

    QNetworkAccessManager *m_manager;
    QPointer<QNetworkReply> m_reply;
    QUrl m_base;
    QTimer m_timeout;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    QStringList m_sslErrors;
};

} // namespace Galley
