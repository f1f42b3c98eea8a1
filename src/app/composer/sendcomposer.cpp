// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/sendcomposer.h"

#include "composer/requestlibrary.h"
#include "composer/requestlibrarypanel.h"
#include "composer/requestrecorder.h"
#include "models/byteformat.h"
#include "ui_sendcomposer.h"
#include "views/flowlayout.h"
#include "views/viewzoom.h"

#include <QButtonGroup>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QToolButton>
#include <QUrl>

namespace TcpInspector {

namespace {
const QString modeKey = QStringLiteral("composer/mode");
const QString textKey = QStringLiteral("composer/text");
const QString hexKey = QStringLiteral("composer/hex");
const QString filePathKey = QStringLiteral("composer/filePath");
const QString lineEndingKey = QStringLiteral("composer/lineEnding");
const QString fragmentSizeKey = QStringLiteral("composer/fragmentSize");
const QString fragmentDelayKey = QStringLiteral("composer/fragmentDelayMs");
const QString repeatKey = QStringLiteral("composer/repeat");
const QString intervalKey = QStringLiteral("composer/intervalMs");
const QString libraryVisibleKey = QStringLiteral("composer/libraryVisible");
const QString librarySplitKey = QStringLiteral("composer/librarySplit");

// Settings hold words, not enum numbers, so reordering the enums cannot turn
// a saved "hex" into "file".
const QStringList modeNames
    = {QStringLiteral("text"), QStringLiteral("hex"), QStringLiteral("file")};
const QStringList lineEndingNames
    = {QStringLiteral("none"), QStringLiteral("lf"), QStringLiteral("crlf")};

QString localFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            return url.toLocalFile();
    }
    return {};
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor errorColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
}

void setTextColor(QWidget *widget, const QColor &color)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, color);
    widget->setPalette(palette);
}
} // namespace

SendComposer::SendComposer(QWidget *parent) : QWidget(parent), m_ui(new Ui::SendComposer)
{
    m_ui->setupUi(this);

    m_modeGroup = new QButtonGroup(this);
    m_modeGroup->addButton(m_ui->modeTextButton, int(Mode::Text));
    m_modeGroup->addButton(m_ui->modeHexButton, int(Mode::Hex));
    m_modeGroup->addButton(m_ui->modeFileButton, int(Mode::File));

    setUpLook();
    setUpInput();
    setUpLibrary();

    connect(m_modeGroup, &QButtonGroup::idClicked, this, &SendComposer::handleModeClicked);
    connect(m_ui->textEdit, &QPlainTextEdit::textChanged, this, &SendComposer::handleTextChanged);
    connect(m_ui->hexEdit, &QPlainTextEdit::textChanged, this, &SendComposer::handleHexChanged);
    connect(m_ui->filePathEdit, &QLineEdit::textChanged, this,
            &SendComposer::handleFilePathChanged);
    // The clear button's icon comes from the icon theme, whose first lookup
    // parses the theme's index (ms of start-up, docs/PERFORMANCE.md): it is
    // only shown over text, so it is asked for with the first text.
    QLineEdit *edit = m_ui->filePathEdit;
    connect(
        edit, &QLineEdit::textChanged, edit, [edit] { edit->setClearButtonEnabled(true); },
        Qt::SingleShotConnection);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &SendComposer::handleBrowse);
    connect(m_ui->sendButton, &QPushButton::clicked, this, [this] { handleSend(false); });
    connect(m_ui->sendFinButton, &QPushButton::clicked, this, [this] { handleSend(true); });
    connect(m_ui->lineEndingCombo, &QComboBox::currentIndexChanged, this,
            &SendComposer::updateWidgets);
    connect(m_ui->fragmentSizeSpin, &QSpinBox::valueChanged, this, &SendComposer::updateWidgets);
    connect(m_ui->repeatSpin, &QSpinBox::valueChanged, this, &SendComposer::updateWidgets);

    m_ui->pages->setCurrentIndex(int(Mode::Text));
    handleTextChanged();
    handleHexChanged();
    handleFilePathChanged();
}

SendComposer::~SendComposer() = default;

