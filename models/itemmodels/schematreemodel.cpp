#include "schematreemodel.h"

#include "itemmodels/rowdiff.h"
#include "schema/jsontext.h"
#include "schema/schemadocument.h"

#include <QFont>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMimeData>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;
using JsonText::Kind;

namespace {

Error modelError(const char *code, const QString &message)
{
    return Error { QString::fromLatin1(code), message };
}

// The keywords the designer edits (tree or property panel); every other one is shown
// read-only as "advanced" and kept as written.
bool isDesignerKeyword(QStringView key)
{
    static const QStringView keywords[] = {
        u"$defs", u"$ref", u"additionalProperties", u"allOf", u"anyOf", u"default", u"definitions",
        u"description", u"enum", u"examples", u"exclusiveMaximum", u"exclusiveMinimum", u"format", u"items",
        u"maxItems", u"maxLength", u"maximum", u"minItems", u"minLength", u"minimum", u"multipleOf", u"oneOf",
        u"pattern", u"prefixItems", u"properties", u"required", u"title", u"type", u"uniqueItems",
    };
    return std::binary_search(std::begin(keywords), std::end(keywords), key);
}

bool isSchemaValue(const JsonText::Document &d, int n)
{
    const Kind k = d.node(n).kind;
    return k == Kind::Object || k == Kind::True || k == Kind::False;
}

// "#/$defs/a%20b" → "/$defs/a b"; empty for references that leave the document.
QString localPointer(const QString &ref)
{
    if (!ref.startsWith(u'#'))
        return {};
    return QUrl::fromPercentEncoding(ref.sliced(1).toUtf8());
}

} // namespace

struct SchemaTreeModel::Info
{
    QString pointer;
    NodeKind kind = NodeKind::Root;
    QString name;
    QString typeText;
    QStringList types;
    bool required = false;
    bool isSchema = false;
    bool canHoldProperties = false;
    QString title;
    QString description;
    QString ref;
    QString refPointer;
    QString composition;
    QStringList advanced;

    friend bool operator==(const Info &, const Info &) = default;
};

struct SchemaTreeModel::Spec
{
    Info info;
    std::vector<Spec> children;
};

struct SchemaTreeModel::Item
{
    Info info;
    Item *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Item>> children;
};

namespace {

constexpr int kMaxDepth = 64;

} // namespace

// Builds the rows for the schema at node n (and below it).
class SchemaTreeBuilder
{
public:
    using Info = SchemaTreeModel::Info;
    using Spec = SchemaTreeModel::Spec;
    using NodeKind = SchemaTreeModel::NodeKind;

    explicit SchemaTreeBuilder(const JsonText::Document &document)
        : d(document)
    {
    }

