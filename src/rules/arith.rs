//! Decimal arithmetic with the rounding tolerance of domain.md: each cell was
//! rounded to 0.01 万元 on its own, so a sum of n cells may differ from the
//! printed total by up to n × 0.005.

use rust_decimal::Decimal;

/// Half a cent of 万元: the most one rounded cell can be off by.
pub const ROUNDING_STEP: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// One cent of 万元: the smallest gap two printings of one figure can show.
pub const CENT: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

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

/// Half a unit of the last printed digit: 0.5 for "69", 0.005 for "58.46".
/// A printed figure stands for any true value within this distance.
pub fn half_unit(printed: Decimal) -> Decimal {
    Decimal::new(5, printed.scale() + 1)
}

/// A closed range of values a rounded figure may stand for. Rates, shares
/// and scores derived from rounded amounts are checked with intervals: the
/// printed result is right when its own rounding interval meets the interval
/// the inputs allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Lowest possible value.
    pub lo: Decimal,
    /// Highest possible value.
    pub hi: Decimal,
}

impl Interval {
    /// Exactly `v`.
    pub fn exact(v: Decimal) -> Self {
        Interval { lo: v, hi: v }
    }

    /// `v ± h`.
    pub fn around(v: Decimal, h: Decimal) -> Self {
        Interval {
            lo: v - h,
            hi: v + h,
        }
    }

    /// An amount in 万元 printed to the cent (or fewer digits): ± 0.005.
    /// Amounts printed without decimals ("255") are taken to the cent too,
    /// so that whole-number budgets do not widen every check.
    pub fn amount(v: Decimal) -> Self {
        Self::around(v, ROUNDING_STEP)
    }

    /// A printed figure: ± half a unit of its last digit.
    pub fn printed(v: Decimal) -> Self {
        Self::around(v, half_unit(v))
    }

    /// A computed input printed with decimals carries its rounding; one printed
    /// as a whole number is taken as exact (scores such as 10 or 90).
    pub fn input(v: Decimal) -> Self {
        if v.scale() == 0 {
            Self::exact(v)
        } else {
            Self::printed(v)
        }
    }

    /// The midpoint.
    pub fn mid(self) -> Decimal {
        (self.lo + self.hi) / Decimal::TWO
    }

    /// Sum.
    pub fn plus(self, o: Interval) -> Interval {
        Interval {
            lo: self.lo + o.lo,
            hi: self.hi + o.hi,
        }
    }

    /// Difference.
    pub fn minus(self, o: Interval) -> Interval {
        Interval {
            lo: self.lo - o.hi,
            hi: self.hi - o.lo,
        }
    }

    /// Product with a non-negative constant.
    pub fn scale_by(self, k: Decimal) -> Interval {
        Interval {
            lo: self.lo * k,
            hi: self.hi * k,
        }
    }

    /// Quotient of non-negative intervals; none when the divisor may be zero.
    pub fn over(self, o: Interval) -> Option<Interval> {
        if o.lo <= Decimal::ZERO {
            return None;
        }
        let lo = self.lo.max(Decimal::ZERO).checked_div(o.hi)?;
        let hi = self.hi.max(Decimal::ZERO).checked_div(o.lo)?;
        Some(Interval { lo, hi })
    }

    /// Clamp from above (a score capped at its weight).
    pub fn cap(self, max: Decimal) -> Interval {
        Interval {
            lo: self.lo.min(max),
            hi: self.hi.min(max),
        }
    }

    /// Whether the two ranges share a value.
    pub fn meets(self, o: Interval) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    /// Whether one value could be printed (rounded half up) as both ranges'
    /// figures: the ranges of two printings are half-open, so 100 and 101
    /// (99.5–100.5 and 100.5–101.5) only touch and share no value.
    pub fn shares_printing(self, o: Interval) -> bool {
        self.lo < o.hi && o.lo < self.hi
    }

    /// Whether `printed` is a value of this range with its further digits
    /// cut off (截位) rather than rounded: 9.55 for 9.5575.
    pub fn truncates_to(self, printed: Decimal) -> bool {
        let unit = Decimal::new(1, printed.scale());
        let cut = if printed.is_sign_negative() {
            Interval {
                lo: printed - unit,
                hi: printed,
            }
        } else {
            Interval {
                lo: printed,
                hi: printed + unit,
            }
        };
        self.meets(cut)
    }

    /// How far apart the ranges are (zero when they meet).
    pub fn gap(self, o: Interval) -> Decimal {
        if self.meets(o) {
            Decimal::ZERO
        } else if self.hi < o.lo {
            o.lo - self.hi
        } else {
            self.lo - o.hi
        }
    }
}

/// `part` as a percent of `whole`, as a range; none when the whole may be 0.
pub fn pct(part: Interval, whole: Interval) -> Option<Interval> {
    part.over(whole).map(|i| i.scale_by(Decimal::ONE_HUNDRED))
}

