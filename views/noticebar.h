#pragma once

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;

namespace Galley {

// An inline message above a view (the house's "message bar" for things the user should
// know about what they are looking at): a tinted strip with an icon, a sentence, a few
// buttons and a close button. Not modal; the view stays usable.
class NoticeBar : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NoticeBar)
public:
    enum class Kind { Information, Warning, Error };

    explicit NoticeBar(QWidget *parent = nullptr);
    ~NoticeBar() override;

    // Replaces the message and removes the buttons; shows the bar.
    void showMessage(Kind kind, const QString &text);
    // A button after the text; clicking it does not close the bar by itself.
    QPushButton *addButton(const QString &text);
    void clearButtons();

    Kind kind() const { return m_kind; }
    QString text() const;

Q_SIGNALS:
    void closed();

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void applyColours();

    Kind m_kind = Kind::Information;
    QLabel *m_icon;
    QLabel *m_label;
    QHBoxLayout *m_buttons;
    QToolButton *m_close;
    bool m_applying = false;
};

} // namespace Galley
