//! Byte sources: sniffing gzip and zstd by their magic bytes and
//! decompressing them as a stream, whatever the file is called.

use std::io::{self, BufRead, BufReader, Read};

use flate2::read::MultiGzDecoder;
use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};

/// Any byte source the iterator can own and move between threads.
pub(crate) type DynRead = Box<dyn Read + Send>;

/// How a source was compressed, as told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    /// Not compressed (or not in a format we recognise).
    None,
    /// gzip (`1f 8b`), possibly several members back to back.
    Gzip,
    /// Zstandard (`28 b5 2f fd`), possibly several frames.
    Zstd,
}

impl Compression {
    /// The name used in messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Compression::None => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// Reads from `source` into `out` until `out` holds `limit` bytes or the
/// source ends. Bytes read before an error are kept in `out`.
pub(crate) fn read_up_to(source: &mut dyn Read, limit: usize, out: &mut Vec<u8>) -> io::Result<()> {
    let want = limit.saturating_sub(out.len());
    if want == 0 {
        return Ok(());
    }
    let want = u64::try_from(want).unwrap_or(u64::MAX);
    source.take(want).read_to_end(out).map(|_| ())
}

/// A reader that first replays bytes already taken from `rest` (and the
/// error that stopped their reading, if any), then goes on with `rest`.
pub(crate) struct Prefixed<R> {
    prefix: Vec<u8>,
    pos: usize,
    error: Option<io::Error>,
    rest: R,
}

impl<R: Read> Prefixed<R> {
    /// Replays `prefix`, then `error` (once) if given, then reads `rest`.
    pub(crate) fn new(prefix: Vec<u8>, error: Option<io::Error>, rest: R) -> Self {
        Prefixed {
            prefix,
            pos: 0,
            error,
            rest,
        }
    }
}

impl<R: Read> Read for Prefixed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(left) = self.prefix.get(self.pos..).filter(|left| !left.is_empty()) {
            let n = left.len().min(buf.len());
            buf[..n].copy_from_slice(&left[..n]);
            self.pos += n;
            if self.pos == self.prefix.len() {
                // Free the replayed bytes early; the rest is streamed.
                self.prefix = Vec::new();
                self.pos = 0;
            }
            return Ok(n);
        }
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        self.rest.read(buf)
    }
}

/// Opens the file at `path` for reading, decompressed when its first bytes
/// say gzip or zstd (whatever its name), so every side file a command reads
/// (gold labels, annotations) may be compressed like the inputs.
pub fn open_decompressed(path: &std::path::Path) -> io::Result<Box<dyn Read + Send>> {
    let file = std::fs::File::open(path)?;
    let (reader, _) = decompress(Box::new(file));
    Ok(reader)
}

/// Looks at the first bytes of `raw` and wraps it in the matching
/// decompressor. Never fails: a read error is replayed to the caller on its
/// first read, so it is reported where the data would have been.
pub(crate) fn decompress(mut raw: DynRead) -> (DynRead, Compression) {
    let mut head = Vec::with_capacity(ZSTD_MAGIC.len());
    let error = read_up_to(&mut raw, ZSTD_MAGIC.len(), &mut head).err();
    let compression = if head.starts_with(&GZIP_MAGIC) {
        Compression::Gzip
    } else if head == ZSTD_MAGIC {
        Compression::Zstd
    } else {
        Compression::None
    };
    let source = Prefixed::new(head, error, raw);
    let decoded: DynRead = match compression {
        Compression::None => Box::new(source),
        Compression::Gzip => Box::new(MultiGzDecoder::new(source)),
        Compression::Zstd => Box::new(ZstdFrames::new(source)),
    };
    (decoded, compression)
}

/// Where a [`ZstdFrames`] reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ZstdState {
    /// Between frames: the next read parses a frame header (or finds the end).
    Header,
    /// Inside a frame.
    Frame,
    /// The stream ended or failed; reads return 0.
    Done,
}

