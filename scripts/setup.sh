#!/usr/bin/env bash
# Prepare this checkout to build the site (default) or to run the tests (--test).
#
#   scripts/setup.sh          venv + the project, editable (enough for `mkdocs serve/build`)
#   scripts/setup.sh --test   the same plus the `test` extra and Debian's chromium
#
# Idempotent and fast when nothing changed: a stamp file in the venv records a hash of
# pyproject.toml per mode, so a second run only compares hashes.
# VENV=/some/path overrides the venv location (default: .venv in the repo root).
# Sourcing this file (as .ci/run does) defines the helpers without running anything.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM=/usr/bin/chromium

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# Install Debian packages; `apt-get update` only if the plain install fails (slow, and often unneeded).
apt_install() {
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || die "need root or sudo to install: $* (apt-get install -y $*)"
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null || die "apt-get not found: install these packages by hand: $*"
    export DEBIAN_FRONTEND=noninteractive
    say "installing Debian packages: $*"
    if "${sudo[@]}" apt-get install -y -q "$@" >/dev/null 2>&1; then
        return 0
    fi
    say "apt-get install failed; running apt-get update and retrying"
    "${sudo[@]}" apt-get update -q >/dev/null 2>&1 || die "apt-get update failed (is the Debian mirror reachable?)"
    "${sudo[@]}" apt-get install -y -q "$@" || die "apt-get install $* failed (see the messages above)"
}

# Run a quiet step; on failure show the end of its log instead of a wall of output.
run_logged() {
    local what=$1 log=$2
    shift 2
    if ! "$@" >"$log" 2>&1; then
        printf 'setup: error: %s failed. Last lines of %s:\n' "$what" "$log" >&2
        tail -n 25 "$log" | sed 's/^/  | /' >&2
        exit 1
    fi
}

usage() {
    sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

main() {
    local mode=site
    case "${1:-}" in
        "") ;;
        --test) mode=test ;;
        -h|--help) usage; return 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac

    local venv="${VENV:-.venv}"
    [[ $venv = /* ]] || venv="$ROOT/$venv"
    cd "$ROOT"
    [[ -f pyproject.toml ]] || die "pyproject.toml not found in $ROOT"

    # 1. The virtual environment (recreated if its interpreter is gone, e.g. Python was moved).
    if ! "$venv/bin/python" -c '' >/dev/null 2>&1; then
        command -v python3 >/dev/null || die "python3 not found: install Python 3.11 or newer"
        python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
            || die "Python 3.11 or newer is needed; python3 is $(python3 -V 2>&1)"
        say "creating virtual environment in $venv"
        rm -rf "$venv"
        python3 -m venv "$venv" 2>/dev/null \
            || die "python3 -m venv failed: on Debian install python3-venv (apt-get install python3-venv)"
    fi

    # 2. The project (editable) and its dependencies, skipped while pyproject.toml is unchanged.
    #    A test install also satisfies a site-only request.
    local hash stamp_site="$venv/.setup-stamp-site" stamp_test="$venv/.setup-stamp-test"
    hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
    local want_stamp=$stamp_site target=.
    if [[ $mode = test ]]; then want_stamp=$stamp_test; target=".[test]"; fi
    if [[ "$(cat "$want_stamp" 2>/dev/null)" = "$hash" ]] \
        || [[ $mode = site && "$(cat "$stamp_test" 2>/dev/null)" = "$hash" ]]; then
        say "Python packages up to date ($mode)"
    else
        say "installing the project and its dependencies ($mode) into $venv"
        rm -f "$stamp_site" "$stamp_test"
        run_logged "pip install -e '$target'" "$venv/setup.log" \
            "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -e "$target"
        echo "$hash" >"$want_stamp"
        if [[ $mode = test ]]; then echo "$hash" >"$stamp_site"; fi
    fi

    # 3. A browser for the browser tests (never Playwright's own download).
    if [[ $mode = test ]]; then
        if command -v chromium >/dev/null || [[ -x $CHROMIUM ]]; then
            say "chromium present"
        else
            apt_install chromium
            [[ -x $CHROMIUM ]] || die "chromium was installed but $CHROMIUM is missing"
        fi
    fi
    say "ready ($mode)"
}

if [[ "${BASH_SOURCE[0]}" = "$0" ]]; then
    main "$@"
fi
