// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/expectationcheck.h"

#include "net/connection.h"
#include "net/kernelinfo.h"
#include "scenario/scenariovariables.h"
#include "text/bytetext.h"
#include "text/tr.h"

#include <algorithm>
#include <utility>

namespace TcpInspector {

namespace {
constexpr qint64 shownBytes = 200; // of a payload in a failure message
constexpr int shownMessages = 3;

QString shown(const QByteArray &bytes)
{
    QString text = ByteText::escape(bytes.left(shownBytes),
                                    ByteText::EscapeDoubleQuote | ByteText::KeepUtf8);
    if (bytes.size() > shownBytes)
        text += QStringLiteral("...");
    return QLatin1Char('"') + text + QLatin1Char('"');
}
} // namespace

ExpectationCheck::ExpectationCheck(ExpectArgs args, qint64 messageCursor, qint64 stateCursor,
                                   QString directory)
    : m_args(std::move(args)),
      m_messageCursor(messageCursor),
      m_stateCursor(stateCursor),
      m_directory(std::move(directory))
{ }

ExpectationCheck::Outcome ExpectationCheck::prepare(ScenarioVariables *variables)
{
    if (m_args.what != ExpectKind::Message && m_args.what != ExpectKind::Received
        && m_args.what != ExpectKind::Note)
        return Outcome::Pending;
    QByteArray pattern;
    if (m_args.mode == MessageMatch::Mode::Regex) {
        const std::optional<QString> text
            = variables->expandPattern(m_args.pattern.value, &m_error);
        if (!text)
            return Outcome::Failed;
        pattern = text->toUtf8();
    } else {
        const std::optional<QByteArray> bytes
            = variables->expandData(m_args.pattern, m_directory, &m_error);
        if (!bytes)
            return Outcome::Failed;
        pattern = *bytes;
    }
    m_match = MessageMatch(m_args.mode, pattern);
    if (!m_match.isValid()) {
        m_error = Tr::tr("This regex does not compile: %1.").arg(m_match.errorString());
        return Outcome::Failed;
    }
    return Outcome::Pending;
}

ExpectationCheck::Outcome ExpectationCheck::check(const Connection &connection,
                                                  ScenarioVariables *variables)
{
    const StreamChannel &rx = connection.rx();
    bool holds = false;
    switch (m_args.what) {
    case ExpectKind::Message:
        holds = checkMessages(connection, variables);
        break;
    case ExpectKind::Received: {
        MessageMatch::Captures captures;
        const StreamStore &store = rx.store();
        holds = m_match.matches(store.read(store.firstOffset(), store.size()), &captures);
        if (holds)
            variables->setCaptures(captures, m_args.captureVariable);
        break;
    }
    case ExpectKind::Messages:
        holds = m_args.count.holds(rx.frameCount());
        break;
    case ExpectKind::Chunks:
        holds = m_args.count.holds(rx.store().chunkCount());
        break;
    case ExpectKind::Bytes:
        holds = m_args.count.holds(rx.store().size());
        break;
    case ExpectKind::State:
        holds = checkState(connection);
        break;
    case ExpectKind::Error:
        holds = checkError(connection);
        break;
    case ExpectKind::Kernel:
        holds = checkKernel(connection);
        break;
    case ExpectKind::Timeout:
    case ExpectKind::Note:
        holds = !eventTexts(connection).isEmpty();
        break;
    case ExpectKind::Gap: {
        const qint64 gap = lastGapMs(connection);
        holds = gap >= 0 && m_args.count.holds(gap);
        break;
    }
    case ExpectKind::KeepaliveProbes:
        holds = m_args.count.holds(keepaliveProbes(connection));
        break;
    case ExpectKind::Handshake:
        holds = checkHandshake(connection);
        break;
    case ExpectKind::Alert:
        holds = checkAlert(connection);
        break;
    case ExpectKind::Record:
        holds = checkRecord(connection);
        break;
    case ExpectKind::Accepted:
        break; // a listener's: the runner checks it
    }
    return holds ? Outcome::Passed : Outcome::Pending;
}

QByteArray ExpectationCheck::messagePart(const Connection &connection, qint64 index) const
{
    const Frame frame = connection.rx().frame(index);
    const StreamStore &store = connection.rx().store();
    switch (m_args.part) {
    case MessagePart::Payload:
        return store.read(frame.payloadOffset, frame.payloadLength);
    case MessagePart::Header:
        return store.read(frame.offset, frame.headerLength);
    case MessagePart::Whole:
        break;
    }
    return store.read(frame.offset, frame.length);
}

bool ExpectationCheck::checkMessages(const Connection &connection, ScenarioVariables *variables)
{
    const qint64 count = connection.rx().frameCount();
    for (qint64 i = std::max(m_messageCursor, connection.rx().firstFrame()); i < count; ++i) {
        MessageMatch::Captures captures;
        if (m_match.matches(messagePart(connection, i), &captures)) {
            variables->setCaptures(captures, m_args.captureVariable);
            m_messageCursor = i + 1;
            return true;
        }
    }
    return false;
}

bool ExpectationCheck::checkState(const Connection &connection)
{
    // States are taken in order, as messages are: a state that lasted a
    // moment still counts, and two expectations in a row say which came first.
    const std::vector<TimelineEvent> events = connection.timeline().since(m_stateCursor);
    for (size_t i = 0; i < events.size(); ++i) {
        if (events[i].type == TimelineEvent::StateChanged && events[i].state == m_args.state) {
            m_stateCursor += qint64(i) + 1;
            return true;
        }
    }
    return connection.state() == m_args.state;
}

bool ExpectationCheck::checkError(const Connection &connection) const
{
    for (const TimelineEvent &event : connection.timeline().since(0)) {
        if (event.type == TimelineEvent::Error && event.code == m_args.errorCode)
            return true;
    }
    return false;
}

bool ExpectationCheck::checkKernel(const Connection &connection)
{
    const auto see = [this](KernelState state) {
        if (m_kernelSeen.isEmpty() || m_kernelSeen.last() != state)
            m_kernelSeen += state;
    };
    // What the connection's own sampler reported since the step began counts
    // too: a state shorter than a poll (FIN_WAIT1) is not missed when sampled.
    if (m_kernelCursor < 0)
        m_kernelCursor = connection.timeline().count();
    const std::vector<TimelineEvent> events = connection.timeline().since(m_kernelCursor);
    m_kernelCursor += qint64(events.size());
    for (const TimelineEvent &event : events) {
        if (event.type == TimelineEvent::Kernel)
            see(event.kernel.state);
    }
    const QString local = connection.localAddress();
    const QString peer = connection.peerAddress();
    if (!local.isEmpty() && !peer.isEmpty()) {
        // By the 4-tuple, not the descriptor: after the program closed its
        // socket the kernel may still hold the connection (FIN_WAIT2,
        // TIME_WAIT), and a connection it no longer knows is CLOSED.
        const std::optional<KernelSample> sample = lookupKernelState(local, peer);
        see(sample ? sample->state : KernelState::Closed);
    }
    return m_kernelSeen.contains(m_args.kernelState);
}

qint64 ExpectationCheck::lastGapMs(const Connection &connection)
{
    const StreamStore &store = connection.rx().store();
    const qint64 count = store.chunkCount();
    if (count - store.firstChunk() < 2)
        return -1;
    return (store.chunk(count - 1).timestampNs - store.chunk(count - 2).timestampNs) / 1000000;
}

qint64 ExpectationCheck::keepaliveProbes(const Connection &connection)
{
    // The sampler's count only grows; after close the lookups know none.
    qint64 probes = 0;
    for (const TimelineEvent &event : connection.timeline().since(0)) {
        if (event.type == TimelineEvent::Kernel)
            probes = std::max<qint64>(probes, event.kernel.keepaliveProbes);
    }
    return probes;
}

QStringList ExpectationCheck::eventTexts(const Connection &connection, bool all) const
{
    // Notes are what the engine did on its own and why (an address tried
    // and refused, a write that stalls); states and errors say why too.
    QStringList texts;
    for (const TimelineEvent &event : connection.timeline().since(0)) {
        if (m_args.what == ExpectKind::Timeout) {
            if (event.type == TimelineEvent::Timeout
                && (all || event.timeout == m_args.timeoutKind)) {
                texts += timeoutKindKey(event.timeout);
            }
            continue;
        }
        const QString text = event.type == TimelineEvent::Error ? event.message : event.text;
        const bool isNote = event.type == TimelineEvent::Note || event.type == TimelineEvent::Error
                            || (event.type == TimelineEvent::StateChanged && !text.isEmpty());
        if (isNote && (all || m_match.matches(text.toUtf8(), nullptr)))
            texts += text;
    }
    return texts;
}

QString ExpectationCheck::kernelSeen(const Connection &connection) const
{
    if (connection.localAddress().isEmpty() || connection.peerAddress().isEmpty())
        return Tr::tr("no TCP connection: it was never established");
    QStringList names;
    for (KernelState state : m_kernelSeen)
        names += kernelStateKey(state);
    QString text = names.join(QLatin1String(" -> "));
    if (m_kernelSeen.value(m_kernelSeen.size() - 1) == KernelState::Closed) {
        text += QLatin1Char(' ')
                + Tr::tr("(the kernel no longer knows %1 - %2)")
                      .arg(connection.localAddress(), connection.peerAddress());
    }
    return text;
}

QString ExpectationCheck::expected() const
{
    QString what = expectKindKey(m_args.what);
    switch (m_args.what) {
    case ExpectKind::Message:
    case ExpectKind::Received:
        return what + QLatin1Char(' ') + m_match.describe();
    case ExpectKind::Messages:
    case ExpectKind::Chunks:
    case ExpectKind::Bytes:
        return what + QLatin1Char(' ') + m_args.count.toString();
    case ExpectKind::State:
        return what + QLatin1Char(' ') + connectionStateName(m_args.state);
    case ExpectKind::Error:
        return what + QLatin1Char(' ') + m_args.errorCode;
    case ExpectKind::Kernel:
        return what + QLatin1Char(' ') + kernelStateKey(m_args.kernelState);
    case ExpectKind::Timeout:
        return what + QLatin1Char(' ') + timeoutKindKey(m_args.timeoutKind);
    case ExpectKind::Note:
        return what + QLatin1Char(' ') + m_match.describe();
    case ExpectKind::Gap:
        return what + QLatin1Char(' ') + m_args.count.toString() + QStringLiteral("ms");
    case ExpectKind::KeepaliveProbes:
    case ExpectKind::Accepted:
        return what + QLatin1Char(' ') + m_args.count.toString();
    case ExpectKind::Handshake:
    case ExpectKind::Alert:
    case ExpectKind::Record:
        return expectedTls();
    }
    return what;
}

QString ExpectationCheck::lastMessages(const Connection &connection) const
{
    const qint64 count = connection.rx().frameCount();
    const qint64 from
        = std::max({m_messageCursor, count - shownMessages, connection.rx().firstFrame()});
    if (from >= count)
        return Tr::tr("no message after the last one matched (%1 in all)").arg(count);
    QStringList parts;
    for (qint64 i = from; i < count; ++i)
        parts += shown(messagePart(connection, i));
    return Tr::tr("%1 (the last of %2 messages)").arg(parts.join(QLatin1String(", "))).arg(count);
}

QString ExpectationCheck::received(const Connection &connection) const
{
    if (!m_error.isEmpty())
        return m_error;
    const StreamChannel &rx = connection.rx();
    switch (m_args.what) {
    case ExpectKind::Message:
        return lastMessages(connection);
    case ExpectKind::Received:
        return shown(rx.store().read(rx.store().firstOffset(), rx.store().size()));
    case ExpectKind::Messages:
        return QString::number(rx.frameCount());
    case ExpectKind::Chunks:
        return QString::number(rx.store().chunkCount());
    case ExpectKind::Bytes:
        return QString::number(rx.store().size());
    case ExpectKind::State:
        return connectionStateName(connection.state());
    case ExpectKind::Error: {
        QStringList codes;
        for (const TimelineEvent &event : connection.timeline().since(0)) {
            if (event.type == TimelineEvent::Error)
                codes += event.code;
        }
        return codes.isEmpty() ? Tr::tr("no error") : codes.join(QLatin1String(", "));
    }
    case ExpectKind::Kernel:
        return kernelSeen(connection);
    case ExpectKind::Timeout:
    case ExpectKind::Note: {
        const QStringList texts = eventTexts(connection, true);
        return texts.isEmpty() ? Tr::tr("none") : texts.join(QLatin1String("; "));
    }
    case ExpectKind::Gap: {
        const qint64 gap = lastGapMs(connection);
        return gap < 0 ? Tr::tr("fewer than 2 reads") : QStringLiteral("%1ms").arg(gap);
    }
    case ExpectKind::KeepaliveProbes:
        return QString::number(keepaliveProbes(connection));
    case ExpectKind::Handshake:
    case ExpectKind::Alert:
    case ExpectKind::Record:
        return receivedTls(connection);
    case ExpectKind::Accepted:
        break;
    }
    return {};
}

} // namespace TcpInspector
