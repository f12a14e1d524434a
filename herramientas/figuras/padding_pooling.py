"""Diagramas de los cuadernos 04 y 05: tipos de relleno, paso 2, pooling, campo receptivo y volumen de 3 canales.

Se dibujan con las mismas funciones que usan los cuadernos (``helpers.diagramas``) y con los ejemplos de las
semillas, calculados (no escritos a mano) con ``helpers.pooling``.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from helpers import diagramas, pooling

METADATOS_PNG = {"Software": None}

# Entrada 5×5 del ejemplo de «enfocar» y entrada 6×6 del ejemplo de paso (semillas del curso).
ENTRADA_ENFOQUE = np.array(
    [[60, 113, 56, 139, 85], [73, 121, 54, 84, 128], [131, 99, 70, 129, 127], [80, 57, 115, 69, 134],
     [104, 126, 123, 95, 130]]
)
ENTRADA_PASO = np.array(
    [[3, 1, 0, 2, 1, 0], [2, 0, 1, 3, 2, 1], [0, 1, 2, 1, 0, 3], [4, 0, 3, 2, 2, 1], [1, 1, 0, 1, 0, 1],
     [3, 2, 1, 0, 2, 1]]
)
EJEMPLO_POOLING = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])


def _guardar(figura, carpeta, nombre):
    ruta = Path(carpeta) / nombre
    figura.savefig(ruta, dpi=90, metadata=METADATOS_PNG)
    plt.close(figura)
    return ruta


def relleno_tipos(carpeta):
    figura, ejes = plt.subplots(1, 3, figsize=(12, 4.6))
    for ax, (tipo, p) in zip(ejes, (("valid", 0), ("same", 1), ("full", 2)), strict=True):
        diagramas.dibujar_relleno(ax, ENTRADA_ENFOQUE, p)
        diagramas._marco(ax, 0, 0, 3, 3, diagramas.COLOR_KERNEL)
        salida = 5 + 2 * p - 3 + 1
        ax.set_title(f"«{tipo}»: P = {p}\nentrada {5 + 2 * p}×{5 + 2 * p} → salida {salida}×{salida}")
    figura.suptitle("Kernel 3×3 (rojo, primera posición) sobre la entrada 5×5 con relleno de ceros (gris)")
    figura.tight_layout(rect=(0, 0, 1, 0.93))
    return _guardar(figura, carpeta, "relleno_tipos.png")


def paso_2(carpeta):
    figura, ejes = plt.subplots(1, 3, figsize=(12, 4.4))
    for ax, (fila, columna), titulo in zip(
        ejes, ((0, 0), (0, 2), (2, 0)), ("1.ª posición", "2 a la derecha", "2 hacia abajo"), strict=True
    ):
        diagramas.dibujar_relleno(ax, ENTRADA_PASO, 0)
        diagramas._marco(ax, fila, columna, 3, 3, diagramas.COLOR_KERNEL)
        ax.set_title(titulo)
    # La ventana no cabe una tercera vez: la última columna (y la última fila) se quedan fuera.
    ejes[1].add_patch(plt.Rectangle((4.5, -0.5), 1, 6, facecolor="none", edgecolor=diagramas.COLOR_PASO,
                                    hatch="//", lw=1.5))
    figura.suptitle("Paso S = 2 con un kernel 3×3 sobre la entrada 6×6: (6 − 3)/2 + 1 = 2,5 → Keras descarta la "
                    "última columna (azul) y la última fila", fontsize=10)
    figura.tight_layout(rect=(0, 0, 1, 0.94))
    return _guardar(figura, carpeta, "paso_2.png")


def pooling_max_media(carpeta):
    figura, ejes = plt.subplots(1, 3, figsize=(10, 3.8))
    diagramas.dibujar_pooling(ejes[0], ejes[1], EJEMPLO_POOLING, pooling.agrupacion_maxima(EJEMPLO_POOLING))
    ejes[2].set_axis_off()
    diagramas.dibujar_pooling(ejes[0], ejes[2], EJEMPLO_POOLING, pooling.agrupacion_media(EJEMPLO_POOLING),
                              titulo_salida="Average pooling 2×2")
    figura.suptitle("Pooling 2×2 con paso 2: cada ventana de color da un solo valor")
    figura.tight_layout()
    return _guardar(figura, carpeta, "pooling_max_media.png")


def campo_receptivo(carpeta):
    figura, ax = plt.subplots(figsize=(6.5, 6.5))
    diagramas.dibujar_campo_receptivo(ax)
    ax.set_title("Campo receptivo: dos capas 3×3 ven una región 5×5")
    figura.tight_layout()
    return _guardar(figura, carpeta, "campo_receptivo.png")


def volumen_3_canales(carpeta):
    figura, ax = plt.subplots(figsize=(11, 5.2))
    diagramas.dibujar_volumen(ax)
    ax.set_title("Convolución de un volumen: cada filtro recorre los 3 canales a la vez y da un canal de salida")
    figura.tight_layout()
    return _guardar(figura, carpeta, "volumen_3_canales.png")


def generar(carpeta):
    return [f(carpeta) for f in (relleno_tipos, paso_2, pooling_max_media, campo_receptivo, volumen_3_canales)]
