"""The rules of an edition of the Concurso de Ascenso, typed (``generator/rules/ascenso-*.toml``).

Built and checked once when the settings load (``generator/rules/ascenso.py``); the domain
reads attributes, never keys, and never meets a wrong value. Field names are the keys of the
rules file, so a value is found in the file by its name.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

# «requisitos.rural.reduccion_segun»: the escala that must reach «cuarta escala».
RURAL_BY_CURRENT = "actual"
RURAL_BY_TARGET = "destino"
RURAL_CHOICES = {
    RURAL_BY_CURRENT: "la escala actual",
    RURAL_BY_TARGET: "la escala a la que postula",
}
# «matriz.experiencia.convencion_meses»: how the months of rubro 3 are counted (DOMAIN.md A.2).
CONVENTIONS = {
    "calendario_mas_dias_30": (
        "meses calendario completos de cada periodo (del 15/03 al 14/04 es un mes) más los días "
        "restantes, que se suman y se convierten a razón de 30 días = 1 mes; los periodos superpuestos "
        "o continuos de un mismo criterio se unen antes de contar"
    ),
    "dias_30": "días de cada periodo sumados y divididos entre 30 (30 días = 1 mes)",
}
SHORT_CONVENTIONS = {
    "calendario_mas_dias_30": "meses calendario más días restantes a razón de 30 días por mes",
    "dias_30": "días divididos entre 30",
}
# «matriz.experiencia.asignacion_superpuestos»: where overlapping time goes.
STRATEGIES = {
    "mayor_puntaje_total": ("el tiempo superpuesto que no completa un año en el criterio de más puntos por "
                            "año pasa al siguiente criterio si allí suma puntaje"),
    "prioridad": "el tiempo superpuesto va al criterio con más puntos por año que aún tiene espacio",
}


@dataclass(frozen=True)
class Edicion:
    nombre: str
    anio_concurso: int
    norma_tecnica: str
    convocatoria: str


@dataclass(frozen=True)
class Comite:
    integrantes: int
    roles: tuple[str, ...]  # presidente first
    cargos_ugel: Mapping[str, tuple[str, ...]]  # presidente / segundo / tercero → cargos allowed
    cargos_dre: Mapping[str, tuple[str, ...]]

    def cargos(self, institution_type: str) -> dict[str, list[str]]:
        """role → cargos allowed, for the committee of a UGEL or a DRE."""
        table = self.cargos_ugel if institution_type == "UGEL" else self.cargos_dre
        return {role: list(cargos) for role, cargos in table.items()}


@dataclass(frozen=True)
class Rural:
    """IE rural or de frontera: the permanencia is reduced (2.1.1 B)."""

    reduccion_anios: int
    escala_minima_reduccion: int
    reduccion_segun: str  # RURAL_BY_CURRENT or RURAL_BY_TARGET
    ventana_inicio: dt.date
    ventana_fin: dt.date
    ventana_inicio_ascendidos_2022: dt.date
    ventana_fin_ascendidos_2022: dt.date


@dataclass(frozen=True)
class Requisitos:
    fecha_inscripcion: dt.date
    fecha_ascendidos_2022: dt.date
    escala_minima: int
    escala_maxima: int
    causal_retiro: str
    idoneidad_fuentes: Mapping[str, tuple[str, ...]]  # b / c / d → where the information comes from
    permanencia_minima: Mapping[int, int]  # current escala → years
    rural: Rural


@dataclass(frozen=True)
class Criterion:
    """A criterion of the Matriz: what every kind shares."""

    id: str  # «1.1» … «3.6»
    titulo: str
    maximo: Decimal

    @property
    def rubro(self) -> str:
        return self.id.split(".")[0]


@dataclass(frozen=True)
class Posgrado(Criterion):
    """1.1: the highest of Doctor and Maestro."""

    tipo_doctor: str
    tipo_maestro: str
    puntos_doctor: Decimal
    puntos_maestro: Decimal


@dataclass(frozen=True)
class OtrosEstudios(Criterion):
    """1.2: titles after the nombramiento, or of any date."""

    puntos: Decimal
    titulos_despues_nombramiento: tuple[str, ...]
    titulos_cualquier_fecha: tuple[str, ...]


@dataclass(frozen=True)
class TipoEstudio:
    tipo: str
    creditos_minimos: float
    horas_minimas: float


@dataclass(frozen=True)
class Estudios(Criterion):
    """1.3–1.5: diplomados, programas and cursos within a window, from admitted entities."""

    puntos: Decimal
    ventana_inicio: dt.date
    ventana_fin: dt.date
    entidades: tuple[str, ...]
    tipos: tuple[TipoEstudio, ...]


@dataclass(frozen=True)
class TipoMerito:
    tipo: str
    documentos: tuple[str, ...]


@dataclass(frozen=True)
class Meritos(Criterion):
    """2.1–2.5: a merit verified with the document its criterion asks for."""

    puntos: Decimal
    meritos: tuple[TipoMerito, ...]


@dataclass(frozen=True)
class Experiencia(Criterion):
    """3.1–3.6: years in a cargo, recognised by resolución."""

    per_year: Decimal  # puntos_por_anio
    year_months: int  # meses_por_anio
    since: dt.date | None  # fecha_lrm when solo_desde_lrm, else None
    chain: tuple[str, ...]  # desborde
    cargos: tuple[str, ...]
    regimenes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.titulo

    @property
    def maximum(self) -> Decimal:
        return self.maximo

    @property
    def cap_months(self) -> int:
        """Months that give the maximum: beyond them the criterion cannot score more."""
        return math.ceil(self.maximo / self.per_year) * self.year_months


@dataclass(frozen=True)
class ReglasExperiencia:
    """[matriz.experiencia] and the criteria of rubro 3, in priority order (checked at load)."""

    convencion_meses: str  # a key of CONVENTIONS
    fecha_lrm: dt.date
    orden_desempate: tuple[str, ...]
    asignacion_superpuestos: str  # a key of STRATEGIES
    criterios: Mapping[str, Experiencia]  # id → criterion, in the rules file's order
    priority: tuple[str, ...]  # the order criteria take contested days (more points per year first)

    @property
    def by_cargo(self) -> dict[str, str]:
        """cargo → criterion, from the criteria's cargo lists."""
        return {cargo: rule.id for rule in self.criterios.values() for cargo in rule.cargos}

    @property
    def convention_text(self) -> str:
        return CONVENTIONS[self.convencion_meses]


