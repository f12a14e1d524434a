"""Cargadores de datos: mismas formas y tipos que Keras, y errores claros en español."""

import gzip
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from helpers import datos

CARPETA = os.environ.get("CURSO_CNN_DATOS")
con_datos = pytest.mark.skipif(not CARPETA, reason="CURSO_CNN_DATOS no está definida")

# Lo que documenta keras.datasets.<nombre>.load_data(): formas de x_train, y_train, x_test, y_test.
FORMAS_KERAS = {
    "cargar_mnist": [(60000, 28, 28), (60000,), (10000, 28, 28), (10000,)],
    "cargar_fashion_mnist": [(60000, 28, 28), (60000,), (10000, 28, 28), (10000,)],
    "cargar_cifar10": [(50000, 32, 32, 3), (50000, 1), (10000, 32, 32, 3), (10000, 1)],
}


@con_datos
@pytest.mark.parametrize("nombre", sorted(FORMAS_KERAS))
def test_formas_y_tipos_como_keras(nombre):
    (x_train, y_train), (x_test, y_test) = getattr(datos, nombre)()
    arrays = [x_train, y_train, x_test, y_test]
    assert [a.shape for a in arrays] == FORMAS_KERAS[nombre]
    assert all(a.dtype == np.uint8 for a in arrays)
    assert set(np.unique(y_train).tolist()) == set(range(10))
    assert np.bincount(y_test.ravel(), minlength=10).min() >= 890  # ninguna clase falta ni escasea


@con_datos
def test_mnist_en_el_orden_original():
    (_, y_train), _ = datos.cargar_mnist()
    assert y_train[:8].tolist() == [5, 0, 4, 1, 9, 2, 1, 3]


@con_datos
def test_cifar10_barajado_con_semilla_fija():
    (_, y_a), _ = datos.cargar_cifar10()
    (_, y_b), _ = datos.cargar_cifar10()
    assert np.array_equal(y_a, y_b)
    assert len(set(y_a[:20].ravel().tolist())) > 3, "las etiquetas siguen agrupadas por clase"


def test_carpeta_inexistente(monkeypatch, tmp_path):
    monkeypatch.setenv("CURSO_CNN_DATOS", str(tmp_path / "no_existe"))
    with pytest.raises(datos.ErrorDatos, match="CURSO_CNN_DATOS apunta a .* que no existe"):
        datos.cargar_mnist()


def test_falta_un_fichero(monkeypatch, tmp_path):
    monkeypatch.setenv("CURSO_CNN_DATOS", str(tmp_path))
    with pytest.raises(datos.ErrorDatos, match="No encuentro .*mnist.npz"):
        datos.cargar_mnist()
    with pytest.raises(datos.ErrorDatos, match="train-labels-idx1-ubyte.gz"):
        datos.cargar_fashion_mnist()


@con_datos
def test_mnist_truncado(monkeypatch, tmp_path):
    original = Path(CARPETA) / "mnist.npz"
    (tmp_path / "mnist.npz").write_bytes(original.read_bytes()[: 200_000])
    monkeypatch.setenv("CURSO_CNN_DATOS", str(tmp_path))
    with pytest.raises(datos.ErrorDatos, match=r"mnist.npz' está dañado o incompleto"):
        datos.cargar_mnist()


def test_mnist_con_formas_equivocadas(monkeypatch, tmp_path):
    cero = np.zeros((10, 28, 28), np.uint8)
    np.savez(tmp_path / "mnist.npz", x_train=cero, y_train=cero[:, 0, 0], x_test=cero, y_test=cero[:, 0, 0])
    monkeypatch.setenv("CURSO_CNN_DATOS", str(tmp_path))
    with pytest.raises(datos.ErrorDatos, match="se esperaban 60000 imágenes"):
        datos.cargar_mnist()


@con_datos
def test_fashion_truncado(monkeypatch, tmp_path):
    carpeta = tmp_path / "fashion-mnist"
    # copyfile y no copytree: los originales pueden ser de solo lectura y el test debe poder truncar su copia.
    carpeta.mkdir()
    for original in (Path(CARPETA) / "fashion-mnist").glob("*.gz"):
        shutil.copyfile(original, carpeta / original.name)
    ruta = carpeta / "t10k-images-idx3-ubyte.gz"
    ruta.write_bytes(ruta.read_bytes()[:100_000])
    monkeypatch.setenv("CURSO_CNN_DATOS", str(tmp_path))
    with pytest.raises(datos.ErrorDatos, match="t10k-images-idx3-ubyte.gz' está dañado"):
        datos.cargar_fashion_mnist()


def test_fashion_con_pocas_etiquetas(monkeypatch, tmp_path):
    carpeta = tmp_path / "fashion-mnist"
    carpeta.mkdir()
    for nombre, cabecera, n in (("train-labels-idx1-ubyte.gz", 8, 5), ("train-images-idx3-ubyte.gz", 16, 5)):
        with gzip.open(carpeta / nombre, "wb") as f:
            f.write(bytes(cabecera + n))
    monkeypatch.setenv("CURSO_CNN_DATOS", str(tmp_path))
    with pytest.raises(datos.ErrorDatos, match="se esperaban 60000 etiquetas"):
        datos.cargar_fashion_mnist()


def test_cifar_corrupto(monkeypatch, tmp_path):
    (tmp_path / "cifar10-jpg.tar.xz").write_bytes(b"esto no es un tar")
    monkeypatch.setenv("CURSO_CNN_DATOS", str(tmp_path))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    with pytest.raises(datos.ErrorDatos, match="cifar10-jpg.tar.xz' está dañado"):
        datos.cargar_cifar10()


def test_sin_internet_ni_carpeta_falla_enseguida(monkeypatch, tmp_path):
    monkeypatch.delenv("CURSO_CNN_DATOS", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(datos, "hay_internet", lambda: False)
    inicio = time.perf_counter()
    with pytest.raises(datos.ErrorDatos) as error:
        datos.cargar_mnist()
    assert time.perf_counter() - inicio < 5
    mensaje = str(error.value)
    assert "No hay conexión a Internet" in mensaje and "CURSO_CNN_DATOS" in mensaje and "mnist.npz" in mensaje


def test_comprobacion_de_red_no_se_cuelga():
    inicio = time.perf_counter()
    datos.hay_internet(servidor="10.255.255.1", espera=1.0)
    assert time.perf_counter() - inicio < 3


@con_datos
def test_indice_imagenet_para_decode_predictions(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    destino = datos.instalar_indice_imagenet()
    assert destino == tmp_path / "models" / "imagenet_class_index.json"
    import keras

    # Keras lee el índice de su caché; se parchea la carpeta porque Keras la fija al importarse.
    monkeypatch.setattr(keras.src.utils.file_utils.config, "keras_home", lambda: str(tmp_path))
    prediccion = np.zeros((1, 1000))
    prediccion[0, 281] = 1.0
    mejor = keras.applications.vgg16.decode_predictions(prediccion, top=1)[0][0]
    assert mejor[1] == "tabby"
