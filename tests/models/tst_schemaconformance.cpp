// SchemaValidator against the official JSON-Schema-Test-Suite (the Debian package
// json-schema-test-suite): every case of tests/draft7/*.json must pass; tests/draft7/optional/
// and optional/format/ are run and reported (a table per file), not required. The suite's
// remote references (http://localhost:1234/…) are served from its remotes/ folder through
// SchemaValidator::Options::documents — Galley itself never loads a schema from the network.
//
// The suite's schemas and instances are handed to the validator byte for byte (a small scanner
// cuts them out of the file, so big numbers and key order survive); a schema without "$schema"
// gets the Draft 7 URI, as the suite means it, and a boolean schema is wrapped as
// {"$schema": …, "allOf": [true|false]} because a Galley content schema is an object.
#include "schema/schemavalidator.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstdio>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kDraft7Uri = "http://json-schema.org/draft-07/schema#"_L1;

QString suiteRoot()
{
    const QString fromEnv = qEnvironmentVariable("GALLEY_JSON_SCHEMA_TEST_SUITE");
    return fromEnv.isEmpty() ? u"/usr/share/json-schema-test-suite"_s : fromEnv;
}

// Where each JSON value of a text begins and ends, so that values can be cut out verbatim.
class RawJson
{
public:
    struct Node
    {
        enum Kind { Object, Array, Scalar } kind = Scalar;
        qsizetype begin = 0;
        qsizetype end = 0;   // one past the last byte
        QList<std::pair<QByteArray, int>> members;   // (raw key without quotes, node index)
        QList<int> elements;
    };

    explicit RawJson(const QByteArray &text) : m_text(text)
    {
        skipSpace();
        m_ok = value() >= 0;
    }

    bool ok() const { return m_ok; }
    const Node &node(int index) const { return m_nodes.at(index); }
    const Node &root() const { return m_nodes.first(); }
    QByteArray raw(int index) const
    {
        const Node &n = m_nodes.at(index);
        return m_text.mid(n.begin, n.end - n.begin);
    }
    int member(int object, QByteArrayView key) const
    {
        for (const auto &[k, v] : m_nodes.at(object).members) {
            if (k == key)
                return v;
        }
        return -1;
    }

private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && (m_text.at(m_pos) == ' ' || m_text.at(m_pos) == '\n' || m_text.at(m_pos) == '\r'
                                         || m_text.at(m_pos) == '\t'))
            ++m_pos;
    }

    bool string(QByteArray *out)
    {
        if (m_pos >= m_text.size() || m_text.at(m_pos) != '"')
            return false;
        const qsizetype start = ++m_pos;
        while (m_pos < m_text.size() && m_text.at(m_pos) != '"')
            m_pos += m_text.at(m_pos) == '\\' ? 2 : 1;
        if (m_pos >= m_text.size())
            return false;
        if (out)
            *out = m_text.mid(start, m_pos - start);
        ++m_pos;
        return true;
    }

    int value()
    {
        if (m_pos >= m_text.size())
            return -1;
        const int index = int(m_nodes.size());
        m_nodes.append(Node {});
        m_nodes[index].begin = m_pos;
        const char c = m_text.at(m_pos);
        if (c == '{') {
            m_nodes[index].kind = Node::Object;
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == '}') {
                ++m_pos;
            } else {
                for (;;) {
                    skipSpace();
                    QByteArray key;
                    if (!string(&key))
                        return -1;
                    skipSpace();
                    if (m_pos >= m_text.size() || m_text.at(m_pos) != ':')
                        return -1;
                    ++m_pos;
                    skipSpace();
                    const int v = value();
                    if (v < 0)
                        return -1;
                    m_nodes[index].members.append({ key, v });
                    skipSpace();
                    if (m_pos < m_text.size() && m_text.at(m_pos) == ',') {
                        ++m_pos;
                        continue;
                    }
                    if (m_pos < m_text.size() && m_text.at(m_pos) == '}') {
                        ++m_pos;
                        break;
                    }
                    return -1;
                }
            }
        } else if (c == '[') {
            m_nodes[index].kind = Node::Array;
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == ']') {
                ++m_pos;
            } else {
                for (;;) {
                    skipSpace();
                    const int v = value();
                    if (v < 0)
                        return -1;
                    m_nodes[index].elements.append(v);
                    skipSpace();
                    if (m_pos < m_text.size() && m_text.at(m_pos) == ',') {
                        ++m_pos;
                        continue;
                    }
                    if (m_pos < m_text.size() && m_text.at(m_pos) == ']') {
                        ++m_pos;
                        break;
                    }
                    return -1;
                }
            }
        } else if (c == '"') {
            if (!string(nullptr))
                return -1;
        } else {
            while (m_pos < m_text.size() && !QByteArrayView(",]} \n\r\t").contains(m_text.at(m_pos)))
                ++m_pos;
        }
        m_nodes[index].end = m_pos;
        return index;
    }

    QByteArray m_text;
    qsizetype m_pos = 0;
    QList<Node> m_nodes;
    bool m_ok = false;
};

