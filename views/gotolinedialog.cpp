#include "gotolinedialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Galley {

using namespace Qt::StringLiterals;

GoToLineDialog::GoToLineDialog(int lineCount, int currentLine, QWidget *parent)
    : QDialog(parent)
    , m_lineCount(qMax(1, lineCount))
    , m_field(new QLineEdit(this))
    , m_hint(new QLabel(this))
{
    setObjectName(u"goToLineDialog"_s);
    setWindowTitle(tr("Go to Line"));
    auto *layout = new QVBoxLayout(this);
    auto *label
        = new QLabel(tr("&Line, or line:column (1 to %1):").arg(QLocale().toString(m_lineCount)), this);
    label->setBuddy(m_field);
    layout->addWidget(label);
    m_field->setObjectName(u"goToLineField"_s);
    m_field->setPlaceholderText(tr("e.g. %1 or %1:5").arg(currentLine));
    m_field->setText(QString::number(currentLine));
    m_field->selectAll();
    m_field->setClearButtonEnabled(true);
    layout->addWidget(m_field);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_go = buttons->addButton(tr("&Go"), QDialogButtonBox::AcceptRole);
    m_go->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_field, &QLineEdit::textChanged, this, &GoToLineDialog::validate);
    validate();
}

GoToLineDialog::~GoToLineDialog() = default;

bool GoToLineDialog::parse(const QString &text, int *line, int *column)
{
    static const QRegularExpression re(u"^\\s*(\\d+)\\s*(?:[:,]\\s*(\\d+)\\s*)?$"_s);
    const QRegularExpressionMatch match = re.match(text);
    if (!match.hasMatch())
        return false;
    bool ok = false;
    const int l = match.captured(1).toInt(&ok);
    if (!ok || l < 1)
        return false;
    int c = 1;
    if (match.hasCaptured(2)) {
        c = match.captured(2).toInt(&ok);
        if (!ok || c < 1)
            return false;
    }
    *line = l;
    *column = c;
    return true;
}

int GoToLineDialog::line() const
{
    int l = 0;
    int c = 0;
    return parse(m_field->text(), &l, &c) ? qMin(l, m_lineCount) : 0;
}

int GoToLineDialog::column() const
{
    int l = 0;
    int c = 0;
    return parse(m_field->text(), &l, &c) ? c : 0;
}

void GoToLineDialog::validate()
{
    int l = 0;
    int c = 0;
    const bool ok = parse(m_field->text(), &l, &c);
    m_go->setEnabled(ok);
    if (!ok)
        m_hint->setText(m_field->text().trimmed().isEmpty()
                            ? QString()
                            : tr("Type a line number, optionally followed by :column."));
    else if (l > m_lineCount)
        m_hint->setText(tr("The text has %n line(s); Go goes to the last.", nullptr, m_lineCount));
    else
        m_hint->clear();
}

} // namespace Galley
