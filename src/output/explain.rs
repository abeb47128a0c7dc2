//! `eval --explain ID`: one verdict taken apart for an analyst who questions it — the rule and where it
//! comes from, the figures and the rows they were read from, the arithmetic of completion, of the
//! elapsed share and of the progress measures, and the status with its reason.

use serde_json::{Map, Value};

use super::Content;
use crate::Lang;
use crate::catalog::{Aggregate, Catalog, Indicator};
use crate::evaluate::{Basis, Evaluation, Stage, Verdict};
use crate::labels::{category_label, num, percent, reason, type_label, words};
use crate::progress::Progress;
use crate::target::Better;

/// One line of the explanation: what it is about, and what it says.
pub struct Line {
    /// A stable English key, for the JSON document and the CSV records.
    pub key: &'static str,
    pub label: &'static str,
    pub text: String,
}

/// The explanation as content: `label：text` lines for a person; for JSON and CSV the same lines in
/// English under stable keys, with the verdict's origin.
pub fn build(catalog: &Catalog, evaluation: &Evaluation, ind: &Indicator, v: &Verdict, lang: Lang) -> Content<'static> {
    let heading = explain(catalog, evaluation, ind, v, lang)
        .into_iter()
        .map(|l| match lang {
            Lang::Zh => format!("{}：{}", l.label, l.text),
            Lang::En => format!("{}: {}", l.label, l.text),
        })
        .collect();
    let english = explain(catalog, evaluation, ind, v, Lang::En);
    let mut document = Map::new();
    document.insert("indicator".into(), Value::from(ind.id.as_str()));
    document.insert("county".into(), Value::from(&*v.county));
    document.insert("status".into(), Value::from(v.status.as_str()));
    document.insert("origin".into(), (!v.origin.is_empty()).then(|| v.origin.text(&evaluation.files)).into());
    let lines: Vec<Value> = english.iter().map(|l| serde_json::json!({ "item": l.key, "text": l.text })).collect();
    document.insert("explanation".into(), Value::Array(lines));
    let records = english
        .iter()
        .map(|l| {
            let mut r = Map::new();
            r.insert("indicator".into(), Value::from(ind.id.as_str()));
            r.insert("county".into(), Value::from(&*v.county));
            r.insert("item".into(), Value::from(l.key));
            r.insert("text".into(), Value::from(l.text.as_str()));
            r
        })
        .collect();
    let document = Some(Box::new(super::Json(Value::Object(document))) as Box<dyn super::Document>);
    Content { heading, document, records, ..Content::default() }
}

/// The explanation of one verdict, line by line, in the report's language.
pub fn explain(catalog: &Catalog, evaluation: &Evaluation, ind: &Indicator, v: &Verdict, lang: Lang) -> Vec<Line> {
    let line = |zh, en, text: String| Line { key: en, label: words(lang, zh, en), text };
    let mut lines = vec![
        line("指标", "indicator", indicator_text(catalog, ind, lang)),
        line("地区", "row", row_text(catalog, v, lang)),
        line("目标", "target", target_text(catalog, ind, v, lang)),
        line("基准值", "baseline", baseline_text(catalog, &evaluation.files, ind, v, lang)),
        line("本期值", "value", value_text(ind, v, evaluation, lang)),
    ];
    if let Some(text) = completion_text(catalog, ind, v, evaluation, lang) {
        lines.push(line("完成度", "completion", text));
    }
    if let Some(p) = &v.progress {
        lines.push(line("进展", "progress", progress_text(p, lang)));
        lines.push(line("预测", "projection", projection_text(p, lang)));
    }
    if !v.series.is_empty() {
        let points: Vec<String> = v.series.iter().map(|p| format!("{} {}", p.year, num(p.value))).collect();
        lines.push(line("序列", "series", points.join(words(lang, "｜", " | "))));
    }
    let mut status = crate::labels::status_word(catalog, v.status, lang).into_owned();
    if let Some(r) = &v.reason {
        status.push_str(&format!(" — {}", reason(r, lang)));
    }
    lines.push(line("状态", "status", status));
    lines
}

