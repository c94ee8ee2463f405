#!/bin/sh
# Operator benchmark on a real control plane (not a test). Usage, from the repository root, as root:
#   e2e/bench/run.sh [N ...]        (default 100 500 1000)
# Needs the packaged operator and the test-cluster binaries: mvn -B install -DskipTests; test-cluster/build.
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o -f ../pom.xml -pl e2e test-compile
mvn -B -q -o -f ../pom.xml -pl e2e dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Dkubenas.repo.root=.. -cp "target/test-classes:$(cat target/bench.classpath)" io.kubenas.e2e.bench.ApiServerBenchmark "$@"
