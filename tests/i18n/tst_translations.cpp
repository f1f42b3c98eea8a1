// SPDX-License-Identifier: GPL-3.0-or-later
// The Chinese translation: the embedded .qm loads and translates, the .ts has
// every message finished with its placeholders, markup and protocol names
// intact, and the main window switches language at run time and draws the
// Chinese without boxes or clipped labels.
#include "composer/sendcomposer.h"
#include "framing/decoderregistry.h"
#include "framing/framingspec.h"
#include "models/byteformat.h"
#include "models/modeltext.h"
#include "net/hostport.h"
#include "net/socketerror.h"
#include "widgets/clientpanel.h"
#include "widgets/mainwindow.h"
#include "widgets/serverpanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <cerrno>

using namespace TcpInspector;

namespace {

const QString qmPath = QStringLiteral(":/i18n/tcpinspector_zh_CN.qm");

struct TsMessage
{
    QString context;
    QString source;
    QStringList translations; ///< one, or the numerus forms
    QString type;             ///< "" when finished, else "unfinished", "vanished", ...
    bool numerus = false;
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QString context;
    TsMessage message;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage();
            message.context = context;
            message.numerus
                = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement())
                    message.translations.append(xml.readElementText());
            } else {
                message.translations.append(xml.readElementText());
            }
            messages.append(message);
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return messages;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList matches(const QRegularExpression &re, const QString &text)
{
    QStringList found;
    for (const QRegularExpressionMatch &match : re.globalMatch(text))
        found.append(match.captured(0));
    return found;
}

// %1..%99, %L1 and %n, each once however often it occurs.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d{1,2}|n)"));
    QStringList found = matches(re, text);
    found.removeDuplicates();
    return sorted(found);
}

// Opening and closing tags, attributes dropped: "<b>", "</b>".
QStringList tags(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("</?([a-zA-Z][a-zA-Z0-9]*)[^<>]*>"));
    QStringList found;
    for (const QRegularExpressionMatch &match : re.globalMatch(text)) {
        const bool closing = match.captured(0).startsWith(QLatin1String("</"));
        found.append((closing ? QLatin1String("</") : QLatin1String("<")) + match.captured(1)
                     + QLatin1Char('>'));
    }
    return found;
}

// The accelerator letters' markers: "&" not part of "&&" or an entity.
int accelerators(QString text)
{
    static const QRegularExpression entity(QStringLiteral("&[a-zA-Z]+;|&&"));
    text.remove(entity);
    return int(text.count(QLatin1Char('&')));
}

