#pragma once

#include <QObject>

class QSocketNotifier;

namespace Galley::Server {

// Turns SIGTERM and SIGINT into a Qt signal on the main thread (self-pipe: the handler
// writes one byte into a socketpair, a QSocketNotifier reads it), so shutdown runs as
// ordinary event-loop code. One instance per process.
class ShutdownSignal : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignal(QObject *parent = nullptr);
    ~ShutdownSignal() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void requested(int signalNumber);

private:
    static void handle(int signalNumber);
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Galley::Server