// The suite's schema as a Draft 7 content schema.
QByteArray asDraft7Schema(const RawJson &json, int schema)
{
    const QByteArray raw = json.raw(schema);
    const RawJson::Node &node = json.node(schema);
    const QByteArray declare = "\"$schema\": \"" + QByteArray(kDraft7Uri.data(), kDraft7Uri.size()) + "\"";
    if (node.kind != RawJson::Node::Object)
        return "{" + declare + ", \"allOf\": [" + raw + "]}";
    if (json.member(schema, "$schema") >= 0)
        return raw;
    if (node.members.isEmpty())
        return "{" + declare + "}";
    return "{" + declare + ", " + raw.mid(1);
}

// The suite's remotes, by the URI the tests use.
QHash<QString, QByteArray> remotes()
{
    QHash<QString, QByteArray> documents;
    const QString root = suiteRoot() + u"/remotes"_s;
    QDirIterator it(root, { u"*.json"_s }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            documents.insert(u"http://localhost:1234/"_s + QDir(root).relativeFilePath(path), file.readAll());
    }
    return documents;
}

struct CaseResult
{
    QString name;
    bool passed = false;
    QString why;
};

// Every case of one suite file.
QList<CaseResult> runFile(const QString &path, const SchemaValidator::Options &options)
{
    QList<CaseResult> results;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        results.append({ path, false, u"cannot open"_s });
        return results;
    }
    const QByteArray text = file.readAll();
    const RawJson json(text);
    const QJsonArray groups = QJsonDocument::fromJson(text).array();
    if (!json.ok() || json.root().kind != RawJson::Node::Array || groups.size() != json.root().elements.size()) {
        results.append({ path, false, u"cannot parse"_s });
        return results;
    }
    for (qsizetype g = 0; g < groups.size(); ++g) {
        const int group = json.root().elements.at(g);
        const QString groupName = groups.at(g).toObject().value(u"description"_s).toString();
        const QByteArray spec = asDraft7Schema(json, json.member(group, "schema"));
        const SchemaValidator validator(spec, options);
        QString refused;
        for (const SchemaProblem &p : validator.problems())
            refused += u" ["_s + p.pointer + u"] "_s + p.message;
        const QJsonArray tests = groups.at(g).toObject().value(u"tests"_s).toArray();
        const RawJson::Node &testsNode = json.node(json.member(group, "tests"));
        for (qsizetype t = 0; t < tests.size(); ++t) {
            const QJsonObject test = tests.at(t).toObject();
            CaseResult r;
            r.name = groupName + u" / "_s + test.value(u"description"_s).toString();
            const bool expectValid = test.value(u"valid"_s).toBool();
            if (!validator.isValid()) {
                r.why = u"schema refused:"_s + refused;
            } else {
                const QByteArray data = json.raw(json.member(testsNode.elements.at(t), "data"));
                const QList<SchemaProblem> problems = validator.validateInstance(data);
                r.passed = problems.isEmpty() == expectValid;
                if (!r.passed) {
                    r.why = expectValid ? u"valid instance refused:"_s : u"invalid instance accepted"_s;
                    for (const SchemaProblem &p : problems)
                        r.why += u" ["_s + p.pointer + u"] "_s + p.message;
                }
            }
            results.append(r);
        }
    }
    return results;
}

