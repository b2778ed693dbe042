//! The sidecar file (审计记录文件) on disk: `REPORT.audit.json` beside the
//! report, or wherever `--annotations PATH` puts it.
//!
//! - Format: pretty-printed JSON of a [`Document`], keys in a fixed order
//!   (struct fields in declaration order, maps sorted), one entry per
//!   annotation, so `git diff` shows one judgement per hunk.
//! - Reading never changes the file. A corrupt, empty, truncated or
//!   newer-schema file is an error naming the file, line, column and reason.
//! - Writing is atomic: a temporary file in the same folder, fsync, rename
//!   over the old file, fsync the folder. A kill at any moment leaves the old
//!   or the new file, never a torn one.
//! - Writers serialise on an advisory lock on a hidden `.NAME.lock` file
//!   beside the sidecar (not the sidecar itself: the rename replaces that
//!   inode, so a lock on it would not exclude the next writer). The lock file
//!   is never deleted, since deleting it would let two writers lock two
//!   different files.

use super::model::{Document, SCHEMA};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// `REPORT.audit.json`: the default sidecar path of a report.
pub fn default_path(report: &Path) -> PathBuf {
    let mut s = report.as_os_str().to_os_string();
    s.push(".audit.json");
    PathBuf::from(s)
}

/// Why the sidecar could not be read or written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    /// The file exists but could not be read.
    #[error("{}: cannot read the annotations file: {source}", .path.display())]
    Read {
        /// The sidecar.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// Not valid JSON, empty, truncated, or not shaped like a sidecar.
    #[error("{}:{line}:{column}: {reason}; the file was left untouched", .path.display())]
    Corrupt {
        /// The sidecar.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong, for a person.
        reason: String,
    },
    /// Written by a newer juesuan: refusing to read it, and never rewriting it.
    #[error("{}:{line}:{column}: written by a newer juesuan (schema {found}; this build reads schema {supported}); the file was left untouched", .path.display())]
    NewerSchema {
        /// The sidecar.
        path: PathBuf,
        /// Line of the `schema` field.
        line: usize,
        /// Column of the `schema` field.
        column: usize,
        /// The schema number found.
        found: u64,
        /// The schema this build reads.
        supported: u32,
    },
    /// A step of saving failed; the old file (if any) is unchanged.
    #[error("{}: cannot save the annotations: {op}: {source}", .path.display())]
    Write {
        /// The sidecar.
        path: PathBuf,
        /// The step that failed, with the path it concerned.
        op: String,
        /// The OS error.
        source: io::Error,
    },
    /// Another process held the lock for too long.
    #[error("{}: another juesuan is writing this annotations file (waited {} s for its lock); try again", .path.display(), .waited.as_secs())]
    Busy {
        /// The sidecar.
        path: PathBuf,
        /// How long we waited.
        waited: Duration,
    },
    /// The session was opened read-only; nothing is written.
    #[error("{}: opened read-only ({reason}); changes stay in memory and are not saved", .path.display())]
    ReadOnly {
        /// The sidecar.
        path: PathBuf,
        /// Why it is read-only.
        reason: String,
    },
}

impl SidecarError {
    /// The sidecar the error concerns.
    pub fn path(&self) -> &Path {
        match self {
            SidecarError::Read { path, .. }
            | SidecarError::Corrupt { path, .. }
            | SidecarError::NewerSchema { path, .. }
            | SidecarError::Write { path, .. }
            | SidecarError::Busy { path, .. }
            | SidecarError::ReadOnly { path, .. } => path,
        }
    }

    /// Whether the file on disk is unusable as it stands (corrupt or newer):
    /// the caller may open read-only or [`move_aside`] and start fresh.
    pub fn is_unreadable_content(&self) -> bool {
        matches!(
            self,
            SidecarError::Corrupt { .. } | SidecarError::NewerSchema { .. }
        )
    }
}

/// What identifies one version of the file: detects a change by another
/// writer between our read and our write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Modification time.
    pub modified: Option<SystemTime>,
    /// Size in bytes.
    pub len: u64,
    /// sha256 of the bytes, lower-case hex.
    pub sha256: String,
}

/// The file as read: its document and its stamp.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The content.
    pub doc: Document,
    /// The version read.
    pub stamp: Stamp,
}

/// The verdicts `check` applies to one report: `None` when the report has no
/// sidecar. `annotations` overrides the default path.
pub fn baseline(
    report: &Path,
    annotations: Option<&Path>,
) -> Result<Option<Document>, SidecarError> {
    let path = annotations
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_path(report));
    Ok(read(&path)?.map(|l| l.doc))
}

