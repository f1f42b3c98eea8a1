// SPDX-License-Identifier: GPL-3.0-or-later
// The text view's line index: where lines start after '\n' and after wrapping,
// the same whether the stream arrives at once or in pieces.
#include "views/textlineindex.h"

#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace TcpInspector;

namespace {

TextLineIndex indexOf(const QByteArray &bytes, int wrap)
{
    TextLineIndex index(wrap);
    index.append(bytes.constData(), bytes.size());
    return index;
}

std::vector<qint64> starts(const TextLineIndex &index)
{
    std::vector<qint64> result;
    for (qint64 line = 0; line < index.lineCount(); ++line)
        result.push_back(index.lineStart(line));
    return result;
}

// The rule spelled out byte by byte, to check the index against.
std::vector<qint64> naiveStarts(const QByteArray &bytes, int wrap)
{
    std::vector<qint64> result;
    qint64 start = 0;
    for (qint64 i = 0; i < bytes.size(); ++i) {
        if (bytes.at(i) == '\n' || i + 1 - start == wrap) {
            result.push_back(start);
            start = i + 1;
        }
    }
    if (start < bytes.size())
        result.push_back(start);
    return result;
}

QByteArray randomText(qsizetype size, quint32 seed)
{
    // Mostly short lines, some long enough to wrap, some empty, some \r\n.
    QRandomGenerator random(seed);
    QByteArray bytes(size, 'x');
    for (qsizetype i = 0; i < size; ++i) {
        const quint32 r = random.bounded(1000);
        if (r < 25)
            bytes[i] = '\n';
        else if (r < 30)
            bytes[i] = '\r';
        else
            bytes[i] = char(random.bounded(256));
    }
    return bytes;
}

} // namespace

class tst_TextLineIndex : public QObject
{
    Q_OBJECT

private slots:
    void emptyStream();
    void crLfAndBareLf();
    void wrapsAtWidth();
    void newlineAtTheWrapWidthEndsOneLine();
    void lastLineGrows();
    void incrementalEqualsOneShot_data();
    void incrementalEqualsOneShot();
    void lineOfAgreesWithStarts();
    void widestWrap();
    void memoryIsAboutOneBytePerLine();
};

void tst_TextLineIndex::emptyStream()
{
    const TextLineIndex index;
    QCOMPARE(index.wrapWidth(), 128);
    QCOMPARE(index.lineCount(), 0);
    QCOMPARE(index.lineStart(0), -1);
    QCOMPARE(index.lineEnd(0), -1);
    QCOMPARE(index.lineOf(0), -1);
}

void tst_TextLineIndex::crLfAndBareLf()
{
    // "a\r\n" | "b\n" | "\n" | "c" (still open)
    const TextLineIndex index = indexOf("a\r\nb\n\nc", 128);
    QCOMPARE(index.lineCount(), 4);
    QCOMPARE(starts(index), (std::vector<qint64> {0, 3, 5, 6}));
    QCOMPARE(index.lineEnd(0), 3); // the \r\n stays on its line
    QCOMPARE(index.lineEnd(1), 5);
    QCOMPARE(index.lineEnd(2), 6);
    QCOMPARE(index.lineEnd(3), 7);
    QCOMPARE(index.lineOf(1), 0); // the \r
    QCOMPARE(index.lineOf(2), 0); // the \n
    QCOMPARE(index.lineOf(3), 1);
    QCOMPARE(index.lineOf(5), 2);
    QCOMPARE(index.lineOf(6), 3);
    QCOMPARE(index.lineOf(7), -1); // not indexed
    // A bare \r does not end a line.
    QCOMPARE(starts(indexOf("a\rb\rc\n", 128)), (std::vector<qint64> {0}));
}

void tst_TextLineIndex::wrapsAtWidth()
{
    const TextLineIndex index = indexOf("abcdefghij\nk", 4);
    QCOMPARE(starts(index), (std::vector<qint64> {0, 4, 8, 11}));
    QCOMPARE(index.lineEnd(2), 11); // "ij\n"
    QCOMPARE(index.lineOf(3), 0);
    QCOMPARE(index.lineOf(4), 1);
    QCOMPARE(index.lineOf(10), 2);
    // A full line with nothing after it is finished, not open.
    const TextLineIndex full = indexOf("abcd", 4);
    QCOMPARE(full.lineCount(), 1);
    QCOMPARE(full.lineEnd(0), 4);
}

