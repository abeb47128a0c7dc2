//! JSON: the content's document, pretty-printed. Field names and status values are the stable,
//! English interface documented in docs/output.md.

use std::io::Write;

use super::Style;
use crate::report::Content;

pub fn render(content: &Content, _style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &content.document).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
