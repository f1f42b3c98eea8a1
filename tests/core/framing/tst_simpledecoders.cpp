// SPDX-License-Identifier: GPL-3.0-or-later
// raw and fixed: the two decoders with no state beyond a frame start.
#include "decodertestutil.h"

#include <QTest>

using namespace TcpInspector;
using namespace TcpInspector::Testing;

class tst_SimpleDecoders : public QObject
{
    Q_OBJECT

private slots:
    void rawFollowsTheReads();
    void fixedFrames();
    void fixedChunkingInvariance();
    void fixedPartialSaysWhatIsMissing();
};

void tst_SimpleDecoders::rawFollowsTheReads()
{
    // raw is the one framing that chunking is meant to change: it shows reads.
    const DecodeRun run = decodeWithCuts("raw", "hello world", {3, 4});
    QCOMPARE(run.frames.size(), size_t(3));
    QCOMPARE(run.frames[0], frame(0, 3, 0, 3));
    QCOMPARE(run.frames[1], frame(3, 1, 3, 1));
    QCOMPARE(run.frames[2], frame(4, 7, 4, 7));
    QCOMPARE(run.partial.held, 0);
}

void tst_SimpleDecoders::fixedFrames()
{
    const DecodeRun run = decodeWithCuts("fixed:len=4", "aaaabbbbcc", {1, 6});
    QCOMPARE(run.frames.size(), size_t(2));
    QCOMPARE(run.frames[0], frame(0, 4, 0, 4));
    QCOMPARE(run.frames[1], frame(4, 4, 4, 4));
    QVERIFY(run.errors.empty());
}

void tst_SimpleDecoders::fixedChunkingInvariance()
{
    QByteArray bytes;
    for (int i = 0; i < 300; ++i)
        bytes.append(char(i));
    QVERIFY(checkChunkingInvariance("fixed:len=7", bytes));
    QVERIFY(checkChunkingInvariance("fixed:len=1", bytes.left(40)));
}

void tst_SimpleDecoders::fixedPartialSaysWhatIsMissing()
{
    const DecodeRun run = decodeOneShot("fixed:len=120", QByteArray(157, 'x'));
    QCOMPARE(run.frames.size(), size_t(1));
    QCOMPARE(run.partial.offset, 120);
    QCOMPARE(run.partial.held, 37);
    QCOMPARE(run.partial.needed, 83);
}

QTEST_GUILESS_MAIN(tst_SimpleDecoders)
#include "tst_simpledecoders.moc"
