//! Parallel map with in-order, streaming delivery and bounded memory.
//!
//! rayon's indexed `collect` keeps order but holds every result until the
//! end, and `par_bridge` streams but loses order; neither lets results flow
//! out in input order while holding only a few. So this small engine feeds a
//! rayon pool at most `window` items ahead of the next one to deliver and
//! reorders what comes back.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

/// How many items may be in flight or waiting per worker: enough to keep the
/// workers busy when one report is slow, few enough that memory stays flat.
const WINDOW_PER_JOB: usize = 4;

/// Apply `work` to every item on `jobs` threads and hand the results to
/// `deliver` in item order, as soon as each one's turn comes. `deliver`
/// returns false to stop early (items already started are finished and
/// dropped). Falls back to the calling thread if no pool can be started.
pub fn for_each_ordered<I, O, W, D>(items: Vec<I>, jobs: usize, work: W, mut deliver: D)
where
    I: Send,
    O: Send,
    W: Fn(I) -> O + Sync,
    D: FnMut(O) -> bool,
{
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .thread_name(|i| format!("juesuan-check-{i}"))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("juesuan: cannot start {jobs} worker threads ({e}); checking on one");
            for item in items {
                if !deliver(work(item)) {
                    break;
                }
            }
            return;
        }
    };
    let total = items.len();
    let window = jobs.max(1) * WINDOW_PER_JOB;
    let (tx, rx) = mpsc::channel::<(usize, std::thread::Result<O>)>();
    let work = &work;
    pool.in_place_scope(|scope| {
        let mut items = items.into_iter().enumerate();
        let mut pending: BTreeMap<usize, O> = BTreeMap::new();
        let (mut started, mut next) = (0usize, 0usize);
        while next < total {
            while started < total && started < next + window {
                let Some((i, item)) = items.next() else { break };
                let tx = tx.clone();
                scope.spawn(move |_| {
                    // A panic is sent back rather than left to rayon, or
                    // the receiving loop below would wait for it forever.
                    let out = panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                    // The receiver is gone only when delivery stopped early.
                    let _ = tx.send((i, out));
                });
                started += 1;
            }
            // Every started item sends exactly once, so this cannot wait forever.
            let Ok((i, out)) = rx.recv() else { return };
            match out {
                Ok(out) => pending.insert(i, out),
                Err(payload) => panic::resume_unwind(payload),
            };
            while let Some(out) = pending.remove(&next) {
                next += 1;
                if !deliver(out) {
                    return;
                }
            }
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn delivers_in_order_whatever_the_finishing_order() {
        let items: Vec<u64> = (0..200).collect();
        let mut got = Vec::new();
        for_each_ordered(
            items,
            3,
            |i| {
                // Early items are slowest, so they finish last.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |o| {
                got.push(o);
                true
            },
        );
        assert_eq!(got, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn never_runs_more_than_the_window_ahead() {
        let started = AtomicUsize::new(0);
        let mut delivered = 0usize;
        let mut max_ahead = 0usize;
        for_each_ordered(
            (0..500).collect::<Vec<u32>>(),
            2,
            |_| started.fetch_add(1, Ordering::SeqCst),
            |_| {
                delivered += 1;
                max_ahead = max_ahead.max(started.load(Ordering::SeqCst) - delivered);
                true
            },
        );
        assert_eq!(delivered, 500);
        assert!(max_ahead <= 2 * WINDOW_PER_JOB, "ran {max_ahead} ahead");
    }

    #[test]
    fn a_panicking_item_is_raised_on_the_caller_not_left_to_hang() {
        let result = std::panic::catch_unwind(|| {
            for_each_ordered(
                (0..50).collect::<Vec<u32>>(),
                2,
                |i| {
                    assert_ne!(i, 20, "boom");
                    i
                },
                |_| true,
            )
        });
        assert!(result.is_err());
    }

    #[test]
    fn stopping_early_delivers_nothing_more() {
        let mut got = Vec::new();
        for_each_ordered(
            (0..100).collect::<Vec<u32>>(),
            2,
            |i| i,
            |o| {
                got.push(o);
                o < 9
            },
        );
        assert_eq!(got, (0..10).collect::<Vec<_>>());
    }
}
