// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/connectionfactory.h"

#include "net/nativeconnection.h"
#include "net/qtconnection.h"

#include <atomic>

namespace TcpInspector {

quint64 nextConnectionId()
{
    static std::atomic<quint64> next {1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

Connection *createAcceptedConnection(qintptr descriptor, const ConnectionOptions &options,
                                     QObject *parent)
{
    if (options.tls.enabled) { // TLS runs over the native engine alone
        ConnectionOptions native = options;
        native.engine = EngineKind::Native;
        return new NativeConnection(descriptor, nextConnectionId(), native, parent);
    }
    switch (options.engine) {
    case EngineKind::Qt:
        return new QtConnection(descriptor, nextConnectionId(), options, parent);
    case EngineKind::Native:
        return new NativeConnection(descriptor, nextConnectionId(), options, parent);
    }
    return nullptr;
}

} // namespace TcpInspector