    Spec schema(int n, const QString &pointer, NodeKind kind, const QString &name, bool required, int depth) const
    {
        Spec spec;
        Info &info = spec.info;
        info.pointer = pointer;
        info.kind = kind;
        info.name = name;
        info.required = required;
        const Kind k = d.node(n).kind;
        if (k != Kind::Object) {
            info.typeText = k == Kind::True ? SchemaTreeModel::tr("anything (true)")
                : k == Kind::False          ? SchemaTreeModel::tr("nothing (false)")
                                            : SchemaTreeModel::tr("not a schema");
            return spec;
        }
        info.isSchema = true;
        const int type = d.member(n, u"type");
        if (type >= 0 && d.node(type).kind == Kind::String) {
            info.types.append(d.string(type));
        } else if (type >= 0 && d.node(type).kind == Kind::Array) {
            for (int c : d.children(type))
                info.types.append(d.string(c));
        }
        info.canHoldProperties = info.types.isEmpty() || info.types.contains(u"object"_s);
        info.title = stringMember(n, u"title");
        info.description = stringMember(n, u"description");
        info.ref = stringMember(n, u"$ref");
        if (!info.ref.isEmpty()) {
            const QString target = localPointer(info.ref);
            const int found = target.isNull() ? -1 : d.find(target);
            info.refPointer = found >= 0 ? d.pointer(found) : QString();
        }
        const int memberCount = d.node(n).childCount;
        for (int r = 0; r < memberCount; ++r) {
            const int m = d.child(n, r);
            if (d.node(m).keyEscaped || !isDesignerKeyword(d.rawKey(m)))
                info.advanced.append(d.key(m));
        }
        info.typeText = typeText(n, info);
        if (depth >= kMaxDepth)
            return spec;

        // Properties, in text order.
        const int properties = d.member(n, u"properties");
        if (properties >= 0 && d.node(properties).kind == Kind::Object) {
            QSet<QString> requiredKeys;
            const int req = d.member(n, u"required");
            if (req >= 0 && d.node(req).kind == Kind::Array) {
                for (int c : d.children(req))
                    requiredKeys.insert(d.string(c));
            }
            const QString base = pointer + u"/properties"_s;
            const int count = d.node(properties).childCount;
            for (int r = 0; r < count; ++r) {
                const int p = d.child(properties, r);
                if (!isSchemaValue(d, p))
                    continue;
                const QString key = d.key(p);
                spec.children.push_back(schema(p, JsonText::childPointer(base, key), NodeKind::Property, key,
                                               requiredKeys.contains(key), depth + 1));
            }
        }
        // items: one schema, or (draft-07 and older) a tuple; prefixItems.
        const int items = d.member(n, u"items");
        if (items >= 0 && isSchemaValue(d, items)) {
            spec.children.push_back(schema(items, pointer + u"/items"_s, NodeKind::Items, u"items"_s, false, depth + 1));
        } else if (items >= 0 && d.node(items).kind == Kind::Array) {
            arrayOfSchemas(spec, items, pointer, u"items"_s, NodeKind::PrefixItem, depth);
        }
        const int prefixItems = d.member(n, u"prefixItems");
        if (prefixItems >= 0 && d.node(prefixItems).kind == Kind::Array)
            arrayOfSchemas(spec, prefixItems, pointer, u"prefixItems"_s, NodeKind::PrefixItem, depth);
        const int additional = d.member(n, u"additionalProperties");
        if (additional >= 0 && d.node(additional).kind == Kind::Object) {
            spec.children.push_back(schema(additional, pointer + u"/additionalProperties"_s,
                                           NodeKind::AdditionalProperties, u"additionalProperties"_s, false, depth + 1));
        }
        for (const QString &keyword : { u"oneOf"_s, u"anyOf"_s, u"allOf"_s }) {
            const int branches = d.member(n, keyword);
            if (branches >= 0 && d.node(branches).kind == Kind::Array)
                arrayOfSchemas(spec, branches, pointer, keyword, NodeKind::Branch, depth);
        }
        // Definitions under a row of their own.
        bool first = true;
        for (const QString &keyword : { u"$defs"_s, u"definitions"_s }) {
            const int defs = d.member(n, keyword);
            if (defs < 0 || d.node(defs).kind != Kind::Object)
                continue;
            Spec group;
            group.info.pointer = pointer + u'/' + keyword;
            group.info.kind = NodeKind::Definitions;
            group.info.name = first ? SchemaTreeModel::tr("Definitions") : keyword;
            group.info.typeText = keyword;
            first = false;
            for (int def : d.children(defs)) {
                if (!isSchemaValue(d, def))
                    continue;
                const QString key = d.key(def);
                group.children.push_back(schema(def, JsonText::childPointer(group.info.pointer, key),
                                                NodeKind::Definition, key, false, depth + 1));
            }
            spec.children.push_back(std::move(group));
        }
        return spec;
    }

private:
    QString stringMember(int n, QStringView key) const
    {
        const int m = d.member(n, key);
        return m >= 0 && d.node(m).kind == Kind::String ? d.string(m) : QString();
    }

    void arrayOfSchemas(Spec &spec, int array, const QString &pointer, const QString &keyword, NodeKind kind,
                        int depth) const
    {
        const QList<int> items = d.children(array);
        for (int i = 0; i < items.size(); ++i) {
            if (!isSchemaValue(d, items.at(i)))
                continue;
            Spec s = schema(items.at(i), pointer + u'/' + keyword + u'/' + QString::number(i), kind,
                            keyword + u'[' + QString::number(i) + u']', false, depth + 1);
            if (kind == NodeKind::Branch)
                s.info.composition = keyword;
            spec.children.push_back(std::move(s));
        }
    }

    QString typeText(int n, const Info &info) const
    {
        if (!info.types.isEmpty())
            return info.types.join(u" | "_s);
        if (!info.ref.isEmpty()) {
            const QString target = localPointer(info.ref);
            return u"→ "_s + (target.isNull() ? info.ref : JsonText::lastToken(target));
        }
        for (const QStringView keyword : { u"oneOf", u"anyOf", u"allOf" }) {
            if (d.member(n, keyword) >= 0)
                return keyword.toString();
        }
        if (d.member(n, u"enum") >= 0)
            return u"enum"_s;
        if (d.member(n, u"const") >= 0)
            return u"const"_s;
        return SchemaTreeModel::tr("any");
    }

    const JsonText::Document &d;
};

QString SchemaTreeModel::mimeType()
{
    return u"application/x-galley-schema-pointer"_s;
}

