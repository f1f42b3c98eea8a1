// SPDX-License-Identifier: GPL-3.0-or-later
// The views' colours from a palette: dark or light from the background, the
// shades between background and text, one of two hues; the timeline's
// colours by state, mark and kernel state, apart from each other and
// changing with the theme.
#include "views/timelinecolors.h"
#include "views/viewtheme.h"

#include <QApplication>
#include <QTest>

#include <set>

using namespace TcpInspector;

class tst_ViewTheme : public QObject
{
    Q_OBJECT

private slots:
    void darkness_data();
    void darkness();
    void shadesLieBetweenBackgroundAndText();
    void pickFollowsTheTheme();
    void everyStateHasItsOwnColor();
    void kernelStatesTakeTheirStateHue();
    void marksReadOnBothThemes();
};

namespace {

QPalette palette(QRgb base, QRgb text)
{
    QPalette p;
    p.setColor(QPalette::Base, QColor(base));
    p.setColor(QPalette::Text, QColor(text));
    p.setColor(QPalette::Highlight, QColor(QRgb(0x3daee9)));
    p.setColor(QPalette::HighlightedText, QColor(QRgb(0xffffff)));
    return p;
}

QPalette lightPalette()
{
    return palette(0xffffff, 0x000000);
}

QPalette darkPalette()
{
    return palette(0x1e1e1e, 0xe0e0e0);
}

} // namespace

void tst_ViewTheme::darkness_data()
{
    QTest::addColumn<QRgb>("base");
    QTest::addColumn<bool>("isDark");
    QTest::newRow("white") << QRgb(0xffffff) << false;
    QTest::newRow("light grey") << QRgb(0xd0d0d0) << false;
    QTest::newRow("dark grey") << QRgb(0x1e1e1e) << true;
    QTest::newRow("black") << QRgb(0x000000) << true;
}

void tst_ViewTheme::darkness()
{
    QFETCH(QRgb, base);
    QFETCH(bool, isDark);
    const ViewTheme theme(palette(base, isDark ? 0xffffff : 0x000000));
    QCOMPARE(theme.isDark(), isDark);
    QCOMPARE(theme.background(), QColor(base));
    QCOMPARE(theme.highlight(), QColor(QRgb(0x3daee9)));
    QCOMPARE(theme.highlightedText(), QColor(QRgb(0xffffff)));
}

void tst_ViewTheme::shadesLieBetweenBackgroundAndText()
{
    const ViewTheme theme(lightPalette());
    QCOMPARE(theme.shade(0, 1), QColor(QRgb(0xffffff)));
    QCOMPARE(theme.shade(1, 0), QColor(QRgb(0x000000)));
    QVERIFY(theme.shade(0.1, 0.9).lightness() > theme.shade(0.2, 0.9).lightness());
    // Dim text sits nearer the text than the background.
    QVERIFY(theme.dimText().lightness() < 128);
    QVERIFY(theme.dimText() != theme.text());
    const ViewTheme night(darkPalette());
    QCOMPARE(night.shade(1, 0), QColor(QRgb(0x1e1e1e))); // the dark fraction applies
    QCOMPARE(night.tint(QColor(Qt::red), 1, 0), QColor(QRgb(0x1e1e1e)));
    QCOMPARE(theme.tint(QColor(Qt::red), 1, 0), QColor(Qt::red));
}

void tst_ViewTheme::pickFollowsTheTheme()
{
    QCOMPARE(ViewTheme(lightPalette()).pick(0x112233, ViewTheme::errorOnDark),
             QColor(QRgb(0x112233)));
    QCOMPARE(ViewTheme(darkPalette()).pick(0x112233, ViewTheme::errorOnDark),
             QColor(QRgb(0xff6b6b)));
}

void tst_ViewTheme::everyStateHasItsOwnColor()
{
    for (const QPalette &p : {lightPalette(), darkPalette()}) {
        const TimelineColors colors {ViewTheme(p)};
        std::set<QRgb> seen;
        for (ConnectionState state : TimelineColors::legendStates)
            seen.insert(colors.state(state).rgb());
        QCOMPARE(seen.size(), TimelineColors::legendStates.size());
    }
    // The same state changes its shade with the theme.
    QVERIFY(TimelineColors(ViewTheme(lightPalette())).state(ConnectionState::Established)
            != TimelineColors(ViewTheme(darkPalette())).state(ConnectionState::Established));
    QCOMPARE(TimelineColors(ViewTheme(lightPalette())).state(ConnectionState::Established),
             QColor(QRgb(0x3a9d4a)));
    QCOMPARE(TimelineColors(ViewTheme(darkPalette())).state(ConnectionState::Reset),
             QColor(QRgb(0xef5350)));
}

void tst_ViewTheme::kernelStatesTakeTheirStateHue()
{
    const TimelineColors colors {ViewTheme(lightPalette())};
    QCOMPARE(colors.kernel(KernelState::Established),
             colors.theme.tint(colors.state(ConnectionState::Established), 0.38, 0.5));
    QCOMPARE(colors.kernel(KernelState::FinWait2),
             colors.theme.tint(colors.state(ConnectionState::LocalHalfClosed), 0.38, 0.5));
    QCOMPARE(colors.kernel(KernelState::TimeWait),
             colors.theme.tint(colors.state(ConnectionState::Closed), 0.38, 0.5));
}

void tst_ViewTheme::marksReadOnBothThemes()
{
    const TimelineColors day {ViewTheme(lightPalette())};
    const TimelineColors night {ViewTheme(darkPalette())};
    QCOMPARE(night.mark(MarkKind::ResetReceived), QColor(ViewTheme::errorOnDark));
    QCOMPARE(day.mark(MarkKind::BrokenPipe), QColor(QRgb(0xc01818)));
    QVERIFY(day.mark(MarkKind::FinSent) != day.mark(MarkKind::ResetSent));
    QCOMPARE(day.mark(MarkKind::Note), day.dimText);
    QCOMPARE(day.rx, QColor(QRgb(0x0b8570)));
    QCOMPARE(night.tx, QColor(QRgb(0xffa05a)));
    QCOMPARE(day.rubberBand.alpha(), 60);
}

QTEST_MAIN(tst_ViewTheme)
#include "tst_viewtheme.moc"
