// SPDX-License-Identifier: GPL-3.0-or-later
// NativeConnection's TLS: a TlsSession between the socket and the recording.
#include "net/nativeconnection.h"

#include "net/tlsfailure.h"
#include "text/tr.h"

#include <QStringList>

#include <cerrno>
#include <utility>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

namespace TcpInspector {

namespace {

// SSL_read gives at most one record's plaintext, 16 KiB.
constexpr qint64 plaintextBufferSize = qint64(16) * 1024;

char *plaintextBuffer()
{
    thread_local std::vector<char> buffer(plaintextBufferSize);
    return buffer.data();
}

QString orNone(const QString &text)
{
    return text.isEmpty() ? Tr::tr("none") : text;
}

} // namespace

QString NativeConnection::closeNotifyText() const
{
    return tr("close_notify: the peer ended its TLS stream; it will send no more data (its FIN "
              "usually follows).");
}

bool NativeConnection::createTls()
{
    const auto role = side() == Side::Client ? TlsSession::Role::Client : TlsSession::Role::Server;
    m_tls = std::make_unique<TlsSession>(role, options().tls, m_host);
    m_tls->setAlertHandler([this](bool sent, int level, int description) {
        m_tlsAlerts.push_back({sent, level, description});
    });
    // Kept beside the records: a capture exported with them can be decrypted.
    m_tls->setKeyLogHandler([this](const QByteArray &line) { recordTlsKeyLog(line); });
    SocketErrorInfo error;
    if (m_tls->setUp(&error))
        return true;
    m_tlsFailed = true;
    recordError(error);
    closeSocket();
    recordClosed(ConnectionState::Failed, StateCause::Error, error.message);
    return false;
}

void NativeConnection::beginTlsHandshake()
{
    TlsDetails details;
    details.serverName = m_tls->serverName();
    const TlsOptions &tls = options().tls;
    const QString text
        = side() == Side::Client
              ? tr("TLS handshake begins: ClientHello for %1 (SNI %2, ALPN %3), certificate "
                   "check %4.")
                    .arg(m_host, orNone(details.serverName), orNone(tls.alpn.join(u',')),
                         tls.verify
                             ? tr("on")
                             : tr("off (%1)").arg(tlsFixNamesOrDefaults(tls.fixNames).skipVerify))
              : tr("TLS handshake begins: waiting for the client's ClientHello.");
    recordTlsNote(QStringLiteral("tls_handshake_start"), text, details, Direction::Tx);
    pumpTls(); // a client's ClientHello goes out now
}

void NativeConnection::handleWireRead(const char *data, qint64 size)
{
    recordWire(Direction::Rx, data, size);
    if (m_tlsFailed)
        return;
    m_tls->feed(data, size);
    pumpTls();
}

void NativeConnection::pumpTls()
{
    if (m_tlsFailed || m_fd < 0)
        return;
    if (!m_tls->isEstablished()) {
        const TlsSession::Progress progress = m_tls->handshake();
        reportAlerts();
        if (progress == TlsSession::Progress::Failed) {
            failTls(m_tls->failure());
            return;
        }
        if (!flushWire() && m_fd < 0)
            return;
        if (progress == TlsSession::Progress::Handshaking)
            return;
        reportTlsHandshake();
        updateNotifiers(); // a paused reader's notifier rests from now on
        flushPending();    // what was sent during the handshake waited for it
        if (m_fd < 0 || isFinalState(state()))
            return;
        if (std::exchange(m_shutdownAfterHandshake, false)) {
            note(tr("The FIN asked for during the TLS handshake goes now, after it, with "
                    "close_notify before it."));
            shutdownWrite();
            if (m_fd < 0 || isFinalState(state()))
                return;
        }
    }
    drainPlaintext();
}

void NativeConnection::drainPlaintext()
{
    char *buffer = plaintextBuffer();
    while (m_fd >= 0 && !m_tlsPeerClosed && !readPaused()) {
        const qint64 slice = readSlice();
        const qint64 want = slice > 0 ? std::min(slice, plaintextBufferSize) : plaintextBufferSize;
        TlsSession::ReadResult result = TlsSession::ReadResult::WantMore;
        const qint64 n = m_tls->read(buffer, want, &result);
        reportAlerts();
        switch (result) {
        case TlsSession::ReadResult::Data:
            recordRead(buffer, n); // slots run inside, as for a plain read
            continue;
        case TlsSession::ReadResult::WantMore:
            flushWire(); // a TLS 1.3 key update may want an answer
            return;
        case TlsSession::ReadResult::PeerClosed:
            m_tlsPeerClosed = true;
            flushWire();
            recordEof(closeNotifyText());
            return;
        case TlsSession::ReadResult::Failed:
            failTls(m_tls->failure());
            return;
        }
    }
}

Connection::ReadOutcome NativeConnection::takePlaintext(qint64 maxBytes)
{
    char *buffer = plaintextBuffer();
    TlsSession::ReadResult result = TlsSession::ReadResult::WantMore;
    const qint64 n = m_tls->read(buffer, std::min(maxBytes, plaintextBufferSize), &result);
    reportAlerts();
    switch (result) {
    case TlsSession::ReadResult::Data:
        recordRead(buffer, n);
        return ReadOutcome::Read;
    case TlsSession::ReadResult::WantMore:
        flushWire();
        return ReadOutcome::Nothing;
    case TlsSession::ReadResult::PeerClosed:
        m_tlsPeerClosed = true;
        flushWire();
        recordEof(closeNotifyText());
        return ReadOutcome::Eof;
    case TlsSession::ReadResult::Failed:
        failTls(m_tls->failure());
        break;
    }
    return ReadOutcome::Ended;
}

Connection::ReadOutcome NativeConnection::readOnceTls(qint64 maxBytes)
{
    // What the session decrypted already comes first; else one read(2) of
    // records, which may not complete one yet (Nothing: the caller tries again).
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (m_tlsFailed || m_fd < 0 || m_connecting)
            return ReadOutcome::Ended;
        if (m_tlsPeerClosed)
            return ReadOutcome::Eof;
        if (m_tls->isEstablished()) {
            const ReadOutcome outcome = takePlaintext(maxBytes);
            if (outcome != ReadOutcome::Nothing || attempt == 1)
                return outcome;
        }
        if (m_eofRead)
            return ReadOutcome::Eof;
        char *buffer = plaintextBuffer();
        ssize_t n = 0;
        do {
            n = ::read(m_fd, buffer, size_t(plaintextBufferSize));
        } while (n < 0 && errno == EINTR);
        if (n == 0) {
            handleEof();
            return m_tlsFailed ? ReadOutcome::Ended : ReadOutcome::Eof;
        }
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return ReadOutcome::Nothing;
            endByError(errno, SocketOperation::Read);
            return ReadOutcome::Ended;
        }
        // Fed and the handshake moved on; a paused reader's plaintext stays
        // in the session for the next attempt.
        handleWireRead(buffer, n);
    }
    return ReadOutcome::Nothing;
}

