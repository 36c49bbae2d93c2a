#include "mergedialog.h"

#include "displayformat.h"
#include "icons.h"
#include "statepill.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;

using Outcome = MergeField::Outcome;
using Kind = MergeField::Kind;

namespace {

enum Column { FieldColumn, BaseColumn, MineColumn, TheirsColumn, DecisionColumn, ColumnCount };

// The hues StatePill uses for the same meanings.
const QColor kAmber(0xd9, 0x77, 0x06);
const QColor kBlue(0x25, 0x63, 0xeb);
const QColor kViolet(0x7c, 0x3a, 0xed);
const QColor kGreen(0x16, 0xa3, 0x4a);
const QColor kGrey(0x64, 0x74, 0x8b);
const QColor kRed(0xdc, 0x26, 0x26);

QColor outcomeHue(Outcome o)
{
    switch (o) {
    case Outcome::Unchanged: return kGrey;
    case Outcome::Mine: return kBlue;
    case Outcome::Theirs: return kViolet;
    case Outcome::Same: return kGreen;
    case Outcome::Conflict: return kAmber;
    }
    return kGrey;
}

QString jsonText(const QJsonValue &v, QJsonDocument::JsonFormat format)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(format)).trimmed();
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(format)).trimmed();
    // A scalar: the JSON of a one-element array, without the brackets.
    const QString wrapped = QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
    return wrapped.mid(1, wrapped.size() - 2);
}

// The text a value is diffed and edited as.
QString editableText(const QJsonValue &v, Kind kind)
{
    if (v.isUndefined() || v.isNull())
        return {};
    if (v.isString())
        return v.toString();
    if (kind == Kind::Json)
        return jsonText(v, QJsonDocument::Indented);
    return jsonText(v, QJsonDocument::Compact);
}

QString oneLine(const QJsonValue &v)
{
    if (v.isObject() || v.isArray())
        return DisplayFormat::elide(jsonText(v, QJsonDocument::Compact), 80);
    return DisplayFormat::elide(MergeDialog::displayValue(v).simplified(), 80);
}

QLabel *smallHeading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    QFont f = label->font();
    f.setWeight(QFont::DemiBold);
    label->setFont(f);
    return label;
}

