#!/usr/bin/env python3
"""Fills translations into a Qt .ts file from a JSON mapping.

Usage: ts-fill.py FILE.ts MAPPING.json
MAPPING: {"Context": {"source text": "translation" | ["form0", "form1", …]}}
Only entries whose translation is unfinished or empty are touched; entries the
mapping does not know stay as they are. Prints what is still unfinished.
"""
import json
import sys
import xml.etree.ElementTree as ET


def main():
    ts_path, mapping_path = sys.argv[1], sys.argv[2]
    with open(mapping_path, encoding="utf-8") as f:
        mapping = json.load(f)
    tree = ET.parse(ts_path)
    left = []
    for ctx in tree.getroot().findall("context"):
        name = ctx.find("name").text
        table = mapping.get(name, {})
        for msg in ctx.findall("message"):
            src = msg.find("source").text
            tr = msg.find("translation")
            if tr.get("type") not in ("unfinished", None) and tr.get("type") != "unfinished":
                continue
            if tr.get("type") != "unfinished" and (tr.text or len(tr)):
                continue
            value = table.get(src)
            if value is None:
                left.append(f"{name}: {src!r}")
                continue
            if msg.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value]
                for child in list(tr):
                    tr.remove(child)
                tr.text = None
                for form in forms:
                    ET.SubElement(tr, "numerusform").text = form
            else:
                tr.text = value
            tr.attrib.pop("type", None)
    # lupdate's own layout: <context> at column 0, <message> at 4, so that a
    # later update_translations run changes nothing but content.
    ET.indent(tree, space="    ")
    for ctx in tree.getroot():
        ctx.tail = "\n"
    root = tree.getroot()
    root.text = "\n"
    with open(ts_path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    for line in left:
        print("unfinished:", line)


if __name__ == "__main__":
    main()
