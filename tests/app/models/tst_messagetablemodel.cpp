// SPDX-License-Identifier: GPL-3.0-or-later
// The message table: decoded frames, framing errors in stream order and the
// unfinished tail, virtual over the channel, following growth and framing
// changes, and a live loopback connection.
#include "heapusage.h"
#include "models/chunktablemodel.h"
#include "models/messagetablemodel.h"
#include "models/streamlinks.h"
#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"
#include "stream/streamchannel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <thread>
#include <utility>
#include <vector>

using namespace TcpInspector;
using Kind = MessageTableModel::RowKind;

namespace {

constexpr qint64 msNs = 1000 * 1000;

void append(StreamChannel &channel, const QByteArray &bytes, qint64 timestampNs = 0)
{
    channel.append(bytes.constData(), bytes.size(), timestampNs);
}

void setFraming(StreamChannel &channel, const QString &spec)
{
    QString error;
    QVERIFY2(channel.setFraming(spec, &error), qPrintable(error));
}

QString text(const QAbstractItemModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

QVariant raw(const QAbstractItemModel &model, int row, int role)
{
    return model.data(model.index(row, 0), role);
}

Kind kindOf(const QAbstractItemModel &model, int row)
{
    return Kind(raw(model, row, MessageTableModel::RowKindRole).toInt());
}

QByteArray lengthHeader(quint32 value)
{
    QByteArray header(4, '\0');
    header[0] = char(value >> 24);
    header[1] = char(value >> 16);
    header[2] = char(value >> 8);
    header[3] = char(value);
    return header;
}

} // namespace

class tst_MessageTableModel : public QObject
{
    Q_OBJECT

private slots:
    void messagesAndTheirColumns();
    void partialRowTexts_data();
    void partialRowTexts();
    void partialRowComesAndGoes();
    void errorsMergedInStreamOrder();
    void newRowsInOneBatch();
    void framingChangeResets();
    void millionFramesCostNothingUntilShown();
    void growsWhileAnotherThreadAppends();
    void followsALiveConnection();
};

void tst_MessageTableModel::messagesAndTheirColumns()
{
    StreamChannel channel(Direction::Rx);
    // The payload without its length field (Netty's initialBytesToStrip).
    setFraming(channel, QStringLiteral("length:bytes=4,strip=4"));
    // One frame over two reads: its time is that of the read that completed it.
    append(channel, lengthHeader(5) + "he", 100 * msNs);
    append(channel, "llo", 112 * msNs + 400'000);

    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStartTimeNs(100 * msNs);
    model.setChannel(&channel);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), int(MessageTableModel::ColumnCount));
    QCOMPARE(text(model, 0, MessageTableModel::IndexColumn), QStringLiteral("1"));
    QCOMPARE(text(model, 0, MessageTableModel::TimeColumn), QStringLiteral("+12.4 ms"));
    QCOMPARE(text(model, 0, MessageTableModel::DirectionColumn), QStringLiteral("rx"));
    QCOMPARE(text(model, 0, MessageTableModel::OffsetColumn), QStringLiteral("0"));
    QCOMPARE(text(model, 0, MessageTableModel::SizeColumn), QStringLiteral("9"));
    QCOMPARE(text(model, 0, MessageTableModel::HeaderColumn),
             QStringLiteral("\\x00\\x00\\x00\\x05"));
    QCOMPARE(text(model, 0, MessageTableModel::PreviewColumn), QStringLiteral("hello"));

