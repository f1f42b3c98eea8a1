// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/socketerror.h"
#include "text/tr.h"

#include <cerrno>
#include <cstring>

namespace TcpInspector {

namespace {

SocketErrorInfo make(const char *code, int sysErrno, const QString &message,
                     const QString &explanation)
{
    return {QString::fromLatin1(code), sysErrno, message, explanation};
}

} // namespace

// One case per errno, each with its sentence: a table kept as one switch so
// that every explanation a user can see is read in one place.
SocketErrorInfo explainErrno(int e, SocketOperation operation)
{
    const QString message = QString::fromLocal8Bit(std::strerror(e));
    switch (e) {
    case ECONNREFUSED:
        return make("refused", e, message,
                    Tr::tr("The peer answered the SYN with a reset: nothing listens on that port "
                           "(or a firewall rejects it). Check the port and that the server runs."));
    case ETIMEDOUT:
        return make(
            "timeout", e, message,
            operation == SocketOperation::Connect
                ? Tr::tr("No answer to the SYN before the kernel gave up (tcp_syn_retries). "
                         "The host may be down, a firewall may drop packets, or the "
                         "listener's backlog is full.")
                : Tr::tr("The kernel gave up: unacknowledged data, or keepalive probes, went "
                         "unanswered (the peer or the path is gone), or data waited longer "
                         "than TCP_USER_TIMEOUT, also behind a peer that answers but does "
                         "not read (a zero window)."));
    case ECONNRESET:
        return make(
            "reset", e, message,
            Tr::tr("The peer sent an RST: it closed with unread data, aborted (SO_LINGER 0), "
                   "or no longer knows this connection. Bytes still in flight are lost."));
    case EPIPE:
        return make(
            "broken_pipe", e, message,
            Tr::tr("Writing after the connection was closed for writing: the peer closed "
                   "and answered earlier data with an RST, or we shut down our side. Write, "
                   "then close; check for EOF before writing again."));
    case EHOSTUNREACH:
        return make(
            "host_unreachable", e, message,
            Tr::tr("No route to that host (an ICMP error or no neighbour answered). Check the "
                   "address and the network."));
    case ENETUNREACH:
        return make("network_unreachable", e, message,
                    Tr::tr("This machine has no route to that network. Check the address and the "
                           "interfaces."));
    case EADDRINUSE:
        return make(
            "address_in_use", e, message,
            operation == SocketOperation::Connect
                ? Tr::tr("The local address and port chosen for the client are taken, often "
                         "by a recent connection in TIME_WAIT. Leave the local port to the "
                         "system, or wait for TIME_WAIT to end (60 s on Linux).")
                : Tr::tr("Another socket holds this address and port: a running server, or "
                         "the connections of a closed one lingering in TIME_WAIT (60 s on "
                         "Linux). TIME_WAIT blocks a new listener unless both the old and "
                         "the new one set SO_REUSEADDR. Stop the other listener, wait, or "
                         "pick another port."));
    case EADDRNOTAVAIL:
        return make("address_not_available", e, message,
                    Tr::tr("That address does not belong to this machine, or no local port is "
                           "free. Use an address of one of its interfaces, or 127.0.0.1."));
    case EMFILE:
    case ENFILE:
        return make(
            "too_many_files", e, message,
            Tr::tr("The process (EMFILE) or the system (ENFILE) is out of file descriptors: "
                   "too many open connections. Close idle connections, or raise the limit "
                   "(ulimit -n). A server should pause accepting, not spin."));
    case EACCES:
    case EPERM:
        return make("permission_denied", e, message,
                    Tr::tr("Not allowed: ports below 1024 need privileges, and a firewall rule may "
                           "forbid this."));
    case ENOTCONN:
        return make("not_connected", e, message,
                    Tr::tr("The socket is not connected (any more): it was closed or never "
                           "established."));
    case ENOBUFS:
    case ENOMEM:
        return make(
            "no_memory", e, message,
            Tr::tr("The kernel is out of socket buffer memory. Fewer or smaller buffers, or "
                   "fewer connections, will help."));
    case ECONNABORTED:
        return make("aborted", e, message,
                    Tr::tr("A connection was aborted before it could be accepted (the client reset "
                           "it while it waited in the backlog)."));
    default:
        return make("other", e, message,
                    Tr::tr("The system reported error %1 (%2).").arg(e).arg(message));
    }
}

SocketErrorInfo explainQtError(QAbstractSocket::SocketError error, const QString &errorString,
                               SocketOperation operation)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return explainErrno(ECONNREFUSED, operation);
    case QAbstractSocket::SocketTimeoutError:
        return explainErrno(ETIMEDOUT, operation);
    case QAbstractSocket::AddressInUseError:
        return explainErrno(EADDRINUSE, operation);
    case QAbstractSocket::SocketAddressNotAvailableError:
        return explainErrno(EADDRNOTAVAIL, operation);
    case QAbstractSocket::SocketAccessError:
        return explainErrno(EACCES, operation);
    case QAbstractSocket::SocketResourceError:
        return make(
            "too_many_files", 0, errorString,
            Tr::tr("Qt reports a resource error: usually no file descriptors left (EMFILE). "
                   "Close idle connections, or raise the limit (ulimit -n)."));
    case QAbstractSocket::HostNotFoundError:
        return make(
            "host_not_found", 0, errorString,
            Tr::tr("The name did not resolve to an address. Check the spelling, or use an IP "
                   "address."));
    case QAbstractSocket::NetworkError: {
        SocketErrorInfo info = explainErrno(EHOSTUNREACH, operation);
        info.code = QStringLiteral("network");
        info.sysErrno = 0;
        info.message = errorString;
        info.explanation = Tr::tr("Qt reports a network error (unreachable host or network, or a "
                                  "failed write). It does not say which errno it saw.");
        return info;
    }
    case QAbstractSocket::RemoteHostClosedError:
        return make(
            "remote_closed", 0, errorString,
            Tr::tr("Qt reports a FIN and an RST alike as 'remote host closed': EOF, a reset "
                   "and a broken pipe all land here. The native engine tells them apart."));
    default:
        return make("other", 0, errorString,
                    Tr::tr("Qt reported error %1: %2").arg(int(error)).arg(errorString));
    }
}

} // namespace TcpInspector
