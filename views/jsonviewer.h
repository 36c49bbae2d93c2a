#pragma once

#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace Galley {

// Read-only JSON with syntax highlighting (KSyntaxHighlighting's "JSON" definition)
// in a theme that matches the palette, light or dark.
class JsonViewer : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonViewer)
public:
    explicit JsonViewer(QWidget *parent = nullptr);
    ~JsonViewer() override;

    void setJson(const QString &json);
    // The name of the highlighting definition in use ("JSON"), empty when none was found.
    QString definitionName() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();

    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;
    bool m_applyingTheme = false;
};

} // namespace Galley
