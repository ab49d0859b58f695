#!/usr/bin/env bash
# The deck next to the PDF report for the synthetic 600-touchpoint map
# (12 stages, 10 lanes, 2,000 annotations): best of 5 render times (the
# map already scored, as both examples do) and the file sizes.
# Usage: bash crates/deck/benches/compare.sh   (from the workspace root)
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build -q --release -p waymark-deck --example deck -p waymark-report --example report
best() {
  local b=""
  for _ in 1 2 3 4 5; do
    local t
    t=$("$@" 2>&1 >/dev/null | awk '/bytes/ {print $NF}')
    # "123.4ms" or "1.2s" as printed by Rust's Duration Debug.
    t=$(echo "$t" | awk '/ms$/ {sub("ms",""); print $1/1000; next} /µs$/ {sub("µs",""); print $1/1e6; next} {sub("s",""); print $1}')
    if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
  done
  echo "$b"
}
deck_t=$(best target/release/examples/deck synth "$out/synth.pptx")
pdf_t=$(best target/release/examples/report synth a4 "$out/synth.pdf")
printf '%-6s %10s %12s\n' "" "time (s)" "size (bytes)"
printf '%-6s %10.3f %12d\n' "deck" "$deck_t" "$(stat -c %s "$out/synth.pptx")"
printf '%-6s %10.3f %12d\n' "pdf" "$pdf_t" "$(stat -c %s "$out/synth.pdf")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
