// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/hostport.h"

#include <QTest>

using namespace TcpInspector;

class tst_HostPort : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void loopback_data();
    void loopback();
};

void tst_HostPort::valid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("listen");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("hostGiven");
    QTest::addColumn<QString>("normal");
    QTest::newRow("ipv4") << "127.0.0.1:8080" << false << "127.0.0.1" << 8080 << true
                          << "127.0.0.1:8080";
    // Go: net.Listen("tcp", ":8080") is every interface, net.Dial(":8080") this machine.
    QTest::newRow("port only, listen") << ":8080" << true << "" << 8080 << false << ":8080";
    QTest::newRow("port 0 only, listen") << " :0" << true << "" << 0 << false << ":0";
    QTest::newRow("port only, connect")
        << ":8080" << false << "127.0.0.1" << 8080 << false << "127.0.0.1:8080";
    QTest::newRow("name") << " localhost:6379 " << false << "localhost" << 6379 << true
                          << "localhost:6379";
    QTest::newRow("ipv6") << "[::1]:443" << false << "::1" << 443 << true << "[::1]:443";
    QTest::newRow("listen port 0")
        << "127.0.0.1:0" << true << "127.0.0.1" << 0 << true << "127.0.0.1:0";
    QTest::newRow("all interfaces")
        << "0.0.0.0:9000" << true << "0.0.0.0" << 9000 << true << "0.0.0.0:9000";
    QTest::newRow("max port") << "[::]:65535" << true << "::" << 65535 << true << "[::]:65535";
}

void tst_HostPort::valid()
{
    QFETCH(QString, text);
    QFETCH(bool, listen);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(bool, hostGiven);
    QFETCH(QString, normal);
    QString error;
    const auto hp
        = HostPort::parse(text, listen ? HostPort::Use::Listen : HostPort::Use::Connect, &error);
    QVERIFY2(hp, qPrintable(error));
    QCOMPARE(hp->host, host);
    QCOMPARE(int(hp->port), port);
    QCOMPARE(hp->hostGiven, hostGiven);
    QCOMPARE(hp->toString(), normal);
}

void tst_HostPort::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("listen");
    QTest::addColumn<QStringList>("mentions");
    // S1: Go says "missing port in address"; we also show the fix.
    QTest::newRow("bare port") << "8080" << true
                               << QStringList {"missing port in address '8080'", "127.0.0.1:8080",
                                               ":8080"};
    QTest::newRow("bare host") << "localhost" << false
                               << QStringList {"missing port", "localhost:8080"};
    QTest::newRow("empty") << "  " << false << QStringList {"empty", "127.0.0.1:8080"};
    QTest::newRow("empty, listen")
        << "" << true << QStringList {"empty", "127.0.0.1:8080", ":8080 for every interface"};
    QTest::newRow("colon no port")
        << "example.org:" << false << QStringList {"no port", "example.org:8080"};
    QTest::newRow("port range") << "127.0.0.1:70000" << true
                                << QStringList {"out of range", "65535"};
    QTest::newRow("port text") << "127.0.0.1:http" << false << QStringList {"'http' is not a port"};
    QTest::newRow("connect port 0")
        << "127.0.0.1:0" << false << QStringList {"Port 0", "system choose"};
    QTest::newRow("v6 no brackets")
        << "::1:8080" << false << QStringList {"brackets", "[::1]:8080"};
    QTest::newRow("v6 unclosed") << "[::1:8080" << false << QStringList {"never closes"};
    QTest::newRow("v6 no port") << "[::1]" << true << QStringList {"missing port", "[::1]:8080"};
    QTest::newRow("v4 in brackets") << "[127.0.0.1]:80" << false << QStringList {"IPv6 only"};
    QTest::newRow("junk after bracket") << "[::1]x:80" << false << QStringList {"only :port"};
    QTest::newRow("bad host") << "exa mple:80" << false << QStringList {"not a host name"};
    QTest::newRow("negative port") << "h:-1" << false << QStringList {"not a port"};
}

void tst_HostPort::invalid()
{
    QFETCH(QString, text);
    QFETCH(bool, listen);
    QFETCH(QStringList, mentions);
    QString error;
    QVERIFY(
        !HostPort::parse(text, listen ? HostPort::Use::Listen : HostPort::Use::Connect, &error));
    for (const QString &m : mentions)
        QVERIFY2(error.contains(m), qPrintable(error));
}

void tst_HostPort::loopback_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("127.0.0.1") << "127.0.0.1:0" << true;
    QTest::newRow("127.0.0.2") << "127.0.0.2:80" << true;
    QTest::newRow("::1") << "[::1]:0" << true;
    QTest::newRow("localhost") << "LocalHost:80" << true;
    QTest::newRow("no host") << ":8080" << false;
    QTest::newRow("0.0.0.0") << "0.0.0.0:0" << false;
    QTest::newRow("::") << "[::]:0" << false;
    QTest::newRow("LAN address") << "192.168.1.2:80" << false;
    QTest::newRow("a name") << "example.org:80" << false;
}

void tst_HostPort::loopback()
{
    QFETCH(QString, text);
    QFETCH(bool, loopback);
    QString error;
    const auto hp = HostPort::parse(text, HostPort::Use::Listen, &error);
    QVERIFY2(hp, qPrintable(error));
    QCOMPARE(hp->isLoopback(), loopback);
}

QTEST_GUILESS_MAIN(tst_HostPort)
#include "tst_hostport.moc"
