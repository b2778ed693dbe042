//! One run of the juesuan binary, measured as a whole process: wall time,
//! CPU time and peak resident memory, as `/usr/bin/time -v` reports them.
//! Shared by the benches that measure the real binary (`#[path]`-included:
//! each bench is its own crate).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run cost.
pub struct Measured {
    pub wall: Duration,
    /// User + system CPU time: on a shared machine wall time measures the
    /// other tenants as much as juesuan, CPU time does not.
    pub cpu: Duration,
    pub max_rss_kib: i64,
    /// The exit code (-1 when killed by a signal).
    #[allow(dead_code)]
    pub code: i32,
}

fn duration(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
}

/// Run `cmd` (its output discarded) and reap it with `wait4`, which reports
/// that one child's peak RSS and CPU time.
pub fn measure(mut cmd: Command) -> std::io::Result<Measured> {
    let start = Instant::now();
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unreaped child; both pointers are to live locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if reaped != pid {
        return Err(std::io::Error::last_os_error());
    }
    Ok(Measured {
        wall: start.elapsed(),
        cpu: duration(usage.ru_utime) + duration(usage.ru_stime),
        max_rss_kib: usage.ru_maxrss,
        code: if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        },
    })
}
