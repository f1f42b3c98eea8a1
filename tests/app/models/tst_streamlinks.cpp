// SPDX-License-Identifier: GPL-3.0-or-later
// Linking chunks and messages both ways, and the bands and brackets of a hex
// view's byte window, on a stream whose reads split its lines.
#include "models/chunktablemodel.h"
#include "models/messagetablemodel.h"
#include "models/streamlinks.h"
#include "stream/streamchannel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace TcpInspector;

namespace {

void append(StreamChannel &channel, const QByteArray &bytes)
{
    channel.append(bytes.constData(), bytes.size(), 0);
}

LinkSpan span(qint64 from, qint64 to, int row, bool opens, bool closes)
{
    LinkSpan s;
    s.from = from;
    s.to = to;
    s.row = row;
    s.opens = opens;
    s.closes = closes;
    return s;
}

// Both tables over one channel, checked by the model tester throughout.
struct Tables
{
    explicit Tables(const StreamChannel &channel)
    {
        chunks.setChannel(&channel);
        messages.setChannel(&channel);
    }
    void refresh()
    {
        chunks.refresh();
        messages.refresh();
    }
    ChunkTableModel chunks;
    MessageTableModel messages;
    QAbstractItemModelTester chunkTester {&chunks,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest};
    QAbstractItemModelTester messageTester {&messages,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest};
    StreamLinks links {chunks, messages};
};

} // namespace

namespace QTest {
template<>
char *toString(const IndexRange &range)
{
    return qstrdup(QByteArray::number(range.first) + ".." + QByteArray::number(range.last));
}
template<>
char *toString(const LinkSpan &s)
{
    return qstrdup(QStringLiteral("[%1, %2) row %3%4%5")
                       .arg(s.from)
                       .arg(s.to)
                       .arg(s.row)
                       .arg(s.opens ? QStringLiteral(" opens") : QString())
                       .arg(s.closes ? QStringLiteral(" closes") : QString())
                       .toUtf8());
}
} // namespace QTest

class tst_StreamLinks : public QObject
{
    Q_OBJECT

private slots:
    void messageToChunks();
    void chunkToMessages();
    void errorsLinkToo();
    void onlyAnnouncedRows();
    void bandsAndBracketsOfAWindow();
    void differentChannelsLinkNothing();
    void manyErrorsMatchBruteForce();
    void messageRowOfAByte();
};

// "hello\n" and "world\n" cut by the reads "hel" "lo\nwor" "ld\n" "x":
//   bytes   0..2   3..8      9..11  12
//   chunk   0      1         2      3
//   message 0 [0, 6)   1 [6, 12)    partial [12, 13)
void tst_StreamLinks::messageToChunks()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line"), &error));
    for (const char *read : {"hel", "lo\nwor", "ld\n", "x"})
        append(channel, read);
    Tables t(channel);
    QCOMPARE(t.chunks.rowCount(), 4);
    QCOMPARE(t.messages.rowCount(), 3);
    QCOMPARE(t.links.chunkRowsOfMessage(0), (IndexRange {0, 1}));
    QCOMPARE(t.links.chunkRowsOfMessage(1), (IndexRange {1, 2}));
    QCOMPARE(t.links.chunkRowsOfMessage(2), (IndexRange {3, 3})); // the partial tail
    QVERIFY(t.links.chunkRowsOfMessage(3).isEmpty());
    QVERIFY(t.links.chunkRowsOfMessage(-1).isEmpty());
}

