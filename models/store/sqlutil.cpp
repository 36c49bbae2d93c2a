#include "sqlutil.h"

#include <QSqlError>

namespace Galley {

Error sqlError(const QSqlQuery &q, const char *code)
{
    QString text = q.lastError().text();
    if (text.isEmpty())
        text = QStringLiteral("database error");
    return Error { QString::fromLatin1(code), text };
}

} // namespace Galley
