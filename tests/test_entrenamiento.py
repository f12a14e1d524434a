"""Pruebas de helpers.entrenamiento frente a implementaciones independientes."""

import math

import numpy as np
import pytest

from helpers import entorno

entorno.silenciar_tensorflow()

import keras  # noqa: E402

from helpers import entrenamiento  # noqa: E402


def test_normalizar():
    imagenes = np.array([[[0, 51], [255, 128]]], dtype=np.uint8)
    resultado = entrenamiento.normalizar(imagenes)
    assert resultado.dtype == np.float32
    np.testing.assert_allclose(resultado, [[[0.0, 0.2], [1.0, 128 / 255]]], rtol=1e-6)


def test_normalizar_rechaza_lo_que_no_es_uint8():
    with pytest.raises(TypeError, match="uint8"):
        entrenamiento.normalizar(np.zeros((2, 2), dtype=np.float32))
    with pytest.raises(TypeError, match="NumPy"):
        entrenamiento.normalizar([[1, 2]])


def test_anadir_canal():
    assert entrenamiento.anadir_canal(np.zeros((5, 28, 28))).shape == (5, 28, 28, 1)
    with pytest.raises(ValueError, match="forma"):
        entrenamiento.anadir_canal(np.zeros((28, 28)))


def test_one_hot_igual_que_keras():
    etiquetas = np.array([2, 8, 0, 6, 9, 1], dtype=np.uint8)
    np.testing.assert_array_equal(entrenamiento.one_hot(etiquetas), keras.utils.to_categorical(etiquetas, 10))


def test_one_hot_errores():
    with pytest.raises(ValueError, match="entre 0 y 9"):
        entrenamiento.one_hot(np.array([10]))
    with pytest.raises(TypeError, match="enteros"):
        entrenamiento.one_hot(np.array([0.5]))


def _parametros_conv(k, entrada, filtros):
    return k * k * entrada * filtros  # sin sesgo


def test_red_mnist_parametros():
    modelo = entrenamiento.red_mnist(anchos=(32, 64, 128))
    convoluciones = _parametros_conv(3, 1, 32) + _parametros_conv(3, 32, 64) + _parametros_conv(3, 64, 128)
    normalizacion = 4 * (32 + 64 + 128)
    densa = 7 * 7 * 128 * 10 + 10
    assert modelo.count_params() == convoluciones + normalizacion + densa
    assert modelo.output_shape == (None, 10)
    with pytest.raises(ValueError, match="anchura"):
        entrenamiento.red_mnist(anchos=())


def test_red_mnist_kernel_5_y_sin_normalizacion():
    modelo = entrenamiento.red_mnist(anchos=(8,), tamano_kernel=5, abandono=0.0)
    assert modelo.get_layer("conv1").count_params() == 5 * 5 * 1 * 8
    clasica = entrenamiento.red_mnist(anchos=(8,), normalizacion=False)
    assert clasica.get_layer("conv1").count_params() == 3 * 3 * 1 * 8 + 8
    assert not any(isinstance(capa, keras.layers.BatchNormalization) for capa in clasica.layers)


def test_filtros_blanqueo_decorrelan():
    generador = np.random.default_rng(0)
    # Imágenes con píxeles vecinos muy correlacionados: ruido suavizado.
    ruido = generador.normal(size=(200, 17, 17, 3))
    imagenes = (ruido[:, 1:, 1:] + ruido[:, :-1, :-1] + ruido[:, 1:, :-1]).astype("float32")
    kernel = entrenamiento.filtros_blanqueo(imagenes, tamano=2, epsilon=1e-8)
    assert kernel.shape == (2, 2, 3, 24)
    ventanas = np.lib.stride_tricks.sliding_window_view(imagenes, (2, 2), axis=(1, 2))  # (n, 15, 15, 3, 2, 2)
    parches = ventanas.transpose(0, 1, 2, 4, 5, 3).reshape(-1, 12)
    filtros = kernel[..., :12].reshape(12, 12)
    salida = (parches - parches.mean(axis=0)) @ filtros
    np.testing.assert_allclose(np.cov(salida, rowvar=False), np.eye(12), atol=0.05)
    np.testing.assert_allclose(kernel[..., 12:], -kernel[..., :12])