void tst_StreamLinks::chunkToMessages()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line"), &error));
    for (const char *read : {"hel", "lo\nwor", "ld\n", "x"})
        append(channel, read);
    Tables t(channel);
    QCOMPARE(t.links.messageRowsOfChunk(0), (IndexRange {0, 0}));
    QCOMPARE(t.links.messageRowsOfChunk(1), (IndexRange {0, 1})); // ends one line, starts the next
    QCOMPARE(t.links.messageRowsOfChunk(2), (IndexRange {1, 1}));
    QCOMPARE(t.links.messageRowsOfChunk(3), (IndexRange {2, 2})); // the partial row
    QVERIFY(t.links.messageRowsOfChunk(4).isEmpty());

    // One read holding many lines touches them all.
    append(channel, "\na\nb\nc\nd");
    t.refresh();
    QCOMPARE(t.messages.rowCount(), 7); // hello world x a b c, partial d
    QCOMPARE(t.links.messageRowsOfChunk(4), (IndexRange {2, 6}));
    QCOMPARE(t.links.chunkRowsOfMessage(2), (IndexRange {3, 4})); // "x\n"
}

void tst_StreamLinks::errorsLinkToo()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line:max=4"), &error));
    // ab | oversize "too long\n" [3, 12) | cd
    for (const char *read : {"ab\nto", "o lo", "ng\ncd\n"})
        append(channel, read);
    Tables t(channel);
    QCOMPARE(t.messages.rowCount(), 3);
    QCOMPARE(t.messages.rowKind(1), MessageTableModel::RowKind::Error);
    QCOMPARE(t.links.chunkRowsOfMessage(1), (IndexRange {0, 2}));
    QCOMPARE(t.links.messageRowsOfChunk(0), (IndexRange {0, 1}));
    QCOMPARE(t.links.messageRowsOfChunk(1), (IndexRange {1, 1}));
    QCOMPARE(t.links.messageRowsOfChunk(2), (IndexRange {1, 2}));
    QCOMPARE(t.links.chunkRowsOfMessage(2), (IndexRange {2, 2}));
}

void tst_StreamLinks::onlyAnnouncedRows()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line"), &error));
    append(channel, "one\n");
    Tables t(channel);
    append(channel, "two\n"); // not refreshed: the views do not have these rows yet
    QVERIFY(t.links.messageRowsOfChunk(1).isEmpty());
    QCOMPARE(t.links.chunkRowsOfMessage(0), (IndexRange {0, 0}));
    QCOMPARE(t.links.chunkBands(0, 100).size(), size_t(1));
    QCOMPARE(t.links.messageBrackets(0, 100).size(), size_t(1));
    t.refresh();
    QCOMPARE(t.links.messageRowsOfChunk(1), (IndexRange {1, 1}));
    QCOMPARE(t.links.chunkBands(0, 100).size(), size_t(2));
}

void tst_StreamLinks::bandsAndBracketsOfAWindow()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line"), &error));
    for (const char *read : {"hel", "lo\nwor", "ld\n", "x"})
        append(channel, read);
    Tables t(channel);

    // A window that cuts the first chunk and the second message.
    const std::vector<LinkSpan> bands = t.links.chunkBands(2, 8);
    QCOMPARE(bands.size(), size_t(2));
    QCOMPARE(bands[0], span(2, 3, 0, false, true));
    QCOMPARE(bands[1], span(3, 8, 1, true, false));
    const std::vector<LinkSpan> brackets = t.links.messageBrackets(2, 8);
    QCOMPARE(brackets.size(), size_t(2));
    QCOMPARE(brackets[0], span(2, 6, 0, false, true));
    QCOMPARE(brackets[1], span(6, 8, 1, true, false));

    // The whole stream, and past its end: the partial tail is bracketed too.
    const std::vector<LinkSpan> all = t.links.messageBrackets(0, 4096);
    QCOMPARE(all.size(), size_t(3));
    QCOMPARE(all[2], span(12, 13, 2, true, true));
    const std::vector<LinkSpan> allBands = t.links.chunkBands(0, 4096);
    QCOMPARE(allBands.size(), size_t(4));
    QCOMPARE(allBands[3], span(12, 13, 3, true, true));

    // Inside one message and one chunk.
    QCOMPARE(t.links.messageBrackets(4, 5).size(), size_t(1));
    QCOMPARE(t.links.messageBrackets(4, 5)[0], span(4, 5, 0, false, false));
    QCOMPARE(t.links.chunkBands(4, 5)[0], span(4, 5, 1, false, false));
    // Empty or reversed windows hold nothing.
    QVERIFY(t.links.chunkBands(5, 5).empty());
    QVERIFY(t.links.messageBrackets(8, 2).empty());
    QVERIFY(t.links.chunkBands(13, 20).empty());
}

