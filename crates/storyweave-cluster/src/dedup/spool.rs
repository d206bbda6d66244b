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
use std::io::{self, Write};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

/// Where the hashes are.
#[derive(Debug)]
enum Store {
    /// All hashes so far, in memory: the chunks as appended (never copied),
    /// with the offset (in hashes) at which each chunk starts.
    Memory(Vec<(u64, Vec<u32>)>),
    /// Spilled: the file being written (little-endian `u32`s).
    Writing(File),
    /// Spilled and complete: ready for reading.
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
    /// Hashes held in memory.
    in_memory: usize,
    /// Reused buffer of bytes to write.
    buf: Vec<u8>,
}

/// Writes `values` to `file` as little-endian bytes, through `buf`.
fn write_values(file: &mut File, values: &[u32], buf: &mut Vec<u8>) -> io::Result<()> {
    for chunk in values.chunks(1 << 16) {
        buf.clear();
        buf.reserve(chunk.len() * 4);
        for v in chunk {
            buf.extend_from_slice(&v.to_le_bytes());
        }
        file.write_all(buf)?;
    }
    Ok(())
}

impl Spool {
    /// An empty spool keeping up to `memory_budget` hashes in memory.
    pub(crate) fn new(memory_budget: usize) -> Spool {
        Spool {
            store: Store::Memory(Vec::new()),
            starts: vec![0],
            memory_budget,
            in_memory: 0,
            buf: Vec::new(),
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
            Store::Memory(chunks) => chunks.iter().map(|(_, c)| c.capacity() * 4).sum(),
            Store::Writing(_) | Store::Reading(_) => self.buf.capacity(),
        };
        data + self.starts.capacity() * 8
    }

    /// True once the hashes have moved to a file.
    pub(crate) fn spilled(&self) -> bool {
        !matches!(self.store, Store::Memory(_))
    }

    /// Appends the hash lists of several documents (`lengths[i]` hashes each,
    /// back to back in `hashes`).
    pub(crate) fn append(&mut self, hashes: Vec<u32>, lengths: &[u32]) -> io::Result<()> {
        let first = self.starts.last().copied().unwrap_or(0);
        let mut end = first;
        for &len in lengths {
            end += u64::from(len);
            self.starts.push(end);
        }
        if let Store::Memory(chunks) = &mut self.store {
            if self.in_memory + hashes.len() <= self.memory_budget {
                self.in_memory += hashes.len();
                chunks.push((first, hashes));
                return Ok(());
            }
            let mut file = tempfile::tempfile()?;
            for (_, chunk) in chunks.iter() {
                write_values(&mut file, chunk, &mut self.buf)?;
            }
            self.in_memory = 0;
            self.store = Store::Writing(file);
        }
        match &mut self.store {
            Store::Writing(file) => write_values(file, &hashes, &mut self.buf),
            Store::Memory(_) => Ok(()),
            Store::Reading(_) => Err(io::Error::other("spool appended after reading began")),
        }
    }

    /// Ends appending: the file, if any, is ready for reading.
    pub(crate) fn seal(&mut self) -> io::Result<()> {
        if let Store::Writing(_) = self.store {
            let Store::Writing(file) =
                std::mem::replace(&mut self.store, Store::Memory(Vec::new()))
            else {
                return Ok(());
            };
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
            Store::Memory(chunks) => {
                let at = chunks.partition_point(|(first, _)| *first <= start);
                let (first, chunk) = at
                    .checked_sub(1)
                    .and_then(|i| chunks.get(i))
                    .ok_or_else(|| io::Error::other("spool chunk missing"))?;
                let from = usize::try_from(start - first).map_err(io::Error::other)?;
                out.extend_from_slice(chunk.get(from..from + len).unwrap_or(&[]));
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

/// Hash lists of several documents: the hashes back to back, and each
/// document's count.
type Chunk = (Vec<u32>, Vec<u32>);

/// Chunks queued for the writer thread before senders wait: bounds memory.
const QUEUED_CHUNKS: usize = 8;

/// A [`Spool`] filled by a thread of its own, so that copying the hashes
/// (and writing them to the file) overlaps with fingerprinting instead of
/// holding up the thread that feeds the workers.
#[derive(Debug)]
pub(crate) struct SpoolWriter {
    tx: Option<SyncSender<Chunk>>,
    handle: Option<JoinHandle<(Spool, io::Result<()>)>>,
}

impl SpoolWriter {
    /// Starts the writer thread of a spool keeping up to `memory_budget`
    /// hashes in memory.
    pub(crate) fn start(memory_budget: usize) -> io::Result<SpoolWriter> {
        let (tx, rx) = sync_channel::<Chunk>(QUEUED_CHUNKS);
        let handle = std::thread::Builder::new()
            .name("storyweave-spool".to_owned())
            .spawn(move || {
                let mut spool = Spool::new(memory_budget);
                let mut result = Ok(());
                for (hashes, lengths) in rx {
                    if result.is_ok() {
                        result = spool.append(hashes, &lengths);
                    }
                }
                (spool, result)
            })?;
        Ok(SpoolWriter {
            tx: Some(tx),
            handle: Some(handle),
        })
    }

    /// Queues the hash lists of several documents (`lengths[i]` hashes each,
    /// back to back in `hashes`). Fails only when the writer thread is gone.
    pub(crate) fn send(&mut self, hashes: Vec<u32>, lengths: Vec<u32>) -> io::Result<()> {
        let tx = self
            .tx
            .as_ref()
            .ok_or_else(|| io::Error::other("spool writer already finished"))?;
        tx.send((hashes, lengths))
            .map_err(|_| io::Error::other("spool writer thread stopped"))
    }

    /// Waits for every queued chunk to be stored and returns the sealed
    /// spool, or the first error met while storing.
    pub(crate) fn finish(mut self) -> io::Result<Spool> {
        drop(self.tx.take());
        let handle = self
            .handle
            .take()
            .ok_or_else(|| io::Error::other("spool writer already finished"))?;
        let (mut spool, result) = handle
            .join()
            .map_err(|_| io::Error::other("spool writer thread panicked"))?;
        result?;
        spool.seal()?;
        Ok(spool)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(budget: usize) {
        let mut s = Spool::new(budget);
        s.append(vec![5, 3, 5, 1], &[3, 1]).expect("append");
        s.append(vec![], &[0]).expect("append empty doc");
        s.append(vec![9, 8, 7, 9, 8], &[5]).expect("append");
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
    fn writer_thread_stores_chunks_in_order() {
        for budget in [1 << 20, 0] {
            let mut w = SpoolWriter::start(budget).expect("thread");
            w.send(vec![4, 2], vec![1, 1]).expect("send");
            w.send(vec![7, 7, 1], vec![3]).expect("send");
            let s = w.finish().expect("finish");
            assert_eq!(s.len(), 3);
            let (mut out, mut bytes) = (Vec::new(), Vec::new());
            s.read_set(2, &mut out, &mut bytes).expect("read");
            assert_eq!(out, [1, 7]);
            s.read_set(0, &mut out, &mut bytes).expect("read");
            assert_eq!(out, [4]);
        }
    }
}
