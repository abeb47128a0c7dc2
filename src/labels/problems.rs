//! The words of problems: titles of codes, what was expected, why a cell is not a number, the
//! accounting and the verdict of `validate`.

use std::fmt;

use serde::Serialize;

use super::*;
use crate::problem::{Problem, Severity, escape};

/// What a problem code means, in a few words.
pub fn problem_title(code: Code, lang: Lang) -> &'static str {
    if let Some(title) = ci_title(code, lang) {
        return title;
    }
    let (zh, en) = match code {
        Code::Encoding => ("编码无法识别", "unreadable encoding"),
        Code::EmptyFile => ("文件为空", "empty file"),
        Code::MissingColumn => ("缺少列", "missing column"),
        Code::DuplicateColumn => ("列名重复", "duplicate column"),
        Code::UnknownColumn => ("未知列", "unknown column"),
        Code::RaggedRow => ("列数不符", "ragged row"),
        Code::UnknownCounty => ("未知地区", "unknown area"),
        Code::UnknownIndicator => ("未知指标", "unknown indicator"),
        Code::NotANumber => ("不是数值", "not a number"),
        Code::OutOfRange => ("超出范围", "out of range"),
        Code::MissingYear => ("缺少年份", "missing year"),
        Code::DuplicateRow => ("重复行", "duplicate row"),
        Code::ConflictingDuplicate => ("重复行数值冲突", "conflicting duplicate"),
        Code::NumeratorAboveDenominator => ("分子大于分母", "numerator above denominator"),
        Code::InconsistentRatio => ("比例与分子分母不符", "inconsistent ratio"),
        Code::NotApplicable => ("不适用于该地区", "not applicable to the area"),
        Code::MissingIndicator => ("缺少指标值", "missing indicator"),
        Code::AggregateMismatch => ("与各地区汇总不符", "disagrees with the areas' aggregate"),
        Code::BaselineMismatch => ("与指标目录基准值不符", "disagrees with the catalogue's baseline"),
        Code::CompoundGap => ("复合累计缺少年度值", "a yearly rate missing from a compounded total"),
        Code::UnreadableFile => ("文件无法读取", "file cannot be read"),
        Code::TooLarge => ("超出限制", "beyond a limit"),
        Code::Formula => ("公式取保存值", "formula values as saved"),
        Code::ForeignArea | Code::RatioWithoutParts => ("", ""),
        Code::UnreadSheet => return super::unread_sheet_title(lang),
        Code::UnitMismatch => return super::unit_mismatch_title(lang),
        Code::UnknownProject => ("未知工程项目", "unknown project"),
        Code::UnknownStatus => ("未知建设状态", "unknown status"),
        Code::ProgressFalling => ("进度较上年回落", "progress falling"),
        Code::CompletedUnfinished => ("已完工但进度不足100%", "completed but unfinished"),
        Code::InvestedAbovePlanned => ("完成投资超过计划投资", "invested above planned"),
        Code::Invalid => ("指标目录无效", "invalid catalogue"),
        Code::InvalidTargets => ("目标文件无效", "invalid targets file"),
        Code::NoBaseline => ("缺少基准值", "no baseline"),
        Code::TrendWithoutSeries => ("趋势目标无起点", "trend without a series"),
        Code::ProvinceWithoutSource => ("省下达目标未注明出处", "province target without a source"),
        Code::RuleAgainstPolarity => ("目标与指标方向相反", "rule against polarity"),
        Code::QuoteNotInPlan => ("引文不在规划中", "quote not in the plan"),
        Code::RelativeChangeOnPercent => ("百分比指标用了相对变化", "relative change on a percentage"),
        Code::NoSource => ("未写出处", "no source"),
        c @ (Code::YearOutsidePlan | Code::YearMismatch) => return super::gate_title(c, lang),
    };
    words(lang, zh, en)
}

/// What a problem expected, with the near miss it suggests.
pub fn did_you_mean(expected: &str, suggestion: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{expected}（是否应为 {suggestion}？）"),
        Lang::En => format!("{expected} (did you mean {suggestion}?)"),
    }
}

