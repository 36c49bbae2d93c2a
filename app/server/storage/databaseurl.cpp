#include "databaseurl.h"

#include <QUrl>
#include <QUrlQuery>

namespace Galley::Server {

namespace {

Error bad(const QString &message)
{
    return Error { QStringLiteral("bad_database_url"), message };
}

// QPSQL passes these straight to libpq; anything else is a typo we would rather report.
const QStringList kPgOptions = {
    QStringLiteral("connect_timeout"), QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),
    QStringLiteral("sslcert"), QStringLiteral("sslkey"), QStringLiteral("application_name"),
    QStringLiteral("options"), QStringLiteral("target_session_attrs"),
};

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    const QString usage = QStringLiteral(" Use sqlite:PATH or postgresql://user[:password]@host[:port]/dbname.");
    DatabaseUrl url;
    if (text.startsWith(QLatin1String("sqlite:"))) {
        QString path = text.mid(7);
        if (path.startsWith(QLatin1String("//")))   // sqlite:///abs/path
            path = path.mid(2);
        if (path.isEmpty())
            return bad(QStringLiteral("The SQLite database URL has no file path.") + usage);
        url.m_backend = Backend::Sqlite;
        url.m_path = path;
        return url;
    }
    if (!text.startsWith(QLatin1String("postgresql://")) && !text.startsWith(QLatin1String("postgres://")))
        return bad(QStringLiteral("Unknown database URL \"%1\".").arg(text) + usage);

    const QUrl u(text, QUrl::StrictMode);
    if (!u.isValid())
        return bad(QStringLiteral("The PostgreSQL URL is malformed: %1.").arg(u.errorString()));
    url.m_backend = Backend::PostgreSql;
    url.m_host = u.host();
    if (url.m_host.isEmpty())
        return bad(QStringLiteral("The PostgreSQL URL has no host."));
    // QUrl reports a malformed port (text, out of range) as invalid above; -1 means none given.
    url.m_port = u.port(5432);
    if (url.m_port <= 0)
        return bad(QStringLiteral("The PostgreSQL URL has an invalid port."));
    url.m_user = u.userName(QUrl::FullyDecoded);
    if (url.m_user.isEmpty())
        return bad(QStringLiteral("The PostgreSQL URL has no user name."));
    url.m_password = u.password(QUrl::FullyDecoded);
    QString name = u.path(QUrl::FullyDecoded);
    if (name.startsWith(QLatin1Char('/')))
        name = name.mid(1);
    if (name.isEmpty())
        return bad(QStringLiteral("The PostgreSQL URL has no database name."));
    if (name.contains(QLatin1Char('/')))
        return bad(QStringLiteral("The PostgreSQL database name \"%1\" contains a slash.").arg(name));
    url.m_databaseName = name;
    if (u.hasFragment())
        return bad(QStringLiteral("The PostgreSQL URL may not have a fragment."));

    QStringList options;
    const auto items = QUrlQuery(u).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!kPgOptions.contains(key))
            return bad(QStringLiteral("Unknown PostgreSQL URL parameter \"%1\" (known: %2).").arg(key, kPgOptions.join(QStringLiteral(", "))));
        if (value.contains(QLatin1Char(';')))
            return bad(QStringLiteral("The PostgreSQL URL parameter \"%1\" may not contain \";\".").arg(key));
        options.append(key + QLatin1Char('=') + value);
    }
    url.m_connectOptions = options.join(QLatin1Char(';'));
    return url;
}

QString DatabaseUrl::toDisplayString() const
{
    if (m_backend == Backend::Sqlite)
        return QStringLiteral("sqlite:") + m_path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(m_user, m_host).arg(m_port).arg(m_databaseName);
}

} // namespace Galley::Server
