//! The target language: any text parses to a target or an error, and a target's canonical form parses
//! back to the same target.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_check::target::Target;

fuzz_target!(|text: &str| {
    if let Ok(target) = text.parse::<Target>() {
        let shown = target.to_string();
        let again: Target = shown.parse().expect("a target's canonical form parses");
        assert_eq!(again.to_string(), shown, "display is stable");
    }
});
