#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace Galley {

// The find and replace strip under the JSON editor: the text to find, match count,
// previous/next, match case, whole words, regular expression, and (in replace mode) the
// replacement with Replace and Replace All. It only collects; JsonEditor searches.
class JsonFindBar : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonFindBar)
public:
    explicit JsonFindBar(QWidget *parent = nullptr);
    ~JsonFindBar() override;

    QString findText() const;
    void setFindText(const QString &text);
    QString replaceText() const;
    bool caseSensitive() const;
    bool wholeWords() const;
    bool regularExpression() const;
    void setReplaceVisible(bool visible);
    bool isReplaceVisible() const;
    void setReadOnly(bool readOnly);
    // Puts the focus in the find field with its text selected.
    void focusFind();

    // "3 of 17", "No matches", "10,000+ matches", or an error (the pattern is invalid).
    void setMatchInfo(int current, int total, bool capped);
    void setError(const QString &error);
    QString matchInfo() const;

    QLineEdit *findField() const { return m_find; }
    QLineEdit *replaceField() const { return m_replace; }

Q_SIGNALS:
    void patternChanged();
    void findNextRequested();
    void findPreviousRequested();
    void replaceRequested();
    void replaceAllRequested();
    void closeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QToolButton *toggle(const QString &text, const QString &toolTip, const QString &objectName);
    void updateFieldStyle();
    void updateIcons();

    QLineEdit *m_find;
    QLabel *m_count;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_case;
    QToolButton *m_word;
    QToolButton *m_regex;
    QToolButton *m_close;
    QWidget *m_replaceRow;
    QLineEdit *m_replace;
    QPushButton *m_replaceOne;
    QPushButton *m_replaceAll;
    bool m_noMatches = false;
    bool m_error = false;
};

} // namespace Galley
