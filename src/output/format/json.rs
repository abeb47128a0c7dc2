//! JSON: the content's document, pretty-printed. Field names and status values are the stable,
//! English interface documented in docs/output.md.

use std::io::Write;

use super::Style;
use crate::output::Content;

pub fn render(content: &Content, _style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    match &content.document {
        Some(document) => document.write_pretty(out)?,
        // Content without a document is JSON's null, as the empty value it stands for.
        None => write!(out, "null")?,
    }
    writeln!(out)?;
    Ok(())
}