void tst_TextLineIndex::newlineAtTheWrapWidthEndsOneLine()
{
    // "abc\n" is exactly 4 bytes: one line, no empty one after it.
    QCOMPARE(starts(indexOf("abc\nde", 4)), (std::vector<qint64> {0, 4}));
    // "abcd" wraps, then the "\n" is a line of its own.
    QCOMPARE(starts(indexOf("abcd\ne", 4)), (std::vector<qint64> {0, 4, 5}));
}

void tst_TextLineIndex::lastLineGrows()
{
    TextLineIndex index(8);
    index.append("ab", 2);
    QCOMPARE(index.lineCount(), 1);
    QCOMPARE(index.lineEnd(0), 2);
    index.append("c\r", 2);
    QCOMPARE(index.lineCount(), 1);
    QCOMPARE(index.lineEnd(0), 4);
    index.append("\nd", 2); // \r and \n in two appends
    QCOMPARE(index.lineCount(), 2);
    QCOMPARE(index.lineEnd(0), 5);
    QCOMPARE(index.lineStart(1), 5);
    QCOMPARE(index.indexedBytes(), 6);
}

void tst_TextLineIndex::incrementalEqualsOneShot_data()
{
    QTest::addColumn<int>("wrap");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("wrap 128") << 128 << 1u;
    QTest::newRow("wrap 16") << 16 << 2u;
    QTest::newRow("wrap 1") << 1 << 3u;
    QTest::newRow("wrap 256") << 256 << 4u;
}

void tst_TextLineIndex::incrementalEqualsOneShot()
{
    QFETCH(int, wrap);
    QFETCH(quint32, seed);
    const QByteArray bytes = randomText(300 * 1000, seed);
    const TextLineIndex whole = indexOf(bytes, wrap);
    QCOMPARE(starts(whole), naiveStarts(bytes, wrap));

    TextLineIndex pieces(wrap);
    QRandomGenerator random(seed + 100);
    for (qsizetype at = 0; at < bytes.size();) {
        const qsizetype n = std::min<qsizetype>(random.bounded(1, 700), bytes.size() - at);
        pieces.append(bytes.constData() + at, n);
        at += n;
    }
    QCOMPARE(pieces.indexedBytes(), whole.indexedBytes());
    QCOMPARE(pieces.lineCount(), whole.lineCount());
    QCOMPARE(starts(pieces), starts(whole));
    for (qint64 line = 0; line < whole.lineCount(); ++line)
        QCOMPARE(pieces.lineEnd(line), whole.lineEnd(line));
}

void tst_TextLineIndex::lineOfAgreesWithStarts()
{
    const QByteArray bytes = randomText(100 * 1000, 7);
    const TextLineIndex index = indexOf(bytes, 64);
    QVERIFY(index.lineCount() > 1000); // many checkpoints
    for (qint64 line = 0; line < index.lineCount(); ++line) {
        const qint64 start = index.lineStart(line);
        const qint64 end = index.lineEnd(line);
        QVERIFY(end > start);
        QCOMPARE(index.lineOf(start), line);
        QCOMPARE(index.lineOf(end - 1), line);
        if (line + 1 < index.lineCount())
            QCOMPARE(index.lineStart(line + 1), end);
    }
    QCOMPARE(index.lineEnd(index.lineCount() - 1), bytes.size());
}

void tst_TextLineIndex::widestWrap()
{
    // Lines of exactly maxWrapWidth bytes must fit the one-byte lengths.
    const QByteArray bytes(TextLineIndex::maxWrapWidth * 3 + 5, 'a');
    const TextLineIndex index = indexOf(bytes, 1000); // clamped
    QCOMPARE(index.wrapWidth(), TextLineIndex::maxWrapWidth);
    QCOMPARE(starts(index), (std::vector<qint64> {0, 256, 512, 768}));
    QCOMPARE(index.lineEnd(2), 768);
    QCOMPARE(index.lineOf(767), 2);
}

void tst_TextLineIndex::memoryIsAboutOneBytePerLine()
{
    // 1 MiB of two-byte lines: 512 Ki lines.
    QByteArray bytes;
    for (int i = 0; i < 512 * 1024; ++i)
        bytes.append("x\n", 2);
    const TextLineIndex index = indexOf(bytes, 128);
    QCOMPARE(index.lineCount(), 512 * 1024);
    QCOMPARE(index.memoryBytes(), 512 * 1024 + 512 * 1024 / 256 * 8);
    qInfo("index of %lld lines: %lld bytes", index.lineCount(), index.memoryBytes());
}

QTEST_GUILESS_MAIN(tst_TextLineIndex)
#include "tst_textlineindex.moc"