/// Streaming Zstandard decoder over all frames of a source (the zstd format
/// allows several frames back to back, and skippable frames between them),
/// checking each frame's content checksum when it has one.
pub(crate) struct ZstdFrames<R: Read> {
    source: BufReader<R>,
    decoder: FrameDecoder,
    state: ZstdState,
}

impl<R: Read> ZstdFrames<R> {
    /// A decoder over `source`; nothing is read yet.
    pub(crate) fn new(source: R) -> Self {
        ZstdFrames {
            source: BufReader::with_capacity(64 * 1024, source),
            decoder: FrameDecoder::new(),
            state: ZstdState::Header,
        }
    }

    /// Marks the stream failed and returns the error to give to the caller.
    fn fail(&mut self, message: String) -> io::Error {
        self.state = ZstdState::Done;
        io::Error::new(io::ErrorKind::InvalidData, message)
    }

    /// Reads exactly `buf.len()` bytes, failing with `what` when the stream
    /// ends first.
    fn read_exact_or_fail(&mut self, buf: &mut [u8], what: &str) -> io::Result<()> {
        match self.source.read_exact(buf) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(self.fail(what.to_owned())),
            Err(e) => Err(e),
        }
    }

    /// Reads the next frame header, skipping skippable frames, and refuses
    /// frames whose window is over [`MAX_ZSTD_WINDOW`]. Returns false at the
    /// clean end of the stream.
    fn start_frame(&mut self) -> io::Result<bool> {
        const CUT_HEADER: &str = "stream ends inside a zstd frame header";
        loop {
            if self.source.fill_buf()?.is_empty() {
                return Ok(false);
            }
            let mut magic = [0u8; 4];
            self.read_exact_or_fail(&mut magic, CUT_HEADER)?;
            if u32::from_le_bytes(magic) & 0xffff_fff0 == SKIPPABLE_MAGIC {
                let mut length = [0u8; 4];
                self.read_exact_or_fail(&mut length, CUT_HEADER)?;
                let length = u64::from(u32::from_le_bytes(length));
                let skipped = io::copy(&mut (&mut self.source).take(length), &mut io::sink())?;
                if skipped < length {
                    return Err(self.fail("stream ends inside a skippable zstd frame".to_owned()));
                }
                continue;
            }
            if magic != ZSTD_MAGIC {
                return Err(
                    self.fail("data after the last zstd frame is not a zstd frame".to_owned())
                );
            }
            let mut descriptor = [0u8; 1];
            self.read_exact_or_fail(&mut descriptor, CUT_HEADER)?;
            let layout = HeaderLayout::new(descriptor[0]);
            let mut rest = [0u8; 13];
            let rest = rest.get_mut(..layout.rest_len()).unwrap_or_default();
            self.read_exact_or_fail(rest, CUT_HEADER)?;
            let window = layout.window_size(rest);
            if window > MAX_ZSTD_WINDOW {
                return Err(self.fail(format!(
                    "zstd frame needs a window of {window} bytes, over the {MAX_ZSTD_WINDOW} bytes allowed"
                )));
            }
            let mut header = Vec::with_capacity(5 + rest.len());
            header.extend_from_slice(&magic);
            header.push(descriptor[0]);
            header.extend_from_slice(rest);
            if let Err(e) = self.decoder.init(header.as_slice()) {
                return Err(self.fail(e.to_string()));
            }
            return Ok(true);
        }
    }
}

/// Magic number of skippable frames, low 4 bits masked off.
const SKIPPABLE_MAGIC: u32 = 0x184d_2a50;

/// Largest zstd window accepted: 128 MiB, the reference decoder's default
/// limit. A frame's window is what the decoder keeps in memory, so this
/// bounds memory on hostile input ("zstd bombs" declaring terabyte windows).
pub(crate) const MAX_ZSTD_WINDOW: u64 = 1 << 27;

