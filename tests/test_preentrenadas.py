"""Pruebas de helpers.preentrenadas: resolución de los pesos de VGG16, la base sustituta y su mismo camino.

Los pesos reales (528 MiB) no están en ninguna máquina del proyecto: las pruebas crean ficheros pequeños que
solo imitan su nombre y su firma HDF5, para comprobar el mecanismo de búsqueda, no los pesos.
"""

import numpy as np
import pytest

from helpers import datos
from helpers import preentrenadas as pe

FIRMA_HDF5 = b"\x89HDF\r\n\x1a\n"
CONTENIDO = FIRMA_HDF5 + b"\0" * 100  # un «fichero de pesos» de juguete: la firma y 108 bytes en total


@pytest.fixture
def cache_keras(tmp_path, monkeypatch):
    """Una caché de Keras vacía y propia, y sin Internet (la prueba no debe depender de la red).

    Los ficheros de juguete miden 108 bytes: ese pasa a ser el tamaño «completo» de los dos."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(datos, "hay_internet", lambda *a, **k: False)
    monkeypatch.setattr(pe, "_TAMANO_BYTES", {pe.FICHERO_VGG16: len(CONTENIDO), pe.FICHERO_VGG16_BASE: len(CONTENIDO)})
    carpeta = tmp_path / "keras" / "models"
    carpeta.mkdir(parents=True)
    return carpeta


@pytest.fixture
def descargas(cache_keras, monkeypatch):
    """Con «Internet»: cada descarga deja un fichero de juguete completo. Devuelve la lista de los pedidos."""
    monkeypatch.setattr(datos, "hay_internet", lambda *a, **k: True)
    pedidos = []

    def descarga_falsa(nombre):
        pedidos.append(nombre)
        return _fichero_sustituto(cache_keras / nombre)

    monkeypatch.setattr(pe, "_descargar", descarga_falsa)
    return pedidos


def _fichero_sustituto(ruta, contenido=CONTENIDO):
    ruta.write_bytes(contenido)
    return ruta


# --------------------------------------------------------------------------------------------------------
# Resolución de los pesos
# --------------------------------------------------------------------------------------------------------


def test_elige_el_fichero_imagenet_de_la_cache(cache_keras, capsys):
    ruta = _fichero_sustituto(cache_keras / pe.FICHERO_VGG16)
    pesos = pe.resolver_pesos_vgg16()
    assert pesos.completa == ruta
    assert pesos.base is None
    assert pesos.hay_alguno
    assert pesos.ruta(incluir_clasificador=True) == ruta
    assert pesos.ruta(incluir_clasificador=False) is None
    salida = capsys.readouterr().out
    assert "✅ caché de Keras" in salida
    assert "❌ no está" in salida
    assert "AVISO" not in salida  # hay uno de los dos ficheros: no es el caso «sin pesos»


def test_encuentra_los_dos_ficheros(cache_keras, capsys):
    _fichero_sustituto(cache_keras / pe.FICHERO_VGG16)
    _fichero_sustituto(cache_keras / pe.FICHERO_VGG16_BASE)
    pesos = pe.resolver_pesos_vgg16()
    assert pesos.completa.name == pe.FICHERO_VGG16
    assert pesos.base.name == pe.FICHERO_VGG16_BASE
    assert capsys.readouterr().out.count("✅") == 2


def test_sin_pesos_avisa_en_espanol(cache_keras, capsys):
    pesos = pe.resolver_pesos_vgg16()
    assert not pesos.hay_alguno
    salida = capsys.readouterr().out
    assert "AVISO: este equipo NO tiene los pesos ImageNet de VGG16" in salida
    assert "no hay conexión a Internet" in salida
    assert "BASE SUSTITUTA" in salida
    assert salida.count("❌ no está") == 2


def test_sin_descargar_lo_dice(cache_keras, capsys):
    pe.resolver_pesos_vgg16(descargar=False)
    assert "se pidió no descargarlos" in capsys.readouterr().out


def test_fichero_danado_no_se_usa(cache_keras, capsys):
    _fichero_sustituto(cache_keras / pe.FICHERO_VGG16_BASE, b"esto no es un HDF5")
    pesos = pe.resolver_pesos_vgg16()
    assert pesos.base is None
    assert "dañado" in capsys.readouterr().out


def test_firma_hdf5_tras_bloque_de_usuario(cache_keras):
    contenido = b"\0" * 512 + FIRMA_HDF5 + b"\0" * (len(CONTENIDO) - 8)
    _fichero_sustituto(cache_keras / pe.FICHERO_VGG16_BASE, contenido)
    pe._TAMANO_BYTES[pe.FICHERO_VGG16_BASE] = len(contenido)
    assert pe.resolver_pesos_vgg16(informar=False).base is not None


def test_fichero_cortado_es_incompleto(cache_keras, capsys):
    _fichero_sustituto(cache_keras / pe.FICHERO_VGG16_BASE, CONTENIDO[:60])  # con la firma, pero cortado
    pesos = pe.resolver_pesos_vgg16()
    assert pesos.base is None
    salida = capsys.readouterr().out
    assert "incompleto" in salida and "bórralo y vuelve a copiarlo" in salida


def test_fichero_cortado_se_vuelve_a_descargar(cache_keras, descargas):
    _fichero_sustituto(cache_keras / pe.FICHERO_VGG16_BASE, CONTENIDO[:60])
    pedidos = descargas
    pesos = pe.resolver_pesos_vgg16(informar=False)
    assert pe.FICHERO_VGG16_BASE in pedidos
    assert pesos.base is not None and pesos.origen[pe.FICHERO_VGG16_BASE] == "descargado por Keras"


def test_tamanos_reales_de_los_ficheros():
    # Los que da Keras al descargarlos; a 4 bytes por parámetro son los 138 357 544 y 14 714 688 parámetros,
    # más las cabeceras del HDF5.
    assert pe._TAMANO_BYTES[pe.FICHERO_VGG16] // 4 - 138_357_544 in range(0, 100_000)
    assert pe._TAMANO_BYTES[pe.FICHERO_VGG16_BASE] // 4 - 14_714_688 in range(0, 100_000)


def test_solo_un_fichero_dice_que_supone(cache_keras, capsys):
    _fichero_sustituto(cache_keras / pe.FICHERO_VGG16)
    pe.resolver_pesos_vgg16()
    assert "la transferencia (sección 7) usará la base sustituta" in capsys.readouterr().out
    (cache_keras / pe.FICHERO_VGG16).unlink()
    _fichero_sustituto(cache_keras / pe.FICHERO_VGG16_BASE)
    pe.resolver_pesos_vgg16()
    salida = capsys.readouterr().out
    assert "usarán pesos aleatorios" in salida and "la transferencia sí usa la base de VGG16" in salida


def test_pesos_danados_con_el_tamano_correcto_dan_un_error_claro(cache_keras):
    _fichero_sustituto(cache_keras / pe.FICHERO_VGG16_BASE)  # firma y tamaño bien, contenido basura
    pesos = pe.resolver_pesos_vgg16(informar=False)
    with pytest.raises(ValueError, match="está dañado aunque tenga el tamaño correcto"):
        pe.crear_vgg16(pesos, incluir_clasificador=False, forma_entrada=(32, 32, 3))


def test_descarga_si_hay_red(descargas, capsys):
    pedidos = descargas
    pesos = pe.resolver_pesos_vgg16()
    assert sorted(pedidos) == sorted([pe.FICHERO_VGG16, pe.FICHERO_VGG16_BASE])
    assert pesos.origen[pe.FICHERO_VGG16] == "descargado por Keras"
    assert "descargado por Keras" in capsys.readouterr().out


def test_descarga_fallida_avisa(cache_keras, monkeypatch, capsys):
    monkeypatch.setattr(datos, "hay_internet", lambda *a, **k: True)
    monkeypatch.setattr(pe, "_descargar", lambda nombre: None)
    assert not pe.resolver_pesos_vgg16().hay_alguno
    assert "la descarga falló" in capsys.readouterr().out


def test_espera_no_valida(cache_keras):
    with pytest.raises(ValueError, match="espera"):
        pe.resolver_pesos_vgg16(espera=0)


def test_crear_vgg16_pasa_la_ruta_a_keras(cache_keras, monkeypatch):
    import keras

    ruta = _fichero_sustituto(cache_keras / pe.FICHERO_VGG16_BASE)
    pesos = pe.resolver_pesos_vgg16(informar=False)
    llamadas = []
    monkeypatch.setattr(keras.applications, "VGG16", lambda **opciones: llamadas.append(opciones) or "modelo")
    assert pe.crear_vgg16(pesos, incluir_clasificador=False) == ("modelo", True)
    assert llamadas[-1]["weights"] == str(ruta) and llamadas[-1]["include_top"] is False
    assert pe.crear_vgg16(pesos, incluir_clasificador=True) == ("modelo", False)
    assert llamadas[-1]["weights"] is None  # el fichero con clasificador no está: pesos aleatorios
    with pytest.raises(TypeError, match="resolver_pesos_vgg16"):
        pe.crear_vgg16("imagenet")


def test_base_vgg16_sin_fichero_explica(cache_keras):
    pesos = pe.resolver_pesos_vgg16(informar=False)
    with pytest.raises(ValueError, match="base sustituta"):
        pe.base_vgg16(pesos)


# --------------------------------------------------------------------------------------------------------
# Preprocesado y redes de Keras
# --------------------------------------------------------------------------------------------------------


def test_preprocesado_vgg16_frente_a_implementacion_propia():
    base = pe.BasePreentrenada(modelo=None, nombre="", sustituta=False, ultimo_bloque=(), preprocesado="vgg16")
    imagenes = np.random.default_rng(0).integers(0, 256, size=(2, 5, 4, 3), dtype=np.uint8)
    media_bgr = np.array([103.939, 116.779, 123.68])
    esperado = imagenes[..., ::-1].astype(float) - media_bgr  # RGB→BGR y resta de la media de ImageNet
    np.testing.assert_allclose(base.preprocesar(imagenes), esperado, atol=1e-4)


def test_preprocesado_escala_y_formas_incorrectas():
    base = pe.BasePreentrenada(modelo=None, nombre="", sustituta=True, ultimo_bloque=(), preprocesado="escala_01")
    imagenes = np.full((1, 2, 2, 3), 255, dtype=np.uint8)
    np.testing.assert_allclose(base.preprocesar(imagenes), 1.0)
    with pytest.raises(ValueError, match="en color"):
        base.preprocesar(np.zeros((2, 2, 3), dtype=np.uint8))


def test_resumen_redes_keras_mobilenet():
    (fila,) = pe.resumen_redes_keras(nombres=("MobileNet",))
    # Cifras publicadas en la documentación de keras.applications.
    assert fila["parametros"] == 4_253_864
    assert fila["entrada"] == (224, 224, 3)
    assert fila["parametros_base"] == 4_253_864 - (1024 * 1000 + 1000)
    with pytest.raises(ValueError, match="no tiene la red"):
        pe.resumen_redes_keras(nombres=("NoExiste",))


# --------------------------------------------------------------------------------------------------------
# Base sustituta y el mismo camino que VGG16
# --------------------------------------------------------------------------------------------------------


@pytest.fixture
def cifar_diminuto(monkeypatch):
    """Un CIFAR-10 falso y pequeño (mismas formas y tipos) para que la base sustituta se entrene en segundos."""
    rng = np.random.default_rng(0)

    def cargar():
        x_train = rng.integers(0, 256, size=(200, 32, 32, 3), dtype=np.uint8)
        x_test = rng.integers(0, 256, size=(60, 32, 32, 3), dtype=np.uint8)
        y_train = (np.arange(200) % 10).astype(np.uint8).reshape(-1, 1)
        y_test = (np.arange(60) % 10).astype(np.uint8).reshape(-1, 1)
        return (x_train, y_train), (x_test, y_test)

    monkeypatch.setattr(datos, "cargar_cifar10", cargar)
    return cargar


def test_datos_tarea(cifar_diminuto):
    (x_train, y_train), (x_test, y_test) = pe.datos_tarea(clases=(3, 5), por_clase=7)
    assert x_train.shape == (14, 32, 32, 3) and x_train.dtype == np.uint8
    assert sorted(np.bincount(y_train)) == [7, 7]
    assert x_test.shape == (12, 32, 32, 3) and set(y_test) == {0, 1}
    with pytest.raises(ValueError, match="por_clase"):
        pe.datos_tarea(por_clase=0)


def test_base_sustituta_entrena_guarda_y_transfiere(cifar_diminuto, cache_keras, tmp_path, capsys):
    base = pe.base_sustituta(n_imagenes=64, epocas=1, carpeta=tmp_path, verbose=0)
    salida = capsys.readouterr().out
    assert "Base SUSTITUTA (no es VGG16)" in salida and "Preentrenando con 64 imágenes" in salida
    assert base.sustituta and base.modelo.output_shape == (None, 4, 4, 128)
    assert base.ultimo_bloque[0] == "bloque3_conv1"

    # La segunda vez se carga de la caché, con los mismos pesos.
    otra = pe.base_sustituta(n_imagenes=64, epocas=1, carpeta=tmp_path, verbose=0)
    assert "Cargada de la caché" in capsys.readouterr().out
    assert otra.identificador == base.identificador

    # Extracción de características: una vez, y la segunda sale de la caché.
    imagenes = np.random.default_rng(1).integers(0, 256, size=(6, 32, 32, 3), dtype=np.uint8)
    caracteristicas = pe.extraer_caracteristicas(base, imagenes, carpeta=tmp_path)
    assert caracteristicas.shape == (6, 4, 4, 128)
    assert len(list(tmp_path.glob("curso_cnn_caracteristicas_*.npy"))) == 1
    np.testing.assert_array_equal(pe.extraer_caracteristicas(base, imagenes, carpeta=tmp_path), caracteristicas)
    esperado = base.modelo.predict(imagenes.astype("float32") / 255.0, verbose=0)
    np.testing.assert_allclose(caracteristicas, esperado, atol=1e-5)

    # Ajuste fino: solo las convoluciones del último bloque y el clasificador se entrenan.
    clasificador = pe.crear_clasificador(caracteristicas.shape[1:], clases=2)
    congelada = pe.modelo_con_base(base, clasificador)
    assert {v.path.split("/")[0] for v in congelada.trainable_weights} == {
        "clasificador_oculta", "clasificador_salida"}
    modelo = pe.modelo_con_base(base, clasificador, descongelar_ultimo_bloque=True)
    entrenables = {v.path.split("/")[0] for v in modelo.trainable_weights}
    assert entrenables == {"bloque3_conv1", "bloque3_conv2", "clasificador_oculta", "clasificador_salida"}
    pe.compilar(modelo, tasa_aprendizaje=1e-4)
    antes = base.modelo.get_layer("bloque1_conv1").get_weights()[0].copy()
    modelo.fit(base.preprocesar(imagenes), np.array([0, 1] * 3), epochs=1, verbose=0)
    np.testing.assert_array_equal(base.modelo.get_layer("bloque1_conv1").get_weights()[0], antes)

    # Desde cero: misma arquitectura, todo entrenable, pesos distintos de los preentrenados.
    cero = pe.modelo_desde_cero(base, clases=2)
    assert cero.count_params() == modelo.count_params()
    assert len(cero.trainable_weights) == len(cero.weights) - 2 * 6  # todo salvo medias/varianzas de las BN
    assert not np.allclose(cero.layers[1].get_layer("bloque1_conv1").get_weights()[0], antes)


def test_obtener_base_sin_pesos_usa_la_sustituta(cifar_diminuto, cache_keras, tmp_path, capsys):
    pesos = pe.resolver_pesos_vgg16(informar=False)
    base = pe.obtener_base(pesos, n_imagenes=16, epocas=1, carpeta=tmp_path, verbose=0)
    assert base.sustituta


def test_base_sustituta_entradas_incorrectas(tmp_path):
    with pytest.raises(ValueError, match="clases_objetivo"):
        pe.base_sustituta(clases_objetivo=(3, 3), carpeta=tmp_path)
    with pytest.raises(ValueError, match="epocas"):
        pe.base_sustituta(epocas=0, carpeta=tmp_path)
    with pytest.raises(ValueError, match="n_imagenes"):
        pe.base_sustituta(n_imagenes=2, epocas=1, carpeta=tmp_path)
    with pytest.raises(TypeError, match="BasePreentrenada"):
        pe.extraer_caracteristicas("vgg16", np.zeros((1, 32, 32, 3), dtype=np.uint8))
