"""Cómo mirar una red ya entrenada: curvas, matriz de confusión, errores, filtros y mapas de características.

Se enseñan en ``06_mnist.ipynb`` y se reutilizan en ``07_fashion_mnist.ipynb`` y ``08_cifar10.ipynb``.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from helpers.entrenamiento import etiquetas_enteras as _etiquetas


def mostrar_ejemplos_por_clase(imagenes, etiquetas, nombres, por_clase=8, cmap="gray"):
    """Rejilla con ``por_clase`` imágenes de cada clase: una fila por clase, con su nombre a la izquierda."""
    etiquetas = _etiquetas(etiquetas)
    figura, ejes = plt.subplots(len(nombres), por_clase, figsize=(0.9 * por_clase + 1.2, 0.9 * len(nombres)),
                                squeeze=False)
    for clase, nombre in enumerate(nombres):
        indices = np.flatnonzero(etiquetas == clase)[:por_clase]
        for columna, ax in enumerate(ejes[clase]):
            if columna < len(indices):
                ax.imshow(imagenes[indices[columna]].squeeze(), cmap=cmap)
            ax.set_xticks([])
            ax.set_yticks([])
            for borde in ax.spines.values():
                borde.set_visible(False)
        ejes[clase, 0].set_ylabel(nombre, rotation=0, ha="right", va="center", fontsize=9)
    figura.tight_layout()
    plt.show()


def medias_por_clase(imagenes, etiquetas, clases=10):
    """La imagen media de cada clase, con valores en [0, 1]: forma ``(clases, alto, ancho[, canales])``.

    Se enseña en ``06_mnist.ipynb``; ``07_fashion_mnist.ipynb`` mide con ella qué clases se parecen y
    ``08_cifar10.ipynb`` la usa para mostrar que en CIFAR-10 la media apenas deja ver el fondo.

    ``imagenes`` son enteros de 0 a 255 (como las da el cargador). Una clase sin imágenes es un error.
    """
    imagenes, etiquetas = np.asarray(imagenes), _etiquetas(etiquetas)
    if len(imagenes) != len(etiquetas):
        raise ValueError(f"Hay {len(imagenes)} imágenes y {len(etiquetas)} etiquetas: deben ser las mismas.")
    vacias = [clase for clase in range(clases) if not np.any(etiquetas == clase)]
    if vacias:
        raise ValueError(f"No hay imágenes de las clases {vacias}: no se puede calcular su media.")
    return np.stack([imagenes[etiquetas == clase].mean(axis=0) for clase in range(clases)]) / 255


def mostrar_medias_por_clase(imagenes, etiquetas, nombres, cmap="gray"):
    """Una fila con la imagen media de cada clase y su nombre encima (06, 07, 08)."""
    medias = medias_por_clase(imagenes, etiquetas, len(nombres))
    figura, ejes = plt.subplots(1, len(nombres), figsize=(1.3 * len(nombres), 1.8), squeeze=False)
    for ax, media, nombre in zip(ejes[0], medias, nombres, strict=True):
        ax.imshow(media.squeeze(), cmap=cmap, vmin=0, vmax=1)
        ax.set_title(nombre, fontsize=9)
        ax.set_axis_off()
    plt.show()


def mostrar_curvas(historial, titulo=None):
    """Pérdida y exactitud por época, en entrenamiento y en validación (``Resultado.historial``)."""
    figura, (ax_perdida, ax_exactitud) = plt.subplots(1, 2, figsize=(10, 3.4))
    epocas = np.arange(1, len(historial["loss"]) + 1)
    for clave, ax in (("loss", ax_perdida), ("accuracy", ax_exactitud)):
        ax.plot(epocas, historial[clave], "o-", label="entrenamiento")
        if f"val_{clave}" in historial:
            ax.plot(epocas, historial[f"val_{clave}"], "s--", label="validación")
        ax.set_xlabel("época")
        ax.set_xticks(epocas)
        ax.legend()
    ax_perdida.set_ylabel("pérdida")
    ax_exactitud.set_ylabel("exactitud")
    if titulo:
        figura.suptitle(titulo)
    figura.tight_layout()
    plt.show()


def matriz_confusion(y_verdadera, y_predicha, clases=10):
    """Cuenta, para cada clase verdadera (fila) y predicha (columna), cuántas imágenes hay."""
    y_verdadera, y_predicha = _etiquetas(y_verdadera), _etiquetas(y_predicha)
    if y_verdadera.shape != y_predicha.shape:
        raise ValueError(f"Hay {len(y_verdadera)} etiquetas verdaderas y {len(y_predicha)} predichas.")
    matriz = np.zeros((clases, clases), dtype=int)
    np.add.at(matriz, (y_verdadera, y_predicha), 1)
    return matriz


def mostrar_matriz_confusion(matriz, nombres, titulo="Matriz de confusión (test)"):
    """Dibuja la matriz de confusión con el número de imágenes en cada casilla."""
    matriz = np.asarray(matriz)
    figura, ax = plt.subplots(figsize=(0.62 * len(nombres) + 2, 0.55 * len(nombres) + 1.5))
    ax.imshow(np.log1p(matriz), cmap="Blues")
    limite = np.log1p(matriz).max() / 2
    for (i, j), valor in np.ndenumerate(matriz):
        if valor:
            ax.text(j, i, str(valor), ha="center", va="center", fontsize=7,
                    color="white" if np.log1p(valor) > limite else "black")
    ax.set_xticks(range(len(nombres)), nombres, rotation=45, ha="right")
    ax.set_yticks(range(len(nombres)), nombres)
    ax.set_xlabel("clase predicha")
    ax.set_ylabel("clase verdadera")
    ax.set_title(titulo)
    figura.tight_layout()
    plt.show()


def confusiones_frecuentes(matriz, nombres, cuantas=5):
    """Las parejas (verdadera, predicha) distintas que más se confunden, de mayor a menor."""
    matriz = np.asarray(matriz).copy()
    np.fill_diagonal(matriz, 0)
    orden = np.argsort(matriz, axis=None, kind="stable")[::-1][:cuantas]
    return [(nombres[i], nombres[j], int(matriz[i, j])) for i, j in zip(*np.unravel_index(orden, matriz.shape),
                                                                         strict=True)]


def mostrar_errores(imagenes, y_verdadera, probabilidades, nombres, cuantos=12, cmap="gray"):
    """Las imágenes mal clasificadas con más confianza: verdadera, predicha y su probabilidad."""
    y_verdadera = _etiquetas(y_verdadera)
    predicha = probabilidades.argmax(axis=1)
    errores = np.flatnonzero(predicha != y_verdadera)
    errores = errores[np.argsort(-probabilidades[errores, predicha[errores]], kind="stable")][:cuantos]
    if len(errores) == 0:
        print("No hay ninguna imagen mal clasificada.")
        return
    figura, ejes = plt.subplots(1, len(errores), figsize=(1.45 * len(errores), 2.1), squeeze=False)
    for ax, i in zip(ejes[0], errores, strict=True):
        ax.imshow(imagenes[i].squeeze(), cmap=cmap)
        ax.set_title(f"real: {nombres[y_verdadera[i]]}\nred: {nombres[predicha[i]]}\n"
                     f"({probabilidades[i, predicha[i]]:.0%})", fontsize=8)
        ax.set_axis_off()
    figura.tight_layout()
    plt.show()


def mostrar_probabilidades(imagen, probabilidades, nombres, titulo=None, cmap="gray"):
    """Una imagen al lado de las probabilidades que la red da a cada clase."""
    figura, (ax_imagen, ax_barras) = plt.subplots(1, 2, figsize=(8, 2.8), gridspec_kw={"width_ratios": [1, 2.2]})
    ax_imagen.imshow(np.asarray(imagen).squeeze(), cmap=cmap)
    ax_imagen.set_axis_off()
    if titulo:
        ax_imagen.set_title(titulo)
    colores = ["tab:orange" if k == np.argmax(probabilidades) else "tab:blue" for k in range(len(nombres))]
    ax_barras.bar(range(len(nombres)), probabilidades, color=colores)
    ax_barras.set_xticks(range(len(nombres)), nombres, rotation=45, ha="right")
    ax_barras.set_ylim(0, 1)
    ax_barras.set_ylabel("probabilidad")
    figura.tight_layout()
    plt.show()


def mostrar_filtros(capa, columnas=8, canal=0):
    """Los filtros aprendidos de una capa ``Conv2D`` (canal de entrada ``canal``), cada uno en su escala."""
    if not isinstance(capa, keras.layers.Conv2D):
        raise TypeError(f"Se esperaba una capa Conv2D; es {type(capa).__name__}.")
    kernel = capa.get_weights()[0]  # (alto, ancho, canales_entrada, filtros)
    filtros = kernel.shape[-1]
    filas = int(np.ceil(filtros / columnas))
    figura, ejes = plt.subplots(filas, columnas, figsize=(1.0 * columnas, 1.0 * filas), squeeze=False)
    for k, ax in enumerate(ejes.flat):
        if k < filtros:
            ax.imshow(kernel[:, :, canal, k], cmap="gray")
        ax.set_axis_off()
    figura.suptitle(f"Filtros de «{capa.name}»: {filtros} de {kernel.shape[0]}×{kernel.shape[1]}")
    figura.tight_layout()
    plt.show()


def mapas_caracteristicas(modelo, imagen, capas):
    """Salidas de las ``capas`` (nombres) de ``modelo`` para una imagen: un diccionario nombre → array
    de forma ``(alto, ancho, canales)``."""
    nombres = [capa.name for capa in modelo.layers]
    faltan = [nombre for nombre in capas if nombre not in nombres]
    if faltan:
        raise ValueError(f"El modelo no tiene las capas {faltan}; tiene {nombres}.")
    extractor = keras.Model(modelo.inputs, [modelo.get_layer(nombre).output for nombre in capas])
    salidas = extractor.predict(np.asarray(imagen)[np.newaxis], verbose=0)
    if len(capas) == 1:
        salidas = [salidas]
    return {nombre: salida[0] for nombre, salida in zip(capas, salidas, strict=True)}


def mostrar_mapas(mapas, por_capa=8):
    """Los primeros ``por_capa`` canales de cada mapa de características: una fila por capa."""
    figura, ejes = plt.subplots(len(mapas), por_capa, figsize=(1.2 * por_capa, 1.35 * len(mapas)), squeeze=False)
    for fila, (nombre, mapa) in enumerate(mapas.items()):
        for k in range(por_capa):
            ejes[fila, k].imshow(mapa[:, :, k], cmap="viridis")
            ejes[fila, k].set_axis_off()
        ejes[fila, 0].set_title(f"{nombre} {mapa.shape[0]}×{mapa.shape[1]}×{mapa.shape[2]}", loc="left", fontsize=9)
    figura.tight_layout()
    plt.show()