/// Which optional fields follow a zstd frame header descriptor byte.
struct HeaderLayout {
    single_segment: bool,
    dict_id_len: usize,
    content_size_len: usize,
}

impl HeaderLayout {
    fn new(descriptor: u8) -> Self {
        let single_segment = descriptor & 0x20 != 0;
        let dict_id_len = match descriptor & 0x03 {
            0 => 0,
            1 => 1,
            2 => 2,
            _ => 4,
        };
        let content_size_len = match descriptor >> 6 {
            0 => usize::from(single_segment),
            1 => 2,
            2 => 4,
            _ => 8,
        };
        HeaderLayout {
            single_segment,
            dict_id_len,
            content_size_len,
        }
    }

    /// Bytes after the descriptor: window descriptor, dictionary id, content size.
    fn rest_len(&self) -> usize {
        usize::from(!self.single_segment) + self.dict_id_len + self.content_size_len
    }

    /// The window size the frame declares (its content size when it is a
    /// single segment), from the bytes after the descriptor.
    fn window_size(&self, rest: &[u8]) -> u64 {
        if !self.single_segment {
            let descriptor = rest.first().copied().unwrap_or(0);
            let base = 1u64 << (10 + u32::from(descriptor >> 3));
            return base + (base / 8) * u64::from(descriptor & 0x07);
        }
        let start = self.dict_id_len;
        let field = rest
            .get(start..start + self.content_size_len)
            .unwrap_or_default();
        let mut le = [0u8; 8];
        for (slot, byte) in le.iter_mut().zip(field) {
            *slot = *byte;
        }
        let size = u64::from_le_bytes(le);
        if self.content_size_len == 2 {
            size + 256
        } else {
            size
        }
    }
}

impl<R: Read> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match self.state {
                ZstdState::Done => return Ok(0),
                ZstdState::Header => {
                    if self.start_frame()? {
                        self.state = ZstdState::Frame;
                    } else {
                        self.state = ZstdState::Done;
                    }
                }
                ZstdState::Frame => {
                    while self.decoder.can_collect() < buf.len() && !self.decoder.is_finished() {
                        let wanted = buf.len() - self.decoder.can_collect();
                        if let Err(e) = self.decoder.decode_blocks(
                            &mut self.source,
                            BlockDecodingStrategy::UptoBytes(wanted),
                        ) {
                            return Err(self.fail(e.to_string()));
                        }
                    }
                    let n = self.decoder.read(buf)?;
                    if n > 0 {
                        return Ok(n);
                    }
                    // The frame is finished and drained: check it, then look
                    // for another frame.
                    if let (Some(stored), Some(computed)) = (
                        self.decoder.get_checksum_from_data(),
                        self.decoder.get_calculated_checksum(),
                    ) && stored != computed
                    {
                        return Err(self.fail(format!(
                            "content checksum mismatch (stored {stored:08x}, computed {computed:08x})"
                        )));
                    }
                    self.state = ZstdState::Header;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn decode_all(bytes: Vec<u8>) -> (io::Result<Vec<u8>>, Compression) {
        let (mut reader, compression) = decompress(Box::new(io::Cursor::new(bytes)));
        let mut out = Vec::new();
        let result = reader.read_to_end(&mut out).map(|_| out);
        (result, compression)
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).expect("writing to a Vec cannot fail");
        enc.finish().expect("writing to a Vec cannot fail")
    }

    fn zstd(data: &[u8]) -> Vec<u8> {
        ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
    }

    #[test]
    fn plain_bytes_pass_through() {
        let (out, c) = decode_all(b"hello".to_vec());
        assert_eq!(c, Compression::None);
        assert_eq!(out.expect("plain read"), b"hello");
        let (out, c) = decode_all(b"h".to_vec());
        assert_eq!(c, Compression::None);
        assert_eq!(out.expect("short read"), b"h");
        let (out, _) = decode_all(Vec::new());
        assert_eq!(out.expect("empty read"), b"");
    }

