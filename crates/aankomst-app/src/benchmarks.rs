//! Writing a benchmark's section into `docs/benchmarks.md`: the section that starts with the
//! same heading is replaced, everything else is kept.

/// `existing` with the section headed `marker` replaced by `report` (appended if absent).
pub fn with_section(existing: &str, marker: &str, report: &str) -> String {
    let kept: String = match existing.find(marker) {
        Some(start) => {
            let rest = &existing[start + marker.len()..];
            let end = rest
                .find("\n## ")
                .map(|e| start + marker.len() + e + 1)
                .unwrap_or(existing.len());
            format!("{}{}", &existing[..start], &existing[end..])
        }
        None => existing.to_owned(),
    };
    let header = if kept.trim().is_empty() {
        "# Benchmarks\n\nFigures measured on this project's 2-core machine; each section names the command that produced it.\n\n".to_owned()
    } else {
        kept
    };
    format!(
        "{}{}\n",
        header.trim_end().to_owned() + "\n\n",
        report.trim_end()
    )
}

pub fn replace_section(path: &std::path::Path, marker: &str, report: &str) -> std::io::Result<()> {
    let existing = std::fs::read_to_string(path).unwrap_or_default();
    std::fs::write(path, with_section(&existing, marker, report))
}

#[cfg(test)]
mod tests {
    use super::with_section;

    #[test]
    fn a_section_is_replaced_and_the_others_kept() {
        let doc = "# Benchmarks\n\nintro\n\n## A\n\nold a\n\n## B\n\nb\n";
        let out = with_section(doc, "## A", "## A\n\nnew a\n");
        assert!(out.contains("new a") && !out.contains("old a"));
        assert!(out.contains("## B\n\nb"));
        let added = with_section(&out, "## C", "## C\n\nc\n");
        assert!(added.ends_with("## C\n\nc\n"));
    }
}
