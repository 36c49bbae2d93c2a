#include "schemadesigner.h"

#include "emptystate.h"
#include "icons.h"
#include "itemmodels/schematreemodel.h"
#include "noticebar.h"
#include "schema/jsontext.h"
#include "schema/schemadocument.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <optional>

namespace Galley {

using namespace Qt::StringLiterals;
using Kind = SchemaTreeModel::NodeKind;

namespace {

const QStringList kTypes = { u"string"_s, u"number"_s, u"integer"_s, u"boolean"_s,
                             u"object"_s, u"array"_s,  u"null"_s };

const QStringList kFormats = { QString(), u"date"_s, u"date-time"_s, u"time"_s, u"duration"_s, u"email"_s,
                               u"uri"_s, u"uri-reference"_s, u"uuid"_s, u"hostname"_s, u"ipv4"_s, u"ipv6"_s,
                               u"regex"_s, u"json-pointer"_s };

std::optional<QJsonValue> parseJson(const QString &text)
{
    const JsonText::Document d = JsonText::Document::parse(text);
    if (!d.isValid())
        return std::nullopt;
    return d.value(0);
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Root: return SchemaDesigner::tr("root schema");
    case Kind::Property: return SchemaDesigner::tr("property");
    case Kind::Items: return SchemaDesigner::tr("schema of the list's items");
    case Kind::PrefixItem: return SchemaDesigner::tr("schema of one item position");
    case Kind::AdditionalProperties: return SchemaDesigner::tr("schema of other properties");
    case Kind::Branch: return SchemaDesigner::tr("branch");
    case Kind::Definitions: return SchemaDesigner::tr("definitions");
    case Kind::Definition: return SchemaDesigner::tr("definition");
    }
    return {};
}

// A list shown as "a, b, c" when its values are plain strings, else as the JSON written.
QString listText(const QJsonValue &value, const QString &written)
{
    if (!value.isArray())
        return written;
    QStringList parts;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        const QString s = v.toString();
        if (!v.isString() || s.isEmpty() || s.contains(u',') || s.trimmed() != s || s.startsWith(u'['))
            return written;
        parts.append(s);
    }
    return parts.isEmpty() ? written : parts.join(u", "_s);
}

