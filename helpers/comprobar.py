"""Comprobaciones de los ejercicios: responden en español con ✅ (qué está bien) o ❌ (una pista).

Nunca lanzan un ``assert`` desnudo: escriben el veredicto y devuelven un ``Veredicto``, que vale como
``True`` o ``False`` pero no añade nada a la salida de la celda. Se usan en los ejercicios de todos los
cuadernos, a partir de ``01_imagenes_digitales.ipynb``.
"""

import copy

import numpy as np


class Veredicto:
    """Resultado de una comprobación: se usa como un booleano y Jupyter no lo muestra (ya se imprimió)."""

    def __init__(self, correcto):
        self.correcto = bool(correcto)

    def __bool__(self):
        return self.correcto

    def __eq__(self, otro):
        return self.correcto == bool(otro)

    def __hash__(self):
        return hash(self.correcto)

    def __repr__(self):
        return f"Veredicto({self.correcto})"

    def _ipython_display_(self):
        """Jupyter no muestra nada: el mensaje con ✅ o ❌ ya está escrito."""


def _sin_responder(respuesta):
    return respuesta is None or respuesta is Ellipsis


def _veredicto(correcto, acierto, pista):
    print(f"✅ {acierto}" if correcto else f"❌ {pista}")
    return Veredicto(correcto)


def _falta_respuesta():
    print("❌ Todavía no hay respuesta: sustituye `...` por tu solución y vuelve a ejecutar la celda.")
    return Veredicto(False)


def valor(respuesta, esperado, acierto, pista, tolerancia=1e-6):
    """Compara un número (o un texto, o una tupla) con el esperado."""
    if _sin_responder(respuesta):
        return _falta_respuesta()
    if isinstance(esperado, (int, float, np.number)) and not isinstance(esperado, bool):
        try:
            correcto = abs(float(respuesta) - float(esperado)) <= tolerancia * max(1.0, abs(float(esperado)))
        except (TypeError, ValueError):
            return _veredicto(False, acierto, f"Se esperaba un número y la respuesta es {respuesta!r}. {pista}")
    else:
        correcto = respuesta == esperado
        if isinstance(correcto, np.ndarray):
            correcto = bool(correcto.all())
    return _veredicto(bool(correcto), acierto, pista)


def matriz(respuesta, esperado, acierto, pista, tolerancia=1e-6):
    """Compara un array con el esperado: primero la forma, después los valores."""
    if _sin_responder(respuesta):
        return _falta_respuesta()
    try:
        respuesta = np.asarray(respuesta, dtype=float)
    except (TypeError, ValueError):
        return _veredicto(False, acierto, f"La respuesta no se puede convertir en un array de números. {pista}")
    esperado = np.asarray(esperado, dtype=float)
    if respuesta.shape != esperado.shape:
        return _veredicto(
            False, acierto, f"La forma es {respuesta.shape} y debería ser {esperado.shape}. {pista}"
        )
    distintos = ~np.isclose(respuesta, esperado, atol=tolerancia, rtol=tolerancia)
    if distintos.any():
        posicion = tuple(int(i) for i in np.argwhere(distintos)[0])
        return _veredicto(
            False,
            acierto,
            f"{int(distintos.sum())} de {esperado.size} valores no coinciden; el primero, en la posición "
            f"{posicion}: {respuesta[posicion]:g} en lugar de {esperado[posicion]:g}. {pista}",
        )
    return _veredicto(True, acierto, pista)


def funcion(funcion_alumno, referencia, casos, acierto, pista, tolerancia=1e-6, mismo_tipo=False):
    """Prueba ``funcion_alumno`` con cada caso (tupla de argumentos) frente a ``referencia``.

    Con ``mismo_tipo=True`` exige además el mismo ``dtype`` que la referencia (por ejemplo ``float32``).
    """
    if not callable(funcion_alumno):
        return _falta_respuesta()
    for argumentos in casos:
        # Cada función recibe su propia copia: si una cambia su entrada (como hace `preprocess_input` de Keras
        # con los arrays float), la otra no debe verla cambiada.
        referencia_tal_cual = np.asarray(referencia(*copy.deepcopy(argumentos)))
        try:
            resultado = funcion_alumno(*copy.deepcopy(argumentos))
            if _sin_responder(resultado):  # La plantilla del ejercicio todavía devuelve `...`.
                return _falta_respuesta()
            tipo = np.asarray(resultado).dtype
            obtenido = np.asarray(resultado, dtype=float)
        except Exception as error:  # El código del alumno puede fallar de cualquier forma.
            return _veredicto(False, acierto, f"Tu función lanzó {type(error).__name__}: {error}. {pista}")
        if mismo_tipo and tipo != referencia_tal_cual.dtype:
            return _veredicto(
                False, acierto, f"Los valores deben ser {referencia_tal_cual.dtype} y son {tipo}. {pista}"
            )
        esperado = referencia_tal_cual.astype(float)
        if obtenido.shape != esperado.shape or not np.allclose(obtenido, esperado, atol=tolerancia):
            return _veredicto(
                False, acierto, f"Con una entrada de forma {np.shape(argumentos[0])} el resultado no coincide. {pista}"
            )
    return _veredicto(True, acierto, pista)
