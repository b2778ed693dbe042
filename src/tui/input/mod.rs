//! From keys to named actions: key notation, the actions and the keymap
//! sections they belong to, the keymap (keymap.toml merged with the user's
//! file), and the settings file beside it. The keymap finds its user file
//! in the config directory ([`config::config_dir`]); both report their
//! problems as [`problem::Problem`]s, so the dependency runs one way.

pub mod action;
pub mod config;
pub mod key;
pub mod keymap;
pub mod problem;