void SendComposer::setUpLook()
{
    // Bytes are easier to count and compare in a fixed-width font; four lines
    // are enough at first, a splitter can give the editors more.
    for (QPlainTextEdit *edit : {m_ui->textEdit, m_ui->hexEdit}) {
        ViewZoom::instance()->followFixedFont(edit);
        edit->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContentsOnFirstShow);
        edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    }
    const QColor red = errorColor(palette());
    setTextColor(m_ui->textErrorLabel, red);
    setTextColor(m_ui->hexErrorLabel, red);
    QPalette dim = m_ui->sendDisabledLabel->palette();
    dim.setColor(QPalette::WindowText, palette().color(QPalette::Disabled, QPalette::WindowText));
    m_ui->sendDisabledLabel->setPalette(dim);
    m_ui->progressBar->hide();
    fitWidths();
}

void SendComposer::fitWidths()
{
    m_ui->progressBar->setFixedWidth(
        fontMetrics().horizontalAdvance(
            tr("%1 of %2").arg(QStringLiteral("999.99 MiB"), QStringLiteral("999.99 MiB")))
        + 24);
    // Spin boxes are as wide as their largest value; the values people type
    // are shorter, and the options row must fit beside the buttons.
    const auto narrow = [](QSpinBox *spin, const QString &typical) {
        const QFontMetrics metrics = spin->fontMetrics();
        const int hint = spin->sizeHint().width();
        const int chrome = hint
                           - metrics.horizontalAdvance(
                               spin->prefix() + QString::number(spin->maximum()) + spin->suffix());
        spin->setMaximumWidth(std::min(hint, chrome + metrics.horizontalAdvance(typical)));
    };
    narrow(m_ui->fragmentSizeSpin, QStringLiteral("00000000 B"));
    narrow(m_ui->fragmentDelaySpin, QStringLiteral("000000 ms"));
    narrow(m_ui->repeatSpin, QStringLiteral("0000000×"));
    narrow(m_ui->intervalSpin, QStringLiteral("000000 ms"));
}

void SendComposer::setUpInput()
{
    // The editors and the path field take text drops themselves; a file dropped
    // on any of them should still become the file to send.
    for (QWidget *child : findChildren<QWidget *>()) {
        if (child->acceptDrops())
            child->installEventFilter(this);
    }
    m_ui->textEdit->viewport()->installEventFilter(this);
    m_ui->hexEdit->viewport()->installEventFilter(this);

    // Scoped to the composer so the same keys can mean something else in
    // other parts of the window; Enter on the keypad counts as Return.
    const auto addShortcut = [this](QKeyCombination keys, bool halfClose) {
        auto *shortcut = new QShortcut(QKeySequence(keys), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this,
                [this, halfClose] { handleSend(halfClose); });
    };
    addShortcut(Qt::CTRL | Qt::Key_Return, false);
    addShortcut(Qt::CTRL | Qt::Key_Enter, false);
    addShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_Return, true);
    addShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter, true);
}

