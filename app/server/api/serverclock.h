#pragma once

#include <QDateTime>
#include <QString>

namespace Galley::Server {

// The server's "now" for the edition workflow: transition times, the five-minute scheduling
// rule and when a scheduled job is due. The system clock, unless the server was started with
// --clock-file PATH (tests): then the file says what time it is, re-read on every question —
//   an ISO 8601 instant ("2030-01-07T09:00:00Z"): the clock stands at that time;
//   a signed number of seconds ("+3600", "-90"): the system clock shifted by that much;
//   missing or empty: the system clock.
// Thread-safe (it keeps nothing between calls).
class ServerClock
{
public:
    ServerClock() = default;
    explicit ServerClock(QString clockFile) : m_file(std::move(clockFile)) { }

    QDateTime now() const;   // UTC, millisecond precision
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
    const QString &clockFile() const { return m_file; }

    // What a clock file's text means; nullopt-like invalid QDateTime with `ok` false when it
    // makes no sense (then the system clock is used and the server logs it).
    static QDateTime interpret(const QString &text, const QDateTime &systemNow, bool *ok);

private:
    QString m_file;
};

} // namespace Galley::Server
