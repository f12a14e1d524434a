"""Comprobaciones de estructura de todos los cuadernos (las salidas las compara nbval)."""

import json
import re
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
CUADERNOS = sorted((RAIZ / "notebooks").glob("*.ipynb"))


def _leer(ruta):
    return json.loads(ruta.read_text(encoding="utf-8"))


def _fuente(celda):
    fuente = celda.get("source", "")
    return "".join(fuente) if isinstance(fuente, list) else fuente


def _celdas_codigo(cuaderno):
    return [c for c in cuaderno["cells"] if c["cell_type"] == "code" and _fuente(c).strip()]


def test_hay_cuadernos_con_nombres_ordenados():
    assert CUADERNOS, "No hay cuadernos en notebooks/"
    for ruta in CUADERNOS:
        assert re.fullmatch(r"\d{2}_[a-z0-9_]+\.ipynb", ruta.name), f"Nombre no válido: {ruta.name}"


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.name)
def test_ejecutado_en_orden_y_sin_errores(ruta):
    celdas = _celdas_codigo(_leer(ruta))
    contadores = [c.get("execution_count") for c in celdas]
    assert None not in contadores, f"{ruta.name}: hay celdas sin ejecutar"
    assert contadores == list(range(1, len(contadores) + 1)), f"{ruta.name}: no se ejecutó de principio a fin"
    errores = [o for c in celdas for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errores, f"{ruta.name}: hay salidas de error"


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.name)
def test_sin_estado_de_widgets(ruta):
    assert "widgets" not in _leer(ruta).get("metadata", {}), f"{ruta.name}: borra metadata.widgets"


def test_misma_celda_de_preparacion():
    primeras = {ruta.name: _fuente(_celdas_codigo(_leer(ruta))[0]).strip() for ruta in CUADERNOS}
    referencia = next(iter(primeras.values()))
    distintas = [nombre for nombre, fuente in primeras.items() if fuente != referencia]
    assert not distintas, f"La primera celda de código difiere en: {distintas}"
    assert "entorno.preparar()" in referencia


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.name)
def test_titulo_ejercicios_y_resumen(ruta):
    cuaderno = _leer(ruta)
    markdown = [_fuente(c) for c in cuaderno["cells"] if c["cell_type"] == "markdown"]
    assert markdown and markdown[0].lstrip().startswith("# "), f"{ruta.name}: falta el título"
    texto = "\n".join(markdown)
    assert "aprenderás" in texto.lower(), f"{ruta.name}: falta «qué aprenderás»"
    assert len(re.findall(r"^#+ .*Ejercicio", texto, re.MULTILINE)) >= 2, f"{ruta.name}: menos de dos ejercicios"
    assert re.search(r"^#+ .*Resumen", texto, re.MULTILINE), f"{ruta.name}: falta el resumen"
    codigo = "\n".join(_fuente(c) for c in _celdas_codigo(cuaderno))
    assert "comprobar." in codigo, f"{ruta.name}: los ejercicios no usan helpers.comprobar"