SchemaTreeModel::SchemaTreeModel(SchemaDocument *document, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
    , m_root(std::make_unique<Item>())
{
    connect(document, &SchemaDocument::treeChanged, this, &SchemaTreeModel::update);
    connect(document, &SchemaDocument::staleChanged, this, [this] {
        // Editability changed everywhere.
        if (!m_root->children.empty())
            Q_EMIT dataChanged(index(0, 0), index(0, ColumnCount - 1));
    });
    update();
}

SchemaTreeModel::~SchemaTreeModel() = default;

// ---------------------------------------------------------------------------------------------
// Following the text

void SchemaTreeModel::update()
{
    Spec top;
    if (m_document && m_document->hasTree()) {
        const JsonText::Document &d = m_document->tree();
        top.children.push_back(SchemaTreeBuilder(d).schema(0, QString(), NodeKind::Root, tr("Schema"), false, 0));
    }
    apply(m_root.get(), {}, top);
    Q_EMIT updated();
}

std::unique_ptr<SchemaTreeModel::Item> SchemaTreeModel::makeItem(const Spec &spec, Item *parent) const
{
    auto item = std::make_unique<Item>();
    item->info = spec.info;
    item->parent = parent;
    item->children.reserve(spec.children.size());
    for (const Spec &child : spec.children)
        item->children.push_back(makeItem(child, item.get()));
    renumber(item.get());
    return item;
}

void SchemaTreeModel::renumber(Item *item)
{
    for (size_t i = 0; i < item->children.size(); ++i)
        item->children[i]->row = int(i);
}

void SchemaTreeModel::rekey(Item *item, const QString &from, const QString &to)
{
    if (item->info.pointer == from || item->info.pointer.startsWith(from + u'/'))
        item->info.pointer = to + item->info.pointer.sliced(from.size());
    for (const auto &child : item->children)
        rekey(child.get(), from, to);
}

void SchemaTreeModel::apply(Item *item, const QModelIndex &index, const Spec &spec)
{
    if (item != m_root.get() && !(item->info == spec.info)) {
        item->info = spec.info;
        Q_EMIT dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
    }

    auto &children = item->children;
    QStringList current;
    current.reserve(qsizetype(children.size()));
    for (const auto &c : children)
        current.append(c->info.pointer);
    QStringList target;
    target.reserve(qsizetype(spec.children.size()));
    for (const Spec &s : spec.children)
        target.append(s.info.pointer);

    // A row whose key changed in place (renamed in the designer or typed in the text)
    // keeps its row: its pointer (and those below it) follow the new key.
    if (current.size() == target.size() && current != target) {
        const QSet<QString> currentSet(current.cbegin(), current.cend());
        const QSet<QString> targetSet(target.cbegin(), target.cend());
        for (qsizetype i = 0; i < current.size(); ++i) {
            if (current.at(i) != target.at(i) && !targetSet.contains(current.at(i)) && !currentSet.contains(target.at(i))
                && children[size_t(i)]->info.kind == spec.children[size_t(i)].info.kind) {
                rekey(children[size_t(i)].get(), current.at(i), target.at(i));
                current[i] = target.at(i);
            }
        }
    }

    if (current != target) {
        QHash<QString, Id> ids;
        auto idOf = [&ids](const QString &pointer) {
            auto it = ids.constFind(pointer);
            if (it == ids.cend())
                it = ids.insert(pointer, Id(ids.size() + 1));
            return it.value();
        };
        QList<Id> currentIds;
        for (const QString &p : std::as_const(current))
            currentIds.append(idOf(p));
        QList<Id> targetIds;
        for (const QString &p : std::as_const(target))
            targetIds.append(idOf(p));
        RowDiff::Operations ops;
        ops.remove = [&](int first, int last) {
            beginRemoveRows(index, first, last);
            children.erase(children.begin() + first, children.begin() + last + 1);
            renumber(item);
            endRemoveRows();
        };
        ops.move = [&](int from, int destination) {
            beginMoveRows(index, from, from, index, destination);
            auto moving = std::move(children[size_t(from)]);
            children.erase(children.begin() + from);
            children.insert(children.begin() + (destination > from ? destination - 1 : destination), std::move(moving));
            renumber(item);
            endMoveRows();
        };
        ops.insert = [&](int row, int first, int last) {
            beginInsertRows(index, row, row + last - first);
            for (int i = first; i <= last; ++i)
                children.insert(children.begin() + row + (i - first), makeItem(spec.children[size_t(i)], item));
            renumber(item);
            endInsertRows();
        };
        RowDiff::apply(currentIds, targetIds, ops);
    }

    for (size_t i = 0; i < children.size(); ++i)
        apply(children[i].get(), this->index(int(i), 0, index), spec.children[i]);
}

// ---------------------------------------------------------------------------------------------
// Lookup

SchemaTreeModel::Item *SchemaTreeModel::itemFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Item *>(index.internalPointer()) : m_root.get();
}

