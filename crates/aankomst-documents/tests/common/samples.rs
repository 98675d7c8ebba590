//! Sample documents for the tests and the benchmark.
//!
//! TRANSLATIONS: the Arabic and Tigrinya texts below were written for testing, at machine
//! quality, and have NOT been reviewed by a translator. They must not be used as client-facing
//! texts. The sample copies say so themselves (`translation_reviewed: false`).
#![allow(dead_code)]

use aankomst_documents::{
    Bilingual, ClientCopy, ClientCopyLabels, ClientLanguage, ConsentEntry, ConsentStatus,
    DeadlineEntry, Direction, IntakeSummary, IntakeTopic, Interpreting, Party, PlanAction,
    RouteChoice, ScreeningEntry, ScreeningOutcome, Script, Signature, Signatures, Subgoal,
    TopicStatus,
};
use chrono::NaiveDate;

pub const SIGNATURE_A: &[u8] = include_bytes!("../fixtures/signature-a.png");
pub const SIGNATURE_B: &[u8] = include_bytes!("../fixtures/signature-b.png");
pub const SIGNATURE_C: &[u8] = include_bytes!("../fixtures/signature-c.png");

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("sample dates are valid")
}

fn b(nl: &str, client: &str) -> Bilingual {
    Bilingual::new(nl, client)
}

/// The client-language texts of a sample client copy.
struct Texts {
    language: ClientLanguage,
    labels: ClientCopyLabels,
    introduction: &'static str,
    route_name: &'static str,
    route_explanation: &'static str,
    map: &'static str,
    pvt: &'static str,
    ontzorgen: &'static str,
    social_guidance: &'static str,
    main_goal: &'static str,
    subgoal_language: &'static str,
    action_school: &'static str,
    action_register: &'static str,
    subgoal_work: &'static str,
    action_volunteer: &'static str,
    action_diploma: &'static str,
    reviews_intro: &'static str,
    motivation_learnability: &'static str,
    motivation_work: &'static str,
    objection: &'static str,
    interpreter_language: &'static str,
    attestation: &'static str,
}

fn labels(client: [&str; 27]) -> ClientCopyLabels {
    let nl = [
        "Persoonlijk Plan Inburgering en Participatie (PIP)",
        "Uw exemplaar",
        "Naam",
        "Gemeente",
        "Datum besluit",
        "Uw klantbegeleider",
        "Uw leerroute",
        "Module Arbeidsmarkt en Participatie (MAP)",
        "Participatieverklaring (PVT)",
        "Vaste lasten (ontzorgen)",
        "Maatschappelijke begeleiding",
        "Uw hoofddoel",
        "Subdoelen en afspraken",
        "U",
        "Gemeente",
        "Partner",
        "uiterlijk",
        "Voortgangsgesprekken",
        "Waarom dit plan",
        "Niet eens met dit besluit?",
        "Handtekeningen",
        "Cliënt",
        "Klantbegeleider",
        "Tolk",
        "Datum",
        "Pagina",
        "Deze vertaling is niet door een vertaler gecontroleerd. Bij verschil geldt de Nederlandse tekst.",
    ];
    let p = |i: usize| b(nl[i], client[i]);
    ClientCopyLabels {
        title: p(0),
        subtitle: p(1),
        client_name: p(2),
        municipality: p(3),
        decision_date: p(4),
        counsellor: p(5),
        route: p(6),
        map: p(7),
        pvt: p(8),
        ontzorgen: p(9),
        social_guidance: p(10),
        main_goal: p(11),
        subgoals: p(12),
        party_client: p(13),
        party_municipality: p(14),
        party_partner: p(15),
        due: p(16),
        progress_reviews: p(17),
        motivation: p(18),
        objection: p(19),
        signatures: p(20),
        signature_client: p(21),
        signature_counsellor: p(22),
        signature_interpreter: p(23),
        date: p(24),
        page: p(25),
        unreviewed_translation: p(26),
    }
}

