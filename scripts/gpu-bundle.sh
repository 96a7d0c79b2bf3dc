#!/usr/bin/env bash
# Builds .gpu-bundle/: what a GPU host with a driver but no Java, Maven or CUDA 12 needs to run the
# cuda module's tests and `canopy bench`:
#   jre/           a jlinked Java runtime
#   lib/           the cuda module's jar and its runtime class path (no Spark, Hadoop or ND4J)
#   test-classes/  the module's tests (run with io.canopy.cuda.DeviceTestMain)
#   natives/       the CUDA 13 compatibility folder of scripts/cuda13-compat.sh
#   cpu-reference/ the CPU backend's results the GPU tests compare with (ND4J stays behind)
#   run-tests.sh, bench.sh   launchers
# Plans for the benchmark: cuda/bench-plans (canopy bench --plan-only writes them).
#
# Usage (from the repository root, after the sibling modules are installed in ~/.m2):
#   scripts/gpu-bundle.sh
# On the GPU host, from the repository root:
#   .gpu-bundle/run-tests.sh
#   .gpu-bundle/bench.sh --circuit FILE --plan PLAN.json --slices K --precision complex-half
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=.gpu-bundle
mkdir -p "$bundle/lib"
rm -f "$bundle"/*.txt

mvn -B -o -q -pl cuda package -DskipTests
mvn -B -o -q -pl cuda dependency:list -DoutputAbsoluteArtifactFilename=true -DoutputFile="$PWD/$bundle/dependencies.txt"

rm -f "$bundle"/lib/*.jar
cp cuda/target/canopy-cuda-*.jar "$bundle/lib/"
# the runtime class path (no ND4J: the tests that compare with the CPU backend skip) and JUnit
# (lines "group:artifact:type[:classifier]:version:scope:/path/file.jar -- module ...")
grep -E ':(compile|runtime):|/org/junit/|/org/opentest4j/|/org/apiguardian/' "$bundle/dependencies.txt" |
  sed -E 's/.*:(compile|runtime|test):([^ ]+\.jar).*/\2/' | while read -r jar; do cp "$jar" "$bundle/lib/"; done
# JCuda's PTX compiler bindings (24 MB) are unused: kernels come as PTX built by nvcc
zip -q -d "$bundle"/lib/jcuda-natives-*.jar 'lib/libJNvPTXCompiler-*'
rm -rf "$bundle/test-classes"
cp -r cuda/target/test-classes "$bundle/test-classes"

if [ ! -x "$bundle/jre/bin/java" ]; then
  jlink --add-modules java.base,java.logging,java.management,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$bundle/jre"
fi

scripts/cuda13-compat.sh "$bundle/natives" >/dev/null

mvn -B -o -q -pl cuda dependency:build-classpath -Dmdep.outputFile="$PWD/$bundle/test-classpath.txt"
java -Xmx4g -Dorg.bytedeco.javacpp.cachedir="$HOME/.canopy/javacpp" \
  -cp "cuda/target/test-classes:cuda/target/classes:$(cat "$bundle/test-classpath.txt")" \
  io.canopy.cuda.CpuReference "$bundle/cpu-reference"

cat > "$bundle/run-tests.sh" <<'EOF'
#!/usr/bin/env bash
# Runs the cuda module's tests on this GPU host; run from the repository root.
b="$(cd "$(dirname "$0")" && pwd)"
export CANOPY_CUDA_NATIVES="$b/natives"
exec "$b/jre/bin/java" -Xmx8g -Dcanopy.cpu.reference="$b/cpu-reference" -cp "$b/lib/*:$b/test-classes" \
  io.canopy.cuda.DeviceTestMain "$@"
EOF
cat > "$bundle/bench.sh" <<'EOF'
#!/usr/bin/env bash
# canopy bench on this GPU host; run from the repository root.
b="$(cd "$(dirname "$0")" && pwd)"
export CANOPY_CUDA_NATIVES="$b/natives"
exec "$b/jre/bin/java" -Xmx16g -cp "$b/lib/*" io.canopy.cuda.bench.BenchCommand "$@"
EOF
chmod +x "$bundle/run-tests.sh" "$bundle/bench.sh"
du -sh "$bundle"
