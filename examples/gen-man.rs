//! Writes the man pages, docs/man/plan-check.1 and one page per command (plan-check-eval.1 …), from the
//! same clap definitions as `--help`: `cargo run --example gen-man`. A developer's step, not a user
//! command; tests/man_page.rs fails when the committed pages differ from what this writes.

use std::path::Path;

use clap::CommandFactory;
use plan_check::cli::Cli;

/// The folder the pages are committed in, relative to the repository root.
pub const MAN_DIR: &str = "docs/man";

/// Every page as (file name, roff text): the top page first, then one per command in --help's order.
pub fn render_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut root = Cli::command().disable_help_subcommand(true);
    // Building sets each command's display name (plan-check-eval) and usage (plan-check eval).
    root.build();
    let mut commands = vec![root.clone()];
    commands.extend(root.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    commands
        .into_iter()
        .map(|cmd| {
            let man = clap_mangen::Man::new(cmd);
            let mut page = Vec::new();
            man.render(&mut page)?;
            Ok((man.get_filename(), page))
        })
        .collect()
}

#[allow(dead_code)] // tests/man_page.rs includes this file for render_pages only
fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(MAN_DIR);
    std::fs::create_dir_all(&dir)?;
    for (name, page) in render_pages()? {
        std::fs::write(dir.join(&name), page)?;
        println!("wrote {MAN_DIR}/{name}");
    }
    Ok(())
}
