"""Controles interactivos (ipywidgets) de los cuadernos 03 y 04.

- ``explorador_kernels(imagen)``: elige un kernel del catálogo o escribe sus 9 pesos y mira su efecto
  (``03_filtros.ipynb``).
- ``explorador_tamano()``: deslizadores de N, K, P y S que redibujan la rejilla y el tamaño de salida
  (``04_padding_stride_pooling.ipynb``).

Solo usan lo que ipywidgets 7.7 (Colab) y 8 tienen en común: ``Dropdown``, ``FloatText``, ``IntSlider``,
``HBox``/``VBox``/``GridBox``, ``Output`` y ``observe``. Cada función devuelve el control: la celda lo muestra.
En GitHub y en nbval los controles no se ven; por eso cada cuaderno dibuja después una figura fija.
"""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import clear_output

from helpers import diagramas, filtros

PERSONALIZADO = "personalizado"


def _redibujar(salida, dibujar):
    with salida:
        clear_output(wait=True)
        try:
            dibujar()
        except (ValueError, TypeError) as error:
            print(f"⚠️ {error}")
        plt.show()


def explorador_kernels(imagen, inicial="borde_vertical"):
    """Control para probar kernels 3×3 sobre ``imagen`` (gris, 2-D).

    Elegir un kernel del menú rellena los 9 pesos; cambiar un peso recalcula el filtrado.
    """
    imagen = np.asarray(imagen, dtype=float)
    if imagen.ndim != 2:
        raise ValueError(f"La imagen debe estar en gris (alto, ancho); tiene forma {imagen.shape}.")
    tres_por_tres = [nombre for nombre in filtros.nombres() if filtros.kernel(nombre).shape == (3, 3)]
    if inicial not in tres_por_tres:
        raise ValueError(f"El kernel inicial debe ser 3×3 y estar en el catálogo: {', '.join(tres_por_tres)}.")
    menu = widgets.Dropdown(options=[*tres_por_tres, PERSONALIZADO], value=inicial, description="Kernel:")
    pesos = [widgets.FloatText(value=0.0, layout=widgets.Layout(width="70px")) for _ in range(9)]
    rejilla = widgets.GridBox(pesos, layout=widgets.Layout(grid_template_columns="repeat(3, 75px)"))
    texto = widgets.HTML()
    salida = widgets.Output()
    estado = {"rellenando": False}

    def matriz_actual():
        return np.array([p.value for p in pesos], dtype=float).reshape(3, 3)

    def dibujar():
        matriz = matriz_actual()
        resultado = filtros.filtrar(imagen, matriz)
        figura, ejes = plt.subplots(1, 2, figsize=(9, 4.2))
        ejes[0].imshow(imagen, cmap="gray")
        ejes[0].set_title("Original")
        diagramas.dibujar_filtrada(ejes[1], resultado, matriz, imagen)
        ejes[1].set_title(f"Filtrada (suma de los pesos = {matriz.sum():.2f})")
        for ax in ejes:
            ax.set_axis_off()
        figura.tight_layout()

    def al_elegir(cambio=None):
        if menu.value == PERSONALIZADO:
            texto.value = "Escribe tus propios pesos."
            return
        estado["rellenando"] = True
        for peso, valor in zip(pesos, filtros.kernel(menu.value).ravel(), strict=True):
            peso.value = round(float(valor), 4)
        estado["rellenando"] = False
        texto.value = filtros.descripcion(menu.value)
        _redibujar(salida, dibujar)

    def al_editar(cambio):
        if estado["rellenando"]:
            return
        if menu.value != PERSONALIZADO:
            menu.value = PERSONALIZADO
        _redibujar(salida, dibujar)

    menu.observe(al_elegir, names="value")
    for peso in pesos:
        peso.observe(al_editar, names="value")
    al_elegir()
    return widgets.VBox([widgets.HBox([menu, rejilla]), texto, salida])


def explorador_tamano(n=7, k=3, p=0, s=1):
    """Deslizadores de N, K, P y S que redibujan la rejilla y escriben ``(N + 2P − K)/S + 1``."""
    deslizadores = {
        "n": widgets.IntSlider(value=n, min=3, max=12, description="N (entrada)"),
        "k": widgets.IntSlider(value=k, min=1, max=7, description="K (kernel)"),
        "p": widgets.IntSlider(value=p, min=0, max=3, description="P (relleno)"),
        "s": widgets.IntSlider(value=s, min=1, max=4, description="S (paso)"),
    }
    salida = widgets.Output()

    def dibujar():
        valores = {clave: d.value for clave, d in deslizadores.items()}
        diagramas.mostrar_tamano(**valores)

    def al_cambiar(cambio=None):
        _redibujar(salida, dibujar)

    for deslizador in deslizadores.values():
        deslizador.observe(al_cambiar, names="value")
    al_cambiar()
    return widgets.VBox([widgets.HBox(list(deslizadores.values())[:2]), widgets.HBox(list(deslizadores.values())[2:]),
                         salida])
