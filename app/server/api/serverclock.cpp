#include "serverclock.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTimeZone>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcClock, "galley.server.clock")

namespace Galley::Server {

QDateTime ServerClock::interpret(const QString &text, const QDateTime &systemNow, bool *ok)
{
    *ok = true;
    const QString t = text.trimmed();
    if (t.isEmpty())
        return systemNow;
    if (t.startsWith(u'+') || t.startsWith(u'-')) {
        bool number = false;
        const qint64 seconds = t.mid(t.startsWith(u'+') ? 1 : 0).toLongLong(&number);
        if (number)
            return systemNow.addSecs(seconds);
    }
    const QDateTime fixed = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (fixed.isValid() && fixed.timeSpec() != Qt::LocalTime)
        return fixed.toUTC();
    *ok = false;
    return systemNow;
}

QDateTime ServerClock::now() const
{
    const QDateTime system = QDateTime::currentDateTimeUtc();
    if (m_file.isEmpty())
        return system;
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly))
        return system;
    bool ok = false;
    const QDateTime t = interpret(QString::fromUtf8(f.read(200)), system, &ok);
    if (!ok)
        qCWarning(lcClock).noquote() << "the clock file" << m_file << "holds neither an ISO 8601 instant nor +/-seconds; "
                                        "using the system clock";
    return t;
}

} // namespace Galley::Server
