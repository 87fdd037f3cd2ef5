# Sourced by the offline benchmarks: builds the launcher's jar and the test classes (the synthetic-account
# generator) once, offline when the local repository has everything, and sets $classpath for `java -cp`.
mvn -B -q -o package -DskipTests 2>/dev/null || mvn -B -q package -DskipTests
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile
[ -f target/bench.classpath ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
