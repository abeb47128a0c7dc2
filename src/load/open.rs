//! From the paths on the command line to bytes: a folder gives its data files, and only regular files
//! are read — a FIFO would block forever, a device never ends, and a symlink in a submission could
//! point at any file on the runner. A file that cannot be read is a problem of its own; the others are
//! still read.

// A refused file is one Problem, returned once per file: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::io::Read;
use std::path::Path;

use super::limits::{Limits, Named};
use crate::problem::{Code, Expected, Problem};

/// What standard input is called in every message.
pub const STDIN_NAME: &str = "<stdin>";

/// The extensions of the files a folder is searched for (`et` is WPS Spreadsheets' own).
const DATA_EXTENSIONS: [&str; 7] = ["csv", "xlsx", "xlsm", "xlsb", "xls", "et", "ods"];

/// One path to read, or why a command-line path gives none.
pub enum Input {
    File(String),
    Unreadable(Box<Problem>),
}

/// The command line's paths with every folder replaced by its data files (not its subfolders), in
/// name order so the output is the same on every machine.
pub fn expand(paths: &[String], follow_symlinks: bool) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        let is_dir = path != "-"
            && std::fs::symlink_metadata(path)
                .is_ok_and(|m| m.is_dir() || (follow_symlinks && Path::new(path).is_dir()));
        if !is_dir {
            inputs.push(Input::File(path.clone()));
            continue;
        }
        match folder_files(path) {
            Ok(files) if files.is_empty() => inputs.push(Input::Unreadable(Box::new(unreadable(
                path,
                Expected::FolderWithDataFiles,
                "a folder with none",
            )))),
            Ok(files) => inputs.extend(files.into_iter().map(Input::File)),
            Err(e) => {
                inputs.push(Input::Unreadable(Box::new(unreadable(path, Expected::ListableFolder, &e.to_string()))))
            }
        }
    }
    inputs
}

/// The data files a folder on the command line stands for, in name order (none when it cannot be
/// listed).
pub fn data_files_of(dir: &str) -> Vec<String> {
    folder_files(dir).unwrap_or_default()
}

fn folder_files(dir: &str) -> std::io::Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
        if DATA_EXTENSIONS.contains(&ext.as_str()) && !path.is_dir() {
            files.push(path.to_string_lossy().into_owned());
        }
    }
    files.sort();
    Ok(files)
}

/// An `unreadable-file` problem of the whole file.
pub fn unreadable(file: &str, expected: Expected, found: &str) -> Problem {
    Problem::error(Code::UnreadableFile, file, expected).found(found)
}

/// A `too-large` problem of the whole file.
pub fn too_large(file: &str, limit: Named<'static>, found: &str) -> Problem {
    let Named(limit, value) = limit;
    Problem::error(Code::TooLarge, file, Expected::AtMost { limit, value }).found(found)
}

/// The bytes of `path` (`-` is standard input), within the file-bytes limit.
pub fn read_bytes(path: &str, limits: &Limits, follow_symlinks: bool) -> Result<Vec<u8>, Problem> {
    if path == "-" {
        return read_capped(std::io::stdin().lock(), STDIN_NAME, limits);
    }
    read_capped(open_file(path, limits, follow_symlinks)?, path, limits)
}

/// `path` opened for reading, once it is known to be a regular file (or, with `follow_symlinks`, a
/// link to one) within the file-bytes limit.
pub fn open_file(path: &str, limits: &Limits, follow_symlinks: bool) -> Result<std::fs::File, Problem> {
    check_regular(path, Named("file-bytes", limits.file_bytes), follow_symlinks)?;
    std::fs::File::open(path).map_err(|e| unreadable(path, Expected::ReadableFile, &io_reason(&e)))
}

/// Refuses what is not a regular file before opening it: opening a FIFO blocks until a writer comes.
pub fn check_regular(path: &str, limit: Named<'static>, follow_symlinks: bool) -> Result<(), Problem> {
    let link = std::fs::symlink_metadata(path).map_err(|e| not_found(path, &e))?;
    if link.file_type().is_symlink() && !follow_symlinks {
        let to = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
        return Err(unreadable(path, Expected::RegularFileNotLink, &format!("a symbolic link to {to}")));
    }
    let meta = std::fs::metadata(path).map_err(|e| not_found(path, &e))?;
    if meta.is_dir() {
        return Err(unreadable(path, Expected::DataFileOrFolder, "a folder"));
    }
    if !meta.is_file() {
        return Err(unreadable(path, Expected::RegularFile, kind_of(&meta)));
    }
    if meta.len() > limit.1 {
        return Err(too_large(path, limit, &format!("{} bytes", meta.len())));
    }
    Ok(())
}

fn not_found(path: &str, e: &std::io::Error) -> Problem {
    let glob = path.contains(['*', '?', '[']);
    let expected = if glob { Expected::FileNotPattern } else { Expected::ExistingFile };
    unreadable(path, expected, &io_reason(e))
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "no permission to read it".into(),
        _ => e.to_string(),
    }
}

#[cfg(unix)]
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn kind_of(_: &std::fs::Metadata) -> &'static str {
    "not a regular file"
}

/// Reads at most the file-bytes limit, and one byte more to tell that there was more: a file that
/// grows while it is read, or standard input from a device, stops there.
pub fn read_capped(reader: impl Read, name: &str, limits: &Limits) -> Result<Vec<u8>, Problem> {
    read_within(reader, name, Named("file-bytes", limits.file_bytes))
}

/// Reads at most `limit` bytes, and one more to tell that there was more.
pub fn read_within(reader: impl Read, name: &str, limit: Named<'static>) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    reader
        .take(limit.1.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(name, Expected::ReadableFile, &io_reason(&e)))?;
    if bytes.len() as u64 > limit.1 {
        let found = format!("more than {} bytes", limit.1);
        return Err(too_large(name, limit, &found));
    }
    Ok(bytes)
}
