//! Benchmark: time to render the client copy of the PIP (and the intake summary) and the size
//! of the PDFs. Run in release:
//!
//! `cargo run --release -p aankomst-documents --bin aankomst-bench-documents -- --write docs/benchmarks.md`
//!
//! The first render is reported on its own: it parses the bundled fonts and builds Typst's
//! standard library. Every render after it starts from an empty layout cache (the crate evicts
//! Typst's memo cache after each document), as in the app, where a document is made now and
//! then, not fifty times in a row.

use std::time::{Duration, Instant};

use aankomst_documents::{
    bundled_font_count, render_client_copy, render_intake_summary, ClientCopy,
};

// The sample documents of the tests (unreviewed test translations).
#[path = "../../tests/common/samples.rs"]
mod samples;

// The helper that writes one section of docs/benchmarks.md, shared with the app's benchmarks
// (a std-only file; included rather than depending on the app crate).
#[path = "../../../aankomst-app/src/benchmarks.rs"]
mod benchmarks;

const TARGET: Duration = Duration::from_secs(2);
const SECTION: &str = "## Documents: client copy of the PIP as PDF (Typst)";

struct Series {
    times: Vec<Duration>,
    bytes: usize,
    pages: usize,
}

impl Series {
    fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.times.clone();
        sorted.sort();
        // Nearest rank.
        let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1]
    }
}

/// Page objects in the PDF: typst-pdf writes each as an uncompressed `/Type/Page` dictionary.
fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

fn measure(renders: usize, render: impl Fn() -> Vec<u8>) -> Series {
    let mut times = Vec::with_capacity(renders);
    let mut last = Vec::new();
    for _ in 0..renders {
        let start = Instant::now();
        last = render();
        times.push(start.elapsed());
    }
    Series {
        times,
        bytes: last.len(),
        pages: page_count(&last),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn kib(bytes: usize) -> String {
    format!("{:.0} KiB", bytes as f64 / 1024.0)
}

/// The 1-minute load average: the machine is shared, and the figures depend on it.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut write_to = None;
    let mut renders = 50usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--write" => {
                write_to = Some(
                    args.next()
                        .ok_or_else(|| anyhow::anyhow!("--write needs a path"))?,
                )
            }
            "--renders" => {
                renders = args
                    .next()
                    .ok_or_else(|| anyhow::anyhow!("--renders needs a number"))?
                    .parse()?
            }
            other => anyhow::bail!("unknown argument {other:?} (use --write PATH, --renders N)"),
        }
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: a debug build; run with --release for figures worth writing down");
    }

    let arabic = samples::arabic_client_copy();
    let tigrinya = samples::tigrinya_client_copy();
    let summary = samples::intake_summary();
    let render = |copy: &ClientCopy| render_client_copy(copy).expect("the sample renders");

    let load_before = load_average();
    let start = Instant::now();
    let first = render(&arabic);
    let first_time = start.elapsed();

    let arabic_series = measure(renders, || render(&arabic));
    let tigrinya_series = measure(renders, || render(&tigrinya));
    let summary_series = measure(renders, || {
        render_intake_summary(&summary).expect("the sample renders")
    });
    assert_eq!(
        first.len(),
        arabic_series.bytes,
        "rendering is deterministic"
    );

    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let row = |what: &str, s: &Series| {
        format!(
            "| {what}, {} page(s) | {} / {} | {} | {} |",
            s.pages,
            ms(s.percentile(0.50)),
            ms(s.percentile(0.99)),
            kib(s.bytes),
            if s.percentile(0.99) < TARGET {
                "< 2 s: met"
            } else {
                "< 2 s: NOT met"
            },
        )
    };
    let report = format!(
        "{SECTION}\n\n\
         Command: `cargo run --release -p aankomst-documents --bin aankomst-bench-documents -- --write docs/benchmarks.md`  \n\
         Machine: {cores} cores, shared (1-minute load average {load_before} before the run, {load_after} after). Typst 0.15.1 as a library, {fonts} bundled font faces (Noto Sans, Noto Sans Arabic, Noto Sans Ethiopic; regular and bold). \
         The sample plans of the tests: two subgoals with four actions, three progress reviews, two motivation paragraphs, signatures drawn on screen (PNG).\n\n\
         | measure | p50 / p99 over {renders} renders | PDF size | target |\n\
         |---|---|---|---|\n\
         | first render in the process (parses the fonts, builds Typst's library), Arabic copy | {first} (one render) | {first_size} | — |\n\
         {arabic_row}\n\
         {tigrinya_row}\n\
         {summary_row}\n\n\
         Every render after the first starts with an empty layout cache: the crate clears Typst's \
         memo cache after each document (a document is made now and then, and the cache would keep \
         client text in memory). Peak resident memory of the benchmark process: {rss}.\n",
        fonts = bundled_font_count(),
        load_after = load_average(),
        first = ms(first_time),
        first_size = kib(first.len()),
        arabic_row = row("client copy, Arabic, right to left, 3 signatures", &arabic_series),
        tigrinya_row = row("client copy, Tigrinya (Ethiopic), 2 signatures", &tigrinya_series),
        summary_row = row("intake summary (Dutch)", &summary_series),
        rss = peak_rss_mib().map_or("unknown".into(), |m| format!("{m} MiB")),
    );
    print!("{report}");
    if let Some(path) = write_to {
        benchmarks::replace_section(std::path::Path::new(&path), SECTION, &report)?;
        eprintln!("wrote the section to {path}");
    }
    Ok(())
}
