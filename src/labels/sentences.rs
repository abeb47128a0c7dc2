//! The sentences of headings, notes and cells that carry values.

use super::*;

// Sentences: the words of headings, notes and cells that carry values.

/// `，序时进度 60%` after the stage in a heading; nothing at the final stage.
pub fn elapsed_share(stage: Stage, share: f64, lang: Lang) -> String {
    match stage {
        Stage::Midterm => format!("{}{}", words(lang, "，序时进度 ", ", elapsed share "), percent(share)),
        Stage::Final => String::new(),
    }
}

/// The heading line of `eval` that says what was evaluated.
pub fn eval_data_line(files: &str, year: i32, stage: Stage, share: f64, lang: Lang) -> String {
    let (label, share) = (stage_label(stage, lang), elapsed_share(stage, share, lang));
    match lang {
        Lang::Zh => format!("数据：{files}　年份：{year}　阶段：{label}{share}"),
        Lang::En => format!("data: {files}  year: {year}  stage: {label}{share}"),
    }
}

/// The heading line of `trend` that says what was evaluated, and for which area.
pub fn trend_data_line(files: &str, year: i32, stage: Stage, share: f64, area: &str, lang: Lang) -> String {
    let (label, share) = (stage_label(stage, lang), elapsed_share(stage, share, lang));
    match lang {
        Lang::Zh => format!("数据：{files}　评估年份：{year}　阶段：{label}{share}　地区：{area}"),
        Lang::En => format!("data: {files}  year: {year}  stage: {label}{share}  area: {area}"),
    }
}

/// The notes under `trend`'s table: how progress and projections are measured.
pub fn trend_notes(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Zh => [
            "进展（Eurostat）：R = 实际年均增长率 ÷ 所需年均增长率，自序列首年（有基准值时为基准年）起算；R ≥ 95% 显著进展，60%–95% 适度进展，0–60% 进展不足，R < 0 或基准年已达标而本期未达标为偏离目标；本期已达标为已达目标。值或目标为 0 时增长率无定义，改用线性年均变化（标“线性”）。",
            "预测：各年数值的最小二乘直线在目标年的取值（百分比不超过 100）。走势：▁ 最低 … █ 最高，空格为缺年。",
        ],
        Lang::En => [
            "progress (Eurostat): R = actual ÷ required annual growth rate, from the first year of the series (the base year when its value is known); R ≥ 95% significant, 60–95% moderate, 0–60% insufficient, R < 0 (or a target met in the first year and lost since) moving away; a target met now is achieved. Where a value or the target is 0, growth rates are undefined and the linear change per year is used (marked linear).",
            "projection: the least-squares line through the values, at the target year (a percentage is capped at 100). sparkline: ▁ lowest … █ highest, a space for a missing year.",
        ],
    }
}

/// The progress category with its ratio, and a mark when the rates are linear.
pub fn progress_text(p: Option<&Progress>, lang: Lang) -> String {
    let Some(p) = p else { return "—".into() };
    let mut notes: Vec<String> = p.ratio.map(|r| format!("R={}", percent(r))).into_iter().collect();
    if p.linear {
        notes.push(word(Word::Linear, lang).into());
    }
    let label = category_label(p.category, lang);
    match (notes.is_empty(), lang) {
        (true, _) => label.into(),
        (false, Lang::Zh) => format!("{label}（{}）", notes.join("，")),
        (false, Lang::En) => format!("{label} ({})", notes.join(", ")),
    }
}

/// "projected 2025: 93.4, target ≥95.6: miss by 2.2"; a miss between percentages in percentage points
/// (`差0.73个百分点`).
pub fn projection_text(p: Option<&Progress>, percent_points: bool, lang: Lang) -> String {
    let Some(p) = p else { return "—".into() };
    let j = &p.projection;
    let (year, value, target) = (j.year, two(j.value), j.target);
    let miss = difference(j.gap, "", percent_points, lang);
    match (lang, j.meets_target) {
        (Lang::Zh, true) => format!("预计{year}年{value}；目标{target}：可达标"),
        (Lang::Zh, false) => format!("预计{year}年{value}；目标{target}：差{miss}"),
        (Lang::En, true) => format!("projected {year}: {value}, target {target}: meets"),
        (Lang::En, false) => format!("projected {year}: {value}, target {target}: miss by {miss}"),
    }
}

/// A city value made from its areas' rows.
pub fn aggregated_from(areas: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("由{areas}个地区汇总"),
        Lang::En => format!("aggregated from {areas} areas"),
    }
}

/// Who assigned the target in force: the province (for the city), or the area's own document.
pub fn assigned_by(source: &str, for_area: bool, lang: Lang) -> String {
    match (lang, for_area) {
        (Lang::Zh, false) => format!("省目标：{source}"),
        (Lang::Zh, true) => format!("下达本地区目标：{source}"),
        (Lang::En, false) => format!("province: {source}"),
        (Lang::En, true) => format!("assigned to the area: {source}"),
    }
}