    QCOMPARE(kindOf(model, 0), Kind::Message);
    QCOMPARE(raw(model, 0, MessageTableModel::ItemIndexRole).toLongLong(), 0);
    QCOMPARE(raw(model, 0, MessageTableModel::OffsetRole).toLongLong(), 0);
    QCOMPARE(raw(model, 0, MessageTableModel::SizeRole).toLongLong(), 9);
    QCOMPARE(raw(model, 0, MessageTableModel::TimestampNsRole).toLongLong(), 112 * msNs + 400'000);
    QCOMPARE(raw(model, 0, MessageTableModel::PayloadOffsetRole).toLongLong(), 4);
    QCOMPARE(raw(model, 0, MessageTableModel::PayloadSizeRole).toLongLong(), 5);
    QCOMPARE(raw(model, 0, MessageTableModel::HeaderSizeRole).toLongLong(), 4);
    QCOMPARE(model.headerData(MessageTableModel::PreviewColumn, Qt::Horizontal).toString(),
             QStringLiteral("Preview"));
}

void tst_MessageTableModel::partialRowTexts_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<qint64>("needed");
    // A 4-byte length says 116 more: 120 in all, 37 here.
    QTest::newRow("length known") << QStringLiteral("length:bytes=4")
                                  << (lengthHeader(116) + QByteArray(33, 'p'))
                                  << QStringLiteral("partial: 37 of 120 bytes") << qint64(83);
    // A line ends when its newline comes: how much is missing is unknown.
    QTest::newRow("line") << QStringLiteral("line") << QByteArray(37, 'q')
                          << QStringLiteral("partial: 37 bytes, needs more") << qint64(-1);
    // Even the length field itself incomplete.
    QTest::newRow("header cut") << QStringLiteral("length:bytes=4") << QByteArray(2, '\0')
                                << QStringLiteral("partial: 2 bytes, needs more") << qint64(-1);
}

void tst_MessageTableModel::partialRowTexts()
{
    QFETCH(QString, framing);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QFETCH(qint64, needed);
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    StreamChannel fresh(Direction::Rx);
    setFraming(fresh, framing);
    append(fresh, bytes, 3 * msNs);
    model.setChannel(&fresh);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.partialRow(), 0);
    QCOMPARE(kindOf(model, 0), Kind::Partial);
    QCOMPARE(text(model, 0, MessageTableModel::PreviewColumn), expected);
    QCOMPARE(MessageTableModel::partialText(model.partial()), expected);
    QCOMPARE(raw(model, 0, MessageTableModel::NeededRole).toLongLong(), needed);
    QCOMPARE(raw(model, 0, MessageTableModel::SizeRole).toLongLong(), qint64(bytes.size()));
    QCOMPARE(text(model, 0, MessageTableModel::TimeColumn), QStringLiteral("+3.0 ms"));
    QCOMPARE(text(model, 0, MessageTableModel::IndexColumn), QString());
}

void tst_MessageTableModel::partialRowComesAndGoes()
{
    StreamChannel channel(Direction::Rx);
    setFraming(channel, QStringLiteral("line"));
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChannel(&channel);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    append(channel, "one\ntw");
    model.refresh();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(text(model, 0, MessageTableModel::PreviewColumn), QStringLiteral("one"));
    QCOMPARE(text(model, 1, MessageTableModel::PreviewColumn),
             QStringLiteral("partial: 2 bytes, needs more"));

    // The tail grows: the same row says so.
    append(channel, "o and");
    model.refresh();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(text(model, 1, MessageTableModel::PreviewColumn),
             QStringLiteral("partial: 7 bytes, needs more"));

    // It completes, and a new tail starts: the message goes in above it.
    append(channel, " more\nthr");
    model.refresh();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(kindOf(model, 1), Kind::Message);
    QCOMPARE(text(model, 1, MessageTableModel::PreviewColumn), QStringLiteral("two and more"));
    QCOMPARE(model.partialRow(), 2);
    QCOMPARE(text(model, 2, MessageTableModel::PreviewColumn),
             QStringLiteral("partial: 3 bytes, needs more"));

    // Completed with nothing after it: the partial row leaves.
    append(channel, "ee\n");
    model.refresh();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.partialRow(), -1);
    QCOMPARE(text(model, 2, MessageTableModel::PreviewColumn), QStringLiteral("three"));
    QCOMPARE(removed.count(), 1);
    QVERIFY(inserted.count() >= 3);
}

