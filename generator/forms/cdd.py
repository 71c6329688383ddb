"""The Compromisos de Desempeño form (forms/cdd-cetpro.xlsx): one CETPRO and its medios de
verificación, as exported from the AVANZA or typed (DOMAIN.md B; seed 000, fichas técnicas)."""

from __future__ import annotations

from ..domain.cdd import Edition
from .spec import Column, FormSpec, Kind, SheetSpec, tratamiento_column

KIND = "cdd-cetpro"
VERSION = 3  # 2: tratamiento of the director; 3: the CETPRO's own correlative, the addressee
FILENAME = "cdd-cetpro.xlsx"

CETPRO_SHEET = "CETPRO"
STUDENTS_SHEET = "Estudiantes"
TEACHERS_SHEET = "Docentes"
GRADUATES_SHEET = "Egresados"
AGREEMENTS_SHEET = "Convenios"
PROGRAMS_SHEET = "Programas AVANZA"

DOCUMENT_TYPES = ("DNI", "Carné de extranjería", "Pasaporte", "Carné de permiso temporal de permanencia (CPP)")
OTHER_CONDITIONS = ("Destacado", "Locación de servicios", "Otra")
ACADEMIC_LEVELS = ("Secundaria completa", "Superior técnico", "Superior pedagógico", "Superior universitario",
                   "Posgrado")
DEGREES = ("Ninguno", "Bachiller", "Maestro", "Doctor")
SEXES = ("Femenino", "Masculino")
JOB_SITUATIONS = ("Trabajador dependiente", "Trabajador independiente", "No trabaja")
AGREEMENT_TYPES = ("Suscripción", "Renovación")
DIRECTOR_CARGOS = ("Director(a)", "Director(a) (e)")


def _variable(edition: Edition, field: str, indicator: str) -> str:
    """Help suffix for a column whose emptiness makes the row not count."""
    listed = edition.teacher_variables if indicator == "1.2" else edition.graduate_fields
    if field not in listed:
        return ""
    if indicator == "1.2":
        return (" Variable obligatoria del indicador 1.2: si está vacía, el docente no cuenta en el numerador "
                "(escriba «No aplica» si no corresponde).")
    return " Campo del medio de verificación: si está vacío, el egresado no cuenta en el numerador."


