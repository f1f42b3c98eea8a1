// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace TcpInspector {

/// The child side of bench/ingest's case (d), run as
/// `bench_ingest --app-child PORT FRAMING ENGINE`: the app's MainWindow,
/// offscreen, listening on 127.0.0.1:PORT with FRAMING for new connections,
/// showing the connection it accepts while a 10 ms timer on the GUI thread
/// records its lateness. When the connection has closed it prints one JSON
/// line: bytes and frames kept, whether the view shows it and its message
/// rows, ticks, late_p99_ms, late_worst_ms, the GUI thread's time on a core
/// and in the run queue in the worst gap (late_worst_cpu_ms,
/// late_worst_queued_ms), and its CPU time and involuntary switches over the
/// stream (gui_cpu_s, gui_preempted).
int runAppChild(int argc, char *argv[]);

} // namespace TcpInspector
