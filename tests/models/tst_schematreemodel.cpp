#include "itemmodels/schematreemodel.h"
#include "schema/schemadocument.h"
#include "schematestdata.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>
#include <QUndoStack>

#include <memory>

using namespace Galley;
using namespace Qt::StringLiterals;
using Kind = SchemaTreeModel::NodeKind;

namespace {

QString readSchema()
{
    QFile file(QStringLiteral(GALLEY_TEST_DATA "/designer.schema.json"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

const QString kSchema = readSchema();

// A document and a model with a tester attached before anything is loaded.
struct Fixture
{
    SchemaDocument doc;
    SchemaTreeModel model { &doc };
    QAbstractItemModelTester tester { &model, QAbstractItemModelTester::FailureReportingMode::Fatal };

    explicit Fixture(const QString &text = kSchema) { doc.setText(text); }

    QModelIndex at(const QString &pointer, int column = 0) const { return model.indexForPointer(pointer, column); }
    QStringList childNames(const QString &pointer) const
    {
        QStringList names;
        const QModelIndex parent = at(pointer);
        for (int r = 0; r < model.rowCount(parent); ++r)
            names.append(model.index(r, 0, parent).data().toString());
        return names;
    }
    // Selects [from, from + length) and types text over it in one go (a paste).
    void replaceText(int from, int length, const QString &text)
    {
        QTextCursor cursor(doc.textDocument());
        cursor.setPosition(from);
        cursor.setPosition(from + length, QTextCursor::KeepAnchor);
        cursor.insertText(text);
    }
    void typeText(int at, const QString &text)
    {
        QTextCursor cursor(doc.textDocument());
        cursor.setPosition(at);
        for (const QChar c : text)
            cursor.insertText(QString(c));
    }
};

} // namespace

class TestSchemaTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheSchemaTree()
    {
        Fixture f;
        const SchemaTreeModel &model = f.model;
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.index(0, 0);
        QCOMPARE(root.data(SchemaTreeModel::PointerRole).toString(), QString());
        QCOMPARE(root.data(SchemaTreeModel::KindRole).toInt(), int(Kind::Root));
        QCOMPARE(root.siblingAtColumn(SchemaTreeModel::TitleColumn).data().toString(), u"Financial report"_s);
        QCOMPARE(root.data(SchemaTreeModel::AdvancedKeywordsRole).toStringList(),
                 (QStringList { u"$schema"_s, u"$id"_s, u"$comment"_s }));
        // Properties in text order, then the definitions.
        QCOMPARE(f.childNames(QString()), (QStringList { u"period"_s, u"revenue"_s, u"auditor"_s, u"segments"_s,
                                                         u"contact"_s, u"extra"_s, u"Definitions"_s }));
        QCOMPARE(model.propertyCount(root), 6);

        const QModelIndex period = f.at(u"/properties/period"_s);
        QCOMPARE(period.data(SchemaTreeModel::KindRole).toInt(), int(Kind::Property));
        QCOMPARE(period.siblingAtColumn(SchemaTreeModel::TypeColumn).data().toString(), u"string"_s);
        QCOMPARE(period.siblingAtColumn(SchemaTreeModel::RequiredColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(period.siblingAtColumn(SchemaTreeModel::TitleColumn).data().toString(), u"Period"_s);
        QVERIFY(period.data(SchemaTreeModel::AdvancedKeywordsRole).toStringList().isEmpty());   // pattern is edited

        const QModelIndex revenue = f.at(u"/properties/revenue"_s);
        QCOMPARE(revenue.data(SchemaTreeModel::RefRole).toString(), u"#/$defs/amount"_s);
        QCOMPARE(revenue.data(SchemaTreeModel::RefPointerRole).toString(), u"/$defs/amount"_s);
        QCOMPARE(revenue.siblingAtColumn(SchemaTreeModel::TypeColumn).data().toString(), u"→ amount"_s);

        const QModelIndex auditor = f.at(u"/properties/auditor"_s);
        QCOMPARE(auditor.siblingAtColumn(SchemaTreeModel::TypeColumn).data().toString(), u"string | null"_s);
        QCOMPARE(auditor.data(SchemaTreeModel::TypesRole).toStringList(), (QStringList { u"string"_s, u"null"_s }));
        QCOMPARE(auditor.data(SchemaTreeModel::RequiredRole).toBool(), false);
        QCOMPARE(auditor.data(SchemaTreeModel::AdvancedKeywordsRole).toStringList(), QStringList { u"x-ui"_s });

        QCOMPARE(f.childNames(u"/properties/segments"_s), QStringList { u"items"_s });
        QCOMPARE(f.at(u"/properties/segments/items"_s).data(SchemaTreeModel::KindRole).toInt(), int(Kind::Items));
        QCOMPARE(f.childNames(u"/properties/segments/items"_s), (QStringList { u"name"_s, u"share"_s }));
        QCOMPARE(f.at(u"/properties/segments/items/properties/name"_s).data(SchemaTreeModel::RequiredRole).toBool(), true);

        QCOMPARE(f.childNames(u"/properties/contact"_s), (QStringList { u"oneOf[0]"_s, u"oneOf[1]"_s }));
        const QModelIndex branch = f.at(u"/properties/contact/oneOf/1"_s);
        QCOMPARE(branch.data(SchemaTreeModel::KindRole).toInt(), int(Kind::Branch));
        QCOMPARE(branch.data(SchemaTreeModel::CompositionRole).toString(), u"oneOf"_s);
        QCOMPARE(f.childNames(u"/properties/contact/oneOf/1"_s), QStringList { u"phone"_s });
        QCOMPARE(f.at(u"/properties/contact"_s).siblingAtColumn(SchemaTreeModel::TypeColumn).data().toString(), u"oneOf"_s);

        QCOMPARE(f.at(u"/properties/extra/additionalProperties"_s).data(SchemaTreeModel::KindRole).toInt(),
                 int(Kind::AdditionalProperties));
        const QModelIndex defs = f.at(u"/$defs"_s);
        QCOMPARE(defs.data(SchemaTreeModel::KindRole).toInt(), int(Kind::Definitions));
        QCOMPARE(f.childNames(u"/$defs"_s), (QStringList { u"amount"_s, u"money"_s }));
        QCOMPARE(f.childNames(u"/$defs/money"_s), QStringList { u"value"_s });

        // Lookup by pointer, and the nearest row for a keyword.
        QCOMPARE(model.nearestIndexForPointer(u"/properties/segments/items/properties/share/maximum"_s),
                 f.at(u"/properties/segments/items/properties/share"_s));
        QCOMPARE(model.nearestIndexForPointer(u"/required/0"_s), root);
        QVERIFY(!f.at(u"/properties/nope"_s).isValid());

        // What can be edited, dragged, dropped on.
        QVERIFY(model.flags(period) & Qt::ItemIsEditable);
        QVERIFY(model.flags(period) & Qt::ItemIsDragEnabled);
        QVERIFY(!(model.flags(period) & Qt::ItemIsDropEnabled));   // a string
        QVERIFY(model.flags(f.at(u"/properties/segments/items"_s)) & Qt::ItemIsDropEnabled);
        QVERIFY(!(model.flags(root) & Qt::ItemIsEditable));
        QVERIFY(model.flags(period.siblingAtColumn(SchemaTreeModel::RequiredColumn)) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(defs) & Qt::ItemIsDropEnabled));
    }

    void followsTheTextInPlace()
    {
        Fixture f;
        QSignalSpy resets(&f.model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(&f.model, &QAbstractItemModel::rowsMoved);
        const QPersistentModelIndex auditor = f.at(u"/properties/auditor"_s);
        const QPersistentModelIndex share = f.at(u"/properties/segments/items/properties/share"_s);
        QCOMPARE(auditor.row(), 2);

        // Typing a new property in front of it.
        f.typeText(int(f.doc.plainText().indexOf(u"\"auditor\"")), u"\"added\": { \"type\": \"integer\" },\n    "_s);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(auditor.isValid());
        QCOMPARE(auditor.row(), 3);
        QCOMPARE(auditor.data(SchemaTreeModel::PointerRole).toString(), u"/properties/auditor"_s);
        QCOMPARE(f.at(u"/properties/added"_s).row(), 2);

        // Renaming its key in the text keeps the row (and what is below it).
        const int key = int(f.doc.plainText().indexOf(u"\"auditor\"")) + 1;
        f.replaceText(key, 7, u"reviewer"_s);
        QVERIFY(auditor.isValid());
        QCOMPARE(auditor.data(SchemaTreeModel::PointerRole).toString(), u"/properties/reviewer"_s);
        QCOMPARE(auditor.data().toString(), u"reviewer"_s);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(removed.size(), 0);

        // An edit elsewhere changes that row's data only.
        QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
        const int minimum = int(f.doc.plainText().indexOf(u"\"minimum\": 0, \"maximum\""));
        f.replaceText(minimum + 11, 1, u"5"_s);
        QVERIFY(share.isValid());
        QCOMPARE(changed.size(), 0);   // minimum is not shown in the tree: nothing to say
        f.replaceText(int(f.doc.plainText().indexOf(u"\"number\", \"minimum\": 5")) + 1, 6, u"integer"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), QModelIndex(share).siblingAtColumn(0));
        QCOMPARE(QModelIndex(share).siblingAtColumn(SchemaTreeModel::TypeColumn).data().toString(), u"integer"_s);

        // A designer reorder moves rows; undoing the typing removes the added one.
        QVERIFY(f.model.moveProperty(f.at(u"/properties/period"_s), f.at(QString()), 3));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(f.childNames(QString()).mid(0, 4),
                 (QStringList { u"revenue"_s, u"added"_s, u"reviewer"_s, u"period"_s }));
        QUndoStack *stack = f.doc.undoStack();
        while (stack->canUndo())
            stack->undo();
        QCOMPARE(f.doc.text(), kSchema);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(resets.size(), 0);
        QVERIFY(auditor.isValid());
        QCOMPARE(auditor.data(SchemaTreeModel::PointerRole).toString(), u"/properties/auditor"_s);
        QCOMPARE(f.childNames(QString()), (QStringList { u"period"_s, u"revenue"_s, u"auditor"_s, u"segments"_s,
                                                         u"contact"_s, u"extra"_s, u"Definitions"_s }));
    }

    void setDataIsOneUndoStep_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("role");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::newRow("rename-required-property")
            << u"/properties/period"_s << int(SchemaTreeModel::NameColumn) << int(Qt::EditRole) << QVariant(u"quarter"_s)
            << QStringLiteral(R"("required": ["period", "revenue"])") << QStringLiteral(R"("required": ["quarter", "revenue"])");
        QTest::newRow("rename-optional-property")
            << u"/properties/auditor"_s << int(SchemaTreeModel::NameColumn) << int(Qt::EditRole) << QVariant(u"reviewer"_s)
            << QStringLiteral(R"("auditor": { "type")") << QStringLiteral(R"("reviewer": { "type")");
        QTest::newRow("union-type")
            << u"/properties/period"_s << int(SchemaTreeModel::TypeColumn) << int(Qt::EditRole) << QVariant(u"string | null"_s)
            << QStringLiteral(R"("period": { "type": "string",)") << QStringLiteral(R"("period": { "type": ["string", "null"],)");
        QTest::newRow("single-type")
            << u"/properties/auditor"_s << int(SchemaTreeModel::TypeColumn) << int(Qt::EditRole)
            << QVariant(QStringList { u"string"_s }) << QStringLiteral(R"("type": ["string", "null"])") << QStringLiteral(R"("type": "string")");
        QTest::newRow("require")
            << u"/properties/auditor"_s << int(SchemaTreeModel::RequiredColumn) << int(Qt::CheckStateRole)
            << QVariant(int(Qt::Checked)) << QStringLiteral(R"("required": ["period", "revenue"])")
            << QStringLiteral(R"("required": ["period", "revenue", "auditor"])");
        QTest::newRow("make-optional")
            << u"/properties/revenue"_s << int(SchemaTreeModel::RequiredColumn) << int(Qt::CheckStateRole)
            << QVariant(int(Qt::Unchecked)) << QStringLiteral(R"("required": ["period", "revenue"])") << QStringLiteral(R"("required": ["period"])");
        QTest::newRow("require-nested-creates-required")
            << u"/properties/contact/oneOf/1/properties/phone"_s << int(SchemaTreeModel::RequiredColumn)
            << int(Qt::CheckStateRole) << QVariant(int(Qt::Checked))
            << QStringLiteral(R"({ "type": "object", "properties": { "phone")")
            << QStringLiteral(R"({ "type": "object", "required": ["phone"], "properties": { "phone")");
        QTest::newRow("title")
            << u"/properties/auditor"_s << int(SchemaTreeModel::TitleColumn) << int(Qt::EditRole) << QVariant(u"Auditor"_s)
            << QStringLiteral(R"("auditor": { "type": ["string", "null"], "x-ui")")
            << QStringLiteral(R"("auditor": { "title": "Auditor", "type": ["string", "null"], "x-ui")");
        QTest::newRow("clear-title")
            << u"/properties/period"_s << int(SchemaTreeModel::TitleColumn) << int(Qt::EditRole) << QVariant(QString())
            << QStringLiteral(R"("type": "string", "title": "Period", "pattern")") << QStringLiteral(R"("type": "string", "pattern")");
        QTest::newRow("rename-definition-and-refs")
            << u"/$defs/amount"_s << int(SchemaTreeModel::NameColumn) << int(Qt::EditRole) << QVariant(u"money_amount"_s)
            << QStringLiteral(R"("value": { "$ref": "#/$defs/amount" })") << QStringLiteral(R"("value": { "$ref": "#/$defs/money_amount" })");
    }

    void setDataIsOneUndoStep()
    {
        QFETCH(QString, pointer);
        QFETCH(int, column);
        QFETCH(int, role);
        QFETCH(QVariant, value);
        QFETCH(QString, before);
        QFETCH(QString, after);
        Fixture f;
        QVERIFY(kSchema.contains(before));
        const QPersistentModelIndex index = f.at(pointer, column);
        QVERIFY(index.isValid());
        QVERIFY(f.model.setData(index, value, role));
        QCOMPARE(f.doc.undoStack()->count(), 1);
        const QString edited = f.doc.text();
        QVERIFY2(edited.contains(after), qPrintable(edited));
        QVERIFY(!edited.contains(before));
        QVERIFY(index.isValid());   // the row is still there (renamed in place)
        f.doc.undoStack()->undo();
        QCOMPARE(f.doc.text(), kSchema);
        QVERIFY(index.isValid());
        QCOMPARE(index.data(SchemaTreeModel::PointerRole).toString(), pointer);
        f.doc.undoStack()->redo();
        QCOMPARE(f.doc.text(), edited);
    }

    void refusesBadEdits()
    {
        Fixture f;
        QSignalSpy failed(&f.model, &SchemaTreeModel::editFailed);
        QVERIFY(!f.model.setData(f.at(u"/properties/period"_s), u"revenue"_s));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, u"schema_duplicate_name"_s);
        QVERIFY(!f.model.setData(f.at(u"/properties/period"_s), QString()));
        QVERIFY(!f.model.setData(f.at(QString()), u"x"_s));   // the root has no name
        QCOMPARE(f.model.removeNode(f.at(QString())).error().code, u"schema_root"_s);
        QCOMPARE(f.model.addProperty(f.at(u"/properties/period"_s)).error().code, u"schema_not_object"_s);
        QCOMPARE(f.doc.undoStack()->count(), 0);
        QCOMPARE(f.doc.text(), kSchema);
    }

    void addsAndRemoves()
    {
        Fixture f;
        QUndoStack *stack = f.doc.undoStack();
        // A property at the end of the root, named for the user to rename.
        auto added = f.model.addProperty(f.at(QString()));
        QVERIFY(added);
        QCOMPARE(*added, u"/properties/new_property"_s);
        QVERIFY(f.doc.text().contains(u"    \"extra\": {\n      \"type\": \"object\",\n      \"additionalProperties\": { \"type\": \"string\" }\n    },\n    \"new_property\": { \"type\": \"string\" }\n  },"_s));
        QCOMPARE(f.model.addProperty(f.at(QString()))->section(u'/', -1), u"new_property_2"_s);
        // Into a schema without properties: it becomes an object schema, in one step.
        const int before = stack->count();
        QCOMPARE(*f.model.addProperty(f.at(u"/properties/extra"_s), -1, u"lang"_s), u"/properties/extra/properties/lang"_s);
        QCOMPARE(stack->count(), before + 1);
        QVERIFY(f.doc.text().contains(u"\"extra\": {\n      \"type\": \"object\",\n      \"properties\": { \"lang\": { \"type\": \"string\" } },\n      \"additionalProperties\""_s));
        // Into an untyped schema: typed object.
        QVERIFY(f.model.addProperty(f.at(u"/properties/contact"_s), 0, u"label"_s));
        QCOMPARE(f.doc.value(u"/properties/contact/type"_s).toString(), u"object"_s);
        // A definition.
        QCOMPARE(*f.model.addDefinition(), u"/$defs/new_definition"_s);
        QVERIFY(f.at(u"/$defs/new_definition"_s).isValid());

        // Removing a required property removes its entry too, in one step.
        const int count = stack->count();
        QVERIFY(f.model.removeNode(f.at(u"/properties/revenue"_s)));
        QCOMPARE(stack->count(), count + 1);
        QCOMPARE(f.doc.value(u"/required"_s).toArray(), QJsonArray { u"period"_s });
        QVERIFY(!f.at(u"/properties/revenue"_s).isValid());
        // The last required one takes the keyword with it.
        QVERIFY(f.model.removeNode(f.at(u"/properties/period"_s)));
        QVERIFY(!f.doc.contains(u"/required"_s));
        // A branch; the last one takes its keyword.
        QVERIFY(f.model.removeNode(f.at(u"/properties/contact/oneOf/0"_s)));
        QCOMPARE(f.doc.value(u"/properties/contact/oneOf"_s).toArray().size(), 1);
        QVERIFY(f.model.removeNode(f.at(u"/properties/contact/oneOf/0"_s)));
        QVERIFY(!f.doc.contains(u"/properties/contact/oneOf"_s));
        // The definitions group.
        QVERIFY(f.model.removeNode(f.at(u"/$defs"_s)));
        QVERIFY(!f.doc.contains(u"/$defs"_s));
        while (stack->canUndo())
            stack->undo();
        QCOMPARE(f.doc.text(), kSchema);
    }

    void draftSevenDefinitions()
    {
        Fixture f(u"{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n  \"type\": \"object\"\n}"_s);
        QCOMPARE(*f.model.addDefinition(u"person"_s), u"/definitions/person"_s);
        QCOMPARE(f.doc.text(), u"{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n  \"type\": \"object\",\n  \"definitions\": { \"person\": { \"type\": \"object\" } }\n}"_s);
        QCOMPARE(f.childNames(QString()), QStringList { u"Definitions"_s });
    }

    void dragAndDropMovesProperties()
    {
        Fixture f;
        SchemaTreeModel &model = f.model;
        QUndoStack *stack = f.doc.undoStack();
        QSignalSpy failed(&model, &SchemaTreeModel::editFailed);
        std::unique_ptr<QMimeData> data(model.mimeData({ f.at(u"/properties/revenue"_s) }));
        QVERIFY(data);
        QCOMPARE(QString::fromUtf8(data->data(SchemaTreeModel::mimeType())), u"/properties/revenue"_s);
        QVERIFY(!model.mimeData({ f.at(QString()) }));   // only properties are dragged

        // Not onto a string, not into itself, not where the name is taken.
        QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, f.at(u"/properties/period"_s)));
        QVERIFY(!model.canDropMimeData(data.get(), Qt::CopyAction, -1, -1, f.at(u"/properties/extra"_s)));
        std::unique_ptr<QMimeData> segments(model.mimeData({ f.at(u"/properties/segments"_s) }));
        QVERIFY(!model.canDropMimeData(segments.get(), Qt::MoveAction, -1, -1, f.at(u"/properties/segments/items"_s)));
        QVERIFY(model.addProperty(f.at(u"/properties/extra"_s), -1, u"revenue"_s));
        QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, f.at(u"/properties/extra"_s)));
        stack->undo();
        QVERIFY(model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, f.at(u"/properties/extra"_s)));

        // Reorder: drop revenue in front of row 0 of the root.
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, 0, 0, f.at(QString())));
        QCOMPARE(f.childNames(QString()).mid(0, 3), (QStringList { u"revenue"_s, u"period"_s, u"auditor"_s }));
        QCOMPARE(stack->count(), 1);
        // Down again, in front of row 3 (segments): it lands behind auditor.
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, 3, 0, f.at(QString())));
        QCOMPARE(f.childNames(QString()).mid(0, 4), (QStringList { u"period"_s, u"auditor"_s, u"revenue"_s, u"segments"_s }));

        // Into another object (onto its row): its "required" entry goes along.
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, f.at(u"/properties/segments/items"_s)));
        QCOMPARE(f.doc.value(u"/required"_s).toArray(), QJsonArray { u"period"_s });
        QCOMPARE(f.doc.value(u"/properties/segments/items/required"_s).toArray(),
                 (QJsonArray { u"name"_s, u"revenue"_s }));
        QCOMPARE(f.childNames(u"/properties/segments/items"_s), (QStringList { u"name"_s, u"share"_s, u"revenue"_s }));
        QVERIFY(f.at(u"/properties/segments/items/properties/revenue"_s).data(SchemaTreeModel::RequiredRole).toBool());
        QCOMPARE(stack->count(), 3);
        // And out again to the root, at the front.
        std::unique_ptr<QMimeData> back(model.mimeData({ f.at(u"/properties/segments/items/properties/revenue"_s) }));
        QVERIFY(model.dropMimeData(back.get(), Qt::MoveAction, 0, 0, f.at(QString())));
        QCOMPARE(f.childNames(QString()).first(), u"revenue"_s);
        QCOMPARE(f.doc.value(u"/required"_s).toArray(), (QJsonArray { u"period"_s, u"revenue"_s }));
        QCOMPARE(f.doc.value(u"/properties/segments/items/required"_s).toArray(), QJsonArray { u"name"_s });
        // Into an object schema that has no properties yet (one step).
        std::unique_ptr<QMimeData> auditor(model.mimeData({ f.at(u"/properties/auditor"_s) }));
        QVERIFY(model.dropMimeData(auditor.get(), Qt::MoveAction, -1, 0, f.at(u"/properties/extra"_s)));
        QCOMPARE(f.doc.value(u"/properties/extra/properties/auditor/x-ui"_s).toString(), u"person-picker"_s);
        QCOMPARE(stack->count(), 5);
        QCOMPARE(failed.size(), 0);

        while (stack->canUndo())
            stack->undo();
        QCOMPARE(f.doc.text(), kSchema);
        while (stack->canRedo())
            stack->redo();
        QVERIFY(f.at(u"/properties/extra/properties/auditor"_s).isValid());
    }

    void staleTextFreezesEditing()
    {
        Fixture f;
        const QPersistentModelIndex period = f.at(u"/properties/period"_s);
        f.typeText(int(kSchema.indexOf(u"\"properties\"")), u"{"_s);
        QVERIFY(f.doc.isStale());
        QVERIFY(period.isValid());   // the last good tree stays
        QVERIFY(!(f.model.flags(period) & Qt::ItemIsEditable));
        QVERIFY(!(f.model.flags(period) & Qt::ItemIsDragEnabled));
        QVERIFY(!f.model.setData(period, u"x"_s));
        QCOMPARE(f.model.addProperty(f.at(QString())).error().code, u"schema_text_invalid"_s);
        f.doc.undoStack()->undo();
        QVERIFY(!f.doc.isStale());
        QVERIFY(f.model.flags(period) & Qt::ItemIsEditable);
    }

    // The designer's edits through the model on every suite and demo schema: rename the
    // first property, add one, require it, change its type, move it into another object
    // (or to the front); undo all gives the text back byte for byte, redo the edited one.
    void designerRoundTripsEverySchema_data()
    {
        QTest::addColumn<QString>("text");
        for (const auto &s : Testing::allSchemaTexts())
            QTest::newRow(qPrintable(s.name)) << s.text;
    }

    void designerRoundTripsEverySchema()
    {
        QFETCH(QString, text);
        Fixture f(text);
        SchemaTreeModel &model = f.model;
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.index(0, 0);
        if (!root.data(SchemaTreeModel::IsSchemaRole).toBool())
            return;   // a boolean schema
        QUndoStack *stack = f.doc.undoStack();
        QStringList snapshots { f.doc.text() };
        auto step = [&](bool ok) {
            QVERIFY(ok);
            QVERIFY(!f.doc.isStale());
            if (f.doc.text() != snapshots.constLast()) {
                const QString edited = f.doc.text();
                stack->undo();
                QCOMPARE(f.doc.text(), snapshots.constLast());
                stack->redo();
                QCOMPARE(f.doc.text(), edited);
            }
            snapshots.append(f.doc.text());
        };
        QModelIndex schema = root;
        if (!model.data(schema, SchemaTreeModel::CanHoldPropertiesRole).toBool())
            return;
        if (model.propertyCount(schema) > 0) {
            step(model.setData(model.index(0, SchemaTreeModel::NameColumn, schema), u"renamed_in_designer"_s));
            if (QTest::currentTestFailed())
                return;
        }
        const auto added = model.addProperty(schema, -1, u"added_in_designer"_s);
        step(added.ok());
        if (QTest::currentTestFailed())
            return;
        const QModelIndex property = model.indexForPointer(*added);
        QVERIFY(property.isValid());
        step(model.setData(property.siblingAtColumn(SchemaTreeModel::RequiredColumn), Qt::Checked, Qt::CheckStateRole));
        step(model.setData(property.siblingAtColumn(SchemaTreeModel::TypeColumn), u"integer | null"_s));
        QCOMPARE(model.indexForPointer(*added).data(SchemaTreeModel::TypesRole).toStringList(),
                 (QStringList { u"integer"_s, u"null"_s }));
        // Move it into another object schema below the root if there is one, else to the front.
        QModelIndex target;
        for (int r = 0; r < model.rowCount(root) && !target.isValid(); ++r) {
            const QModelIndex c = model.index(r, 0, root);
            if (c != model.indexForPointer(*added) && c.data(SchemaTreeModel::CanHoldPropertiesRole).toBool()
                && !f.doc.contains(c.data(SchemaTreeModel::PointerRole).toString() + u"/properties/added_in_designer"_s))
                target = c;
        }
        std::unique_ptr<QMimeData> data(model.mimeData({ model.indexForPointer(*added) }));
        step(model.dropMimeData(data.get(), Qt::MoveAction, target.isValid() ? -1 : 0, 0, target.isValid() ? target : root));
        if (target.isValid()) {
            const QString moved = target.data(SchemaTreeModel::PointerRole).toString() + u"/properties/added_in_designer"_s;
            QVERIFY(model.indexForPointer(moved).data(SchemaTreeModel::RequiredRole).toBool());
        }
        while (stack->canUndo())
            stack->undo();
        QCOMPARE(f.doc.text(), text);
        while (stack->canRedo())
            stack->redo();
        QCOMPARE(f.doc.text(), snapshots.constLast());
    }
};

QTEST_GUILESS_MAIN(TestSchemaTreeModel)
#include "tst_schematreemodel.moc"
