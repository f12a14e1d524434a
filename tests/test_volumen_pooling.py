"""Pruebas de ``helpers.volumen``, ``helpers.pooling``, ``helpers.parametros`` y ``helpers.filtros``.

Se comparan con implementaciones independientes: ``tf.nn.conv2d``, las capas de Keras (``Conv2D``,
``MaxPooling2D``, ``AveragePooling2D``, ``compute_output_shape``, ``count_params``) y SciPy.
"""

import numpy as np
import pytest
from scipy import signal

from helpers import convolucion, filtros, parametros, pooling, volumen

tf = pytest.importorskip("tensorflow")
keras = pytest.importorskip("keras")

# El ejemplo de 3 canales de las semillas (cuaderno 04): entrada 5×5×3, dos filtros 3×3×3, P = 1, S = 2.
ENTRADA_3_CANALES = np.stack(
    [
        [[0, 0, 1, 0, 2], [1, 0, 2, 0, 1], [1, 0, 2, 2, 0], [2, 0, 0, 2, 0], [2, 1, 2, 2, 0]],
        [[2, 1, 2, 1, 1], [2, 1, 2, 0, 1], [0, 2, 1, 0, 1], [1, 2, 2, 2, 2], [0, 1, 2, 0, 1]],
        [[2, 1, 1, 2, 0], [1, 0, 0, 1, 0], [0, 1, 0, 0, 0], [1, 0, 2, 1, 0], [2, 2, 1, 1, 1]],
    ],
    axis=-1,
)
W0 = np.stack(
    [[[-1, 0, 1], [0, 0, 1], [1, -1, 1]], [[-1, 0, 1], [1, -1, 1], [0, 1, 0]], [[-1, 1, 1], [1, 1, 0], [0, -1, 0]]],
    axis=-1,
)
W1 = np.stack(
    [[[0, 1, -1], [0, -1, 0], [0, -1, 1]], [[-1, 0, 0], [1, -1, 0], [1, -1, 0]], [[-1, 1, -1], [0, -1, -1], [1, 0, 0]]],
    axis=-1,
)


def _tf_volumen(entrada, filtros_, sesgos, relleno, paso):
    rellena = np.pad(np.asarray(entrada, dtype=np.float64), ((relleno, relleno), (relleno, relleno), (0, 0)))
    salida = tf.nn.conv2d(rellena[None], np.asarray(filtros_, dtype=np.float64), strides=paso, padding="VALID")
    return salida.numpy()[0] + np.asarray(sesgos, dtype=np.float64)


# --- convolucion_volumen ------------------------------------------------------------------------------------


def test_ejemplo_de_tres_canales_de_las_semillas():
    salida = volumen.convolucion_volumen(ENTRADA_3_CANALES, np.stack([W0, W1], axis=-1), [1, 0], relleno=1, paso=2)
    assert salida.shape == (3, 3, 2)
    np.testing.assert_array_equal(salida[:, :, 0], [[2, 3, 3], [3, 7, 3], [8, 10, -3]])
    np.testing.assert_array_equal(salida[:, :, 1], [[-8, -8, -3], [-3, 1, 0], [-3, -8, -5]])
    assert np.issubdtype(salida.dtype, np.integer)


@pytest.mark.parametrize(
    ("forma", "k", "canales", "numero", "relleno", "paso"),
    [((5, 5), 3, 3, 2, 1, 2), ((8, 6), 3, 1, 4, 0, 1), ((9, 9), 5, 2, 3, 2, 2), ((7, 10), 2, 4, 1, 0, 1),
     ((6, 6), 1, 3, 5, 0, 1), ((4, 4), 4, 2, 2, 0, 1)],
)
def test_igual_que_tf_nn_conv2d(forma, k, canales, numero, relleno, paso):
    generador = np.random.default_rng(3)
    entrada = generador.normal(size=(*forma, canales))
    pesos = generador.normal(size=(k, k, canales, numero))
    sesgos = generador.normal(size=numero)
    esperado = _tf_volumen(entrada, pesos, sesgos, relleno, paso)
    obtenido = volumen.convolucion_volumen(entrada, pesos, sesgos, relleno=relleno, paso=paso)
    np.testing.assert_allclose(obtenido, esperado, atol=1e-10)


def test_igual_que_una_capa_conv2d_de_keras():
    generador = np.random.default_rng(5)
    entrada = generador.normal(size=(1, 9, 9, 3)).astype("float32")
    capa = keras.layers.Conv2D(filters=4, kernel_size=3, strides=2, padding="valid")
    capa.build(entrada.shape)
    pesos = capa.get_weights()[0]
    sesgos = generador.normal(size=4).astype("float32")
    capa.set_weights([pesos, sesgos])
    esperado = keras.ops.convert_to_numpy(capa(entrada))[0]
    np.testing.assert_allclose(volumen.convolucion_volumen(entrada[0], pesos, sesgos, paso=2), esperado, atol=1e-5)


