//! Writes sample FHIR R4 export bundles to the directory given as the only argument, one
//! `<name>.json` per sample: every shipped definition fully answered, plus the cases that
//! matter for exchange (a declined answer, an imputed K10, the PHQ-9 item 9 flag, the
//! financial self-reliance tie rule, the participatieladder, an LBT record, an administration
//! still in progress). `tests/fhir/validate.py` parses each with an independent FHIR R4
//! model library. The data are invented.
//!
//! cargo run -p aankomst-instruments --example export_samples -- <dir>

use std::path::PathBuf;

use aankomst_instruments::{
    export_bundle, score, shipped_definitions, Answer, AnswerMode, Answers, Definition,
    ExportAnswer, ExportInput, FieldKind, Item, Reference, ResponseStatus, TextStatus,
};

const CLIENT: &str = "Patient/0190b7e4-3c2a-7d41-9a55-5b0c1f6e2a10";
const COUNSELLOR: &str = "Practitioner/0190b7e4-3c2a-7d41-9a55-5b0c1f6e2a11";

/// A sample administration: answers as the scorer takes them, and the same answers with
/// metadata as the export takes them.
struct Sample {
    name: String,
    definition: Definition,
    answers: Vec<(String, Option<Answer>)>,
    status: ResponseStatus,
}

impl Sample {
    fn new(name: &str, definition: &Definition) -> Sample {
        Sample {
            name: name.to_owned(),
            definition: definition.clone(),
            answers: Vec::new(),
            status: ResponseStatus::Completed,
        }
    }

    /// Every answerable item answered: choice items with the option `pick(index)` chooses,
    /// typed fields with an invented value of their type.
    fn all_answered(mut self, pick: impl Fn(usize, usize) -> usize) -> Sample {
        for (index, item) in self.definition.items.iter().enumerate() {
            let answer = match item {
                Item::Display { .. } => continue,
                Item::Choice(choice) => {
                    Answer::Value(choice.options[pick(index, choice.options.len())].value)
                }
                Item::Field(field) => match field.kind {
                    FieldKind::Integer => Answer::Integer(3),
                    FieldKind::Date => Answer::Date("2025-03-14".into()),
                    FieldKind::String => Answer::Text("voorbeeld".into()),
                    FieldKind::Text => Answer::Text("Voorbeeldtekst,\nover twee regels.".into()),
                    FieldKind::Boolean => Answer::Boolean(index % 2 == 0),
                },
            };
            self.answers.push((item.link_id().to_owned(), Some(answer)));
        }
        self
    }

    fn set(mut self, link_id: &str, answer: Option<Answer>) -> Sample {
        self.answers.retain(|(l, _)| l != link_id);
        self.answers.push((link_id.to_owned(), answer));
        self
    }

    fn without(mut self, link_id: &str) -> Sample {
        self.answers.retain(|(l, _)| l != link_id);
        self
    }

    fn bundle(&self, index: usize) -> serde_json::Value {
        let mut scored = Answers::new();
        for (link_id, answer) in &self.answers {
            if let Some(answer) = answer {
                scored.set(link_id, answer.clone());
            }
        }
        let result = score(&self.definition, &scored).expect("sample answers are valid");
        let modes = [
            AnswerMode::ReadAloud,
            AnswerMode::SelfCompleted,
            AnswerMode::ViaInterpreter,
        ];
        let answers = self
            .answers
            .iter()
            .enumerate()
            .map(|(i, (link_id, answer))| ExportAnswer {
                link_id: link_id.clone(),
                answer: answer.clone(),
                language: Some(if i % 3 == 2 {
                    "ar".into()
                } else {
                    self.definition.language.clone()
                }),
                text_status: Some(if i % 3 == 2 {
                    TextStatus::Unreviewed
                } else {
                    TextStatus::Original
                }),
                mode: Some(modes[i % 3]),
                answered_at: Some(format!("2025-03-14T10:{:02}:00+01:00", i % 60)),
                entered_by: Some(Reference {
                    reference: COUNSELLOR.into(),
                    display: Some("Consulent (voorbeeld)".into()),
                }),
            })
            .collect();
        let input = ExportInput {
            response_id: format!("0190b7e4-3c2a-7d41-9a55-{index:012x}"),
            subject: Reference::new(CLIENT),
            author: Reference::new(COUNSELLOR),
            authored: "2025-03-14T10:30:00+01:00".into(),
            status: self.status,
            answers,
            result: Some(&result),
        };
        export_bundle(&self.definition, &input).expect("sample exports")
    }
}

