#!/bin/sh
# Builds the pyo3 rung's extension modules for one interpreter, the rung's
# `build` step (rungs/pyo3/rung.conf):
#
#     sh rungs/pyo3/build.sh PYTHON OUT
#
# PYTHON is the interpreter the modules are for, with maturin installed
# (the harness passes the row's environment's python). Every crate of the
# workspace (one per problem) is built by `maturin build --release` into a
# wheel, and the wheel's extension module is unpacked into OUT, where the
# shared driver imports it (OUT/nbody.cpython-313-x86_64-linux-gnu.so, ...).
#
# Why wheels and not `maturin develop`: develop installs each module into
# the interpreter's environment, which every Python-hosted rung shares and
# where an old build could outlive its source; a wheel unpacked into OUT
# touches nothing but OUT, which is per interpreter, and needs no
# VIRTUAL_ENV. Cargo's target folder is OUT/target (CARGO_TARGET_DIR, if
# set, wins), so rebuilds are incremental and two interpreters never undo
# each other's PyO3 configuration. Crates come from Cargo.lock (--locked).
set -eu

[ $# -eq 2 ] || { echo "usage: build.sh PYTHON OUT" >&2; exit 2; }
python=$1
out=$2
rung_dir=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$out"
out=$(cd "$out" && pwd)
# Cargo reads .cargo/config.toml from the folder it runs in.
cd "$rung_dir"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$out/target}"
wheels=$out/wheels
staging=$out/staging

for manifest in "$rung_dir"/*/Cargo.toml; do
    rm -rf "$wheels" "$staging"
    # The wheels never leave this machine: a plain linux tag, no audit.
    "$python" -m maturin build --release --locked --quiet \
        --interpreter "$python" --manifest-path "$manifest" \
        --compatibility linux --auditwheel skip --out "$wheels"
    for wheel in "$wheels"/*.whl; do
        "$python" -m zipfile -e "$wheel" "$staging"
    done
    # A rename, so that a process still running the old module keeps its
    # file; maturin puts the module at the top or in a package folder.
    find "$staging" -name '*.so' -exec mv -f {} "$out/" \;
done
rm -rf "$wheels" "$staging"
