// SPDX-License-Identifier: GPL-3.0-or-later
// Bytes as hex, text and source literals, and that the hex and text read
// back through ByteText (whose grammar tests/text/tst_bytetext.cpp covers).
// The Python and C literals are checked by the real interpreter and compiler,
// not by comparing strings with themselves.
#include "models/byteformat.h"
#include "text/bytetext.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace TcpInspector;

Q_DECLARE_METATYPE(TcpInspector::ByteFormat::Format)

namespace {
QByteArray allByteValues()
{
    QByteArray bytes(256, '\0');
    for (int i = 0; i < 256; ++i)
        bytes[i] = char(i);
    return bytes;
}

// Inputs that have tripped up literal writers: escapes next to digits, quotes,
// backslashes, every length around the 12-a-line wrap.
QList<QByteArray> literalCases()
{
    QList<QByteArray> cases;
    for (int i = 0; i < 256; ++i)
        cases.append(QByteArray(1, char(i)));
    cases.append(allByteValues());
    cases.append(QByteArray());
    cases.append(QByteArray("Hello\r\n\0", 8));
    cases.append(QByteArray("\0"
                            "123\x01"
                            "9\\x41\"'",
                            12));
    cases.append(QByteArray("\x7f\x80\xff\"\"\\\\"));
    cases.append(QByteArray("h\xc3\xa9llo \xe4\xb8\xad"));
    for (int size : {11, 12, 13, 24, 25})
        cases.append(QByteArray(size, 'A'));
    return cases;
}

bool runProcess(const QString &program, const QStringList &arguments, QByteArray *output,
                QByteArray *errors)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        *errors = "timed out";
        return false;
    }
    *output = process.readAllStandardOutput();
    *errors = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}
} // namespace

class tst_ByteFormat : public QObject
{
    Q_OBJECT

private slots:
    void exactStrings_data();
    void exactStrings();
    void formatNames();
    void textReadsBackThroughParseCEscapes();
    void pythonLiteralEvaluatesToTheBytes();
    void cArrayCompilesToTheBytes();
    void parseHexOfFormattedHex();
};

