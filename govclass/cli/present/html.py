"""``validate --format html``: one self-contained page (no file beside it, no script, no network) that a
reviewer reads top to bottom: the verdict and the counts per rule and per table, then every finding
beside a crop of its PDF page with the rows it rests on boxed in red, then the statements that could not
be checked, folded.

Where each box comes from: the row's box the PDF reader carries (``Finding.box``, and for a comparison
between a table and the narrative each printed figure's ``Printed.box``); for a finding the reader gave
no box (a sentence of the narrative, a table said of as a whole) the page is searched for the printed
text it names (PDFium's text search), and the crop says that it was found so.  A finding with no page
(a CSV, a JSON document) is listed without a crop."""

from __future__ import annotations

import base64
import html
from typing import TextIO

from govclass.cli.present.pdfview import finding_boxes

from govclass.cli.present.summary import UNCHECKED, VERDICT_WORDS, counts

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from govclass.cli.present.pdfview import Pdf

#: CSS pixels per point of a crop shown (the crops are rendered at govclass.cli.present.pdfview.RENDER_SCALE, so
#: they stay sharp): a budget table's 9-point figures read at about 13 pixels
DISPLAY_SCALE = 1.5
__all__ = ["write_html", "CONTEXT_ABOVE", "CONTEXT_BELOW"]

#: how much of the page a crop shows above the topmost box and below the lowest, in points (about five
#: rows of a budget table: the parent row or the 合计 a sum is compared with is in sight)
CONTEXT_ABOVE = 90.0
CONTEXT_BELOW = 90.0

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:24px;color:#111;
 max-width:1400px}
