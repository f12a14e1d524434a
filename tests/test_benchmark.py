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


def _cargar_benchmark():
    import importlib.util

    especificacion = importlib.util.spec_from_file_location("benchmark_entrenamiento",
                                                            RAIZ / "benchmarks" / "entrenamiento.py")
    modulo = importlib.util.module_from_spec(especificacion)
    especificacion.loader.exec_module(modulo)
    return modulo


def test_parada_comprueba_dentro_de_la_epoca_y_descuenta_evaluaciones():
    import time

    import keras
    import numpy as np

    pausa, valores = 0.5, iter([0.6, 0.7, 0.8, 0.9, 1.0])

    def evaluar(modelo):
        time.sleep(pausa)
        return next(valores)

    # 8 lotes por época y 4 comprobaciones: a los 2, 4 y 6 lotes y al final, hasta llegar a la meta.
    parada = _cargar_benchmark()._crear_parada(keras, evaluar, meta=0.75, pasos_por_epoca=8,
                                               comprobaciones_por_epoca=4)
    modelo = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(units=1)])
    modelo.compile(optimizer="sgd", loss="mse")
    inicio = time.perf_counter()
    modelo.fit(np.zeros((64, 2)), np.zeros((64, 1)), batch_size=8, epochs=2, callbacks=[parada], verbose=0)
    total = time.perf_counter() - inicio

    assert parada.exactitudes == [0.9, 1.0]  # al final de cada época
    assert parada.epoca_meta == 0.75
    assert next(valores, None) is None  # tras la meta, solo al final de cada época: 5 evaluaciones
    # Su reloj descuenta las 5 pausas de la evaluación.
    assert sum(parada.segundos_por_epoca) <= total - 5 * pausa + 0.05
    assert 0 < parada.segundos_hasta_meta <= parada.segundos_por_epoca[0]


def _medidas(exactitudes_cifar, segundos_cifar, hasta_tutorial=50.0):
    return {
        "mnist_keras": {"epoca_objetivo": 8, "segundos_acumulados": [20.0 * i for i in range(1, 9)]},
        "mnist_curso": {"epoca_objetivo": 2, "segundos_acumulados": [10.0, 20.0]},
        "cifar_tutorial": {"segundos": 180.0, "exactitud_final": 0.65},
        "cifar_curso": {"exactitudes": exactitudes_cifar, "segundos_acumulados": segundos_cifar,
                        "segundos": segundos_cifar[-1], "exactitud_final": exactitudes_cifar[-1],
                        "segundos_hasta_tutorial": hasta_tutorial, "epoca_hasta_tutorial": 0.75},
    }


def test_objetivos_cuentan_el_primer_85_por_ciento_de_cifar():
    comprobar = _cargar_benchmark().comprobar_objetivos
    # Llega al 85 % en la época 2 (850 s) aunque el entrenamiento entero dure más de 15 minutos.
    lineas, fallos = comprobar(_medidas([0.80, 0.851, 0.86], [400.0, 850.0, 950.0]))
    assert fallos == []
    assert any("85 % en la época 2, a los 850.0 s" in linea for linea in lineas)
    assert any("cociente 0.28 (objetivo ≤ 0,33)" in linea for linea in lineas)  # 50 s de 180 s
    assert any(linea.startswith("MNIST: 99,0 % en 20.0 s") and "(objetivo ≤ 0,25)" in linea for linea in lineas)
    # Llega, pero tarde.
    _, fallos = comprobar(_medidas([0.80, 0.84, 0.86], [400.0, 850.0, 950.0]))
    assert fallos == ["CIFAR-10 tarda más de 15 minutos en llegar al 85 %"]
    # No llega, y alcanza al tutorial en más de un tercio de sus 180 s.
    _, fallos = comprobar(_medidas([0.80, 0.84], [400.0, 850.0], hasta_tutorial=61.0))
    assert fallos == ["CIFAR-10 más lento que un tercio del tutorial", "CIFAR-10 por debajo del 85 %"]


def test_objetivos_de_mnist():
    comprobar = _cargar_benchmark().comprobar_objetivos
    medidas = _medidas([0.86], [800.0])
    medidas["mnist_curso"] = {"epoca_objetivo": 3, "segundos_acumulados": [15.0, 30.0, 45.0]}  # 45 > 160 / 4
    assert comprobar(medidas)[1] == ["MNIST más lento que un cuarto de la referencia"]
    medidas["mnist_curso"] = {"epoca_objetivo": None, "segundos_acumulados": [15.0]}
    assert comprobar(medidas)[1] == ["MNIST: algún modelo no llegó al 99,0 %"]
