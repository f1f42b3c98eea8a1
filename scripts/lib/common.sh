# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by scripts/run.sh and scripts/test.sh: find the source tree and install
# the Debian packages the project needs, once, on a fresh machine.

TCPI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# What building needs; what the tests need on top (real peers, fuzzing, a display).
TCPI_BUILD_PACKAGES=(cmake ninja-build g++ ccache pkg-config libssl-dev
    qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-svg-dev qt6-charts-dev
    qt6-translations-l10n fonts-dejavu-core fonts-noto-mono fonts-wqy-microhei)
TCPI_TEST_PACKAGES=(clang libclang-rt-14-dev clang-format clang-tidy xvfb xauth
    netcat-openbsd socat redis-server redis-tools nginx-light openssl curl python3 tshark
    desktop-file-utils appstream file)

tcpi_log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# tcpi_ensure_packages PKG... : installs what is missing (apt-get as root), or
# prints the one command that would and stops.
tcpi_ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "TCP Inspector needs these Debian packages: ${missing[*]}" >&2
        echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    tcpi_log "installing ${missing[*]}"
    # The package lists of a fresh machine may be empty: update once, quietly.
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages' -mmin -1440 2>/dev/null | head -1)" ]; then
        apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# tcpi_build PRESET [TARGET...]: configure (idempotent) and build incrementally.
tcpi_build() {
    local preset=$1
    shift
    if [ ! -f "$TCPI_ROOT/build/$preset/build.ninja" ]; then
        tcpi_log "configuring ($preset)"
        cmake --preset "$preset" -S "$TCPI_ROOT" >/dev/null
    fi
    tcpi_log "building ($preset)"
    if [ $# -gt 0 ]; then
        cmake --build --preset "$preset" --target "$@"
    else
        cmake --build --preset "$preset"
    fi
}