QLineEdit *numberEdit(QWidget *parent, bool count)
{
    auto *edit = new QLineEdit(parent);
    // Empty is acceptable: it removes the keyword.
    static const QRegularExpression number(u"(-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?)?"_s);
    static const QRegularExpression counting(u"(0|[1-9][0-9]*)?"_s);
    edit->setValidator(new QRegularExpressionValidator(count ? counting : number, edit));
    edit->setPlaceholderText(SchemaDesigner::tr("not set"));
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

SchemaDesigner::SchemaDesigner(SchemaDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new SchemaTreeModel(document, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    layout->addWidget(m_toolBar);

    m_staleBar = new NoticeBar(this);
    m_staleBar->setObjectName(u"staleBar"_s);
    m_staleBar->hide();
    layout->addWidget(m_staleBar);
    m_errorBar = new NoticeBar(this);
    m_errorBar->setObjectName(u"errorBar"_s);
    m_errorBar->hide();
    layout->addWidget(m_errorBar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    m_tree = new QTreeView(m_splitter);
    m_tree->setObjectName(u"tree"_s);
    m_tree->setModel(m_model);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setDragEnabled(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropMode(QAbstractItemView::InternalMove);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setAccessibleName(tr("Schema tree"));
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(SchemaTreeModel::NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(SchemaTreeModel::TypeColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(SchemaTreeModel::RequiredColumn, QHeaderView::ResizeToContents);
    header->resizeSection(SchemaTreeModel::NameColumn, 200);
    header->resizeSection(SchemaTreeModel::TypeColumn, 130);

    auto *scroll = new QScrollArea(m_splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_panelStack = new QStackedWidget(scroll);
    scroll->setWidget(m_panelStack);
    m_noSelection = new EmptyState(m_panelStack);
    m_noSelection->setTitle(tr("Nothing selected"));
    m_noSelection->setText(tr("Select a property in the tree to edit it, or add one."));
    m_panelStack->addWidget(m_noSelection);
    m_panel = new QWidget(m_panelStack);
    m_panelStack->addWidget(m_panel);
    buildPanel();
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    // Actions: in the toolbar, and as keys in the tree.
    auto makeAction = [this](const QString &icon, const QString &text, const QString &tip, const QKeySequence &keys) {
        auto *action = new QAction(Icons::get(icon), text, this);
        action->setToolTip(keys.isEmpty() ? tip : tr("%1 (%2)").arg(tip, keys.toString(QKeySequence::NativeText)));
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetShortcut);
        m_toolBar->addAction(action);
        m_tree->addAction(action);
        return action;
    };
    m_addProperty = makeAction(u"list-add"_s, tr("Add Property"),
                               tr("Add a property after the selected one"), QKeySequence(Qt::Key_Insert));
    m_addChild = makeAction(u"format-indent-more"_s, tr("Add Child Property"),
                            tr("Add a property inside the selected object"), QKeySequence(Qt::CTRL | Qt::Key_Insert));
    m_addDefinition = makeAction(u"document-new"_s, tr("Add Definition"),
                                 tr("Add a reusable definition to the schema's $defs"), QKeySequence());
    m_toolBar->addSeparator();
    m_delete = makeAction(u"edit-delete"_s, tr("Delete"), tr("Delete the selected node"), QKeySequence(Qt::Key_Delete));
    m_moveUp = makeAction(u"go-up"_s, tr("Move Up"), tr("Move the property up"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Up));
    m_moveDown = makeAction(u"go-down"_s, tr("Move Down"), tr("Move the property down"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Down));
    connect(m_addProperty, &QAction::triggered, this, &SchemaDesigner::addProperty);
    connect(m_addChild, &QAction::triggered, this, &SchemaDesigner::addChildProperty);
    connect(m_addDefinition, &QAction::triggered, this, &SchemaDesigner::addDefinition);
    connect(m_delete, &QAction::triggered, this, &SchemaDesigner::deleteNode);
    connect(m_moveUp, &QAction::triggered, this, [this] { moveBy(-1); });
    connect(m_moveDown, &QAction::triggered, this, [this] { moveBy(1); });

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &SchemaDesigner::onCurrentChanged);
    connect(m_model, &SchemaTreeModel::updated, this, [this] {
        refreshPanel();
        updateActions();
    });
    connect(m_model, &SchemaTreeModel::editFailed, this, [this](const Error &error) { report(error); });
    connect(m_model, &SchemaTreeModel::propertyMoved, this, [this](const QString &from, const QString &to) {
        // A property moved into another object has a new row: select it there (once the
        // view is done with the drop). One moved within its object keeps its row.
        if (JsonText::parentPointer(from) == JsonText::parentPointer(to))
            return;
        QTimer::singleShot(0, this, [this, to] {
            if (m_model->indexForPointer(to).isValid() && currentPointer() != to) {
                selectPointer(to);
                Q_EMIT pointerSelected(to);
            }
        });
    });
    connect(document, &SchemaDocument::staleChanged, this, &SchemaDesigner::updateStale);
    connect(document, &SchemaDocument::syntaxError, this, &SchemaDesigner::updateStale);

    m_tree->expandToDepth(0);
    if (m_model->rowCount() > 0)
        m_tree->setCurrentIndex(m_model->index(0, 0));
    refreshPanel();
    updateActions();
    updateStale();
    setFocusProxy(m_tree);
}

SchemaDesigner::~SchemaDesigner()
{
    // Children go in creation order, the model before the tree: detach the tree first so
    // that it reports no selection changes to a designer being destroyed.
    disconnect(m_tree->selectionModel(), nullptr, this, nullptr);
    m_tree->setModel(nullptr);
}

SchemaDocument *SchemaDesigner::document() const
{
    return m_document;
}

void SchemaDesigner::buildPanel()
{
    auto *layout = new QVBoxLayout(m_panel);
    layout->setContentsMargins(12, 8, 12, 8);

    m_heading = new QLabel(m_panel);
    m_heading->setObjectName(u"heading"_s);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    headingFont.setWeight(QFont::DemiBold);
    m_heading->setFont(headingFont);
    m_heading->setTextFormat(Qt::PlainText);
    layout->addWidget(m_heading);
    m_pointerLabel = new QLabel(m_panel);
    m_pointerLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pointerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pointerLabel->setTextFormat(Qt::PlainText);
    m_pointerLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_pointerLabel);
    m_note = new QLabel(m_panel);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    layout->addWidget(m_note);

    // General
    m_general = new QGroupBox(tr("General"), m_panel);
    auto *form = new QFormLayout(m_general);
    m_name = new QLineEdit(m_general);
    m_name->setObjectName(u"name"_s);
    m_name->setAccessibleName(tr("Name"));
    m_nameLabel = new QLabel(tr("&Name:"), m_general);
    m_nameLabel->setBuddy(m_name);
    form->addRow(m_nameLabel, m_name);
    m_typeBox = new QWidget(m_general);
    auto *types = new QGridLayout(m_typeBox);
    types->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < kTypes.size(); ++i) {
        auto *check = new QCheckBox(kTypes.at(i), m_typeBox);
        check->setObjectName(u"type-"_s + kTypes.at(i));
        check->setToolTip(tr("Values may be of type %1; check several for a union").arg(kTypes.at(i)));
        types->addWidget(check, i / 4, i % 4);
        m_typeChecks.append(check);
        connect(check, &QCheckBox::clicked, this, &SchemaDesigner::commitTypes);
    }
    form->addRow(tr("Type:"), m_typeBox);
    m_required = new QCheckBox(tr("Content must have this property"), m_general);
    m_required->setObjectName(u"required"_s);
    m_requiredLabel = new QLabel(tr("Required:"), m_general);
    form->addRow(m_requiredLabel, m_required);
    m_title = new QLineEdit(m_general);
    m_title->setObjectName(u"title"_s);
    form->addRow(tr("&Title:"), m_title);
    m_description = new QPlainTextEdit(m_general);
    m_description->setObjectName(u"description"_s);
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    m_description->installEventFilter(this);
    form->addRow(tr("&Description:"), m_description);
    m_default = new QLineEdit(m_general);
    m_default->setObjectName(u"default"_s);
    m_default->setPlaceholderText(tr("JSON value, e.g. \"text\", 12, true"));
    form->addRow(tr("De&fault:"), m_default);
    m_examples = new QLineEdit(m_general);
    m_examples->setObjectName(u"examples"_s);
    m_examples->setPlaceholderText(tr("a, b, c — or a JSON array"));
    form->addRow(tr("E&xamples:"), m_examples);
    m_enum = new QLineEdit(m_general);
    m_enum->setObjectName(u"enum"_s);
    m_enum->setPlaceholderText(tr("Allowed values: a, b, c — or a JSON array"));
    form->addRow(tr("Allowed &values:"), m_enum);
    m_fieldError = new QLabel(m_general);
    m_fieldError->setObjectName(u"fieldError"_s);
    m_fieldError->setWordWrap(true);
    QPalette errorPalette = m_fieldError->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_fieldError->setPalette(errorPalette);
    m_fieldError->hide();
    form->addRow(m_fieldError);
    m_refRow = new QWidget(m_general);
    auto *refLayout = new QHBoxLayout(m_refRow);
    refLayout->setContentsMargins(0, 0, 0, 0);
    m_refText = new QLabel(m_refRow);
    m_refText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_refText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refText->setTextFormat(Qt::PlainText);
    refLayout->addWidget(m_refText, 1);
    m_goToDefinition = new QPushButton(tr("&Go to Definition"), m_refRow);
    m_goToDefinition->setObjectName(u"goToDefinition"_s);
    refLayout->addWidget(m_goToDefinition);
    m_refLabel = new QLabel(tr("Reference:"), m_general);
    form->addRow(m_refLabel, m_refRow);
    layout->addWidget(m_general);

    // Text
    m_stringGroup = new QGroupBox(tr("Text"), m_panel);
    auto *stringForm = new QFormLayout(m_stringGroup);
    m_minLength = numberEdit(m_stringGroup, true);
    m_minLength->setObjectName(u"minLength"_s);
    stringForm->addRow(tr("Minimum length:"), m_minLength);
    m_maxLength = numberEdit(m_stringGroup, true);
    m_maxLength->setObjectName(u"maxLength"_s);
    stringForm->addRow(tr("Maximum length:"), m_maxLength);
    m_pattern = new QLineEdit(m_stringGroup);
    m_pattern->setObjectName(u"pattern"_s);
    m_pattern->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pattern->setPlaceholderText(tr("regular expression"));
    stringForm->addRow(tr("Pattern:"), m_pattern);
    m_format = new QComboBox(m_stringGroup);
    m_format->setObjectName(u"format"_s);
    m_format->setEditable(true);
    m_format->addItems(kFormats);
    m_format->setInsertPolicy(QComboBox::NoInsert);
    m_format->lineEdit()->setPlaceholderText(tr("not set"));
    stringForm->addRow(tr("Format:"), m_format);
    layout->addWidget(m_stringGroup);

    // Numbers
    m_numberGroup = new QGroupBox(tr("Number"), m_panel);
    auto *numberForm = new QFormLayout(m_numberGroup);
    m_minimum = numberEdit(m_numberGroup, false);
    m_minimum->setObjectName(u"minimum"_s);
    numberForm->addRow(tr("Minimum:"), m_minimum);
    m_maximum = numberEdit(m_numberGroup, false);
    m_maximum->setObjectName(u"maximum"_s);
    numberForm->addRow(tr("Maximum:"), m_maximum);
    m_exclusiveMinimum = numberEdit(m_numberGroup, false);
    m_exclusiveMinimum->setObjectName(u"exclusiveMinimum"_s);
    numberForm->addRow(tr("Greater than:"), m_exclusiveMinimum);
    m_exclusiveMaximum = numberEdit(m_numberGroup, false);
    m_exclusiveMaximum->setObjectName(u"exclusiveMaximum"_s);
    numberForm->addRow(tr("Less than:"), m_exclusiveMaximum);
    m_multipleOf = numberEdit(m_numberGroup, false);
    m_multipleOf->setObjectName(u"multipleOf"_s);
    numberForm->addRow(tr("Multiple of:"), m_multipleOf);
    layout->addWidget(m_numberGroup);

    // Lists
    m_arrayGroup = new QGroupBox(tr("List"), m_panel);
    auto *arrayForm = new QFormLayout(m_arrayGroup);
    auto *itemsRow = new QWidget(m_arrayGroup);
    auto *itemsLayout = new QHBoxLayout(itemsRow);
    itemsLayout->setContentsMargins(0, 0, 0, 0);
    m_itemsText = new QLabel(itemsRow);
    m_itemsText->setTextFormat(Qt::PlainText);
    itemsLayout->addWidget(m_itemsText, 1);
    m_itemsButton = new QPushButton(itemsRow);
    m_itemsButton->setObjectName(u"items"_s);
    itemsLayout->addWidget(m_itemsButton);
    arrayForm->addRow(tr("Items:"), itemsRow);
    m_minItems = numberEdit(m_arrayGroup, true);
    m_minItems->setObjectName(u"minItems"_s);
    arrayForm->addRow(tr("Minimum items:"), m_minItems);
    m_maxItems = numberEdit(m_arrayGroup, true);
    m_maxItems->setObjectName(u"maxItems"_s);
    arrayForm->addRow(tr("Maximum items:"), m_maxItems);
    m_uniqueItems = new QCheckBox(tr("No two items alike"), m_arrayGroup);
    m_uniqueItems->setObjectName(u"uniqueItems"_s);
    arrayForm->addRow(tr("Unique:"), m_uniqueItems);
    layout->addWidget(m_arrayGroup);

    // Objects
    m_objectGroup = new QGroupBox(tr("Object"), m_panel);
    auto *objectForm = new QFormLayout(m_objectGroup);
    auto *additionalRow = new QWidget(m_objectGroup);
    auto *additionalLayout = new QHBoxLayout(additionalRow);
    additionalLayout->setContentsMargins(0, 0, 0, 0);
    m_additional = new QComboBox(additionalRow);
    m_additional->setObjectName(u"additionalProperties"_s);
    m_additional->addItems({ tr("Allowed (not set)"), tr("Allowed"), tr("Not allowed"), tr("Must match a schema") });
    additionalLayout->addWidget(m_additional, 1);
    m_additionalButton = new QPushButton(tr("Go to Schema"), additionalRow);
    additionalLayout->addWidget(m_additionalButton);
    objectForm->addRow(tr("Other properties:"), additionalRow);
    layout->addWidget(m_objectGroup);

    // What the designer keeps but does not edit.
    m_advancedGroup = new QGroupBox(tr("Advanced (read-only)"), m_panel);
    auto *advancedLayout = new QVBoxLayout(m_advancedGroup);
    auto *advancedNote = new QLabel(tr("The designer keeps these keywords exactly as written. Edit them in the JSON "
                                       "text."),
                                    m_advancedGroup);
    advancedNote->setWordWrap(true);
    advancedLayout->addWidget(advancedNote);
    m_advanced = new QPlainTextEdit(m_advancedGroup);
    m_advanced->setObjectName(u"advanced"_s);
    m_advanced->setReadOnly(true);
    m_advanced->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_advanced->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_advanced->setTabChangesFocus(true);
    m_advanced->setMaximumHeight(m_advanced->fontMetrics().lineSpacing() * 6 + 12);
    advancedLayout->addWidget(m_advanced);
    layout->addWidget(m_advancedGroup);
    layout->addStretch(1);

    connect(m_name, &QLineEdit::editingFinished, this, &SchemaDesigner::commitName);
    connect(m_required, &QCheckBox::clicked, this, &SchemaDesigner::commitRequired);
    connect(m_title, &QLineEdit::editingFinished, this, [this] { commitText(u"title"_s, m_title); });
    connect(m_default, &QLineEdit::editingFinished, this, [this] { commitJson(u"default"_s, m_default, false); });
    connect(m_examples, &QLineEdit::editingFinished, this, [this] { commitJson(u"examples"_s, m_examples, true); });
    connect(m_enum, &QLineEdit::editingFinished, this, [this] { commitJson(u"enum"_s, m_enum, true); });
    connect(m_goToDefinition, &QPushButton::clicked, this, &SchemaDesigner::goToDefinition);
    connect(m_minLength, &QLineEdit::editingFinished, this, [this] { commitNumber(u"minLength"_s, m_minLength, true); });
    connect(m_maxLength, &QLineEdit::editingFinished, this, [this] { commitNumber(u"maxLength"_s, m_maxLength, true); });
    connect(m_pattern, &QLineEdit::editingFinished, this, [this] { commitText(u"pattern"_s, m_pattern); });
    connect(m_format->lineEdit(), &QLineEdit::editingFinished, this, &SchemaDesigner::commitFormat);
    connect(m_format, &QComboBox::activated, this, &SchemaDesigner::commitFormat);
    connect(m_minimum, &QLineEdit::editingFinished, this, [this] { commitNumber(u"minimum"_s, m_minimum, false); });
    connect(m_maximum, &QLineEdit::editingFinished, this, [this] { commitNumber(u"maximum"_s, m_maximum, false); });
    connect(m_exclusiveMinimum, &QLineEdit::editingFinished, this,
            [this] { commitNumber(u"exclusiveMinimum"_s, m_exclusiveMinimum, false); });
    connect(m_exclusiveMaximum, &QLineEdit::editingFinished, this,
            [this] { commitNumber(u"exclusiveMaximum"_s, m_exclusiveMaximum, false); });
    connect(m_multipleOf, &QLineEdit::editingFinished, this, [this] { commitNumber(u"multipleOf"_s, m_multipleOf, false); });
    connect(m_itemsButton, &QPushButton::clicked, this, &SchemaDesigner::goToItems);
    connect(m_minItems, &QLineEdit::editingFinished, this, [this] { commitNumber(u"minItems"_s, m_minItems, true); });
    connect(m_maxItems, &QLineEdit::editingFinished, this, [this] { commitNumber(u"maxItems"_s, m_maxItems, true); });
    connect(m_uniqueItems, &QCheckBox::clicked, this, &SchemaDesigner::commitUniqueItems);
    connect(m_additional, &QComboBox::activated, this, &SchemaDesigner::commitAdditionalProperties);
    connect(m_additionalButton, &QPushButton::clicked, this, [this] {
        selectPointer(m_panelPointer + u"/additionalProperties"_s);
        Q_EMIT pointerSelected(currentPointer());
    });
}

// ---------------------------------------------------------------------------------------------
// Selection

QString SchemaDesigner::currentPointer() const
{
    return SchemaTreeModel::pointerForIndex(m_tree->currentIndex());
}

bool SchemaDesigner::hasSelection() const
{
    return m_tree->currentIndex().isValid();
}

void SchemaDesigner::selectPointer(const QString &pointer)
{
    const QModelIndex index = m_model->nearestIndexForPointer(pointer);
    if (!index.isValid())
        return;
    m_selecting = true;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    m_selecting = false;
}

void SchemaDesigner::onCurrentChanged()
{
    refreshPanel();
    updateActions();
    if (!m_selecting && hasSelection())
        Q_EMIT pointerSelected(currentPointer());
}

// ---------------------------------------------------------------------------------------------
// The panel

void SchemaDesigner::refreshPanel()
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(SchemaTreeModel::NameColumn);
    if (!index.isValid() || !m_document) {
        m_panelPointer.clear();
        m_panelStack->setCurrentWidget(m_noSelection);
        return;
    }
    m_refreshing = true;
    m_panelStack->setCurrentWidget(m_panel);
    const QString pointer = index.data(SchemaTreeModel::PointerRole).toString();
    if (pointer != m_panelPointer)
        showFieldError({});
    m_panelPointer = pointer;
    const Kind kind = Kind(index.data(SchemaTreeModel::KindRole).toInt());
    const bool isSchema = index.data(SchemaTreeModel::IsSchemaRole).toBool();
    const QString name = index.data().toString();
    m_heading->setText(tr("%1 — %2").arg(name, kindName(kind)));
    m_pointerLabel->setText(pointer.isEmpty() ? u"#"_s : u'#' + pointer);

    const JsonText::Document &tree = m_document->tree();
    // The keywords one by one (the schema may be large: the root holds everything).
    auto keywordValue = [&](QStringView word) { return m_document->value(JsonText::childPointer(pointer, word)); };
    auto written = [&](const QString &keyword) {
        const int n = tree.find(JsonText::childPointer(pointer, keyword));
        return n < 0 ? QString() : tree.valueText(n).toString();
    };
    // Leave alone a field the user is typing in.
    auto setField = [](QLineEdit *edit, const QString &text) {
        if (!(edit->hasFocus() && edit->isModified()))
            edit->setText(text);
    };

    if (!isSchema) {
        m_note->setText(kind == Kind::Definitions
                            ? tr("Reusable schemas. Add one with Add Definition and refer to it with a $ref.")
                            : tr("A boolean schema: true allows any value, false none. Change it in the JSON text."));
        m_note->show();
        for (QWidget *group : { static_cast<QWidget *>(m_general), static_cast<QWidget *>(m_stringGroup),
                                static_cast<QWidget *>(m_numberGroup), static_cast<QWidget *>(m_arrayGroup),
                                static_cast<QWidget *>(m_objectGroup), static_cast<QWidget *>(m_advancedGroup) })
            group->hide();
        m_refreshing = false;
        return;
    }
    m_note->hide();
    m_general->show();

    auto *form = static_cast<QFormLayout *>(m_general->layout());
    const bool named = kind == Kind::Property || kind == Kind::Definition;
    form->setRowVisible(m_name, named);
    if (named)
        setField(m_name, name);
    const QStringList types = index.data(SchemaTreeModel::TypesRole).toStringList();
    for (QCheckBox *check : std::as_const(m_typeChecks))
        check->setChecked(types.contains(check->text()));
    form->setRowVisible(m_required, kind == Kind::Property);
    m_required->setChecked(index.data(SchemaTreeModel::RequiredRole).toBool());
    setField(m_title, keywordValue(u"title").toString());
    if (!m_description->hasFocus())
        m_description->setPlainText(keywordValue(u"description").toString());
    setField(m_default, written(u"default"_s));
    setField(m_examples, listText(keywordValue(u"examples"), written(u"examples"_s)));
    setField(m_enum, listText(keywordValue(u"enum"), written(u"enum"_s)));
    const QString ref = index.data(SchemaTreeModel::RefRole).toString();
    form->setRowVisible(m_refRow, !ref.isEmpty());
    m_refText->setText(ref);
    m_goToDefinition->setEnabled(!index.data(SchemaTreeModel::RefPointerRole).toString().isEmpty());
    m_goToDefinition->setToolTip(m_goToDefinition->isEnabled() ? tr("Select the definition this schema refers to")
                                                               : tr("The reference leads outside this schema"));

    auto has = [&](std::initializer_list<QStringView> keywords) {
        for (QStringView k : keywords) {
            if (m_document->contains(JsonText::childPointer(pointer, k)))
                return true;
        }
        return false;
    };
    m_stringGroup->setVisible(types.contains(u"string"_s) || has({ u"minLength", u"maxLength", u"pattern", u"format" }));
    setField(m_minLength, written(u"minLength"_s));
    setField(m_maxLength, written(u"maxLength"_s));
    setField(m_pattern, keywordValue(u"pattern").toString());
    if (!m_format->lineEdit()->hasFocus())
        m_format->setCurrentText(keywordValue(u"format").toString());

    m_numberGroup->setVisible(types.contains(u"number"_s) || types.contains(u"integer"_s)
                              || has({ u"minimum", u"maximum", u"exclusiveMinimum", u"exclusiveMaximum", u"multipleOf" }));
    setField(m_minimum, written(u"minimum"_s));
    setField(m_maximum, written(u"maximum"_s));
    setField(m_exclusiveMinimum, keywordValue(u"exclusiveMinimum").isDouble() ? written(u"exclusiveMinimum"_s) : QString());
    setField(m_exclusiveMaximum, keywordValue(u"exclusiveMaximum").isDouble() ? written(u"exclusiveMaximum"_s) : QString());
    setField(m_multipleOf, written(u"multipleOf"_s));

    m_arrayGroup->setVisible(types.contains(u"array"_s) || has({ u"items", u"minItems", u"maxItems", u"uniqueItems" }));
    const QJsonValue items = keywordValue(u"items");
    if (items.isObject() || items.isBool()) {
        const QModelIndex itemsIndex = m_model->indexForPointer(pointer + u"/items"_s, SchemaTreeModel::TypeColumn);
        m_itemsText->setText(itemsIndex.data().toString());
        m_itemsButton->setText(tr("Go to Items"));
    } else if (items.isArray()) {
        m_itemsText->setText(tr("%n position(s), each with its own schema", nullptr, int(items.toArray().size())));
        m_itemsButton->setText(tr("Go to Items"));
    } else {
        m_itemsText->setText(tr("any value"));
        m_itemsButton->setText(tr("Add Items Schema"));
    }
    setField(m_minItems, written(u"minItems"_s));
    setField(m_maxItems, written(u"maxItems"_s));
    m_uniqueItems->setChecked(keywordValue(u"uniqueItems").toBool());

    m_objectGroup->setVisible(types.contains(u"object"_s) || has({ u"properties", u"additionalProperties" }));
    const QJsonValue additional = keywordValue(u"additionalProperties");
    m_additional->setCurrentIndex(additional.isUndefined() ? 0
                                  : additional.isObject()  ? 3
                                  : additional.toBool()    ? 1
                                                           : 2);
    m_additionalButton->setVisible(additional.isObject());

    const QStringList advanced = index.data(SchemaTreeModel::AdvancedKeywordsRole).toStringList();
    m_advancedGroup->setVisible(!advanced.isEmpty());
    QStringList lines;
    for (const QString &keyword : advanced) {
        const int n = tree.find(JsonText::childPointer(pointer, keyword));
        if (n >= 0)
            lines.append(tree.memberText(n).toString());
    }
    m_advanced->setPlainText(lines.join(u",\n"_s));
    m_refreshing = false;
}

void SchemaDesigner::updateActions()
{
    const bool editable = m_document && !m_document->isStale() && m_document->hasTree();
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(0);
    const Kind kind = m_model->kind(index);
    const bool holds = index.data(SchemaTreeModel::CanHoldPropertiesRole).toBool();
    const bool property = index.isValid() && kind == Kind::Property;
    m_addProperty->setEnabled(editable && (property || holds));
    m_addChild->setEnabled(editable && holds);
    m_addDefinition->setEnabled(editable && m_model->index(0, 0).data(SchemaTreeModel::IsSchemaRole).toBool());
    m_delete->setEnabled(editable && index.isValid() && kind != Kind::Root);
    const QModelIndex previous = property ? index.siblingAtRow(index.row() - 1) : QModelIndex();
    const QModelIndex next = property ? index.siblingAtRow(index.row() + 1) : QModelIndex();
    m_moveUp->setEnabled(editable && previous.isValid() && m_model->kind(previous) == Kind::Property);
    m_moveDown->setEnabled(editable && next.isValid() && m_model->kind(next) == Kind::Property);
}

void SchemaDesigner::updateStale()
{
    const bool stale = m_document && m_document->isStale();
    if (stale) {
        const auto &e = *m_document->currentError();
        m_staleBar->showMessage(NoticeBar::Kind::Warning,
                                tr("The JSON text has an error at line %1, column %2: %3 The designer shows the last "
                                   "valid version and is read-only until the text is fixed.")
                                    .arg(e.line)
                                    .arg(e.column)
                                    .arg(e.message.endsWith(u'.') ? e.message : e.message + u'.'));
    } else {
        m_staleBar->hide();
    }
    m_panel->setEnabled(!stale);
    updateActions();
}

bool SchemaDesigner::report(const Status &status)
{
    if (status) {
        if (!m_lastError.isEmpty()) {
            m_lastError.clear();
            m_errorBar->hide();
        }
        return true;
    }
    m_lastError = status.error().message;
    m_errorBar->showMessage(NoticeBar::Kind::Error, m_lastError);
    return false;
}

void SchemaDesigner::showFieldError(const QString &text)
{
    m_fieldError->setText(text);
    m_fieldError->setVisible(!text.isEmpty());
}

bool SchemaDesigner::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_description && event->type() == QEvent::FocusOut)
        commitDescription();
    return QWidget::eventFilter(watched, event);
}

