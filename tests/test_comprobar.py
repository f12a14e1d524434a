"""Las comprobaciones de los ejercicios responden en español y nunca lanzan un assert."""

import numpy as np

from helpers import comprobar


def test_valor(capsys):
    assert comprobar.valor(22, 22, "Bien: 22.", "Repasa la suma.")
    assert capsys.readouterr().out == "✅ Bien: 22.\n"
    assert not comprobar.valor(21, 22, "Bien.", "Repasa la suma.")
    assert capsys.readouterr().out == "❌ Repasa la suma.\n"
    assert not comprobar.valor("veintidós", 22, "Bien.", "Pista.")
    assert "Se esperaba un número" in capsys.readouterr().out


def test_sin_responder(capsys):
    assert not comprobar.valor(..., 3, "Bien.", "Pista.")
    assert not comprobar.matriz(None, [1], "Bien.", "Pista.")
    assert capsys.readouterr().out.count("Todavía no hay respuesta") == 2


def test_matriz(capsys):
    esperado = np.arange(6).reshape(2, 3)
    assert comprobar.matriz(esperado.tolist(), esperado, "Bien.", "Pista.")
    assert not comprobar.matriz(np.ones((3, 2)), esperado, "Bien.", "Pista.")
    assert "La forma es (3, 2) y debería ser (2, 3)" in capsys.readouterr().out
    casi = esperado.copy()
    casi[1, 2] = 9
    assert not comprobar.matriz(casi, esperado, "Bien.", "Pista.")
    assert "posición (1, 2): 9 en lugar de 5" in capsys.readouterr().out


def test_funcion(capsys):
    def referencia(x):
        return np.asarray(x) * 2

    assert comprobar.funcion(lambda x: np.asarray(x) * 2, referencia, [([1, 2],)], "Bien.", "Pista.")
    assert not comprobar.funcion(lambda x: x[5], referencia, [([1, 2],)], "Bien.", "Pista.")
    assert "Tu función lanzó IndexError" in capsys.readouterr().out
    assert not comprobar.funcion(..., referencia, [([1],)], "Bien.", "Pista.")


def test_funcion_mismo_tipo(capsys):
    imagenes = np.array([[0, 255]], dtype=np.uint8)

    def referencia(x):
        return x.astype("float32") / 255

    assert comprobar.funcion(lambda x: x / 255, referencia, [(imagenes,)], "Bien.", "Pista.")
    capsys.readouterr()
    assert not comprobar.funcion(lambda x: x / 255, referencia, [(imagenes,)], "Bien.", "Pista.", mismo_tipo=True)
    assert "deben ser float32 y son float64" in capsys.readouterr().out
    assert comprobar.funcion(referencia, referencia, [(imagenes,)], "Bien.", "Pista.", mismo_tipo=True)


def test_funcion_que_cambia_su_entrada(capsys):
    # Como `preprocess_input` de Keras con arrays float: el resultado es correcto aunque cambie la entrada.
    # La referencia no debe recibir esa entrada ya cambiada, ni el caso del ejercicio quedar modificado.
    def en_su_sitio(x):
        x -= 1
        return x

    caso = np.array([1.0, 2.0, 3.0])
    assert comprobar.funcion(en_su_sitio, lambda x: x - 1, [(caso,)], "Bien.", "Pista.")
    assert "Bien." in capsys.readouterr().out
    np.testing.assert_array_equal(caso, [1.0, 2.0, 3.0])
    assert not comprobar.funcion(lambda x: x, en_su_sitio, [(caso,)], "Bien.", "Pista.")


def test_funcion_plantilla_sin_completar(capsys):
    # La plantilla de un ejercicio devuelve `...` hasta que el alumno la completa: se le dice, sin traza.
    def plantilla(imagen, kernel):
        salida = ...
        return salida

    assert not comprobar.funcion(plantilla, lambda i, k: i, [(np.ones((3, 3)), np.ones((1, 1)))], "Bien.", "Pista.")
    assert "Todavía no hay respuesta" in capsys.readouterr().out


def test_el_veredicto_no_ensucia_la_salida_de_jupyter():
    veredicto = comprobar.valor(1, 1, "Bien.", "Pista.")
    assert veredicto == True  # noqa: E712  (se compara como un booleano)
    assert veredicto._ipython_display_() is None
