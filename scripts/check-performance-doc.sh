#!/usr/bin/env bash
# Fails when docs/performance.md is a draft: scripts/bench.sh marks its
# first line "DRAFT: …" when it measured a dirty tree or ran with other
# than its default settings, and such figures must not be committed. Run
# scripts/bench.sh again at a clean HEAD to replace it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

doc=docs/performance.md
[[ -f $doc ]] || {
	echo "FAIL: $doc is missing; scripts/bench.sh writes it" >&2
	exit 1
}
first=$(head -n 1 "$doc")
if [[ $first == DRAFT* ]]; then
	echo "FAIL: $doc is a draft, not to be committed: $first" >&2
	exit 1
fi
echo "$doc: not a draft"