/// The note under a problem table that `--max-errors` cut short.
pub fn problems_not_shown(not_shown: usize, shown: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("… 另有{not_shown}个问题未显示（--max-errors {shown}）"),
        Lang::En => format!("… {not_shown} more problem(s) not shown (--max-errors {shown})"),
    }
}

/// `valid: 0 error(s), 2 warning(s)`, or `invalid: …`: the verdict of `validate`.
pub fn validate_verdict(errors: usize, warnings: usize, lang: Lang) -> String {
    match (errors, lang) {
        (0, Lang::Zh) => format!("有效：{errors}个错误，{warnings}个警告"),
        (_, Lang::Zh) => format!("无效：{errors}个错误，{warnings}个警告"),
        (0, Lang::En) => format!("valid: {errors} error(s), {warnings} warning(s)"),
        (_, Lang::En) => format!("invalid: {errors} error(s), {warnings} warning(s)"),
    }
}

/// One file's accounting: every row read is accepted or rejected; then, for a form, the row taken
/// as the header, and the names matched only once folded.
pub fn accounting(a: &Accounting, lang: Lang) -> String {
    let (file, read, accepted, rejected, shape, encoding) =
        (&a.file, a.rows_read, a.rows_accepted, a.rows_rejected, &a.shape, &a.encoding);
    let mut line = match lang {
        Lang::Zh => format!("{file}：读取{read}行 = 接受{accepted} + 拒绝{rejected}（{shape}，{encoding}）"),
        Lang::En => {
            format!("{file}: {read} rows read = {accepted} accepted + {rejected} rejected ({shape}, {encoding})")
        }
    };
    super::workbooks::accounting_notes(a, lang, &mut line);
    line
}

/// A limit's size as a problem shows it: `256 MiB`, `64 KiB`, or the plain count.
pub(crate) fn limit(name: &str, value: u64, lang: Lang) -> String {
    let size = crate::load::limit_size(name, value);
    match lang {
        Lang::Zh => format!("{name} 限值（{size}；可用 --limit {name}=N 调高）"),
        Lang::En => format!("the {name} limit ({size}; raise it with --limit {name}=N)"),
    }
}

/// Why a cell is not a number, in words.
pub fn not_number(why: NotNumber, lang: Lang) -> &'static str {
    use NotNumber as N;
    match why {
        N::Formula => words(
            lang,
            "公式未保存计算结果：文件由不计算公式的程序写出；请在 Excel 中打开并保存，或直接填写数值",
            "a formula with no value saved: the file was written by a program that does not calculate; open and \
             save it in Excel, or type the value",
        ),
        N::Comparison => words(
            lang,
            "数值不能写成比较式，请填写实测值",
            "a value is a number, not a comparison; write the measured value",
        ),
        N::Date => {
            words(lang, "这是日期而非数值，请将单元格设为数值格式", "a date, not a number; format the cell as a number")
        }
        N::PercentSign => {
            words(lang, "该指标不是百分比，不应带 % 号", "a % sign on an indicator that is not a percentage")
        }
        N::DecimalComma => words(
            lang,
            "逗号不是千位分隔符；小数请用小数点，如 59.7 而非 59,7",
            "a comma that is not a thousands separator; decimals take a point (59.7, not 59,7)",
        ),
        N::NanOrInfinity => words(lang, "NaN 和无穷大不是监测值", "NaN and infinity are not measurements"),
        N::NotANumber => words(lang, "不是数值", "not a number"),
        N::TooLarge => words(lang, "数值过大：绝对值超过 10^15", "the number is too large: more than 10^15 in size"),
        N::TooSmall => {
            words(lang, "数值过小，无法保存：将读作 0", "the number is too small to hold: it would read as 0")
        }
        N::TooPrecise => words(
            lang,
            "有效数字超过 15 位，超出数值能精确保存的范围：0.99999999999999999 将读作 1",
            "more than 15 significant digits, more than a number holds exactly: 0.99999999999999999 would read as 1",
        ),
    }
}

pub(crate) fn quantity(q: Quantity, lang: Lang) -> &'static str {
    match q {
        Quantity::PercentChange => words(lang, "百分比变化", "a percentage change"),
        Quantity::Percentage => words(lang, "百分比", "a percentage"),
        Quantity::Amount => words(lang, "累计量", "an amount"),
        Quantity::Count => words(lang, "计数", "a count"),
        Quantity::Other => words(lang, "数量", "a quantity"),
    }
}

