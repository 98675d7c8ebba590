//! The client copy rendered for real, read back with poppler (pdftotext, pdftoppm, pdfimages,
//! pdffonts). Page images land in `tests/pdf-artifacts/` to be looked at.

mod common;

use aankomst_documents::{
    render_client_copy, Bilingual, ClientCopy, DocumentError, Interpreting, MAX_SUBGOALS,
};
use common::samples::{self, NL_INTRODUCTION, NL_OBJECTION};
use common::{pdf_text_column, poppler, save_pdf};

/// pdftotext wraps right-to-left runs in bidi embedding marks (U+202B … U+202C); they are not
/// text. Removed before comparing.
fn without_bidi_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

fn render(name: &str, copy: &ClientCopy) -> std::path::PathBuf {
    let pdf = render_client_copy(copy).expect("the sample client copy renders");
    assert!(pdf.starts_with(b"%PDF-"), "the output is a PDF");
    save_pdf(name, &pdf)
}

/// Dutch sentences of the sample that every client copy carries, whole.
const DUTCH_SENTENCES: [&str; 5] = [
    NL_INTRODUCTION,
    NL_OBJECTION,
    "Persoonlijk Plan Inburgering en Participatie (PIP)",
    "U leert Nederlands tot niveau B1. U doet examens in lezen, schrijven, luisteren en spreken. Naast de les doet u vrijwilligerswerk.",
    "Uit de leerbaarheidstoets blijkt dat u snel nieuwe dingen leert. Daarom past de B1-route bij u.",
];

fn assert_dutch_column(path: &std::path::Path) {
    let dutch = pdf_text_column(path, common::Column::Left);
    for sentence in DUTCH_SENTENCES {
        assert!(
            dutch.contains(sentence),
            "Dutch sentence not found: {sentence}\n--- left column text:\n{dutch}"
        );
    }
}

#[test]
fn arabic_copy_has_extractable_dutch_and_arabic_text() {
    let path = render("client-copy-arabic", &samples::arabic_client_copy());
    assert_dutch_column(&path);

    let arabic = without_bidi_marks(&pdf_text_column(&path, common::Column::Right));
    // pdftotext (poppler 22.12) gives each right-to-left run in logical order, but puts the
    // runs of one line in visual order (a line broken at punctuation comes out as its pieces
    // from left to right). So phrases within a run are asserted, not whole sentences.
    for phrase in [
        "الخطة الشخصية",
        "هذه خطتك",
        "المرشد المسؤول عنك",
        "مسار التعلم الخاص بك",
        "تاريخ القرار",
        "هدفك الرئيسي",
        "ستتعلم اللغة الهولندية حتى المستوى",
        "البحث عن مكان",
        "هذه الخطة قرار من البلدية",
        "سيساعدك المرشد في ذلك",
        "التوقيعات",
    ] {
        assert!(
            arabic.contains(phrase),
            "Arabic phrase not found: {phrase}\n--- right column text:\n{arabic}"
        );
    }
    // Logical order, not glyph order: the reversed letters of "البلدية" are not there.
    assert!(arabic.contains("البلدية") && !arabic.contains("ةيدلبلا"));
    // What pdftotext makes of the lam-alef ligature: "للاندماج" (lam, lam-alef ligature, …)
    // comes out with the ligature's lam and alef swapped. The PDF maps the ligature glyph to
    // both letters; poppler reverses them with the run. Asserted as it is, so a change in
    // either Typst or poppler shows up here.
    assert!(arabic.contains("لالندماج"), "{arabic}");
    // Latin names and dates inside the Arabic column keep their own order.
    assert!(arabic.contains("VluchtelingenWerk"));
    assert!(arabic.contains("01-04-2026"), "{arabic}");
    // The review dates are isolated one by one, so the reader meets the first one first: on
    // the right, which pdftotext (visual order) prints last.
    assert!(
        arabic.contains("15-12-2026 · 15-09-2026 · 15-06-2026"),
        "{arabic}"
    );
}

