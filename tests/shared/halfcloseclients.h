// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <memory>
#include <vector>

/// The everyday client of an echo server, many times over: `echo x | socat -
/// TCP:127.0.0.1:PORT`, which sends one line, half-closes (FIN) as its stdin
/// ends and prints what comes back. Runs count of them, parallel at a time,
/// and counts the clients that got their line back. The event loop keeps
/// running meanwhile, so a server on this thread (or a Workbench that adopts
/// its connections here) goes on working.
class HalfCloseClients
{
public:
    static bool available() { return !QStandardPaths::findExecutable(program()).isEmpty(); }

    struct Result
    {
        int finished = 0; ///< clients that ended within the time allowed
        int echoed = 0;   ///< clients that read back exactly the line they sent
    };

    static Result run(quint16 port, int count, int parallel, int timeoutMs)
    {
        Result result;
        int started = 0;
        std::vector<std::unique_ptr<QProcess>> running;
        const QDeadlineTimer deadline(timeoutMs);
        while (result.finished < count && !deadline.hasExpired()) {
            while (started < count && int(running.size()) < parallel) {
                running.push_back(start(port));
                ++started;
            }
            QTest::qWait(5);
            for (auto it = running.begin(); it != running.end();) {
                if ((*it)->state() != QProcess::NotRunning) {
                    ++it;
                    continue;
                }
                ++result.finished;
                if ((*it)->readAllStandardOutput() == line())
                    ++result.echoed;
                it = running.erase(it);
            }
        }
        for (auto &process : running) {
            process->kill();
            process->waitForFinished(1000);
        }
        return result;
    }

private:
    static QString program() { return QStringLiteral("socat"); }
    static QByteArray line() { return QByteArrayLiteral("x\n"); }

    static std::unique_ptr<QProcess> start(quint16 port)
    {
        auto process = std::make_unique<QProcess>();
        // -t 10: after its FIN, socat waits this long for the server's side to
        // end (0.5 s by default), so that a loaded machine is not a lost echo.
        // It does not change what the server sees.
        process->start(program(), {QStringLiteral("-t"), QStringLiteral("10"), QStringLiteral("-"),
                                   QStringLiteral("TCP:127.0.0.1:%1").arg(port)});
        process->write(line());
        process->closeWriteChannel();
        return process;
    }
};
