// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/sessioncodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

#include <limits>

namespace TcpInspector::SessionCodec {

void Writer::u16(quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    m_bytes.append(b, 2);
}

void Writer::u32(quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    m_bytes.append(b, 4);
}

void Writer::u64(quint64 v)
{
    char b[8];
    qToLittleEndian(v, b);
    m_bytes.append(b, 8);
}

void Writer::varint(quint64 v)
{
    while (v >= 0x80) {
        m_bytes.append(char(quint8(v) | 0x80));
        v >>= 7;
    }
    m_bytes.append(char(v));
}

void Writer::blob(const QByteArray &b)
{
    varint(quint64(b.size()));
    m_bytes.append(b);
}

const char *Reader::take(qint64 n)
{
    if (!m_ok || n < 0 || n > remaining()) {
        m_ok = false;
        return nullptr;
    }
    const char *at = reinterpret_cast<const char *>(m_p);
    m_p += n;
    return at;
}

quint8 Reader::u8()
{
    const char *p = take(1);
    return p ? quint8(*p) : 0;
}

quint16 Reader::u16()
{
    const char *p = take(2);
    return p ? qFromLittleEndian<quint16>(p) : 0;
}

quint32 Reader::u32()
{
    const char *p = take(4);
    return p ? qFromLittleEndian<quint32>(p) : 0;
}

quint64 Reader::u64()
{
    const char *p = take(8);
    return p ? qFromLittleEndian<quint64>(p) : 0;
}

quint64 Reader::varint()
{
    quint64 value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const char *p = take(1);
        if (!p)
            return 0;
        value |= quint64(quint8(*p) & 0x7f) << shift;
        if (!(quint8(*p) & 0x80))
            return value;
    }
    m_ok = false; // more than ten bytes: not a varint we write
    return 0;
}

qint64 Reader::zigzag()
{
    const quint64 raw = varint();
    return qint64(raw >> 1) ^ -qint64(raw & 1);
}

QByteArray Reader::blob()
{
    const quint64 length = varint();
    if (length > quint64(remaining())) {
        m_ok = false;
        return QByteArray();
    }
    const char *p = take(qint64(length));
    return p ? QByteArray(p, qsizetype(length)) : QByteArray();
}

QString Reader::string()
{
    return QString::fromUtf8(blob());
}

namespace {

constexpr quint8 hasKernel = 1;

bool kernelIsDefault(const KernelSample &k)
{
    const KernelSample d;
    return k.state == d.state && k.timer == d.timer && k.probes == d.probes
           && k.backoff == d.backoff && k.consecutiveRetransmits == d.consecutiveRetransmits
           && k.keepaliveProbes == d.keepaliveProbes && k.rttUs == d.rttUs
           && k.rttVarUs == d.rttVarUs && k.cwnd == d.cwnd && k.unacked == d.unacked
           && k.sendQueue == d.sendQueue && k.recvQueue == d.recvQueue
           && k.retransmits == d.retransmits && k.timeWaitMs == d.timeWaitMs
           && k.timerMs == d.timerMs;
}

void putKernel(Writer &out, const KernelSample &k)
{
    out.u8(quint8(k.state));
    out.u8(quint8(k.timer));
    for (qint64 v : {qint64(k.probes), qint64(k.backoff), qint64(k.consecutiveRetransmits),
                     qint64(k.keepaliveProbes)})
        out.zigzag(v);
    for (qint64 v : {k.rttUs, k.rttVarUs, k.cwnd, k.unacked, k.sendQueue, k.recvQueue,
                     k.retransmits, k.timeWaitMs, k.timerMs})
        out.zigzag(v);
}

template<typename T>
bool getNumber(Reader &in, T *out)
{
    const qint64 v = in.zigzag();
    *out = T(v);
    return qint64(*out) == v;
}

bool getKernel(Reader &in, KernelSample *k)
{
    const quint8 state = in.u8();
    const quint8 timer = in.u8();
    if (state >= kernelStateCount || timer > quint8(KernelTimer::ZeroWindowProbe))
        return false;
    k->state = KernelState(state);
    k->timer = KernelTimer(timer);
    bool ok = getNumber(in, &k->probes) && getNumber(in, &k->backoff)
              && getNumber(in, &k->consecutiveRetransmits) && getNumber(in, &k->keepaliveProbes);
    for (qint32 *v : {&k->rttUs, &k->rttVarUs, &k->cwnd, &k->unacked, &k->sendQueue, &k->recvQueue,
                      &k->retransmits, &k->timeWaitMs, &k->timerMs})
        ok = ok && getNumber(in, v);
    return ok && in.ok();
}

} // namespace

