#include "serverhandshake.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

#include <algorithm>
#include <limits>

namespace Galley {

// Quiet unless asked for (QT_LOGGING_RULES="galley.sync.handshake.debug=true"): the outcome reaches the user anyway.
Q_LOGGING_CATEGORY(lcHandshake, "galley.sync.handshake", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace {

// Nobody's version listing is this large: a longer answer is something else (a download).
constexpr qint64 kMaxListingBytes = 1 << 20;

// "v12" → 12; -1 for names that are not "v" and a number.
int versionNumber(const QString &name)
{
    static const QRegularExpression numbered(u"^v(\\d{1,6})$"_s);
    const auto m = numbered.match(name);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString hostAndPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == "https"_L1 ? 443 : 80);
    QString host = url.host(QUrl::FullyDecoded);
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return host + u':' + QString::number(port);
}

QString display(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

} // namespace

QUrl ServerApi::apiRoot() const
{
    QUrl url = base;
    url.setPath(base.path() + u"/api/"_s + version);
    return url;
}

ServerHandshake::ServerHandshake(QObject *parent, QNetworkAccessManager *manager)
    : QObject(parent)
    , m_manager(manager ? manager : new QNetworkAccessManager(this))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(10000);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (!m_reply)
            return;
        m_timedOut = true;
        m_reply->abort();   // finishes the reply: onReplyFinished reports the timeout
    });
}

ServerHandshake::~ServerHandshake()
{
    abort();
}

QStringList ServerHandshake::supportedVersions()
{
    return { u"v1"_s };
}

Result<QUrl> ServerHandshake::parseServerUrl(const QString &text)
{
    QString typed = text.trimmed();
    if (typed.isEmpty())
        return Error { QString(InvalidUrl), tr("Enter the address of a Galley server, for example %1.")
                                                .arg(u"https://galley.example.com"_s) };
    if (!typed.contains(u"://"_s))
        typed.prepend(u"http://"_s);
    QUrl url(typed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (url.isValid() && scheme != "http"_L1 && scheme != "https"_L1)
        return Error { QString(InvalidUrl),
                       tr("Galley talks to servers over http or https, not %1. Enter an address like %2.")
                           .arg(url.scheme(), u"https://galley.example.com"_s) };
    if (!url.isValid() || url.host().isEmpty())
        return Error { QString(InvalidUrl), tr("“%1” is not a server address. Enter one like %2 or %3.")
                                                .arg(text.trimmed(), u"https://galley.example.com"_s,
                                                     u"127.0.0.1:8470"_s) };
    url.setScheme(scheme);
    url.setQuery(QString());
    url.setFragment(QString());
    // Someone may paste the API's own address: the base is what comes before it.
    static const QRegularExpression apiSuffix(u"/api(/v\\d+)?/*$"_s);
    QString path = url.path();
    path.remove(apiSuffix);
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}

Result<ServerApi> ServerHandshake::evaluate(const QUrl &base, int httpStatus, const QByteArray &body)
{
    QUrl listingUrl = base;
    listingUrl.setPath(base.path() + u"/api"_s);
    const QString where = display(listingUrl);

    if (httpStatus >= 500)
        return Error { QString(Unreachable),
                       tr("The server at %1 answered with an error (HTTP %2) instead of its API versions. "
                          "Try again later, or ask the server's administrator.")
                           .arg(display(base), QString::number(httpStatus)) };
    const auto notGalley = [&] {
        return Error { QString(NotGalley),
                       tr("Something answers at %1, but it is not a Galley server: %2 did not list any API "
                          "versions. Check the address and the port.")
                           .arg(display(base), where) };
    };
    if (httpStatus < 200 || httpStatus >= 300)
        return notGalley();

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject envelope = document.object();
    if (parseError.error != QJsonParseError::NoError || !envelope.value(u"success"_s).toBool())
        return notGalley();
    const QJsonValue listed = envelope.value(u"data"_s).toObject().value(u"versions"_s);
    QStringList serverVersions;
    for (const QJsonValue &v : listed.toArray()) {
        if (v.isString() && !v.toString().isEmpty())
            serverVersions << v.toString();
    }
    if (!listed.isArray() || serverVersions.isEmpty())
        return notGalley();

    const QStringList ours = supportedVersions();
    for (auto it = ours.crbegin(); it != ours.crend(); ++it) {
        if (serverVersions.contains(*it))
            return ServerApi { base, *it, serverVersions };
    }

    // Which side is behind decides what the user should update.
    int theirNewest = -1;
    for (const QString &v : std::as_const(serverVersions))
        theirNewest = std::max(theirNewest, versionNumber(v));
    int ourNewest = -1;
    int ourOldest = std::numeric_limits<int>::max();
    for (const QString &v : ours) {
        ourNewest = std::max(ourNewest, versionNumber(v));
        ourOldest = std::min(ourOldest, versionNumber(v));
    }
    QString advice;
    if (theirNewest > ourNewest && ourNewest >= 0)
        advice = tr("Update Galley to connect to it.");
    else if (theirNewest >= 0 && theirNewest < ourOldest)
        advice = tr("The server needs an update before this Galley can connect to it.");
    else
        advice = tr("Update Galley or the server.");
    const QString message =
        tr("This server speaks API %1; this Galley speaks API %2.").arg(serverVersions.join(u", "_s), ours.join(u", "_s))
        + u' ' + advice;
    return Error { QString(Incompatible), message };
}

void ServerHandshake::start(const QUrl &base)
{
    abort();
    m_base = base;
    m_timedOut = false;
    m_tooLarge = false;
    m_sslErrors.clear();

    QUrl url = base;
    url.setPath(base.path() + u"/api"_s);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QString(u"Galley/"_s + QCoreApplication::applicationVersion()).toUtf8());
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    qCDebug(lcHandshake) << "asking" << url.toDisplayString(QUrl::RemoveUserInfo) << "for its API versions";

    QNetworkReply *reply = m_manager->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &ServerHandshake::onReplyFinished);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64) {
        if (received > kMaxListingBytes) {
            m_tooLarge = true;
            reply->abort();
        }
    });
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            m_sslErrors << e.errorString();
    });
