//! `error.stack`, formatted by the bridge in V8's own shape; the embedder
//! decides per frame whether it is shown and at which position (a
//! TypeScript line for generated JavaScript).

use std::ffi::{c_char, c_int, c_void};

use super::isolate::IsolateCore;

/// How one stack frame is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameShown {
    Hidden,
    AsIs,
    /// At this 1-based line and column instead of V8's.
    At {
        line: u32,
        column: u32,
    },
}

/// Called for each frame with a file name: the file, line and column.
pub type FrameHook = dyn Fn(&str, u32, u32) -> FrameShown;

// The bridge's kFrame* values.
const FRAME_HIDDEN: c_int = 0;
const FRAME_AS_IS: c_int = 1;
const FRAME_MOVED: c_int = 2;

pub(crate) extern "C" fn stack_frame_trampoline(
    core: *mut c_void,
    file: *const c_char,
    file_len: usize,
    line: c_int,
    column: c_int,
    shown_line: *mut c_int,
    shown_column: *mut c_int,
) -> c_int {
    // SAFETY: slot 0 always holds the live IsolateCore of this isolate.
    let core = unsafe { &*(core as *const IsolateCore) };
    let Some(hook) = core.frame_hook() else {
        return FRAME_AS_IS;
    };
    // SAFETY: the bridge passes the UTF-8 bytes of a live Utf8Value.
    let file = unsafe { std::slice::from_raw_parts(file.cast::<u8>(), file_len) };
    let Ok(file) = std::str::from_utf8(file) else {
        return FRAME_AS_IS;
    };
    let (Ok(line), Ok(column)) = (u32::try_from(line), u32::try_from(column)) else {
        return FRAME_AS_IS;
    };
    let decide = std::panic::AssertUnwindSafe(|| hook(file, line, column));
    match std::panic::catch_unwind(decide) {
        Ok(FrameShown::Hidden) => FRAME_HIDDEN,
        Ok(FrameShown::At { line, column }) => {
            // SAFETY: the bridge passes pointers to two live ints.
            unsafe {
                *shown_line = c_int::try_from(line).unwrap_or(c_int::MAX);
                *shown_column = c_int::try_from(column).unwrap_or(c_int::MAX);
            }
            FRAME_MOVED
        }
        Ok(FrameShown::AsIs) | Err(_) => FRAME_AS_IS,
    }
}
