//! `report --narrative FILE`: the analyst's own text, in Markdown whose `## ` headings name the parts it
//! goes into (`## 主要成效`, `## 存在的主要问题`, `## 下一步工作建议`, their English names or the full part
//! titles). Parsed with pulldown-cmark into the document's own blocks (paragraphs, bullet lists,
//! subheadings), so the renderers treat it as every other text: escaped, made fit for XML.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::Block;
use crate::labels::NarrativePart;
use crate::problem::{Failure, escape};

/// The analyst's text by part, in the file's order.
#[derive(Debug, Clone, Default)]
pub struct Narrative {
    parts: Vec<(NarrativePart, Vec<Block>)>,
}

impl Narrative {
    /// The blocks given for a part (a part named twice gets both texts, in order); empty when none.
    pub fn of(&self, part: NarrativePart) -> Vec<Block> {
        self.parts.iter().filter(|(p, _)| *p == part).flat_map(|(_, b)| b.iter().cloned()).collect()
    }

    /// Reads the text of `path` (named as given, for errors).
    pub fn parse(text: &str, path: &str) -> Result<Narrative, Failure> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let fail = |offset: usize, heading: Option<&str>| Failure::Narrative {
            path: escape(path).into_owned(),
            line: line_of(offset),
            heading: heading.map(|h| escape(h).into_owned()),
        };
        let mut parts: Vec<(NarrativePart, Vec<Block>)> = Vec::new();
        let mut buf = String::new();
        // The heading being read: its level and where it starts.
        let mut heading: Option<(HeadingLevel, usize)> = None;
        // The lists being read, innermost last: the first number of an ordered one, and the items.
        let mut lists: Vec<(Option<u64>, Vec<String>)> = Vec::new();
        let mut quote_depth = 0usize;
        for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
            let inside = parts.last_mut().map(|(_, blocks)| blocks);
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    heading = Some((level, range.start));
                    buf.clear();
                }
                Event::End(TagEnd::Heading(_)) => {
                    let Some((level, start)) = heading.take() else { continue };
                    let name = std::mem::take(&mut buf);
                    let name = name.trim();
                    match (level, inside) {
                        (HeadingLevel::H2, _) => match NarrativePart::named(name) {
                            Some(part) => parts.push((part, Vec::new())),
                            None => return Err(fail(start, Some(name))),
                        },
                        // A lower heading inside a part is a subheading of its text.
                        (l, Some(blocks)) if l > HeadingLevel::H2 => blocks.push(Block::Subheading(name.to_string())),
                        _ => return Err(fail(start, Some(name))),
                    }
                }
                Event::Start(
                    Tag::Paragraph | Tag::List(_) | Tag::CodeBlock(_) | Tag::BlockQuote(_) | Tag::HtmlBlock,
                ) if inside.is_none() => return Err(fail(range.start, None)),
                Event::Rule if inside.is_none() => return Err(fail(range.start, None)),
                Event::Start(Tag::List(first)) => {
                    flush_item(&mut lists, &mut buf);
                    lists.push((first, Vec::new()));
                }
                Event::Start(Tag::Item) => {
                    flush_item(&mut lists, &mut buf);
                    if let Some((_, items)) = lists.last_mut() {
                        items.push(String::new());
                    }
                }
                Event::End(TagEnd::Item) => flush_item(&mut lists, &mut buf),
                Event::End(TagEnd::List(_)) => {
                    flush_item(&mut lists, &mut buf);
                    let Some((first, items)) = lists.pop() else { continue };
                    match lists.last_mut().and_then(|(_, outer)| outer.last_mut()) {
                        // A nested list joins the item it is under.
                        Some(outer) => {
                            for item in items {
                                join(outer, &item);
                            }
                        }
                        None => {
                            if let Some(blocks) = inside {
                                push_list(blocks, first, items);
                            }
                        }
                    }
                }
                Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
                Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                    if !lists.is_empty() {
                        flush_item(&mut lists, &mut buf);
                    } else if let Some(blocks) = inside {
                        let text = std::mem::take(&mut buf);
                        let text = text.trim();
                        if !text.is_empty() {
                            blocks.push(Block::Paragraph(text.to_string()));
                        }
                    }
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => buf.push_str(&t),
                // Chinese lines join without a space; English words with one.
                Event::SoftBreak | Event::HardBreak if buf.chars().last().is_some_and(|c| c.is_ascii()) => {
                    buf.push(' ')
                }
                _ => {}
            }
        }
        Ok(Narrative { parts })
    }
}

/// The text read so far into the current item of the innermost list.
fn flush_item(lists: &mut [(Option<u64>, Vec<String>)], buf: &mut String) {
    let text = std::mem::take(buf);
    if let Some(item) = lists.last_mut().and_then(|(_, items)| items.last_mut()) {
        join(item, text.trim());
    }
}

fn join(into: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !into.is_empty() {
        into.push(' ');
    }
    into.push_str(text);
}

/// A list as the document shows it: bullets, or numbered paragraphs (`1. …`) for an ordered one.
fn push_list(blocks: &mut Vec<Block>, first: Option<u64>, items: Vec<String>) {
    let items: Vec<String> = items.into_iter().filter(|i| !i.is_empty()).collect();
    if items.is_empty() {
        return;
    }
    match first {
        None => blocks.push(Block::Bullets(items)),
        Some(n) => {
            for (i, item) in items.into_iter().enumerate() {
                blocks.push(Block::Paragraph(format!("{}. {item}", n + i as u64)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => format!("P {p}"),
                Block::Subheading(h) => format!("H {h}"),
                Block::Bullets(items) => format!("B {}", items.join(" | ")),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn headings_name_parts_and_their_text_goes_there() {
        let md = "## 主要成效\n\n空气质量持续\n改善。\n\n- 一是*治气*\n- 二是治水\n  - 其中 `xx`\n\n\
                  ## Next steps\n\n1. First\n2. Second\n\n### 分项\n\ntext\n\n## 一、规划实施总体情况\n\n再一段。\n";
        let n = Narrative::parse(md, "n.md").unwrap();
        assert_eq!(
            texts(&n.of(NarrativePart::Achievements)),
            ["P 空气质量持续改善。", "B 一是治气 | 二是治水 其中 xx", "P 再一段。"]
        );
        assert_eq!(texts(&n.of(NarrativePart::NextSteps)), ["P 1. First", "P 2. Second", "H 分项", "P text"]);
        assert!(n.of(NarrativePart::Problems).is_empty());
    }

    #[test]
    fn an_unknown_heading_or_text_before_the_first_is_refused_with_its_line() {
        let err = Narrative::parse("## 主要成效\n\nok\n\n## 成绩\n\nx\n", "n.md").unwrap_err();
        assert_eq!(err, Failure::Narrative { path: "n.md".into(), line: 5, heading: Some("成绩".into()) });
        let err = Narrative::parse("\n\nPreface\n\n## 主要成效\n", "n.md").unwrap_err();
        assert_eq!(err, Failure::Narrative { path: "n.md".into(), line: 3, heading: None });
        let err = Narrative::parse("# 报告\n", "n.md").unwrap_err();
        assert_eq!(err, Failure::Narrative { path: "n.md".into(), line: 1, heading: Some("报告".into()) });
        let err = Narrative::parse("### 分项\n", "n.md").unwrap_err();
        assert!(matches!(err, Failure::Narrative { line: 1, .. }));
        assert!(Narrative::parse("", "n.md").unwrap().of(NarrativePart::Achievements).is_empty());
    }
}
