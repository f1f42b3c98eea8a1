// SPDX-License-Identifier: GPL-3.0-or-later
// The chunk table: one row per read, virtual over the channel, grown in
// batches by refresh().
#include "heapusage.h"
#include "models/chunktablemodel.h"
#include "stream/streamchannel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <vector>

using namespace TcpInspector;

namespace {

constexpr qint64 msNs = 1000 * 1000;

void append(StreamChannel &channel, const QByteArray &bytes, qint64 timestampNs)
{
    channel.append(bytes.constData(), bytes.size(), timestampNs);
}

QVariant cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role);
}

} // namespace

class tst_ChunkTableModel : public QObject
{
    Q_OBJECT

private slots:
    void columnsShowEachRead();
    void timeIsRelativeToTheStart_data();
    void timeIsRelativeToTheStart();
    void newChunksArriveInOneBatch();
    void changingChannelResets();
    void previewsAreBounded();
    void millionChunksCostNothingUntilShown();
    void rowsRingModeLetGoSaySo();
};

void tst_ChunkTableModel::columnsShowEachRead()
{
    StreamChannel channel(Direction::Tx);
    append(channel, "GET / HTTP/1.1\r\n", 1000 * msNs + 12'400'000);
    append(channel, QByteArray("\x00\xff", 2), 1000 * msNs + 20 * msNs);

    ChunkTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStartTimeNs(1000 * msNs);
    model.setChannel(&channel);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ChunkTableModel::ColumnCount));

    QCOMPARE(cell(model, 0, ChunkTableModel::IndexColumn).toLongLong(), 1);
    QCOMPARE(cell(model, 0, ChunkTableModel::TimeColumn).toString(), QStringLiteral("+12.4 ms"));
    QCOMPARE(cell(model, 0, ChunkTableModel::DirectionColumn).toString(), QStringLiteral("tx"));
    QCOMPARE(cell(model, 0, ChunkTableModel::OffsetColumn).toLongLong(), 0);
    QCOMPARE(cell(model, 0, ChunkTableModel::SizeColumn).toLongLong(), 16);
    QCOMPARE(cell(model, 0, ChunkTableModel::HexColumn).toString(),
             QStringLiteral("47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a"));
    QCOMPARE(cell(model, 0, ChunkTableModel::TextColumn).toString(),
             QStringLiteral("GET / HTTP/1.1\\r\\n"));

    QCOMPARE(cell(model, 1, ChunkTableModel::IndexColumn).toLongLong(), 2);
    QCOMPARE(cell(model, 1, ChunkTableModel::TimeColumn).toString(), QStringLiteral("+20.0 ms"));
    QCOMPARE(cell(model, 1, ChunkTableModel::OffsetColumn).toLongLong(), 16);
    QCOMPARE(cell(model, 1, ChunkTableModel::HexColumn).toString(), QStringLiteral("00 ff"));
    QCOMPARE(cell(model, 1, ChunkTableModel::TextColumn).toString(), QStringLiteral("\\x00\\xff"));

    // The raw values, for linking and sorting.
    QCOMPARE(cell(model, 1, 0, ChunkTableModel::ChunkIndexRole).toLongLong(), 1);
    QCOMPARE(cell(model, 1, 0, ChunkTableModel::OffsetRole).toLongLong(), 16);
    QCOMPARE(cell(model, 1, 0, ChunkTableModel::SizeRole).toLongLong(), 2);
    QCOMPARE(cell(model, 1, 0, ChunkTableModel::TimestampNsRole).toLongLong(), 1020 * msNs);
    QCOMPARE(model.headerData(ChunkTableModel::TimeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Time"));
}

void tst_ChunkTableModel::timeIsRelativeToTheStart_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("+0.0 ms");
    QTest::newRow("micro") << qint64(40'000) << QStringLiteral("+0.0 ms");
    QTest::newRow("ms") << qint64(12'400'000) << QStringLiteral("+12.4 ms");
    QTest::newRow("almost 10 s") << qint64(9'999'000'000) << QStringLiteral("+9999.0 ms");
    QTest::newRow("seconds") << qint64(12'345'600'000) << QStringLiteral("+12.346 s");
    QTest::newRow("before start") << qint64(-1'500'000) << QStringLiteral("-1.5 ms");
}

void tst_ChunkTableModel::timeIsRelativeToTheStart()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    StreamChannel channel(Direction::Rx);
    append(channel, "x", 5'000'000'000 + ns);
    ChunkTableModel model;
    model.setChannel(&channel);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setStartTimeNs(5'000'000'000);
    QCOMPARE(changed.count(), 1); // the Time column follows a new start
    QCOMPARE(cell(model, 0, ChunkTableModel::TimeColumn).toString(), text);
}

void tst_ChunkTableModel::newChunksArriveInOneBatch()
{
    StreamChannel channel(Direction::Rx);
    ChunkTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChannel(&channel);
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.refresh();
    QCOMPARE(inserted.count(), 0); // nothing new, nothing said

    for (int i = 0; i < 100; ++i)
        append(channel, QByteArray::number(i), i * msNs);
    QCOMPARE(model.rowCount(), 0); // the channel grows; the view learns at refresh
    model.refresh();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 99);
    QCOMPARE(model.rowCount(), 100);

    append(channel, "a", 200 * msNs);
    append(channel, "b", 201 * msNs);
    model.refresh();
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 100);
    QCOMPARE(inserted.at(1).at(2).toInt(), 101);
    QCOMPARE(cell(model, 101, ChunkTableModel::TextColumn).toString(), QStringLiteral("b"));
}

void tst_ChunkTableModel::changingChannelResets()
{
    StreamChannel first(Direction::Rx);
    StreamChannel second(Direction::Tx);
    append(first, "one", 0);
    append(second, "two", 0);
    append(second, "three", 0);
    ChunkTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChannel(&first);
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setChannel(&second);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 1, ChunkTableModel::DirectionColumn).toString(), QStringLiteral("tx"));
    model.setChannel(nullptr);
    QCOMPARE(model.rowCount(), 0);
    model.refresh(); // no channel: nothing to do, no crash
}

