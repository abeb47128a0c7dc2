//! cargo fuzz target; the body is `harness::xls_file` (see fuzz/harness.rs).
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| harness::xls_file(bytes));
