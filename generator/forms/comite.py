"""The committee form (forms/comite.xlsx): the data of the Acta de instalación (Anexo 1)."""

from __future__ import annotations

from ..domain.ascenso.rules import AscensoRules
from .spec import Column, FormSpec, Kind, SheetSpec, tratamiento_column

KIND = "comite"
VERSION = 4  # 2: sessions, observations, Comité de Vigilancia and director for the informe final; 3: tratamientos
# 4: the actas de sesión (place, approvals and agreements of each session), the informe's date

SESSION_SHEET = "Sesión"
MEMBERS_SHEET = "Integrantes"
AGREEMENTS_SHEET = "Acuerdos"
CANDIDATES_SHEET = "Postulantes"
SESSIONS_SHEET = "Sesiones"
SESSION_AGREEMENTS_SHEET = "Acuerdos de sesiones"
OBSERVATIONS_SHEET = "Incidencias"  # not «Observaciones»: the inbox marks rejected files with that sheet
REPORT_SHEET = "Informe final"
# What the sessions, incidencias and «Informe final» sheets are for (their problems do not stop
# the acta de instalación).
INFORME_FINAL = "el informe final"


def committee_cargos(rules: AscensoRules, institution_type: str) -> dict[str, list[str]]:
    """The allowed cargos per position (presidente, segundo, tercero) for a UGEL or DRE committee."""
    return rules.comite.cargos(institution_type)


