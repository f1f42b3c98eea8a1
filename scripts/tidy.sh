#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# clang-tidy with the checks of .clang-tidy over every source file in src/,
# using the compile database of a build. Exits non-zero on any finding. Without
# clang-tidy it says so and exits 0, so a machine without clang still passes.
#   scripts/tidy.sh [BUILD_DIR [PATH...]]   default build/dev, all of src/
#   scripts/tidy.sh build/dev src/core/stream  only the sources under src/core/stream
#   (a PATH may also be one .cpp file)
# The build must have run once: widget sources include the uic headers it
# generates. JOBS=N sets how many clang-tidy processes run at once (default nproc).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"

build=${1:-build/dev}
shift || true
paths=("$@")
[ ${#paths[@]} -eq 0 ] && paths=(src)
jobs=${JOBS:-$(nproc)}

tidy=""
for candidate in clang-tidy clang-tidy-14 clang-tidy-15 clang-tidy-16; do
    if command -v "$candidate" >/dev/null 2>&1; then
        tidy=$candidate
        break
    fi
done
if [ -z "$tidy" ]; then
    echo "scripts/tidy.sh: clang-tidy is not installed, nothing checked (Debian: apt-get install clang-tidy)." >&2
    exit 0
fi

if [ ! -f "$build/compile_commands.json" ]; then
    echo "scripts/tidy.sh: no $build/compile_commands.json; configure and build first:" >&2
    echo "  cmake --preset dev && cmake --build --preset dev" >&2
    exit 2
fi

# The sources the build compiles from src/; moc and uic output in the build tree
# is not ours to tidy. CMake writes one "file": entry per line.
prefixes=()
for path in "${paths[@]}"; do
    case "${path%/}/" in
    src/*)
        if [ -f "$path" ]; then
            prefixes+=(-e "$TCPI_ROOT/$path\"")
        else
            prefixes+=(-e "$TCPI_ROOT/${path%/}/")
        fi
        ;;
    *)
        echo "scripts/tidy.sh: $path is not under src/." >&2
        exit 2
        ;;
    esac
done
mapfile -t files < <(grep '^ *"file": ' "$build/compile_commands.json" | grep -F "${prefixes[@]}" \
    | sed 's/^ *"file": "\(.*\)",\{0,1\}$/\1/' | grep -v "^$TCPI_ROOT/build/" | sort -u)
if [ ${#files[@]} -eq 0 ]; then
    echo "scripts/tidy.sh: $build/compile_commands.json lists no file under ${paths[*]}." >&2
    exit 2
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
tcpi_log "$tidy over ${#files[@]} files of ${paths[*]} ($build, $jobs at a time)"
# One log per file, so that parallel runs do not interleave their diagnostics.
# -Wno-error: the dev build's -Werror would turn a warning that only clang gives
# into an error that stops the file; gcc's build is the judge of warnings.
printf '%s\n' "${files[@]}" | xargs -P "$jobs" -I{} sh -c \
    'log="$2/$(echo "$3" | tr / _).log"; "$1" -p "$4" --quiet --extra-arg=-Wno-error "$3" >"$log" 2>&1 || echo "$3" >>"$2/failed"' \
    _ "$tidy" "$out" {} "$build"

# A finding in a header shows up once per file that includes it: count it once.
cat "$out"/*.log | grep -E '^/.*:[0-9]+:[0-9]+: (warning|error):' | sort -u >"$out/findings" || true
count=$(wc -l <"$out/findings")
if [ -f "$out/failed" ] || [ "$count" -gt 0 ]; then
    cat "$out"/*.log | grep -v -E '^[0-9]+ (warning|error)s? generated\.$' >&2 || true
    echo >&2
    echo "scripts/tidy.sh: $count finding(s), by check:" >&2
    sed -E 's/.*\[([^]]*)\]$/\1/' "$out/findings" | sort | uniq -c | sort -rn >&2
    if [ -f "$out/failed" ]; then
        echo "clang-tidy could not check:" >&2
        sed 's/^/  /' "$out/failed" >&2
    fi
    exit 1
fi
tcpi_log "clang-tidy: no findings"
