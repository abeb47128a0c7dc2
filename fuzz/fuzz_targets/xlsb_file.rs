//! cargo fuzz target; the body is `harness::xlsb_file` (see fuzz/harness.rs).
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| harness::xlsb_file(bytes));
