//! The workbench on one report: the app state (panes, focus, the finding
//! being looked at, the jump list), the dispatch of named actions, the
//! review actions on the auditor's annotations, and the layout that draws it.

pub mod annotations;
pub mod app;
pub mod pending;
mod review;
pub mod state;
pub mod ui;
