//! The terminal workbench (工作台): schedules, projects and findings in
//! panes, drill-down from a finding to its cells and source lines. It only
//! displays what the library produced (`parse`, `rules`).

pub mod action;
pub mod config;
pub mod format;
pub mod key;
pub mod keymap;
pub mod matcher;
pub mod model;
pub mod theme;
pub mod tree;
pub mod width;
