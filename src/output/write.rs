//! Writing `-o FILE` safely. The output must never be one of the files the run reads — compared by
//! identity (device and inode: a hard link, a symbolic link or `./x` for `x` are the same file) as
//! well as by name — nor `./indicators.toml`, which every later run in that folder would read as its
//! catalogue. A regular file is replaced atomically (a temporary file beside it, renamed into place:
//! all of it or the old file untouched); anything else is never replaced: a FIFO or a character
//! device (`/dev/null`, a terminal) is written through, and a block device, a socket or a folder is
//! refused — the rename made `-o /dev/null`, as root, replace the system's `/dev/null` with a file.

use std::io::{Cursor, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::load::{self, DEFAULT_CATALOG};
use crate::problem::{Failure, FileKind, escape};

/// The files a run reads, which `-o` must not name: the data files with every folder expanded to the
/// files it stands for, the catalogue (`--catalog`, else `./indicators.toml`), the `--targets` file and
/// the plan's text. Standard input (`-`) is none.
pub fn files_read(data: &[String], catalog: Option<&Path>, side: &[Option<&Path>]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
    for path in data.iter().filter(|p| p.as_str() != "-") {
        files.push(PathBuf::from(path));
        if Path::new(path).is_dir() {
            files.extend(load::data_files_of(path).into_iter().map(PathBuf::from));
        }
    }
    files.extend(load::catalog_path(catalog));
    files.extend(side.iter().flatten().map(|p| p.to_path_buf()));
    files
}

/// Refuses an `-o` that names a file the run reads (`inputs`, see [`files_read`]) or the default
/// catalogue.
pub fn refuse_input(path: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    let shown = escape(&path.to_string_lossy()).into_owned();
    if is_default_catalog(path) {
        return Err(Failure::OutputIsDefaultCatalog { path: shown, catalog: DEFAULT_CATALOG }.into());
    }
    let target = identity(path);
    let named = path.canonicalize().ok();
    let same = |i: &PathBuf| {
        (target.is_some() && identity(i) == target) || (named.is_some() && i.canonicalize().ok() == named)
    };
    if let Some(input) = inputs.iter().find(|i| same(i)) {
        let input = escape(&input.to_string_lossy()).into_owned();
        if input == shown {
            return Err(Failure::OutputIsInput { path: shown }.into());
        }
        return Err(Failure::OutputIsNamedInput { path: shown, input }.into());
    }
    Ok(())
}

/// Whether `path` is `indicators.toml` in the current folder, existing or not.
fn is_default_catalog(path: &Path) -> bool {
    if path.file_name() != Some(DEFAULT_CATALOG.as_ref()) {
        return false;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => return true,
    };
    parent
        .canonicalize()
        .ok()
        .is_some_and(|p| Some(p) == std::env::current_dir().ok().and_then(|c| c.canonicalize().ok()))
}

/// The device and inode of the file `path` leads to (symbolic links followed).
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

/// What a document is rendered into: a temporary file, or the bytes for a pipe (a Word document is a
/// zip, whose writer seeks).
pub trait WriteSeek: Write + Seek {}
impl<T: Write + Seek> WriteSeek for T {}

/// Writes `bytes` to `path` as its kind of file asks: see [`write_output_with`].
pub fn write_output(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_output_with(path, |out| Ok(out.write_all(bytes)?))
}

/// Renders into `path` as its kind of file asks: a new or regular file atomically, `render` writing
/// straight into the temporary file that is then renamed (atomicity needs the file, not the document
/// in memory); a FIFO or a character device through, rendered first; anything else refused (see the
/// module's note).
pub fn write_output_with(
    path: &Path,
    render: impl FnOnce(&mut dyn WriteSeek) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let shown = escape(&path.to_string_lossy()).into_owned();
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return write_atomically(path, render),
        Err(e) => return Err(e).with_context(|| Failure::CannotWrite { path: shown.to_string() }),
    };
    if meta.is_file() {
        return write_atomically(path, render);
    }
    // A link is followed to what it leads to: a link to a pipe or a terminal (`/dev/stdout`) is
    // written through; a link to a regular file is refused, since a rename would replace the link and
    // writing through would change a file elsewhere.
    let linked = meta.file_type().is_symlink();
    let meta = if linked {
        std::fs::metadata(path).context(Failure::OutputLinkNowhere { path: shown.clone() })?
    } else {
        meta
    };
    match kind(&meta) {
        Kind::Regular => {
            let to = std::fs::read_link(path).map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
            Err(Failure::OutputLinkToFile { path: shown, to: escape(&to).into_owned() }.into())
        }
        Kind::Pipe => write_pipe(path, &rendered(render)?, &shown),
        Kind::CharDevice => write_through(path, &rendered(render)?, &shown),
        Kind::Other(kind) => Err(Failure::OutputNotWritable { path: shown, kind }.into()),
    }
}

