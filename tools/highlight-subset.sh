#!/usr/bin/env bash
# Writes Templates/assets/highlight.min.js: Debian's highlight.js (package libjs-highlight.js, BSD-3-Clause)
# cut down to the core and the languages listed below, with its licence on top.
# Debian ships one minified file with all 185 languages (846 KB); the file is the core followed by
# one `hljs.registerLanguage("name",…);` statement per language, so keeping a language keeps its statement.
# Usage: tools/highlight-subset.sh   (installs libjs-highlight.js when missing; needs node to verify)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=/usr/share/javascript/highlight.js/highlight.min.js
LANGUAGES="swift python javascript typescript json yaml bash shell xml css cpp go rust sql markdown diff ini plaintext java kotlin ruby"
if [ ! -f "$SOURCE" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjs-highlight.js
fi
VERSION=$(dpkg-query -W -f='${Version}' libjs-highlight.js)
OUT=Templates/assets/highlight.min.js
python3 - "$SOURCE" "$OUT" "$VERSION" $LANGUAGES <<'PY'
import sys
source, out, version, wanted = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
text = open(source, encoding="utf-8").read()
marker = 'hljs.registerLanguage("'
core, *languages = text.split(marker)
kept = {}
for chunk in languages:
    name = chunk[:chunk.index('"')]
    if name in wanted:
        kept[name] = marker + chunk
missing = [name for name in wanted if name not in kept]
if missing:
    sys.exit("highlight.js %s has no language %s" % (version, ", ".join(missing)))
licence = f"""/*! highlight.js {version} (Debian libjs-highlight.js), languages: {' '.join(wanted)}
 Copyright (c) 2006, Ivan Sagalaev and highlight.js contributors. All rights reserved.
 Redistribution and use in source and binary forms, with or without modification, are permitted
 provided that the following conditions are met: (1) Redistributions of source code must retain the
 above copyright notice, this list of conditions and the following disclaimer. (2) Redistributions in
 binary form must reproduce the above copyright notice, this list of conditions and the following
 disclaimer in the documentation and/or other materials provided with the distribution. (3) Neither
 the name of highlight.js nor the names of its contributors may be used to endorse or promote
 products derived from this software without specific prior written permission.
 THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
 IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND
 FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
 CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 DAMAGES ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
 SUCH DAMAGE. */
"""
body = core + "".join(kept[name] for name in wanted)
if not body.endswith("\n"):
    body += "\n"
open(out, "w", encoding="utf-8").write(licence + body)
PY
if command -v node >/dev/null; then
  HLJS_HIDE_UPGRADE_WARNING=1 node -e '
    const hljs = require("./'"$OUT"'");
    for (const name of process.argv.slice(1)) if (!hljs.getLanguage(name)) throw new Error("missing " + name);
    for (const alias of ["c", "html", "js", "ts", "yml", "sh", "toml", "rs", "golang", "py"]) if (!hljs.getLanguage(alias)) throw new Error("no alias " + alias);
    const html = hljs.highlight("swift", "let x = 1 // one", true).value;
    if (!html.includes("hljs-keyword")) throw new Error("swift not highlighted: " + html);
  ' $LANGUAGES
fi
echo "$OUT: $(wc -c < "$OUT") bytes, highlight.js $VERSION"
