//! Decimal arithmetic with the rounding tolerance of domain.md: each cell was
//! rounded to 0.01 万元 on its own, so a sum of n cells may differ from the
//! printed total by up to n × 0.005.

use rust_decimal::Decimal;

/// Half a cent of 万元: the most one rounded cell can be off by.
pub const ROUNDING_STEP: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// The tolerance for a total of `addends` rounded cells.
pub fn tolerance_for(addends: usize) -> Decimal {
    ROUNDING_STEP * Decimal::from(addends.max(1) as u64)
}

/// How a printed total compares with the sum of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Balance {
    /// Equal to the cent.
    Exact,
    /// Off by no more than the rounding tolerance.
    Rounding {
        /// actual − expected.
        gap: Decimal,
        /// The tolerance applied.
        tolerance: Decimal,
    },
    /// Off by more than rounding can explain.
    Breach {
        /// actual − expected.
        gap: Decimal,
        /// The tolerance applied.
        tolerance: Decimal,
    },
}

impl Balance {
    /// Compare a printed `actual` total against `expected` = Σ of `addends` parts.
    pub fn of(expected: Decimal, actual: Decimal, addends: usize) -> Self {
        let gap = actual - expected;
        let tolerance = tolerance_for(addends);
        if gap.is_zero() {
            Balance::Exact
        } else if gap.abs() <= tolerance {
            Balance::Rounding { gap, tolerance }
        } else {
            Balance::Breach { gap, tolerance }
        }
    }
}

use super::{Finding, Location, Rule, Severity};

/// The rule id every rounding note carries, whichever identity it came from.
pub const ROUNDING_RULE: &str = "ROUNDING";

/// Compare a printed total with the sum of its parts and, when they differ,
/// push an error (beyond tolerance) or a rounding note (within it).
/// `what` names the total for a person ("公开03表 合计 本年支出合计");
/// `parts` describes what was added ("各类之和"). The first location is the
/// total, the rest its parts.
#[allow(clippy::too_many_arguments)]
pub fn push_sum_finding(
    out: &mut Vec<Finding>,
    rule: &Rule,
    what: &str,
    parts: &str,
    expected: Decimal,
    actual: Decimal,
    addends: usize,
    locations: Vec<Location>,
    discriminator: &str,
) {
    match Balance::of(expected, actual, addends) {
        Balance::Exact => {}
        Balance::Rounding { gap, tolerance } => {
            let msg = format!(
                "{what} 为 {actual}，{parts}为 {expected}，差 {gap} 万元，\
                 在 {addends} 个分项的四舍五入容差 ±{tolerance} 以内（尾差，非错误）"
            );
            let disc = format!("{}|{discriminator}", rule.id);
            out.push(
                Finding::new(ROUNDING_RULE, Severity::Info, msg, locations, &disc)
                    .with_values(expected, actual)
                    .with_tolerance(tolerance),
            );
        }
        Balance::Breach { gap, tolerance } => {
            let msg = format!(
                "{what} 为 {actual}，但{parts}为 {expected}，差 {gap} 万元\
                 （超出 {addends} 个分项的四舍五入容差 ±{tolerance}）"
            );
            out.push(
                Finding::new(rule.id, rule.severity, msg, locations, discriminator)
                    .with_values(expected, actual)
                    .with_tolerance(tolerance),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_tolerance_grows_with_addends() {
        assert_eq!(tolerance_for(4), dec!(0.020));
        assert_eq!(
            Balance::of(dec!(4766.07), dec!(4766.06), 4),
            Balance::Rounding {
                gap: dec!(-0.01),
                tolerance: dec!(0.020)
            }
        );
        assert!(matches!(
            Balance::of(dec!(100), dec!(100.03), 4),
            Balance::Breach { .. }
        ));
        assert_eq!(Balance::of(dec!(1.10), dec!(1.1), 2), Balance::Exact);
    }
}