bool NativeConnection::flushWire()
{
    m_wireOut += m_tls->takeOutput();
    while (!m_wireOut.isEmpty()) {
        if (m_fd < 0)
            return false;
        ssize_t n = 0;
        do {
            n = ::send(m_fd, m_wireOut.constData(), size_t(m_wireOut.size()), MSG_NOSIGNAL);
        } while (n < 0 && errno == EINTR);
        if (n > 0) {
            recordWire(Direction::Tx, m_wireOut.constData(), n);
            m_wireOut.remove(0, n);
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            m_wireOut.clear();
            endByError(errno, SocketOperation::Write);
            return false;
        }
        m_wantWrite = true; // the send buffer is full; writable again means room
        updateNotifiers();
        return false;
    }
    return true;
}

qint64 NativeConnection::writeTls(const char *data, qint64 size)
{
    // Plaintext waits for the handshake, and for the records before it.
    if (m_tlsFailed || !m_tls->isEstablished())
        return m_tlsFailed ? -1 : 0;
    if (!flushWire())
        return m_fd < 0 ? -1 : 0;
    const qint64 n = m_tls->write(data, size);
    reportAlerts();
    if (n < 0) {
        failTls(m_tls->failure());
        return -1;
    }
    m_tlsWriteStalled = n == 0; // after close_notify, or a TLS 1.2 renegotiation
    if (n == 0)
        return 0;
    flushWire(); // the plaintext is taken whether the record left now or waits
    return m_fd < 0 ? -1 : n;
}

