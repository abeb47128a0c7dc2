//! The words of `check-catalog`.

use super::*;

/// The last line of `check-catalog`, and its verdict on stderr when it exits 1.
pub fn catalog_summary(origin: &str, count: Option<usize>, errors: usize, warnings: usize, lang: Lang) -> String {
    match (lang, count) {
        (Lang::Zh, Some(n)) => format!("{origin}：{n}项指标；{errors}个错误，{warnings}个警告"),
        (Lang::Zh, None) => format!("{origin}：未能载入；{errors}个错误，{warnings}个警告"),
        (Lang::En, Some(n)) => format!("{origin}: {n} indicator(s); {errors} error(s), {warnings} warning(s)"),
        (Lang::En, None) => format!("{origin}: not loaded; {errors} error(s), {warnings} warning(s)"),
    }
}

/// What `check-catalog` warns about, in words.
pub enum Lint<'a> {
    /// A target relative to the base-year value, which the catalogue does not give.
    NoBaseline {
        target: &'a str,
        base: i32,
    },
    /// A trend with no base-year value to start its series.
    TrendWithoutSeries {
        target: &'a str,
        base: i32,
    },
    ProvinceWithoutSource,
    QuoteNotInPlan {
        quote: &'a str,
    },
    /// `>= 26` on a lower-is-better indicator: every value the plan wants would fail.
    AgainstPolarity {
        target: &'a str,
        cmp: Cmp,
        value: f64,
        better: Better,
    },
}

pub fn lint(l: &Lint, lang: Lang) -> String {
    match (l, lang) {
        (Lint::NoBaseline { target, base }, Lang::Zh) => format!(
            "目标 `{target}` 相对于{base}年值，而指标目录未给出：数据中有{base}年的行之前，eval 判为待定（规划写明时请补 `baseline`）"
        ),
        (Lint::NoBaseline { target, base }, Lang::En) => format!(
            "the target `{target}` is relative to the {base} value and the catalogue gives none: eval is pending \
             until the data carries a {base} row (add `baseline` if the plan states it)"
        ),
        (Lint::TrendWithoutSeries { target, base }, Lang::Zh) => format!(
            "趋势目标 `{target}` 按多年序列判定，而指标目录未给出{base}年值作为起点：数据提供各年数值之前，eval 判为待定（规划写明时请补 `baseline`）"
        ),
        (Lint::TrendWithoutSeries { target, base }, Lang::En) => format!(
            "the trend `{target}` is judged on a series of years and the catalogue gives no {base} value to start \
             it: eval keeps it pending until the data supplies the years (add `baseline` if the plan states it)"
        ),
        (Lint::ProvinceWithoutSource, Lang::Zh) => "省下达目标只能依据 --targets 提供的数值判定；请补 `note` 写明省里在何处下达（规划条款或文件），评估者才知道向谁要数".into(),
        (Lint::ProvinceWithoutSource, Lang::En) => "a province target is judged only on a figure supplied with --targets; add a \
             `note` saying where the province assigns it (the plan's clause, or the document), so the evaluator knows \
             what to ask for"
            .into(),
        (Lint::QuoteNotInPlan { quote }, Lang::Zh) => format!("引文 {quote:?} 在规划原文中找不到（须逐字一致）"),
        (Lint::QuoteNotInPlan { quote }, Lang::En) => {
            format!("the quote {quote:?} is not in the plan's text, word for word")
        }
        (Lint::AgainstPolarity { target: t, cmp, value, better }, lang) => against_polarity(t, *cmp, *value, *better, lang),
    }
}

/// What a rule written against its polarity asks, what polarity says, and the rule it implies.
pub(crate) fn against_polarity(t: &str, cmp: Cmp, value: f64, better: Better, lang: Lang) -> String {
    let n = num(value);
    let fix = match better {
        Better::Lower => format!("<= {n}"),
        Better::Higher => format!(">= {n}"),
    };
    let better = better.as_str();
    match (lang, cmp.direction()) {
        (Lang::Zh, Cmp::AtLeast) => format!(
            "目标 `{t}` 要求不低于{n}，而 better = \"{better}\" 表示越低越好：eval 会把低于{n}的值——正是规划要的值——判为未达标；请写 `{fix}`（或只写数值），或改正 `better`"
        ),
        (Lang::Zh, _) => format!(
            "目标 `{t}` 要求不高于{n}，而 better = \"{better}\" 表示越高越好：eval 会把高于{n}的值——正是规划要的值——判为未达标；请写 `{fix}`（或只写数值），或改正 `better`"
        ),
        (Lang::En, Cmp::AtLeast) => format!(
            "the target `{t}` asks for at least {n} but better = \"{better}\" says lower values are better: eval fails \
             every value below it, the values the plan wants; write `{fix}` (or a bare number), or fix `better`"
        ),
        (Lang::En, _) => format!(
            "the target `{t}` asks for at most {n} but better = \"{better}\" says higher values are better: eval fails \
             every value above it, the values the plan wants; write `{fix}` (or a bare number), or fix `better`"
        ),
    }
}
