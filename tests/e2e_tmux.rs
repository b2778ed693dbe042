//! End-to-end: the real binary in a real terminal (tmux), driven with
//! send-keys and read back with capture-pane. Each test runs its own tmux
//! server (`-L`), so tests do not see each other or the user's sessions.
//! Skipped, with a message, when tmux is not installed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_juesuan");

fn tmux_available() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("skipped: tmux is not installed (.ci/run installs it)");
    }
    ok
}

/// A tmux server with one 100×30 window running a shell command; killed on drop.
struct Tmux {
    socket: String,
    _config: tempfile::TempDir,
    // One test's terminals at a time: a dozen tmux servers racing on a
    // loaded 2-core CI machine made the timing-based waits flaky.
    _turn: Turn,
}

static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

thread_local! {
    /// How many `Tmux` this test thread holds: a test that starts a second
    /// terminal already has its turn (re-entrant, so it cannot deadlock).
    static HELD: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// This thread's turn at the terminals, released with its last `Tmux`.
struct Turn(#[allow(dead_code)] Option<std::sync::MutexGuard<'static, ()>>);

impl Turn {
    fn take() -> Turn {
        let guard =
            (HELD.get() == 0).then(|| ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner()));
        HELD.set(HELD.get() + 1);
        Turn(guard)
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        HELD.set(HELD.get().saturating_sub(1));
    }
}

impl Tmux {
    /// Start `command` (run by sh) with an empty config directory, no colour.
    fn start(name: &str, command: &str) -> Tmux {
        Tmux::start_env(name, command, &[])
    }

    fn start_env(name: &str, command: &str, env: &[(&str, &str)]) -> Tmux {
        let turn = Turn::take();
        let config = tempfile::tempdir().unwrap();
        let socket = format!("juesuan-e2e-{}-{name}", std::process::id());
        let mut vars = vec![
            format!("XDG_CONFIG_HOME={}", config.path().display()),
            "NO_COLOR=1".to_string(),
            "TERM=xterm-256color".to_string(),
        ];
        vars.extend(env.iter().map(|(k, v)| format!("{k}={v}")));
        let full = format!("env {} {command}", vars.join(" "));
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
            ])
            .arg("-c")
            .arg(env!("CARGO_MANIFEST_DIR"))
            .arg(&full)
            .status()
            .unwrap();
        assert!(status.success(), "tmux new-session failed");
        Tmux {
            socket,
            _config: config,
            _turn: turn,
        }
    }

    fn config_dir(&self) -> PathBuf {
        self._config.path().to_path_buf()
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Send keys by tmux's names (`Enter`, `C-o`, `G`).
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", k]);
        }
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    /// The screen once two captures in a row agree (no frame half written).
    fn settled(&self) -> String {
        self.wait_until("a settled screen", |_| true)
    }

    /// The screen with attributes as escape sequences.
    fn screen_styled(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e"])
    }

    /// Wait until the screen contains `text`; the screen then.
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |s| s.contains(text))
    }

    /// Wait until `ok` holds for the screen (`what` names it in the failure)
    /// and the screen has settled: a capture taken while the program is still
    /// writing a frame can hold its first half only (seen in CI: the header
    /// drawn, the status line not yet), so `ok` must hold on two captures in a
    /// row that are the same.
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last: Option<String> = None;
        loop {
            let s = self.screen();
            if ok(&s) {
                if last.as_deref() == Some(s.as_str()) {
                    return s;
                }
                last = Some(s);
                std::thread::sleep(Duration::from_millis(30));
                continue;
            }
            last = None;
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn status_line(screen: &str) -> &str {
    screen.lines().nth(28).unwrap_or("")
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{screen}"))
}

#[test]
fn open_the_sample_walk_to_a_finding_and_drill_down() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("drill", BIN);
    let s = t.wait_for("问题 Findings");
    // The header names the department, the year and the file.
    let header = s.lines().next().unwrap();
    assert!(header.contains("chaoyang-hrss-2024.txt"), "{s}");
    assert!(
        header.contains("朝阳市人力资源") && header.contains("2024年度"),
        "{s}"
    );
    assert!(
        status_line(&s).contains('✗') && status_line(&s).contains('▲'),
        "{s}"
    );
    // Walk the findings list to the ROUNDING note on 公开05表 合计 小计 (found
    // by its text, so new rules do not move it), then drill in.
    t.keys(&["3", "F", "C-u"]);
    t.tmux(&["send-keys", "-l", "ROUNDING"]);
    t.keys(&["Enter"]);
    t.wait_for("过滤 filter");
    let mut walked = 0;
    while !status_line(&t.settled()).contains("公开05表 · 合计 · 小计") {
        t.keys(&["j"]);
        walked += 1;
        assert!(
            walked < 50,
            "never reached 公开05表 合计 小计:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    t.keys(&["Enter"]);
    let s = t.wait_until("the table focused", |s| s.contains("┌▶ 公开05表"));
    // The total is the primary location, its parts are marked.
    assert!(line_with(&s, "  合计 ").contains("▶4,766.06"), "{s}");
    assert!(line_with(&s, "│ 205 ").contains("◆    5.40"), "{s}");
    assert!(line_with(&s, "│ 208 ").contains("◆4,680.43"), "{s}");
    assert!(
        status_line(&s).contains("公开05表 · 合计 · 小计 · 问题 "),
        "{s}"
    );
    assert!(
        s.contains("应为 4,766.07 │ 实际 4,766.06 │ 差额 -0.01"),
        "{s}"
    );
    // The cursor cell is drawn in reverse video (SGR 7), and it is the total.
    let styled = t.screen_styled();
    let row = line_with(&styled, "4,766.06");
    let at = row.find("4,766.06").unwrap();
    let before = &row[..at];
    let last_sgr = before.rfind("\x1b[").map(|i| &before[i..]).unwrap_or("");
    assert!(last_sgr.contains('7'), "cursor cell not reversed: {row:?}");
    // Back to the source lines of the same finding, and back again.
    t.keys(&["s"]);
    let s = t.wait_for("原文 行504/1153");
    assert!(line_with(&s, " 504 ").contains("▶ 504 │ 合计"), "{s}");
    t.keys(&["s"]);
    t.wait_for("公开05表 · 合计 · 小计");
    // One step back in the jump list: the findings list has focus again.
    t.keys(&["C-o"]);
    t.wait_until("the findings list focused", |s| {
        s.lines().any(|l| l.contains("┌▶ 问题 Findings"))
    });
}

#[test]
fn next_finding_from_anywhere_and_the_finder() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("finder", BIN);
    t.wait_for("问题 Findings");
    t.keys(&["1", "]"]);
    t.wait_for("问题 2/");
    t.keys(&["C-p"]);
    t.wait_for("查找 Find");
    t.keys(&["z", "f", "c", "g"]);
    t.wait_for("政府采购支出总额");
    t.keys(&["Enter"]);
    let s = t.wait_for("原文 行");
    assert!(line_with(&s, "政府采购支出总额").contains('│'), "{s}");
}

#[test]
fn a_pdf_finding_on_its_page_laid_out_by_position() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start(
        "page",
        &format!("{BIN} sample-data/shanghai-putuo-finance-2024.pdf"),
    );
    t.wait_for("问题 Findings");
    // To the TEXT-SHARE error ("占71.73%" where 2,106.66 ÷ 2,940.05 = 71.65%)
    // through the finder, then the page it is on.
    t.keys(&["C-p"]);
    t.wait_for("查找 Find");
    t.tmux(&["send-keys", "-l", "TEXT-SHARE"]);
    t.wait_for("占");
    t.keys(&["Enter"]);
    t.wait_for("TEXT-SHARE · 问题");
    t.keys(&["p"]);
    let s = t.wait_for("版面 Page 21/25");
    assert!(status_line(&s).contains("版面 第21/25页"), "{s}");
    // The finding's paragraph is marked row by row (▶), and its figures are
    // on those rows: the page, not the drill-down box, shows them.
    let marked: Vec<&str> = s.lines().filter(|l| l.contains("│▶")).collect();
    assert!(marked.len() >= 2, "{s}");
    let joined = marked.join("\n");
    assert!(
        joined.contains("71.73%") && joined.contains("2106.66"),
        "{s}"
    );
    // The next page, and `p` again back to where it was opened.
    t.keys(&[">"]);
    t.wait_for("版面 Page 22/25");
    t.keys(&["p"]);
    t.wait_until("the page view left", |s| !s.contains("版面 Page"));
}