def comite_form(rules: AscensoRules, institution_type: str) -> FormSpec:
    cargos = committee_cargos(rules, institution_type)
    all_cargos = tuple(dict.fromkeys(c for position in ("presidente", "segundo", "tercero") for c in cargos[position]))
    roles = tuple(rules.comite.roles)
    return FormSpec(
        kind=KIND,
        title="Comité de Evaluación – Acta de instalación e informe final",
        version=VERSION,
        description=(
            "Datos de la sesión de instalación del Comité de Evaluación del "
            f"{rules.edicion.nombre} (Instructivo, Capítulo I y Anexo 1). "
            "Con este formulario «cddgen render acta-instalacion» genera el acta numerada en Word y PDF, "
            "y «cddgen render actas-sesion» el acta de cada sesión de trabajo de la hoja «Sesiones»; "
            "las hojas «Sesiones», «Incidencias» e «Informe final» completan el informe final (Anexo 3) "
            "que genera «cddgen render informe-final»."
        ),
        extra_help=(
            "El Comité tiene tres integrantes (numeral 1.2). El presidente es el Director(a) o el Jefe(a) "
            "del Área de Gestión Pedagógica; los cargos marcados «(reemplazante)» son los autorizados "
            "por la Norma Técnica cuando el titular no puede integrarlo (numeral 1.4).",
            "Un integrante no puede ser postulante del concurso: si llena la hoja «Postulantes», cddgen "
            "rechaza a todo integrante cuyo DNI figure en ella.",
        ),
        sheets=(
            SheetSpec(
                name=SESSION_SHEET,
                layout="fields",
                help="Los datos de la sesión de instalación, uno por fila: escriba el valor en la columna B.",
                columns=(
                    Column("Resolución de conformación", "resolucion",
                           help="Número de la Resolución Directoral que conforma el Comité, "
                                "p. ej. «RD N° 01234-2025-UGEL02».", width=40),
                    Column("Fecha de la sesión", "fecha", Kind.DATE,
                           help="Día de la sesión de instalación (dd/mm/aaaa)."),
                    Column("Hora de inicio", "hora_inicio", Kind.TIME, help="Hora en que empieza la sesión (hh:mm)."),
                    Column("Hora de cierre", "hora_cierre", Kind.TIME,
                           help="Hora en que se suscribe el acta (hh:mm)."),
                    Column("Lugar", "lugar", required=False,
                           help="Dónde se reúne el Comité (opcional), p. ej. «Sala de reuniones de la UGEL 02»."),
                ),
            ),
            SheetSpec(
                name=MEMBERS_SHEET,
                help="Los tres integrantes del Comité, uno por fila, con el rol ya indicado en la primera columna.",
                preset_rows=tuple((role,) for role in roles),
                blank_rows=10,
                columns=(
                    Column("Integrante", "rol", Kind.CHOICE, choices=roles, width=28,
                           help="Primer miembro (Presidente), Segundo miembro o Tercer miembro."),
                    Column("Nombres", "nombres", width=24, help="Nombres completos, como en el DNI."),
                    Column("Apellidos", "apellidos", width=26, help="Apellidos paterno y materno, como en el DNI."),
                    Column("Cargo del puesto", "cargo", Kind.CHOICE, choices=all_cargos, width=60,
                           help="Cargo que ocupa en la UGEL/DRE; debe corresponder a su rol en el Comité."),
                    Column("DNI", "dni", Kind.DNI, width=12, help="DNI de 8 dígitos."),
                    Column("Teléfono", "telefono", Kind.PHONE, width=14, help="Teléfono o celular de contacto."),
                    Column("Correo electrónico", "correo", Kind.EMAIL, width=32,
                           help="Correo institucional o personal de contacto."),
                    tratamiento_column(whose="del integrante"),
                ),
            ),
            SheetSpec(
                name=AGREEMENTS_SHEET,
                required=False,
                blank_rows=30,
                help="Los acuerdos adoptados en la sesión de instalación, uno por fila (opcional).",
                columns=(
                    Column("Acuerdo", "acuerdo", width=110,
                           help="Texto del acuerdo, p. ej. «Sesionar los lunes y jueves a las 9:00 horas»."),
                ),
            ),
            SheetSpec(
                name=CANDIDATES_SHEET,
                required=False,
                blank_rows=500,
                help=(
                    "Opcional: los postulantes a cargo del Comité. Ningún integrante puede ser postulante "
                    "(numeral 1.3, impedimento a); cddgen lo verifica por DNI."
                ),
                columns=(
                    Column("DNI", "dni", Kind.DNI, width=12, help="DNI del postulante."),
                    Column("Apellidos y nombres", "nombre", required=False, width=40,
                           help="Nombre del postulante (opcional, solo para el mensaje)."),
                ),
            ),
            SheetSpec(
                name=SESSIONS_SHEET,
                needed_by=INFORME_FINAL,
                required=False,
                blank_rows=60,
                help="Las sesiones de trabajo posteriores a la instalación (Instructivo, 1.5 d), una por fila: "
                     "cada una da su acta de sesión numerada, firmada por los tres integrantes, y el informe final "
                     "las lista. Marque con «Sí» la sesión en que el Comité aprobó las actas de resultados, las "
                     "respuestas a los reclamos o los oficios de retiro: esos documentos llevan la fecha de esa "
                     "sesión, salvo que el libro del concurso indique otra para un postulante.",
                columns=(
                    Column("Fecha", "fecha", Kind.DATE, width=14, help="Día de la sesión (dd/mm/aaaa)."),
                    Column("Hora de inicio", "hora_inicio", Kind.TIME, required=False, width=12,
                           help="Hora en que empezó (hh:mm); la lleva el acta de la sesión."),
                    Column("Hora de cierre", "hora_cierre", Kind.TIME, required=False, width=12,
                           help="Hora en que terminó y se suscribió el acta (hh:mm)."),
                    Column("Asunto / actividad", "asunto", width=80,
                           help="Agenda de la sesión: qué trató el Comité, p. ej. «Calificación de la Matriz de 12 "
                                "postulantes»."),
                    Column("Lugar", "lugar", required=False, width=36,
                           help="Dónde sesionó (vacío: el lugar de la sesión de instalación)."),
                    Column("Aprueba las actas de resultados", "aprueba_actas", Kind.YES_NO, required=False, width=14,
                           help="Sí si en esta sesión se aprobaron las actas individuales de resultados: llevan su "
                                "fecha (salvo la «Fecha del acta» de un postulante en el libro del concurso)."),
                    Column("Aprueba las respuestas a reclamos", "aprueba_respuestas", Kind.YES_NO, required=False,
                           width=14,
                           help="Sí si en esta sesión se aprobaron los oficios de respuesta a los reclamos y las "
                                "nuevas actas: llevan su fecha (salvo la «Fecha de respuesta» del reclamo)."),
                    Column("Aprueba los oficios de retiro", "aprueba_retiros", Kind.YES_NO, required=False, width=14,
                           help="Sí si en esta sesión se decidieron los retiros del concurso: los oficios de retiro "
                                "llevan su fecha (salvo la «Fecha del retiro» de un postulante)."),
                ),
            ),
            SheetSpec(
                name=SESSION_AGREEMENTS_SHEET,
                needed_by=INFORME_FINAL,
                required=False,
                blank_rows=200,
                help="Los acuerdos adoptados por mayoría simple en cada sesión de trabajo (Instructivo, 1.5 d), uno "
                     "por fila, con la fecha de su sesión; van en el acta de esa sesión.",
                columns=(
                    Column("Fecha de la sesión", "fecha", Kind.DATE, width=14,
                           help="La fecha de la sesión, tal como está en la hoja «Sesiones»."),
                    Column("Acuerdo", "acuerdo", width=100,
                           help="Texto del acuerdo, p. ej. «Solicitar al Área de Escalafón un nuevo informe "
                                "escalafonario de la postulante»."),
                ),
            ),
            SheetSpec(
                name=OBSERVATIONS_SHEET,
                needed_by=INFORME_FINAL,
                required=False,
                blank_rows=30,
                help="Opcional: situaciones del proceso que el Comité considera relevante informar (III. "
                     "Observaciones/incidencias del informe final), una por fila.",
                columns=(
                    Column("Observación", "observacion", width=110,
                           help="Texto de la observación o incidencia."),
                ),
            ),
            SheetSpec(
                name=REPORT_SHEET,
                needed_by=INFORME_FINAL,
                layout="fields",
                required=False,
                help="Opcional: datos del informe final (Anexo 3) que no están en otras hojas.",
                columns=(
                    Column("Director(a) de la DRE/UGEL", "director", required=False, width=40,
                           help="Nombre completo del director(a), destinatario del informe final (vacío: "
                                "institucion.director de cddgen.toml)."),
                    Column("Participó el Comité de Vigilancia", "vigilancia", Kind.YES_NO, required=False,
                           help="Sí si el Comité de Vigilancia participó en el proceso (Instructivo, 1.6 y 3.4)."),
                    Column("Detalle de la participación del Comité de Vigilancia", "vigilancia_detalle",
                           required=False, width=60,
                           help="En qué actividades participó o qué incidencias trasladó; va en las "
                                "observaciones del informe final."),
                    tratamiento_column("Tratamiento del director(a) de la DRE/UGEL", "director_tratamiento",
                                       whose="del director(a)"),
                    Column("Fecha del informe final", "fecha_informe", Kind.DATE, required=False, width=14,
                           help="Fecha con que el Comité emite el informe final (Anexo 3): desde la publicación de "
                                "los resultados finales hasta la emisión de las resoluciones de ascenso "
                                "(Instructivo, 3.6). Sin ella cddgen no genera el informe."),
                ),
            ),
        ),
    )
