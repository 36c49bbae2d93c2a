// The schema designer, offscreen, on the demo's "Quarterly report" schema as written:
// selecting, editing in the panel and by keyboard, each change one undo step that
// rewrites only its part of the JSON text. With GALLEY_SCREENSHOT_DIR set it saves a
// picture of each state there.
#include "../models/schematestdata.h"
#include "icons.h"
#include "itemmodels/schematreemodel.h"
#include "noticebar.h"
#include "schema/schemadocument.h"
#include "schemadesigner.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextCursor>
#include <QTreeView>
#include <QUndoStack>

#include <memory>

using namespace Galley;
using namespace Qt::StringLiterals;

class TestSchemaDesigner : public QObject
{
    Q_OBJECT

    QString m_text;

    struct Shown
    {
        SchemaDocument doc;
        std::unique_ptr<SchemaDesigner> designer;
    };

    std::unique_ptr<Shown> show()
    {
        auto s = std::make_unique<Shown>();
        s->doc.setText(m_text);
        s->designer = std::make_unique<SchemaDesigner>(&s->doc);
        s->designer->resize(1180, 760);
        s->designer->show();
        s->designer->activateWindow();
        if (!QTest::qWaitForWindowExposed(s->designer.get()))
            return nullptr;
        return s;
    }

    void shot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("GALLEY_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QCoreApplication::processEvents();
        QVERIFY(widget->grab().save(QDir(dir).filePath(name), "PNG"));
    }

    // Types into a line edit of the panel as a user would, and confirms with Return.
    static void retype(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Backspace);
        else
            QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    // Clicks a check box on its box (the widget may be wider than its click area).
    static void check(QCheckBox *box)
    {
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
    }

    // Selects as the user would see it: the panel laid out for the node.
    static void select(SchemaDesigner &d, const QString &pointer)
    {
        d.selectPointer(pointer);
        QCoreApplication::processEvents();
    }

    static QStringList propertyKeys(const SchemaDocument &doc, const QString &schema = {})
    {
        const JsonText::Document &tree = doc.tree();
        QStringList keys;
        for (int c : tree.children(tree.find(QString(schema + u"/properties"_s))))
            keys.append(tree.key(c));
        return keys;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Icons::setUpTheme();
        for (const auto &s : Testing::demoSourceSchemas()) {
            if (s.name.endsWith(u"Quarterly report"))
                m_text = s.text;
        }
        QVERIFY(m_text.contains(u"\"eps\""));
    }

