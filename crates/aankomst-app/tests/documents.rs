//! The PIP's documents through the app's commands, against a real encrypted store: a
//! bilingual client copy from a fixed, signed plan (Arabic, Tigrinya), read back with
//! poppler; and the intake summary, which never shows a sealed K10.

mod common;

use aankomst_app::documents::{copy_languages, copy_review, message_ids, CopyTexts};
use aankomst_app::documents_ipc::*;
use aankomst_app::ipc::*;
use aankomst_app::plan_ipc::*;
use aankomst_app::screening_ipc::*;
use aankomst_app::AppService;
use aankomst_core::audit::AuditAction;
use chrono::Utc;
use common::*;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the tests leave PDFs and page images to look at (gitignored).
fn artifacts_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pdf-artifacts");
    std::fs::create_dir_all(&dir).expect("create tests/pdf-artifacts");
    dir
}

fn poppler(tool: &str, args: &[&str]) -> String {
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

/// The text of one half of the A4 page over all pages (the copy has Dutch on the left).
fn column(path: &Path, right: bool) -> String {
    let x = if right { "298" } else { "0" };
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
    text.chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders every page at 60 dpi next to the PDF, for a person to look at.
fn pages(path: &Path) -> Vec<PathBuf> {
    let stem = path.with_extension("");
    poppler(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            path.to_str().unwrap(),
            stem.to_str().unwrap(),
        ],
    );
    let prefix = stem.file_name().unwrap().to_str().unwrap().to_owned();
    let mut out: Vec<PathBuf> = std::fs::read_dir(artifacts_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.starts_with(&format!("{prefix}-")) && name.ends_with(".png")
        })
        .collect();
    out.sort();
    out
}

fn today() -> String {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// A real 40 x 20 PNG (a drawn line), as the signature pad would send it.
fn signature_png() -> String {
    use base64::Engine as _;
    // Built by hand: IHDR, one IDAT (zlib, stored blocks), IEND; greyscale 8-bit.
    let (w, h) = (40u32, 20u32);
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0u8); // filter: none
        for x in 0..w {
            raw.push(if y == h / 2 + (x % 5) - 2 { 0 } else { 255 });
        }
    }
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn adler(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &d in data {
            a = (a + d as u32) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    let mut zlib = vec![0x78, 0x01, 0x01];
    let len = raw.len() as u16;
    zlib.extend_from_slice(&len.to_le_bytes());
    zlib.extend_from_slice(&(!len).to_le_bytes());
    zlib.extend_from_slice(&raw);
    zlib.extend_from_slice(&adler(&raw).to_be_bytes());
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        c.extend_from_slice(&body);
        c.extend_from_slice(&crc(&body).to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &zlib));
    png.extend(chunk(b"IEND", &[]));
    base64::engine::general_purpose::STANDARD.encode(png)
}

const MAIN_GOAL: &str =
    "Over drie jaar spreekt u Nederlands op niveau B1 en werkt u als elektricien.";
const MOTIVERING: &str = "Uit de leerbaarheidstoets blijkt dat u snel nieuwe dingen leert.\n\nU hebt acht jaar als elektricien gewerkt.";

/// A client speaking `lang`, with a fixed PIP, signed on screen and attested by an
/// interpreter in `lang`. Returns the client id and the plan id.
fn fixed_signed_plan(svc: &AppService, name: &str, lang: &str) -> (String, String) {
    let client = new_client(
        svc,
        json!({"preferred_name": name, "languages": [{"language": lang, "spoken": "native"}]}),
    );
    let case_id = client.cases[0].id.clone();
    let plan = svc.open_plan_draft(&case_id).unwrap();
    let id = plan.id.clone();
    svc.set_plan_route(SetPlanRouteRequest {
        plan_id: id.clone(),
        route: "b1".into(),
        reason: None,
    })
    .unwrap();
    for (field, value) in [
        ("map", json!("included")),
        ("map_note", json!("Bij Taalhuis Eemland, met 40 uur stage.")),
        ("ontzorgen", json!("yes")),
        ("social_guidance", json!("yes")),
        ("social_guidance_by", json!("VluchtelingenWerk")),
        ("main_goal", json!(MAIN_GOAL)),
        (
            "subgoals",
            json!([{"goal": "Nederlands leren tot A2 in het eerste jaar", "actions": [
                {"party": "client", "action": "Vier dagen per week naar de taalschool gaan", "due_on": "2027-04-01"},
                {"party": "partner", "partner_name": "VluchtelingenWerk", "action": "Een vrijwilligersplek zoeken"}
            ]}]),
        ),
        (
            "reviews",
            json!([{"on": "2027-06-15"}, {"on": "2027-12-15"}]),
        ),
        ("motivering", json!(MOTIVERING)),
        ("explained_language", json!(lang)),
    ] {
        svc.save_plan_field(SavePlanFieldRequest {
            plan_id: id.clone(),
            field: field.into(),
            value,
        })
        .unwrap_or_else(|e| panic!("{field}: {e:?}"));
    }
    svc.fix_plan(FixPlanRequest {
        plan_id: id.clone(),
        fixed_on: today(),
    })
    .unwrap();
    for (signer, who) in [("client", name), ("counsellor", "Fatima de Vries")] {
        svc.sign_plan(SignPlanRequest {
            plan_id: id.clone(),
            signer: signer.into(),
            name: who.into(),
            png: signature_png(),
        })
        .unwrap();
    }
    svc.attest_plan(AttestPlanRequest {
        plan_id: id.clone(),
        name: "R. Saleh".into(),
        language: lang.into(),
    })
    .unwrap();
    (client.id, id)
}

