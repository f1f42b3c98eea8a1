// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"

#include <QtGlobal>

class QObject;

namespace TcpInspector {

class Connection;

/// A new, unique connection id for this process.
quint64 nextConnectionId();

/// A connection for a descriptor accepted by a server, driven by the engine
/// the options name. Call start() on it once its signals are connected.
Connection *createAcceptedConnection(qintptr descriptor, const ConnectionOptions &options,
                                     QObject *parent);

} // namespace TcpInspector