// Unreviewed, machine-quality Arabic written for testing.
fn arabic_texts() -> Texts {
    Texts {
        language: ClientLanguage {
            code: "ar".into(),
            region: None,
            direction: Direction::Rtl,
            script: Script::Arabic,
            name: b("Arabisch", "العربية"),
        },
        labels: labels([
            "الخطة الشخصية للاندماج والمشاركة (PIP)",
            "نسختك",
            "الاسم",
            "البلدية",
            "تاريخ القرار",
            "المرشد المسؤول عنك",
            "مسار التعلم الخاص بك",
            "وحدة سوق العمل والمشاركة (MAP)",
            "إعلان المشاركة (PVT)",
            "دفع المصاريف الثابتة",
            "المرافقة الاجتماعية",
            "هدفك الرئيسي",
            "الأهداف الفرعية والاتفاقات",
            "أنت",
            "البلدية",
            "الشريك",
            "في موعد أقصاه",
            "مواعيد متابعة التقدم",
            "لماذا هذه الخطة",
            "لا توافق على هذا القرار؟",
            "التوقيعات",
            "العميل",
            "المرشد",
            "المترجم الفوري",
            "التاريخ",
            "صفحة",
            "لم يراجع مترجم هذه الترجمة. عند وجود اختلاف، يُعتمد النص الهولندي.",
        ]),
        introduction: "هذه خطتك للاندماج والمشاركة. فيها ما ستفعله أنت، وما ستفعله البلدية، ومتى نلتقي.",
        route_name: "مسار B1",
        route_explanation: "ستتعلم اللغة الهولندية حتى المستوى B1. ستؤدي امتحانات في القراءة والكتابة والاستماع والمحادثة. إلى جانب الدروس ستقوم بعمل تطوعي.",
        map: "ستتابع وحدة MAP لدى Taalhuis Eemland: دروس عن العمل في هولندا و40 ساعة تدريب عملي.",
        pvt: "ستحضر دورة عن القيم الأساسية في هولندا (12 ساعة على الأقل)، ثم توقّع إعلان المشاركة.",
        ontzorgen: "تدفع البلدية لمدة ستة أشهر إيجارك والطاقة والماء والتأمين الصحي من إعانتك.",
        social_guidance: "تساعدك منظمة VluchtelingenWerk في البريد والأمور المالية ومعرفة الطريق في المدينة.",
        main_goal: "بعد ثلاث سنوات تتحدث الهولندية بمستوى B1 وتعمل كهربائيًا.",
        subgoal_language: "تعلم الهولندية حتى المستوى A2 في السنة الأولى",
        action_school: "الذهاب إلى مدرسة اللغة أربعة أيام في الأسبوع",
        action_register: "تسجيلك في مدرسة اللغة",
        subgoal_work: "اكتساب خبرة عملية في المجال التقني",
        action_volunteer: "البحث عن مكان تطوعي لدى شركة تركيبات كهربائية",
        action_diploma: "تقديم شهاداتك للتقييم لدى IDW",
        reviews_intro: "سنتحدث معًا عن سير الأمور. ستصلك دعوة لهذه المواعيد:",
        motivation_learnability: "أظهر اختبار القدرة على التعلم أنك تتعلم الأشياء الجديدة بسرعة. لذلك يناسبك مسار B1.",
        motivation_work: "عملت ثماني سنوات كهربائيًا في سوريا وتريد أن تعمل في ذلك هنا أيضًا.",
        objection: "هذه الخطة قرار من البلدية. إذا كنت لا توافق عليها، يمكنك تقديم اعتراض لدى البلدية خلال ستة أسابيع من تاريخ هذا القرار. سيساعدك المرشد في ذلك.",
        interpreter_language: "العربية",
        attestation: "ترجمتُ هذه الخطة شفهيًا. وقد شرح العميل بكلماته الخاصة ما تتضمنه.",
    }
}