def test_filtros_blanqueo_igual_que_convolucion_de_keras():
    imagenes = np.random.default_rng(1).normal(size=(50, 8, 8, 3)).astype("float32")
    kernel = entrenamiento.filtros_blanqueo(imagenes)
    capa = keras.layers.Conv2D(filters=24, kernel_size=2, use_bias=False)
    salida = np.asarray(capa(imagenes[:1]))
    capa.set_weights([kernel])
    salida = np.asarray(capa(imagenes[:1]))
    parche = imagenes[0, 3:5, 4:6, :].reshape(-1)
    np.testing.assert_allclose(salida[0, 3, 4], parche @ kernel.reshape(12, 24), rtol=1e-4, atol=1e-4)


def test_filtros_blanqueo_forma_incorrecta():
    with pytest.raises(ValueError, match="lote"):
        entrenamiento.filtros_blanqueo(np.zeros((8, 8, 3)))


def test_red_cifar10():
    imagenes = np.random.default_rng(2).integers(0, 256, size=(64, 32, 32, 3), dtype=np.uint8)
    modelo = entrenamiento.red_cifar10(imagenes, anchos=(8, 16, 16))
    assert modelo.output_shape == (None, 10)
    assert not modelo.get_layer("blanqueo").trainable
    assert modelo.get_layer("b3_conv2").output.shape[1:] == (3, 3, 16)
    with pytest.raises(ValueError, match="color"):
        entrenamiento.red_cifar10(np.zeros((4, 28, 28), dtype=np.uint8))


def test_programa_coseno():
    programa = entrenamiento.programa_coseno(pasos_totales=100, pico=0.5, fraccion_calentamiento=0.2)

    def esperado(paso):
        if paso < 20:
            return 0.5 * paso / 20
        return 0.25 * (1 + math.cos(math.pi * (paso - 20) / 80))

    for paso in (0, 10, 20, 50, 99, 100):
        assert float(programa(paso)) == pytest.approx(esperado(paso), abs=1e-6)
    with pytest.raises(ValueError, match="pasos_totales"):
        entrenamiento.programa_coseno(0)
    with pytest.raises(ValueError, match="fraccion"):
        entrenamiento.programa_coseno(10, fraccion_calentamiento=1.5)


def test_coseno_con_reinicios():
    # Ciclos de 1 y 2 épocas de 10 pasos, pico 0,4 y 3 pasos de calentamiento, contra la fórmula escrita aparte.
    programa = entrenamiento.programa_reinicios((1, 2), pasos_por_epoca=10, pico=0.4, fraccion_calentamiento=0.3)

    def esperado(paso):
        inicio, largo = (0, 10) if paso < 10 else (10, 20)
        coseno = 0.2 * (1 + math.cos(math.pi * (paso - inicio) / largo)) if paso < 30 else 0.0
        return coseno * min(1.0, (paso + 1) / 3)

    for paso in (0, 1, 2, 5, 9, 10, 11, 20, 29, 30):
        assert float(programa(paso)) == pytest.approx(esperado(paso), abs=1e-6)
    assert float(programa(10)) == pytest.approx(0.4)  # el reinicio vuelve al pico
    assert programa.get_config() == {"limites": [10, 30], "pico": 0.4, "pasos_calentamiento": 3}
    with pytest.raises(ValueError, match="ciclos"):
        entrenamiento.programa_reinicios((), pasos_por_epoca=10)
    with pytest.raises(ValueError, match="creciente"):
        entrenamiento.CosenoConReinicios([10, 5], pico=0.1)


def test_receta_con_ciclos():
    receta = entrenamiento.Receta(epocas=3, tamano_lote=10, pico=0.1, ciclos=(1, 2))
    assert receta.programa(100).limites == [10, 30]
    assert receta.programa(100, epocas=1).limites == [10]  # modo rápido: el primer ciclo
    assert receta.programa(100, epocas=2).limites == [10, 20]  # el segundo ciclo, recortado
    assert receta.programa(100, epocas=5).limites == [10, 50]  # el último ciclo, alargado
    with pytest.raises(ValueError, match="sumar"):
        entrenamiento.Receta(epocas=4, tamano_lote=10, pico=0.1, ciclos=(1, 2))


def test_optimizador_coseno_tipos():
    assert isinstance(entrenamiento.optimizador_coseno(10), keras.optimizers.Adam)
    sgd = entrenamiento.optimizador_coseno(10, tipo="sgd", decaimiento_pesos=5e-4)
    assert isinstance(sgd, keras.optimizers.SGD) and sgd.nesterov
    with pytest.raises(ValueError, match="adam"):
        entrenamiento.optimizador_coseno(10, tipo="rmsprop")