def cdd_form(edition: Edition) -> FormSpec:
    """The form of an edition (its dates, UGEL, checklist and conditions come from the rules)."""
    period = edition.period
    first, last = edition.students_numerator_until, edition.students_denominator_until
    closes_1 = edition.closes("1.2")
    closes_2 = edition.closes("1.3")
    conditions = tuple(dict.fromkeys(edition.teacher_conditions + OTHER_CONDITIONS))
    years = " y ".join(str(year) for year in edition.graduate_years)
    recipient = edition.recipient.sigla
    oficio_dates = tuple(
        Column(f"Fecha del oficio – tramo {number}", f"fecha_oficio_{number}", Kind.DATE, required=False,
               help=f"Fecha del oficio de remisión del tramo {number} (dd/mm/aaaa), como máximo el "
                    f"{tramo.closes:%d/%m/%Y}. Vacía: el oficio lleva la fecha de cierre del tramo.")
        for number, tramo in sorted(edition.tramos.items())
    )
    checklist = tuple(
        Column(item.text, item.field, Kind.YES_NO, required=False, width=22,
               help=f"Numeral 6.6.2 de la RVM N° 176-2021-MINEDU: «{item.text}». Si es «No» o está vacía, "
                    "el convenio no es válido.")
        for item in edition.checklist
    )
    spec = FormSpec(
        kind=KIND,
        title="Compromisos de Desempeño CETPRO – indicadores y oficio de remisión",
        version=VERSION,
        description=(
            f"Datos de un CETPRO para los {edition.name} ({edition.norma}). Con este formulario "
            "«cddgen render oficio-cdd» calcula los indicadores 1.1, 1.2, 1.3 y 2.1 y genera el oficio de "
            "remisión a la DISERTPA de cada tramo, con los anexos en Excel; «cddgen render resumen-cdd» "
            "resume los formularios de todos los CETPRO de la UGEL."
        ),
        extra_help=(
            f"Tramo 1 (cierre {edition.tramos[1].closes:%d/%m/%Y}): indicadores 1.1 (estudiantes) y 1.2 (docentes). "
            f"Tramo 2 (cierre {edition.tramos[2].closes:%d/%m/%Y}): indicadores 1.3 (egresados) y 2.1 (convenios).",
            f"1.1: cuentan en el numerador los estudiantes de {period} registrados en el AVANZA hasta el "
            f"{first:%d/%m/%Y}; los registrados del {first:%d/%m/%Y} al {last:%d/%m/%Y} solo en el denominador. "
            f"Meta {edition.indicators['1.1'].meta} %.",
            f"1.2: cuentan los docentes nombrados y contratados registrados hasta el {closes_1:%d/%m/%Y} con las "
            f"{len(edition.teacher_variables)} variables obligatorias llenas. Meta {edition.indicators['1.2'].meta} %.",
            f"1.3: cuentan los egresados de {years} registrados hasta el {closes_2:%d/%m/%Y} con todos los campos "
            f"llenos. Meta {edition.indicators['1.3'].meta} %.",
            f"2.1: un convenio es válido si se suscribió o renovó del {edition.agreements_from:%d/%m/%Y} al "
            f"{edition.agreements_until:%d/%m/%Y}, su programa o módulo coincide con uno de la hoja «Programas "
            f"AVANZA» y cumple todos los puntos del numeral 6.6.2. Se requieren {edition.agreements_required} "
            f"convenios; la meta es {edition.indicators['2.1'].meta} %.",
            "Una celda vacía en una columna no obligatoria no es un error: la fila figura en el anexo «Filas que "
            "no cuentan» con el motivo, para corregirla antes del cierre del tramo.",
        ),
        sheets=(
            SheetSpec(
                name=CETPRO_SHEET,
                layout="fields",
                help="Los datos del CETPRO y de su director(a), uno por fila: escriba el valor en la columna B.",
                columns=(
                    Column("Código modular", "codigo_modular", Kind.CODE, digits=7,
                           help="Código modular del CETPRO (7 dígitos), como figura en el Anexo N° 3 de la Norma "
                                "Técnica, p. ej. «0437889»."),
                    Column("Nombre del CETPRO", "nombre", width=40,
                           help="Nombre del CETPRO, p. ej. «PROMAE RIMAC»."),
                    Column("UGEL", "ugel", Kind.CHOICE, choices=edition.ugels,
                           help="UGEL a la que pertenece el CETPRO."),
                    Column("Director(a): nombres y apellidos", "director",
                           help="Quien firma el oficio de remisión, como en su DNI."),
                    Column("DNI del director(a)", "dni_director", Kind.DNI, help="DNI de 8 dígitos."),
                    Column("Cargo", "cargo_director", Kind.CHOICE, choices=DIRECTOR_CARGOS, required=False,
                           help="Cargo con que firma: Director(a) o Director(a) (e) si está encargado. "
                                "Vacío: Director(a)."),
                    Column("Correo electrónico", "correo", Kind.EMAIL,
                           help="Correo institucional del CETPRO para las comunicaciones de la DISERTPA."),
                    Column("Teléfono", "telefono", Kind.PHONE, required=False, help="Teléfono de contacto."),
                    Column("Dirección", "direccion", width=40,
                           help="Dirección del CETPRO, p. ej. «Av. Alcázar N° 450, Rímac»."),
                    Column("Lugar de emisión", "lugar", required=False,
                           help="Ciudad que encabeza la fecha del oficio. Vacío: Lima."),
                    *oficio_dates,
                    tratamiento_column("Tratamiento del director(a)", "director_tratamiento",
                                       whose="del director(a)"),
                    Column("Sigla de los oficios del CETPRO", "sigla_oficio", required=False, width=24,
                           help="La que el CETPRO pone en el número de sus oficios, p. ej. «DIR-CETPRO-PR» "
                                "(OFICIO N° 045-2025-DIR-CETPRO-PR). Vacío: el código modular."),
                    Column("Número del próximo oficio", "siguiente_oficio", Kind.INT, required=False, minimum=1,
                           help="El número que sigue en el correlativo de oficios del CETPRO en el año del oficio "
                                "(si el último fue el 044, escriba 45). cddgen continúa desde allí. Vacío: 1."),
                    Column(f"Destinatario: director(a) de la {recipient}", "destinatario", required=False, width=40,
                           help=f"Nombres y apellidos de quien dirige la {recipient}, a quien va el oficio. Vacío: "
                                "el de las reglas (destinatario.director) o, si tampoco está, «Señor(a) Director(a)»."),
                    tratamiento_column("Tratamiento del destinatario", "destinatario_tratamiento",
                                       whose=f"del director(a) de la {recipient}"),
                ),
            ),
            SheetSpec(
                name=STUDENTS_SHEET,
                blank_rows=1000,
                help=(f"Indicador 1.1. Los estudiantes matriculados en el periodo académico {period}, uno por fila, "
                      "como los exporta el AVANZA, con la fecha en que se registró su información."),
                columns=(
                    Column("Tipo de documento", "tipo_documento", Kind.CHOICE, choices=DOCUMENT_TYPES, width=18,
                           help="Documento de identidad del estudiante."),
                    Column("Número de documento", "documento", Kind.CODE, width=16,
                           help="DNI de 8 dígitos, o el número del otro documento (sin espacios)."),
                    Column("Apellidos y nombres", "nombre", width=36, help="Como figuran en el documento."),
                    Column("Programa de estudios", "programa", required=False, width=30,
                           help="Programa de estudios en que está matriculado."),
                    Column("Módulo formativo", "modulo", required=False, width=30, help="Módulo en que está matriculado."),
                    Column("Periodo académico", "periodo", width=12,
                           help=f"Periodo de la matrícula, p. ej. «{period}». Otros periodos no se consideran."),
                    Column("Fecha de registro en el AVANZA", "fecha_registro", Kind.DATE, required=False, width=16,
                           help=f"Día en que se registró su información en el AVANZA. Hasta el {first:%d/%m/%Y} "
                                f"cuenta en el numerador; hasta el {last:%d/%m/%Y}, solo en el denominador."),
                ),
            ),
            SheetSpec(
                name=TEACHERS_SHEET,
                blank_rows=200,
                help=(f"Indicador 1.2. Los docentes del periodo académico {period}, uno por fila, con las "
                      f"{len(edition.teacher_variables)} variables que pide la ficha técnica y la fecha de registro."),
                columns=(
                    Column("Condición", "condicion", Kind.CHOICE, choices=conditions, width=18,
                           help="Nombrado o contratado (solo ellos cuentan en el numerador)."),
                    Column("Fecha de registro", "fecha_registro", Kind.DATE, required=False, width=14,
                           help=f"Día en que se registró su información; oportuna hasta el {closes_1:%d/%m/%Y}."),
                    Column("Nombres", "nombres", required=False, width=20,
                           help="Nombres del docente." + _variable(edition, "nombres", "1.2")),
                    Column("Apellidos", "apellidos", required=False, width=24,
                           help="Apellidos del docente." + _variable(edition, "apellidos", "1.2")),
                    Column("DNI", "dni", Kind.DNI, required=False, width=12,
                           help="DNI de 8 dígitos." + _variable(edition, "dni", "1.2")),
                    Column("Periodo académico", "periodo_academico", required=False, width=12,
                           help=f"«{period}»." + _variable(edition, "periodo_academico", "1.2")),
                    Column("Programa de estudios", "programa", required=False, width=28,
                           help="Programa en que enseña." + _variable(edition, "programa", "1.2")),
                    Column("Módulo formativo", "modulo", required=False, width=28,
                           help="Módulo(s) que enseña, separados por «;»." + _variable(edition, "modulo", "1.2")),
                    Column("Correo electrónico", "correo", Kind.EMAIL, required=False, width=28,
                           help="Correo del docente." + _variable(edition, "correo", "1.2")),
                    Column("Nivel académico", "nivel_academico", Kind.CHOICE, choices=ACADEMIC_LEVELS,
                           required=False, width=20,
                           help="Nivel académico alcanzado." + _variable(edition, "nivel_academico", "1.2")),
                    Column("Grado", "grado", Kind.CHOICE, choices=DEGREES, required=False, width=12,
                           help="Grado académico." + _variable(edition, "grado", "1.2")),
                    Column("Denominación del grado", "denominacion_grado", required=False, width=28,
                           help="P. ej. «Bachiller en Educación»." + _variable(edition, "denominacion_grado", "1.2")),
                    Column("Institución del grado", "institucion_grado", required=False, width=28,
                           help="Donde obtuvo el grado." + _variable(edition, "institucion_grado", "1.2")),
                    Column("Último título obtenido", "ultimo_titulo", required=False, width=24,
                           help="P. ej. «Título profesional técnico»." + _variable(edition, "ultimo_titulo", "1.2")),
                    Column("Denominación del título", "denominacion_titulo", required=False, width=28,
                           help="P. ej. «Profesional Técnico en Cocina»."
                                + _variable(edition, "denominacion_titulo", "1.2")),
                    Column("Institución del título", "institucion_titulo", required=False, width=28,
                           help="Institución educativa donde obtuvo el título."
                                + _variable(edition, "institucion_titulo", "1.2")),
                ),
            ),
            SheetSpec(
                name=GRADUATES_SHEET,
                blank_rows=500,
                help=(f"Indicador 1.3. Los egresados de los años {years}, uno por fila, con todos los campos del "
                      "medio de verificación y la fecha de registro."),
                columns=(
                    Column("Año de egreso", "anio", Kind.INT, width=10, minimum=1990,
                           help=f"Año en que egresó; solo cuentan {years}."),
                    Column("Fecha de registro", "fecha_registro", Kind.DATE, required=False, width=14,
                           help=f"Día en que se registró su información; oportuna hasta el {closes_2:%d/%m/%Y}."),
                    Column("Tipo de documento", "tipo_documento", Kind.CHOICE, choices=DOCUMENT_TYPES,
                           required=False, width=18,
                           help="Documento de identidad." + _variable(edition, "tipo_documento", "1.3")),
                    Column("Número de documento", "numero_documento", Kind.CODE, required=False, width=16,
                           help="DNI de 8 dígitos u otro documento." + _variable(edition, "numero_documento", "1.3")),
                    Column("Apellidos", "apellidos", required=False, width=24,
                           help="Apellidos del egresado." + _variable(edition, "apellidos", "1.3")),
                    Column("Nombres", "nombres", required=False, width=20,
                           help="Nombres del egresado." + _variable(edition, "nombres", "1.3")),
                    Column("Sexo", "sexo", Kind.CHOICE, choices=SEXES, required=False, width=12,
                           help="Sexo." + _variable(edition, "sexo", "1.3")),
                    Column("Fecha de nacimiento", "fecha_nacimiento", Kind.DATE, required=False, width=14,
                           help="dd/mm/aaaa." + _variable(edition, "fecha_nacimiento", "1.3")),
                    Column("Programa de estudios", "programa", required=False, width=30,
                           help="Programa o módulo del que egresó." + _variable(edition, "programa", "1.3")),
                    Column("Fecha de egreso", "fecha_egreso", Kind.DATE, required=False, width=14,
                           help="dd/mm/aaaa." + _variable(edition, "fecha_egreso", "1.3")),
                    Column("Celular", "celular", Kind.PHONE, required=False, width=14,
                           help="Celular de contacto." + _variable(edition, "celular", "1.3")),
                    Column("Correo electrónico", "correo", Kind.EMAIL, required=False, width=28,
                           help="Correo de contacto." + _variable(edition, "correo", "1.3")),
                    Column("Situación laboral", "situacion_laboral", Kind.CHOICE, choices=JOB_SITUATIONS,
                           required=False, width=22,
                           help="Situación laboral actual." + _variable(edition, "situacion_laboral", "1.3")),
                ),
            ),
            SheetSpec(
                name=AGREEMENTS_SHEET,
                required=False,
                blank_rows=30,
                help=("Indicador 2.1. Los convenios con instituciones educativas de Educación Básica para "
                      "promover la transitabilidad, uno por fila, con la verificación del numeral 6.6.2."),
                columns=(
                    Column("Institución educativa de EB", "institucion", width=34,
                           help="Nombre de la institución educativa de Educación Básica."),
                    Column("Código modular de la IE", "codigo_modular", Kind.CODE, digits=7, width=14,
                           help="Código modular de la institución educativa (7 dígitos)."),
                    Column("Tipo", "tipo", Kind.CHOICE, choices=AGREEMENT_TYPES, required=False, width=14,
                           help="Suscripción de un convenio nuevo o renovación de uno anterior."),
                    Column("Fecha de suscripción o renovación", "fecha", Kind.DATE, width=16,
                           help=f"Válida del {edition.agreements_from:%d/%m/%Y} (día siguiente a la aprobación de la "
                                f"Norma Técnica) al {edition.agreements_until:%d/%m/%Y}."),
                    Column("Programa de estudios o módulo", "programa", width=30,
                           help="Como figura en el convenio; debe coincidir con un programa o módulo de la hoja "
                                "«Programas AVANZA»."),
                    *checklist,
                ),
            ),
            SheetSpec(
                name=PROGRAMS_SHEET,
                blank_rows=100,
                help=(f"Los programas de estudios y módulos formativos registrados en el AVANZA para el periodo "
                      f"{period}, uno por fila. Con ellos se verifica el programa o módulo de cada convenio."),
                columns=(
                    Column("Programa de estudios", "programa", width=36, help="Nombre del programa de estudios."),
                    Column("Módulo formativo", "modulo", required=False, width=36,
                           help="Nombre de un módulo del programa (una fila por módulo)."),
                ),
            ),
        ),
    )
    return spec


