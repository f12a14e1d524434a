"""Preparación del entorno: modo rápido, semillas y silencio de TensorFlow."""

import subprocess
import sys

import numpy as np
import pytest

from helpers import entorno


@pytest.mark.parametrize(("valor", "rapido"), [("1", True), ("sí", True), ("true", True), ("0", False), ("", False)])
def test_modo_rapido(monkeypatch, valor, rapido):
    monkeypatch.setenv("CURSO_CNN_RAPIDO", valor)
    assert entorno.es_rapido() is rapido
    assert entorno.segun_modo(completo=12, rapido=1) == (1 if rapido else 12)


def test_semillas_repiten_los_resultados():
    entorno.fijar_semillas(7)
    primero = np.random.rand(3)
    entorno.fijar_semillas(7)
    assert np.array_equal(primero, np.random.rand(3))


def test_preparar_no_escribe_nada_en_stderr():
    codigo = (
        "from helpers import entorno; entorno.preparar(); import keras; "
        "keras.layers.Dense(2)(keras.ops.ones((1, 3)))"
    )
    resultado = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True,
                               env={"PATH": "/usr/bin:/bin", "HOME": str(__import__("pathlib").Path.home())})
    assert resultado.stderr == ""
    assert resultado.stdout.startswith("Curso CNN listo · modo completo · semilla 42")
