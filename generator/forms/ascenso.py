"""The Ascenso form (forms/ascenso.xlsx): per postulante, what the informe escalafonario and
the DIED give to the Comité de Evaluación (DOMAIN.md A.1–A.3; seed 003, capítulo II)."""

from __future__ import annotations

from dataclasses import replace

from ..domain.ascenso.reclamos import CORRECTABLE_FIELDS, CRITERIOS, DECISIONES, TIPOS
from ..domain.ascenso.registro import COMUNICACIONES, MEDIOS, TIPOS_DOCUMENTO
from ..domain.ascenso.rules import AscensoRules
from .spec import Column, FormSpec, Kind, SheetSpec, tratamiento_column

KIND = "ascenso"
# 2: reclamos, correcciones, solicitudes de copia, causales de retiro f, g, i; 3: tratamiento
# 4: régimen of 3.1 periods, date of the 2022 ascenso, document, date and source of idoneidad b), c), d)
VERSION = 4

POSTULANTES_SHEET = "Postulantes"
GRADOS_SHEET = "Grados y títulos"
CAPACITACIONES_SHEET = "Capacitaciones"
MERITOS_SHEET = "Méritos"
EXPERIENCIA_SHEET = "Experiencia"
RECORD_SHEETS = (GRADOS_SHEET, CAPACITACIONES_SHEET, MERITOS_SHEET, EXPERIENCIA_SHEET)
RECLAMOS_SHEET = "Reclamos"
CORRECCIONES_SHEET = "Correcciones"
COPIAS_SHEET = "Solicitudes de copia"
DOCUMENTOS_SHEET = "Documentos del expediente"
NOTIFICACIONES_SHEET = "Notificaciones"
# The «Valor corregido» of a causal that a fundado reclamo takes away.
SIN_CAUSAL = "Ninguna"
# Idoneidad checks whose document, date and source the form records (letter → «Postulantes» field).
IDONEIDAD_CHECKS = {"b": "condena_leyes", "c": "condena_dolosa", "d": "sancion"}
# Columns form version 4 added: a workbook without them (version 2 or 3) is still read, with a warning
# naming what it lacks (readers/ascenso.py).
NEW_IN_V4 = {
    POSTULANTES_SHEET: ("fecha_ascenso_2022",) + tuple(
        f"idon_{letter}_{part}" for letter in IDONEIDAD_CHECKS for part in ("documento", "fecha", "fuente")),
    EXPERIENCIA_SHEET: ("regimen",),
}


def grado_types(rules: AscensoRules) -> tuple[str, ...]:
    matriz = rules.matriz
    return tuple(dict.fromkeys([
        matriz.posgrado.tipo_doctor, matriz.posgrado.tipo_maestro,
        *matriz.otros_estudios.titulos_despues_nombramiento, *matriz.otros_estudios.titulos_cualquier_fecha,
        *rules.listas.grados_no_valorados,
    ]))


def training_types(rules: AscensoRules) -> tuple[str, ...]:
    names = [entry.tipo for rule in rules.matriz.estudios.values() for entry in rule.tipos]
    return tuple(dict.fromkeys(names + list(rules.listas.capacitaciones_no_valoradas)))


def merit_types(rules: AscensoRules) -> tuple[str, ...]:
    names = [entry.tipo for rule in rules.matriz.meritos.values() for entry in rule.meritos]
    return tuple(dict.fromkeys(names + list(rules.listas.meritos_no_valorados)))


def cargos(rules: AscensoRules) -> tuple[str, ...]:
    names = [cargo for rule in rules.matriz.experiencia.criterios.values() for cargo in rule.cargos]
    return tuple(dict.fromkeys(names + list(rules.listas.cargos_no_valorados)))


def regimenes(rules: AscensoRules) -> tuple[str, ...]:
    """The régimenes under which experience is valued (criterion 3.1 lists them)."""
    return tuple(dict.fromkeys(name for rule in rules.matriz.experiencia.criterios.values() for name in rule.regimenes))


def disability_documents(rules: AscensoRules) -> dict[str, str]:
    """Full document name → its letter (a–d)."""
    return {name: letter for letter, name in rules.bonificacion.documentos.items()}


def causal_choices(rules: AscensoRules) -> dict[str, str]:
    """Full text of causal f), g) or i) → its letter (the committee records them in «Postulantes»)."""
    return {text: letter for letter, text in rules.retiro.causales.items()}