#[test]
fn quitting_restores_the_terminal() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start(
        "quit",
        &format!("sh -c '{BIN}; echo exit=$?; stty -a | tr \" \" \"\\n\" | grep -x -e icanon -e -icanon; sleep 30'"),
    );
    t.wait_for("问题 Findings");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    let s = t.wait_until("stty's icanon flag", |s| {
        s.lines()
            .any(|l| l.trim() == "icanon" || l.trim() == "-icanon")
    });
    // Cooked mode is back (icanon, not -icanon) and the alternate screen is gone.
    assert!(s.lines().any(|l| l.trim() == "icanon"), "{s}");
    assert_eq!(t.tmux(&["display", "-p", "#{alternate_on}"]).trim(), "0");
}

#[test]
fn ctrl_c_quits_and_restores_too() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("ctrlc", &format!("sh -c '{BIN}; echo exit=$?; sleep 30'"));
    t.wait_for("问题 Findings");
    t.keys(&["C-c"]);
    t.wait_for("exit=0");
    assert_eq!(t.tmux(&["display", "-p", "#{alternate_on}"]).trim(), "0");
}

#[test]
fn resizing_redraws_and_narrow_shows_one_pane() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("resize", BIN);
    t.wait_for("公开表 Schedules");
    t.tmux(&["resize-window", "-x", "60", "-y", "20"]);
    let start = Instant::now();
    loop {
        let s = t.screen();
        if !s.contains("公开表 Schedules") && s.contains("问题 Findings") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no narrow layout:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    t.tmux(&["resize-window", "-x", "100", "-y", "30"]);
    t.wait_for("公开表 Schedules");
}

