#!/bin/sh
# Run every fuzz target in turn for SECONDS each (default 2400), logging to
# fuzz/logs/<target>.log. Needs cargo-fuzz; on stable Rust set
# RUSTC_BOOTSTRAP=1 (libFuzzer's sanitizer flags are nightly-only).
#   RUSTC_BOOTSTRAP=1 sh fuzz/run-long.sh 1800
# Environment: TARGETS (default: all five), SANITIZER (default address;
# juesuan has no unsafe code, so `none` runs 2-3x faster), MAX_LEN (bytes of
# a report input, default 200000; small values fuzz faster), DEBUG_ASSERTIONS
# (1: overflow checks and debug assertions on, so an overflow is a crash).
set -u
cd "$(dirname "$0")"
secs=${1:-2400}
mkdir -p logs
targets=${TARGETS:-parse_report check_pipeline sample_mutations keymap_load sidecar_load}
for t in $targets; do
    [ -d "corpus/$t" ] || { python3 make-seeds.py; break; }
done
for t in $targets; do
    # sample_mutations reads 7 bytes per operation, at most 64 operations.
    len=${MAX_LEN:-200000}; timeout=10
    # One input is parsed up to six times (determinism, re-encodings), and a
    # mutation can stretch lines to 7 MB: allow it more time.
    [ "$t" = sample_mutations ] && len=448 && timeout=60
    # Keymaps and sidecars: a few times the largest real file (the default
    # keymap, a sidecar with every kind of entry); the report dictionary is
    # of no use to them.
    dict=-dict=report.dict
    case $t in keymap_load|sidecar_load) len=${MAX_LEN:-32768}; dict= ;; esac
    echo "== $t: ${secs}s ($(date -u +%H:%M:%S))"
    asserts=; [ "${DEBUG_ASSERTIONS:-0}" = 1 ] && asserts=-a
    cargo fuzz run -O $asserts -s "${SANITIZER:-address}" "$t" -- -max_total_time="$secs" -timeout="$timeout" \
        -rss_limit_mb=2048 -max_len="$len" $dict -print_final_stats=1 \
        >>"logs/$t.log" 2>&1
    echo "   exit $? ($(date -u +%H:%M:%S)); $(grep -E 'DONE|SUMMARY|ERROR' "logs/$t.log" | tail -2)"
done