h1{font-size:20px;margin:0 0 8px}
.verdict{font-size:18px;font-weight:bold;padding:6px 10px;display:inline-block;border-radius:4px}
.v-errors{background:#fde2e2;color:#a00}.v-incomplete{background:#fff1cc;color:#7a5200}.v-ok{background:#dff5e1;color:#135c1b}
table.counts{border-collapse:collapse;margin:8px 16px 8px 0;display:inline-table;vertical-align:top}
table.counts td,table.counts th{border:1px solid #ccc;padding:2px 8px;font-size:13px;text-align:left}
.finding{display:flex;flex-wrap:wrap;gap:16px;border-top:1px solid #ddd;padding:12px 0;align-items:flex-start}
.finding .about{flex:0 1 360px;font-size:14px}
.finding .about h2{font-size:15px;margin:0 0 4px}
.sev-error h2{color:#b00}.sev-warning h2{color:#8a5a00}.sev-info h2{color:#555}
.printed{font-family:monospace;font-size:12px;color:#333;word-break:break-all}
.crops{display:flex;flex-direction:column;gap:8px;flex:1 1 480px;min-width:0}
.crop{margin:0}
.page{position:relative;border:1px solid #999;line-height:0;max-width:100%}
.page img{display:block;width:100%;height:auto}
.box{position:absolute;border:2px solid rgb(220,0,0);box-sizing:border-box}
.cell{position:absolute;border:1.5px solid rgb(0,90,220);box-sizing:border-box}
.found{position:absolute;border:2px dashed rgb(220,0,0);box-sizing:border-box}
.crop figcaption{font-size:12px;color:#555;line-height:1.4}
details{margin-top:16px}
"""


def write_html(path: str, report, stream: TextIO, lang: str = "both") -> None:
    """The page of ``report`` (a :class:`govclass.Report` on ``path``) written to ``stream``."""
    data = report.to_dict()
    shown = [(f, d) for f, d in zip(report.findings, data["findings"]) if f.rule != UNCHECKED]
    unchecked = [d for f, d in zip(report.findings, data["findings"]) if f.rule == UNCHECKED]
    pdf = _open_pdf(path)
    try:
        write = stream.write
        write(f'<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
              f"<title>govclass: {_e(path)}</title><style>{_STYLE}</style></head><body>\n")
        write(_summary(path, data, lang))
        write('<section class="findings">\n')
        pages = _Pages(pdf)
        for index, (finding, as_dict) in enumerate(shown, 1):
            write(_finding(index, finding, as_dict, pages, lang))
        write("</section>\n")
        if unchecked:
            write(f"<details><summary>{len(unchecked)} statements could not be checked (insufficient-data)"
                  f"</summary><ul>\n")
            for d in unchecked:
                write(f"<li>{_messages(d, lang)}</li>\n")
            write("</ul></details>\n")
        write("</body></html>\n")
    finally:
        if pdf is not None:
            pdf.close()


def _open_pdf(path: str):
    """The PDF the report is on, or None for another input (its findings have no page to show)."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as fh:
            if fh.read(5) != b"%PDF-":
                return None
    except OSError:
        return None
    from govclass.cli.present.pdfview import Pdf

    return Pdf(path)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _summary(path: str, data: dict, lang: str) -> str:
    en, zh = VERDICT_WORDS[data["verdict"]]
    said = zh if lang == "zh" else en if lang == "en" else f"{en} · {zh}"
    s = data["summary"]
    release = data["govclass"]
    rules, tables = counts(data["findings"])
    parts = [f"<header><h1>{_e(path)}</h1>",
             f'<p class="verdict v-{data["verdict"]}" id="verdict">{_e(said)}</p>',
             f"<p>{s['error']} error(s), {s['warning']} warning(s), {s['info']} info · edition {data['edition']} · "
             f"{data['tables']} table(s), {data['lines']} line(s) · govclass {_e(release['version'])}, editions "
             f"{release['editions'][0]}–{release['editions'][1]} · report format {_e(data['version'])}</p>"]
    if rules:
        parts.append('<table class="counts" id="by-rule"><tr><th>findings</th><th>severity</th><th>rule</th></tr>')
        parts += [f"<tr><td>{n}</td><td>{_e(sev)}</td><td>{_e(rule)}</td></tr>" for rule, sev, n in rules]
        parts.append('</table><table class="counts" id="by-table"><tr><th>findings</th><th>table</th></tr>')
        parts += [f"<tr><td>{', '.join(f'{n} {sev}' for sev, n in c.items() if n)}</td><td>{_e(table)}</td></tr>"
                  for table, c in tables]
        parts.append("</table>")
    parts.append("</header>\n")
    return "".join(parts)


def _messages(d: dict, lang: str) -> str:
    zh = f'<p lang="zh">{_e(d["message_zh"])}</p>'
    en = f'<p lang="en">{_e(d["message"])}</p>'
    return zh if lang == "zh" else en if lang == "en" else zh + en


def _finding(index: int, finding, d: dict, pages: "_Pages", lang: str) -> str:
    where = [d["table"] or "-"]
    if d.get("page") is not None:
        where.append(f"page {d['page']}")
    if d["line"] is not None:
        where.append(f"line {d['line']}")
    about = (f'<div class="about"><h2>{_e(d["severity"])} · {_e(d["rule"])}</h2><p>{_e(" · ".join(where))}</p>'
             + _messages(d, lang)
             + (f'<p class="printed">printed: {_e(d["text"])}</p>' if d.get("text") else "")
             + (f"<p>“{_e(d['sentence'])}”</p>" if d.get("sentence") else "") + "</div>")
    crops = "" if pages.pdf is None else "".join(pages.crop(page, boxes) for page, boxes in
                                                 finding_boxes(pages.pdf, finding))
    return (f'<article class="finding sev-{_e(d["severity"])}" id="f{index}" data-rule="{_e(d["rule"])}">'
            f'{about}<div class="crops">{crops}</div></article>\n')


class _Pages:
    """The PDF's pages cropped for each finding (govclass.cli.present.pdfview keeps the last pages rendered)."""

    def __init__(self, pdf) -> None:
        self.pdf = pdf

    def crop(self, page: int, boxes: list) -> str:
        from govclass.cli.present.pdfview import CELL, FOUND, RENDER_SCALE, ROW

        if not 0 < page <= len(self.pdf):
            return f'<p class="crop">page {page} is not in the file</p>'
        width, height = self.pdf.size(page)
        if boxes:
            top = max(0.0, min(b[1] for _k, b in boxes) - CONTEXT_ABOVE)
            bottom = min(height, max(b[3] for _k, b in boxes) + CONTEXT_BELOW)
        else:
            top, bottom = 0.0, height
        image, pixels_wide, pixels_high = self.pdf.crop(page, top, bottom, RENDER_SCALE)
        shown_wide = pixels_wide / RENDER_SCALE * DISPLAY_SCALE
        first = int(top * RENDER_SCALE) / RENDER_SCALE  # the crop starts on a whole pixel
        crop_wide, crop_high = pixels_wide / RENDER_SCALE, pixels_high / RENDER_SCALE  # in points
        pad = {ROW: 0.0, CELL: 2.0, FOUND: 2.0}  # a figure's and a found text's box: around the glyphs
        # in hundredths of the crop, so that a crop shrunk to fit a narrow window keeps its boxes on their rows
        drawn = "".join(
            f'<div class="{kind}" style="left:{(b[0] - pad[kind]) / crop_wide:.3%};'
            f'top:{(b[1] - first - pad[kind]) / crop_high:.3%};width:{(b[2] - b[0] + 2 * pad[kind]) / crop_wide:.3%};'
            f'height:{(b[3] - b[1] + 2 * pad[kind]) / crop_high:.3%}"></div>' for kind, b in boxes)
        kinds = {kind for kind, _b in boxes}
        how = ("the row not located on the page: the whole page" if not boxes else
               "found on the page by its printed text" if kinds == {FOUND} else
               "the row as the reader read it" + (", its figure in the finding's column" if CELL in kinds else ""))
        return (f'<figure class="crop" data-page="{page}"><div class="page" style="width:{shown_wide:.1f}px">'
                f'<img alt="page {page}" '
                f'src="data:image/png;base64,{base64.b64encode(image).decode("ascii")}">{drawn}</div>'
                f"<figcaption>page {page} · {how}</figcaption></figure>")
