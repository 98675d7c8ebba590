#!/usr/bin/env python3
"""Writes the shipped FHIR R4 Questionnaire definitions in ../definitions/.

The JSON files are the source of truth the crate compiles in (include_str!) and hashes;
this script only documents how they were produced, so that texts and scoring are written
once, next to their source in /work/shared/domain/instruments.md (section numbers below),
/work/shared/domain/process.md (§9, §10) and the source reports in /work/shared/sources/
(cited by file prefix and section, e.g. 001 Bijlage 2).
Re-running it must reproduce the files byte for byte; changing a shipped file changes its
hash, which the registry treats as a new definition only if the version changes too.
"""
import json
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "definitions")

ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
REVIEW = "https://aankomst.nl/fhir/StructureDefinition/translation-review-status"
RECALL = "https://aankomst.nl/fhir/StructureDefinition/recall-period"
SCORING = "https://aankomst.nl/fhir/StructureDefinition/scoring"
LOINC = "http://loinc.org"
LOCAL_ANSWERS = "https://aankomst.nl/fhir/CodeSystem/answer"
BASE_URL = "https://aankomst.nl/fhir/Questionnaire/"


def translated(text, translations):
    """FHIR primitive text plus its `_text` translation extensions.

    translations: list of (lang, content, review_status)."""
    if not translations:
        return {"text": text}
    ext = []
    for lang, content, status in translations:
        ext.append({
            "url": TRANSLATION,
            "extension": [
                {"url": "lang", "valueCode": lang},
                {"url": "content", "valueString": content},
                {"url": REVIEW, "valueCode": status},
            ],
        })
    return {"text": text, "_text": {"extension": ext}}


def option(system, code, display, value, translations=()):
    coding = {"system": system, "code": code, "display": display}
    if translations:
        coding["_display"] = {"extension": [{
            "url": TRANSLATION,
            "extension": [
                {"url": "lang", "valueCode": lang},
                {"url": "content", "valueString": content},
                {"url": REVIEW, "valueCode": status},
            ],
        } for lang, content, status in translations]}
    return {
        "extension": [{"url": ORDINAL, "valueDecimal": value}],
        "valueCoding": coding,
    }


def choice(link_id, text, options, translations=(), code=None, enable_when=None,
           enable_behavior=None):
    item = {"linkId": link_id}
    if isinstance(code, dict):
        item["code"] = [code]
    elif code:
        item["code"] = [{"system": LOINC, "code": code}]
    item.update(translated(text, list(translations)))
    item["type"] = "choice"
    item["required"] = False
    if enable_when:
        item["enableWhen"] = enable_when
        if enable_behavior:
            item["enableBehavior"] = enable_behavior
    item["answerOption"] = options
    return item


def field(link_id, text, kind):
    """A record-only item: integer, date, string, text or boolean."""
    assert kind in ("integer", "date", "string", "text", "boolean")
    return {"linkId": link_id, "text": text, "type": kind, "required": False}


def display(link_id, text, translations=()):
    item = {"linkId": link_id}
    item.update(translated(text, list(translations)))
    item["type"] = "display"
    return item


def recall(value, unit, code):
    return {"url": RECALL, "valueDuration": {
        "value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": code}}


def questionnaire(ident, version, name, title, copyright_text, recall_ext, items, scoring,
                  code=None, language="en", description=None):
    extension = [recall_ext] if recall_ext else []
    extension.append({"url": SCORING, "valueString": json.dumps(scoring, sort_keys=True,
                                                                ensure_ascii=False)})
    q = {
        "resourceType": "Questionnaire",
        "id": ident,
        "extension": extension,
        "url": BASE_URL + ident,
        "version": version,
        "name": name,
        "title": title,
        "status": "active",
    }
    if description:
        q["description"] = description
    q["language"] = language
    q["copyright"] = copyright_text
    if code:
        q["code"] = [code]
    q["item"] = items
    return q