// ---------------------------------------------------------------------------------------------
// Actions

void SchemaDesigner::addProperty()
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(0);
    QModelIndex schema = index;
    int position = -1;
    if (m_model->kind(index) == Kind::Property) {
        schema = index.parent();
        position = index.row() + 1;   // property rows come first
    }
    const auto added = m_model->addProperty(schema, position);
    if (!report(added ? Status() : Status(added.error())))
        return;
    selectPointer(*added);
    Q_EMIT pointerSelected(*added);
    m_tree->edit(m_tree->currentIndex().siblingAtColumn(SchemaTreeModel::NameColumn));
}

void SchemaDesigner::addChildProperty()
{
    const auto added = m_model->addProperty(m_tree->currentIndex().siblingAtColumn(0), -1);
    if (!report(added ? Status() : Status(added.error())))
        return;
    selectPointer(*added);
    Q_EMIT pointerSelected(*added);
    m_tree->edit(m_tree->currentIndex().siblingAtColumn(SchemaTreeModel::NameColumn));
}

void SchemaDesigner::addDefinition()
{
    const auto added = m_model->addDefinition();
    if (!report(added ? Status() : Status(added.error())))
        return;
    selectPointer(*added);
    Q_EMIT pointerSelected(*added);
    m_tree->edit(m_tree->currentIndex().siblingAtColumn(SchemaTreeModel::NameColumn));
}

