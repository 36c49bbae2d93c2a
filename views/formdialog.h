#pragma once

#include <QDialog>

#include <functional>

class QLabel;

namespace Galley {

// A dialog in which the user writes something (a draft, a new document, a remark). It never
// throws typing away silently: Escape, Cancel and the window's close button ask first when
// there is unsaved input. It remembers its size between uses (QSettings, "<group>/size").
class FormDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormDialog)
public:
    ~FormDialog() override;

    // Whether closing now would lose something the user typed or chose.
    virtual bool hasUnsavedInput() const = 0;

    // The question asked before unsaved input is thrown away: true discards. The default asks
    // "Discard your changes?" in a message box (object name "discardChangesBox"); tests replace it.
    using DiscardConfirmation = std::function<bool()>;
    void setDiscardConfirmation(DiscardConfirmation confirm);

    // Cancels, asking first when there is unsaved input.
    void reject() override;
    void done(int result) override;

protected:
    FormDialog(const QString &settingsGroup, QWidget *parent);

    // Gives the dialog its remembered size, or `fallback` (at least the size hint) the first time.
    // Call at the end of the constructor, once the layout is complete.
    void restoreSize(QSize fallback);
    // The font's average character width, for sizes that follow the user's font.
    int em() const;
    // Shows "length / max" in a counter label: quiet while there is room, amber near the limit,
    // red (with how many are too many) beyond it.
    static void showCount(QLabel *counter, qsizetype length, qsizetype max);
    // A form label whose mnemonic moves the focus to buddy (QFormLayout only does that when the
    // field is a widget, not a layout).
    static QLabel *buddyLabel(const QString &text, QWidget *buddy);
    // A label in the palette's placeholder colour and a smaller font, for hints under an input.
    static QLabel *hintLabel(const QString &text, QWidget *parent);

private:
    bool askToDiscard();

    QString m_settingsGroup;
    DiscardConfirmation m_confirm;
};

} // namespace Galley
