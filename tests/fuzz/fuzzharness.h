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

/// Loads arbitrary bytes as a session file (a small memory budget, so the
/// stores spill), reads every chunk's bytes back and aborts when the
/// loaded connections break a promise: chunks contiguous and inside the
/// stream, every byte readable, frames inside the stream.
void fuzzSession(const uint8_t *data, size_t size);

/// Reads arbitrary text as hex and as C escapes (errors must say what and
/// where), and checks that escape() of arbitrary bytes reads back to them.
void fuzzByteText(const uint8_t *data, size_t size);

/// Parses arbitrary text as a scenario file: every diagnostic has a message
/// and a place in the file, and parsing is deterministic.
void fuzzScenario(const uint8_t *data, size_t size);

/// What a fuzz target feeds its input to.
enum class FuzzKind { Decoder, Spec, Session, ByteText, Scenario };

/// The specs the fuzz targets and the corpus replay use, by target name.
struct FuzzTarget
{
    const char *name;
    const char *spec; ///< the decoder's spec; null for the others
    FuzzKind kind = FuzzKind::Decoder;
};
extern const FuzzTarget fuzzTargets[];
extern const size_t fuzzTargetCount;

/// Runs one input through target.
void runFuzzTarget(const FuzzTarget &target, const uint8_t *data, size_t size);

} // namespace TcpInspector::Fuzz
