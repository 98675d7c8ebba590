//! The Dutch intake summary rendered for real and read back with pdftotext.

mod common;

use aankomst_documents::{render_intake_summary, IntakeTopic, TopicStatus};
use common::{normalise, poppler, samples, save_pdf};

fn text_of(name: &str, summary: &aankomst_documents::IntakeSummary) -> String {
    let pdf = render_intake_summary(summary).expect("the sample summary renders");
    let path = save_pdf(name, &pdf);
    let prefix = path.with_extension("");
    poppler(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    normalise(&poppler(
        "pdftotext",
        &["-enc", "UTF-8", "-raw", path.to_str().unwrap(), "-"],
    ))
}

#[test]
fn the_summary_lists_topics_screenings_consents_and_deadlines_in_dutch() {
    let text = text_of("intake-summary", &samples::intake_summary());
    for expected in [
        "Samenvatting brede intake",
        "Ahmad Haddad",
        "V-2026-0412",
        "Werkervaring Besproken Acht jaar elektricien in Aleppo; wil dat vak hier weer uitoefenen.",
        "Gezondheid Cliënt wil er (nog) niet over praten",
        "Schulden Nog niet gevraagd",
        "Leerbaarheidstoets (DUO) 18-02-2026 Advies B1-route (hoge leerbaarheid).",
        "VluchtelingenWerk Maatschappelijke begeleiding Gegeven 11-02-2026",
        "PIP vaststellen (10 weken) 22-04-2026 Open",
        "Pagina 1 / 1",
    ] {
        assert!(
            text.contains(expected),
            "not found: {expected}\n--- text:\n{text}"
        );
    }
}

#[test]
fn a_sealed_screening_shows_only_that_it_was_done() {
    let text = text_of("intake-summary-sealed", &samples::intake_summary());
    assert!(
        text.contains(
            "K10 25-02-2026 Verzegeld voor GGD regio Utrecht; de uitkomst staat niet in dit dossier."
        ),
        "{text}"
    );
}

#[test]
fn notes_with_typst_markup_are_printed_literally() {
    let mut summary = samples::intake_summary();
    let note = r##"Zegt: "#panic() ] [ *niet vet* $5 // en \ <x> @y""##;
    summary.topics.push(IntakeTopic {
        title: "Netwerk #1".into(),
        status: TopicStatus::PartlyDiscussed,
        notes: note.into(),
    });
    let text = text_of("intake-summary-markup", &summary);
    assert!(text.contains(note), "{text}");
    assert!(text.contains("Netwerk #1 Deels besproken"), "{text}");
}

#[test]
fn an_empty_summary_says_so() {
    let mut summary = samples::intake_summary();
    summary.topics.clear();
    summary.screenings.clear();
    summary.consents.clear();
    summary.deadlines.clear();
    summary.client_reference = None;
    let text = text_of("intake-summary-empty", &summary);
    assert!(text.contains("Nog geen onderwerpen vastgelegd."));
    assert!(text.contains("Geen termijnen vastgelegd."));
    assert!(!text.contains("Dossiernummer"));
}