fn indicator_text(catalog: &Catalog, ind: &Indicator, lang: Lang) -> String {
    let polarity = match (ind.better, lang) {
        (Better::Higher, Lang::Zh) => "越高越好",
        (Better::Lower, Lang::Zh) => "越低越好",
        (Better::Higher, Lang::En) => "higher is better",
        (Better::Lower, Lang::En) => "lower is better",
    };
    let label = ind.label(catalog);
    let kind = type_label(ind.kind, lang);
    match lang {
        Lang::Zh => format!(
            "{} {}（序号{label}，{kind}，{polarity}；{}:{}）",
            ind.id,
            ind.display_name(),
            catalog.origin,
            ind.line
        ),
        Lang::En => format!(
            "{} {} (no. {label}, {kind}, {polarity}; {}:{})",
            ind.id,
            ind.display_name(),
            catalog.origin,
            ind.line
        ),
    }
}

fn row_text(catalog: &Catalog, v: &Verdict, lang: Lang) -> String {
    match v.official {
        true => crate::labels::official_row_text(catalog, &v.county, lang),
        false => v.county.to_string(),
    }
}

fn target_text(catalog: &Catalog, ind: &Indicator, v: &Verdict, lang: Lang) -> String {
    let t = &v.target;
    let rule = match (&t.resolved, lang) {
        (Some(r), Lang::Zh) => format!("，判定规则 {r}"),
        (Some(r), Lang::En) => format!(", judged as {r}"),
        (None, Lang::Zh) => "，尚无判定规则".into(),
        (None, Lang::En) => ", no rule yet".into(),
    };
    let from = match (&t.source, t.for_area, lang) {
        (Some(src), false, Lang::Zh) => format!("省下达：{src}"),
        (Some(src), true, Lang::Zh) => format!("下达本地区：{src}"),
        (Some(src), false, Lang::En) => format!("assigned by the province: {src}"),
        (Some(src), true, Lang::En) => format!("assigned to the area: {src}"),
        (None, _, _) => format!("{}:{}", catalog.origin, ind.line),
    };
    let written = match lang {
        Lang::Zh => format!("（目录写作 `{}`）", ind.target),
        Lang::En => format!(" (catalogue: `{}`)", ind.target),
    };
    match lang {
        Lang::Zh => format!("{}{written}{rule}（{from}）", t.text),
        Lang::En => format!("{}{written}{rule} ({from})", t.text),
    }
}

fn baseline_text(catalog: &Catalog, files: &[String], ind: &Indicator, v: &Verdict, lang: Lang) -> String {
    let base = catalog.plan.base_year;
    let cumulative = match lang {
        Lang::Zh => format!("；累计指标，{base}年起从0计"),
        Lang::En => format!("; cumulative: counted from 0 in {base}"),
    };
    let tail = if ind.cumulative { cumulative } else { String::new() };
    let Some(b) = v.baseline else {
        let none = match (&ind.baseline_text, lang) {
            (Some(text), _) => text.clone(),
            (None, Lang::Zh) => "无".to_string(),
            (None, Lang::En) => "none".to_string(),
        };
        return format!("{none}{tail}");
    };
    if let (Some(rebased), true) = (&ind.rebased, v.printed_baseline.is_some()) {
        return format!("{}{tail}", crate::labels::rebased_explained(rebased, ind.baseline, lang));
    }
    let base_row = v.origin.base_row.map(|p| p.location(files));
    let from = match (base_row, lang) {
        (Some(row), Lang::Zh) => format!("{base}年数据行 {row}"),
        (Some(row), Lang::En) => format!("the {base} row at {row}"),
        (None, Lang::Zh) => format!("指标目录 {}:{}", catalog.origin, ind.line),
        (None, Lang::En) => format!("the catalogue, {}:{}", catalog.origin, ind.line),
    };
    match lang {
        Lang::Zh => format!("{}（{from}）{tail}", num(b)),
        Lang::En => format!("{} ({from}){tail}", num(b)),
    }
}

fn value_text(ind: &Indicator, v: &Verdict, evaluation: &Evaluation, lang: Lang) -> String {
    let (rows, year) = (v.origin.value_rows_text(&evaluation.files), evaluation.year);
    match (v.value, v.basis, lang) {
        (None, _, Lang::Zh) if rows.is_empty() => format!("无（数据中无{year}年此项）"),
        (None, _, Lang::En) if rows.is_empty() => format!("none (no {year} row in the data)"),
        (None, _, Lang::Zh) => format!("无数据（{rows}）"),
        (None, _, Lang::En) => format!("no data ({rows})"),
        (Some(x), Basis::Reported, Lang::Zh) => format!("{}（{year}年，{rows}）", num(x)),
        (Some(x), Basis::Reported, Lang::En) => format!("{} ({year}, {rows})", num(x)),
        (Some(x), Basis::Aggregated { areas }, _) => {
            let how = match (ind.aggregate, lang) {
                (Aggregate::Ratio, Lang::Zh) => "Σ分子 / Σ分母 × 100",
                (Aggregate::Ratio, Lang::En) => "Σ numerator / Σ denominator × 100",
                (_, Lang::Zh) => "各地区之和",
                (_, Lang::En) => "the areas' sum",
            };
            match lang {
                Lang::Zh => format!("{} = {how}，由{areas}个地区汇总（{rows}）", num(x)),
                Lang::En => format!("{} = {how} over {areas} areas ({rows})", num(x)),
            }
        }
    }
}

