// SPDX-License-Identifier: GPL-3.0-or-later
// The rows of the byte view's two modes through the one RowModel interface:
// hex rows follow the stream's size, text rows read the store only as far
// as they are asked to.
#include "stream/streamstore.h"
#include "views/hexrows.h"
#include "views/textrows.h"

#include <QTest>

using namespace TcpInspector;

class tst_RowModels : public QObject
{
    Q_OBJECT

private slots:
    void hexRowsFollowTheSize_data();
    void hexRowsFollowTheSize();
    void textRowsAreLines();
    void textRowsReadOnlyAsFarAsAsked();
    void textRowsStartOverOnReset();
};

void tst_RowModels::hexRowsFollowTheSize_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("rows");
    QTest::addColumn<qint64>("lastRowEnd");
    QTest::newRow("empty") << qint64(0) << qint64(0) << qint64(0);
    QTest::newRow("one byte") << qint64(1) << qint64(1) << qint64(1);
    QTest::newRow("one row") << qint64(16) << qint64(1) << qint64(16);
    QTest::newRow("short last row") << qint64(40) << qint64(3) << qint64(40);
}

void tst_RowModels::hexRowsFollowTheSize()
{
    QFETCH(qint64, size);
    QFETCH(qint64, rows);
    QFETCH(qint64, lastRowEnd);
    HexRows hex;
    RowModel &model = hex;
    model.reset(nullptr);
    model.setStreamSize(size);
    model.catchUp(0);
    QVERIFY(!model.reach(size)); // nothing to lay out: the size says it all
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(model.shownBytes(), size);
    QCOMPARE(model.settledEnd(), size);
    QCOMPARE(hex.layout().streamSize(), size);
    if (rows > 0) {
        QCOMPARE(model.rowStart(rows - 1), (rows - 1) * 16);
        QCOMPARE(model.rowEnd(rows - 1), lastRowEnd);
        QCOMPARE(model.rowOf(size - 1), rows - 1);
    }
    QCOMPARE(model.rowOf(size), -1);
    QCOMPARE(model.rowOf(-1), -1);
    model.reset(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void tst_RowModels::textRowsAreLines()
{
    StreamStore store;
    store.append(QByteArray("a\r\nb\tc\nd") + QByteArray(200, 'w'), 0);
    TextRows text;
    RowModel &model = text;
    model.reset(&store);
    model.setStreamSize(store.size());
    QCOMPARE(model.rowCount(), 0); // nothing read yet
    model.catchUp(1000);
    QCOMPARE(model.shownBytes(), store.size());
    QCOMPARE(model.rowCount(), 4); // wraps at 128
    QCOMPARE(model.rowStart(1), 3);
    QCOMPARE(model.rowEnd(1), 7);
    QCOMPARE(model.rowStart(3), 7 + 128);
    QCOMPARE(model.rowOf(2), 0);
    QCOMPARE(model.rowOf(7 + 128), 3);
    // The last line may still grow; the ones before it are settled.
    QCOMPARE(model.settledEnd(), 7 + 128);

    text.setWrapWidth(100);
    QCOMPARE(text.wrapWidth(), 100);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.reach(store.size()));
    QCOMPARE(model.rowStart(3), 7 + 100);
    QCOMPARE(text.index().indexedBytes(), store.size());
}

void tst_RowModels::textRowsReadOnlyAsFarAsAsked()
{
    // Three reads of the store's 256 KiB: reach() stops after the one that
    // holds the offset, and nothing past the size it was given is read.
    StreamStore store;
    const QByteArray line = QByteArray(63, 'x') + '\n';
    for (int i = 0; i < 3 * 4096; ++i)
        store.append(line, 0);
    TextRows text;
    text.reset(&store);
    text.setStreamSize(store.size() - 64);
    QVERIFY(text.reach(1000));
    QCOMPARE(text.shownBytes(), 256 * 1024);
    QVERIFY(!text.reach(1000));
    QCOMPARE(text.rowOf(1000), 1000 / 64);
    QCOMPARE(text.rowOf(300 * 1024), -1);
    QVERIFY(text.reach(store.size()));
    QCOMPARE(text.shownBytes(), store.size() - 64);
    QCOMPARE(text.rowCount(), 3 * 4096 - 1);
    text.setStreamSize(store.size());
    text.catchUp(1000);
    QCOMPARE(text.shownBytes(), store.size());
}

void tst_RowModels::textRowsStartOverOnReset()
{
    StreamStore first;
    first.append(QByteArray("one\ntwo\n"), 0);
    TextRows text;
    text.reset(&first);
    text.setStreamSize(first.size());
    text.catchUp(1000);
    QCOMPARE(text.rowCount(), 2);
    text.reset(nullptr);
    QCOMPARE(text.rowCount(), 0);
    text.setStreamSize(8);
    QVERIFY(!text.reach(8)); // no store, nothing to read
    QCOMPARE(text.shownBytes(), 0);
}

QTEST_GUILESS_MAIN(tst_RowModels)
#include "tst_rowmodels.moc"