fn request(plan_id: &str, kind: PlanDocumentKind, lang: Option<&str>) -> PlanDocumentRequest {
    PlanDocumentRequest {
        plan_id: plan_id.into(),
        kind,
        language: lang.map(str::to_owned),
        municipality: "Amersfoort".into(),
    }
}

/// Renders and saves a client copy as the save dialog would, and reads it back.
fn save_copy(svc: &AppService, client: &str, plan: &str, name: &str) -> (PathBuf, String, String) {
    let audits_before = svc.client_audit(client).unwrap().len();
    let (pdf, file_name) = svc
        .render_plan_document(&request(plan, PlanDocumentKind::ClientCopy, None))
        .unwrap();
    assert!(file_name.ends_with(".pdf") && !file_name.contains("Ahmad"));
    let path = artifacts_dir().join(format!("{name}.pdf"));
    let saved = svc.save_plan_document(plan, &path, &pdf).unwrap();
    assert_eq!(saved.bytes as usize, pdf.len());
    assert_eq!(std::fs::read(&path).unwrap(), pdf);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The save is one export entry in the audit trail, naming the plan.
    let audit = svc.client_audit(client).unwrap();
    assert_eq!(audit.len(), audits_before + 1);
    assert!(audit
        .iter()
        .any(|e| e.action == AuditAction::Export && e.object == format!("plan:{plan}")));
    let images = pages(&path);
    assert!(!images.is_empty(), "pdftoppm rendered no page");
    (path.clone(), column(&path, false), column(&path, true))
}

#[test]
fn an_arabic_client_copy_from_a_real_plan_has_dutch_and_arabic_text() {
    let (_dir, svc, _, _) = with_profile();
    let (client, plan) = fixed_signed_plan(&svc, "Ahmad Haddad", "ar");

    let options = svc.document_options(&plan).unwrap();
    assert_eq!(options.default_language.as_deref(), Some("ar"));
    assert!(options.plan_fixed);
    let arabic = options.languages.iter().find(|l| l.code == "ar").unwrap();
    assert_eq!(
        (arabic.name.as_str(), arabic.review.as_str()),
        ("العربية", "unreviewed")
    );
    assert_eq!(arabic.dutch_name, "Arabisch");

    let (path, dutch, client_column) = save_copy(&svc, &client, &plan, "app-client-copy-arabic");
    for sentence in [
        "Persoonlijk Plan Inburgering en Participatie",
        "Uw hoofddoel",
        MAIN_GOAL,
        "Vier dagen per week naar de taalschool gaan",
        "Uit de leerbaarheidstoets blijkt dat u snel nieuwe dingen leert.",
        "B1-route",
        "VluchtelingenWerk",
        "Ahmad Haddad",
        "Amersfoort",
    ] {
        assert!(
            dutch.contains(sentence),
            "{sentence} not in the Dutch column:\n{dutch}"
        );
    }
    for phrase in [
        "هدفك الرئيسي",
        "الخطة الشخصية",
        "ترجمه لك المترجم الفوري",
        "المترجم الفوري",
    ] {
        assert!(
            client_column.contains(phrase),
            "{phrase} not in the Arabic column:\n{client_column}"
        );
    }
    // Unreviewed texts: the copy says so, in both languages.
    let all = poppler("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let all = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        all.contains("niet door een vertaler gecontroleerd"),
        "{all}"
    );
    // The interpreter's attestation, with their name.
    assert!(all.contains("R. Saleh"));
}

