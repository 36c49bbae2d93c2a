#include "queryparam.h"

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {
// Strict decimal: optional minus, 1–18 digits, nothing else (no spaces, no plus, no hex).
std::optional<qint64> parseInteger(const QString &text)
{
    const qsizetype digitsFrom = text.startsWith(u'-') ? 1 : 0;
    const qsizetype digits = text.size() - digitsFrom;
    if (digits < 1 || digits > 18)
        return std::nullopt;
    for (qsizetype i = digitsFrom; i < text.size(); ++i) {
        if (text.at(i) < u'0' || text.at(i) > u'9')
            return std::nullopt;
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}
} // namespace

QueryParam QueryParam::integer(const QString &name)
{
    return QueryParam(name, Type::Integer);
}

QueryParam QueryParam::positiveInteger(const QString &name, std::optional<qint64> max)
{
    QueryParam p(name, Type::PositiveInteger);
    p.m_max = max;
    return p;
}

QueryParam QueryParam::string(const QString &name, qsizetype maxLength)
{
    QueryParam p(name, Type::String);
    p.m_maxLength = maxLength;
    return p;
}

QueryParam QueryParam::boolean(const QString &name)
{
    return QueryParam(name, Type::Boolean);
}

QueryParam QueryParam::oneOf(const QString &name, const QStringList &values)
{
    QueryParam p(name, Type::Enum);
    p.m_values = values;
    return p;
}

QueryParam QueryParam::required() const
{
    QueryParam p = *this;
    p.m_required = true;
    return p;
}

std::variant<QVariant, ApiError> QueryParam::parse(const QString &text) const
{
    switch (m_type) {
    case Type::Integer:
        if (const auto value = parseInteger(text))
            return QVariant::fromValue(*value);
        return ApiError::badRequest(u"Query parameter '%1' must be an integer."_s.arg(m_name), m_name);
    case Type::PositiveInteger:
        if (const auto value = parseInteger(text); value && *value > 0) {
            if (m_max && *value > *m_max)
                return ApiError::badRequest(u"Query parameter '%1' must be at most %2."_s.arg(m_name).arg(*m_max), m_name);
            return QVariant::fromValue(*value);
        }
        return ApiError::badRequest(u"Query parameter '%1' must be a positive integer."_s.arg(m_name), m_name);
    case Type::String:
        if (text.size() > m_maxLength)
            return ApiError::badRequest(u"Query parameter '%1' is longer than %2 characters."_s.arg(m_name).arg(m_maxLength), m_name);
        return QVariant::fromValue(text);
    case Type::Boolean:
        if (text == "true"_L1 || text == "1"_L1)
            return QVariant::fromValue(true);
        if (text == "false"_L1 || text == "0"_L1)
            return QVariant::fromValue(false);
        return ApiError::badRequest(u"Query parameter '%1' must be true or false."_s.arg(m_name), m_name);
    case Type::Enum:
        if (m_values.contains(text))
            return QVariant::fromValue(text);
        return ApiError::badRequest(u"Query parameter '%1' must be one of: %2."_s.arg(m_name, m_values.join(u", "_s)), m_name);
    }
    return ApiError::badRequest(u"Query parameter '%1' is not valid."_s.arg(m_name), m_name);
}

} // namespace Galley::Server
