// SPDX-License-Identifier: GPL-3.0-or-later
// The request library as a user meets it beside the composer: type, Save,
// send on a real loopback connection, find the send in the history with its
// reply, double-click it back into the composer, and save it as a scenario.
#include "composer/requestlibrary.h"
#include "composer/requestlibrarypanel.h"
#include "composer/requestlistmodel.h"
#include "composer/sendcomposer.h"
#include "scenario/scenarioparser.h"
#include "session/workbench.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

using namespace TcpInspector;

namespace {
/// Answers each line: "PING" with "+PONG", anything else with "-ERR".
class PongServer : public QTcpServer
{
public:
    PongServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    while (socket->canReadLine())
                        socket->write(socket->readLine().trimmed() == "PING" ? "+PONG\n"
                                                                             : "-ERR\n");
                });
            }
        });
    }
};

/// Fills in and accepts the next input dialog (Save's "Name:").
void answerNextInputDialog(const QString &text)
{
    QTimer::singleShot(0, [text] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->setTextValue(text);
        dialog->accept();
    });
}

QVariant cell(QTreeView *view, int row, int column)
{
    return view->model()->index(row, column).data();
}
} // namespace

class tst_RequestLibraryPanel : public QObject
{
    Q_OBJECT

private slots:
    void saveSendHistoryAndLoadBack();
    void unreadableFileIsShown();
};