// Draws one character alone; a font without it draws the same box for any.
QImage glyph(const QString &text, const QFont &font)
{
    QImage image(64, 64, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(image.rect(), Qt::AlignCenter, text);
    return image;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void qmLoadsAndTranslates_data();
    void qmLoadsAndTranslates();
    void pluralUsesTheCount();
    void everyMessageIsFinished();
    void placeholdersMarkupAndNewlinesKept();
    void protocolNamesStayLatin();
    void coreExplanationsAreTranslated_data();
    void coreExplanationsAreTranslated();
    void mainWindowSwitchesLanguage();
    void chineseWindowDrawsGlyphsUnclipped();

private:
    template<typename T>
    T *child(QObject *parent, const char *name)
    {
        T *widget = parent->findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no %s named %s", T::staticMetaObject.className(), name);
        return widget;
    }

    QList<TsMessage> m_messages;
    std::unique_ptr<QTranslator> m_translator;
};

void tst_Translations::initTestCase()
{
    QString error;
    m_messages = readTs(QStringLiteral(TCPI_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // lupdate finds several hundred; a handful means it scanned only part of the sources.
    QVERIFY2(m_messages.size() > 300, qPrintable(QString::number(m_messages.size())));
}

void tst_Translations::cleanup()
{
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }
}

void tst_Translations::qmLoadsAndTranslates_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    QTest::newRow("menu") << "MainWindow"
                          << "&File"
                          << "文件(&F)";
    QTest::newRow("accelerator") << "MainWindow"
                                 << "Cl&ose"
                                 << "关闭(&O)";
    QTest::newRow("half-close") << "ConnectionActions"
                                << "Half-close"
                                << "半关闭";
    QTest::newRow("rich text") << "ServerPanel"
                               << "<b>Server</b>"
                               << "<b>服务器</b>";
    QTest::newRow("button") << "SendComposer"
                            << "Send + FIN"
                            << "发送 + FIN";
    QTest::newRow("state") << "TcpInspector"
                           << "Half-closed by peer"
                           << "对端已半关闭";
    QTest::newRow("eof") << "TcpInspector::Connection"
                         << "EOF: the peer sent FIN, it will send nothing more (read returned 0)."
                         << "EOF：对端发送了 FIN，不会再发送任何数据（read 返回 0）。";
    QTest::newRow("handshake")
        << "TcpInspector::ServerEndpoint"
        << "Accepting paused: new clients complete the handshake in the kernel and wait in the "
           "backlog until it is full."
        << "accept 已暂停：新客户端在内核中完成三次握手，并在 backlog 队列中等待，直到队列排满。";
    QTest::newRow("shortcut") << "MainWindow"
                              << "Ctrl+Shift+H"
                              << "Ctrl+Shift+H";
}

void tst_Translations::qmLoadsAndTranslates()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);

    QTranslator translator;
    QVERIFY2(translator.load(qmPath), "the .qm is not embedded at :/i18n/");
    QCOMPARE(translator.language(), QStringLiteral("zh_CN"));
    QCOMPARE(translator.translate(context.toUtf8().constData(), source.toUtf8().constData()),
             expected);
}

void tst_Translations::pluralUsesTheCount()
{
    m_translator = std::make_unique<QTranslator>();
    QVERIFY(m_translator->load(qmPath));
    QVERIFY(QCoreApplication::installTranslator(m_translator.get()));
    QCOMPARE(QCoreApplication::translate("TcpInspector::MainWindow", "%1 open connections").arg(3),
             QStringLiteral("3 个打开的连接"));
    QCOMPARE(QCoreApplication::translate(
                 "TcpInspector::HexView",
                 "offset %1 (0x%2), chunk %3 (offset %4, %n bytes), message %5", nullptr, 1),
             QStringLiteral("偏移 %1 (0x%2)，数据块 %3（偏移 %4，1 字节），消息 %5"));
}

void tst_Translations::everyMessageIsFinished()
{
    QStringList bad;
    for (const TsMessage &message : std::as_const(m_messages)) {
        const bool empty
            = message.translations.isEmpty()
              || std::any_of(message.translations.cbegin(), message.translations.cend(),
                             [](const QString &text) { return text.isEmpty(); });
        if (!message.type.isEmpty() || empty)
            bad.append(QStringLiteral("[%1] %2 (%3)")
                           .arg(message.context, message.source,
                                message.type.isEmpty() ? QStringLiteral("empty") : message.type));
    }
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
}

void tst_Translations::placeholdersMarkupAndNewlinesKept()
{
    QStringList bad;
    for (const TsMessage &message : std::as_const(m_messages)) {
        for (const QString &translation : message.translations) {
            QStringList why;
            if (placeholders(translation) != placeholders(message.source))
                why << QStringLiteral("placeholders");
            if (sorted(tags(translation)) != sorted(tags(message.source)))
                why << QStringLiteral("tags");
            if (translation.count(QLatin1Char('\n')) != message.source.count(QLatin1Char('\n')))
                why << QStringLiteral("newlines");
            if (accelerators(translation) != accelerators(message.source))
                why << QStringLiteral("accelerator");
            if (!why.isEmpty())
                bad.append(QStringLiteral("[%1] %2 -> %3: %4")
                               .arg(message.context, message.source, translation,
                                    why.join(QLatin1String(", "))));
        }
    }
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
}

