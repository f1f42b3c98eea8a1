// SPDX-License-Identifier: GPL-3.0-or-later
// Messages as CSV and JSON lines, raw bytes of one direction: recordings
// built by hand (as a session loader fills them), exported, parsed back.
#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"
#include "net/recordedconnection.h"
#include "recording/messageexport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace TcpInspector;

namespace {

constexpr qint64 t0 = 7'000'000'000;
constexpr qint64 ms = 1'000'000;

std::unique_ptr<RecordedConnection> recording(quint64 id, const QString &rxFraming,
                                              const QString &txFraming,
                                              ConnectionOptions o = ConnectionOptions())
{
    o.kernelSampleMs = o.idleTimeoutMs = o.writeStallMs = 0;
    o.rxFraming = rxFraming;
    o.txFraming = txFraming;
    auto c = std::make_unique<RecordedConnection>(Connection::Side::Client, id, o);
    TimelineEvent established;
    established.timeNs = t0;
    established.type = TimelineEvent::StateChanged;
    established.state = ConnectionState::Established;
    c->addEvent(established);
    return c;
}

void add(RecordedConnection &c, Direction d, const QByteArray &bytes, qint64 t)
{
    c.addChunk(d, bytes.constData(), bytes.size(), t);
}

QByteArray exported(const QList<const Connection *> &connections, MessageFormat format,
                    int previewBytes = 64)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString why;
    if (!exportMessages(connections, format, &buffer, t0, previewBytes, &why))
        qWarning() << "export failed:" << why;
    return bytes;
}

/// An RFC 4180 reader of the tests' own: rows of fields, CRLF line ends,
/// quoted fields with doubled quotes. Empty on a malformed text.
QList<QStringList> parseCsv(const QByteArray &text)
{
    QList<QStringList> rows;
    QStringList row;
    QByteArray field;
    bool quoted = false;
    bool wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            if (!field.isEmpty() || wasQuoted)
                return {}; // a quote inside an unquoted field
            quoted = wasQuoted = true;
        } else if (c == ',') {
            row << QString::fromUtf8(field);
            field.clear();
            wasQuoted = false;
        } else if (c == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n')
                return {};
            row << QString::fromUtf8(field);
            rows << row;
            row.clear();
            field.clear();
            wasQuoted = false;
            ++i;
        } else if (c == '\n') {
            return {}; // a bare LF
        } else {
            field += c;
        }
    }
    if (quoted || !row.isEmpty() || !field.isEmpty())
        return {};
    return rows;
}

QList<QJsonObject> parseJsonLines(const QByteArray &text)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            qWarning() << "not JSON:" << line.left(200) << error.errorString();
            return {};
        }
        objects << document.object();
    }
    return objects;
}

} // namespace

class tst_MessageExport : public QObject
{
    Q_OBJECT

private slots:
    void csvQuotingAndColumns();
    void jsonLinesParse();
    void interleavedByTime();
    void lengthFraming();
    void kindNamesAndEof();
    void bigMessageHex();
    void rawRoundTrip();
    void rawRingMode();
    void writeFailure();
};

void tst_MessageExport::csvQuotingAndColumns()
{
    auto c = recording(3, QStringLiteral("line"), QStringLiteral("raw"));
    add(*c, Direction::Rx, "say \"hi\", bob\nplain\n", t0 + 2 * ms);
    add(*c, Direction::Rx, "split ", t0 + 3 * ms);
    add(*c, Direction::Rx, "line\n", t0 + 4'500'000);
    const QByteArray text = exported({c.get()}, MessageFormat::Csv);
    QVERIFY(text.endsWith("\r\n"));
    const QList<QStringList> rows = parseCsv(text);
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0],
             QStringList({"t_ms", "conn", "dir", "index", "offset", "size", "header", "payload",
                          "chunks", "kind", "kind_name", "ended_by", "hex", "preview"}));
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), 14);
    QCOMPARE(rows[1], QStringList({"2.000", "3", "rx", "0", "0", "14", "0", "13", "0-0", "0", "",
                                   "", QString::fromLatin1(QByteArray("say \"hi\", bob").toHex()),
                                   "say \"hi\", bob"}));
    // Quoted where RFC 4180 needs it, and only there.
    QVERIFY(text.contains(",\"say \"\"hi\"\", bob\"\r\n"));
    QVERIFY(text.contains(",plain\r\n"));
    QCOMPARE(rows[2][8], QStringLiteral("0-0"));
    // The third line came in two reads: it is complete at the second.
    QCOMPARE(rows[3][0], QStringLiteral("4.500"));
    QCOMPARE(rows[3][8], QStringLiteral("1-2"));
    QCOMPARE(rows[3][13], QStringLiteral("split line"));
}

