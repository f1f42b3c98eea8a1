// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace TcpInspector {

/// A program a benchmark runs beside itself, with its stdout and stderr kept
/// in files and its peak RSS read from wait4(2) (QProcess does not give the
/// child's rusage).
class ChildProcess
{
public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    bool start(const QString &program, const QStringList &arguments);
    /// False once it has exited (then reaped: exitCode() and peakRssBytes() hold).
    bool running();
    /// Waits for the exit, at most timeoutMs, then kills it.
    void wait(int timeoutMs);

    int exitCode() const { return m_exitCode; }
    qint64 peakRssBytes() const { return m_peakRss; }
    /// User plus system CPU time of the child: on a shared machine a steadier
    /// measure of its cost than the wall time.
    double cpuSeconds() const { return m_cpuSeconds; }
    QByteArray standardOutput() const;
    QByteArray standardError() const;

private:
    bool reap(int options);

    pid_t m_pid = -1;
    int m_exitCode = -1;
    qint64 m_peakRss = -1;
    double m_cpuSeconds = -1;
    QString m_outPath;
    QString m_errPath;
};

} // namespace TcpInspector