void SchemaDesigner::deleteNode()
{
    report(m_model->removeNode(m_tree->currentIndex().siblingAtColumn(0)));
}

void SchemaDesigner::moveBy(int delta)
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(0);
    if (m_model->kind(index) != Kind::Property)
        return;
    const int target = index.row() + delta;
    if (target < 0 || target >= m_model->propertyCount(index.parent()))
        return;
    const auto moved = m_model->moveProperty(index, index.parent(), target);
    report(moved ? Status() : Status(moved.error()));
    updateActions();
}

void SchemaDesigner::goToDefinition()
{
    const QString target = m_tree->currentIndex().data(SchemaTreeModel::RefPointerRole).toString();
    if (target.isEmpty())
        return;
    selectPointer(target);
    Q_EMIT pointerSelected(currentPointer());
}

void SchemaDesigner::goToItems()
{
    const QString pointer = m_panelPointer;
    const QJsonValue items = m_document->value(pointer + u"/items"_s);
    if (items.isUndefined()) {
        if (!setKeyword(u"items"_s, QJsonObject { { u"type"_s, u"string"_s } }))
            return;
    }
    selectPointer(items.isArray() ? pointer + u"/items/0"_s : pointer + u"/items"_s);
    Q_EMIT pointerSelected(currentPointer());
}