    void selectsAndGoesToDefinitions()
    {
        auto s = show();
        QVERIFY(s);
        SchemaDesigner &d = *s->designer;
        QSignalSpy selected(&d, &SchemaDesigner::pointerSelected);
        select(d, u"/properties/revenue"_s);
        QCOMPARE(selected.size(), 0);
        QCOMPARE(d.currentPointer(), u"/properties/revenue"_s);
        QCOMPARE(d.findChild<QLabel *>(u"heading"_s)->text(), u"revenue — property"_s);
        auto *go = d.findChild<QPushButton *>(u"goToDefinition"_s);
        QVERIFY(go->isVisible());
        QVERIFY(go->isEnabled());
        shot(&d, u"designer-reference.png"_s);
        QTest::mouseClick(go, Qt::LeftButton);
        QCOMPARE(d.currentPointer(), u"/$defs/amount"_s);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.at(0).at(0).toString(), u"/$defs/amount"_s);
        // A keyword's pointer selects the node it belongs to.
        select(d, u"/properties/period/properties/year/minimum"_s);
        QCOMPARE(d.currentPointer(), u"/properties/period/properties/year"_s);
        // The user's selection is announced.
        d.treeView()->setCurrentIndex(d.model()->indexForPointer(u"/properties/eps"_s));
        QCOMPARE(selected.constLast().at(0).toString(), u"/properties/eps"_s);
    }

    void typeCheckboxesRewriteOnlyThatLine()
    {
        auto s = show();
        QVERIFY(s);
        SchemaDesigner &d = *s->designer;
        select(d, u"/properties/eps"_s);
        auto *number = d.findChild<QCheckBox *>(u"type-number"_s);
        auto *null = d.findChild<QCheckBox *>(u"type-null"_s);
        QVERIFY(number->isChecked());
        QVERIFY(!null->isChecked());
        check(null);
        const QString edited = s->doc.text();
        QVERIFY(edited.contains(u"\"eps\": { \"type\": [\"number\", \"null\"], \"description\": \"Earnings per share\" },"_s));
        QCOMPARE(s->doc.undoStack()->count(), 1);
        // Every other line is as it was.
        const QStringList before = m_text.split(u'\n');
        const QStringList after = edited.split(u'\n');
        QCOMPARE(after.size(), before.size());
        int changed = 0;
        for (qsizetype i = 0; i < before.size(); ++i)
            changed += before.at(i) != after.at(i);
        QCOMPARE(changed, 1);
        QCOMPARE(d.model()->indexForPointer(u"/properties/eps"_s, SchemaTreeModel::TypeColumn).data().toString(),
                 u"number | null"_s);
        QCOMPARE(d.currentPointer(), u"/properties/eps"_s);
        QVERIFY(null->isChecked());
        shot(&d, u"designer-type-union.png"_s);
        // Unchecking the last type removes the keyword.
        check(number);
        check(null);
        QVERIFY(s->doc.text().contains(u"\"eps\": { \"description\": \"Earnings per share\" },"_s));
        while (s->doc.undoStack()->canUndo())
            s->doc.undoStack()->undo();
        QCOMPARE(s->doc.text(), m_text);
        QVERIFY(!null->isChecked());
        QVERIFY(number->isChecked());
    }

    void requiredAndRenameFromThePanel()
    {
        auto s = show();
        QVERIFY(s);
        SchemaDesigner &d = *s->designer;
        select(d, u"/properties/audited"_s);
        auto *required = d.findChild<QCheckBox *>(u"required"_s);
        QVERIFY(required->isVisible());
        QVERIFY(!required->isChecked());
        check(required);
        QCOMPARE(s->doc.value(u"/required"_s).toArray().last().toString(), u"audited"_s);
        QVERIFY(d.model()->indexForPointer(u"/properties/audited"_s).data(SchemaTreeModel::RequiredRole).toBool());

        retype(d.findChild<QLineEdit *>(u"name"_s), u"audit_completed"_s);
        QVERIFY(s->doc.contains(u"/properties/audit_completed"_s));
        QVERIFY(!s->doc.contains(u"/properties/audited"_s));
        QCOMPARE(s->doc.value(u"/required"_s).toArray().last().toString(), u"audit_completed"_s);
        QCOMPARE(d.currentPointer(), u"/properties/audit_completed"_s);
        retype(d.findChild<QLineEdit *>(u"title"_s), u"Audited by the board"_s);
        QVERIFY(s->doc.text().contains(u"\"audit_completed\": { \"title\": \"Audited by the board\", \"type\": \"boolean\", \"default\": false }"_s));
        QCOMPARE(s->doc.undoStack()->count(), 3);
        // A taken name is refused, and said so.
        retype(d.findChild<QLineEdit *>(u"name"_s), u"eps"_s);
        QVERIFY(!d.lastError().isEmpty());
        QVERIFY(d.findChild<NoticeBar *>(u"errorBar"_s)->isVisible());
        QCOMPARE(d.findChild<QLineEdit *>(u"name"_s)->text(), u"audit_completed"_s);
        QCOMPARE(s->doc.undoStack()->count(), 3);
        shot(&d, u"designer-refused-rename.png"_s);
        while (s->doc.undoStack()->canUndo())
            s->doc.undoStack()->undo();
        QCOMPARE(s->doc.text(), m_text);
    }

    // The "done means" step: add a required field "auditor" with the keyboard alone.
    void addsARequiredPropertyByKeyboard()
    {
        auto s = show();
        QVERIFY(s);
        SchemaDesigner &d = *s->designer;
        select(d, u"/properties/audited"_s);
        QTreeView *tree = d.treeView();
        tree->setFocus();
        QVERIFY(QTest::qWaitFor([&] { return tree->hasFocus(); }));
        QTest::keyClick(tree, Qt::Key_Insert);
        QCOMPARE(d.currentPointer(), u"/properties/new_property"_s);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);   // the name, ready to be typed
        editor->selectAll();
        QTest::keyClicks(editor, u"auditor"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(s->doc.contains(u"/properties/auditor"_s));   // the delegate commits when the event loop runs
        QVERIFY(s->doc.contains(u"/properties/auditor"_s));
        QCOMPARE(d.currentPointer(), u"/properties/auditor"_s);
        check(d.findChild<QCheckBox *>(u"required"_s));
        const QString edited = s->doc.text();
        QVERIFY(edited.contains(u"    \"audited\": { \"type\": \"boolean\", \"default\": false },\n    \"auditor\": { \"type\": \"string\" }\n  },"_s));
        QVERIFY(edited.contains(u"\"required\": [\"period\", \"currency\", \"amounts_in\", \"revenue\", \"operating_profit\", \"highlights\", \"auditor\"],"_s));
        QCOMPARE(s->doc.undoStack()->count(), 3);
        shot(&d, u"designer-add-required.png"_s);
        // …and optional again.
        check(d.findChild<QCheckBox *>(u"required"_s));
        QVERIFY(!s->doc.value(u"/required"_s).toArray().contains(u"auditor"_s));
        // A child property of an object, by keyboard.
        select(d, u"/properties/period"_s);
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Insert, Qt::ControlModifier);
        QCOMPARE(d.currentPointer(), u"/properties/period/properties/new_property"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QCoreApplication::processEvents();
        while (s->doc.undoStack()->canUndo())
            s->doc.undoStack()->undo();
        QCOMPARE(s->doc.text(), m_text);
    }

    void movesAndDeletesByKeyboard()
    {
        auto s = show();
        QVERIFY(s);
        SchemaDesigner &d = *s->designer;
        QTreeView *tree = d.treeView();
        select(d, u"/properties/eps"_s);
        tree->setFocus();
        const QStringList before = propertyKeys(s->doc);
        const int eps = int(before.indexOf(u"eps"_s));
        QTest::keyClick(tree, Qt::Key_Down, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(propertyKeys(s->doc).indexOf(u"eps"_s), eps + 1);
        QCOMPARE(d.currentPointer(), u"/properties/eps"_s);
        QTest::keyClick(tree, Qt::Key_Up, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(tree, Qt::Key_Up, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(propertyKeys(s->doc).indexOf(u"eps"_s), eps - 1);
        QTest::keyClick(tree, Qt::Key_Delete);
        QVERIFY(!s->doc.contains(u"/properties/eps"_s));
        QVERIFY(d.hasSelection());
        QCOMPARE(s->doc.undoStack()->count(), 4);
        // The first property cannot go up, the root not away.
        select(d, u"/properties/period"_s);
        QVERIFY(!d.moveUpAction()->isEnabled());
        QVERIFY(d.moveDownAction()->isEnabled());
        select(d, QString());
        QVERIFY(!d.deleteAction()->isEnabled());
        while (s->doc.undoStack()->canUndo())
            s->doc.undoStack()->undo();
        QCOMPARE(s->doc.text(), m_text);
    }

    void constraintsFromThePanel()
    {
        auto s = show();
        QVERIFY(s);
        SchemaDesigner &d = *s->designer;
        select(d, u"/properties/period/properties/year"_s);
        auto *minimum = d.findChild<QLineEdit *>(u"minimum"_s);
        auto *maximum = d.findChild<QLineEdit *>(u"maximum"_s);
        QVERIFY(minimum->isVisible());
        QVERIFY(!d.findChild<QLineEdit *>(u"minLength"_s)->isVisible());   // not a text
        QCOMPARE(minimum->text(), u"2000"_s);
        QCOMPARE(maximum->text(), u"2100"_s);
        retype(maximum, u"2200"_s);
        QVERIFY(s->doc.text().contains(u"\"year\": { \"type\": \"integer\", \"minimum\": 2000, \"maximum\": 2200 },"_s));
        retype(minimum, QString());
        QVERIFY(s->doc.text().contains(u"\"year\": { \"type\": \"integer\", \"maximum\": 2200 },"_s));
        retype(d.findChild<QLineEdit *>(u"multipleOf"_s), u"1"_s);
        QCOMPARE(s->doc.value(u"/properties/period/properties/year/multipleOf"_s).toInt(), 1);
        shot(&d, u"designer-number.png"_s);

        select(d, u"/properties/currency"_s);
        auto *allowed = d.findChild<QLineEdit *>(u"enum"_s);
        QCOMPARE(allowed->text(), u"NOK, EUR, USD"_s);
        retype(allowed, u"NOK, EUR, USD, SEK"_s);
        QVERIFY(s->doc.text().contains(u"\"currency\": { \"type\": \"string\", \"enum\": [\"NOK\", \"EUR\", \"USD\", \"SEK\"] },"_s));
        retype(d.findChild<QLineEdit *>(u"default"_s), u"NOK"_s);   // a plain word for a text
        QCOMPARE(s->doc.value(u"/properties/currency/default"_s).toString(), u"NOK"_s);
        retype(d.findChild<QLineEdit *>(u"maxLength"_s), u"3"_s);
        d.findChild<QComboBox *>(u"format"_s)->setFocus();
        d.findChild<QComboBox *>(u"format"_s)->lineEdit()->selectAll();
        QTest::keyClicks(d.findChild<QComboBox *>(u"format"_s)->lineEdit(), u"iso-4217"_s);
        QTest::keyClick(d.findChild<QComboBox *>(u"format"_s)->lineEdit(), Qt::Key_Return);
        QCOMPARE(s->doc.value(u"/properties/currency/format"_s).toString(), u"iso-4217"_s);
        shot(&d, u"designer-text.png"_s);

        select(d, u"/properties/eps"_s);
        const int steps = s->doc.undoStack()->count();
        retype(d.findChild<QLineEdit *>(u"default"_s), u"{oops"_s);
        QVERIFY(d.findChild<QLabel *>(u"fieldError"_s)->isVisible());
        QCOMPARE(s->doc.undoStack()->count(), steps);
        retype(d.findChild<QLineEdit *>(u"default"_s), u"1.5"_s);
        QCOMPARE(s->doc.value(u"/properties/eps/default"_s).toDouble(), 1.5);
        QVERIFY(!d.findChild<QLabel *>(u"fieldError"_s)->isVisible());

        select(d, u"/properties/highlights"_s);
        QCOMPARE(d.findChild<QLineEdit *>(u"minItems"_s)->text(), u"1"_s);
        QCOMPARE(d.findChild<QLineEdit *>(u"maxItems"_s)->text(), u"8"_s);
        check(d.findChild<QCheckBox *>(u"uniqueItems"_s));
        QCOMPARE(s->doc.value(u"/properties/highlights/uniqueItems"_s), QJsonValue(true));
        QTest::mouseClick(d.findChild<QPushButton *>(u"items"_s), Qt::LeftButton);
        QCOMPARE(d.currentPointer(), u"/properties/highlights/items"_s);
        shot(&d, u"designer-items.png"_s);

        select(d, u"/properties/period"_s);
        auto *additional = d.findChild<QComboBox *>(u"additionalProperties"_s);
        QCOMPARE(additional->currentIndex(), 2);   // false
        additional->setFocus();
        QTest::keyClick(additional, Qt::Key_Up);   // "Allowed": true
        QCOMPARE(s->doc.value(u"/properties/period/additionalProperties"_s), QJsonValue(true));
        while (s->doc.undoStack()->canUndo())
            s->doc.undoStack()->undo();
        QCOMPARE(s->doc.text(), m_text);
    }

    void staleTextMakesItReadOnly()
    {
        auto s = show();
        QVERIFY(s);
        SchemaDesigner &d = *s->designer;
        select(d, u"/properties/revenue"_s);
        QTextCursor cursor(s->doc.textDocument());
        cursor.setPosition(int(m_text.indexOf(u"\"properties\"")));
        cursor.insertText(u"oops "_s);
        QVERIFY(s->doc.isStale());
        auto *bar = d.findChild<NoticeBar *>(u"staleBar"_s);
        QVERIFY(bar->isVisible());
        QVERIFY(bar->text().contains(u"line 8"_s));
        QVERIFY(!d.findChild<QLineEdit *>(u"title"_s)->isEnabled());
        QVERIFY(!d.addPropertyAction()->isEnabled());
        QCOMPARE(d.currentPointer(), u"/properties/revenue"_s);   // the last good tree, still navigable
        shot(&d, u"designer-stale.png"_s);
        s->doc.undoStack()->undo();
        QVERIFY(!bar->isVisible());
        QVERIFY(d.findChild<QLineEdit *>(u"title"_s)->isEnabled());
        QVERIFY(d.addPropertyAction()->isEnabled());
    }

    void droppedPropertyStaysSelected()
    {
        auto s = show();
        QVERIFY(s);
        SchemaDesigner &d = *s->designer;
        SchemaTreeModel *model = d.model();
        select(d, u"/properties/eps"_s);
        std::unique_ptr<QMimeData> data(model->mimeData({ model->indexForPointer(u"/properties/eps"_s) }));
        QVERIFY(model->dropMimeData(data.get(), Qt::MoveAction, -1, 0, model->indexForPointer(u"/properties/period"_s)));
        QTRY_COMPARE(d.currentPointer(), u"/properties/period/properties/eps"_s);
        QVERIFY(s->doc.text().contains(u"\"eps\": { \"type\": \"number\", \"description\": \"Earnings per share\" }"_s));
        s->doc.undoStack()->undo();
        QCOMPARE(s->doc.text(), m_text);
    }

    void rootShowsWhatItKeeps()
    {
        auto s = show();
        QVERIFY(s);
        SchemaDesigner &d = *s->designer;
        select(d, QString());
        QVERIFY(d.hasSelection());
        QCOMPARE(d.findChild<QLabel *>(u"heading"_s)->text(), u"Schema — root schema"_s);
        const QString advanced = d.findChild<QPlainTextEdit *>(u"advanced"_s)->toPlainText();
        QVERIFY(advanced.contains(u"\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""_s));
        QVERIFY(advanced.contains(u"\"$id\": \"https://schemas.halvorsen.example/quarterly-report.json\""_s));
        QVERIFY(d.findChild<QPlainTextEdit *>(u"advanced"_s)->isReadOnly());
        QCOMPARE(d.findChild<QLineEdit *>(u"title"_s)->text(), u"Quarterly report"_s);
        QVERIFY(!d.findChild<QLineEdit *>(u"name"_s)->isVisible());
        shot(&d, u"designer-root.png"_s);
        // A definition added from the toolbar lands in $defs, ready to be named.
        d.addDefinitionAction()->trigger();
        QCOMPARE(d.currentPointer(), u"/$defs/new_definition"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QCoreApplication::processEvents();
        s->doc.undoStack()->undo();
        QCOMPARE(s->doc.text(), m_text);
    }
};

QTEST_MAIN(TestSchemaDesigner)
#include "tst_schemadesigner.moc"