    #[test]
    fn gzip_members_are_all_decoded() {
        let mut bytes = gzip(b"first ");
        bytes.extend(gzip(b"second"));
        let (out, c) = decode_all(bytes);
        assert_eq!(c, Compression::Gzip);
        assert_eq!(out.expect("gzip read"), b"first second");
    }

    #[test]
    fn zstd_frames_are_all_decoded_and_skippable_frames_skipped() {
        let mut bytes = zstd(b"first ");
        // A skippable frame: magic 0x184D2A50, little-endian length, payload.
        bytes.extend([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9]);
        bytes.extend(zstd(b"second"));
        let (out, c) = decode_all(bytes);
        assert_eq!(c, Compression::Zstd);
        assert_eq!(out.expect("zstd read"), b"first second");
    }

    #[test]
    fn zstd_frames_declaring_huge_windows_are_refused() {
        // Window descriptor 0xf8: exponent 31, a 2 TiB window.
        let bytes = vec![0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 0, 0, 0, 0];
        let (out, _) = decode_all(bytes);
        let err = out.expect_err("huge window");
        assert!(err.to_string().contains("window"), "{err}");
        // Single segment with a declared content size of 1 TiB.
        let mut bytes = vec![0x28, 0xb5, 0x2f, 0xfd, 0xe0];
        bytes.extend((1u64 << 40).to_le_bytes());
        assert!(decode_all(bytes).0.is_err());
    }

    #[test]
    fn zstd_window_sizes_follow_the_format() {
        let layout = HeaderLayout::new(0x00);
        assert_eq!(layout.rest_len(), 1);
        assert_eq!(layout.window_size(&[0x00]), 1024);
        assert_eq!(layout.window_size(&[0x09]), 2048 + 256);
        let single = HeaderLayout::new(0x20);
        assert_eq!(single.rest_len(), 1);
        assert_eq!(single.window_size(&[200]), 200);
        let single2 = HeaderLayout::new(0x61);
        assert_eq!(single2.rest_len(), 3);
        assert_eq!(single2.window_size(&[7, 0x00, 0x01]), 256 + 256);
    }

    #[test]
    fn trailing_garbage_after_zstd_is_an_error() {
        let mut bytes = zstd(b"data");
        bytes.extend(b"garbage!");
        assert!(decode_all(bytes).0.is_err());
    }

    #[test]
    fn truncated_zstd_is_an_error_not_a_short_read() {
        let data = "some words to compress, again and again. ".repeat(200);
        let bytes = zstd(data.as_bytes());
        for cut in [5, bytes.len() / 2, bytes.len() - 1] {
            let (out, _) = decode_all(bytes[..cut].to_vec());
            assert!(
                out.is_err(),
                "cut at {cut} of {} read without error",
                bytes.len()
            );
        }
    }

    #[test]
    fn truncated_gzip_is_an_error_not_a_short_read() {
        let data = "some words to compress, again and again. ".repeat(200);
        let bytes = gzip(data.as_bytes());
        for cut in [3, bytes.len() / 2, bytes.len() - 1] {
            let (out, _) = decode_all(bytes[..cut].to_vec());
            assert!(
                out.is_err(),
                "cut at {cut} of {} read without error",
                bytes.len()
            );
        }
    }

    #[test]
    fn prefixed_replays_prefix_then_error_then_rest() {
        let err = io::Error::other("boom");
        let mut r = Prefixed::new(b"ab".to_vec(), Some(err), io::Cursor::new(b"cd".to_vec()));
        let mut buf = [0u8; 8];
        assert_eq!(r.read(&mut buf).expect("prefix"), 2);
        assert!(r.read(&mut buf).is_err());
        assert_eq!(r.read(&mut buf).expect("rest"), 2);
    }
}
