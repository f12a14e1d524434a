"""Diagramas del cuaderno 09: base convolucional + clasificador, los bloques de VGG16 y las tres estrategias
(extracción de características, ajuste fino, desde cero).

Los tamaños de VGG16 se calculan aquí (cada max-pooling 2×2 divide el lado entre 2), no se escriben a mano.
"""

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

METADATOS_PNG = {"Software": None}

COLOR_BASE = "#4C72B0"
COLOR_CLASIFICADOR = "#DD8452"
COLOR_CONGELADO = "#B8C4D6"
COLOR_ENTRENA = "#55A868"
COLOR_ALEATORIO = "#C44E52"

# Arquitectura de VGG16: (convoluciones, filtros) de cada bloque; cada bloque termina en max-pooling 2×2.
BLOQUES_VGG16 = ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512))
LADO_ENTRADA_VGG16 = 224
DENSAS_VGG16 = (4096, 4096, 1000)


def _guardar(figura, carpeta, nombre):
    ruta = Path(carpeta) / nombre
    figura.savefig(ruta, dpi=90, metadata=METADATOS_PNG)
    plt.close(figura)
    return ruta


def _caja(ax, x, y, ancho, alto, color, texto="", color_texto="white", tamano=9, **opciones):
    ax.add_patch(FancyBboxPatch((x, y), ancho, alto, boxstyle="round,pad=0.02,rounding_size=0.08",
                                facecolor=color, edgecolor="black", lw=1, **opciones))
    if texto:
        ax.text(x + ancho / 2, y + alto / 2, texto, ha="center", va="center", color=color_texto, fontsize=tamano)


def _flecha(ax, x0, y0, x1, y1):
    ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=14, lw=1.3, color="black"))


def base_y_clasificador(carpeta):
    figura, ax = plt.subplots(figsize=(11, 3.6))
    ax.set_xlim(0, 11)
    ax.set_ylim(0, 3.6)
    ax.set_axis_off()
    _caja(ax, 0.2, 1.0, 1.2, 1.4, "#999999", "imagen\n224×224×3")
    alturas = (2.2, 1.9, 1.6, 1.3, 1.0)
    for i, alto in enumerate(alturas):
        x = 2.0 + i * 0.95
        _caja(ax, x, 1.7 - alto / 2, 0.7, alto, COLOR_BASE, f"conv\n+\npool\n{i + 1}", tamano=8)
    _flecha(ax, 1.45, 1.7, 1.95, 1.7)
    _flecha(ax, 6.7, 1.7, 7.15, 1.7)
    for j, alto in enumerate((1.6, 1.6, 0.9)):
        _caja(ax, 7.2 + j * 0.8, 1.7 - alto / 2, 0.55, alto, COLOR_CLASIFICADOR, "densa" if j < 2 else "soft\nmax",
              tamano=8)
    _flecha(ax, 9.35, 1.7, 9.75, 1.7)
    ax.text(9.8, 1.7, "«gato»\n«taza»\n«cohete»\n…", va="center", fontsize=9)
    ax.annotate("", xy=(2.0, 0.25), xytext=(6.65, 0.25), arrowprops={"arrowstyle": "<->", "color": COLOR_BASE})
    ax.text(4.32, 0.05, "BASE CONVOLUCIONAL: extrae características (bordes → texturas → partes)",
            ha="center", va="bottom", color=COLOR_BASE, fontsize=9, fontweight="bold")
    ax.text(4.32, 3.1, "se reutiliza", ha="center", color=COLOR_BASE, fontsize=9)
    ax.annotate("", xy=(7.2, 0.55), xytext=(9.3, 0.55), arrowprops={"arrowstyle": "<->", "color": COLOR_CLASIFICADOR})
    ax.text(8.25, 0.62, "CLASIFICADOR", ha="center", va="bottom", color=COLOR_CLASIFICADOR, fontsize=9,
            fontweight="bold")
    ax.text(8.25, 3.1, "se cambia por uno nuevo", ha="center", color=COLOR_CLASIFICADOR, fontsize=9)
    figura.tight_layout()
    return _guardar(figura, carpeta, "transferencia_base_clasificador.png")


