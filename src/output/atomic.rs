//! `-o FILE` written as it is rendered (`settings::write_atomically_with`): into a temporary file beside FILE, renamed into place once
//! whole. Atomicity needs the temporary file, not the document in memory (a CSV of 500,000 results is
//! never held). The writer remembers whether the file itself failed (a full disk), so the error names
//! the file rather than the format.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

/// The temporary file, buffered; [`Write`] and [`Seek`] (a .docx is a zip, written with seeks).
pub struct TempWriter<'f> {
    inner: BufWriter<Failing<'f>>,
}

struct Failing<'f> {
    file: &'f File,
    failed: bool,
}

impl Write for Failing<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf).inspect_err(|_| self.failed = true)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().inspect_err(|_| self.failed = true)
    }
}

impl Seek for Failing<'_> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.file.seek(pos).inspect_err(|_| self.failed = true)
    }
}

impl<'f> TempWriter<'f> {
    pub fn new(file: &'f File) -> TempWriter<'f> {
        TempWriter { inner: BufWriter::with_capacity(1 << 16, Failing { file, failed: false }) }
    }

    /// Writes what is still buffered; `Err` with whether the file failed (else the render did).
    pub fn finish(mut self, rendered: anyhow::Result<()>) -> Result<(), (anyhow::Error, bool)> {
        let result = rendered.and_then(|()| Ok(self.inner.flush()?));
        result.map_err(|e| (e, self.inner.get_ref().failed))
    }
}

impl Write for TempWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Seek for TempWriter<'_> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reaches_the_file_and_a_render_error_is_not_the_files() -> anyhow::Result<()> {
        let mut file = tempfile::tempfile()?;
        let mut w = TempWriter::new(&file);
        w.write_all(b"abc")?;
        w.seek(SeekFrom::Start(1))?;
        w.write_all(b"X")?;
        assert!(w.finish(Ok(())).is_ok());
        let mut text = String::new();
        file.seek(SeekFrom::Start(0))?;
        io::Read::read_to_string(&mut file, &mut text)?;
        assert_eq!(text, "aXc");
        let w = TempWriter::new(&file);
        let failed = w.finish(Err(anyhow::anyhow!("cannot lay out"))).err().map(|(e, file)| (e.to_string(), file));
        assert_eq!(failed, Some(("cannot lay out".to_string(), false)));
        Ok(())
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_the_files_error() -> anyhow::Result<()> {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full")?;
        let mut w = TempWriter::new(&full);
        let rendered = w.write_all(&[b'x'; 1 << 17]).map_err(anyhow::Error::from);
        let failed = w.finish(rendered).err().map(|(_, file)| file);
        assert_eq!(failed, Some(true));
        Ok(())
    }
}
