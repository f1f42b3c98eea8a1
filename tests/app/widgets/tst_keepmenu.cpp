// SPDX-License-Identifier: GPL-3.0-or-later
// The Keep menu turns ring mode on for new connections, and the status bar
// label counts what it let go. A real loopback connection into the Workbench.
#include "net/connection.h"
#include "session/workbench.h"
#include "widgets/keepmenu.h"

#include <QAction>
#include <QLabel>
#include <QTcpSocket>
#include <QTest>

using namespace TcpInspector;

class tst_KeepMenu : public QObject
{
    Q_OBJECT

private slots:
    void everythingByDefault();
    void ringModeLetsTheOldestGoAndCountsIt();

private:
    static QAction *action(KeepMenu &menu, qint64 bytes);
};

QAction *tst_KeepMenu::action(KeepMenu &menu, qint64 bytes)
{
    for (QAction *action : menu.actions()) {
        if (!action->isSeparator() && action->data().toLongLong() == bytes)
            return action;
    }
    return nullptr;
}

void tst_KeepMenu::everythingByDefault()
{
    Workbench bench;
    KeepMenu menu(&bench, false);
    QCOMPARE(bench.keepBytes(), -1);
    QVERIFY(action(menu, -1)->isChecked());
    QVERIFY(menu.statusLabel()->isHidden());
    // A size that is not offered falls back to everything.
    menu.setKeepBytes(12345);
    QCOMPARE(bench.keepBytes(), -1);
}

void tst_KeepMenu::ringModeLetsTheOldestGoAndCountsIt()
{
    Workbench bench;
    KeepMenu menu(&bench, false);
    const qint64 keep = qint64(16) << 20;
    QAction *ring = action(menu, keep);
    QVERIFY(ring);
    ring->trigger();
    QCOMPARE(bench.keepBytes(), keep);
    QVERIFY(!menu.statusLabel()->isHidden());

    ServerOptions options;
    options.address = HostPort {QStringLiteral("127.0.0.1"), 0};
    SocketErrorInfo error;
    QVERIFY2(bench.listen(options, &error), qPrintable(error.message));
    QTcpSocket client;
    client.connectToHost(QStringLiteral("127.0.0.1"), bench.boundAddress().port);
    QVERIFY(client.waitForConnected(5000));
    const qint64 total = qint64(48) << 20;
    const QByteArray block(1 << 20, 'x');
    for (qint64 sent = 0; sent < total; sent += block.size()) {
        client.write(block);
        while (client.bytesToWrite() > 4 * block.size())
            client.waitForBytesWritten(1000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(bench.connections().size(), 1, 5000);
    Connection *server = bench.connections().constFirst();
    QTRY_COMPARE_WITH_TIMEOUT(server->rx().store().size(), total, 20000);
    const qint64 evicted = server->rx().store().evictedBytes();
    QVERIFY2(evicted >= total - keep - (64 << 10) && evicted <= total - keep,
             qPrintable(QString::number(evicted)));
    QCOMPARE(bench.evictedBytes(), evicted);
    QTRY_VERIFY(menu.statusLabel()->text().contains(QStringLiteral("16.0 MiB")));
    // Back to everything: later connections keep every byte, the count stays.
    action(menu, -1)->trigger();
    QCOMPARE(bench.keepBytes(), -1);
    QVERIFY(!menu.statusLabel()->isHidden());
}

QTEST_MAIN(tst_KeepMenu)
#include "tst_keepmenu.moc"
