// SPDX-License-Identifier: GPL-3.0-or-later
// View > Appearance: Dark turns the whole window dark, the views included
// (they take their colours from the palette), Light light, System back to
// what the desktop gave; the choice is remembered with settings.
#include "views/timelineview.h"
#include "widgets/appearance.h"
#include "widgets/mainwindow.h"
#include "widgets/timelinepane.h"

#include "windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

class tst_Appearance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void darkLightAndBack();
    void rememberedWithSettings();

private:
    QTemporaryDir m_config;
};

void tst_Appearance::initTestCase()
{
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("TcpInspectorTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_appearance"));
}

void tst_Appearance::darkLightAndBack()
{
    const QPalette system = QApplication::palette();
    const auto window = makeTestWindow();
    QVERIFY(testWindowReady(window.get()));
    auto *dark = window->findChild<QAction *>(QStringLiteral("appearance_dark"));
    QVERIFY(dark);
    dark->trigger();
    QCOMPARE(window->appearance()->mode(), Appearance::Mode::Dark);
    QCOMPARE(QApplication::style()->name(), QStringLiteral("fusion"));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    // The views follow: the timeline's base and text.
    const QWidget *timeline = window->timelinePane()->view();
    QTRY_VERIFY2(timeline->palette().color(QPalette::Base).lightness() < 60,
                 qPrintable(timeline->palette().color(QPalette::Base).name()));
    QVERIFY(timeline->palette().color(QPalette::Text).lightness() > 200);
    window->findChild<QAction *>(QStringLiteral("appearance_light"))->trigger();
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
    window->findChild<QAction *>(QStringLiteral("appearance_system"))->trigger();
    QCOMPARE(QApplication::palette().color(QPalette::Window), system.color(QPalette::Window));
    QCOMPARE(QApplication::palette().color(QPalette::Text), system.color(QPalette::Text));
}

void tst_Appearance::rememberedWithSettings()
{
    QMenu menu;
    {
        Appearance appearance(&menu, true, nullptr);
        appearance.setMode(Appearance::Mode::Dark);
    }
    QCOMPARE(QSettings().value(QStringLiteral("window/appearance")).toString(),
             QStringLiteral("dark"));
    QMenu again;
    Appearance restored(&again, true, nullptr);
    QCOMPARE(restored.mode(), Appearance::Mode::Dark);
    restored.setMode(Appearance::Mode::System);
    QCOMPARE(QSettings().value(QStringLiteral("window/appearance")).toString(),
             QStringLiteral("system"));
}

QTEST_MAIN(tst_Appearance)
#include "tst_appearance.moc"
