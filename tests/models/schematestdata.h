#pragma once

// Schemas for the schema-document tests: every schema of the official JSON-Schema-Test-Suite
// (Draft 7, from the Debian package json-schema-test-suite), the demo workspace's schemas
// as written in models/demo/demoworkspace.cpp and as the store keeps them, each written
// out pretty-printed, minified and oddly (tabs, CRLF, spaces around colons).
#include "../common/demofixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace Galley::Testing {

struct SchemaText
{
    QString name;
    QString text;
};

inline QString suiteDirectory()
{
    return QStringLiteral("/usr/share/json-schema-test-suite/tests/draft7");
}

// (file/index, schema) for every test group of every file of the suite.
inline QList<std::pair<QString, QJsonValue>> suiteSchemas()
{
    QList<std::pair<QString, QJsonValue>> out;
    QStringList files;
    const QDir dir(suiteDirectory());
    for (const QString &f : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
        files.append(dir.filePath(f));
    const QDir optional(dir.filePath(QStringLiteral("optional")));
    for (const QString &f : optional.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
        files.append(optional.filePath(f));
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonArray groups = QJsonDocument::fromJson(file.readAll()).array();
        for (qsizetype i = 0; i < groups.size(); ++i)
            out.append({ dir.relativeFilePath(path) + u'#' + QString::number(i), groups.at(i).toObject().value(u"schema") });
    }
    return out;
}

// The demo schemas exactly as written in the source (hand formatted, one-line properties).
inline QList<SchemaText> demoSourceSchemas()
{
    QList<SchemaText> out;
    for (const auto &[name, text] : DemoWorkspace::schemaSources())
        out.append({ QStringLiteral("demo-source-") + name, text });
    return out;
}

// The demo schemas as the local store keeps them (content_schemas.spec_doc).
inline QList<SchemaText> demoStoredSchemas()
{
    QList<SchemaText> out;
    DemoFixture demo;
    if (!demo.create())
        return out;
    QSqlQuery q(demo.store->connection());
    // The text as written when the store keeps it (spec_text), else the stored JSON.
    if (!q.exec(QStringLiteral("SELECT name, coalesce(spec_text, spec_doc) FROM content_schemas ORDER BY id"))
        && !q.exec(QStringLiteral("SELECT name, spec_doc FROM content_schemas ORDER BY id")))
        return out;
    while (q.next())
        out.append({ QStringLiteral("demo-stored-") + q.value(0).toString(), q.value(1).toString() });
    return out;
}

inline QString pretty(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented));
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

inline QString minified(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return pretty(v);
}

// Tabs, CRLF, a space before colons, scalars arrays on one line, objects without padding.
inline QString odd(const QJsonValue &v, int depth = 0)
{
    const QString indent(depth + 1, u'\t');
    const QString closing(depth, u'\t');
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.isEmpty())
            return QStringLiteral("{ }");
        QString out = QStringLiteral("{\r\n");
        bool first = true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!first)
                out += QStringLiteral(" ,\r\n");
            first = false;
            out += indent + minified(QJsonValue(it.key())) + QStringLiteral(" :  ") + odd(it.value(), depth + 1);
        }
        return out + QStringLiteral("\r\n") + closing + u'}';
    }
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        QString out = QStringLiteral("[");
        for (qsizetype i = 0; i < a.size(); ++i)
            out += (i ? QStringLiteral(",  ") : QString()) + odd(a.at(i), depth + 1);
        return out + u']';
    }
    return minified(v);
}

// Every suite schema in three formattings, and the demo schemas as written and as stored.
inline QList<SchemaText> allSchemaTexts()
{
    QList<SchemaText> out;
    for (const auto &[name, schema] : suiteSchemas()) {
        out.append({ name + QStringLiteral("-pretty"), pretty(schema) });
        out.append({ name + QStringLiteral("-minified"), minified(schema) });
        out.append({ name + QStringLiteral("-odd"), odd(schema) });
    }
    for (const SchemaText &s : demoSourceSchemas()) {
        out.append(s);
        out.append({ s.name + QStringLiteral("-crlf"), QString(s.text).replace(u'\n', QStringLiteral("\r\n")) });
    }
    for (const SchemaText &s : demoStoredSchemas()) {
        out.append(s);
        const QJsonValue v = QJsonDocument::fromJson(s.text.toUtf8()).object();
        out.append({ s.name + QStringLiteral("-pretty"), pretty(v) });
        out.append({ s.name + QStringLiteral("-odd"), odd(v) });
    }
    return out;
}

} // namespace Galley::Testing
