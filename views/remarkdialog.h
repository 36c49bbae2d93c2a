#pragma once

#include "formdialog.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Galley {

// Writes an editorial remark: an internal note on an edition for the people working on it,
// never published. Required, at most MaxLength characters (a counter shows how many are left;
// text beyond the limit is kept and marked rather than cut off). text() is what the caller
// hands to SyncEngine::addRemark().
class RemarkDialog : public FormDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemarkDialog)
public:
    static constexpr int MaxLength = 4000;

    // editionTitle, when given, says which edition the remark is about.
    explicit RemarkDialog(const QString &editionTitle = {}, QWidget *parent = nullptr);
    ~RemarkDialog() override;

    // The remark, trimmed.
    QString text() const;
    void setText(const QString &text);
    // Not empty and not too long.
    bool isValid() const;

    bool hasUnsavedInput() const override;
    void accept() override;

private:
    void updateState();

    QPlainTextEdit *m_text;
    QLabel *m_count;
    QPushButton *m_add;
};

} // namespace Galley