void tst_MessageExport::jsonLinesParse()
{
    auto c = recording(5, QStringLiteral("line"), QStringLiteral("line"));
    add(*c, Direction::Tx, "PING \"\\\"\r\n", t0 + ms);
    add(*c, Direction::Rx, QByteArray("bin\x01\x02\xff\n", 7), t0 + 2 * ms);
    const QList<QJsonObject> lines = parseJsonLines(exported({c.get()}, MessageFormat::Jsonl));
    QCOMPARE(lines.size(), 2);
    const QJsonObject &tx = lines[0];
    QCOMPARE(tx.value("t").toDouble(), 1.0);
    QCOMPARE(tx.value("conn").toInt(), 5);
    QCOMPARE(tx.value("dir").toString(), QStringLiteral("tx"));
    QCOMPARE(tx.value("index").toInt(), 0);
    QCOMPARE(tx.value("size").toInt(), 10);
    QCOMPARE(tx.value("payload").toInt(), 8);
    QCOMPARE(tx.value("chunks").toArray(), QJsonArray({0, 0}));
    QCOMPARE(QByteArray::fromHex(tx.value("hex").toString().toLatin1()), QByteArray("PING \"\\\""));
    QCOMPARE(tx.value("preview").toString(), QStringLiteral("PING \"\\\\\""));
    const QJsonObject &rx = lines[1];
    QCOMPARE(rx.value("dir").toString(), QStringLiteral("rx"));
    QCOMPARE(rx.value("hex").toString(), QStringLiteral("62696e0102ff"));
    QCOMPARE(rx.value("preview").toString(), QStringLiteral("bin\\x01\\x02\\xff"));
    QCOMPARE(rx.value("ended_by").toString(), QString());
    for (const char *key : {"t", "conn", "dir", "index", "offset", "size", "header", "payload",
                            "chunks", "kind", "kind_name", "ended_by", "hex", "preview"})
        QVERIFY2(rx.contains(QLatin1String(key)), key);
}

void tst_MessageExport::interleavedByTime()
{
    auto a = recording(1, QStringLiteral("line"), QStringLiteral("line"));
    auto b = recording(2, QStringLiteral("line"), QStringLiteral("line"));
    add(*a, Direction::Tx, "a-tx-0\n", t0 + 1 * ms);
    add(*b, Direction::Tx, "b-tx-0\n", t0 + 2 * ms);
    add(*a, Direction::Rx, "a-rx-0\na-rx-1\n", t0 + 3 * ms);
    add(*b, Direction::Rx, "b-rx-0\n", t0 + 3 * ms); // a tie: connection order
    add(*a, Direction::Tx, "a-tx-1\n", t0 + 3 * ms); // a tie: rx before tx
    add(*b, Direction::Rx, "b-rx-", t0 + 4 * ms);
    add(*a, Direction::Rx, "a-rx-2\n", t0 + 5 * ms);
    add(*b, Direction::Rx, "1\n", t0 + 6 * ms);
    const QList<QJsonObject> lines
        = parseJsonLines(exported({a.get(), b.get()}, MessageFormat::Jsonl));
    QStringList order;
    double last = -1;
    for (const QJsonObject &line : lines) {
        order << line.value("preview").toString();
        QVERIFY(line.value("t").toDouble() >= last);
        last = line.value("t").toDouble();
    }
    QCOMPARE(order, QStringList({"a-tx-0", "b-tx-0", "a-rx-0", "a-rx-1", "a-tx-1", "b-rx-0",
                                 "a-rx-2", "b-rx-1"}));
    QCOMPARE(lines.last().value("index").toInt(), 1);
    QCOMPARE(lines.last().value("chunks").toArray(), QJsonArray({1, 2}));
}

