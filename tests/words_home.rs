//! Every human-facing word lives in `src/labels/`, Chinese beside English. This test parses each file
//! of `src/` with `syn` and fails on a string or char literal holding a Chinese character anywhere else,
//! apart from `src/load/` (the header aliases a workbook may use), `#[cfg(test)]` code (test data),
//! comments and doc comments, and the short allow-list below, each entry with the reason it may stay.

use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};

/// Folders of `src/` where Chinese literals belong.
const HOMES: &[&str] = &["labels", "load"];

/// Literals that may hold Chinese outside the homes: (file under `src/`, the literal's exact value, why).
const ALLOWED: &[(&str, &str, &str)] = &[
    // Catalogue defaults: the plan's own names, which the catalogue fills in when a row leaves them out.
    ("catalog.rs", "全市", "the default city_row: the plan's name of the city-level row"),
    ("catalog.rs", "表2", "the default source of an indicator: the plan's table 2"),
    // The catalogue's name of a shared row is the plan's name and part joined the plan's way; the
    // catalogue sits below labels/ and looks indicators up by that name.
    ("catalog.rs", "{}：{part}", "Indicator::display_name joins name and part as the plan writes them"),
    ("catalog.rs", "：", "Indicator::is_displayed_as compares a text with that display name"),
    ("catalog.rs", "）", "display_name: a name already ending with its part in brackets (input)"),
    // Input recognised, not words shown.
    ("catalog.rs", "％", "a target written with a full-width percent sign (input)"),
    ("target.rs", "约", "the plan's word for \"about\" written as a target, pointed to `about N` (input)"),
    ("target.rs", "左右", "the plan's word for \"about\" written as a target, pointed to `about N` (input)"),
    ("target.rs", "＞", "a strict target written with a full-width sign (input)"),
    ("target.rs", "＜", "a strict target written with a full-width sign (input)"),
    ("cli.rs", "任务", "a hidden alias --type accepts for 重点任务 (input)"),
    ("output/format/table.rs", "\u{3000}", "the ideographic space, where wrapped lines may break (layout)"),
    // Line breaking (避头尾, issue 21): the signs that hold to a figure, the punctuation that never starts a
    // line and the punctuation that never ends one (layout, not words).
    ("output/format/table.rs", "≥≤＞＜±‰℃°²³×～−·μ", "signs that stay with the figure beside them (layout)"),
    (
        "output/format/table.rs",
        "）】」』》〉〕］｝〗，。、；：！？％”’…·)]},.;:!?%",
        "closing punctuation, never at a line's start (layout)",
    ),
    ("output/format/table.rs", "（【「『《〈〔［｛〖“‘([{", "opening punctuation, never at a line's end (layout)"),
    // Examples of the plan's own source names inside English error texts, and the plan's type names in
    // `--help`: both belong to the errors and settings part of issue 18 (src/cli.rs, the errors of
    // src/catalog.rs), done on another branch.
    (
        "catalog.rs",
        "an empty source; try table, body, all, 表2, 第八章 or 专栏六",
        "examples of the plan's source names",
    ),
    ("cli.rs", "约束性: binding on the government; the default --fail-on counts only these", "the plan's type name"),
    ("cli.rs", "预期性: expected", "the plan's type name, which --type accepts"),
    ("cli.rs", "引领性: leading, a direction to aim for", "the plan's type name, which --type accepts"),
    (
        "cli.rs",
        "重点任务: a dated promise of the plan's chapters and 专栏",
        "the plan's type name, which --type accepts",
    ),
    // The plan's 专栏 that hold engineering programmes: a register entry's `column` must be one (input).
    ("catalog/projects.rs", "专栏二", "a column of the register of 重大工程 (input)"),
    ("catalog/projects.rs", "专栏三", "a column of the register of 重大工程 (input)"),
    ("catalog/projects.rs", "专栏四", "a column of the register of 重大工程 (input)"),
    ("catalog/projects.rs", "专栏五", "a column of the register of 重大工程 (input)"),
    ("catalog/projects.rs", "专栏六", "a column of the register of 重大工程 (input)"),
    ("catalog/projects.rs", "专栏七", "a column of the register of 重大工程 (input)"),
    ("catalog/projects.rs", "专栏八", "a column of the register of 重大工程 (input)"),
    ("catalog/projects.rs", "专栏九", "a column of the register of 重大工程 (input)"),
];

