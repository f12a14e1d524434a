"""Pruebas de ``helpers.convolucion`` frente a implementaciones independientes (SciPy, TensorFlow, Keras).

Si añades funciones a ``helpers/convolucion.py``, añade sus pruebas al final de este fichero.
"""

import numpy as np
import pytest
from scipy import signal

from helpers import convolucion

# Formas (imagen, kernel) variadas: cuadradas, rectangulares, kernel 1×1, kernel del tamaño de la imagen.
FORMAS = [
    ((5, 5), (3, 3)), ((7, 9), (3, 3)), ((6, 4), (2, 3)),
    ((8, 8), (5, 5)), ((4, 6), (1, 1)), ((3, 3), (3, 3)),
]

# Las dos entradas 5×5 de las semillas del curso (cuaderno 02) y sus kernels.
ENTRADA_BORDES = np.array(
    [[1, 2, 8, 2, 1], [1, 4, 9, 3, 1], [1, 2, 8, 2, 1], [1, 3, 7, 1, 2], [1, 2, 8, 2, 2]]
)
KERNEL_BORDE_VERTICAL = np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]])
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


def _aleatorias(forma_imagen, forma_kernel, entero, semilla=0):
    generador = np.random.default_rng(semilla)
    if entero:
        return (
            generador.integers(0, 256, size=forma_imagen),
            generador.integers(-3, 4, size=forma_kernel),
        )
    return generador.normal(size=forma_imagen), generador.normal(size=forma_kernel)


def _tf_conv2d(imagen, kernel, paso=1, padding="VALID"):
    """``tf.nn.conv2d`` con una imagen 2-D y un kernel 2-D (un canal, un filtro)."""
    tf = pytest.importorskip("tensorflow")
    entrada = tf.constant(np.asarray(imagen, dtype=np.float64)[None, :, :, None])
    filtros = tf.constant(np.asarray(kernel, dtype=np.float64)[:, :, None, None])
    return tf.nn.conv2d(entrada, filtros, strides=paso, padding=padding).numpy()[0, :, :, 0]