void tst_MessageTableModel::errorsMergedInStreamOrder()
{
    StreamChannel channel(Direction::Rx);
    setFraming(channel, QStringLiteral("line:max=4"));
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChannel(&channel);
    append(channel, "ab\nthis line is too long\ncd\nwhat", 7 * msNs);
    model.refresh();
    // ab, the oversize line, cd, the tail.
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.frameCount(), 2);
    QCOMPARE(model.errorCount(), 1);
    QCOMPARE(kindOf(model, 0), Kind::Message);
    QCOMPARE(kindOf(model, 1), Kind::Error);
    QCOMPARE(kindOf(model, 2), Kind::Message);
    QCOMPARE(kindOf(model, 3), Kind::Partial);
    QCOMPARE(model.rowOfFrame(0), 0);
    QCOMPARE(model.rowOfFrame(1), 2);
    QCOMPARE(model.rowOfError(0), 1);
    QCOMPARE(model.frameOfRow(1), -1);
    QCOMPARE(model.frameOfRow(2), 1);
    QCOMPARE(model.errorOfRow(1), 0);

    QCOMPARE(text(model, 1, MessageTableModel::IndexColumn), QString());
    QCOMPARE(text(model, 1, MessageTableModel::TimeColumn), QStringLiteral("+7.0 ms"));
    QCOMPARE(text(model, 1, MessageTableModel::OffsetColumn), QStringLiteral("3"));
    QCOMPARE(text(model, 1, MessageTableModel::SizeColumn), QStringLiteral("22")); // discarded
    QCOMPARE(text(model, 1, MessageTableModel::HeaderColumn), QStringLiteral("oversize"));
    QCOMPARE(text(model, 1, MessageTableModel::PreviewColumn), model.error(0).message);
    QVERIFY(!model.error(0).message.isEmpty());
    QCOMPARE(raw(model, 1, MessageTableModel::FatalRole).toBool(), false);
    QCOMPARE(raw(model, 1, MessageTableModel::ItemIndexRole).toLongLong(), 0);
    QCOMPARE(text(model, 2, MessageTableModel::IndexColumn), QStringLiteral("2"));
    QCOMPARE(text(model, 2, MessageTableModel::PreviewColumn), QStringLiteral("cd"));

    // Another error and message after refreshes: appended in order again.
    append(channel, "ever this is long too\nef\n", 9 * msNs);
    model.refresh();
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(kindOf(model, 3), Kind::Error);
    QCOMPARE(text(model, 3, MessageTableModel::OffsetColumn), QStringLiteral("28"));
    QCOMPARE(text(model, 4, MessageTableModel::PreviewColumn), QStringLiteral("ef"));

    // A fatal one says decoding stopped.
    StreamChannel fatal(Direction::Tx);
    setFraming(fatal, QStringLiteral("line:max=4,oversize=fail"));
    append(fatal, "ok\ntoo long\nlost\n");
    model.setChannel(&fatal);
    QCOMPARE(model.rowCount(), 2 + (model.partialRow() >= 0 ? 1 : 0));
    QCOMPARE(kindOf(model, 1), Kind::Error);
    QCOMPARE(text(model, 1, MessageTableModel::HeaderColumn),
             QStringLiteral("oversize, decoding stopped"));
    QCOMPARE(raw(model, 1, MessageTableModel::FatalRole).toBool(), true);
    QCOMPARE(text(model, 1, MessageTableModel::DirectionColumn), QStringLiteral("tx"));
}

void tst_MessageTableModel::newRowsInOneBatch()
{
    StreamChannel channel(Direction::Rx);
    setFraming(channel, QStringLiteral("line"));
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChannel(&channel);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 500; ++i)
        append(channel, QByteArray::number(i) + '\n', i);
    model.refresh();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 499);
    model.refresh();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(text(model, 499, MessageTableModel::PreviewColumn), QStringLiteral("499"));
}