fn main() {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .expect("usage: export_samples <output directory>")
        .into();
    std::fs::create_dir_all(&dir).expect("create the output directory");
    let definitions = shipped_definitions().expect("shipped definitions load");
    let find = |id: &str| {
        definitions
            .iter()
            .find(|d| d.id == id)
            .expect("a shipped id")
    };

    let mut samples: Vec<Sample> = definitions
        .iter()
        .map(|d| Sample::new(&format!("{}-complete", d.id), d).all_answered(|i, n| i % n))
        .collect();
    samples.push(
        Sample::new("gad7-declined", find("gad7"))
            .all_answered(|_, _| 1)
            .set("69725-0", Some(Answer::Declined))
            .set("68509-9", Some(Answer::DontKnow))
            .set("69733-4", None),
    );
    // One item missing: imputed with the respondent's mean, an exact fraction (140/9).
    samples.push(
        Sample::new("k10-nl-imputed", find("k10-nl"))
            .all_answered(|i, _| usize::from(i % 3 == 0))
            .without("k10.worthless"),
    );
    samples.push(
        Sample::new("k10-nl-too-many-missing", find("k10-nl"))
            .all_answered(|_, _| 0)
            .without("k10.worthless")
            .without("k10.tired")
            .set("k10.hopeless", Some(Answer::Declined)),
    );
    samples.push(
        Sample::new("phq9-item9-flag", find("phq9"))
            .all_answered(|_, _| 0)
            .set("44260-8", Some(Answer::Value(2))),
    );
    let fz = find("financiele-zelfredzaamheid");
    let levels = ["onvoldoende", "beperkt", "voldoende"];
    let dimensions = [
        "taal",
        "betalingen",
        "administratie",
        "regelingen",
        "besteden",
        "voorbereid",
    ];
    for (name, counts) in [
        ("fz-beperkt-four-of-six", [1, 4, 2]),
        ("fz-tie-several-reach", [0, 4, 4]),
        ("fz-tie-none-reach", [3, 3, 0]),
    ] {
        let mut sample = Sample::new(name, fz);
        for (level, count) in levels.iter().zip(counts) {
            for (i, dimension) in dimensions.iter().enumerate() {
                sample = sample.set(
                    &format!("fz.{dimension}.{level}"),
                    Some(Answer::Value(i32::from(i < count))),
                );
            }
        }
        samples.push(sample);
    }
    samples.push(
        Sample::new("participatieladder-rung-4", find("participatieladder"))
            .set("participatieladder.trede", Some(Answer::Value(4))),
    );
    samples.push(
        Sample::new("participatieladder-unknown", find("participatieladder"))
            .set("participatieladder.trede", Some(Answer::DontKnow)),
    );
    samples.push(
        Sample::new("lbt-record", find("leerbaarheidstoets"))
            .all_answered(|_, _| 0)
            .set("lbt.examennummer", Some(Answer::Text("0012345".into())))
            .set(
                "lbt.resultaat",
                Some(Answer::Text("B1 haalbaar (voorbeeld)".into())),
            )
            .set("lbt.opmerkingen_afname", Some(Answer::Declined)),
    );
    let mut in_progress = Sample::new("phq9-in-progress", find("phq9")).all_answered(|_, _| 1);
    in_progress.answers.truncate(4);
    in_progress.status = ResponseStatus::InProgress;
    samples.push(in_progress);

    for (index, sample) in samples.iter().enumerate() {
        let path = dir.join(format!("{}.json", sample.name));
        let text = serde_json::to_string_pretty(&sample.bundle(index + 1)).expect("json");
        std::fs::write(&path, text + "\n").expect("write a sample");
    }
    println!(
        "wrote {} sample bundles to {}",
        samples.len(),
        dir.display()
    );
}
