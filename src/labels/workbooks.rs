//! The words of workbooks beyond .xlsx (.xls, .xlsb, .ods), their sheets, and the header row of a form
//! (填报表): what a workbook should have been, which sheet was read, which row was the header, and
//! which indicator a header written as offices write it was taken for.

use super::*;
use crate::problem::BookExpected;

/// The title of the `unread-sheet` code.
pub fn unread_sheet_title(lang: Lang) -> &'static str {
    words(lang, "工作表未读取", "sheet not read")
}

/// The title of the `unit-mismatch` code.
pub fn unit_mismatch_title(lang: Lang) -> &'static str {
    words(lang, "单位与指标目录不符", "unit differs from the catalogue's")
}

/// What a workbook, its structure or a sheet should have been.
pub fn book_expected(e: &BookExpected, lang: Lang) -> String {
    use BookExpected as B;
    let (zh, en) = match e {
        B::ReadFormat => (".csv、.xlsx、.xlsb、.xls 或 .ods 文件", "a .csv, .xlsx, .xlsb, .xls or .ods file"),
        B::CompoundFile => (
            "完整的 Excel 97-2003 工作簿（复合文档的扇区链完整、无循环）",
            "a whole Excel 97-2003 workbook (a compound file whose sector chains are whole, without a loop)",
        ),
        B::WorkbookStream => (
            "含 Workbook 或 Book 数据流的 Excel 97-2003 工作簿",
            "an Excel 97-2003 workbook, with a Workbook or Book stream",
        ),
        B::WholeStream => (
            "完整的工作簿数据流：长度与目录相符，每条记录都在流内结束",
            "a whole workbook stream: as long as its entry says, each record ending within it",
        ),
        B::RecordSize => (
            "符合 BIFF8 规定长度的记录（每条不超过 8224 字节，共享字符串表后续记录不超过 4096 条）",
            "records of the sizes BIFF8 allows (8224 bytes each, at most 4096 CONTINUE records after the shared strings)",
        ),
        B::SheetOffset => ("从工作簿数据流内开始的工作表", "a sheet that starts within the workbook stream"),
        B::Dimensions => (
            "首行、首列不在末行、末列之后的 DIMENSIONS 记录",
            "a DIMENSIONS record whose first row and column come before its last",
        ),
        B::WithinRecord => (
            "长度不超出所在记录的字符串、公式或单元格序列",
            "a string, formula or run of cells that fits in its record",
        ),
        B::OdsContent => {
            ("可以读取的 OpenDocument 表格（content.xml）", "an OpenDocument spreadsheet whose content.xml can be read")
        }
        B::OneSheetRead { read } => {
            return match lang {
                Lang::Zh => format!(
                    "只读取工作表“{read}”；--all-sheets 读取全部可见工作表（以年份命名的工作表按该年份计），--sheet NAME 读取指定工作表"
                ),
                Lang::En => format!(
                    "only sheet {read:?} is read; --all-sheets reads every visible sheet (a sheet named by a year \
                     dates its rows), --sheet NAME the one named"
                ),
            };
        }
        B::HiddenActive { read } => {
            return match lang {
                Lang::Zh => format!(
                    "Excel 打开时显示的工作表为可见工作表；现读取第一个可见工作表“{read}”（--sheet NAME 读取指定工作表）"
                ),
                Lang::En => format!(
                    "the sheet Excel opens on to be visible; sheet {read:?}, the first visible one, is read \
                     instead (--sheet NAME reads the one named)"
                ),
            };
        }
        B::BinaryRecords => (
            "完整的 .xlsb 工作簿：每个二进制部件中的记录（类型、长度及该长度的内容）都在部件内结束",
            "a whole .xlsb workbook: each record of its binary parts (a type, a length, that many bytes) ending within its part",
        ),
        B::SheetPart => (
            "xl/workbook.bin 中的每个工作表都在 xl/_rels/workbook.bin.rels 中有关系，其部件在压缩包内",
            "each sheet of xl/workbook.bin with its relationship in xl/_rels/workbook.bin.rels and its part in the zip",
        ),
        B::CellRecord => (
            "长度符合类型的单元格记录，字符串不超出记录，行列在 Excel 表格范围内",
            "a cell record as long as its kind needs, its string within it, on a row and column of Excel's grid",
        ),
        B::SheetState => (
            "工作表状态为 0（可见）、1（隐藏）或 2（深度隐藏）",
            "a sheet state of 0 (visible), 1 (hidden) or 2 (very hidden)",
        ),
        B::SheetDimensions => (
            "首行、首列不在末行、末列之后的工作表范围记录（BrtWsDim）",
            "a sheet's dimensions (BrtWsDim) whose first row and column come before its last",
        ),
        B::FormUnit { id, unit } => {
            return match lang {
                Lang::Zh => format!("指标目录中 {id} 的单位“{unit}”，其下数值按此单位评估"),
                Lang::En => format!("the catalogue's unit of {id}, {unit:?}, in which the values under it are judged"),
            };
        }
        B::SharedString { count } => {
            return match lang {
                Lang::Zh => format!("共享字符串表内的序号（表中有 {count} 个字符串）"),
                Lang::En => format!("an index within the shared strings table, which holds {count} strings"),
            };
        }
    };
    words(lang, zh, en).to_string()
}

/// Appends to a file's accounting line the row taken as its header (a form's, or `--header-row`'s)
/// and each indicator name matched only once folded: `; header at row 3; "森林覆盖率(%)" read as
/// forest_coverage`.
pub(crate) fn accounting_notes(a: &crate::load::Accounting, lang: Lang, line: &mut String) {
    use std::fmt::Write as _;
    if let Some(row) = a.header_row {
        let _ = match lang {
            Lang::Zh => write!(line, "；表头在第{row}行"),
            Lang::En => write!(line, "; header at row {row}"),
        };
    }
    for m in &a.matched {
        let header = crate::problem::escape(&m.header);
        let _ = match lang {
            Lang::Zh => write!(line, "；“{header}”按 {} 读取", m.indicator),
            Lang::En => write!(line, "; \"{header}\" read as {}", m.indicator),
        };
    }
}
