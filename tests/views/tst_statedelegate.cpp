// State pills: every state and status has a readable name and readable colours,
// in light and dark palettes alike; the delegate paints the pill, not plain text.
#include "statedelegate.h"
#include "statepill.h"
#include "translationloader.h"

#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTest>

#include <cmath>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return std::max(la, lb) / std::min(la, lb);
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, Qt::black);
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Base, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    return p;
}

} // namespace

class TestStateDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { TranslationLoader::install(QLocale(QLocale::English)); }

    void readable_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("value");
        for (EditionState s : allEditionStates())
            QTest::addRow("edition-%s", qPrintable(toWire(s))) << int(StatePill::Kind::Edition) << int(s);
        for (PublishingStatus s : allPublishingStatuses())
            QTest::addRow("publishing-%s", qPrintable(toWire(s))) << int(StatePill::Kind::Publishing) << int(s);
        for (DeploymentStatus s : allDeploymentStatuses())
            QTest::addRow("deployment-%s", qPrintable(toWire(s))) << int(StatePill::Kind::Deployment) << int(s);
    }

    void readable()
    {
        QFETCH(int, kind);
        QFETCH(int, value);
        const auto k = StatePill::Kind(kind);
        QVERIFY(!StatePill::labelFor(k, value).isEmpty());
        const QColor hue = StatePill::hueFor(k, value);
        for (const QPalette &palette : { lightPalette(), darkPalette() }) {
            const StatePill::Tone tone = StatePill::toneFor(hue, palette);
            QVERIFY2(contrast(tone.text, tone.background) >= 4.5,
                     qPrintable(u"contrast %1 for %2"_s.arg(contrast(tone.text, tone.background))
                                    .arg(StatePill::labelFor(k, value))));
        }
    }

    void delegatePaintsPill()
    {
        QStandardItemModel model(1, 1);
        constexpr int role = Qt::UserRole + 7;
        model.setData(model.index(0, 0), int(EditionState::Published), role);
        StateDelegate delegate(StatePill::Kind::Edition, role);
        QCOMPARE(delegate.labelFor(model.index(0, 0)), u"Published"_s);
        QCOMPARE(delegate.displayText(u"published"_s, QLocale()), QString());

        QStyleOptionViewItem option;
        option.rect = QRect(0, 0, 160, 28);
        option.palette = lightPalette();
        option.font = QFont();
        option.fontMetrics = QFontMetrics(option.font);
        const QSize hint = delegate.sizeHint(option, model.index(0, 0));
        QVERIFY(hint.width() >= StatePill::pillSize(option.font, u"Published"_s).width());

        QImage image(option.rect.size(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            delegate.paint(&painter, option, model.index(0, 0));
        }
        // The pill's tinted background is there (not just text on white).
        const QColor background = StatePill::toneFor(StatePill::hueFor(StatePill::Kind::Edition,
                                                                       int(EditionState::Published)),
                                                     option.palette)
                                      .background;
        int tinted = 0;
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, image.height() / 2 - 5);
            if (std::abs(qRed(pixel) - background.red()) <= 2 && std::abs(qGreen(pixel) - background.green()) <= 2
                && std::abs(qBlue(pixel) - background.blue()) <= 2)
                ++tinted;
        }
        QVERIFY(tinted > 5);
    }
};

QTEST_MAIN(TestStateDelegate)
#include "tst_statedelegate.moc"