// ---------------------------------------------------------------------------------------------
// Committing the panel's fields: each change is one undo step.

bool SchemaDesigner::setKeyword(const QString &keyword, const QJsonValue &value)
{
    if (m_refreshing || !m_document || m_panelStack->currentWidget() != m_panel)
        return false;
    const QString pointer = JsonText::childPointer(m_panelPointer, keyword);
    const QJsonValue current = m_document->value(pointer);
    if (current == value)
        return true;
    const QString name = m_model->indexForPointer(m_panelPointer).data().toString();
    const QString text = value.isUndefined() ? tr("Remove “%1” of “%2”").arg(keyword, name)
                                             : tr("Set “%1” of “%2”").arg(keyword, name);
    return report(m_document->setValue(pointer, value, text));
}

void SchemaDesigner::commitName()
{
    if (m_refreshing || !m_name->isModified())
        return;
    m_name->setModified(false);
    const QModelIndex index = m_model->indexForPointer(m_panelPointer);
    const QString name = m_name->text().trimmed();
    if (name == index.data().toString())
        return;
    const auto renamed = m_model->renameNode(index, name);
    if (!report(renamed ? Status() : Status(renamed.error()))) {
        m_name->setText(index.data().toString());
        return;
    }
    m_panelPointer = *renamed;
    selectPointer(*renamed);
}