// Unreviewed, machine-quality Tigrinya (Eritrean) written for testing.
fn tigrinya_texts() -> Texts {
    Texts {
        language: ClientLanguage {
            code: "ti".into(),
            region: Some("ER".into()),
            direction: Direction::Ltr,
            script: Script::Ethiopic,
            name: b("Tigrinya", "ትግርኛ"),
        },
        labels: labels([
            "ውልቃዊ መደብ ምውህሃድን ተሳትፎን (PIP)",
            "ናትካ ቅዳሕ",
            "ስም",
            "ምምሕዳር ከተማ",
            "ዕለት ውሳነ",
            "ኣማኻሪኻ",
            "መስመር ትምህርትኻ",
            "ሞጁል ዕዳጋ ስራሕን ተሳትፎን (MAP)",
            "መግለጺ ተሳትፎ (PVT)",
            "ክፍሊት ቀወምቲ ወጻኢታት",
            "ማሕበራዊ ሓገዝ",
            "ቀንዲ ዕላማኻ",
            "ንኡሳን ዕላማታትን ስምምዓትን",
            "ንስኻ",
            "ምምሕዳር ከተማ",
            "መሻርኽቲ",
            "ክሳብ",
            "ዝርርባት ምዕባለ",
            "ስለምንታይ እዚ መደብ",
            "በዚ ውሳነ ኣይተሰማማዕካን?",
            "ፌርማታት",
            "ተገልጋሊ",
            "ኣማኻሪ",
            "ተርጓሚ",
            "ዕለት",
            "ገጽ",
            "እዚ ትርጉም ብተርጓሚ ኣይተረጋገጸን። ፍልልይ እንተሃልዩ፡ እቲ ናይ ሆላንድኛ ጽሑፍ እዩ ዝሰርሕ።",
        ]),
        introduction: "እዚ መደብ ምውህሃድን ተሳትፎን ናትካ እዩ። ኣብዚ እንታይ ከም እትገብር፡ ምምሕዳር ከተማ እንታይ ከም ዝገብርን መዓስ ከም እንራኸብን ተጻሒፉ ኣሎ።",
        route_name: "መስመር B1",
        route_explanation: "ቋንቋ ሆላንድ ክሳብ ደረጃ B1 ክትመሃር ኢኻ። ኣብ ንባብ፡ ጽሕፈት፡ ምስማዕን ምዝራብን ፈተና ክትወስድ ኢኻ። ምስ ትምህርቲ ብተወሳኺ ናይ ወለንታ ስራሕ ክትሰርሕ ኢኻ።",
        map: "MAP ኣብ Taalhuis Eemland ክትከታተል ኢኻ፡ ብዛዕባ ስራሕ ኣብ ሆላንድ ትምህርትታትን 40 ሰዓት ልምምድ ስራሕን።",
        pvt: "ብዛዕባ ቀንዲ ክብርታት ሆላንድ ኮርስ (እንተወሓደ 12 ሰዓት) ክትከታተል ኢኻ፡ ድሕሪኡ ነቲ መግለጺ ተሳትፎ ክትፍርም ኢኻ።",
        ontzorgen: "ምምሕዳር ከተማ ንሽዱሽተ ኣዋርሕ ክራይ ገዛኻ፡ ጸዓት፡ ማይን መድሕን ጥዕናን ካብ ሓገዝ ገንዘብካ ክኸፍል እዩ።",
        social_guidance: "VluchtelingenWerk ኣብ ደብዳቤታት፡ ጉዳያት ገንዘብን ኣብ ከተማ መንገዲ ምፍላጥን ክሕግዘካ እዩ።",
        main_goal: "ድሕሪ ሰለስተ ዓመት ሆላንድኛ ብደረጃ B1 ክትዛረብን ከም ኤሌክትሪሻን ክትሰርሕን ኢኻ።",
        subgoal_language: "ኣብ ቀዳማይ ዓመት ሆላንድኛ ክሳብ A2 ምምሃር",
        action_school: "ኣርባዕተ መዓልቲ ኣብ ሰሙን ናብ ቤት ትምህርቲ ቋንቋ ምኻድ",
        action_register: "ኣብ ቤት ትምህርቲ ቋንቋ ምምዝጋብካ",
        subgoal_work: "ኣብ ቴክኒክ ልምዲ ስራሕ ምርካብ",
        action_volunteer: "ኣብ ትካል ኤሌክትሪክ ቦታ ወለንታ ምድላይ",
        action_diploma: "ዲፕሎማታትካ ኣብ IDW ከም ዝግምገም ምግባር",
        reviews_intro: "ከመይ ይኸይድ ከም ዘሎ ብሓባር ክንዘራረብ ኢና። ንዞም ዝርርባት ዕድመ ክመጸካ እዩ፡",
        motivation_learnability: "ፈተና ክእለት ምምሃር ቀልጢፍካ ሓደሽቲ ነገራት ከም እትመሃር ኣርእዩ። ስለዚ መስመር B1 ይሰማማዓካ እዩ።",
        motivation_work: "ኣብ ኤርትራ ንሸሞንተ ዓመት ከም ኤሌክትሪሻን ሰሪሕካ፡ ኣብዚ'ውን ከምኡ ክትሰርሕ ትደሊ።",
        objection: "እዚ መደብ ውሳነ ምምሕዳር ከተማ እዩ። እንተዘይተሰማሚዕካሉ፡ ኣብ ውሽጢ ሽዱሽተ ሰሙን ካብ ዕለት እዚ ውሳነ ናብ ምምሕዳር ከተማ ተቓውሞ ከተቕርብ ትኽእል ኢኻ። ኣማኻሪኻ ክሕግዘካ እዩ።",
        interpreter_language: "ትግርኛ",
        attestation: "ነዚ መደብ ብቓል ተርጒመዮ። እቲ ተገልጋሊ ትሕዝቶኡ ብቓላቱ ገሊጽዎ።",
    }
}

