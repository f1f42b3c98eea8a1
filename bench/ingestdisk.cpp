// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingestdisk.h"

#include "benchsupport.h"
#include "streampattern.h"

#include <QElapsedTimer>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#ifdef TCPI_BENCH_LZ4
#include <lz4.h>
#endif

namespace TcpInspector {

namespace {

constexpr qint64 spillBlock = 64 * 1024;
constexpr qint64 bigWrite = 1024 * 1024;

struct AlignedFree
{
    void operator()(char *p) const { std::free(p); }
};
using AlignedBuffer = std::unique_ptr<char, AlignedFree>;

// O_DIRECT wants the buffer, the offset and the size aligned to the logical
// block (4 KiB is safe everywhere).
AlignedBuffer alignedCopy(const QByteArray &bytes)
{
    AlignedBuffer buffer(static_cast<char *>(std::aligned_alloc(4096, size_t(bytes.size()))));
    std::memcpy(buffer.get(), bytes.constData(), size_t(bytes.size()));
    return buffer;
}

/// GB/s of writing total bytes in writes of size; -1 when the file system
/// refuses (O_DIRECT on tmpfs).
double writeGbps(const QString &path, const char *data, qint64 dataSize, qint64 total, qint64 size,
                 bool direct, bool sync)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(),
                          O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (direct ? O_DIRECT : 0), 0600);
    if (fd < 0)
        return -1;
    QElapsedTimer timer;
    timer.start();
    bool ok = true;
    for (qint64 at = 0; ok && at < total; at += size) {
        // pwrite as StreamStore::spillLocked() does, at the block's own offset.
        const char *from = data + (at % dataSize);
        ok = ::pwrite(fd, from, size_t(size), at) == ssize_t(size);
    }
    if (ok && sync)
        ok = ::fdatasync(fd) == 0;
    const double gbps = ok ? double(total) / double(timer.nsecsElapsed()) : -1;
    ::close(fd);
    ::unlink(name.constData());
    return gbps;
}

struct Compression
{
    double gbps = -1; ///< input bytes per second, one thread
    double ratio = 0; ///< compressed / input
};

Compression lz4Blocks(const QByteArray &piece, qint64 total)
{
    Compression result;
#ifdef TCPI_BENCH_LZ4
    std::vector<char> out(static_cast<size_t>(LZ4_compressBound(int(spillBlock))));
    qint64 compressed = 0;
    QElapsedTimer timer;
    timer.start();
    for (qint64 at = 0; at < total; at += spillBlock) {
        const char *from = piece.constData() + (at % piece.size());
        compressed += LZ4_compress_default(from, out.data(), int(spillBlock), int(out.size()));
    }
    result.gbps = double(total) / double(timer.nsecsElapsed());
    result.ratio = double(compressed) / double(total);
#else
    Q_UNUSED(piece);
    Q_UNUSED(total);
#endif
    return result;
}

void printRow(const char *what, const std::vector<double> &gbps, double direct)
{
    const double m = median(gbps);
    if (m < 0) {
        std::printf("| %s | refused | | |\n", what);
        return;
    }
    std::printf("| %s | %.2f | %.2f | %d |\n", what, m, direct > 0 ? m / direct : 0,
                int(gbps.size()));
    std::fflush(stdout);
}

} // namespace

double printDiskSection(StreamPattern &pattern, qint64 total, int runs, const QString &directory)
{
    const QByteArray piece = pattern.piece(0);
    const AlignedBuffer data = alignedCopy(piece);
    const QString path = directory + QStringLiteral("/bench-ingest-disk.tmp");
    total = total / bigWrite * bigWrite;
    struct Case
    {
        const char *what;
        qint64 size;
        bool direct;
        bool sync;
        std::vector<double> gbps;
    };
    std::vector<Case> cases = {
        {"(e) O_DIRECT, 1 MiB writes, fdatasync at the end", bigWrite, true, true, {}},
        {"O_DIRECT, 64 KiB writes (one spill block each)", spillBlock, true, true, {}},
        {"page cache, 64 KiB pwrite (as the store spills today), no sync",
         spillBlock,
         false,
         false,
         {}},
        {"page cache, 64 KiB pwrite, fdatasync at the end", spillBlock, false, true, {}},
    };
    // Alternating the cases run by run, so that a neighbour's burst on the
    // shared machine does not land on one case only.
    for (int run = 0; run < runs; ++run) {
        for (Case &c : cases)
            c.gbps.push_back(
                writeGbps(path, data.get(), piece.size(), total, c.size, c.direct, c.sync));
    }
    const double direct = median(cases.front().gbps);
    std::printf("\nSpill folder %s, %lld MiB per run.\n\n| disk case | GB/s | ratio to (e) | "
                "runs |\n|---|---|---|---|\n",
                qPrintable(directory), total >> 20);
    for (const Case &c : cases)
        printRow(c.what, c.gbps, direct);

    for (StreamPattern::Kind kind : {StreamPattern::Kind::Lines64, StreamPattern::Kind::Frames4K}) {
        StreamPattern source(kind);
        std::vector<double> speeds;
        Compression last;
        for (int run = 0; run < runs; ++run) {
            last = lz4Blocks(source.piece(run), total);
            speeds.push_back(last.gbps);
        }
        const double c = median(speeds);
        if (c < 0) {
            std::printf("| lz4 on 64 KiB blocks, %s | not built (no liblz4-dev) | | |\n",
                        source.label());
            continue;
        }
        // One thread compressing, then writing the smaller result with O_DIRECT:
        // the input rate such a spill would take, if nothing overlaps.
        const double spill = 1.0 / (1.0 / c + last.ratio / direct);
        std::printf("| lz4 on 64 KiB blocks, %s: compress (size x%.3f) | %.2f | %.2f | %d |\n",
                    source.label(), last.ratio, c, c / direct, runs);
        std::printf("| lz4 then O_DIRECT, %s, one thread, no overlap | %.2f | %.2f | %d |\n",
                    source.label(), spill, spill / direct, runs);
    }
    std::fflush(stdout);
    return direct;
}

} // namespace TcpInspector
