"""Why a document got no PDF, in Spanish, naming the file: every result that is not a PDF says it."""

from __future__ import annotations

from pathlib import Path

from .soffice import missing_soffice_help


def _seconds(value: float) -> str:
    text = f"{value:g}".replace(".", ",")
    return f"{text} segundo" if value == 1 else f"{text} segundos"


DOCX_ONLY = "se entrega solo el .docx"


def msg_disabled(source: Path) -> str:
    return (
        f"{source.name}: no se generó el PDF porque la conversión a PDF está desactivada "
        f"(activar = false en la sección [pdf] de cddgen.toml); {DOCX_ONLY}."
    )


def msg_missing(source: Path, configured: str) -> str:
    where = f" (la ruta configurada «{configured}» no existe)" if configured else ""
    return (
        f"{source.name}: no se generó el PDF porque no se encontró LibreOffice{where}; "
        f"{DOCX_ONLY}. {missing_soffice_help()}"
    )


def msg_timeout(source: Path, timeout: float) -> str:
    return (
        f"{source.name}: LibreOffice no terminó de convertirlo a PDF en {_seconds(timeout)} "
        f"y se detuvo; {DOCX_ONLY}. Abra el documento en Word para revisar imágenes muy "
        f"grandes o contenido dañado, o aumente tiempo_limite en la sección [pdf] de cddgen.toml."
    )


def msg_failed(source: Path, returncode: int | None, stderr_tail: str) -> str:
    if returncode is not None and returncode < 0:
        how = " (LibreOffice se cerró inesperadamente)"
    elif returncode:
        how = f" (LibreOffice terminó con el código {returncode})"
    else:
        how = ""
    text = (
        f"{source.name}: LibreOffice no pudo convertirlo a PDF{how}; {DOCX_ONLY}. "
        f"Abra el documento en Word para comprobar que no esté dañado."
    )
    if stderr_tail:
        text += f" Mensajes de LibreOffice: {stderr_tail}"
    return text


def msg_start_failed(source: Path, soffice: str, exc: OSError) -> str:
    return (
        f"{source.name}: no se pudo iniciar LibreOffice («{soffice}»: {exc.strerror or exc}); "
        f"{DOCX_ONLY}. {missing_soffice_help()}"
    )


def msg_given_up(source: Path, starts: int) -> str:
    return (
        f"{source.name}: no se intentó convertirlo a PDF porque LibreOffice dejó de responder "
        f"{starts} veces seguidas; {DOCX_ONLY}."
    )


def msg_unreadable(source: Path, exc: OSError) -> str:
    return f"{source.name}: no se pudo leer el .docx para convertirlo ({exc.strerror or exc}); {DOCX_ONLY}."


def msg_not_saved(source: Path, target: Path, exc: OSError) -> str:
    return (
        f"{source.name}: el PDF se generó pero no se pudo guardar en «{target}» "
        f"({exc.strerror or exc}); {DOCX_ONLY}. Compruebe que la carpeta exista y que el PDF "
        f"no esté abierto en otro programa."
    )


def msg_internal(source: Path) -> str:
    return f"{source.name}: error interno al convertirlo a PDF; {DOCX_ONLY}."
