#!/usr/bin/env python3
"""Validates FHIR R4 export bundles with an independent library (fhir.resources, R4 models).

Usage: validate.py <directory of *.json bundles>

Every file must parse as an R4 Bundle of type collection whose entries are valid R4
resources (the models check types, required elements, primitive formats and refuse unknown
elements), plus a few structural checks the models cannot make: the QuestionnaireResponse
comes first, Observations are derivedFrom it, and every item is either answered or carries
a data-absent-reason. Exits non-zero, naming the file and the problem, on the first kind of
failure in each file; prints one line per file.
"""
import json
import pathlib
import sys

import fhir.resources
from fhir.resources.bundle import Bundle

DAR = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"

# Required bindings and reference targets of FHIR R4 (4.0.1) that the models do not enforce.
QR_STATUS = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
OBSERVATION_STATUS = {"registered", "preliminary", "final", "amended", "corrected",
                      "cancelled", "entered-in-error", "unknown"}
DAR_CODES = {"unknown", "asked-unknown", "temp-unknown", "not-asked", "asked-declined",
             "masked", "not-applicable", "unsupported", "as-text", "error", "not-a-number",
             "negative-infinity", "positive-infinity", "not-performed", "not-permitted"}
OBSERVATION_SUBJECT = {"Patient", "Group", "Device", "Location"}
OBSERVATION_PERFORMER = {"Practitioner", "PractitionerRole", "Organization", "CareTeam",
                         "Patient", "RelatedPerson"}
QR_AUTHOR = {"Device", "Practitioner", "PractitionerRole", "Patient", "RelatedPerson",
             "Organization"}


def target_problem(what, reference, allowed):
    if reference is None or reference.reference is None:
        return f"{what} has no reference"
    ref = reference.reference
    if ref.startswith("urn:uuid:"):
        return None
    kind = ref.split("/")[0]
    if kind not in allowed:
        return f"{what} refers to a {kind}, allowed: {', '.join(sorted(allowed))}"
    return None


def structural_problems(bundle):
    problems = []
    if bundle.type != "collection":
        problems.append(f"Bundle.type is {bundle.type!r}, expected 'collection'")
    entries = bundle.entry or []
    if not entries:
        return problems + ["the bundle has no entries"]
    qr_entry = entries[0]
    qr = qr_entry.resource
    if qr.resource_type != "QuestionnaireResponse":
        return problems + ["the first entry is not a QuestionnaireResponse"]
    if qr_entry.fullUrl != f"urn:uuid:{qr.id}":
        problems.append("the QuestionnaireResponse fullUrl is not urn:uuid:<id>")
    if "|" not in (qr.questionnaire or ""):
        problems.append("QuestionnaireResponse.questionnaire is not url|version")
    if qr.status not in QR_STATUS:
        problems.append(f"QuestionnaireResponse.status {qr.status!r} is not a status code")
    problems.append(target_problem("QuestionnaireResponse.author", qr.author, QR_AUTHOR))
    for item in qr.item or []:
        absent = [e for e in (item.extension or []) if e.url == DAR]
        for extension in absent:
            if extension.valueCode not in DAR_CODES:
                problems.append(f"item {item.linkId}: {extension.valueCode!r} is not a "
                                f"data-absent-reason code")
        if bool(item.answer) == bool(absent):
            problems.append(f"item {item.linkId}: needs exactly one of an answer or a "
                            f"data-absent-reason")
        for answer in item.answer or []:
            coding = answer.valueCoding
            if coding is not None and not any(e.url == ORDINAL for e in coding.extension or []):
                problems.append(f"item {item.linkId}: a coded answer without ordinalValue")
    for entry in entries[1:]:
        resource = entry.resource
        if resource.resource_type != "Observation":
            problems.append(f"unexpected {resource.resource_type} after the response")
            continue
        if resource.status not in OBSERVATION_STATUS:
            problems.append(f"Observation {resource.id}: status {resource.status!r}")
        problems.append(target_problem(f"Observation {resource.id} subject", resource.subject,
                                       OBSERVATION_SUBJECT))
        for performer in resource.performer or []:
            problems.append(target_problem(f"Observation {resource.id} performer", performer,
                                           OBSERVATION_PERFORMER))
        derived = [r.reference for r in resource.derivedFrom or []]
        if derived != [qr_entry.fullUrl]:
            problems.append(f"Observation {resource.id} is not derivedFrom the response")
        has_value = any(getattr(resource, name) is not None for name in (
            "valueInteger", "valueRatio", "valueCodeableConcept", "valueQuantity"))
        if has_value == (resource.dataAbsentReason is not None):
            problems.append(f"Observation {resource.id}: needs exactly one of a value or a "
                            f"dataAbsentReason")
    return [p for p in problems if p]


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if fhir.resources.__fhir_version__ != "4.0.1":
        print(f"fhir.resources {fhir.resources.__version__} models FHIR "
              f"{fhir.resources.__fhir_version__}, not R4 4.0.1: check requirements.txt",
              file=sys.stderr)
        return 2
    files = sorted(pathlib.Path(argv[1]).glob("*.json"))
    if not files:
        print(f"no *.json bundles in {argv[1]}", file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            bundle = Bundle.parse_obj(data)
            problems = structural_problems(bundle)
        except Exception as error:  # pydantic.ValidationError and anything unexpected
            problems = [f"{type(error).__name__}: {error}"]
        if problems:
            failed += 1
            print(f"FAIL {path.name}")
            for problem in problems:
                print(f"    {problem}")
        else:
            kinds = [e.resource.resource_type for e in bundle.entry]
            print(f"ok   {path.name}: {', '.join(kinds)}")
    passed = len(files) - failed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