QLabel *quietLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QWidget *valueWidget(const QJsonValue &v, Kind kind, QWidget *parent)
{
    if (kind == Kind::LongText || kind == Kind::Json) {
        auto *view = new QPlainTextEdit(parent);
        view->setReadOnly(true);
        view->setPlainText(v.isUndefined() || v.isNull() ? MergeDialog::displayValue(v) : editableText(v, kind));
        if (kind == Kind::Json)
            view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        view->setMinimumHeight(view->fontMetrics().lineSpacing() * 4);
        view->setMaximumHeight(view->fontMetrics().lineSpacing() * 9);
        return view;
    }
    auto *label = new QLabel(MergeDialog::displayValue(v), parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

} // namespace

MergeDialog::MergeDialog(const ConflictRecord &record, const QString &entityTitle, QWidget *parent)
    : QDialog(parent)
    , m_record(record)
    , m_fields(ThreeWayMerge::compare(record.entity, record.base, record.mine, record.theirs))
    , m_table(new QTableWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_showUnchanged(new QCheckBox(tr("Show unchanged fields"), this))
    , m_progress(new QLabel(this))
    , m_send(new QPushButton(tr("Send Merged Version"), this))
{
    setObjectName(u"mergeDialog"_s);
    setWindowTitle(tr("Resolve Conflict"));
    m_ui.resize(m_fields.size());

    QString title = entityTitle;
    if (title.isEmpty())
        title = record.theirs.value("title"_L1).toString(record.theirs.value("name"_L1).toString());

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    // Who changed it, when, and what happens now.
    auto *header = new QHBoxLayout;
    header->setSpacing(12);
    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::get(u"vcs-conflicting"_s, QStyle::SP_MessageBoxWarning).pixmap(QSize(32, 32), devicePixelRatioF()));
    header->addWidget(icon, 0, Qt::AlignTop);
    auto *words = new QVBoxLayout;
    words->setSpacing(4);
    auto *heading = new QLabel(title.isEmpty() ? tr("This was changed on the server while your change was waiting")
                                               : tr("“%1” was changed on the server while your change was waiting").arg(title),
                               this);
    heading->setObjectName(u"mergeHeading"_s);
    heading->setTextFormat(Qt::PlainText);
    heading->setWordWrap(true);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
    headingFont.setWeight(QFont::DemiBold);
    heading->setFont(headingFont);
    words->addWidget(heading);

    QDateTime when = QDateTime::fromString(record.theirs.value("updated_at"_L1).toString(), Qt::ISODateWithMs);
    if (!when.isValid())
        when = record.createdAt;
    const QString whenText = DisplayFormat::dateTime(when);
    QString who;
    if (!record.theirsBy.isEmpty())
        who = whenText.isEmpty() ? tr("%1 changed it on the server.").arg(record.theirsBy)
                                 : tr("%1 changed it on the server on %2.").arg(record.theirsBy, whenText);
    else
        who = whenText.isEmpty() ? tr("Someone changed it on the server.")
                                 : tr("Someone changed it on the server on %1.").arg(whenText);
    auto *explanation = new QLabel(who + u' '
                                       + tr("Fields only one of you changed are merged for you. Where you both changed "
                                            "a field, choose what to keep."),
                                   this);
    explanation->setObjectName(u"mergeExplanation"_s);
    explanation->setTextFormat(Qt::PlainText);
    explanation->setWordWrap(true);
    words->addWidget(explanation);
    header->addLayout(words, 1);
    layout->addLayout(header);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);

    // The fields, one row each.
    auto *top = new QWidget(splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(4);
    m_table->setObjectName(u"mergeFieldTable"_s);
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({ tr("Field"), tr("Original"), tr("Yours"), tr("On the server"), tr("Decision") });
    m_table->setRowCount(int(m_fields.size()));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setAccessibleName(tr("Fields"));
    const int em = fontMetrics().horizontalAdvance(u'M');
    m_table->setColumnWidth(FieldColumn, em * 11);
    m_table->setColumnWidth(BaseColumn, em * 12);
    m_table->setColumnWidth(MineColumn, em * 12);
    m_table->setColumnWidth(TheirsColumn, em * 12);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int i = 0; i < m_fields.size(); ++i) {
        const MergeField &f = m_fields.at(i);
        auto *name = new QTableWidgetItem(f.label);
        name->setToolTip(f.path);
        QFont nameFont = m_table->font();
        if (f.outcome == Outcome::Conflict)
            nameFont.setWeight(QFont::DemiBold);
        name->setFont(nameFont);
        m_table->setItem(i, FieldColumn, name);
        m_table->setItem(i, BaseColumn, new QTableWidgetItem(oneLine(f.base)));
        m_table->setItem(i, MineColumn, new QTableWidgetItem(oneLine(f.mine)));
        m_table->setItem(i, TheirsColumn, new QTableWidgetItem(oneLine(f.theirs)));
        m_table->setItem(i, DecisionColumn, new QTableWidgetItem);
        m_pages->addWidget(buildPage(i));
        updateRow(i);
    }
    topLayout->addWidget(m_table, 1);
    m_showUnchanged->setObjectName(u"showUnchangedCheck"_s);
    topLayout->addWidget(m_showUnchanged);
    splitter->addWidget(top);

    m_pages->setObjectName(u"mergeFieldPages"_s);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    // How far the decisions are, and the way out.
    auto *footer = new QHBoxLayout;
    m_progress->setObjectName(u"mergeProgress"_s);
    m_progress->setTextFormat(Qt::PlainText);
    footer->addWidget(m_progress, 1);
    auto *buttons = new QDialogButtonBox(this);
    m_send->setObjectName(u"sendMergedButton"_s);
    m_send->setDefault(true);
    buttons->addButton(m_send, QDialogButtonBox::AcceptRole);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isComplete())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    footer->addWidget(buttons);
    layout->addLayout(footer);

    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0)
            m_pages->setCurrentIndex(row);
    });
    connect(m_showUnchanged, &QCheckBox::toggled, this, &MergeDialog::updateHiddenRows);
    updateHiddenRows();

    // Start where a decision is needed.
    int first = -1;
    for (int i = 0; i < m_fields.size() && first < 0; ++i) {
        if (m_fields.at(i).outcome == Outcome::Conflict)
            first = i;
    }
    for (int i = 0; i < m_fields.size() && first < 0; ++i) {
        if (!m_table->isRowHidden(i))
            first = i;
    }
    if (first >= 0) {
        m_table->setCurrentCell(first, FieldColumn);
        m_pages->setCurrentIndex(first);
    }
    updateFooter();
    // The table as tall as its rows (up to a point), the rest for the field being decided.
    int visibleRows = 0;
    for (int i = 0; i < m_fields.size(); ++i)
        visibleRows += m_table->isRowHidden(i) ? 0 : 1;
    const int tableHeight = m_table->horizontalHeader()->sizeHint().height()
        + std::clamp(visibleRows, 3, 7) * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth()
        + m_showUnchanged->sizeHint().height() + topLayout->spacing();
    splitter->setSizes({ tableHeight, em * 30 });
    resize(em * 82, em * 60);
}

