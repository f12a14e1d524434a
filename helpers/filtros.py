"""Catálogo de kernels clásicos y funciones para aplicarlos a fotografías.

- ``CATALOGO``: cada kernel con su matriz y una frase que dice qué resalta.
- ``kernel(nombre)``: la matriz de un kernel del catálogo (una copia; puedes modificarla).
- ``filtrar(imagen, kernel)``: la correlación del kernel con una imagen en gris, del mismo tamaño que la
  imagen cuando el kernel es impar (relleno de ceros).
- ``relu``: ``max(0, x)``, la activación que se queda con las coincidencias positivas.

Se enseñan en ``03_filtros.ipynb``; ``interactivo.explorador_kernels`` usa el mismo catálogo.
"""

import numpy as np

from helpers.convolucion import _como_matriz, correlacion2d

CATALOGO = {
    "identidad": (
        [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
        "Deja la imagen igual: un solo peso 1 en el centro.",
    ),
    "borde_vertical": (
        [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
        "Bordes verticales: resta la columna izquierda de la derecha (suma 0: una zona lisa da 0).",
    ),
    "borde_horizontal": (
        [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
        "Bordes horizontales: resta la fila de abajo de la de arriba (suma 0).",
    ),
    "diagonal_2x2": (
        [[-1, 0], [0, 1]],
        "Bordes diagonales (↘) con solo 2×2 pesos: resta el píxel de arriba a la izquierda del de abajo a la derecha.",
    ),
    "antidiagonal_2x2": (
        [[0, -1], [1, 0]],
        "Bordes en la otra diagonal (↙): resta el píxel de arriba a la derecha del de abajo a la izquierda.",
    ),
    "diagonal_3x3": (
        [[-1, -1, 0], [-1, 0, 1], [0, 1, 1]],
        "Bordes diagonales con 3×3 pesos: negativos arriba a la izquierda, positivos abajo a la derecha.",
    ),
    "antidiagonal_3x3": (
        [[1, 1, 0], [1, 0, -1], [0, -1, -1]],
        "Bordes en la otra diagonal: positivos arriba a la izquierda, negativos abajo a la derecha.",
    ),
    "laplaciano": (
        [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
        "Laplaciano de 8 vecinos: 8 veces el centro menos sus 8 vecinos; marca bordes en todas las direcciones "
        "(suma 0).",
    ),
    "enfocar": (
        [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
        "Enfocar (sharpen): el píxel más su diferencia con los 4 vecinos; suma 1, así que conserva el brillo.",
    ),
    "desenfoque_caja": (
        [[1 / 9, 1 / 9, 1 / 9], [1 / 9, 1 / 9, 1 / 9], [1 / 9, 1 / 9, 1 / 9]],
        "Desenfoque de caja: la media de la ventana 3×3 (todos los pesos positivos, suma 1).",
    ),
    "sobel_x": (
        [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
        "Sobel x (cambios de izquierda a derecha): detecta bordes verticales, como borde_vertical pero con más "
        "peso en la fila central (menos sensible al ruido).",
    ),
    "sobel_y": (
        [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
        "Sobel y (cambios de arriba abajo): detecta bordes horizontales; positivo cuando abajo es más claro "
        "que arriba.",
    ),
}


def nombres():
    """Los nombres de los kernels del catálogo, en orden."""
    return list(CATALOGO)


def kernel(nombre):
    """La matriz (``float``) del kernel ``nombre`` del catálogo."""
    if nombre not in CATALOGO:
        raise KeyError(f"No hay ningún kernel llamado {nombre!r}. Los disponibles son: {', '.join(CATALOGO)}.")
    return np.array(CATALOGO[nombre][0], dtype=float)


def descripcion(nombre):
    """La frase que explica qué resalta el kernel ``nombre``."""
    kernel(nombre)
    return CATALOGO[nombre][1]


def filtrar(imagen, kernel):
    """Aplica ``kernel`` a una imagen en gris (correlación cruzada, como ``Conv2D``) y devuelve ``float``.

    Con un kernel impar se rellena con ceros para que la salida tenga el tamaño de la imagen
    (relleno «same»); con uno par (2×2) la salida pierde una fila y una columna.
    """
    imagen = _como_matriz(imagen, "imagen").astype(float)
    kernel = _como_matriz(kernel, "kernel").astype(float)
    if kernel.shape[0] != kernel.shape[1]:
        raise ValueError(f"El kernel debe ser cuadrado; tiene forma {kernel.shape}.")
    relleno = (kernel.shape[0] - 1) // 2 if kernel.shape[0] % 2 == 1 else 0
    return correlacion2d(imagen, kernel, relleno=relleno)


def relu(x):
    """ReLU: ``max(0, x)`` elemento a elemento. Los valores negativos (el kernel no coincide) pasan a 0."""
    return np.maximum(np.asarray(x), 0)


def detecta_lineas_horizontales(kernel):
    """¿Encuentra ``kernel`` líneas horizontales claras de un píxel? (ejercicio de ``03_filtros.ipynb``).

    Devuelve ``None`` si aún no hay respuesta (``...``), y si no ``True`` cuando se cumplen las tres
    condiciones: una zona lisa da 0 (los pesos suman 0); la respuesta máxima a una línea horizontal cae
    justo sobre la línea; y una línea vertical da como mucho la mitad de esa respuesta.
    """
    if kernel is None or kernel is Ellipsis:
        return None
    kernel = _como_matriz(kernel, "kernel").astype(float)
    if kernel.shape != (3, 3) or not np.isclose(kernel.sum(), 0):
        return False
    horizontal = np.zeros((9, 9))
    horizontal[4, :] = 1
    respuesta_h = correlacion2d(horizontal, kernel)
    respuesta_v = correlacion2d(horizontal.T, kernel)
    maximo = respuesta_h.max()
    sobre_la_linea = np.isclose(respuesta_h[3], maximo).all() and (respuesta_h[[0, 1, 2, 4, 5, 6]] < maximo).all()
    return bool(maximo > 0 and sobre_la_linea and respuesta_v.max() <= maximo / 2)
