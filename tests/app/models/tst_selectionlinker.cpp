// SPDX-License-Identifier: GPL-3.0-or-later
// Linking the selections of a stream's two tables and its hex view, on
// selection models alone: no table view, no hex view.
#include "models/chunktablemodel.h"
#include "models/messagefiltermodel.h"
#include "models/messagetablemodel.h"
#include "models/selectionlinker.h"
#include "stream/streamchannel.h"

#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace TcpInspector;

namespace {

// "hello\n" and "world\n" cut by the reads "hel" "lo\nwor" "ld\n" "x":
//   bytes   0..2   3..8      9..11  12
//   chunk   0      1         2      3
//   message 0 [0, 6)   1 [6, 12)    partial [12, 13)
struct Stream
{
    Stream()
    {
        QString error;
        if (!channel.setFraming(QStringLiteral("line"), &error))
            qFatal("%s", qPrintable(error));
        qint64 time = 1000;
        for (const char *read : {"hel", "lo\nwor", "ld\n", "x"}) {
            channel.append(read, qstrlen(read), time);
            time += 1000;
        }
        chunks.setChannel(&channel);
        messages.setChannel(&channel);
        linker.setChunkSelection(&chunkSelection);
        linker.setMessageSelection(&messageSelection);
    }
    static void selectRows(QItemSelectionModel &selection, int first, int last)
    {
        const QAbstractItemModel *model = selection.model();
        selection.select(QItemSelection(model->index(first, 0), model->index(last, 0)),
                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

    StreamChannel channel {Direction::Rx};
    ChunkTableModel chunks;
    MessageTableModel messages;
    QItemSelectionModel chunkSelection {&chunks};
    QItemSelectionModel messageSelection {&messages};
    SelectionLinker linker {chunks, messages};
};

using Bytes = std::vector<MessageTableModel::ByteRange>;

bool sameBytes(const Bytes &actual, const Bytes &expected)
{
    if (actual.size() != expected.size())
        return false;
    for (size_t i = 0; i < actual.size(); ++i) {
        if (actual[i].offset != expected[i].offset || actual[i].length != expected[i].length)
            return false;
    }
    return true;
}

} // namespace

namespace QTest {
template<>
char *toString(const IndexRange &range)
{
    return qstrdup(QByteArray::number(range.first) + ".." + QByteArray::number(range.last));
}
} // namespace QTest

class tst_SelectionLinker : public QObject
{
    Q_OBJECT

private slots:
    void chunksLightTheirMessagesAndBytes();
    void messagesLightTheirChunksAndBytes();
    void aByteSelectsItsMessage();
    void aByteOutsideEveryMessageSelectsItsChunk();
    void rowsMapThroughAFilter();
    void newFramingClearsHighlights();
};

void tst_SelectionLinker::chunksLightTheirMessagesAndBytes()
{
    Stream s;
    QSignalSpy changed(&s.linker, &SelectionLinker::highlightsChanged);
    QSignalSpy time(&s.linker, &SelectionLinker::timeSelected);
    QSignalSpy byte(&s.linker, &SelectionLinker::byteShown);
    QSignalSpy message(&s.linker, &SelectionLinker::messageRowShown);

    Stream::selectRows(s.chunkSelection, 1, 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(s.linker.highlightedMessageRows(), (IndexRange {0, 1}));
    QVERIFY(s.linker.highlightedChunkRows().isEmpty());
    QVERIFY(sameBytes(s.linker.highlightedBytes(), {{3, 6}}));
    QCOMPARE(time.count(), 1);
    QCOMPARE(time.takeFirst().at(0).toLongLong(), qint64(2000));
    QCOMPARE(byte.takeFirst().at(0).toLongLong(), qint64(3));
    QCOMPARE(message.takeFirst().at(0).toInt(), 0);

    // Several chunks: one band of bytes, every message they touch.
    Stream::selectRows(s.chunkSelection, 1, 3);
    QCOMPARE(s.linker.highlightedMessageRows(), (IndexRange {0, 2}));
    QVERIFY(sameBytes(s.linker.highlightedBytes(), {{3, 10}}));

    // Nothing selected: nothing lit.
    s.chunkSelection.clearSelection();
    QVERIFY(s.linker.highlightedMessageRows().isEmpty());
    QVERIFY(s.linker.highlightedBytes().empty());
}

void tst_SelectionLinker::messagesLightTheirChunksAndBytes()
{
    Stream s;
    QSignalSpy time(&s.linker, &SelectionLinker::timeSelected);
    QSignalSpy byte(&s.linker, &SelectionLinker::byteShown);
    QSignalSpy chunk(&s.linker, &SelectionLinker::chunkRowShown);

    Stream::selectRows(s.chunkSelection, 0, 0);
    Stream::selectRows(s.messageSelection, 1, 1);
    QCOMPARE(s.linker.highlightedChunkRows(), (IndexRange {1, 2}));
    // A selection in one table ends the other's highlight.
    QVERIFY(s.linker.highlightedMessageRows().isEmpty());
    QVERIFY(sameBytes(s.linker.highlightedBytes(), {{6, 6}}));
    QCOMPARE(time.last().at(0).toLongLong(), qint64(3000)); // "ld\n" completed it
    QCOMPARE(byte.last().at(0).toLongLong(), qint64(6));
    QCOMPARE(chunk.last().at(0).toInt(), 1);

    // Two messages and the partial tail: a range of bytes each.
    Stream::selectRows(s.messageSelection, 0, 2);
    QCOMPARE(s.linker.highlightedChunkRows(), (IndexRange {0, 3}));
    QVERIFY(sameBytes(s.linker.highlightedBytes(), {{0, 6}, {6, 6}, {12, 1}}));
    QCOMPARE(s.linker.selectedMessageRows(), (IndexRange {0, 2}));
}

void tst_SelectionLinker::aByteSelectsItsMessage()
{
    Stream s;
    s.linker.selectByte(7);
    QCOMPARE(s.messageSelection.currentIndex().row(), 1);
    QCOMPARE(s.messageSelection.selectedRows().size(), 1);
    QCOMPARE(s.messageSelection.selectedRows().first().row(), 1);
    QCOMPARE(s.linker.highlightedChunkRows(), (IndexRange {1, 2}));

    // Another byte replaces the selection, as a click does.
    s.linker.selectByte(12);
    QCOMPARE(s.messageSelection.selectedRows().size(), 1);
    QCOMPARE(s.messageSelection.currentIndex().row(), 2);
    QVERIFY(!s.chunkSelection.hasSelection());

    // Past the end: nothing changes.
    s.linker.selectByte(100);
    QCOMPARE(s.messageSelection.currentIndex().row(), 2);
}

void tst_SelectionLinker::aByteOutsideEveryMessageSelectsItsChunk()
{
    Stream s;
    // All 13 bytes in one unfinished 20-byte frame: the partial row holds them.
    QString error;
    QVERIFY(s.channel.setFraming(QStringLiteral("fixed:len=20"), &error));
    s.messages.refresh();
    QCOMPARE(s.messages.rowCount(), 1); // the partial tail [0, 13)
    s.linker.selectByte(4);
    QCOMPARE(s.messageSelection.currentIndex().row(), 0);

    // Without a message table to select in, the chunk takes it.
    s.linker.setMessageSelection(nullptr);
    s.linker.selectByte(4);
    QCOMPARE(s.chunkSelection.currentIndex().row(), 1);
    QCOMPARE(s.linker.highlightedMessageRows(), (IndexRange {0, 0}));
}

void tst_SelectionLinker::rowsMapThroughAFilter()
{
    Stream s;
    MessageFilterModel filter;
    filter.setMessages(&s.messages);
    filter.setPattern("world");
    QCOMPARE(filter.rowCount(), 2); // "world\n" and the partial tail
    QItemSelectionModel filtered(&filter);
    s.linker.setMessageSelection(&filtered);

    // The filter's row 0 is the stream's message 1.
    Stream::selectRows(filtered, 0, 0);
    QCOMPARE(s.linker.selectedMessageRows(), (IndexRange {1, 1}));
    QCOMPARE(s.linker.highlightedChunkRows(), (IndexRange {1, 2}));
    QCOMPARE(s.linker.toSourceRow(1), 2);
    QCOMPARE(s.linker.toViewRow(2), 1);
    QCOMPARE(s.linker.toViewRow(0), -1);

    // A chunk lights message rows of the stream and scrolls to the filter's row.
    QSignalSpy message(&s.linker, &SelectionLinker::messageRowShown);
    Stream::selectRows(s.chunkSelection, 2, 3);
    QCOMPARE(s.linker.highlightedMessageRows(), (IndexRange {1, 2}));
    QCOMPARE(message.last().at(0).toInt(), 0);

    // A byte of a message the filter hides selects its chunk instead.
    s.linker.selectByte(1);
    QCOMPARE(s.chunkSelection.currentIndex().row(), 0);
    QCOMPARE(s.chunkSelection.selectedRows().size(), 1);
    s.linker.selectByte(8);
    QCOMPARE(filtered.currentIndex().row(), 0);
}

void tst_SelectionLinker::newFramingClearsHighlights()
{
    Stream s;
    Stream::selectRows(s.messageSelection, 0, 1);
    QVERIFY(!s.linker.highlightedChunkRows().isEmpty());
    QSignalSpy changed(&s.linker, &SelectionLinker::highlightsChanged);
    QString error;
    QVERIFY(s.channel.setFraming(QStringLiteral("fixed:len=4"), &error));
    s.messages.refresh(); // a reset: the old messages are gone
    QVERIFY(changed.count() >= 1);
    QVERIFY(s.linker.highlightedChunkRows().isEmpty());
    QVERIFY(s.linker.highlightedMessageRows().isEmpty());
    QVERIFY(s.linker.highlightedBytes().empty());

    s.linker.clear();
    QVERIFY(s.linker.highlightedBytes().empty());
}

QTEST_GUILESS_MAIN(tst_SelectionLinker)
#include "tst_selectionlinker.moc"
