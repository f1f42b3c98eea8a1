// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzharness.h"

#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"
#include "recording/sessionloader.h"
#include "scenario/scenarioparser.h"
#include "text/bytetext.h"

#include <QString>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace TcpInspector::Fuzz {

// Small limits so that oversize and skip paths are reached with small inputs.
const FuzzTarget fuzzTargets[] = {
    {"spec", nullptr, FuzzKind::Spec},
    {"raw", "raw"},
    {"line", "line:max=64"},
    {"line_crlf_fail", "line:eol=crlf,max=32,oversize=fail"},
    {"delim", "delim:hex=0d0a,hex=00,hex=7c7c,max=64"},
    {"fixed", "fixed:len=7"},
    {"length", "length:bytes=2,max=1K"},
    {"length_netty", "length:bytes=3,offset=1,adjust=-2,strip=2,max=4K,endian=little"},
    {"varint", "varint:max=1K"},
    {"http", "http:max=4K,maxhead=1K"},
    {"resp", "resp:max=1K,maxline=256"},
    {"tls", "tls"},
    {"session", nullptr, FuzzKind::Session},
    {"bytetext", nullptr, FuzzKind::ByteText},
    {"scenario", nullptr, FuzzKind::Scenario},
};
const size_t fuzzTargetCount = sizeof(fuzzTargets) / sizeof(fuzzTargets[0]);

namespace {

[[noreturn]] void broken(const char *spec, const char *what)
{
    std::fprintf(stderr, "decoder '%s' broke a promise: %s\n", spec, what);
    std::abort();
}

struct Result
{
    std::vector<Frame> frames;
    std::vector<FrameError> errors;
    PartialFrame partial;
    qint64 undecoded = 0;
};

Result decode(const char *spec, const uint8_t *data, size_t size, const std::vector<size_t> &cuts)
{
    std::unique_ptr<FrameDecoder> decoder
        = DecoderRegistry::instance().create(QString::fromLatin1(spec), nullptr);
    if (!decoder)
        broken(spec, "its fuzz spec does not build");
    FrameSink sink;
    size_t start = 0;
    for (size_t cut : cuts) {
        decoder->feed(reinterpret_cast<const char *>(data) + start, qint64(cut - start), sink);
        start = cut;
    }
    decoder->feed(reinterpret_cast<const char *>(data) + start, qint64(size - start), sink);
    decoder->finish(sink);
    return {std::move(sink.frames), std::move(sink.errors), decoder->partial(),
            decoder->undecodedBytes()};
}

void checkShape(const char *spec, const Result &result, size_t size)
{
    qint64 previousEnd = 0;
    for (const Frame &f : result.frames) {
        if (f.length <= 0 && QByteArray(spec) != "raw")
            broken(spec, "a frame with no bytes");
        if (f.offset < previousEnd)
            broken(spec, "frames out of order or overlapping");
        if (f.end() > qint64(size))
            broken(spec, "a frame past the bytes fed");
        if (f.payloadOffset < f.offset || f.payloadLength < 0
            || f.payloadOffset + f.payloadLength > f.end())
            broken(spec, "a payload outside its frame");
        if (f.headerLength < 0 || f.headerLength > f.length)
            broken(spec, "a header longer than its frame");
        previousEnd = f.end();
    }
    for (const FrameError &e : result.errors) {
        if (e.offset < 0 || e.offset > qint64(size) || e.discarded < 0
            || e.offset + e.discarded > qint64(size))
            broken(spec, "an error outside the bytes fed");
        if (e.message.isEmpty())
            broken(spec, "an error without a message");
    }
    if (result.partial.held < 0 || result.partial.offset + result.partial.held > qint64(size))
        broken(spec, "a partial tail outside the bytes fed");
}

bool sameResult(const Result &a, const Result &b)
{
    return a.frames == b.frames && a.errors == b.errors && a.partial.offset == b.partial.offset
           && a.partial.held == b.partial.held && a.partial.needed == b.partial.needed
           && a.undecoded == b.undecoded;
}

} // namespace

void fuzzDecoder(const char *spec, const uint8_t *data, size_t size)
{
    // The first byte seeds the chunking, so the fuzzer explores cut positions too.
    if (size == 0)
        return;
    unsigned state = data[0] * 2654435761u + 1;
    ++data;
    --size;
    const Result whole = decode(spec, data, size, {});
    checkShape(spec, whole, size);
    if (QByteArray(spec) == "raw" || size < 2)
        return; // raw frames are the reads: chunking changes them by design
    std::vector<size_t> cuts;
    for (size_t at = 0;;) {
        state = state * 1103515245u + 12345u;
        at += 1 + (state >> 16) % 13;
        if (at >= size)
            break;
        cuts.push_back(at);
    }
    if (!sameResult(whole, decode(spec, data, size, cuts)))
        broken(spec, "chunking changed the result");
}