pub const NL_INTRODUCTION: &str = "Dit is uw plan voor inburgering en participatie. Hierin staat wat u gaat doen, wat de gemeente doet en wanneer we elkaar spreken.";
pub const NL_OBJECTION: &str = "Dit plan is een besluit van de gemeente. Bent u het er niet mee eens? Dan kunt u binnen zes weken na de datum van dit besluit bezwaar maken bij de gemeente. Uw klantbegeleider helpt u daarbij.";

fn client_copy(
    texts: Texts,
    client_name: &str,
    country: &str,
    interpreter: &str,
    interpreter_signature: Option<Vec<u8>>,
) -> ClientCopy {
    let t = texts;
    ClientCopy {
        language: t.language.clone(),
        labels: t.labels,
        translation_reviewed: false,
        client_name: client_name.into(),
        municipality: "Amersfoort".into(),
        counsellor_name: "Sanne de Vries".into(),
        decision_date: date("2026-03-12"),
        introduction: b(NL_INTRODUCTION, t.introduction),
        route: RouteChoice {
            name: b("B1-route", t.route_name),
            explanation: b(
                "U leert Nederlands tot niveau B1. U doet examens in lezen, schrijven, luisteren en spreken. Naast de les doet u vrijwilligerswerk.",
                t.route_explanation,
            ),
        },
        map: b(
            "U volgt de MAP bij Taalhuis Eemland: lessen over werk in Nederland en 40 uur stage.",
            t.map,
        ),
        pvt: b(
            "U volgt de cursus over de Nederlandse kernwaarden (minstens 12 uur) en tekent daarna de participatieverklaring.",
            t.pvt,
        ),
        ontzorgen: Some(b(
            "De gemeente betaalt zes maanden lang uw huur, energie, water en zorgverzekering van uw uitkering.",
            t.ontzorgen,
        )),
        social_guidance: Some(b(
            "VluchtelingenWerk helpt u met post, geldzaken en de weg in de stad.",
            t.social_guidance,
        )),
        main_goal: b(
            "Over drie jaar spreekt u Nederlands op niveau B1 en werkt u als elektricien.",
            t.main_goal,
        ),
        subgoals: vec![
            Subgoal {
                goal: b(
                    "Nederlands leren tot A2 in het eerste jaar",
                    t.subgoal_language,
                ),
                actions: vec![
                    PlanAction {
                        party: Party::Client,
                        action: b(
                            "Vier dagen per week naar de taalschool gaan",
                            t.action_school,
                        ),
                        due: Some(date("2026-04-01")),
                    },
                    PlanAction {
                        party: Party::Municipality,
                        action: b("U aanmelden bij de taalschool", t.action_register),
                        due: Some(date("2026-03-20")),
                    },
                ],
            },
            Subgoal {
                goal: b("Werkervaring opdoen in de techniek", t.subgoal_work),
                actions: vec![
                    PlanAction {
                        party: Party::Partner {
                            name: "VluchtelingenWerk".into(),
                        },
                        action: b(
                            "Een vrijwilligersplek zoeken bij een installatiebedrijf",
                            t.action_volunteer,
                        ),
                        due: Some(date("2026-06-01")),
                    },
                    PlanAction {
                        party: Party::Client,
                        action: b("Uw diploma's laten waarderen bij IDW", t.action_diploma),
                        due: None,
                    },
                ],
            },
        ],
        progress_reviews_intro: b(
            "We bespreken samen hoe het gaat. U krijgt een uitnodiging voor deze gesprekken:",
            t.reviews_intro,
        ),
        progress_reviews: vec![date("2026-06-15"), date("2026-09-15"), date("2026-12-15")],
        motivation: vec![
            b(
                "Uit de leerbaarheidstoets blijkt dat u snel nieuwe dingen leert. Daarom past de B1-route bij u.",
                t.motivation_learnability,
            ),
            b(
                &format!(
                    "U hebt in {country} acht jaar als elektricien gewerkt en wilt dat hier ook doen."
                ),
                t.motivation_work,
            ),
        ],
        objection_notice: b(NL_OBJECTION, t.objection),
        signatures: Signatures {
            client: Signature {
                name: client_name.into(),
                date: date("2026-03-12"),
                image_png: Some(SIGNATURE_A.to_vec()),
            },
            counsellor: Signature {
                name: "Sanne de Vries".into(),
                date: date("2026-03-12"),
                image_png: Some(SIGNATURE_B.to_vec()),
            },
            interpreting: Interpreting::Interpreter {
                name: interpreter.into(),
                language: b(&t.language.name.nl, t.interpreter_language),
                attestation: b(
                    "Ik heb dit plan mondeling vertaald. De cliënt heeft in eigen woorden verteld wat erin staat.",
                    t.attestation,
                ),
                signature: interpreter_signature.map(|png| Signature {
                    name: interpreter.into(),
                    date: date("2026-03-12"),
                    image_png: Some(png),
                }),
            },
        },
    }
}

