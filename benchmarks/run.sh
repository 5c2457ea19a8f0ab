#!/usr/bin/env bash
# Runs every v2e benchmark and writes benchmarks/RESULTS.md and benchmarks/results/*.png.
# Usage: benchmarks/run.sh            (full run, < 10 min on 2 cores)
#        benchmarks/run.sh --smoke    (seconds; same pipeline, numbers meaningless)
# Env:   V2E_BENCH_JDK=/usr/lib/jvm/temurin-25-jdk-amd64  builds and runs on JDK 22+ (adds the ffm provider to JMH)
#        V2E_BENCH_SKIP_BUILD=1        reuse the last build
#        V2E_BENCH_SECTIONS="socket"   only these (of: jmh inprocess jitter large ssg ssgmem container socket cluster); default all
#        V2E_BENCH_HARNESS_OPTS="-Dv2e.bench.socket.variants=..."   extra JVM options of the harness sections
#        V2E_BENCH_HARNESS_OPTS="-Dv2e.bench.container.jfr=/tmp/prof"   also record a JFR profile of each container (NAME.jfr)
#                                      (socket variants: see benchmarks/README.md)
#        V2E_BENCH_DIST=/work/wt/base/distribution/target/v2e   run the container/socket sections against another
#                                      built distribution (e.g. an older checkout) with this harness; rows name it
# Idempotent: it clears its own outputs first; Felix storage lives under benchmarks/target/bench-work.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/results"
WORK="$HERE/target/bench-work"
SMOKE=""
[[ "${1:-}" == "--smoke" ]] && SMOKE="--smoke"

if [[ -n "${V2E_BENCH_JDK:-}" ]]; then export JAVA_HOME="$V2E_BENCH_JDK"; fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
FEATURE="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"

SECTIONS="${V2E_BENCH_SECTIONS:-jmh inprocess jitter large ssg ssgmem container socket cluster}"
DIST="${V2E_BENCH_DIST:-$ROOT/distribution/target/v2e}"
REVISION="$(cd "$(dirname "$DIST")" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "$(cd "$(dirname "$DIST")" && git --no-optional-locks status --porcelain 2>/dev/null | head -1)" ]] && REVISION="$REVISION+changes"
START_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
START_DATE="$(date -u +%FT%TZ)"
echo "== v2e benchmarks ${SMOKE:-full} on JDK $FEATURE, load average $START_LOAD; sections: $SECTIONS; distribution $DIST ($REVISION)"

if [[ -z "${V2E_BENCH_SKIP_BUILD:-}" ]]; then
  # package (not compile): the container and socket sections run copies of the assembled distribution
  # (benchmarks depends on it, so -am builds it) and the container section needs the bench bundle jar.
  (cd "$ROOT" && mvn -B -q -pl benchmarks -am -DskipTests package)
fi
CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"
EA="$HERE/target/bench-bundles/org.apache.felix.eventadmin.jar"

mkdir -p "$OUT" "$WORK"
if [[ -z "${V2E_BENCH_SECTIONS:-}" ]]; then
  rm -f "$OUT"/*.json "$OUT"/*.jfr "$OUT"/*.png "$OUT"/*.txt "$OUT"/*.log
else # only the outputs of the sections run now; the report also shows the others' last results
  for S in $SECTIONS; do rm -f "$OUT/$S".json "$OUT/$S".jfr "$OUT/$S".log "$OUT/$S"-*; done
fi

# The only JVM flag the providers need (Java 22+); no --add-opens: they open files themselves.
NATIVE_OPTS=""
JMH_JVM_ARGS=()
PROVIDERS="jnr,jna,noop"
if (( FEATURE >= 22 )); then
  NATIVE_OPTS="--enable-native-access=ALL-UNNAMED"
  JMH_JVM_ARGS=(-jvmArgsAppend "$NATIVE_OPTS")
  PROVIDERS="jnr,jna,ffm,noop"
fi

# 1. JMH micro-benchmarks: one call of each provider operation per provider; SSG parser vs bare Woodstox scan.
if [[ -n "$SMOKE" ]]; then JMH_TIME="-f 1 -wi 0 -i 1 -r 100ms"; else JMH_TIME="-f 1 -wi 2 -w 1s -i 3 -r 1s"; fi
JMH_CMD="$JAVA -cp <classpath> org.openjdk.jmh.Main 'ProviderOpsBenchmark|SsgParseBenchmark' $JMH_TIME -p provider=$PROVIDERS${NATIVE_OPTS:+ -jvmArgsAppend '$NATIVE_OPTS'} -rf json"
echo "$JMH_CMD" > "$OUT/jmh-command.txt"
if [[ " $SECTIONS " == *" jmh "* ]]; then
  timeout 300 "$JAVA" -cp "$CP" org.openjdk.jmh.Main 'ProviderOpsBenchmark|SsgParseBenchmark' $JMH_TIME -p provider="$PROVIDERS" \
    "${JMH_JVM_ARGS[@]}" -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log" 2>&1 \
    || echo "JMH failed: see $OUT/jmh.log"
  tail -n 25 "$OUT/jmh.log" || true
fi

# 2. The load harness: each section in its own JVM (own peak RSS, own JFR recording).
HARNESS_JVM="$NATIVE_OPTS ${V2E_BENCH_HARNESS_OPTS:-} -Xmx1g -Djava.awt.headless=true -Dv2e.eventadmin.bundle=$EA"
# The container section copies the distribution to $WORK/v2e-container, adds the bench bundle, runs bin/v2e bench:broker.
HARNESS_JVM="$HARNESS_JVM -Dv2e.dist.dir=$DIST -Dv2e.distribution=$DIST -Dv2e.bench.revision=$REVISION -Dv2e.bench.bundle=$(ls "$HERE"/bench-bundle/target/bench-bundle-*.jar 2>/dev/null | head -1 || true)"
for SECTION in $SECTIONS; do
  if [[ "$SECTION" == jmh ]]; then continue; fi
  echo "== section $SECTION (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  timeout 300 "$JAVA" $HARNESS_JVM -XX:StartFlightRecording=filename="$OUT/$SECTION.jfr",settings=profile \
    -cp "$CP" io.v2e.benchmarks.LoadHarness $SMOKE --out "$OUT" --work "$WORK" $SECTION 2>&1 | tee "$OUT/$SECTION.log" \
    || echo "section $SECTION failed: see $OUT/$SECTION.log"
done

END_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "date (start): $START_DATE   date (end): $(date -u +%FT%TZ)"
  echo "load average before: $START_LOAD   after: $END_LOAD"
  echo "nproc: $(nproc)   kernel: $(uname -r)"
  echo "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  echo "JDK: $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "command: V2E_BENCH_SECTIONS='$SECTIONS' V2E_BENCH_DIST=$DIST benchmarks/run.sh $SMOKE (distribution revision $REVISION)"
  echo "harness JVM: java $HARNESS_JVM -XX:StartFlightRecording=filename=results/SECTION.jfr,settings=profile -cp <classpath> io.v2e.benchmarks.LoadHarness ${SMOKE} --out results SECTION"
} > "$OUT/run-info.txt"

"$JAVA" $NATIVE_OPTS -Djava.awt.headless=true -cp "$CP" io.v2e.benchmarks.LoadHarness $SMOKE --out "$OUT" \
  --results-md "$HERE/RESULTS.md" report
echo "== done: $HERE/RESULTS.md, plots in $OUT (load average $START_LOAD -> $END_LOAD)"