def _datos_faciles(n=256):
    generador = np.random.default_rng(3)
    y = generador.integers(0, 2, n)
    # Con un ruido de 0,1 las medias móviles de la normalización por lotes no seguían a los pesos en 16 pasos,
    # y con algunas semillas la red predecía una sola clase al evaluar; con 0,5 acierta con todas las probadas.
    x = generador.normal(size=(n, 28, 28, 1)).astype("float32") * 0.5
    x[y == 1, :14] += 1.0  # la clase 1 tiene la mitad de arriba clara
    return x, y


def test_desplazar_como_random_translation():
    # La traslación de test debe rellenar el borde igual que la de entrenamiento (RandomTranslation).
    imagenes = np.random.default_rng(4).normal(size=(2, 8, 8, 3)).astype("float32")
    for filas, columnas in [(1, 1), (-1, -1), (2, -1)]:
        capa = keras.layers.RandomTranslation(height_factor=(filas / 8, filas / 8),
                                              width_factor=(columnas / 8, columnas / 8),
                                              fill_mode="reflect", interpolation="nearest")
        np.testing.assert_allclose(entrenamiento.desplazar(imagenes, filas, columnas),
                                   np.asarray(capa(imagenes, training=True)), atol=1e-6)


def test_carpeta_copias_respeta_la_variable(monkeypatch, tmp_path):
    monkeypatch.setenv(entrenamiento.VARIABLE_COPIAS, str(tmp_path / "drive"))
    assert entrenamiento.carpeta_copias("06_mnist_cnn") == tmp_path / "drive" / "06_mnist_cnn"
    monkeypatch.delenv(entrenamiento.VARIABLE_COPIAS)
    assert entrenamiento.carpeta_copias("06_mnist_cnn").name == "06_mnist_cnn"
    assert entrenamiento.carpeta_copias("06_mnist_cnn").parent.name in {"copias", "curso_cnn_copias"}


def test_entrenar_evaluar_y_copias(capsys):
    keras.utils.set_random_seed(0)
    x, y = _datos_faciles()
    modelo = entrenamiento.red_mnist(anchos=(4, 8), clases=2)
    resultado = entrenamiento.entrenar(modelo, x, y, epocas=2, tamano_lote=32, validacion=(x, y),
                                       suavizado=0.1, nombre_copia="prueba_unitaria", verbose=0)
    assert resultado.epocas == 2 and resultado.segundos > 0 and resultado.segundos_cpu > 0
    entrenamiento.informar_tiempo(resultado)
    assert capsys.readouterr().out.startswith("Segundos de entrenamiento: ")
    assert set(resultado.historial) >= {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert not entrenamiento.carpeta_copias("prueba_unitaria").exists()
    valor = entrenamiento.evaluar(modelo, x, y, volteo=True)
    assert capsys.readouterr().out == f"Exactitud en test: {valor:.4f}\n"
    assert valor > 0.9
    probabilidades = entrenamiento.predecir(modelo, x, volteo=True)
    assert entrenamiento.informar_exactitud(y, probabilidades) == valor
    assert capsys.readouterr().out == f"Exactitud en test: {valor:.4f}\n"


def test_entrenar_errores():
    x, y = _datos_faciles(10)
    modelo = entrenamiento.red_mnist(anchos=(4,), clases=2)
    with pytest.raises(ValueError, match="épocas|epocas"):
        entrenamiento.entrenar(modelo, x, y, epocas=0)
    with pytest.raises(ValueError, match="etiquetas"):
        entrenamiento.entrenar(modelo, x, y[:5], epocas=1)


def test_exactitud():
    probabilidades = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])
    assert entrenamiento.exactitud([0, 1, 1], probabilidades) == pytest.approx(2 / 3)
    assert entrenamiento.exactitud(np.eye(2)[[0, 1, 0]], probabilidades) == 1.0
    assert entrenamiento.exactitud(np.array([[0], [1], [0]]), probabilidades) == 1.0  # forma (n, 1)
    with pytest.raises(ValueError, match="predicciones"):
        entrenamiento.exactitud([0, 1], probabilidades)


