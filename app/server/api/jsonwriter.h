#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace Galley::Server {

// Writes compact JSON text straight into a byte array: the resource serializers use it so that
// a page of 200 rows never goes through QJsonObject (which costs an allocation per member).
// The caller keeps the structure well-formed; separators between members and elements are
// added automatically.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 256) { m_out.reserve(reserve); }

    JsonWriter &beginObject() { separate(); m_out += '{'; m_first = true; return *this; }
    JsonWriter &endObject() { m_out += '}'; m_first = false; return *this; }
    JsonWriter &beginArray() { separate(); m_out += '['; m_first = true; return *this; }
    JsonWriter &endArray() { m_out += ']'; m_first = false; return *this; }

    JsonWriter &key(const char *name)
    {
        separate();
        m_out += '"';
        m_out += name;
        m_out += "\":";
        m_afterKey = true;
        return *this;
    }

    JsonWriter &value(qint64 v) { separate(); m_out += QByteArray::number(v); return *this; }
    JsonWriter &value(int v) { return value(qint64(v)); }
    JsonWriter &value(bool v) { separate(); m_out += v ? "true" : "false"; return *this; }
    JsonWriter &null() { separate(); m_out += "null"; return *this; }
    JsonWriter &value(QStringView text) { separate(); appendString(m_out, text); return *this; }
    JsonWriter &value(const QString &text) { return value(QStringView(text)); }
    JsonWriter &value(const char *) = delete;   // say u"…"_s or use raw()
    // Already valid JSON (a stored document); empty text writes null.
    JsonWriter &raw(const QByteArray &json)
    {
        separate();
        m_out += json.isEmpty() ? QByteArray("null") : json;
        return *this;
    }

    const QByteArray &bytes() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

    // A JSON string literal for `text`, quotes included, escaped per RFC 8259.
    static void appendString(QByteArray &out, QStringView text);

private:
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first)
            m_out += ',';
        m_first = false;
    }

    QByteArray m_out;
    bool m_first = true;
    bool m_afterKey = false;
};

} // namespace Galley::Server