def bloques_vgg16(carpeta):
    figura, ax = plt.subplots(figsize=(12.6, 3.9))
    ax.set_xlim(0, 12.6)
    ax.set_ylim(0, 3.9)
    ax.set_axis_off()
    lado = LADO_ENTRADA_VGG16
    x = 0.1
    _caja(ax, x, 1.2, 0.9, 1.5, "#999999", f"entrada\n{lado}×{lado}×3", tamano=8)
    x += 1.1
    for numero, (convoluciones, filtros) in enumerate(BLOQUES_VGG16, start=1):
        ancho = 1.45
        alto = 2.6 * lado / LADO_ENTRADA_VGG16 + 0.6
        _caja(ax, x, 1.95 - alto / 2, ancho, alto, COLOR_BASE,
              f"bloque {numero}\n{convoluciones}× conv 3×3\n{filtros} filtros\n{lado}×{lado}×{filtros}", tamano=8)
        lado //= 2
        ax.text(x + ancho / 2, 1.95 - alto / 2 - 0.25, f"pool → {lado}×{lado}", ha="center", fontsize=8)
        x += ancho + 0.2
    for unidades in DENSAS_VGG16:
        texto = f"densa\n{unidades}" + ("\nsoftmax" if unidades == DENSAS_VGG16[-1] else "")
        _caja(ax, x, 1.2, 0.85, 1.5, COLOR_CLASIFICADOR, texto, tamano=8)
        x += 1.0
    convoluciones = sum(n for n, _ in BLOQUES_VGG16)
    ultimo = BLOQUES_VGG16[-1][1]
    ax.text(1.2 + 5 * 1.65 / 2, 3.65,
            f"base (include_top=False): {convoluciones} convoluciones → {lado}×{lado}×{ultimo}",
            ha="center", color=COLOR_BASE, fontsize=9, fontweight="bold")
    ax.text(x - 1.55, 3.65, "clasificador (include_top=True)", ha="center", color=COLOR_CLASIFICADOR,
            fontsize=9, fontweight="bold")
    figura.tight_layout()
    return _guardar(figura, carpeta, "vgg16_bloques.png")


def estrategias(carpeta):
    figura, ejes = plt.subplots(1, 3, figsize=(12, 3.6))
    casos = (
        ("A. Extracción de características", [COLOR_CONGELADO] * 3, COLOR_ENTRENA,
         "base congelada: se pasa UNA vez\npor las imágenes; solo se entrena\nel clasificador"),
        ("B. Ajuste fino", [COLOR_CONGELADO] * 2 + [COLOR_ENTRENA], COLOR_ENTRENA,
         "se descongela el último bloque;\ntasa de aprendizaje pequeña\n(parte de los pesos ya buenos)"),
        ("C. Desde cero (referencia)", [COLOR_ALEATORIO] * 3, COLOR_ALEATORIO,
         "misma arquitectura con pesos\naleatorios: todo se aprende\ncon las pocas imágenes"),
    )
    for ax, (titulo, colores, color_clasificador, nota) in zip(ejes, casos, strict=True):
        ax.set_xlim(0, 4)
        ax.set_ylim(0, 3.6)
        ax.set_axis_off()
        ax.set_title(titulo, fontsize=10)
        for i, color in enumerate(colores):
            _caja(ax, 0.2 + i * 0.85, 1.5, 0.7, 1.4, color, f"bloque\n{i + 1}", color_texto="black", tamano=8)
        _caja(ax, 2.9, 1.75, 0.8, 0.9, color_clasificador, "clasif.", color_texto="black", tamano=8)
        ax.text(2.0, 0.15, nota, ha="center", va="bottom", fontsize=8.5)
    leyenda = [plt.Rectangle((0, 0), 1, 1, facecolor=c, edgecolor="black") for c in
               (COLOR_CONGELADO, COLOR_ENTRENA, COLOR_ALEATORIO)]
    figura.legend(leyenda, ["preentrenado y congelado", "se entrena", "pesos aleatorios, se entrena"],
                  loc="lower center", ncol=3, fontsize=9, frameon=False)
    figura.tight_layout(rect=(0, 0.08, 1, 1))
    return _guardar(figura, carpeta, "transferencia_estrategias.png")


def generar(carpeta):
    return [base_y_clasificador(carpeta), bloques_vgg16(carpeta), estrategias(carpeta)]
