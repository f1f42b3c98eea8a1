#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Release preset and runs the benchmarks in bench/ (not tests: they
# print figures and a ratio to a baseline measured in the same run).
#   scripts/bench.sh [DECODER...]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"
tcpi_ensure_packages "${TCPI_BUILD_PACKAGES[@]}"
tcpi_build release bench_decoders >&2
tcpi_log "bench_decoders (64 MiB per case, 64 KiB reads, median of 5)"
build/release/bench/bench_decoders "$@"
