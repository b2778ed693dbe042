//! Rendering cost of each view at 200×60 into ratatui's TestBackend, a key
//! press to the next frame, and startup (parse, check, index, first frame).
//! Targets (issue 4): first frame under 50 ms, key press to frame under 5 ms.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use juesuan::tui::draw::theme::Theme;
use juesuan::tui::input::key::Key;
use juesuan::tui::input::keymap::Keymap;
use juesuan::tui::load;
use juesuan::tui::workbench::app::App;
use juesuan::tui::workbench::ui;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const SAMPLE: &str = "sample-data/chaoyang-hrss-2024.txt";

fn app() -> App {
    let model = load(Path::new(SAMPLE)).unwrap();
    App::new(model, Keymap::defaults().unwrap(), Theme::new(false, true))
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        if let Some(text) = k.strip_prefix("text:") {
            text.chars().for_each(|c| app.handle_key(Key::char(c)));
        } else {
            app.handle_key(Key::parse(k).unwrap());
        }
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| {
            let area = f.area();
            ui::draw(app, area, f.buffer_mut());
        })
        .unwrap();
}

fn views(c: &mut Criterion) {
    let cases = [
        ("startup_findings", ""),
        ("table_02", "1 g g j <Enter>"),
        ("table_06_three_panels", "1 g g j j j j j <Enter>"),
        ("project", "2 j <Enter>"),
        ("source", "3 G <Enter> s"),
        ("drill_down", "3 G <Enter>"),
        ("finder_zfcg", "<C-p> text:zfcg"),
        ("help", "?"),
    ];
    let mut g = c.benchmark_group("render_200x60");
    for (name, keys) in cases {
        let mut a = app();
        press(&mut a, keys);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| {
                // A fresh buffer each time, so every cell is really drawn.
                terminal.clear().unwrap();
                draw(&mut terminal, black_box(&a));
            })
        });
    }
    g.finish();
}

fn keypress(c: &mut Criterion) {
    let mut g = c.benchmark_group("keypress_to_frame_200x60");
    for (name, keys, step) in [
        ("table_down_up", "3 G <Enter>", ["j", "k"]),
        ("findings_down_up", "3", ["j", "k"]),
        ("source_down_up", "3 G <Enter> s", ["j", "k"]),
        ("next_prev_finding", "", ["]", "["]),
    ] {
        let mut a = app();
        press(&mut a, keys);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        draw(&mut terminal, &a);
        let keys = [Key::parse(step[0]).unwrap(), Key::parse(step[1]).unwrap()];
        let mut i = 0;
        g.bench_function(name, |b| {
            b.iter(|| {
                a.handle_key(keys[i % 2]);
                i += 1;
                draw(&mut terminal, &a);
            })
        });
    }
    // Typing into the finder re-scores every item.
    let mut a = app();
    press(&mut a, "<C-p>");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    g.bench_function("finder_type_and_delete", |b| {
        let mut n = 0;
        b.iter(|| {
            let k = if n % 2 == 0 {
                Key::char('z')
            } else {
                Key::parse("<Backspace>").unwrap()
            };
            n += 1;
            a.handle_key(k);
            draw(&mut terminal, &a);
        })
    });
    g.finish();
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.bench_function("parse_check_index_first_frame_200x60", |b| {
        b.iter(|| {
            let a = app();
            let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
            draw(&mut terminal, &a);
            black_box(terminal.backend().buffer().area);
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = views, keypress, startup
}
criterion_main!(benches);
