// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/recordedconnection.h"
#include "recording/sessionerror.h"
#include "recording/sessionreader.h"
#include "recording/sessionrecords.h"

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace TcpInspector {

/// A session read back into RecordedConnections, ready for the views and
/// the printer.
struct LoadedSession
{
    SessionInfo info; ///< start times, META
    /// Parentless, owned here, on the loading thread: moveToThread() them
    /// (or release them to a parent) before use elsewhere.
    std::vector<std::unique_ptr<RecordedConnection>> connections;
    /// What the file said about each of connections (same index): the
    /// settings, the counts when saved.
    std::vector<SessionConnection> recorded;
    std::vector<TimelineEvent> listenerEvents; ///< EVNT of connection 0
    std::vector<SessionLine> lines;            ///< what the CLI printed, in file order
    /// Everything not as it should be, worst first where it matters; empty
    /// for a whole, unchanged file.
    QList<SessionError> problems;
};

struct LoadOptions
{
    /// The stores' options (memory budget, spill folder) instead of the
    /// recorded ones; ring mode and the cap stay as recorded.
    std::optional<StreamStore::Options> store;
    QString rxFraming; ///< decode rx with this spec; empty: as recorded
    QString txFraming;
};

/// An empty connection for rec: its recorded options and framings (or
/// options' framings), its dropped counts; bad framings are warned about
/// in problems. What loadSession() and a replay fill.
std::unique_ptr<RecordedConnection> createRecorded(const SessionConnection &rec,
                                                   const LoadOptions &options,
                                                   QList<SessionError> *problems);

/// Loads a session file: every connection's chunks are fed again, both
/// directions merged in time order (an HTTP decoder on rx hears the
/// requests on tx), with one chunk's bytes in memory at a time; the stores
/// spill past their budget as they did live. False when nothing could be
/// opened (out->problems says why); true, perhaps with problems, when what
/// was readable is loaded.
///
///     LoadedSession session;
///     std::atomic<qint64> done {0};
///     if (!loadSession(path, &session, {}, &done, &cancel))
///         return fail(session.problems.first().toString());
///     for (const SessionError &p : session.problems)
///         warn(p.toString());
///     for (auto &c : session.connections)
///         show(c.get());
///
/// progress counts the bytes loaded (of info.fileSize at most); cancel,
/// when it becomes true, stops the load (false, a Cancelled problem).
bool loadSession(const QString &path, LoadedSession *out, const LoadOptions &options = {},
                 std::atomic<qint64> *progress = nullptr,
                 const std::atomic<bool> *cancel = nullptr);
bool loadSession(std::unique_ptr<SessionInput> input, LoadedSession *out,
                 const LoadOptions &options = {}, std::atomic<qint64> *progress = nullptr,
                 const std::atomic<bool> *cancel = nullptr);

} // namespace TcpInspector
