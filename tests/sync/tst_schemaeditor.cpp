// The schema editor end to end, as a schema designer uses it: the real main window (offscreen)
// synced with the real server on loopback. Open "Quarterly report", add a required field in the
// designer (the text changes in place, nothing else does), see how many existing reports would
// fail, have the save refused at the confirmation, make the field optional, preview it in the
// form, save while working offline, and see the text arrive on the server byte for byte once
// online. GALLEY_SCREENSHOT_DIR=DIR saves a picture of each step.
#include "synctestkit.h"

#include "itemmodels/schematreemodel.h"
#include "jsoneditor.h"
#include "mainwindow.h"
#include "schema/schemadocument.h"
#include "schemadesigner.h"
#include "schemaeditorwindow.h"
#include "schemaform.h"
#include "synccontroller.h"

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QListWidget>
#include <QUndoStack>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

class TestSchemaEditor : public QObject
{
    Q_OBJECT

private:
    ServerDatabase m_database;
    ServerProcess m_server;
    QTemporaryDir m_dir;

    void shoot(QWidget *w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("GALLEY_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(300);
        w->grab().save(dir + u'/' + name + u".png"_s);
    }

    QString serverText(qint64 schemaId)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"server-check"_s);
        db.setDatabaseName(m_database.url().path());
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        QString text;
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(u"SELECT spec_text FROM content_schemas WHERE id = ?"_s);
            q.addBindValue(schemaId);
            if (q.exec() && q.next())
                text = q.value(0).toString();
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"server-check"_s);
        return text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_database.create(u"sqlite"_s));
        QVERIFY(m_server.start(m_database, true, { u"--write-rate"_s, u"0"_s }));
    }

    void cleanupTestCase() { m_server.stop(); }

    void designCheckImpactSaveOfflineSync()
    {
        const QString email = u"schemas@halvorsen.example"_s;
        MainWindow w;
        w.resize(1400, 860);
        QVERIFY(w.openWorkspace(m_dir.filePath(u"designer.galley"_s)));
        w.show();
        w.connectToServer(m_server.baseUrl(), email, demoPassword(email));
        QTRY_VERIFY(w.syncController());
        SyncEngine *engine = w.syncController()->engine();
        QTRY_VERIFY_WITH_TIMEOUT(engine->status().lastSync.isValid(), 60000);

        Client reader(w.workspacePath(), m_server.baseUrl(), email);
        const qint64 schemaId = reader.scalar(u"SELECT id FROM content_schemas WHERE name = 'Quarterly report'"_s);
        QVERIFY(schemaId > 0);
        const QString original = reader.text(u"SELECT spec_text FROM content_schemas WHERE id = ?"_s, { schemaId });
        QVERIFY2(original.contains(u"\"properties\": {\n    \"period\""_s), "the schema arrives as written");

        w.editSchema(schemaId);
        SchemaEditorWindow *editor = nullptr;
        QTRY_VERIFY((editor = w.findChild<SchemaEditorWindow *>()) != nullptr);
        QVERIFY(editor->saveAction()->isEnabled());   // a schema designer may save
        SchemaDocument *doc = editor->document();
        QCOMPARE(doc->text(), original);
        QTRY_VERIFY(!editor->isValidating());
        QVERIFY(editor->problems().isEmpty());

        // 1. A required "auditor" from the designer: the text changes where the property goes and
        //    in "required", and nowhere else.
        SchemaTreeModel *model = editor->designer()->model();
        const QModelIndex root = model->index(0, 0);
        QVERIFY(root.isValid());
        QVERIFY(model->addProperty(root, -1, u"auditor"_s,
                                   QJsonObject { { u"type"_s, u"string"_s }, { u"title"_s, u"Auditor"_s } })
                    .ok());
        const QModelIndex auditor = model->indexForPointer(u"/properties/auditor"_s);
        QVERIFY(auditor.isValid());
        QVERIFY(model->setRequired(auditor, true).ok());
        const QString designed = doc->text();
        QVERIFY(designed.contains(u"\"auditor\""_s));
        QVERIFY(doc->value(u"/required"_s).toArray().contains(u"auditor"_s));
        const qsizetype firstChange = [&] {
            qsizetype i = 0;
            while (i < original.size() && original.at(i) == designed.at(i))
                ++i;
            return i;
        }();
        QVERIFY2(original.left(firstChange).endsWith(u"\"required\": [\"period\", \"currency\", \"amounts_in\", \"revenue\", "
                                                       "\"operating_profit\", \"highlights\""_s),
                 qPrintable(original.left(firstChange).right(80)));
        QVERIFY(designed.endsWith(original.right(original.size() - original.indexOf(u"\"$defs\""_s))));
        QTRY_VERIFY(!editor->isValidating());
        QVERIFY(editor->problems().isEmpty());
        shoot(editor, u"schema-editor-required-auditor"_s);

        // 2. The impact: every report in the workspace lacks an auditor.
        QVERIFY(reader.scalar(u"SELECT count(*) FROM documents WHERE schema_id = ?"_s, { schemaId }) > 0);
        QSignalSpy checked(editor, &SchemaEditorWindow::impactChecked);
        editor->checkImpact();
        QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 30000);
        const QString impact = editor->impactSummary();
        QVERIFY2(impact.contains(u"would fail"_s) && impact.contains(u"Auditor"_s), qPrintable(impact));
        shoot(editor, u"schema-editor-impact"_s);

        // 3. Saving the breaking change asks first, stating the count; "no" saves nothing.
        QString asked;
        editor->setConfirmation([&asked](const QString &, const QString &text) {
            asked = text;
            return false;
        });
        editor->save();
        QTRY_VERIFY_WITH_TIMEOUT(!asked.isEmpty(), 30000);
        QVERIFY2(asked.contains(u"would fail"_s), qPrintable(asked));
        QVERIFY(editor->isModified());
        QCOMPARE(reader.scalar(u"SELECT count(*) FROM outbox"_s), 0);

        // 4. Optional instead (one undo step in the same history): nothing fails any more.
        QVERIFY(model->setRequired(model->indexForPointer(u"/properties/auditor"_s), false).ok());
        QVERIFY(!doc->value(u"/required"_s).toArray().contains(u"auditor"_s));
        editor->checkImpact();
        QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 3, 30000);   // the refused save checked too
        QVERIFY2(editor->impactSummary().startsWith(u"No existing content would fail"_s), qPrintable(editor->impactSummary()));

        // 5. The preview form has the new field.
        editor->sideTabs()->setCurrentWidget(editor->preview());
        QTRY_VERIFY(editor->preview()->editorFor(u"/auditor"_s) != nullptr);
        shoot(editor, u"schema-editor-preview"_s);

        // 6. Saved while working offline: in the workspace and the outbox at once…
        engine->setWorkOffline(true);
        QTRY_COMPARE(engine->status().connection, SyncStatus::Connection::WorkingOffline);
        editor->setConfirmation([](const QString &, const QString &) { return false; });   // must not be asked
        QSignalSpy saved(editor, &SchemaEditorWindow::saved);
        editor->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 30000);
        QVERIFY(!editor->isModified());
        const QString text = doc->text();
        QCOMPARE(reader.text(u"SELECT spec_text FROM content_schemas WHERE id = ?"_s, { schemaId }), text);
        QCOMPARE(reader.scalar(u"SELECT count(*) FROM outbox WHERE entity = 'schema'"_s), 1);
        QTRY_COMPARE(engine->status().pending, 1);
        QCOMPARE(serverText(schemaId), original);
        shoot(editor, u"schema-editor-saved-offline"_s);

        // 7. … and on the server, byte for byte, once online.
        engine->setWorkOffline(false);
        QTRY_COMPARE_WITH_TIMEOUT(engine->status().pending, 0, 30000);
        QCOMPARE(serverText(schemaId), text);
        QTRY_COMPARE_WITH_TIMEOUT(reader.text(u"SELECT spec_text FROM content_schemas WHERE id = ?"_s, { schemaId }), text, 15000);
        editor->close();
    }

    // Roles without schema.save get the editor read-only, with the reason on Save.
    void otherRolesMayNotSave()
    {
        const QString email = u"editor@northwind.example"_s;
        MainWindow w;
        QVERIFY(w.openWorkspace(m_dir.filePath(u"editor.galley"_s)));
        w.show();
        w.connectToServer(m_server.baseUrl(), email, demoPassword(email));
        QTRY_VERIFY(w.syncController());
        QTRY_VERIFY_WITH_TIMEOUT(w.syncController()->engine()->status().lastSync.isValid(), 60000);
        Client reader(w.workspacePath(), m_server.baseUrl(), email);
        w.editSchema(reader.scalar(u"SELECT min(id) FROM content_schemas"_s));
        SchemaEditorWindow *editor = nullptr;
        QTRY_VERIFY((editor = w.findChild<SchemaEditorWindow *>()) != nullptr);
        QVERIFY(!editor->saveAction()->isEnabled());
        QVERIFY2(editor->saveAction()->toolTip().contains(u"schema designer"_s), qPrintable(editor->saveAction()->toolTip()));
        editor->close();
    }
};

QTEST_MAIN(TestSchemaEditor)
#include "tst_schemaeditor.moc"
