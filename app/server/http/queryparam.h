#pragma once

#include "apierror.h"

#include <QStringList>
#include <QVariant>

#include <optional>
#include <variant>

namespace Galley::Server {

// The declaration of one query parameter a route accepts: its name and type. Anything a route
// does not declare is refused (400 naming it), and so is a value of the wrong type.
class QueryParam
{
public:
    enum class Type { Integer, PositiveInteger, String, Boolean, Enum };

    static QueryParam integer(const QString &name);
    static QueryParam positiveInteger(const QString &name, std::optional<qint64> max = std::nullopt);
    static QueryParam string(const QString &name, qsizetype maxLength = 1000);
    static QueryParam boolean(const QString &name);
    static QueryParam oneOf(const QString &name, const QStringList &values);

    QueryParam required() const;

    const QString &name() const { return m_name; }
    Type type() const { return m_type; }
    bool isRequired() const { return m_required; }

    // The typed value (qint64, QString or bool) or the 400 that explains what is wrong.
    std::variant<QVariant, ApiError> parse(const QString &text) const;

private:
    QueryParam(const QString &name, Type type) : m_name(name), m_type(type) { }

    QString m_name;
    Type m_type;
    bool m_required = false;
    std::optional<qint64> m_max;
    qsizetype m_maxLength = 1000;
    QStringList m_values;
};

} // namespace Galley::Server
