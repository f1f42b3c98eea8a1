// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario/scenario.h"

#include <QDialog>
#include <QHash>

class QLineEdit;

namespace TcpInspector {

/// Asks for the variables a scenario file declares without a default
/// (`var target`): the values `--var NAME=VALUE` gives on the command line.
class ScenarioVariablesDialog : public QDialog
{
    Q_OBJECT

public:
    /// One field per variable of @p file without a default, filled from @p known.
    ScenarioVariablesDialog(const ScenarioFile &file, const QHash<QString, QByteArray> &known,
                            QWidget *parent = nullptr);

    /// The variables of @p file without a default.
    static QStringList required(const ScenarioFile &file);
    /// What the fields hold, as --var would give them.
    QHash<QString, QByteArray> values() const;
    QLineEdit *field(const QString &name) const { return m_fields.value(name); }

private:
    void updateOk();

    QHash<QString, QLineEdit *> m_fields;
    class QPushButton *m_ok = nullptr;
};

} // namespace TcpInspector
