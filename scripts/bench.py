"""`make bench [N=1000]`: how fast cddgen turns a whole concurso into actas, on this machine.

A synthetic Ascenso workbook of N postulantes (every sheet filled, accents, varied careers)
is generated, then each stage runs in a fresh child process (so its peak memory is its own,
not the benchmark's) and the figures are printed one per line and written to
outbox/bench/latest.json:

- read + validate + score, against pandas.read_excel loading the same workbook (both the best
  of three runs; pandas' calamine engine is shown as a reference);
- every acta to .docx;
- the whole `cddgen render actas` (.docx + PDF), against one `soffice --convert-to pdf` per
  document (a sample of 20) and against LibreOffice converting the same .docx files in one
  batch per core, with nothing of cddgen around it (the "speed of light");
- the informe final with the expediente foliado of all those actas;
- one inbox pass over a hostile inbox (issue 15): every file of tests/corpus/, files and a link
  named like the inbox's folders, valid forms, and the largest inputs the documented limits
  allow (a Word ficha with 19 MB of XML, a sheet of a million cells, a workbook at the limit
  of a marked copy, 19 MB of shared strings), with its peak memory.

Targets (issue 8): ≥ 12× the naive throughput, ≥ 0.8 of the raw batch, score ≤ 1.5× the
pandas load, peak memory under 1 GiB for 5,000 postulantes, and under 1 GiB for the hostile
inbox pass. They are reported, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
COMMITTEE = REPO / "forms" / "ejemplos" / "comite.xlsx"
NAIVE_SAMPLE = 20
SHORT_STAGE_RUNS = 3

# ------------------------------------------------------------------ synthetic workbook

APELLIDOS = ["Quispe", "Mamani", "Huamán", "Ñañez", "Pérez", "Rodríguez", "Cárdenas", "Flores", "Chávez",
             "D'Angelo", "Muñoz", "Ríos", "Sánchez", "Gutiérrez", "Vásquez", "Ccori", "Yupanqui", "Inga",
             "Arévalo", "López", "Castañeda", "Ñaupari", "Zúñiga", "Peña"]
NOMBRES = ["María Elena", "José Luis", "Rosa Amelia", "Juan Carlos", "Lucía", "Ángel", "Sofía", "Raúl",
           "Verónica", "Nelly", "Alfredo", "Iñigo", "Begoña", "Martín", "Inés", "Óscar", "Zoila", "Héctor"]
REGIONES = [("Lima", "UGEL 02 – Rímac"), ("Cusco", "UGEL Cusco"), ("Puno", "UGEL Puno"),
            ("Loreto", "UGEL Maynas"), ("Áncash", "UGEL Huaraz"), ("Piura", "UGEL Piura")]
INSTITUCIONES = ["Universidad Nacional Mayor de San Marcos", "Pontificia Universidad Católica del Perú",
                 "Universidad Nacional de Educación Enrique Guzmán y Valle", "Universidad César Vallejo",
                 "Universidad Nacional San Antonio Abad del Cusco", "Universidad Nacional del Altiplano"]


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def synthetic_data(n: int, rules: dict, spec, seed: int = 2026) -> dict[str, list[dict[str, Any]]]:
    """N postulantes with realistic, varied records in every sheet (deterministic per seed)."""
    from generator.forms import ascenso as form

    rng = random.Random(seed)
    grados = list(spec.sheet(form.GRADOS_SHEET).column("tipo").choices)
    capacitaciones = list(spec.sheet(form.CAPACITACIONES_SHEET).column("tipo").choices)
    entidades = list(spec.sheet(form.CAPACITACIONES_SHEET).column("entidad_tipo").choices)
    meritos = list(spec.sheet(form.MERITOS_SHEET).column("tipo").choices)
    documentos = list(spec.sheet(form.MERITOS_SHEET).column("documento").choices)
    cargos = list(spec.sheet(form.EXPERIENCIA_SHEET).column("cargo").choices)
    discapacidad = list(spec.sheet(form.POSTULANTES_SHEET).column("disc_documento").choices)
    sihce = list(spec.sheet(form.POSTULANTES_SHEET).column("disc_sihce").choices)
    data: dict[str, list[dict[str, Any]]] = {
        form.POSTULANTES_SHEET: [], form.GRADOS_SHEET: [], form.CAPACITACIONES_SHEET: [],
        form.MERITOS_SHEET: [], form.EXPERIENCIA_SHEET: [],
    }
    for index in range(n):
        dni = f"{10_000_000 + index * 7919 % 89_999_999:08d}"
        apellidos = f"{rng.choice(APELLIDOS)} {rng.choice(APELLIDOS)}"
        nombres = rng.choice(NOMBRES)
        region, iged = rng.choice(REGIONES)
        nombramiento = _date(rng, dt.date(1995, 3, 1), dt.date(2021, 3, 1))
        row = {
            "dni": dni, "apellidos": apellidos, "nombres": nombres,
            "correo": f"docente{index}@gmail.com", "direccion": f"Jr. Huánuco {100 + index % 900}, Rímac",
            "region": region, "iged": iged, "escala": rng.randint(1, 7),
            "tiempo_anios": rng.randint(1, 6), "tiempo_meses": rng.randint(0, 11), "tiempo_dias": rng.randint(0, 29),
            "ascendio_2022": rng.choice(["No"] * 9 + ["Sí"]),
            "rural_inscripcion": rng.choice(["No", "No", "Sí"]), "rural_tres_anios": rng.choice(["No", "Sí"]),
            "fecha_nombramiento": nombramiento,
            "grupo_corresponde": rng.choice(["Sí"] * 30 + ["No"]), "condena_leyes": "No",
            "condena_dolosa": rng.choice(["No"] * 60 + ["Sí"]), "sancion": rng.choice(["No"] * 40 + ["Sí"]),
            "puntaje_nacional": round(rng.uniform(60, 110), 2),
        }
        # A failed idoneidad c) or d) cites its document: the oficio de retiro names it (seed 003, 2.3.2).
        for letter, field, source in (("c", "condena_dolosa", "Informe escalafonario"),
                                      ("d", "sancion", "Informe escalafonario")):
            if row[field] == "Sí":
                row.update({f"idon_{letter}_documento": f"Informe escalafonario N° {index:05d}-2025-UGEL02",
                            f"idon_{letter}_fecha": dt.date(2025, 10, 14), f"idon_{letter}_fuente": source})
        if rng.random() < 0.04:
            row.update({
                "disc_documento": rng.choice(discapacidad), "disc_numero": f"{rng.randint(1, 99999):08d}",
                "disc_presentacion": _date(rng, dt.date(2026, 1, 3), dt.date(2026, 1, 16)),
                "disc_expedicion": _date(rng, dt.date(2015, 1, 1), dt.date(2024, 1, 1)),
                "disc_sihce": rng.choice(sihce),
            })
        data[form.POSTULANTES_SHEET].append(row)
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            data[form.GRADOS_SHEET].append({
                "dni": dni, "tipo": rng.choice(grados), "denominacion": "Educación con mención en Gestión",
                "institucion": rng.choice(INSTITUCIONES), "situacion": rng.choice(["Obtenido"] * 5 + ["Egresado"]),
                "fecha_emision": _date(rng, dt.date(2000, 1, 1), dt.date(2025, 12, 31)),
            })
        for _ in range(rng.randint(0, 4)):
            data[form.CAPACITACIONES_SHEET].append({
                "dni": dni, "tipo": rng.choice(capacitaciones), "denominacion": "Didáctica de la matemática",
                "entidad_tipo": rng.choice(entidades), "entidad": rng.choice(INSTITUCIONES),
                "creditos": rng.choice([None, 1, 2, 7, 24, 26]), "horas": rng.choice([None, 16, 32, 112, 384, 400]),
                "fecha_emision": _date(rng, dt.date(2019, 1, 1), dt.date(2026, 1, 10)),
            })
        if rng.random() < 0.15:
            data[form.MERITOS_SHEET].append({
                "dni": dni, "tipo": rng.choice(meritos), "descripcion": "Reconocimiento a la labor docente",
                "documento": rng.choice(documentos), "numero_documento": f"RM N° {rng.randint(1, 999):03d}-2023-MINEDU",
                "fecha": _date(rng, dt.date(2015, 1, 1), dt.date(2025, 12, 1)),
            })
        start = max(nombramiento - dt.timedelta(days=rng.randint(0, 2000)), dt.date(1990, 3, 1))
        for _ in range(rng.randint(1, 4)):
            end = min(start + dt.timedelta(days=rng.randint(200, 2500)), dt.date(2025, 12, 31))
            data[form.EXPERIENCIA_SHEET].append({
                "dni": dni, "cargo": rng.choice(cargos), "institucion": f"I.E. N° {rng.randint(1000, 9999)}",
                "inicio": start, "fin": end,
                "resolucion": rng.choice([f"RD N° {rng.randint(1, 9999):05d}-{start.year}-UGEL02"] * 9 + [None]),
            })
            start = end + dt.timedelta(days=rng.randint(-60, 200))
            if start > dt.date(2025, 6, 1):
                break
    return data


def write_synthetic(n: int, target: Path) -> Path:
    from generator.config import load_settings
    from generator.forms.ascenso import ascenso_form
    from generator.forms.xlsx_writer import write_form

    rules = load_settings(environ={}).rules.ascenso
    spec = ascenso_form(rules)
    return write_form(spec, target, synthetic_data(n, rules, spec))


# ------------------------------------------------------------------ a hostile inbox (issue 15)


def _random_text(rng: random.Random, size: int) -> str:
    """``size`` characters of hexadecimal words: XML that compresses about 10:1, far from what
    the zip-bomb check refuses, so the part keeps its size inside a small file."""
    words = []
    total = 0
    while total < size:
        word = f"{rng.getrandbits(32):08x}"
        words.append(word)
        total += len(word) + 1
    return " ".join(words)


def _largest_word_ficha(rng: random.Random) -> bytes:
    """The Word ficha with paragraphs added until its document.xml is just under the limit of an
    XML part that python-docx loads whole (MAX_XML_PART_BYTES)."""
    from generator.readers.safety import MAX_XML_PART_BYTES
    from scripts.build_corpus import CAP_DOCX, example, read_entry, repack

    data = example(CAP_DOCX)
    xml = read_entry(data, "word/document.xml").decode("utf-8")
    room = MAX_XML_PART_BYTES - len(xml.encode("utf-8")) - 1024
    paragraphs = []
    while room > 0:
        paragraph = f"<w:p><w:r><w:t>{_random_text(rng, 60)}</w:t></w:r></w:p>"
        paragraphs.append(paragraph)
        room -= len(paragraph)
    xml = xml.replace("<w:body>", "<w:body>" + "".join(paragraphs), 1)
    return repack(data, replace={"word/document.xml": xml.encode("utf-8")})


def _full_sheet(rng: random.Random) -> bytes:
    """The Ascenso workbook whose «Postulantes» holds MAX_SHEET_CELLS cells: 20,000 rows (the
    readers' limit) of 50 columns, every DNI wrong (the problems past 500 are counted)."""
    from generator.readers.grid import MAX_SHEET_CELLS
    from scripts.build_corpus import ASCENSO, example, read_entry, repack, sheet_part

    data = example(ASCENSO)
    part = sheet_part(data, "Postulantes")
    xml = read_entry(data, part).decode("utf-8")
    header = xml[xml.index("<row"):xml.index("</row>") + len("</row>")]
    columns = 50
    rows = [header]
    for number in range(2, MAX_SHEET_CELLS // columns + 1):
        cells = "".join(f'<c r="{_letters(column)}{number}" t="inlineStr"><is><t>{rng.getrandbits(24):x}</t></is></c>'
                        for column in range(1, columns + 1))
        rows.append(f'<row r="{number}">{cells}</row>')
    start, end = xml.index("<sheetData>") + len("<sheetData>"), xml.index("</sheetData>")
    return repack(data, replace={part: (xml[:start] + "".join(rows) + xml[end:]).encode("utf-8")})


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _at_the_marked_copy_limit() -> bytes:
    """The committee form, observed (a wrong DNI), with rows of cells without references in
    «Instrucciones» up to the cells a marked copy may load (MAX_LOADED_CELLS)."""
    from generator.render.marked import MAX_LOADED_CELLS
    from scripts.build_corpus import COMITE, _sheet_xml, _wrong_dni, example

    rows = "<row><c><v>1</v></c><c><v>2</v></c></row>" * (MAX_LOADED_CELLS // 3 - 1000)
    data = _sheet_xml(example(COMITE), "Instrucciones", lambda xml: xml.replace("</sheetData>", rows + "</sheetData>"))
    return _sheet_xml(data, "Integrantes", _wrong_dni)


def _largest_shared_strings(rng: random.Random) -> bytes:
    """The committee form, observed, with a shared strings part just under MAX_XML_PART_BYTES
    (openpyxl and calamine load it whole)."""
    from generator.readers.safety import MAX_XML_PART_BYTES
    from scripts.build_corpus import COMITE, _sheet_xml, _wrong_dni, example, read_entry, repack

    data = _sheet_xml(example(COMITE), "Integrantes", _wrong_dni)
    strings, size = [], 0
    while size < MAX_XML_PART_BYTES - 4096:
        item = f"<si><t>{_random_text(rng, 40)}</t></si>"
        strings.append(item)
        size += len(item)
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{"".join(strings)}</sst>')
    types = read_entry(data, "[Content_Types].xml").decode("utf-8").replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = read_entry(data, "xl/_rels/workbook.xml.rels").decode("utf-8").replace(
        "</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    return repack(data, replace={"[Content_Types].xml": types.encode(), "xl/_rels/workbook.xml.rels": rels.encode()},
                  add={"xl/sharedStrings.xml": sst.encode("utf-8")})


def hostile_inbox(inbox: Path) -> int:
    """Fill ``inbox`` as issue 15 asks: everything at once; the number of entries dropped."""
    import tomllib

    corpus = REPO / "tests" / "corpus"
    expected = tomllib.loads((corpus / "esperado.toml").read_text(encoding="utf-8"))
    inbox.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.iterdir()):
        if path.name == "esperado.toml":
            continue
        raw = expected.get(path.name, {}).get("nombre_en_bandeja")
        name = os.fsdecode(bytes.fromhex(raw)) if raw else path.name
        shutil.copy(path, inbox / name)
    rng = random.Random(15)
    largest = {
        "mayor-ficha-word.docx": _largest_word_ficha(rng),
        "mayor-hoja-un-millon-de-celdas.xlsx": _full_sheet(rng),
        "mayor-copia-marcada.xlsx": _at_the_marked_copy_limit(),
        "mayor-textos-compartidos.xlsx": _largest_shared_strings(rng),
    }
    for name, data in largest.items():
        (inbox / name).write_bytes(data)
    shutil.copy(REPO / "forms" / "ejemplos" / "ascenso.xlsx", inbox / "a-libro-ascenso.xlsx")
    shutil.copy(COMMITTEE, inbox / "z-comite.xlsx")
    (inbox / "procesados").write_bytes(b"un archivo con el nombre de una carpeta")
    outside = inbox.parent / "fuera"
    outside.mkdir(exist_ok=True)
    (inbox / "observados").symlink_to(outside, target_is_directory=True)
    return sum(1 for _ in inbox.iterdir())


# ------------------------------------------------------------------ stages (child processes)


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1048576


def _settings(workdir: Path, *, pdf: bool):
    from generator.config import load_settings

    return load_settings(cwd=workdir, environ={}, overrides={"pdf": {"activar": pdf}})


def stage(name: str, workbook: Path, workdir: Path) -> dict[str, Any]:
    """Run one measured stage in this (fresh) process and return its figures.

    Modules are imported before the clock starts: the figures compare work, not start-up.
    """
    import pandas

    from generator.pipeline.ascenso import render_actas, score
    from generator.pipeline.informe import render_informe_final
    from generator.run import Run
    # Loaded on the first signed PDF (pyHanko, PDFium: ~0.4 s once per run), not per document.
    from generator.render import signature_fields  # noqa: F401

    started = time.perf_counter()
    if name in ("pandas", "pandas-calamine"):
        # pandas' own default engine (openpyxl in pandas 2), as the issue measures; and calamine,
        # its announced future default, as a reference only.
        engine = {"engine": "calamine"} if name == "pandas-calamine" else {}
        sheets = pandas.read_excel(workbook, sheet_name=None, **engine)
        result: dict[str, Any] = {"rows": sum(len(frame) for frame in sheets.values())}
    elif name == "puntaje":
        result = {"postulantes": len(score(workbook, _settings(workdir, pdf=False)))}
    elif name in ("docx", "completo"):
        settings = _settings(workdir, pdf=name == "completo")
        run = Run(settings, outbox=workdir / "outbox", registry_path=workdir / "numeracion.sqlite",
                  pdf=name == "completo")
        documents = render_actas(workbook, run, committee=COMMITTEE)
        result = {"docs": len(documents), "pdfs": sum(1 for d in documents if d.pdf)}
    elif name == "bandeja-hostil":
        # The inbox was filled by the parent (``hostile_inbox``): this process only runs the pass.
        from generator.config import load_settings
        from generator.pipeline.inbox import run_pass

        (workdir / "cddgen.toml").write_text("[bandeja]\nestabilidad_segundos = 0\n\n[pdf]\nactivar = false\n",
                                             encoding="utf-8")
        dropped = sum(1 for _ in (workdir / "inbox").iterdir())
        report = run_pass(load_settings(cwd=workdir, environ={}), pdf=False)
        outcomes = [item.outcome.value for item in report.results]
        result = {"files": dropped, "processed": outcomes.count("procesado") + outcomes.count("duplicado"),
                  "observed": outcomes.count("observado"), "failed": outcomes.count("devuelto")}
    elif name == "expediente":
        # Over the «completo» run: its actas are issued with their PDFs and are reused as they
        # are; what is missing (the informe, oficios de retiro) is rendered.
        made = render_informe_final(workbook, Run(_settings(workdir, pdf=True), outbox=workdir / "outbox",
                                                  registry_path=workdir / "numeracion.sqlite"), committee=COMMITTEE)
        result = {"folios": made.expediente.total if made.expediente else 0, "docs": len(made.documents),
                  "tomos": len(made.expediente.tomos) if made.expediente else 0}
    else:
        raise SystemExit(f"etapa desconocida: {name}")
    result["seconds"] = time.perf_counter() - started
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def best_of(times: int, name: str, workbook: Path, workdir: Path) -> dict[str, Any]:
    """The fastest of ``times`` runs of a short stage: a stage of a second or two varies ±15 %
    from run to run on a shared machine, and both sides of the ratio are measured alike."""
    return min((run_stage(name, workbook, workdir) for _ in range(times)), key=lambda run: run["seconds"])


def run_stage(name: str, workbook: Path, workdir: Path) -> dict[str, Any]:
    workdir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "--etapa", name, "--libro", str(workbook), "--trabajo", str(workdir)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"La etapa «{name}» falló:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ LibreOffice baselines


def _soffice() -> str:
    from generator.render.pdf import find_soffice

    found = find_soffice("")
    if not found:
        raise SystemExit("No se encontró LibreOffice (soffice); instálelo para medir la conversión a PDF.")
    return found


def naive(docx: list[Path], workdir: Path) -> float:
    """Seconds per document with one `soffice --convert-to pdf` start per document."""
    soffice = _soffice()
    profile = (workdir / "perfil-ingenuo").resolve().as_uri()
    started = time.perf_counter()
    for path in docx:
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                        "--convert-to", "pdf", "--outdir", str(workdir / "pdf-ingenuo"), str(path)],
                       capture_output=True, check=False, timeout=600)
    return (time.perf_counter() - started) / len(docx)