void tst_ChunkTableModel::previewsAreBounded()
{
    StreamChannel channel(Direction::Rx);
    append(channel, QByteArray(100000, 'z'), 0);
    ChunkTableModel model;
    model.setChannel(&channel);
    const QString hex = cell(model, 0, ChunkTableModel::HexColumn).toString();
    QCOMPARE(hex,
             QString(QStringLiteral("7a ").repeated(ChunkTableModel::hexPreviewBytes)).chopped(1)
                 + QStringLiteral(" ..."));
    const QString text = cell(model, 0, ChunkTableModel::TextColumn).toString();
    QCOMPARE(text,
             QString(ChunkTableModel::textPreviewBytes, QLatin1Char('z')) + QStringLiteral("..."));
}

void tst_ChunkTableModel::millionChunksCostNothingUntilShown()
{
    constexpr int chunks = 1'000'000;
    StreamChannel channel(Direction::Rx);
    QElapsedTimer fill;
    fill.start();
    for (int i = 0; i < chunks; ++i)
        channel.append("x", 1, i);
    qInfo("filled %d chunks in %lld ms", chunks, fill.elapsed());

    ChunkTableModel model;
    model.setChannel(nullptr);
    // Warm up whatever Qt allocates once (signal tables, the tester's own).
    model.refresh();
    const qint64 heapBefore = heapBytesInUse();
    QElapsedTimer timer;
    timer.start();
    model.setChannel(&channel); // resets, then refreshes: all million rows at once
    const qint64 elapsedNs = timer.nsecsElapsed();
    const qint64 heapGrowth = heapBytesInUse() - heapBefore;
    QCOMPARE(model.rowCount(), chunks);
    qInfo("refresh over %d chunks: %.3f ms, heap growth %lld bytes", chunks, elapsedNs / 1e6,
          heapGrowth);
    QVERIFY2(elapsedNs < 100 * msNs, qPrintable(QString::number(elapsedNs)));
    if (TCPI_HEAP_USAGE_WORKS) {
        QVERIFY2(heapGrowth < 4096, qPrintable(QString::number(heapGrowth))); // < 1 bit a row
        // The probe does see per-row storage: 8 bytes a row would show.
        const std::vector<qint64> perRow(chunks, 1);
        QVERIFY(heapBytesInUse() - heapBefore >= qint64(sizeof(qint64)) * chunks);
    }
    // The last row is there when asked for.
    QCOMPARE(cell(model, chunks - 1, ChunkTableModel::OffsetColumn).toLongLong(), chunks - 1);
    QCOMPARE(cell(model, chunks - 1, ChunkTableModel::TextColumn).toString(), QStringLiteral("x"));
}

void tst_ChunkTableModel::rowsRingModeLetGoSaySo()
{
    StreamStore::Options options;
    options.blockSize = 1024;
    options.keepBytes = 4096;
    StreamChannel channel(Direction::Rx, options);
    for (int i = 0; i < 100; ++i)
        append(channel, QByteArray(100, char('a' + i % 26)), i * msNs);
    ChunkTableModel model;
    model.setChannel(&channel);
    QCOMPARE(model.rowCount(), 100);
    const int first = int(channel.store().firstChunk());
    QVERIFY(first > 50);
    // The numbers stay, so the rows after keep theirs; the text says why
    // the bytes are not there.
    QCOMPARE(cell(model, first - 1, ChunkTableModel::IndexColumn).toLongLong(), first);
    QCOMPARE(cell(model, first - 1, ChunkTableModel::TextColumn).toString(),
             QStringLiteral("(let go: ring mode)"));
    QCOMPARE(cell(model, first - 1, ChunkTableModel::SizeColumn).toString(), QString());
    QCOMPARE(cell(model, first, ChunkTableModel::OffsetColumn).toLongLong(), first * 100LL);
    QVERIFY(cell(model, first, ChunkTableModel::TextColumn)
                .toString()
                .startsWith(QString(QChar(char('a' + first % 26)))));
}

QTEST_GUILESS_MAIN(tst_ChunkTableModel)
#include "tst_chunktablemodel.moc"
