#pragma once

#include "domain/enums.h"

#include <QColor>
#include <QWidget>

class QPainter;

namespace Galley {

// A state or status shown as a rounded, tinted pill with its name in it: the
// colour helps the eye, the text carries the meaning. Paints itself as a widget
// (detail panes) and, through paint(), inside item delegates.
class StatePill : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatePill)
public:
    enum class Kind { Edition, Publishing, Deployment, Link };

    explicit StatePill(QWidget *parent = nullptr);

    void setEditionState(EditionState state);
    void setPublishingStatus(PublishingStatus status);
    void setDeploymentStatus(DeploymentStatus status);
    // Any other label ("Force published") in a given hue.
    void setLabel(const QString &text, const QColor &hue);

    QString text() const { return m_text; }
    QColor hue() const { return m_hue; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // The hue and the translated name of a value of a kind.
    static QColor hueFor(Kind kind, int value);
    static QString labelFor(Kind kind, int value);

    struct Tone
    {
        QColor background;
        QColor border;
        QColor text;
    };
    // Readable colours for a hue on a light or dark palette.
    static Tone toneFor(const QColor &hue, const QPalette &palette);
    static bool isDark(const QPalette &palette);

    static QSize pillSize(const QFont &font, const QString &text);
    // Paints a pill at the left of rect, vertically centred, eliding text that does not fit.
    static void paint(QPainter *painter, const QRect &rect, const QString &text, const QColor &hue,
                      const QPalette &palette, const QFont &font);
    // The font pills use: the given font, a little bolder.
    static QFont pillFont(const QFont &base);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void set(const QString &text, const QColor &hue);

    QString m_text;
    QColor m_hue;
};

} // namespace Galley
