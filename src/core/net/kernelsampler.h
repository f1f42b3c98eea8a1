// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/kernelinfo.h"
#include "timeline/timeline.h"

#include <QObject>
#include <QString>

class QTimer;

#include <functional>

namespace TcpInspector {

/// Keepalive probes that went out between two samples of one connection.
/// On loopback the peer answers before tcpi_probes can be seen to rise, so
/// a probe is told by what it is: a segment without data, with the
/// keepalive timer armed, nothing queued either way, no data moving, and
/// none for 200 ms before (longer than a delayed ACK waits, so the ACK of
/// the last data is not taken for one). tcpi_probes rising counts too: that
/// is a peer that does not answer.
int keepaliveProbesBetween(const KernelSample &before, const KernelCounters &countersBefore,
                           const KernelSample &after, const KernelCounters &countersAfter);

/// The kernel's view of one connection over its life: TCP_INFO samples of
/// its socket while it is open, then sock_diag lookups of its addresses after
/// it is gone (FIN_WAIT2, TIME_WAIT...), until the kernel settles or forgets
/// it. Only changes are reported: a sample every few ms of an idle
/// connection would bury everything else on its timeline.
class KernelSampler : public QObject
{
    Q_OBJECT

public:
    /// descriptor: the socket to sample, -1 once there is none.
    explicit KernelSampler(std::function<int()> descriptor, QObject *parent = nullptr);
    ~KernelSampler() override;

    /// Samples now and then every intervalMs (0: only now), on the thread's
    /// SampleClock, which takes turns past SampleClock::samplesPerTick samplers.
    void start(int intervalMs);
    bool isSampling() const { return m_intervalMs > 0; }
    /// Samples now, and again every few ms while the kernel is between
    /// states (SYN_SENT, FIN_WAIT1/2, CLOSING, LAST_ACK): after an event of
    /// the app (a connect, a FIN sent or read) the kernel moves on within
    /// milliseconds, faster than the regular interval looks. Does nothing
    /// unless it is sampling.
    void sampleNow();
    /// The socket is gone: stops sampling and, if it was sampling, asks the
    /// kernel about local and peer ("host:port") until the state settles.
    void socketClosed(const QString &local, const QString &peer);
    /// The latest state reported.
    const KernelSample &last() const { return m_last; }

Q_SIGNALS:
    void changed(const TcpInspector::KernelSample &sample);

private:
    friend class SampleClock;
    void stopSampling();
    void handleSampleTimer();
    /// Another look soon while the state is one the kernel leaves by itself.
    void followTransition();
    void lookUpAfterClose();

    std::function<int()> m_descriptor;
    int m_intervalMs = 0;   ///< while sampling
    size_t m_clockSlot = 0; ///< where the SampleClock keeps it
    KernelSample m_last;
    KernelCounters m_lastCounters;
    QString m_local;
    QString m_peer;
    int m_afterCloseLookups = 0;
    QTimer *m_burst = nullptr; ///< the quick looks of followTransition(), made on first use
    int m_burstLooks = 0;      ///< since the last app event
};

} // namespace TcpInspector
