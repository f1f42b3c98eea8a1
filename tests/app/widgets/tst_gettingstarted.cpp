// SPDX-License-Identifier: GPL-3.0-or-later
// What a newcomer meets: the first-start hint names where the server
// listens; "Show me" makes a real loopback connection that echoes a line;
// "Got it" puts the hint away for good (remembered in the settings) and
// Help > Getting Started brings it back; About names the version and licence.
#include "net/connection.h"
#include "session/workbench.h"
#include "widgets/firststarthint.h"
#include "widgets/gettingstarted.h"
#include "widgets/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace TcpInspector;

class tst_GettingStarted : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showMeMakesAConnection();
    void gotItIsRemembered();
    void aboutNamesVersionAndLicence();

private:
    std::unique_ptr<MainWindow> window(bool useSettings, bool forceHint);
    QTemporaryDir m_config;
};

void tst_GettingStarted::initTestCase()
{
    // Settings of this test only, before anything reads them.
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("TcpInspectorTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gettingstarted"));
    QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
}

std::unique_ptr<MainWindow> tst_GettingStarted::window(bool useSettings, bool forceHint)
{
    MainWindow::Options options;
    options.useSettings = useSettings;
    options.firstStartHint = forceHint;
    auto w = std::make_unique<MainWindow>(options);
    w->resize(1024, 768);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get())
        || !QTest::qWaitFor([&w] { return w->workbench()->isListening(); }, 5000))
        return {};
    return w;
}

void tst_GettingStarted::showMeMakesAConnection()
{
    const auto w = window(false, true);
    QVERIFY(w);
    FirstStartHint *hint = w->gettingStarted()->hint();
    QVERIFY(hint->isVisible());
    const QString address = w->workbench()->boundAddress().toString();
    QTRY_VERIFY(hint->findChild<QLabel *>()->text().contains(address));
    QTest::mouseClick(hint->findChild<QPushButton *>(QStringLiteral("firstStartDemo")),
                      Qt::LeftButton);
    QTRY_COMPARE(w->workbench()->connections(Connection::Side::Client).size(), 1);
    Connection *client = w->workbench()->connections(Connection::Side::Client).first();
    // The line went out and the echo server sent it back.
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ConnectionState::Established, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(client->tx().store().size(), qint64(11), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(client->rx().store().size(), qint64(11), 5000);
    QCOMPARE(client->rx().store().read(0, 11), QByteArray("hello, TCP\n"));
    QCOMPARE(w->currentConnection(), client);
}

void tst_GettingStarted::gotItIsRemembered()
{
    QVERIFY(GettingStarted::hintWanted(true));
    {
        const auto w = window(true, false);
        QVERIFY(w);
        FirstStartHint *hint = w->gettingStarted()->hint();
        QVERIFY(hint->isVisible());
        QTest::mouseClick(hint->findChild<QPushButton *>(QStringLiteral("firstStartClose")),
                          Qt::LeftButton);
        QVERIFY(!hint->isVisible());
        w->gettingStarted()->showAction()->trigger();
        QVERIFY(hint->isVisible());
    }
    QVERIFY(!GettingStarted::hintWanted(true));
    const auto again = window(true, false);
    QVERIFY(again);
    QVERIFY(!again->gettingStarted()->hint()->isVisible());
    // A window that reads no settings never shows it unasked (the tests').
    QVERIFY(!GettingStarted::hintWanted(false));
}

void tst_GettingStarted::aboutNamesVersionAndLicence()
{
    const auto w = window(false, false);
    QVERIFY(w);
    QString text;
    QTimer::singleShot(0, this, [&text] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            text = box->text();
            box->accept();
        }
    });
    QAction *about = w->findChild<QAction *>(QStringLiteral("actionAbout"));
    QVERIFY(about);
    about->trigger();
    QVERIFY2(text.contains(QLatin1String("9.8.7"))
                 && text.contains(QLatin1String("GPL-3.0-or-later")),
             qPrintable(text));
}

QTEST_MAIN(tst_GettingStarted)
#include "tst_gettingstarted.moc"
