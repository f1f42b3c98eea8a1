// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/descriptorcount.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    // A server panel facing a burst of clients needs more than the usual 1024
    // descriptors; the status bar shows the limit this leaves.
    TcpInspector::raiseDescriptorLimit();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TcpInspector"));
    QCoreApplication::setApplicationName(QStringLiteral("tcpinspector"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TCPI_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("TCP Inspector"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tcpinspector.svg")));

    TcpInspector::MainWindow window;
    window.show();
    return app.exec();
}