/// How a printed rate, share or score compares with what its inputs allow:
/// the rounding and truncation policy (舍入与截位口径), in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printed {
    /// Within the rounding of the inputs and of the printed digits.
    Fits,
    /// Not rounded but cut off after its last digit (截位: 9.55% for
    /// 9.5575%): a common, harmless habit, at most a warning.
    Truncated,
    /// A score printed as a whole number where its parts give a fraction
    /// (95.72 printed 96): rounded to a whole point, which a 自评 score need
    /// not be. At most a warning: off by less than half a point.
    WholeRounded,
    /// Off by more than rounding and truncation allow.
    Off,
}

impl Printed {
    /// How `printed` fits the `computed` range.
    pub fn of(computed: Interval, printed: Decimal) -> Printed {
        if computed.meets(Interval::printed(printed)) {
            Printed::Fits
        } else if computed.truncates_to(printed) {
            Printed::Truncated
        } else {
            Printed::Off
        }
    }

    /// How a printed score (a total or subtotal of points) fits the
    /// `computed` range: as [`Printed::of`] allows, except that a whole
    /// number over fractional parts is [`Printed::WholeRounded`].
    pub fn of_score(computed: Interval, printed: Decimal) -> Printed {
        let whole_rounded = printed.scale() == 0
            && computed.meets(Interval::printed(printed))
            && !computed.meets(Interval::exact(printed));
        if whole_rounded {
            Printed::WholeRounded
        } else if computed.meets(Interval::printed(printed)) {
            Printed::Fits
        } else {
            Printed::Off
        }
    }

    /// The severity of a finding on it: the rule's own when off, never more
    /// than a warning when only truncated.
    pub fn severity(self, rule: Severity) -> Severity {
        match self {
            Printed::Truncated | Printed::WholeRounded => rule.min(Severity::Warning),
            _ => rule,
        }
    }

    /// A finding of `rule` on a printed figure that fits like this: at
    /// [`Printed::severity`], the message ending in [`Printed::note`].
    pub fn finding(
        self,
        rule: &Rule,
        message: String,
        locations: Vec<Location>,
        discriminator: &str,
    ) -> Finding {
        Finding::new(
            rule.id,
            self.severity(rule.severity),
            format!("{message}{}", self.note()),
            locations,
            discriminator,
        )
    }

    /// What a message adds to say so.
    pub fn note(self) -> &'static str {
        match self {
            Printed::Truncated => {
                "；印出值与截去其后各位所得相符：是截位而非四舍五入（常见，通常无害）"
            }
            Printed::WholeRounded => "（印为整数，似按整分四舍五入；得分应与各项之和一致）",
            _ => "",
        }
    }
}

/// The policy as `explain` shows it for the rules that compare figures.
pub const ROUNDING_POLICY: &str = "误差口径：每个金额单独四舍五入到 0.01 万元，n 个分项之和与合计可差 n × 0.005 万元\
（尾差，只作提示）；同一数字在两处相差 0.01 万元是决算软件分别舍入的尾差，作警告；相差 0.02 万元及以上为错误。\
百分比、比率和得分按输入金额的舍入范围与印出位数计算；印出值若是截位（如 9.5575% 印为 9.55%）而非四舍五入，\
至多作警告；得分合计印为整数而各项之和带小数（如 95.72 印为 96）作警告；超出舍入与截位所能解释的差异为错误。";

/// Whether two printings of one figure `gap` apart differ by the 尾差 of
/// rounding each on its own (one cent of 万元): a warning, not an error.
pub fn is_tail_gap(gap: Decimal) -> bool {
    !gap.is_zero() && gap.abs() <= CENT
}

/// `v` rounded to the cent of 万元 as a report prints it (half away from
/// zero, not the banker's rounding `round_dp` does).
pub fn to_cent(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// `v` rounded to two decimals for messages.
pub fn r2(v: Decimal) -> Decimal {
    v.round_dp(2)
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
                rule.finding_keyed(msg, locations, discriminator)
                    .with_values(expected, actual)
                    .with_tolerance(tolerance),
            );
        }
    }
}

