//! The words of a printed page that the format writes itself: the page footer of a printed worksheet.
//! (The workbook's notes sheet is named by [`super::Word::TemplateAbout`], 说明 / about.)

use super::{Lang, words};

/// A printed worksheet's footer in Excel's header codes: the page and the number of pages, centred.
pub fn sheet_footer(lang: Lang) -> &'static str {
    words(lang, "&C第 &P 页，共 &N 页", "&CPage &P of &N")
}