void putEvent(Writer &out, const TimelineEvent &e, qint64 previousNs)
{
    out.zigzag(e.timeNs - previousNs);
    out.u8(quint8(e.type));
    out.u8(quint8(e.state));
    out.u8(quint8(e.cause));
    out.u8(quint8(e.direction));
    out.u8(quint8(e.timeout));
    const bool kernel = e.type == TimelineEvent::Kernel || !kernelIsDefault(e.kernel);
    out.u8(kernel ? hasKernel : 0);
    out.zigzag(e.sysErrno);
    out.zigzag(e.bytes);
    out.string(e.code);
    out.string(e.message);
    out.string(e.explanation);
    out.string(e.text);
    if (kernel)
        putKernel(out, e.kernel);
}

bool getEvent(Reader &in, TimelineEvent *e, qint64 previousNs)
{
    e->timeNs = previousNs + in.zigzag();
    const quint8 type = in.u8();
    const quint8 state = in.u8();
    const quint8 cause = in.u8();
    const quint8 direction = in.u8();
    const quint8 timeout = in.u8();
    const quint8 flags = in.u8();
    if (type > TimelineEvent::Discarded || state > quint8(ConnectionState::Failed)
        || cause > quint8(StateCause::Engine) || direction > quint8(Direction::Tx)
        || timeout > quint8(TimeoutKind::Close) || (flags & ~hasKernel))
        return false;
    e->type = TimelineEvent::Type(type);
    e->state = ConnectionState(state);
    e->cause = StateCause(cause);
    e->direction = Direction(direction);
    e->timeout = TimeoutKind(timeout);
    if (!getNumber(in, &e->sysErrno))
        return false;
    e->bytes = in.zigzag();
    e->code = in.string();
    e->message = in.string();
    e->explanation = in.string();
    e->text = in.string();
    e->kernel = KernelSample();
    if ((flags & hasKernel) && !getKernel(in, &e->kernel))
        return false;
    return in.ok();
}

void putTlsDetails(Writer &out, const std::vector<std::pair<qint64, const TlsDetails *>> &details)
{
    out.varint(quint64(details.size()));
    for (const auto &[index, d] : details) {
        out.varint(quint64(index));
        for (const QString *text :
             {&d->protocol, &d->cipher, &d->alpn, &d->serverName, &d->peerSubject, &d->peerIssuer,
              &d->peerExpires, &d->verifyError, &d->alertLevel, &d->alertKey})
            out.string(*text);
        out.u8(d->verified ? 1 : 0);
        out.varint(quint64(d->chain.size()));
        for (const QString &certificate : d->chain)
            out.string(certificate);
    }
}

bool getTlsDetails(Reader &in, std::vector<TimelineEvent> *events)
{
    if (in.remaining() == 0)
        return true; // format 1.0, or no TLS event in the record
    const quint64 count = in.varint();
    if (!in.ok() || count > events->size())
        return false;
    for (quint64 i = 0; i < count; ++i) {
        const quint64 index = in.varint();
        auto d = std::make_shared<TlsDetails>();
        for (QString *text :
             {&d->protocol, &d->cipher, &d->alpn, &d->serverName, &d->peerSubject, &d->peerIssuer,
              &d->peerExpires, &d->verifyError, &d->alertLevel, &d->alertKey})
            *text = in.string();
        d->verified = in.u8() != 0;
        const quint64 chain = in.varint();
        if (!in.ok() || index >= events->size() || chain > quint64(in.remaining()))
            return false;
        for (quint64 c = 0; c < chain; ++c)
            d->chain.append(in.string());
        if (!in.ok())
            return false;
        (*events)[size_t(index)].tls = std::move(d);
    }
    return true;
}

void putRecordRef(Writer &out, const SessionRecordRef &r)
{
    out.u32(r.type);
    out.u32(r.flags);
    out.u64(r.connection);
    out.u8(r.direction);
    for (qint64 v : {r.offset, r.length, r.first, r.count, r.firstNs, r.lastNs})
        out.i64(v);
}