/// The fonts the Word and HTML document name (`src/report/`), the fonts' own names; a literal of
/// `src/report/` whose only Chinese is these names (a style sheet, a font table) is not words.
const FONTS: &[(&str, &str)] = &[
    ("方正小标宋简体", "FZXiaoBiaoSong, the title (GB/T 9704)"),
    ("仿宋_GB2312", "FangSong_GB2312, the body (GB/T 9704)"),
    ("楷体_GB2312", "KaiTi_GB2312, the second-level headings (GB/T 9704)"),
    ("宋体", "SimSun, the tables"),
    ("仿宋", "FangSong, the body"),
    ("黑体", "SimHei, the headings"),
];

/// A Chinese character: CJK ideographs (and their extensions and compatibility forms), CJK punctuation,
/// and the full-width forms Chinese text writes (，：（） …).
fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation: 、。「」
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}' // full-width forms: ，：（）％
        | '\u{20000}'..='\u{2FA1F}' // extensions B–F and the supplement
    )
}

/// A literal with Chinese in it, where it was found.
#[derive(Debug, PartialEq)]
struct Found {
    file: String,
    line: usize,
    value: String,
}

struct Scan<'a> {
    file: &'a str,
    found: Vec<Found>,
}

/// `#[cfg(test)]` or `#[test]`: code that only tests build.
fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg") && a.parse_args::<syn::Meta>().is_ok_and(|m| m.path().is_ident("test")))
    })
}