void SendComposer::setUpLibrary()
{
    m_library = new RequestLibrary(this);
    m_recorder = new RequestRecorder(m_library, this);
    m_libraryPanel = new RequestLibraryPanel(m_library);
    m_libraryPanel->setObjectName(QStringLiteral("requestLibraryPanel"));
    m_libraryPanel->setDraftSource([this] { return draft(); });
    connect(m_libraryPanel, &RequestLibraryPanel::loadRequested, this, &SendComposer::setDraft);

    // The library sits beside the mode row and the editors, the part that can
    // give up width; the options and Send keep the whole row below.
    auto *editors = new QWidget;
    auto *editorsLayout = new QVBoxLayout(editors);
    editorsLayout->setContentsMargins(0, 0, 0, 0);
    editorsLayout->setSpacing(m_ui->mainLayout->spacing());
    m_ui->mainLayout->removeItem(m_ui->modeRow);
    m_ui->modeRow->setParent(nullptr);
    editorsLayout->addLayout(m_ui->modeRow);
    m_ui->mainLayout->removeWidget(m_ui->pages);
    editorsLayout->addWidget(m_ui->pages, 1);
    m_librarySplitter = new QSplitter(Qt::Horizontal);
    m_librarySplitter->setChildrenCollapsible(false);
    m_librarySplitter->addWidget(editors);
    m_librarySplitter->addWidget(m_libraryPanel);
    m_librarySplitter->setStretchFactor(0, 3);
    m_librarySplitter->setStretchFactor(1, 2);
    m_ui->mainLayout->insertWidget(0, m_librarySplitter, 1);
    m_libraryPanel->hide();

    m_libraryButton = new QToolButton;
    m_libraryButton->setObjectName(QStringLiteral("libraryButton"));
    m_libraryButton->setCheckable(true);
    m_ui->modeRow->addSpacing(8);
    m_ui->modeRow->addWidget(m_libraryButton);
    connect(m_libraryButton, &QToolButton::toggled, this, &SendComposer::setLibraryVisible);
    retranslateLibrary();
    // Rows that wrap rather than scroll sideways at 1024 px and a large zoom.
    FlowLayout::replace(m_ui->modeRow,
                        {{m_ui->modeTextButton, m_ui->modeHexButton, m_ui->modeFileButton}});
    m_ui->modeRow = nullptr;
    FlowLayout::replace(m_ui->optionsRow, {{m_ui->fragmentSizeLabel, m_ui->fragmentSizeSpin,
                                            m_ui->fragmentDelayLabel, m_ui->fragmentDelaySpin},
                                           {m_ui->repeatLabel, m_ui->repeatSpin,
                                            m_ui->intervalLabel, m_ui->intervalSpin},
                                           {m_ui->sendButton, m_ui->sendFinButton}});
    m_ui->optionsRow = nullptr;

    // Moving the mode row and the editors into the splitter sent them to the
    // end of the focus chain: Tab goes mode, editor, options, buttons, library.
    const QList<QWidget *> order
        = {m_ui->modeTextButton,    m_ui->modeHexButton,   m_ui->modeFileButton,
           m_ui->textEdit,          m_ui->hexEdit,         m_ui->filePathEdit,
           m_ui->browseButton,      m_ui->lineEndingCombo, m_ui->fragmentSizeSpin,
           m_ui->fragmentDelaySpin, m_ui->repeatSpin,      m_ui->intervalSpin,
           m_ui->sendButton,        m_ui->sendFinButton,   m_libraryButton,
           m_libraryPanel};
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
}

void SendComposer::retranslateLibrary()
{
    m_libraryButton->setText(tr("Library"));
    m_libraryButton->setAccessibleName(tr("Request library"));
    m_libraryButton->setToolTip(
        tr("Show or hide the request library: saved requests, the history of sends, Save as "
           "scenario"));
}

bool SendComposer::isLibraryVisible() const
{
    return m_libraryButton->isChecked();
}

void SendComposer::setLibraryVisible(bool visible)
{
    m_libraryButton->setChecked(visible);
    if (visible && m_libraryPanel->isHidden()) {
        m_libraryPanel->show();
        // A first show: a third of the width, the editors keep the rest.
        const int width = m_librarySplitter->width();
        const QList<int> sizes = m_librarySplitter->sizes();
        if (sizes.value(1) < m_libraryPanel->minimumSizeHint().width())
            m_librarySplitter->setSizes({width - width / 3, width / 3});
    } else if (!visible) {
        m_libraryPanel->hide();
    }
}

void SendComposer::setWorkbench(Workbench *workbench)
{
    m_recorder->setWorkbench(workbench);
}

ComposerDraft SendComposer::draft() const
{
    ComposerDraft draft;
    draft.mode = ComposerDraft::Mode(int(mode()));
    draft.text = m_ui->textEdit->toPlainText();
    draft.lineEnding = ComposerDraft::LineEnding(int(lineEnding()));
    draft.hex = m_ui->hexEdit->toPlainText();
    draft.filePath = m_ui->filePathEdit->text();
    draft.fragmentSize = m_ui->fragmentSizeSpin->value();
    draft.fragmentDelayMs = m_ui->fragmentDelaySpin->value();
    draft.repeat = m_ui->repeatSpin->value();
    draft.intervalMs = m_ui->intervalSpin->value();
    return draft;
}

