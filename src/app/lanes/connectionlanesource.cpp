// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanes/connectionlanesource.h"

namespace TcpInspector {

QString ConnectionLaneSource::engineName() const
{
    return engineKey(m_connection->engine());
}

const StreamStore &ConnectionLaneSource::store(Direction direction) const
{
    return direction == Direction::Rx ? m_connection->rx().store() : m_connection->tx().store();
}

} // namespace TcpInspector