void tst_ByteFormat::exactStrings_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ByteFormat::Format>("format");
    QTest::addColumn<QString>("expected");

    const QByteArray hello("Hello");
    const QByteArray thirteen("0123456789abc");

    QTest::newRow("hex") << hello << ByteFormat::Hex << QStringLiteral("48 65 6c 6c 6f");
    QTest::newRow("hex empty") << QByteArray() << ByteFormat::Hex << QString();
    QTest::newRow("hex 17 bytes: 16 a line")
        << QByteArray(17, '\xab') << ByteFormat::Hex
        << QStringLiteral("ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab\nab");

    QTest::newRow("text escapes") << QByteArray("Hi\r\n\t\0\\!", 8) << ByteFormat::Text
                                  << QStringLiteral("Hi\\r\\n\\t\\0\\\\!");
    QTest::newRow("text quotes stay")
        << QByteArray("say \"x\" 'y'") << ByteFormat::Text << QStringLiteral("say \"x\" 'y'");
    QTest::newRow("text utf-8") << QByteArray("h\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80")
                                << ByteFormat::Text
                                << QString::fromUtf8("h\xc3\xa9 \xe4\xb8\xad "
                                                     "\xf0\x9f\x98\x80");
    QTest::newRow("text invalid utf-8") << QByteArray("\xff\xfe"
                                                      "a\x80")
                                        << ByteFormat::Text << QStringLiteral("\\xff\\xfea\\x80");
    QTest::newRow("text truncated sequence")
        << QByteArray("\xe4\xb8") << ByteFormat::Text << QStringLiteral("\\xe4\\xb8");
    QTest::newRow("text overlong")
        << QByteArray("\xc0\xaf") << ByteFormat::Text << QStringLiteral("\\xc0\\xaf");
    QTest::newRow("text surrogate")
        << QByteArray("\xed\xa0\x80") << ByteFormat::Text << QStringLiteral("\\xed\\xa0\\x80");
    QTest::newRow("text past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << ByteFormat::Text
                                        << QStringLiteral("\\xf4\\x90\\x80\\x80");
    QTest::newRow("text controls")
        << QByteArray("\x01\x1b\x7f") << ByteFormat::Text << QStringLiteral("\\x01\\x1b\\x7f");
    QTest::newRow("text invisible characters")
        << QByteArray("a\xe2\x80\x8b"
                      "b\xc2\xa0"
                      "c\xc2\x85")
        << ByteFormat::Text << QStringLiteral("a\\xe2\\x80\\x8bb\\xc2\\xa0c\\xc2\\x85");

    QTest::newRow("c array")
        << hello << ByteFormat::CArray
        << QStringLiteral("const unsigned char data[5] = { 0x48, 0x65, 0x6c, 0x6c, 0x6f };");
    QTest::newRow("c array empty") << QByteArray() << ByteFormat::CArray
                                   << QStringLiteral("const unsigned char data[0] = {};");
    QTest::newRow("c array 13 bytes")
        << thirteen << ByteFormat::CArray
        << QStringLiteral("const unsigned char data[13] = {\n"
                          "    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, "
                          "0x62,\n"
                          "    0x63\n"
                          "};");

    QTest::newRow("go") << hello << ByteFormat::GoSlice
                        << QStringLiteral("[]byte{0x48, 0x65, 0x6c, 0x6c, 0x6f}");
    QTest::newRow("go empty") << QByteArray() << ByteFormat::GoSlice << QStringLiteral("[]byte{}");
    QTest::newRow("go 13 bytes")
        << thirteen << ByteFormat::GoSlice
        << QStringLiteral(
               "[]byte{\n"
               "\t0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62,\n"
               "\t0x63,\n"
               "}");

    QTest::newRow("python") << QByteArray("Hello\r\n\0", 8) << ByteFormat::PythonBytes
                            << QStringLiteral("b\"Hello\\r\\n\\x00\"");
    QTest::newRow("python quote and backslash")
        << QByteArray("a\"b\\c'\t") << ByteFormat::PythonBytes
        << QStringLiteral("b\"a\\\"b\\\\c'\\t\"");
    QTest::newRow("python high bytes") << QByteArray("\x7f\x80\xff") << ByteFormat::PythonBytes
                                       << QStringLiteral("b\"\\x7f\\x80\\xff\"");
    QTest::newRow("python NUL before digits")
        << QByteArray("\0"
                      "12",
                      3)
        << ByteFormat::PythonBytes << QStringLiteral("b\"\\x0012\"");
    QTest::newRow("python empty") << QByteArray() << ByteFormat::PythonBytes
                                  << QStringLiteral("b\"\"");
}

void tst_ByteFormat::exactStrings()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ByteFormat::Format, format);
    QFETCH(QString, expected);
    QCOMPARE(ByteFormat::format(bytes, format), expected);
}

void tst_ByteFormat::formatNames()
{
    QCOMPARE(ByteFormat::formatName(ByteFormat::Hex), QStringLiteral("Hex"));
    QCOMPARE(ByteFormat::formatName(ByteFormat::Text), QStringLiteral("Text"));
    QCOMPARE(ByteFormat::formatName(ByteFormat::CArray), QStringLiteral("C array"));
    QCOMPARE(ByteFormat::formatName(ByteFormat::GoSlice), QStringLiteral("Go []byte"));
    QCOMPARE(ByteFormat::formatName(ByteFormat::PythonBytes), QStringLiteral("Python bytes"));
}

void tst_ByteFormat::textReadsBackThroughParseCEscapes()
{
    QList<QByteArray> cases = literalCases();
    // Every two-byte pair too: a valid sequence must not swallow its neighbour.
    for (int a = 0; a < 256; a += 3) {
        for (int b = 0; b < 256; b += 5)
            cases.append(QByteArray(1, char(a)) + char(b));
    }
    for (const QByteArray &bytes : std::as_const(cases)) {
        const QString text = ByteFormat::format(bytes, ByteFormat::Text);
        // The one escape parser (composer, --send, --reply text:) reads it back.
        const ByteText::ParseResult parsed = ByteText::parseCEscapes(text);
        QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
        QCOMPARE(parsed.bytes, bytes);
    }
}

