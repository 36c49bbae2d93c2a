#include "envelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Galley::Server::Envelope {

QByteArray success(const ApiSuccess &result, const QString &requestId)
{
    if (!result.rawData.isEmpty()) {
        QByteArray out;
        out.reserve(result.rawData.size() + 160);
        out += "{\"success\":true,\"data\":";
        out += result.rawData;
        if (!result.meta.isEmpty()) {
            out += ",\"meta\":";
            out += QJsonDocument(result.meta).toJson(QJsonDocument::Compact);
        }
        out += ",\"request_id\":\"";
        out += requestId.toLatin1();   // URL-safe base64: nothing to escape
        out += "\"}";
        return out;
    }
    QJsonObject o {
        { u"success"_s, true },
        { u"data"_s, result.data },
        { u"request_id"_s, requestId },
    };
    if (!result.meta.isEmpty())
        o.insert(u"meta"_s, result.meta);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray error(const ApiError &error, const QString &requestId)
{
    QJsonArray errors;
    const QList<FieldError> entries = error.errors.isEmpty() ? QList<FieldError> { { error.code, error.message, {} } }
                                                             : error.errors;
    for (const FieldError &e : entries) {
        QJsonObject entry { { u"code"_s, e.code }, { u"message"_s, e.message } };
        if (!e.field.isEmpty())
            entry.insert(u"field"_s, e.field);
        errors.append(entry);
    }
    QJsonObject o {
        { u"success"_s, false },
        { u"error"_s, error.message },
        { u"errors"_s, errors },
        { u"request_id"_s, requestId },
    };
    if (!error.data.isUndefined() && !error.data.isNull())
        o.insert(u"data"_s, error.data);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace Galley::Server::Envelope
