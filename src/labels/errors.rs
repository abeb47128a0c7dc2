//! The errors a user reads when a command cannot run (exit 2), and the word `error:` before them.

use std::fmt;

use super::*;
use crate::problem::{Failure, FileKind};

/// What `main` writes before an error.
pub fn error_prefix(lang: Lang) -> &'static str {
    words(lang, "错误：", "error: ")
}

/// Why a command could not run, as a sentence.
pub fn failure(f: &Failure, lang: Lang) -> String {
    match lang {
        Lang::Zh => failure_zh(f),
        Lang::En => failure_en(f),
    }
}

fn did_you_mean_en(hint: &Option<String>) -> String {
    hint.as_ref().map(|h| format!(" (did you mean {h}?)")).unwrap_or_default()
}

fn did_you_mean_zh(hint: &Option<String>) -> String {
    hint.as_ref().map(|h| format!("（是否应为 {h}？）")).unwrap_or_default()
}

fn failure_en(f: &Failure) -> String {
    match f {
        Failure::ReadCatalog { path } => format!("cannot read the catalogue {path}"),
        Failure::ReadPlan { path } => format!("cannot read the plan {path}"),
        Failure::ReadTargets { path } => format!("cannot read the targets file {path}"),
        Failure::ReadNarrative { path } => format!("cannot read the narrative file {path}"),
        Failure::Narrative { path, line, heading } => narrative_failure(path, *line, heading.as_deref(), Lang::En),
        Failure::UnknownEncoding { label } => format!("--encoding: unknown encoding {label:?}; try utf-8 or gb18030"),
        Failure::SheetOfCsv { sheet, files } => {
            let verb = if files.len() == 1 { "is a CSV file" } else { "are CSV files" };
            format!(
                "--sheet {sheet:?}: {} {verb}, not a workbook; --sheet picks a sheet of an .xlsx file",
                files.join(", ")
            )
        }
        Failure::AllRejected { read, files } => {
            let rows = if *read == 1 { "the only row".to_string() } else { format!("all {read} rows") };
            let verb = if *read == 1 { "was" } else { "were" };
            format!("{rows} of {} {verb} rejected; nothing to evaluate", files.join(", "))
        }
        Failure::DataProblems { errors } => {
            format!("{errors} problem(s) in the data; nothing was evaluated (fix them, or pass --skip-invalid)")
        }
        Failure::NoneSelected { filter } => format!("no indicator of the catalogue matches --source {filter}"),
        Failure::NoCounty { name, hint } => {
            format!("--county: no area named {name:?} in the catalogue{}", did_you_mean_en(hint))
        }
        Failure::CountyNoRows { area, year } => format!("--county: the data has no rows for {area} in {year}"),
        Failure::YearNotInData { year, present } => {
            let present: Vec<String> = present.iter().map(i32::to_string).collect();
            let has = if present.is_empty() { "none".to_string() } else { present.join(", ") };
            format!(
                "--year {year}: the data has no rows for {year} (it has {has}); a row's year comes from its year column, else from the file name"
            )
        }
        Failure::NoYear { files } => format!("no measurements with a year in {}", files.join(", ")),
        Failure::NoIndicator { flag, key, hint } => {
            format!("{flag}: no indicator {key:?} in the catalogue{}", did_you_mean_en(hint))
        }
        Failure::AmbiguousIndicator { key, ids } => {
            let shown: Vec<&str> = ids.iter().take(8).map(String::as_str).collect();
            let more = if ids.len() > 8 { format!(" and {} more", ids.len() - 8) } else { String::new() };
            format!("--indicator: {key:?} matches {} indicators: {}{more}; give its id", ids.len(), shown.join(", "))
        }
        Failure::NotJudged { id, area } => format!("--explain: {id} is not judged for {area}"),
        Failure::FormatFromExtension { path } => {
            format!("-o {path}: cannot tell the format from the extension; add --format")
        }
        Failure::FormatNotWritten { path, format, writes } => {
            format!("-o {path}: this command writes {}, not {format}; add --format", writes.join(", "))
        }
        Failure::DocumentFormat { path } => format!(
            "-o {path}: cannot tell the format from the extension (expected .docx, .html or .htm); pass --format docx or --format html"
        ),
        Failure::BinaryToTerminal { format } => format!("--format {format} writes a binary workbook: add -o FILE.xlsx"),
        Failure::XlsxNeedsFile => "an xlsx template needs a file: add -o FILE.xlsx".into(),
        Failure::OutputIsInput { path } => format!("-o {path}: that is one of the input files; choose another name"),
        Failure::OutputIsNamedInput { path, input } => {
            format!("-o {path}: that is {input}, one of the input files; choose another name")
        }
        Failure::OutputIsDefaultCatalog { path, catalog } => format!(
            "-o {path}: that is the catalogue every run in this folder reads by default ({catalog}); choose another name"
        ),
        Failure::OutputLinkNowhere { path } => format!("-o {path}: a symbolic link that leads nowhere"),
        Failure::OutputLinkToFile { path, to } => {
            format!("-o {path}: a symbolic link (to {to}); write to the file it leads to, or remove the link")
        }
        Failure::OutputNotWritable { path, kind } => {
            let what = match kind {
                FileKind::Folder => "a folder",
                FileKind::BlockDevice => "a block device",
                FileKind::Socket => "a socket",
                FileKind::Other => "not a regular file",
            };
            format!(
                "-o {path}: {what}; plan-check writes a regular file (replaced whole), a named pipe or a character device"
            )
        }
        Failure::OutputPipeWithoutReader { path } => {
            format!("-o {path}: a named pipe that nothing reads; start its reader first")
        }
        Failure::StrayYear { year, at } => format!(
            "the latest year in the data, {year}, is given only by rows of files named for another year (first at \
             {at}); pass --year to choose the year evaluated, or correct the year column"
        ),
        Failure::CannotWrite { path } => format!("cannot write {path}"),
        Failure::TemplateYearRange { year } => format!("--year {year} is not a year between 1900 and 2100"),
        Failure::TemplateYearPlan { year, base, target } => format!(
            "--year {year}: the plan covers {base}–{target} (base year {base}, target year {target}); a template is for one of those years"
        ),
        Failure::NothingApplies { areas } => format!("none of the selected indicators applies to {}", areas.join(", ")),
        Failure::NoRegister { origin } => {
            format!("{origin} has no [[project]] entries: there is no register to make a status sheet of")
        }
    }
}