@dataclass(frozen=True)
class Rubro:
    id: str
    titulo: str
    maximo: Decimal


@dataclass(frozen=True)
class Matriz:
    puntaje_maximo: Decimal
    fecha_corte: dt.date
    situacion_valida: str
    situaciones: tuple[str, ...]
    rubros: Mapping[str, Rubro]
    posgrado: Posgrado
    otros_estudios: OtrosEstudios
    estudios: Mapping[str, Estudios]
    meritos: Mapping[str, Meritos]
    experiencia: ReglasExperiencia

    @property
    def criterios(self) -> dict[str, Criterion]:
        """Every criterion, in the order of the Matriz."""
        every: list[Criterion] = [self.posgrado, self.otros_estudios, *self.estudios.values(),
                                  *self.meritos.values(), *self.experiencia.criterios.values()]
        return {criterion.id: criterion for criterion in every}


@dataclass(frozen=True)
class Listas:
    """Closed lists of the form that match no criterion (recorded, never scored)."""

    grados_no_valorados: tuple[str, ...]
    capacitaciones_no_valoradas: tuple[str, ...]
    entidades: tuple[str, ...]
    meritos_no_valorados: tuple[str, ...]
    documentos_merito: tuple[str, ...]
    cargos_no_valorados: tuple[str, ...]


@dataclass(frozen=True)
class Bonificacion:
    porcentaje: Decimal
    presentacion_inicio: dt.date
    presentacion_fin: dt.date
    conadis_expedicion_hasta: dt.date
    resultados_sihce: tuple[str, ...]
    documentos_sihce: frozenset[str]
    documentos_con_fecha_limite: frozenset[str]
    documentos: Mapping[str, str]  # letter → name

    def document_name(self, letter: str) -> str:
        return self.documentos.get(letter, letter)


@dataclass(frozen=True)
class Cronograma:
    reclamos_inicio: dt.date
    reclamos_fin: dt.date
    copias_dias_habiles_antes: int
    dias_no_laborables: frozenset[dt.date]

    @property
    def plazo(self) -> tuple[dt.date, dt.date]:
        """The plazo to file reclamos: (first day, last day), both included."""
        return self.reclamos_inicio, self.reclamos_fin


@dataclass(frozen=True)
class Retiro:
    numeral: str
    comunicar_director: frozenset[str]
    procuraduria_minedu: str
    numeral_instructivo: Mapping[str, str]  # causal letter → numeral of the Instructivo
    causales: Mapping[str, str]  # f / g / i → text


@dataclass(frozen=True)
class AscensoRules:
    """One edition of the Concurso de Ascenso, as its rules file (and cddgen.toml) give it."""

    edicion: Edicion
    comite: Comite
    requisitos: Requisitos
    matriz: Matriz
    listas: Listas
    bonificacion: Bonificacion
    decimales: int  # [puntaje] decimales of the puntaje final
    cronograma: Cronograma
    base_legal_reclamos: str  # [reclamos] base_legal
    retiro: Retiro
    folios_por_tomo: int  # [expediente]; 0: one PDF
