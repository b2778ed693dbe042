//! From keys to named actions: key notation, the actions and the keymap
//! sections they belong to, the keymap (keymap.toml merged with the user's
//! file), and the settings file beside it.

pub mod action;
pub mod config;
pub mod key;
pub mod keymap;
