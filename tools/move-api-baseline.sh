#!/usr/bin/env bash
# Records MODULE's freshly built jar as its API baseline VERSION: MODULE/api-baseline/ (a Maven
# repository layout the api-baseline profile of the root pom reads) and <api.baseline.version>
# in MODULE/pom.xml. Run it after `mvn -B package` at a release (see docs/api-baseline.md).
# Usage: tools/move-api-baseline.sh MODULE VERSION    e.g. tools/move-api-baseline.sh tuning-api 2.0.0
set -euo pipefail
module="${1:?usage: $0 MODULE VERSION}"
version="${2:?usage: $0 MODULE VERSION}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/$module"
group="io.v2e.api-baseline"
artifact="$(sed -n 's|^  <artifactId>\(.*\)</artifactId>$|\1|p' "$dir/pom.xml" | head -n 1)"
project_version="$(sed -n '/<parent>/,/<\/parent>/s|.*<version>\([^<]*\)</version>.*|\1|p' "$dir/pom.xml" | head -n 1)"
jar="$dir/target/$artifact-$project_version.jar"
[[ -f "$jar" ]] || { echo "no $jar: build it first (mvn -B package)" >&2; exit 1; }
grep -q "<api.baseline.version>" "$dir/pom.xml" \
  || { echo "$module/pom.xml has no <api.baseline.version> property: add it and <api.baseline.packages>" >&2; exit 1; }
commit="$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- "$module/src/main" || echo '+uncommitted')"

out="$dir/api-baseline/${group//.//}/$artifact/$version"
# A baseline version is immutable, like a release: Maven caches it in the local repository and
# would keep comparing against the old jar.
[[ ! -e "$out" ]] || { echo "$out exists: a baseline version is never re-recorded, use a new one" >&2; exit 1; }
rm -rf "$dir/api-baseline/${group//.//}/$artifact"
mkdir -p "$out"
cp "$jar" "$out/$artifact-$version.jar"
cat > "$out/$artifact-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$group</groupId>
  <artifactId>$artifact</artifactId>
  <version>$version</version>
  <description>API baseline of $module: io.v2e:$artifact:$project_version built from commit $commit.</description>
</project>
POM
for f in "$out/$artifact-$version.jar" "$out/$artifact-$version.pom"; do
  sha1sum "$f" | cut -d' ' -f1 > "$f.sha1"
done
sed -i "s|<api.baseline.version>[^<]*</api.baseline.version>|<api.baseline.version>$version</api.baseline.version>|" "$dir/pom.xml"
echo "baseline of $module is now $group:$artifact:$version (from $jar, commit $commit)"