/// Arabic, right to left, with an interpreter who signed on screen (three signatures).
pub fn arabic_client_copy() -> ClientCopy {
    client_copy(
        arabic_texts(),
        "Ahmad Haddad",
        "Syrië",
        "Rania Saleh",
        Some(SIGNATURE_C.to_vec()),
    )
}

/// Tigrinya in Ethiopic script; the interpreter attests but did not sign on screen.
pub fn tigrinya_client_copy() -> ClientCopy {
    client_copy(
        tigrinya_texts(),
        "Mehari Gebremedhin",
        "Eritrea",
        "Yonas Tesfay",
        None,
    )
}

pub fn intake_summary() -> IntakeSummary {
    IntakeSummary {
        client_name: "Ahmad Haddad".into(),
        client_reference: Some("V-2026-0412".into()),
        municipality: "Amersfoort".into(),
        counsellor_name: "Sanne de Vries".into(),
        document_date: date("2026-03-05"),
        topics: vec![
            IntakeTopic {
                title: "Wonen".into(),
                status: TopicStatus::Discussed,
                notes: "Woont sinds februari in Amersfoort-Noord met zijn vrouw en twee kinderen."
                    .into(),
            },
            IntakeTopic {
                title: "Werkervaring".into(),
                status: TopicStatus::Discussed,
                notes: "Acht jaar elektricien in Aleppo; wil dat vak hier weer uitoefenen.".into(),
            },
            IntakeTopic {
                title: "Gezondheid".into(),
                status: TopicStatus::Declined,
                notes: "Wil hier later op terugkomen.".into(),
            },
            IntakeTopic {
                title: "Schulden".into(),
                status: TopicStatus::NotAskedYet,
                notes: String::new(),
            },
        ],
        screenings: vec![
            ScreeningEntry {
                instrument: "Leerbaarheidstoets (DUO)".into(),
                administered_on: date("2026-02-18"),
                outcome: ScreeningOutcome::Result {
                    summary: "Advies B1-route (hoge leerbaarheid).".into(),
                },
            },
            ScreeningEntry {
                instrument: "K10".into(),
                administered_on: date("2026-02-25"),
                outcome: ScreeningOutcome::Sealed {
                    recipient: "GGD regio Utrecht".into(),
                },
            },
        ],
        consents: vec![
            ConsentEntry {
                recipient: "VluchtelingenWerk".into(),
                purpose: "Maatschappelijke begeleiding".into(),
                status: ConsentStatus::Given,
                recorded_on: Some(date("2026-02-11")),
            },
            ConsentEntry {
                recipient: "Taalhuis Eemland".into(),
                purpose: "Voortgangsrapportage taal".into(),
                status: ConsentStatus::NotAskedYet,
                recorded_on: None,
            },
        ],
        deadlines: vec![
            DeadlineEntry {
                what: "PIP vaststellen (10 weken)".into(),
                due: date("2026-04-22"),
                done: false,
            },
            DeadlineEntry {
                what: "Ontzorgen: evaluatie maand 5".into(),
                due: date("2026-07-01"),
                done: false,
            },
        ],
    }
}
