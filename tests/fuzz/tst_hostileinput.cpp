// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile bytes in the normal build (docs/ROBUSTNESS.md): random garbage
// through every decoder the registry knows and every fuzz target, a length
// header that claims 4 GiB and a 100 MB line without a newline. The decoders
// must report, not allocate what a header claims or hold what they discard.
#include "fuzzharness.h"
#include "shared/residentmemory.h"

#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <memory>

using namespace TcpInspector;

namespace {

QByteArray garbage(quint32 seed, qsizetype size)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(random.bounded(256));
    return bytes;
}

} // namespace

class tst_HostileInput : public QObject
{
    Q_OBJECT

private slots:
    void garbageThroughEveryDecoder();
    void garbageThroughEveryFuzzTarget();
    void fourGigabyteLengthHeader();
    void hundredMegabyteLineWithoutNewline();
};

void tst_HostileInput::garbageThroughEveryDecoder()
{
    // fuzzDecoder aborts the test with the broken promise's name: frames in
    // order and inside the bytes, errors with messages, chunking invariance.
    QStringList specs;
    for (const DecoderInfo &info : DecoderRegistry::instance().decoders()) {
        specs << info.example;
        // The defaults too, where the name alone builds (fixed needs a len).
        if (DecoderRegistry::instance().create(info.name, nullptr))
            specs << info.name;
    }
    QVERIFY(specs.size() >= 9);
    for (quint32 seed = 1; seed <= 4; ++seed) {
        const QByteArray bytes = garbage(seed, 64 * 1024);
        for (const QString &spec : specs) {
            const QByteArray latin = spec.toLatin1();
            QElapsedTimer timer;
            timer.start();
            Fuzz::fuzzDecoder(latin.constData(), reinterpret_cast<const uint8_t *>(bytes.data()),
                              size_t(bytes.size()));
            QVERIFY2(timer.elapsed() < 5000, latin.constData());
        }
    }
}

void tst_HostileInput::garbageThroughEveryFuzzTarget()
{
    // The spec parser and the session reader as well as the fuzzers' specs.
    for (quint32 seed = 10; seed < 14; ++seed) {
        const QByteArray bytes = garbage(seed, 16 * 1024);
        for (size_t i = 0; i < Fuzz::fuzzTargetCount; ++i)
            Fuzz::runFuzzTarget(Fuzz::fuzzTargets[i],
                                reinterpret_cast<const uint8_t *>(bytes.data()),
                                size_t(bytes.size()));
    }
    // A session file's magic followed by garbage goes further into the reader.
    QByteArray session("\x89TCPI\r\n\x1a", 8);
    session += garbage(99, 16 * 1024);
    Fuzz::fuzzSession(reinterpret_cast<const uint8_t *>(session.data()), size_t(session.size()));
}

void tst_HostileInput::fourGigabyteLengthHeader()
{
    const qint64 before = residentBytes();
    for (const char *spec : {"length:bytes=4", "length:bytes=4,oversize=fail"}) {
        std::unique_ptr<FrameDecoder> decoder = DecoderRegistry::instance().create(spec, nullptr);
        QVERIFY(decoder);
        FrameSink sink;
        decoder->feed(QByteArray::fromHex("FFFFFFFF") + QByteArray(1000, 'x'), sink);
        decoder->finish(sink);
        QCOMPARE(sink.frames.size(), size_t(0));
        QCOMPARE(sink.errors.size(), size_t(1));
        QCOMPARE(sink.errors[0].kind, FrameError::Oversize);
        QVERIFY(!sink.errors[0].message.isEmpty());
        qInfo("%s: %s", spec, qPrintable(sink.errors[0].message));
    }
    // Nothing near 4 GiB (nor 16 MiB, the default max) was ever allocated.
    QVERIFY2(residentBytes() - before < 8 * 1024 * 1024, qPrintable(QString::number(before)));
}

void tst_HostileInput::hundredMegabyteLineWithoutNewline()
{
    std::unique_ptr<FrameDecoder> decoder = DecoderRegistry::instance().create("line", nullptr);
    QVERIFY(decoder);
    const qint64 total = 100 * 1000 * 1000;
    const QByteArray block(64 * 1024, 'y');
    FrameSink sink;
    const qint64 before = residentBytes();
    QElapsedTimer timer;
    timer.start();
    qint64 fed = 0;
    while (fed < total) {
        const qint64 n = std::min<qint64>(block.size(), total - fed);
        decoder->feed(block.constData(), n, sink);
        fed += n;
    }
    decoder->finish(sink);
    const qint64 ms = timer.elapsed();
    QCOMPARE(sink.frames.size(), size_t(0));
    // Past the default max (16 MiB) the line is oversize: reported once with
    // every byte it threw away, the decoder still running (skip is the default).
    QCOMPARE(sink.errors.size(), size_t(1));
    QCOMPARE(sink.errors[0].kind, FrameError::Oversize);
    QCOMPARE(sink.errors[0].discarded, total);
    QVERIFY(!sink.errors[0].fatal);
    QVERIFY(!decoder->hasFailed());
    QVERIFY2(residentBytes() - before < 8 * 1024 * 1024, "the decoder held the line's bytes");
    QVERIFY2(ms < 20000, qPrintable(QString::number(ms)));
    qInfo("100 MB line without a newline decoded in %.1f ms", double(timer.nsecsElapsed()) / 1e6);
}

QTEST_GUILESS_MAIN(tst_HostileInput)
#include "tst_hostileinput.moc"