#[test]
fn a_tigrinya_client_copy_from_a_real_plan_has_dutch_and_ethiopic_text() {
    let (_dir, svc, _, _) = with_profile();
    let (client, plan) = fixed_signed_plan(&svc, "Selam Tesfay", "ti");
    let (_, dutch, client_column) = save_copy(&svc, &client, &plan, "app-client-copy-tigrinya");
    assert!(dutch.contains(MAIN_GOAL), "{dutch}");
    assert!(dutch.contains("Selam Tesfay"));
    for phrase in ["ቀንዲ ዕላማኻ", "ውልቃዊ መደብ ምውህሃድን ተሳትፎን", "ተርጓሚ ተርጒሙልካ እዩ"]
    {
        assert!(
            client_column.contains(phrase),
            "{phrase} not in the Tigrinya column:\n{client_column}"
        );
    }
}

#[test]
fn a_client_copy_needs_a_fixed_plan_a_known_language_and_a_municipality() {
    let (_dir, svc, _, _) = with_profile();
    let client = new_client(&svc, json!({"preferred_name": "Ahmad"}));
    let draft = svc.open_plan_draft(&client.cases[0].id).unwrap();
    let err = svc
        .render_plan_document(&request(
            &draft.id,
            PlanDocumentKind::ClientCopy,
            Some("ar"),
        ))
        .unwrap_err();
    assert_eq!(err.key, "plan_not_fixed");

    let (_, plan) = fixed_signed_plan(&svc, "Selam", "ti");
    let err = svc
        .render_plan_document(&request(&plan, PlanDocumentKind::ClientCopy, Some("am")))
        .unwrap_err();
    assert_eq!(err.key, "document_language_unsupported");
    assert_eq!(err.args["language"], "am");

    // The municipality is remembered once given; before that it is asked for.
    let fresh = {
        let (_d, svc2, _, _) = with_profile();
        let (_, p) = fixed_signed_plan(&svc2, "Selam", "ti");
        let mut req = request(&p, PlanDocumentKind::ClientCopy, None);
        req.municipality = "  ".into();
        svc2.render_plan_document(&req).unwrap_err().key
    };
    assert_eq!(fresh, "document_municipality");
    let mut req = request(&plan, PlanDocumentKind::ClientCopy, None);
    svc.render_plan_document(&req).unwrap();
    req.municipality = String::new();
    svc.render_plan_document(&req).unwrap();
    assert_eq!(
        svc.document_options(&plan).unwrap().municipality.as_deref(),
        Some("Amersfoort")
    );

    // A print is audited as a print; a preview as a read.
    svc.preview_plan_document(req).unwrap();
    svc.record_plan_print(&plan).unwrap();
    let c = svc.get_plan(&plan).unwrap().client_id;
    let audit = svc.client_audit(&c).unwrap();
    assert!(audit.iter().any(|e| e.action == AuditAction::Print));
}

#[test]
fn the_intake_summary_never_shows_a_sealed_k10() {
    let (_dir, svc, _, _) = with_profile();
    let (client, plan) = fixed_signed_plan(&svc, "Ahmad Haddad", "ar");
    let case_id = svc.get_plan(&plan).unwrap().case_id;
    let conv = svc
        .create_conversation(CreateConversationRequest { case_id })
        .unwrap();
    // The K10, read aloud, sealed for the GGD; every answer the highest.
    let k10 = svc
        .start_administration(StartAdministrationRequest {
            conversation_id: conv.id.clone(),
            definition_id: "k10-nl".into(),
            mode: "read_aloud".into(),
            language: "nl".into(),
        })
        .unwrap();
    assert!(k10.sealed);
    let items: Vec<String> = k10.items.iter().map(|i| i.link_id.clone()).collect();
    let item_texts: Vec<String> = k10.items.iter().map(|i| i.text.text.clone()).collect();
    // Every question answered (a display item among them takes no answer).
    let answered = items
        .iter()
        .filter(|link| {
            svc.answer_item(AnswerRequest {
                administration_id: k10.id.clone(),
                link_id: (*link).clone(),
                value: Some(5),
                text: None,
                state: None,
                clear: false,
            })
            .is_ok()
        })
        .count();
    assert_eq!(answered, 10);
    svc.set_administration_status(&k10.id, "completed").unwrap();

    let (pdf, _) = svc
        .render_plan_document(&request(&plan, PlanDocumentKind::IntakeSummary, None))
        .unwrap();
    let path = artifacts_dir().join("app-intake-summary.pdf");
    svc.save_plan_document(&plan, &path, &pdf).unwrap();
    pages(&path);
    let text = poppler("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Ahmad Haddad"), "{text}");
    assert!(text.contains("Samenvatting"), "{text}");
    // The K10 is there as done and sealed for the GGD, nothing more.
    assert!(text.contains("GGD"), "{text}");
    // Nothing of its content: not its total (10 × 5), its band, its items or its codes.
    for leak in ["50", "very_high", "Zeer hoog", "k10.", "band", "total"] {
        assert!(
            !text.contains(leak),
            "{leak} leaked into the intake summary:\n{text}"
        );
    }
    for item in item_texts {
        let probe: String = item.chars().take(25).collect();
        assert!(!text.contains(&probe), "K10 item text leaked: {probe}");
    }
    // Topics by their Dutch names, from the counsellor's locale.
    assert!(
        text.contains("Persoonlijke omstandigheden en gezondheid"),
        "{text}"
    );
    let audit = svc.client_audit(&client).unwrap();
    assert!(audit.iter().any(|e| e.action == AuditAction::Export));
}