#[test]
fn tigrinya_copy_has_extractable_dutch_and_tigrinya_text() {
    let path = render("client-copy-tigrinya", &samples::tigrinya_client_copy());
    assert_dutch_column(&path);

    let tigrinya = pdf_text_column(&path, common::Column::Right);
    // Ethiopic is left to right: whole sentences come out as written.
    for sentence in [
        "ውልቃዊ መደብ ምውህሃድን ተሳትፎን (PIP)",
        "እዚ መደብ ምውህሃድን ተሳትፎን ናትካ እዩ። ኣብዚ እንታይ ከም እትገብር፡ ምምሕዳር ከተማ እንታይ ከም ዝገብርን መዓስ ከም እንራኸብን ተጻሒፉ ኣሎ።",
        "ቋንቋ ሆላንድ ክሳብ ደረጃ B1 ክትመሃር ኢኻ።",
        "እዚ መደብ ውሳነ ምምሕዳር ከተማ እዩ። እንተዘይተሰማሚዕካሉ፡ ኣብ ውሽጢ ሽዱሽተ ሰሙን ካብ ዕለት እዚ ውሳነ ናብ ምምሕዳር ከተማ ተቓውሞ ከተቕርብ ትኽእል ኢኻ።",
        "ነዚ መደብ ብቓል ተርጒመዮ።",
        "ዝርርባት ምዕባለ",
    ] {
        assert!(
            tigrinya.contains(sentence),
            "Tigrinya text not found: {sentence}\n--- right column text:\n{tigrinya}"
        );
    }
}

