// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionSet: the live connections of an endpoint, deleted ones forgotten,
// ended ones not counted as open.
#include "net/connectionset.h"
#include "net/nativeconnection.h"

#include <QTest>

using namespace TcpInspector;

class tst_ConnectionSet : public QObject
{
    Q_OBJECT

private slots:
    void countsOpenAndForgetsDeleted();
};

void tst_ConnectionSet::countsOpenAndForgetsDeleted()
{
    ConnectionSet set;
    QCOMPARE(set.openCount(), 0);
    QVERIFY(set.connections().isEmpty());

    // Never connected: Connecting is open until something ends it.
    auto *first = new NativeConnection(1, ConnectionOptions(), nullptr);
    auto *second = new NativeConnection(2, ConnectionOptions(), nullptr);
    auto *third = new NativeConnection(3, ConnectionOptions(), nullptr);
    set.add(first);
    set.add(second);
    set.add(third);
    QCOMPARE(set.connections(), (QList<Connection *> {first, second, third}));
    QCOMPARE(set.openCount(), 3);

    second->failByTimeout(QStringLiteral("test"));
    QCOMPARE(second->state(), ConnectionState::Failed);
    QCOMPARE(set.openCount(), 2);
    QCOMPARE(set.connections().size(), 3); // ended, still listed

    delete first;
    QCOMPARE(set.connections(), (QList<Connection *> {second, third}));
    QCOMPARE(set.openCount(), 1);

    auto *fourth = new NativeConnection(4, ConnectionOptions(), nullptr);
    set.add(fourth);
    QCOMPARE(set.connections(), (QList<Connection *> {second, third, fourth}));
    QCOMPARE(set.openCount(), 2);
    delete second;
    delete third;
    delete fourth;
    QVERIFY(set.connections().isEmpty());
    QCOMPARE(set.openCount(), 0);
}

QTEST_GUILESS_MAIN(tst_ConnectionSet)
#include "tst_connectionset.moc"
