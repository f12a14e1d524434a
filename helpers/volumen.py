"""Convolución sobre volúmenes (varios canales, varios filtros) y las cuentas de tamaño que la acompañan.

- ``convolucion_volumen``: lo que calcula una capa ``Conv2D``: entrada ``(alto, ancho, canales)``, filtros
  ``(K, K, canales, filtros)`` (el mismo orden que Keras), un sesgo por filtro, relleno y paso.
- ``tamano_salida_keras``: el tamaño que da Keras con ``padding="valid"`` o ``"same"`` (redondea hacia abajo
  cuando ``(N + 2P − K)/S`` no es entero, en lugar de avisar como ``convolucion.tamano_salida``).
- ``relleno_para``: el relleno P de los tipos *valid*, *same* y *full*.
- ``campo_receptivo``: cuántos píxeles de la entrada ve una neurona tras varias capas.

Se enseñan en ``04_padding_stride_pooling.ipynb`` y se usan en ``05_capas_convolucionales_keras.ipynb``. Los
tests las comparan con ``tf.nn.conv2d`` y con ``compute_output_shape`` de Keras.
"""

import math

import numpy as np

from helpers.convolucion import tamano_salida

TIPOS_RELLENO = ("valid", "same", "full")


def _como_array(valor, nombre, dimensiones, forma_texto):
    array = np.asarray(valor)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.bool_)):
        raise TypeError(f"'{nombre}' debe contener números; tiene tipo {array.dtype}.")
    if array.ndim != dimensiones:
        raise ValueError(f"'{nombre}' debe tener {dimensiones} ejes {forma_texto}; tiene forma {array.shape}.")
    if array.size == 0:
        raise ValueError(f"'{nombre}' está vacío (forma {array.shape}).")
    return array


def convolucion_volumen(entrada, filtros, sesgos=None, relleno=0, paso=1):
    """Correlación cruzada de un volumen con varios filtros: la salida de una capa ``Conv2D`` sin activación.

    ``entrada``: ``(alto, ancho, canales)``. ``filtros``: ``(K_alto, K_ancho, canales, numero_de_filtros)``,
    el orden de ``layer.get_weights()[0]`` en Keras. ``sesgos``: uno por filtro (o ``None`` para ceros).
    Cada filtro recorre **todos** los canales a la vez: la salida ``(i, j, f)`` es la suma de los
    ``K·K·canales`` productos de la ventana por el filtro ``f``, más su sesgo. Devuelve
    ``(alto_salida, ancho_salida, numero_de_filtros)``.
    """
    entrada = np.asarray(entrada)
    if entrada.ndim == 2:
        raise ValueError(
            f"'entrada' tiene forma {entrada.shape} (una matriz 2-D): añade el eje de canales con "
            f"entrada[:, :, np.newaxis] para tener (alto, ancho, 1)."
        )
    entrada = _como_array(entrada, "entrada", 3, "(alto, ancho, canales)")
    filtros = np.asarray(filtros)
    if filtros.ndim == 3:
        raise ValueError(
            f"'filtros' tiene forma {filtros.shape}: si es un solo filtro (K, K, canales), añade el eje de "
            f"filtros con filtros[..., np.newaxis]; si son varios, apílalos con np.stack([w0, w1], axis=-1)."
        )
    filtros = _como_array(filtros, "filtros", 4, "(K, K, canales, filtros)")
    alto_k, ancho_k, canales_k, numero = filtros.shape
    if canales_k != entrada.shape[2]:
        raise ValueError(
            f"Los filtros tienen {canales_k} canales y la entrada {entrada.shape[2]}: cada filtro debe tener "
            f"tantos canales como la entrada (forma (K, K, {entrada.shape[2]}, filtros))."
        )
    if sesgos is None:
        sesgos = np.zeros(numero, dtype=filtros.dtype)
    sesgos = np.asarray(sesgos)
    if sesgos.ndim == 0:
        sesgos = sesgos.reshape(1)
    sesgos = _como_array(sesgos, "sesgos", 1, "(numero_de_filtros,)")
    if sesgos.shape[0] != numero:
        raise ValueError(f"Hay {numero} filtros y {sesgos.shape[0]} sesgos: hace falta un sesgo por filtro.")
    # Las mismas validaciones (y los mismos mensajes) que la versión 2-D del cuaderno 02.
    tamano_salida(entrada.shape[0], alto_k, relleno, paso)
    tamano_salida(entrada.shape[1], ancho_k, relleno, paso)
    rellena = np.pad(entrada, ((relleno, relleno), (relleno, relleno), (0, 0)))
    # Forma de `ventanas`: (alto_salida, ancho_salida, canales, K_alto, K_ancho).
    ventanas = np.lib.stride_tricks.sliding_window_view(rellena, (alto_k, ancho_k), axis=(0, 1))
    ventanas = ventanas[::paso, ::paso]
    tipo = np.result_type(entrada, filtros, sesgos, np.int64)
    salida = np.einsum("ijckl,klcf->ijf", ventanas.astype(tipo, copy=False), filtros.astype(tipo, copy=False))
    return salida + sesgos.astype(tipo)


