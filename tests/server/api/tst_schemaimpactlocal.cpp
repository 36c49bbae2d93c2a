// The desktop's local impact analysis (SchemaImpact::analyseReplica on its replica) against the
// server's POST /schemas/{id}/impact on the same data: the real galley-server on loopback,
// seeded with the demo workspace, and a local replica generated from the same deterministic
// demo and cut down to the sites the schema designer sees (as sync would give it). For every
// schema of account A that has documents and three candidates — the schema as it is, a new
// required field, a narrowed constraint — the server's answer equals the local toJson() member
// for member (the local answer has members of its own besides, which are left out).
#include "apitestkit.h"
#include "common/demofixture.h"

#include "schema/schemaimpact.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>
#include <map>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;

namespace {

struct Env
{
    ServerDatabase database;
    ServerProcess server;
    TestStore db;
    std::unique_ptr<ApiClient> designer;
    qint64 accountA = -1;
    QList<qint64> sites;
};

// The members of a local answer that the server also sends, problems in a stable order when
// `sortProblems` (PostgreSQL hands fields back with its own member order).
QJsonObject serverShape(const QJsonObject &answer, bool sortProblems, bool withExamples)
{
    QJsonArray fields;
    for (const QJsonValue &v : answer.value(u"fields"_s).toArray()) {
        const QJsonObject f = v.toObject();
        QJsonObject kept { { u"pointer"_s, f.value(u"pointer"_s) }, { u"count"_s, f.value(u"count"_s) } };
        if (withExamples)
            kept.insert(u"example_message"_s, f.value(u"example_message"_s));
        fields.append(kept);
    }
    QJsonArray editions;
    for (const QJsonValue &v : answer.value(u"editions"_s).toArray()) {
        const QJsonObject e = v.toObject();
        QList<QJsonObject> problems;
        for (const QJsonValue &p : e.value(u"problems"_s).toArray()) {
            const QJsonObject o = p.toObject();
            problems.append(QJsonObject { { u"pointer"_s, o.value(u"pointer"_s) },
                                          { u"keyword"_s, o.value(u"keyword"_s) },
                                          { u"message"_s, o.value(u"message"_s) } });
        }
        if (sortProblems) {
            std::sort(problems.begin(), problems.end(), [](const QJsonObject &a, const QJsonObject &b) {
                return QJsonDocument(a).toJson() < QJsonDocument(b).toJson();
            });
        }
        QJsonArray list;
        for (const QJsonObject &p : std::as_const(problems))
            list.append(p);
        editions.append(QJsonObject { { u"id"_s, e.value(u"id"_s) },
                                      { u"document_id"_s, e.value(u"document_id"_s) },
                                      { u"state"_s, e.value(u"state"_s) },
                                      { u"problems"_s, list } });
    }
    return QJsonObject { { u"dialect"_s, answer.value(u"dialect"_s) }, { u"checked"_s, answer.value(u"checked"_s) },
                         { u"failing"_s, answer.value(u"failing"_s) }, { u"fields"_s, fields }, { u"editions"_s, editions } };
}

// The first string property of a schema (alphabetically) given a maxLength of 5; empty when
// there is none.
QJsonObject narrowed(const QJsonObject &spec)
{
    QJsonObject properties = spec.value(u"properties"_s).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        QJsonObject property = it.value().toObject();
        if (property.value(u"type"_s).toString() != "string"_L1)
            continue;
        property.insert(u"maxLength"_s, 5);
        it.value() = property;
        QJsonObject out = spec;
        out.insert(u"properties"_s, properties);
        return out;
    }
    return {};
}

} // namespace

class TestSchemaImpactLocal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sameAnswerAsTheServer_data() { ServerDatabase::addBackendRows(); }
    void sameAnswerAsTheServer();

private:
    Env *env(const QString &backend, QString *skip);

    DemoFixture m_replica;
    std::map<QString, std::unique_ptr<Env>> m_envs;
};

void TestSchemaImpactLocal::initTestCase()
{
    QVERIFY2(!ServerProcess::binary().isEmpty(), "GALLEY_SERVER_BINARY is not set");
    // The same demo the server seeds itself with (same seed, same fixed "now").
    QVERIFY(m_replica.create());
}

void TestSchemaImpactLocal::cleanupTestCase()
{
    for (auto &[backend, e] : m_envs) {
        if (e)
            QCOMPARE(e->server.stop(), 0);
    }
    m_envs.clear();
}