# --- Frente a SciPy ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("entero", [True, False], ids=["int", "float"])
@pytest.mark.parametrize("forma_imagen, forma_kernel", FORMAS)
def test_correlacion_coincide_con_scipy(forma_imagen, forma_kernel, entero):
    imagen, kernel = _aleatorias(forma_imagen, forma_kernel, entero)
    esperado = signal.correlate2d(imagen, kernel, mode="valid")
    for funcion in (convolucion.correlacion2d_bucles, convolucion.correlacion2d):
        obtenido = funcion(imagen, kernel)
        assert obtenido.shape == esperado.shape
        np.testing.assert_allclose(obtenido, esperado, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("entero", [True, False], ids=["int", "float"])
@pytest.mark.parametrize("forma_imagen, forma_kernel", FORMAS)
def test_convolucion_coincide_con_scipy(forma_imagen, forma_kernel, entero):
    imagen, kernel = _aleatorias(forma_imagen, forma_kernel, entero, semilla=1)
    esperado = signal.convolve2d(imagen, kernel, mode="valid")
    np.testing.assert_allclose(convolucion.convolucion2d(imagen, kernel), esperado, rtol=1e-12, atol=1e-12)


def test_enteros_dan_enteros_y_reales_dan_reales():
    imagen, kernel = _aleatorias((5, 5), (3, 3), entero=True)
    assert np.issubdtype(convolucion.correlacion2d(imagen.astype(np.uint8), kernel).dtype, np.integer)
    assert np.issubdtype(convolucion.correlacion2d_bucles(imagen.astype(np.uint8), kernel).dtype, np.integer)
    # uint8 no desborda: 255·3·9 no cabe en un byte.
    assert convolucion.correlacion2d(np.full((3, 3), 255, np.uint8), np.full((3, 3), 3)).item() == 255 * 27
    assert convolucion.correlacion2d(imagen / 255, kernel).dtype == np.float64


def test_relleno_coincide_con_scipy_modo_same():
    imagen, kernel = _aleatorias((6, 7), (3, 3), entero=True, semilla=2)
    esperado = signal.correlate2d(imagen, kernel, mode="same", boundary="fill", fillvalue=0)
    np.testing.assert_array_equal(convolucion.correlacion2d(imagen, kernel, relleno=1), esperado)


def test_rellenar_anade_ceros_alrededor():
    rellena = convolucion.rellenar(np.ones((2, 3)), 2)
    assert rellena.shape == (6, 7)
    assert rellena.sum() == 6
    assert rellena[:2].sum() == rellena[:, :2].sum() == 0


# --- Los números de las semillas ---------------------------------------------------------------------------


def test_numeros_de_las_semillas():
    np.testing.assert_array_equal(
        convolucion.correlacion2d(ENTRADA_BORDES, KERNEL_BORDE_VERTICAL),
        [[22, -1, -22], [21, -3, -20], [20, -2, -18]],
    )
    np.testing.assert_array_equal(
        convolucion.correlacion2d(ENTRADA_ENFOQUE, KERNEL_ENFOQUE),
        [[266, -61, -30], [116, -47, 295], [-135, 256, -128]],
    )
    con_relleno = convolucion.correlacion2d(ENTRADA_ENFOQUE, KERNEL_ENFOQUE, relleno=1)
    np.testing.assert_array_equal(con_relleno[0], [114, 328, -26, 470, 158])
    np.testing.assert_array_equal(con_relleno[:, -1], [158, 344, 244, 344, 421])


def test_escribir_producto_suma():
    texto = convolucion.escribir_producto_suma(ENTRADA_BORDES[:3, :3], KERNEL_BORDE_VERTICAL)
    assert texto == "1·(-1) + 2·0 + 8·1 + 1·(-1) + 4·0 + 9·1 + 1·(-1) + 2·0 + 8·1 = 22"
    texto = convolucion.escribir_producto_suma(ENTRADA_ENFOQUE[2:, 2:], KERNEL_ENFOQUE)
    assert texto.endswith("= -128")
    assert "69·5" in texto
    # El resultado escrito es el de la correlación en cada posición.
    salida = convolucion.correlacion2d(ENTRADA_ENFOQUE, KERNEL_ENFOQUE)
    for (i, j), valor in np.ndenumerate(salida):
        ventana = ENTRADA_ENFOQUE[i : i + 3, j : j + 3]
        assert convolucion.escribir_producto_suma(ventana, KERNEL_ENFOQUE).endswith(f"= {valor}")


def test_escribir_producto_suma_con_formas_distintas():
    with pytest.raises(ValueError, match="misma forma"):
        convolucion.escribir_producto_suma(np.ones((3, 2)), np.ones((3, 3)))


# --- Frente a TensorFlow y Keras --------------------------------------------------------------------------


@pytest.mark.parametrize("forma_imagen, forma_kernel", FORMAS)
def test_correlacion_coincide_con_tf_nn_conv2d(forma_imagen, forma_kernel):
    imagen, kernel = _aleatorias(forma_imagen, forma_kernel, entero=False, semilla=3)
    esperado = _tf_conv2d(imagen, kernel)
    np.testing.assert_allclose(convolucion.correlacion2d(imagen, kernel), esperado, atol=1e-10)


@pytest.mark.parametrize("lado", [5, 7, 9])
def test_relleno_1_es_padding_same_de_tf(lado):
    # Con K = 3 y S = 1, padding="SAME" añade exactamente una fila/columna de ceros por cada lado.
    imagen, kernel = _aleatorias((lado, lado + 2), (3, 3), entero=False, semilla=lado)
    np.testing.assert_allclose(
        convolucion.correlacion2d(imagen, kernel, relleno=1), _tf_conv2d(imagen, kernel, padding="SAME"),
        atol=1e-10,
    )


@pytest.mark.parametrize(
    "forma_imagen, forma_kernel, relleno, tf_padding",
    [
        ((7, 7), (3, 3), 0, "VALID"),
        ((9, 11), (3, 3), 0, "VALID"),
        ((7, 9), (3, 3), 1, "SAME"),
        ((9, 9), (5, 5), 0, "VALID"),
    ],
)
def test_paso_2_coincide_con_tf(forma_imagen, forma_kernel, relleno, tf_padding):
    imagen, kernel = _aleatorias(forma_imagen, forma_kernel, entero=False, semilla=4)
    obtenido = convolucion.correlacion2d(imagen, kernel, relleno=relleno, paso=2)
    np.testing.assert_allclose(obtenido, _tf_conv2d(imagen, kernel, paso=2, padding=tf_padding), atol=1e-10)


def test_ejemplo_de_las_semillas_con_relleno_1_y_paso_2():
    # Las semillas: entrada 5×5, K = 3, P = 1, S = 2 → salida 3×3.
    assert convolucion.tamano_salida(5, 3, 1, 2) == 3
    salida = convolucion.correlacion2d(ENTRADA_ENFOQUE, KERNEL_ENFOQUE, relleno=1, paso=2)
    np.testing.assert_allclose(salida, _tf_conv2d(ENTRADA_ENFOQUE, KERNEL_ENFOQUE, paso=2, padding="SAME"))


@pytest.mark.parametrize(
    ("n", "k", "s"),
    [(28, 3, 1), (28, 5, 1), (32, 3, 1), (13, 3, 1), (7, 3, 2), (28, 2, 2), (224, 7, 1), (11, 11, 1)],
)
def test_tamano_salida_como_keras_valid(n, k, s):
    keras = pytest.importorskip("keras")
    capa = keras.layers.Conv2D(filters=1, kernel_size=k, strides=s, padding="valid")
    forma = capa.compute_output_shape((None, n, n, 1))
    assert convolucion.tamano_salida(n, k, 0, s) == forma[1] == forma[2]


@pytest.mark.parametrize("n, k", [(28, 3), (28, 5), (5, 3), (32, 7)])
def test_tamano_salida_como_keras_same(n, k):
    keras = pytest.importorskip("keras")
    capa = keras.layers.Conv2D(filters=1, kernel_size=k, strides=1, padding="same")
    forma = capa.compute_output_shape((None, n, n, 1))
    assert convolucion.tamano_salida(n, k, (k - 1) // 2, 1) == forma[1] == n


def test_tamano_salida_de_las_semillas():
    assert convolucion.tamano_salida(28, 3) == 26
    assert convolucion.tamano_salida(5, 3) == 3
    assert convolucion.tamano_salida(5, 3, 1) == 5
    assert convolucion.tamano_salida(6, 3, 1) == 6
    assert convolucion.tamano_salida(6, 3, 0, 1) == 4


# --- Entradas incorrectas: errores claros en español -------------------------------------------------------


@pytest.mark.parametrize("funcion", [convolucion.correlacion2d_bucles, convolucion.correlacion2d,
                                     convolucion.convolucion2d])
def test_imagen_3d_da_error_en_espanol(funcion):
    with pytest.raises(ValueError, match=r"matriz 2-D.*\(5, 5, 3\).*gris"):
        funcion(np.zeros((5, 5, 3)), np.ones((3, 3)))


@pytest.mark.parametrize("funcion", [convolucion.correlacion2d_bucles, convolucion.correlacion2d,
                                     convolucion.convolucion2d])
def test_kernel_mas_grande_que_la_imagen(funcion):
    with pytest.raises(ValueError, match="no cabe"):
        funcion(np.zeros((3, 3)), np.ones((5, 5)))


@pytest.mark.parametrize("funcion", [convolucion.correlacion2d_bucles, convolucion.correlacion2d,
                                     convolucion.convolucion2d])
def test_tipo_no_numerico(funcion):
    with pytest.raises(TypeError, match="debe contener números"):
        funcion(np.array([["a", "b"], ["c", "d"]]), np.ones((1, 1)))
    with pytest.raises(TypeError, match="debe contener números"):
        funcion(np.ones((3, 3)), [[None, 1], [1, 1]])


def test_imagen_vacia():
    with pytest.raises(ValueError, match="vacía"):
        convolucion.correlacion2d(np.zeros((0, 3)), np.ones((1, 1)))


@pytest.mark.parametrize(
    "n, k, p, s, patron",
    [
        (5, 3, 0, 2.0, "entero"),
        (5.0, 3, 0, 1, "entero"),
        (True, 3, 0, 1, "entero"),
        (0, 3, 0, 1, "positivos"),
        (5, 0, 0, 1, "positivos"),
        (5, 3, -1, 1, "negativo"),
        (5, 3, 0, 0, "al menos 1"),
        (3, 5, 0, 1, "no cabe"),
        (6, 3, 0, 2, "no es entero"),
        (28, 5, 0, 2, "no es entero"),
    ],
)
def test_tamano_salida_combinaciones_imposibles(n, k, p, s, patron):
    excepcion = TypeError if patron == "entero" else ValueError
    with pytest.raises(excepcion, match=patron):
        convolucion.tamano_salida(n, k, p, s)


def test_mensaje_de_paso_que_no_encaja_da_el_resto():
    with pytest.raises(ValueError, match="el resto de la división es 1"):
        convolucion.tamano_salida(6, 3, 0, 2)
    with pytest.raises(ValueError, match="el resto de la división es 3"):
        convolucion.tamano_salida(28, 5, 0, 4)


def test_paso_que_no_encaja_da_error_en_la_correlacion():
    with pytest.raises(ValueError, match="no es entero"):
        convolucion.correlacion2d(np.ones((6, 6)), np.ones((3, 3)), paso=2)


def test_relleno_negativo():
    with pytest.raises(ValueError, match="negativo"):
        convolucion.rellenar(np.ones((3, 3)), -1)
    with pytest.raises(ValueError, match="negativo"):
        convolucion.correlacion2d(np.ones((3, 3)), np.ones((3, 3)), relleno=-1)
