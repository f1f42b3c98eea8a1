// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/autosaver.h"

#include "net/connection.h"
#include "timeline/timeline.h"

#include <QFile>
#include <QHash>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <thread>

namespace TcpInspector {

struct Autosaver::Job
{
    quint64 generation = 0;
    quint64 fingerprint = 0;
    qint64 startNs = 0;
    std::atomic<bool> cancel {false};
    // Written by the worker before it posts finishWrite; read after join().
    bool ok = false;
    qint64 endNs = 0;
    SessionError error;
    std::thread thread;
};

Autosaver::Autosaver(QString path, Source source, QObject *parent)
    : QObject(parent),
      m_path(std::move(path)),
      m_source(std::move(source)),
      m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &Autosaver::tick);
}

Autosaver::~Autosaver()
{
    // A write that ends now must not call into an owner being destroyed.
    blockSignals(true);
    cancelAndWait();
}

void Autosaver::setIntervalMs(int ms)
{
    m_intervalMs = std::max(ms, 10);
    // Look often enough that a change waits at most a fifth of an interval
    // beyond it, but not so often that the fingerprint costs anything.
    m_timer->setInterval(std::clamp(m_intervalMs / 5, 10, 1000));
}

void Autosaver::setEnabled(bool on)
{
    if (on == m_enabled)
        return;
    m_enabled = on;
    if (on) {
        setIntervalMs(m_intervalMs);
        m_nextNs = monotonicNs() + qint64(m_intervalMs) * 1000000;
        m_timer->start();
        return;
    }
    m_timer->stop();
    cancelAndWait();
    removeFile();
}

qint64 Autosaver::nextStartNs(qint64 startNs, qint64 durationNs, qint64 intervalNs)
{
    return startNs + std::max(intervalNs, 10 * durationNs);
}

quint64 Autosaver::fingerprintOf(const AutosaveSnapshot &snapshot)
{
    // Everything a save would write differently: a new chunk or event, a
    // state, a framing. Cheap enough for the GUI thread every tick.
    QList<qint64> facts;
    facts.reserve(snapshot.connections.size() * 8 + 2);
    facts.append(snapshot.listener ? snapshot.listener->count() : -1);
    facts.append(snapshot.connections.size());
    for (const Connection *c : snapshot.connections) {
        facts.append(qint64(c->id()));
        facts.append(qint64(c->state()));
        facts.append(c->timeline().count());
        for (const StreamChannel *channel : {&c->rx(), &c->tx()}) {
            facts.append(channel->store().chunkCount());
            facts.append(channel->frameCount());
            facts.append(qint64(qHash(channel->framing())));
        }
    }
    // Never 0, which stands for "nothing written yet".
    return quint64(qHashRange(facts.cbegin(), facts.cend())) | 1;
}

void Autosaver::tick()
{
    if (!m_enabled || m_job || monotonicNs() < m_nextNs)
        return;
    const AutosaveSnapshot snapshot = m_source();
    const quint64 fingerprint = fingerprintOf(snapshot);
    if (fingerprint == m_writtenFingerprint && m_lastError.isEmpty())
        return;
    if (snapshot.connections.isEmpty()) {
        // Nothing to recover: no file, so the next start offers nothing.
        removeFile();
        m_writtenFingerprint = fingerprint;
        m_lastError.clear();
        return;
    }
    startWrite(snapshot, fingerprint);
}

void Autosaver::startWrite(const AutosaveSnapshot &snapshot, quint64 fingerprint)
{
    auto job = std::make_unique<Job>();
    job->generation = ++m_generation;
    job->fingerprint = fingerprint;
    job->startNs = monotonicNs();
    Job *raw = job.get();
    m_job = std::move(job);
    // The worker only reads the connections (their accessors are safe from
    // any thread); cancelAndWait() keeps them alive until it is done.
    raw->thread = std::thread([this, raw, snapshot] {
        SessionWriter writer;
        writer.setProgress(nullptr, &raw->cancel);
        bool ok = writer.open(m_path, snapshot.meta, &raw->error);
        if (ok && snapshot.listener)
            ok = writer.addTimeline(0, *snapshot.listener, &raw->error);
        for (const Connection *connection : snapshot.connections) {
            if (ok)
                ok = writer.addConnection(*connection, QJsonObject(), &raw->error);
        }
        raw->ok = ok && writer.commit(&raw->error);
        raw->endNs = monotonicNs();
        const quint64 generation = raw->generation;
        QMetaObject::invokeMethod(
            this, [this, generation] { finishWrite(generation); }, Qt::QueuedConnection);
    });
}

void Autosaver::finishWrite(quint64 generation)
{
    // A job cancelled (and collected) meanwhile, or a newer one, is not this one.
    if (m_job && m_job->generation == generation)
        collect();
}

void Autosaver::cancelAndWait()
{
    if (!m_job)
        return;
    m_job->cancel.store(true);
    collect();
}

void Autosaver::collect()
{
    std::unique_ptr<Job> job = std::move(m_job);
    job->thread.join();
    if (!job->ok && job->error.kind == SessionError::Kind::Cancelled) {
        // The previous file stands; the next tick writes what it missed.
        m_nextNs = 0;
        return;
    }
    m_lastDurationNs = job->endNs - job->startNs;
    m_nextNs = nextStartNs(job->startNs, m_lastDurationNs, qint64(m_intervalMs) * 1000000);
    if (!m_enabled) {
        // Turned off while it wrote: no file may stay behind.
        removeFile();
        return;
    }
    if (job->ok) {
        m_writtenFingerprint = job->fingerprint;
        m_lastWrittenNs = job->endNs;
        m_lastError.clear();
        ++m_writeCount;
        emit written();
    } else {
        m_lastError = job->error.toString();
        emit failed(m_lastError);
    }
}

void Autosaver::removeFile()
{
    QFile::remove(m_path);
    QFile::remove(m_path + QStringLiteral(".part"));
    m_writtenFingerprint = 0;
    m_lastWrittenNs = -1;
}

} // namespace TcpInspector
