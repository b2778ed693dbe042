//! The popups that take the keyboard over the workbench: the fuzzy finder,
//! help, the cell popup and the note editor.

pub mod cell_info;
pub mod editor;
pub mod finder;
pub mod help;
