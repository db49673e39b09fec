#!/usr/bin/env bash
# Prepare this checkout to build the site (default), to run the pre-commit checks
# (--hooks) or to run the tests (--test).
#
#   scripts/setup.sh          venv + the project, editable (enough for `mkdocs serve/build`)
#   scripts/setup.sh --hooks  the same plus the `hooks` extra (pre-commit, yamllint); no apt
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
    sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

main() {
    local mode=site
    case "${1:-}" in
        "") ;;
        --hooks) mode=hooks ;;
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
    #    Modes nest (site < hooks < test): a bigger install also satisfies a smaller request.
    local hash modes=(site hooks test) covered=() m
    hash=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' \
        pyproject.toml 2>/dev/null || sha256sum pyproject.toml | cut -d' ' -f1)
    local target=.
    case $mode in hooks) target=".[hooks]" ;; test) target=".[test]" ;; esac
    for m in "${modes[@]}"; do  # the modes this one includes: site, …, $mode
        covered+=("$m")
        [[ $m = "$mode" ]] && break
    done
    local done_already=
    for m in "${modes[@]:${#covered[@]}-1}"; do  # $mode or any bigger mode already installed
        if [[ "$(cat "$venv/.setup-stamp-$m" 2>/dev/null)" = "$hash" ]]; then done_already=1; fi
    done
    if [[ -n $done_already ]]; then
        say "Python packages up to date ($mode)"
    else
        say "installing the project and its dependencies ($mode) into $venv"
        for m in "${modes[@]}"; do rm -f "$venv/.setup-stamp-$m"; done
        run_logged "pip install -e '$target'" "$venv/setup.log" \
            "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -e "$target"
        for m in "${covered[@]}"; do echo "$hash" >"$venv/.setup-stamp-$m"; done
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
