//! The 类/款/项 hierarchy of a schedule's rows as a flat list with an indent
//! and a visibility flag per row, so folding is a walk over a Vec (the idea
//! of gitui's filetreelist): rows keep their printed order and their index
//! into `Panel::rows`.

use crate::report::{CodeLevel, Row};

/// One row's place in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeItem {
    /// 0 for 类 and uncoded rows, 1 for 款, 2 for 项.
    pub indent: u8,
    /// Whether rows below it are its children.
    pub has_children: bool,
    /// Whether its children are hidden.
    pub folded: bool,
    /// Whether it is shown (no folded ancestor).
    pub visible: bool,
}

/// The rows of one panel as a foldable tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowTree {
    items: Vec<TreeItem>,
}

impl RowTree {
    /// Build from the indent of each row, in printed order.
    pub fn from_indents(indents: &[u8]) -> Self {
        let items = indents
            .iter()
            .enumerate()
            .map(|(i, &indent)| TreeItem {
                indent,
                has_children: indents.get(i + 1).is_some_and(|n| *n > indent),
                folded: false,
                visible: true,
            })
            .collect();
        RowTree { items }
    }

    /// Build from a panel's rows: 类 0, 款 1, 项 2; uncoded rows at 0.
    pub fn from_rows(rows: &[Row]) -> Self {
        let indents: Vec<u8> = rows
            .iter()
            .map(|r| match r.level() {
                Some(CodeLevel::Class) | None => 0,
                Some(CodeLevel::Section) => 1,
                Some(CodeLevel::Item) => 2,
            })
            .collect();
        RowTree::from_indents(&indents)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Row `i`'s item.
    pub fn item(&self, i: usize) -> Option<&TreeItem> {
        self.items.get(i)
    }

    /// The indices of the rows under `i` (its descendants).
    fn descendants(&self, i: usize) -> std::ops::Range<usize> {
        let Some(me) = self.items.get(i) else {
            return i..i;
        };
        let end = self.items[i + 1..]
            .iter()
            .position(|c| c.indent <= me.indent)
            .map_or(self.items.len(), |p| i + 1 + p);
        i + 1..end
    }

    /// Hide `i`'s children.
    pub fn fold(&mut self, i: usize) {
        if !self.items.get(i).is_some_and(|t| t.has_children) {
            return;
        }
        self.items[i].folded = true;
        for j in self.descendants(i) {
            self.items[j].visible = false;
        }
    }

    /// Show `i`'s children again (those under a folded child stay hidden).
    pub fn unfold(&mut self, i: usize) {
        if !self.items.get(i).is_some_and(|t| t.has_children) {
            return;
        }
        self.items[i].folded = false;
        let range = self.descendants(i);
        let mut hidden_below: Option<u8> = None;
        for j in range {
            let it = self.items[j];
            if let Some(level) = hidden_below {
                if it.indent > level {
                    continue;
                }
                hidden_below = None;
            }
            self.items[j].visible = true;
            if it.folded {
                hidden_below = Some(it.indent);
            }
        }
    }

    /// Fold if unfolded, else unfold.
    pub fn toggle(&mut self, i: usize) {
        match self.items.get(i) {
            Some(t) if t.folded => self.unfold(i),
            Some(_) => self.fold(i),
            None => {}
        }
    }

    /// Fold every row with children: only top-level rows stay visible.
    pub fn fold_all(&mut self) {
        for it in &mut self.items {
            it.folded = it.has_children;
            it.visible = it.indent == 0;
        }
    }

    /// Unfold everything.
    pub fn unfold_all(&mut self) {
        for it in &mut self.items {
            it.folded = false;
            it.visible = true;
        }
    }

    /// Make row `i` visible by unfolding its ancestors.
    pub fn reveal(&mut self, i: usize) {
        let Some(mut level) = self.items.get(i).map(|t| t.indent) else {
            return;
        };
        let mut ancestors = Vec::new();
        for j in (0..i).rev() {
            if level == 0 {
                break;
            }
            if self.items[j].indent < level {
                level = self.items[j].indent;
                ancestors.push(j);
            }
        }
        for a in ancestors.into_iter().rev() {
            if self.items[a].folded {
                self.unfold(a);
            }
        }
    }

    /// The visible rows' indices, in order.
    pub fn visible(&self) -> Vec<usize> {
        (0..self.items.len())
            .filter(|i| self.items[*i].visible)
            .collect()
    }

    /// The parent row of `i`, if any (for moving the cursor off a row being folded away).
    pub fn parent(&self, i: usize) -> Option<usize> {
        let level = self.items.get(i)?.indent;
        (0..i).rev().find(|j| self.items[*j].indent < level)
    }

    /// The nearest visible row at or above `i` (where the cursor goes when
    /// its row is folded away).
    pub fn visible_at_or_above(&self, i: usize) -> Option<usize> {
        let mut j = Some(i);
        while let Some(k) = j {
            if self.items.get(k).is_some_and(|t| t.visible) {
                return Some(k);
            }
            j = self.parent(k);
        }
        self.visible().first().copied()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// 合计 / 205 / 20503 / 2050303 / 208 / 20801 / 2080101 / 2080102 / 20805 / 2080501
    fn sample() -> RowTree {
        RowTree::from_indents(&[0, 0, 1, 2, 0, 1, 2, 2, 1, 2])
    }

    fn shown(t: &RowTree) -> Vec<usize> {
        t.visible()
    }

    #[test]
    fn children_are_known_from_indents() {
        let t = sample();
        let kids: Vec<bool> = (0..t.len())
            .map(|i| t.item(i).unwrap().has_children)
            .collect();
        assert_eq!(
            kids,
            [false, true, true, false, true, true, false, false, true, false]
        );
    }

    #[test]
    fn folding_a_class_hides_its_sections_and_items() {
        let mut t = sample();
        t.fold(4);
        assert_eq!(shown(&t), [0, 1, 2, 3, 4]);
        t.unfold(4);
        assert_eq!(shown(&t), (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn unfolding_keeps_folded_children_folded() {
        let mut t = sample();
        t.fold(5);
        t.fold(4);
        t.unfold(4);
        assert_eq!(shown(&t), [0, 1, 2, 3, 4, 5, 8, 9]);
    }

    #[test]
    fn fold_all_leaves_the_classes_and_reveal_opens_the_path() {
        let mut t = sample();
        t.fold_all();
        assert_eq!(shown(&t), [0, 1, 4]);
        t.reveal(7);
        assert_eq!(shown(&t), [0, 1, 4, 5, 6, 7, 8]);
        assert_eq!(t.visible_at_or_above(3), Some(1));
    }

    #[test]
    fn folding_a_leaf_does_nothing() {
        let mut t = sample();
        t.toggle(3);
        assert_eq!(shown(&t).len(), 10);
        assert!(!t.item(3).unwrap().folded);
    }
}