void fuzzSpec(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    std::unique_ptr<FrameDecoder> decoder = DecoderRegistry::instance().create(text, &error);
    if (!decoder && error.isEmpty())
        broken("spec", "a refused spec without a message");
    if (decoder) {
        // A spec that builds must decode a little of anything without trouble.
        FrameSink sink;
        decoder->feed(reinterpret_cast<const char *>(data), qint64(size), sink);
        decoder->finish(sink);
    }
}

void fuzzSession(const uint8_t *data, size_t size)
{
    StreamStore::Options budget;
    budget.memoryBudget = 64 * 1024;
    LoadOptions options;
    options.store = budget;
    LoadedSession session;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (!loadSession(std::make_unique<MemoryInput>(bytes), &session, options)) {
        if (session.problems.isEmpty())
            broken("session", "refused without saying why");
        return;
    }
    QByteArray buffer;
    for (const auto &c : session.connections) {
        for (const StreamChannel *channel : {&c->rx(), &c->tx()}) {
            const StreamStore &store = channel->store();
            qint64 end = store.firstChunk() < store.chunkCount()
                             ? store.chunk(store.firstChunk()).offset
                             : store.size();
            for (qint64 i = store.firstChunk(); i < store.chunkCount(); ++i) {
                const ChunkRecord chunk = store.chunk(i);
                if (chunk.offset != end || chunk.size < 0 || chunk.end() > store.size())
                    broken("session", "chunks not contiguous or past the stream");
                buffer.resize(qsizetype(chunk.size));
                if (store.read(chunk.offset, buffer.data(), chunk.size) != chunk.size)
                    broken("session", "a chunk's bytes cannot be read");
                end = chunk.end();
            }
            if (end != store.size())
                broken("session", "bytes after the last chunk");
            for (const Frame &f : channel->frames(channel->firstFrame(), channel->frameCount()))
                if (f.end() > store.size())
                    broken("session", "a frame past the stream");
        }
    }
    for (const SessionError &p : session.problems) {
        if (p.message.isEmpty())
            broken("session", "a problem without a message");
    }
}

void fuzzByteText(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const ByteText::ParseResult &r :
         {ByteText::parseHex(text), ByteText::parseCEscapes(text)}) {
        if (r.isValid())
            continue;
        if (r.error.isEmpty() || r.errorPosition < 0 || r.errorPosition >= text.size()
            || r.errorLength <= 0 || r.errorLine < 1 || r.errorColumn < 1 || !r.bytes.isEmpty())
            broken("bytetext", "an error without a message or a place in the text");
    }
    // Whatever the bytes, what escape() writes reads back to them.
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    for (ByteText::EscapeOptions options :
         {ByteText::EscapeOptions(), ByteText::EscapeOptions(ByteText::EscapeNul),
          ByteText::EscapeOptions(ByteText::EscapeDoubleQuote | ByteText::KeepUtf8)}) {
        const ByteText::ParseResult back
            = ByteText::parseCEscapes(ByteText::escape(bytes, options));
        if (!back.isValid() || back.bytes != bytes)
            broken("bytetext", "escape() wrote what parseCEscapes() does not read back");
    }
}

void fuzzScenario(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype lines = text.count(QLatin1Char('\n')) + 1;
    // A folder nobody has: "file" steps name files that are not there.
    const QString nowhere = QStringLiteral("/nonexistent-fuzz-folder");
    const ScenarioFile file = ScenarioParser().parseText(text, QStringLiteral("fuzz.scn"), nowhere);
    for (const ScenarioDiagnostic &d : file.diagnostics) {
        if (d.message.isEmpty() || d.line < 1 || d.line > lines + 1 || d.column < 1)
            broken("scenario", "a diagnostic without a message or a place in the file");
    }
    const ScenarioFile again
        = ScenarioParser().parseText(text, QStringLiteral("fuzz.scn"), nowhere);
    if (again.diagnostics.size() != file.diagnostics.size()
        || again.scenarios.size() != file.scenarios.size())
        broken("scenario", "the same text parsed twice gave two results");
}

void runFuzzTarget(const FuzzTarget &target, const uint8_t *data, size_t size)
{
    switch (target.kind) {
    case FuzzKind::Decoder:
        fuzzDecoder(target.spec, data, size);
        break;
    case FuzzKind::Spec:
        fuzzSpec(data, size);
        break;
    case FuzzKind::Session:
        fuzzSession(data, size);
        break;
    case FuzzKind::ByteText:
        fuzzByteText(data, size);
        break;
    case FuzzKind::Scenario:
        fuzzScenario(data, size);
        break;
    }
}

} // namespace TcpInspector::Fuzz
