// SPDX-License-Identifier: GPL-3.0-or-later
#include "signalwatcher.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>

#include <fcntl.h>
#include <unistd.h>

namespace TcpInspector {

namespace {

// The write end, for the handler: a handler may only call async-signal-safe
// functions, and write(2) is one of them. One watcher per process.
volatile sig_atomic_t signalPipeWriteEnd = -1;

void handleSignal(int signalNumber)
{
    const int savedErrno = errno;
    const char byte = char(signalNumber);
    // A full pipe means a signal is already waiting to be handled; losing
    // this one changes nothing.
    const ssize_t written = ::write(signalPipeWriteEnd, &byte, 1);
    (void)written;
    errno = savedErrno;
}

void setHandler(int signalNumber, void (*handler)(int))
{
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    // Restart interrupted system calls: the event loop should not see EINTR.
    action.sa_flags = SA_RESTART;
    ::sigaction(signalNumber, &action, nullptr);
}

} // namespace

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent)
{
    if (::pipe2(m_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        // Without the pipe the default handlers stay: the process still
        // stops on SIGINT/SIGTERM, only without a summary.
        m_pipe[0] = m_pipe[1] = -1;
        return;
    }
    signalPipeWriteEnd = m_pipe[1];
    m_notifier = new QSocketNotifier(m_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::handleReadable);
    setHandler(SIGINT, handleSignal);
    setHandler(SIGTERM, handleSignal);
}

SignalWatcher::~SignalWatcher()
{
    setHandler(SIGINT, SIG_DFL);
    setHandler(SIGTERM, SIG_DFL);
    signalPipeWriteEnd = -1;
    for (int fd : m_pipe) {
        if (fd >= 0)
            ::close(fd);
    }
}

QString SignalWatcher::signalName(int signalNumber)
{
    switch (signalNumber) {
    case SIGINT:
        return QStringLiteral("SIGINT");
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    default:
        return QStringLiteral("signal %1").arg(signalNumber);
    }
}

void SignalWatcher::handleReadable()
{
    char byte = 0;
    if (::read(m_pipe[0], &byte, 1) != 1)
        return;
    // Stopping cleanly may take a moment (flushing, closing); a second
    // Ctrl-C from an impatient user should end the process right away.
    setHandler(SIGINT, SIG_DFL);
    setHandler(SIGTERM, SIG_DFL);
    emit signalReceived(int(byte));
}

} // namespace TcpInspector
