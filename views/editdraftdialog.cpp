#include "editdraftdialog.h"

#include "icons.h"
#include "jsonviewer.h"
#include "statepill.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

const QColor kAmber(0xd9, 0x77, 0x06);
const QColor kRed(0xdc, 0x26, 0x26);
const QColor kGreen(0x16, 0xa3, 0x4a);

// RFC 6901 reference tokens of a JSON pointer, unescaped.
QStringList pointerTokens(const QString &pointer)
{
    QStringList tokens = pointer.split(u'/');
    if (!tokens.isEmpty() && tokens.first().isEmpty())
        tokens.removeFirst();
    for (QString &t : tokens)
        t.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
    return tokens;
}

// What went wrong, in words that say what to do (Qt's own say "unterminated object" for a
// missing comma).
QString describeJsonError(const QJsonParseError &error, bool atEnd, QChar culprit)
{
    QJsonParseError::ParseError kind = error.error;
    // "True" is not a broken number.
    if (kind == QJsonParseError::IllegalNumber && culprit.isLetter())
        kind = QJsonParseError::IllegalValue;
    switch (kind) {
    case QJsonParseError::UnterminatedObject:
        return atEnd ? EditDraftDialog::tr("the object is not closed: a } is missing at the end.")
                     : EditDraftDialog::tr("a comma (or the closing }) is missing before this.");
    case QJsonParseError::UnterminatedArray:
        return atEnd ? EditDraftDialog::tr("the list is not closed: a ] is missing at the end.")
                     : EditDraftDialog::tr("a comma (or the closing ]) is missing before this.");
    case QJsonParseError::UnterminatedString:
        return EditDraftDialog::tr("a text is not closed: a \" is missing.");
    case QJsonParseError::MissingNameSeparator:
        return EditDraftDialog::tr("a colon (:) is missing after the name.");
    case QJsonParseError::MissingValueSeparator:
        return EditDraftDialog::tr("a comma is missing before this.");
    case QJsonParseError::MissingObject:
        return EditDraftDialog::tr("nothing follows the comma before this: remove the comma.");
    case QJsonParseError::IllegalValue:
        return EditDraftDialog::tr("not a JSON value. Names and texts need double quotes; true, false and "
                                   "null are written in lower case.");
    case QJsonParseError::IllegalNumber:
        return EditDraftDialog::tr("not a valid number.");
    case QJsonParseError::GarbageAtEnd:
        return EditDraftDialog::tr("there is more after the end of the object.");
    default:
        return error.errorString() + u'.';
    }
}

} // namespace

