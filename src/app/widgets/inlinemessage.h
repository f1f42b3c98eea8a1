// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace TcpInspector {

/// Marks a field as wrong (a red frame and the message as its tooltip), or
/// clears the mark with an empty message. Messages say what is wrong and how
/// to fix it; they appear as the user types, not in a dialog.
void setInlineMessage(QWidget *field, const QString &message);
/// Shows a message under a field, red when it is an error; hidden when empty.
void showInlineLabel(QLabel *label, const QString &message, bool isError);

} // namespace TcpInspector
