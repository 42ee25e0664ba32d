"""A lesson's quiz as a QTI 1.2 package, the format Canvas imports (and Moodle with its QTI
import plugin): ``glucolab export-quiz 1 --format qti -o lesson01-quiz.zip``.

The zip holds ``imsmanifest.xml`` and one assessment file. A choice question becomes a
``multiple_choice_question`` whose correct option scores 100; a number question becomes a
``numerical_question`` accepting the key's tolerance band. Each question carries the key's
explanation as general feedback. :func:`read_package` reads a package back (the tests
round-trip every question through it).
"""

from __future__ import annotations

import io
import math
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

from .keys import Item, lesson_key, lesson_number, shuffled

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"


def _field(parent, label: str, entry: str) -> None:
    f = ET.SubElement(parent, "qtimetadatafield")
    ET.SubElement(f, "fieldlabel").text = label
    ET.SubElement(f, "fieldentry").text = entry


def _material(parent, text: str) -> None:
    mat = ET.SubElement(parent, "material")
    ET.SubElement(mat, "mattext", texttype="text/plain").text = text


def band(item: Item) -> tuple:
    """The accepted interval of a numeric answer."""
    answer = float(item.answer)
    half = max(abs(answer) * item.rel_tol, item.abs_tol)
    return answer - half, answer + half


def _item_xml(section, item: Item) -> None:
    el = ET.SubElement(section, "item", ident=item.id, title=item.id)
    meta = ET.SubElement(ET.SubElement(el, "itemmetadata"), "qtimetadata")
    kind = "multiple_choice_question" if item.type == "choice" else "numerical_question"
    _field(meta, "question_type", kind)
    _field(meta, "points_possible", "1")
    pres = ET.SubElement(el, "presentation")
    _material(pres, item.text + (f" (in {item.unit})" if item.type == "number" and item.unit else ""))
    proc = ET.SubElement(el, "resprocessing")
    ET.SubElement(ET.SubElement(proc, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE",
                  vartype="Decimal")
    cond = ET.SubElement(proc, "respcondition", attrib={"continue": "No"})
    var = ET.SubElement(cond, "conditionvar")
    if item.type == "choice":
        lid = ET.SubElement(pres, "response_lid", ident="response1", rcardinality="Single")
        choice = ET.SubElement(lid, "render_choice")
        for n, option in enumerate(shuffled(item)):
            label = ET.SubElement(choice, "response_label", ident=f"{item.id}-{n}")
            _material(label, option)
            if option == item.answer:
                ET.SubElement(var, "varequal", respident="response1").text = f"{item.id}-{n}"
    else:
        resp = ET.SubElement(pres, "response_str", ident="response1", rcardinality="Single")
        ET.SubElement(ET.SubElement(resp, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        low, high = band(item)
        ET.SubElement(var, "vargte", respident="response1").text = f"{low:.6g}"
        ET.SubElement(var, "varlte", respident="response1").text = f"{high:.6g}"
    ET.SubElement(cond, "setvar", action="Set", varname="SCORE").text = "100"
    if item.explanation:
        ET.SubElement(cond, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
        fb = ET.SubElement(el, "itemfeedback", ident="general_fb")
        _material(ET.SubElement(fb, "flow_mat"), item.explanation)


def assessment_xml(lesson) -> bytes:
    """The QTI 1.2 ``questestinterop`` document of a lesson's quiz."""
    key = lesson_key(lesson)
    items = key.of_kind("question")
    if not items:
        raise ValueError(f"lesson={lesson!r}: the lesson's key has no quiz questions")
    number = items[0].lesson
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = ET.SubElement(root, "assessment", ident=f"glucolab-lesson{number:02d}",
                               title=f"glucolab Lesson {number}: check your understanding")
    meta = ET.SubElement(ET.SubElement(assessment, "qtimetadata"), "qtimetadatafield")
    ET.SubElement(meta, "fieldlabel").text = "cc_maxattempts"
    ET.SubElement(meta, "fieldentry").text = "1"
    section = ET.SubElement(assessment, "section", ident="root_section")
    for item in items:
        _item_xml(section, item)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def manifest_xml(number: int, href: str) -> bytes:
    root = ET.Element("manifest", identifier=f"glucolab-lesson{number:02d}-manifest", xmlns=CP_NS)
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "IMS Content"
    ET.SubElement(meta, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    res = ET.SubElement(resources, "resource", identifier=f"glucolab-lesson{number:02d}",
                        type="imsqti_xmlv1p2", href=href)
    ET.SubElement(res, "file", href=href)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def export_quiz(lesson, path) -> Path:
    """Write the lesson's quiz as a QTI 1.2 zip at ``path``; return the path."""
    number = lesson_number(lesson)
    body = assessment_xml(number)
    href = f"glucolab-lesson{number:02d}/assessment.xml"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", manifest_xml(number, href))
        z.writestr(href, body)
    return path


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def read_package(path) -> list:
    """The questions of a QTI package written by :func:`export_quiz`, as dicts with ``id``,
    ``type``, ``text``, ``options``, ``answer`` (option text) or ``low``/``high``, ``feedback``."""
    with zipfile.ZipFile(path) as z:
        manifest = ET.parse(io.BytesIO(z.read("imsmanifest.xml"))).getroot()
        href = manifest.find(f".//{{{CP_NS}}}resource").get("href")
        root = ET.parse(io.BytesIO(z.read(href))).getroot()
    out = []
    for item in root.iter(_q("item")):
        fields = {f.findtext(_q("fieldlabel")): f.findtext(_q("fieldentry")) for f in item.iter(_q("qtimetadatafield"))}
        pres = item.find(_q("presentation"))
        q = {"id": item.get("ident"), "type": fields["question_type"],
             "text": pres.find(f"{_q('material')}/{_q('mattext')}").text,
             "feedback": item.findtext(f".//{_q('itemfeedback')}//{_q('mattext')}")}
        var = item.find(f".//{_q('respcondition')}/{_q('conditionvar')}")
        if q["type"] == "multiple_choice_question":
            labels = {lab.get("ident"): lab.findtext(f".//{_q('mattext')}") for lab in pres.iter(_q("response_label"))}
            q["options"] = list(labels.values())
            q["answer"] = labels[var.findtext(_q("varequal"))]
        else:
            q["low"], q["high"] = float(var.findtext(_q("vargte"))), float(var.findtext(_q("varlte")))
        out.append(q)
    return out


def accepts(question: dict, value: float) -> bool:
    """Whether a numeric question read back from a package accepts ``value``."""
    return question["low"] - 1e-12 <= value <= question["high"] + 1e-12 and math.isfinite(value)
