// SPDX-License-Identifier: GPL-3.0-or-later
// Bytes as hex, text and source literals, and the composer's hex and text
// parsers. The Python and C literals are checked by the real interpreter and
// compiler, not by comparing strings with themselves.
#include "models/byteformat.h"
#include "net/replypolicy.h"

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
    void textReadsBackThroughUnescapeC();
    void pythonLiteralEvaluatesToTheBytes();
    void cArrayCompilesToTheBytes();
    void parseHex_data();
    void parseHex();
    void parseHexOfFormattedHex();
    void parseEscapedText_data();
    void parseEscapedText();
    void parseEscapedTextAgreesWithUnescapeC();
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

void tst_ByteFormat::textReadsBackThroughUnescapeC()
{
    QList<QByteArray> cases = literalCases();
    // Every two-byte pair too: a valid sequence must not swallow its neighbour.
    for (int a = 0; a < 256; a += 3) {
        for (int b = 0; b < 256; b += 5)
            cases.append(QByteArray(1, char(a)) + char(b));
    }
    for (const QByteArray &bytes : std::as_const(cases)) {
        const QString text = ByteFormat::format(bytes, ByteFormat::Text);
        QByteArray back;
        QString error;
        QVERIFY2(unescapeC(text, &back, &error), qPrintable(error));
        QCOMPARE(back, bytes);
        // The composer's parser, which also says where an escape goes wrong,
        // reads it the same.
        const ByteFormat::ParseResult parsed = ByteFormat::parseEscapedText(text);
        QVERIFY(parsed.isValid());
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

void tst_ByteFormat::parseHex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes"); // when valid
    QTest::addColumn<int>("position");     // -1 when valid
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("error");

    const QByteArray none;
    QTest::newRow("empty") << QString() << none << -1 << 0 << 0 << 0 << QString();
    QTest::newRow("only spaces") << QStringLiteral(" \n\t ") << none << -1 << 0 << 0 << 0
                                 << QString();
    QTest::newRow("spaced") << QStringLiteral("48 65 6c") << QByteArray("Hel") << -1 << 0 << 0 << 0
                            << QString();
    QTest::newRow("run") << QStringLiteral("48656C6c") << QByteArray("Hell") << -1 << 0 << 0 << 0
                         << QString();
    QTest::newRow("0x each") << QStringLiteral("0x48 0X65") << QByteArray("He") << -1 << 0 << 0 << 0
                             << QString();
    QTest::newRow("0x run") << QStringLiteral("0x4865") << QByteArray("He") << -1 << 0 << 0 << 0
                            << QString();
    QTest::newRow("commas") << QStringLiteral("0x48,0x65, 0x6c,") << QByteArray("Hel") << -1 << 0
                            << 0 << 0 << QString();
    QTest::newRow("colons") << QStringLiteral("de:ad:be:ef") << QByteArray("\xde\xad\xbe\xef") << -1
                            << 0 << 0 << 0 << QString();
    QTest::newRow("lines and tabs")
        << QStringLiteral("DE AD\n\tbe\r\nef\n") << QByteArray("\xde\xad\xbe\xef") << -1 << 0 << 0
        << 0 << QString();
    QTest::newRow("no-break space separates")
        << QStringLiteral("48\u00a065") << QByteArray("He") << -1 << 0 << 0 << 0 << QString();
    QTest::newRow("zeros") << QStringLiteral("00 0x00") << QByteArray(2, '\0') << -1 << 0 << 0 << 0
                           << QString();

    QTest::newRow("bad digit") << QStringLiteral("48 6g") << none << 4 << 1 << 1 << 5
                               << QStringLiteral("Not a hex digit: 'g' at column 5.");
    QTest::newRow("first character") << QStringLiteral("hello") << none << 0 << 1 << 1 << 1
                                     << QStringLiteral("Not a hex digit: 'h' at column 1.");
    QTest::newRow("the first of two") << QStringLiteral("4z 6y") << none << 1 << 1 << 1 << 2
                                      << QStringLiteral("Not a hex digit: 'z' at column 2.");
    QTest::newRow("minus") << QStringLiteral("48 -1") << none << 3 << 1 << 1 << 4
                           << QStringLiteral("Not a hex digit: '-' at column 4.");
    QTest::newRow("x not at a group's start")
        << QStringLiteral("00x12") << none << 2 << 1 << 1 << 3
        << QStringLiteral("Not a hex digit: 'x' at column 3.");
    QTest::newRow("x without 0") << QStringLiteral("48 x65") << none << 3 << 1 << 1 << 4
                                 << QStringLiteral("Not a hex digit: 'x' at column 4.");
    QTest::newRow("bad after 0x") << QStringLiteral("0xg1") << none << 2 << 1 << 1 << 3
                                  << QStringLiteral("Not a hex digit: 'g' at column 3.");
    QTest::newRow("semicolon") << QStringLiteral("48;65") << none << 2 << 1 << 1 << 3
                               << QStringLiteral("Not a hex digit: ';' at column 3.");
    QTest::newRow("second line") << QStringLiteral("48\n6z") << none << 4 << 1 << 2 << 2
                                 << QStringLiteral("Not a hex digit: 'z' at line 2, column 2.");
    QTest::newRow("accented") << QStringLiteral("48 \u00e9") << none << 3 << 1 << 1 << 4
                              << QStringLiteral("Not a hex digit: '\u00e9' at column 4.");
    QTest::newRow("emoji is one character")
        << QString::fromUtf8("48 \xf0\x9f\x98\x80") << none << 3 << 2 << 1 << 4
        << QString::fromUtf8("Not a hex digit: '\xf0\x9f\x98\x80' at column 4.");
    QTest::newRow("columns count characters")
        << QString::fromUtf8("\xf0\x9f\x98\x80 zz") << none << 0 << 2 << 1 << 1
        << QString::fromUtf8("Not a hex digit: '\xf0\x9f\x98\x80' at column 1.");
    QTest::newRow("control shown by code point")
        << QStringLiteral("48\a") << none << 2 << 1 << 1 << 3
        << QStringLiteral("Not a hex digit: 'U+0007' at column 3.");
    QTest::newRow("zero-width space") << QStringLiteral("48\u200b65") << none << 2 << 1 << 1 << 3
                                      << QStringLiteral("Not a hex digit: 'U+200B' at column 3.");

    QTest::newRow("one digit") << QStringLiteral("4") << none << 0 << 1 << 1 << 1
                               << QStringLiteral(
                                      "Hex digits come in pairs: '4' at column 1 has no partner.");
    QTest::newRow("odd last group")
        << QStringLiteral("48 6") << none << 3 << 1 << 1 << 4
        << QStringLiteral("Hex digits come in pairs: '6' at column 4 has no "
                          "partner.");
    QTest::newRow("odd run") << QStringLiteral("486") << none << 2 << 1 << 1 << 3
                             << QStringLiteral(
                                    "Hex digits come in pairs: '6' at column 3 has no partner.");
    QTest::newRow("digits split by a space") << QStringLiteral("4 8") << none << 0 << 1 << 1 << 1
                                             << QStringLiteral("Hex digits come in pairs: '4' at "
                                                               "column 1 has no partner.");
    QTest::newRow("0x with one digit") << QStringLiteral("0x1") << none << 2 << 1 << 1 << 3
                                       << QStringLiteral("Hex digits come in pairs: '1' at "
                                                         "column 3 has no partner.");
    QTest::newRow("odd before a bad digit")
        << QStringLiteral("abc g") << none << 2 << 1 << 1 << 3
        << QStringLiteral("Hex digits come in pairs: 'c' at column 3 has no partner.");
    QTest::newRow("odd on line 3") << QStringLiteral("48\n\n 0xA") << none << 7 << 1 << 3 << 4
                                   << QStringLiteral("Hex digits come in pairs: 'A' at line 3, "
                                                     "column 4 has no partner.");

    QTest::newRow("bare 0x") << QStringLiteral("0x") << none << 0 << 2 << 1 << 1
                             << QStringLiteral("'0x' at column 1 needs hex digits after it.");
    QTest::newRow("0x then space") << QStringLiteral("48 0x 65") << none << 3 << 2 << 1 << 4
                                   << QStringLiteral("'0x' at column 4 needs hex digits after it.");
    QTest::newRow("0x at the end")
        << QStringLiteral("0x48\n0x") << none << 5 << 2 << 2 << 1
        << QStringLiteral("'0x' at line 2, column 1 needs hex digits after it.");
}

void tst_ByteFormat::parseHex()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, error);

    const ByteFormat::ParseResult result = ByteFormat::parseHex(text);
    QCOMPARE(result.isValid(), position < 0);
    QCOMPARE(result.error, error);
    QCOMPARE(result.errorPosition, qsizetype(position));
    QCOMPARE(result.errorLength, qsizetype(length));
    QCOMPARE(result.errorLine, line);
    QCOMPARE(result.errorColumn, column);
    QCOMPARE(result.bytes, bytes);
}

