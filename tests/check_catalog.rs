//! `plan-check check-catalog` on good and bad catalogues: the example of docs/target-language.md, the shipped catalogue,
//! every kind of error the loader rejects, and the warnings about what `eval` cannot judge.

mod common;

use common::{root, run, run_in};

/// The example catalogue of docs/catalogue.md, "Writing a catalogue for another plan".
fn readme_example() -> String {
    let readme = std::fs::read_to_string(root().join("docs/catalogue.md")).unwrap();
    let start = readme.find("<!-- catalogue-example:start -->").expect("docs/catalogue.md has the example");
    let end = readme.find("<!-- catalogue-example:end -->").expect("the example ends");
    let block = &readme[start..end];
    let body = &block[block.find("```toml\n").expect("a toml block") + "```toml\n".len()..];
    body[..body.rfind("```").expect("the block closes")].to_string()
}

#[test]
fn the_readme_example_passes_with_no_warnings_and_can_be_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.toml"), readme_example()).unwrap();
    let r = run_in(dir.path(), &["check-catalog", "example.toml", "--strict", "--lang", "en"]);
    r.code(0).stdout_has("example.toml: 4 indicator(s); 0 error(s), 0 warning(s)");
    // It drives the other commands too: a template for it fills in and validates.
    let r = run_in(dir.path(), &["indicators", "--catalog", "example.toml", "--format", "json"]);
    assert_eq!(r.json().as_array().unwrap().len(), 4);
    let args = ["template", "--catalog", "example.toml", "--year", "2023", "--all"];
    let template = run_in(dir.path(), &args);
    template.code(0);
    assert_eq!(template.stdout.lines().count(), 1 + 4 + 2 + 1, "header, 全市's four, 东区's two, 西县's forest");
    let filled: String = template
        .stdout
        .lines()
        .enumerate()
        .map(|(i, l)| if i == 0 { format!("{l}\n") } else { format!("{}\n", l.replacen(",,", ",1,", 1)) })
        .collect();
    std::fs::write(dir.path().join("2023.csv"), filled).unwrap();
    run_in(dir.path(), &["validate", "2023.csv", "--catalog", "example.toml", "--lang", "en"])
        .code(0)
        .stdout_has("valid: 0 error(s)");
}

#[test]
fn the_shipped_catalogue_loads_and_its_warnings_are_what_eval_leaves_pending() {
    let r = run(&[
        "check-catalog",
        "indicators.toml",
        "--plan",
        "tests/data/plan/quanzhou-14th-eco-plan.txt",
        "--lang",
        "en",
    ]);
    r.code(0).stdout_has("indicators.toml: 121 indicator(s); 0 error(s), 7 warning(s)");
    r.stdout_has("eco_index: warning[trend-without-series]")
        .stdout_has("fertilizer_use_reduction: warning[no-baseline]");
    assert!(!r.stdout.contains("quote-not-in-plan") && !r.stdout.contains("province-without-source"), "{}", r.stdout);
    run(&["check-catalog", "indicators.toml", "--strict"]).code(1);
}

#[test]
fn every_error_the_loader_rejects_is_reported_with_its_line() {
    let r = run(&["check-catalog", "tests/data/check/errors.toml", "--lang", "en"]);
    r.code(1).stdout_has("not loaded; 5 error(s), 0 warning(s)");
    for needle in [
        "errors.toml:16: forest: error[invalid]: cannot read target \"完成省下达目标\"",
        "errors.toml:25: forest: error[invalid]: duplicate id \"forest\" (first defined at line 16)",
        "errors.toml:25: forest: error[invalid]: applies_to names the tag \"inland\"",
        "errors.toml:35: plants: error[invalid]: due year 2030 is outside the plan period 2021–2025",
        "errors.toml:35: plants: error[invalid]: a task needs a source",
    ] {
        r.stdout_has(needle);
    }
    run(&["check-catalog", "tests/data/check/syntax.toml", "--lang", "en"])
        .code(1)
        .stdout_has("syntax.toml:9: error[invalid]:");
    run(&["check-catalog", "tests/data/check/unknown-key.toml", "--lang", "en"])
        .code(1)
        .stdout_has("unknown-key.toml:15: error[invalid]: unknown field `units`");
}

