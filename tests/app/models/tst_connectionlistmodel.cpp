// SPDX-License-Identifier: GPL-3.0-or-later
// The connection list of a recording read from a file: its age is how long
// it lasted, not how long ago it began on another run's clock.
#include "models/connectionlistmodel.h"
#include "net/recordedconnection.h"

#include <QTest>

using namespace TcpInspector;

class tst_ConnectionListModel : public QObject
{
    Q_OBJECT

private slots:
    void recordingAgeIsItsDuration();
};

void tst_ConnectionListModel::recordingAgeIsItsDuration()
{
    // Ended 3 s after it began, then kernel samples went on; opened much
    // later (monotonicNs() is far past its times).
    const qint64 start = 1000;
    RecordedConnection connection(Connection::Side::Client, 1, ConnectionOptions());
    TimelineEvent event;
    event.type = TimelineEvent::StateChanged;
    event.timeNs = start;
    event.state = ConnectionState::Established;
    connection.addEvent(event);
    event.timeNs = start + qint64(3) * 1000000000 + 1000;
    event.state = ConnectionState::Closed;
    connection.addEvent(event);
    TimelineEvent sample;
    sample.type = TimelineEvent::Kernel;
    sample.timeNs = start + qint64(30) * 1000000000;
    connection.addEvent(sample);
    connection.finishLoading(ConnectionState::Closed, QString(), QString(), 0, 0);

    ConnectionListModel model(ConnectionListModel::AddressShown::Peer);
    model.addConnection(&connection);
    model.refresh();
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex age = model.index(0, ConnectionListModel::AgeColumn);
    QCOMPARE(age.data(ConnectionListModel::SortRole).toLongLong(), qint64(3));
}

QTEST_MAIN(tst_ConnectionListModel)
#include "tst_connectionlistmodel.moc"