#[test]
fn pages_render_to_images_and_fonts_are_embedded() {
    for (name, copy) in [
        ("pages-arabic", samples::arabic_client_copy()),
        ("pages-tigrinya", samples::tigrinya_client_copy()),
    ] {
        let path = render(name, &copy);
        let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo reports the page count");
        assert!(pages >= 2, "a full plan takes more than one page");
        assert!(info.contains("A4"), "{info}");

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
        for page in 1..=pages {
            let png = common::artifacts_dir().join(format!("{name}-{page}.png"));
            let size = std::fs::metadata(&png)
                .unwrap_or_else(|_| panic!("pdftoppm wrote {}", png.display()))
                .len();
            assert!(
                size > 10_000,
                "page {page} of {name} is not blank ({size} bytes)"
            );
        }

        // Every font is embedded (subset), so the PDF needs no fonts on the reader's machine.
        let fonts = poppler("pdffonts", &[path.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in &rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            // Columns: name, type (may be two words), encoding, emb, sub, uni, object, ID.
            let embedded = columns[columns.len() - 5];
            assert_eq!(embedded, "yes", "font not embedded: {row}");
        }
        let script_font = if name.ends_with("arabic") {
            "NotoSansArabic"
        } else {
            "NotoSansEthiopic"
        };
        assert!(fonts.contains("NotoSans-"), "{fonts}");
        assert!(fonts.contains(script_font), "{fonts}");
    }
}

fn image_count(path: &std::path::Path) -> usize {
    // `pdfimages -list`: two header lines, then one row per image; soft masks (the signature's
    // transparency) are rows of type "smask" and not counted.
    poppler("pdfimages", &["-list", path.to_str().unwrap()])
        .lines()
        .skip(2)
        .filter(|row| row.split_whitespace().nth(2) == Some("image"))
        .count()
}

#[test]
fn signature_images_are_embedded() {
    // Arabic sample: client, counsellor and interpreter signed on screen.
    let path = render("signatures-three", &samples::arabic_client_copy());
    assert_eq!(image_count(&path), 3);

    // Tigrinya sample: the interpreter attested without a drawn signature.
    let path = render("signatures-two", &samples::tigrinya_client_copy());
    assert_eq!(image_count(&path), 2);

    // No drawings at all: lines to sign on paper, no images.
    let mut copy = samples::tigrinya_client_copy();
    copy.signatures.client.image_png = None;
    copy.signatures.counsellor.image_png = None;
    let path = render("signatures-none", &copy);
    assert_eq!(image_count(&path), 0);
    let text = pdf_text_column(&path, common::Column::Left);
    assert!(text.contains("Mehari Gebremedhin"), "names still printed");
}

#[test]
fn typst_markup_in_client_text_is_printed_literally() {
    // If any of this reached Typst as markup it would change the page, hide text (the `//`
    // comment) or stop the render (`#panic`).
    let hostile = r#"Notitie ] #panic("x") [ *vet* _schuin_ $x^2$ <label> @ref // geen commentaar \ #set page(fill: red) `code` = kop"#;
    let mut copy = samples::arabic_client_copy();
    copy.motivation
        .push(Bilingual::new(hostile, "ملاحظة ] #panic(\"x\") [ *عريض*"));
    copy.client_name = "Ahmad ]#[ Haddad".into();
    let path = render("markup-literal", &copy);
    let dutch = pdf_text_column(&path, common::Column::Left);
    assert!(
        dutch.contains(hostile),
        "the note is printed as written\n--- left column text:\n{dutch}"
    );
    assert!(dutch.contains("Ahmad ]#[ Haddad"), "{dutch}");
    let arabic = without_bidi_marks(&pdf_text_column(&path, common::Column::Right));
    // In the right-to-left paragraph the bidi algorithm moves the weak `#` and the brackets
    // (pdftotext gives `] * [ panic("x")#عريض*`), on screen as in the text; the call itself
    // is there as plain text.
    assert!(arabic.contains("panic(\"x\")"), "{arabic}");
    assert!(arabic.contains("عريض"), "{arabic}");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let copy = samples::tigrinya_client_copy();
    let first = render_client_copy(&copy).unwrap();
    let second = render_client_copy(&copy).unwrap();
    assert!(first == second, "rendering is deterministic");
    let info = poppler(
        "pdfinfo",
        &[save_pdf("deterministic", &first).to_str().unwrap()],
    );
    assert!(
        info.contains("CreationDate:    Thu Mar 12 00:00:00 2026 UTC"),
        "the PDF is dated with the decision date\n{info}"
    );
}

#[test]
fn an_unreviewed_translation_is_marked_and_a_reviewed_one_is_not() {
    let notice = "Deze vertaling is niet door een vertaler gecontroleerd.";
    let path = render("unreviewed", &samples::tigrinya_client_copy());
    assert!(pdf_text_column(&path, common::Column::Left).contains(notice));

    let mut copy = samples::tigrinya_client_copy();
    copy.translation_reviewed = true;
    let path = render("reviewed", &copy);
    assert!(!pdf_text_column(&path, common::Column::Left).contains(notice));
}

#[test]
fn bad_input_is_refused_with_a_message_that_names_the_field_not_its_content() {
    let mut copy = samples::arabic_client_copy();
    copy.main_goal.client = "  ".into();
    let error = render_client_copy(&copy).unwrap_err();
    assert_eq!(
        error,
        DocumentError::MissingText {
            field: "main_goal.client".into()
        }
    );

    let mut copy = samples::arabic_client_copy();
    copy.subgoals[1].actions[0].action.nl = String::new();
    assert_eq!(
        render_client_copy(&copy).unwrap_err().to_string(),
        "text missing: subgoals[1].actions[0].action.nl"
    );

    let mut copy = samples::arabic_client_copy();
    let subgoal = copy.subgoals[0].clone();
    copy.subgoals = vec![subgoal; MAX_SUBGOALS + 1];
    assert_eq!(
        render_client_copy(&copy).unwrap_err(),
        DocumentError::TooManySubgoals { count: 7, max: 6 }
    );

    let mut copy = samples::arabic_client_copy();
    copy.motivation.clear();
    assert_eq!(
        render_client_copy(&copy).unwrap_err(),
        DocumentError::MissingMotivation
    );

    let mut copy = samples::arabic_client_copy();
    copy.signatures.counsellor.image_png = Some(b"GIF89a not a png".to_vec());
    assert_eq!(
        render_client_copy(&copy).unwrap_err(),
        DocumentError::SignatureNotPng("counsellor")
    );

    let mut copy = samples::arabic_client_copy();
    copy.language.code = "Arabic".into();
    assert_eq!(
        render_client_copy(&copy).unwrap_err(),
        DocumentError::InvalidLanguage
    );

    // A PNG header on broken data gets past the check and fails in Typst, without the data.
    let mut copy = samples::arabic_client_copy();
    copy.signatures.client.image_png = Some(b"\x89PNG\r\n\x1a\nAhmad-secret".to_vec());
    let message = render_client_copy(&copy).unwrap_err().to_string();
    assert!(message.starts_with("typesetting failed"), "{message}");
    assert!(!message.contains("Ahmad"), "{message}");
}

#[test]
fn without_an_interpreter_the_statement_is_printed() {
    let mut copy = samples::tigrinya_client_copy();
    copy.signatures.interpreting = Interpreting::NoInterpreter {
        statement: Bilingual::new(
            "Er was geen tolk bij dit gesprek. De cliënt spreekt Nederlands.",
            "ኣብዚ ዝርርብ ተርጓሚ ኣይነበረን።",
        ),
    };
    let path = render("no-interpreter", &copy);
    let dutch = pdf_text_column(&path, common::Column::Left);
    assert!(
        dutch.contains("Er was geen tolk bij dit gesprek."),
        "{dutch}"
    );
    assert!(!dutch.contains("Yonas Tesfay"));
    let tigrinya = pdf_text_column(&path, common::Column::Right);
    assert!(tigrinya.contains("ኣብዚ ዝርርብ ተርጓሚ ኣይነበረን።"), "{tigrinya}");
}

#[test]
fn the_model_round_trips_through_json_with_base64_signatures() {
    let copy = samples::arabic_client_copy();
    let json = serde_json::to_string(&copy).unwrap();
    assert!(
        json.contains("\"image_png\":\"iVBORw0KGgo"),
        "PNG as base64"
    );
    let back: ClientCopy = serde_json::from_str(&json).unwrap();
    assert_eq!(back, copy);
}

#[test]
fn farsi_renders_with_the_arabic_script_font() {
    // Unreviewed, machine-quality Farsi written for testing: Persian letters (پ گ) and a
    // zero-width non-joiner (in می‌خواهید), which the Arabic font must carry.
    let mut copy = samples::arabic_client_copy();
    copy.language.code = "fa".into();
    copy.language.name = Bilingual::new("Farsi", "فارسی");
    copy.main_goal.client = "می‌خواهید در هلند کار پیدا کنید و به زبان هلندی صحبت کنید.".into();
    let path = render("client-copy-farsi", &copy);
    let farsi = without_bidi_marks(&pdf_text_column(&path, common::Column::Right));
    assert!(farsi.contains("کار پیدا"), "{farsi}");
    assert!(farsi.contains("فارسی"), "{farsi}");
}

#[test]
fn text_no_bundled_font_can_show_is_refused() {
    let mut copy = samples::arabic_client_copy();
    // Tamil: not in the bundled fonts. The PDF would show empty boxes.
    copy.main_goal.client = "தமிழ்".into();
    let error = render_client_copy(&copy).unwrap_err();
    assert_eq!(
        error,
        DocumentError::UnsupportedCharacter {
            field: "main_goal.client".into(),
            code_point: 0x0BA4
        }
    );
    assert_eq!(
        error.to_string(),
        "no bundled font can show character U+0BA4 (in main_goal.client)"
    );

    let mut copy = samples::arabic_client_copy();
    copy.signatures.counsellor.name = "Sanne 😀".into();
    assert!(matches!(
        render_client_copy(&copy).unwrap_err(),
        DocumentError::UnsupportedCharacter { field, .. } if field == "signatures.counsellor.name"
    ));
}
