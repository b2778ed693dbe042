//! Classification codes: 功能分类科目编码 (function) and 经济分类科目编码 (economic).

use serde::Serialize;

/// Where a code sits in its hierarchy: 类 (class), 款 (section), 项 (item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum CodeLevel {
    /// 类: 3 digits.
    Class,
    /// 款: 5 digits (function) or the 5-digit economic item.
    Section,
    /// 项: 7 digits (function codes only).
    Item,
}

impl CodeLevel {
    /// The Chinese name of the level.
    pub fn zh(self) -> &'static str {
        match self {
            CodeLevel::Class => "类",
            CodeLevel::Section => "款",
            CodeLevel::Item => "项",
        }
    }
}

/// A 功能分类科目编码 (function classification code), e.g. `2080102`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct FunctionCode(String);

impl FunctionCode {
    /// A code of 3, 5 or 7 ASCII digits; anything else is not a function code.
    pub fn parse(s: &str) -> Option<Self> {
        let ok = matches!(s.len(), 3 | 5 | 7) && s.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| FunctionCode(s.to_string()))
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 类 for 3 digits, 款 for 5, 项 for 7.
    pub fn level(&self) -> CodeLevel {
        match self.0.len() {
            3 => CodeLevel::Class,
            5 => CodeLevel::Section,
            _ => CodeLevel::Item,
        }
    }

    /// The code one level up (20801 for 2080102), none for a 类.
    pub fn parent(&self) -> Option<FunctionCode> {
        match self.0.len() {
            5 => Some(FunctionCode(self.0[..3].to_string())),
            7 => Some(FunctionCode(self.0[..5].to_string())),
            _ => None,
        }
    }

    /// Whether `self` is a direct child of `parent`.
    pub fn is_child_of(&self, parent: &FunctionCode) -> bool {
        self.parent().as_ref() == Some(parent)
    }
}

impl std::fmt::Display for FunctionCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A 经济分类科目编码 (economic classification code) as printed, and the full
/// code when the printed one was cut (the sample prints `3010` for 30101…30109).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct EconomicCode {
    /// The digits exactly as printed.
    pub printed: String,
    /// The full 5-digit code, when the printed code was cut and the standard
    /// classification names it unambiguously (never a guess: `None` otherwise).
    pub inferred: Option<String>,
}

impl EconomicCode {
    /// The 3-digit class (301, 302, …) this code belongs to.
    pub fn class(&self) -> &str {
        self.printed.get(..3).unwrap_or(&self.printed)
    }

    /// The most precise code known: the inferred full code, else the printed one.
    pub fn best(&self) -> &str {
        self.inferred.as_deref().unwrap_or(&self.printed)
    }

    /// 类 when 3 digits, else 款 (an item of its class).
    pub fn level(&self) -> CodeLevel {
        if self.printed.len() == 3 {
            CodeLevel::Class
        } else {
            CodeLevel::Section
        }
    }
}

/// The code a schedule row carries, when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RowCode {
    /// A 功能分类 row (02, 03, 05, 08, 09).
    Function {
        /// The code.
        code: FunctionCode,
    },
    /// A 经济分类 row (06).
    Economic {
        /// The code.
        code: EconomicCode,
    },
}

impl RowCode {
    /// The code text a person would search for (inferred full code for 06).
    pub fn display(&self) -> &str {
        match self {
            RowCode::Function { code } => code.as_str(),
            RowCode::Economic { code } => code.best(),
        }
    }

    /// Its level in the hierarchy.
    pub fn level(&self) -> CodeLevel {
        match self {
            RowCode::Function { code } => code.level(),
            RowCode::Economic { code } => code.level(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_code_levels_and_parents() {
        let c = FunctionCode::parse("2080102").unwrap();
        assert_eq!(c.level(), CodeLevel::Item);
        assert_eq!(c.parent().unwrap().as_str(), "20801");
        assert_eq!(c.parent().unwrap().parent().unwrap().as_str(), "208");
        assert!(c.is_child_of(&FunctionCode::parse("20801").unwrap()));
        assert!(!c.is_child_of(&FunctionCode::parse("208").unwrap()));
        assert!(FunctionCode::parse("2080").is_none());
        assert!(FunctionCode::parse("20a").is_none());
    }
}
