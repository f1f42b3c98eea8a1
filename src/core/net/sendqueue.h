// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace TcpInspector {

/// Bytes accepted by send() that the socket has not taken yet. The socket
/// takes them a piece at a time; moving the rest to the front after every
/// piece would copy megabytes per write, so the front is an offset instead,
/// and the buffer is compacted only once most of it has been sent.
class SendQueue
{
public:
    void append(const QByteArray &bytes) { m_bytes += bytes; }
    const char *data() const { return m_bytes.constData() + m_head; }
    qint64 size() const { return m_bytes.size() - m_head; }
    bool isEmpty() const { return size() == 0; }
    void clear()
    {
        m_bytes.clear();
        m_head = 0;
    }
    void consume(qint64 count)
    {
        m_head += count;
        if (m_head >= m_bytes.size()) {
            clear();
        } else if (m_head > qint64(1024) * 1024 && m_head > m_bytes.size() / 2) {
            m_bytes.remove(0, m_head);
            m_head = 0;
        }
    }

private:
    QByteArray m_bytes;
    qint64 m_head = 0;
};

} // namespace TcpInspector