#[test]
fn every_client_copy_file_has_every_message_with_a_review_status() {
    let source = message_ids("nl");
    assert!(source.len() > 40);
    let nl = copy_review("nl").unwrap();
    assert_eq!((nl.weakest.as_str(), nl.unreviewed), ("source", 0));
    for lang in copy_languages() {
        let mut ids = message_ids(lang);
        ids.sort();
        let mut want = source.clone();
        want.sort();
        assert_eq!(ids, want, "{lang}: messages differ from the Dutch source");
        let review = copy_review(lang).unwrap();
        assert_eq!(review.total as usize, source.len());
        if lang != "nl" {
            assert_ne!(
                review.weakest, "source",
                "{lang} passes a translation off as the source"
            );
        }
        // Every label and sentence resolves in both languages.
        let texts = CopyTexts::new(lang).unwrap();
        for id in &source {
            let t = texts.text(id).unwrap();
            assert!(!t.client.trim().is_empty(), "{lang}:{id}");
        }
    }
}

#[test]
fn every_client_language_folder_has_its_client_copy_compiled_in() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../locales/client");
    let mut folders: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut compiled: Vec<String> = copy_languages().into_iter().map(str::to_owned).collect();
    compiled.sort();
    assert_eq!(
        folders, compiled,
        "add the language to COPY_SOURCES in documents.rs"
    );
}

#[test]
fn saving_a_document_asks_the_host_where_and_cancel_writes_nothing() {
    let (dir, svc, host, _) = with_profile();
    let (client, plan) = fixed_signed_plan(&svc, "Ahmad Saleh", "ar");
    let req = request(&plan, PlanDocumentKind::ClientCopy, None);
    let audits_before = svc.client_audit(&client).unwrap().len();

    // Cancel: nothing written, nothing audited.
    assert!(svc.save_plan_document_as(req.clone()).unwrap().is_none());
    {
        let dialogs = host.dialogs.lock().unwrap();
        assert_eq!(dialogs.len(), 1);
        assert_eq!(dialogs[0].title, "PIP (cliëntexemplaar) opslaan");
        assert_eq!(dialogs[0].extensions, vec!["pdf".to_owned()]);
        assert!(dialogs[0].file_name.ends_with(".pdf") && !dialogs[0].file_name.contains("Ahmad"));
    }
    assert_eq!(svc.client_audit(&client).unwrap().len(), audits_before);

    // A path picked in the dialog: the PDF is written there and the export audited.
    let path = dir.path().join("gekozen.pdf");
    *host.save_answer.lock().unwrap() = Some(path.clone());
    let saved = svc.save_plan_document_as(req).unwrap().unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        u64::from(saved.bytes)
    );
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF"));
    assert_eq!(svc.client_audit(&client).unwrap().len(), audits_before + 1);

    // The intake summary's dialog has its own title, in English when the app is.
    svc.set_language("en").unwrap();
    *host.save_answer.lock().unwrap() = None;
    svc.save_plan_document_as(request(&plan, PlanDocumentKind::IntakeSummary, None))
        .unwrap();
    assert_eq!(
        host.dialogs.lock().unwrap().last().unwrap().title,
        "Save the broad intake summary"
    );
}