EditDraftDialog::EditDraftDialog(const Edition &edition, const QJsonArray &serverErrors, QWidget *parent)
    : FormDialog(u"EditDraftDialog"_s, parent)
    , m_edition(edition)
    , m_initialJson(formatFields(edition.fields))
    , m_title(new QLineEdit(this))
    , m_titleCount(new QLabel(this))
    , m_note(new QPlainTextEdit(this))
    , m_minor(new QCheckBox(tr("&Minor change"), this))
    , m_json(new JsonViewer(this))
    , m_jsonStatus(new QLabel(this))
    , m_cursorPosition(new QLabel(this))
    , m_format(new QPushButton(tr("F&ormat"), this))
    , m_save(new QPushButton(tr("Save Draft"), this))
{
    setObjectName(u"editDraftDialog"_s);
    setWindowTitle(edition.title.trimmed().isEmpty() ? tr("Edit Draft")
                                                     : tr("Edit Draft – %1").arg(edition.title.trimmed()));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    if (!serverErrors.isEmpty())
        layout->addWidget(buildServerErrors(serverErrors));

    // Where this edition stands, as the detail pane shows it.
    auto *badges = new QHBoxLayout;
    badges->setSpacing(8);
    auto *state = new StatePill(this);
    state->setObjectName(u"editDraftState"_s);
    state->setEditionState(edition.state);
    badges->addWidget(state);
    auto *version = new QLabel(edition.version.isSet() ? tr("Version %1").arg(edition.version.toString())
                                                       : tr("Not yet published"),
                               this);
    version->setForegroundRole(QPalette::PlaceholderText);
    badges->addWidget(version);
    badges->addStretch();
    layout->addLayout(badges);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_title->setObjectName(u"titleEdit"_s);
    m_title->setMaxLength(MaxTitleLength);
    m_title->setPlaceholderText(tr("Required"));
    m_title->setText(edition.title);
    m_title->setCursorPosition(0);
    m_titleCount->setObjectName(u"titleCount"_s);
    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(8);
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_titleCount);
    form->addRow(buddyLabel(tr("&Title:"), m_title), titleRow);

    m_note->setObjectName(u"changeNoteEdit"_s);
    m_note->setTabChangesFocus(true);
    m_note->setPlaceholderText(tr("What changed, in a sentence (optional)"));
    m_note->setPlainText(edition.changeNote);
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 3 + 2 * (m_note->frameWidth() + 6));
    form->addRow(tr("Change &note:"), m_note);

    m_minor->setObjectName(u"minorChangeCheck"_s);
    m_minor->setChecked(edition.minorChange);
    auto *minorBlock = new QVBoxLayout;
    minorBlock->setSpacing(2);
    minorBlock->addWidget(m_minor);
    QLabel *minorHint = hintLabel(tr("A minor change keeps the version's major number; readers are not notified."), this);
    minorHint->setObjectName(u"minorChangeHint"_s);
    minorHint->setIndent(m_minor->style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, m_minor)
                         + m_minor->style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing, nullptr, m_minor));
    minorBlock->addWidget(minorHint);
    form->addRow(QString(), minorBlock);
    layout->addLayout(form);

    // Fields, as JSON until forms generated from the schema exist.
    auto *fieldsHeader = new QHBoxLayout;
    auto *fieldsLabel = new QLabel(tr("&Fields (JSON):"), this);
    fieldsLabel->setBuddy(m_json);
    fieldsHeader->addWidget(fieldsLabel);
    fieldsHeader->addStretch();
    m_format->setObjectName(u"formatJsonButton"_s);
    m_format->setToolTip(tr("Indent the JSON and put its keys in order"));
    m_format->setAutoDefault(false);
    m_format->setIcon(Icons::get(u"format-indent-more"_s));
    fieldsHeader->addWidget(m_format);
    layout->addSpacing(4);
    layout->addLayout(fieldsHeader);

    m_json->setObjectName(u"fieldsJsonEdit"_s);
    m_json->setReadOnly(false);
    m_json->setTextInteractionFlags(Qt::TextEditorInteraction);
    m_json->setTabChangesFocus(false);
    m_json->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_json->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_json->setJson(m_initialJson);
    m_json->setMinimumHeight(m_json->fontMetrics().lineSpacing() * 8);
    layout->addWidget(m_json, 1);

    m_jsonStatus->setObjectName(u"jsonStatus"_s);
    m_jsonStatus->setTextFormat(Qt::RichText);
    m_jsonStatus->setWordWrap(true);
    m_jsonStatus->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_cursorPosition->setObjectName(u"jsonCursorPosition"_s);
    m_cursorPosition->setForegroundRole(QPalette::PlaceholderText);
    m_cursorPosition->setAlignment(Qt::AlignRight | Qt::AlignTop);
    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(12);
    statusRow->addWidget(m_jsonStatus, 1);
    statusRow->addWidget(m_cursorPosition, 0, Qt::AlignTop);
    layout->addLayout(statusRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"editDraftButtons"_s);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    m_save->setObjectName(u"saveButton"_s);
    m_save->setDefault(true);
    m_save->setIcon(Icons::get(u"document-save"_s, QStyle::SP_DialogSaveButton));
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);

    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(200);
    connect(&m_checkTimer, &QTimer::timeout, this, &EditDraftDialog::checkJson);
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] { m_checkTimer.start(); });
    connect(m_title, &QLineEdit::textChanged, this, &EditDraftDialog::updateState);
    connect(m_note, &QPlainTextEdit::textChanged, this, &EditDraftDialog::updateState);
    connect(m_minor, &QCheckBox::toggled, this, &EditDraftDialog::updateState);
    // Where the cursor is, in the terms the error messages use (wrapped lines are one line).
    connect(m_json, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        const QTextCursor c = m_json->textCursor();
        m_cursorPosition->setText(tr("Line %1, column %2").arg(c.blockNumber() + 1).arg(c.positionInBlock() + 1));
    });
    connect(m_format, &QPushButton::clicked, this, &EditDraftDialog::reformat);
    connect(m_jsonStatus, &QLabel::linkActivated, this, &EditDraftDialog::goToJsonError);
    connect(buttons, &QDialogButtonBox::accepted, this, &EditDraftDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &EditDraftDialog::reject);

    checkJson();
    m_cursorPosition->setText(tr("Line %1, column %2").arg(1).arg(1));
    restoreSize(QSize(em() * 90, em() * 62));
    m_title->setFocus();
}