/// Read and parse the sidecar; `Ok(None)` when there is no file yet.
pub fn read(path: &Path) -> Result<Option<Loaded>, SidecarError> {
    let Some((bytes, stamp)) = read_bytes(path)? else {
        return Ok(None);
    };
    let doc = parse(path, &bytes)?;
    Ok(Some(Loaded { doc, stamp }))
}

/// The raw bytes and stamp, read through one handle so they agree even when
/// another writer renames a new version in at the same moment.
pub fn read_bytes(path: &Path) -> Result<Option<(Vec<u8>, Stamp)>, SidecarError> {
    let err = |source| SidecarError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(err(e)),
    };
    let meta = file.metadata().map_err(err)?;
    if meta.is_dir() {
        return Err(err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder",
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).map_err(err)?;
    let stamp = Stamp {
        modified: meta.modified().ok(),
        len: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    };
    Ok(Some((bytes, stamp)))
}

/// The stamp of the file now, without parsing; `None` when there is none.
pub fn stamp(path: &Path) -> Result<Option<Stamp>, SidecarError> {
    Ok(read_bytes(path)?.map(|(_, s)| s))
}

/// Parse sidecar bytes; `path` is only for the error message.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Document, SidecarError> {
    let corrupt = |line: usize, column: usize, reason: String| SidecarError::Corrupt {
        path: path.to_path_buf(),
        line,
        column,
        reason,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(corrupt(1, 1, "the file is empty".to_string()));
    }
    // First as plain JSON, to tell broken JSON from a newer schema before the
    // typed parse complains about fields it does not know.
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| json_error(path, &e))?;
    let Some(schema) = value.get("schema").and_then(serde_json::Value::as_u64) else {
        return Err(corrupt(
            1,
            1,
            "no numeric \"schema\" field: not a juesuan annotations file".to_string(),
        ));
    };
    if schema > u64::from(SCHEMA) {
        let (line, column) = position_of(bytes, b"\"schema\"");
        return Err(SidecarError::NewerSchema {
            path: path.to_path_buf(),
            line,
            column,
            found: schema,
            supported: SCHEMA,
        });
    }
    serde_json::from_slice(bytes).map_err(|e| json_error(path, &e))
}

fn json_error(path: &Path, e: &serde_json::Error) -> SidecarError {
    use serde_json::error::Category;
    // serde_json appends " at line L column C"; we print those ourselves.
    let text = e.to_string();
    let msg = text
        .rsplit_once(" at line ")
        .map(|(m, _)| m.to_string())
        .unwrap_or(text);
    let reason = match e.classify() {
        Category::Eof => {
            format!("the file is truncated: it ends before the JSON is complete ({msg})")
        }
        Category::Syntax => format!("not valid JSON: {msg}"),
        Category::Data => format!("not a valid annotations file: {msg}"),
        Category::Io => format!("cannot read: {msg}"),
    };
    SidecarError::Corrupt {
        path: path.to_path_buf(),
        line: e.line().max(1),
        column: e.column().max(1),
        reason,
    }
}

/// 1-based line and column of the first occurrence of `needle` (1:1 if none).
fn position_of(bytes: &[u8], needle: &[u8]) -> (usize, usize) {
    let Some(at) = bytes.windows(needle.len()).position(|w| w == needle) else {
        return (1, 1);
    };
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The bytes juesuan writes for a document: pretty JSON and a final newline.
pub fn to_bytes(doc: &Document) -> io::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(doc).map_err(io::Error::other)?;
    out.push(b'\n');
    Ok(out)
}

/// sha256 of bytes as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The folder the sidecar lives in ("." for a bare file name).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "annotations".to_string())
}

/// Where the lock for a sidecar lives: `.NAME.lock` in the same folder.
pub fn lock_path(path: &Path) -> PathBuf {
    folder(path).join(format!(".{}.lock", file_name(path)))
}

/// An exclusive advisory lock on a sidecar; released when dropped (and by
/// the kernel when the process dies, so a killed writer never blocks others).
#[derive(Debug)]
pub struct SidecarLock {
    _file: File,
}

/// How long a writer waits for another writer's lock before giving up.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// Take the writer lock, waiting up to `timeout`.
pub fn lock(path: &Path, timeout: Duration) -> Result<SidecarLock, SidecarError> {
    let lock_file = lock_path(path);
    let write_err = |op: String, source| SidecarError::Write {
        path: path.to_path_buf(),
        op,
        source,
    };
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_file)
        .map_err(|e| {
            write_err(
                format!(
                    "create the lock file {} (is the folder writable? --annotations PATH puts the file elsewhere)",
                    lock_file.display()
                ),
                e,
            )
        })?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(SidecarLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(SidecarError::Busy {
                    path: path.to_path_buf(),
                    waited: start.elapsed(),
                })
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(write_err(format!("lock {}", lock_file.display()), e))
            }
        }
    }
}