void tst_MessageTableModel::framingChangeResets()
{
    StreamChannel channel(Direction::Rx);
    setFraming(channel, QStringLiteral("line"));
    append(channel, "a\nb\nc\n");
    append(channel, "d\n");
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChannel(&channel);
    QCOMPARE(model.rowCount(), 4);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // Read first: the model keeps the last row it read, which must not outlive the framing.
    QCOMPARE(text(model, 0, MessageTableModel::PreviewColumn), QStringLiteral("a"));

    // Fewer frames: raw gives one per read.
    setFraming(channel, QStringLiteral("raw"));
    model.refresh();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(text(model, 0, MessageTableModel::PreviewColumn), QStringLiteral("a\\nb\\nc\\n"));

    // More frames, different framing: a reset too, not an append.
    setFraming(channel, QStringLiteral("fixed:len=1"));
    model.refresh();
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(text(model, 1, MessageTableModel::PreviewColumn), QStringLiteral("\\n"));

    // And growth after it is plain growth again.
    append(channel, "xyz");
    model.refresh();
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 11);
}

void tst_MessageTableModel::millionFramesCostNothingUntilShown()
{
    constexpr int chunks = 1'000'000;
    StreamChannel channel(Direction::Rx); // raw framing: one frame per read
    QElapsedTimer fill;
    fill.start();
    for (int i = 0; i < chunks; ++i)
        channel.append("y", 1, i);
    qInfo("filled %d chunks in %lld ms", chunks, fill.elapsed());
    QCOMPARE(channel.frameCount(), chunks);

    MessageTableModel model;
    model.setChannel(nullptr);
    model.refresh();
    const qint64 heapBefore = heapBytesInUse();
    QElapsedTimer timer;
    timer.start();
    model.setChannel(&channel);
    const qint64 elapsedNs = timer.nsecsElapsed();
    const qint64 heapGrowth = heapBytesInUse() - heapBefore;
    QCOMPARE(model.rowCount(), chunks);
    qInfo("refresh over %d frames: %.3f ms, heap growth %lld bytes", chunks, elapsedNs / 1e6,
          heapGrowth);
    QVERIFY2(elapsedNs < 100 * msNs, qPrintable(QString::number(elapsedNs)));
    if (TCPI_HEAP_USAGE_WORKS)
        QVERIFY2(heapGrowth < 4096, qPrintable(QString::number(heapGrowth)));
    QCOMPARE(text(model, chunks - 1, MessageTableModel::PreviewColumn), QStringLiteral("y"));
    QCOMPARE(model.rowOfFrame(chunks - 1), chunks - 1);

    // Growth by one more is one more row, whatever came before.
    channel.append("z", 1, chunks);
    timer.restart();
    model.refresh();
    QVERIFY(timer.nsecsElapsed() < 100 * msNs);
    QCOMPARE(model.rowCount(), chunks + 1);
}

void tst_MessageTableModel::growsWhileAnotherThreadAppends()
{
    // The app's case: the I/O thread appends and decodes while the GUI
    // refreshes. Built in many small batches, the rows must come out exactly
    // as one refresh at the end would show them: errors in stream order,
    // never one that had to go above rows already shown (that would reset).
    StreamChannel channel(Direction::Rx);
    setFraming(channel, QStringLiteral("line:max=8"));
    MessageTableModel live;
    QAbstractItemModelTester tester(&live, QAbstractItemModelTester::FailureReportingMode::QtTest);
    live.setChannel(&channel);
    QSignalSpy reset(&live, &QAbstractItemModel::modelReset);
    // What a view that caches rows believes, kept only through the signals:
    // rows moved without being announced would show up against it.
    std::vector<std::pair<MessageTableModel::RowKind, qint64>> seen;
    auto rowAt = [&live](int row) {
        return std::pair(live.rowKind(row), live.rowBytes(row).offset);
    };
    connect(&live, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex &, int a, int b) {
        for (int row = a; row <= b; ++row)
            seen.insert(seen.begin() + row, rowAt(row));
    });
    connect(&live, &QAbstractItemModel::rowsRemoved, this, [&](const QModelIndex &, int a, int b) {
        seen.erase(seen.begin() + a, seen.begin() + b + 1);
    });
    connect(&live, &QAbstractItemModel::dataChanged, this,
            [&](const QModelIndex &a, const QModelIndex &b) {
                for (int row = a.row(); row <= b.row(); ++row)
                    seen[size_t(row)] = rowAt(row);
            });

    std::atomic<bool> done {false};
    std::thread writer([&] {
        for (int i = 0; i < 20000; ++i) {
            // Short lines cut at odd places; now and then one read holds a line,
            // an oversize one and another line: frames on both sides of an error.
            const QByteArray bytes
                = i % 7 == 3 ? QByteArray("x\nfar too long a line\nab\nok") : QByteArray("ab\ncd");
            channel.append(bytes.constData(), bytes.size(), i);
        }
        done = true;
    });
    int refreshes = 0;
    while (!done) {
        live.refresh();
        ++refreshes;
    }
    writer.join();
    live.refresh();
    qInfo("%d refreshes while appending", refreshes);
    QCOMPARE(reset.count(), 0);

    MessageTableModel once;
    once.setChannel(&channel);
    QCOMPARE(live.rowCount(), once.rowCount());
    QCOMPARE(live.errorCount(), once.errorCount());
    QVERIFY(live.errorCount() > 2000);
    QCOMPARE(int(seen.size()), once.rowCount());
    for (int row = 0; row < once.rowCount(); ++row) {
        QCOMPARE(live.rowKind(row), once.rowKind(row));
        QCOMPARE(live.rowBytes(row).offset, once.rowBytes(row).offset);
        QVERIFY2(seen[size_t(row)] == rowAt(row), qPrintable(QString::number(row)));
    }
}