Env *TestSchemaImpactLocal::env(const QString &backend, QString *skip)
{
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable()) {
        *skip = QString::fromLatin1(ServerDatabase::skipReason());
        return nullptr;
    }
    auto &slot = m_envs[backend];
    if (slot)
        return slot.get();
    auto e = std::make_unique<Env>();
    if (!e->database.create(backend)) {
        qWarning().noquote() << "no database:" << e->database.error();
        return nullptr;
    }
    if (!e->server.start(e->database, true, { u"--write-rate"_s, u"0"_s })) {
        qWarning().noquote() << e->server.standardError();
        return nullptr;
    }
    if (!e->db.open(e->database)) {
        qWarning().noquote() << "cannot open the test database:" << e->db.error();
        return nullptr;
    }
    const DemoUser designer = roleUser(Role::SchemaDesigner);
    e->accountA = e->db.accountOf(designer.email);
    e->sites = e->db.visibleSites(designer.email);
    e->designer = loggedIn(e->server, designer);
    if (e->accountA <= 0 || e->sites.isEmpty() || !e->designer)
        return nullptr;
    slot = std::move(e);
    return slot.get();
}

void TestSchemaImpactLocal::sameAnswerAsTheServer()
{
    QFETCH(QString, backend);
    QString skip;
    Env *e = env(backend, &skip);
    if (!e && !skip.isEmpty())
        QSKIP(qPrintable(skip));
    QVERIFY2(e, "the test server could not be started");
    const bool postgres = backend == "postgresql"_L1;

    // The designer's replica: the demo, without the documents of sites the designer does not see.
    QSqlDatabase local = m_replica.store->connection();
    {
        QStringList visible;
        for (const qint64 s : std::as_const(e->sites))
            visible << QString::number(s);
        const QString outside = u"SELECT id FROM editions WHERE site_id NOT IN (%1)"_s.arg(visible.join(u','));
        QSqlQuery q(local);
        QVERIFY(local.transaction());
        QVERIFY(q.exec(u"DELETE FROM edition_content WHERE edition_id IN ("_s + outside + u')'));
        QVERIFY(q.exec(u"DELETE FROM editions WHERE site_id NOT IN (%1)"_s.arg(visible.join(u','))));
        QVERIFY(q.exec(u"DELETE FROM documents WHERE site_id NOT IN (%1)"_s.arg(visible.join(u','))));
        QVERIFY(local.commit());
    }

    const QVariantList schemas = e->db.column(u"SELECT DISTINCT d.schema_id FROM documents d WHERE d.account_id = ? "
                                               "ORDER BY d.schema_id"_s,
                                               { e->accountA });
    QVERIFY(schemas.size() >= 3);
    int compared = 0;
    qint64 failingSeen = 0;
    for (const QVariant &schemaValue : schemas) {
        const qint64 schema = schemaValue.toLongLong();
        const ApiReply current = e->designer->get(u"/schemas/%1"_s.arg(schema));
        QCOMPARE(current.status, 200);
        const QJsonObject spec = current.object().value(u"spec_doc"_s).toObject();
        QVERIFY(!spec.isEmpty());

        QJsonObject required = spec;
        QJsonArray names = required.value(u"required"_s).toArray();
        names.append(u"galley_new_field"_s);
        required.insert(u"required"_s, names);
        QList<std::pair<QString, QJsonObject>> candidates { { u"as-is"_s, spec }, { u"required-added"_s, required } };
        if (const QJsonObject n = narrowed(spec); !n.isEmpty())
            candidates.append({ u"narrowed"_s, n });

        for (const auto &[name, candidate] : std::as_const(candidates)) {
            const QString what = u"schema %1, %2 (%3)"_s.arg(schema).arg(name, backend);
            const ApiReply server = e->designer->call("POST", u"/schemas/%1/impact"_s.arg(schema), { { u"spec_doc"_s, candidate } });
            QVERIFY2(server.status == 200, qPrintable(what + u": "_s + QString::fromUtf8(server.raw)));
            // The server validates the candidate as it re-serialises it; so does the desktop when it
            // sends the candidate.
            const auto mine = SchemaImpact::analyseReplica(local, schema, QJsonDocument(candidate).toJson(QJsonDocument::Compact));
            QVERIFY2(mine.ok(), qPrintable(what + u": "_s + (mine.ok() ? QString() : mine.error().message)));
            const QJsonObject theirs = serverShape(server.object(), postgres, !postgres);
            const QJsonObject ours = serverShape(mine->toJson(), postgres, !postgres);
            if (theirs != ours) {
                qWarning().noquote() << what << "\nserver:" << QJsonDocument(theirs).toJson(QJsonDocument::Compact).left(3000)
                                     << "\nlocal: " << QJsonDocument(ours).toJson(QJsonDocument::Compact).left(3000);
            }
            QVERIFY2(theirs == ours, qPrintable(what));
            QVERIFY(mine->checked > 0);
            if (name == "required-added"_L1)
                QCOMPARE(mine->failing, mine->checked);
            failingSeen += mine->failing;
            ++compared;
        }
    }
    QVERIFY(compared >= 8);
    QVERIFY(failingSeen > 0);
}

QTEST_GUILESS_MAIN(TestSchemaImpactLocal)
#include "tst_schemaimpactlocal.moc"
