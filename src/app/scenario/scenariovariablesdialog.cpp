// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario/scenariovariablesdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace TcpInspector {

ScenarioVariablesDialog::ScenarioVariablesDialog(const ScenarioFile &file,
                                                 const QHash<QString, QByteArray> &known,
                                                 QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Variables of %1").arg(file.path));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("This scenario needs values for its variables, as "
                                "--var NAME=VALUE gives them on the command line."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    for (const QString &name : required(file)) {
        auto *edit = new QLineEdit(QString::fromUtf8(known.value(name)));
        edit->setObjectName(name);
        // The shipped examples name the server they talk to `target`.
        if (name == QLatin1String("target"))
            edit->setPlaceholderText(tr("HOST:PORT"));
        connect(edit, &QLineEdit::textChanged, this, &ScenarioVariablesDialog::updateOk);
        form->addRow(name, edit);
        m_fields.insert(name, edit);
    }
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Run"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    updateOk();
}

QStringList ScenarioVariablesDialog::required(const ScenarioFile &file)
{
    QStringList names;
    for (const VariableDeclaration &variable : file.variables) {
        if (!variable.defaultValue)
            names += variable.name;
    }
    return names;
}

QHash<QString, QByteArray> ScenarioVariablesDialog::values() const
{
    QHash<QString, QByteArray> values;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
        values.insert(it.key(), it.value()->text().toUtf8());
    return values;
}

void ScenarioVariablesDialog::updateOk()
{
    // As on the command line, a variable without a default needs a value.
    bool complete = true;
    for (const QLineEdit *edit : std::as_const(m_fields))
        complete = complete && !edit->text().isEmpty();
    m_ok->setEnabled(complete);
}

} // namespace TcpInspector
