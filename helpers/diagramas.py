"""Dibujos de rejillas para explicar la convolución: relleno, paso, pooling, campo receptivo y volúmenes.

Los usan los cuadernos ``03_filtros.ipynb``, ``04_padding_stride_pooling.ipynb`` y
``05_capas_convolucionales_keras.ipynb``, los controles de ``helpers.interactivo`` y los diagramas de
``herramientas/figuras/`` (que guardan en ``figures/`` las mismas funciones con valores fijos).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Polygon, Rectangle

from helpers import filtros as _filtros
from helpers.graficos import mostrar_matriz

COLOR_ENTRADA = "#dbe9f6"
COLOR_RELLENO = "#d9d9d9"
COLOR_KERNEL = "#d62728"
COLOR_PASO = "#1f77b4"
COLORES_BLOQUES = ("#fdd49e", "#c7e9c0", "#c6dbef", "#dadaeb")


def _preparar_ejes(ax, alto, ancho):
    ax.set_xlim(-0.6, ancho - 0.4)
    ax.set_ylim(alto - 0.4, -0.6)
    ax.set_aspect("equal")
    ax.set_axis_off()


def _celda(ax, fila, columna, color, texto="", color_texto="black", tamano=8):
    ax.add_patch(Rectangle((columna - 0.5, fila - 0.5), 1, 1, facecolor=color, edgecolor="#555555", lw=0.6))
    if texto != "":
        ax.text(columna, fila, texto, ha="center", va="center", fontsize=tamano, color=color_texto)


def _marco(ax, fila, columna, alto, ancho, color, estilo="-", grosor=2.5):
    ax.add_patch(
        Rectangle((columna - 0.5, fila - 0.5), ancho, alto, fill=False, edgecolor=color, lw=grosor, ls=estilo)
    )


def tamano_con_suelo(n, k, p, s):
    """``⌊(N + 2P − K)/S⌋ + 1`` (lo que hace Keras) o ``None`` si el kernel no cabe."""
    if k > n + 2 * p or s <= 0:
        return None
    return (n + 2 * p - k) // s + 1


def texto_formula(n, k, p, s):
    """La fórmula del tamaño de salida con los números sustituidos, en una línea."""
    if k > n + 2 * p:
        return f"K = {k} > N + 2P = {n + 2 * p}: el kernel no cabe"
    cociente = (n + 2 * p - k) / s
    texto = f"(N + 2P − K)/S + 1 = ({n} + {2 * p} − {k})/{s} + 1 = "
    if cociente == int(cociente):
        return texto + f"{int(cociente) + 1}"
    return texto + f"{cociente + 1:g} → Keras: {tamano_con_suelo(n, k, p, s)}"


def dibujar_relleno(ax, matriz, p, titulo=None, con_numeros=True):
    """Dibuja ``matriz`` con un borde de ``p`` ceros (en gris)."""
    matriz = np.asarray(matriz)
    alto, ancho = matriz.shape[0] + 2 * p, matriz.shape[1] + 2 * p
    for i in range(alto):
        for j in range(ancho):
            dentro = p <= i < alto - p and p <= j < ancho - p
            valor = matriz[i - p, j - p] if dentro else 0
            texto = f"{valor:g}" if con_numeros else ""
            _celda(ax, i, j, COLOR_ENTRADA if dentro else COLOR_RELLENO, texto, "black" if dentro else "#777777")
    _preparar_ejes(ax, alto, ancho)
    if titulo:
        ax.set_title(titulo)


def dibujar_rejilla(ax_entrada, ax_salida, n, k, p=0, s=1):
    """Entrada N×N con P ceros alrededor, el kernel K×K en su primera posición (rojo) y en la siguiente
    (azul, S casillas a la derecha), y la salida con su tamaño."""
    dibujar_relleno(ax_entrada, np.zeros((n, n)), p, con_numeros=False)
    ax_entrada.set_title(f"Entrada {n}×{n} con P = {p}")
    lado = n + 2 * p
    if k <= lado:
        _marco(ax_entrada, 0, 0, k, k, COLOR_KERNEL)
        if s + k <= lado:
            _marco(ax_entrada, 0, s, k, k, COLOR_PASO, estilo="--", grosor=2)
    salida = tamano_con_suelo(n, k, p, s)
    ax_salida.clear()
    if salida is None:
        ax_salida.text(0.5, 0.5, "El kernel\nno cabe", ha="center", va="center", fontsize=12, color=COLOR_KERNEL)
        ax_salida.set_axis_off()
    else:
        for i in range(salida):
            for j in range(salida):
                _celda(ax_salida, i, j, "#fde0dd")
        _celda(ax_salida, 0, 0, "#fb6a4a")
        if salida > 1:
            _celda(ax_salida, 0, 1, "#6baed6")
        _preparar_ejes(ax_salida, max(salida, lado), max(salida, lado))
        ax_salida.set_title(f"Salida {salida}×{salida}")
    ax_entrada.figure.suptitle(f"K = {k}, S = {s}:  " + texto_formula(n, k, p, s), fontsize=10)


def mostrar_tamano(n, k, p=0, s=1):
    """Figura con la rejilla de ``dibujar_rejilla`` (la versión fija de ``interactivo.explorador_tamano``)."""
    figura, (ax_entrada, ax_salida) = plt.subplots(1, 2, figsize=(8, 4))
    dibujar_rejilla(ax_entrada, ax_salida, n, k, p, s)
    figura.tight_layout()
    plt.show()


def dibujar_pooling(ax_entrada, ax_salida, mapa, salida, tamano=2, titulo_salida="Max-pooling 2×2"):
    """Mapa con cada ventana de ``tamano``×``tamano`` en un color y la salida con los mismos colores."""
    mapa = np.asarray(mapa)
    for i in range(mapa.shape[0]):
        for j in range(mapa.shape[1]):
            bloque = (i // tamano) * (mapa.shape[1] // tamano) + j // tamano
            _celda(ax_entrada, i, j, COLORES_BLOQUES[bloque % len(COLORES_BLOQUES)], f"{mapa[i, j]:g}", tamano=10)
    _preparar_ejes(ax_entrada, *mapa.shape)
    ax_entrada.set_title(f"Entrada {mapa.shape[0]}×{mapa.shape[1]}")
    salida = np.asarray(salida)
    for i in range(salida.shape[0]):
        for j in range(salida.shape[1]):
            bloque = i * salida.shape[1] + j
            _celda(ax_salida, i, j, COLORES_BLOQUES[bloque % len(COLORES_BLOQUES)], f"{salida[i, j]:g}", tamano=10)
    _preparar_ejes(ax_salida, *mapa.shape)
    ax_salida.set_title(titulo_salida)


def dibujar_campo_receptivo(ax, capas=3):
    """Tres pisos: una entrada 5×5, una capa 3×3 (kernel 3×3) y una neurona que ve las 5×5 entradas."""
    lados = [5, 3, 1][:capas]
    alturas = [0.0, 6.5, 11.5]
    for nivel, (lado, base) in enumerate(zip(lados, alturas, strict=False)):
        desplazamiento = (5 - lado) / 2
        for i in range(lado):
            for j in range(lado):
                color = ("#c6dbef", "#fdd0a2", "#fb6a4a")[nivel]
                x, y = desplazamiento + j, base + (lado - 1 - i) * 1.0
                ax.add_patch(Rectangle((x, y), 1, 1, facecolor=color, edgecolor="#555555", lw=0.7))
    # Conos: cada neurona de arriba mira una ventana 3×3 del piso de abajo.
    ax.add_patch(Polygon([(0, 5), (5, 5), (4, 6.5), (1, 6.5)], closed=True, facecolor="#fdd0a2", alpha=0.35))
    ax.add_patch(Polygon([(1, 9.5), (4, 9.5), (2.5 + 0.5, 11.5), (2.5 - 0.5, 11.5)], closed=True,
                         facecolor="#fb6a4a", alpha=0.35))
    ax.text(5.6, 2.5, "Entrada: 5×5 píxeles", va="center", fontsize=10)
    ax.text(5.6, 8.0, "Capa 1 (kernel 3×3):\ncada neurona ve 3×3", va="center", fontsize=10)
    ax.text(5.6, 12.0, "Capa 2 (kernel 3×3):\nve 3×3 de la capa 1\n= 5×5 de la entrada", va="center", fontsize=10)
    ax.set_xlim(-0.5, 11.5)
    ax.set_ylim(-0.5, 13.5)
    ax.set_aspect("equal")
    ax.set_axis_off()


def _caja_3d(ax, x, y, ancho, alto, profundidad, color, etiqueta=None, filas=None, columnas=None, z=1):
    """Un prisma en perspectiva caballera: cara frontal ``ancho``×``alto`` y ``profundidad`` hacia atrás.

    ``z``: orden de dibujo (las cajas con ``z`` mayor tapan a las demás, también sus líneas)."""
    dx, dy = 0.5 * profundidad, 0.35 * profundidad
    frente = Rectangle((x, y), ancho, alto, facecolor=color, edgecolor="black", lw=1)
    arriba = Polygon([(x, y + alto), (x + dx, y + alto + dy), (x + ancho + dx, y + alto + dy), (x + ancho, y + alto)],
                     closed=True, facecolor=color, edgecolor="black", lw=1, alpha=0.8)
    lado = Polygon([(x + ancho, y), (x + ancho + dx, y + dy), (x + ancho + dx, y + alto + dy), (x + ancho, y + alto)],
                   closed=True, facecolor=color, edgecolor="black", lw=1, alpha=0.6)
    for figura in (arriba, lado, frente):
        figura.set_zorder(z)
        ax.add_patch(figura)
    if filas:
        for i in range(1, filas):
            ax.plot([x, x + ancho], [y + i * alto / filas] * 2, color="black", lw=0.4, zorder=z + 0.5)
    if columnas:
        for j in range(1, columnas):
            ax.plot([x + j * ancho / columnas] * 2, [y, y + alto], color="black", lw=0.4, zorder=z + 0.5)
    if etiqueta:
        ax.text(x + ancho / 2, y - 0.5, etiqueta, ha="center", va="top", fontsize=9)


def dibujar_volumen(ax):
    """Entrada 5×5×3 (R, G, B), dos filtros 3×3×3 con su sesgo y la salida 3×3×2 (P = 1, S = 2)."""
    for canal, color in enumerate(("#fcbba1", "#c7e9c0", "#c6dbef")[::-1]):
        profundo = 2 - canal
        _caja_3d(ax, 0.5 * profundo, 0.35 * profundo, 5, 5, 0.0, color, filas=5, columnas=5, z=1 + canal)
    ax.text(3.5, -0.5, "Entrada 5×5×3\n(canales R, G, B)", ha="center", va="top", fontsize=9)
    _caja_3d(ax, 8.0, 3.2, 3, 3, 1.6, "#fdae6b", filas=3, columnas=3)
    ax.text(9.9, 2.7, "Filtro W0: 3×3×3\n+ sesgo b0", ha="center", va="top", fontsize=9)
    _caja_3d(ax, 8.0, -1.6, 3, 3, 1.6, "#9e9ac8", filas=3, columnas=3)
    ax.text(9.9, -2.1, "Filtro W1: 3×3×3\n+ sesgo b1", ha="center", va="top", fontsize=9)
    ax.annotate("", xy=(15.2, 1.5), xytext=(12.6, 1.5), arrowprops={"arrowstyle": "->", "lw": 2})
    ax.text(13.9, 1.9, "P = 1\nS = 2", ha="center", va="bottom", fontsize=9)
    _caja_3d(ax, 15.7, -0.2, 3, 3, 0.0, "#9e9ac8", filas=3, columnas=3, z=1)
    _caja_3d(ax, 15.2, 0.1, 3, 3, 0.0, "#fdae6b", filas=3, columnas=3, z=2)
    ax.text(17.0, -0.6, "Salida 3×3×2\n(un canal por filtro)", ha="center", va="top", fontsize=9)
    ax.set_xlim(-0.5, 19.5)
    ax.set_ylim(-3.5, 7.5)
    ax.set_aspect("equal")
    ax.set_axis_off()


def dibujar_filtrada(ax, resultado, kernel, imagen):
    """Dibuja en gris el ``resultado`` de filtrar ``imagen`` con ``kernel``, con una escala que se lea bien.

    Suma 0: escala simétrica (una zona lisa, respuesta 0, queda en gris medio; positivo claro, negativo
    oscuro), saturando el 1 % de respuestas más fuertes para que también se vean los bordes débiles.
    Suma 1: la escala de brillo de la imagen original, para compararlas. Otra suma: de su mínimo a su máximo.
    """
    suma = float(np.sum(kernel))
    if np.isclose(suma, 0):
        limite = float(np.percentile(np.abs(resultado), 99)) or 1.0
        ax.imshow(resultado, cmap="gray", vmin=-limite, vmax=limite)
    elif np.isclose(suma, 1):
        ax.imshow(resultado, cmap="gray", vmin=np.min(imagen), vmax=np.max(imagen))
    else:
        ax.imshow(resultado, cmap="gray")


def mostrar_filtros(imagen, nombres, recorte=None):
    """Para cada kernel del catálogo: su matriz arriba y la imagen filtrada debajo.

    Los kernels de suma 0 se dibujan con escala simétrica (0 en gris medio); los de suma 1, con la escala de
    brillo de la imagen original.

    ``recorte``: ``(fila, columna, lado)`` para ampliar una zona y ver mejor los detalles.
    """
    figura, ejes = plt.subplots(2, len(nombres), figsize=(2.6 * len(nombres), 5.4), squeeze=False)
    for columna, nombre in enumerate(nombres):
        matriz = _filtros.kernel(nombre)
        formato = "{:.2f}" if not np.allclose(matriz, np.round(matriz)) else "{:g}"
        mostrar_matriz(matriz, titulo=nombre, ax=ejes[0, columna], cmap="coolwarm", formato=formato,
                       vmin=-np.abs(matriz).max(), vmax=np.abs(matriz).max())
        resultado = _filtros.filtrar(imagen, matriz)
        if recorte:
            fila, col, lado = recorte
            resultado = resultado[fila : fila + lado, col : col + lado]
        dibujar_filtrada(ejes[1, columna], resultado, matriz, imagen)
        ejes[1, columna].set_axis_off()
    figura.tight_layout()
    plt.show()


def mostrar_mapas(mapas, titulo=None, columnas=8, ancho=1.4, nombres=None):
    """Dibuja los canales de un mapa de características ``(alto, ancho, canales)`` en una rejilla.

    ``nombres``: un título por canal (por ejemplo, el kernel que lo produce); por defecto, su número.
    """
    mapas = np.asarray(mapas)
    if mapas.ndim == 4 and mapas.shape[0] == 1:
        mapas = mapas[0]
    if mapas.ndim != 3:
        raise ValueError(f"Se esperaba (alto, ancho, canales) o (1, alto, ancho, canales); la forma es {mapas.shape}.")
    canales = mapas.shape[2]
    if nombres is not None and len(nombres) != canales:
        raise ValueError(f"Hay {canales} canales y {len(nombres)} nombres: hace falta un nombre por canal.")
    columnas = min(columnas, canales)
    filas = int(np.ceil(canales / columnas))
    figura, ejes = plt.subplots(filas, columnas, figsize=(ancho * columnas, ancho * filas + 0.4), squeeze=False)
    for indice, ax in enumerate(ejes.ravel()):
        ax.set_axis_off()
        if indice < canales:
            ax.imshow(mapas[:, :, indice], cmap="viridis")
            ax.set_title(str(indice) if nombres is None else str(nombres[indice]), fontsize=7)
    if titulo:
        figura.suptitle(titulo)
    figura.tight_layout()
    plt.show()