void SchemaDesigner::commitTypes()
{
    if (m_refreshing)
        return;
    QStringList types;
    for (QCheckBox *check : std::as_const(m_typeChecks)) {
        if (check->isChecked())
            types.append(check->text());
    }
    // Keep the order written in the text for types that stay; new ones go last.
    const QStringList before = m_model->indexForPointer(m_panelPointer).data(SchemaTreeModel::TypesRole).toStringList();
    QStringList ordered;
    for (const QString &t : before) {
        if (types.contains(t))
            ordered.append(t);
    }
    for (const QString &t : std::as_const(types)) {
        if (!ordered.contains(t))
            ordered.append(t);
    }
    report(m_model->setTypes(m_model->indexForPointer(m_panelPointer), ordered));
    refreshPanel();
}

void SchemaDesigner::commitRequired()
{
    if (m_refreshing)
        return;
    report(m_model->setRequired(m_model->indexForPointer(m_panelPointer), m_required->isChecked()));
    refreshPanel();
}

void SchemaDesigner::commitText(const QString &keyword, QLineEdit *edit)
{
    if (m_refreshing || !edit->isModified())
        return;
    edit->setModified(false);
    const QString text = edit->text();
    if (keyword == u"pattern" && !text.isEmpty() && !QRegularExpression(text).isValid())
        showFieldError(tr("The pattern is not a valid regular expression; it was kept as typed."));
    else
        showFieldError({});
    setKeyword(keyword, text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text));
}

