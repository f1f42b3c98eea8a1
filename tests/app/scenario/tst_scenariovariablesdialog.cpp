// SPDX-License-Identifier: GPL-3.0-or-later
// The form that asks for a scenario's variables without a default, as
// --var NAME=VALUE gives them on the command line.
#include "scenario/scenarioparser.h"
#include "scenario/scenariovariablesdialog.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace TcpInspector;

class tst_ScenarioVariablesDialog : public QObject
{
    Q_OBJECT

private slots:
    void asksOnlyForThoseWithoutADefault();
};

void tst_ScenarioVariablesDialog::asksOnlyForThoseWithoutADefault()
{
    ScenarioParser parser;
    const ScenarioFile file = parser.parseText(QStringLiteral("var target\n"
                                                              "var key = k1\n"
                                                              "var token\n"
                                                              "connect c {{target}}\n"
                                                              "send c \"{{key}} {{token}}\"\n"),
                                               QStringLiteral("vars.scn"));
    QVERIFY(!file.hasErrors());
    QCOMPARE(ScenarioVariablesDialog::required(file),
             QStringList({QStringLiteral("target"), QStringLiteral("token")}));
    ScenarioVariablesDialog dialog(file, {{QStringLiteral("target"), "127.0.0.1:6379"}});
    QVERIFY(dialog.field(QStringLiteral("target")));
    QVERIFY(dialog.field(QStringLiteral("token")));
    QVERIFY(!dialog.field(QStringLiteral("key")));
    QCOMPARE(dialog.field(QStringLiteral("target"))->text(), QStringLiteral("127.0.0.1:6379"));
    QPushButton *run = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    // Every variable without a default needs a value, as on the command line.
    QVERIFY(!run->isEnabled());
    dialog.field(QStringLiteral("token"))->setText(QStringLiteral("t-1"));
    QVERIFY(run->isEnabled());
    const QHash<QString, QByteArray> values = dialog.values();
    QCOMPARE(values.size(), 2);
    QCOMPARE(values.value(QStringLiteral("target")), QByteArray("127.0.0.1:6379"));
    QCOMPARE(values.value(QStringLiteral("token")), QByteArray("t-1"));
}

QTEST_MAIN(tst_ScenarioVariablesDialog)
#include "tst_scenariovariablesdialog.moc"
