"""Preparación común de todos los cuadernos: la llama la primera celda de cada uno.

``preparar()`` silencia los mensajes de arranque de TensorFlow, fija las semillas, aplica el estilo de las
figuras e informa del modo (completo o rápido). Se enseña en ``01_imagenes_digitales.ipynb``.
"""

import contextlib
import os
import random
import sys

import numpy as np

#: Variable de entorno que activa el modo rápido (pocas épocas y subconjuntos pequeños, para la CI).
VARIABLE_RAPIDO = "CURSO_CNN_RAPIDO"

#: Semilla por defecto de todo el curso.
SEMILLA = 42

# Ancho fijo (en caracteres) de las tablas de `model.summary()`: Keras usa el ancho de la terminal y así las
# salidas serían distintas en cada máquina.
ANCHO_TABLAS = 100


def es_rapido():
    """Indica si el modo rápido está activo (``CURSO_CNN_RAPIDO`` vale 1, true, sí...)."""
    valor = os.environ.get(VARIABLE_RAPIDO, "").strip().lower()
    return valor in {"1", "true", "si", "sí", "yes", "verdadero"}


def segun_modo(completo, rapido):
    """Devuelve ``completo`` en el modo normal y ``rapido`` en el modo rápido.

    Sirve para elegir épocas o tamaños de subconjunto sin escribir un ``if`` en cada cuaderno::

        epocas = entorno.segun_modo(completo=12, rapido=1)
    """
    return rapido if es_rapido() else completo


@contextlib.contextmanager
def _sin_stderr_nativo():
    """Desvía el descriptor 2 a /dev/null: los mensajes de C++ de TensorFlow no pasan por ``sys.stderr``."""
    try:
        sys.stderr.flush()
        copia = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    nulo = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(nulo, 2)
        yield
    finally:
        os.dup2(copia, 2)
        os.close(copia)
        os.close(nulo)


def silenciar_tensorflow():
    """Importa TensorFlow sin los avisos de arranque (CUDA, oneDNN, absl) y devuelve el módulo.

    Activa además las operaciones de oneDNN (la biblioteca de Intel para redes en CPU). TensorFlow solo las
    activa por su cuenta en procesadores con AVX-512 VNNI o AMX; en los demás (por ejemplo, un portátil o una
    CPU AMD con AVX2) las convoluciones van así 1,3–1,6 veces más rápido. Solo cuenta si TensorFlow no se ha
    importado antes, y se respeta un ``TF_ENABLE_ONEDNN_OPTS`` ya definido.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
    os.environ.setdefault("COLUMNS", str(ANCHO_TABLAS))
    with _sin_stderr_nativo():
        import tensorflow as tf

        tf.get_logger().setLevel("ERROR")
        # La primera operación inicializa los dispositivos, que también escriben avisos.
        tf.config.list_physical_devices()
        tf.constant(0) + 1
    import absl.logging

    absl.logging.set_verbosity(absl.logging.ERROR)
    return tf


def fijar_semillas(semilla=SEMILLA):
    """Fija las semillas de Python, NumPy, TensorFlow y Keras para que los resultados se repitan."""
    random.seed(semilla)
    np.random.seed(semilla)
    import keras

    keras.utils.set_random_seed(semilla)


def estilo_graficos():
    """Estilo común de las figuras: tamaño moderado, sin rejilla en las imágenes, textos legibles."""
    import matplotlib as mpl

    mpl.rcParams.update(
        {
            "figure.figsize": (6.0, 4.0),
            "figure.dpi": 90,
            "image.cmap": "gray",
            "axes.titlesize": 11,
            "axes.labelsize": 10,
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    np.set_printoptions(linewidth=ANCHO_TABLAS, suppress=True)


def en_colab():
    """Indica si el cuaderno se está ejecutando en Google Colab."""
    return "google.colab" in sys.modules


def preparar(semilla=SEMILLA):
    """Prepara el cuaderno: TensorFlow en silencio, semillas, estilo de figuras y aviso del modo.

    Escribe una sola línea que no cambia entre máquinas (nbval la compara), por ejemplo
    ``Curso CNN listo · modo completo · semilla 42``.
    """
    silenciar_tensorflow()
    fijar_semillas(semilla)
    estilo_graficos()
    from helpers import datos

    datos.instalar_indice_imagenet()
    modo = "rápido (CURSO_CNN_RAPIDO=1)" if es_rapido() else "completo"
    print(f"Curso CNN listo · modo {modo} · semilla {semilla}")
