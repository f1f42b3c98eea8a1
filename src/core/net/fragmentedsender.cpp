// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/fragmentedsender.h"

#include <algorithm>

namespace TcpInspector {

FragmentedSender::FragmentedSender(QObject *parent) : QObject(parent)
{
    m_fragmentTimer.setSingleShot(true);
    connect(&m_fragmentTimer, &QTimer::timeout, this, &FragmentedSender::handleFragmentTimer);
}

void FragmentedSender::send(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    if (!m_fragments.isEmpty()) {
        m_later.push_back({bytes, 0, 0});
        return;
    }
    queue(bytes);
}

void FragmentedSender::sendFragmented(const QByteArray &bytes, qint64 fragmentSize, int delayMs)
{
    if (!m_fragments.isEmpty()) {
        m_later.push_back({bytes, fragmentSize, delayMs});
        return;
    }
    if (fragmentSize <= 0 || fragmentSize >= bytes.size()) {
        send(bytes);
        return;
    }
    m_fragments = bytes;
    m_fragmentSize = fragmentSize;
    m_fragmentTimer.setInterval(std::max(0, delayMs));
    handleFragmentTimer();
}

void FragmentedSender::queue(const QByteArray &bytes)
{
    m_queue.append(bytes);
    m_queued.store(m_queue.size(), std::memory_order_release);
    emit bytesQueued();
}

void FragmentedSender::consume(qint64 count)
{
    m_queue.consume(count);
    m_queued.store(m_queue.size(), std::memory_order_release);
}

void FragmentedSender::handleFragmentTimer()
{
    if (m_fragments.isEmpty())
        return;
    const QByteArray piece = m_fragments.left(m_fragmentSize);
    m_fragments.remove(0, piece.size());
    // The slots of bytesQueued() may write, fail, end the connection and
    // clear() or stop() this sender: look again after it.
    queue(piece);
    if (!m_fragments.isEmpty()) {
        if (!m_stopped)
            m_fragmentTimer.start();
        return;
    }
    // This fragmented send is done: what waited behind it goes next, in order.
    while (m_fragments.isEmpty() && !m_later.empty() && !m_stopped) {
        const LaterSend next = m_later.front();
        m_later.pop_front();
        sendFragmented(next.bytes, next.fragmentSize, next.delayMs);
    }
    emit fragmentsDone();
}

qint64 FragmentedSender::unsent() const
{
    qint64 total = m_queue.size() + m_fragments.size();
    for (const LaterSend &later : m_later)
        total += later.bytes.size();
    return total;
}

void FragmentedSender::stop()
{
    m_stopped = true;
    m_fragmentTimer.stop();
}

void FragmentedSender::clear()
{
    m_queue.clear();
    m_queued.store(0, std::memory_order_release);
    m_fragments.clear();
    m_later.clear();
    m_fragmentTimer.stop();
}

} // namespace TcpInspector