QModelIndex SchemaTreeModel::indexFor(const Item *item, int column) const
{
    if (!item || item == m_root.get())
        return {};
    return createIndex(item->row, column, const_cast<Item *>(item));
}

const SchemaTreeModel::Item *SchemaTreeModel::findItem(const QString &pointer) const
{
    if (m_root->children.empty())
        return nullptr;
    const Item *item = m_root->children.front().get();
    // Walk down through the rows whose pointer is a prefix of the one wanted.
    while (item->info.pointer != pointer) {
        const Item *next = nullptr;
        for (const auto &c : item->children) {
            const QString &p = c->info.pointer;
            if (p == pointer || (pointer.startsWith(p) && pointer.at(p.size()) == u'/')) {
                next = c.get();
                break;
            }
        }
        if (!next)
            return nullptr;
        item = next;
    }
    return item;
}

QModelIndex SchemaTreeModel::indexForPointer(const QString &pointer, int column) const
{
    return indexFor(findItem(pointer), column);
}

QModelIndex SchemaTreeModel::nearestIndexForPointer(const QString &pointer) const
{
    for (QString p = pointer;; p = JsonText::parentPointer(p)) {
        if (const Item *item = findItem(p))
            return indexFor(item);
        if (p.isEmpty())
            return {};
    }
}

QString SchemaTreeModel::pointerForIndex(const QModelIndex &index)
{
    return index.data(PointerRole).toString();
}

SchemaTreeModel::NodeKind SchemaTreeModel::kind(const QModelIndex &index) const
{
    return index.isValid() ? itemFor(index)->info.kind : NodeKind::Root;
}

int SchemaTreeModel::propertyCount(const QModelIndex &schema) const
{
    const Item *item = itemFor(schema);
    return int(std::count_if(item->children.cbegin(), item->children.cend(),
                             [](const auto &c) { return c->info.kind == NodeKind::Property; }));
}

// ---------------------------------------------------------------------------------------------
// QAbstractItemModel

QModelIndex SchemaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const Item *p = itemFor(parent);
    if (size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex SchemaTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(itemFor(child)->parent);
}

int SchemaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(itemFor(parent)->children.size());
}

int SchemaTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SchemaTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Info &info = itemFor(index)->info;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            return info.name;
        case TypeColumn:
            return role == Qt::EditRole ? info.types.join(u" | "_s) : info.typeText;
        case TitleColumn:
            return info.title;
        default:
            return {};
        }
    case Qt::CheckStateRole:
        if (index.column() == RequiredColumn && info.kind == NodeKind::Property)
            return info.required ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (index.column() == RequiredColumn && info.kind == NodeKind::Property)
            return info.required ? tr("Required: content must have “%1”").arg(info.name)
                                 : tr("Optional: content may leave out “%1”").arg(info.name);
        return info.description.isEmpty() ? info.pointer : info.description;
    case Qt::FontRole:
        if (index.column() == NameColumn && info.kind != NodeKind::Property && info.kind != NodeKind::Definition) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case PointerRole:
        return info.pointer;
    case KindRole:
        return int(info.kind);
    case KeyRole:
        return info.kind == NodeKind::Property || info.kind == NodeKind::Definition ? info.name : QString();
    case TypesRole:
        return info.types;
    case RequiredRole:
        return info.required;
    case TitleRole:
        return info.title;
    case DescriptionRole:
        return info.description;
    case RefRole:
        return info.ref;
    case RefPointerRole:
        return info.refPointer;
    case AdvancedKeywordsRole:
        return info.advanced;
    case CompositionRole:
        return info.composition;
    case IsSchemaRole:
        return info.isSchema;
    case CanHoldPropertiesRole:
        return info.isSchema && info.canHoldProperties;
    default:
        return {};
    }
}

Qt::ItemFlags SchemaTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!m_document || m_document->isStale())
        return f;
    const Info &info = itemFor(index)->info;
    const bool named = info.kind == NodeKind::Property || info.kind == NodeKind::Definition;
    switch (index.column()) {
    case NameColumn:
        if (named)
            f |= Qt::ItemIsEditable;
        break;
    case TypeColumn:
    case TitleColumn:
        if (info.isSchema)
            f |= Qt::ItemIsEditable;
        break;
    case RequiredColumn:
        if (info.kind == NodeKind::Property)
            f |= Qt::ItemIsUserCheckable;
        break;
    default:
        break;
    }
    if (info.kind == NodeKind::Property)
        f |= Qt::ItemIsDragEnabled;
    if (info.isSchema && info.canHoldProperties)
        f |= Qt::ItemIsDropEnabled;
    return f;
}