/// One indicator of the verdict line: `12 森林覆盖率 fail (58.2, target ≥58.7)`.
pub fn off_track_item(label: &str, name: &str, status: &str, value: &str, target: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{label} {name} {status}（{value}，目标{target}）"),
        Lang::En => format!("{label} {name} {status} ({value}, target {target})"),
    }
}

/// The verdict line of `eval`: how many indicators are off track, then each of them.
pub fn off_track_line(binding: bool, items: &[String], lang: Lang) -> String {
    let n = items.len();
    let what = match (binding, lang) {
        (true, Lang::Zh) => format!("{n}项约束性指标未达要求："),
        (false, Lang::Zh) => format!("{n}项指标未达要求："),
        (true, Lang::En) => format!("{n} binding indicator(s) off track: "),
        (false, Lang::En) => format!("{n} indicator(s) off track: "),
    };
    format!("{what}{}", items.join(word(Word::Separator, lang)))
}

/// A target that accumulates from zero, marked so in the catalogue's list.
pub fn cumulative(rule: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{rule}，累计"),
        Lang::En => format!("{rule}, cumulative"),
    }
}

/// Where an indicator applies: the city row only, every area, or the tagged areas; and which
/// city-level row is its official one when that is not 全市.
pub fn applicability(city_row: &str, tags: &[String], areas: usize, all: usize, lang: Lang) -> String {
    let scope = match (areas, lang) {
        (0, Lang::Zh) => return format!("仅{city_row}"),
        (0, Lang::En) => return format!("{city_row} only"),
        (n, Lang::Zh) if n == all => "全部地区".into(),
        (n, Lang::En) if n == all => "all areas".into(),
        (n, Lang::Zh) => format!("{}：{n}个地区", tags.join("、")),
        (n, Lang::En) => format!("{}: {n} areas", tags.join(", ")),
    };
    match (city_row, lang) {
        ("全市", _) => scope,
        (row, Lang::Zh) => format!("{scope}；以{row}为准"),
        (row, Lang::En) => format!("{scope}; official row {row}"),
    }
}

/// The line under the catalogue's list.
pub fn indicator_count(n: usize, origin: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("共{n}项（指标目录：{origin}）"),
        Lang::En => format!("{n} indicator(s) (catalogue: {origin})"),
    }
}

/// Which way is better, for a ranking.
pub fn direction(better: Better, lang: Lang) -> &'static str {
    match (better, lang) {
        (Better::Higher, Lang::Zh) => "越高越好",
        (Better::Lower, Lang::Zh) => "越低越好",
        (Better::Higher, Lang::En) => "higher is better",
        (Better::Lower, Lang::En) => "lower is better",
    }
}

/// The heading of a ranking: the indicator, the year, the target and the direction.
pub fn rank_heading(name: &str, id: &str, year: i32, target: &str, better: Better, lang: Lang) -> String {
    let direction = direction(better, lang);
    match lang {
        Lang::Zh => format!("{name}（{id}）　{year} 年　目标：{target}　{direction}"),
        Lang::En => format!("{name} ({id})  year {year}  target: {target}  {direction}"),
    }
}

/// What a template says about one indicator, for the person filling it in: its name, unit and
/// target, and when they apply, its due year, that it is a total since the base year, or a yes/no.
pub struct TemplateNote<'a> {
    pub name: &'a str,
    pub unit: &'a str,
    pub target: &'a str,
    pub due: Option<i32>,
    /// The base year a cumulative value counts from.
    pub cumulative_since: Option<i32>,
    pub done_or_not: bool,
}

pub fn template_note(n: &TemplateNote, lang: Lang) -> String {
    let (unit, target) = (n.unit, n.target);
    let mut parts = match lang {
        Lang::Zh => vec![n.name.to_string(), format!("单位：{unit}"), format!("目标：{target}")],
        Lang::En => vec![n.name.to_string(), format!("unit: {unit}"), format!("target: {target}")],
    };
    match lang {
        Lang::Zh => {
            parts.extend(n.due.map(|d| format!("{d}年到期")));
            parts.extend(n.cumulative_since.map(|base| format!("填{base}年以来的累计值")));
            parts.extend(n.done_or_not.then(|| "填1（已完成）或0（未完成）".to_string()));
        }
        Lang::En => {
            parts.extend(n.due.map(|d| format!("due {d}")));
            parts.extend(n.cumulative_since.map(|base| format!("the total since {base}")));
            parts.extend(n.done_or_not.then(|| "1 (done) or 0 (not done)".to_string()));
        }
    }
    parts.join(words(lang, "｜", " | "))
}

/// What `template -o` tells on stderr once the file is written.
pub fn template_written(path: &str, rows: usize, to_fill: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已写入 {path}：{rows} 行，待填 {to_fill} 项"),
        Lang::En => format!("wrote {path}: {rows} row(s), {to_fill} value(s) to fill in"),
    }
}