QStringList suiteFiles(const QString &folder)
{
    QDir dir(suiteRoot() + u"/tests/draft7/"_s + folder);
    QStringList files;
    const QStringList names = dir.entryList({ u"*.json"_s }, QDir::Files, QDir::Name);
    for (const QString &name : names)
        files << dir.filePath(name);
    return files;
}

} // namespace

class TestSchemaConformance : public QObject
{
    Q_OBJECT
    SchemaValidator::Options m_options;

private Q_SLOTS:
    void initTestCase();
    void required_data();
    void required();
    void optionalReport();
};

void TestSchemaConformance::initTestCase()
{
    QVERIFY2(QFileInfo::exists(suiteRoot() + u"/tests/draft7/type.json"_s),
             qPrintable(u"The JSON-Schema-Test-Suite is not at %1 (install the Debian package json-schema-test-suite)."_s
                                .arg(suiteRoot())));
    m_options.documents = remotes();
    QVERIFY(m_options.documents.contains(u"http://localhost:1234/integer.json"_s));
}

void TestSchemaConformance::required_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = suiteFiles({});
    QVERIFY(files.size() >= 30);
    for (const QString &path : files)
        QTest::newRow(qPrintable(QFileInfo(path).completeBaseName())) << path;
}

void TestSchemaConformance::required()
{
    QFETCH(QString, path);
    const QList<CaseResult> results = runFile(path, m_options);
    QVERIFY(!results.isEmpty());
    QStringList failures;
    for (const CaseResult &r : results) {
        if (!r.passed)
            failures << r.name + u": "_s + r.why;
    }
    std::fprintf(stdout, "conformance draft7/%s: %lld/%lld passed\n", qPrintable(QFileInfo(path).fileName()),
                 qlonglong(results.size() - failures.size()), qlonglong(results.size()));
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"\n"_s)));
}

// Optional and format tests: not required by the specification, reported as a table.
void TestSchemaConformance::optionalReport()
{
    const QStringList files = suiteFiles(u"optional"_s) + suiteFiles(u"optional/format"_s);
    QVERIFY(!files.isEmpty());
    qlonglong passedAll = 0;
    qlonglong totalAll = 0;
    std::fprintf(stdout, "\n%-44s %7s %7s\n", "optional file", "passed", "failed");
    QStringList failures;
    for (const QString &path : files) {
        const QList<CaseResult> results = runFile(path, m_options);
        qlonglong passed = 0;
        const QString file = QDir(suiteRoot() + u"/tests/draft7"_s).relativeFilePath(path);
        for (const CaseResult &r : results) {
            if (r.passed)
                ++passed;
            else
                failures << file + u": "_s + r.name + u": "_s + r.why;
        }
        std::fprintf(stdout, "%-44s %7lld %7lld\n", qPrintable(file), passed, qlonglong(results.size()) - passed);
        passedAll += passed;
        totalAll += results.size();
    }
    std::fprintf(stdout, "%-44s %7lld %7lld\n", "total", passedAll, totalAll - passedAll);
    if (qEnvironmentVariableIsSet("GALLEY_CONFORMANCE_VERBOSE")) {
        for (const QString &f : std::as_const(failures))
            std::fprintf(stdout, "  %s\n", qPrintable(f));
    }
    std::fflush(stdout);
    QVERIFY(totalAll > 100);
}

QTEST_GUILESS_MAIN(TestSchemaConformance)
#include "tst_schemaconformance.moc"
