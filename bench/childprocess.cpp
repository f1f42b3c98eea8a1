// SPDX-License-Identifier: GPL-3.0-or-later
#include "childprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <chrono>
#include <csignal>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace TcpInspector {

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

ChildProcess::~ChildProcess()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        reap(0);
    }
    if (!m_outPath.isEmpty()) {
        QFile::remove(m_outPath);
        QFile::remove(m_errPath);
    }
}

bool ChildProcess::start(const QString &program, const QStringList &arguments)
{
    const QString stem = QDir::tempPath()
                         + QStringLiteral("/bench-child-%1-%2")
                               .arg(::getpid())
                               .arg(reinterpret_cast<quintptr>(this));
    m_outPath = stem + QStringLiteral(".out");
    m_errPath = stem + QStringLiteral(".err");
    const QByteArray out = QFile::encodeName(m_outPath);
    const QByteArray err = QFile::encodeName(m_errPath);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, err.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    std::vector<QByteArray> storage {QFile::encodeName(program)};
    for (const QString &argument : arguments)
        storage.push_back(argument.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &item : storage)
        argv.push_back(item.data());
    argv.push_back(nullptr);
    const int failed
        = posix_spawn(&m_pid, storage.front().constData(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (failed != 0)
        m_pid = -1;
    return failed == 0;
}

bool ChildProcess::reap(int options)
{
    int status = 0;
    rusage usage {};
    const pid_t done = ::wait4(m_pid, &status, options, &usage);
    if (done != m_pid)
        return false;
    m_pid = -1;
    m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    m_peakRss = qint64(usage.ru_maxrss) * 1024;
    const auto seconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    m_cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    return true;
}

bool ChildProcess::running()
{
    return m_pid > 0 && !reap(WNOHANG);
}

void ChildProcess::wait(int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    while (running() && waited.elapsed() < timeoutMs)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        reap(0);
    }
}

QByteArray ChildProcess::standardOutput() const
{
    return readAll(m_outPath);
}

QByteArray ChildProcess::standardError() const
{
    return readAll(m_errPath);
}

} // namespace TcpInspector
