//! JSON: the content's document, pretty-printed. Field names and status values are the stable,
//! English interface documented in docs/output.md.

use std::io::Write;

use super::Style;
use crate::report::Content;

pub fn render(content: &Content, _style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    // Content without a document is JSON's null, as the empty value it stands for.
    let document = if content.document.is_empty() { "null" } else { content.document.as_str() };
    writeln!(out, "{document}")?;
    Ok(())
}