def _expediente(help_text: str) -> Column:
    return Column("Expediente de reclamo", "expediente", required=False, width=18, help=help_text)


_EVIDENCE_HELP = ("Solo para un documento nuevo que el postulante presentó con un reclamo (p. ej. un nuevo informe "
                  "escalafonario): el N° de expediente del reclamo. No cuenta en la evaluación original; cuenta en "
                  "la nueva evaluación solo si algún punto de ese reclamo se declara Fundado.")


def correctable_columns(rules: AscensoRules) -> tuple[Column, ...]:
    """The «Postulantes» columns whose value a fundado reclamo may correct («Correcciones»)."""
    sheet = _form(rules).sheet(POSTULANTES_SHEET)
    return tuple(sheet.column(name) for name in CORRECTABLE_FIELDS)


def ascenso_form(rules: AscensoRules) -> FormSpec:
    """The whole form; the «Campo» list of «Correcciones» is the correctable headers of «Postulantes»."""
    spec = _form(rules)
    headers = tuple(column.header for column in correctable_columns(rules))
    sheets = []
    for sheet in spec.sheets:
        if sheet.name == CORRECCIONES_SHEET:
            columns = tuple(replace(c, choices=headers) if c.field == "campo" else c for c in sheet.columns)
            sheet = replace(sheet, columns=columns)
        sheets.append(sheet)
    return replace(spec, sheets=tuple(sheets))


def _idoneidad_columns(rules: AscensoRules) -> tuple[Column, ...]:
    """Document, date and source of idoneidad checks b), c) and d): what the acta and the oficio
    de retiro cite (seed 003, 2.1.1 A)."""
    columns = []
    for letter in IDONEIDAD_CHECKS:
        sources = tuple(rules.requisitos.idoneidad_fuentes[letter])
        columns += [
            Column(f"{letter}) Documento", f"idon_{letter}_documento", required=False, width=30,
                   help=f"Idoneidad {letter}): documento con el que se verificó, p. ej. «Oficio N° 0456-2025-"
                        "MINEDU/VMGP-DIED» o «Informe escalafonario N° 0123-2025-UGEL02»; si es Sí, el oficio "
                        "de retiro lo cita."),
            Column(f"{letter}) Fecha del documento", f"idon_{letter}_fecha", Kind.DATE, required=False, width=14,
                   help=f"Idoneidad {letter}): fecha del documento."),
            Column(f"{letter}) Fuente", f"idon_{letter}_fuente", Kind.CHOICE, required=False, choices=sources,
                   width=30, help=f"Idoneidad {letter}): de dónde proviene la información ({'; '.join(sources)})."),
        ]
    return tuple(columns)


def _dni(help_text: str) -> Column:
    return Column("DNI", "dni", Kind.DNI, width=12, help=help_text)


