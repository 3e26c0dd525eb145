//! What a user's stack traces show: none of NANO's own JavaScript (its
//! scripts are named `nano:…`), and TypeScript positions for the modules
//! NANO stripped types from.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use super::loader::typescript::StrippedModule;
use crate::v8::FrameShown;

/// The prefix of the names of NANO's own scripts (see `bootstrap`).
const INTERNAL_PREFIX: &str = "nano:";

/// The stripped TypeScript modules of one runtime, by the name V8 knows
/// them by.
#[derive(Default)]
pub struct StackFrames {
    stripped: RefCell<HashMap<String, Arc<StrippedModule>>>,
}

impl StackFrames {
    /// Frames in `name` are shown at the TypeScript positions of `module`.
    pub fn add_stripped(&self, name: &str, module: Arc<StrippedModule>) {
        self.stripped.borrow_mut().insert(name.to_string(), module);
    }

    /// How a frame at `line`:`column` of `file` is shown.
    pub fn shown(&self, file: &str, line: u32, column: u32) -> FrameShown {
        if file.starts_with(INTERNAL_PREFIX) {
            return FrameShown::Hidden;
        }
        let stripped = self.stripped.borrow();
        let original = stripped
            .get(file)
            .and_then(|module| module.positions.original(line, column));
        match original {
            Some((line, column)) => FrameShown::At { line, column },
            None => FrameShown::AsIs,
        }
    }
}
