// SPDX-License-Identifier: GPL-3.0-or-later
// bench/ingest, the StreamChannel and engine cases of issue 9: how fast the
// bytes of a connection can be recorded, and how fast a loopback connection
// runs through the engine, each against a baseline measured in the same run
// (a memcpy into one buffer; plain blocking sockets, case (a) of the wire
// section).
#include "ingestchannel.h"

#include "benchsupport.h"
#include "loopbacksender.h"
#include "streampattern.h"

#include "net/clientendpoint.h"
#include "net/connection.h"
#include "net/serverendpoint.h"
#include "stream/streamchannel.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace TcpInspector {

namespace {

constexpr qint64 readSize = 64 * 1024;

/// GB/s of recording total bytes in 64 KiB chunks through a StreamChannel.
double channelGbps(const QByteArray &chunk, qint64 total, const QString &framing,
                   const StreamStore::Options &options)
{
    StreamChannel channel(Direction::Rx, options);
    QString error;
    channel.setFraming(framing, &error);
    QElapsedTimer timer;
    timer.start();
    for (qint64 at = 0; at < total; at += chunk.size())
        channel.append(chunk.constData(), chunk.size(), at);
    return double(total) / double(timer.nsecsElapsed());
}

double memcpyGbps(const QByteArray &chunk, qint64 total)
{
    // Into fresh, untouched memory of the same size: the least any recorder
    // that keeps every byte must do. On this project's VMs the first touch of
    // a page (a fault, and zeroing) costs far more than the copy itself, so a
    // baseline over memory touched beforehand would compare with the wrong thing.
    std::unique_ptr<char[]> sink(new char[size_t(total)]);
    QElapsedTimer timer;
    timer.start();
    for (qint64 at = 0; at < total; at += chunk.size())
        std::memcpy(sink.get() + at, chunk.constData(), size_t(chunk.size()));
    const double gbps = double(total) / double(timer.nsecsElapsed());
    volatile char keep = sink[size_t(total - 1)];
    (void)keep;
    return gbps;
}

/// GB/s of total bytes from a native client to a native server on loopback.
double engineGbps(EngineKind engine, qint64 total)
{
    ServerEndpoint server;
    ServerOptions serverOptions;
    serverOptions.address
        = *HostPort::parse(QStringLiteral("127.0.0.1:0"), HostPort::Use::Listen, nullptr);
    serverOptions.connection.engine = engine;
    serverOptions.connection.store.memoryBudget = 256 * 1024 * 1024;
    SocketErrorInfo error;
    if (!server.listen(serverOptions, &error))
        return -1;
    ClientEndpoint client;
    ClientOptions clientOptions;
    clientOptions.target = server.boundAddress();
    clientOptions.connection.engine = engine;
    Connection *sender = client.connectTo(clientOptions);
    QEventLoop loop;
    QElapsedTimer timer;
    const QByteArray block(4 * 1024 * 1024, 'z');
    qint64 queued = 0;
    QObject::connect(&server, &ServerEndpoint::connectionAccepted, &loop, [&](Connection *c) {
        QObject::connect(c, &Connection::chunkRecorded, &loop, [&, c](Direction d, qint64, qint64) {
            if (d == Direction::Rx && c->rx().store().size() >= total)
                loop.quit();
        });
    });
    // Keep about 16 MB in flight: enough to fill the pipe, not the memory.
    QTimer feeder;
    QObject::connect(&feeder, &QTimer::timeout, &loop, [&] {
        while (queued < total && sender->pendingBytes() < 16 * 1024 * 1024
               && sender->state() == ConnectionState::Established) {
            if (queued == 0)
                timer.start();
            sender->send(block);
            queued += block.size();
        }
    });
    feeder.start(0);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    return timer.isValid() ? double(total) / double(timer.nsecsElapsed()) : -1;
}

} // namespace

void printChannelSection()
{
    const int runs = 5;
    const qint64 total = 512 * 1024 * 1024;
    StreamPattern lines(StreamPattern::Kind::Lines64);
    const QByteArray chunk = lines.piece(0).left(readSize);

    std::printf("| what | GB/s | baseline | baseline GB/s | ratio |\n|---|---|---|---|---|\n");
    struct Case
    {
        const char *name;
        QString framing;
        qint64 budget;
    };
    const std::vector<Case> cases = {
        {"StreamChannel, raw, in memory", QStringLiteral("raw"), total * 2},
        {"StreamChannel, line, in memory", QStringLiteral("line"), total * 2},
        {"StreamChannel, line, 64 MiB budget (spills)", QStringLiteral("line"), 64 * 1024 * 1024},
    };
    for (const Case &c : cases) {
        std::vector<double> recorded, copied;
        for (int run = 0; run < runs; ++run) {
            StreamStore::Options options;
            options.memoryBudget = c.budget;
            copied.push_back(memcpyGbps(chunk, total));
            recorded.push_back(channelGbps(chunk, total, c.framing, options));
        }
        std::printf("| %s, 512 MiB in 64 KiB reads | %.2f | memcpy into fresh memory | %.2f | "
                    "%.3f |\n",
                    c.name, median(recorded), median(copied), median(recorded) / median(copied));
        std::fflush(stdout);
    }
    const qint64 wire = 256 * 1024 * 1024;
    for (EngineKind engine : {EngineKind::Native, EngineKind::Qt}) {
        std::vector<double> through, plain;
        for (int run = 0; run < 3; ++run) {
            plain.push_back(sendToDiscardingReader(lines, wire).sent.gbps());
            through.push_back(engineGbps(engine, wire));
        }
        std::printf("| loopback, %s engine both ends, 256 MiB, recorded both ways | %.2f | plain "
                    "blocking sockets | %.2f | %.3f |\n",
                    qPrintable(engineKey(engine)), median(through), median(plain),
                    median(through) / median(plain));
        std::fflush(stdout);
    }
}

} // namespace TcpInspector