def raw_batch(docx: list[Path], workdir: Path, cores: int) -> tuple[float, int]:
    """LibreOffice alone converting ``docx``, one batch per core in parallel: (seconds, PDFs).

    A batch goes to soffice in starts of at most MAX_DOCS_PER_START files, since LibreOffice
    7.4 silently skips the files beyond about its 250th argument.
    """
    from generator.render.pdf.soffice import MAX_DOCS_PER_START

    soffice = _soffice()
    batches = [docx[index::cores] for index in range(cores)]

    def convert(index: int, batch: list[Path]) -> None:
        profile = (workdir / f"perfil-lote-{index}").resolve().as_uri()
        for start in range(0, len(batch), MAX_DOCS_PER_START):
            subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                            "--convert-to", "pdf", "--outdir", str(workdir / f"pdf-lote-{index}"),
                            *map(str, batch[start:start + MAX_DOCS_PER_START])],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    started = time.perf_counter()
    threads = [threading.Thread(target=convert, args=(index, batch)) for index, batch in enumerate(batches) if batch]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return seconds, sum(1 for _ in workdir.glob("pdf-lote-*/*.pdf"))


def _libreoffice_version() -> str:
    try:
        done = subprocess.run([_soffice(), "--version"], capture_output=True, text=True, timeout=120)
        return done.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "desconocida"


