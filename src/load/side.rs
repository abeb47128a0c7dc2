//! The side files a run reads besides its data: the catalogue (`--catalog`, else `./indicators.toml`),
//! a `--targets` file, the plan's text (`check-catalog --plan`). They get the data files' checks — a
//! regular file, not a symbolic link unless `--follow-symlinks`, checked before it is opened since
//! opening a FIFO blocks — and a size limit (`side-file-bytes`): `/dev/zero` given as a catalogue
//! was read to 2 GB, a FIFO hung the run, and a 1.5 GB file aborted it.

use std::path::{Path, PathBuf};

use super::limits::{Limits, Named};
use super::open;
use crate::catalog::Catalog;
use crate::problem::{Failure, Problem, escape};

/// The catalogue read by default, in the current folder.
pub const DEFAULT_CATALOG: &str = "indicators.toml";

/// The text of a side file; `failure` (`Failure::ReadCatalog`, `ReadTargets`, `ReadPlan`) says which
/// file could not be read, in the run's language, with the reason after it.
pub fn read_side_file(path: &Path, failure: Failure, limits: &Limits, follow_symlinks: bool) -> anyhow::Result<String> {
    let name = path.to_string_lossy();
    let limit = Named("side-file-bytes", limits.side_file_bytes);
    let refused = |p: Problem| anyhow::Error::msg(p.message()).context(failure.clone());
    open::check_regular(&name, Named("side-file-bytes", limits.side_file_bytes), follow_symlinks).map_err(refused)?;
    let file =
        std::fs::File::open(path).map_err(|e| anyhow::Error::msg(open::io_reason(&e)).context(failure.clone()))?;
    let bytes = open::read_within(file, &name, limit).map_err(refused)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let why = format!("not UTF-8 text (an invalid byte at offset {at})");
            Err(anyhow::Error::msg(why).context(failure))
        }
    }
}

/// The catalogue path a run reads: `--catalog`, else `./indicators.toml` when there is one (a
/// symbolic link counts: it is refused when read, not passed over), else none (the built-in copy).
pub fn catalog_path(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(p) => Some(p.to_path_buf()),
        None if std::fs::symlink_metadata(DEFAULT_CATALOG).is_ok() => Some(PathBuf::from(DEFAULT_CATALOG)),
        None => None,
    }
}

/// The catalogue a run uses, read with the side files' checks: `--catalog`, else
/// `./indicators.toml`, else the copy built into the binary.
pub fn read_catalog(explicit: Option<&Path>, limits: &Limits, follow_symlinks: bool) -> anyhow::Result<Catalog> {
    let Some(path) = catalog_path(explicit) else { return Ok(Catalog::embedded()?) };
    let failure = Failure::ReadCatalog { path: escape(&path.to_string_lossy()).into_owned() };
    let text = read_side_file(&path, failure, limits, follow_symlinks)?;
    Ok(Catalog::parse(&text, &path.display().to_string())?)
}

/// Whether the file `path` holds exactly one of `candidates`, looked at only when it is a regular
/// file (or, with `follow_symlinks`, a link to one) of one of their sizes: a FIFO, a device or a
/// large file is never opened for it.
pub fn holds_one_of(path: &str, candidates: &[&[u8]], follow_symlinks: bool) -> bool {
    let longest = candidates.iter().map(|c| c.len() as u64).max().unwrap_or(0);
    if open::check_regular(path, Named("file-bytes", longest), follow_symlinks).is_err() {
        return false;
    }
    let size = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
    if !candidates.iter().any(|c| c.len() as u64 == size) {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else { return false };
    open::read_within(file, path, Named("file-bytes", longest))
        .is_ok_and(|bytes| candidates.contains(&bytes.as_slice()))
}
