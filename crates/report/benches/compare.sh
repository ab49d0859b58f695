#!/usr/bin/env bash
# Our PDF report vs headless Chromium printing the same synthetic
# 600-touchpoint map from HTML: time to a finished PDF and its size.
# Usage: bash crates/report/benches/compare.sh   (from the workspace root)
set -euo pipefail
out=$(mktemp -d)
cargo build -q --release -p waymark-report --example html_report
bin=target/release/examples/html_report
best_ours=""
for i in 1 2 3 4 5; do
  line=$("$bin" "$out/map.html" "$out/ours.pdf")
  t=$(echo "$line" | awk '{print $2}')
  if [ -z "$best_ours" ] || awk "BEGIN{exit !($t < $best_ours)}"; then best_ours=$t; fi
done
ours_size=$(stat -c %s "$out/ours.pdf")
ours_pages=$(pdfinfo "$out/ours.pdf" | awk '/^Pages:/{print $2}')
best_chrome=""
for i in 1 2 3; do
  profile=$(mktemp -d)
  s=$(date +%s.%N)
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --no-pdf-header-footer --print-to-pdf="$out/chromium.pdf" "file://$out/map.html" >/dev/null 2>&1
  e=$(date +%s.%N)
  rm -rf "$profile"
  t=$(awk "BEGIN{print $e - $s}")
  if [ -z "$best_chrome" ] || awk "BEGIN{exit !($t < $best_chrome)}"; then best_chrome=$t; fi
done
chrome_size=$(stat -c %s "$out/chromium.pdf")
chrome_pages=$(pdfinfo "$out/chromium.pdf" | awk '/^Pages:/{print $2}')
printf '%-10s %10s %12s %6s\n' "" "time (s)" "size (bytes)" "pages"
printf '%-10s %10.3f %12d %6d\n' "waymark" "$best_ours" "$ours_size" "$ours_pages"
printf '%-10s %10.3f %12d %6d\n' "chromium" "$best_chrome" "$chrome_size" "$chrome_pages"
awk "BEGIN{printf \"chromium / waymark: %.1fx the time, %.1fx the size\n\", $best_chrome/$best_ours, $chrome_size/$ours_size}"
rm -rf "$out"
