//! Shared by the integration tests: sample documents and the poppler tools.
#![allow(dead_code)]

pub mod samples;

use std::path::PathBuf;
use std::process::Command;

/// Where the tests leave PDFs and page images to look at (gitignored).
pub fn artifacts_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pdf-artifacts");
    std::fs::create_dir_all(&dir).expect("create tests/pdf-artifacts");
    dir
}

/// Runs a poppler tool; poppler-utils is installed by scripts/install-deps.sh.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} did not run ({e}); install poppler-utils (scripts/install-deps.sh)")
    });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("poppler prints UTF-8")
}

/// Saves `pdf` as `name.pdf` in the artifacts directory and returns its path.
pub fn save_pdf(name: &str, pdf: &[u8]) -> PathBuf {
    let path = artifacts_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("write the PDF artifact");
    path
}

pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A half of an A4 page (the client copy's Dutch and client-language columns).
#[derive(Debug, Clone, Copy)]
pub enum Column {
    Left,
    Right,
}

/// The text of one column over all pages, whitespace normalised. Extracting a column at a time
/// keeps each paragraph's lines together (pdftotext would otherwise interleave the columns).
pub fn pdf_text_column(path: &std::path::Path, column: Column) -> String {
    // At pdftotext's default 72 dpi the crop box is in points; A4 is 595 x 842 pt.
    let x = match column {
        Column::Left => "0",
        Column::Right => "298",
    };
    let text = poppler(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-x",
            x,
            "-y",
            "0",
            "-W",
            "298",
            "-H",
            "842",
            path.to_str().unwrap(),
            "-",
        ],
    );
    normalise(&text)
}
