//! Calling a reader that may panic on a damaged file. calamine and cfb are dependencies whose
//! arithmetic on a file's claims can overflow or index past a table; a panic there is a file that
//! cannot be read, reported as a problem, never a crash, and never the runtime's "thread 'main'
//! panicked at …" on stderr, which a user would read as the tool failing.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread runs a guarded reader: its panics are expected and reported as problems.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `read`, turning a panic into `Err` without the runtime's message. Every other panic of the
/// process (a bug of ours, on any thread) is still printed by the hook that was installed before.
pub(super) fn catch<T>(read: impl FnOnce() -> T) -> std::thread::Result<T> {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(was));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_reader_is_an_error_and_the_guard_is_lifted_after() {
        let caught = catch(|| -> u32 { panic!("a damaged record") });
        assert!(caught.is_err());
        assert_eq!(catch(|| 7).ok(), Some(7));
        assert!(!GUARDED.with(Cell::get));
    }
}
