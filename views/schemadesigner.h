#pragma once

#include "domain/result.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolBar;
class QTreeView;

namespace Galley {

class EmptyState;
class NoticeBar;
class SchemaDocument;
class SchemaTreeModel;

// The visual schema designer over one SchemaDocument: the tree of the schema (properties,
// items, branches, definitions; drag and drop to reorder and to move into or out of
// objects) and a panel for the selected node — name, type (several for a union),
// required, title, description, default, examples, enum, the constraints of its types,
// $ref with "Go to definition", and the keywords it does not edit, read-only and kept.
// Every change is one undo step on the document's stack; the JSON text shows it at once.
// While the text does not parse the designer shows the last good version, read-only.
//
// Keyboard: Insert adds a property, Ctrl+Insert a child property, Delete removes,
// Ctrl+Shift+Up/Down move, F2 renames (all in the tree); Tab goes on to the panel.
class SchemaDesigner : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaDesigner)
public:
    explicit SchemaDesigner(SchemaDocument *document, QWidget *parent = nullptr);
    ~SchemaDesigner() override;

    SchemaDocument *document() const;
    SchemaTreeModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }

    // The selected node's pointer ("" for the root); hasSelection() tells the root from none.
    QString currentPointer() const;
    bool hasSelection() const;
    // Selects the node at pointer, or the nearest one above it when it has no row (a
    // keyword); expands and scrolls to it. Does not emit pointerSelected().
    void selectPointer(const QString &pointer);

    QAction *addPropertyAction() const { return m_addProperty; }
    QAction *addChildPropertyAction() const { return m_addChild; }
    QAction *addDefinitionAction() const { return m_addDefinition; }
    QAction *deleteAction() const { return m_delete; }
    QAction *moveUpAction() const { return m_moveUp; }
    QAction *moveDownAction() const { return m_moveDown; }

    // The last refused edit, as shown in the designer's message bar (empty: none).
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    // The user selected a node (in the tree, or by "Go to definition").
    void pointerSelected(const QString &pointer);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildPanel();
    void onCurrentChanged();
    void refreshPanel();
    void updateActions();
    void updateStale();
    bool report(const Status &status);

    void addProperty();
    void addChildProperty();
    void addDefinition();
    void deleteNode();
    void moveBy(int delta);
    void goToDefinition();
    void goToItems();

    void commitName();
    void commitTypes();
    void commitRequired();
    void commitText(const QString &keyword, QLineEdit *edit);
    void commitDescription();
    void commitJson(const QString &keyword, QLineEdit *edit, bool list);
    void commitNumber(const QString &keyword, QLineEdit *edit, bool count);
    void commitFormat();
    void commitUniqueItems();
    void commitAdditionalProperties(int choice);
    bool setKeyword(const QString &keyword, const QJsonValue &value);
    void showFieldError(const QString &text);

    QPointer<SchemaDocument> m_document;
    SchemaTreeModel *m_model;
    bool m_selecting = false;
    bool m_refreshing = false;
    QString m_lastError;
    QString m_panelPointer;

    QToolBar *m_toolBar;
    QAction *m_addProperty;
    QAction *m_addChild;
    QAction *m_addDefinition;
    QAction *m_delete;
    QAction *m_moveUp;
    QAction *m_moveDown;
    NoticeBar *m_staleBar;
    NoticeBar *m_errorBar;
    QSplitter *m_splitter;
    QTreeView *m_tree;
    QStackedWidget *m_panelStack;
    EmptyState *m_noSelection;
    QWidget *m_panel;

    QLabel *m_heading;
    QLabel *m_pointerLabel;
    QLabel *m_note;
    QGroupBox *m_general;
    QLineEdit *m_name;
    QLabel *m_nameLabel;
    QWidget *m_typeBox;
    QList<QCheckBox *> m_typeChecks;
    QCheckBox *m_required;
    QLabel *m_requiredLabel;
    QLineEdit *m_title;
    QPlainTextEdit *m_description;
    QLineEdit *m_default;
    QLineEdit *m_examples;
    QLineEdit *m_enum;
    QLabel *m_fieldError;
    QWidget *m_refRow;
    QLabel *m_refLabel;
    QLabel *m_refText;
    QPushButton *m_goToDefinition;

    QGroupBox *m_stringGroup;
    QLineEdit *m_minLength;
    QLineEdit *m_maxLength;
    QLineEdit *m_pattern;
    QComboBox *m_format;

    QGroupBox *m_numberGroup;
    QLineEdit *m_minimum;
    QLineEdit *m_maximum;
    QLineEdit *m_exclusiveMinimum;
    QLineEdit *m_exclusiveMaximum;
    QLineEdit *m_multipleOf;

    QGroupBox *m_arrayGroup;
    QLabel *m_itemsText;
    QPushButton *m_itemsButton;
    QLineEdit *m_minItems;
    QLineEdit *m_maxItems;
    QCheckBox *m_uniqueItems;

    QGroupBox *m_objectGroup;
    QComboBox *m_additional;
    QPushButton *m_additionalButton;

    QGroupBox *m_advancedGroup;
    QPlainTextEdit *m_advanced;
};

} // namespace Galley