void tst_ByteFormat::parseHexOfFormattedHex()
{
    const QByteArray bytes = allByteValues().repeated(3);
    const ByteFormat::ParseResult result
        = ByteFormat::parseHex(ByteFormat::format(bytes, ByteFormat::Hex));
    QVERIFY(result.isValid());
    QCOMPARE(result.bytes, bytes);
    // The Go and C literals are hex too, apart from their frame.
    QString go = ByteFormat::format(bytes, ByteFormat::GoSlice);
    go = go.mid(go.indexOf(QLatin1Char('{')) + 1).chopped(1);
    const ByteFormat::ParseResult fromGo = ByteFormat::parseHex(go);
    QVERIFY2(fromGo.isValid(), qPrintable(fromGo.error));
    QCOMPARE(fromGo.bytes, bytes);
}

void tst_ByteFormat::parseEscapedText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("error");

    const QByteArray none;
    QTest::newRow("plain") << QStringLiteral("GET / HTTP/1.0") << QByteArray("GET / HTTP/1.0") << -1
                           << 0 << 0 << 0 << QString();
    QTest::newRow("escapes") << QStringLiteral("a\\r\\n\\t\\0\\\\\\\"\\'\\x41\\xfF")
                             << QByteArray("a\r\n\t\0\\\"'A\xff", 10) << -1 << 0 << 0 << 0
                             << QString();
    QTest::newRow("utf-8") << QStringLiteral("\u4e2d") << QByteArray("\xe4\xb8\xad") << -1 << 0 << 0
                           << 0 << QString();
    QTest::newRow("typed newline")
        << QStringLiteral("a\nb") << QByteArray("a\nb") << -1 << 0 << 0 << 0 << QString();

    QTest::newRow("unknown escape")
        << QStringLiteral("ab\\qc") << none << 2 << 2 << 1 << 3
        << QStringLiteral("Unknown escape '\\q' at column 3. Valid escapes: \\r \\n \\t \\0 \\\\ "
                          "\\\" \\xHH.");
    QTest::newRow("unknown escape on line 2")
        << QStringLiteral("ok\\n\n  \\e") << none << 7 << 2 << 2 << 3
        << QStringLiteral("Unknown escape '\\e' at line 2, column 3. Valid escapes: \\r \\n \\t "
                          "\\0 \\\\ \\\" \\xHH.");
    QTest::newRow("short \\x") << QStringLiteral("\\x4") << none << 0 << 3 << 1 << 1
                               << QStringLiteral("'\\x' at column 1 needs two hex digits, as in "
                                                 "\\x0a.");
    QTest::newRow("\\x then a letter") << QStringLiteral("z\\x4g") << none << 1 << 3 << 1 << 2
                                       << QStringLiteral("'\\x' at column 2 needs two hex "
                                                         "digits, as in \\x0a.");
    QTest::newRow("\\x alone") << QStringLiteral("\\x") << none << 0 << 2 << 1 << 1
                               << QStringLiteral("'\\x' at column 1 needs two hex digits, as in "
                                                 "\\x0a.");
    QTest::newRow("lone backslash")
        << QStringLiteral("abc\\") << none << 3 << 1 << 1 << 4
        << QStringLiteral("A lone backslash at column 4 ends the text; write \\\\ for a "
                          "backslash.");
    QTest::newRow("escaped backslash then bad")
        << QStringLiteral("\\\\q\\q") << none << 3 << 2 << 1 << 4
        << QStringLiteral("Unknown escape '\\q' at column 4. Valid escapes: \\r \\n \\t \\0 \\\\ "
                          "\\\" \\xHH.");
}