void SendComposer::setDraft(const ComposerDraft &draft)
{
    m_ui->textEdit->setPlainText(draft.text);
    m_ui->hexEdit->setPlainText(draft.hex);
    m_ui->filePathEdit->setText(draft.filePath);
    m_ui->lineEndingCombo->setCurrentIndex(int(draft.lineEnding));
    m_ui->fragmentSizeSpin->setValue(int(std::min<qint64>(draft.fragmentSize, INT_MAX)));
    m_ui->fragmentDelaySpin->setValue(draft.fragmentDelayMs);
    m_ui->repeatSpin->setValue(draft.repeat);
    m_ui->intervalSpin->setValue(draft.intervalMs);
    setMode(Mode(int(draft.mode)));
}

SendComposer::Mode SendComposer::mode() const
{
    return Mode(m_ui->pages->currentIndex());
}

void SendComposer::setMode(Mode mode)
{
    m_modeGroup->button(int(mode))->setChecked(true);
    m_ui->pages->setCurrentIndex(int(mode));
    updateWidgets();
}

void SendComposer::setBytes(const QByteArray &bytes)
{
    m_ui->hexEdit->setPlainText(ByteFormat::format(bytes, ByteFormat::Hex));
    setMode(Mode::Hex);
}

void SendComposer::setFilePath(const QString &path)
{
    m_ui->filePathEdit->setText(QDir::toNativeSeparators(path));
    setMode(Mode::File);
}

void SendComposer::setSendEnabled(bool enabled, const QString &whyNot)
{
    m_sendEnabled = enabled;
    m_whyNot = enabled ? QString() : whyNot;
    updateWidgets();
}

void SendComposer::setProgress(qint64 sent, qint64 total)
{
    m_progressSent = sent;
    m_progressTotal = total;
    const bool busy = total > 0 && sent >= 0 && sent < total;
    if (busy) {
        // Per mille: QProgressBar counts in int, files may be past 2 GiB.
        m_ui->progressBar->setValue(int(sent * 1000 / total));
        updateProgressText();
    }
    m_ui->progressBar->setVisible(busy);
}

void SendComposer::updateProgressText()
{
    const QLocale locale;
    m_ui->progressBar->setFormat(tr("%1 of %2")
                                     .arg(locale.formattedDataSize(m_progressSent),
                                          locale.formattedDataSize(m_progressTotal)));
}

void SendComposer::saveState(QSettings &settings) const
{
    settings.setValue(modeKey, modeNames.at(int(mode())));
    settings.setValue(textKey, m_ui->textEdit->toPlainText());
    settings.setValue(hexKey, m_ui->hexEdit->toPlainText());
    settings.setValue(filePathKey, m_ui->filePathEdit->text());
    settings.setValue(lineEndingKey, lineEndingNames.at(int(lineEnding())));
    settings.setValue(fragmentSizeKey, m_ui->fragmentSizeSpin->value());
    settings.setValue(fragmentDelayKey, m_ui->fragmentDelaySpin->value());
    settings.setValue(repeatKey, m_ui->repeatSpin->value());
    settings.setValue(intervalKey, m_ui->intervalSpin->value());
    settings.setValue(libraryVisibleKey, isLibraryVisible());
    settings.setValue(librarySplitKey, m_librarySplitter->saveState());
}

void SendComposer::restoreState(const QSettings &settings)
{
    // A key that is missing or unreadable leaves that control as it is.
    if (settings.contains(textKey))
        m_ui->textEdit->setPlainText(settings.value(textKey).toString());
    if (settings.contains(hexKey))
        m_ui->hexEdit->setPlainText(settings.value(hexKey).toString());
    if (settings.contains(filePathKey))
        m_ui->filePathEdit->setText(settings.value(filePathKey).toString());
    const qsizetype ending = lineEndingNames.indexOf(settings.value(lineEndingKey).toString());
    if (ending >= 0)
        m_ui->lineEndingCombo->setCurrentIndex(int(ending));
    const auto restoreSpin = [&settings](const QString &key, QSpinBox *spin) {
        bool ok = false;
        const int value = settings.value(key).toInt(&ok);
        if (ok)
            spin->setValue(value); // clamped to the spin box's range
    };
    restoreSpin(fragmentSizeKey, m_ui->fragmentSizeSpin);
    restoreSpin(fragmentDelayKey, m_ui->fragmentDelaySpin);
    restoreSpin(repeatKey, m_ui->repeatSpin);
    restoreSpin(intervalKey, m_ui->intervalSpin);
    const qsizetype savedMode = modeNames.indexOf(settings.value(modeKey).toString());
    setMode(savedMode >= 0 ? Mode(savedMode) : mode());
    m_librarySplitter->restoreState(settings.value(librarySplitKey).toByteArray());
    setLibraryVisible(settings.value(libraryVisibleKey, false).toBool());
    // Settings in use means the user's session, not a test: the library's file too.
    if (m_library->path().isEmpty())
        m_library->load(RequestLibrary::defaultPath());
}