impl Scan<'_> {
    fn check(&mut self, value: String, line: usize) {
        let mut words = value.clone();
        if self.file.starts_with("report/") {
            for (font, _) in FONTS {
                words = words.replace(font, "");
            }
        }
        if words.chars().any(is_chinese) {
            self.found.push(Found { file: self.file.to_string(), line, value });
        }
    }

    /// The literals inside a macro's tokens (`format!`, `vec!`, `bail!` …), which syn leaves unparsed.
    fn tokens(&mut self, tokens: TokenStream) {
        for tree in tokens {
            match tree {
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Literal(lit) => {
                    let line = lit.span().start().line;
                    match syn::parse_str::<syn::Lit>(&lit.to_string()) {
                        Ok(syn::Lit::Str(s)) => self.check(s.value(), line),
                        Ok(syn::Lit::Char(c)) => self.check(c.value().to_string(), line),
                        Ok(syn::Lit::ByteStr(b)) => self.check(String::from_utf8_lossy(&b.value()).into(), line),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Scan<'_> {
    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        // Doc comments are comments; any other attribute (`#[error("…")]`) is words a user may read.
        if !a.path().is_ident("doc") {
            if let syn::Meta::List(list) = &a.meta {
                self.tokens(list.tokens.clone());
            } else {
                visit::visit_attribute(self, a);
            }
        }
    }
    fn visit_item(&mut self, i: &'ast syn::Item) {
        let attrs: &[syn::Attribute] = match i {
            syn::Item::Const(x) => &x.attrs,
            syn::Item::Enum(x) => &x.attrs,
            syn::Item::Fn(x) => &x.attrs,
            syn::Item::Impl(x) => &x.attrs,
            syn::Item::Macro(x) => &x.attrs,
            syn::Item::Mod(x) => &x.attrs,
            syn::Item::Static(x) => &x.attrs,
            syn::Item::Struct(x) => &x.attrs,
            syn::Item::Trait(x) => &x.attrs,
            syn::Item::Use(x) => &x.attrs,
            _ => &[],
        };
        if !is_test(attrs) {
            visit::visit_item(self, i);
        }
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test(&f.attrs) {
            visit::visit_impl_item_fn(self, f);
        }
    }
    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.check(s.value(), s.span().start().line);
    }
    fn visit_lit_char(&mut self, c: &'ast syn::LitChar) {
        self.check(c.value().to_string(), c.span().start().line);
    }
    fn visit_lit_byte_str(&mut self, b: &'ast syn::LitByteStr) {
        self.check(String::from_utf8_lossy(&b.value()).into(), b.span().start().line);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(m.tokens.clone());
    }
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

/// The Chinese literals of `src` outside the homes of words and the allow-list, in file and line order.
fn strays(src: &Path, allowed: &[(&str, &str, &str)]) -> Vec<Found> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for path in files {
        let file = path.strip_prefix(src).unwrap().to_string_lossy().replace('\\', "/");
        if HOMES.iter().any(|home| file.starts_with(&format!("{home}/"))) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let syntax = syn::parse_file(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut scan = Scan { file: &file, found: Vec::new() };
        scan.visit_file(&syntax);
        found.extend(
            scan.found.into_iter().filter(|f| !allowed.iter().any(|(af, value, _)| *af == f.file && *value == f.value)),
        );
    }
    found
}

#[test]
fn no_chinese_literal_outside_the_home_of_words() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let strays = strays(&src, ALLOWED);
    let list: Vec<String> = strays.iter().map(|f| format!("src/{}:{}: {:?}", f.file, f.line, f.value)).collect();
    assert!(
        strays.is_empty(),
        "{} Chinese literals outside src/labels/ and src/load/ (move them into a labels/ file, zh beside en):\n{}",
        list.len(),
        list.join("\n")
    );
}

#[test]
fn every_allowed_literal_is_still_there() {
    // An allow-list entry whose literal has gone would silently allow it back later.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let all = strays(&src, &[]);
    for (file, value, why) in ALLOWED {
        assert!(!why.is_empty(), "{file}: {value:?} is allowed without a reason");
        assert!(
            all.iter().any(|f| f.file == *file && f.value == *value),
            "{file}: the allowed literal {value:?} is no longer there; drop it from ALLOWED"
        );
    }
    let mut report = Vec::new();
    rust_files(&src.join("report"), &mut report);
    let report: String = report.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    for (font, why) in FONTS {
        assert!(report.contains(font), "the font {font} ({why}) is no longer named in src/report/; drop it from FONTS");
    }
}

#[test]
fn a_stray_literal_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    for folder in ["labels", "load", "report"] {
        std::fs::create_dir(src.join(folder)).unwrap();
    }
    std::fs::write(src.join("labels/report.rs"), "pub fn title() -> &'static str { \"评估报告\" }\n").unwrap();
    std::fs::write(src.join("load/names.rs"), "const ALIASES: &[&str] = &[\"县市区\"];\n").unwrap();
    std::fs::write(
        src.join("report/text.rs"),
        concat!(
            "//! 报告正文 in a doc comment is fine\n",
            "/// and so is 说明 here\n",
            "fn a() -> &'static str { \"plain ascii\" } // 注释 is a comment\n",
            "fn b() -> String { format!(\"{}年\", 2021) }\n",
            "fn c() -> char { '，' }\n",
            "const D: &str = r#\"原\"文\"#;\n",
            "const FONT: &str = \"font-family: \\\"宋体\\\", \\\"黑体\\\"\";\n",
            "const E: &str = \"宋体图\";\n",
            "fn f() -> &'static str { \"// 不是注释\" }\n",
            "#[derive(Debug)]\nenum G { #[error(\"错误\")] X }\n",
            "fn h() { let _ = vec![format!(\"{}\", \"内层\")]; }\n",
            "#[cfg(test)]\nmod tests {\n    const DATA: &str = \"全市\";\n}\n",
        ),
    )
    .unwrap();
    std::fs::write(
        src.join("evaluate.rs"),
        "#[test]\nfn t() { assert_eq!(\"达标\", \"达标\"); }\nfn f() -> &'static str { \"达标\" }\nconst F: &str = \"黑体\";\n",
    )
    .unwrap();
    let found = strays(src, &[("report/text.rs", "原\"文", "allowed for the test")]);
    let short: Vec<(&str, usize, &str)> = found.iter().map(|f| (f.file.as_str(), f.line, f.value.as_str())).collect();
    assert_eq!(
        short,
        [
            ("evaluate.rs", 3, "达标"),
            ("evaluate.rs", 4, "黑体"),
            ("report/text.rs", 4, "{}年"),
            ("report/text.rs", 5, "，"),
            ("report/text.rs", 8, "宋体图"),
            ("report/text.rs", 9, "// 不是注释"),
            ("report/text.rs", 11, "错误"),
            ("report/text.rs", 12, "内层"),
        ]
    );
}

#[test]
fn chinese_is_told_from_other_text() {
    assert!("全市".chars().all(is_chinese));
    assert!("，：（）％。、".chars().all(is_chinese));
    assert!(!"a → b ✓ ≥ ° µg/m³ — …".chars().any(is_chinese));
}
