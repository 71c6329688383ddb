"""The Spanish texts the inbox leaves for people: receipts, explanations, log lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import wording
from .process import Earlier, FileResult, Outcome


def _when(stamp: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{moment:%d/%m/%Y a las %H:%M}"


def _shown(file: str | Path, outbox: Path) -> str:
    path = Path(file)
    try:
        return path.relative_to(outbox).as_posix()
    except ValueError:
        return str(path)


def _earlier(item: Earlier, verb: str) -> str:
    version = f"versión {item.version}, " if item.version else ""
    return f"«{item.name}» ({version}{verb} el {_when(item.when)})"


def _status_verb(status: str) -> str:
    return {"procesado": "procesado", "observado": "observado", "duplicado": "recibido"}.get(status, status)


def _renamed(result: FileResult) -> list[str]:
    if not result.renamed_from:
        return []
    return [f"El nombre con que llegó, «{result.renamed_from}», no era texto válido (UTF-8, como lo dejan "
            "algunos programas de compresión de Windows); se guardó con el nombre de arriba."]


def receipt_text(result: FileResult, outbox: Path, received: dt.datetime) -> str:
    """The receipt beside a processed (or duplicate) input in procesados/."""
    lines = [
        "RECIBO DE CDDGEN",
        "",
        f"Archivo: {result.name}",
        *_renamed(result),
        f"Recibido: {received:%d/%m/%Y a las %H:%M:%S}",
        f"Huella SHA-256: {result.sha256}",
    ]
    if result.family is not None:
        lines.append(f"Formulario: {result.family.title}")
    if result.outcome is Outcome.DUPLICATE and result.duplicate_of is not None:
        lines += [
            "",
            f"DUPLICADO: este archivo es idéntico a {_earlier(result.duplicate_of, 'procesado')}.",
            "No se generaron documentos nuevos ni se usaron números nuevos; sus documentos son los de "
            "ese archivo." if not result.regenerated else
            "Faltaban archivos de sus documentos en la bandeja de salida: se generaron otra vez con los "
            "mismos números.",
        ]
    else:
        lines += ["", "Resultado: PROCESADO."]
        if result.version:
            lines.append(f"Versión: {result.version}.")
        if result.replaces is not None:
            lines.append(
                f"Esta versión reemplaza a {_earlier(result.replaces, _status_verb(result.replaces.status))}. "
                "Los documentos que ambas versiones generan conservan su número."
            )
        if result.corrects is not None:
            lines.append(f"Corrige a {_earlier(result.corrects, 'observado')}, que no generó documentos.")
    if result.notes:
        lines += [""] + list(result.notes)
    lines += ["", f"Documentos (carpeta de salida: {outbox}):"]
    for document in result.documents:
        person = f" — {document.person}" if document.person else ""
        lines.append(f"  {document.number}{person}")
        lines += [f"    {_shown(file, outbox)}" for file in document.files]
    if not result.documents:
        lines.append("  (ninguno)")
    if result.replaced_files:
        lines += ["", "Archivos reemplazados (los de la versión anterior, guardados en la carpeta «reemplazados»):"]
        lines += [f"  {_shown(before, outbox)} → {_shown(now, outbox)}" for before, now in result.replaced_files]
    if result.warnings:
        lines += ["", "Avisos:"] + [f"  - {warning}" for warning in result.warnings]
    return "\n".join(lines) + "\n"


def explanation_text(result: FileResult, received: dt.datetime, marked_copy: Path | None) -> str:
    """The «LEAME» beside an observed input in observados/: every problem and how to fix it."""
    count = len(result.issues)
    lines = [
        f"CDDGEN NO PROCESÓ «{result.name}»",
        "",
        *_renamed(result),
        f"Recibido: {received:%d/%m/%Y a las %H:%M:%S}",
    ]
    if result.family is not None:
        lines.append(f"Formulario: {result.family.title}")
    if result.replaces is not None:
        lines.append(f"Es una nueva versión de {_earlier(result.replaces, _status_verb(result.replaces.status))}.")
    lines += ["", f"{'Problema' if count == 1 else f'Los {count} problemas'} que hay que corregir:"
              if count and not (result.waits_for or result.internal) else "Motivo:", ""]
    for number, issue in enumerate(result.issues, start=1):
        lines.append(f"{number}. {issue}")
    if not result.issues:
        lines.append(result.reason)
    lines += ["", "Qué hacer:"]
    if result.internal:
        lines.append("  Vuelva a dejar el archivo en la bandeja cuando el responsable de cddgen le avise que el "
                     "error está corregido.")
    elif result.waits_for:
        lines.append("  Lo indicado arriba: el archivo no necesita correcciones.")
    elif marked_copy is not None:
        lines.append(f"  En «{marked_copy.name}» (en esta misma carpeta) las celdas con problemas están "
                     "resaltadas en rojo y cada una tiene un comentario que explica qué corregir. Corrija esa "
                     "copia (o su archivo original), guárdela y déjela otra vez en la bandeja de entrada.")
    else:
        lines.append("  Corrija el archivo según lo indicado y déjelo otra vez en la bandeja de entrada.")
    lines.append(f"  El archivo que dejó está aquí sin cambios: «{result.destination.name if result.destination else result.name}».")
    if result.detail:
        lines += ["", "Detalle técnico (para el responsable de cddgen):", result.detail.rstrip()]
    return "\n".join(lines) + "\n"


def log_line(result: FileResult, outbox: Path, at: dt.datetime) -> str:
    """One line of outbox/registro.log (no line breaks inside)."""
    if result.outcome in (Outcome.PROCESSED, Outcome.DUPLICATE):
        detail = "; ".join(
            f"{document.number}: " + ", ".join(_shown(file, outbox) for file in document.files)
            for document in result.documents
        ) or "sin documentos"
        if result.outcome is Outcome.DUPLICATE and result.duplicate_of is not None:
            detail = f"duplicado de «{result.duplicate_of.name}»; {detail}"
        if result.replaces is not None:
            detail = f"reemplaza a «{result.replaces.name}»; {detail}"
    elif result.outcome is Outcome.OBSERVED and result.issues:
        count = len(result.issues)
        detail = f"{wording.count(count, 'problema')}: {result.issues[0]}" + (" (…)" if count > 1 else "")
    elif result.outcome is Outcome.OBSERVED:
        detail = result.reason
    else:
        detail = f"{result.reason} El archivo volvió a la bandeja y se reintentará."
    text = f"{at.isoformat(timespec='seconds')} | {result.name} | sha256:{result.sha256[:12]} | " \
           f"{result.outcome.value} | {detail}"
    return " ".join(text.split()) + "\n"


def followup_log_line(result: FileResult, documents, warnings, outbox: Path, at: dt.datetime) -> str:
    """The line of outbox/registro.log for what the end of a pass made from ``result``'s input
    (``pipeline/refresh.py``)."""
    detail = "; ".join(
        f"{document.number}: " + ", ".join(_shown(file, outbox) for file in document.files) for document in documents
    ) or "sin documentos"
    if warnings:
        detail += f" ({wording.count(len(warnings), 'aviso')}: {warnings[0]})"
    text = f"{at.isoformat(timespec='seconds')} | {result.name} | sha256:{result.sha256[:12]} | al final de la " \
           f"pasada | {detail}"
    return " ".join(text.split()) + "\n"