def _form(rules: AscensoRules) -> FormSpec:
    req = rules.requisitos
    rural = req.rural
    bonus = rules.bonificacion
    corte = rules.matriz.fecha_corte.strftime("%d/%m/%Y")
    roles = tuple(rules.comite.roles[1:])
    record_dni = _dni("DNI del postulante al que pertenece este registro (debe estar en la hoja «Postulantes»).")
    return FormSpec(
        kind=KIND,
        title="Concurso de Ascenso – Etapa descentralizada",
        version=VERSION,
        description=(
            f"Datos de cada postulante del {rules.edicion.nombre} que el Comité de Evaluación "
            "verifica en el informe escalafonario y en la información de la DIED (Instructivo, capítulo II). "
            "Con este libro, «cddgen score» calcula los puntajes y «cddgen render actas» genera el acta "
            "individual de resultados de cada postulante."
        ),
        extra_help=(
            "Una fila por postulante en «Postulantes»; en las demás hojas, una fila por registro del informe "
            "escalafonario, empezando por el DNI del postulante.",
            f"Solo se valoran documentos con fecha de emisión hasta el {corte} (fecha de corte). Un diplomado, "
            "programa o curso sin fecha de emisión no se valora.",
            "Las fechas se escriben dd/mm/aaaa (también valen fechas de Excel).",
        ),
        sheets=(
            SheetSpec(
                name=POSTULANTES_SHEET,
                help="Un postulante por fila: identidad, requisitos (informe escalafonario y DIED), puntaje de la "
                     "etapa nacional, documento de discapacidad y, si corresponde, la dispensa de una firma del acta.",
                blank_rows=300,
                columns=(
                    _dni("DNI del postulante, 8 dígitos (los ceros iniciales cuentan)."),
                    Column("Apellidos", "apellidos", width=24, help="Apellidos paterno y materno, como en el DNI."),
                    Column("Nombres", "nombres", width=22, help="Nombres completos, como en el DNI."),
                    Column("Correo electrónico", "correo", Kind.EMAIL, width=28,
                           help="Correo registrado por el postulante en la inscripción."),
                    Column("Dirección", "direccion", required=False, width=30,
                           help="Domicilio del postulante (opcional)."),
                    Column("Región", "region", width=16, help="Región donde labora el postulante."),
                    Column("IGED", "iged", width=22,
                           help="DRE o UGEL a la que pertenece el postulante, p. ej. «UGEL 02 – Rímac»."),
                    # Up to the last escala (one past the last one that can postulate): the rule
                    # that escala 8 cannot ascend is the domain's, which explains it.
                    Column("Escala actual", "escala", Kind.INT, minimum=req.escala_minima,
                           maximum=req.escala_maxima + 1, roman=True, width=10,
                           help=f"Escala magisterial actual según el escalafón: de {req.escala_minima} a "
                                f"{req.escala_maxima} (desde la escala 8 no se asciende)."),
                    Column("Años en la escala", "tiempo_anios", Kind.INT, width=10,
                           help="Tiempo de servicios oficiales en la escala actual (informe escalafonario): años, "
                                f"al {req.fecha_inscripcion:%d/%m/%Y} (o al {req.fecha_ascendidos_2022:%d/%m/%Y} "
                                "si ascendió en el concurso 2022)."),
                    Column("Meses en la escala", "tiempo_meses", Kind.INT, maximum=11, width=10,
                           help="Meses del mismo tiempo (0 a 11)."),
                    Column("Días en la escala", "tiempo_dias", Kind.INT, maximum=29, width=10,
                           help="Días del mismo tiempo (0 a 29)."),
                    Column("Ascendió en el concurso 2022", "ascendio_2022", Kind.YES_NO, width=12,
                           help="Sí si ascendió en el concurso de ascenso 2022: acredita la permanencia hasta el "
                                f"{req.fecha_ascendidos_2022:%d/%m/%Y}."),
                    Column("IE rural o de frontera desde la inscripción", "rural_inscripcion", Kind.YES_NO, width=14,
                           help="Condición i: presta servicios en IE rural o de distrito de frontera desde la "
                                "inscripción hasta la resolución de ascenso."),
                    Column("IE rural o de frontera los 3 años previos", "rural_tres_anios", Kind.YES_NO, width=14,
                           help="Condición ii: prestó servicios continuos en IE rural o de frontera del "
                                f"{rural.ventana_inicio:%d/%m/%Y} al {rural.ventana_fin:%d/%m/%Y} (ascendidos "
                                f"2022: del {rural.ventana_inicio_ascendidos_2022:%d/%m/%Y} al "
                                f"{rural.ventana_fin_ascendidos_2022:%d/%m/%Y})."),
                    Column("Fecha de nombramiento", "fecha_nombramiento", Kind.DATE, width=14,
                           help="Fecha de nombramiento en la Carrera Pública Magisterial (informe escalafonario); "
                                "sirve para el criterio 1.2."),
                    Column("a) Grupo de inscripción corresponde", "grupo_corresponde", Kind.YES_NO, width=14,
                           help="Idoneidad a): Sí si el grupo de inscripción corresponde a la modalidad, nivel/ciclo "
                                "y especialidad de la plaza."),
                    Column("b) Condena Leyes 29988, 30901 o 30794", "condena_leyes", Kind.YES_NO, width=14,
                           help="Idoneidad b): Sí si la DIED informa condena por los delitos de las Leyes N° 29988, "
                                "30901 o 30794."),
                    Column("c) Condena por otro delito doloso", "condena_dolosa", Kind.YES_NO, width=14,
                           help="Idoneidad c): Sí si registra condena por otro delito doloso."),
                    Column("d) Sanción vigente o registrada", "sancion", Kind.YES_NO, width=14,
                           help="Idoneidad d): Sí si tiene sanción vigente o registrada en el escalafón o el RNSSC."),
                    Column("Puntaje etapa nacional", "puntaje_nacional", Kind.NUMBER, width=12,
                           help="Puntaje obtenido en la etapa nacional del concurso."),
                    Column("Documento de discapacidad", "disc_documento", Kind.CHOICE, required=False,
                           choices=tuple(bonus.documentos.values()), width=40,
                           help="Documento presentado para la bonificación por discapacidad (vacío si no presentó)."),
                    Column("N° del documento de discapacidad", "disc_numero", required=False, width=16,
                           help="Número del certificado, resolución o carné."),
                    Column("Fecha de presentación del documento", "disc_presentacion", Kind.DATE, required=False,
                           width=14, help=f"Día en que lo presentó; plazo: del {bonus.presentacion_inicio:%d/%m/%Y} "
                                          f"al {bonus.presentacion_fin:%d/%m/%Y}."),
                    Column("Fecha de expedición del documento", "disc_expedicion", Kind.DATE, required=False,
                           width=14, help="Obligatoria para la Resolución CONADIS: no debe ser posterior al "
                                          f"{bonus.conadis_expedicion_hasta:%d/%m/%Y}."),
                    Column("Resultado SIHCE", "disc_sihce", Kind.CHOICE, required=False,
                           choices=tuple(bonus.resultados_sihce), width=14,
                           help="Para certificados IPRESS o BICAD: resultado de la verificación en la plataforma SIHCE."),
                    Column("Firma dispensada (integrante)", "firma_dispensada", Kind.CHOICE, required=False,
                           choices=roles, width=16,
                           help="Solo por caso fortuito o fuerza mayor: el integrante cuya firma se dispensa en el "
                                "acta de este postulante (nunca el presidente)."),
                    Column("Motivo de la dispensa (caso fortuito o fuerza mayor)", "motivo_dispensa", required=False,
                           width=36, help="Por qué no puede firmar; se deja constancia en el acta y en el informe final."),
                    Column("Fecha del acta", "fecha_acta", Kind.DATE, required=False, width=14,
                           help="Fecha del acta individual de resultados (vacío: la de la sesión que aprobó las actas, "
                                "marcada en la hoja «Sesiones» del formulario del Comité)."),
                    Column("Causal de retiro (f, g, i)", "causal_comite", Kind.CHOICE, required=False,
                           choices=tuple(rules.retiro.causales.values()), width=40,
                           help="Solo si el Comité advierte la causal f), g) o i) del numeral "
                                f"{rules.retiro.numeral} de la Norma Técnica (Instructivo, 2.3). La causal j) "
                                "(no cumplir requisitos) se aplica sola."),
                    Column("Sustento de la causal", "sustento_causal", required=False, width=48,
                           help="Hechos y documentos que sustentan la causal: motivan el oficio de retiro."),
                    tratamiento_column(whose="del postulante"),
                    Column("Fecha del ascenso 2022", "fecha_ascenso_2022", Kind.DATE, required=False, width=14,
                           help="Solo si ascendió en el concurso 2022: fecha desde la que está en la escala actual "
                                "(resolución de ascenso). Con ella se mide la permanencia al "
                                f"{req.fecha_inscripcion:%d/%m/%Y} y al {req.fecha_ascendidos_2022:%d/%m/%Y}."),
                    *_idoneidad_columns(rules),
                    Column("Fecha del retiro", "fecha_retiro", Kind.DATE, required=False, width=14,
                           help="Solo si incurre en causal de retiro (f, g, i, o j por no cumplir requisitos): fecha "
                                "en que el Comité decidió el retiro, que lleva el oficio de retiro (vacío: la de la "
                                "sesión que aprobó los oficios de retiro, marcada en la hoja «Sesiones» del "
                                "formulario del Comité)."),
                ),
            ),
            SheetSpec(
                name=GRADOS_SHEET,
                blank_rows=500,
                help="Grados y títulos del informe escalafonario (criterios 1.1 y 1.2), uno por fila.",
                columns=(
                    record_dni,
                    Column("Tipo", "tipo", Kind.CHOICE, choices=grado_types(rules), width=44,
                           help="Grado o título. Solo se valora el grado más alto de posgrado (1.1)."),
                    Column("Denominación", "denominacion", required=False, width=36,
                           help="Nombre del grado o título, p. ej. «Maestro en Educación con mención en Gestión»."),
                    Column("Institución", "institucion", width=32, help="Universidad o institución que lo otorga."),
                    Column("Situación", "situacion", Kind.CHOICE, choices=tuple(rules.matriz.situaciones),
                           width=18, help="Solo se valoran grados y títulos obtenidos; no «Egresado» ni «Estudios "
                                          "concluidos»."),
                    Column("Fecha de emisión", "fecha_emision", Kind.DATE, required=False, width=14,
                           help="Fecha de emisión del diploma; para títulos de educación o de segunda especialidad "
                                "se compara con la fecha de nombramiento."),
                    _expediente(_EVIDENCE_HELP),
                ),
            ),
            SheetSpec(
                name=CAPACITACIONES_SHEET,
                blank_rows=500,
                help="Diplomados, programas y cursos del informe escalafonario (criterios 1.3, 1.4 y 1.5), uno por fila.",
                columns=(
                    record_dni,
                    Column("Tipo", "tipo", Kind.CHOICE, choices=training_types(rules), width=34,
                           help="Diplomado o diplomatura (1.3), programa (1.4) o curso (1.5)."),
                    Column("Denominación", "denominacion", required=False, width=36, help="Nombre del estudio."),
                    Column("Tipo de entidad", "entidad_tipo", Kind.CHOICE, choices=tuple(rules.listas.entidades),
                           width=30, help="Quién lo expide: universidad, IES, EES, MINEDU, DRE, UGEL u otra entidad."),
                    Column("Entidad", "entidad", required=False, width=32,
                           help="Nombre de la entidad, p. ej. «Universidad Nacional de Educación Enrique Guzmán y Valle»."),
                    Column("Créditos", "creditos", Kind.NUMBER, required=False, width=10,
                           help="Créditos académicos (vacío si el documento no los indica)."),
                    Column("Horas", "horas", Kind.NUMBER, required=False, width=10,
                           help="Horas académicas (vacío si el documento no las indica). Basta con cumplir el mínimo "
                                "de créditos o el de horas."),
                    Column("Fecha de emisión", "fecha_emision", Kind.DATE, required=False, width=14,
                           help="Fecha de emisión del certificado: debe estar dentro del plazo del criterio."),
                    _expediente(_EVIDENCE_HELP),
                ),
            ),
            SheetSpec(
                name=MERITOS_SHEET,
                blank_rows=300,
                help="Méritos del informe escalafonario (criterios 2.1 a 2.5), uno por fila, con el documento que "
                     "los verifica.",
                columns=(
                    record_dni,
                    Column("Tipo de mérito", "tipo", Kind.CHOICE, choices=merit_types(rules), width=50,
                           help="Solo se valoran los méritos de la Matriz; cada criterio una sola vez."),
                    Column("Descripción", "descripcion", required=False, width=36,
                           help="Detalle del mérito, p. ej. el nombre del concurso (opcional)."),
                    Column("Documento que lo verifica", "documento", Kind.CHOICE,
                           choices=tuple(rules.listas.documentos_merito), width=36,
                           help="Tipo de documento: cada mérito se verifica solo con el documento que indica la Matriz."),
                    Column("N° del documento", "numero_documento", required=False, width=26,
                           help="Número de la resolución o del certificado, p. ej. «RM N° 123-2023-MINEDU»."),
                    Column("Fecha del documento", "fecha", Kind.DATE, required=False, width=14,
                           help=f"Fecha de emisión; los documentos posteriores al {corte} no se valoran."),
                    _expediente(_EVIDENCE_HELP),
                ),
            ),
            SheetSpec(
                name=EXPERIENCIA_SHEET,
                blank_rows=800,
                help="Periodos de experiencia del informe escalafonario (criterios 3.1 a 3.6), uno por fila y por "
                     "resolución.",
                columns=(
                    record_dni,
                    Column("Cargo", "cargo", Kind.CHOICE, choices=cargos(rules), width=60,
                           help="Cargo desempeñado; decide el criterio (3.1 a 3.6)."),
                    Column("Institución", "institucion", required=False, width=32,
                           help="IE, programa, UGEL o DRE donde se desempeñó, p. ej. «I.E. N° 2050 José Olaya»."),
                    Column("Inicio", "inicio", Kind.DATE, width=12, help="Primer día del periodo."),
                    Column("Fin", "fin", Kind.DATE, required=False, width=12,
                           help="Último día del periodo; vacío si continúa en el cargo (se cuenta hasta la fecha "
                                "de corte)."),
                    Column("Resolución", "resolucion", required=False, width=30,
                           help="Acto resolutivo que reconoce el periodo, p. ej. «RD N° 01234-2015-UGEL02»; sin "
                                "resolución el periodo no se valora."),
                    _expediente(_EVIDENCE_HELP),
                    Column("Régimen (criterio 3.1)", "regimen", Kind.CHOICE, required=False,
                           choices=regimenes(rules), width=24,
                           help="Para los cargos del criterio 3.1: nombrado por la Ley N° 24029, 29062 o 29944, o "
                                "contratado (todos se valoran); el acta lo muestra."),
                ),
            ),
            SheetSpec(
                name=RECLAMOS_SHEET,
                required=False,
                blank_rows=200,
                help="Reclamos sobre los resultados preliminares (Instructivo, 3.3): una fila por punto reclamado. "
                     "Los puntos de un mismo expediente comparten DNI y fechas; cada punto lleva la decisión del "
                     "Comité y su análisis. Un reclamo presentado fuera del plazo del cronograma, o un punto no "
                     "referido a los resultados preliminares, es improcedente: deje vacía su decisión.",
                columns=(
                    Column("Expediente", "expediente", width=18,
                           help="N° de expediente o de trámite del reclamo, p. ej. «EXP-2026-000123»."),
                    _dni("DNI del postulante que reclama (debe estar en la hoja «Postulantes»)."),
                    Column("Fecha de presentación", "fecha", Kind.DATE, width=14,
                           help=f"Día en que se presentó el reclamo; plazo: del "
                                f"{rules.cronograma.reclamos_inicio:%d/%m/%Y} al "
                                f"{rules.cronograma.reclamos_fin:%d/%m/%Y}."),
                    Column("N° de punto", "numero", Kind.INT, minimum=1, width=8,
                           help="1, 2, 3… para cada cuestionamiento del mismo reclamo."),
                    Column("Tipo", "tipo", Kind.CHOICE, choices=TIPOS, width=40,
                           help="Sobre qué trata el punto (3.3 a): requisitos, causal de retiro, bonificación, un "
                                "criterio de la Matriz, la actuación del Comité u otro."),
                    Column("Criterio", "criterio", Kind.CHOICE, choices=CRITERIOS, required=False, width=9,
                           help="Solo si el tipo es «Criterio de la Matriz»: el criterio reclamado (1.1 a 3.6)."),
                    Column("Argumentos del postulante", "argumentos", width=60,
                           help="Resumen de lo que alega el postulante (va en «I. Antecedentes» del oficio)."),
                    Column("Decisión", "decision", Kind.CHOICE, choices=DECISIONES, required=False, width=12,
                           help="Fundado o Infundado, decidido por los tres integrantes; vacío si es improcedente."),
                    Column("Análisis del Comité", "analisis", required=False, width=70,
                           help="Razones de la decisión contrastadas con el informe escalafonario y la Norma Técnica "
                                "(va en «II. Análisis del reclamo»)."),
                    Column("Fecha de respuesta", "fecha_respuesta", Kind.DATE, required=False, width=14,
                           help="Fecha del oficio de respuesta y de la nueva acta (vacío: la de la sesión que "
                                "aprobó las respuestas, marcada en la hoja «Sesiones» del formulario del Comité)."),
                ),
            ),
            SheetSpec(
                name=CORRECCIONES_SHEET,
                required=False,
                blank_rows=100,
                help="Datos de «Postulantes» que corrige un reclamo declarado fundado (p. ej. la permanencia según "
                     "un nuevo informe escalafonario): una fila por dato. Solo se aplican si algún punto del "
                     "expediente es Fundado; el dato original se conserva.",
                columns=(
                    Column("Expediente", "expediente", width=18, help="N° de expediente del reclamo (hoja «Reclamos»)."),
                    _dni("DNI del postulante (el del reclamo)."),
                    Column("Campo", "campo", Kind.CHOICE, width=44,
                           choices=(),  # filled below with the correctable headers
                           help="La columna de «Postulantes» que se corrige."),
                    Column("Valor corregido", "valor", width=40,
                           help="El valor correcto, escrito como en la columna de «Postulantes» (fecha dd/mm/aaaa, "
                                f"Sí/No, número o un valor de su lista; para quitar una causal: «{SIN_CAUSAL}»)."),
                ),
            ),
            SheetSpec(
                name=COPIAS_SHEET,
                required=False,
                blank_rows=100,
                help="Solicitudes de copia de los documentos de evaluación (Instructivo, 1.5 g): se entregan hasta "
                     f"{rules.cronograma.copias_dias_habiles_antes} día(s) hábil(es) antes del término del "
                     "plazo de reclamos; las entregas tardías se informan en el informe final.",
                columns=(
                    _dni("DNI del postulante que solicitó las copias."),
                    Column("Fecha de solicitud", "fecha_solicitud", Kind.DATE, width=14, help="Día de la solicitud."),
                    Column("Fecha de entrega", "fecha_entrega", Kind.DATE, required=False, width=14,
                           help="Día en que se entregaron las copias (vacío: aún no se entregan)."),
                ),
            ),
            SheetSpec(
                name=DOCUMENTOS_SHEET,
                required=False,
                blank_rows=300,
                help="Documentos de cada postulante que van en el expediente del informe final (Instructivo, 3.6 y "
                     "Anexo 3, 2.4): informes escalafonarios, documentos de discapacidad, escritos de reclamo. Uno "
                     "por fila, con la ruta de su PDF. También puede dejarlos en una carpeta, con nombres que "
                     "empiecen por el DNI («cddgen render informe-final --documentos CARPETA»).",
                columns=(
                    _dni("DNI del postulante al que pertenece el documento."),
                    Column("Documento", "tipo", Kind.CHOICE, choices=TIPOS_DOCUMENTO, width=30,
                           help="Qué es: va en el expediente antes del acta (informe escalafonario, documento de "
                                "discapacidad) o antes de la respuesta al reclamo (escrito de reclamo)."),
                    Column("Descripción", "descripcion", required=False, width=40,
                           help="Cómo figura en el índice, p. ej. «Informe escalafonario N° 0457-2026-UGEL02-ESC»."),
                    Column("Expediente de reclamo", "expediente", required=False, width=18,
                           help="Para un escrito de reclamo: su N° de expediente (hoja «Reclamos»)."),
                    Column("Archivo PDF", "archivo", width=50,
                           help="Ruta del PDF, completa o relativa a la carpeta de este libro, p. ej. "
                                "«documentos/41234567 informe escalafonario.pdf»."),
                ),
            ),
            SheetSpec(
                name=NOTIFICACIONES_SHEET,
                required=False,
                blank_rows=300,
                help="Cómo se comunicó cada oficio al postulante y cuándo confirmó su recepción (Instructivo, 1.5 c: "
                     "un medio que permita comprobar el envío y la recepción). Una fila por comunicación; el informe "
                     "final informa las que no tienen confirmación y las constancias van en el expediente.",
                columns=(
                    _dni("DNI del postulante a quien se comunicó."),
                    Column("Comunicación", "comunicacion", Kind.CHOICE, choices=COMUNICACIONES, width=36,
                           help="Qué se le comunicó: la respuesta a su reclamo, su retiro o la entrega de copias."),
                    Column("Expediente de reclamo", "expediente", required=False, width=18,
                           help="Para la respuesta a un reclamo: su N° de expediente (hoja «Reclamos»)."),
                    Column("Medio", "medio", Kind.CHOICE, choices=MEDIOS, width=30,
                           help="Cómo se envió: correo electrónico (el registrado en la inscripción), documento "
                                "escrito u otro medio que permita comprobarlo."),
                    Column("Fecha de envío", "fecha_envio", Kind.DATE, width=14, help="Día en que se envió."),
                    Column("Fecha de recepción", "fecha_recepcion", Kind.DATE, required=False, width=14,
                           help="Día en que el postulante confirmó la recepción (acuse, respuesta al correo, cargo "
                                "firmado); vacío: pendiente de confirmación."),
                    Column("Constancia (PDF)", "constancia", required=False, width=50,
                           help="Ruta del PDF de la constancia de envío o de recepción (correo impreso, cargo), "
                                "completa o relativa a la carpeta de este libro; va en el expediente tras el oficio."),
                ),
            ),
        ),
    )


def candidates_form(rules: AscensoRules) -> FormSpec:
    """Only the DNI and names of the «Postulantes» sheet: what the committee check needs."""
    full = ascenso_form(rules)
    sheet = full.sheet(POSTULANTES_SHEET)
    columns = tuple(sheet.column(name) for name in ("dni", "apellidos", "nombres"))
    return FormSpec(kind=full.kind, title=full.title, version=full.version,
                    sheets=(SheetSpec(name=POSTULANTES_SHEET, columns=columns, help=sheet.help),))
