// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

namespace TcpInspector::Fuzz {

/// Decodes data with spec, once whole and once cut into chunks chosen by the
/// data itself, and aborts when the decoder breaks one of its promises: frames
/// in order, inside the bytes fed, payload inside the frame, and the same
/// result whatever the chunking.
void fuzzDecoder(const char *spec, const uint8_t *data, size_t size);

/// Feeds arbitrary text to the framing spec parser and the registry.
void fuzzSpec(const uint8_t *data, size_t size);

/// The specs the fuzz targets and the corpus replay use, by target name.
struct FuzzTarget
{
    const char *name;
    const char *spec; ///< null for the spec parser
};
extern const FuzzTarget fuzzTargets[];
extern const size_t fuzzTargetCount;

} // namespace TcpInspector::Fuzz
