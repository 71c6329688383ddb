"""Rule values that rest on a default, not on the norma (issue 13, item 5): listed with their
source and «por confirmar» by `cddgen config --parametros` and in resultados.xlsx, never on the
documents; read from each rules file's [[por_confirmar]] table."""

from __future__ import annotations

import pytest

from generator.errors import ConfigError
from generator.open_parameters import PENDING, SET_BY_USER, all_open_parameters
from generator.rules import from_table

from .ascenso_factory import bundled_table
from .conftest import make_settings
from .helpers import run_cli


def test_every_family_lists_its_defaults_with_a_source_and_the_value_in_force(settings):
    """DOMAIN.md A.1 (rural reading), A.2 (Maestro = 6, month convention, overlap), B (MMA of a tramo
    met in part), C (levels of the ficha): each open point is listed, por confirmar, with its source."""
    parameters = {(p.family, p.key): p for p in all_open_parameters(settings)}
    expected = {
        ("ascenso", 'matriz.criterios."1.1".puntos_maestro'): "6",
        ("ascenso", "matriz.experiencia.convencion_meses"): "calendario_mas_dias_30",
        ("ascenso", "matriz.experiencia.asignacion_superpuestos"): "mayor_puntaje_total",
        ("ascenso", "requisitos.rural.reduccion_segun"): "actual",
        ("cdd", "mma.reparto_mma"): "todo_o_nada",
        ("cap", "agregacion.limites"): "0.75; 1.5; 2.25",
    }
    for key, value in expected.items():
        assert parameters[key].value == value, key
    for parameter in parameters.values():
        assert parameter.status == PENDING and parameter.source and parameter.description
    assert parameters[("ascenso", "cronograma.reclamos_fin")].value == "28/01/2026"


def test_a_value_set_in_cddgen_toml_is_no_longer_pending(tmp_path):
    settings = make_settings(tmp_path, '[parametros.ascenso.matriz.criterios."1.1"]\npuntos_maestro = 7.0\n')
    parameters = {p.key: p for p in all_open_parameters(settings) if p.family == "ascenso"}
    assert parameters['matriz.criterios."1.1".puntos_maestro'].value == "7"
    assert parameters['matriz.criterios."1.1".puntos_maestro'].status == SET_BY_USER
    assert parameters["matriz.experiencia.convencion_meses"].status == PENDING


def test_an_entry_naming_a_value_the_rules_lack_is_a_spanish_error_when_the_rules_load():
    table = bundled_table()
    table["por_confirmar"].append({"ruta": ["matriz", "inexistente"], "descripcion": "x", "fuente": "y"})
    with pytest.raises(ConfigError, match="«por_confirmar» nombra «matriz.inexistente», que no existe"):
        from_table("ascenso", table, "ascenso-2025.toml")


def test_cddgen_config_parametros_lists_them(tmp_path, settings):
    result = run_cli(tmp_path, "config", "--parametros")
    assert result.exit_code == 0, result.output
    count = len(all_open_parameters(settings))
    assert f"Valores de las reglas que la norma no fija: {count} ({count} por confirmar)." in result.output
    assert 'matriz.criterios."1.1".puntos_maestro = 6  [por confirmar]' in result.output
    assert "Fuente: La seed 000 no lo dice; DOMAIN.md B toma todo o nada por tramo." in result.output
    assert "Compromisos de Desempeño CETPRO 2025 ([parametros.cdd]):" in result.output