void tst_MessageExport::lengthFraming()
{
    auto c = recording(4, QStringLiteral("length:bytes=2,strip=2"), QStringLiteral("raw"));
    add(*c, Direction::Rx,
        QByteArray("\x00\x03"
                   "abc"
                   "\x00\x02"
                   "d",
                   8),
        t0 + ms);
    add(*c, Direction::Rx, "e", t0 + 2 * ms);
    const QList<QStringList> rows = parseCsv(exported({c.get()}, MessageFormat::Csv));
    QCOMPARE(rows.size(), 3);
    // offset, size, header, payload, chunks, hex, preview
    const auto columns = [](const QStringList &row) {
        return QStringList {row[4], row[5], row[6], row[7], row[8], row[12], row[13]};
    };
    QCOMPARE(columns(rows[1]), QStringList({"0", "5", "2", "3", "0-0", "616263", "abc"}));
    QCOMPARE(columns(rows[2]), QStringList({"5", "4", "2", "2", "0-1", "6465", "de"}));
    QCOMPARE(rows[2][0], QStringLiteral("2.000"));
}

void tst_MessageExport::kindNamesAndEof()
{
    auto c = recording(6, QStringLiteral("http"), QStringLiteral("resp"));
    add(*c, Direction::Tx, "+OK\r\n:12\r\n", t0 + ms);
    add(*c, Direction::Rx, "HTTP/1.0 200 OK\r\n\r\nbody until EOF", t0 + 2 * ms);
    c->finishDirection(Direction::Rx, t0 + 9 * ms);
    const QList<QJsonObject> lines = parseJsonLines(exported({c.get()}, MessageFormat::Jsonl));
    QCOMPARE(lines.size(), 3);
    const KindNamer resp = DecoderRegistry::instance().kindNamer(QStringLiteral("resp"));
    QVERIFY(resp);
    QCOMPARE(lines[0].value("kind").toInt(), int('+'));
    QCOMPARE(lines[0].value("kind_name").toString(), resp('+'));
    QCOMPARE(lines[1].value("kind_name").toString(), resp(':'));
    const QJsonObject &response = lines[2];
    QCOMPARE(response.value("dir").toString(), QStringLiteral("rx"));
    QCOMPARE(response.value("ended_by").toString(), QStringLiteral("eof"));
    QCOMPARE(response.value("t").toDouble(), 9.0); // when EOF completed it
    QVERIFY(!response.value("kind_name").toString().isEmpty());
    QCOMPARE(QByteArray::fromHex(response.value("hex").toString().toLatin1()),
             QByteArray("body until EOF"));
}

void tst_MessageExport::bigMessageHex()
{
    // Past the export's 1 MiB read-ahead window: the hex goes out in pieces.
    auto c = recording(8, QStringLiteral("line:max=4M"), QStringLiteral("raw"));
    add(*c, Direction::Rx, "short\n", t0 + ms / 2);
    QByteArray line(1'500'000, Qt::Uninitialized);
    for (qsizetype i = 0; i < line.size(); ++i)
        line[i] = char('a' + i % 26);
    for (qsizetype at = 0; at < line.size(); at += 70000)
        add(*c, Direction::Rx, line.mid(at, 70000), t0 + ms + at);
    add(*c, Direction::Rx, "\n", t0 + 5 * ms);
    for (MessageFormat format : {MessageFormat::Csv, MessageFormat::Jsonl}) {
        const QByteArray text = exported({c.get()}, format, 8);
        const QByteArray hex = line.toHex();
        QVERIFY(text.contains(',' + hex + ',') || text.contains('"' + hex + '"'));
        QVERIFY(text.contains("abcdefgh..."));
        QCOMPARE(text.count('\n'), format == MessageFormat::Csv ? 3 : 2);
        QVERIFY(text.contains(QByteArray("short").toHex()));
    }
}

