//! Whether the terminal can show an image of the page (a crop of the PDF
//! page around the evidence, [`crate::tui::page_image`]): the kitty
//! graphics protocol, iTerm2's inline images, or sixel. Detected from the
//! environment only (never by a query the terminal might not answer over
//! a slow link); none is assumed when nothing says so.

/// A terminal image protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProtocol {
    /// kitty's graphics protocol (kitty, Ghostty).
    Kitty,
    /// iTerm2's inline images (iTerm2, WezTerm).
    Iterm2,
    /// DEC sixel graphics (foot, mlterm, a TERM that says so).
    Sixel,
}

impl ImageProtocol {
    /// Its name, as the page view's title shows it.
    pub fn name(self) -> &'static str {
        match self {
            ImageProtocol::Kitty => "kitty",
            ImageProtocol::Iterm2 => "iTerm2",
            ImageProtocol::Sixel => "sixel",
        }
    }
}

/// The protocol the terminal described by `var` (an environment lookup)
/// supports, if any is known. Inside tmux or screen none is assumed: their
/// passthrough has to be switched on, and they report their own TERM.
pub fn detect(var: impl Fn(&str) -> Option<String>) -> Option<ImageProtocol> {
    let get = |k: &str| var(k).filter(|v| !v.is_empty());
    let term = get("TERM").unwrap_or_default();
    if get("TMUX").is_some() || term.starts_with("screen") || term.starts_with("tmux") {
        return None;
    }
    let program = get("TERM_PROGRAM").unwrap_or_default();
    if get("KITTY_WINDOW_ID").is_some() || term == "xterm-kitty" || program == "ghostty" {
        return Some(ImageProtocol::Kitty);
    }
    if program == "iTerm.app"
        || program == "WezTerm"
        || get("LC_TERMINAL").as_deref() == Some("iTerm2")
    {
        return Some(ImageProtocol::Iterm2);
    }
    if term.contains("sixel") || term.starts_with("foot") || term.starts_with("mlterm") {
        return Some(ImageProtocol::Sixel);
    }
    None
}

/// The size of a terminal cell in pixels, from the window size the terminal
/// reports (TIOCGWINSZ); 10 × 20 when it reports none.
pub fn cell_pixels() -> (u16, u16) {
    match crossterm::terminal::window_size() {
        Ok(w) if w.columns > 0 && w.rows > 0 && w.width >= w.columns && w.height >= w.rows => {
            (w.width / w.columns, w.height / w.rows)
        }
        _ => (10, 20),
    }
}

/// [`detect`] on this process's environment.
pub fn from_env() -> Option<ImageProtocol> {
    detect(|k| std::env::var(k).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn kitty_by_its_window_id_or_term() {
        assert_eq!(
            detect(env(&[("KITTY_WINDOW_ID", "1"), ("TERM", "xterm-256color")])),
            Some(ImageProtocol::Kitty)
        );
        assert_eq!(
            detect(env(&[("TERM", "xterm-kitty")])),
            Some(ImageProtocol::Kitty)
        );
        assert_eq!(
            detect(env(&[("TERM_PROGRAM", "ghostty")])),
            Some(ImageProtocol::Kitty)
        );
    }

    #[test]
    fn iterm2_and_wezterm_by_term_program() {
        assert_eq!(
            detect(env(&[("TERM_PROGRAM", "iTerm.app")])),
            Some(ImageProtocol::Iterm2)
        );
        assert_eq!(
            detect(env(&[("LC_TERMINAL", "iTerm2")])),
            Some(ImageProtocol::Iterm2)
        );
        assert_eq!(
            detect(env(&[("TERM_PROGRAM", "WezTerm")])),
            Some(ImageProtocol::Iterm2)
        );
    }

    #[test]
    fn sixel_by_term() {
        assert_eq!(detect(env(&[("TERM", "foot")])), Some(ImageProtocol::Sixel));
        assert_eq!(
            detect(env(&[("TERM", "xterm-sixel")])),
            Some(ImageProtocol::Sixel)
        );
        assert_eq!(
            detect(env(&[("TERM", "mlterm")])),
            Some(ImageProtocol::Sixel)
        );
    }

    #[test]
    fn none_in_tmux_plain_xterm_or_an_empty_environment() {
        assert_eq!(
            detect(env(&[
                ("TMUX", "/tmp/tmux-0/default,1,0"),
                ("KITTY_WINDOW_ID", "1")
            ])),
            None
        );
        assert_eq!(
            detect(env(&[
                ("TERM", "screen-256color"),
                ("TERM_PROGRAM", "iTerm.app")
            ])),
            None
        );
        assert_eq!(detect(env(&[("TERM", "xterm-256color")])), None);
        assert_eq!(detect(env(&[("KITTY_WINDOW_ID", "")])), None);
        assert_eq!(detect(env(&[])), None);
    }
}