def write(q):
    path = os.path.join(OUT, f"{q['id']}-{q['version']}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(q, f, indent=2, ensure_ascii=False)
        f.write("\n")


def higher_is_worse(band_set, bands):
    return {"set": band_set, "direction": "higher_is_worse",
            "bands": [{"code": c, "min": lo, "max": hi} for c, lo, hi in bands]}


# ---------------------------------------------------------------- K10 (§3)

K10_CITATION = (
    "Kessler Psychological Distress Scale (K10). Kessler RC et al. (2002), Psychological "
    "Medicine 32(6):959-76; Kessler RC et al. (2003), Archives of General Psychiatry "
    "60(2):184-9. \"The K6/K10 scales are available for unrestricted use. Please include the "
    "copyright and the citation.\"")

# (concept, AU #, US #, English AU, English US, Dutch GGD/CBS) — §3.3 [V]
K10_ITEMS = [
    ("k10.tired", 1, 1, "tired out for no good reason?", "tired out for no good reason?",
     "Hoe vaak voelde u zich erg vermoeid zonder duidelijke reden?"),
    ("k10.nervous", 2, 2, "nervous?", "nervous?", "Hoe vaak voelde u zich zenuwachtig?"),
    ("k10.nervous_severe", 3, 3, "so nervous that nothing could calm you down?",
     "so nervous that nothing could calm you down?",
     "Hoe vaak was u zo zenuwachtig dat u niet tot rust kon komen?"),
    ("k10.hopeless", 4, 4, "hopeless?", "hopeless?", "Hoe vaak voelde u zich hopeloos?"),
    ("k10.restless", 5, 5, "restless or fidgety?", "restless or fidgety?",
     "Hoe vaak voelde u zich rusteloos of ongedurig?"),
    ("k10.restless_severe", 6, 6, "so restless you could not sit still?",
     "so restless that you could not sit still?",
     "Hoe vaak voelde u zich zo rusteloos dat u niet meer stil kon zitten?"),
    ("k10.depressed", 7, 7, "depressed?", "depressed?",
     "Hoe vaak voelde u zich somber of depressief?"),
    ("k10.effort", 8, 9, "that everything was an effort?", "that everything was an effort?",
     "Hoe vaak had u het gevoel dat alles veel moeite kostte?"),
    ("k10.sad_severe", 9, 8, "so sad that nothing could cheer you up?",
     "so depressed that nothing could cheer you up?",
     "Hoe vaak voelde u zich zo somber dat niets hielp om u op te vrolijken?"),
    ("k10.worthless", 10, 10, "worthless?", "worthless?",
     "Hoe vaak vond u zichzelf afkeurenswaardig, minderwaardig of waardeloos?"),
]

# §3.5 [V]: (local code, English, Dutch GGD label, 1-5 value, 0-4 value)
K10_SCALE = [
    ("none", "None of the time", "Nooit", 1, 0),
    ("a_little", "A little of the time", "Af en toe", 2, 1),
    ("some", "Some of the time", "Soms", 3, 2),
    ("most", "Most of the time", "Meestal", 4, 3),
    ("all", "All of the time", "Altijd", 5, 4),
]


def k10_options(coding, dutch):
    out = []
    for code, en, nl, v15, v04 in K10_SCALE:
        value = v15 if coding == "1-5" else v04
        tr = [("nl", nl, "validated")] if dutch else []
        out.append(option(LOCAL_ANSWERS, "k10." + code, en, value, tr))
    return out


def k10_flag(threshold):
    # §3.9 design rule: a very high K10 (30-50 in 1-5 coding) raises the referral prompt.
    return {"id": "k10.very_high", "kind": "safety", "when": {"total_at_least": threshold}}


def k10_nl():
    # No Dutch stem: only the phrase "in de afgelopen 4 weken" is verified (§3.2), and the
    # Dutch items are whole questions.
    items = [display("stem", "In the past 4 weeks, about how often did you feel …")]
    # Item order: Australian order; the Dutch form's own order is [U] (§3.3), harmless because
    # answers are keyed by concept.
    for concept, _au, _us, en_au, _en_us, nl in K10_ITEMS:
        items.append(choice(concept, en_au, k10_options("1-5", True),
                            [("nl", nl, "validated")]))
    scoring = {
        "items": [c[0] for c in K10_ITEMS],
        "total": {"kind": "sum", "multiplier": 1},
        # §3.7 [V]: 1-2 missing -> impute with a mean; 3 or more -> score missing.
        # Which mean is [U]; we use the respondent's own mean over the answered items.
        "missing": {"rule": "impute_respondent_mean", "max_missing": 2,
                    "source": "k10-nl-ggd-cbs"},
        # §3.8 [V] Dutch GGD/CBS monitor bands.
        "bands": higher_is_worse("k10-nl-ggd-cbs", [
            ("geen_of_laag_risico", 10, 15), ("matig_risico", 16, 29),
            ("hoog_risico", 30, 50)]),
        "flags": [k10_flag(30)],
    }
    return questionnaire(
        "k10-nl", "1.0.0", "K10_NL", "Kessler Psychological Distress Scale (K10), Dutch GGD/CBS",
        K10_CITATION + " Dutch wording: GGD/CBS Gezondheidsmonitor.",
        recall(4, "weeks", "wk"), items, scoring)


def k10_au():
    items = [display("stem", "In the past 4 weeks, about how often did you feel …")]
    for concept, _au, _us, en_au, _en_us, _nl in sorted(K10_ITEMS, key=lambda r: r[1]):
        items.append(choice(concept, en_au, k10_options("1-5", False)))
    scoring = {
        "items": [c[0] for c in K10_ITEMS],
        "total": {"kind": "sum", "multiplier": 1},
        # §2 rule 4: only the Dutch rule is verified; the AU form gets no imputation.
        "missing": {"rule": "no_total"},
        # §3.8 [V] Australian clinical bands.
        "bands": higher_is_worse("k10-au-clinical", [
            ("likely_well", 10, 19), ("mild_disorder", 20, 24), ("moderate_disorder", 25, 29),
            ("severe_disorder", 30, 50)]),
        "flags": [k10_flag(30)],
    }
    return questionnaire(
        "k10-au", "1.0.0", "K10_AU", "Kessler Psychological Distress Scale (K10), Australian",
        K10_CITATION, recall(4, "weeks", "wk"), items, scoring)


def k10_us():
    items = [display("stem", "During the last 30 days, about how often did you feel …")]
    for concept, _au, _us, _en_au, en_us, _nl in sorted(K10_ITEMS, key=lambda r: r[2]):
        items.append(choice(concept, en_us, k10_options("0-4", False)))
    scoring = {
        "items": [c[0] for c in K10_ITEMS],
        "total": {"kind": "sum", "multiplier": 1},
        "missing": {"rule": "no_total"},
        # No band set is given for the 0-4 coding (§3.8 gives 1-5 bands only): none shipped.
        # The §3.9 safety threshold 30 (1-5) is 20 here, by §3.6 total(1-5) = total(0-4) + 10.
        "flags": [k10_flag(20)],
    }
    return questionnaire(
        "k10-us", "1.0.0", "K10_US", "Kessler Psychological Distress Scale (K10), US/Harvard",
        K10_CITATION, recall(30, "days", "d"), items, scoring)


def k6():
    # §4 [V]: K10 concepts, 0-4 coding, US wording, past 30 days.
    loinc = {"k10.nervous": "65189-3", "k10.hopeless": "65190-1", "k10.restless": "65191-9",
             "k10.sad_severe": "65192-7"}
    us = {c[0]: c[4] for c in K10_ITEMS}
    order = ["k10.nervous", "k10.hopeless", "k10.restless", "k10.sad_severe", "k10.effort",
             "k10.worthless"]
    items = [display("stem", "During the last 30 days, about how often did you feel …")]
    for concept in order:
        items.append(choice(concept, us[concept], k10_options("0-4", False),
                            code=loinc.get(concept)))
    scoring = {
        "items": order,
        "total": {"kind": "sum", "multiplier": 1},
        "missing": {"rule": "no_total"},
        # §4 [V]: >=5 moderate distress (Prochaska 2012); >=13 probable serious mental illness.
        "bands": higher_is_worse("k6-kessler-prochaska", [
            ("below_moderate", 0, 4), ("moderate_distress", 5, 12),
            ("probable_serious_mental_illness", 13, 24)]),
        # §4: safety as K10 (design rule): the top band raises the referral prompt.
        "flags": [{"id": "k6.very_high", "kind": "safety", "when": {"total_at_least": 13}}],
    }
    return questionnaire(
        "k6", "1.0.0", "K6", "Kessler 6-item Psychological Distress Scale (K6)",
        K10_CITATION.replace("(K10)", "(K6/K10)"), recall(30, "days", "d"), items, scoring,
        code={"system": LOINC, "code": "62746-3"})


# ---------------------------------------------------------------- PHQ family (§5-§7)

PHQ_COPYRIGHT = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission is required to reproduce, "
    "translate, display or distribute.")
