#!/bin/sh
# The portfolio's figures on a folder of N generated reports (default 1000),
# measured as a person sees them, in tmux: how long until the list is on
# screen, how long until every report's counts are in, and how long a key
# (o: sort by the next column) takes to show while the reports are checked.
#   sh benches/portfolio.sh [N]
# Needs tmux and a release build (cargo build --release --examples).
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000}
bin=target/release/juesuan
dir=$(mktemp -d)
trap 'tmux -L juesuan-bench kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
target/release/examples/gen --out "$dir/reports" --count "$n" --seed 3 >/dev/null 2>&1
t() { tmux -L juesuan-bench "$@"; }
now() { date +%s.%N; }
screen() { t capture-pane -p -t pf; }
start=$(now)
t -f /dev/null new-session -d -x 120 -y 30 -s pf "$bin $dir/reports"
until screen | grep -q "00001-"; do sleep 0.005; done
echo "list on screen after $(echo "$(now) - $start" | bc) s"
for _ in 1 2 3; do
    before=$(screen | head -1 | grep -o 'sort [a-z]*')
    k=$(now); t send-keys -t pf o
    while [ "$(screen | head -1 | grep -o 'sort [a-z]*')" = "$before" ]; do sleep 0.002; done
    echo "key answered in $(echo "$(now) - $k" | bc) s ($(screen | head -1 | grep -o '[0-9]*/[0-9]* checked'))"
done
until screen | grep -q " $n/$n checked"; do sleep 0.01; done
echo "all $n checked after $(echo "$(now) - $start" | bc) s"
