// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace TcpInspector {

/// What a relay does to the bytes of one direction on their way: the
/// misbehaving network (or peer) a program should survive.
struct RelayFault
{
    int latencyMs = 0; ///< every byte waits this long, plus up to jitterMs
    int jitterMs = 0;
    qint64 bandwidth = 0;    ///< bytes per second at most; 0: as fast as TCP goes
    qint64 sliceBytes = 0;   ///< written again in pieces of this size; 0: as read
    int sliceDelayMs = 0;    ///< between two pieces
    int coalesceMs = 0;      ///< hold bytes this long after the first, then write them together
    qint64 limitBytes = -1;  ///< after this many bytes the pair ends; -1: no limit
    bool limitReset = false; ///< ...with an RST rather than a FIN
    /// Nothing passes: the relay stops reading the sending leg, so its
    /// peer's writes fill the kernel's buffers and then block, as behind a
    /// stalled network; what a fault already holds waits too.
    bool paused = false;

    /// The bytes go through untouched, at once.
    bool isNone() const
    {
        return latencyMs == 0 && jitterMs == 0 && bandwidth == 0 && sliceBytes == 0
               && coalesceMs == 0 && limitBytes < 0 && !paused;
    }
};

/// A relay's faults: one per direction, and those of a whole pair.
struct RelayFaults
{
    enum Direction { ClientToServer, ServerToClient };
    RelayFault direction[2];
    int resetAfterMs = 0;   ///< reset both legs this long after the accept; 0: never
    int connectDelayMs = 0; ///< wait this long before connecting upstream
    bool refuseNew = false; ///< reset every new connection at once

    const RelayFault &of(Direction d) const { return direction[d]; }

    /// Reads one command line option (its name without "--": "latency",
    /// "bandwidth", "slice", "coalesce", "limit-data", "reset-after",
    /// "connect-delay") into faults; a direction prefix ("c2s:" or "s2c:")
    /// sets one direction, none both. False with *error saying what is
    /// wrong and how to write it.
    static bool parse(const QString &option, const QString &value, RelayFaults *faults,
                      QString *error);
    /// The options parse() reads, without "--".
    static QStringList optionNames();
    /// "c2s: latency 50 ms, slice 1 B; s2c: none": what is on, for a note.
    QString describe() const;
    /// The options parse() reads back into these faults ("--latency
    /// c2s:50:5 --slice 1"), both directions in one when they agree: the
    /// command line for what the window set. Pausing and refusing have no
    /// option and are left out.
    QStringList toArguments() const;
};

} // namespace TcpInspector