def field_problems(edition: Edition) -> list[tuple[str, str, str | None]]:
    """(key, what is wrong, fix) for each field the rules require that the form lacks (a typo
    would make every row fail); checked when the rules load (``generator/rules/cdd.py``)."""
    spec = cdd_form(edition)
    problems: list[tuple[str, str, str | None]] = []
    for sheet, fields, key in (
        (TEACHERS_SHEET, edition.teacher_variables, 'indicadores."1.2".variables'),
        (GRADUATES_SHEET, edition.graduate_fields, 'indicadores."1.3".campos_requeridos'),
    ):
        known = [column.field for column in spec.sheet(sheet).columns]
        unknown = [name for name in fields if name not in known]
        if unknown:
            problems.append((key, f"«{key}» menciona campos que la hoja «{sheet}» no tiene: {', '.join(unknown)}.",
                             f"Campos de la hoja: {', '.join(known)}."))
    fixed = {"institucion", "codigo_modular", "tipo", "fecha", "programa"}
    clashes = [item.field for item in edition.checklist if item.field in fixed]
    if clashes or len({item.field for item in edition.checklist}) != len(edition.checklist):
        problems.append(('indicadores."2.1".lista_6_6_2', "cada punto de «lista_6_6_2» necesita un «campo» propio "
                         f"(repetido o reservado: {', '.join(clashes) or 'repetido'}).", None))
    return problems


def field_labels(spec: FormSpec) -> dict[str, str]:
    """Field name → column header, for the reasons that name a missing value."""
    labels: dict[str, str] = {}
    for sheet in (TEACHERS_SHEET, GRADUATES_SHEET):
        for column in spec.sheet(sheet).columns:
            labels.setdefault(column.field, column.header)
    return labels