void tst_StreamLinks::differentChannelsLinkNothing()
{
    StreamChannel rx(Direction::Rx);
    StreamChannel tx(Direction::Tx);
    append(rx, "abc");
    append(tx, "abc");
    ChunkTableModel chunks;
    MessageTableModel messages;
    chunks.setChannel(&rx);
    messages.setChannel(&tx);
    const StreamLinks links(chunks, messages);
    QVERIFY(links.chunkRowsOfMessage(0).isEmpty());
    QVERIFY(links.messageRowsOfChunk(0).isEmpty());
    QVERIFY(links.chunkBands(0, 3).empty());
    QVERIFY(links.messageBrackets(0, 3).empty());
}

// Errors interleaved with messages, read in odd pieces: the binary searches
// over errors agree with checking every row against every chunk and window.
void tst_StreamLinks::manyErrorsMatchBruteForce()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line:max=4"), &error));
    QByteArray all;
    for (int i = 0; i < 60; ++i)
        all += i % 3 == 0 ? QByteArray("way too long\n") : QByteArray("ok\n");
    all += "tail";
    for (qsizetype at = 0; at < all.size(); at += 5)
        append(channel, all.mid(at, 5));
    Tables t(channel);
    QVERIFY(t.messages.errorCount() >= 20);
    auto overlap = [](MessageTableModel::ByteRange r, qint64 from, qint64 to) {
        const qint64 length = std::max<qint64>(r.length, 1);
        return r.offset < to && r.offset + length > from;
    };
    for (int c = 0; c < t.chunks.rowCount(); ++c) {
        const StreamStore::Chunk chunk = channel.store().chunk(c);
        IndexRange expected;
        for (int row = 0; row < t.messages.rowCount(); ++row) {
            if (!overlap(t.messages.rowBytes(row), chunk.offset, chunk.end()))
                continue;
            if (expected.isEmpty())
                expected = {row, row};
            expected.last = row;
        }
        QCOMPARE(t.links.messageRowsOfChunk(c), expected);
    }
    for (qint64 from = 0; from < all.size(); from += 7) {
        std::vector<int> expected;
        for (int row = 0; row < t.messages.rowCount(); ++row) {
            const auto r = t.messages.rowBytes(row);
            if (r.length > 0 && r.offset < from + 16 && r.offset + r.length > from)
                expected.push_back(row);
        }
        std::vector<int> rows;
        for (const LinkSpan &bracket : t.links.messageBrackets(from, from + 16))
            rows.push_back(bracket.row);
        QCOMPARE(rows, expected);
    }
}

void tst_StreamLinks::messageRowOfAByte()
{
    StreamChannel channel(Direction::Rx);
    QString error;
    QVERIFY(channel.setFraming(QStringLiteral("line:max=4"), &error));
    // ab\n [0, 3) | oversize "too long\n" [3, 12) | cd\n [12, 15) | partial "x" [15, 16)
    for (const char *read : {"ab\nto", "o lo", "ng\ncd\n", "x"})
        append(channel, read);
    Tables t(channel);
    QCOMPARE(t.messages.rowCount(), 4);
    const QList<int> expected {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3};
    for (int offset = 0; offset < expected.size(); ++offset)
        QCOMPARE(t.links.messageRowAt(offset), expected.at(offset));
    QCOMPARE(t.links.messageRowAt(16), -1); // past the end
    QCOMPARE(t.links.messageRowAt(-1), -1);
}

QTEST_GUILESS_MAIN(tst_StreamLinks)
#include "tst_streamlinks.moc"