MergeDialog::~MergeDialog() = default;

QString MergeDialog::displayValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Undefined: return tr("(not set)");
    case QJsonValue::Null: return tr("(empty)");
    case QJsonValue::Bool: return v.toBool() ? tr("Yes") : tr("No");
    case QJsonValue::String: return v.toString().isEmpty() ? tr("(empty)") : v.toString();
    case QJsonValue::Double: return jsonText(v, QJsonDocument::Compact);
    case QJsonValue::Object:
    case QJsonValue::Array: return jsonText(v, QJsonDocument::Indented);
    }
    return {};
}

QString MergeDialog::outcomeLabel(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Unchanged: return tr("Unchanged");
    case Outcome::Mine: return tr("Only you changed this");
    case Outcome::Theirs: return tr("Only changed on the server");
    case Outcome::Same: return tr("Same change on both sides");
    case Outcome::Conflict: return tr("Changed on both sides");
    }
    return {};
}

QWidget *MergeDialog::buildPage(int index)
{
    const MergeField &f = m_fields.at(index);
    const bool conflict = f.outcome == Outcome::Conflict;
    const bool longForm = f.kind == Kind::LongText || f.kind == Kind::Json;
    // A decided field may show three long values: it scrolls. A conflict's page does not (its
    // diff and editor scroll themselves, and word-wrapped labels in a scroll area would make
    // it as tall as their preferred sizes).
    QScrollArea *scroll = nullptr;
    QWidget *page = nullptr;
    if (conflict) {
        page = new QWidget(m_pages);
        page->setObjectName(u"page:"_s + f.path);
    } else {
        scroll = new QScrollArea(m_pages);
        scroll->setObjectName(u"page:"_s + f.path);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        page = new QWidget(scroll);
    }
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 8, 4, 4);
    layout->setSpacing(8);

    auto *headingRow = new QHBoxLayout;
    auto *heading = new QLabel(f.label, page);
    heading->setTextFormat(Qt::PlainText);
    QFont hf = heading->font();
    hf.setPointSizeF(hf.pointSizeF() * 1.1);
    hf.setWeight(QFont::DemiBold);
    heading->setFont(hf);
    headingRow->addWidget(heading);
    auto *pill = new StatePill(page);
    pill->setLabel(outcomeLabel(f.outcome), outcomeHue(f.outcome));
    headingRow->addWidget(pill);
    headingRow->addStretch(1);
    layout->addLayout(headingRow);

    if (conflict && longForm) {
        layout->addWidget(buildDiff(f, page), 1);
    } else {
        // Original, yours and the server's, next to each other in a grid.
        auto *grid = new QGridLayout;
        grid->setHorizontalSpacing(16);
        grid->setVerticalSpacing(6);
        grid->setColumnStretch(1, 1);
        int row = 0;
        const auto add = [&](const QString &name, const QJsonValue &v, bool emphasise) {
            QLabel *n = quietLabel(name, page);
            grid->addWidget(n, row, 0, Qt::AlignTop);
            QWidget *w = valueWidget(v, f.kind, page);
            if (emphasise) {
                QFont bf = w->font();
                bf.setWeight(QFont::DemiBold);
                w->setFont(bf);
            }
            grid->addWidget(w, row++, 1);
        };
        add(tr("Original"), f.base, false);
        add(tr("Yours"), f.mine, f.outcome == Outcome::Mine);
        add(tr("On the server"), f.theirs, f.outcome == Outcome::Theirs);
        layout->addLayout(grid);
    }

    if (!conflict) {
        QString result;
        switch (f.outcome) {
        case Outcome::Unchanged: result = tr("Nobody changed this field: it stays as it is."); break;
        case Outcome::Mine: result = tr("Your change is kept."); break;
        case Outcome::Theirs: result = tr("The server's change is kept."); break;
        case Outcome::Same: result = tr("You both made the same change: it is kept."); break;
        case Outcome::Conflict: break;
        }
        auto *note = quietLabel(result, page);
        note->setWordWrap(true);
        layout->addWidget(note);
        layout->addStretch(1);
        scroll->setWidget(page);
        return scroll;
    }

    // The decision.
    FieldUi &ui = m_ui[index];
    auto *choiceRow = new QHBoxLayout;
    choiceRow->setSpacing(16);
    choiceRow->addWidget(smallHeading(tr("Your decision:"), page));
    ui.group = new QButtonGroup(page);
    ui.group->setExclusive(true);
    const auto radio = [&](const QString &text, const QString &name, Choice c) {
        auto *button = new QRadioButton(text, page);
        button->setObjectName(name + u':' + f.path);
        ui.group->addButton(button, int(c));
        choiceRow->addWidget(button);
    };
    radio(f.mine.isUndefined() ? tr("Mine (removed)") : tr("Keep &mine"), u"keepMine"_s, Choice::Mine);
    radio(f.theirs.isUndefined() ? tr("The server's (removed)") : tr("Take &theirs"), u"takeTheirs"_s, Choice::Theirs);
    radio(tr("&Edit"), u"edit"_s, Choice::Edit);
    choiceRow->addStretch(1);
    layout->addLayout(choiceRow);

    ui.editor = buildEditor(index, page);
    ui.editor->setObjectName(u"editor:"_s + f.path);
    ui.editor->setVisible(false);
    layout->addWidget(ui.editor, longForm ? 1 : 0);
    ui.editorError = new QLabel(page);
    ui.editorError->setObjectName(u"editorError:"_s + f.path);
    ui.editorError->setTextFormat(Qt::PlainText);
    ui.editorError->setWordWrap(true);
    QPalette ep = ui.editorError->palette();
    ep.setColor(QPalette::WindowText, StatePill::toneFor(kRed, palette()).text);
    ui.editorError->setPalette(ep);
    ui.editorError->hide();
    layout->addWidget(ui.editorError);
    if (!longForm)
        layout->addStretch(1);

    connect(ui.group, &QButtonGroup::idToggled, this, [this, index](int, bool checked) {
        if (!checked)
            return;
        m_ui[index].choice = Choice(m_ui.at(index).group->checkedId());
        onDecisionChanged(index);
    });

    return page;
}

