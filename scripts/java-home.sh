#!/usr/bin/env bash
# Prints the home of a JDK >= 21: $JAVA_HOME if new enough, else the newest under /usr/lib/jvm,
# else the java on PATH. Exits 1 when none is found.
set -euo pipefail
version_of() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1; }
ok() { local v; v=$(version_of "$1" 2>/dev/null || true); [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ] && ok "$JAVA_HOME"; then
  echo "$JAVA_HOME"; exit 0
fi
best=""; bestv=0
for d in /usr/lib/jvm/*; do
  [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
  v=$(version_of "$d" 2>/dev/null || true); v=${v%%.*}
  if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
done
if [ -n "$best" ]; then echo "$best"; exit 0; fi
if command -v javac >/dev/null; then
  d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  if ok "$d"; then echo "$d"; exit 0; fi
fi
echo "no JDK >= 21 found: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME" >&2
exit 1
