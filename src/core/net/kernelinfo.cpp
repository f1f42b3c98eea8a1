// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER until the kernel view is written: reports nothing.
#include "net/kernelinfo.h"

namespace TcpInspector {

std::optional<KernelSample> sampleKernel(int)
{
    return std::nullopt;
}

std::optional<KernelSample> lookupKernelState(const QString &, const QString &)
{
    return std::nullopt;
}

QString kernelStateName(int)
{
    return {};
}

} // namespace TcpInspector