QWidget *MergeDialog::buildDiff(const MergeField &f, QWidget *parent) const
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    const QPalette pal = palette();
    // The colours of a diff from the server's text to yours.
    const StatePill::Tone theirsTone = StatePill::toneFor(kRed, pal);
    const StatePill::Tone mineTone = StatePill::toneFor(kGreen, pal);

    // A legend that says what the colours and signs mean: never colour alone.
    auto *legend = new QLabel(box);
    legend->setTextFormat(Qt::RichText);
    legend->setText(tr("Differences from the server's version to yours: "
                       "<span style=\"background:%1; color:%2\">&nbsp;− only on the server&nbsp;</span> "
                       "<span style=\"background:%3; color:%4\">&nbsp;+ only in yours&nbsp;</span>")
                        .arg(theirsTone.background.name(), theirsTone.text.name(), mineTone.background.name(),
                             mineTone.text.name()));
    legend->setWordWrap(true);
    layout->addWidget(legend);

    auto *view = new QTextEdit(box);
    view->setObjectName(u"diff:"_s + f.path);
    view->setReadOnly(true);
    view->setLineWrapMode(f.kind == Kind::Json ? QTextEdit::NoWrap : QTextEdit::WidgetWidth);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setMinimumHeight(view->fontMetrics().lineSpacing() * 5 + 8);
    const QStringList lines = ThreeWayMerge::lineDiff(editableText(f.theirs, f.kind), editableText(f.mine, f.kind));
    QTextCursor cursor(view->document());
    bool firstBlock = true;
    for (const QString &line : lines) {
        QTextBlockFormat block;
        QTextCharFormat chars;
        QString sign = u"  "_s;
        if (line.startsWith(u"- "_s)) {
            block.setBackground(theirsTone.background);
            chars.setForeground(theirsTone.text);
            sign = u"− "_s;
        } else if (line.startsWith(u"+ "_s)) {
            block.setBackground(mineTone.background);
            chars.setForeground(mineTone.text);
            sign = u"+ "_s;
        }
        if (firstBlock) {
            cursor.setBlockFormat(block);
            firstBlock = false;
        } else {
            cursor.insertBlock(block);
        }
        cursor.insertText(sign + line.mid(2), chars);
    }
    if (lines.isEmpty())
        cursor.insertText(tr("(both are empty)"));
    view->moveCursor(QTextCursor::Start);
    layout->addWidget(view, 1);
    return box;
}

