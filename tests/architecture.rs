//! The modules of `src/` form one stack: each may use the ones below it, never one above. This test
//! reads every `crate::` path in the library's code (comments and `#[cfg(test)]` modules aside, since
//! a test may reach up to check words) and fails on one that runs up the stack. ARCHITECTURE.md says
//! what each layer holds.

use std::path::{Path, PathBuf};

/// The stack, from the bottom up. A module may use its own layer and those listed before it.
const STACK: &[&[&str]] = &[
    &["lang"],
    &["target"],
    &["progress"],
    &["problem"],
    &["catalog"],
    &["targets_file"],
    &["load"],
    &["aggregate"],
    &["evaluate", "compare"],
    &["checks"],
    &["labels"],
    &["output"],
    &["report"],
    &["cli"],
    &["settings"],
    &["cmd"],
    &["lib", "main"],
];

fn layer(module: &str) -> Option<usize> {
    STACK.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to: `src/load/rows.rs` → `load`.
fn module_of(src: &Path, file: &Path) -> String {
    let first = file.strip_prefix(src).unwrap().components().next().unwrap();
    first.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string()
}

/// The code of a file without its comments and its test modules.
fn code(text: &str) -> String {
    let mut kept = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            // The test module runs to the end of the file, as it does in every file here.
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        kept.push_str(line.split(" // ").next().unwrap());
        kept.push('\n');
    }
    kept
}

/// The modules a piece of code names with `crate::`, whether in a `use` line or a path.
fn uses(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if name.starts_with(|c: char| c.is_ascii_lowercase()) {
            found.push(name);
        }
    }
    found
}

fn upward_imports(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in files {
        let module = module_of(src, &file);
        let Some(own) = layer(&module) else {
            wrong.push(format!("{}: module `{module}` is not in the stack of tests/architecture.rs", file.display()));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for used in uses(&code(&text)) {
            match layer(&used) {
                Some(theirs) if theirs > own => {
                    wrong.push(format!("{}: `{module}` uses `crate::{used}`, which is above it", file.display()))
                }
                Some(_) => {}
                None if module == "lib" || module == "main" => {}
                None => wrong.push(format!("{}: `crate::{used}` is not in the stack", file.display())),
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    wrong
}

#[test]
fn no_module_uses_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let wrong = upward_imports(&src);
    assert!(wrong.is_empty(), "imports that run up the stack:\n{}", wrong.join("\n"));
}

#[test]
fn an_upward_import_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir(src.join("load")).unwrap();
    std::fs::write(
        src.join("load/rows.rs"),
        "// crate::output in a comment is fine\nuse crate::catalog::Catalog;\nuse crate::labels::word;\n\
         #[cfg(test)]\nmod tests {\n    use crate::report::Document;\n}\n",
    )
    .unwrap();
    std::fs::write(src.join("problem.rs"), "fn f() { crate::evaluate::run(); crate::lang::Lang::Zh; }\n").unwrap();
    let wrong = upward_imports(src);
    assert_eq!(wrong.len(), 2, "{wrong:?}");
    assert!(wrong[0].contains("`load` uses `crate::labels`"), "{wrong:?}");
    assert!(wrong[1].contains("`problem` uses `crate::evaluate`"), "{wrong:?}");
}
