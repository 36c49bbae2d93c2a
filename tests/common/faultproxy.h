#pragma once

// A TCP proxy on loopback that breaks HTTP traffic on purpose, for testing the sync
// client against a real galley-server behind a bad network:
//
//   Galley::Testing::FaultProxy proxy;
//   QVERIFY(proxy.start(QHostAddress::LocalHost, server.port()));
//   proxy.setSeed(7);
//   proxy.setFaultRate(0.2);                 // one request in five goes wrong
//   client.setBaseUrl(proxy.url());          // talk to the server through the proxy
//   …
//   proxy.setOffline(true);                  // "cable pulled": nothing gets through
//   QCOMPARE(proxy.faultCount(FaultProxy::Fault::ErrorBurst), …);
//
// It runs on a thread of its own, so a test blocked in QTest::qWaitFor() or in a
// synchronous call does not stall it, and every setter and getter may be called from
// any thread. It frames HTTP/1.1 requests and responses (Content-Length, chunked, or
// until close) so that it decides per request, also on keep-alive connections: with
// probability faultRate() a request gets one of the enabled faults, chosen at random.
// The random sequence is reproducible for a given seed and order of requests.
// WebSocket upgrades, and anything that does not look like HTTP, pass through unchanged
// (until the proxy goes offline).
#include <QFlags>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

QT_FORWARD_DECLARE_CLASS(QThread)

namespace Galley::Testing {

class FaultProxyEngine;
class FaultProxyState;

class FaultProxy : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultProxy)
public:
    enum class Fault {
        // Closes the client connection as soon as the request has arrived, forwarding nothing
        // (QNetworkAccessManager retries such a request on a new connection, itself judged anew).
        Drop = 0x01,
        // Holds the request for 50 to 800 ms before forwarding it (the answer comes late).
        Delay = 0x02,
        // Forwards the response's headers and part of its body, then resets the client
        // connection (RST): the client sees an error in the middle of the body.
        ResetMidBody = 0x04,
        // Forwards the response without its last bytes, then closes the connection
        // gracefully: the body is shorter than its Content-Length (or its chunks end early).
        Truncate = 0x08,
        // Answers this request and the next 0 to 4 new ones (1 to 5 in all, across
        // connections) with 502 Bad Gateway or 503 Service Unavailable, a small JSON body
        // and Connection: close, without contacting the server. A burst runs to its end
        // whatever the rate; setSeed() or disabling ErrorBurst ends it.
        ErrorBurst = 0x10,
    };
    Q_ENUM(Fault)
    Q_DECLARE_FLAGS(Faults, Fault)
    Q_FLAG(Faults)
    static constexpr Faults AllFaults { 0x1f };

    explicit FaultProxy(QObject *parent = nullptr);
    ~FaultProxy() override;   // stops

    // Listens on 127.0.0.1 (a free port) and forwards each connection to target:port.
    // False when it is already running or cannot listen.
    bool start(const QHostAddress &targetHost, quint16 targetPort);
    // Closes the listening socket and every connection; waits for the thread to end.
    void stop();
    bool isRunning() const;
    quint16 port() const;
    // http://127.0.0.1:port
    QUrl url() const;

    // Probability (0…1) that a request gets a fault. 0, the default, forwards everything.
    void setFaultRate(double rate);
    double faultRate() const;
    // Restarts the random sequence.
    void setSeed(quint32 seed);
    // The faults to choose from; all by default.
    void setEnabledFaults(Faults faults);
    Faults enabledFaults() const;
    // Offline: every connection open now is closed and every new one is closed as soon
    // as it is accepted, WebSocket or not. Returns once the open ones are closed.
    void setOffline(bool offline);
    bool isOffline() const;

    // Connections accepted (offline ones included), HTTP requests seen, faults injected
    // (an error burst counts once per error response), and connections refused offline.
    quint64 connectionCount() const;
    quint64 requestCount() const;
    quint64 faultCount(Fault kind) const;
    quint64 faultCount() const;   // all kinds
    quint64 refusedCount() const;
    void resetCounters();

private:
    std::shared_ptr<FaultProxyState> m_state;   // shared with the engine's thread
    std::unique_ptr<FaultProxyEngine> m_engine;
    std::unique_ptr<QThread> m_thread;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(FaultProxy::Faults)

} // namespace Galley::Testing
