// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/recordedlanesource.h"

#include <utility>
#include <vector>

namespace TcpInspector {

namespace {

/// An event of type at timeNs, its other fields at their defaults.
TimelineEvent eventAt(qint64 timeNs, TimelineEvent::Type type)
{
    TimelineEvent event;
    event.timeNs = timeNs;
    event.type = type;
    return event;
}

} // namespace

RecordedLaneSource::RecordedLaneSource(quint64 id, Connection::Side side, QString localAddress,
                                       QString peerAddress, QString engine,
                                       const StreamStore::Options &storeOptions)
    : m_id(id),
      m_side(side),
      m_engine(std::move(engine)),
      m_local(std::move(localAddress)),
      m_peer(std::move(peerAddress)),
      m_rx(storeOptions),
      m_tx(storeOptions)
{ }

void RecordedLaneSource::addState(qint64 timeNs, ConnectionState state, StateCause cause,
                                  const QString &why)
{
    TimelineEvent event = eventAt(timeNs, TimelineEvent::StateChanged);
    event.state = state;
    event.cause = cause;
    event.text = why;
    m_timeline.append(event);
}

void RecordedLaneSource::addEvent(qint64 timeNs, TimelineEvent::Type type, const QString &code,
                                  Direction direction, const QString &text)
{
    TimelineEvent event = eventAt(timeNs, type);
    event.code = code;
    event.direction = direction;
    event.text = text;
    m_timeline.append(event);
}

void RecordedLaneSource::addTimeout(qint64 timeNs, TimeoutKind kind, const QString &text)
{
    TimelineEvent event = eventAt(timeNs, TimelineEvent::Timeout);
    event.timeout = kind;
    event.text = text;
    m_timeline.append(event);
}

void RecordedLaneSource::addKernel(qint64 timeNs, const KernelSample &sample)
{
    TimelineEvent event = eventAt(timeNs, TimelineEvent::Kernel);
    event.kernel = sample;
    m_timeline.append(event);
}

void RecordedLaneSource::addChunk(Direction direction, qint64 size, qint64 timeNs)
{
    // The bytes do not matter to a timeline; one shared buffer of zeros
    // keeps millions of chunks from costing an allocation each.
    static const std::vector<char> zeros(size_t(64) * 1024, 0);
    StreamStore &store = direction == Direction::Rx ? m_rx : m_tx;
    if (size <= qint64(zeros.size())) {
        store.append(zeros.data(), size, timeNs);
        return;
    }
    const std::vector<char> big(size_t(size), 0);
    store.append(big.data(), size, timeNs);
}

void RecordedLaneSource::setAddresses(const QString &localAddress, const QString &peerAddress)
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    m_local = localAddress;
    m_peer = peerAddress;
}

QString RecordedLaneSource::localAddress() const
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    return m_local;
}

QString RecordedLaneSource::peerAddress() const
{
    std::lock_guard<std::mutex> lock(m_addressMutex);
    return m_peer;
}

} // namespace TcpInspector
