// SPDX-License-Identifier: GPL-3.0-or-later
// The typed parts of a timeline event: every timeout kind and kernel state has
// one JSON key (the strings docs/CLI.md promises) that reads back to it, and an
// error's parts stay apart until a person reads them.
#include "timeline/timeline.h"

#include <QSet>
#include <QTest>

using namespace TcpInspector;

class tst_TimelineEvent : public QObject
{
    Q_OBJECT

private slots:
    void timeoutKeys_data();
    void timeoutKeys();
    void everyTimeoutKindHasAKey();
    void kernelStateKeys_data();
    void kernelStateKeys();
    void everyKernelStateHasAKey();
    void unknownKeysReadAsNothing();
    void errorDetail_data();
    void errorDetail();
};

void tst_TimelineEvent::timeoutKeys_data()
{
    QTest::addColumn<TimeoutKind>("kind");
    QTest::addColumn<QString>("key");
    QTest::newRow("connect") << TimeoutKind::Connect << QStringLiteral("connect");
    QTest::newRow("idle") << TimeoutKind::Idle << QStringLiteral("idle");
    QTest::newRow("write_stall") << TimeoutKind::WriteStall << QStringLiteral("write_stall");
    QTest::newRow("close") << TimeoutKind::Close << QStringLiteral("close");
}

void tst_TimelineEvent::timeoutKeys()
{
    QFETCH(TimeoutKind, kind);
    QFETCH(QString, key);
    QCOMPARE(timeoutKindKey(kind), key);
    QCOMPARE(timeoutKindFromKey(key), std::optional<TimeoutKind>(kind));
}

void tst_TimelineEvent::everyTimeoutKindHasAKey()
{
    QSet<QString> keys;
    for (int i = 0; i < timeoutKindCount; ++i) {
        const QString key = timeoutKindKey(TimeoutKind(i));
        QVERIFY(!key.isEmpty() && key != QLatin1String("unknown"));
        QCOMPARE(timeoutKindFromKey(key), std::optional<TimeoutKind>(TimeoutKind(i)));
        keys.insert(key);
    }
    QCOMPARE(keys.size(), timeoutKindCount);
}

void tst_TimelineEvent::kernelStateKeys_data()
{
    QTest::addColumn<KernelState>("state");
    QTest::addColumn<QString>("key");
    const std::pair<KernelState, const char *> states[] = {
        {KernelState::Unknown, "UNKNOWN"},      {KernelState::Established, "ESTABLISHED"},
        {KernelState::SynSent, "SYN_SENT"},     {KernelState::SynRecv, "SYN_RECV"},
        {KernelState::FinWait1, "FIN_WAIT1"},   {KernelState::FinWait2, "FIN_WAIT2"},
        {KernelState::TimeWait, "TIME_WAIT"},   {KernelState::Close, "CLOSE"},
        {KernelState::CloseWait, "CLOSE_WAIT"}, {KernelState::LastAck, "LAST_ACK"},
        {KernelState::Listen, "LISTEN"},        {KernelState::Closing, "CLOSING"},
        {KernelState::Closed, "CLOSED"},
    };
    QCOMPARE(int(std::size(states)), kernelStateCount);
    for (const auto &[state, key] : states)
        QTest::newRow(key) << state << QString::fromLatin1(key);
}

void tst_TimelineEvent::kernelStateKeys()
{
    QFETCH(KernelState, state);
    QFETCH(QString, key);
    QCOMPARE(kernelStateKey(state), key);
    QCOMPARE(kernelStateFromKey(key), std::optional<KernelState>(state));
}

void tst_TimelineEvent::everyKernelStateHasAKey()
{
    QSet<QString> keys;
    for (int i = 0; i < kernelStateCount; ++i) {
        const QString key = kernelStateKey(KernelState(i));
        QVERIFY(!key.isEmpty());
        QCOMPARE(kernelStateFromKey(key), std::optional<KernelState>(KernelState(i)));
        keys.insert(key);
    }
    QCOMPARE(keys.size(), kernelStateCount);
    // A sample that says nothing names no state.
    QCOMPARE(KernelSample().state, KernelState::Unknown);
}

void tst_TimelineEvent::unknownKeysReadAsNothing()
{
    QCOMPARE(timeoutKindFromKey(QStringLiteral("Idle")), std::nullopt);
    QCOMPARE(timeoutKindFromKey(QString()), std::nullopt);
    QCOMPARE(kernelStateFromKey(QStringLiteral("established")), std::nullopt);
    QCOMPARE(kernelStateFromKey(QStringLiteral("UNKNOWN_99")), std::nullopt);
}

void tst_TimelineEvent::errorDetail_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("explanation");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("detail");
    QTest::newRow("error") << int(TimelineEvent::Error)
                           << QStringLiteral("Connection reset by peer")
                           << QStringLiteral("The peer sent an RST: it aborted.") << QString()
                           << QStringLiteral(
                                  "Connection reset by peer: The peer sent an RST: it aborted.");
    QTest::newRow("error without message")
        << int(TimelineEvent::Error) << QString() << QStringLiteral("Explained.") << QString()
        << QStringLiteral("Explained.");
    QTest::newRow("error with its own sentence")
        << int(TimelineEvent::Error) << QStringLiteral("Too many open files")
        << QStringLiteral("The process ran out.")
        << QStringLiteral("Too many open files: The process ran out. Accepting again in 50 ms.")
        << QStringLiteral("Too many open files: The process ran out. Accepting again in 50 ms.");
    QTest::newRow("note") << int(TimelineEvent::Note) << QString() << QString()
                          << QStringLiteral("Reading paused.") << QStringLiteral("Reading paused.");
}

void tst_TimelineEvent::errorDetail()
{
    QFETCH(int, type);
    QFETCH(QString, message);
    QFETCH(QString, explanation);
    QFETCH(QString, text);
    QFETCH(QString, detail);
    TimelineEvent event;
    event.type = TimelineEvent::Type(type);
    event.message = message;
    event.explanation = explanation;
    event.text = text;
    QCOMPARE(eventDetail(event), detail);
    // The parts stay as they were given: nothing is split back out of the detail.
    QCOMPARE(event.message, message);
    QCOMPARE(event.explanation, explanation);
}

QTEST_GUILESS_MAIN(tst_TimelineEvent)
#include "tst_timelineevent.moc"
