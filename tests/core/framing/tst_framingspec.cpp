// SPDX-License-Identifier: GPL-3.0-or-later
#include "framing/decoderregistry.h"
#include "framing/framedecoder.h"
#include "framing/framingspec.h"
#include "text/bytetext.h"

#include <QTest>

using namespace TcpInspector;

class tst_FramingSpec : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void sizes_data();
    void sizes();
    void hex_data();
    void hex();
    void registryErrors_data();
    void registryErrors();
    void everyDecoderBuildsWithItsExample();
};

void tst_FramingSpec::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QString>("normal");
    QTest::newRow("bare") << "line"
                          << "line" << QStringList() << QStringList() << "line";
    QTest::newRow("options") << " Length:bytes=2, endian=little "
                             << "length" << QStringList {"bytes", "endian"}
                             << QStringList {"2", "little"} << "length:bytes=2,endian=little";
    QTest::newRow("repeat") << "delim:hex=0a,hex=00"
                            << "delim" << QStringList {"hex", "hex"} << QStringList {"0a", "00"}
                            << "delim:hex=0a,hex=00";
}

void tst_FramingSpec::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(QStringList, keys);
    QFETCH(QStringList, values);
    QFETCH(QString, normal);
    QString error;
    const auto spec = FramingSpec::parse(text, &error);
    QVERIFY2(spec, qPrintable(error));
    QCOMPARE(spec->name, name);
    QCOMPARE(spec->options.size(), keys.size());
    for (qsizetype i = 0; i < keys.size(); ++i) {
        QCOMPARE(spec->options.at(i).first, keys.at(i));
        QCOMPARE(spec->options.at(i).second, values.at(i));
    }
    QCOMPARE(spec->toString(), normal);
}

void tst_FramingSpec::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << "  "
                           << "empty";
    QTest::newRow("no name") << ":max=1"
                             << "no decoder name";
    QTest::newRow("dangling colon") << "line:"
                                    << "ends with a colon";
    QTest::newRow("no value") << "line:max"
                              << "max=VALUE";
    QTest::newRow("empty value") << "line:max="
                                 << "empty value";
    QTest::newRow("empty option") << "line:max=1,,eol=lf"
                                  << "empty option";
    QTest::newRow("bad name") << "li ne"
                              << "letters";
}

void tst_FramingSpec::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!FramingSpec::parse(text, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void tst_FramingSpec::sizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("plain") << "512" << qint64(512);
    QTest::newRow("k") << "4K" << qint64(4096);
    QTest::newRow("kb lower") << "4kb" << qint64(4096);
    QTest::newRow("m") << "16M" << qint64(16) * 1024 * 1024;
    QTest::newRow("g") << "1G" << (qint64(1) << 30);
    QTest::newRow("bytes suffix") << "100B" << qint64(100);
    QTest::newRow("zero") << "0" << qint64(0);
    QTest::newRow("bad") << "12Q" << qint64(-1);
    QTest::newRow("negative") << "-4" << qint64(-1);
    QTest::newRow("fraction") << "1.5K" << qint64(-1);
    QTest::newRow("overflow") << "99999999999G" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
}

void tst_FramingSpec::sizes()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    qint64 value = -1;
    QString error;
    const bool ok = parseSize(text, &value, &error);
    QCOMPARE(ok, expected >= 0);
    if (ok)
        QCOMPARE(value, expected);
    else
        QVERIFY(!error.isEmpty());
}

void tst_FramingSpec::hex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("ok");
    QTest::newRow("plain") << "0d0a" << QByteArray("\r\n") << true;
    QTest::newRow("spaced upper") << "0D 0A" << QByteArray("\r\n") << true;
    QTest::newRow("colons") << "de:ad" << QByteArray("\xde\xad") << true;
    QTest::newRow("odd") << "abc" << QByteArray() << false;
    QTest::newRow("bad digit") << "0g" << QByteArray() << false;
    QTest::newRow("split byte") << "0 a" << QByteArray() << false;
    // The grammar the composer reads, shared since: 0x groups, any white space.
    QTest::newRow("0x groups") << "0x0d 0X0a" << QByteArray("\r\n") << true;
    QTest::newRow("tab and new line") << "0d\t\n0a" << QByteArray("\r\n") << true;
}

void tst_FramingSpec::hex()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, expected);
    QFETCH(bool, ok);
    const ByteText::ParseResult result = ByteText::parseHex(text);
    QCOMPARE(result.isValid(), ok);
    if (ok)
        QCOMPARE(result.bytes, expected);
    else
        QVERIFY(!result.error.isEmpty());
}

void tst_FramingSpec::registryErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("unknown name") << "lines"
                                  << QStringList {"Unknown framing 'lines'", "line", "resp"};
    QTest::newRow("unknown key") << "line:eoll=lf"
                                 << QStringList {"eoll", "eol=any|lf|crlf", "max=SIZE"};
    QTest::newRow("bad choice") << "line:eol=cr" << QStringList {"eol must be one of", "'cr'"};
    QTest::newRow("bad size") << "line:max=lots" << QStringList {"'lots' is not a size"};
    QTest::newRow("missing required")
        << "fixed" << QStringList {"fixed needs len=SIZE", "fixed:len=16"};
    QTest::newRow("below minimum") << "fixed:len=0" << QStringList {"len must be at least 1"};
    QTest::newRow("repeated key") << "line:max=1,max=2" << QStringList {"more than once"};
    QTest::newRow("bad hex") << "delim:hex=0d0g"
                             << QStringList {"In framing 'delim:hex=0d0g': hex=0d0g: ",
                                             "Not a hex digit: 'g' at column 4."};
    QTest::newRow("odd hex") << "delim:hex=0d 0"
                             << QStringList {"hex=0d 0: ", "'0' at column 4 has no partner"};
    QTest::newRow("empty hex") << "delim:hex=::" << QStringList {"hex needs at least one byte"};
}

void tst_FramingSpec::registryErrors()
{
    QFETCH(QString, text);
    QFETCH(QStringList, mentions);
    QString error;
    QVERIFY(!DecoderRegistry::instance().create(text, &error));
    QVERIFY(!DecoderRegistry::instance().validate(text, nullptr));
    for (const QString &m : mentions)
        QVERIFY2(error.contains(m), qPrintable(error));
}

void tst_FramingSpec::everyDecoderBuildsWithItsExample()
{
    for (const DecoderInfo &info : DecoderRegistry::instance().decoders()) {
        QString error;
        QVERIFY2(!info.example.isEmpty(), qPrintable(info.name));
        auto decoder = DecoderRegistry::instance().create(info.example, &error);
        QVERIFY2(decoder, qPrintable(info.name + QStringLiteral(": ") + error));
        QVERIFY2(
            DecoderRegistry::instance().create(info.name + QStringLiteral(":nosuchkey=1"), &error)
                == nullptr,
            qPrintable(info.name));
        QVERIFY2(error.contains(QStringLiteral("nosuchkey")), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(tst_FramingSpec)
#include "tst_framingspec.moc"