PHQ_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"

# §5.3 [V]
PHQ_SCALE = [("LA6568-5", "Not at all", 0), ("LA6569-3", "Several days", 1),
             ("LA6570-1", "More than half the days", 2), ("LA6571-9", "Nearly every day", 3)]


def phq_options():
    return [option(LOINC, c, d, v) for c, d, v in PHQ_SCALE]


PHQ9_ITEMS = [  # §5.2 [V]
    ("44250-9", "Little interest or pleasure in doing things"),
    ("44255-8", "Feeling down, depressed, or hopeless"),
    ("44259-0", "Trouble falling or staying asleep, or sleeping too much"),
    ("44254-1", "Feeling tired or having little energy"),
    ("44251-7", "Poor appetite or overeating"),
    ("44258-2", "Feeling bad about yourself — or that you are a failure or have let yourself "
                "or your family down"),
    ("44252-5", "Trouble concentrating on things, such as reading the newspaper or watching "
                "television"),
    ("44253-3", "Moving or speaking so slowly that other people could have noticed? Or the "
                "opposite — being so fidgety or restless that you have been moving around a "
                "lot more than usual"),
    ("44260-8", "Thoughts that you would be better off dead or of hurting yourself in some way"),
]

GAD7_ITEMS = [  # §6 [V]
    ("69725-0", "Feeling nervous, anxious or on edge"),
    ("68509-9", "Not being able to stop or control worrying"),
    ("69733-4", "Worrying too much about different things"),
    ("69734-2", "Trouble relaxing"),
    ("69735-9", "Being so restless that it is hard to sit still"),
    ("69689-8", "Becoming easily annoyed or irritable"),
    ("69736-7", "Feeling afraid as if something awful might happen"),
]


