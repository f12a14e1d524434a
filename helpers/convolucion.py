"""Las operaciones que el curso enseña, escritas en NumPy para poder leerlas.

- ``correlacion2d_bucles``: la operación de las capas convolucionales, con dos bucles (para entenderla).
- ``correlacion2d``: lo mismo, vectorizado, con relleno (padding) y paso (stride).
- ``convolucion2d``: la convolución de los libros de matemáticas (el kernel se voltea).
- ``tamano_salida``: el tamaño de la salida, ``(N + 2P − K)/S + 1``.

Se enseñan en ``02_convolucion_a_mano.ipynb`` (bucles, vectorizada, volteo) y
``04_padding_stride_pooling.ipynb`` (relleno, paso, tamaño de salida). Los tests las comparan con SciPy y
con ``tf.nn.conv2d``. ``escribir_producto_suma`` escribe el cálculo de una posición (cuaderno 02).
"""

import numpy as np


def _como_matriz(valor, nombre):
    """Convierte ``valor`` en una matriz 2-D de números o lanza un error claro en español."""
    matriz = np.asarray(valor)
    if matriz.dtype == object or not (
        np.issubdtype(matriz.dtype, np.number) or np.issubdtype(matriz.dtype, np.bool_)
    ):
        raise TypeError(f"'{nombre}' debe contener números; tiene tipo {matriz.dtype}.")
    if matriz.ndim != 2:
        raise ValueError(
            f"'{nombre}' debe ser una matriz 2-D (alto, ancho); tiene forma {matriz.shape}. "
            f"Si es una imagen en color, conviértela antes a gris o elige un canal: imagen[:, :, 0]."
        )
    if matriz.size == 0:
        raise ValueError(f"'{nombre}' está vacía (forma {matriz.shape}).")
    return matriz


def tamano_salida(n, k, p=0, s=1):
    """Tamaño de la salida de una convolución: ``(N + 2P − K)/S + 1``.

    ``n``: tamaño de la entrada, ``k``: del kernel, ``p``: relleno por cada lado, ``s``: paso.
    Lanza ``ValueError`` en español si la combinación es imposible o no da un número entero.
    """
    for nombre, valor in (("N", n), ("K", k), ("P", p), ("S", s)):
        if not isinstance(valor, (int, np.integer)) or isinstance(valor, bool):
            raise TypeError(f"{nombre} debe ser un número entero; es {valor!r}.")
    if n <= 0 or k <= 0:
        raise ValueError(f"N y K deben ser positivos (N={n}, K={k}).")
    if p < 0:
        raise ValueError(f"El relleno P no puede ser negativo (P={p}).")
    if s <= 0:
        raise ValueError(f"El paso S debe ser al menos 1 (S={s}).")
    if k > n + 2 * p:
        raise ValueError(
            f"El kernel (K={k}) no cabe en la entrada rellenada (N + 2P = {n + 2 * p}): aumenta P o usa un "
            f"kernel más pequeño."
        )
    resto = (n + 2 * p - k) % s
    if resto:
        raise ValueError(
            f"(N + 2P − K)/S = ({n} + {2 * p} − {k})/{s} no es entero (el resto de la división es {resto}): "
            f"quedan píxeles del final que el kernel no llega a cubrir. Keras los descarta (redondea hacia "
            f"abajo, salida {(n + 2 * p - k) // s + 1}); elige P o S para que encaje."
        )
    return (n + 2 * p - k) // s + 1


def rellenar(imagen, p):
    """Añade ``p`` filas y columnas de ceros alrededor de ``imagen`` (padding)."""
    imagen = _como_matriz(imagen, "imagen")
    if p < 0:
        raise ValueError(f"El relleno no puede ser negativo (p={p}).")
    return np.pad(imagen, p, mode="constant", constant_values=0)


