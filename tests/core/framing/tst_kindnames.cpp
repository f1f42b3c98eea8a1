// SPDX-License-Identifier: GPL-3.0-or-later
// FrameDecoder::kindName() and DecoderInfo::kindName: the snake_case names of
// Frame::kind that JSON output prints as "kind_name", the same from a decoder
// and from its spec alone.
#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"

#include <QTest>

using namespace TcpInspector;

class tst_KindNames : public QObject
{
    Q_OBJECT

private slots:
    void names_data();
    void names();
    void framingsWithoutNames_data();
    void framingsWithoutNames();
};

void tst_KindNames::names_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");

    QTest::newRow("resp array") << "resp" << int('*') << "array";
    QTest::newRow("resp simple string") << "resp" << int('+') << "simple_string";
    QTest::newRow("resp simple error") << "resp" << int('-') << "simple_error";
    QTest::newRow("resp integer") << "resp" << int(':') << "integer";
    QTest::newRow("resp bulk string") << "resp" << int('$') << "bulk_string";
    QTest::newRow("resp null") << "resp" << int('_') << "null";
    QTest::newRow("resp double") << "resp" << int(',') << "double";
    QTest::newRow("resp boolean") << "resp" << int('#') << "boolean";
    QTest::newRow("resp bulk error") << "resp" << int('!') << "bulk_error";
    QTest::newRow("resp verbatim") << "resp" << int('=') << "verbatim_string";
    QTest::newRow("resp big number") << "resp" << int('(') << "big_number";
    QTest::newRow("resp map") << "resp" << int('%') << "map";
    QTest::newRow("resp set") << "resp" << int('~') << "set";
    QTest::newRow("resp push") << "resp" << int('>') << "push";
    QTest::newRow("resp inline") << "resp:max=1M" << 0 << "inline";
    QTest::newRow("resp unknown byte") << "resp" << int('?') << "";
    QTest::newRow("tls change_cipher_spec") << "tls" << 20 << "change_cipher_spec";
    QTest::newRow("tls alert") << "tls" << 21 << "alert";
    QTest::newRow("tls handshake") << "tls" << 22 << "handshake";
    QTest::newRow("tls application_data") << "tls:malformed=fail" << 23 << "application_data";
    QTest::newRow("tls heartbeat") << "tls" << 24 << "heartbeat";
    QTest::newRow("tls other") << "tls" << 25 << "";
    QTest::newRow("http request") << "http" << 1 << "request";
    QTest::newRow("http response") << "http" << 2 << "response";
    QTest::newRow("http tunnel") << "http" << 3 << "tunnel";
    QTest::newRow("http chunked request") << "http" << 0x101 << "request_chunked";
    QTest::newRow("http chunked response") << "http:maxhead=1K" << 0x102 << "response_chunked";
    QTest::newRow("http none") << "http" << 0 << "";
}

void tst_KindNames::names()
{
    QFETCH(QString, spec);
    QFETCH(int, kind);
    QFETCH(QString, name);
    QString error;
    const std::unique_ptr<FrameDecoder> decoder = DecoderRegistry::instance().create(spec, &error);
    QVERIFY2(decoder, qPrintable(error));
    QCOMPARE(decoder->kindName(quint16(kind)), name);
    // The spec alone names it the same: the CLI's event printer has only the spec.
    const KindNamer namer = DecoderRegistry::instance().kindNamer(decoder->spec());
    QVERIFY(namer);
    QCOMPARE(namer(quint16(kind)), name);
}

void tst_KindNames::framingsWithoutNames_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("raw") << "raw";
    QTest::newRow("line") << "line";
    QTest::newRow("delim") << "delim:hex=00,hex=0a";
    QTest::newRow("fixed") << "fixed:len=4";
    QTest::newRow("length") << "length:bytes=2";
    QTest::newRow("varint") << "varint";
}

void tst_KindNames::framingsWithoutNames()
{
    QFETCH(QString, spec);
    const std::unique_ptr<FrameDecoder> decoder = DecoderRegistry::instance().create(spec, nullptr);
    QVERIFY(decoder);
    for (int kind : {0, 1, 42})
        QCOMPARE(decoder->kindName(quint16(kind)), QString());
    QVERIFY(!DecoderRegistry::instance().kindNamer(decoder->spec()));
    QVERIFY(!DecoderRegistry::instance().kindNamer(QStringLiteral("nosuchframing")));
}

QTEST_GUILESS_MAIN(tst_KindNames)
#include "tst_kindnames.moc"