QWidget *MergeDialog::buildEditor(int index, QWidget *parent)
{
    const MergeField &f = m_fields.at(index);
    switch (f.kind) {
    case Kind::Bool: {
        auto *check = new QCheckBox(tr("Yes"), parent);
        check->setChecked(f.mine.toBool());
        connect(check, &QCheckBox::toggled, this, [this, index] { onDecisionChanged(index); });
        return check;
    }
    case Kind::Text: {
        auto *edit = new QLineEdit(parent);
        edit->setText(editableText(f.mine, f.kind));
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::textChanged, this, [this, index] { onDecisionChanged(index); });
        return edit;
    }
    case Kind::LongText:
    case Kind::Json: {
        auto *edit = new QPlainTextEdit(parent);
        edit->setPlainText(editableText(f.mine, f.kind));
        if (f.kind == Kind::Json) {
            edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        }
        edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * 5);
        connect(edit, &QPlainTextEdit::textChanged, this, [this, index] { onDecisionChanged(index); });
        return edit;
    }
    }
    return new QWidget(parent);
}

std::optional<QJsonValue> MergeDialog::editedValue(int index) const
{
    const MergeField &f = m_fields.at(index);
    const FieldUi &ui = m_ui.at(index);
    switch (f.kind) {
    case Kind::Bool:
        return QJsonValue(static_cast<QCheckBox *>(ui.editor)->isChecked());
    case Kind::LongText:
        return QJsonValue(static_cast<QPlainTextEdit *>(ui.editor)->toPlainText());
    case Kind::Json: {
        const QString text = static_cast<QPlainTextEdit *>(ui.editor)->toPlainText().trimmed();
        if (text.isEmpty())
            return QJsonValue(QJsonValue::Null);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QString(u'[' + text + u']').toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
            return std::nullopt;
        return doc.array().first();
    }
    case Kind::Text: {
        const QString text = static_cast<QLineEdit *>(ui.editor)->text();
        // A number stays a number when the copies held numbers.
        const bool numeric = f.mine.isDouble() || f.theirs.isDouble() || f.base.isDouble();
        if (numeric) {
            bool ok = false;
            const double d = text.trimmed().toDouble(&ok);
            if (ok)
                return QJsonValue(d == double(qint64(d)) ? QJsonValue(qint64(d)) : QJsonValue(d));
            if (text.trimmed().isEmpty())
                return QJsonValue(QJsonValue::Null);
            return std::nullopt;
        }
        return QJsonValue(text);
    }
    }
    return std::nullopt;
}

MergeDialog::Choice MergeDialog::choice(int field) const
{
    return field >= 0 && field < m_ui.size() ? m_ui.at(field).choice : Choice::None;
}

void MergeDialog::setChoice(int field, Choice c)
{
    if (field < 0 || field >= m_fields.size() || m_fields.at(field).outcome != Outcome::Conflict || c == Choice::None)
        return;
    if (QAbstractButton *b = m_ui.at(field).group->button(int(c)))
        b->setChecked(true);
}

std::optional<QJsonValue> MergeDialog::chosenValue(int field) const
{
    if (field < 0 || field >= m_fields.size())
        return std::nullopt;
    const MergeField &f = m_fields.at(field);
    switch (f.outcome) {
    case Outcome::Mine: return f.mine;
    case Outcome::Unchanged:
    case Outcome::Theirs:
    case Outcome::Same: return f.theirs;
    case Outcome::Conflict: break;
    }
    switch (m_ui.at(field).choice) {
    case Choice::None: return std::nullopt;
    case Choice::Mine: return f.mine;
    case Choice::Theirs: return f.theirs;
    case Choice::Edit: return editedValue(field);
    }
    return std::nullopt;
}

int MergeDialog::conflictCount() const
{
    return int(std::count_if(m_fields.cbegin(), m_fields.cend(),
                             [](const MergeField &f) { return f.outcome == Outcome::Conflict; }));
}