def relleno_para(k, tipo):
    """Relleno P (por cada lado) de los tipos habituales para un kernel de lado ``k``.

    ``"valid"``: P = 0. ``"same"``: P = (K − 1)/2, la salida mide lo mismo que la entrada (con paso 1; K impar).
    ``"full"``: P = K − 1, el mayor relleno con sentido (cada píxel se visita en todas las posiciones del kernel).
    """
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k <= 0:
        raise ValueError(f"K debe ser un entero positivo; es {k!r}.")
    if tipo not in TIPOS_RELLENO:
        raise ValueError(f"Tipo de relleno desconocido: {tipo!r}. Usa uno de {', '.join(TIPOS_RELLENO)}.")
    if tipo == "valid":
        return 0
    if tipo == "full":
        return k - 1
    if k % 2 == 0:
        raise ValueError(
            f"Con K={k} (par) no hay un relleno «same» simétrico: (K − 1)/2 = {(k - 1) / 2}. Keras pone la "
            f"fila y la columna de más abajo y a la derecha; en el curso usamos kernels impares."
        )
    return (k - 1) // 2


def tamano_salida_keras(n, k, s=1, padding="valid"):
    """Tamaño de salida que calcula Keras (``Conv2D``, ``MaxPooling2D``...) para un lado de la entrada.

    ``padding="valid"``: ``⌊(N − K)/S⌋ + 1`` (las filas que sobran se descartan sin aviso).
    ``padding="same"``: ``⌈N/S⌉`` (Keras reparte los ceros que hagan falta, con el sobrante abajo y a la derecha).
    """
    for nombre, valor in (("N", n), ("K", k), ("S", s)):
        if not isinstance(valor, (int, np.integer)) or isinstance(valor, bool):
            raise TypeError(f"{nombre} debe ser un número entero; es {valor!r}.")
    if n <= 0 or k <= 0:
        raise ValueError(f"N y K deben ser positivos (N={n}, K={k}).")
    if s <= 0:
        raise ValueError(f"El paso S debe ser al menos 1 (S={s}).")
    if padding == "same":
        return math.ceil(n / s)
    if padding != "valid":
        raise ValueError(f"padding debe ser 'valid' o 'same' (como en Keras); es {padding!r}.")
    if k > n:
        raise ValueError(f"Con padding='valid' el kernel (K={k}) no cabe en la entrada (N={n}).")
    return (n - k) // s + 1


def campo_receptivo(capas):
    """Lado del campo receptivo de una neurona tras una pila de capas ``[(K, S), (K, S), ...]``.

    Cada capa añade ``(K − 1)`` píxeles multiplicados por el producto de los pasos anteriores: dos capas
    3×3 con paso 1 ven una región de 5×5 de la entrada; tres, de 7×7.
    """
    lado, salto = 1, 1
    for posicion, capa in enumerate(capas):
        try:
            k, s = capa
        except (TypeError, ValueError):
            raise TypeError(f"La capa {posicion} debe ser un par (K, S); es {capa!r}.") from None
        if k <= 0 or s <= 0:
            raise ValueError(f"La capa {posicion} tiene K={k}, S={s}: ambos deben ser positivos.")
        lado += (k - 1) * salto
        salto *= s
    return lado