void tst_RequestLibraryPanel::saveSendHistoryAndLoadBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PongServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    Workbench workbench;
    ClientOptions options;
    options.target.host = QStringLiteral("127.0.0.1");
    options.target.port = server.serverPort();
    options.connection.rxFraming = QStringLiteral("line");
    workbench.connectTo(options);
    QTRY_COMPARE_WITH_TIMEOUT(workbench.connections().size(), 1, 5000);
    Connection *connection = workbench.connections().first();
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), ConnectionState::Established, 5000);

    SendComposer composer;
    composer.library()->load(dir.filePath(QStringLiteral("requests.json")));
    composer.setWorkbench(&workbench);
    QObject::connect(&composer, &SendComposer::sendRequested, &workbench,
                     [&](const SendRequest &request) { workbench.send(connection, request); });
    composer.resize(1000, 220);
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));

    auto *libraryButton = composer.findChild<QToolButton *>(QStringLiteral("libraryButton"));
    RequestLibraryPanel *panel = composer.libraryPanel();
    QVERIFY(panel->isHidden());
    QTest::mouseClick(libraryButton, Qt::LeftButton);
    QVERIFY(panel->isVisible());
    // Beside the editors: the composer's Send row keeps its whole width.
    auto *send = composer.findChild<QPushButton *>(QStringLiteral("sendButton"));
    QVERIFY(send->mapTo(&composer, QPoint(send->width(), 0)).x()
            > panel->mapTo(&composer, QPoint()).x());

    // Type, then Save under a name.
    auto *text = composer.findChild<QPlainTextEdit *>(QStringLiteral("textEdit"));
    QTest::keyClicks(text, QStringLiteral("PING"));
    composer.findChild<QComboBox *>(QStringLiteral("lineEndingCombo"))->setCurrentIndex(1);
    const ComposerDraft typed = composer.draft();
    answerNextInputDialog(QStringLiteral("redis ping"));
    QTest::mouseClick(panel->findChild<QToolButton *>(QStringLiteral("librarySaveButton")),
                      Qt::LeftButton);
    QCOMPARE(composer.library()->saved().size(), 1);
    QCOMPARE(cell(panel->view(RequestLibraryPanel::Page::Saved), 0, 0).toString(),
             QStringLiteral("redis ping"));

    // Send it: the history gets a row naming the connection, and the reply.
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_COMPARE(composer.library()->history().size(), 1);
    QTest::mouseClick(panel->findChild<QToolButton *>(QStringLiteral("historyButton")),
                      Qt::LeftButton);
    QTreeView *history = panel->view(RequestLibraryPanel::Page::History);
    QVERIFY(history->isVisible());
    QCOMPARE(history->model()->rowCount(), 1);
    QCOMPARE(cell(history, 0, RequestListModel::TargetColumn).toString(),
             QStringLiteral("#%1 to 127.0.0.1:%2").arg(connection->id()).arg(server.serverPort()));
    QCOMPARE(cell(history, 0, RequestListModel::PreviewColumn).toString(),
             QStringLiteral("PING\\n"));
    QTRY_COMPARE_WITH_TIMEOUT(composer.library()->history().first().reply.value_or(QByteArray()),
                              QByteArray("+PONG"), 5000);
    QCOMPARE(composer.library()->history().first().framing, QStringLiteral("line"));

    // Something else in the composer, then a double-click brings the send back.
    text->selectAll();
    QTest::keyClicks(text, QStringLiteral("other"));
    composer.setMode(SendComposer::Mode::Hex);
    QVERIFY(composer.draft() != typed);
    const QRect row = history->visualRect(history->model()->index(0, 0));
    // As a window system sends it: a click, then the double-click.
    QTest::mouseClick(history->viewport(), Qt::LeftButton, {}, row.center());
    QTest::mouseDClick(history->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(composer.draft(), typed);
    QCOMPARE(composer.mode(), SendComposer::Mode::Text);

    // Enter on a saved request loads it too.
    text->setPlainText(QStringLiteral("changed"));
    panel->showPage(RequestLibraryPanel::Page::Saved);
    QTreeView *saved = panel->view(RequestLibraryPanel::Page::Saved);
    saved->setCurrentIndex(saved->model()->index(0, 0));
    saved->setFocus();
    QTest::keyClick(saved, Qt::Key_Return);
    QCOMPARE(composer.draft(), typed);

    // Save as scenario from the history row: it targets the server and expects the reply.
    panel->showPage(RequestLibraryPanel::Page::History);
    history->selectionModel()->select(history->model()->index(0, 0),
                                      QItemSelectionModel::ClearAndSelect
                                          | QItemSelectionModel::Rows);
    const QString path = dir.filePath(QStringLiteral("ping.scn"));
    QString error;
    QVERIFY2(panel->writeScenario(path, &error), qPrintable(error));
    const ScenarioFile file = ScenarioParser().parseFile(path);
    QVERIFY(!file.hasErrors());
    QCOMPARE(file.variables.first().defaultValue.value_or(QByteArray()),
             QStringLiteral("127.0.0.1:%1").arg(server.serverPort()).toUtf8());
    const QList<ScenarioStep> &steps = file.scenarios.first().steps;
    QCOMPARE(steps.size(), 3); // connect, send, expect
    QCOMPARE(steps.at(0).get<ConnectArgs>().framing, QStringLiteral("line"));
    QCOMPARE(steps.at(1).get<SendArgs>().data.value.constant(), QByteArray("PING\n"));
    QCOMPARE(steps.at(2).get<ExpectArgs>().pattern.value.constant(), QByteArray("+PONG"));

    // The file holds both, for the next start.
    RequestLibrary again;
    QVERIFY(again.load(dir.filePath(QStringLiteral("requests.json"))));
    QCOMPARE(again.saved().size(), 1);
    QCOMPARE(again.history().size(), 1);
    QCOMPARE(again.history().first().reply.value_or(QByteArray()), QByteArray("+PONG"));
}

void tst_RequestLibraryPanel::unreadableFileIsShown()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("requests.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"version\": 99}");
    file.close();
    SendComposer composer;
    composer.show();
    composer.setLibraryVisible(true);
    QVERIFY(!composer.library()->load(path));
    auto *message = composer.libraryPanel()->findChild<QLabel *>(QStringLiteral("libraryMessage"));
    QVERIFY(message->isVisible());
    QVERIFY(message->toolTip().startsWith(QStringLiteral("requests.json could not be read")));
    QVERIFY(message->toolTip().contains(QStringLiteral("requests.json.bak")));
    // Dismissed by the user, it goes.
    QTest::mouseClick(
        composer.libraryPanel()->findChild<QToolButton *>(QStringLiteral("libraryDismissButton")),
        Qt::LeftButton);
    QVERIFY(!message->isVisible());
}

QTEST_MAIN(tst_RequestLibraryPanel)
#include "tst_requestlibrarypanel.moc"