def phq9():
    items = [display("stem", PHQ_STEM)]
    items += [choice(code, text, phq_options()) for code, text in PHQ9_ITEMS]
    # Item 10 (§5.2 [V]): not scored; asked only when any problem was checked.
    items.append(choice(
        "69722-7",
        "If you checked off any problems, how difficult have these problems made it for you "
        "to do your work, take care of things at home, or get along with other people?",
        [option(LOINC, "LA6572-7", "Not difficult at all", 0),
         option(LOINC, "LA6573-5", "Somewhat difficult", 1),
         option(LOINC, "LA6575-0", "Very difficult", 2),
         option(LOINC, "LA6574-3", "Extremely difficult", 3)],
        enable_when=[{"question": c, "operator": "!=",
                      "answerCoding": {"system": LOINC, "code": "LA6568-5"}}
                     for c, _ in PHQ9_ITEMS],
        enable_behavior="any"))
    scoring = {
        "items": [c for c, _ in PHQ9_ITEMS],
        "total": {"kind": "sum", "multiplier": 1},
        "missing": {"rule": "no_total"},  # §5.5 -> §2 rule 4
        "bands": higher_is_worse("phq9-severity", [  # §5.4 [V]
            ("none_minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14),
            ("moderately_severe", 15, 19), ("severe", 20, 27)]),
        # §5.6 design rule: item 9 > 0 whatever the total.
        "flags": [{"id": "phq9.item9", "kind": "safety",
                   "when": {"item_at_least": {"item": "44260-8", "value": 1}}}],
    }
    return questionnaire("phq9", "1.0.0", "PHQ9", "Patient Health Questionnaire (PHQ-9)",
                         PHQ_COPYRIGHT, recall(2, "weeks", "wk"), items, scoring,
                         code={"system": LOINC, "code": "44249-1"})


def gad7():
    items = [display("stem", PHQ_STEM)]
    items += [choice(code, text, phq_options()) for code, text in GAD7_ITEMS]
    scoring = {
        "items": [c for c, _ in GAD7_ITEMS],
        "total": {"kind": "sum", "multiplier": 1},
        "missing": {"rule": "no_total"},
        "bands": higher_is_worse("gad7-severity", [  # §6 [V]
            ("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("severe", 15, 21)]),
        "flags": [],
    }
    return questionnaire("gad7", "1.0.0", "GAD7", "Generalized Anxiety Disorder 7-item scale (GAD-7)",
                         PHQ_COPYRIGHT, recall(2, "weeks", "wk"), items, scoring,
                         code={"system": LOINC, "code": "69737-5"})


def phq4():
    gad2 = GAD7_ITEMS[:2]
    phq2 = PHQ9_ITEMS[:2]
    items = [display("stem", PHQ_STEM)]
    # §7 [V]: items 1-2 anxiety, 3-4 depression.
    items += [choice(code, text, phq_options()) for code, text in gad2 + phq2]
    positive = [("negative", 0, 2), ("positive", 3, 6)]  # §7 [V]: subscale >= 3 positive
    scoring = {
        "items": [c for c, _ in gad2 + phq2],
        "total": {"kind": "sum", "multiplier": 1},
        "missing": {"rule": "no_total"},  # §7 design rule: none missing in a 2-item subscale
        "bands": higher_is_worse("phq4-kroenke-2009", [
            ("normal", 0, 2), ("mild", 3, 5), ("moderate", 6, 8), ("severe", 9, 12)]),
        "subscales": [
            {"id": "gad2", "items": [c for c, _ in gad2],
             "bands": higher_is_worse("gad2-positive-3", positive)},
            {"id": "phq2", "items": [c for c, _ in phq2],
             "bands": higher_is_worse("phq2-positive-3", positive)},
        ],
        "flags": [],
    }
    return questionnaire("phq4", "1.0.0", "PHQ4", "Patient Health Questionnaire-4 (PHQ-4)",
                         PHQ_COPYRIGHT, recall(2, "weeks", "wk"), items, scoring)


# ---------------------------------------------------------------- WHO-5 (§8)

def who5():
    scale = [("at_no_time", "At no time", 0), ("some", "Some of the time", 1),
             ("less_than_half", "Less than half of the time", 2),
             ("more_than_half", "More than half of the time", 3),
             ("most", "Most of the time", 4), ("all", "All of the time", 5)]
    texts = [("who5.cheerful", "I have felt cheerful and in good spirits."),
             ("who5.calm", "I have felt calm and relaxed."),
             ("who5.active", "I have felt active and vigorous."),
             ("who5.rested", "I woke up feeling fresh and rested."),
             ("who5.interest", "My daily life has been filled with things that interest me.")]
    # Options listed high to low as on the form; the stored value is the ordinal (§8 pitfalls).
    opts = [option(LOCAL_ANSWERS, "who5." + c, d, v) for c, d, v in reversed(scale)]
    items = [display("stem", "Please indicate for each of the five statements which is closest "
                     "to how you have been feeling over the last two weeks.")]
    items += [choice(c, t, opts) for c, t in texts]
    scoring = {
        "items": [c for c, _ in texts],
        # §8 [V]: percentage = raw x 4 (never (raw - 5) x 4).
        "total": {"kind": "sum", "multiplier": 4},
        "missing": {"rule": "no_total"},
        # §8 [V]: <= 28 likely depression; <= 50 poor well-being. Higher = better.
        "bands": {"set": "who5-percentage", "direction": "higher_is_better", "bands": [
            {"code": "likely_depression", "min": 0, "max": 28},
            {"code": "poor_wellbeing", "min": 29, "max": 50},
            {"code": "above_cutoff", "min": 51, "max": 100}]},
        # §8 design rule: percentage <= 28 -> administer the PHQ-9.
        "flags": [{"id": "who5.administer_phq9", "kind": "follow_up",
                   "when": {"total_at_most": 28}}],
    }
    return questionnaire("who5", "1.0.0", "WHO5", "WHO-Five Well-Being Index (WHO-5)",
                         "WHO-Five Well-Being Index (WHO, 1998), Psychiatric Research Unit, "
                         "Mental Health Centre North Zealand, Hillerød, Denmark.",
                         recall(2, "weeks", "wk"), items, scoring,
                         code={"system": "http://snomed.info/sct", "code": "1144665009"})


# ---------------------------------------------------------------- PCL-5 (§9)

PCL5_ITEMS = [
    "Repeated, disturbing, and unwanted memories of the stressful experience?",
    "Repeated, disturbing dreams of the stressful experience?",
    "Suddenly feeling or acting as if the stressful experience were actually happening again "
    "(as if you were actually back there reliving it)?",
    "Feeling very upset when something reminded you of the stressful experience?",
    "Having strong physical reactions when something reminded you of the stressful experience "
    "(for example, heart pounding, trouble breathing, sweating)?",
    "Avoiding memories, thoughts, or feelings related to the stressful experience?",
    "Avoiding external reminders of the stressful experience (for example, people, places, "
    "conversations, activities, objects, or situations)?",
    "Trouble remembering important parts of the stressful experience?",
    "Having strong negative beliefs about yourself, other people, or the world (for example, "
    "having thoughts such as: I am bad, there is something seriously wrong with me, no one can "
    "be trusted, the world is completely dangerous)?",
    "Blaming yourself or someone else for the stressful experience or what happened after it?",
    "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
    "Loss of interest in activities that you used to enjoy?",
    "Feeling distant or cut off from other people?",
    "Trouble experiencing positive feelings (for example, being unable to feel happiness or "
    "have loving feelings for people close to you)?",
    "Irritable behavior, angry outbursts, or acting aggressively?",
    "Taking too many risks or doing things that could cause you harm?",
    "Being \"superalert\" or watchful or on guard?",
    "Feeling jumpy or easily startled?",
    "Having difficulty concentrating?",
    "Trouble falling or staying asleep?",
]


def pcl5():
    scale = [("not_at_all", "Not at all", 0), ("a_little_bit", "A little bit", 1),
             ("moderately", "Moderately", 2), ("quite_a_bit", "Quite a bit", 3),
             ("extremely", "Extremely", 4)]
    opts = [option(LOCAL_ANSWERS, "pcl5." + c, d, v) for c, d, v in scale]
    codes = [f"pcl5.{i:02d}" for i in range(1, 21)]  # no LOINC item codes in §9
    # The instructions are quoted with an elision in §9; only the complete stem is shipped.
    items = [display("stem", "In the past month, how much were you bothered by:")]
    items += [choice(c, t, opts) for c, t in zip(codes, PCL5_ITEMS)]
    scoring = {
        "items": codes,
        "total": {"kind": "sum", "multiplier": 1},
        "missing": {"rule": "no_total"},
        # §9 [V]: provisional cut-off 31-33; we ship 33 (CamCOPS "preliminary cutoff").
        "bands": higher_is_worse("pcl5-provisional-33", [
            ("below_cutoff", 0, 32), ("provisional_ptsd", 33, 80)]),
        "flags": [{"id": "pcl5.item16_risk", "kind": "safety",
                   "when": {"item_at_least": {"item": "pcl5.16", "value": 1}}}],
        # §9 [V]: >= 1 B (1-5), 1 C (6-7), 2 D (8-14), 2 E (15-20), items rated >= 2.
        "rules": [{"id": "pcl5.dsm5_provisional", "item_threshold": 2, "clusters": [
            {"id": "B", "items": codes[0:5], "at_least": 1},
            {"id": "C", "items": codes[5:7], "at_least": 1},
            {"id": "D", "items": codes[7:14], "at_least": 2},
            {"id": "E", "items": codes[14:20], "at_least": 2}]}],
    }
    return questionnaire("pcl5", "1.0.0", "PCL5", "PTSD Checklist for DSM-5 (PCL-5)",
                         "PCL-5: Weathers, Litz, Keane, Palmieri, Marx & Schnurr (2013), "
                         "National Center for PTSD, US Department of Veterans Affairs. "
                         "Public domain.",
                         recall(1, "month", "mo"), items, scoring,
                         code={"system": LOINC, "code": "101697-1"})


# ---------------------------------------------------------------- PC-PTSD-5 (§10)

def pcptsd5():
    yes_no = [option(LOCAL_ANSWERS, "no", "No", 0), option(LOCAL_ANSWERS, "yes", "Yes", 1)]
    gate_open = [{"question": "pcptsd5.gate", "operator": "=",
                  "answerCoding": {"system": LOCAL_ANSWERS, "code": "yes"}}]
    texts = [
        ("pcptsd5.nightmares", "Had nightmares about the event(s) or thought about the event(s) "
                               "when you did not want to?"),
        ("pcptsd5.avoidance", "Tried hard not to think about the event(s) or went out of your "
                              "way to avoid situations that reminded you of the event(s)?"),
        ("pcptsd5.on_guard", "Been constantly on guard, watchful, or easily startled?"),
        ("pcptsd5.numb", "Felt numb or detached from people, activities, or your surroundings?"),
        ("pcptsd5.guilt", "Felt guilty or unable to stop blaming yourself or others for the "
                          "event(s) or any problems the event(s) may have caused?"),
    ]
    # The introduction listing the kinds of event is described, not quoted, in §10: its exact
    # wording is not shipped and must be added from the official form before use.
    items = [
        choice("pcptsd5.gate", "Have you ever experienced this kind of event?", yes_no),
        display("stem", "In the past month, have you…", ()),
    ]
    items[1]["enableWhen"] = gate_open
    items += [choice(c, t, yes_no, enable_when=gate_open) for c, t in texts]
    scoring = {
        "items": [c for c, _ in texts],
        "total": {"kind": "sum", "multiplier": 1},
        "missing": {"rule": "no_total"},
        # §10 [V]: if the gate is No, the screen total is 0: a disabled item counts 0.
        "disabled_item_value": 0,
        # §10 [P]: 3 maximised sensitivity (4 optimally efficient); we ship 3.
        "bands": higher_is_worse("pcptsd5-cutoff-3", [("negative", 0, 2), ("positive", 3, 5)]),
        "flags": [],
    }
    return questionnaire("pcptsd5", "1.0.0", "PCPTSD5",
                         "Primary Care PTSD Screen for DSM-5 (PC-PTSD-5)",
                         "PC-PTSD-5: Prins A et al. (2016), Journal of General Internal Medicine "
                         "31(10):1206-11. National Center for PTSD, US Department of Veterans "
                         "Affairs; a US government work.",
                         recall(1, "month", "mo"), items, scoring)


# ---------------------------------------------------------------- financial self-reliance

# process.md §9; source: 001 Bijlage 2 ("Toelichting wijze van bepalen financiële
# zelfredzaamheid"), the frame the evaluators gave the six ontzorgen pilots. Each descriptor
# is a yes/no question; "Indien de statushouder op vier of meer van deze vragen een Ja scoort
# valt hij in deze categorie". The descriptor texts below are the source's words; only the
# orthography of the PDF extraction is normalised (initial capital, a space after
# "(alledaagse)", a stray "," before the full stop in "administratie zelf te beheren,.",
# hyphenation across lines). The frame gives no item wording beyond these descriptors and no
# dimension names: the dimension names (item.code display) are process.md §9's paraphrase.

FZ_DIMENSIONS = [  # (key, name as in process.md §9)
    ("taal", "Everyday basic skills in language and communication"),
    ("betalingen", "Making payments"),
    ("administratie", "Managing own administration"),
    ("regelingen", "Applying for and managing financial schemes (toeslagen e.d.)"),
    ("besteden", "Insight into responsible spending (verantwoord besteden)"),
    ("voorbereid", "Preparedness for (un)foreseen financial events"),
]

# Levels, most support first (the order the scorer's tie rules rely on).
FZ_LEVELS = [
    ("onvoldoende", "Onvoldoende financieel zelfredzaam", [
        "Onvoldoende (alledaagse) basisvaardigheden op het vlak van taal en communicatie.",
        "Onvoldoende vaardigheden om zelfstandig betalingen uit te voeren.",
        "Onvoldoende vaardigheden om administratie zelf te beheren.",
        "Onvoldoende vaardigheden om zelfstandig financiële regelingen aan te vragen "
        "(toeslagen e.d.) en te beheren.",
        "Onvoldoende inzicht in verantwoord besteden.",
        "Onvoldoende voorbereid op (on)voorziene gebeurtenissen op financieel gebied.",
    ]),
    ("beperkt", "Beperkt financieel zelfredzaam", [
        "Beperkte (alledaagse) basisvaardigheden op het vlak van taal en communicatie.",
        "Vaardigheden om zelf eenvoudige betalingen uit te voeren.",
        "Vaardigheden om eigen administratie gedeeltelijk of met beperkte ondersteuning zelf "
        "te beheren.",
        "Vaardigheden om met beperkte ondersteuning zelfstandig financiële regelingen aan te "
        "vragen en te beheren.",
        "Beperkt inzicht in verantwoord besteden.",
        "Beperkt voorbereid op (on)voorziene gebeurtenissen op financieel gebied.",
    ]),
    ("voldoende", "Voldoende financieel zelfredzaam", [
        "Voldoende (alledaagse) basisvaardigheden op het vlak van taal en communicatie.",
        "Vaardigheden om zelfstandig alle betalingen uit te voeren.",
        "Vaardigheden om administratie volledig zelfstandig te beheren.",
        "Vaardigheden om zelfstandig financiële regelingen te kunnen aanvragen en te beheren.",
        "Voldoende inzicht in verantwoord besteden.",
        "Voldoende voorbereid op (on)voorziene gebeurtenissen op financieel gebied.",
    ]),
]

FZ_DIMENSION_SYSTEM = "https://aankomst.nl/fhir/CodeSystem/financial-self-reliance-dimension"

FZ_DESCRIPTION = (
    "Financial self-reliance frame of the ontzorgen pilots (Verwey-Jonker Instituut 2021, "
    "Bijlage 2): six dimensions, three levels, each descriptor a yes/no question. A level is "
    "reached with 4 or more 'Ja' answers among its six descriptors (the frame's 4-of-6 rule). "
    "The frame gives no rule for the other cases; this definition's rule, chosen so that "
    "nobody who still needs support is missed: (1) if several levels reach 4, the level "
    "with more support wins (onvoldoende before beperkt before voldoende); (2) if no level "
    "reaches 4, the level with the most 'Ja' answers wins, and a tie between levels goes to "
    "the level with more support (with no 'Ja' at all: onvoldoende). A level decided by (1) "
    "or (2) is marked as such so the assessor confirms it. Any unanswered descriptor: no "
    "level. Store all 18 answers, never only the level (process.md §9).")


def financial_self_reliance():
    yes_no = [option(LOCAL_ANSWERS, "no", "Nee", 0), option(LOCAL_ANSWERS, "yes", "Ja", 1)]
    items = []
    levels = []
    for level, title, descriptors in FZ_LEVELS:
        items.append(display("fz." + level, title))
        codes = []
        for (dim, dim_name), text in zip(FZ_DIMENSIONS, descriptors):
            link_id = f"fz.{dim}.{level}"
            codes.append(link_id)
            items.append(choice(link_id, text, yes_no,
                                code={"system": FZ_DIMENSION_SYSTEM, "code": dim,
                                      "display": dim_name}))
        levels.append({"code": level, "display": title, "items": codes})
    scoring = {
        "method": "level_count",
        "items": [c for level in levels for c in level["items"]],
        "missing": {"rule": "no_total"},
        "level_count": {
            "set": "financiele-zelfredzaamheid-vji-2021",
            "counts_value": 1,
            "at_least": 4,  # 001 Bijlage 2: "vier of meer van deze vragen een Ja"
            "levels": levels,
            # Not in the source (process.md §9 "the missing tie rule"): our documented choice.
            "several_reach": "most_support",
            "none_reach": "most_yes_then_most_support",
        },
    }
    return questionnaire(
        "financiele-zelfredzaamheid", "1.0.0", "FinancieleZelfredzaamheid",
        "Financiële zelfredzaamheid (kader pilots financieel ontzorgen)",
        "Kader: Verwey-Jonker Instituut (2021), eindevaluatie van de pilots financieel "
        "ontzorgen voor het ministerie van SZW, Bijlage 2 'Toelichting wijze van bepalen "
        "financiële zelfredzaamheid'. Een openbaar evaluatiekader, geen gelicenseerd "
        "instrument.",
        None, items, scoring, language="nl", description=FZ_DESCRIPTION)


# ---------------------------------------------------------------- participatieladder

# process.md §10; source: 000 Bijlage 1 (Amsterdam client tracking system RAAK). Rungs 1-5 as
# the source prints them; the source's sixth row reads "Onbekend" (unknown). Rung 6 is
# process.md's "Betaald werk zonder ondersteuning", tagged [U] there: verify before use.
# "Unknown" is not a rung: it is recorded as a don't-know answer, apart from rung 6.
LADDER = [
    (1, "Geïsoleerd"),
    (2, "Sociale contacten buitenshuis"),
    (3, "Deelname georganiseerde activiteiten"),
    (4, "Onbetaald werk/zicht op werk"),
    (5, "Betaald werk met ondersteuning"),
    (6, "Betaald werk zonder ondersteuning"),  # [U] process.md §10
]


def participatieladder():
    opts = [option(LOCAL_ANSWERS, f"participatieladder.{n}", label, n) for n, label in LADDER]
    items = [choice("participatieladder.trede", "Participatieladder trede", opts)]
    scoring = {
        "method": "category",
        "items": ["participatieladder.trede"],
        "missing": {"rule": "no_total"},
        "category": {"set": "participatieladder", "item": "participatieladder.trede",
                     "direction": "higher_is_better"},
    }
    return questionnaire(
        "participatieladder", "1.0.0", "Participatieladder", "Participatieladder",
        "Treden zoals in het klantvolgsysteem RAAK van de gemeente Amsterdam (Verwey-Jonker "
        "Instituut, evaluatie Amsterdamse ondertussen-instrumenten, Bijlage 1).",
        None, items, scoring, language="nl",
        description=(
            "Six-step participation ladder. The result is the rung recorded, nothing is "
            "summed. Rungs 1-5 as in the source (000 Bijlage 1); rung 6 'Betaald werk zonder "
            "ondersteuning' is not in the source (which prints 'Onbekend' in that row) and is "
            "unverified. 'Unknown' is recorded as a don't-know answer, never as rung 6."))


# ---------------------------------------------------------------- record-only forms

RECORD_ONLY = {"method": "record_only", "missing": {"rule": "no_total"}}


def leerbaarheidstoets():
    # instruments.md §16: RECORD THE RESULT ONLY. Mijn DUO shows examennummer, datum
    # aanmelding, datum toetsafname and resultaat [V]; the form of the result is [U], so it is
    # recorded as shown, as text. Plus the administering organisation and notes on the
    # administration conditions (§16 design rule; 002 §3.3.2: Latin script, laptop).
    items = [
        field("lbt.examennummer", "Examennummer", "string"),
        field("lbt.datum_aanmelding", "Datum aanmelding", "date"),
        field("lbt.datum_toetsafname", "Datum toetsafname", "date"),
        field("lbt.resultaat", "Resultaat (zoals getoond in Mijn DUO)", "string"),
        field("lbt.afnemende_organisatie", "Afnemende organisatie", "string"),
        field("lbt.latijns_schrift_onbekend",
              "Weinig of geen kennis van het Latijnse schrift", "boolean"),
        field("lbt.laptop_onbekend", "Weinig of geen ervaring met werken op een laptop",
              "boolean"),
        field("lbt.opmerkingen_afname", "Opmerkingen over de omstandigheden van de afname",
              "text"),
    ]
    return questionnaire(
        "leerbaarheidstoets", "1.0.0", "Leerbaarheidstoets",
        "Leerbaarheidstoets (LBT): resultaat vastleggen",
        "De leerbaarheidstoets draait bij DUO (platform Optimum) en wordt hier niet "
        "nagebootst; alleen het resultaat uit Mijn DUO wordt vastgelegd.",
        None, items, RECORD_ONLY, language="nl",
        description="Record only, not scored (instruments.md §16).")


def taalstart_eindrapportage():
    # 002 §3.3.1 (process.md §4.5): intake placement in a faster or slower group; teachers
    # observe social, study, presentation and digital skills and work attitude (each twice)
    # and self-reflection; end tests in speaking, listening, writing and reading; the report
    # gives a route advice and an estimate of fast or less fast learner. The sources give no
    # scale for the observations or format for the test results: they are recorded as text.
    # The ordinalValues of the route options only tell them apart: a record-only form is
    # never scored.
    route = [option(LOCAL_ANSWERS, "route.z", "Z-route", 1),
             option(LOCAL_ANSWERS, "route.b1", "B1-route", 2),
             option(LOCAL_ANSWERS, "route.b1_mbo", "B1-mbo route (Amsterdam)", 3),
             option(LOCAL_ANSWERS, "route.onderwijs", "Onderwijsroute", 4)]
    items = [
        field("taalstart.aanbieder", "Aanbieder", "string"),
        field("taalstart.datum_rapportage", "Datum eindrapportage", "date"),
        choice("taalstart.groep", "Ingedeeld bij de groep",
               [option(LOCAL_ANSWERS, "taalstart.groep.langzamer", "Langzamere leerders", 1),
                option(LOCAL_ANSWERS, "taalstart.groep.sneller", "Snellere leerders", 2)]),
        display("taalstart.observaties", "Observaties (elke vaardigheid twee keer "
                                         "geobserveerd)"),
        field("taalstart.obs.sociaal", "Sociale vaardigheden", "text"),
        field("taalstart.obs.studie", "Studievaardigheden", "text"),
        field("taalstart.obs.presentatie", "Presentatievaardigheden", "text"),
        field("taalstart.obs.digitaal", "Digitale vaardigheden", "text"),
        field("taalstart.obs.werkhouding", "Werkhouding", "text"),
        field("taalstart.obs.zelfreflectie", "Zelfreflectie", "text"),
        display("taalstart.eindtoetsen", "Eindtoetsen"),
        field("taalstart.toets.spreken", "Spreken", "string"),
        field("taalstart.toets.luisteren", "Luisteren", "string"),
        field("taalstart.toets.schrijven", "Schrijven", "string"),
        field("taalstart.toets.lezen", "Lezen", "string"),
        choice("taalstart.routeadvies", "Routeadvies", route),
        choice("taalstart.inschatting_leerder", "Inschatting binnen de leerroute",
               [option(LOCAL_ANSWERS, "taalstart.leerder.minder_snel", "Minder snelle leerder",
                       1),
                option(LOCAL_ANSWERS, "taalstart.leerder.snel", "Snelle leerder", 2)]),
        field("taalstart.toelichting", "Toelichting bij het advies", "text"),
    ]
    return questionnaire(
        "taalstart-eindrapportage", "1.0.0", "TaalstartEindrapportage",
        "Taalstart: eindrapportage vastleggen",
        "Velden naar de beschrijving van de Taalstart-eindrapportage in de evaluatie van de "
        "Amsterdamse aanpak (2025, §3.3). Het rapport zelf komt van de taalaanbieder.",
        None, items, RECORD_ONLY, language="nl",
        description="Record only, not scored: the course provider's end report as "
                    "structured fields (instruments.md §17).")


def digitale_vaardigheden():
    # No published checklist in the sources: the points are those the sources name (process.md
    # §5 "Digital skills and devices"; 001 §3.5.2: laptop, tablet or smartphone, working
    # internet, logging in on sites and online meetings, bank account, DigiD; 000 §4.4.3:
    # internet banking and email; 002 §3.3.2: filling in a digital form such as a library
    # card, laptop experience matters for the LBT). Wording is ours; not a validated
    # instrument.
    can = [option(LOCAL_ANSWERS, "lukt.niet", "Lukt niet", 0),
           option(LOCAL_ANSWERS, "lukt.met_hulp", "Lukt met hulp", 1),
           option(LOCAL_ANSWERS, "lukt.zelfstandig", "Lukt zelfstandig", 2)]
    items = [
        field("dv.smartphone", "Heeft een smartphone", "boolean"),
        field("dv.laptop_of_tablet", "Heeft een laptop of tablet", "boolean"),
        field("dv.internet", "Heeft thuis werkend internet", "boolean"),
        field("dv.email", "Heeft een eigen e-mailadres", "boolean"),
        field("dv.digid", "Heeft een DigiD", "boolean"),
        field("dv.internetbankieren", "Gebruikt internetbankieren of een bankapp", "boolean"),
        choice("dv.laptop_ervaring", "Ervaring met werken op een laptop",
               [option(LOCAL_ANSWERS, "ervaring.geen", "Geen ervaring", 0),
                option(LOCAL_ANSWERS, "ervaring.enige", "Enige ervaring", 1),
                option(LOCAL_ANSWERS, "ervaring.veel", "Veel ervaring", 2)]),
        choice("dv.formulier", "Een digitaal formulier invullen (bijvoorbeeld een "
                               "bibliotheekpas aanvragen)", can),
        choice("dv.inloggen", "Inloggen op websites en online bijeenkomsten", can),
        field("dv.opmerkingen", "Opmerkingen", "text"),
    ]
    return questionnaire(
        "digitale-vaardigheden", "1.0.0", "DigitaleVaardigheden",
        "Digitale vaardigheden en middelen: checklist",
        "Aankomst-checklist naar de punten die de evaluatierapporten noemen; geen "
        "gevalideerd instrument.",
        None, items, RECORD_ONLY, language="nl",
        description="Record only, not scored: a checklist, not a validated instrument.")


if __name__ == "__main__":
    for build in (k10_nl, k10_au, k10_us, k6, phq9, gad7, phq4, who5, pcl5, pcptsd5,
                  financial_self_reliance, participatieladder, leerbaarheidstoets,
                  taalstart_eindrapportage, digitale_vaardigheden):
        write(build())