void tst_MessageExport::rawRoundTrip()
{
    auto c = recording(9, QStringLiteral("line"), QStringLiteral("length:bytes=1,strip=1"));
    QByteArray rx;
    for (int i = 0; i < 40000; ++i)
        rx += "line " + QByteArray::number(i) + '\n';
    for (qsizetype at = 0; at < rx.size(); at += 100'000)
        add(*c, Direction::Rx, rx.mid(at, 100'000), t0 + at);
    add(*c, Direction::Tx, QByteArray("\x02hi\x01!", 5), t0 + ms);
    c->finishLoading(ConnectionState::Established, "127.0.0.1:1", "127.0.0.1:2", 2, 2);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString why;
    QVERIFY(exportRaw(*c, Direction::Rx, &buffer, &why));
    QCOMPARE(bytes.size(), rx.size());
    QVERIFY(bytes == rx);
    // What `decode --framing line` does with it: the same messages.
    QString error;
    const std::unique_ptr<FrameDecoder> decoder
        = DecoderRegistry::instance().create(QStringLiteral("line"), &error);
    QVERIFY2(decoder, qPrintable(error));
    FrameSink sink;
    decoder->feed(bytes, sink);
    decoder->finish(sink);
    QCOMPARE(qint64(sink.frames.size()), c->rx().frameCount());
    QCOMPARE(sink.frames.back(), c->rx().frame(c->rx().frameCount() - 1));

    // tx as stored, the bytes the engine threw away included.
    bytes.clear();
    buffer.seek(0);
    QVERIFY(exportRaw(*c, Direction::Tx, &buffer, &why));
    QCOMPARE(bytes, QByteArray("\x02hi\x01!", 5));
}

void tst_MessageExport::rawRingMode()
{
    ConnectionOptions o;
    o.store.blockSize = 4096;
    o.store.keepBytes = 4096;
    auto c = recording(10, QStringLiteral("raw"), QStringLiteral("raw"), o);
    QByteArray all;
    for (int i = 0; i < 5; ++i) {
        const QByteArray block(4096, char('a' + i));
        add(*c, Direction::Rx, block, t0 + i * ms);
        all += block;
    }
    const qint64 first = c->rx().store().firstOffset();
    QVERIFY(first > 0);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString why;
    QVERIFY(exportRaw(*c, Direction::Rx, &buffer, &why));
    QCOMPARE(bytes, all.mid(first));
    // Messages: only those still kept, with their stream indexes.
    const QList<QJsonObject> lines = parseJsonLines(exported({c.get()}, MessageFormat::Jsonl));
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.first().value("index").toInt(), int(c->rx().firstFrame()));
}

void tst_MessageExport::writeFailure()
{
    auto c = recording(11, QStringLiteral("line"), QStringLiteral("raw"));
    add(*c, Direction::Rx, "x\n", t0 + ms);
    QByteArray bytes;
    QBuffer readOnly(&bytes);
    readOnly.open(QIODevice::ReadOnly);
    QString why;
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
    QVERIFY(!exportMessages({c.get()}, MessageFormat::Csv, &readOnly, t0, 64, &why));
    QVERIFY(!why.isEmpty());
    why.clear();
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
    QVERIFY(!exportRaw(*c, Direction::Rx, &readOnly, &why));
    QVERIFY(!why.isEmpty());
}

QTEST_GUILESS_MAIN(tst_MessageExport)
#include "tst_messageexport.moc"
