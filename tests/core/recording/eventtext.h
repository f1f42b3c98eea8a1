// SPDX-License-Identifier: GPL-3.0-or-later
// Every field of a timeline event as text, kernel sample included, so that a
// session test comparing events shows which field differs.
#pragma once

#include "timeline/timeline.h"

#include <QString>

namespace TcpInspector {

inline QString kernelText(const KernelSample &k)
{
    return QStringLiteral("%1/%2/%3/%4/%5/%6/%7/%8/%9/%10/%11/%12/%13/%14/%15")
        .arg(int(k.state))
        .arg(int(k.timer))
        .arg(k.probes)
        .arg(k.backoff)
        .arg(k.consecutiveRetransmits)
        .arg(k.keepaliveProbes)
        .arg(k.rttUs)
        .arg(k.rttVarUs)
        .arg(k.cwnd)
        .arg(k.unacked)
        .arg(k.sendQueue)
        .arg(k.recvQueue)
        .arg(k.retransmits)
        .arg(k.timeWaitMs)
        .arg(k.timerMs);
}

inline QString eventText(const TimelineEvent &e)
{
    return QStringLiteral("t=%1 type=%2 state=%3 cause=%4 dir=%5 timeout=%6 code=%7 errno=%8 "
                          "message=%9 explanation=%10 text=%11 bytes=%12 kernel=%13")
        .arg(e.timeNs)
        .arg(int(e.type))
        .arg(int(e.state))
        .arg(int(e.cause))
        .arg(int(e.direction))
        .arg(int(e.timeout))
        .arg(e.code)
        .arg(e.sysErrno)
        .arg(e.message, e.explanation, e.text)
        .arg(e.bytes)
        .arg(kernelText(e.kernel));
}

} // namespace TcpInspector
