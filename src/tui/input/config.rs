//! The workbench's settings file, `config.toml` in the config directory
//! (`$XDG_CONFIG_HOME/juesuan/`, else the platform's): `ascii = true`, the
//! same as `--ascii`, and `auditor = "李审计"`, the name recorded with every
//! verdict and note (else $USER, else "unknown").

use crate::tui::input::problem::{Locator, Problem};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Settings read from config.toml.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Draw ASCII borders and markers (for terminals where box-drawing and
    /// symbols are double width, as in CJK locales).
    #[serde(default)]
    pub ascii: bool,
    /// The auditor's name in the annotations' history (else $USER).
    #[serde(default)]
    pub auditor: Option<String>,
}

/// Why config.toml could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// It could not be read.
    #[error("{path}: cannot read config: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// It is not valid.
    #[error("{0}")]
    Invalid(Problem),
}

/// juesuan's config directory: `$XDG_CONFIG_HOME/juesuan` when that is set
/// (on every platform, so tests and dotfiles behave alike), else the
/// platform's config directory.
pub fn config_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    xdg.or_else(dirs::config_dir).map(|d| d.join("juesuan"))
}

impl Config {
    /// Parse config text; `name` is used in the problem's position.
    pub fn parse(name: &str, text: &str) -> Result<Config, Problem> {
        toml::from_str(text).map_err(|e| Locator::new(name, text).toml_error(&e))
    }

    /// Read config.toml from the config directory; defaults when absent.
    pub fn load() -> Result<Config, ConfigError> {
        match config_dir().map(|d| d.join("config.toml")) {
            Some(p) if p.exists() => Config::load_from(&p),
            _ => Ok(Config::default()),
        }
    }

    /// Read a config file.
    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&path.display().to_string(), &text).map_err(ConfigError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn ascii_key_and_unknown_keys() {
        assert!(Config::parse("c", "ascii = true\n").unwrap().ascii);
        assert!(!Config::parse("c", "").unwrap().ascii);
        let c = Config::parse("c", "auditor = \"李审计\"\n").unwrap();
        assert_eq!(c.auditor.as_deref(), Some("李审计"));
        let p = Config::parse("c", "\nasci = true\n").unwrap_err();
        assert_eq!((p.pos.line, p.pos.column), (2, 1));
        assert!(p.message.contains("asci"), "{}", p.message);
    }
}