bool SchemaTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || !(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable)))
        return false;
    const Info info = itemFor(index)->info;
    Status st;
    if (index.column() == NameColumn && role == Qt::EditRole) {
        const QString name = value.toString();
        if (name == info.name)
            return true;
        const auto renamed = renameNode(index, name);
        st = renamed ? Status() : Status(renamed.error());
    } else if (index.column() == TypeColumn && role == Qt::EditRole) {
        QStringList types = value.typeId() == QMetaType::QStringList ? value.toStringList()
                                                                      : value.toString().split(u'|', Qt::SkipEmptyParts);
        for (QString &t : types)
            t = t.trimmed();
        types.removeAll(QString());
        st = setTypes(index, types);
    } else if (index.column() == RequiredColumn && role == Qt::CheckStateRole) {
        st = setRequired(index, Qt::CheckState(value.toInt()) == Qt::Checked);
    } else if (index.column() == TitleColumn && role == Qt::EditRole) {
        const QString title = value.toString();
        if (title == info.title)
            return true;
        st = m_document->setValue(info.pointer + u"/title"_s,
                                  title.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(title),
                                  tr("Change the title of “%1”").arg(info.name));
    } else {
        return false;
    }
    if (!st) {
        Q_EMIT editFailed(st.error());
        return false;
    }
    return true;
}

QVariant SchemaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case RequiredColumn:
        return tr("Required");
    case TitleColumn:
        return tr("Title");
    default:
        return {};
    }
}

QHash<int, QByteArray> SchemaTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(PointerRole, "pointer");
    names.insert(KindRole, "kind");
    names.insert(KeyRole, "key");
    names.insert(TypesRole, "types");
    names.insert(RequiredRole, "required");
    names.insert(TitleRole, "title");
    names.insert(DescriptionRole, "description");
    names.insert(RefRole, "ref");
    names.insert(RefPointerRole, "refPointer");
    names.insert(AdvancedKeywordsRole, "advancedKeywords");
    names.insert(CompositionRole, "composition");
    names.insert(IsSchemaRole, "isSchema");
    names.insert(CanHoldPropertiesRole, "canHoldProperties");
    return names;
}

// ---------------------------------------------------------------------------------------------
// Drag and drop: a property moves within its object, into another object schema or out of it.

QStringList SchemaTreeModel::mimeTypes() const
{
    return { mimeType() };
}

QMimeData *SchemaTreeModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && itemFor(index)->info.kind == NodeKind::Property) {
            auto *data = new QMimeData;
            data->setData(mimeType(), itemFor(index)->info.pointer.toUtf8());
            return data;
        }
    }
    return nullptr;
}

Qt::DropActions SchemaTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions SchemaTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

bool SchemaTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                      const QModelIndex &parent) const
{
    if (!data || !data->hasFormat(mimeType()) || action != Qt::MoveAction || !parent.isValid())
        return false;
    if (!m_document || m_document->isStale())
        return false;
    const QString source = QString::fromUtf8(data->data(mimeType()));
    const Item *dragged = findItem(source);
    if (!dragged || dragged->info.kind != NodeKind::Property)
        return false;
    const Info &target = itemFor(parent)->info;
    if (!target.isSchema || !target.canHoldProperties)
        return false;
    if (target.pointer == source || target.pointer.startsWith(source + u'/'))
        return false;   // into itself
    const QString from = JsonText::parentPointer(JsonText::parentPointer(source));
    if (from != target.pointer && m_document->contains(JsonText::childPointer(QString(target.pointer + u"/properties"_s), dragged->info.name)))
        return false;   // the name is taken there
    return true;
}

