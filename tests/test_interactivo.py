"""Pruebas de ``helpers.interactivo`` y ``helpers.diagramas``: se construyen, reaccionan y no fallan.

Los controles no se pueden «ver» en una prueba, pero sí cambiar sus valores como haría un alumno.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import diagramas, filtros, interactivo  # noqa: E402

IMAGEN = np.random.default_rng(0).integers(0, 256, size=(24, 20))


def test_explorador_kernels_elige_y_edita():
    control = interactivo.explorador_kernels(IMAGEN)
    menu, rejilla = control.children[0].children
    pesos = rejilla.children
    assert [p.value for p in pesos] == list(filtros.kernel("borde_vertical").ravel())
    menu.value = "laplaciano"
    assert [p.value for p in pesos] == list(filtros.kernel("laplaciano").ravel())
    assert "8 vecinos" in control.children[1].value
    pesos[4].value = 9.0
    assert menu.value == interactivo.PERSONALIZADO
    plt.close("all")


def test_explorador_kernels_errores():
    with pytest.raises(ValueError, match="gris"):
        interactivo.explorador_kernels(np.zeros((4, 4, 3)))
    with pytest.raises(ValueError, match="3×3"):
        interactivo.explorador_kernels(IMAGEN, inicial="diagonal_2x2")


def test_explorador_tamano_reacciona():
    control = interactivo.explorador_tamano()
    deslizadores = [*control.children[0].children, *control.children[1].children]
    assert [d.value for d in deslizadores] == [7, 3, 0, 1]
    for valores in ([5, 7, 0, 1], [6, 3, 0, 2], [5, 3, 1, 2]):
        for deslizador, valor in zip(deslizadores, valores, strict=True):
            deslizador.value = valor
    plt.close("all")


@pytest.mark.parametrize(
    ("n", "k", "p", "s", "texto"),
    [(5, 3, 1, 2, "= 3"), (6, 3, 0, 2, "Keras: 2"), (3, 5, 0, 1, "no cabe"), (28, 3, 0, 1, "= 26")],
)
def test_texto_formula(n, k, p, s, texto):
    assert texto in diagramas.texto_formula(n, k, p, s)


def test_diagramas_se_dibujan():
    figura, ejes = plt.subplots(1, 2)
    diagramas.dibujar_rejilla(ejes[0], ejes[1], 3, 5, 0, 1)
    diagramas.mostrar_tamano(6, 3, 1, 2)
    diagramas.mostrar_filtros(IMAGEN, ["identidad", "diagonal_2x2", "desenfoque_caja"], recorte=(0, 0, 10))
    diagramas.mostrar_mapas(np.zeros((1, 5, 5, 10)), titulo="mapas")
    diagramas.mostrar_mapas(np.zeros((5, 5, 2)), nombres=["uno", "dos"])
    diagramas.mostrar_filtros(IMAGEN, ["borde_vertical", "laplaciano"])
    with pytest.raises(ValueError, match="canales"):
        diagramas.mostrar_mapas(np.zeros((5, 5)))
    with pytest.raises(ValueError, match="un nombre por canal"):
        diagramas.mostrar_mapas(np.zeros((5, 5, 3)), nombres=["uno"])
    plt.close("all")


def test_dibujar_filtrada_elige_la_escala_segun_la_suma():
    imagen = np.arange(100, dtype=float).reshape(10, 10)
    figura, ax = plt.subplots()
    resultado = np.linspace(-5, 3, 100).reshape(10, 10)
    diagramas.dibujar_filtrada(ax, resultado, filtros.kernel("borde_vertical"), imagen)
    vmin, vmax = ax.images[-1].get_clim()
    assert vmin == -vmax and 0 < vmax <= 5  # simétrica: el 0 queda en gris medio
    diagramas.dibujar_filtrada(ax, resultado, filtros.kernel("enfocar"), imagen)
    assert ax.images[-1].get_clim() == (0.0, 99.0)  # la escala de la imagen original
    diagramas.dibujar_filtrada(ax, resultado, 2 * filtros.kernel("identidad"), imagen)
    assert ax.images[-1].get_clim() == (-5.0, 3.0)
    plt.close(figura)
