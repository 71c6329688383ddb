"""Compromisos de Desempeño CETPRO: indicators 1.1, 1.2, 1.3 and 2.1 per tramo, and the MMA a
CETPRO earns (DOMAIN.md B; seed 000, «Resumen de las Fichas Técnicas»).

Pure rules: frozen dataclasses in, frozen dataclasses out, no file access. Every row of a
medio de verificación comes out classified — counts (numerator and denominator), counts in
the denominator only, or not considered — with the Spanish reason, so the CETPRO can fix
what does not count before the tramo closes. Everything the norma changes each year (dates,
metas, required fields, the MMA table) is an ``Edition`` (``edition.py``) built from the rules
file when the settings load.

``edition.py`` the edition; ``records.py`` what a CETPRO's form holds and its problems;
``indicators.py`` the results of each indicator and tramo; ``ugel.py`` the UGEL's summary.
"""

from .edition import (
    INDICATORS,
    SPLIT_ALL_OR_NOTHING,
    SPLIT_PROPORTIONAL,
    SPLIT_RULES,
    ChecklistItem,
    Edition,
    Indicator,
    MmaEntry,
    Recipient,
    Tramo,
)
from .indicators import (
    CetproEvaluation,
    IndicatorResult,
    RowResult,
    Standing,
    TramoResult,
    evaluate,
    evaluate_agreements,
    evaluate_graduates,
    evaluate_indicator,
    evaluate_students,
    evaluate_teachers,
    evaluate_tramo,
    mma_earned,
)
from .records import (
    DOCUMENT_DNI,
    Agreement,
    Cetpro,
    CetproCase,
    Graduate,
    Program,
    Student,
    Teacher,
    case_problems,
    document_problem,
    normalize_name,
)
from .ugel import STATUS_EVALUATED, STATUS_MISSING, UgelRow, UgelSummary, oficio_date, summarize_ugel

__all__ = [
    "DOCUMENT_DNI", "INDICATORS", "SPLIT_ALL_OR_NOTHING", "SPLIT_PROPORTIONAL", "SPLIT_RULES", "STATUS_EVALUATED",
    "STATUS_MISSING", "Agreement", "Cetpro", "CetproCase", "CetproEvaluation", "ChecklistItem", "Edition",
    "Graduate", "Indicator", "IndicatorResult", "MmaEntry", "Program", "Recipient", "RowResult", "Standing",
    "Student", "Teacher", "Tramo", "TramoResult", "UgelRow", "UgelSummary", "case_problems", "document_problem",
    "evaluate", "evaluate_agreements", "evaluate_graduates", "evaluate_indicator", "evaluate_students",
    "evaluate_teachers", "evaluate_tramo", "mma_earned", "normalize_name", "oficio_date", "summarize_ugel",
]