bool NativeConnection::pushToKernel()
{
    // True only when more plaintext can go: flushPending() loops on it.
    return m_tls && !m_tlsFailed && m_tls->isEstablished() && m_fd >= 0 && !m_tlsWriteStalled
           && flushWire();
}

void NativeConnection::finishOutput()
{
    if (!m_tls || m_tlsFailed || m_fd < 0)
        return;
    if (options().tls.closeNotify && m_tls->sendCloseNotify())
        reportAlerts();
    flushWire(); // best effort: the socket closes next
}

void NativeConnection::reportTlsHandshake()
{
    TlsDetails details = m_tls->details();
    if (side() == Side::Client && details.serverName.isEmpty())
        details.serverName = m_tls->serverName();
    QString text = tr("TLS handshake done: %1, cipher %2, ALPN %3.")
                       .arg(details.protocol, details.cipher, orNone(details.alpn));
    if (!details.peerSubject.isEmpty())
        text += QLatin1Char(' ')
                + tr("Peer certificate %1, issued by %2, expires %3.")
                      .arg(details.peerSubject, details.peerIssuer, details.peerExpires);
    const TlsVerifyFailure skipped = m_tls->verifyFailure();
    if (skipped.error != 0) {
        TlsFailureContext context;
        context.expectedName = details.serverName.isEmpty() ? m_host : details.serverName;
        context.verifyFailure = skipped;
        context.names = options().tls.fixNames;
        const SocketErrorInfo would = explainVerifyFailure(context);
        details.verifyError = would.code;
        text += QLatin1Char(' ')
                + tr("Verification is off (%1); it would have failed: %2")
                      .arg(tlsFixNamesOrDefaults(context.names).skipVerify, would.explanation);
    }
    recordTlsNote(QStringLiteral("tls_handshake"), text, details);
}

void NativeConnection::reportAlerts()
{
    // Taken first: recording may run slots that reach OpenSSL again.
    const std::vector<TlsAlert> alerts = std::exchange(m_tlsAlerts, {});
    for (const TlsAlert &alert : alerts) {
        TlsDetails details;
        details.alertLevel = tlsAlertLevelKey(alert.level);
        details.alertKey = tlsAlertKey(alert.description);
        const QString what = tlsAlertText(alert.description);
        recordTlsNote(QStringLiteral("tls_alert"),
                      alert.sent ? tr("TLS alert sent (%1): %2").arg(details.alertLevel, what)
                                 : tr("TLS alert received (%1): %2").arg(details.alertLevel, what),
                      details, alert.sent ? Direction::Tx : Direction::Rx);
    }
}

bool NativeConnection::handleTlsEof()
{
    if (m_tlsFailed || m_tlsPeerClosed)
        return false;
    if (!m_tls->isEstablished()) {
        failTls(explainTlsEof(false, side() == Side::Client));
        return true;
    }
    // Plaintext may still wait in the session, decrypted before the FIN.
    drainPlaintext();
    if (m_fd < 0 || m_tlsPeerClosed)
        return m_fd < 0;
    recordError(explainTlsEof(true, side() == Side::Client));
    return false;
}

void NativeConnection::failTls(const SocketErrorInfo &error)
{
    if (m_tlsFailed)
        return;
    m_tlsFailed = true;
    recordError(error);
    if (m_fd >= 0)
        flushWire(); // our alert, if OpenSSL made one, tells the peer why
    closeSocket();
    recordClosed(ConnectionState::Closed, StateCause::Error, error.message);
}

} // namespace TcpInspector