SessionRecordRef getRecordRef(Reader &in)
{
    SessionRecordRef r;
    r.type = in.u32();
    r.flags = in.u32();
    r.connection = in.u64();
    r.direction = in.u8();
    for (qint64 *v : {&r.offset, &r.length, &r.first, &r.count, &r.firstNs, &r.lastNs})
        *v = in.i64();
    return r;
}

namespace {

void putDirection(Writer &out, const SessionDirection &d)
{
    out.string(d.framing);
    for (qint64 v : {d.dataStart, d.size, d.evictedBytes, d.firstChunk, d.chunkCount,
                     d.droppedBytes, d.droppedChunks, d.finishedAtNs, d.frameCount, d.errorCount})
        out.i64(v);
}

bool getDirection(Reader &in, SessionDirection *d)
{
    d->framing = in.string();
    for (qint64 *v :
         {&d->dataStart, &d->size, &d->evictedBytes, &d->firstChunk, &d->chunkCount,
          &d->droppedBytes, &d->droppedChunks, &d->finishedAtNs, &d->frameCount, &d->errorCount})
        *v = in.i64();
    return d->dataStart >= 0 && d->size >= d->dataStart && d->firstChunk >= 0
           && d->chunkCount >= d->firstChunk && d->droppedBytes >= 0 && d->droppedChunks >= 0;
}

} // namespace

void putConnection(Writer &out, const SessionConnection &c)
{
    out.u64(c.id);
    out.u8(quint8(c.side));
    out.u8(quint8(c.engine));
    out.u8(quint8(c.state));
    out.u8(c.finalAtSave ? 1 : 0);
    out.string(c.localAddress);
    out.string(c.peerAddress);
    out.i64(c.discardedBytes);
    out.i64(c.discardedFromTx);
    out.i64(c.eventCount);
    for (const SessionDirection &d : c.directions)
        putDirection(out, d);
    out.blob(QJsonDocument(c.settings).toJson(QJsonDocument::Compact));
    // Format 1.2: what a 1.1 reader leaves unread at the end.
    out.u8(c.hasWire ? 1 : 0);
    if (c.hasWire) {
        for (const SessionDirection &d : c.wire)
            putDirection(out, d);
    }
    out.blob(c.tlsKeyLog);
}

bool getConnection(Reader &in, SessionConnection *c)
{
    c->id = in.u64();
    const quint8 side = in.u8();
    const quint8 engine = in.u8();
    const quint8 state = in.u8();
    const quint8 flags = in.u8();
    if (side > quint8(Connection::Side::Client) || engine > quint8(EngineKind::Native)
        || state > quint8(ConnectionState::Failed) || flags > 1)
        return false;
    c->side = Connection::Side(side);
    c->engine = EngineKind(engine);
    c->state = ConnectionState(state);
    c->finalAtSave = flags & 1;
    c->localAddress = in.string();
    c->peerAddress = in.string();
    c->discardedBytes = in.i64();
    c->discardedFromTx = in.i64();
    c->eventCount = in.i64();
    for (SessionDirection &d : c->directions) {
        if (!getDirection(in, &d))
            return false;
    }
    c->settings = QJsonDocument::fromJson(in.blob()).object();
    if (!in.ok() || c->eventCount < 0)
        return false;
    if (in.remaining() == 0)
        return true; // format 1.0 or 1.1
    const quint8 wire = in.u8();
    if (wire > 1)
        return false;
    c->hasWire = wire == 1;
    for (SessionDirection &d : c->wire) {
        if (c->hasWire && !getDirection(in, &d))
            return false;
    }
    c->tlsKeyLog = in.blob();
    return in.ok();
}

