//! The catalogue loader: any text is a catalogue or a list of issues, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_check::catalog::Catalog;

fuzz_target!(|text: &str| {
    if let Ok(catalog) = Catalog::parse(text, "fuzz.toml") {
        for ind in &catalog.indicators {
            let _ = ind.label(&catalog);
        }
    }
});