#[test]
fn ascii_mode_and_term_screen() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start_env("ascii", &format!("{BIN} --ascii"), &[("TERM", "screen")]);
    let s = t.wait_for("Findings");
    // The line under the header starts the panes' borders.
    assert!(s.lines().nth(1).unwrap().starts_with("+ "), "{s}");
    t.keys(&["C-p"]);
    t.tmux(&["send-keys", "-l", "ROUNDING 公开05表 小计"]);
    t.keys(&["Enter"]);
    let s = t.wait_for("@4,766.06");
    assert!(line_with(&s, "@4,766.06").starts_with('|'), "{s}");
    assert!(!s.contains('│') && !s.contains('─'), "{s}");
}

#[test]
fn an_invalid_keymap_gives_its_error_and_exit_code_2() {
    // Without a terminal: the error is printed before any screen is set up.
    let out = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--keymap", "tests/keymaps/invalid/unknown_action.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tests/keymaps/invalid/unknown_action.toml:3:41: unknown action `next_findng`; did you mean `next_finding`?"),
        "{err}"
    );
    // keymap --check on every invalid fixture: exit 2 and file:line:column.
    for entry in std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/keymaps/invalid"
    ))
    .unwrap()
    {
        let path = entry.unwrap().path();
        let out = Command::new(BIN)
            .args(["keymap", "--check"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(&format!("{}:", path.display())), "{err}");
    }
    let out = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "keymap",
            "--check",
            "tests/keymaps/valid/prepend_and_unbind.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_invalid_user_keymap_in_the_config_dir_is_not_dropped_silently() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start(
        "userkeymap",
        &format!("sh -c 'sleep 0.5; {BIN}; echo exit=$?; sleep 30'"),
    );
    let dir = t.config_dir().join("juesuan");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("keymap.toml"),
        "[table]\nprepend_keymap = [ { on = \"gg\", run = \"top\" } ]\n",
    )
    .unwrap();
    let s = t.wait_for("exit=2");
    assert!(s.contains("keymap.toml:2:27:"), "{s}");
    assert!(s.contains("write a chord as an array"), "{s}");
}