void SchemaDesigner::commitDescription()
{
    if (m_refreshing || !m_description->document()->isModified())
        return;
    m_description->document()->setModified(false);
    const QString text = m_description->toPlainText();
    setKeyword(u"description"_s, text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text));
}

void SchemaDesigner::commitJson(const QString &keyword, QLineEdit *edit, bool list)
{
    if (m_refreshing || !edit->isModified())
        return;
    edit->setModified(false);
    const QString text = edit->text().trimmed();
    const QStringList types = m_model->indexForPointer(m_panelPointer).data(SchemaTreeModel::TypesRole).toStringList();
    std::optional<QJsonValue> value;
    if (text.isEmpty()) {
        value = QJsonValue(QJsonValue::Undefined);
    } else if (list && !text.startsWith(u'[')) {
        // Comma-separated values: numbers for numeric types, else strings.
        const bool numeric = !types.isEmpty() && !types.contains(u"string"_s)
            && (types.contains(u"number"_s) || types.contains(u"integer"_s));
        QJsonArray array;
        for (const QString &part : text.split(u',')) {
            const QString p = part.trimmed();
            const auto number = numeric ? parseJson(p) : std::nullopt;
            array.append(number && number->isDouble() ? *number : QJsonValue(p));
        }
        value = array;
    } else {
        value = parseJson(text);
        if (!value && !list && types.contains(u"string"_s))
            value = QJsonValue(text);   // a plain word for a text property
    }
    if (!value || (list && !value->isUndefined() && !value->isArray())) {
        showFieldError(list ? tr("“%1” needs values separated by commas, or a JSON array.").arg(keyword)
                            : tr("“%1” needs a JSON value, such as \"text\", 12 or true.").arg(keyword));
        return;
    }
    showFieldError({});
    setKeyword(keyword, *value);
}

