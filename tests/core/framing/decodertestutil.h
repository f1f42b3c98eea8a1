// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the decoder tests: decode one byte string under a given
// chunking, and check that chunking never changes what a decoder reports.

#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace TcpInspector::Testing {

/// Everything a decoder reported for one stream.
struct DecodeRun
{
    std::vector<Frame> frames;
    std::vector<FrameError> errors;
    PartialFrame partial;
    qint64 undecoded = 0;
    bool failed = false;
    QString createError;

    bool operator==(const DecodeRun &o) const
    {
        return frames == o.frames && errors == o.errors && partial.offset == o.partial.offset
               && partial.held == o.partial.held && partial.needed == o.partial.needed
               && undecoded == o.undecoded && failed == o.failed;
    }
};

/// Decodes bytes cut at the given offsets (sorted, inside (0, size)). When
/// finish is set, EOF follows the last byte.
inline DecodeRun decodeWithCuts(const QString &spec, const QByteArray &bytes,
                                const QList<qint64> &cuts, bool finish = true,
                                const QList<QByteArray> &peerFrames = {})
{
    DecodeRun run;
    std::unique_ptr<FrameDecoder> decoder
        = DecoderRegistry::instance().create(spec, &run.createError);
    if (!decoder)
        return run;
    for (const QByteArray &peer : peerFrames)
        decoder->notePeerFrame(peer.constData(), peer.size());
    FrameSink sink;
    qint64 start = 0;
    for (qint64 cut : cuts) {
        decoder->feed(bytes.constData() + start, cut - start, sink);
        start = cut;
    }
    decoder->feed(bytes.constData() + start, bytes.size() - start, sink);
    if (finish)
        decoder->finish(sink);
    run.frames = std::move(sink.frames);
    run.errors = std::move(sink.errors);
    run.partial = decoder->partial();
    run.undecoded = decoder->undecodedBytes();
    run.failed = decoder->hasFailed();
    return run;
}

inline DecodeRun decodeOneShot(const QString &spec, const QByteArray &bytes, bool finish = true,
                               const QList<QByteArray> &peerFrames = {})
{
    return decodeWithCuts(spec, bytes, {}, finish, peerFrames);
}

inline QByteArray describe(const DecodeRun &run)
{
    QByteArray text;
    for (const Frame &f : run.frames)
        text += QByteArray("frame@") + QByteArray::number(f.offset) + '+'
                + QByteArray::number(f.length) + " payload@" + QByteArray::number(f.payloadOffset)
                + '+' + QByteArray::number(f.payloadLength) + " hdr "
                + QByteArray::number(f.headerLength) + " kind " + QByteArray::number(f.kind)
                + " st " + QByteArray::number(f.status) + '\n';
    for (const FrameError &e : run.errors)
        text += QByteArray("error@") + QByteArray::number(e.offset) + " kind "
                + QByteArray::number(e.kind) + " discarded " + QByteArray::number(e.discarded)
                + (e.fatal ? " fatal " : " ") + e.message.toUtf8() + '\n';
    text += "partial@" + QByteArray::number(run.partial.offset) + " held "
            + QByteArray::number(run.partial.held) + " needed "
            + QByteArray::number(run.partial.needed) + " undecoded "
            + QByteArray::number(run.undecoded) + '\n';
    return text;
}

/// The chunking property: one-shot decoding equals decoding after every 2-way
/// split and after `randomRuns` random multi-way splits (fixed seed). Returns
/// false after QTest has recorded the first difference.
inline bool checkChunkingInvariance(const QString &spec, const QByteArray &bytes,
                                    int randomRuns = 500, quint32 seed = 20261128,
                                    const QList<QByteArray> &peerFrames = {})
{
    const DecodeRun whole = decodeOneShot(spec, bytes, true, peerFrames);
    if (!whole.createError.isEmpty()) {
        QTest::qFail(qPrintable(QStringLiteral("spec %1: %2").arg(spec, whole.createError)),
                     __FILE__, __LINE__);
        return false;
    }
    for (qint64 cut = 1; cut < bytes.size(); ++cut) {
        const DecodeRun split = decodeWithCuts(spec, bytes, {cut}, true, peerFrames);
        if (!(split == whole)) {
            QTest::qFail(qPrintable(QStringLiteral("spec %1: a split at %2 of %3 bytes differs.\n"
                                                   "one shot:\n%4split:\n%5")
                                        .arg(spec)
                                        .arg(cut)
                                        .arg(bytes.size())
                                        .arg(QString::fromUtf8(describe(whole)),
                                             QString::fromUtf8(describe(split)))),
                         __FILE__, __LINE__);
            return false;
        }
    }
    QRandomGenerator random(seed);
    for (int run = 0; run < randomRuns && bytes.size() > 1; ++run) {
        const int pieces = 2 + int(random.bounded(std::min<qint64>(bytes.size() - 1, 64)));
        QList<qint64> cuts;
        for (int i = 0; i < pieces; ++i)
            cuts.append(1 + qint64(random.bounded(quint64(bytes.size() - 1))));
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        const DecodeRun split = decodeWithCuts(spec, bytes, cuts, true, peerFrames);
        if (!(split == whole)) {
            QStringList where;
            for (qint64 c : cuts)
                where.append(QString::number(c));
            QTest::qFail(qPrintable(QStringLiteral("spec %1: random split %2 (cuts %3) differs.\n"
                                                   "one shot:\n%4split:\n%5")
                                        .arg(spec)
                                        .arg(run)
                                        .arg(where.join(QLatin1Char(',')),
                                             QString::fromUtf8(describe(whole)),
                                             QString::fromUtf8(describe(split)))),
                         __FILE__, __LINE__);
            return false;
        }
    }
    return true;
}

/// Feeds block again and again, 256 MiB in all, and prints how fast that ran.
/// Speed is measured in bench/ (this runs under sanitizers too); what the test
/// checks is that every block still yields expectedFrames frames.
inline bool decodeRepeatedly(const char *spec, const QByteArray &block, size_t expectedFrames)
{
    std::unique_ptr<FrameDecoder> decoder
        = DecoderRegistry::instance().create(QString::fromLatin1(spec), nullptr);
    if (!decoder)
        return false;
    FrameSink sink;
    sink.frames.reserve(expectedFrames);
    const qint64 total = qint64(256) << 20;
    QElapsedTimer timer;
    timer.start();
    for (qint64 at = 0; at < total; at += block.size()) {
        sink.clear();
        decoder->feed(block, sink);
        if (sink.frames.size() != expectedFrames)
            return false;
    }
    const double seconds = double(std::max<qint64>(timer.nsecsElapsed(), 1)) / 1e9;
    qInfo("%s: %.0f MB/s", spec, double(total) / seconds / 1e6);
    return true;
}

/// A frame literal for expectations: offset, length, payload offset and length,
/// header length, kind, status.
inline Frame frame(qint64 offset, qint64 length, qint64 payloadOffset, qint64 payloadLength,
                   qint32 headerLength = 0, quint16 kind = 0,
                   Frame::Status status = Frame::Complete)
{
    Frame f;
    f.offset = offset;
    f.length = length;
    f.payloadOffset = payloadOffset;
    f.payloadLength = payloadLength;
    f.headerLength = headerLength;
    f.kind = kind;
    f.status = status;
    return f;
}

} // namespace TcpInspector::Testing