EditDraftDialog::~EditDraftDialog() = default;

QString EditDraftDialog::formatFields(const QJsonObject &fields)
{
    if (fields.isEmpty())
        return u"{}\n"_s;
    return QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Indented));
}

QString EditDraftDialog::fieldLabel(const QString &pointer)
{
    const QStringList tokens = pointerTokens(pointer);
    if (tokens.isEmpty())
        return {};
    const QString &first = tokens.first();
    QString label;
    if (first == "title"_L1)
        label = tr("Title");
    else if (first == "change_note"_L1)
        label = tr("Change note");
    else if (first == "minor_change"_L1)
        label = tr("Minor change");
    else if (first == "fields"_L1)
        label = tr("Fields");
    else
        label = first;
    for (qsizetype i = 1; i < tokens.size(); ++i)
        label += u" › "_s + tokens.at(i);
    return label;
}

EditionEdit EditDraftDialog::edit() const
{
    EditionEdit e;
    if (!isValid())
        return e;
    const QString title = m_title->text().trimmed();
    if (title != m_edition.title)
        e.title = title;
    if (*m_fields != m_edition.fields)
        e.fields = *m_fields;
    const QString note = m_note->toPlainText().trimmed();
    if (note != m_edition.changeNote.trimmed())
        e.changeNote = note;
    if (m_minor->isChecked() != m_edition.minorChange)
        e.minorChange = m_minor->isChecked();
    return e;
}

bool EditDraftDialog::isValid() const
{
    return m_fields.has_value() && !m_title->text().trimmed().isEmpty();
}

bool EditDraftDialog::hasUnsavedInput() const
{
    return m_title->text() != m_edition.title || m_note->toPlainText() != m_edition.changeNote
        || m_minor->isChecked() != m_edition.minorChange || m_json->toPlainText() != m_initialJson;
}

void EditDraftDialog::accept()
{
    // What was typed in the last 200 ms has not been checked yet.
    if (m_checkTimer.isActive()) {
        m_checkTimer.stop();
        checkJson();
    }
    const EditionEdit e = edit();
    if (!isValid() || !(e.title || e.fields || e.changeNote || e.minorChange))
        return;
    FormDialog::accept();
}