pub(crate) fn range(r: Range, lang: Lang) -> String {
    match (r, lang) {
        (Range::Between(lo, hi, q), Lang::Zh) => format!("{}，介于 {} 与 {} 之间", quantity(q, lang), num(lo), num(hi)),
        (Range::Between(lo, hi, q), Lang::En) => format!("{} between {} and {}", quantity(q, lang), num(lo), num(hi)),
        (Range::NotNegative(q), Lang::Zh) => format!("{}，不小于 0", quantity(q, lang)),
        (Range::NotNegative(q), Lang::En) => format!("{} of zero or more", quantity(q, lang)),
        (Range::WholeCount, _) => words(lang, "不小于 0 的整数", "a count of zero or more (a whole number)").into(),
        (Range::DoneOrNot, _) => {
            words(lang, "1（已完成）或 0（未完成），不能取中间值", "1 (done) or 0 (not done), nothing in between")
                .into()
        }
    }
}

pub(crate) fn list(items: &[String], lang: Lang) -> String {
    items.join(words(lang, "、", ", "))
}

/// What a problem expected, in words.
pub fn expected(e: &Expected, lang: Lang) -> String {
    if let Some(text) = super::gate_expected(e, lang) {
        return text;
    }
    if let Some(text) = expected_ci(e, lang) {
        return text;
    }
    match e {
        Expected::Project(p) => return super::project_expected(p, lang),
        Expected::Catalog(broken) => return super::broken(broken, lang),
        Expected::Lint(warned) => return super::lint(warned, lang),
        _ => {}
    }
    match expected_fixed(e, lang) {
        Some(text) => text.to_string(),
        None if lang == Lang::Zh => expected_zh(e),
        None => expected_en(e),
    }
}

