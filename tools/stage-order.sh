#!/bin/sh
# Checks that data flows one way between the stage folders of Sources/Octavo (README, Development):
# a file in a stage's folder may not name a type declared (at top level) in a later stage's folder.
# Comment lines are ignored. Prints each back-edge as "file: Type (Stage/)" and exits 1 if any.
cd "$(dirname "$0")/../Sources/Octavo" || exit 1
stages="Load Parse Outline Link Render Search Print Audit Write"
declared() {  # the top-level type names declared in folder $1, one a line
  grep -hoE '^(public |internal |package |final |indirect |@[A-Za-z]+ )*(struct|enum|class|actor|protocol|typealias) [A-Za-z_][A-Za-z0-9_]*' "$1"/*.swift |
    awk '{ print $NF }' | sort -u
}
found=0
earlier=""
for stage in $stages; do
  for before in $earlier; do
    for type in $(declared "$stage"); do
      hits=$(grep -nwE "$type" "$before"/*.swift | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' | cut -d: -f1 | sort -u)
      for file in $hits; do echo "Sources/Octavo/$file: $type ($stage/)"; found=1; done
    done
  done
  earlier="$earlier $stage"
done
exit $found