void EditDraftDialog::checkJson()
{
    m_checkTimer.stop();
    const QString text = m_json->toPlainText();
    const QByteArray utf8 = text.toUtf8();
    m_jsonError.clear();
    m_errorLine = m_errorColumn = 0;
    m_errorPosition = -1;
    m_fields.reset();

    auto placeError = [&](qsizetype position, const QString &what) {
        position = std::clamp<qsizetype>(position, 0, text.size());
        const qsizetype lineStart = position == 0 ? 0 : text.lastIndexOf(u'\n', position - 1) + 1;
        m_errorPosition = int(position);
        m_errorLine = int(text.left(position).count(u'\n')) + 1;
        m_errorColumn = int(position - lineStart) + 1;
        m_jsonError = tr("Line %1, column %2: %3").arg(m_errorLine).arg(m_errorColumn).arg(what);
    };

    const qsizetype firstVisible = [&] {
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (!text.at(i).isSpace())
                return i;
        }
        return qsizetype(-1);
    }();
    const QString notAnObject = tr("the fields must be a JSON object, written { … }.");
    if (firstVisible < 0) {
        m_jsonError = tr("There is no JSON. Write {} for an edition without fields.");
    } else if (text.at(firstVisible) != u'{' && text.at(firstVisible) != u'[') {
        placeError(firstVisible, notAnObject);
    } else {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(utf8, &error);
        if (error.error != QJsonParseError::NoError) {
            // The offset counts UTF-8 bytes (the editor UTF-16 units) and mostly lies just past
            // the character the parser tripped over.
            const bool atEnd = error.offset >= utf8.size();
            qsizetype position = QString::fromUtf8(utf8.left(error.offset)).size();
            const bool unterminated = error.error == QJsonParseError::UnterminatedObject
                || error.error == QJsonParseError::UnterminatedArray || error.error == QJsonParseError::UnterminatedString;
            if (error.error != QJsonParseError::GarbageAtEnd && !(unterminated && atEnd))
                position -= 1;
            // Sometimes it has not read the culprit yet: point at it, not at the space before it.
            while (position >= 0 && position < text.size() && text.at(position).isSpace())
                ++position;
            const QChar culprit = position >= 0 && position < text.size() ? text.at(position) : QChar();
            placeError(position, describeJsonError(error, atEnd, culprit));
        } else if (!doc.isObject()) {
            placeError(firstVisible, tr("the fields must be a JSON object, written { … }, not an array."));
        } else {
            m_fields = doc.object();
        }
    }

    if (m_fields) {
        const QJsonObject &f = *m_fields;
        m_jsonStatus->setText(u"<span style=\"color:%1\">✓</span> %2"_s.arg(
            StatePill::toneFor(kGreen, palette()).text.name(),
            (f.isEmpty() ? tr("Valid JSON. No fields yet.") : tr("Valid JSON. Fields: %1").arg(f.size()))
                .toHtmlEscaped()));
        QPalette pal = m_jsonStatus->palette();
        pal.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
        m_jsonStatus->setPalette(pal);
    } else {
        QString html = u"<b>%1</b> %2"_s.arg(tr("Not valid JSON.").toHtmlEscaped(), m_jsonError.toHtmlEscaped());
        if (m_errorPosition >= 0)
            html += u" <a href=\"#error\">%1</a>"_s.arg(tr("Show").toHtmlEscaped());
        m_jsonStatus->setText(html);
        QPalette pal = m_jsonStatus->palette();
        const QColor red = StatePill::toneFor(kRed, palette()).text;
        pal.setColor(QPalette::WindowText, red);
        pal.setColor(QPalette::Link, red);
        m_jsonStatus->setPalette(pal);
    }
    m_format->setEnabled(m_fields.has_value());
    updateErrorMark();
    updateState();
    Q_EMIT jsonChecked(m_fields.has_value());
}

void EditDraftDialog::updateErrorMark()
{
    QList<QTextEdit::ExtraSelection> marks;
    if (m_errorPosition >= 0) {
        const StatePill::Tone tone = StatePill::toneFor(kRed, palette());
        QTextEdit::ExtraSelection line;
        line.format.setBackground(tone.background);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(m_json->document());
        line.cursor.setPosition(m_errorPosition);
        marks.append(line);
        // The character the parser stopped at, underlined.
        QTextEdit::ExtraSelection at;
        at.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        at.format.setUnderlineColor(tone.text);
        at.cursor = QTextCursor(m_json->document());
        at.cursor.setPosition(m_errorPosition);
        at.cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor);
        if (!at.cursor.hasSelection()) {
            at.cursor.movePosition(QTextCursor::Left);
            at.cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor);
        }
        marks.append(at);
    }
    m_json->setExtraSelections(marks);
}

void EditDraftDialog::updateState()
{
    const bool titleSet = !m_title->text().trimmed().isEmpty();
    showCount(m_titleCount, m_title->text().size(), MaxTitleLength);
    const EditionEdit e = edit();
    const bool changed = e.title || e.fields || e.changeNote || e.minorChange;
    m_save->setEnabled(isValid() && changed);
    if (!titleSet)
        m_save->setToolTip(tr("The title is required."));
    else if (!m_fields)
        m_save->setToolTip(tr("The fields are not valid JSON."));
    else if (!changed)
        m_save->setToolTip(tr("Nothing has changed yet."));
    else
        m_save->setToolTip({});
}