bool SchemaTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                   const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString source = QString::fromUtf8(data->data(mimeType()));
    const QModelIndex dragged = indexForPointer(source);
    const QModelIndex target = parent.siblingAtColumn(0);
    int position = -1;
    if (row >= 0) {
        // Rows below a schema start with its properties; count those in front of the drop.
        const Item *t = itemFor(target);
        position = 0;
        for (int r = 0; r < row && size_t(r) < t->children.size(); ++r) {
            if (t->children[size_t(r)]->info.kind == NodeKind::Property)
                ++position;
        }
        if (dragged.parent() == target && dragged.row() < row)
            --position;   // numbered as after the move
    }
    const auto moved = moveProperty(dragged, target, position);
    if (!moved) {
        Q_EMIT editFailed(moved.error());
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Edits

Status SchemaTreeModel::editable() const
{
    if (!m_document)
        return modelError("schema_no_document", tr("There is no schema document."));
    m_document->reparseNow();
    if (m_document->isStale()) {
        const auto &e = *m_document->currentError();
        return modelError("schema_text_invalid", tr("The JSON text has an error at line %1, column %2 (%3). Fix it "
                                                    "before editing in the designer.")
                                                     .arg(e.line)
                                                     .arg(e.column)
                                                     .arg(e.message));
    }
    return {};
}

QString SchemaTreeModel::uniqueKey(const QString &objectPointer, const QString &base) const
{
    if (!m_document->contains(JsonText::childPointer(objectPointer, base)))
        return base;
    for (int i = 2;; ++i) {
        const QString key = base + u'_' + QString::number(i);
        if (!m_document->contains(JsonText::childPointer(objectPointer, key)))
            return key;
    }
}

Result<QString> SchemaTreeModel::addProperty(const QModelIndex &schema, int position, const QString &name,
                                             const QJsonValue &value)
{
    if (auto st = editable(); !st)
        return st.error();
    const Info &info = itemFor(schema)->info;
    if (!schema.isValid() || !info.isSchema || !info.canHoldProperties)
        return modelError("schema_not_object", tr("Properties can only be added to an object schema."));
    const QString properties = info.pointer + u"/properties"_s;
    const QString key = name.isEmpty() ? uniqueKey(properties, u"new_property"_s) : name;
    if (m_document->contains(JsonText::childPointer(properties, key)))
        return modelError("schema_duplicate_name", tr("There is already a property called “%1” here.").arg(key));
    const QJsonValue schemaValue = value.isUndefined() || value.isNull() ? QJsonValue(QJsonObject { { u"type"_s, u"string"_s } })
                                                                          : value;
    const QString text = tr("Add property “%1”").arg(key);
    Status st;
    const int existing = m_document->tree().find(properties);
    if (existing >= 0 && m_document->tree().node(existing).kind == Kind::Object) {
        st = m_document->insertMember(properties, position, key, schemaValue, text);
    } else if (m_document->contains(properties)) {
        st = modelError("schema_not_object", tr("“properties” of this schema is not an object."));
    } else {
        // A schema without properties yet: make it an object schema with this one.
        const QString pointer = info.pointer;
        const bool untyped = info.types.isEmpty() && info.ref.isEmpty();
        st = m_document->transaction(text, [&]() -> Status {
            if (untyped) {
                if (auto typed = m_document->setValue(pointer + u"/type"_s, u"object"_s); !typed)
                    return typed;
            }
            return m_document->setValue(properties, QJsonObject { { key, schemaValue } });
        });
    }
    if (!st)
        return st.error();
    return JsonText::childPointer(properties, key);
}

Result<QString> SchemaTreeModel::addDefinition(const QString &name, const QJsonValue &value)
{
    if (auto st = editable(); !st)
        return st.error();
    if (!m_document->tree().isValid() || m_document->tree().node(0).kind != Kind::Object)
        return modelError("schema_not_object", tr("Definitions need an object schema at the root."));
    QString keyword = u"$defs"_s;
    if (!m_document->contains(u"/$defs"_s)) {
        const QString dialect = m_document->value(u"/$schema"_s).toString();
        if (m_document->contains(u"/definitions"_s) || dialect.contains(u"draft-0"_s))
            keyword = u"definitions"_s;
    }
    const QString container = u'/' + keyword;
    const QString key = name.isEmpty() ? uniqueKey(container, u"new_definition"_s) : name;
    if (m_document->contains(JsonText::childPointer(container, key)))
        return modelError("schema_duplicate_name", tr("There is already a definition called “%1”.").arg(key));
    const QJsonValue schemaValue = value.isUndefined() || value.isNull() ? QJsonValue(QJsonObject { { u"type"_s, u"object"_s } })
                                                                          : value;
    const QString text = tr("Add definition “%1”").arg(key);
    const Status st = m_document->contains(container)
        ? m_document->insertMember(container, -1, key, schemaValue, text)
        : m_document->setValue(container, QJsonObject { { key, schemaValue } }, text);
    if (!st)
        return st.error();
    return JsonText::childPointer(container, key);
}

Status SchemaTreeModel::removeNode(const QModelIndex &index)
{
    if (auto st = editable(); !st)
        return st;
    if (!index.isValid())
        return modelError("schema_not_found", tr("Nothing is selected."));
    const Info info = itemFor(index)->info;
    const JsonText::Document &d = m_document->tree();
    const int n = d.find(info.pointer);
    if (n < 0)
        return modelError("schema_not_found", tr("The schema has nothing at “%1”.").arg(info.pointer));
    switch (info.kind) {
    case NodeKind::Root:
        return modelError("schema_root", tr("The root schema cannot be removed."));
    case NodeKind::Property: {
        auto edit = d.remove(n);
        if (!edit)
            return edit.error();
        // Its "required" entry goes with it.
        const int schema = d.find(JsonText::parentPointer(JsonText::parentPointer(info.pointer)));
        const int req = schema >= 0 ? d.member(schema, u"required") : -1;
        if (req >= 0 && d.node(req).kind == Kind::Array) {
            for (int item : d.children(req)) {
                if (d.string(item) != info.name)
                    continue;
                const auto gone = d.remove(d.node(req).childCount == 1 ? req : item);
                if (gone) {
                    if (auto both = JsonText::combine(*edit, *gone))
                        edit = both;
                }
                break;
            }
        }
        return m_document->applyEdit(*edit, tr("Remove property “%1”").arg(info.name));
    }
    case NodeKind::PrefixItem:
    case NodeKind::Branch: {
        // The last branch takes its keyword with it (an empty oneOf is not a schema).
        const int array = d.node(n).parent;
        const bool last = d.node(array).childCount == 1;
        return m_document->remove(last ? d.pointer(array) : info.pointer, tr("Remove “%1”").arg(info.name));
    }
    default:
        return m_document->remove(info.pointer, tr("Remove “%1”").arg(info.name));
    }
}

Result<QString> SchemaTreeModel::renameNode(const QModelIndex &index, const QString &name)
{
    if (auto st = editable(); !st)
        return st.error();
    if (!index.isValid())
        return modelError("schema_not_found", tr("Nothing is selected."));
    const Info info = itemFor(index)->info;
    if (info.kind != NodeKind::Property && info.kind != NodeKind::Definition)
        return modelError("schema_not_renamable", tr("Only properties and definitions have names."));
    if (name.isEmpty())
        return modelError("schema_empty_name", tr("A name cannot be empty."));
    if (name == info.name)
        return info.pointer;
    const JsonText::Document &d = m_document->tree();
    const int n = d.find(info.pointer);
    if (n < 0)
        return modelError("schema_not_found", tr("The schema has nothing at “%1”.").arg(info.pointer));
    const QString container = JsonText::parentPointer(info.pointer);
    const QString renamed = JsonText::childPointer(container, name);
    if (d.member(d.node(n).parent, name) >= 0) {
        return modelError("schema_duplicate_name", info.kind == NodeKind::Property
                              ? tr("There is already a property called “%1” here.").arg(name)
                              : tr("There is already a definition called “%1”.").arg(name));
    }
    auto edit = d.renameMember(n, name);
    if (!edit)
        return edit.error();
    QString text;
    if (info.kind == NodeKind::Property) {
        // The entry in the schema's "required" follows.
        const int schema = d.find(JsonText::parentPointer(container));
        const int req = schema >= 0 ? d.member(schema, u"required") : -1;
        if (req >= 0 && d.node(req).kind == Kind::Array) {
            for (int item : d.children(req)) {
                if (d.string(item) != info.name)
                    continue;
                if (auto entry = d.replaceValue(item, name)) {
                    if (auto both = JsonText::combine(*edit, *entry))
                        edit = both;
                }
            }
        }
        text = tr("Rename property “%1” to “%2”").arg(info.name, name);
    } else {
        // Every local "$ref" to the definition (or into it) follows.
        for (int m = 0; m < d.nodeCount(); ++m) {
            const JsonText::Node &node = d.node(m);
            if (!node.isMember() || node.kind != Kind::String || d.key(m) != u"$ref")
                continue;
            const QString target = localPointer(d.string(m));
            if (target != info.pointer && !target.startsWith(info.pointer + u'/'))
                continue;
            const QString newRef = u'#' + renamed + target.sliced(info.pointer.size());
            if (auto ref = d.replaceValue(m, newRef)) {
                if (auto both = JsonText::combine(*edit, *ref))
                    edit = both;
            }
        }
        text = tr("Rename definition “%1” to “%2”").arg(info.name, name);
    }
    if (auto st = m_document->applyEdit(*edit, text); !st)
        return st.error();
    return renamed;
}

Status SchemaTreeModel::setRequired(const QModelIndex &property, bool required)
{
    if (auto st = editable(); !st)
        return st;
    const Info info = itemFor(property)->info;
    if (!property.isValid() || info.kind != NodeKind::Property)
        return modelError("schema_not_property", tr("Only properties can be required."));
    if (info.required == required)
        return {};
    const JsonText::Document &d = m_document->tree();
    const QString schemaPointer = JsonText::parentPointer(JsonText::parentPointer(info.pointer));
    const int schema = d.find(schemaPointer);
    const int req = schema >= 0 ? d.member(schema, u"required") : -1;
    if (req >= 0 && d.node(req).kind != Kind::Array)
        return modelError("schema_required_not_array", tr("“required” of this schema is not a list."));
    const QString text = required ? tr("Make “%1” required").arg(info.name) : tr("Make “%1” optional").arg(info.name);
    if (required) {
        if (req >= 0)
            return m_document->insertItem(d.pointer(req), -1, info.name, text);
        return m_document->insertMember(schemaPointer, m_document->memberInsertIndex(schemaPointer, u"required"_s),
                                        u"required"_s, QJsonArray { info.name }, text);
    }
    for (int item : req >= 0 ? d.children(req) : QList<int>()) {
        if (d.string(item) == info.name)
            return m_document->remove(d.pointer(d.node(req).childCount == 1 ? req : item), text);
    }
    return {};
}

Status SchemaTreeModel::setTypes(const QModelIndex &schema, const QStringList &types)
{
    if (auto st = editable(); !st)
        return st;
    const Info info = itemFor(schema)->info;
    if (!schema.isValid() || !info.isSchema)
        return modelError("schema_not_object", tr("Only schema objects have a type."));
    if (types == info.types && (types.size() != 1 || m_document->value(info.pointer + u"/type"_s).isString()))
        return {};
    const QString pointer = info.pointer + u"/type"_s;
    const QString text = types.isEmpty() ? tr("Remove the type of “%1”").arg(info.name)
                                         : tr("Make “%1” %2").arg(info.name, types.join(u" | "_s));
    if (types.isEmpty())
        return m_document->setValue(pointer, QJsonValue(QJsonValue::Undefined), text);
    if (types.size() == 1)
        return m_document->setValue(pointer, types.constFirst(), text);
    return m_document->setValue(pointer, QJsonArray::fromStringList(types), text);
}

Result<QString> SchemaTreeModel::moveProperty(const QModelIndex &property, const QModelIndex &toSchema, int position)
{
    if (auto st = editable(); !st)
        return st.error();
    if (!property.isValid() || itemFor(property)->info.kind != NodeKind::Property)
        return modelError("schema_not_property", tr("Only properties can be moved."));
    const Info info = itemFor(property)->info;
    const Info target = itemFor(toSchema)->info;
    if (!toSchema.isValid() || !target.isSchema || !target.canHoldProperties)
        return modelError("schema_not_object", tr("Properties can only be moved into an object schema."));
    if (target.pointer == info.pointer || target.pointer.startsWith(info.pointer + u'/'))
        return modelError("schema_invalid_move", tr("A property cannot be moved into itself."));
    const QString from = JsonText::parentPointer(JsonText::parentPointer(info.pointer));
    const QString targetProperties = target.pointer + u"/properties"_s;
    const QString text = tr("Move property “%1”").arg(info.name);
    if (from == target.pointer) {
        if (auto st = m_document->move(info.pointer, targetProperties, position, text); !st)
            return st.error();
        Q_EMIT propertyMoved(info.pointer, info.pointer);
        return info.pointer;
    }
    if (m_document->contains(JsonText::childPointer(targetProperties, info.name)))
        return modelError("schema_duplicate_name", tr("There is already a property called “%1” there.").arg(info.name));
    const Status st = m_document->transaction(text, [&]() -> Status {
        if (!m_document->contains(targetProperties)) {
            if (auto created = m_document->setValue(targetProperties, QJsonObject {}); !created)
                return created;
        }
        const JsonText::Document &d = m_document->tree();
        auto edit = d.moveMember(d.find(info.pointer), d.find(targetProperties), position);
        if (!edit)
            return edit.error();
        if (info.required) {
            // The "required" entry moves along.
            const int source = d.find(from);
            const int req = d.member(source, u"required");
            for (int item : req >= 0 ? d.children(req) : QList<int>()) {
                if (d.string(item) != info.name)
                    continue;
                auto gone = d.remove(d.node(req).childCount == 1 ? req : item);
                if (gone)
                    gone = JsonText::combine(*edit, *gone);
                if (!gone)
                    return gone.error();
                edit = gone;
                break;
            }
            const int schema = d.find(target.pointer);
            const int targetReq = d.member(schema, u"required");
            auto added = targetReq >= 0 && d.node(targetReq).kind == Kind::Array
                ? d.insertItem(targetReq, -1, info.name)
                : d.insertMember(schema, m_document->memberInsertIndex(target.pointer, u"required"_s), u"required"_s,
                                 QJsonArray { info.name });
            if (added)
                added = JsonText::combine(*edit, *added);
            if (!added)
                return added.error();
            edit = added;
        }
        return m_document->applyEdit(*edit, text);
    });
    if (!st)
        return st.error();
    const QString moved = JsonText::childPointer(targetProperties, info.name);
    Q_EMIT propertyMoved(info.pointer, moved);
    return moved;
}

} // namespace Galley