pub(crate) fn expected_fixed(e: &Expected, lang: Lang) -> Option<&'static str> {
    use Expected as E;
    let (zh, en) = match e {
        E::FolderWithDataFiles => {
            ("至少含一个 .csv、.xlsx 或 .xls 文件的文件夹", "a folder with at least one .csv, .xlsx or .xls file")
        }
        E::ListableFolder => ("可以列出内容的文件夹", "a folder that can be listed"),
        E::ReadableFile => ("可以读取的文件", "a file that can be read"),
        E::ReadableCsv => ("可以按 CSV 读取的文件", "a file that can be read as CSV"),
        E::RegularFileNotLink => (
            "普通文件；符号链接须加 --follow-symlinks 才读取",
            "a regular file; a symbolic link is read only with --follow-symlinks",
        ),
        E::DataFileOrFolder => ("数据文件或存放数据文件的文件夹", "a data file or a folder of them"),
        E::RegularFile => ("普通文件", "a regular file"),
        E::FileNotPattern => (
            "一个文件；这像是未匹配到任何文件、由命令行原样传入的通配符",
            "a file; this looks like a pattern that matched no file, passed on as it is by the shell",
        ),
        E::ExistingFile => ("存在且可以读取的文件", "a file that exists and can be read"),
        E::Workbook => ("Excel 能打开的工作簿", "a workbook Excel can open"),
        E::XlsxZip => (".xlsx 工作簿（zip 压缩包）", "an .xlsx workbook (a zip archive)"),
        E::DecompressibleWorkbook => ("各部分能解压的工作簿", "a workbook whose parts can be decompressed"),
        E::XlsxWorkbook => (".xlsx 工作簿", "an .xlsx workbook"),
        E::CsvOrXlsx => (
            ".csv 或 .xlsx 文件；请另存为“Excel 工作簿（.xlsx）”",
            "a .csv or .xlsx file; save it as an Excel Workbook (.xlsx)",
        ),
        E::SharedStringsCount => {
            ("计数与实际字符串相符的共享字符串表", "a shared-strings table whose count matches its strings")
        }
        E::VisibleWorksheet => ("含可见工作表的工作簿", "a workbook with a visible worksheet"),
        E::ReadableSheet => ("可以读取的工作表", "a sheet that can be read"),
        E::WithinExcelGrid => (
            "位于 Excel 最后一行、最后一列（XFD1048576）以内的单元格",
            "cells within Excel's last row and column (XFD1048576)",
        ),
        E::KnownEncoding => {
            ("utf-8 或 gb18030 等编码（--encoding）", "an encoding such as utf-8 or gb18030 (--encoding)")
        }
        E::HeaderAndDataRow => ("一行表头和至少一行数据", "a header row and at least one data row"),
        E::YearSource => (
            "年份：年份列、文件名中的年份（如 2023.csv）或 --year",
            "a year: a year column, a year in the file name (2023.csv), or --year",
        ),
        E::DataRowUnderHeader => ("表头下至少一行数据", "at least one data row under the header"),
        E::CountyColumnFirst => (
            "第一列为县市区列（县市区/地区/county），其后为各指标列（宽表）或 indicator、value 列（长表）",
            "a county column first (县市区/地区/county), then indicator columns (wide) or indicator,value (long)",
        ),
        E::IndicatorColumn => ("至少一个指标列", "at least one indicator column"),
        E::RatioOnlyInLong => (
            "分子、分母列仅用于长表（每行一个指标）",
            "numerator and denominator only in a long file, where each row is one indicator",
        ),
        E::IndicatorHeader => (
            "以指标目录中的指标编号或完整名称作列标题",
            "an indicator id or exact name from the catalogue as a column header",
        ),
        E::KnownColumn => (
            "county、indicator、value、year、numerator、denominator 或 note；此列不读取",
            "county, indicator, value, year, numerator, denominator or note; this column is not read",
        ),
        E::LongOrWide => (
            "长表（indicator 和 value 列）或宽表（每个指标一列），不能两者混用",
            "a long file (indicator and value columns) or a wide one (a column per indicator), not both",
        ),
        E::EmptyCellNoHeader => ("空单元格：此列没有表头", "an empty cell: this column has no header"),
        E::ReportingArea => ("指标目录中的填报地区（名称或别名）", "a reporting area of the catalogue (name or alias)"),
        E::IndicatorIdOrName => {
            ("指标目录中的指标编号或完整名称", "an indicator id or its exact name in the catalogue")
        }
        E::YearSuchAs => ("年份，如 2023", "a year such as 2023"),
        E::YearBetween => ("1900 至 2100 之间的年份", "a year between 1900 and 2100"),
        E::CountNotNegative => ("不小于 0 的计数", "a count of zero or more"),
        E::BothOrNeither => ("分子和分母同时填写或同时不填", "both numerator and denominator, or neither"),
        E::DenominatorAboveZero => ("大于 0 的分母", "a denominator above zero"),
        _ => return None,
    };
    Some(words(lang, zh, en))
}

