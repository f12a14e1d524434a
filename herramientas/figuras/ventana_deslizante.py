"""Animaciones de la ventana que se desliza sobre la entrada (cuaderno ``02_convolucion_a_mano.ipynb``).

Cada GIF muestra, posición a posición, la ventana 3×3 resaltada sobre la entrada 5×5 de las semillas, el
kernel, la salida que se va rellenando y la suma de productos de esa posición. Los números salen de
``helpers.convolucion``: nada está escrito a mano.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle
from PIL import Image

from helpers import convolucion

#: Entrada y kernel de detección de bordes verticales de las semillas.
ENTRADA_BORDES = np.array(
    [[1, 2, 8, 2, 1], [1, 4, 9, 3, 1], [1, 2, 8, 2, 1], [1, 3, 7, 1, 2], [1, 2, 8, 2, 2]]
)
KERNEL_BORDE_VERTICAL = np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]])

#: Entrada y kernel de enfoque (sharpen) de las semillas.
ENTRADA_ENFOQUE = np.array(
    [
        [60, 113, 56, 139, 85],
        [73, 121, 54, 84, 128],
        [131, 99, 70, 129, 127],
        [80, 57, 115, 69, 134],
        [104, 126, 123, 95, 130],
    ]
)
KERNEL_ENFOQUE = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])

# Colores: ventana actual (naranja), celda de salida actual (azul), celdas ya calculadas (gris claro).
NARANJA = "#f5a623"
AZUL = "#4a90d9"
GRIS = "#e6e6e6"
MILISEGUNDOS_POR_PASO = 1400


def _rejilla(ax, matriz, x0, titulo, fondo=None, visibles=None):
    """Dibuja ``matriz`` como una rejilla de celdas con su número; ``fondo[i][j]`` colorea cada celda."""
    alto, ancho = matriz.shape
    for i in range(alto):
        for j in range(ancho):
            color = fondo[i][j] if fondo is not None else "white"
            ax.add_patch(Rectangle((x0 + j, -i - 1), 1, 1, facecolor=color, edgecolor="#555555", linewidth=1))
            if visibles is None or visibles[i][j]:
                ax.text(x0 + j + 0.5, -i - 0.5, f"{matriz[i, j]:g}", ha="center", va="center", fontsize=11)
    ax.text(x0 + ancho / 2, 0.45, titulo, ha="center", va="bottom", fontsize=12, fontweight="bold")


def _texto_producto_suma(ventana, kernel):
    """La suma de productos en varias líneas: una por fila del kernel."""
    terminos, resultado = convolucion.escribir_producto_suma(ventana, kernel).split(" = ")
    terminos = terminos.split(" + ")
    ancho = kernel.shape[1]
    filas = [" + ".join(terminos[k : k + ancho]) for k in range(0, len(terminos), ancho)]
    return " +\n".join(filas) + f"  =  {resultado}"


def _fotograma(entrada, kernel, salida, fila, columna):
    """Una imagen RGB (array) con la ventana en la posición ``(fila, columna)``."""
    alto_k, ancho_k = kernel.shape
    x_kernel = entrada.shape[1] + 1.5
    x_salida = x_kernel + ancho_k + 2.0
    fondo_entrada = [["white"] * entrada.shape[1] for _ in range(entrada.shape[0])]
    for i in range(fila, fila + alto_k):
        for j in range(columna, columna + ancho_k):
            fondo_entrada[i][j] = NARANJA
    calculadas = [[(i, j) <= (fila, columna) for j in range(salida.shape[1])] for i in range(salida.shape[0])]
    fondo_salida = [[GRIS if calculadas[i][j] else "white" for j in range(salida.shape[1])]
                    for i in range(salida.shape[0])]
    fondo_salida[fila][columna] = AZUL

    figura = plt.figure(figsize=(9.0, 4.6), dpi=80)
    ax = figura.add_axes((0, 0, 1, 1))
    _rejilla(ax, entrada, 0, "Entrada", fondo_entrada)
    _rejilla(ax, kernel, x_kernel, "Kernel", [[NARANJA] * ancho_k for _ in range(alto_k)])
    _rejilla(ax, salida, x_salida, "Salida", fondo_salida, calculadas)
    ax.text(x_kernel - 0.75, -alto_k / 2, "⋆", ha="center", va="center", fontsize=30)
    ax.text(x_salida - 1.0, -alto_k / 2, "=", ha="center", va="center", fontsize=16)
    ventana = entrada[fila : fila + alto_k, columna : columna + ancho_k]
    ax.text(0, -entrada.shape[0] - 0.6, f"Posición ({fila}, {columna}):\n" + _texto_producto_suma(ventana, kernel),
            ha="left", va="top", fontsize=11, family="DejaVu Sans Mono")
    ax.set_xlim(-0.3, x_salida + salida.shape[1] + 0.3)
    ax.set_ylim(-entrada.shape[0] - 3.3, 1.3)
    ax.set_axis_off()
    figura.canvas.draw()
    imagen = np.asarray(figura.canvas.buffer_rgba())[:, :, :3].copy()
    plt.close(figura)
    return imagen


def animar(entrada, kernel, ruta):
    """Escribe en ``ruta`` un GIF con un fotograma por posición de la ventana (y vuelve a empezar)."""
    salida = convolucion.correlacion2d(entrada, kernel)
    fotogramas = [
        Image.fromarray(_fotograma(entrada, kernel, salida, i, j)).quantize(colors=64, dither=Image.Dither.NONE)
        for i in range(salida.shape[0])
        for j in range(salida.shape[1])
    ]
    duraciones = [MILISEGUNDOS_POR_PASO] * (len(fotogramas) - 1) + [3 * MILISEGUNDOS_POR_PASO]
    fotogramas[0].save(ruta, save_all=True, append_images=fotogramas[1:], duration=duraciones, loop=0,
                       optimize=False, disposal=1)
    return Path(ruta)


def generar(carpeta):
    carpeta = Path(carpeta)
    return [
        animar(ENTRADA_BORDES, KERNEL_BORDE_VERTICAL, carpeta / "ventana_deslizante_bordes.gif"),
        animar(ENTRADA_ENFOQUE, KERNEL_ENFOQUE, carpeta / "ventana_deslizante_enfoque.gif"),
    ]
