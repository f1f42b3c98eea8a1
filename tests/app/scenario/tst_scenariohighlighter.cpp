// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario highlighting: which colour each part of a line gets, and where
// a diagnostic's wavy underline goes.
#include "scenario/scenariohighlighter.h"

#include <QGuiApplication>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace TcpInspector;

Q_DECLARE_METATYPE(ScenarioHighlighter::Kind)

class tst_ScenarioHighlighter : public QObject
{
    Q_OBJECT

private slots:
    void kinds_data();
    void kinds();
    void underline_data();
    void underline();
};

namespace {
// The format at position @p at of the first line, or an empty one.
QTextCharFormat formatAt(const QTextDocument &document, int at)
{
    for (const QTextLayout::FormatRange &range : document.firstBlock().layout()->formats()) {
        if (at >= range.start && at < range.start + range.length)
            return range.format;
    }
    return {};
}
} // namespace

void tst_ScenarioHighlighter::kinds_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("part");
    QTest::addColumn<ScenarioHighlighter::Kind>("kind");
    using Kind = ScenarioHighlighter::Kind;
    QTest::newRow("step word") << "listen srv 127.0.0.1:0"
                               << "listen" << Kind::Keyword;
    QTest::newRow("name") << "listen srv 127.0.0.1:0"
                          << "srv" << Kind::Name;
    QTest::newRow("option") << "connect cli srv nodelay=on"
                            << "nodelay=" << Kind::Option;
    QTest::newRow("string") << "send cli \"PING\\r\\n\""
                            << "\"PING" << Kind::String;
    QTest::newRow("hex") << "send cli hex \"2a 31\""
                         << "\"2a 31\"" << Kind::Hex;
    QTest::newRow("hex word") << "send cli hex \"2a 31\""
                              << "hex" << Kind::Word;
    QTest::newRow("expect kind") << "expect cli message \"x\""
                                 << "message" << Kind::Word;
    QTest::newRow("comment") << "close cli   # the end"
                             << "# the end" << Kind::Comment;
    QTest::newRow("placeholder in a string") << "send cli \"GET {{key}}\""
                                             << "{{key}}" << Kind::Placeholder;
    QTest::newRow("placeholder as a word") << "connect r {{target}}"
                                           << "{{target}}" << Kind::Placeholder;
    QTest::newRow("hash in a string is no comment") << "send cli \"a#b\""
                                                    << "#b\"" << Kind::String;
    QTest::newRow("option string") << "say \"hi\" zh=\"你好\""
                                   << "\"你好\"" << Kind::String;
}

void tst_ScenarioHighlighter::kinds()
{
    QFETCH(QString, line);
    QFETCH(QString, part);
    QFETCH(ScenarioHighlighter::Kind, kind);
    QTextDocument document;
    ScenarioHighlighter highlighter(&document);
    document.setPlainText(line);
    highlighter.rehighlight();
    const int at = int(line.indexOf(part));
    QVERIFY(at >= 0);
    const QColor expected = highlighter.formatOf(kind).foreground().color();
    for (int i = at; i < at + part.size(); ++i) {
        QVERIFY2(formatAt(document, i).foreground().color() == expected,
                 qPrintable(QStringLiteral("at %1").arg(i)));
    }
}

void tst_ScenarioHighlighter::underline_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("end");
    QTest::newRow("a word") << "sned cli \"x\"" << 1 << 0 << 4;
    QTest::newRow("a string") << "send cli \"x y\" fragment=0" << 10 << 9 << 14;
    QTest::newRow("an option") << "connect cli srv nodelya" << 17 << 16 << 23;
    QTest::newRow("past the end") << "accept" << 7 << 5 << 6;
}

void tst_ScenarioHighlighter::underline()
{
    QFETCH(QString, line);
    QFETCH(int, column);
    QFETCH(int, first);
    QFETCH(int, end);
    ScenarioDiagnostic diagnostic;
    diagnostic.line = 1;
    diagnostic.column = column;
    const auto span = ScenarioHighlighter::span(diagnostic, line);
    QCOMPARE(span.first, first);
    QCOMPARE(span.second, end);
    QTextDocument document;
    ScenarioHighlighter highlighter(&document);
    document.setPlainText(line + QStringLiteral("\nclose cli"));
    highlighter.setDiagnostics({diagnostic});
    for (int i = 0; i < line.size(); ++i) {
        const bool wavy = formatAt(document, i).underlineStyle() == QTextCharFormat::WaveUnderline;
        QCOMPARE(wavy, i >= first && i < end);
    }
    // Only the diagnostic's line.
    for (const QTextLayout::FormatRange &range : document.lastBlock().layout()->formats())
        QVERIFY(range.format.underlineStyle() != QTextCharFormat::WaveUnderline);
}

QTEST_MAIN(tst_ScenarioHighlighter)
#include "tst_scenariohighlighter.moc"