#[test]
fn warnings_name_what_eval_cannot_judge_and_fail_only_when_strict() {
    let args =
        ["check-catalog", "tests/data/check/warnings.toml", "--plan", "tests/data/check/plan.txt", "--lang", "en"];
    let r = run(&args);
    r.code(0).stdout_has("3 indicator(s); 0 error(s), 6 warning(s)");
    r.stdout_has("warnings.toml:12: pm25: warning[province-without-source]")
        .stdout_has("warnings.toml:12: pm25: warning[no-source]: no `source`, though other indicators of this catalogue give one: it is taken as 表2")
        .stdout_has("warnings.toml:23: eco_index: warning[trend-without-series]")
        .stdout_has("warnings.toml:33: fertilizer: warning[no-baseline]")
        .stdout_has("warnings.toml:33: fertilizer: warning[quote-not-in-plan]");
    run(&[&args[..], &["--strict"]].concat()).code(1);
    run(&["check-catalog", "tests/data/check/warnings.toml", "--lang", "en"])
        .code(0)
        .stdout_has("0 error(s), 5 warning(s)");
}

#[test]
fn a_missing_required_key_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = readme_example();
    let without = text.replacen("domain = ", "# domain = ", 1);
    let line = text[..text.find("domain = ").unwrap()].rfind("[[indicator]]").map(|at| text[..at].lines().count() + 1);
    std::fs::write(dir.path().join("c.toml"), &without).unwrap();
    let r = run_in(dir.path(), &["check-catalog", "c.toml", "--lang", "en"]);
    r.code(1).stdout_has(&format!("c.toml:{}: error[invalid]: missing required key `domain`", line.unwrap()));
}

#[test]
fn a_relative_change_on_a_percentage_names_the_points_form() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = |target: &str, unit: &str| {
        format!(
            "[plan]\nname = \"p\"\nbase_year = 2015\ntarget_year = 2020\nmidterm_year = 2018\n\n\
             [[county]]\nname = \"全国\"\nkind = \"city\"\n\n\
             [[indicator]]\nid = \"good_days\"\ndomain = \"d\"\nname = \"优良天数比率\"\nunit = \"{unit}\"\n\
             type = \"binding\"\nbetter = \"higher\"\nbaseline = 81.2\ntarget = \"{target}\"\n"
        )
    };
    // An empty plan text: a regular file (a device such as /dev/null is refused as a side file).
    std::fs::write(dir.path().join("empty-plan.txt"), "").unwrap();
    let check = |text: String| {
        std::fs::write(dir.path().join("c.toml"), text).unwrap();
        run_in(dir.path(), &["check-catalog", "c.toml", "--plan", "empty-plan.txt", "--lang", "en"])
    };
    let r = check(catalog_with_row(catalogue("baseline +3.3%", "%")));
    r.code(0).stdout_has(
        "c.toml:12: good_days: warning[relative-change-on-percent]: the target `baseline +3.3%` is a relative change \
         (a share of the baseline) on an indicator measured in %: where the plan says percentage points \
         (提高N个百分点), write `baseline +3.3pp`",
    );
    let quiet = |target: &str, unit: &str| {
        let r = check(catalog_with_row(catalogue(target, unit)));
        assert!(!r.stdout.contains("relative-change-on-percent"), "{target} {unit}: {}", r.stdout);
    };
    quiet("baseline +3.3pp", "%");
    quiet("baseline -10%", "万吨");
}

fn catalog_with_row(text: String) -> String {
    text.replace("[plan]\n", "[plan]\nofficial_row = \"全国\"\n")
}

#[test]
fn json_lists_the_findings_and_an_unreadable_file_cannot_be_checked() {
    let r = run(&["check-catalog", "tests/data/check/errors.toml", "--format", "json"]);
    r.code(1);
    let doc = r.json();
    assert_eq!(
        (doc["valid"].as_bool(), doc["errors"].as_u64(), doc["warnings"].as_u64()),
        (Some(false), Some(5), Some(0))
    );
    assert!(doc["indicators"].is_null());
    let first = &doc["findings"][0];
    assert_eq!(
        (first["severity"].as_str(), first["code"].as_str(), first["line"].as_u64()),
        (Some("error"), Some("invalid"), Some(16))
    );
    assert_eq!(first["item"], "forest");
    let doc = run(&["check-catalog", "tests/data/check/warnings.toml", "--format", "json"]).json();
    assert_eq!((doc["valid"].as_bool(), doc["indicators"].as_u64()), (Some(true), Some(3)));
    run(&["check-catalog", "tests/data/check/missing.toml", "--lang", "en"])
        .code(2)
        .stderr_has("cannot read the catalogue");
}