/// The bytes of a document for a pipe or a device, which cannot be renamed into place.
fn rendered(render: impl FnOnce(&mut dyn WriteSeek) -> anyhow::Result<()>) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Cursor::new(Vec::new());
    render(&mut bytes)?;
    Ok(bytes.into_inner())
}

enum Kind {
    Regular,
    Pipe,
    CharDevice,
    Other(FileKind),
}

#[cfg(unix)]
fn kind(meta: &std::fs::Metadata) -> Kind {
    use std::os::unix::fs::FileTypeExt as _;
    let t = meta.file_type();
    match () {
        _ if t.is_file() => Kind::Regular,
        _ if t.is_fifo() => Kind::Pipe,
        _ if t.is_char_device() => Kind::CharDevice,
        _ if t.is_dir() => Kind::Other(FileKind::Folder),
        _ if t.is_block_device() => Kind::Other(FileKind::BlockDevice),
        _ if t.is_socket() => Kind::Other(FileKind::Socket),
        _ => Kind::Other(FileKind::Other),
    }
}

#[cfg(not(unix))]
fn kind(meta: &std::fs::Metadata) -> Kind {
    if meta.is_file() {
        Kind::Regular
    } else if meta.is_dir() {
        Kind::Other(FileKind::Folder)
    } else {
        Kind::CharDevice
    }
}

/// A character device is written in place: never created, truncated or replaced.
fn write_through(path: &Path, bytes: &[u8], shown: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| Failure::CannotWrite { path: shown.to_string() })?;
    file.write_all(bytes).with_context(|| Failure::CannotWrite { path: shown.to_string() })?;
    file.flush().with_context(|| Failure::CannotWrite { path: shown.to_string() })
}

/// A named pipe is written through when something reads it; with no reader, opening it would block
/// forever, so it is opened without waiting and refused.
#[cfg(unix)]
fn write_pipe(path: &Path, bytes: &[u8], shown: &str) -> anyhow::Result<()> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt as _;
    let opened = std::fs::OpenOptions::new().write(true).custom_flags(OFlags::NONBLOCK.bits() as i32).open(path);
    let mut file = match opened {
        Ok(file) => file,
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error()) => {
            return Err(Failure::OutputPipeWithoutReader { path: shown.to_string() }.into());
        }
        Err(e) => return Err(e).with_context(|| Failure::CannotWrite { path: shown.to_string() }),
    };
    // Blocking again for the writes: the reader sets the pace.
    rustix::fs::fcntl_setfl(&file, rustix::fs::fcntl_getfl(&file)? - OFlags::NONBLOCK)
        .with_context(|| Failure::CannotWrite { path: shown.to_string() })?;
    file.write_all(bytes).with_context(|| Failure::CannotWrite { path: shown.to_string() })?;
    file.flush().with_context(|| Failure::CannotWrite { path: shown.to_string() })
}

#[cfg(not(unix))]
fn write_pipe(path: &Path, bytes: &[u8], shown: &str) -> anyhow::Result<()> {
    write_through(path, bytes, shown)
}

/// Writes a temporary file beside `path` and renames it into place: a failed run leaves no half
/// file and the previous one untouched. For regular files only ([`write_output`] decides).
fn write_atomically(path: &Path, render: impl FnOnce(&mut dyn WriteSeek) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let shown = escape(&path.to_string_lossy()).into_owned();
    let failed = || Failure::CannotWrite { path: shown.clone() };
    let tmp = tempfile::NamedTempFile::new_in(dir).with_context(failed)?;
    if let Some(permissions) = permissions_for(path) {
        tmp.as_file().set_permissions(permissions).with_context(failed)?;
    }
    let mut out = super::atomic::TempWriter::new(tmp.as_file());
    let rendered = render(&mut out);
    if let Err((e, file_failed)) = out.finish(rendered) {
        // A full disk names the file; an error of the render is its own.
        return Err(if file_failed { e.context(failed()) } else { e });
    }
    tmp.as_file().sync_all().with_context(failed)?;
    tmp.persist(path).map_err(|e| e.error).with_context(failed)?;
    Ok(())
}

/// The permissions the written file should have: those of the file it replaces, else what a new
/// file usually gets (a temporary file is created readable by its owner only).
fn permissions_for(path: &Path) -> Option<std::fs::Permissions> {
    if let Ok(meta) = std::fs::metadata(path) {
        return Some(meta.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    None
}
