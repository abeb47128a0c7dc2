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

/// Writes `value` as serde_json's pretty printer does (two spaces an indent), byte for byte, faster:
/// serde_json writes a line break and then each level of indentation as its own write, a handful of
/// copies for every key of a national evaluation's 84 MB; [`Pretty`] writes them as one.
pub fn to_writer_pretty<W: Write, T: serde::Serialize + ?Sized>(writer: W, value: &T) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(writer, Pretty::default());
    value.serialize(&mut serializer)
}

/// serde_json's `PrettyFormatter` with its indentation of two spaces, writing each line break with
/// its indentation in one piece.
#[derive(Default)]
pub struct Pretty {
    level: usize,
    has_value: bool,
}

/// `,` then a line break then the indentation of the deepest level written in one piece; deeper
/// levels are written in pieces.
const BREAK: &[u8; 2 + 2 * 32] = b",\n                                                                ";

impl Pretty {
    /// A line break (after a `,` unless `first`) and the current indentation.
    fn line<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> std::io::Result<()> {
        let from = usize::from(first);
        match BREAK.get(from..2 + 2 * self.level) {
            Some(piece) => writer.write_all(piece),
            None => {
                writer.write_all(&BREAK[from..2])?;
                (0..self.level).try_for_each(|_| writer.write_all(b"  "))
            }
        }
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(writer, true)?;
        }
        writer.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        self.line(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(writer, true)?;
        }
        writer.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        self.line(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// Nested arrays and objects, empty ones, and nesting deeper than the piece written at once.
    #[test]
    fn pretty_json_is_serde_jsons_byte_for_byte() {
        let mut deep = json!({"leaf": [1, {"a": []}]});
        for level in 0..40 {
            deep = if level % 2 == 0 { json!([deep, {}, []]) } else { json!({"k": deep, "e": {}, "n": null}) };
        }
        let values = [
            json!(null),
            json!([]),
            json!({}),
            json!([[]]),
            json!({"a": {}, "b": [], "c": [1, 2.5, "三"], "d": {"e": {"f": [true, false]}}}),
            deep,
        ];
        for value in values {
            let mut ours = Vec::new();
            super::to_writer_pretty(&mut ours, &value).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string_pretty(&value).unwrap());
        }
    }
}