#[test]
fn a_catalogue_with_only_a_city_row_works() {
    let only_city = readme_example()
        .replace("[[county]]\nname = \"东区\"\naliases = [\"东\"]\ntags = [\"coastal\"]\n\n", "")
        .replace("[[county]]\nname = \"西县\"\n\n", "")
        .replace("applies_to = [\"coastal\"]\n", "");
    assert!(!only_city.contains("西县") && !only_city.contains("东区"), "{only_city}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("city.toml"), &only_city).unwrap();
    run_in(dir.path(), &["check-catalog", "city.toml", "--strict", "--lang", "en"])
        .code(0)
        .stdout_has("0 error(s), 0 warning(s)");
    std::fs::write(dir.path().join("2023.csv"), "county,indicator,value\n全市,forest_coverage,61.5\n").unwrap();
    let r = run_in(dir.path(), &["eval", "2023.csv", "--catalog", "city.toml", "--all"]);
    r.code(0).stdout_has("森林覆盖率（%）").stdout_has("提前实现");
    assert!(!r.stdout.contains("各地区"), "no areas matrix without areas:\n{}", r.stdout);
}

/// Three ASCII words in a row, the shape of an English phrase (as tests/intake.rs checks the problems'
/// words). Codes, keys and target forms taken into a Chinese sentence (`baseline [±N%]`) are not.
fn has_english_phrase(text: &str) -> bool {
    let words: Vec<&str> = text.split([' ', '：', '；', '，', '、', '（', '）']).collect();
    words.windows(3).any(|w| w.iter().all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic())))
}

#[test]
fn in_chinese_a_catalogue_with_problems_reads_in_chinese_but_its_codes_and_input() {
    for args in [
        &["tests/data/check/errors.toml"][..],
        &["tests/data/check/syntax.toml"],
        &["tests/data/check/unknown-key.toml"],
        &["tests/data/check/polarity.toml", "--strict"],
        &["tests/data/check/warnings.toml", "--plan", "tests/data/check/plan.txt"],
    ] {
        let r = run(&[&["check-catalog"][..], args, &["--lang", "zh"]].concat());
        assert!(r.code == 0 || r.code == 1, "{}: {}", r.cmd, r.stderr);
        for line in r.stdout.lines() {
            // The place and the id are input; the level is a word; the code stays English.
            let said = line.split_once("]: ").map_or(line, |(_, s)| s);
            assert!(!has_english_phrase(said), "{}: English in {line:?}", r.cmd);
            assert!(!line.contains("error[") && !line.contains("warning["), "{}: {line:?}", r.cmd);
        }
        assert!(r.stdout.contains("错误[") || r.stdout.contains("警告["), "{}: {}", r.cmd, r.stdout);
    }
    assert!(has_english_phrase("the plan covers") && !has_english_phrase("`baseline [±N%]`、`reference ID`、`done`"));
}

#[test]
fn findings_are_problems_of_the_shared_output_to_a_file_or_as_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("findings.json");
    let args = ["check-catalog", "tests/data/check/polarity.toml", "-o", out.to_str().unwrap()];
    run(&args).code(0);
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let first = &doc["findings"][0];
    assert_eq!(
        (first["code"].as_str(), first["severity"].as_str(), first["line"].as_u64(), first["field"].as_str()),
        (Some("rule-against-polarity"), Some("warning"), Some(12), Some("pm25"))
    );
    let r = run(&["check-catalog", "tests/data/check/errors.toml", "--format", "github"]);
    r.code(1).stdout_has(
        "::error file=tests/data/check/errors.toml,line=35,title=invalid::plants: due year 2030 is outside the plan period 2021–2025",
    );
}

#[test]
fn every_catalogue_code_is_documented() {
    let docs = std::fs::read_to_string(root().join("docs/target-language.md")).unwrap();
    for code in plan_check::problem::Code::CATALOG {
        assert!(
            docs.contains(&format!("| `{}` |", code.as_str())),
            "no docs/target-language.md row for {}",
            code.as_str()
        );
    }
}