/// Replace the sidecar with `bytes` atomically; call while holding [`lock`].
/// Returns the stamp of the new file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Stamp, SidecarError> {
    let dir = folder(path);
    let err = |op: String| {
        let path = path.to_path_buf();
        move |source| SidecarError::Write { path, op, source }
    };
    remove_stale_temps(path);
    let prefix = format!(".{}.", file_name(path));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // 0666 before the umask, as for any newly created file (tempfile's
        // default, 0600, would hide the sidecar from colleagues).
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(err(format!("create a temporary file in {}", dir.display())))?;
    let tmp_name = tmp.path().display().to_string();
    if let Ok(old) = fs::metadata(path) {
        tmp.as_file()
            .set_permissions(old.permissions())
            .map_err(err(format!(
                "copy the permissions of the old file to {tmp_name}"
            )))?;
    }
    tmp.write_all(bytes)
        .map_err(err(format!("write {tmp_name}")))?;
    tmp.as_file()
        .sync_all()
        .map_err(err(format!("fsync {tmp_name}")))?;
    let file = tmp
        .persist(path)
        .map_err(|e| err(format!("rename {tmp_name} over it"))(e.error))?;
    sync_folder(dir).map_err(err(format!("fsync the folder {}", dir.display())))?;
    let meta = file
        .metadata()
        .map_err(err("read back its metadata".to_string()))?;
    Ok(Stamp {
        modified: meta.modified().ok(),
        len: bytes.len() as u64,
        sha256: sha256_hex(bytes),
    })
}

const TEMP_SUFFIX: &str = ".tmp";

/// Temporary files a killed writer left behind. Only writers holding the lock
/// create them, so under the lock every one found is stale.
pub fn stale_temps(path: &Path) -> Vec<PathBuf> {
    let prefix = format!(".{}.", file_name(path));
    let Ok(entries) = fs::read_dir(folder(path)) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = file_name(p);
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
                .is_some_and(|mid| {
                    !mid.is_empty() && mid.chars().all(|c| c.is_ascii_alphanumeric())
                })
        })
        .collect()
}

fn remove_stale_temps(path: &Path) {
    for p in stale_temps(path) {
        // Best effort: a leftover we cannot remove harms nothing but tidiness.
        let _ = fs::remove_file(p);
    }
}

#[cfg(unix)]
fn sync_folder(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_dir: &Path) -> io::Result<()> {
    // Windows cannot open a folder as a file; its rename is durable enough.
    Ok(())
}

/// Move an unreadable sidecar aside to `NAME.bak` (or `NAME.bak.1`, …; an
/// older backup is never overwritten) so a fresh one can be started. Takes
/// the writer lock. Returns the backup's path.
pub fn move_aside(path: &Path) -> Result<PathBuf, SidecarError> {
    let _lock = lock(path, LOCK_TIMEOUT)?;
    let base = {
        let mut s = path.as_os_str().to_os_string();
        s.push(".bak");
        PathBuf::from(s)
    };
    let target = (0..1000)
        .map(|i| {
            if i == 0 {
                base.clone()
            } else {
                let mut s = base.as_os_str().to_os_string();
                s.push(format!(".{i}"));
                PathBuf::from(s)
            }
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .ok_or_else(|| SidecarError::Write {
            path: path.to_path_buf(),
            op: format!("find a free backup name beside {}", base.display()),
            source: io::Error::new(io::ErrorKind::AlreadyExists, "1000 backups exist"),
        })?;
    fs::rename(path, &target).map_err(|source| SidecarError::Write {
        path: path.to_path_buf(),
        op: format!("move it to {}", target.display()),
        source,
    })?;
    sync_folder(folder(path)).map_err(|source| SidecarError::Write {
        path: path.to_path_buf(),
        op: "fsync the folder".to_string(),
        source,
    })?;
    Ok(target)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn default_path_appends() {
        assert_eq!(
            default_path(Path::new("sample-data/a.txt")),
            PathBuf::from("sample-data/a.txt.audit.json")
        );
    }

    #[test]
    fn position_counts_chars() {
        assert_eq!(position_of(b"{\n  \"schema\": 9", b"\"schema\""), (2, 3));
        assert_eq!(position_of(b"x", b"\"schema\""), (1, 1));
    }

    #[test]
    fn bytes_round_trip() {
        let d = Document::default();
        let b = to_bytes(&d).unwrap();
        assert!(b.ends_with(b"}\n"));
        assert_eq!(parse(Path::new("x"), &b).unwrap(), d);
    }
}
