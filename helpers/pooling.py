"""Pooling (agrupación) en NumPy: máximo o media de cada ventana, como ``MaxPooling2D`` y ``AveragePooling2D``.

Se enseña en ``04_padding_stride_pooling.ipynb``. Igual que Keras con ``padding="valid"``, el paso por
defecto es el tamaño de la ventana y las filas o columnas que no completan una ventana se descartan
(un mapa de 11×11 con ventanas de 2×2 queda en 5×5). Los tests lo comparan con Keras.
"""

import numpy as np

MODOS = ("max", "media")


def agrupar(mapa, tamano=2, paso=None, modo="max"):
    """Aplica pooling a ``mapa`` (``(alto, ancho)`` o ``(alto, ancho, canales)``, cada canal por separado).

    ``tamano``: lado de la ventana; ``paso``: desplazamiento (por defecto, igual a ``tamano``);
    ``modo``: ``"max"`` (max-pooling) o ``"media"`` (average pooling).
    """
    array = np.asarray(mapa)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.bool_)):
        raise TypeError(f"'mapa' debe contener números; tiene tipo {array.dtype}.")
    if array.ndim not in (2, 3):
        raise ValueError(
            f"'mapa' debe tener forma (alto, ancho) o (alto, ancho, canales); tiene forma {array.shape}. "
            f"Si es un lote de Keras (lote, alto, ancho, canales), pasa un solo ejemplo: mapa[0]."
        )
    paso = tamano if paso is None else paso
    for nombre, valor in (("tamano", tamano), ("paso", paso)):
        if not isinstance(valor, (int, np.integer)) or isinstance(valor, bool) or valor <= 0:
            raise ValueError(f"'{nombre}' debe ser un entero positivo; es {valor!r}.")
    if modo not in MODOS:
        raise ValueError(f"Modo de pooling desconocido: {modo!r}. Usa 'max' o 'media'.")
    if tamano > array.shape[0] or tamano > array.shape[1]:
        raise ValueError(
            f"La ventana de {tamano}×{tamano} no cabe en un mapa de {array.shape[0]}×{array.shape[1]}: usa una "
            f"ventana más pequeña."
        )
    tres_ejes = array if array.ndim == 3 else array[:, :, np.newaxis]
    # Forma de `ventanas`: (alto_salida, ancho_salida, canales, tamano, tamano).
    ventanas = np.lib.stride_tricks.sliding_window_view(tres_ejes, (tamano, tamano), axis=(0, 1))[::paso, ::paso]
    salida = ventanas.max(axis=(3, 4)) if modo == "max" else ventanas.mean(axis=(3, 4))
    return salida if array.ndim == 3 else salida[:, :, 0]


def agrupacion_maxima(mapa, tamano=2, paso=None):
    """Max-pooling: el mayor valor de cada ventana (``keras.layers.MaxPooling2D``)."""
    return agrupar(mapa, tamano, paso, modo="max")


def agrupacion_media(mapa, tamano=2, paso=None):
    """Average pooling: la media de cada ventana (``keras.layers.AveragePooling2D``)."""
    return agrupar(mapa, tamano, paso, modo="media")
