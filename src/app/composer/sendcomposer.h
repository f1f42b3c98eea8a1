// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "composer/composerdraft.h"
#include "session/sendrequest.h"
#include "text/bytetext.h"

#include <QWidget>

#include <memory>
#include <optional>

class QButtonGroup;
class QMimeData;
class QPlainTextEdit;
class QSettings;
class QSplitter;
class QToolButton;

namespace Ui {
class SendComposer;
}

namespace TcpInspector {

class RequestLibrary;
class RequestLibraryPanel;
class RequestRecorder;
class Workbench;

/// Where the user writes what to send (text with C escapes, hex, or a file)
/// and how (fragments, repeats, half-close); one composer serves both panels
/// and hands each send over as a SendRequest.
class SendComposer : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Text, Hex, File };
    Q_ENUM(Mode)
    enum class LineEnding { None, Lf, CrLf };
    Q_ENUM(LineEnding)

    explicit SendComposer(QWidget *parent = nullptr);
    ~SendComposer() override;

    Mode mode() const;
    void setMode(Mode mode);
    /// Puts the bytes into hex mode, e.g. to send captured bytes again.
    void setBytes(const QByteArray &bytes);
    /// Switches to file mode with this file.
    void setFilePath(const QString &path);

    /// Off while there is no connection to send on; whyNot says so (shown
    /// beside the buttons and as their tooltip). Editing stays possible.
    void setSendEnabled(bool enabled, const QString &whyNot = {});
    bool isSendEnabled() const { return m_sendEnabled; }
    /// A progress bar shows while 0 <= sent < total (large file sends).
    void setProgress(qint64 sent, qint64 total);

    /// What Send would send now, to whichever connections: nothing while the
    /// bytes are invalid, or empty and no FIN asked for.
    std::optional<SendRequest> request(bool halfClose);

    /// Mode, texts, file path and options, under "composer/". restoreState()
    /// also opens the request library's file (RequestLibrary::defaultPath()),
    /// unless library()->load() named another.
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

    /// What the composer holds, as typed; setDraft() puts one back exactly.
    ComposerDraft draft() const;
    void setDraft(const ComposerDraft &draft);

    /// The request library beside the editors (saved requests, history).
    RequestLibrary *library() const { return m_library; }
    RequestLibraryPanel *libraryPanel() const { return m_libraryPanel; }
    bool isLibraryVisible() const;
    void setLibraryVisible(bool visible);
    /// The sends of this workbench go into the library's history, with the
    /// first reply each got.
    void setWorkbench(Workbench *workbench);

signals:
    /// Send or Send + FIN (or their shortcuts). In file mode filePath is set
    /// and bytes is empty.
    void sendRequested(const TcpInspector::SendRequest &request);

protected:
    // QWidget API
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void handleModeClicked(int id);
    void handleTextChanged();
    void handleHexChanged();
    void handleFilePathChanged();
    void handleBrowse();
    void handleSend(bool halfClose);

    /// Everything that depends on the contents, the mode and the options.
    // The constructor's parts: fonts, colours and widths; drops and shortcuts.
    void setUpLook();
    void fitWidths();
    void setUpInput();
    void setUpLibrary();
    void retranslateLibrary();
    void updateWidgets();
    void refreshFile();
    LineEnding lineEnding() const;
    QByteArray lineEndingBytes() const;
    /// What Send would send now: its size, or -1 when it cannot be sent.
    qint64 payloadSize() const;
    bool canSend(bool halfClose) const;
    /// Valid bytes to send, or none and a FIN: whichever connection they go to.
    bool hasPayloadFor(bool halfClose) const;
    void markError(QPlainTextEdit *edit, const ByteText::ParseResult &result);
    bool acceptsDrag(const QMimeData *mime) const;
    void updateProgressText();

    std::unique_ptr<Ui::SendComposer> m_ui;
    RequestLibrary *m_library = nullptr;
    RequestRecorder *m_recorder = nullptr;
    RequestLibraryPanel *m_libraryPanel = nullptr;
    QSplitter *m_librarySplitter = nullptr;
    QToolButton *m_libraryButton = nullptr;
    QButtonGroup *m_modeGroup = nullptr;
    ByteText::ParseResult m_text;
    ByteText::ParseResult m_hex;
    QString m_fileError; ///< empty when the file can be sent
    qint64 m_fileSize = -1;
    bool m_sendEnabled = true;
    QString m_whyNot;
    QString m_dropHint; ///< shown while a file is dragged over the composer
    qint64 m_progressSent = 0;
    qint64 m_progressTotal = 0;
};

} // namespace TcpInspector
