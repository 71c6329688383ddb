"""Filled example of forms/ascenso.xlsx: 34 postulantes of UGEL 02 that together exercise every
requisito, every criterion of the Matriz, the bonificación and the overflow rules.

Who exercises what (DOMAIN.md A.1–A.3):
  41234567 Ccori Mamani       Doctor and Maestro (1.1 = 8), 2.ª especialidad after nombramiento,
                              diplomado of exactly 24 créditos, programa UGEL, curso of 16 h,
                              Palmas; 3.5 of 4 years (2 overflow to 3.4); IPRESS found (bonus)
  42345678 Pérez Ñañez        escala 4, rural/frontera both Sí, 2 años 5 meses: reduced to 2 → cumple
  06543210 Ríos D'Alessandro  escala 3, rural/frontera both Sí, 2 años 8 meses: no reduction → no cumple
  10000001…                   idoneidad a), b), c), d) failures; permanencia failure at escala 7;
                              ascended in 2022 (cut-off 31/08/2025); BICAD not found in SIHCE;
                              CONADIS 02/08/2021 vs 03/08/2021; carné; late and early presentation;
                              3.6 overflow to 3.1 (issue 13: 3.6 = 4, 3.1 = 4); overlapping periods;
                              no resolución; pre-LRM part;
                              vigente period; dispensed signature; text dates; every wrong document.
Committee members (40123456, 08123456, 09876543) are never postulantes.

After the preliminary results (DOMAIN.md A.4, A.6; plazo de reclamos 26–28/01/2026):
  EXP-2026-000101 Mendoza Salas      filed 30/01: late → improcedente; NO CUMPLE stays → causal j)
  EXP-2026-000102 Rojas Medina       1.3 fundado: a diplomado of a new informe escalafonario → acta v2
  EXP-2026-000108 Rojas Medina       1.5 fundado: a curso of the same report → acta v3 (built on v2)
  EXP-2026-000103 Mamani Condori     1.3 infundado (23 créditos / 383 horas)
  EXP-2026-000104 Loayza Benavides   two points: bonificación fundado (corrected fecha de
                                     presentación) and 3.1 infundado → acta v2
  EXP-2026-000105 Tello Aguirre      a point not about the preliminary results (improcedente) and
                                     one on the committee's actuación (infundado)
  EXP-2026-000106 Ríos D'Alessandro  requisitos fundado: corrected permanencia → CUMPLE, acta v2
  EXP-2026-000107 Chávez Núñez       requisitos infundado (sanción vigente) → causal j)
  Causal f) Oré Villavicencio and i) Ticona Apaza; causal j) without reclamo: Huamaní Quispe and
  the others who do not meet the requisitos. Copy requests: Mamani Condori's delivered late.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.config import load_settings
from generator.forms.ascenso import (
    CAPACITACIONES_SHEET,
    COPIAS_SHEET,
    CORRECCIONES_SHEET,
    DOCUMENTOS_SHEET,
    EXPERIENCIA_SHEET,
    NOTIFICACIONES_SHEET,
    RECLAMOS_SHEET,
    GRADOS_SHEET,
    MERITOS_SHEET,
    POSTULANTES_SHEET,
    ascenso_form,
)
from generator.forms.xlsx_writer import write_form

D = dt.date

# Names of the closed lists, short for the tables below.
DOC, MAE = "Grado de Doctor", "Grado de Maestro (Maestría, Magíster o Máster)"
T_EDU, T_SEG = "Título de profesor o licenciado en educación", "Título de segunda especialidad"
T_UNI, BACH = "Título profesional universitario (distinto de educación)", "Grado de bachiller"
UNIV, IES, EES = "Universidad", "Instituto de Educación Superior (IES)", "Escuela de Educación Superior (EES)"
PROF = "Profesor en IE pública de Educación Básica"
PROF_PROG = "Profesor en programa educativo de Educación Básica"
COORD = "Profesor coordinador en IE pública o programa educativo de Educación Básica"
JERAR = "Profesor en cargo jerárquico en IE pública de Educación Básica"
DIR_UGEL = "Director de UGEL"
AGP = "Director o jefe del Área de Gestión Pedagógica de DRE o UGEL"
AGEBRE = "Jefe del AGEBRE de UGEL de Lima Metropolitana"
ESP = "Especialista en Educación de DRE o UGEL"
DIR = "Director de IE pública o programa educativo de Educación Básica"
SUBDIR = "Subdirector de IE pública o programa educativo de Educación Básica"
DIR_AULA = "Director de IE pública de Educación Básica con aula a cargo o dictado de clases"
ENC = "Profesor encargado de la función de director de IE pública de Educación Básica"
OTRO_CARGO = "Otro cargo (no valorado en la Matriz)"
RM, RVM, RD = "Resolución Ministerial", "Resolución Viceministerial", "Resolución Directoral"
INDECOPI_R, INDECOPI_C = "Resolución de inscripción de INDECOPI", "Certificado de inscripción registral de INDECOPI"
PALMAS = "Palmas Magisteriales"
BUENAS = "Primeros puestos del Concurso Nacional de Buenas Prácticas Docentes"
FONDEP = "Equipo de proyecto ganador del concurso de innovación educativa del FONDEP"
GANADOR_NAC = "Ganador de concurso nacional organizado o patrocinado por el Minedu"
LIBRO = "Libro en autoría (temas pedagógicos o educativos)"
ASESOR = "Asesor de estudiantes en los tres primeros lugares de concursos educativos del Minedu"
ENTRENADOR = ("Entrenador o delegado de estudiantes en los tres primeros lugares de los Juegos Escolares "
              "Deportivos o Paradeportivos")
REGIONAL = "Ganador de concurso regional del Gobierno Regional"
FINALISTA = "Finalista de concurso nacional organizado o patrocinado por el Minedu"
OTRO_MERITO = "Otro mérito (no previsto en la Matriz)"
IPRESS = "a) Certificado de discapacidad permanente (IPRESS)"
BICAD = "b) Certificado de discapacidad permanente (BICAD – MINSA)"
CONADIS_R = "c) Resolución de inscripción en el Registro Nacional de la Persona con Discapacidad (CONADIS)"
CONADIS_C = "d) Carné de inscripción en el Registro Nacional de la Persona con Discapacidad (CONADIS)"

POSTULANTES: list[dict[str, Any]] = []
GRADOS: list[dict[str, Any]] = []
CAPACITACIONES: list[dict[str, Any]] = []
MERITOS: list[dict[str, Any]] = []
EXPERIENCIA: list[dict[str, Any]] = []


# The example postulantes' tratamientos (every example person has a real one): these first names
# are women's, the others men's.
_WOMEN = {"Lucía", "Ana", "Rosa", "María", "Teresa", "Fiorella", "Elena", "Gladys", "Sofía", "Carmen", "Yolanda",
          "Milagros", "Claudia", "Karina", "Diana", "Ruth", "Nelly", "Verónica"}


def postulante(dni: str, apellidos: str, nombres: str, correo: str, nacional: float, *, escala: int = 3,
               tiempo: tuple[int, int, int] = (3, 4, 12), nombramiento: Any = D(2012, 3, 1), **extra: Any) -> None:
    row = {
        "dni": dni, "apellidos": apellidos, "nombres": nombres, "correo": correo,
        "direccion": extra.pop("direccion", "Jr. Huánuco 1250, Rímac"), "region": extra.pop("region", "Lima"),
        "iged": extra.pop("iged", "UGEL 02 – Rímac"), "escala": escala,
        "tiempo_anios": tiempo[0], "tiempo_meses": tiempo[1], "tiempo_dias": tiempo[2],
        "ascendio_2022": "No", "rural_inscripcion": "No", "rural_tres_anios": "No",
        "fecha_nombramiento": nombramiento, "grupo_corresponde": "Sí", "condena_leyes": "No",
        "condena_dolosa": "No", "sancion": "No", "puntaje_nacional": nacional,
    }
    row.update(extra)
    row.setdefault("tratamiento", "Sra." if nombres.split()[0] in _WOMEN else "Sr.")
    POSTULANTES.append(row)


def grado(dni: str, tipo: str, denominacion: str, institucion: str, fecha: Any, situacion: str = "Obtenido") -> None:
    GRADOS.append({"dni": dni, "tipo": tipo, "denominacion": denominacion, "institucion": institucion,
                   "situacion": situacion, "fecha_emision": fecha})


def estudio(dni: str, tipo: str, denominacion: str, entidad_tipo: str, entidad: str, creditos: Any, horas: Any,
            fecha: Any) -> None:
    CAPACITACIONES.append({"dni": dni, "tipo": tipo, "denominacion": denominacion, "entidad_tipo": entidad_tipo,
                           "entidad": entidad, "creditos": creditos, "horas": horas, "fecha_emision": fecha})


def merito(dni: str, tipo: str, documento: str, numero: str, fecha: Any, descripcion: str = "") -> None:
    MERITOS.append({"dni": dni, "tipo": tipo, "descripcion": descripcion, "documento": documento,
                    "numero_documento": numero, "fecha": fecha})


def periodo(dni: str, cargo: str, institucion: str, inicio: Any, fin: Any, resolucion: str, regimen: str = "") -> None:
    EXPERIENCIA.append({"dni": dni, "cargo": cargo, "institucion": institucion, "inicio": inicio, "fin": fin,
                        "resolucion": resolucion, "regimen": regimen or None})


def idoneidad(letter: str, documento: str, fecha: Any, fuente: str) -> dict[str, Any]:
    """The «Postulantes» cells of the document behind idoneidad check ``letter`` (b, c or d)."""
    return {f"idon_{letter}_documento": documento, f"idon_{letter}_fecha": fecha, f"idon_{letter}_fuente": fuente}


DIED, ESCALAFON = "Información de la DIED en el aplicativo", "Informe escalafonario"
RNSSC = "Registro Nacional de Sanciones contra Servidores Civiles – RNSSC"
OFICIO_DIED = "Oficio N° 00456-2025-MINEDU/VMGP-DIED"
NOMBRADO_24029, NOMBRADO_29944, CONTRATADO = "Nombrado (Ley N° 24029)", "Nombrado (Ley N° 29944)", "Contratado"


UNE = "Universidad Nacional de Educación Enrique Guzmán y Valle"
SAN_MARCOS = "Universidad Nacional Mayor de San Marcos"
PUCP = "Pontificia Universidad Católica del Perú"
CAYETANO = "Universidad Peruana Cayetano Heredia"
PEDAGOGICO = "EES Pedagógica Pública Monterrico"

# 1. The full record (the end-to-end test reads her acta back).
L = "41234567"
postulante(L, "Ccori Mamani", "Lucía", "lucia.ccori@gmail.com", 92.5, escala=3, tiempo=(4, 1, 3),
           nombramiento=D(2008, 4, 1), disc_documento=IPRESS, disc_numero="00057321",
           disc_presentacion=D(2026, 1, 9), disc_sihce="Encontrado",
           **idoneidad("b", OFICIO_DIED, D(2025, 10, 20), DIED),
           **idoneidad("d", "Informe escalafonario N° 00312-2025-UGEL02-AAJ", D(2025, 10, 14), ESCALAFON))
grado(L, DOC, "Doctora en Ciencias de la Educación", SAN_MARCOS, D(2022, 7, 14))
grado(L, MAE, "Maestra en Educación con mención en Gestión de la Educación", UNE, D(2016, 11, 3))
grado(L, T_SEG, "Segunda Especialidad en Educación Inicial", PUCP, D(2014, 2, 20))
estudio(L, "Diplomado", "Gestión escolar con liderazgo pedagógico", UNIV, CAYETANO, 24, None, D(2023, 9, 15))
estudio(L, "Programa de especialización", "Especialización en Matemática para Primaria", "UGEL",
        "UGEL 02 – Rímac", None, 400, D(2022, 12, 10))
estudio(L, "Curso de capacitación", "Evaluación formativa", "MINEDU", "PerúEduca", None, 16, D(2025, 6, 30))
merito(L, PALMAS, RM, "RM N° 250-2019-MINEDU", D(2019, 7, 6), "Grado de Educador")
periodo(L, PROF, "I.E. N° 2050 José Olaya", D(2008, 4, 1), D(2015, 2, 28), "RD N° 00812-2008-UGEL02", NOMBRADO_24029)
periodo(L, DIR_AULA, "I.E. N° 2050 José Olaya", D(2015, 3, 1), D(2019, 2, 28), "RD N° 01234-2015-UGEL02")
periodo(L, PROF, "I.E. N° 2050 José Olaya", D(2019, 3, 1), D(2025, 12, 31), "RD N° 00450-2019-UGEL02", NOMBRADO_29944)

# 2. Rural/frontera reduction at escala 4 (A.1): 2 años 5 meses ≥ 3 − 1.
J = "42345678"
postulante(J, "Pérez Ñañez", "Juan Carlos", "jcperez@hotmail.com", 88.0, escala=4, tiempo=(2, 5, 0),
           rural_inscripcion="Sí", rural_tres_anios="Sí", region="Lima Provincias", iged="UGEL 10 – Huaral",
           nombramiento=D(2009, 3, 1))
grado(J, MAE, "Maestro en Docencia Universitaria", "Universidad Nacional José Faustino Sánchez Carrión",
      D(2018, 5, 22))
periodo(J, PROF, "I.E. N° 20354 Santa Rosa de Quives", D(2009, 3, 1), D(2025, 12, 31), "RD N° 00321-2009-UGEL10")

# 3. Rural/frontera at escala 3: no reduction (the benefit starts at the fourth escala).
A = "06543210"
postulante(A, "Ríos D'Alessandro", "Ana", "ana.rios@ugel02.edu.pe", 79.25, escala=3, tiempo=(2, 8, 15),
           rural_inscripcion="Sí", rural_tres_anios="Sí", nombramiento=D(2014, 3, 3))
estudio(A, "Curso de actualización", "Comunicación oral y escrita", IES, "IES Público Manuel Seoane", 2, None,
        D(2024, 1, 5))
periodo(A, PROF, "I.E. N° 3056 El Progreso", D(2014, 3, 3), D(2025, 12, 31), "RD N° 00567-2014-UGEL02")

# 4–7. Idoneidad failures a) to d): the Matriz is still scored (3.1).
postulante("10293847", "Huamaní Quispe", "Rosa Elvira", "rhuamani@gmail.com", 81.0, grupo_corresponde="No")
periodo("10293847", PROF, "I.E. N° 2078", D(2012, 3, 1), D(2017, 12, 31), "RD N° 01010-2012-UGEL02")
postulante("20384756", "Mendoza Salas", "Carlos Alberto", "cmendoza@yahoo.com", 75.5, condena_leyes="Sí",
           **idoneidad("b", OFICIO_DIED, D(2025, 10, 20), DIED))
periodo("20384756", PROF, "I.E. N° 3037", D(2013, 3, 1), D(2016, 12, 31), "RD N° 00204-2013-UGEL02")
postulante("30475869", "Vásquez Torres", "María del Pilar", "mvasquez@gmail.com", 70.0, condena_dolosa="Sí",
           **idoneidad("c", "Informe escalafonario N° 00318-2025-UGEL02-AAJ", D(2025, 10, 14), ESCALAFON))
postulante("40567891", "Chávez Núñez", "Óscar", "ochavez@outlook.com", 83.75, sancion="Sí",
           **idoneidad("d", "Constancia de consulta del RNSSC N° 2025-0087", D(2025, 10, 21), RNSSC))
grado("40567891", MAE, "Maestro en Psicología Educativa", "Universidad César Vallejo", D(2019, 8, 1))

# 8. Permanencia failure at escala 7 (needs 4 años).
postulante("01234987", "Espinoza Cárdenas", "Teresa", "tespinoza@gmail.com", 95.0, escala=7, tiempo=(3, 11, 29),
           nombramiento=D(1998, 4, 1))
grado("01234987", DOC, "Doctora en Educación", UNE, D(2015, 3, 12))
periodo("01234987", DIR, "I.E. N° 2022 Sinchi Roca", D(2013, 3, 1), D(2025, 12, 31), "RD N° 00150-2013-UGEL02")

# 9. Ascended in 2022 (in escala 5 since 01/09/2022): permanencia measured at 15/05/2025 and at 31/08/2025;
# rural window of the 2022 group.
postulante("00456123", "Gutiérrez Llanos", "Fiorella", "fgutierrez@gmail.com", 86.4, escala=5, tiempo=(3, 0, 0),
           ascendio_2022="Sí", fecha_ascenso_2022=D(2022, 9, 1), rural_inscripcion="Sí", rural_tres_anios="Sí",
           region="Piura", iged="UGEL Sullana", nombramiento=D(2011, 3, 1))
periodo("00456123", PROF, "I.E. N° 14781 Frontera Norte", D(2011, 3, 1), D(2025, 12, 31),
        "RD N° 00777-2011-UGEL-SULLANA")

# 10. BICAD not found in SIHCE: granted, flagged for the DRE/UGEL and the informe final.
postulante("45678123", "Zúñiga Paredes", "Miguel Ángel", "mzuniga@gmail.com", 80.0, tiempo=(3, 6, 0),
           disc_documento=BICAD, disc_numero="00098214", disc_presentacion=D(2026, 1, 12),
           disc_sihce="No encontrado")
periodo("45678123", PROF, "I.E. N° 2049", D(2015, 3, 1), D(2022, 12, 31), "RD N° 00345-2015-UGEL02")

# 11–12. CONADIS resolution on the last allowed day, and one day later.
postulante("47890123", "Alarcón De la Cruz", "Elena", "ealarcon@gmail.com", 77.0,
           disc_documento=CONADIS_R, disc_numero="RES-0045127-2021", disc_presentacion=D(2026, 1, 7),
           disc_expedicion=D(2021, 8, 2))
postulante("48901234", "Sánchez O'Higgins", "Patricio", "psanchez@gmail.com", 77.0,
           disc_documento=CONADIS_R, disc_numero="RES-0045896-2021", disc_presentacion=D(2026, 1, 7),
           disc_expedicion=D(2021, 8, 3))

# 13. Carné CONADIS, presented on the last day of the plazo; final score with decimals.
postulante("43219876", "Ñahui Huillca", "Wilber", "wnahui@gmail.com", 87.333, tiempo=(5, 0, 0),
           disc_documento=CONADIS_C, disc_numero="0123456", disc_presentacion=D(2026, 1, 15))
estudio("43219876", "Programa de mejora continua", "Tutoría y orientación educativa", "DRE", "DRE Lima Metropolitana",
        7, None, D(2023, 4, 4))

# 14–15. Presented after the plazo, and before it.
postulante("44332211", "Loayza Benavides", "Gladys", "gloayza@gmail.com", 82.0,
           disc_documento=IPRESS, disc_numero="00061234", disc_presentacion=D(2026, 1, 16), disc_sihce="Encontrado")
postulante("44556677", "Tello Aguirre", "Ricardo", "rtello@gmail.com", 82.0,
           disc_documento=IPRESS, disc_numero="00061987", disc_presentacion=D(2026, 1, 4), disc_sihce="Encontrado")

# 16. 3.6 of 6 years (issue 13): 24 months stay in 3.6 and exactly 48 pass to 3.1, which with its own
# 1 month 29 days makes 49 months 29 days: 4 years of 10 months (3.6 = 4, 3.1 = 4).
E = "46789012"
postulante(E, "Cusi Yupanqui", "Hernán", "hcusi@gmail.com", 84.0, tiempo=(3, 2, 0), nombramiento=D(2014, 3, 1))
periodo(E, ENC, "I.E. N° 2091", D(2015, 1, 1), D(2020, 12, 31), "RD N° 00099-2015-UGEL02")
periodo(E, PROF, "I.E. N° 2091", D(2021, 3, 1), D(2021, 4, 29), "RD N° 00401-2021-UGEL02", NOMBRADO_29944)

# 17. Two overlapping periods of one criterion (3.1), merged before counting.
O = "47123456"
postulante(O, "Rojas Medina", "Sofía", "srojas@gmail.com", 78.0, nombramiento=D(2016, 3, 1))
periodo(O, PROF, "I.E. N° 3045", D(2016, 3, 1), "31/12/2019", "RD N° 00212-2016-UGEL02")
periodo(O, PROF_PROG, "PRONOEI Los Olivos", "01/03/2019", "31/12/2020", "RD N° 00987-2019-UGEL02", CONTRATADO)

# 18. Especialista (3.3) overlapping a 3.1 period: each month in one criterion only.
S = "48123456"
postulante(S, "Tapia Huerta", "Julio César", "jtapia@ugel02.gob.pe", 90.0, escala=4, tiempo=(3, 1, 0),
           nombramiento=D(2006, 3, 1))
periodo(S, PROF, "I.E. N° 2084", D(2006, 3, 1), D(2020, 2, 29), "RD N° 00110-2006-UGEL02")
periodo(S, ESP, "UGEL 02 – Rímac", D(2018, 3, 1), None, "RD N° 02345-2018-UGEL02")

# 19. Director de UGEL (3.2) and Jefe AGEBRE: 4 points, more time exceeds the maximum.
U = "07891234"
postulante(U, "Villanueva Ortiz", "Carmen Rosa", "cvillanueva@gmail.com", 93.0, escala=6, tiempo=(3, 0, 1),
           nombramiento=D(1995, 4, 1))
periodo(U, DIR_UGEL, "UGEL 04 – Comas", D(2014, 1, 2), D(2018, 12, 31), "RM N° 0123-2014-MINEDU")
periodo(U, AGEBRE, "UGEL 02 – Rímac", D(2019, 1, 1), D(2021, 12, 31), "RD N° 00001-2019-DRELM")
periodo(U, COORD, "PRONOEI Caritas Felices", D(1995, 4, 1), D(2000, 12, 31), "RD N° 00333-1995-USE02")

# 20. 3.4 period starting before 26/11/2012: the earlier part does not count; subdirector too.
V = "49012345"
postulante(V, "Guerrero Palacios", "Luis Alberto", "lguerrero@gmail.com", 85.0, escala=5, tiempo=(3, 3, 0),
           nombramiento=D(2001, 3, 1))
periodo(V, DIR, "I.E. N° 2040 Los Jazmines", D(2011, 3, 1), D(2013, 12, 31), "RD N° 00567-2011-UGEL02")
periodo(V, SUBDIR, "I.E. N° 3050", D(2014, 3, 1), D(2015, 2, 28), "RD N° 00123-2014-UGEL02")
periodo(V, JERAR, "I.E. N° 3050", D(2001, 3, 1), D(2011, 2, 28), "RD N° 00090-2001-USE02")

# 21. 1.3 boundaries: 23 créditos and 383 horas, an entity that does not qualify, no fecha.
B = "41987654"
postulante(B, "Mamani Condori", "Yolanda", "ymamani@gmail.com", 76.0)
estudio(B, "Diplomado", "Didáctica de la Matemática", UNIV, UNE, 23, 383, D(2022, 6, 1))
estudio(B, "Diplomatura", "Gestión de riesgos", "Otra entidad", "Colegio de Profesores del Perú", 30, 480,
        D(2023, 3, 3))
estudio(B, "Diplomado de posgrado", "Neuroeducación", UNIV, PUCP, 24, 384, None)
estudio(B, "Curso de capacitación", "Uso pedagógico de TIC", "UGEL", "UGEL 02 – Rímac", None, 15, D(2025, 5, 5))

# 22. Windows: diplomado on 05/01/2021 (first day) counts; one on 04/01/2021 does not;
#     curso on 04/01/2024 (one day before the 2-year window) does not.
W = "42987654"
postulante(W, "Quispe Huamán", "Néstor", "nquispe@gmail.com", 79.0)
estudio(W, "Diplomado", "Educación inclusiva", EES, PEDAGOGICO, None, 384, D(2021, 1, 5))
estudio(W, "Diplomado", "Convivencia escolar", UNIV, UNE, 24, None, D(2021, 1, 4))
estudio(W, "Curso de mejora continua", "Lectura crítica", "MINEDU", "PerúEduca", 2, 32, D(2024, 1, 4))
estudio(W, "Programa de capacitación", "Liderazgo directivo", IES, "IES Público Argentina", None, 112,
        "05/01/2026")

# 23. Grados that do not count: Maestro egresado, educación before nombramiento; título universitario counts.
G = "43987654"
postulante(G, "Salazar Ccahuana", "Milagros", "msalazar@gmail.com", 74.0, nombramiento=D(2013, 3, 1))
grado(G, MAE, "Maestría en Gestión Educativa", UNE, None, situacion="Egresado")
grado(G, T_EDU, "Profesora de Educación Primaria", PEDAGOGICO, D(2010, 12, 20))
grado(G, T_UNI, "Abogada", SAN_MARCOS, D(2005, 6, 30))
grado(G, BACH, "Bachiller en Educación", UNE, D(2009, 7, 1))
grado(G, DOC, "Doctorado en Educación", UNE, D(2026, 2, 1))

# 24. Educación title strictly after nombramiento counts; one on the same day would not.
T = "44987654"
postulante(T, "Paucar Inga", "Edwin", "epaucar@gmail.com", 80.5, nombramiento=D(2012, 4, 2))
grado(T, T_EDU, "Licenciado en Educación Secundaria, Matemática", UNE, D(2012, 4, 3))
grado(T, T_SEG, "Segunda Especialidad en Tutoría", PUCP, D(2012, 4, 2))

# 25. Méritos: every criterion of rubro 2 but 2.1, each with its document.
M = "45987654"
postulante(M, "Bustamante Rivero", "Claudia", "cbustamante@gmail.com", 91.0, escala=4, tiempo=(4, 0, 0))
merito(M, BUENAS, RM, "RM N° 345-2021-MINEDU", D(2021, 11, 20), "Segundo puesto, categoría Primaria")
merito(M, FONDEP, RM, "RM N° 112-2020-MINEDU", D(2020, 4, 2), "Proyecto «Huertos escolares»")
merito(M, LIBRO, INDECOPI_C, "Partida Registral N° 00478-2019", D(2019, 9, 9), "«Aprender jugando en el aula»")
merito(M, REGIONAL, RD, "RD N° 0456-2022-DRELM", D(2022, 10, 10), "Concurso regional de innovación")
merito(M, ASESOR, RM, "RM N° 500-2023-MINEDU", D(2023, 12, 1), "Juegos Florales Escolares Nacionales")

# 26. Méritos with the wrong document or out of the Matriz.
N = "46987654"
postulante(N, "Oré Villavicencio", "Gabriel", "gore@gmail.com", 73.0)
merito(N, PALMAS, RD, "RD N° 0099-2019-UGEL02", D(2019, 7, 6))
merito(N, GANADOR_NAC, RM, "RM N° 222-2024-MINEDU", D(2024, 8, 8), "Concurso Nacional «Maestro que deja huella»")
merito(N, FINALISTA, RVM, "RVM N° 031-2023-MINEDU", D(2023, 5, 5))
merito(N, ENTRENADOR, RD, "RD N° 0150-2023-UGEL02", D(2023, 11, 11))
merito(N, OTRO_MERITO, "Otro documento", "Diploma de honor", D(2022, 1, 1), "Reconocimiento de la APAFA")
merito(N, LIBRO, INDECOPI_R, "Resolución N° 1234-2026/DDA-INDECOPI", D(2026, 1, 6))

# 27. 3.1 boundaries: 9 months, then exactly 10 months (one 3.1 year), and no resolución.
R = "47987654"
postulante(R, "Yupanqui Soto", "Karina", "kyupanqui@gmail.com", 72.0, escala=1, tiempo=(2, 0, 0),
           nombramiento=D(2023, 3, 1))
periodo(R, PROF, "I.E. N° 2088", D(2021, 3, 1), D(2021, 11, 30), "RD N° 00311-2021-UGEL02")
periodo(R, PROF, "I.E. N° 2088", D(2022, 3, 1), D(2022, 3, 31), "RD N° 00402-2022-UGEL02")
periodo(R, PROF, "I.E. N° 2088", D(2023, 3, 1), D(2023, 12, 31), "")

# 28. 3.5 overflow into 3.4 and then 3.1 (3.4 already has time of its own).
X = "48987654"
postulante(X, "Fernández Alva", "Roberto", "rfernandez@gmail.com", 89.0, escala=5, tiempo=(3, 5, 0),
           nombramiento=D(2000, 3, 1))
periodo(X, SUBDIR, "I.E. N° 3020", D(2013, 1, 1), D(2014, 12, 31), "RD N° 00012-2013-UGEL02")
periodo(X, DIR_AULA, "I.E. N° 3020", D(2015, 1, 1), D(2020, 12, 31), "RD N° 00034-2015-UGEL02")
periodo(X, PROF, "I.E. N° 3020", D(2021, 1, 1), D(2022, 12, 31), "RD N° 00077-2021-UGEL02")

# 29. Dispensed signature of the Tercer miembro (numeral 1.5, j).
F = "49987654"
postulante(F, "Aguilar Campos", "Diana", "daguilar@gmail.com", 84.5, firma_dispensada="Tercer miembro",
           motivo_dispensa="Descanso médico por intervención quirúrgica de emergencia (certificado médico del "
                           "12/01/2026).")
periodo(F, PROF, "I.E. N° 2096", D(2010, 3, 1), D(2025, 12, 31), "RD N° 00654-2010-UGEL02")
estudio(F, "Programa de actualización", "Actualización en Ciencia y Tecnología", "MINEDU", "MINEDU", None, 120,
        D(2024, 2, 2))

# 30. Records that belong to no criterion, and a period still in course (vigente).
Z = "05678901"
postulante(Z, "Ticona Apaza", "Ruth Noemí", "rticona@gmail.com", 71.0, region="Puno", iged="UGEL Puno")
estudio(Z, "Otro (taller, seminario, congreso u otro)", "Congreso Nacional de Educación", UNIV, SAN_MARCOS, None,
        20, D(2024, 10, 10))
periodo(Z, OTRO_CARGO, "Colegio particular San Agustín", D(2005, 3, 1), D(2008, 12, 31), "Constancia de trabajo")
periodo(Z, AGP, "UGEL Puno", D(2023, 6, 1), None, "RD N° 00888-2023-DREP")

# 31. Rural/frontera at escala 4 with only condition i: no reduction, 2 años 9 meses → no cumple.
postulante("03456789", "Condori Layme", "Fredy", "fcondori@gmail.com", 78.5, escala=4, tiempo=(2, 9, 0),
           rural_inscripcion="Sí", rural_tres_anios="No", region="Tacna", iged="UGEL Tacna")
periodo("03456789", PROF, "I.E. N° 42005 Frontera Sur", D(2012, 3, 1), D(2025, 12, 31), "RD N° 00456-2012-UGEL-T")

# 32. Escala 2 (two years suffice) with everything in rubro 1 at its cap.
H = "02345671"
postulante(H, "Arévalo Shapiama", "Nelly", "narevalo@gmail.com", 94.0, escala=2, tiempo=(2, 0, 0),
           region="Loreto", iged="UGEL Maynas", nombramiento=D(2019, 3, 1))
grado(H, MAE, "Magíster en Educación Intercultural", "Universidad Nacional de la Amazonía Peruana", D(2021, 10, 10))
grado(H, T_UNI, "Ingeniera Forestal", "Universidad Nacional de la Amazonía Peruana", D(2012, 12, 12))
estudio(H, "Diplomatura", "Educación intercultural bilingüe", UNIV, "Universidad Nacional de la Amazonía Peruana",
        26, None, D(2026, 1, 5))
estudio(H, "Programa de especialización", "Especialización en EIB", EES, "EES Pública Loreto", 24, None,
        D(2021, 1, 5))
estudio(H, "Curso de actualización", "Planificación curricular", "DRE", "DRE Loreto", None, 31, D(2025, 3, 3))
estudio(H, "Curso de capacitación", "Primeros auxilios psicológicos", "UGEL", "UGEL Maynas", 1, None,
        D(2024, 1, 5))
periodo(H, PROF, "I.E. N° 601234 Belén", D(2019, 3, 1), D(2025, 12, 31), "RD N° 01111-2019-UGEL-MAYNAS")

# 33. Escala 6 in 3.6 and 3.4 at the same time (overlap of different criteria worth 2 and 1).
K = "04567812"
postulante(K, "Inga Roque", "Alfredo", "ainga@gmail.com", 86.0, escala=6, tiempo=(3, 0, 0),
           nombramiento=D(1999, 3, 1))
periodo(K, ENC, "I.E. N° 5090", D(2017, 3, 1), D(2018, 12, 31), "RD N° 00222-2017-UGEL02")
periodo(K, SUBDIR, "I.E. N° 5090", D(2018, 1, 1), D(2021, 12, 31), "RD N° 00333-2018-UGEL02")
periodo(K, PROF, "I.E. N° 5090", D(1999, 3, 1), D(2017, 2, 28), "RD N° 00044-1999-USE02")

# 34. Nothing but the etapa nacional: an empty Matriz.
postulante("01928374", "López Ugarte", "Verónica", "vlopez@gmail.com", 68.0, escala=1, tiempo=(2, 1, 1),
           nombramiento="15/03/2023")


# --- After the preliminary results: reclamos, corrections, copy requests, causales f) and i) ---

RECLAMOS: list[dict[str, Any]] = []
CORRECCIONES: list[dict[str, Any]] = []
COPIAS: list[dict[str, Any]] = []
RESPUESTA = D(2026, 2, 3)
CRITERIO, REQUISITOS, BONIF = "Criterio de la Matriz", "Requisitos", "Bonificación por discapacidad"


def reclamo(expediente: str, dni: str, fecha: Any, numero: int, tipo: str, argumentos: str, decision: Any,
            analisis: str, criterio: Any = None) -> None:
    RECLAMOS.append({"expediente": expediente, "dni": dni, "fecha": fecha, "numero": numero, "tipo": tipo,
                     "criterio": criterio, "argumentos": argumentos, "decision": decision, "analisis": analisis,
                     "fecha_respuesta": RESPUESTA})


def causal(dni: str, texto: str, sustento: str) -> None:
    row = next(row for row in POSTULANTES if row["dni"] == dni)
    row.update(causal_comite=texto, sustento_causal=sustento)


reclamo("EXP-2026-000101", "20384756", D(2026, 1, 30), 1, REQUISITOS,
        "Sostiene que la condena informada por la DIED no le corresponde y pide ser declarado apto.", None,
        "")
reclamo("EXP-2026-000102", O, D(2026, 1, 27), 1, CRITERIO,
        "Alega que su diplomado en Gestión Escolar (24 créditos, Universidad Nacional de Educación) no fue "
        "valorado; adjunta el nuevo informe escalafonario que lo registra.", "Fundado",
        "El Comité solicitó al Área de Escalafón la verificación del registro: el nuevo informe escalafonario "
        "N° 0457-2026-UGEL02-ESC registra el diplomado, emitido el 20/08/2023 por una universidad, con 24 "
        "créditos, dentro del plazo del criterio. Corresponde valorarlo.", criterio="1.3")
reclamo("EXP-2026-000108", O, D(2026, 1, 28), 1, CRITERIO,
        "Alega que el curso de capacitación de la UGEL 02 registrado en el mismo informe escalafonario no fue "
        "valorado.", "Fundado",
        "El informe escalafonario N° 0457-2026-UGEL02-ESC registra el curso «Evaluación formativa» de 40 horas, "
        "emitido por la UGEL 02 el 10/03/2025, dentro de los últimos dos años. Corresponde valorarlo.",
        criterio="1.5")
estudio(O, "Diplomado", "Gestión escolar con liderazgo pedagógico", UNIV, UNE, 24, None, D(2023, 8, 20))
CAPACITACIONES[-1]["expediente"] = "EXP-2026-000102"
estudio(O, "Curso de capacitación", "Evaluación formativa", "UGEL", "UGEL 02 – Rímac", None, 40, D(2025, 3, 10))
CAPACITACIONES[-1]["expediente"] = "EXP-2026-000108"
reclamo("EXP-2026-000103", B, D(2026, 1, 26), 1, CRITERIO,
        "Sostiene que su diplomado en Didáctica de la Matemática debe valorarse porque le falta solo un crédito.",
        "Infundado",
        "El criterio 1.3 exige como mínimo 24 créditos o 384 horas (Matriz de Valoración, Anexo I de la Norma "
        "Técnica). El informe escalafonario registra 23 créditos y 383 horas: no alcanza ninguno de los dos "
        "mínimos, por lo que la calificación de 0 puntos es correcta.", criterio="1.3")
reclamo("EXP-2026-000104", "44332211", D(2026, 1, 28), 1, BONIF,
        "Señala que presentó el certificado de discapacidad el 15/01/2026 por la mesa de partes virtual y que la "
        "fecha del 16/01/2026 corresponde a su derivación al Comité.", "Fundado",
        "El cargo de recepción de la mesa de partes virtual (trámite N° 2026-0004512) acredita la presentación el "
        "15/01/2026, último día del plazo; el certificado fue verificado en el SIHCE. Corresponde otorgar la "
        "bonificación.")
reclamo("EXP-2026-000104", "44332211", D(2026, 1, 28), 2, CRITERIO,
        "Pide que se le valoren dos años como profesora contratada en una IE privada.", "Infundado",
        "Solo se valora la experiencia en IE públicas reconocida por acto resolutivo y registrada en el informe "
        "escalafonario (criterio 3.1); el informe no registra periodos que cumplan esas condiciones.",
        criterio="3.1")
reclamo("EXP-2026-000105", "44556677", D(2026, 1, 27), 1, "Otro – no referido a los resultados preliminares",
        "Solicita ser reasignado a una IE de la UGEL 04 por motivos familiares.", None, "")
reclamo("EXP-2026-000105", "44556677", D(2026, 1, 27), 2, "Actuación del Comité",
        "Afirma que el Comité no le informó el medio para presentar el documento de discapacidad.", "Infundado",
        "El medio de presentación se comunicó el 05/01/2026 al correo registrado en la inscripción, con "
        "confirmación de lectura del 06/01/2026 (numeral 1.5, literal c, del Instructivo).")
reclamo("EXP-2026-000106", A, D(2026, 1, 27), 1, REQUISITOS,
        "Sostiene que tiene tres años en la tercera escala y adjunta un nuevo informe escalafonario que corrige "
        "la fecha de su resolución de ascenso.", "Fundado",
        "El nuevo informe escalafonario N° 0461-2026-UGEL02-ESC rectifica la fecha de la resolución de ascenso "
        "a la tercera escala: al 15/05/2025 registra 3 años, 0 meses y 2 días de servicios oficiales en la "
        "escala. Cumple la permanencia mínima de tres años.")
for campo, valor in (("Años en la escala", 3), ("Meses en la escala", 0), ("Días en la escala", 2)):
    CORRECCIONES.append({"expediente": "EXP-2026-000106", "dni": A, "campo": campo, "valor": valor})
CORRECCIONES.append({"expediente": "EXP-2026-000104", "dni": "44332211",
                     "campo": "Fecha de presentación del documento", "valor": "15/01/2026"})
reclamo("EXP-2026-000107", "40567891", D(2026, 1, 26), 1, REQUISITOS,
        "Afirma que la sanción registrada ya no está vigente.", "Infundado",
        "El Registro Nacional de Sanciones contra Servidores Civiles (RNSSC), consultado el 29/01/2026, registra la "
        "sanción de suspensión vigente hasta el 30/06/2026; el requisito d) exige no tener sanción vigente.")

causal("46987654", "f) Presentar documentos falsos o adulterados durante la etapa descentralizada",
       "La RD N° 0099-2019-UGEL02 que presentó para acreditar las Palmas Magisteriales no corresponde a su "
       "persona: el Área de Trámite Documentario informa, mediante Oficio N° 0456-2026-UGEL02-ATD, que esa "
       "resolución se expidió a favor de otro docente.")
causal("05678901", "i) Encontrarse retirado de la Carrera Pública Magisterial con posterioridad a la inscripción "
                   "al concurso, al producirse alguno de los supuestos comprendidos en el artículo 53 de la LRM",
       "Cesó por límite de edad mediante RD N° 01234-2025-UGEL-PUNO del 15/12/2025 (artículo 53, literal d, de "
       "la LRM), con posterioridad a la inscripción en el concurso.")

COPIAS.extend([
    {"dni": "44332211", "fecha_solicitud": D(2026, 1, 21), "fecha_entrega": D(2026, 1, 23)},
    {"dni": O, "fecha_solicitud": D(2026, 1, 22), "fecha_entrega": D(2026, 1, 26)},
    {"dni": B, "fecha_solicitud": D(2026, 1, 23), "fecha_entrega": D(2026, 1, 28)},
    {"dni": A, "fecha_solicitud": D(2026, 1, 26), "fecha_entrega": D(2026, 1, 27)},
])

# --- The record: documents the committee adds to the expediente and how each oficio reached the
# postulante (1.5 c). The informes escalafonarios named by DNI are in forms/ejemplos/documentos/
# (the demo's documents folder); these rows name PDFs of forms/ejemplos/expediente/.
DOCUMENTOS = [
    {"dni": "44332211", "tipo": "Escrito de reclamo", "descripcion": "Escrito de reclamo de la postulante",
     "expediente": "EXP-2026-000104", "archivo": "expediente/reclamo EXP-2026-000104 Loayza Benavides.pdf"},
]
CORREO = "Correo electrónico"
NOTIFICACIONES = [
    # Replies of 03/02/2026: all confirmed but Mendoza Salas's (sent, no acuse yet).
    *({"dni": dni, "comunicacion": "Respuesta al reclamo", "expediente": expediente, "medio": CORREO,
       "fecha_envio": D(2026, 2, 3), "fecha_recepcion": D(2026, 2, 4)}
      for dni, expediente in (("47123456", "EXP-2026-000102"), ("47123456", "EXP-2026-000108"),
                              ("41987654", "EXP-2026-000103"), ("44556677", "EXP-2026-000105"),
                              ("06543210", "EXP-2026-000106"), ("40567891", "EXP-2026-000107"))),
    {"dni": "44332211", "comunicacion": "Respuesta al reclamo", "expediente": "EXP-2026-000104", "medio": CORREO,
     "fecha_envio": D(2026, 2, 3), "fecha_recepcion": D(2026, 2, 4),
     "constancia": "expediente/constancia respuesta EXP-2026-000104.pdf"},
    {"dni": "20384756", "comunicacion": "Respuesta al reclamo", "expediente": "EXP-2026-000101", "medio": CORREO,
     "fecha_envio": D(2026, 2, 3)},
    # Retiros of 05/02/2026: Condori Layme's has no record of its sending yet.
    *({"dni": dni, "comunicacion": "Retiro del concurso", "medio": CORREO, "fecha_envio": D(2026, 2, 5),
       "fecha_recepcion": D(2026, 2, 6)}
      for dni in ("10293847", "20384756", "30475869", "40567891", "01234987", "46987654")),
    {"dni": "05678901", "comunicacion": "Retiro del concurso",
     "medio": "Documento escrito (entrega personal o por mesa de partes)", "fecha_envio": D(2026, 2, 5),
     "fecha_recepcion": D(2026, 2, 9)},
]


def build(folder: Path) -> Path:
    settings = load_settings()
    spec = ascenso_form(settings.rules.ascenso)
    return write_form(spec, folder / "ascenso.xlsx", {
        POSTULANTES_SHEET: POSTULANTES,
        GRADOS_SHEET: GRADOS,
        CAPACITACIONES_SHEET: CAPACITACIONES,
        MERITOS_SHEET: MERITOS,
        EXPERIENCIA_SHEET: EXPERIENCIA,
        RECLAMOS_SHEET: RECLAMOS,
        CORRECCIONES_SHEET: CORRECCIONES,
        COPIAS_SHEET: COPIAS,
        DOCUMENTOS_SHEET: DOCUMENTOS,
        NOTIFICACIONES_SHEET: NOTIFICACIONES,
    })