#endif
    m_timeout.start();
}

void ServerHandshake::abort()
{
    m_timeout.stop();
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void ServerHandshake::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply)
        return;
    m_timeout.stop();
    m_reply = nullptr;
    reply->deleteLater();
    const Result<ServerApi> result = outcome(reply);
    if (result)
        qCDebug(lcHandshake) << display(m_base) << "speaks" << result->serverVersions << "- using" << result->version;
    else
        qCDebug(lcHandshake) << display(m_base) << result.error().code << result.error().message;
    Q_EMIT finished(result);
}

Result<ServerApi> ServerHandshake::outcome(QNetworkReply *reply) const
{
    const QString server = display(m_base);
    if (m_timedOut) {
        const int seconds = std::max(1, (m_timeout.interval() + 999) / 1000);
        return Error { QString(Unreachable),
                       tr("%1 did not answer within %n second(s). Check the address, and that the server is running "
                          "and reachable from this computer.",
                          nullptr, seconds)
                           .arg(server) };
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QByteArray body = reply->readAll();
    if (status.isValid() && status.toInt() > 0) {
        if (m_tooLarge)   // far too long to be a version listing
            return evaluate(m_base, 200, {});
        return evaluate(m_base, status.toInt(), body);
    }

    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return Error { QString(Unreachable), tr("Nothing is listening at %1: the connection was refused. Check the "
                                                "address and the port, and that the server is running.")
                                                 .arg(hostAndPort(m_base)) };
    case QNetworkReply::HostNotFoundError:
        return Error { QString(Unreachable),
                       tr("The server name %1 could not be found. Check the address.").arg(m_base.host()) };
    case QNetworkReply::TimeoutError:
        return Error { QString(Unreachable), tr("%1 did not answer in time. Check the address, and that the server "
                                                "is running and reachable from this computer.")
                                                 .arg(server) };
    case QNetworkReply::RemoteHostClosedError:
        return Error { QString(Unreachable),
                       tr("%1 closed the connection without answering. Is it a Galley server, and is the scheme "
                          "(http or https) right?")
                           .arg(server) };
    default:
        break;
    }
    if (!m_sslErrors.isEmpty())
        return Error { QString(Unreachable), tr("Galley did not trust the certificate of %1: %2")
                                                 .arg(m_base.host(), m_sslErrors.join(u"; "_s)) };
    if (reply->error() == QNetworkReply::SslHandshakeFailedError)
        return Error { QString(Unreachable),
                       tr("No secure connection to %1 could be made (%2). If the server does not use https, "
                          "enter its address with http://.")
                           .arg(m_base.host(), reply->errorString()) };
    return Error { QString(Unreachable), tr("Cannot reach %1: %2").arg(server, reply->errorString()) };
}

} // namespace Galley
