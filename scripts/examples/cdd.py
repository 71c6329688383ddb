"""Filled examples of forms/cdd-cetpro.xlsx: the five CETPRO of UGEL 02 RIMAC in the 2025 edition.

Each CETPRO exercises a case of DOMAIN.md B (expected results, with the default all-or-nothing
split of the MMA):

| CETPRO | 1.1 | 1.2 | 1.3 | 2.1 | MMA tramo 1 | MMA tramo 2 |
|---|---|---|---|---|---|---|
| 0437889 PROMAE RIMAC | 36/39 92.3 % | 10/11 90.9 % | 18/20 90 % | 2/2 100 % | 141,241 | 94,161 |
| 0438028 ROSA DE AMERICA | 20/30 66.7 % | 5/9 55.6 % | 9/15 60 % | 0/2 0 % | 0 | 0 |
| 0663427 LOS LIBERTADORES | 24/30 80 % | 8/10 80 % | 16/20 80 % | 1/2 50 % | 120,828 | 80,552 |
| 0663732 PROMAE CONDEVILLA | 28/32 87.5 % | 7/8 87.5 % | 17/20 85 % | 0/2 0 % | 75,951 | 0 |
| 0777151 PERU | 40/45 88.9 % | 7/9 77.8 % | 12/14 85.7 % | 3/2 100 % | 0 | 62,692 |

UGEL 02 RIMAC: MMA máximo S/ 526,760 (tramo 1) and S/ 351,175 (tramo 2); earned
S/ 338,020 and S/ 237,405.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config import load_settings
from generator.forms.cdd import (
    AGREEMENTS_SHEET,
    CETPRO_SHEET,
    GRADUATES_SHEET,
    PROGRAMS_SHEET,
    STUDENTS_SHEET,
    TEACHERS_SHEET,
    cdd_form,
)
from generator.forms.xlsx_writer import write_form
from generator.pipeline.cdd import EXAMPLES, load_edition

D = dt.date
PERIOD = "2025-I"

WOMEN = ["María Elena", "Rosa Amelia", "Lucía", "Milagros", "Yesenia", "Flor de María", "Sofía", "Ruth Noemí",
         "Katherine", "Jhoselyn", "Gladys", "Marleny", "Carmen Rosa", "Ana Lucía", "Yolanda", "Nélida",
         "Maribel", "Sonia", "Estefanía", "Brenda", "Rocío", "Begoña", "Iris Fiorella", "Zoila"]
MEN = ["José Luis", "Juan Carlos", "Luis Alberto", "Jhon", "Víctor Raúl", "César Augusto", "Wilmer", "Édgar",
       "Jesús", "Ángel", "Rubén Darío", "Percy", "Óscar", "Renzo", "Jhonatan", "Efraín", "Julio César",
       "Hernán", "Iván", "Néstor", "Íker", "Saúl", "Teófilo", "Gonzalo"]
SURNAMES = ["Quispe", "Mamani", "Huamán", "Flores", "Rodríguez", "Sánchez", "García", "Ramírez", "Chávez",
            "Torres", "Vásquez", "Rojas", "Mendoza", "Castillo", "Ñañez", "Cárdenas", "Gutiérrez", "Paredes",
            "Condori", "Cóndor", "Ccori", "Yupanqui", "Pérez", "Núñez", "Muñoz", "Espinoza", "Salazar",
            "Villanueva", "Zúñiga", "Ticona", "Peña", "Ayala", "Inga", "León", "Llanos", "Zapata", "Ñaupari",
            "Huillca", "Alarcón", "Begazo", "Sotomayor", "Ccahuana"]
UNIVERSITIES = ["Universidad Nacional de Educación Enrique Guzmán y Valle", "Universidad Nacional Mayor de San Marcos",
                "Universidad Nacional Federico Villarreal", "Universidad César Vallejo",
                "Universidad Nacional de Ingeniería"]
INSTITUTES = ["IEST Público Manuel Seoane Corrales", "IEST Público Julio César Tello",
              "IESTP Carlos Cueto Fernandini", "Instituto de Educación Superior Pedagógico Público Manuel González Prada",
              "SENATI"]


def _name(index: int, salt: int) -> tuple[str, str, str]:
    """(nombres, apellidos, sexo) picked deterministically."""
    woman = (index + salt) % 2 == 0
    pool = WOMEN if woman else MEN
    given = pool[(index * 7 + salt * 3) % len(pool)]
    first = SURNAMES[(index * 5 + salt) % len(SURNAMES)]
    second = SURNAMES[(index * 11 + salt * 7 + 3) % len(SURNAMES)]
    return given, f"{first} {second}", "Femenino" if woman else "Masculino"


def _dni(base: int, index: int) -> str:
    return f"{(base + index * 7919) % 100_000_000:08d}"


def _spread(first: dt.date, last: dt.date, index: int, count: int) -> dt.date:
    """The index-th of ``count`` dates from first to last (both included)."""
    if count <= 1:
        return first
    return first + dt.timedelta(days=round((last - first).days * index / (count - 1)))


# The example directors' tratamientos, by first name (every example person has a real one).
TRATAMIENTOS = {"Gladys": "Sra.", "José": "Sr.", "Rocío": "Sra.", "Víctor": "Sr.", "Carmen": "Sra."}
# Each CETPRO numbers its oficios in its own correlative (DOMAIN.md D): sigla and next number.
CORRELATIVOS = {"0437889": ("DIR-CETPRO-PR", 45), "0438028": ("DIR-CETPRO-RA", 12),
                "0663427": ("CETPRO-LL-DIR", 31), "0663732": ("DIR-CETPRO-PC", 7), "0777151": ("D-CETPRO-PERU", 58)}
# The addressee, the DISERTPA's director (a fictitious person, as every example person).
DESTINATARIO = ("Milagros Ysabel Carrasco Ugarte", "Sra.")


@dataclass
class Sample:
    codigo: str
    nombre: str
    director: str
    dni_director: str
    correo: str
    direccion: str
    telefono: str
    programs: list[tuple[str, str]]
    salt: int
    cargo: str = "Director(a)"
    tratamiento: str = ""
    oficio_dates: dict[int, dt.date] = field(default_factory=dict)
    students: list[dict[str, Any]] = field(default_factory=list)
    teachers: list[dict[str, Any]] = field(default_factory=list)
    graduates: list[dict[str, Any]] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)

    # ----------------------------------------------------------------- students (1.1)
    def add_students(self, on_time: int, late: int, *, after: int = 0, undated: int = 0,
                     other_period: int = 0, first: dt.date = D(2025, 3, 24)) -> None:
        """``on_time`` registered by 09/05, ``late`` from 10/05 to 30/05 (both ends used when
        late ≥ 2), ``after`` on 31/05 or later, ``undated`` without date."""
        base = len(self.students)
        plan = ([_spread(first, D(2025, 5, 9), i, on_time) for i in range(on_time)]
                + [_spread(D(2025, 5, 10), D(2025, 5, 30), i, late) for i in range(late)]
                + [D(2025, 5, 31) + dt.timedelta(days=3 * i) for i in range(after)]
                + [None] * undated)
        for offset, registered in enumerate(plan):
            index = base + offset
            given, surnames, _ = _name(index, self.salt)
            programa, modulo = self.programs[index % len(self.programs)]
            foreign = index % 17 == 5
            self.students.append({
                "tipo_documento": "Carné de extranjería" if foreign else "DNI",
                "documento": f"{(4_120_000 + index * 131 + self.salt * 10_007):09d}" if foreign
                else _dni(70_000_000 + self.salt * 1_000_003, index),
                "nombre": f"{surnames}, {given}",
                "programa": programa,
                "modulo": modulo,
                "periodo": PERIOD,
                "fecha_registro": registered,
            })
        for offset in range(other_period):
            index = base + len(plan) + offset
            given, surnames, _ = _name(index, self.salt)
            programa, modulo = self.programs[index % len(self.programs)]
            self.students.append({
                "tipo_documento": "DNI", "documento": _dni(71_000_000 + self.salt * 1_000_003, index),
                "nombre": f"{surnames}, {given}", "programa": programa, "modulo": modulo,
                "periodo": "2024-II", "fecha_registro": D(2024, 9, 2),
            })

    # ----------------------------------------------------------------- docentes (1.2)
    def teacher(self, *, condicion: str = "Nombrado", registered: dt.date | None = D(2025, 4, 21),
                blank: tuple[str, ...] = (), **changes: Any) -> None:
        index = len(self.teachers)
        given, surnames, _ = _name(index + 40, self.salt + 1)
        programa, modulo = self.programs[index % len(self.programs)]
        university = UNIVERSITIES[index % len(UNIVERSITIES)]
        institute = INSTITUTES[index % len(INSTITUTES)]
        user = (given.split()[0][0] + surnames.split()[0]).lower()
        user = user.translate(str.maketrans("áéíóúñü", "aeiounu"))
        row = {
            "condicion": condicion,
            "fecha_registro": registered,
            "nombres": given,
            "apellidos": surnames,
            "dni": _dni(9_000_000 + self.salt * 100_003, index + 1),
            "periodo_academico": PERIOD,
            "programa": programa,
            "modulo": modulo,
            "correo": f"{user}{index + 1}@cetpro.edu.pe",
            "nivel_academico": "Superior universitario" if index % 3 else "Superior técnico",
            "grado": "Bachiller" if index % 3 else "Ninguno",
            "denominacion_grado": "Bachiller en Educación" if index % 3 else "No aplica",
            "institucion_grado": university if index % 3 else "No aplica",
            "ultimo_titulo": "Título profesional" if index % 3 else "Título profesional técnico",
            "denominacion_titulo": (f"Licenciado(a) en Educación Técnica – {programa}" if index % 3
                                    else f"Profesional Técnico en {programa}"),
            "institucion_titulo": university if index % 3 else institute,
        }
        row.update(changes)
        for name in blank:
            row[name] = None
        self.teachers.append(row)

    # ----------------------------------------------------------------- egresados (1.3)
    def graduate(self, anio: int, *, registered: dt.date | None = D(2025, 6, 16), blank: tuple[str, ...] = (),
                 **changes: Any) -> None:
        index = len(self.graduates)
        given, surnames, sex = _name(index + 80, self.salt + 2)
        programa, _ = self.programs[index % len(self.programs)]
        first_surname = surnames.split()[0].lower().translate(str.maketrans("áéíóúñü", "aeiounu"))
        row = {
            "anio": anio,
            "fecha_registro": registered,
            "tipo_documento": "DNI",
            "numero_documento": _dni(72_000_000 + self.salt * 1_000_003, index),
            "apellidos": surnames,
            "nombres": given,
            "sexo": sex,
            "fecha_nacimiento": D(1985 + index % 18, 1 + index % 12, 1 + (index * 3) % 28),
            "programa": programa,
            "fecha_egreso": D(anio, 7 if index % 2 else 12, 12 + index % 10),
            "celular": f"9{(61_234_567 + index * 104_729 + self.salt * 7) % 100_000_000:08d}",
            "correo": f"{given.split()[0].lower().translate(str.maketrans('áéíóúñü', 'aeiounu'))}."
                      f"{first_surname}{index}@gmail.com",
            "situacion_laboral": ("Trabajador dependiente", "Trabajador independiente", "No trabaja")[index % 3],
        }
        row.update(changes)
        for name in blank:
            row[name] = None
        self.graduates.append(row)

    def graduates_complete(self, count: int, first_year: int = 2023) -> None:
        for index in range(count):
            self.graduate(first_year if index % 2 == 0 else first_year + 1)

    # ----------------------------------------------------------------- convenios (2.1)
    def agreement(self, institucion: str, codigo: str, fecha: dt.date, programa: str, *, tipo: str = "Suscripción",
                  failing: tuple[str, ...] = ()) -> None:
        row = {"institucion": institucion, "codigo_modular": codigo, "tipo": tipo, "fecha": fecha,
               "programa": programa}
        for item in ("firmado_partes", "objeto_transitabilidad", "compromisos_partes", "vigencia"):
            row[item] = item not in failing
        self.agreements.append(row)

    def data(self) -> dict[str, Any]:
        head = {
            "codigo_modular": self.codigo, "nombre": self.nombre, "ugel": "UGEL 02 RIMAC",
            "director": self.director, "dni_director": self.dni_director, "cargo_director": self.cargo,
            "director_tratamiento": self.tratamiento or TRATAMIENTOS[self.director.split()[0]],
            "sigla_oficio": CORRELATIVOS[self.codigo][0], "siguiente_oficio": CORRELATIVOS[self.codigo][1],
            "destinatario": DESTINATARIO[0], "destinatario_tratamiento": DESTINATARIO[1],
            "correo": self.correo, "telefono": self.telefono, "direccion": self.direccion, "lugar": "Lima",
        }
        for number, when in self.oficio_dates.items():
            head[f"fecha_oficio_{number}"] = when
        return {
            CETPRO_SHEET: head,
            STUDENTS_SHEET: self.students,
            TEACHERS_SHEET: self.teachers,
            GRADUATES_SHEET: self.graduates,
            AGREEMENTS_SHEET: self.agreements,
            PROGRAMS_SHEET: [{"programa": p, "modulo": m} for p, m in self.programs],
        }


def promae_rimac() -> Sample:
    """Meets every meta."""
    sample = Sample(
        "0437889", "PROMAE RIMAC", "Gladys Marleny Huamán Ccori", "10456789", "cetpro.promaerimac@gmail.com",
        "Jr. Trujillo N° 455, Rímac", "014819032",
        [("Cocina", "Técnicas básicas de cocina"), ("Cocina", "Cocina peruana"),
         ("Cosmetología", "Cuidado de la piel y maquillaje"), ("Computación e Informática", "Ofimática"),
         ("Confección Textil", "Patronaje y corte")],
        salt=1, oficio_dates={2: D(2025, 7, 25)},
    )
    sample.add_students(36, 3, after=1)
    for index in range(10):
        sample.teacher(condicion="Nombrado" if index % 2 == 0 else "Contratado",
                       registered=D(2025, 4, 7) + dt.timedelta(days=index * 4))
    sample.teacher(condicion="Contratado", blank=("denominacion_titulo",))
    sample.graduates_complete(18)
    sample.graduate(2024, blank=("celular",))
    sample.graduate(2023, registered=D(2025, 8, 2))
    sample.graduate(2022)
    sample.agreement("IE N° 2048 José Carlos Mariátegui", "0321406", D(2025, 3, 14), "Cocina")
    sample.agreement("IE Ricardo Bentín", "0330894", D(2025, 6, 20), "Computación e Informática",
                     tipo="Renovación")
    return sample


def rosa_de_america() -> Sample:
    """Fails every indicator."""
    sample = Sample(
        "0438028", "ROSA DE AMERICA", "José Luis Ñaupari Cárdenas", "07891234", "cetprorosadeamerica@gmail.com",
        "Av. Tomás Valle N° 1540, Los Olivos", "015217788",
        [("Panadería y Pastelería", "Panadería básica"), ("Industria del Vestido", "Confección de prendas"),
         ("Peluquería y Barbería", "Corte y peinado"), ("Cocina", "Cocina básica")],
        salt=2,
    )
    sample.add_students(20, 10, after=1, undated=1)
    for _ in range(5):
        sample.teacher()
    sample.teacher(condicion="Locación de servicios")
    sample.teacher(condicion="Contratado", registered=D(2025, 6, 2))
    sample.teacher(condicion="Contratado", blank=("correo", "grado"))
    sample.teacher(blank=("denominacion_titulo",))
    sample.graduates_complete(9)
    for blank in (("celular",), ("correo",), ("situacion_laboral",), ("fecha_nacimiento", "sexo"),
                  ("fecha_egreso",)):
        sample.graduate(2024, blank=blank)
    sample.graduate(2023, registered=None)
    sample.agreement("IE N° 3051 El Milagro", "0578252", D(2025, 2, 19), "Panadería y Pastelería")
    sample.agreement("IE Manuel Gonzales Prada", "0336420", D(2025, 5, 5), "Gastronomía")
    return sample


def los_libertadores() -> Sample:
    """Exactly 80 % in 1.1, 1.2 and 1.3, and exactly 1 of 2 convenios (50 %): meets every meta."""
    sample = Sample(
        "0663427", "LOS LIBERTADORES", "Rocío del Pilar Yupanqui Salazar", "41236587",
        "cetpro.loslibertadores@gmail.com", "Av. Los Libertadores N° 1020, San Martín de Porres", "015369021",
        [("Electricidad", "Instalaciones eléctricas domiciliarias"), ("Mecánica Automotriz", "Mantenimiento de motores"),
         ("Soldadura", "Soldadura por arco eléctrico"), ("Computación e Informática", "Ensamblaje de computadoras")],
        salt=3, cargo="Director(a) (e)",
    )
    sample.add_students(24, 6, after=1)
    for index in range(8):
        sample.teacher(condicion="Nombrado" if index < 5 else "Contratado", registered=D(2025, 5, 30) if index == 0
                       else D(2025, 4, 28))
    sample.teacher(condicion="Contratado", blank=("denominacion_titulo",))
    sample.teacher(condicion="Contratado", blank=("institucion_grado",))
    sample.graduates_complete(16)
    sample.graduate(2023, registered=D(2025, 7, 31), blank=("correo",))
    sample.graduate(2024, blank=("programa",))
    sample.graduate(2024, registered=D(2025, 8, 1))
    sample.graduate(2023, blank=("numero_documento",))
    sample.agreement("IE N° 2026 Simón Bolívar", "0336388", D(2025, 2, 20), "Electricidad")
    sample.agreement("IE San Martín de Porres", "0778399", D(2025, 4, 11), "Soldadura", failing=("vigencia",))
    return sample


def promae_condevilla() -> Sample:
    """Meets tramo 1; fails 2.1 (one convenio after 31/07, one without the signature of both parties)."""
    sample = Sample(
        "0663732", "PROMAE CONDEVILLA", "Víctor Raúl Chávez Zúñiga", "09347812", "promaecondevilla@gmail.com",
        "Jr. Las Gardenias N° 230, Condevilla, San Martín de Porres", "015681144",
        [("Cosmetología", "Manicure y pedicure"), ("Confección Textil", "Confección de prendas de vestir"),
         ("Cocina", "Pastelería básica")],
        salt=4, oficio_dates={1: D(2025, 5, 27), 2: D(2025, 7, 30)},
    )
    sample.add_students(28, 4, other_period=2)
    for index in range(7):
        sample.teacher(condicion="Contratado" if index % 3 else "Nombrado", registered=D(2025, 5, 2))
    sample.teacher(condicion="Nombrado", blank=("modulo", "nivel_academico"))
    sample.graduates_complete(17)
    sample.graduate(2024, blank=("celular", "correo"))
    sample.graduate(2023, registered=D(2025, 8, 4))
    sample.graduate(2024, blank=("sexo",))
    sample.agreement("IE N° 3037 Gran Amauta", "0342345", D(2025, 8, 1), "Cosmetología")
    sample.agreement("IE Fe y Alegría N° 1", "0335984", D(2025, 5, 22), "Confección Textil",
                     failing=("firmado_partes",))
    return sample


def peru() -> Sample:
    """Fails 1.2 (77.8 %); meets tramo 2 with three valid convenios (2.1 capped at 100 %)."""
    sample = Sample(
        "0777151", "PERU", "Carmen Rosa Paredes Inga", "25614378", "cetperu.ugel02@gmail.com",
        "Av. Perú N° 3450, San Martín de Porres", "015674410",
        [("Cocina", "Cocina Peruana"), ("Computación e Informática", "Diseño gráfico digital"),
         ("Electricidad", "Electricidad industrial"), ("Industria del Vestido", "Bordado y acabados")],
        salt=5,
    )
    sample.add_students(40, 5, after=2)
    for index in range(7):
        sample.teacher(condicion="Nombrado" if index % 2 else "Contratado", registered=D(2025, 5, 15))
    sample.teacher(condicion="Contratado", registered=D(2025, 6, 3))
    sample.teacher(condicion="Nombrado", blank=("dni",))
    sample.graduates_complete(12)
    sample.graduate(2023, blank=("fecha_egreso",))
    sample.graduate(2024, registered=None)
    sample.agreement("IE N° 2094 Perú-Japón", "0612325", D(2025, 3, 3), "cocina peruana")
    sample.agreement("IE Perú Holanda", "0506329", D(2025, 7, 31), "Computación e Informática ")
    sample.agreement("IE N° 3048 Santiago Antúnez de Mayolo", "0339424", D(2025, 6, 9), "Electricidad",
                     tipo="Renovación")
    return sample


SAMPLES = [promae_rimac, rosa_de_america, los_libertadores, promae_condevilla, peru]


def filename(sample: Sample) -> str:
    return f"{sample.codigo}-{sample.nombre.lower().replace(' ', '-')}.xlsx"


def build(folder: Path) -> Path:
    settings = load_settings(environ={})
    spec = cdd_form(load_edition(settings))
    target = folder / EXAMPLES
    for make in SAMPLES:
        sample = make()
        write_form(spec, target / filename(sample), sample.data())
    return target
