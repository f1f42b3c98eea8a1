// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/hexlayout.h"
#include "views/rowmodel.h"

namespace TcpInspector {

/// The rows of the hex dump: HexLayout's fixed rows over the whole stream,
/// known as soon as the stream's size is.
class HexRows : public RowModel
{
public:
    const HexLayout &layout() const { return m_layout; }

    // RowModel API
    qint64 rowCount() const override { return m_layout.rowCount(); }
    qint64 rowStart(qint64 row) const override { return m_layout.rowStart(row); }
    qint64 rowEnd(qint64 row) const override { return m_layout.rowEnd(row); }
    qint64 rowOf(qint64 offset) const override;
    qint64 shownBytes() const override { return m_layout.streamSize(); }
    qint64 settledEnd() const override { return m_layout.streamSize(); }
    void reset(const StreamStore *store) override;
    void setStreamSize(qint64 size) override { m_layout.setStreamSize(size); }
    void catchUp(int milliseconds) override { Q_UNUSED(milliseconds); }
    bool reach(qint64 offset) override
    {
        Q_UNUSED(offset);
        return false;
    }

private:
    HexLayout m_layout;
};

} // namespace TcpInspector