void tst_Translations::protocolNamesStayLatin()
{
    // Names of protocol flags, socket options and states a teacher points at
    // in a capture or a man page, and shortcuts that must keep working.
    static const QRegularExpression names(QStringLiteral(
        "\\b(FIN|RST|SYN|EOF|TIME_WAIT|TCP_NODELAY|SO_REUSEADDR|SO_LINGER|SO_KEEPALIVE|"
        "SHUT_WR|EMFILE|ENFILE|CRLF|UTF-8|JSON|HTTP/1|RESP|TLS)\\b"));
    static const QRegularExpression shortcut(QStringLiteral("^(Ctrl|Shift|Alt)\\+"));
    QStringList bad;
    for (const TsMessage &message : std::as_const(m_messages)) {
        for (const QString &translation : message.translations) {
            const QStringList kept = matches(names, translation);
            const QStringList given = matches(names, message.source);
            const bool lost
                = std::any_of(given.cbegin(), given.cend(),
                              [&kept](const QString &name) { return !kept.contains(name); });
            if (lost
                || (shortcut.match(message.source).hasMatch() && translation != message.source))
                bad.append(QStringLiteral("[%1] %2 -> %3")
                               .arg(message.context, message.source, translation));
        }
    }
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
}

void tst_Translations::coreExplanationsAreTranslated_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expectedStart");

    // The texts are made here, so the translator goes in here.
    m_translator = std::make_unique<QTranslator>();
    QVERIFY(m_translator->load(qmPath));
    QVERIFY(QCoreApplication::installTranslator(m_translator.get()));
    QTest::newRow("state") << ModelText::state(ConnectionState::RemoteHalfClosed)
                           << QStringLiteral("对端已半关闭");
    QTest::newRow("format name") << ByteFormat::formatName(ByteFormat::CArray)
                                 << QStringLiteral("C 数组");
    QTest::newRow("refused") << explainErrno(ECONNREFUSED, SocketOperation::Connect).explanation
                             << QStringLiteral("对端用 RST 回应了 SYN");
    QTest::newRow("address in use") << explainErrno(EADDRINUSE, SocketOperation::Listen).explanation
                                    << QStringLiteral("另一个套接字占用了这个地址和端口");
    QString error;
    HostPort::parse(QStringLiteral("8080"), HostPort::Use::Listen, &error);
    QTest::newRow("bare port") << error << QStringLiteral("地址“8080”缺少端口");
    HostPort::parse(QStringLiteral("127.0.0.1:"), HostPort::Use::Connect, &error);
    QTest::newRow("no port after colon") << error << QStringLiteral("“127.0.0.1:”以冒号结尾");
    DecoderRegistry::instance().validate(QStringLiteral("lines"), &error);
    QTest::newRow("unknown framing") << error << QStringLiteral("未知的分帧“lines”");
    FramingSpec::parse(QStringLiteral("line:"), &error);
    QTest::newRow("framing colon") << error << QStringLiteral("分帧“line:”以冒号结尾");
}

void tst_Translations::coreExplanationsAreTranslated()
{
    QFETCH(QString, text);
    QFETCH(QString, expectedStart);
    // Code that is not a QObject translates through Tr::tr() (text/tr.h), in
    // the one context lupdate files it under: "TcpInspector".
    QVERIFY2(text.startsWith(expectedStart), qPrintable(text));
}

