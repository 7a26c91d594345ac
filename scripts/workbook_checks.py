#!/usr/bin/env python3
"""Checks that Telaah's workbooks print as an Inspektorat can sign them (issue 16).

For every sheet of every workbook, read with openpyxl:
- rows holding wrapped or long text have a height set, tall enough for their lines;
- table sheets repeat their heading rows on every printed page (print titles);
- the sheet fits the page's width and runs down as many pages as it needs (fitToWidth 1,
  fitToHeight 0, fitToPage), and a sheet wider than 150 characters prints landscape;
- every formula gives its cached value (the figure a reader without recalculation sees), by a
  small evaluator of the functions Telaah writes, over the cached values of the cells it reads;
- a row that prints a mean or a total ("Rata-rata", "Jumlah", "Nilai Akuntabilitas Kinerja")
  has its figure as a formula, and so has every figure under a "Total Nilai" heading;
- the worksheet parts keep the element order the schema requires (Excel refuses others).

Use from a test script: `check_workbooks(paths, check)`, where `check(name, ok, detail="")`
reports one result. Or alone: `python3 scripts/workbook_checks.py file.xlsx ...`.
"""
import math
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from decimal import Decimal, ROUND_HALF_UP

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

MEAN_OR_TOTAL = {"rata-rata", "jumlah", "nilai akuntabilitas kinerja"}
TOTAL_HEADINGS = {"total nilai"}
LANDSCAPE_WIDTH = 150
# CT_Worksheet's sequence: a part with its children out of this order is refused by Excel.
WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
    "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
    "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems",
    "tableParts", "extLst",
]
TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"|(?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)"
    r"|(?P<name>[A-Z][A-Z0-9.]*)\s*\(|(?P<op>[-+*/(),]))")


class FormulaError(Exception):
    pass