#[test]
fn ascii_from_config_toml() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("config", &format!("sh -c 'sleep 0.5; {BIN}'"));
    let dir = t.config_dir().join("juesuan");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "ascii = true\n").unwrap();
    let s = t.wait_for("Findings");
    // The line under the header starts the panes' borders.
    assert!(s.lines().nth(1).unwrap().starts_with("+ "), "{s}");
}

#[test]
fn copy_reaches_the_clipboard_through_osc_52() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("osc52", BIN);
    // With set-clipboard on, tmux takes an application's OSC 52 into a paste buffer.
    t.tmux(&["set", "-g", "set-clipboard", "on"]);
    t.wait_for("问题 Findings");
    t.keys(&["C-p"]);
    t.tmux(&["send-keys", "-l", "ROUNDING 公开05表 小计"]);
    t.keys(&["Enter"]);
    t.wait_for("公开05表 · 合计 · 小计");
    t.keys(&["y"]);
    t.wait_for("已复制 copied: 4766.06");
    let start = Instant::now();
    while t.tmux(&["show-buffer"]) != "4766.06" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "buffer: {:?}",
            t.tmux(&["show-buffer"])
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether a capture with escapes sets a foreground or background colour.
fn has_colour(styled: &str) -> bool {
    let re = regex::Regex::new(r"\x1b\[([0-9;]*)m").unwrap();
    let coloured = re.captures_iter(styled).any(|c| {
        c[1].split(';')
            .filter_map(|p| p.parse::<u32>().ok())
            .any(|n| {
                (30..=37).contains(&n)
                    || (40..=47).contains(&n)
                    || (90..=97).contains(&n)
                    || n == 38
                    || n == 48
            })
    });
    coloured
}

#[test]
fn no_color_is_honoured() {
    if !tmux_available() {
        return;
    }
    let plain = Tmux::start("nocolor", BIN);
    plain.wait_for("问题 Findings");
    let styled = plain.screen_styled();
    assert!(!has_colour(&styled), "colour with NO_COLOR=1");
    // Reverse video still marks the cursor without colour.
    assert!(
        styled.contains("\x1b[7m") || styled.contains(";7m"),
        "{styled}"
    );
    let coloured = Tmux::start_env("color", BIN, &[("NO_COLOR", "")]);
    coloured.wait_for("问题 Findings");
    assert!(
        has_colour(&coloured.screen_styled()),
        "no colour without NO_COLOR"
    );
}

#[test]
fn confirm_with_a_note_quit_reopen_and_the_sidecar_holds_them() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/chaoyang-hrss-2024.txt"),
        &report,
    )
    .unwrap();
    let r = report.display();
    let t = Tmux::start(
        "review",
        &format!(
            "sh -c 'sleep 0.5; {BIN} {r}; echo first=$?; {BIN} {r}; echo second=$?; sleep 30'"
        ),
    );
    let conf = t.config_dir().join("juesuan");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(conf.join("config.toml"), "auditor = \"王审计\"\n").unwrap();
    let s = t.wait_for("问题 Findings");
    assert!(status_line(&s).contains("审0/"), "{s}");
    // Write a note on the first finding (the first error, whichever rule):
    // typed, a line break, and a bracketed paste of two lines; then confirm
    // it (which moves on to the next finding).
    t.keys(&["e"]);
    t.wait_for("C-s saves");
    t.tmux(&["send-keys", "-l", "与财政局核对"]);
    t.keys(&["Enter"]);
    t.tmux(&["set-buffer", "粘贴第一行\n粘贴第二行"]);
    t.tmux(&["paste-buffer", "-p"]);
    t.wait_for("粘贴第二行");
    t.keys(&["C-s"]);
    t.wait_for("备注已保存");
    t.keys(&["c"]);
    t.wait_for("审1/");
    t.keys(&["q"]);
    t.wait_for("first=0");
    // Reopened: the marker, the verdict and the note are on screen.
    let s = t.wait_until("the second run", |s| {
        s.contains("问题 Findings") && !s.contains("first=0")
    });
    assert!(status_line(&s).contains("审1/"), "{s}");
    assert!(
        s.contains("│  ✓ ✗ "),
        "the first error carries the confirmed marker: {s}"
    );
    assert!(s.contains("审核 确认 confirmed · 王审计"), "{s}");
    assert!(s.contains("备注 note: 与财政局核对"), "{s}");
    assert!(s.contains("粘贴第一行"), "{s}");
    t.keys(&["q"]);
    t.wait_for("second=0");
    let side = std::fs::read_to_string(dir.path().join("report.txt.audit.json")).unwrap();
    assert!(side.contains("\"verdict\": \"confirmed\""), "{side}");
    assert!(
        side.contains("与财政局核对\\n粘贴第一行\\n粘贴第二行"),
        "{side}"
    );
    assert!(side.contains("\"by\": \"王审计\""), "{side}");
}