void tst_Translations::mainWindowSwitchesLanguage()
{
    MainWindow::Options options;
    options.listenOnStart = false;
    options.useSettings = false;
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto menuTitles = [&window] {
        QStringList titles;
        for (const QAction *action : window.menuBar()->actions())
            titles.append(action->text());
        return titles;
    };
    auto *connectButton = child<QPushButton>(window.clientPanel(), "connectButton");
    auto *listenButton = child<QPushButton>(window.serverPanel(), "listenButton");
    auto *replyCombo = child<QComboBox>(window.serverPanel(), "replyCombo");
    auto statusTexts = [&window] {
        QStringList texts;
        for (const QLabel *label : window.statusBar()->findChildren<QLabel *>())
            texts.append(label->text());
        return texts;
    };
    const QStringList english = menuTitles();
    QCOMPARE(english.first(), QStringLiteral("&File"));
    QCOMPARE(connectButton->text(), QStringLiteral("Connect"));

    // Widgets retranslate on a posted LanguageChange, in the event loop.
    window.setLanguage(QStringLiteral("zh_CN"));
    QTRY_COMPARE(menuTitles(), QStringList({QStringLiteral("文件(&F)"), QStringLiteral("编辑(&E)"),
                                            QStringLiteral("视图(&V)"), QStringLiteral("连接(&C)"),
                                            QStringLiteral("场景(&S)"), QStringLiteral("课程(&L)"),
                                            QStringLiteral("帮助(&H)")}));
    QTRY_COMPARE(connectButton->text(), QStringLiteral("连接"));
    QCOMPARE(listenButton->text(), QStringLiteral("监听"));
    QCOMPARE(replyCombo->itemText(0), QStringLiteral("无"));
    QCOMPARE(window.windowTitle(), QStringLiteral("TCP Inspector"));
    QVERIFY2(statusTexts().contains(QStringLiteral("未监听")),
             qPrintable(statusTexts().join(QLatin1String(" | "))));

    window.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(menuTitles(), english);
    QTRY_COMPARE(connectButton->text(), QStringLiteral("Connect"));
    QCOMPARE(listenButton->text(), QStringLiteral("Listen"));
    QCOMPARE(replyCombo->itemText(0), QStringLiteral("None"));
    QVERIFY(statusTexts().contains(QStringLiteral("not listening")));
}

void tst_Translations::chineseWindowDrawsGlyphsUnclipped()
{
    // Without a CJK font Qt draws the same box for every character: a projector
    // full of boxes. Debian: fonts-wqy-microhei or fonts-noto-cjk.
    MainWindow::Options options;
    options.listenOnStart = false;
    options.useSettings = false;
    MainWindow window(options);
    window.setLanguage(QStringLiteral("zh_CN"));
    // A classroom projector's 1280x720, less a title bar and a task bar.
    window.resize(1280, 680);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *connectButton = child<QPushButton>(window.clientPanel(), "connectButton");
    QTRY_COMPARE(connectButton->text(), QStringLiteral("连接"));

    // The composer's reason comes with the next refresh tick; by then the
    // layouts have also settled to the Chinese texts' sizes.
    QTRY_COMPARE(child<QLabel>(window.composer(), "sendDisabledLabel")->text(),
                 QStringLiteral("请选择用于发送的连接。"));
    QCoreApplication::sendPostedEvents();

    const QString shot = QDir::temp().filePath(QStringLiteral("zh-window.png"));
    QVERIFY(window.grab().save(shot));
    qInfo("Chinese window: %s", qPrintable(shot));

    QVERIFY2(QFontDatabase::writingSystems().contains(QFontDatabase::SimplifiedChinese),
             "no font for Simplified Chinese is installed");
    const QFont font = connectButton->font();
    QVERIFY(glyph(QStringLiteral("连"), font) != glyph(QStringLiteral("接"), font));
    QVERIFY(glyph(QStringLiteral("连"), font) != glyph(QStringLiteral(" "), font));

    // A label or button narrower than it asks to be cuts its text off.
    QStringList clipped;
    const QList<QWidget *> widgets = window.findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        const auto *label = qobject_cast<const QLabel *>(widget);
        const auto *button = qobject_cast<const QAbstractButton *>(widget);
        // A dock's float and close buttons are icons: no text to cut.
        const bool text = (label && !label->wordWrap() && !label->text().isEmpty())
                          || (button && !button->text().isEmpty());
        if (!text || !widget->isVisible())
            continue;
        if (widget->width() < widget->minimumSizeHint().width())
            clipped.append(
                QStringLiteral("%1 %2 (%3 < %4)")
                    .arg(QLatin1String(widget->metaObject()->className()), widget->objectName())
                    .arg(widget->width())
                    .arg(widget->minimumSizeHint().width()));
    }
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
