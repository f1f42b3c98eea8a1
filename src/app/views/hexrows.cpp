// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/hexrows.h"

namespace TcpInspector {

qint64 HexRows::rowOf(qint64 offset) const
{
    return offset >= 0 && offset < m_layout.streamSize() ? m_layout.rowOf(offset) : -1;
}

void HexRows::reset(const StreamStore *store)
{
    Q_UNUSED(store); // the rows follow from the size alone
    m_layout.setStreamSize(0);
}

} // namespace TcpInspector