void tst_ByteFormat::parseEscapedText()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, error);

    const ByteFormat::ParseResult result = ByteFormat::parseEscapedText(text);
    QCOMPARE(result.error, error);
    QCOMPARE(result.isValid(), position < 0);
    QCOMPARE(result.errorPosition, qsizetype(position));
    QCOMPARE(result.errorLength, qsizetype(length));
    QCOMPARE(result.errorLine, line);
    QCOMPARE(result.errorColumn, column);
    QCOMPARE(result.bytes, bytes);
}

void tst_ByteFormat::parseEscapedTextAgreesWithUnescapeC()
{
    // Every short string over an alphabet of escape-ish characters: the
    // position finder must fail exactly where unescapeC() fails.
    const QString alphabet = QStringLiteral("\\xnq0aF\"");
    int checked = 0;
    for (int length = 0; length <= 5; ++length) {
        int combinations = 1;
        for (int k = 0; k < length; ++k)
            combinations *= int(alphabet.size());
        for (int index = 0; index < combinations; ++index) {
            QString text;
            for (int k = 0, rest = index; k < length; ++k, rest /= int(alphabet.size()))
                text += alphabet.at(rest % alphabet.size());
            QByteArray expected;
            QString unescapeError;
            const bool ok = unescapeC(text, &expected, &unescapeError);
            const ByteFormat::ParseResult result = ByteFormat::parseEscapedText(text);
            QVERIFY2(result.isValid() == ok, qPrintable(text));
            if (ok) {
                QCOMPARE(result.bytes, expected);
            } else {
                QVERIFY2(result.errorPosition >= 0, qPrintable(text));
                QCOMPARE(text.at(result.errorPosition), QLatin1Char('\\'));
            }
            ++checked;
        }
    }
    QCOMPARE(checked, 1 + 8 + 64 + 512 + 4096 + 32768);
}

QTEST_GUILESS_MAIN(tst_ByteFormat)
#include "tst_byteformat.moc"