def number(value):
    """A cell's cached value as an exact decimal (floats through their shortest form), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return None


def excel_round(value, digits):
    """ROUND: half away from zero, as Excel (and the core's ExactDecimal) round."""
    step = Decimal(1).scaleb(-int(digits))
    return value.quantize(step, rounding=ROUND_HALF_UP)


def numbers_of(args):
    """The numbers among the arguments; text and empty cells in ranges are skipped, as Excel does."""
    out = []
    for a in args:
        if isinstance(a, list):
            out.extend(v for v in a if isinstance(v, Decimal))
        elif isinstance(a, Decimal):
            out.append(a)
    return out


def average(args):
    values = numbers_of(args)
    if not values:
        raise FormulaError("AVERAGE of nothing (#DIV/0!)")
    return sum(values) / len(values)


FUNCTIONS = {
    "SUM": lambda args: sum(numbers_of(args), Decimal(0)),
    "AVERAGE": average,
    "COUNT": lambda args: Decimal(len(numbers_of(args))),
    "MIN": lambda args: min(numbers_of(args)),
    "MAX": lambda args: max(numbers_of(args)),
    "ABS": lambda args: abs(scalar(args[0])),
    "ROUND": lambda args: excel_round(scalar(args[0]), scalar(args[1])),
}


def scalar(value):
    if isinstance(value, list):
        if len(value) != 1:
            raise FormulaError("a range where one value is expected")
        value = value[0]
    if value is None:
        return Decimal(0)
    if not isinstance(value, Decimal):
        raise FormulaError(f"not a number: {value!r}")
    return value


def tokenize(formula):
    tokens, position = [], 0
    formula = formula.strip()
    while position < len(formula):
        m = TOKEN.match(formula, position)
        if not m or m.end() == position:
            raise FormulaError(f"cannot read {formula[position:]!r}")
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
        position = m.end()
    return tokens


def evaluate(formula, cell_value, sheet):
    """The value of `formula` (without '='), reading cells through `cell_value(sheet, column, row)`."""
    tokens = tokenize(formula.lstrip("="))
    position = 0

    def peek():
        return tokens[position] if position < len(tokens) else (None, None)

    def take(expected=None):
        nonlocal position
        token = peek()
        if expected is not None and token[1] != expected:
            raise FormulaError(f"expected {expected!r}, found {token[1]!r} in {formula}")
        position += 1
        return token

    def reference(text):
        target = sheet
        if "!" in text:
            target, text = text.rsplit("!", 1)
            if target.startswith("'"):
                target = target[1:-1].replace("''", "'")
        text = text.replace("$", "")
        if ":" in text:
            low, top, high, bottom = range_boundaries(text)
            return [cell_value(target, c, r) for r in range(top, bottom + 1) for c in range(low, high + 1)]
        m = re.fullmatch(r"([A-Z]+)(\d+)", text)
        return cell_value(target, column_index_from_string(m.group(1)), int(m.group(2)))

    def primary():
        kind, text = take()
        if kind == "number":
            return Decimal(text)
        if kind == "ref":
            return reference(text)
        if kind == "name":
            if text not in FUNCTIONS:
                raise FormulaError(f"function {text} not known to this check")
            args = []
            if peek()[1] != ")":
                args.append(expression())
                while peek()[1] == ",":
                    take(",")
                    args.append(expression())
            take(")")
            return FUNCTIONS[text](args)
        if text == "(":
            value = expression()
            take(")")
            return value
        if text == "-":
            return -scalar(primary())
        if text == "+":
            return scalar(primary())
        raise FormulaError(f"unexpected {text!r} in {formula}")

    def term():
        value = primary()
        while peek()[1] in ("*", "/"):
            op = take()[1]
            right = scalar(primary())
            if op == "*":
                value = scalar(value) * right
            elif right == 0:
                raise FormulaError("#DIV/0!")
            else:
                value = scalar(value) / right
        return value

    def expression():
        value = term()
        while peek()[1] in ("+", "-"):
            op = take()[1]
            right = scalar(term())
            value = scalar(value) + right if op == "+" else scalar(value) - right
        return value

    result = expression()
    if position != len(tokens):
        raise FormulaError(f"left over {tokens[position:]} in {formula}")
    return scalar(result)


def merged_spans(ws):
    """Anchor (row, column) of each merged range: its width in columns and height in rows."""
    spans = {}
    for r in ws.merged_cells.ranges:
        spans[(r.min_row, r.min_col)] = (r.min_col, r.max_col, r.max_row - r.min_row + 1)
    return spans


def column_width(ws, column):
    width = ws.column_dimensions[get_column_letter(column)].width
    return width if width else 8.43


def text_lines(text, width):
    """Lines a wrapped text needs at a generous 1.2 characters per unit of width: a lower bound."""
    per_line = max(1, int(width * 1.2))
    return sum(max(1, math.ceil(len(p) / per_line)) for p in text.split("\n"))


def check_heights(ws):
    """Rows whose text wraps or is longer than its cell, but have no height or too small a one."""
    spans = merged_spans(ws)
    problems = []
    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value or not hasattr(cell, "column_letter"):
                continue
            first, last, rows = spans.get((cell.row, cell.column), (cell.column, cell.column, 1))
            if rows > 1:
                continue
            width = sum(column_width(ws, c) for c in range(first, last + 1))
            wraps = bool(cell.alignment and cell.alignment.wrap_text)
            long = max(len(p) for p in cell.value.split("\n")) > width
            if not (wraps or long or "\n" in cell.value):
                continue
            height = ws.row_dimensions[cell.row].height
            needed = 12 * text_lines(cell.value, width) if wraps else 12
            if height is None or height < needed:
                problems.append(f"{cell.coordinate} ({len(cell.value)} characters, width {width:g}): "
                                f"height {height}, at least {needed}")
                break
    return problems


def heading_rows(ws):
    """Rows styled as table headings (bold on a solid fill)."""
    rows = []
    for row in ws.iter_rows():
        if any(isinstance(c.value, str) and c.font and c.font.b and c.fill and c.fill.fill_type == "solid"
               for c in row):
            rows.append(row[0].row)
    return rows


def print_title_range(ws):
    titles = ws.print_title_rows
    if not titles:
        return None
    m = re.fullmatch(r"\$?(\d+):\$?(\d+)", titles.split("!")[-1])
    return (int(m.group(1)), int(m.group(2))) if m else None


def label(row):
    for cell in row[:2]:
        if isinstance(cell.value, str) and cell.value.strip():
            return cell.value.strip().lower()
    return ""


def element_order(path):
    """Worksheet parts whose children are out of the schema's order."""
    problems = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                continue
            root = ET.fromstring(z.read(name))
            tags = [child.tag.split("}")[-1] for child in root]
            positions = [WORKSHEET_ORDER.index(t) if t in WORKSHEET_ORDER else -1 for t in tags]
            if -1 in positions or positions != sorted(positions) or len(set(tags)) != len(tags):
                problems.append(f"{name}: {tags}")
    return problems


def check_workbooks(paths, check):
    """Runs every check on each workbook in `paths`, reporting through `check(name, ok, detail)`."""
    for path in paths:
        base = os.path.basename(path)
        order = element_order(path)
        check(f"{base}: worksheet elements in the schema's order", not order, order[:3])
        formulas = openpyxl.load_workbook(path, data_only=False)
        cached = openpyxl.load_workbook(path, data_only=True)

        def cell_value(sheet, column, row):
            value = cached[sheet].cell(row=row, column=column).value
            return number(value) if number(value) is not None else value

        for ws in formulas.worksheets:
            values = cached[ws.title]
            name = f"{base} › {ws.title}"
            problems = check_heights(ws)
            check(f"{name}: rows with wrapped or long text have a height", not problems, problems[:3])

            headings = heading_rows(ws)
            if headings:
                titles = print_title_range(ws)
                check(f"{name}: the headings repeat on every printed page",
                      titles is not None and titles[0] <= headings[0] <= titles[1],
                      f"print titles {ws.print_title_rows}, headings at rows {headings[:3]}")

            setup = ws.page_setup
            fit = ws.sheet_properties.pageSetUpPr
            check(f"{name}: fits the page's width, as many pages down as needed",
                  fit is not None and bool(fit.fitToPage) and int(setup.fitToWidth or 0) == 1
                  and int(setup.fitToHeight if setup.fitToHeight is not None else 1) == 0,
                  f"fitToPage {fit and fit.fitToPage}, fitToWidth {setup.fitToWidth}, "
                  f"fitToHeight {setup.fitToHeight}")
            width = sum(column_width(ws, c) for c in range(1, ws.max_column + 1))
            if width > LANDSCAPE_WIDTH:
                check(f"{name}: {width:g} characters wide, printed landscape", setup.orientation == "landscape",
                      setup.orientation)

            wrong, count = [], 0
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type != "f" or not isinstance(cell.value, str):
                        continue
                    count += 1
                    shown = number(values[cell.coordinate].value)
                    try:
                        result = evaluate(cell.value, cell_value, ws.title)
                    except (FormulaError, KeyError, ValueError, AttributeError) as e:
                        wrong.append(f"{cell.coordinate} {cell.value}: {e}")
                        continue
                    if shown is None or abs(result - shown) > Decimal("1e-9"):
                        wrong.append(f"{cell.coordinate} {cell.value} gives {result}, cached {shown}")
            if count:
                check(f"{name}: {count} formulas give their cached figures", not wrong, wrong[:3])

            typed = []
            total_columns = {c.column for row in ws.iter_rows() for c in row
                             if isinstance(c.value, str) and c.value.strip().lower() in TOTAL_HEADINGS}
            for row in ws.iter_rows():
                figures = [c for c in row if c.data_type == "f" or isinstance(c.value, (int, float))]
                if label(row) in MEAN_OR_TOTAL and figures and not any(c.data_type == "f" for c in figures):
                    typed.append(f"row {row[0].row} ({label(row)})")
                typed += [f"{c.coordinate} under Total Nilai" for c in figures
                          if c.column in total_columns and c.data_type != "f"]
            printed = any(label(row) in MEAN_OR_TOTAL for row in ws.iter_rows()) or total_columns
            if printed:
                check(f"{name}: means and totals are formulas", not typed and count > 0, typed[:3])


def main(argv):
    results = {"passed": 0, "failed": 0}

    def check(name, ok, detail=""):
        results["passed" if ok else "failed"] += 1
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)

    if not argv:
        print("usage: workbook_checks.py file.xlsx ...", file=sys.stderr)
        return 2
    check_workbooks(argv, check)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