def test_un_canal_coincide_con_correlacion2d():
    generador = np.random.default_rng(1)
    imagen = generador.integers(0, 10, size=(6, 7))
    kernel = generador.integers(-2, 3, size=(3, 3))
    obtenido = volumen.convolucion_volumen(imagen[:, :, None], kernel[:, :, None, None])[:, :, 0]
    np.testing.assert_array_equal(obtenido, signal.correlate2d(imagen, kernel, mode="valid"))
    np.testing.assert_array_equal(obtenido, convolucion.correlacion2d(imagen, kernel))


def test_sin_sesgos_es_cero():
    salida = volumen.convolucion_volumen(ENTRADA_3_CANALES, W0[..., None])
    salida_con_sesgo = volumen.convolucion_volumen(ENTRADA_3_CANALES, W0[..., None], [5])
    np.testing.assert_array_equal(salida_con_sesgo - salida, 5)


@pytest.mark.parametrize(
    ("entrada", "pesos", "sesgos", "fragmento"),
    [
        (np.zeros((5, 5)), np.zeros((3, 3, 1, 1)), None, "np.newaxis"),
        (np.zeros((5, 5, 3)), np.zeros((3, 3, 3)), None, "np.stack"),
        (np.zeros((5, 5, 3)), np.zeros((3, 3, 2, 1)), None, "canales"),
        (np.zeros((5, 5, 3)), np.zeros((3, 3, 3, 2)), [1, 2, 3], "un sesgo por filtro"),
        (np.zeros((5, 5, 3, 1)), np.zeros((3, 3, 3, 2)), None, "3 ejes"),
        (np.zeros((2, 2, 1)), np.zeros((3, 3, 1, 1)), None, "no cabe"),
    ],
)
def test_errores_en_espanol(entrada, pesos, sesgos, fragmento):
    with pytest.raises(ValueError, match=fragmento):
        volumen.convolucion_volumen(entrada, pesos, sesgos)


def test_errores_de_tipo_y_de_tamano():
    with pytest.raises(TypeError, match="números"):
        volumen.convolucion_volumen(np.full((3, 3, 1), "a"), np.zeros((3, 3, 1, 1)))
    with pytest.raises(ValueError, match="no es entero"):
        volumen.convolucion_volumen(np.zeros((6, 6, 1)), np.zeros((3, 3, 1, 1)), paso=2)
    with pytest.raises(ValueError, match="al menos 1"):
        volumen.convolucion_volumen(np.zeros((6, 6, 1)), np.zeros((3, 3, 1, 1)), paso=0)


# --- tamaños de salida frente a Keras ---------------------------------------------------------------------


CASOS_TAMANO = [(28, 3, 1), (26, 2, 2), (13, 3, 1), (11, 2, 2), (6, 3, 2), (7, 3, 2), (32, 5, 3), (5, 5, 1), (9, 4, 4)]


@pytest.mark.parametrize(("n", "k", "s"), CASOS_TAMANO)
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_tamano_salida_keras_igual_que_compute_output_shape(n, k, s, padding):
    capa = keras.layers.Conv2D(filters=1, kernel_size=k, strides=s, padding=padding)
    alto = capa.compute_output_shape((None, n, n, 1))[1]
    assert volumen.tamano_salida_keras(n, k, s, padding) == alto
    pool = keras.layers.MaxPooling2D(pool_size=k, strides=s, padding=padding)
    assert volumen.tamano_salida_keras(n, k, s, padding) == pool.compute_output_shape((None, n, n, 1))[1]


@pytest.mark.parametrize(("n", "k", "s"), CASOS_TAMANO)
def test_tamano_salida_estricto_coincide_con_keras_cuando_es_entero(n, k, s):
    capa = keras.layers.Conv2D(filters=1, kernel_size=k, strides=s, padding="valid")
    alto = capa.compute_output_shape((None, n, n, 1))[1]
    if (n - k) % s == 0:
        assert convolucion.tamano_salida(n, k, 0, s) == alto
    else:
        with pytest.raises(ValueError, match=f"Keras los descarta \\(redondea hacia abajo, salida {alto}\\)"):
            convolucion.tamano_salida(n, k, 0, s)


def test_tamano_salida_estricto_con_relleno_same_igual_que_keras():
    for n in (5, 6, 28):
        for k in (1, 3, 5):
            capa = keras.layers.Conv2D(filters=1, kernel_size=k, padding="same")
            esperado = capa.compute_output_shape((None, n, n, 1))[1]
            assert convolucion.tamano_salida(n, k, volumen.relleno_para(k, "same"), 1) == esperado == n


