#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Galley {

// Asks for a place in a text: "120" (a line) or "120:8" (line and column).
class GoToLineDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoToLineDialog)
public:
    GoToLineDialog(int lineCount, int currentLine, QWidget *parent = nullptr);
    ~GoToLineDialog() override;

    // 1-based; 0 when the text is not a place.
    int line() const;
    int column() const;
    QLineEdit *field() const { return m_field; }

    // Parses "line" or "line:column"; false when text is neither.
    static bool parse(const QString &text, int *line, int *column);

private:
    void validate();

    int m_lineCount;
    QLineEdit *m_field;
    QLabel *m_hint;
    QPushButton *m_go;
};

} // namespace Galley
