#!/usr/bin/env bash
# Extract every dev-gold article and grade it: scripts/score-dev.sh [OUT.jsonl] [score.py flags]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared="${SHARED:-$here/../shared}"
out="${1:-/tmp/newsreel-dev.jsonl}"; shift || true
files=$(python3 - "$shared" <<'PY'
import json, sys, pathlib
shared = pathlib.Path(sys.argv[1])
for g in sorted((shared / "gold/dev").glob("*.json")):
    print(shared / json.loads(g.read_text())["doc"])
PY
)
"$here/.venv/bin/newsreel" extract --format jsonl $files > "$out"
python3 "$shared/tools/score.py" gold --gold "$shared/gold/dev" --pred "$out" "$@"