@pytest.mark.parametrize(
    ("argumentos", "error", "fragmento"),
    [
        ((3, 5, 0, 1), ValueError, "no cabe"),
        ((5, 3, 0, 0), ValueError, "al menos 1"),
        ((5, 3, 0, -2), ValueError, "al menos 1"),
        ((6, 3, 0, 2), ValueError, "no es entero"),
        ((5.0, 3, 0, 1), TypeError, "entero"),
        ((5, 3, -1, 1), ValueError, "negativo"),
    ],
)
def test_tamano_salida_errores_en_espanol(argumentos, error, fragmento):
    with pytest.raises(error, match=fragmento):
        convolucion.tamano_salida(*argumentos)


def test_tamano_salida_keras_errores():
    with pytest.raises(ValueError, match="no cabe"):
        volumen.tamano_salida_keras(3, 5)
    with pytest.raises(ValueError, match="'valid' o 'same'"):
        volumen.tamano_salida_keras(5, 3, 1, "full")
    with pytest.raises(ValueError, match="al menos 1"):
        volumen.tamano_salida_keras(5, 3, 0)
    with pytest.raises(TypeError, match="entero"):
        volumen.tamano_salida_keras(5, 2.5)


def test_relleno_para():
    assert [volumen.relleno_para(3, t) for t in ("valid", "same", "full")] == [0, 1, 2]
    assert volumen.relleno_para(5, "same") == 2
    with pytest.raises(ValueError, match="par"):
        volumen.relleno_para(2, "same")
    with pytest.raises(ValueError, match="desconocido"):
        volumen.relleno_para(3, "mitad")
    # «full»: la salida crece K − 1, como scipy.signal.correlate2d(mode="full").
    imagen, kernel = np.arange(20).reshape(4, 5), np.arange(9).reshape(3, 3)
    np.testing.assert_array_equal(
        convolucion.correlacion2d(imagen, kernel, relleno=volumen.relleno_para(3, "full")),
        signal.correlate2d(imagen, kernel, mode="full"),
    )


def test_campo_receptivo():
    assert volumen.campo_receptivo([(3, 1)]) == 3
    assert volumen.campo_receptivo([(3, 1), (3, 1)]) == 5
    assert volumen.campo_receptivo([(3, 1), (3, 1), (3, 1)]) == 7
    assert volumen.campo_receptivo([(3, 1), (2, 2), (3, 1)]) == 8
    with pytest.raises(TypeError, match="par"):
        volumen.campo_receptivo([3])
    with pytest.raises(ValueError, match="positivos"):
        volumen.campo_receptivo([(0, 1)])


# --- pooling --------------------------------------------------------------------------------------------------

EJEMPLO_POOLING = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])


def test_ejemplo_de_pooling_de_las_semillas():
    np.testing.assert_array_equal(pooling.agrupacion_maxima(EJEMPLO_POOLING), [[6, 8], [3, 4]])
    np.testing.assert_allclose(pooling.agrupacion_media(EJEMPLO_POOLING), [[3.25, 5.25], [2, 2]])


@pytest.mark.parametrize(("forma", "tamano", "paso"), [((4, 4, 1), 2, None), ((11, 11, 3), 2, None),
                                                      ((9, 7, 2), 3, None), ((8, 8, 2), 3, 2), ((6, 5, 1), 2, 1)])
def test_pooling_igual_que_keras(forma, tamano, paso):
    entrada = np.random.default_rng(0).normal(size=(1, *forma)).astype("float32")
    maximo = keras.layers.MaxPooling2D(pool_size=tamano, strides=paso)(entrada)
    media = keras.layers.AveragePooling2D(pool_size=tamano, strides=paso)(entrada)
    np.testing.assert_allclose(pooling.agrupacion_maxima(entrada[0], tamano, paso), maximo[0], atol=1e-6)
    np.testing.assert_allclose(pooling.agrupacion_media(entrada[0], tamano, paso), media[0], atol=1e-6)
    tf_max = tf.nn.max_pool2d(entrada, ksize=tamano, strides=paso or tamano, padding="VALID").numpy()[0]
    np.testing.assert_allclose(pooling.agrupar(entrada[0], tamano, paso, "max"), tf_max)


def test_pooling_2d_y_3d_coinciden():
    mapa = np.random.default_rng(2).integers(0, 9, size=(6, 6))
    np.testing.assert_array_equal(pooling.agrupacion_maxima(mapa), pooling.agrupacion_maxima(mapa[:, :, None])[:, :, 0])
    assert pooling.agrupacion_maxima(np.zeros((11, 11))).shape == (5, 5)