pub(crate) fn expected_en(e: &Expected) -> String {
    use Expected as E;
    let en = Lang::En;
    match e {
        E::AtMost { limit: name, value } => format!("at most {}", limit(name, *value, en)),
        E::CellAtMost { value } => format!("a cell of at most {}", limit("cell-bytes", *value, en)),
        E::SheetOf { sheets } => format!("a sheet of the workbook; its sheets are {}", list(sheets, en)),
        E::Book(b) => super::book_expected(b, en),
        E::TypedValues { cached, sheet } => format!(
            "values typed in; {cached} cell(s) of sheet {sheet:?} are formulas, and the values Excel saved \
             with them are used as they are (recalculate and save in Excel if their inputs changed)"
        ),
        E::OneYearInName { fallback: Some(y) } => {
            format!("one year in the file name; rows without a year column are dated {y} (--year)")
        }
        E::OneYearInName { fallback: None } => "one year in the file name, a year column, or --year".into(),
        E::Once { same, at, value } => {
            let what = if *same { "the same value is" } else { "a different value is" };
            let tail = if *same { "" } else { "; neither value is used" };
            format!("each area, indicator and year once ({what} given at {at}: {}){tail}", shown_value(*value, en))
        }
        E::OneColumn { field, first } => format!("one {field} column (column {first} is one already)"),
        E::OneColumnFor { id, first } => format!("one column for {id} (column {first} is the same indicator)"),
        E::OneIndicator { ids } => {
            format!("one indicator: this name is shared by {}; write the id or the name with its part", list(ids, en))
        }
        E::LongColumn { field } => format!("a {field} column (long shape: county,indicator,value)"),
        E::Text { encoding } => {
            format!("text in {encoding}; bytes that are not valid in it show as �; pass --encoding to choose another")
        }
        E::Cells { width, beyond: false } => format!("{width} cells, as in the header"),
        E::Cells { width, beyond: true } => {
            format!("{width} cells, as in the header (this cell is beyond the last column)")
        }
        E::Number { percent, why } => {
            format!("a number{} ({})", if *percent { " or a percentage" } else { "" }, not_number(*why, en))
        }
        E::InRange(r) => range(*r, en),
        E::Count { why } => format!("a count ({})", not_number(*why, en)),
        E::NotRatio { id } => format!("no numerator/denominator: {id} is not a ratio indicator"),
        E::DenominatorAtLeast { numerator } => format!("a denominator of at least the numerator {}", num(*numerator)),
        E::Ratio { value } => format!("{} (numerator / denominator × 100, to within 0.05)", num(*value)),
        E::CityTaskOnly { id, city_row } => {
            format!("no value: {id} is a task of the whole city, judged on the {city_row} row only")
        }
        E::UnusedCityRow { id, city_row } => unused_city_row(id, city_row, Lang::En),
        E::CompoundRate { id, year } => compound_rate_expected(id, *year, Lang::En),
        E::TaggedOnly { id, tags } => format!("no value: {id} applies only to areas tagged {}", tags.join(", ")),
        E::CatalogBaseline { baseline, area, id, year, origin, line, found } => format!(
            "the catalogue's baseline {} for {area} {id} in {year} ({origin}:{line}); the catalogue's {} is used, not {}",
            num(*baseline),
            num(*baseline),
            num(*found)
        ),
        E::Aggregate { value, areas, ratio, city } => {
            let (how, tolerance) = if *ratio {
                ("Σ numerator / Σ denominator × 100", format!("{RATIO_TOLERANCE} percentage points"))
            } else {
                ("their sum", "0".to_string())
            };
            format!(
                "about {}, what the {areas} areas aggregate to ({how}); the {city} row and its areas differ by more \
                 than {tolerance}",
                num(*value)
            )
        }
        E::CityValue { id, name, city_row, year } => {
            let in_year = year.map_or(String::new(), |y| format!(" in {y}"));
            format!("a value for {id} ({name}) on the {city_row} row{in_year}")
        }
        _ => expected_fixed(e, en).unwrap_or_default().to_string(),
    }
}

pub(crate) fn shown_value(v: Option<f64>, lang: Lang) -> String {
    v.map_or_else(|| words(lang, "无数据", "no data").to_string(), num)
}

