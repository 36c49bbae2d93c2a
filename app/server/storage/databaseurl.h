#pragma once

#include "domain/result.h"

#include <QString>

namespace Galley::Server {

// Where the server keeps its data, as given by `--database`:
//   sqlite:PATH                                         (relative paths are kept as given)
//   postgresql://user[:password]@host[:port]/dbname[?connect_timeout=…&sslmode=…]
// `postgres://` is accepted as an alias. User, password and database name are
// percent-decoded. Query parameters become QPSQL connect options.
class DatabaseUrl
{
public:
    enum class Backend { Sqlite, PostgreSql };

    static Result<DatabaseUrl> parse(const QString &text);

    Backend backend() const { return m_backend; }
    QString path() const { return m_path; }               // SQLite file
    QString host() const { return m_host; }
    int port() const { return m_port; }                   // 5432 when not given
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    QString databaseName() const { return m_databaseName; }
    QString connectOptions() const { return m_connectOptions; } // "k=v;k=v" for QSqlDatabase

    // For logs: the password is never shown.
    QString toDisplayString() const;

private:
    Backend m_backend = Backend::Sqlite;
    QString m_path;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_databaseName;
    QString m_connectOptions;
};

} // namespace Galley::Server