void tst_ByteFormat::pythonLiteralEvaluatesToTheBytes()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // One literal a line; Python prints each one's bytes in hex (or "-" when
    // empty), so one interpreter start checks them all.
    const QList<QByteArray> cases = literalCases();
    QByteArray script = "import sys\nvalues = [\n";
    for (const QByteArray &bytes : cases)
        script += ByteFormat::format(bytes, ByteFormat::PythonBytes).toLatin1() + ",\n";
    script += "]\nfor v in values:\n    assert type(v) is bytes\n"
              "    print(v.hex() or '-')\n";
    QFile file(dir.filePath(QStringLiteral("literals.py")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(script);
    file.close();

    QByteArray output;
    QByteArray errors;
    QVERIFY2(runProcess(python, {file.fileName()}, &output, &errors), errors.constData());
    const QList<QByteArray> lines = output.trimmed().split('\n');
    QCOMPARE(lines.size(), cases.size());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QByteArray expected = cases.at(i).isEmpty() ? "-" : cases.at(i).toHex();
        QCOMPARE(lines.at(i).trimmed(), expected);
    }
}

void tst_ByteFormat::cArrayCompilesToTheBytes()
{
    const QString cc = QStandardPaths::findExecutable(QStringLiteral("cc"));
    if (cc.isEmpty())
        QSKIP("no C compiler (cc) on PATH");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // Each array in a block of its own, so every one of them can be "data".
    // The empty array is a GNU extension, hence gnu11 rather than c11.
    const QList<QByteArray> cases = literalCases();
    QByteArray source = "#include <stdio.h>\n"
                        "static void dump(const unsigned char *p, size_t n)\n"
                        "{\n"
                        "    for (size_t i = 0; i < n; ++i)\n"
                        "        printf(\"%02x\", p[i]);\n"
                        "    printf(n ? \"\\n\" : \"-\\n\");\n"
                        "}\n"
                        "int main(void)\n"
                        "{\n";
    for (const QByteArray &bytes : cases) {
        source += "    {\n" + ByteFormat::format(bytes, ByteFormat::CArray).toLatin1()
                  + "\n        dump(data, sizeof data);\n    }\n";
    }
    source += "    return 0;\n}\n";
    QFile file(dir.filePath(QStringLiteral("literals.c")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(source);
    file.close();

    const QString binary = dir.filePath(QStringLiteral("literals"));
    QByteArray output;
    QByteArray errors;
    QVERIFY2(runProcess(cc,
                        {QStringLiteral("-std=gnu11"), QStringLiteral("-Wall"),
                         QStringLiteral("-Werror"), QStringLiteral("-o"), binary, file.fileName()},
                        &output, &errors),
             errors.constData());
    QVERIFY2(runProcess(binary, {}, &output, &errors), errors.constData());
    const QList<QByteArray> lines = output.trimmed().split('\n');
    QCOMPARE(lines.size(), cases.size());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QByteArray expected = cases.at(i).isEmpty() ? "-" : cases.at(i).toHex();
        QCOMPARE(lines.at(i), expected);
    }
}

void tst_ByteFormat::parseHexOfFormattedHex()
{
    const QByteArray bytes = allByteValues().repeated(3);
    const ByteText::ParseResult result
        = ByteText::parseHex(ByteFormat::format(bytes, ByteFormat::Hex));
    QVERIFY(result.isValid());
    QCOMPARE(result.bytes, bytes);
    // The Go and C literals are hex too, apart from their frame.
    QString go = ByteFormat::format(bytes, ByteFormat::GoSlice);
    go = go.mid(go.indexOf(QLatin1Char('{')) + 1).chopped(1);
    const ByteText::ParseResult fromGo = ByteText::parseHex(go);
    QVERIFY2(fromGo.isValid(), qPrintable(fromGo.error));
    QCOMPARE(fromGo.bytes, bytes);
}

QTEST_GUILESS_MAIN(tst_ByteFormat)
#include "tst_byteformat.moc"
