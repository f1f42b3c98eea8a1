// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ratemeter.h"

namespace TcpInspector {

void RateMeter::sample(qint64 nowNs, qint64 total)
{
    if (!m_samples.empty() && (total < m_samples.back().total || nowNs < m_samples.back().ns))
        m_samples.clear();
    m_samples.push_back({nowNs, total});
    // Keep one sample at or before the window's start, so the span is a full window.
    while (m_samples.size() > 2 && m_samples[1].ns <= nowNs - m_windowNs)
        m_samples.pop_front();
}

double RateMeter::rate() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &first = m_samples.front();
    const Sample &last = m_samples.back();
    const qint64 span = last.ns - first.ns;
    if (span <= 0)
        return 0;
    return double(last.total - first.total) * 1e9 / double(span);
}

} // namespace TcpInspector