@pytest.mark.parametrize(
    ("mapa", "argumentos", "error", "fragmento"),
    [
        (np.zeros((1, 4, 4, 1)), {}, ValueError, "mapa\\[0\\]"),
        (np.zeros(4), {}, ValueError, "alto, ancho"),
        (np.zeros((4, 4)), {"tamano": 0}, ValueError, "entero positivo"),
        (np.zeros((4, 4)), {"paso": 1.5}, ValueError, "entero positivo"),
        (np.zeros((4, 4)), {"modo": "mediana"}, ValueError, "desconocido"),
        (np.zeros((2, 2)), {"tamano": 3}, ValueError, "no cabe"),
        (np.array([["a", "b"], ["c", "d"]]), {}, TypeError, "números"),
    ],
)
def test_pooling_errores_en_espanol(mapa, argumentos, error, fragmento):
    with pytest.raises(error, match=fragmento):
        pooling.agrupar(mapa, **argumentos)


# --- parámetros ---------------------------------------------------------------------------------------------


def test_parametros_igual_que_count_params():
    for numero, k, canales in [(64, 3, 1), (32, 3, 1), (16, 3, 32), (6, 3, 1), (16, 3, 6), (8, 5, 3)]:
        capa = keras.layers.Conv2D(filters=numero, kernel_size=k)
        capa.build((None, 28, 28, canales))
        assert parametros.parametros_conv2d(numero, k, canales) == capa.count_params()
    for entradas, salidas in [(43264, 10), (43264, 15), (10816, 15), (400, 10), (15, 10)]:
        capa = keras.layers.Dense(units=salidas)
        capa.build((None, entradas))
        assert parametros.parametros_densa(entradas, salidas) == capa.count_params()


def test_parametros_de_las_semillas():
    assert parametros.parametros_conv2d(64, 3, 1) == 640
    assert parametros.parametros_densa(26 * 26 * 64, 10) == 432650
    assert parametros.parametros_densa(43264, 15) == 648975
    assert parametros.parametros_densa(13 * 13 * 64, 15) == 162255
    assert parametros.parametros_conv2d(16, 3, 32) == 4624
    assert parametros.parametros_conv2d(16, (3, 3), 32, sesgo=False) == 4608


def test_parametros_errores():
    with pytest.raises(ValueError, match="positivo"):
        parametros.parametros_conv2d(0, 3, 1)
    with pytest.raises(TypeError, match="entero"):
        parametros.parametros_densa(10.5, 3)


# --- filtros --------------------------------------------------------------------------------------------------


def test_catalogo_y_filtrar_igual_que_scipy():
    imagen = np.random.default_rng(4).integers(0, 256, size=(12, 10)).astype(float)
    for nombre in filtros.nombres():
        kernel = filtros.kernel(nombre)
        assert filtros.descripcion(nombre)
        obtenido = filtros.filtrar(imagen, kernel)
        if kernel.shape[0] % 2:
            esperado = signal.correlate2d(imagen, kernel, mode="same", boundary="fill")
        else:
            esperado = signal.correlate2d(imagen, kernel, mode="valid")
        np.testing.assert_allclose(obtenido, esperado, atol=1e-9)


def test_sumas_de_los_pesos():
    assert filtros.kernel("laplaciano").sum() == 0
    assert filtros.kernel("borde_vertical").sum() == 0
    assert filtros.kernel("enfocar").sum() == 1
    assert np.isclose(filtros.kernel("desenfoque_caja").sum(), 1)


def test_filtros_errores_y_relu():
    with pytest.raises(KeyError, match="disponibles"):
        filtros.kernel("gauss")
    with pytest.raises(ValueError, match="cuadrado"):
        filtros.filtrar(np.zeros((5, 5)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match="2-D"):
        filtros.filtrar(np.zeros((5, 5, 3)), np.zeros((3, 3)))
    np.testing.assert_array_equal(filtros.relu([[-2, 0, 3]]), [[0, 0, 3]])
    kernel = filtros.kernel("identidad")
    kernel[0, 0] = 9
    assert filtros.kernel("identidad")[0, 0] == 0, "kernel() debe devolver una copia"


def test_detecta_lineas_horizontales():
    assert filtros.detecta_lineas_horizontales(...) is None
    assert filtros.detecta_lineas_horizontales([[-1, -1, -1], [2, 2, 2], [-1, -1, -1]]) is True
    assert filtros.detecta_lineas_horizontales(filtros.kernel("borde_horizontal")) is False
    assert filtros.detecta_lineas_horizontales([[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]]) is False
    assert filtros.detecta_lineas_horizontales([[0, 0, 0], [1, 1, 1], [0, 0, 0]]) is False
    assert filtros.detecta_lineas_horizontales(np.ones((2, 2))) is False