void SendComposer::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (!m_ui)
        return;
    switch (event->type()) {
    case QEvent::LanguageChange:
        m_ui->retranslateUi(this);
        retranslateLibrary();
        // The parse errors are sentences built in code: build them again.
        handleTextChanged();
        handleHexChanged();
        handleFilePathChanged();
        updateProgressText();
        break;
    case QEvent::FontChange:
        // The zoom changed: widths measured in the old font would clip.
        fitWidths();
        break;
    case QEvent::PaletteChange: {
        const QColor red = errorColor(palette());
        setTextColor(m_ui->textErrorLabel, red);
        setTextColor(m_ui->hexErrorLabel, red);
        updateWidgets();
        break;
    }
    default:
        break;
    }
}

bool SendComposer::acceptsDrag(const QMimeData *mime) const
{
    return !localFile(mime).isEmpty();
}

void SendComposer::dragEnterEvent(QDragEnterEvent *event)
{
    if (!acceptsDrag(event->mimeData())) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    m_dropHint = tr("Drop to send %1").arg(QFileInfo(localFile(event->mimeData())).fileName());
    updateWidgets();
}

void SendComposer::dragMoveEvent(QDragMoveEvent *event)
{
    if (acceptsDrag(event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void SendComposer::dragLeaveEvent(QDragLeaveEvent *event)
{
    Q_UNUSED(event);
    m_dropHint.clear();
    updateWidgets();
}

void SendComposer::dropEvent(QDropEvent *event)
{
    const QString path = localFile(event->mimeData());
    m_dropHint.clear();
    if (path.isEmpty()) {
        event->ignore();
        updateWidgets();
        return;
    }
    event->acceptProposedAction();
    setFilePath(path);
}

bool SendComposer::eventFilter(QObject *watched, QEvent *event)
{
    // Only drags that carry a local file are taken from the children; text
    // dragged into an editor is still the editor's business.
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove:
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        if (!acceptsDrag(drop->mimeData()))
            break;
        if (event->type() == QEvent::DragEnter)
            dragEnterEvent(static_cast<QDragEnterEvent *>(event));
        else if (event->type() == QEvent::DragMove)
            dragMoveEvent(static_cast<QDragMoveEvent *>(event));
        else
            dropEvent(drop);
        return true;
    }
    case QEvent::DragLeave:
        if (!m_dropHint.isEmpty()) {
            m_dropHint.clear();
            updateWidgets();
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void SendComposer::handleModeClicked(int id)
{
    setMode(Mode(id));
    // A click on a mode means "now I want to type this": go where the typing is.
    switch (Mode(id)) {
    case Mode::Text:
        m_ui->textEdit->setFocus(Qt::OtherFocusReason);
        break;
    case Mode::Hex:
        m_ui->hexEdit->setFocus(Qt::OtherFocusReason);
        break;
    case Mode::File:
        m_ui->filePathEdit->setFocus(Qt::OtherFocusReason);
        break;
    }
}

void SendComposer::handleTextChanged()
{
    m_text = ByteText::parseCEscapes(m_ui->textEdit->toPlainText());
    markError(m_ui->textEdit, m_text);
    updateWidgets();
}

void SendComposer::handleHexChanged()
{
    m_hex = ByteText::parseHex(m_ui->hexEdit->toPlainText());
    markError(m_ui->hexEdit, m_hex);
    updateWidgets();
}

void SendComposer::handleFilePathChanged()
{
    refreshFile();
    updateWidgets();
}

void SendComposer::refreshFile()
{
    m_fileSize = -1;
    m_fileError.clear();
    const QString path = m_ui->filePathEdit->text().trimmed();
    if (path.isEmpty())
        return;
    const QFileInfo info(QDir::fromNativeSeparators(path));
    const QString shown = QDir::toNativeSeparators(info.absoluteFilePath());
    if (!info.exists())
        m_fileError
            = tr("No file at %1. Check the path, or pick one with the Browse button.").arg(shown);
    else if (info.isDir())
        m_fileError = tr("%1 is a folder; choose a file in it.").arg(shown);
    else if (!info.isFile())
        m_fileError = tr("%1 is not a regular file (a device, pipe or socket).").arg(shown);
    else if (!info.isReadable())
        m_fileError = tr("%1 cannot be read: permission denied.").arg(shown);
    else
        m_fileSize = info.size();
}

void SendComposer::handleBrowse()
{
    const QFileInfo current(QDir::fromNativeSeparators(m_ui->filePathEdit->text().trimmed()));
    const QString start = current.exists() ? current.absolutePath() : QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a File to Send"), start);
    if (!path.isEmpty())
        setFilePath(path);
}

void SendComposer::handleSend(bool halfClose)
{
    if (!m_sendEnabled)
        return;
    if (const std::optional<SendRequest> built = request(halfClose))
        emit sendRequested(*built);
}

std::optional<SendRequest> SendComposer::request(bool halfClose)
{
    if (mode() == Mode::File) {
        // The file may have gone or grown since it was chosen.
        refreshFile();
        updateWidgets();
    }
    if (!hasPayloadFor(halfClose))
        return std::nullopt;

    SendRequest request;
    switch (mode()) {
    case Mode::Text:
        request.bytes = m_text.bytes + lineEndingBytes();
        break;
    case Mode::Hex:
        request.bytes = m_hex.bytes;
        break;
    case Mode::File:
        request.filePath
            = QFileInfo(QDir::fromNativeSeparators(m_ui->filePathEdit->text().trimmed()))
                  .absoluteFilePath();
        break;
    }
    request.fragmentSize = m_ui->fragmentSizeSpin->value();
    request.fragmentDelayMs = m_ui->fragmentDelaySpin->value();
    request.repeat = m_ui->repeatSpin->value();
    request.intervalMs = m_ui->intervalSpin->value();
    request.halfCloseAfter = halfClose;
    m_recorder->noteDraft(draft(), request);
    return request;
}

SendComposer::LineEnding SendComposer::lineEnding() const
{
    return LineEnding(qBound(0, m_ui->lineEndingCombo->currentIndex(), 2));
}

QByteArray SendComposer::lineEndingBytes() const
{
    switch (lineEnding()) {
    case LineEnding::None:
        break;
    case LineEnding::Lf:
        return QByteArrayLiteral("\n");
    case LineEnding::CrLf:
        return QByteArrayLiteral("\r\n");
    }
    return {};
}

qint64 SendComposer::payloadSize() const
{
    switch (mode()) {
    case Mode::Text:
        return m_text.isValid() ? m_text.bytes.size() + lineEndingBytes().size() : -1;
    case Mode::Hex:
        return m_hex.isValid() ? m_hex.bytes.size() : -1;
    case Mode::File:
        return m_fileSize;
    }
    return -1;
}

bool SendComposer::canSend(bool halfClose) const
{
    return m_sendEnabled && hasPayloadFor(halfClose);
}

bool SendComposer::hasPayloadFor(bool halfClose) const
{
    const qint64 size = payloadSize();
    // Nothing but a FIN is still worth sending; nothing at all is not.
    return size >= 0 && (halfClose || size > 0);
}

void SendComposer::markError(QPlainTextEdit *edit, const ByteText::ParseResult &result)
{
    QList<QTextEdit::ExtraSelection> selections;
    if (result.errorPosition >= 0) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(edit->document());
        selection.cursor.setPosition(int(result.errorPosition));
        selection.cursor.setPosition(int(result.errorPosition + result.errorLength),
                                     QTextCursor::KeepAnchor);
        const QColor red = errorColor(palette());
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(red);
        // A wavy line under one character is easy to miss: tint it too.
        QColor tint = red;
        tint.setAlpha(60);
        selection.format.setBackground(tint);
        selections.append(selection);
    }
    edit->setExtraSelections(selections);
}

void SendComposer::updateWidgets()
{
    const Mode current = mode();
    const bool textMode = current == Mode::Text;
    m_ui->lineEndingLabel->setVisible(textMode);
    m_ui->lineEndingCombo->setVisible(textMode);

    m_ui->textErrorLabel->setText(m_text.error);
    m_ui->textErrorLabel->setVisible(!m_text.error.isEmpty());
    m_ui->hexErrorLabel->setText(m_hex.error);
    m_ui->hexErrorLabel->setVisible(!m_hex.error.isEmpty());

    const QLocale locale;
    const QString path = m_ui->filePathEdit->text().trimmed();
    if (path.isEmpty()) {
        m_ui->fileInfoLabel->setText(tr("Choose a file with Browse…, or drop one anywhere here."));
        setTextColor(m_ui->fileInfoLabel, palette().color(QPalette::WindowText));
    } else if (!m_fileError.isEmpty()) {
        m_ui->fileInfoLabel->setText(m_fileError);
        setTextColor(m_ui->fileInfoLabel, errorColor(palette()));
    } else {
        m_ui->fileInfoLabel->setText(
            tr("%1: %2, read from disk as it is sent.")
                .arg(QFileInfo(path).fileName(), locale.formattedDataSize(m_fileSize)));
        setTextColor(m_ui->fileInfoLabel, palette().color(QPalette::WindowText));
    }

    const qint64 size = payloadSize();
    if (!m_dropHint.isEmpty())
        m_ui->byteCountLabel->setText(m_dropHint);
    else if (size < 0)
        m_ui->byteCountLabel->setText(current == Mode::File && path.isEmpty()
                                          ? tr("No file chosen")
                                          : tr("Nothing to send until fixed"));
    else if (size == 1)
        m_ui->byteCountLabel->setText(tr("1 byte"));
    else
        m_ui->byteCountLabel->setText(tr("%1 bytes").arg(locale.toString(size)));

    // A delay only means something between fragments, an interval between repeats.
    const bool fragmented = m_ui->fragmentSizeSpin->value() > 0;
    m_ui->fragmentDelayLabel->setEnabled(fragmented);
    m_ui->fragmentDelaySpin->setEnabled(fragmented);
    const bool repeated = m_ui->repeatSpin->value() > 1;
    m_ui->intervalLabel->setEnabled(repeated);
    m_ui->intervalSpin->setEnabled(repeated);

    const bool sendOk = canSend(false);
    const bool sendFinOk = canSend(true);
    m_ui->sendButton->setEnabled(sendOk);
    m_ui->sendFinButton->setEnabled(sendFinOk);
    m_ui->sendDisabledLabel->setText(m_whyNot);
    m_ui->sendDisabledLabel->setVisible(!m_sendEnabled && !m_whyNot.isEmpty());

    const QString sendKeys
        = QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText);
    const QString sendFinKeys
        = QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return).toString(QKeySequence::NativeText);
    QString why;
    if (!m_sendEnabled)
        why = m_whyNot.isEmpty() ? tr("Sending is not possible now.") : m_whyNot;
    else if (size < 0)
        why = current == Mode::Text  ? m_text.error
              : current == Mode::Hex ? m_hex.error
              : path.isEmpty()       ? tr("Choose a file to send first.")
                                     : m_fileError;
    m_ui->sendButton->setToolTip(!why.isEmpty() ? why
                                 : sendOk       ? tr("Send the bytes (%1)").arg(sendKeys)
                                          : tr("Nothing to send; Send + FIN still half-closes."));
    m_ui->sendFinButton->setToolTip(
        !why.isEmpty()
            ? why
            : tr("Send the bytes, then half-close: FIN, still reading (%1)").arg(sendFinKeys));
}

} // namespace TcpInspector
