//! cargo fuzz target; the body is `harness::report_docx` (see fuzz/harness.rs).
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| harness::report_docx(bytes));
