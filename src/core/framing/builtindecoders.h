// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decoderregistry.h"

namespace TcpInspector {

// Each decoder's .cpp defines its own entry; the registry lists them in this order.
DecoderInfo rawDecoderInfo();
DecoderInfo lineDecoderInfo();
DecoderInfo delimDecoderInfo();
DecoderInfo fixedDecoderInfo();
DecoderInfo lengthDecoderInfo();
DecoderInfo varintDecoderInfo();
DecoderInfo httpDecoderInfo();
DecoderInfo respDecoderInfo();
DecoderInfo tlsDecoderInfo();

} // namespace TcpInspector
