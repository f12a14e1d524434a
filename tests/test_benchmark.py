"""Prueba de humo del benchmark de entrenamiento en su modo rápido."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not os.environ.get("CURSO_CNN_DATOS"), reason="necesita CURSO_CNN_DATOS (datos sin conexión)")
def test_benchmark_rapido():
    salida = subprocess.run([sys.executable, str(RAIZ / "benchmarks" / "entrenamiento.py"), "--rapido"],
                            capture_output=True, text=True, timeout=900, cwd=RAIZ)
    assert salida.returncode == 0, salida.stderr[-2000:]
    lineas = salida.stdout.strip().splitlines()
    assert lineas[-1].startswith("Objetivos cumplidos: no (modo rápido"), lineas[-1]
    for nombre in ("mnist_keras", "mnist_curso", "cifar_tutorial", "cifar_curso"):
        assert any(linea.startswith(nombre) and "exactitud final" in linea for linea in lineas), nombre
