#pragma once

#include "domain/result.h"

#include <QAbstractItemModel>
#include <QJsonValue>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <vector>

namespace Galley {

class SchemaDocument;

// The schema designer's tree over a SchemaDocument: one row for the root schema; below a
// schema its properties (in text order), items / prefixItems, additionalProperties when it
// is a schema, the branches of oneOf / anyOf / allOf, and $defs / definitions under a
// "Definitions" row. Rows are keyed by JSON pointer and follow the text in place: when it
// parses again, rows are inserted, removed, moved and renamed and their data changed —
// never reset — so selection and expansion survive typing and undo.
//
// Every edit (setData, drops, the add/remove/move calls) is one undo step on the
// document's stack and rewrites only the affected part of the text. While the text does
// not parse the tree shows the last good version and nothing is editable.
class SchemaTreeModel : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaTreeModel)
public:
    enum Column { NameColumn, TypeColumn, RequiredColumn, TitleColumn, ColumnCount };
    Q_ENUM(Column)

    enum class NodeKind { Root, Property, Items, PrefixItem, AdditionalProperties, Branch, Definitions, Definition };
    Q_ENUM(NodeKind)

    enum Roles {
        PointerRole = Qt::UserRole + 1,   // QString: where the node is (Definitions: the $defs object)
        KindRole,                         // NodeKind as int
        KeyRole,                          // QString: the property's or definition's name
        TypesRole,                        // QStringList: the "type" keyword
        RequiredRole,                     // bool: a property listed in its schema's "required"
        TitleRole,                        // QString
        DescriptionRole,                  // QString
        RefRole,                          // QString: "$ref" as written
        RefPointerRole,                   // QString: the pointer "$ref" leads to in this document ("" when it does not)
        AdvancedKeywordsRole,             // QStringList: keywords the designer shows read-only (and keeps)
        CompositionRole,                  // QString: "oneOf", "anyOf" or "allOf" for a branch
        IsSchemaRole,                     // bool: the node is a schema object (not a boolean schema or a group)
        CanHoldPropertiesRole,            // bool: properties can be added below it
    };

    // Drag and drop carries the dragged property's pointer under this MIME type.
    static QString mimeType();

    explicit SchemaTreeModel(SchemaDocument *document, QObject *parent = nullptr);
    ~SchemaTreeModel() override;

    SchemaDocument *document() const { return m_document; }

    QModelIndex indexForPointer(const QString &pointer, int column = 0) const;
    // The row for pointer or, when it has none (a keyword), for the nearest node above it.
    QModelIndex nearestIndexForPointer(const QString &pointer) const;
    static QString pointerForIndex(const QModelIndex &index);
    NodeKind kind(const QModelIndex &index) const;
    // The property rows below a schema's row (they come first).
    int propertyCount(const QModelIndex &schema) const;

    // -- Edits, each one undo step. They answer the pointer of the node afterwards.
    // Adds a property to the schema at index (creating "properties" when needed) at
    // position among its properties (< 0: last). An empty name picks "new_property", …
    Result<QString> addProperty(const QModelIndex &schema, int position = -1, const QString &name = {},
                                const QJsonValue &value = {});
    // Adds a definition to the root's $defs (or definitions, for draft-07 and older).
    Result<QString> addDefinition(const QString &name = {}, const QJsonValue &value = {});
    // Removes a property (and its "required" entry), a definition, a branch, items, …
    Status removeNode(const QModelIndex &index);
    // Renames a property (and its "required" entry) or a definition (and every "$ref" to it).
    Result<QString> renameNode(const QModelIndex &index, const QString &name);
    Status setRequired(const QModelIndex &property, bool required);
    // No types removes the keyword, one writes a string, more an array.
    Status setTypes(const QModelIndex &schema, const QStringList &types);
    // Moves a property to position among toSchema's properties (numbered as after the
    // move; < 0: last), carrying its "required" entry along.
    Result<QString> moveProperty(const QModelIndex &property, const QModelIndex &toSchema, int position);
    // A key not yet used in the object at objectPointer: base, base_2, base_3, …
    QString uniqueKey(const QString &objectPointer, const QString &base) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;

Q_SIGNALS:
    // An edit through setData() or a drop was refused (the view shows why).
    void editFailed(const Galley::Error &error);
    // The rows follow a new parse of the text.
    void updated();
    // moveProperty() (or a drop) moved a property; `to` is where it is now.
    void propertyMoved(const QString &from, const QString &to);

private:
    friend class SchemaTreeBuilder;
    struct Info;
    struct Spec;
    struct Item;
    Item *itemFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Item *item, int column = 0) const;
    const Item *findItem(const QString &pointer) const;
    void update();
    void apply(Item *item, const QModelIndex &index, const Spec &spec);
    std::unique_ptr<Item> makeItem(const Spec &spec, Item *parent) const;
    static void rekey(Item *item, const QString &from, const QString &to);
    static void renumber(Item *item);
    Status editable() const;

    QPointer<SchemaDocument> m_document;
    std::unique_ptr<Item> m_root;   // invisible; its only child is the root schema
};

} // namespace Galley