int MergeDialog::decidedCount() const
{
    int n = 0;
    for (int i = 0; i < m_fields.size(); ++i) {
        if (m_fields.at(i).outcome == Outcome::Conflict && chosenValue(i).has_value())
            ++n;
    }
    return n;
}

bool MergeDialog::isComplete() const
{
    return decidedCount() == conflictCount();
}

QJsonObject MergeDialog::mergedEntity() const
{
    QList<QJsonValue> chosen;
    chosen.reserve(m_fields.size());
    for (int i = 0; i < m_fields.size(); ++i)
        chosen.append(chosenValue(i).value_or(m_fields.at(i).theirs));
    return ThreeWayMerge::apply(m_record.theirs, m_fields, chosen);
}

void MergeDialog::onDecisionChanged(int index)
{
    FieldUi &ui = m_ui[index];
    const bool editing = ui.choice == Choice::Edit;
    ui.editor->setVisible(editing);
    bool invalid = false;
    if (editing) {
        invalid = !editedValue(index).has_value();
        if (invalid) {
            ui.editorError->setText(m_fields.at(index).kind == Kind::Json ? tr("This is not valid JSON.")
                                                                          : tr("Enter a number."));
        }
    }
    ui.editorError->setVisible(invalid);
    updateRow(index);
    updateFooter();
}

void MergeDialog::updateRow(int index)
{
    const MergeField &f = m_fields.at(index);
    QTableWidgetItem *item = m_table->item(index, DecisionColumn);
    if (!item)
        return;
    const QPalette pal = palette();
    QString text;
    QIcon icon;
    QColor colour;
    if (f.outcome != Outcome::Conflict) {
        text = outcomeLabel(f.outcome);
    } else {
        switch (m_ui.at(index).choice) {
        case Choice::None:
            text = tr("Needs your decision");
            icon = Icons::get(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning);
            colour = StatePill::toneFor(kAmber, pal).text;
            break;
        case Choice::Mine:
            text = tr("Keeping yours");
            break;
        case Choice::Theirs:
            text = tr("Taking the server's");
            break;
        case Choice::Edit:
            text = chosenValue(index) ? tr("Edited") : tr("Edited — not valid yet");
            if (!chosenValue(index)) {
                icon = Icons::get(u"dialog-error"_s, QStyle::SP_MessageBoxCritical);
                colour = StatePill::toneFor(kRed, pal).text;
            }
            break;
        }
        if (!icon.isNull() || colour.isValid()) {
            QFont bold = m_table->font();
            bold.setWeight(QFont::DemiBold);
            item->setFont(bold);
        } else {
            icon = Icons::get(u"dialog-ok-apply"_s, QStyle::SP_DialogApplyButton);
            item->setFont(m_table->font());
        }
    }
    item->setText(text);
    item->setIcon(icon);
    item->setData(Qt::ForegroundRole, colour.isValid() ? QVariant(colour) : QVariant());
    if (f.outcome != Outcome::Conflict)
        item->setData(Qt::ForegroundRole, QVariant(pal.color(QPalette::PlaceholderText)));
}

void MergeDialog::updateFooter()
{
    const int conflicts = conflictCount();
    const int decided = decidedCount();
    if (conflicts == 0)
        m_progress->setText(tr("Nothing to decide: every field merges by itself."));
    else if (decided == conflicts)
        m_progress->setText(conflicts == 1 ? tr("The conflict is decided.") : tr("All %1 conflicts are decided.").arg(conflicts));
    else
        m_progress->setText(tr("%1 of %2 conflicts decided").arg(decided).arg(conflicts));
    m_send->setEnabled(decided == conflicts);
}

void MergeDialog::updateHiddenRows()
{
    const bool showAll = m_showUnchanged->isChecked();
    int unchanged = 0;
    for (int i = 0; i < m_fields.size(); ++i) {
        const bool hide = !showAll && m_fields.at(i).outcome == Outcome::Unchanged;
        unchanged += m_fields.at(i).outcome == Outcome::Unchanged ? 1 : 0;
        m_table->setRowHidden(i, hide);
    }
    m_showUnchanged->setText(tr("Show unchanged fields (%1)").arg(unchanged));
    m_showUnchanged->setVisible(unchanged > 0);
}

} // namespace Galley