void tst_MessageTableModel::followsALiveConnection()
{
    ServerOptions serverOptions;
    serverOptions.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    serverOptions.connection.rxFraming = QStringLiteral("line");
    ServerEndpoint server;
    SocketErrorInfo error;
    QVERIFY2(server.listen(serverOptions, &error), qPrintable(error.explanation));
    ClientOptions clientOptions;
    clientOptions.target = server.boundAddress();
    clientOptions.connection.noDelay = true;
    ClientEndpoint client;
    Connection *c = client.connectTo(clientOptions);
    QTRY_COMPARE(c->state(), ConnectionState::Established);
    QTRY_COMPARE(server.connections().size(), 1);
    const Connection *s = server.connections().first();

    ChunkTableModel chunks;
    MessageTableModel messages;
    QAbstractItemModelTester chunkTester(&chunks,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester messageTester(&messages,
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    chunks.setChannel(&s->rx());
    messages.setChannel(&s->rx());
    // Refreshed at display rate, as the app's timer does, while the bytes arrive.
    QSignalSpy chunkBatches(&chunks, &QAbstractItemModel::rowsInserted);
    QTimer display;
    display.setInterval(33);
    connect(&display, &QTimer::timeout, this, [&] {
        chunks.refresh();
        messages.refresh();
    });
    display.start();

    // S8: one 1000-byte line in 7 writes, 15 ms apart.
    const QByteArray line = QByteArray(999, 'x') + '\n';
    c->sendFragmented(line, 143, 15);
    QTRY_COMPARE(messages.frameCount(), qint64(1));
    QTRY_COMPARE(chunks.rowCount(), int(s->rx().store().chunkCount()));
    display.stop();
    qInfo("%d reads reached the chunk table in %d batches", chunks.rowCount(),
          int(chunkBatches.count()));
    QCOMPARE(s->rx().store().size(), qint64(1000));
    QVERIFY2(chunks.rowCount() >= 7, qPrintable(QString::number(chunks.rowCount())));
    QCOMPARE(messages.rowCount(), 1);
    QCOMPARE(messages.data(messages.index(0, MessageTableModel::SizeColumn)).toLongLong(), 1000);

    // The message links back to every read it was built from.
    const StreamLinks links(chunks, messages);
    QCOMPARE(links.chunkRowsOfMessage(0), (IndexRange {0, chunks.rowCount() - 1}));
    QCOMPARE(links.messageRowsOfChunk(3), (IndexRange {0, 0}));
}

QTEST_GUILESS_MAIN(tst_MessageTableModel)
#include "tst_messagetablemodel.moc"
