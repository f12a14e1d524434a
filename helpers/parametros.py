"""Cuántos parámetros (pesos y sesgos) tiene cada capa: las fórmulas que ``model.summary()`` aplica.

- ``parametros_conv2d``: ``N_f·K·K·N_c + N_f`` (un filtro K×K×N_c por cada uno de los N_f filtros, más un
  sesgo por filtro).
- ``parametros_densa``: ``entradas·salidas + salidas`` (una fila de pesos por neurona, más su sesgo).

Se enseñan en ``05_capas_convolucionales_keras.ipynb``, donde se comparan con ``count_params()`` de Keras.
"""

import numpy as np


def _entero_positivo(valor, nombre):
    if not isinstance(valor, (int, np.integer)) or isinstance(valor, bool):
        raise TypeError(f"'{nombre}' debe ser un número entero; es {valor!r}.")
    if valor <= 0:
        raise ValueError(f"'{nombre}' debe ser positivo; es {valor}.")
    return int(valor)


def parametros_conv2d(filtros, k, canales, sesgo=True):
    """Parámetros de una capa ``Conv2D(filters=filtros, kernel_size=k)`` sobre una entrada con ``canales``.

    ``k`` puede ser un entero (kernel cuadrado) o un par ``(alto, ancho)``.
    """
    filtros = _entero_positivo(filtros, "filtros")
    canales = _entero_positivo(canales, "canales")
    alto, ancho = (k, k) if not isinstance(k, (tuple, list)) else k
    alto, ancho = _entero_positivo(alto, "k"), _entero_positivo(ancho, "k")
    return filtros * alto * ancho * canales + (filtros if sesgo else 0)


def parametros_densa(entradas, salidas, sesgo=True):
    """Parámetros de una capa ``Dense(units=salidas)`` que recibe un vector de ``entradas`` valores."""
    entradas = _entero_positivo(entradas, "entradas")
    salidas = _entero_positivo(salidas, "salidas")
    return entradas * salidas + (salidas if sesgo else 0)
