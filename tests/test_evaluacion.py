"""Pruebas de helpers.evaluacion: cálculos frente a bucles sencillos y figuras sin errores."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import entorno  # noqa: E402

entorno.silenciar_tensorflow()

from helpers import entrenamiento, evaluacion  # noqa: E402

NOMBRES = ["a", "b", "c"]


def test_matriz_confusion_igual_que_bucle():
    generador = np.random.default_rng(0)
    verdadera, predicha = generador.integers(0, 3, 200), generador.integers(0, 3, 200)
    esperada = np.zeros((3, 3), dtype=int)
    for v, p in zip(verdadera, predicha, strict=True):
        esperada[v, p] += 1
    np.testing.assert_array_equal(evaluacion.matriz_confusion(verdadera, predicha, clases=3), esperada)
    np.testing.assert_array_equal(evaluacion.matriz_confusion(np.eye(3)[verdadera], predicha, clases=3), esperada)
    with pytest.raises(ValueError, match="etiquetas"):
        evaluacion.matriz_confusion(verdadera, predicha[:10], clases=3)


def test_confusiones_frecuentes():
    matriz = np.array([[50, 3, 0], [7, 40, 1], [0, 2, 60]])
    assert evaluacion.confusiones_frecuentes(matriz, NOMBRES, cuantas=2) == [("b", "a", 7), ("a", "b", 3)]


def test_mapas_caracteristicas_y_figuras():
    modelo = entrenamiento.red_mnist(anchos=(4, 8), clases=3)
    imagenes = np.random.default_rng(1).random((6, 28, 28, 1)).astype("float32")
    mapas = evaluacion.mapas_caracteristicas(modelo, imagenes[0], ["relu1", "relu2"])
    assert mapas["relu1"].shape == (28, 28, 4) and mapas["relu2"].shape == (14, 14, 8)
    with pytest.raises(ValueError, match="no tiene"):
        evaluacion.mapas_caracteristicas(modelo, imagenes[0], ["no_existe"])
    probabilidades = modelo.predict(imagenes, verbose=0)
    etiquetas = np.array([0, 1, 2, 0, 1, 2])
    evaluacion.mostrar_mapas(mapas, por_capa=4)
    evaluacion.mostrar_filtros(modelo.get_layer("conv1"))
    evaluacion.mostrar_errores(imagenes, etiquetas, probabilidades, NOMBRES, cuantos=3)
    evaluacion.mostrar_probabilidades(imagenes[0], probabilidades[0], NOMBRES)
    evaluacion.mostrar_ejemplos_por_clase(imagenes, etiquetas, NOMBRES, por_clase=2)
    evaluacion.mostrar_ejemplos_por_clase(imagenes[:3], np.arange(3), NOMBRES, por_clase=1)
    evaluacion.mostrar_matriz_confusion(evaluacion.matriz_confusion(etiquetas, probabilidades.argmax(1), 3),
                                        NOMBRES)
    evaluacion.mostrar_curvas({"loss": [1.0, 0.5], "accuracy": [0.5, 0.8], "val_loss": [1.1, 0.6],
                               "val_accuracy": [0.4, 0.7]})
    with pytest.raises(TypeError, match="Conv2D"):
        evaluacion.mostrar_filtros(modelo.get_layer("probabilidades"))


def test_medias_por_clase_como_suma_por_grupos():
    rng = np.random.default_rng(5)
    imagenes = rng.integers(0, 256, size=(40, 4, 3, 3), dtype=np.uint8)
    etiquetas = np.arange(40) % 4
    medias = evaluacion.medias_por_clase(imagenes, etiquetas, clases=4)
    sumas = np.zeros((4, 4, 3, 3))
    np.add.at(sumas, etiquetas, imagenes.astype(float))
    np.testing.assert_allclose(medias, sumas / np.bincount(etiquetas)[:, None, None, None] / 255)
    evaluacion.mostrar_medias_por_clase(imagenes, etiquetas, ["a", "b", "c", "d"])
    evaluacion.mostrar_medias_por_clase(imagenes, np.zeros(40, dtype=int), ["una sola clase"])
    with pytest.raises(ValueError, match=r"clases \[4\]"):
        evaluacion.medias_por_clase(imagenes, etiquetas, clases=5)
    with pytest.raises(ValueError, match="etiquetas"):
        evaluacion.medias_por_clase(imagenes[:3], etiquetas)