# ------------------------------------------------------------------ main


def measure(n: int, keep: bool) -> dict[str, Any]:
    cores = os.cpu_count() or 1
    bench_dir = REPO / "outbox" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"n{n}-", dir=bench_dir))
    try:
        workbook = write_synthetic(n, work / f"ascenso-{n}.xlsx")
        line = print
        line(f"cddgen bench — {n} postulantes, {cores} núcleos, {_libreoffice_version()}, "
             f"Python {platform.python_version()}")
        pandas_run = best_of(SHORT_STAGE_RUNS, "pandas", workbook, work / "pandas")
        score_run = best_of(SHORT_STAGE_RUNS, "puntaje", workbook, work / "puntaje")
        calamine_run = best_of(SHORT_STAGE_RUNS, "pandas-calamine", workbook, work / "pandas")
        ratio_score = score_run["seconds"] / pandas_run["seconds"]
        line(f"leer + validar + puntuar: {score_run['seconds']:.2f} s "
             f"({n / score_run['seconds']:.0f} postulantes/s, memoria máx. {score_run['peak_rss_mb']:.0f} MB); "
             f"pandas.read_excel solo: {pandas_run['seconds']:.2f} s → {ratio_score:.2f} veces (meta ≤ 1.5; "
             f"lo mejor de {SHORT_STAGE_RUNS} corridas)")
        line(f"  referencia: pandas.read_excel con engine=\"calamine\": {calamine_run['seconds']:.2f} s "
             f"→ {score_run['seconds'] / calamine_run['seconds']:.2f} veces")
        docx_run = run_stage("docx", workbook, work / "docx")
        line(f"actas a .docx: {docx_run['seconds']:.1f} s ({n / docx_run['seconds']:.1f} docs/s)")
        full_run = run_stage("completo", workbook, work / "completo")
        docs_per_s = full_run["pdfs"] / full_run["seconds"]
        line(f"cddgen render actas (.docx + PDF): {full_run['seconds']:.1f} s ({docs_per_s:.1f} docs/s, "
             f"{full_run['pdfs']} PDF, memoria máx. {full_run['peak_rss_mb']:.0f} MB)")
        expediente_run = run_stage("expediente", workbook, work / "completo")
        hostile_inbox(work / "bandeja-hostil" / "inbox")
        hostile_run = run_stage("bandeja-hostil", workbook, work / "bandeja-hostil")
        line(f"expediente foliado de todas las actas: {expediente_run['seconds']:.1f} s "
             f"({expediente_run['folios']} folios en {expediente_run['tomos']} "
             f"{'tomo' if expediente_run['tomos'] == 1 else 'tomos'}, con el informe final; "
             f"memoria máx. {expediente_run['peak_rss_mb']:.0f} MB)")
        line(f"bandeja hostil (issue 15), una pasada: {hostile_run['files']} archivos → {hostile_run['processed']} "
             f"procesados, {hostile_run['observed']} observados, {hostile_run['failed']} con error, "
             f"{hostile_run['seconds']:.1f} s, memoria máx. {hostile_run['peak_rss_mb']:.0f} MB (meta < 1024)")
        docx_files = sorted((work / "docx" / "outbox").rglob("*.docx"))
        per_doc = naive(docx_files[:NAIVE_SAMPLE], work / "ingenuo")
        naive_rate = 1 / per_doc
        line(f"un soffice por documento ({min(NAIVE_SAMPLE, len(docx_files))} de muestra): {naive_rate:.2f} docs/s "
             f"→ cddgen es {docs_per_s / naive_rate:.1f} veces más rápido (meta ≥ 12)")
        raw_seconds, raw_pdfs = raw_batch(docx_files, work / "lote", cores)
        raw_rate = raw_pdfs / raw_seconds
        line(f"LibreOffice en lote, uno por núcleo: {raw_seconds:.1f} s ({raw_pdfs} PDF, {raw_rate:.1f} docs/s) "
             f"→ cddgen alcanza {docs_per_s / raw_rate:.2f} de esa velocidad (meta ≥ 0.8)")
        results = {
            "n": n,
            "docs_per_s": round(docs_per_s, 3),
            "speedup_vs_naive": round(docs_per_s / naive_rate, 3),
            "fraction_of_raw_batch": round(docs_per_s / raw_rate, 3),
            "score_vs_read_excel": round(ratio_score, 3),
            "peak_rss_mb": round(max(score_run["peak_rss_mb"], full_run["peak_rss_mb"],
                                     expediente_run["peak_rss_mb"]), 1),
            "score_vs_read_excel_calamine": round(score_run["seconds"] / calamine_run["seconds"], 3),
            "seconds": {
                "read_excel": round(pandas_run["seconds"], 3), "score": round(score_run["seconds"], 3),
                "read_excel_calamine": round(calamine_run["seconds"], 3),
                "docx": round(docx_run["seconds"], 3), "docx_pdf": round(full_run["seconds"], 3),
                "naive_per_doc": round(per_doc, 3), "raw_batch": round(raw_seconds, 3),
                "expediente": round(expediente_run["seconds"], 3),
            },
            "docx_per_s": round(n / docx_run["seconds"], 3),
            "expediente_folios": expediente_run["folios"],
            "expediente_tomos": expediente_run["tomos"],
            "peak_rss_mb_by_stage": {"score": score_run["peak_rss_mb"], "docx_pdf": full_run["peak_rss_mb"],
                                     "expediente": expediente_run["peak_rss_mb"],
                                     "hostile_inbox": hostile_run["peak_rss_mb"]},
            "hostile_inbox": {key: hostile_run[key] for key in ("files", "processed", "observed", "failed",
                                                                "seconds", "peak_rss_mb")},
            "raw_batch_docs_per_s": round(raw_rate, 3),
            "naive_docs_per_s": round(naive_rate, 3),
            "machine": {
                "cores": cores, "python": platform.python_version(), "platform": platform.platform(),
                "libreoffice": _libreoffice_version(),
            },
            "date": dt.datetime.now().isoformat(timespec="seconds"),
        }
        target = bench_dir / "latest.json"
        target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        line(f"resultados: {target.relative_to(REPO)}")
        return results
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="postulantes del libro sintético")
    parser.add_argument("--conservar", action="store_true", help="no borrar los documentos generados")
    parser.add_argument("--etapa", help=argparse.SUPPRESS)
    parser.add_argument("--libro", help=argparse.SUPPRESS)
    parser.add_argument("--trabajo", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.etapa:
        print(json.dumps(stage(args.etapa, Path(args.libro), Path(args.trabajo))))
        return
    measure(args.n, args.conservar)


if __name__ == "__main__":
    main()
