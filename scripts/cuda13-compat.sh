#!/usr/bin/env bash
# Makes JCuda/JCublas 12.6 natives run on a host that has only CUDA 13 (libcublas.so.13, no .so.12).
#
# JCublas2's native library imports cuBLAS symbols versioned "libcublas.so.12". This script
#   1. extracts it from the jcublas-natives jar,
#   2. clears the version of every cuBLAS symbol it imports (patchelf),
#   3. builds a tiny shim named libcublas.so.12 that defines that version node and depends on
#      libcublas.so.13, so the unversioned symbols resolve from CUDA 13's cuBLAS.
# The output folder is what io.canopy.cuda.CudaNatives looks for (CANOPY_CUDA_NATIVES, or
# ~/.canopy/cuda-natives by default). On a CUDA 12 host none of this is needed.
#
# Usage: scripts/cuda13-compat.sh [--jar JCUBLAS_NATIVES_JAR] [--cuda-lib DIR] OUT_DIR
#   --jar       jcublas-natives-12.6.0-linux-x86_64.jar (default: the one in ~/.m2)
#   --cuda-lib  where libcublas.so.13 lives on the GPU host (default /usr/local/cuda/lib64);
#               recorded as the shim's run path
# Needs: unzip, objdump, patchelf, gcc.
set -euo pipefail

jar="${HOME}/.m2/repository/org/jcuda/jcublas-natives/12.6.0/jcublas-natives-12.6.0-linux-x86_64.jar"
cuda_lib=/usr/local/cuda/lib64
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --cuda-lib) cuda_lib="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "cuda13-compat: unknown option $1" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
[ -n "$out" ] || { echo "cuda13-compat: missing OUT_DIR (try --help)" >&2; exit 2; }
[ -f "$jar" ] || { echo "cuda13-compat: $jar: no such jar" >&2; exit 1; }
for tool in unzip objdump patchelf gcc; do
  command -v "$tool" >/dev/null || { echo "cuda13-compat: $tool is needed (apt-get install $tool)" >&2; exit 1; }
done

lib=libJCublas2-12.6.0-linux-x86_64.so
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

unzip -q -o -j "$jar" "lib/$lib" -d "$work"
syms=$(objdump -T "$work/$lib" | awk '/\(libcublas\.so\.12\)/{print $NF}' | sort -u)
[ -n "$syms" ] || { echo "cuda13-compat: $lib imports no libcublas.so.12 symbols; nothing to patch" >&2; exit 1; }
args=()
for s in $syms; do args+=(--clear-symbol-version "$s"); done
patchelf "${args[@]}" "$work/$lib"
if objdump -T "$work/$lib" | grep -q '(libcublas\.so\.12)'; then
  echo "cuda13-compat: symbol versions remain after patching" >&2; exit 1
fi

echo 'int canopy_cublas12_shim = 1;' > "$work/shim.c"
printf 'libcublas.so.12 { global: canopy_cublas12_shim; local: *; };\n' > "$work/v.map"
gcc -shared -fPIC -o "$work/libcublas.so.12" "$work/shim.c" \
  -Wl,-soname,libcublas.so.12 -Wl,--version-script="$work/v.map"
patchelf --add-needed libcublas.so.13 "$work/libcublas.so.12"
patchelf --set-rpath "$cuda_lib" "$work/libcublas.so.12"

cp "$work/$lib" "$work/libcublas.so.12" "$out/"
echo "$cuda_lib" > "$out/cuda-lib-dir"
echo "cuda13-compat: wrote $out/$lib (cleared $(echo "$syms" | wc -w) symbol versions) and $out/libcublas.so.12 -> libcublas.so.13 in $cuda_lib"
