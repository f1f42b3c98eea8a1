// SPDX-License-Identifier: GPL-3.0-or-later
// The server panel's reply rules: written in the dialog, errors shown by
// line and column as they are typed, applied live to a listening server,
// and answered on a real loopback connection through the Workbench.
#include "session/workbench.h"
#include "widgets/replyrulesdialog.h"
#include "widgets/serverpanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace TcpInspector;

namespace {

QPushButton *rulesButton(ServerPanel &panel)
{
    for (QPushButton *button : panel.findChildren<QPushButton *>()) {
        if (button->text() == QLatin1String("Edit rules..."))
            return button;
    }
    return nullptr;
}

// Opens the dialog from the panel, types rules, and presses OK or Apply.
// Returns the status line the dialog showed after checking them.
QString editRules(ServerPanel &panel, const QString &rules, QDialogButtonBox::StandardButton press)
{
    QString status;
    QTimer::singleShot(0, &panel, [&] {
        auto *dialog = qobject_cast<ReplyRulesDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->findChild<QPlainTextEdit *>()->setPlainText(rules);
        QTest::qWait(400); // the check waits for typing to pause
        status = dialog->findChild<QLabel *>(QStringLiteral("status"))->text();
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        if (buttons->button(press)->isEnabled())
            buttons->button(press)->click();
        if (dialog->isVisible())
            dialog->reject();
    });
    rulesButton(panel)->click();
    return status;
}

QByteArray exchange(QTcpSocket &socket, const QByteArray &request, qsizetype replyBytes)
{
    socket.write(request);
    QByteArray reply;
    QElapsedTimer clock;
    clock.start();
    while (reply.size() < replyBytes && clock.elapsed() < 5000) {
        socket.waitForReadyRead(100);
        reply += socket.readAll();
    }
    return reply;
}

} // namespace

class tst_ReplyRulesDialog : public QObject
{
    Q_OBJECT

private slots:
    void rulesAnswerAndChangeLive();
};

void tst_ReplyRulesDialog::rulesAnswerAndChangeLive()
{
    Workbench workbench;
    ServerPanel panel(&workbench);
    panel.show();
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("replyCombo"));
    combo->setCurrentIndex(combo->findData(QStringLiteral("rules")));
    QVERIFY(rulesButton(panel) && rulesButton(panel)->isVisible());

    const QString bad = editRules(panel,
                                  QStringLiteral("exact \"PING\" reply \"+PONG\"\n"
                                                 "regex \"(\" reply \"x\""),
                                  QDialogButtonBox::Ok);
    QCOMPARE(bad, QStringLiteral("Line 2, column 9: This regex does not compile: missing closing "
                                 "parenthesis."));
    const QString good = editRules(panel,
                                   QStringLiteral("exact \"PING\" reply \"+PONG\\r\\n\"\n"
                                                  "default reply \"?{{0}}\\n\""),
                                   QDialogButtonBox::Ok);
    QCOMPARE(good, QStringLiteral("2 rule(s), ready."));

    QVERIFY(panel.listen());
    QTcpSocket client;
    client.connectToHost(QStringLiteral("127.0.0.1"), workbench.boundAddress().port);
    QVERIFY(client.waitForConnected(5000));
    QCOMPARE(exchange(client, "PING\n", 7), QByteArray("+PONG\r\n"));
    QCOMPARE(exchange(client, "what\n", 6), QByteArray("?what\n"));

    // Applied while listening: the same connection meets the new rules.
    editRules(panel, QStringLiteral("default reply \"new {{0}}\\n\""), QDialogButtonBox::Apply);
    QCOMPARE(exchange(client, "PING\n", 9), QByteArray("new PING\n"));
    panel.stop();
}

QTEST_MAIN(tst_ReplyRulesDialog)
#include "tst_replyrulesdialog.moc"
