//! The shingle hashes of every document, kept for exact verification of
//! the candidate pairs whose MinHash estimate is too close to call.
//!
//! Hashes are appended document by document (32 bits each, repeats
//! included, in text order). They stay in memory up to a budget; past it,
//! everything moves to an anonymous temporary file (deleted by the system
//! when closed) and later documents are appended there, so memory stays
//! bounded whatever the corpus size. Reading a document back is one
//! positional read; the file is read while still in the page cache on any
//! machine with memory to spare.

use std::fs::File;
use std::io::{self, BufWriter, Write};

/// Where the hashes are.
#[derive(Debug)]
enum Store {
    /// All hashes so far, in memory.
    Memory(Vec<u32>),
    /// Spilled: the file being written (little-endian `u32`s).
    Writing(BufWriter<File>),
    /// Spilled and flushed: ready for reading.
    Reading(File),
}

/// An append-only store of per-document hash lists; see the module
/// documentation.
#[derive(Debug)]
pub(crate) struct Spool {
    store: Store,
    /// Start of each document's hashes (in hashes), plus the end of the last.
    starts: Vec<u64>,
    /// Most hashes held in memory before spilling to a file.
    memory_budget: usize,
}

/// Flat little-endian bytes of `values`.
fn bytes_of(values: &[u32], out: &mut Vec<u8>) {
    out.clear();
    out.reserve(values.len() * 4);
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

impl Spool {
    /// An empty spool keeping up to `memory_budget` hashes in memory.
    pub(crate) fn new(memory_budget: usize) -> Spool {
        Spool {
            store: Store::Memory(Vec::new()),
            starts: vec![0],
            memory_budget,
        }
    }

    /// Number of documents stored.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Heap bytes held (not counting the file).
    pub(crate) fn heap_bytes(&self) -> usize {
        let data = match &self.store {
            Store::Memory(v) => v.capacity() * 4,
            Store::Writing(w) => w.capacity(),
            Store::Reading(_) => 0,
        };
        data + self.starts.capacity() * 8
    }

    /// True once the hashes have moved to a file.
    pub(crate) fn spilled(&self) -> bool {
        !matches!(self.store, Store::Memory(_))
    }

    /// Appends the hash lists of several documents (`lengths[i]` hashes each,
    /// back to back in `hashes`).
    pub(crate) fn append(&mut self, hashes: &[u32], lengths: &[u32]) -> io::Result<()> {
        let mut end = self.starts.last().copied().unwrap_or(0);
        for &len in lengths {
            end += u64::from(len);
            self.starts.push(end);
        }
        if let Store::Memory(v) = &mut self.store {
            if v.len() + hashes.len() <= self.memory_budget {
                v.extend_from_slice(hashes);
                return Ok(());
            }
            let mut file = BufWriter::with_capacity(1 << 20, tempfile::tempfile()?);
            let mut buf = Vec::new();
            for chunk in v.chunks(1 << 16) {
                bytes_of(chunk, &mut buf);
                file.write_all(&buf)?;
            }
            self.store = Store::Writing(file);
        }
        match &mut self.store {
            Store::Writing(w) => {
                let mut buf = Vec::new();
                for chunk in hashes.chunks(1 << 16) {
                    bytes_of(chunk, &mut buf);
                    w.write_all(&buf)?;
                }
                Ok(())
            }
            Store::Memory(_) => Ok(()),
            Store::Reading(_) => Err(io::Error::other("spool appended after reading began")),
        }
    }

    /// Ends appending: flushes the file, if any, for reading.
    pub(crate) fn seal(&mut self) -> io::Result<()> {
        if let Store::Writing(_) = self.store {
            let Store::Writing(w) = std::mem::replace(&mut self.store, Store::Memory(Vec::new()))
            else {
                return Ok(());
            };
            let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
            self.store = Store::Reading(file);
        }
        Ok(())
    }

    /// The hashes of document `doc`, sorted and without repeats, into `out`
    /// (`bytes` is scratch space). Needs [`Spool::seal`] first when spilled.
    pub(crate) fn read_set(
        &self,
        doc: usize,
        out: &mut Vec<u32>,
        bytes: &mut Vec<u8>,
    ) -> io::Result<()> {
        out.clear();
        let (Some(&start), Some(&end)) = (self.starts.get(doc), self.starts.get(doc + 1)) else {
            return Err(io::Error::other(format!("no document {doc} in the spool")));
        };
        let len = usize::try_from(end - start).map_err(io::Error::other)?;
        match &self.store {
            Store::Memory(v) => {
                let from = usize::try_from(start).map_err(io::Error::other)?;
                out.extend_from_slice(v.get(from..from + len).unwrap_or(&[]));
            }
            Store::Reading(file) => {
                bytes.clear();
                bytes.resize(len * 4, 0);
                read_at(file, bytes, start * 4)?;
                out.extend(
                    bytes
                        .chunks_exact(4)
                        .map(|c| <[u8; 4]>::try_from(c).map_or(0, u32::from_le_bytes)),
                );
            }
            Store::Writing(_) => {
                return Err(io::Error::other("spool read before it was sealed"));
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(())
    }
}

/// Fills `buf` from `file` at byte `offset`, without moving a shared cursor
/// (so several threads can read at once).
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Fills `buf` from `file` at byte `offset`, without moving a shared cursor
/// (so several threads can read at once).
#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// Size of the intersection of two sorted, repeat-free lists.
pub(crate) fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(budget: usize) {
        let mut s = Spool::new(budget);
        s.append(&[5, 3, 5, 1], &[3, 1]).expect("append");
        s.append(&[], &[0]).expect("append empty doc");
        s.append(&[9, 8, 7, 9, 8], &[5]).expect("append");
        assert_eq!(s.len(), 4);
        assert_eq!(s.spilled(), budget < 9);
        s.seal().expect("seal");
        let (mut out, mut bytes) = (Vec::new(), Vec::new());
        let mut sets = Vec::new();
        for d in 0..4 {
            s.read_set(d, &mut out, &mut bytes).expect("read");
            sets.push(out.clone());
        }
        assert_eq!(sets, [vec![3, 5], vec![1], vec![], vec![7, 8, 9]]);
        assert!(s.read_set(4, &mut out, &mut bytes).is_err());
    }

    #[test]
    fn sets_read_back_the_same_in_memory_and_spilled() {
        roundtrip(1 << 20);
        roundtrip(0);
        roundtrip(5);
    }

    #[test]
    fn intersection_counts_shared_values() {
        assert_eq!(intersection(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(intersection(&[], &[1]), 0);
        assert_eq!(intersection(&[2], &[2]), 1);
    }
}