def _comprobar_tamanos(imagen, kernel):
    if kernel.shape[0] > imagen.shape[0] or kernel.shape[1] > imagen.shape[1]:
        raise ValueError(
            f"El kernel {kernel.shape} es más grande que la imagen {imagen.shape}: no cabe ni una vez. "
            f"Usa un kernel más pequeño o añade relleno."
        )


def correlacion2d_bucles(imagen, kernel):
    """Correlación cruzada 2-D «válida» con dos bucles: lo que calcula una capa ``Conv2D``.

    Cada salida ``(i, j)`` es la suma de los productos del kernel por la ventana de la imagen que empieza en
    ``(i, j)``. El kernel **no** se voltea.
    """
    imagen = _como_matriz(imagen, "imagen")
    kernel = _como_matriz(kernel, "kernel")
    _comprobar_tamanos(imagen, kernel)
    alto_k, ancho_k = kernel.shape
    alto, ancho = imagen.shape[0] - alto_k + 1, imagen.shape[1] - ancho_k + 1
    salida = np.zeros((alto, ancho), dtype=np.result_type(imagen, kernel, np.int64))
    for i in range(alto):
        for j in range(ancho):
            ventana = imagen[i : i + alto_k, j : j + ancho_k]
            salida[i, j] = np.sum(ventana * kernel)
    return salida


def correlacion2d(imagen, kernel, relleno=0, paso=1):
    """Correlación cruzada 2-D vectorizada, con relleno de ceros y paso.

    Mismo resultado que ``correlacion2d_bucles`` (con ``relleno=0, paso=1``), pero sin bucles de Python:
    ``sliding_window_view`` crea todas las ventanas a la vez y ``einsum`` las multiplica por el kernel.
    """
    imagen = _como_matriz(imagen, "imagen")
    kernel = _como_matriz(kernel, "kernel")
    tamano_salida(imagen.shape[0], kernel.shape[0], relleno, paso)
    tamano_salida(imagen.shape[1], kernel.shape[1], relleno, paso)
    rellena = rellenar(imagen, relleno)
    _comprobar_tamanos(rellena, kernel)
    ventanas = np.lib.stride_tricks.sliding_window_view(rellena, kernel.shape)[::paso, ::paso]
    tipo = np.result_type(imagen, kernel, np.int64)
    return np.einsum("ijkl,kl->ij", ventanas, kernel).astype(tipo, copy=False)


def convolucion2d(imagen, kernel, relleno=0, paso=1):
    """Convolución 2-D de la definición matemática: la correlación con el kernel volteado 180°."""
    kernel = _como_matriz(kernel, "kernel")
    return correlacion2d(imagen, kernel[::-1, ::-1], relleno=relleno, paso=paso)


def escribir_producto_suma(ventana, kernel, formato="{:g}"):
    """Escribe la suma de productos de una ventana por el kernel, término a término, y su resultado.

    Por ejemplo ``"1·(-1) + 2·0 + 8·1 + ... = 22"``: es el cálculo de **una** posición de la salida de
    ``correlacion2d``. Los números negativos van entre paréntesis. Se usa en ``02_convolucion_a_mano.ipynb``.
    """
    ventana = _como_matriz(ventana, "ventana")
    kernel = _como_matriz(kernel, "kernel")
    if ventana.shape != kernel.shape:
        raise ValueError(
            f"La ventana {ventana.shape} y el kernel {kernel.shape} deben tener la misma forma: recorta la "
            f"ventana con imagen[i:i + alto_kernel, j:j + ancho_kernel]."
        )

    def numero(valor):
        texto = formato.format(valor)
        return f"({texto})" if texto.startswith("-") else texto

    terminos = [f"{numero(a)}·{numero(b)}" for a, b in zip(ventana.ravel(), kernel.ravel(), strict=True)]
    resultado = np.sum(ventana * kernel, dtype=np.result_type(ventana, kernel, np.int64))
    return " + ".join(terminos) + " = " + formato.format(resultado)
