// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connectionoptions.h"

#include <QObject>

class QLabel;
class QPushButton;
class QSettings;
class QSpinBox;
class QWidget;

namespace TcpInspector {

class FlowLayout;

/// The fields of ConnectionOptions that both panels' Advanced sections show:
/// idle timeout and write stall (S6), read slice and "Read once" (S8, S10),
/// SO_RCVBUF and SO_SNDBUF. Makes the widgets (children of the form, with
/// the object names the tests and the settings know), reads and writes them,
/// and saves them under the form's settings prefix. The form places them.
class ConnectionOptionFields : public QObject
{
    Q_OBJECT

public:
    /// @p settingsPrefix: "client/advanced/" or "server/advanced/".
    ConnectionOptionFields(QString settingsPrefix, QWidget *form);

    /// Idle timeout, write stall and read slice, as label-field pairs.
    void addDeadlines(FlowLayout *flow);
    /// SO_RCVBUF and SO_SNDBUF, as label-field pairs.
    void addBuffers(FlowLayout *flow);
    QPushButton *readOnceButton() const { return m_readOnce; }

    /// Writes these fields into *options; leaves the rest alone.
    void apply(ConnectionOptions *options) const;
    void set(const ConnectionOptions &options);
    void saveSettings(QSettings &settings) const;
    /// Reads what was saved into *options (the defaults where nothing was).
    void readSettings(const QSettings &settings, ConnectionOptions *options) const;
    /// While a server listens its connections' options are fixed.
    void setEditable(bool editable);
    void setReadOnceEnabled(bool enabled);
    void retranslate();

Q_SIGNALS:
    void changed();
    /// "Read once": one read of at most maxBytes on the current connection.
    void readOnceRequested(qint64 maxBytes);

private:
    QString key(const char *name) const;

    QString m_prefix;
    QLabel *m_idleTimeoutLabel;
    QSpinBox *m_idleTimeout;
    QLabel *m_writeStallLabel;
    QSpinBox *m_writeStall;
    QLabel *m_readSliceLabel;
    QSpinBox *m_readSlice;
    QPushButton *m_readOnce;
    QLabel *m_receiveBufferLabel;
    QSpinBox *m_receiveBuffer;
    QLabel *m_sendBufferLabel;
    QSpinBox *m_sendBuffer;
};

} // namespace TcpInspector