def test_desplazar_como_scipy():
    from scipy import ndimage

    imagenes = np.random.default_rng(3).normal(size=(2, 6, 5, 3))
    for filas, columnas in [(1, 1), (-1, -1), (2, -1), (0, 0)]:
        # El "reflect" de SciPy repite el píxel del borde (d c b a | a b c d), como el de Keras.
        esperado = ndimage.shift(imagenes, (0, filas, columnas, 0), order=0, mode="reflect")
        np.testing.assert_allclose(entrenamiento.desplazar(imagenes, filas, columnas), esperado)
    with pytest.raises(ValueError, match="demasiado grande"):
        entrenamiento.desplazar(imagenes, 5, 0)
    with pytest.raises(ValueError, match="lote"):
        entrenamiento.desplazar(imagenes[0], 1, 1)


class _ModeloBrillo:
    """Modelo falso: la «probabilidad» de la clase 0 es el valor del píxel de arriba a la izquierda."""

    def predict(self, imagenes, batch_size=None, verbose=0):
        esquina = imagenes[:, 0, 0, 0]
        return np.stack([esquina, 1 - esquina], axis=1)


def test_predecir_con_aumento_en_test():
    imagenes = np.random.default_rng(4).uniform(size=(3, 4, 4, 1))
    modelo = _ModeloBrillo()
    original = modelo.predict(imagenes)
    espejo = modelo.predict(imagenes[:, :, ::-1])
    np.testing.assert_allclose(entrenamiento.predecir(modelo, imagenes), original)
    np.testing.assert_allclose(entrenamiento.predecir(modelo, imagenes, volteo=True), (original + espejo) / 2)
    con_volteo = [
        (modelo.predict(v) + modelo.predict(v[:, :, ::-1])) / 2
        for v in (imagenes, entrenamiento.desplazar(imagenes, -1, -1), entrenamiento.desplazar(imagenes, 1, 1))
    ]
    esperado = con_volteo[0] / 2 + (con_volteo[1] + con_volteo[2]) / 4
    np.testing.assert_allclose(entrenamiento.predecir(modelo, imagenes, volteo=True, traslacion=True), esperado)


def test_recetas():
    receta = entrenamiento.RECETA_CIFAR10
    optimizador = receta.optimizador(n_imagenes=1000)
    assert isinstance(optimizador, keras.optimizers.SGD) and optimizador.nesterov
    pasos = receta.epocas * int(np.ceil(1000 / receta.tamano_lote))

    def tasa(paso):  # la tasa de aprendizaje que usaría el optimizador en ese paso
        optimizador.iterations.assign(paso)
        return float(optimizador.learning_rate)

    assert tasa(pasos) == pytest.approx(0.0, abs=1e-9)  # el coseno termina en 0
    maximo = max(tasa(t) for t in range(pasos))
    assert maximo == pytest.approx(receta.pico, rel=0.05)
    mnist = entrenamiento.RECETA_MNIST.optimizador(100)
    assert isinstance(mnist, keras.optimizers.Adam)
    mnist.iterations.assign(1)  # 100 imágenes en lotes de 128: un paso por época; el segundo reinicia el coseno
    assert float(mnist.learning_rate) == pytest.approx(entrenamiento.RECETA_MNIST.pico)
    x, y = _datos_faciles(64)
    modelo = entrenamiento.red_mnist(anchos=(4,), clases=2)
    resultado = entrenamiento.RECETA_MNIST.entrenar(modelo, x, y, epocas=1, verbose=0)
    assert resultado.epocas == 1


def test_etiquetas_enteras():
    esperado = np.array([2, 0, 1])
    np.testing.assert_array_equal(entrenamiento.etiquetas_enteras(np.eye(3)[esperado]), esperado)
    np.testing.assert_array_equal(entrenamiento.etiquetas_enteras(esperado.reshape(-1, 1)), esperado)
    np.testing.assert_array_equal(entrenamiento.etiquetas_enteras(esperado), esperado)



def test_progreso_en_espanol(capsys):
    x, y = _datos_faciles(64)
    modelo = entrenamiento.red_mnist(anchos=(4,), clases=2)
    entrenamiento.entrenar(modelo, x, y, epocas=2, tamano_lote=32, validacion=(x, y), verbose=1)
    salida = capsys.readouterr().out
    assert "Época 1/2" in salida and "Época 2/2" in salida and "2/2 lotes" in salida
    assert "pérdida" in salida and "exactitud val." in salida
    assert "Epoch" not in salida and "accuracy" not in salida
    entrenamiento.entrenar(modelo, x, y, epocas=1, tamano_lote=32, verbose=0)
    assert capsys.readouterr().out == ""
