"""Plain data of the Concurso de Ascenso's etapa descentralizada (DOMAIN.md A.1–A.3).

Inputs are what the informe escalafonario and the DIED give per postulante; outputs are
the committee's verdict per requisito and per criterion, each with its reason in Spanish.
All frozen; no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ...wording import Gender
from ..common import Source

CUMPLE = "CUMPLE REQUISITOS"
NO_CUMPLE = "NO CUMPLE REQUISITOS"


# --- inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Tiempo:
    """Años, meses y días as the escalafón prints them."""

    anios: int
    meses: int
    dias: int


@dataclass(frozen=True)
class Grado:
    """A grado or título of the «Grados y títulos» sheet."""

    dni: str
    tipo: str
    denominacion: str
    institucion: str
    situacion: str
    fecha_emision: dt.date | None
    source: Source | None = None
    # New evidence admitted by a reclamo: counted only when that expediente is declared fundado.
    expediente: str = ""


@dataclass(frozen=True)
class Capacitacion:
    """A diplomado, programa or curso of the «Capacitaciones» sheet."""

    dni: str
    tipo: str
    denominacion: str
    entidad_tipo: str
    entidad: str
    creditos: float | None
    horas: float | None
    fecha_emision: dt.date | None
    source: Source | None = None
    expediente: str = ""


@dataclass(frozen=True)
class Merito:
    dni: str
    tipo: str
    documento: str
    numero_documento: str
    fecha: dt.date | None
    descripcion: str = ""
    source: Source | None = None
    expediente: str = ""


@dataclass(frozen=True)
class Periodo:
    """An experience period of the «Experiencia» sheet; ``fin`` None means still in the cargo."""

    dni: str
    cargo: str
    institucion: str
    inicio: dt.date
    fin: dt.date | None
    resolucion: str
    source: Source | None = None
    expediente: str = ""
    # Criterion 3.1: nombrado under Ley N° 24029, 29062 or 29944, or contratado (seed 003, 2.2 §3.1).
    regimen: str = ""


@dataclass(frozen=True)
class Discapacidad:
    documento: str  # the letter of the document: "a", "b", "c" or "d"
    numero: str
    fecha_presentacion: dt.date | None
    fecha_expedicion: dt.date | None
    sihce: str | None  # "Encontrado" / "No encontrado" for documents checked in SIHCE


@dataclass(frozen=True)
class DocumentoIdoneidad:
    """The document an idoneidad check b), c) or d) rests on (seed 003, 2.1.1 A): what the acta
    and the oficio de retiro cite, e.g. «Oficio N° 0456-2025-MINEDU/VMGP-DIED» of 10/10/2025 from
    the «Información de la DIED en el aplicativo»."""

    requisito: str  # "b", "c" or "d"
    documento: str
    fecha: dt.date | None
    fuente: str

    @property
    def cita(self) -> str:
        """«Oficio N° 0456-2025-MINEDU/VMGP-DIED, del 10/10/2025; fuente: Información de la DIED en el
        aplicativo»."""
        text = self.documento or "documento sin número"
        if self.fecha:
            text += f", del {self.fecha:%d/%m/%Y}"
        if self.fuente:
            text += f"; fuente: {self.fuente}"
        return text


@dataclass(frozen=True)
class Postulante:
    dni: str
    nombres: str
    apellidos: str
    correo: str
    direccion: str
    region: str
    iged: str
    escala: int
    tiempo_escala: Tiempo
    ascendio_2022: bool
    rural_desde_inscripcion: bool  # condición i
    rural_tres_anios: bool  # condición ii
    fecha_nombramiento: dt.date | None
    grupo_corresponde: bool  # idoneidad a)
    condena_leyes: bool  # idoneidad b)
    condena_dolosa: bool  # idoneidad c)
    sancion: bool  # idoneidad d)
    puntaje_nacional: Decimal
    discapacidad: Discapacidad | None = None
    firma_dispensada: str | None = None  # role of the member whose signature is dispensed
    motivo_dispensa: str | None = None
    fecha_acta: dt.date | None = None
    # Causal de retiro f), g) or i) the committee found (its letter), with its sustento (A.4).
    causal_comite: str | None = None
    sustento_causal: str = ""
    fecha_retiro: dt.date | None = None  # when the committee decided the retiro (the oficio's date)
    grados: tuple[Grado, ...] = ()
    capacitaciones: tuple[Capacitacion, ...] = ()
    meritos: tuple[Merito, ...] = ()
    experiencia: tuple[Periodo, ...] = ()
    source: Source | None = None
    # From the «Tratamiento» column (DOMAIN.md D: «el postulante» / «la postulante»).
    genero: Gender = Gender.UNKNOWN
    # The date of the 2022 ascenso (start of the current escala): permanencia is then measured
    # at the fecha de inscripción and at the date the 2022-ascended may accredit it (A.1).
    fecha_ascenso_2022: dt.date | None = None
    documentos_idoneidad: tuple[DocumentoIdoneidad, ...] = ()

    def documento_idoneidad(self, requisito: str) -> DocumentoIdoneidad | None:
        """The document of idoneidad check ``requisito`` ("b", "c" or "d"), None when not recorded."""
        return next((item for item in self.documentos_idoneidad if item.requisito == requisito), None)

    @property
    def nombre_completo(self) -> str:
        return f"{self.nombres} {self.apellidos}"

    @property
    def apellidos_nombres(self) -> str:
        return f"{self.apellidos}, {self.nombres}"


# --- outputs --------------------------------------------------------------------------


@dataclass(frozen=True)
class RequisitoCheck:
    id: str  # "a", "b", "c", "d", "permanencia"
    name: str
    ok: bool
    reason: str
    # Where the committee read it: «Informe escalafonario», a document of the DIED or the RNSSC
    # with its date, the escalafón's time in the escala and the dates it was measured at.
    source: str = ""
    # Permanencia: the minimum applied (years) after any rural reduction; 0 for the other checks.
    minimum: int = 0


@dataclass(frozen=True)
class CriterionResult:
    id: str  # "1.1" … "3.6"
    title: str
    points: Decimal
    max: Decimal
    reason: str
    counted: tuple[str, ...] = ()
    not_counted: tuple[str, ...] = ()
    # Rubro 3 only: the time counted in the criterion (whole months and days, 30 days to the
    # month), the months of its year and the whole years credited (at most its maximum), which
    # the committee records in the DIED's aplicativo (seed 003, 2.2 §3). 0 for rubros 1 and 2.
    months: int = 0
    days: int = 0
    year_months: int = 0
    years: int = 0

    @property
    def rubro(self) -> str:
        return self.id.split(".")[0]


@dataclass(frozen=True)
class RubroResult:
    id: str  # "1", "2", "3"
    title: str
    points: Decimal  # the sum of its criteria, capped at ``max``
    max: Decimal
    criteria: tuple[CriterionResult, ...]
    capped: bool = False


@dataclass(frozen=True)
class BonusResult:
    granted: bool
    flagged: bool  # granted although SIHCE did not find the certificate (note for DRE/UGEL)
    reason: str
    document: str = ""  # the document's full name, "" when none was presented
    note: str = ""  # the note for the DRE/UGEL and the informe final when flagged


@dataclass(frozen=True)
class Evaluation:
    postulante: Postulante
    requisitos: tuple[RequisitoCheck, ...]
    estado: str  # CUMPLE or NO_CUMPLE
    causal_retiro: str  # "" when the requisitos are met
    permanencia_corte: dt.date  # the date up to which permanencia was counted
    rubros: tuple[RubroResult, ...]
    matriz_total: Decimal
    sin_criterio: tuple[str, ...]  # records that belong to no criterion of the Matriz
    bonificacion: BonusResult
    puntaje_nacional: Decimal
    puntaje_total: Decimal
    puntaje_final: Decimal
    month_convention: str  # the convention of rubro 3, in Spanish
    criteria: tuple[CriterionResult, ...] = field(default=())
    # The points the bonificación adds: puntaje final − puntaje total (15 % of the total, rounded
    # with the final score); 0 when it is not granted.
    bonificacion_puntos: Decimal = Decimal(0)

    @property
    def cumple(self) -> bool:
        return self.estado == CUMPLE

    def criterion(self, criterion_id: str) -> CriterionResult:
        for item in self.criteria:
            if item.id == criterion_id:
                return item
        raise KeyError(criterion_id)

    def rubro(self, rubro_id: str) -> RubroResult:
        for item in self.rubros:
            if item.id == rubro_id:
                return item
        raise KeyError(rubro_id)
