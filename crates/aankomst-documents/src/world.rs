//! The Typst `World` of one render: the template sources and the data files in memory, the
//! bundled fonts, a fixed "today". Nothing is read from disk, the network or the system's fonts.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The fonts in `assets/fonts/` (repository root), compiled into the binary.
const FONT_FILES: [&[u8]; 6] = [
    include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../../assets/fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../../../assets/fonts/NotoSansEthiopic-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoSansEthiopic-Bold.ttf"),
];

struct BundledFonts {
    fonts: Vec<Font>,
    book: LazyHash<FontBook>,
}

/// Parsed once per process: the first render pays for it.
static FONTS: LazyLock<BundledFonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    let book = LazyHash::new(FontBook::from_fonts(&fonts));
    BundledFonts { fonts, book }
});

/// The standard library without `sys.inputs`: data reaches the template as a JSON file.
static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// Number of font faces compiled in (for tests and the benchmark's report).
pub fn bundled_font_count() -> usize {
    FONTS.fonts.len()
}

/// Whether a bundled font has a glyph for `c`. Invisible format characters (spaces, joiners,
/// bidi controls, variation selectors) need none.
pub fn bundled_fonts_cover(c: char) -> bool {
    let invisible = c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}');
    invisible
        || FONTS
            .fonts
            .iter()
            .any(|font| font.info().coverage.contains(c as u32))
}

/// The id of a file at `path` (absolute, in the project root).
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the crate's own virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

pub struct DocumentWorld {
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl DocumentWorld {
    /// A world whose main file is `main`; `sources` are Typst files (path, text), `files` are
    /// data the template loads (path, bytes).
    pub fn new(
        main: &str,
        sources: &[(&str, &'static str)],
        files: Vec<(&str, Vec<u8>)>,
        today: Datetime,
    ) -> Self {
        let sources = sources
            .iter()
            .map(|(path, text)| {
                let id = file_id(path);
                (id, Source::new(id, (*text).to_owned()))
            })
            .collect();
        let files = files
            .into_iter()
            .map(|(path, bytes)| (file_id(path), Bytes::new(bytes)))
            .collect();
        Self {
            main: file_id(main),
            sources,
            files,
            today,
        }
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        self.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
