"""Configuration: bundled defaults < ./cddgen.toml or --config < CDDGEN_* < options (issue 2.2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.config import load_settings, write_starter_config
from generator.errors import ConfigError, ConfigErrors

from .conftest import make_settings

NAME_2024 = ("Año del Bicentenario, de la consolidación de nuestra Independencia, y de la "
             "conmemoración de las heroicas batallas de Junín y Ayacucho")
NAME_2025 = "Año de la recuperación y consolidación de la economía peruana"
NAME_2026 = "Año de la Esperanza y el Fortalecimiento de la Democracia"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2024, 1, 1), NAME_2024),
        (dt.date(2024, 12, 31), NAME_2024),
        (dt.date(2025, 1, 1), NAME_2025),
        # DOMAIN.md D: the 2026 name is in force from 2026-01-23; before it, 2025's still heads documents.
        (dt.date(2026, 1, 22), NAME_2025),
        (dt.date(2026, 1, 23), NAME_2026),
        (dt.date(2026, 11, 22), NAME_2026),
    ],
)
def test_year_name_by_date(settings, on, expected):
    assert settings.year_name(on) == expected


def test_year_name_before_any_entry_is_a_spanish_error(settings):
    with pytest.raises(ConfigError, match="denominación oficial del año"):
        settings.year_name(dt.date(2023, 5, 1))


def test_local_file_overrides_defaults_and_paths_are_relative_to_it(tmp_path):
    settings = make_settings(tmp_path, '[institucion]\nsigla = "UGEL07"\n[rutas]\nbandeja_salida = "salida"\n')
    assert settings.institution.sigla == "UGEL07"
    assert settings.institution.dre.startswith("Dirección Regional")  # default kept
    assert settings.outbox == tmp_path / "salida"
    assert str(tmp_path / "cddgen.toml") in settings.sources


def test_explicit_config_path(tmp_path):
    other = tmp_path / "otra"
    other.mkdir()
    (other / "mi.toml").write_text('[institucion]\ntipo = "DRE"\n', encoding="utf-8")
    settings = load_settings("otra/mi.toml", cwd=tmp_path, environ={})
    assert settings.institution.tipo == "DRE"
    assert settings.institution.nombre == settings.institution.dre
    assert settings.outbox == other / "outbox"


def test_unknown_key_names_the_key_and_the_allowed_ones(tmp_path):
    with pytest.raises(ConfigError) as error:
        make_settings(tmp_path, '[institucion]\nugell = "x"\n')
    text = str(error.value)
    assert "«institucion.ugell» no existe" in text
    assert "sigla" in text and "ugel" in text


def test_wrong_type_names_the_key_and_the_expected_type(tmp_path):
    with pytest.raises(ConfigError, match=r"«pdf\.tiempo_limite» debe ser un número entero"):
        make_settings(tmp_path, '[pdf]\ntiempo_limite = "mucho"\n')


def test_value_outside_the_allowed_set(tmp_path):
    with pytest.raises(ConfigError, match="Valores permitidos: UGEL, DRE"):
        make_settings(tmp_path, '[institucion]\ntipo = "Colegio"\n')


def test_pattern_without_number_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="no contiene {numero}"):
        make_settings(tmp_path, '[numeracion.patrones]\nacta-instalacion = "ACTA {anio}"\n')


def test_invalid_toml_says_so_in_spanish(tmp_path):
    with pytest.raises(ConfigError, match="no es un TOML válido"):
        make_settings(tmp_path, "[institucion\n")


def test_year_names_can_be_extended(tmp_path):
    text = "\n".join(
        f'[[denominacion_anio]]\ndesde = {since}\nnombre = "{name}"\n'
        for since, name in (("2025-01-01", NAME_2025), ("2027-01-01", "Año de prueba"))
    )
    settings = make_settings(tmp_path, text)
    assert settings.year_name(dt.date(2027, 3, 1)) == "Año de prueba"
    assert settings.year_name(dt.date(2026, 3, 1)) == NAME_2025


def test_environment_and_options_override_the_file(tmp_path):
    (tmp_path / "cddgen.toml").write_text('[rutas]\nbandeja_salida = "a"\n', encoding="utf-8")
    settings = load_settings(cwd=tmp_path, environ={"CDDGEN_OUTBOX": str(tmp_path / "b"), "CDDGEN_HOY": "2026-02-01"})
    assert settings.outbox == tmp_path / "b"
    assert settings.today == dt.date(2026, 2, 1)
    settings = load_settings(cwd=tmp_path, environ={"CDDGEN_OUTBOX": str(tmp_path / "b")},
                             overrides={"rutas": {"bandeja_salida": str(tmp_path / "c")}})
    assert settings.outbox == tmp_path / "c"


def test_rule_parameters_are_overridden_from_cddgen_toml(tmp_path):
    settings = make_settings(tmp_path, '[parametros.ascenso.edicion]\nnombre = "Concurso de prueba"\n')
    assert settings.rules.ascenso.edicion.nombre == "Concurso de prueba"


def test_unknown_rule_parameter_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="parametros.ascenso.edicion.nombree"):
        make_settings(tmp_path, '[parametros.ascenso.edicion]\nnombree = "x"\n')


def test_unknown_rules_edition(tmp_path):
    with pytest.raises(ConfigError, match="la edición «ascenso-1999» de reglas.ascenso no existe"):
        make_settings(tmp_path, '[reglas]\nascenso = "ascenso-1999"\n')


def test_every_rule_error_is_reported_at_once_with_its_file_key_and_fix(tmp_path):
    """As mkdocs reports every configuration error together: the person fixes cddgen.toml and the
    rules file in one pass, and nothing runs with a wrong rule (issue 20, item 1)."""
    (tmp_path / "reglas").mkdir()
    (tmp_path / "reglas" / "ascenso-propio.toml").write_text(
        '[edicion]\nbase = "ascenso-2025"\n\n[matriz.experiencia]\nconvencion_meses = "semanas"\n'
        '\n[cronograma]\nreclamos_inicio = 2026-02-10\nreclamos_fin = 2026-02-01\n', encoding="utf-8")
    with pytest.raises(ConfigErrors) as error:
        make_settings(tmp_path, '[reglas]\nascenso = "reglas/ascenso-propio.toml"\n\n'
                                '[parametros.cdd.mma]\nreparto_mma = "mitad"\n\n'
                                '[parametros.cap.agregacion]\nlimites = [1.5, 0.75]\n\n'
                                '[parametros.ascenso.puntaje]\ndecimales = "tres"\n')
    problems = {(problem.source, problem.key) for problem in error.value.problems}
    assert problems == {
        ("cddgen.toml", "parametros.ascenso.puntaje.decimales"),
        ("ascenso-propio.toml", "matriz.experiencia.convencion_meses"),
        ("ascenso-propio.toml", "cronograma.reclamos_inicio"),
        ("cdd-2025.toml", "mma.reparto_mma"),
        ("cap-2024.toml", "agregacion.limites"),
    }
    message = str(error.value)
    assert message.startswith("Hay 5 errores en la configuración; corríjalos todos antes de volver a ejecutar:")
    assert ("ascenso-propio.toml: «matriz.experiencia.convencion_meses» vale «semanas». Valores permitidos: "
            "calendario_mas_dias_30, dias_30.") in message
    assert ("cddgen.toml: el valor de «parametros.ascenso.puntaje.decimales» debe ser un número entero, pero es "
            'un texto entre comillas ("tres").') in message
    assert "«cronograma.reclamos_inicio» (10/02/2026) es posterior a «reclamos_fin» (01/02/2026)." in message
    assert "cdd-2025.toml: «mma.reparto_mma» = «mitad» no es una regla de reparto conocida." in message


def test_the_rules_are_built_once_per_process(tmp_path):
    first, second = make_settings(tmp_path), make_settings(tmp_path / "otra")
    assert first.rules is second.rules
    changed = make_settings(tmp_path / "cambiada", '[parametros.ascenso.puntaje]\ndecimales = 2\n')
    assert changed.rules is not first.rules and changed.rules.ascenso.decimales == 2


def test_missing_logo_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="institucion.logo"):
        make_settings(tmp_path, '[institucion]\nlogo = "no-existe.png"\n')


def test_starter_config_is_valid_and_never_overwrites(tmp_path):
    target = write_starter_config(tmp_path / "cddgen.toml")
    settings = load_settings(cwd=tmp_path, environ={})
    assert settings.institution.sigla == "UGEL02"
    assert "# sigla = " in target.read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match="no se sobrescribe"):
        write_starter_config(target)


def test_templates_fall_back_to_the_bundled_ones(settings, tmp_path):
    path = settings.template_path("actas/acta-instalacion.docx")
    assert path.exists() and tmp_path not in path.parents
    own = tmp_path / "templates" / "actas" / "acta-instalacion.docx"
    own.parent.mkdir(parents=True)
    own.write_bytes(path.read_bytes())
    assert settings.template_path("actas/acta-instalacion.docx") == own
    with pytest.raises(ConfigError, match="no-hay.docx"):
        settings.template_path("actas/no-hay.docx")


def test_committed_example_config_is_not_required(tmp_path):
    assert not (Path(tmp_path) / "cddgen.toml").exists()
    settings = load_settings(cwd=tmp_path, environ={})
    assert settings.sources == ("valores por defecto",)
    assert settings.installation is None and settings.outbox == tmp_path / "outbox"


def test_a_new_edition_is_a_rules_file_that_names_its_base(tmp_path):
    (tmp_path / "reglas").mkdir()
    (tmp_path / "reglas" / "ascenso-2026.toml").write_text(
        '[edicion]\nbase = "ascenso-2025"\nnombre = "Concurso de Ascenso 2026 – Educación Básica"\n'
        "anio_concurso = 2026\n", encoding="utf-8")
    settings = make_settings(tmp_path, '[reglas]\nascenso = "reglas/ascenso-2026.toml"\n')
    rules = settings.rules.ascenso
    assert rules.edicion.anio_concurso == 2026
    assert rules.comite.roles[0] == "Primer miembro (Presidente)"  # the rest comes from the base
    (tmp_path / "reglas" / "ascenso-2026.toml").write_text("[edicion]\nanio_concurso = 2026\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="falta \\[edicion\\] base"):
        make_settings(tmp_path)


# ---------------------------------------------------------------------------- issue 15.7


@pytest.mark.parametrize(("written", "shown"), [
    ('bandeja_entrada = "\\\\servidor\\bandeja"', "'\\\\servidor\\bandeja'"),  # accepted by TOML, read mangled
    ('bandeja_entrada = "C:\\cddgen\\bandeja"', "'C:\\cddgen\\bandeja'"),  # refused by TOML in English
])
def test_a_windows_path_in_double_quotes_is_explained_in_spanish_with_single_quotes(tmp_path, written, shown):
    config = tmp_path / "cddgen.toml"
    config.write_text("[rutas]\n" + written + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(cwd=tmp_path, environ={})
    message = str(error.value)
    assert message.startswith("cddgen.toml, línea 2: la ruta ")
    assert "está entre comillas dobles, donde la barra invertida \\ inicia un código especial" in message
    assert f"Escríbala entre comillas simples, tal cual: bandeja_entrada = {shown}." in message


def test_windows_paths_in_single_quotes_or_with_doubled_backslashes_are_read_as_typed(tmp_path):
    from generator.tomlfile import load_toml

    path = tmp_path / "cddgen.toml"
    path.write_text("[rutas]\nbandeja_entrada = '\\\\servidor\\bandeja'\nplantillas = \"C:\\\\cddgen\\\\plantillas\"\n",
                    encoding="utf-8")
    routes = load_toml(path, what="el archivo de configuración")["rutas"]
    assert routes == {"bandeja_entrada": "\\\\servidor\\bandeja", "plantillas": "C:\\cddgen\\plantillas"}


@pytest.mark.parametrize(("text", "expected"), [
    ("[rutas\n", "cddgen.toml, línea 1, columna 7: no es un TOML válido: falta el ] que cierra el nombre de la "
                 "sección."),
    ("[pdf]\nactivar = si\n", "cddgen.toml, línea 2, columna 11: no es un TOML válido: el valor no es válido (los "
                              "textos van entre comillas; los números, true y false, sin ellas)."),
    ("[pdf]\nactivar = true\nactivar = false\n", "cddgen.toml, línea 3, columna 16: no es un TOML válido: esa clave ya "
                                                 "tiene un valor (está escrita dos veces)."),
    ('[institucion]\nugel = "UGEL 02\n', "cddgen.toml, línea 2, columna 16: no es un TOML válido: hay un carácter no "
                                         "permitido ('\\n'), por ejemplo un salto de línea dentro de comillas."),
    ('[institucion]\nugel = "UGEL 02', "cddgen.toml, al final del archivo (línea 2): no es un TOML válido: faltan las "
                                       "comillas que cierran el texto."),
])
def test_toml_errors_are_spanish_with_line_and_column(tmp_path, text, expected):
    (tmp_path / "cddgen.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(cwd=tmp_path, environ={})
    assert str(error.value).startswith(expected)
    assert " at line " not in str(error.value) and "Invalid" not in str(error.value)


def test_a_config_saved_in_the_windows_code_page_is_named_not_a_crash(tmp_path):
    (tmp_path / "cddgen.toml").write_bytes('[institucion]\nugel = "UGEL Ñaña"\n'.encode("cp1252"))
    with pytest.raises(ConfigError, match="cddgen.toml, línea 2: el archivo no está guardado como UTF-8"):
        load_settings(cwd=tmp_path, environ={})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[pdf]\ntiempo_limite = 1979-05-27T07:32:00\n",
         "«pdf.tiempo_limite» debe ser un número entero, pero es una fecha con hora (1979-05-27T07:32:00)."),
        ("[institucion]\nsigla = 07:30:00\n",
         "«institucion.sigla» debe ser un texto entre comillas, pero es una hora hh:mm:ss (07:30:00)."),
        ("[pdf]\nactivar = \"no\"\n", "«pdf.activar» debe ser true o false, pero es un texto entre comillas (\"no\")."),
        ('[numeracion.patrones]\nacta-instalacion = "ACTA N° {numero:03d}-{año}"\n',
         "el patrón «numeracion.patrones.acta-instalacion» usa {año}, que no existe."),
        ('[numeracion.patrones]\nacta-instalacion = "ACTA N° {numero:03d"\n',
         "tiene llaves { } mal cerradas"),
    ],
)
def test_configuration_errors_are_spanish_and_show_the_value_as_written(tmp_path, text, expected):
    """No Python names (datetime, True) or English exception text reach the user (issue 19, 6)."""
    with pytest.raises(ConfigError) as caught:
        make_settings(tmp_path, text)
    message = str(caught.value)
    assert expected in message
    assert not any(word in message for word in ("datetime", "True", "False", "expected", "Replacement", "index"))
