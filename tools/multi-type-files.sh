#!/bin/sh
# Lists the Swift files under Sources/ that declare more than one top-level type that is not
# private (one type per file, named after it: docs/style). Prints nothing when every file is fine.
cd "$(dirname "$0")/.." || exit 1
find Sources -name '*.swift' | sort | while read -r file; do
  count=$(grep -cE '^(public |internal |package |final |@[A-Za-z]+ )*(struct|enum|class|actor|protocol|typealias) ' "$file")
  [ "$count" -gt 1 ] && echo "$file: $count top-level types"
done
exit 0