void EditDraftDialog::reformat()
{
    if (!m_fields)
        return;
    const QString formatted = formatFields(*m_fields);
    if (formatted == m_json->toPlainText())
        return;
    // Through a cursor, so that Undo brings the user's own layout back.
    QTextCursor cursor(m_json->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(formatted);
    checkJson();
}

void EditDraftDialog::goToJsonError()
{
    if (m_errorPosition < 0)
        return;
    QTextCursor cursor(m_json->document());
    cursor.setPosition(m_errorPosition);
    m_json->setTextCursor(cursor);
    m_json->ensureCursorVisible();
    m_json->setFocus(Qt::OtherFocusReason);
}

void EditDraftDialog::goToField(const QString &pointer)
{
    const QStringList tokens = pointerTokens(pointer);
    if (tokens.isEmpty())
        return;
    const QString &first = tokens.first();
    if (first == "title"_L1) {
        m_title->setFocus(Qt::OtherFocusReason);
        m_title->selectAll();
    } else if (first == "change_note"_L1) {
        m_note->setFocus(Qt::OtherFocusReason);
    } else if (first == "minor_change"_L1) {
        m_minor->setFocus(Qt::OtherFocusReason);
    } else {
        // A member of fields: find its keys one after the other ("/fields/lead_image/alt").
        const QString text = m_json->toPlainText();
        qsizetype at = 0;
        qsizetype found = -1;
        qsizetype length = 0;
        for (qsizetype i = first == "fields"_L1 ? 1 : 0; i < tokens.size(); ++i) {
            bool isIndex = false;
            tokens.at(i).toInt(&isIndex);
            if (isIndex)
                continue;
            // The key as JSON writes it, quotes and escapes included.
            const QString key = QString::fromUtf8(
                QJsonDocument(QJsonArray { tokens.at(i) }).toJson(QJsonDocument::Compact).chopped(1).mid(1));
            const qsizetype hit = text.indexOf(key, at);
            if (hit < 0)
                break;
            found = hit;
            length = key.size();
            at = hit + length;
        }
        QTextCursor cursor(m_json->document());
        if (found >= 0) {
            cursor.setPosition(int(found));
            cursor.setPosition(int(found + length), QTextCursor::KeepAnchor);
        }
        m_json->setTextCursor(cursor);
        m_json->ensureCursorVisible();
        m_json->setFocus(Qt::OtherFocusReason);
    }
}

QWidget *EditDraftDialog::buildServerErrors(const QJsonArray &errors)
{
    auto *box = new QFrame(this);
    box->setObjectName(u"serverErrorsBox"_s);
    box->setFrameShape(QFrame::StyledPanel);
    box->setAutoFillBackground(true);
    const StatePill::Tone tone = StatePill::toneFor(kAmber, palette());
    QPalette pal = box->palette();
    pal.setColor(QPalette::Window, tone.background);
    pal.setColor(QPalette::WindowText, tone.text);
    pal.setColor(QPalette::Link, tone.text);
    box->setPalette(pal);

    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(12, 10, 12, 10);
    row->setSpacing(10);
    auto *icon = new QLabel(box);
    icon->setPixmap(Icons::get(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning).pixmap(QSize(22, 22), devicePixelRatioF()));
    row->addWidget(icon, 0, Qt::AlignTop);

    auto *words = new QVBoxLayout;
    words->setSpacing(4);
    auto *heading = new QLabel(tr("The server refused this change. Correct what it found and save again."), box);
    heading->setObjectName(u"serverErrorsHeading"_s);
    heading->setWordWrap(true);
    QFont bold = heading->font();
    bold.setWeight(QFont::DemiBold);
    heading->setFont(bold);
    words->addWidget(heading);

    for (const QJsonValue &v : errors) {
        const QJsonObject e = v.toObject();
        const QString field = e.value("field"_L1).toString();
        QString message = e.value("message"_L1).toString().trimmed();
        const QString code = e.value("code"_L1).toString();
        if (message.isEmpty())
            message = code.isEmpty() ? tr("Refused without a reason.") : code;
        const QString label = fieldLabel(field);
        QString html = u"• "_s;
        if (!label.isEmpty())
            html += u"<a href=\"%1\" style=\"text-decoration:none\"><b>%2</b></a>: "_s.arg(field.toHtmlEscaped(),
                                                                                       label.toHtmlEscaped());
        html += message.toHtmlEscaped();
        auto *entry = new QLabel(html, box);
        entry->setObjectName(u"serverError"_s);
        entry->setTextFormat(Qt::RichText);
        entry->setWordWrap(true);
        entry->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        if (!label.isEmpty())
            entry->setToolTip(code.isEmpty() ? tr("Go to %1").arg(label) : tr("Go to %1 (%2)").arg(label, code));
        else if (!code.isEmpty())
            entry->setToolTip(code);
        connect(entry, &QLabel::linkActivated, this, &EditDraftDialog::goToField);
        words->addWidget(entry);
    }
    row->addLayout(words, 1);
    return box;
}

} // namespace Galley
