"""Figuras que comparten los cuadernos: matrices con sus números, imágenes lado a lado, canales RGB.

Se enseñan en ``01_imagenes_digitales.ipynb`` y se reutilizan en todo el curso.
"""

import matplotlib.pyplot as plt
import numpy as np


def mostrar_matriz(matriz, titulo=None, ax=None, cmap="gray", formato="{:g}", vmin=None, vmax=None):
    """Dibuja una matriz pequeña como imagen ampliada, con el valor escrito en cada celda."""
    matriz = np.asarray(matriz)
    if ax is None:
        escala = max(2.0, 0.45 * max(matriz.shape)) / max(matriz.shape)  # pulgadas por celda
        _, ax = plt.subplots(figsize=(escala * matriz.shape[1], escala * matriz.shape[0]))
    vmin = matriz.min() if vmin is None else vmin
    vmax = matriz.max() if vmax is None else vmax
    ax.imshow(matriz, cmap=cmap, vmin=vmin, vmax=vmax)
    mapa = plt.get_cmap(cmap)
    norma = plt.Normalize(vmin=float(vmin), vmax=float(vmax))
    for (i, j), valor in np.ndenumerate(matriz):
        rojo, verde, azul, _ = mapa(norma(float(valor)))
        # Texto negro sobre celdas claras y blanco sobre oscuras (luminancia percibida del color de fondo).
        color = "black" if 0.299 * rojo + 0.587 * verde + 0.114 * azul > 0.5 else "white"
        ax.text(j, i, formato.format(valor), ha="center", va="center", color=color, fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
    if titulo:
        ax.set_title(titulo)
    return ax


def mostrar_imagenes(imagenes, titulos=None, cmap="gray", ancho=3.2, vmin=None, vmax=None):
    """Muestra varias imágenes en una fila, cada una con su título."""
    titulos = titulos or [None] * len(imagenes)
    figura, ejes = plt.subplots(1, len(imagenes), figsize=(ancho * len(imagenes), ancho), squeeze=False)
    for ax, imagen, titulo in zip(ejes[0], imagenes, titulos, strict=True):
        ax.imshow(imagen, cmap=cmap if np.ndim(imagen) == 2 else None, vmin=vmin, vmax=vmax)
        ax.set_axis_off()
        if titulo:
            ax.set_title(titulo)
    figura.tight_layout()
    plt.show()


def mostrar_canales_rgb(imagen):
    """Muestra la imagen en color y sus tres canales con los mapas ``Reds``, ``Greens`` y ``Blues``."""
    imagen = np.asarray(imagen)
    if imagen.ndim != 3 or imagen.shape[2] != 3:
        raise ValueError(f"Se esperaba una imagen en color (alto, ancho, 3); tiene forma {imagen.shape}.")
    figura, ejes = plt.subplots(1, 4, figsize=(13, 3.2))
    ejes[0].imshow(imagen)
    ejes[0].set_title("Imagen RGB")
    for ax, canal, mapa, nombre in zip(ejes[1:], range(3), ("Reds", "Greens", "Blues"), ("R", "G", "B"), strict=True):
        ax.imshow(imagen[:, :, canal], cmap=mapa)
        ax.set_title(f"Canal {nombre} ({mapa})")
    for ax in ejes:
        ax.set_axis_off()
    figura.tight_layout()
    plt.show()
