#include "remarkdialog.h"

#include "icons.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Galley {

using namespace Qt::StringLiterals;

RemarkDialog::RemarkDialog(const QString &editionTitle, QWidget *parent)
    : FormDialog(u"RemarkDialog"_s, parent)
    , m_text(new QPlainTextEdit(this))
    , m_count(new QLabel(this))
    , m_add(new QPushButton(tr("&Add Remark"), this))
{
    setObjectName(u"remarkDialog"_s);
    setWindowTitle(tr("Add Remark"));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(8);

    auto *label = new QLabel(editionTitle.trimmed().isEmpty()
                                 ? tr("&Remark:")
                                 : tr("&Remark on “%1”:").arg(editionTitle.trimmed()),
                             this);
    label->setObjectName(u"remarkLabel"_s);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setBuddy(m_text);
    layout->addWidget(label);

    m_text->setObjectName(u"remarkEdit"_s);
    m_text->setTabChangesFocus(true);
    m_text->setPlaceholderText(tr("What should the next person working on this edition know?"));
    m_text->setMinimumHeight(m_text->fontMetrics().lineSpacing() * 6);
    layout->addWidget(m_text, 1);

    auto *footer = new QHBoxLayout;
    footer->setSpacing(12);
    QLabel *hint = hintLabel(tr("Remarks are internal: they are never published."), this);
    hint->setObjectName(u"remarkHint"_s);
    footer->addWidget(hint, 1);
    m_count->setObjectName(u"remarkCount"_s);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignTop);
    footer->addWidget(m_count, 0, Qt::AlignTop);
    layout->addLayout(footer);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"remarkButtons"_s);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    m_add->setObjectName(u"addRemarkButton"_s);
    m_add->setDefault(true);
    m_add->setIcon(Icons::get(u"mail-reply-sender"_s));
    buttons->addButton(m_add, QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);

    connect(m_text, &QPlainTextEdit::textChanged, this, &RemarkDialog::updateState);
    connect(buttons, &QDialogButtonBox::accepted, this, &RemarkDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RemarkDialog::reject);

    updateState();
    restoreSize(QSize(em() * 72, em() * 34));
    m_text->setFocus();
}

RemarkDialog::~RemarkDialog() = default;

QString RemarkDialog::text() const
{
    return m_text->toPlainText().trimmed();
}

void RemarkDialog::setText(const QString &text)
{
    m_text->setPlainText(text);
    m_text->moveCursor(QTextCursor::End);
}

bool RemarkDialog::isValid() const
{
    const QString t = text();
    return !t.isEmpty() && t.size() <= MaxLength;
}

bool RemarkDialog::hasUnsavedInput() const
{
    return !m_text->toPlainText().isEmpty();
}

void RemarkDialog::accept()
{
    if (!isValid())
        return;
    FormDialog::accept();
}

void RemarkDialog::updateState()
{
    const qsizetype length = text().size();
    showCount(m_count, length, MaxLength);
    m_add->setEnabled(isValid());
    m_add->setToolTip(length == 0 ? tr("Write the remark first.")
                      : length > MaxLength ? tr("The remark is too long.") : QString());
}

} // namespace Galley
