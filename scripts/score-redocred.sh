#!/usr/bin/env bash
# Export the Re-DocRED film leads as text, extract them and grade: scripts/score-redocred.sh [flags]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared="${SHARED:-$here/../shared}"
dir="${REDOCRED_DIR:-/tmp/newsreel-redocred}"
[ -d "$dir" ] || python3 "$shared/tools/score.py" redocred-export \
  --data "$shared/corpus/redocred-film/dev.json" --out "$dir" >/dev/null
"$here/.venv/bin/newsreel" extract --format jsonl "$dir" > "$dir.jsonl"
python3 "$shared/tools/score.py" redocred --data "$shared/corpus/redocred-film/dev.json" \
  --pred "$dir.jsonl" "$@"