pub(crate) fn expected_zh(e: &Expected) -> String {
    use Expected as E;
    let zh = Lang::Zh;
    match e {
        E::AtMost { limit: name, value } => format!("不超过 {}", limit(name, *value, zh)),
        E::CellAtMost { value } => format!("单元格不超过 {}", limit("cell-bytes", *value, zh)),
        E::SheetOf { sheets } => format!("工作簿中的一个工作表；现有工作表：{}", list(sheets, zh)),
        E::Book(b) => super::book_expected(b, zh),
        E::TypedValues { cached, sheet } => format!(
            "直接填写的数值；工作表“{sheet}”中有 {cached} 个单元格是公式，按 Excel 保存的计算结果使用\
             （若公式引用的数据有改动，请在 Excel 中重新计算并保存）"
        ),
        E::OneYearInName { fallback: Some(y) } => {
            format!("文件名中只含一个年份；无年份列的行按 {y} 年计（--year）")
        }
        E::OneYearInName { fallback: None } => "文件名中只含一个年份，或设年份列，或使用 --year".into(),
        E::Once { same, at, value } => {
            let what = if *same { "相同的值" } else { "不同的值" };
            let tail = if *same { "" } else { "；两个值均不采用" };
            format!("每个地区、指标、年份只填一次（{at} 已填{what}：{}）{tail}", shown_value(*value, zh))
        }
        E::OneColumn { field, first } => format!("只有一个 {field} 列（第 {first} 列已是）"),
        E::OneColumnFor { id, first } => format!("{id} 只有一列（第 {first} 列是同一指标）"),
        E::OneIndicator { ids } => {
            format!("唯一的指标：此名称为 {} 共用；请填写指标编号，或名称加分项", list(ids, zh))
        }
        E::LongColumn { field } => format!("{field} 列（长表格式：county、indicator、value）"),
        E::Text { encoding } => {
            format!("{encoding} 编码的文本；无法按此编码识别的字节显示为 �；可用 --encoding 指定其他编码")
        }
        E::Cells { width, beyond: false } => format!("{width} 个单元格，与表头一致"),
        E::Cells { width, beyond: true } => format!("{width} 个单元格，与表头一致（此单元格超出最后一列）"),
        E::Number { percent, why } => {
            format!("{}（{}）", if *percent { "数值或百分比" } else { "数值" }, not_number(*why, zh))
        }
        E::InRange(r) => range(*r, zh),
        E::Count { why } => format!("计数（{}）", not_number(*why, zh)),
        E::NotRatio { id } => format!("不填分子、分母：{id} 不是比率类指标"),
        E::DenominatorAtLeast { numerator } => format!("不小于分子 {} 的分母", num(*numerator)),
        E::Ratio { value } => format!("{}（分子 / 分母 × 100，误差不超过 0.05）", num(*value)),
        E::CityTaskOnly { id, city_row } => format!("不填值：{id} 是{city_row}的整体任务，只在“{city_row}”行评价"),
        E::UnusedCityRow { id, city_row } => unused_city_row(id, city_row, Lang::Zh),
        E::CompoundRate { id, year } => compound_rate_expected(id, *year, Lang::Zh),
        E::TaggedOnly { id, tags } => format!("不填值：{id} 只适用于标记为 {} 的地区", list(tags, zh)),
        E::CatalogBaseline { baseline, area, id, year, origin, line, found } => format!(
            "指标目录中{area} {id} {year} 年的基准值 {}（{origin}:{line}）；采用目录的 {}，不采用 {}",
            num(*baseline),
            num(*baseline),
            num(*found)
        ),
        E::Aggregate { value, areas, ratio, city } => {
            let (how, tolerance) = if *ratio {
                ("Σ分子 / Σ分母 × 100", format!("{RATIO_TOLERANCE} 个百分点"))
            } else {
                ("各地区之和", "0".to_string())
            };
            format!("约 {}，即 {areas} 个地区的汇总值（{how}）；“{city}”行与各地区之差超过 {tolerance}", num(*value))
        }
        E::CityValue { id, name, city_row, year } => {
            let in_year = year.map_or(String::new(), |y| format!("{y} 年"));
            format!("{in_year}“{city_row}”行 {id}（{name}）的数值")
        }
        _ => expected_fixed(e, zh).unwrap_or_default().to_string(),
    }
}

/// JSON carries what was expected in English words, stable for scripts.
impl Serialize for Expected {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&expected(self, Lang::En))
    }
}

impl Problem {
    /// The message without the place: field, what was found, what was expected, a suggestion. Every
    /// part taken from the input is escaped (see [`escape`]).
    pub fn message(&self) -> String {
        let mut s = String::new();
        if let Some(field) = &self.field {
            s.push_str(&format!("{}: ", escape(field)));
        }
        if let Some(found) = &self.found {
            s.push_str(&format!("found \"{}\"; ", escape(found)));
        }
        match &self.expected {
            // A catalogue's rule or warning is a whole sentence.
            Expected::Catalog(_) | Expected::Lint(_) => s.push_str(&escape(&expected(&self.expected, Lang::En))),
            e => s.push_str(&format!("expected {}", escape(&expected(e, Lang::En)))),
        }
        if let Some(hint) = &self.suggestion {
            s.push_str(&format!(" (did you mean {}?)", escape(hint)));
        }
        s
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {level}[{}]: {}", self.place(), self.code.as_str(), self.message())
    }
}
