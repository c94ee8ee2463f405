#!/bin/sh
# Operator benchmark (not a test): N NasSearch resources against the in-process test API server, the operator
# running as its own process. Usage, from the repository root:  operator/bench/run.sh [N ...]  (default 100 500 1000)
#
# The test API server (fabric8 CRUD mock) has no server-side apply, so the operator is packaged a second time
# into target/bench-app with it off, exactly as the tests build it; target/quarkus-app stays the real artifact.
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o -f ../pom.xml -pl operator package -DskipTests \
  -Dquarkus.operator-sdk.enable-ssa=false -Dquarkus.package.output-directory=bench-app
mvn -B -q -o -f ../pom.xml -pl operator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.kubenas.operator.bench.OperatorBenchmark "$@"