void SchemaDesigner::commitNumber(const QString &keyword, QLineEdit *edit, bool count)
{
    if (m_refreshing || !edit->isModified())
        return;
    edit->setModified(false);
    const QString text = edit->text().trimmed();
    if (text.isEmpty()) {
        setKeyword(keyword, QJsonValue(QJsonValue::Undefined));
        return;
    }
    const auto value = parseJson(text);
    if (!value || !value->isDouble() || (count && value->toDouble() < 0)) {
        showFieldError(count ? tr("“%1” needs a whole number of 0 or more.").arg(keyword)
                             : tr("“%1” needs a number.").arg(keyword));
        return;
    }
    showFieldError({});
    setKeyword(keyword, *value);
}

void SchemaDesigner::commitFormat()
{
    if (m_refreshing)
        return;
    const QString text = m_format->currentText().trimmed();
    setKeyword(u"format"_s, text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text));
}

void SchemaDesigner::commitUniqueItems()
{
    if (m_refreshing)
        return;
    setKeyword(u"uniqueItems"_s, m_uniqueItems->isChecked() ? QJsonValue(true) : QJsonValue(QJsonValue::Undefined));
}

void SchemaDesigner::commitAdditionalProperties(int choice)
{
    if (m_refreshing)
        return;
    const QString pointer = m_panelPointer;
    switch (choice) {
    case 0:
        setKeyword(u"additionalProperties"_s, QJsonValue(QJsonValue::Undefined));
        break;
    case 1:
        setKeyword(u"additionalProperties"_s, true);
        break;
    case 2:
        setKeyword(u"additionalProperties"_s, false);
        break;
    default:
        if (!m_document->value(pointer + u"/additionalProperties"_s).isObject()
            && setKeyword(u"additionalProperties"_s, QJsonObject { { u"type"_s, u"string"_s } })) {
            selectPointer(pointer + u"/additionalProperties"_s);
            Q_EMIT pointerSelected(currentPointer());
        }
        break;
    }
}

} // namespace Galley