/// (value − start) / (target − start) against the elapsed share, where there is a rule and a start.
fn completion_text(catalog: &Catalog, ind: &Indicator, v: &Verdict, e: &Evaluation, lang: Lang) -> Option<String> {
    let (value, rule) = (v.value?, v.target.rule?);
    let start = if ind.cumulative { Some(0.0) } else { v.baseline };
    let plan = &catalog.plan;
    let due = ind.due.unwrap_or(plan.target_year);
    let share = if e.stage == Stage::Final || due <= e.year || v.completion.is_none() {
        String::new()
    } else {
        let s = ((f64::from(e.year) - f64::from(plan.base_year)) / (f64::from(due) - f64::from(plan.base_year)))
            .clamp(0.0, 1.0);
        match lang {
            Lang::Zh => {
                format!("；序时进度 ({} − {}) / ({due} − {}) = {}", e.year, plan.base_year, plan.base_year, percent(s))
            }
            Lang::En => format!(
                "; elapsed share ({} − {}) / ({due} − {}) = {}",
                e.year,
                plan.base_year,
                plan.base_year,
                percent(s)
            ),
        }
    };
    let arithmetic = match (start, v.completion) {
        (Some(b), Some(c)) => {
            format!("({} − {}) / ({} − {}) = {}", num(value), num(b), num(rule.value), num(b), percent(c))
        }
        (Some(b), None) if rule.is_met_by(b) => match lang {
            Lang::Zh => format!("基准值{}已达到目标{rule}：按水平判定，不计完成度", num(b)),
            Lang::En => format!("the baseline {} already meets {rule}: judged by level, no completion", num(b)),
        },
        _ => match lang {
            Lang::Zh => format!("无基准值：按水平判定，本期值{}对目标{rule}", num(value)),
            Lang::En => format!("no baseline: judged by level, {} against {rule}", num(value)),
        },
    };
    Some(format!("{arithmetic}{share}"))
}

fn progress_text(p: &Progress, lang: Lang) -> String {
    let a_year = words(lang, "/年", "/yr");
    let rate = |r: f64| {
        if p.linear { format!("{}{a_year}", signed(r)) } else { format!("{}%{a_year}", signed(r * 100.0)) }
    };
    let how = match (p.linear, lang) {
        (true, Lang::Zh) => "线性年均变化",
        (false, Lang::Zh) => "年均增长率",
        (true, Lang::En) => "linear change a year",
        (false, Lang::En) => "compound rate a year",
    };
    let ratio = p.ratio.map_or("—".to_string(), percent);
    let category = category_label(p.category, lang);
    match lang {
        Lang::Zh => format!(
            "{}年{} → {}年{}，{how}：实际 {}，所需 {}，R = 实际 / 所需 = {ratio} → {category}",
            p.from.year,
            num(p.from.value),
            p.latest.year,
            num(p.latest.value),
            rate(p.actual_rate),
            rate(p.required_rate)
        ),
        Lang::En => format!(
            "{}: {} → {}: {}, {how}: actual {}, required {}, R = actual / required = {ratio} → {category}",
            p.from.year,
            num(p.from.value),
            p.latest.year,
            num(p.latest.value),
            rate(p.actual_rate),
            rate(p.required_rate)
        ),
    }
}

fn projection_text(p: &Progress, lang: Lang) -> String {
    let x = &p.projection;
    let value = num((x.value * 100.0).round() / 100.0);
    let gap = num((x.gap * 100.0).round() / 100.0);
    match lang {
        Lang::Zh => format!("最小二乘直线延至{}年：{value}，目标{}，差{gap}", x.year, x.target),
        Lang::En => format!("least-squares line to {}: {value} against {}, gap {gap}", x.year, x.target),
    }
}

fn signed(v: f64) -> String {
    let s = num((v * 100.0).round() / 100.0);
    if s.starts_with('-') || s == "0" { s } else { format!("+{s}") }
}
