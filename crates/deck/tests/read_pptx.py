"""Reads Waymark decks with python-pptx, as a third-party consumer would.

Usage: read_pptx.py FILE.pptx...  Prints one JSON object per file: slide
count, shape count, every slide's texts (shapes and table cells) and notes,
and the problems found: text under 8 pt, a shape off the slide, a content
slide without speaker notes. Exits 1 when a file cannot be read.
"""

import json
import sys

from pptx import Presentation
from pptx.util import Pt

MIN_SIZE = Pt(8)


def frame_texts(frame, where, problems):
    out = []
    for p in frame.paragraphs:
        for r in p.runs:
            if r.font.size is not None and r.font.size < MIN_SIZE:
                problems.append(f"{where}: text {r.text!r} is {r.font.size.pt} pt")
        if p.text:
            out.append(p.text)
    return out


def read(path):
    prs = Presentation(path)
    width, height = prs.slide_width, prs.slide_height
    slides, problems, shapes = [], [], 0
    for n, slide in enumerate(prs.slides, start=1):
        texts = []
        for shape in slide.shapes:
            shapes += 1
            where = f"slide {n}, {shape.name!r}"
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > width or shape.top + shape.height > height:
                problems.append(f"{where}: outside the slide")
            if shape.has_text_frame:
                texts += frame_texts(shape.text_frame, where, problems)
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        texts += frame_texts(cell.text_frame, where, problems)
        notes = ""
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame.text
        if n > 1 and not notes.strip():
            problems.append(f"slide {n}: no speaker notes")
        title = slide.shapes.title.text if slide.shapes.title is not None else None
        slides.append({"title": title, "texts": texts, "notes": notes})
    return {
        "file": path,
        "widescreen": (width, height) == (12192000, 6858000),
        "slides": slides,
        "shapes": shapes,
        "problems": problems,
    }


def main():
    for path in sys.argv[1:]:
        print(json.dumps(read(path)))


if __name__ == "__main__":
    main()
