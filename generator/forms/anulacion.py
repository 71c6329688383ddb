"""The annulment request (forms/anulacion.xlsx): which document numbers to annul, why, and who asks.

Dropped in the shared inbox it does what «cddgen numeracion anular» does for each number: the
number stays used for ever, the document's files go to outbox/anulados/<año>/, and the registry
keeps the reason with who asked and when.
"""

from __future__ import annotations

from .spec import Column, FormSpec, Kind, SheetSpec

KIND = "anulacion"
VERSION = 1
FILENAME = "anulacion.xlsx"
REQUEST_SHEET = "Solicitud"
NUMBERS_SHEET = "Números"


def anulacion_form() -> FormSpec:
    return FormSpec(
        kind=KIND,
        title="Solicitud de anulación de números de documentos",
        version=VERSION,
        description=(
            "Anula números de documentos que cddgen emitió o reservó: déjelo llenado en la bandeja de entrada "
            "compartida (hace lo mismo que «cddgen numeracion anular»). El número queda usado para siempre y no "
            "se vuelve a dar; los archivos del documento pasan a la carpeta «anulados» de la bandeja de salida. "
            "Si el documento se vuelve a generar, recibe un número nuevo."
        ),
        extra_help=(
            "Escriba cada número exactamente como figura en el documento o en ESTADO.xlsx (hoja «Documentos»), "
            "por ejemplo «OFICIO N° 003-2026-CE-UGEL02».",
            "Un número que no figura en el registro de numeración, o que el formulario repite, se explica en la "
            "carpeta «observados» y no se anula ninguno de los del formulario: corríjalo y vuelva a dejarlo.",
        ),
        sheets=(
            SheetSpec(
                name=REQUEST_SHEET,
                layout="fields",
                help="Quién pide la anulación y cuándo, uno por fila: escriba el valor en la columna B.",
                columns=(
                    Column("Solicitado por", "solicitante", width=40,
                           help="Nombre completo de quien pide anular los números."),
                    Column("Cargo", "cargo", required=False, width=40,
                           help="Cargo de quien lo pide (opcional), p. ej. «Presidenta del Comité de Evaluación»."),
                    Column("Fecha de la solicitud", "fecha", Kind.DATE,
                           help="Día en que se pide la anulación (dd/mm/aaaa); queda en el registro con el motivo."),
                ),
            ),
            SheetSpec(
                name=NUMBERS_SHEET,
                blank_rows=50,
                help="Los números a anular, uno por fila, cada uno con su motivo.",
                columns=(
                    Column("Número del documento", "numero", width=44,
                           help="Tal como figura en el documento, p. ej. «OFICIO N° 003-2026-CE-UGEL02»."),
                    Column("Motivo", "motivo", width=80,
                           help="Por qué se anula, p. ej. «Emitido por error: el reclamo se había desistido»."),
                ),
            ),
        ),
    )