/// Compare two printings of the same figure (a table restated by another
/// table, or by the narrative): they must agree to the cent, so any gap is
/// reported with the rule's severity. The first location is `actual`'s.
#[allow(clippy::too_many_arguments)]
pub fn push_same_finding(
    out: &mut Vec<Finding>,
    rule: &Rule,
    what: &str,
    other: &str,
    expected: Decimal,
    actual: Decimal,
    locations: Vec<Location>,
    discriminator: &str,
) {
    // A figure read more precisely than 0.01 万元 (a table printed in 元)
    // is restated correctly by its rounding to the cent.
    let (expected, actual) = if expected.scale() > 2 || actual.scale() > 2 {
        (to_cent(expected), to_cent(actual))
    } else {
        (expected, actual)
    };
    if actual == expected {
        return;
    }
    let gap = actual - expected;
    let (severity, msg) = if is_tail_gap(gap) {
        (
            rule.severity.min(Severity::Warning),
            format!(
                "{what} 为 {actual}，而{other}为 {expected}：差 {gap} 万元，\
                 是决算软件分别四舍五入的尾差（0.01 万元），请核对是否同一数字"
            ),
        )
    } else {
        (
            rule.severity,
            format!(
                "{what} 为 {actual}，而{other}为 {expected}：同一数字两处不一致，差 {gap} 万元"
            ),
        )
    };
    out.push(
        Finding::new(rule.id, severity, msg, locations, discriminator)
            .with_values(expected, actual),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_figure_read_in_yuan_is_restated_by_its_rounding_to_the_cent() {
        let rule = &crate::rules::catalogue()[0];
        let same = |expected, actual| {
            let mut out = Vec::new();
            push_same_finding(&mut out, rule, "a", "b", expected, actual, vec![], "");
            out.first().map(|f| f.severity)
        };
        // 47,660,612.34 元 is 4766.061234 万元, printed 4766.06.
        assert_eq!(same(dec!(4766.061234), dec!(4766.06)), None);
        assert_eq!(same(dec!(4766.065), dec!(4766.07)), None);
        // One cent off its rounding is the 尾差 warning, more an error.
        assert_eq!(
            same(dec!(4766.0651), dec!(4766.06)),
            Some(Severity::Warning)
        );
        assert_eq!(same(dec!(4766.081234), dec!(4766.06)), Some(rule.severity));
        // Figures printed to the cent compare as printed.
        assert_eq!(same(dec!(4766.07), dec!(4766.06)), Some(Severity::Warning));
    }

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

    #[test]
    fn a_printed_figure_is_rounded_truncated_or_off() {
        let c = Interval::exact(dec!(9.5575));
        assert_eq!(Printed::of(c, dec!(9.56)), Printed::Fits);
        assert_eq!(Printed::of(c, dec!(9.55)), Printed::Truncated);
        assert_eq!(Printed::of(c, dec!(9.54)), Printed::Off);
        assert_eq!(Printed::of(c, dec!(9.57)), Printed::Off);
        assert_eq!(
            Printed::Truncated.severity(Severity::Error),
            Severity::Warning
        );
        assert_eq!(Printed::Truncated.severity(Severity::Info), Severity::Info);
        assert_eq!(Printed::Off.severity(Severity::Error), Severity::Error);
        // 90 + 9.72 printed 100: rounded to a whole point; 99.72 printed 99.72 fits.
        let score = Interval::exact(dec!(99.72));
        assert_eq!(Printed::of_score(score, dec!(100)), Printed::WholeRounded);
        assert_eq!(Printed::of_score(score, dec!(99.72)), Printed::Fits);
        assert_eq!(Printed::of_score(score, dec!(99)), Printed::Off);
        assert_eq!(
            Printed::of_score(Interval::exact(dec!(69)), dec!(69)),
            Printed::Fits
        );
        assert_eq!(
            Printed::WholeRounded.severity(Severity::Error),
            Severity::Warning
        );
    }

    #[test]
    fn a_rate_printed_from_rounded_amounts_is_checked_with_intervals() {
        assert_eq!(half_unit(dec!(58.46)), dec!(0.005));
        assert_eq!(half_unit(dec!(69)), dec!(0.5));
        // 37.01 / 77 = 48.0649…% is printed 48.07%: within the rounding of 37.01.
        let rate = Interval::amount(dec!(37.01))
            .over(Interval::amount(dec!(77)))
            .unwrap()
            .scale_by(dec!(100));
        assert!(rate.meets(Interval::printed(dec!(48.07))));
        // 114.56 / 114.59 = 99.97% is not 100.00%.
        let rate = Interval::amount(dec!(114.56))
            .over(Interval::amount(dec!(114.59)))
            .unwrap()
            .scale_by(dec!(100));
        assert!(!rate.meets(Interval::printed(dec!(100.00))));
        assert!(rate.meets(Interval::printed(dec!(100))));
        assert!(Interval::exact(dec!(1))
            .over(Interval::amount(dec!(0)))
            .is_none());
    }

    #[test]
    fn two_whole_numbers_one_apart_are_not_one_figure_printed_twice() {
        let p = Interval::printed;
        assert!(!p(dec!(100)).shares_printing(p(dec!(101))));
        assert!(p(dec!(100)).meets(p(dec!(101))));
        assert!(p(dec!(100)).shares_printing(p(dec!(99.7))));
        assert!(p(dec!(100.5)).shares_printing(p(dec!(101))));
        assert!(p(dec!(69)).shares_printing(p(dec!(69.00))));
    }
}
