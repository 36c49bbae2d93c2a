#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Galley {

// What a list or pane shows when it has nothing to show: a quiet icon, one line
// saying what is (not) there, one saying what to do, and optionally the button
// that does it.
class EmptyState : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyState)
public:
    explicit EmptyState(QWidget *parent = nullptr);

    void setIcon(const QIcon &icon);
    void setTitle(const QString &title);
    void setText(const QString &text);
    // An empty text hides the button.
    void setActionText(const QString &text);

    QString title() const;
    QString text() const;
    QPushButton *actionButton() const { return m_button; }

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_button;
};

} // namespace Galley
