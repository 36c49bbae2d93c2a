// Convergence: three desktops (three users, one limited to two sites, one a schema designer) make
// 300 random changes each against one real galley-server — edits of the same few editions,
// documents created offline and edited before they reach the server, remarks, schemas created,
// changed and deleted — with random offline periods. At the end every replica equals a fresh copy
// of what the server lets its user see, and the last value each client wrote into each field
// reached the server, by itself, by an automatic merge or through a conflict decision: nothing
// was lost silently.
#include "synctestkit.h"

#include "sync/merge.h"
#include "sync/outbox.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlRecord>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

QStringList rows(Client &c, const QString &sql, int jsonColumn = -1)
{
    QSqlQuery q(c.db());
    QStringList out;
    if (!q.exec(sql)) {
        out << u"query failed: "_s + sql;
        return out;
    }
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < q.record().count(); ++i) {
            QString v = q.value(i).toString();
            if (i == jsonColumn)
                v = QString::fromUtf8(QJsonDocument(QJsonDocument::fromJson(v.toUtf8()).object()).toJson(QJsonDocument::Compact));
            values << v;
        }
        out << values.join(u" | "_s);
    }
    return out;
}

struct Written
{
    qint64 edition = 0;   // as the client knew it (negative: its own, not yet sent)
    QString path;         // "title", "change_note", "fields/<key>"
};

bool operator==(const Written &a, const Written &b)
{
    return a.edition == b.edition && a.path == b.path;
}

size_t qHash(const Written &w, size_t seed = 0)
{
    return qHashMulti(seed, w.edition, w.path);
}

} // namespace