fn failure_zh(f: &Failure) -> String {
    match f {
        Failure::ReadCatalog { path } => format!("无法读取指标目录 {path}"),
        Failure::ReadPlan { path } => format!("无法读取规划原文 {path}"),
        Failure::ReadTargets { path } => format!("无法读取目标文件 {path}"),
        Failure::ReadNarrative { path } => format!("无法读取评估文字文件 {path}"),
        Failure::Narrative { path, line, heading } => narrative_failure(path, *line, heading.as_deref(), Lang::Zh),
        Failure::UnknownEncoding { label } => format!("--encoding：未知编码 {label:?}；可用 utf-8 或 gb18030"),
        Failure::SheetOfCsv { sheet, files } => format!(
            "--sheet {sheet:?}：{} 是 CSV 文件，不是工作簿；--sheet 用于选择 .xlsx 文件中的工作表",
            files.join("、")
        ),
        Failure::AllRejected { read, files } => {
            let rows = if *read == 1 { "唯一的一行".to_string() } else { format!("全部{read}行") };
            format!("{} 的{rows}均被拒绝；没有可评估的数据", files.join("、"))
        }
        Failure::DataProblems { errors } => {
            format!("数据中有{errors}个问题；未作评估（请改正，或加 --skip-invalid）")
        }
        Failure::NoneSelected { filter } => format!("指标目录中没有符合 --source {filter} 的指标"),
        Failure::NoCounty { name, hint } => {
            format!("--county：指标目录中没有名为 {name:?} 的地区{}", did_you_mean_zh(hint))
        }
        Failure::CountyNoRows { area, year } => format!("--county：数据中没有 {area} {year} 年的行"),
        Failure::YearNotInData { year, present } => {
            let present: Vec<String> = present.iter().map(i32::to_string).collect();
            let has = if present.is_empty() { "无".to_string() } else { present.join("、") };
            format!("--year {year}：数据中没有 {year} 年的行（现有：{has}）；行的年份取自年份列，否则取自文件名")
        }
        Failure::NoYear { files } => format!("{} 中没有带年份的数值", files.join("、")),
        Failure::NoIndicator { flag, key, hint } => {
            format!("{flag}：指标目录中没有指标 {key:?}{}", did_you_mean_zh(hint))
        }
        Failure::AmbiguousIndicator { key, ids } => {
            let shown: Vec<&str> = ids.iter().take(8).map(String::as_str).collect();
            let more = if ids.len() > 8 { format!("等（另有{}项）", ids.len() - 8) } else { String::new() };
            format!("--indicator：{key:?} 与{}项指标相符：{}{more}；请给出其 id", ids.len(), shown.join("、"))
        }
        Failure::NotJudged { id, area } => format!("--explain：{area} 未评估 {id}"),
        Failure::FormatFromExtension { path } => format!("-o {path}：无法从扩展名判断格式；请加 --format"),
        Failure::FormatNotWritten { path, format, writes } => {
            format!("-o {path}：该命令只写 {}，不写 {format}；请加 --format", writes.join("、"))
        }
        Failure::DocumentFormat { path } => {
            format!("-o {path}：无法从扩展名判断格式（应为 .docx、.html 或 .htm）；请加 --format docx 或 --format html")
        }
        Failure::BinaryToTerminal { format } => format!("--format {format} 写的是二进制工作簿：请加 -o FILE.xlsx"),
        Failure::XlsxNeedsFile => "xlsx 模板须写入文件：请加 -o FILE.xlsx".into(),
        Failure::OutputIsInput { path } => format!("-o {path}：这是输入文件之一；请换一个文件名"),
        Failure::OutputIsNamedInput { path, input } => format!("-o {path}：这是输入文件 {input}；请换一个文件名"),
        Failure::OutputIsDefaultCatalog { path, catalog } => {
            format!("-o {path}：这是本文件夹中每次运行默认读取的指标目录（{catalog}）；请换一个文件名")
        }
        Failure::OutputLinkNowhere { path } => format!("-o {path}：符号链接指向的文件不存在"),
        Failure::OutputLinkToFile { path, to } => {
            format!("-o {path}：这是指向 {to} 的符号链接；请直接写入它所指的文件，或删除该链接")
        }
        Failure::OutputNotWritable { path, kind } => {
            let what = match kind {
                FileKind::Folder => "文件夹",
                FileKind::BlockDevice => "块设备",
                FileKind::Socket => "套接字",
                FileKind::Other => "不是普通文件",
            };
            format!("-o {path}：{what}；plan-check 只写入普通文件（整体替换）、命名管道或字符设备")
        }
        Failure::OutputPipeWithoutReader { path } => format!("-o {path}：命名管道没有读取方；请先启动读取程序"),
        Failure::StrayYear { year, at } => format!(
            "数据中最晚的年份 {year} 仅来自文件名标明其他年份的文件中的行（首见于 {at}）；请用 --year 指定评估年份，或更正年份列"
        ),
        Failure::CannotWrite { path } => format!("无法写入 {path}"),
        Failure::TemplateYearRange { year } => format!("--year {year}：不是 1900 至 2100 之间的年份"),
        Failure::TemplateYearPlan { year, base, target } => {
            format!("--year {year}：规划期为 {base}–{target}（基准年 {base}，目标年 {target}）；模板须为其中某一年")
        }
        Failure::NothingApplies { areas } => format!("所选指标均不适用于 {}", areas.join("、")),
        Failure::NoRegister { origin } => format!("{origin} 没有 [[project]] 条目：无重大工程登记表可生成状态表"),
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&failure_en(self))
    }
}

/// `indicators` when its filters leave nothing (a warning on standard error; the command still runs).
pub fn no_indicator_matches(origin: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{origin} 中没有符合筛选条件的指标"),
        Lang::En => format!("no indicator of {origin} matches the filters"),
    }
}