#[test]
fn a_terminating_signal_restores_the_terminal_and_exits_128_plus_it() {
    if !tmux_available() {
        return;
    }
    for (sig, code) in [("TERM", 143), ("HUP", 129)] {
        let t = Tmux::start(
            &format!("sig{sig}"),
            &format!("sh -c '{BIN}; echo exit=$?; stty -a | tr \" \" \"\\n\" | grep -x -e icanon -e -icanon; sleep 30'"),
        );
        t.wait_for("问题 Findings");
        // The pane runs sh; juesuan is its child.
        let sh = t.tmux(&["display", "-p", "#{pane_pid}"]);
        let child = Command::new("pgrep")
            .args(["-P", sh.trim()])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&child.stdout).trim().to_string();
        assert!(!pid.is_empty(), "juesuan runs under the pane's shell");
        let killed = Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        t.wait_for(&format!("exit={code}"));
        let s = t.wait_until("stty's icanon flag", |s| {
            s.lines()
                .any(|l| l.trim() == "icanon" || l.trim() == "-icanon")
        });
        assert!(s.lines().any(|l| l.trim() == "icanon"), "SIG{sig}: {s}");
        assert_eq!(t.tmux(&["display", "-p", "#{alternate_on}"]).trim(), "0");
    }
}

/// Whether process `pid` has ended (gone, or a zombie nobody reaped yet).
fn ended(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // "pid (comm) STATE …"
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

#[test]
fn when_the_terminal_goes_away_juesuan_exits_rather_than_spin() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pidfile = dir.path().join("pid");
    let t = Tmux::start(
        "gone",
        &format!("sh -c 'echo $$ > {}; exec {BIN}'", pidfile.display()),
    );
    t.wait_for("问题 Findings");
    let pid = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .to_string();
    assert!(!ended(&pid), "juesuan runs");
    // As when an SSH link drops: the terminal closes under it (SIGHUP).
    drop(t);
    let start = Instant::now();
    while !ended(&pid) {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = Command::new("kill").args(["-9", &pid]).status();
            panic!("juesuan {pid} was still running 10 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The review gauge in the status line: `审reviewed/total`.
fn gauge(screen: &str) -> Option<(usize, usize)> {
    let s = status_line(screen);
    let rest = &s[s.find('审')? + '审'.len_utf8()..];
    let (done, rest) = rest.split_once('/')?;
    let total: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((done.parse().ok()?, total.parse().ok()?))
}

/// A whole review at speed: every finding judged with one key each (the
/// selection moves on by itself), one dismissal with its reason, two notes
/// (one in Chinese), the working paper exported; then the sidecar holds
/// every verdict and both notes, and a reopened workbench shows the review
/// complete and the note.
#[test]
fn a_whole_review_one_key_per_verdict() {
    whole_review("sample-data/chaoyang-hrss-2024.txt", "report.txt", 20);
}

/// The same review over the published PDF.
#[test]
fn a_whole_review_of_a_pdf_one_key_per_verdict() {
    whole_review(
        "sample-data/shanghai-putuo-finance-2024.pdf",
        "report.pdf",
        12,
    );
}

/// Open `sample` (copied as `name`), give every finding a verdict (one key
/// each but one dismissal), two notes (one Chinese), export, quit, reopen,
/// and find it all in the sidecar, the working paper and on screen.
fn whole_review(sample: &str, name: &str, min_findings: usize) {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join(name);
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(sample),
        &report,
    )
    .unwrap();
    let r = report.display();
    let t = Tmux::start(
        &format!("whole-{}", name.replace('.', "-")),
        &format!(
            "sh -c 'sleep 0.5; {BIN} {r}; echo first=$?; {BIN} {r}; echo second=$?; sleep 30'"
        ),
    );
    let conf = t.config_dir().join("juesuan");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(conf.join("config.toml"), "auditor = \"王审计\"\n").unwrap();
    let s = t.wait_for("问题 Findings");
    let (done, total) = gauge(&s).unwrap_or_else(|| panic!("no gauge: {s}"));
    assert_eq!(done, 0, "{s}");
    assert!(total > min_findings, "{s}");

    let zh_note = "已与单位核实，确认差错";
    let en_note = "checked with the bureau: timing difference";
    let reason = "口径不同，不属差错";
    // The first note, in Chinese, typed as text.
    t.keys(&["e"]);
    t.wait_for("C-s saves");
    t.tmux(&["send-keys", "-l", zh_note]);
    t.wait_for(zh_note);
    t.keys(&["C-s"]);
    t.wait_for("备注已保存");

    let plain = ["c", "u", "r"];
    let (mut plain_keys, mut plain_verdicts) = (0usize, 0usize);
    let mut verdicts = 0usize;
    let mut reviewed = 0;
    while reviewed < total {
        verdicts += 1;
        if verdicts == 12 {
            // The second note, before this finding's verdict (not a verdict key).
            t.keys(&["e"]);
            t.wait_for("C-s saves");
            t.tmux(&["send-keys", "-l", en_note]);
            t.keys(&["C-s"]);
            t.wait_for("备注已保存");
        }
        let is_plain = verdicts != 5;
        if is_plain {
            // Only the verdict key: no key to move to the next finding.
            t.keys(&[plain[verdicts % plain.len()]]);
            plain_keys += 1;
        } else {
            // One dismissal: d, the reason, Enter.
            t.keys(&["d"]);
            t.wait_for("排除理由 reason");
            t.tmux(&["send-keys", "-l", reason]);
            t.keys(&["Enter"]);
        }
        let before = reviewed;
        let s = t.wait_until("the gauge to move", |s| {
            gauge(s).is_some_and(|(d, _)| d > before)
        });
        reviewed = gauge(&s).unwrap().0;
        // Counted from the screen: how many findings the key judged.
        if is_plain {
            plain_verdicts += reviewed - before;
        }
        if reviewed == total {
            assert!(s.contains("全部已审 all findings reviewed"), "{s}");
        } else {
            assert!(!s.contains("全部已审"), "{s}");
        }
    }
    // At most one key per plain verdict: the selection moved on by itself
    // (a key that left the selection on a judged finding would not move
    // the gauge, and the wait above would time out).
    assert!(plain_verdicts > min_findings - 2);
    assert!(
        plain_keys <= plain_verdicts,
        "{plain_keys} keys for {plain_verdicts} verdicts"
    );
    println!(
        "whole review: {verdicts} verdicts on {total} findings; \
         {plain_keys} keys for {plain_verdicts} plain verdicts"
    );

    t.keys(&["E"]);
    t.wait_for("已导出 exported");
    let md = std::fs::read_to_string(dir.path().join(format!("{name}.audit.md"))).unwrap();
    assert!(md.contains(zh_note) && md.contains(en_note), "{md}");
    t.keys(&["q"]);
    t.wait_for("first=0");

    // The sidecar: every finding has a verdict; both notes, the reason.
    let side = std::fs::read_to_string(dir.path().join(format!("{name}.audit.json"))).unwrap();
    let json: serde_json::Value = serde_json::from_str(&side).unwrap();
    let annotations = json["annotations"].as_object().unwrap();
    let parsed = juesuan::input::read_file(&report).unwrap();
    let findings = juesuan::rules::check(&parsed);
    assert_eq!(findings.len(), total);
    for f in &findings {
        let v = annotations[&f.id]["verdict"].as_str().unwrap();
        assert!(
            ["confirmed", "dismissed", "follow-up", "resolved"].contains(&v),
            "{}: {v}",
            f.id
        );
    }
    let notes: Vec<&str> = annotations
        .values()
        .filter_map(|a| a["note"].as_str())
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes.contains(&zh_note) && notes.contains(&en_note),
        "{notes:?}"
    );
    assert!(side.contains(reason), "{side}");
    assert!(side.contains("\"by\": \"王审计\""));

    // Reopened: the review complete, the first finding's note shown.
    let s = t.wait_until("the second run", |s| {
        s.contains("问题 Findings") && !s.contains("first=0")
    });
    assert_eq!(gauge(&s), Some((total, total)), "{s}");
    assert!(s.contains(&format!("备注 note: {zh_note}")), "{s}");
    t.keys(&["q"]);
    t.wait_for("second=0");
}

/// The portfolio's hint line (the last of the 30): its keys and the
/// selected report's file.
fn hint_line(screen: &str) -> &str {
    screen.lines().nth(29).unwrap_or("").trim_end()
}

/// The 待复核 and 复核 cells of the portfolio row naming `file`:
/// (unreviewed errors, unreviewed warnings, reviewed).
fn triage_counts(screen: &str, file: &str) -> (usize, usize, usize) {
    let row = line_with(screen, file);
    let pairs: Vec<(usize, usize)> = row
        .split_whitespace()
        .filter_map(|w| {
            let (a, b) = w.trim_matches('│').split_once('/')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    let (Some(open), Some(review)) = (pairs.first(), pairs.last()) else {
        panic!("no counts in {row:?}");
    };
    (open.0, open.1, review.0)
}

/// The portfolio as a triage view: two copies of the sample, the first
/// opened, three findings confirmed, Esc back: its row says three fewer
/// unreviewed errors, it sorts below the other copy, and the cursor is on it.
#[test]
fn portfolio_counts_refresh_after_review_and_the_cursor_follows_the_report() {
    if !tmux_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("triage");
    std::fs::create_dir(&dir).unwrap();
    for name in ["a-first.txt", "b-second.txt"] {
        std::fs::copy("sample-data/chaoyang-hrss-2024.txt", dir.join(name)).unwrap();
    }
    let t = Tmux::start("triage", &format!("{BIN} {}", dir.display()));
    let s = t.wait_for("2/2 checked");
    assert!(s.contains("sort unreviewed 待复核 desc"), "{s}");
    // The department is the first column.
    assert!(
        line_with(&s, "a-first.txt").contains("朝阳市人力资源"),
        "{s}"
    );
    let (errors, warnings, reviewed) = triage_counts(&s, "a-first.txt");
    assert_eq!(triage_counts(&s, "b-second.txt"), (errors, warnings, 0));
    assert!(errors >= 3 && reviewed == 0, "{s}");
    // Equal counts: the walk's order, the cursor on top (the hint line names it).
    assert!(hint_line(&s).ends_with("· a-first.txt"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("问题 Findings");
    t.keys(&["c", "c", "c"]);
    t.wait_for("审3/");
    t.keys(&["Escape"]);
    let s = t.wait_for("汇总 Portfolio");
    assert_eq!(
        triage_counts(&s, "a-first.txt"),
        (errors - 3, warnings, 3),
        "{s}"
    );
    assert_eq!(triage_counts(&s, "b-second.txt"), (errors, warnings, 0));
    // a now has fewer unreviewed errors: b is on top, and the cursor stayed on a.
    let at = |name: &str| s.lines().position(|l| l.contains(name)).unwrap();
    assert!(at("b-second.txt") < at("a-first.txt"), "{s}");
    assert!(hint_line(&s).ends_with("· a-first.txt"), "{s}");
    let styled = t.screen_styled();
    // tmux writes reverse video as `ESC[7m` or combined, `ESC[0;7m`.
    let reversed = |row: &str| row.contains("\u{1b}[7m") || row.contains(";7m");
    let row = line_with(&styled, "a-first.txt");
    assert!(reversed(row), "the cursor row is reversed: {row:?}");
    let other = line_with(&styled, "b-second.txt");
    assert!(!reversed(other), "only the cursor row: {other:?}");
    t.keys(&["q"]);
}