class TestConvergence : public QObject
{
    Q_OBJECT

private:
    ServerDatabase m_database;
    ServerProcess m_server;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_database.create(u"sqlite"_s));
        QVERIFY(m_server.start(m_database, true, { u"--write-rate"_s, u"0"_s }));
    }

    void cleanupTestCase() { m_server.stop(); }

    void threeClientsConverge()
    {
        const int operations = qEnvironmentVariableIntValue("GALLEY_CONVERGENCE_OPS") > 0
            ? qEnvironmentVariableIntValue("GALLEY_CONVERGENCE_OPS")
            : 300;
        const quint32 seed = qEnvironmentVariableIsSet("GALLEY_SEED") ? quint32(qEnvironmentVariableIntValue("GALLEY_SEED"))
                                                                      : QRandomGenerator::global()->generate();
        qInfo() << "seed" << seed << "operations per client" << operations;
        QRandomGenerator rng(seed);

        const QStringList emails { u"writer@northwind.example"_s, u"lucas.moreau@northwind.example"_s,
                                   u"schemas@northwind.example"_s };
        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(std::make_unique<Client>(m_dir.filePath(u"c%1.galley"_s.arg(i)), m_server.baseUrl(), emails.at(i)));
            QVERIFY(clients.back()->signIn());
            QVERIFY(clients.back()->syncOnce().ok);
        }
        // The editions everybody fights over: drafts on the sites the limited writer sees.
        QList<qint64> hot;
        {
            QSqlQuery q(clients[1]->db());
            QVERIFY(q.exec(u"SELECT id FROM editions WHERE state = 'draft' ORDER BY id LIMIT 12"_s));
            while (q.next())
                hot << q.value(0).toLongLong();
        }
        QCOMPARE(hot.size(), 12);
        struct Place { qint64 site, sector, schema; };
        QList<Place> places;
        {
            QSqlQuery q(clients[1]->db());
            QVERIFY(q.exec(u"SELECT DISTINCT site_id, sector_id, schema_id FROM documents WHERE id > 0 LIMIT 10"_s));
            while (q.next())
                places << Place { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong() };
        }
        QVERIFY(!places.isEmpty());

        // What landed on the server: every accepted answer's values.
        QHash<Written, QSet<QString>> landed;
        QList<QHash<Written, QString>> lastWritten(3);
        QList<QList<qint64>> ownEditions(3);
        QList<QList<qint64>> ownSchemas(3);
        int conflicts = 0;
        for (int i = 0; i < 3; ++i) {
            connect(clients[i]->engine.get(), &SyncEngine::changeSent, this, [&landed](const OutboxItem &item, const QJsonObject &answer) {
                QJsonObject edition = answer;
                if (item.entity == "document"_L1)
                    edition = answer.value("editions"_L1).toArray().first().toObject();
                else if (item.entity != "edition"_L1)
                    return;
                const qint64 id = edition.value("id"_L1).toInteger();
                landed[{ id, u"title"_s }].insert(edition.value("title"_L1).toString());
                landed[{ id, u"change_note"_s }].insert(edition.value("change_note"_L1).toString());
                const QJsonObject fields = edition.value("fields"_L1).toObject();
                for (auto it = fields.begin(); it != fields.end(); ++it)
                    landed[{ id, u"fields/"_s + it.key() }].insert(it.value().toString());
            });
            clients[i]->engine->start();
        }

        const auto editSomething = [&](int who, qint64 edition) {
            Client &c = *clients[who];
            const QString token = u"c%1-%2"_s.arg(who).arg(rng.generate() % 1000000);
            EditionEdit edit;
            QString path;
            const int what = int(rng.bounded(3));
            if (what == 0) {
                edit.title = u"Title "_s + token;
                path = u"title"_s;
            } else if (what == 1) {
                edit.changeNote = token;
                path = u"change_note"_s;
            } else {
                QJsonObject fields = QJsonDocument::fromJson(
                                         c.text(u"SELECT fields FROM edition_content WHERE edition_id = ?"_s, { edition }).toUtf8())
                                         .object();
                QStringList keys;
                for (auto it = fields.begin(); it != fields.end(); ++it) {
                    if (it.value().isString())
                        keys << it.key();
                }
                const QString key = keys.isEmpty() ? u"note"_s : keys.at(int(rng.bounded(int(keys.size()))));
                fields.insert(key, token);
                edit.fields = fields;
                path = u"fields/"_s + key;
            }
            const Status st = c.edit(edition, edit);
            if (st)
                lastWritten[who][{ edition, path }] = edit.title ? *edit.title : token;
            return st;
        };

        for (int step = 0; step < operations; ++step) {
            for (int who = 0; who < 3; ++who) {
                Client &c = *clients[who];
                if (rng.bounded(100) < 4)
                    c.engine->setWorkOffline(!c.engine->isWorkingOffline());
                const int roll = int(rng.bounded(100));
                if (roll < 45) {
                    const Status st = editSomething(who, hot.at(int(rng.bounded(int(hot.size())))));
                    QVERIFY2(st.ok(), qPrintable(st ? QString() : st.error().message));
                } else if (roll < 60 && !ownEditions[who].isEmpty()) {
                    const Status st = editSomething(who, ownEditions[who].at(int(rng.bounded(int(ownEditions[who].size())))));
                    QVERIFY2(st.ok(), qPrintable(st ? QString() : st.error().message));
                } else if (roll < 72) {
                    const Place p = places.at(int(rng.bounded(int(places.size()))));
                    NewDocument n { p.site, p.sector, p.schema, u"New c%1-%2"_s.arg(who).arg(step), QJsonObject {}, QString() };
                    std::optional<Result<Id>> made;
                    c.engine->createDocument(n, [&made](Result<Id> id) { made = id; });
                    QTRY_VERIFY(made.has_value());
                    QVERIFY(made->ok());
                    ownEditions[who] << made->value();
                } else if (roll < 88 || who != 2) {
                    std::optional<Status> done;
                    c.engine->addRemark(hot.at(int(rng.bounded(int(hot.size())))), u"Remark c%1-%2"_s.arg(who).arg(step),
                                        [&done](Status st) { done = st; });
                    QTRY_VERIFY(done.has_value());
                    QVERIFY(done->ok());
                } else {
                    // The schema designer creates, changes and deletes schemas of its own.
                    std::optional<Status> done;
                    const int op = ownSchemas[who].isEmpty() ? 0 : int(rng.bounded(3));
                    if (op == 0) {
                        const QJsonObject schema { { u"name"_s, u"Convergence %1"_s.arg(step) },
                                                   { u"description"_s, u"made offline-first"_s },
                                                   { u"dialect"_s, u"2020-12"_s },
                                                   { u"spec_doc"_s, QJsonObject { { u"type"_s, u"object"_s } } } };
                        std::optional<Result<Id>> made;
                        c.engine->createSchema(schema, [&made](Result<Id> id) { made = id; });
                        QTRY_VERIFY(made.has_value());
                        QVERIFY(made->ok());
                        ownSchemas[who] << made->value();
                    } else if (op == 1) {
                        c.engine->updateSchema(ownSchemas[who].at(int(rng.bounded(int(ownSchemas[who].size())))),
                                               QJsonObject { { u"description"_s, u"changed at %1"_s.arg(step) } },
                                               [&done](Status st) { done = st; });
                        QTRY_VERIFY(done.has_value());
                        QVERIFY(done->ok());
                    } else {
                        const qint64 id = ownSchemas[who].takeAt(int(rng.bounded(int(ownSchemas[who].size()))));
                        c.engine->deleteSchema(id, [&done](Status st) { done = st; });
                        QTRY_VERIFY(done.has_value());
                        QVERIFY2(done->ok(), qPrintable(*done ? QString() : done->error().message));
                    }
                }
            }
            QTest::qWait(int(rng.bounded(4)));
        }

        // Everyone back online; conflicts decided ("keep mine") until nothing is left to send.
        for (auto &c : clients)
            c->engine->setWorkOffline(false);
        for (int round = 0; round < 12; ++round) {
            qint64 left = 0;
            for (auto &c : clients) {
                const SyncSummary s = c->syncOnce();
                QVERIFY2(s.ok || s.conflicts > 0, qPrintable(s.error));
                QSqlDatabase db = c->db();
                auto items = OutboxReader::items(db);
                QVERIFY(items.ok());
                for (const OutboxItem &item : items.value()) {
                    QVERIFY2(item.state != OutboxItem::State::Failed && item.state != OutboxItem::State::Gone,
                             qPrintable(item.summary + u": "_s + item.lastError + u' '
                                        + QString::fromUtf8(QJsonDocument(item.fieldErrors).toJson(QJsonDocument::Compact))
                                        + u' ' + QString::fromUtf8(QJsonDocument(item.body).toJson(QJsonDocument::Compact))));
                    if (item.state != OutboxItem::State::Conflict)
                        continue;
                    ++conflicts;
                    auto record = OutboxReader::conflictFor(db, item.id);
                    QVERIFY(record.ok());
                    const QList<MergeField> fields = ThreeWayMerge::compare(record->entity, record->base, record->mine, record->theirs);
                    QVERIFY(ThreeWayMerge::hasConflict(fields));
                    QList<QJsonValue> chosen;
                    for (const MergeField &f : fields)
                        chosen << (f.outcome == MergeField::Outcome::Theirs ? f.theirs : f.mine);
                    std::optional<Status> resolved;
                    c->engine->resolveConflict(item.id, ThreeWayMerge::apply(record->theirs, fields, chosen),
                                               [&resolved](Status st) { resolved = st; });
                    QTRY_VERIFY(resolved.has_value());
                    QVERIFY(resolved->ok());
                }
                left += items->size();
            }
            if (left == 0)
                break;
        }
        for (auto &c : clients) {
            QCOMPARE(c->scalar(u"SELECT count(*) FROM outbox"_s), 0);
            QVERIFY(c->syncOnce().ok);
            QCOMPARE(c->text(u"PRAGMA integrity_check"_s), u"ok"_s);
            QCOMPARE(c->scalar(u"SELECT count(*) FROM editions WHERE id < 0"_s), 0);
            QCOMPARE(c->scalar(u"SELECT count(*) FROM documents WHERE id < 0"_s), 0);
            QCOMPARE(c->scalar(u"SELECT count(*) FROM editorial_remarks WHERE id < 0"_s), 0);
            QCOMPARE(c->scalar(u"SELECT count(*) FROM content_schemas WHERE id < 0"_s), 0);
        }
        qInfo() << "conflicts decided:" << conflicts;

        // Every replica equals a fresh copy of what the server lets its user see.
        for (int i = 0; i < 3; ++i) {
            Client fresh(m_dir.filePath(u"fresh%1.galley"_s.arg(i)), m_server.baseUrl(), emails.at(i), false);
            QVERIFY(fresh.signIn());
            QVERIFY(fresh.syncOnce().ok);
            Client &c = *clients[i];
            QCOMPARE(rows(c, u"SELECT id, document_id, title, change_note, state, lock_version FROM editions ORDER BY id"_s),
                     rows(fresh, u"SELECT id, document_id, title, change_note, state, lock_version FROM editions ORDER BY id"_s));
            QCOMPARE(rows(c, u"SELECT edition_id, fields FROM edition_content ORDER BY edition_id"_s, 1),
                     rows(fresh, u"SELECT edition_id, fields FROM edition_content ORDER BY edition_id"_s, 1));
            QCOMPARE(rows(c, u"SELECT id, site_id, sector_id, schema_id FROM documents ORDER BY id"_s),
                     rows(fresh, u"SELECT id, site_id, sector_id, schema_id FROM documents ORDER BY id"_s));
            QCOMPARE(rows(c, u"SELECT id, edition_id, body FROM editorial_remarks ORDER BY id"_s),
                     rows(fresh, u"SELECT id, edition_id, body FROM editorial_remarks ORDER BY id"_s));
            QCOMPARE(rows(c, u"SELECT id, name, description, lock_version FROM content_schemas ORDER BY id"_s),
                     rows(fresh, u"SELECT id, name, description, lock_version FROM content_schemas ORDER BY id"_s));
        }

        // The last value each client wrote into each field reached the server.
        int checked = 0;
        for (int i = 0; i < 3; ++i) {
            for (auto it = lastWritten[i].cbegin(); it != lastWritten[i].cend(); ++it) {
                qint64 edition = it.key().edition;
                if (edition < 0)
                    edition = clients[i]->scalar(u"SELECT server_id FROM id_map WHERE entity = 'edition' AND local_id = ?"_s, { edition });
                QVERIFY2(landed.value({ edition, it.key().path }).contains(it.value()),
                         qPrintable(u"client %1's \"%2\" in %3 of edition %4 never reached the server"_s.arg(i).arg(it.value(), it.key().path).arg(edition)));
                ++checked;
            }
        }
        QVERIFY(checked > 20);
    }
};

QTEST_GUILESS_MAIN(TestConvergence)
#include "tst_convergence.moc"