QJsonObject optionsToJson(const ConnectionOptions &o)
{
    QJsonObject store {{QStringLiteral("blockSize"), o.store.blockSize},
                       {QStringLiteral("memoryBudget"), o.store.memoryBudget},
                       {QStringLiteral("maxBytes"), o.store.maxBytes},
                       {QStringLiteral("keepBytes"), o.store.keepBytes}};
    QJsonObject json {{QStringLiteral("engine"), engineKey(o.engine)},
                      {QStringLiteral("qtFlushWrites"), o.qtFlushWrites},
                      {QStringLiteral("rxFraming"), o.rxFraming},
                      {QStringLiteral("txFraming"), o.txFraming},
                      {QStringLiteral("idleTimeoutMs"), o.idleTimeoutMs},
                      {QStringLiteral("writeStallMs"), o.writeStallMs},
                      {QStringLiteral("readSlice"), o.readSlice},
                      {QStringLiteral("kernelSampleMs"), o.kernelSampleMs},
                      {QStringLiteral("noDelay"), o.noDelay},
                      {QStringLiteral("receiveBuffer"), o.receiveBuffer},
                      {QStringLiteral("sendBuffer"), o.sendBuffer},
                      {QStringLiteral("maxSegment"), o.maxSegment},
                      {QStringLiteral("synRetries"), o.synRetries},
                      {QStringLiteral("store"), store}};
    if (o.tls.enabled) {
        json.insert(QStringLiteral("tls"),
                    QJsonObject {{QStringLiteral("verify"), o.tls.verify},
                                 {QStringLiteral("serverName"), o.tls.serverName},
                                 {QStringLiteral("alpn"), QJsonArray::fromStringList(o.tls.alpn)},
                                 {QStringLiteral("caFile"), o.tls.caFile},
                                 {QStringLiteral("certificateFile"), o.tls.certificateFile},
                                 {QStringLiteral("keyFile"), o.tls.keyFile}});
    }
    return json;
}

namespace {

template<typename T>
void readInt(const QJsonObject &json, const char *key, T *out, qint64 min, qint64 max)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (!v.isDouble())
        return;
    const double d = v.toDouble();
    if (d >= double(min) && d <= double(max))
        *out = T(d);
}

} // namespace

ConnectionOptions optionsFromJson(const QJsonObject &json)
{
    ConnectionOptions o;
    if (auto engine = engineFromKey(json.value(QStringLiteral("engine")).toString()))
        o.engine = *engine;
    o.qtFlushWrites = json.value(QStringLiteral("qtFlushWrites")).toBool(o.qtFlushWrites);
    o.rxFraming = json.value(QStringLiteral("rxFraming")).toString(o.rxFraming);
    o.txFraming = json.value(QStringLiteral("txFraming")).toString(o.txFraming);
    constexpr qint64 intMax = std::numeric_limits<int>::max();
    constexpr qint64 big = qint64(1) << 52; // exact in a double
    readInt(json, "idleTimeoutMs", &o.idleTimeoutMs, 0, intMax);
    readInt(json, "writeStallMs", &o.writeStallMs, 0, intMax);
    readInt(json, "readSlice", &o.readSlice, 0, big);
    readInt(json, "kernelSampleMs", &o.kernelSampleMs, 0, intMax);
    o.noDelay = json.value(QStringLiteral("noDelay")).toBool(o.noDelay);
    readInt(json, "receiveBuffer", &o.receiveBuffer, 0, intMax);
    readInt(json, "sendBuffer", &o.sendBuffer, 0, intMax);
    readInt(json, "maxSegment", &o.maxSegment, 0, intMax);
    readInt(json, "synRetries", &o.synRetries, 0, intMax);
    const QJsonObject store = json.value(QStringLiteral("store")).toObject();
    // A block is at least 4 KiB and at most 16 MiB: a damaged file must not
    // make a store of one-byte blocks.
    readInt(store, "blockSize", &o.store.blockSize, 4096, qint64(16) << 20);
    readInt(store, "memoryBudget", &o.store.memoryBudget, 0, big);
    readInt(store, "maxBytes", &o.store.maxBytes, -1, big);
    readInt(store, "keepBytes", &o.store.keepBytes, -1, big);
    const QJsonValue tls = json.value(QStringLiteral("tls"));
    if (tls.isObject()) {
        const QJsonObject t = tls.toObject();
        o.tls.enabled = true;
        o.tls.verify = t.value(QStringLiteral("verify")).toBool(true);
        o.tls.serverName = t.value(QStringLiteral("serverName")).toString();
        for (const auto &name : t.value(QStringLiteral("alpn")).toArray())
            o.tls.alpn.append(name.toString());
        o.tls.caFile = t.value(QStringLiteral("caFile")).toString();
        o.tls.certificateFile = t.value(QStringLiteral("certificateFile")).toString();
        o.tls.keyFile = t.value(QStringLiteral("keyFile")).toString();
    }
    return o;
}

} // namespace TcpInspector::SessionCodec
