// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace TcpInspector {

/// What a first start shows above the stream views: the two panels and how
/// to see a first connection, with a button that makes one (the client
/// panel connecting to the server panel's echo server) and one that puts
/// the hint away for good. Help > Getting Started shows it again.
class FirstStartHint : public QFrame
{
    Q_OBJECT

public:
    explicit FirstStartHint(QWidget *parent = nullptr);

    /// "127.0.0.1:41021": where the server panel listens, for the text.
    void setServerAddress(const QString &address);

Q_SIGNALS:
    /// "Show me": connect the client panel to the server panel.
    void demoRequested();
    /// "Got it": hidden, not to come back at the next start.
    void dismissed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_text;
    QPushButton *m_demo;
    QPushButton *m_close;
    QString m_address;
};

} // namespace TcpInspector
