"""Cargadores de los conjuntos de datos del curso, con conexión o sin ella.

Cada ``cargar_*()`` devuelve exactamente lo mismo que ``keras.datasets.<nombre>.load_data()``: la tupla
``(x_train, y_train), (x_test, y_test)`` con las mismas formas y tipos.

- Si la variable de entorno ``CURSO_CNN_DATOS`` apunta a una carpeta con copias locales, se leen de ahí y
  nunca se usa la red (aulas sin conexión, CI).
- Si no, se llama a Keras, que descarga los datos la primera vez y los guarda en ``~/.keras/datasets/``.

Estructura esperada de la carpeta de ``CURSO_CNN_DATOS``::

    mnist.npz                      # x_train, y_train, x_test, y_test
    fashion-mnist/                 # los cuatro ficheros IDX originales (.gz)
    cifar10-jpg.tar.xz             # train/<clase>/NNNN.jpg y test/<clase>/NNNN.jpg
    imagenet_class_index.json      # opcional: nombres de las 1000 clases de ImageNet

Se usan desde ``05_capas_convolucionales_keras.ipynb`` (MNIST) en adelante.
"""

import gzip
import io
import json
import os
import shutil
import socket
import tarfile
import zipfile
from pathlib import Path

import numpy as np

#: Variable de entorno con la carpeta de copias locales de los datos.
VARIABLE_DATOS = "CURSO_CNN_DATOS"

#: Clases de CIFAR-10 en el orden de las etiquetas de Keras (0..9), como nombres de carpeta del tar.
CLASES_CIFAR10_ORIGINALES = (
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
)

#: Nombres en español de las clases de CIFAR-10 (mismo orden que las etiquetas).
CLASES_CIFAR10 = (
    "avión", "automóvil", "pájaro", "gato", "ciervo", "perro", "rana", "caballo", "barco", "camión",
)

#: Nombres en español de las clases de Fashion-MNIST (mismo orden que las etiquetas).
CLASES_FASHION_MNIST = (
    "camiseta", "pantalón", "jersey", "vestido", "abrigo",
    "sandalia", "camisa", "zapatilla", "bolso", "botín",
)

_ESTRUCTURA = """\
    mnist.npz
    fashion-mnist/train-images-idx3-ubyte.gz  (y los otros tres ficheros IDX)
    cifar10-jpg.tar.xz
    imagenet_class_index.json  (opcional)"""

_SEMILLA_CIFAR = 1234
_CIFAR_ENTRENAMIENTO, _CIFAR_PRUEBA = 50_000, 10_000
_aviso_jpeg_dado = False


class ErrorDatos(RuntimeError):
    """Error al obtener un conjunto de datos; el mensaje explica en español cómo arreglarlo."""


# --------------------------------------------------------------------------------------------------------
# Carpeta local y caché de Keras
# --------------------------------------------------------------------------------------------------------


def carpeta_datos():
    """Devuelve la carpeta de ``CURSO_CNN_DATOS`` como ``Path``, o ``None`` si la variable no está puesta."""
    valor = os.environ.get(VARIABLE_DATOS, "").strip()
    if not valor:
        return None
    carpeta = Path(valor).expanduser()
    if not carpeta.is_dir():
        raise ErrorDatos(
            f"{VARIABLE_DATOS} apunta a '{carpeta}', que no existe o no es una carpeta.\n"
            f"Corrígela para que apunte a la carpeta con las copias de los datos, con esta estructura:\n"
            f"{_ESTRUCTURA}\n"
            f"o bórrala (unset {VARIABLE_DATOS}) para que Keras descargue los datos de Internet."
        ) from None
    return carpeta


def carpeta_keras():
    """Carpeta de caché de Keras (``$KERAS_HOME`` o ``~/.keras``)."""
    if os.environ.get("KERAS_HOME"):
        return Path(os.environ["KERAS_HOME"]).expanduser()
    return Path.home() / ".keras"


def _fichero(carpeta, nombre):
    ruta = carpeta / nombre
    if not ruta.is_file():
        raise ErrorDatos(
            f"No encuentro '{ruta}'.\n"
            f"La carpeta de {VARIABLE_DATOS} ('{carpeta}') debe tener esta estructura:\n{_ESTRUCTURA}"
        )
    return ruta


def _corrupto(ruta, causa):
    return ErrorDatos(
        f"El fichero '{ruta}' está dañado o incompleto ({causa}).\n"
        f"Vuelve a copiarlo desde el original (o bórralo y deja que Keras lo descargue de nuevo)."
    )


def hay_internet(servidor="storage.googleapis.com", puerto=443, espera=3.0):
    """Comprueba en pocos segundos si se alcanza el servidor de descargas de Keras."""
    try:
        with socket.create_connection((servidor, puerto), timeout=espera):
            return True
    except OSError:
        return False


def _desde_keras(nombre, en_cache):
    """Carga con Keras; sin red y sin copia en caché falla enseguida con un mensaje claro."""
    if not any((carpeta_keras() / "datasets").glob(en_cache)) and not hay_internet():
        raise ErrorDatos(
            f"No hay conexión a Internet y {VARIABLE_DATOS} no está definida, así que no puedo obtener "
            f"'{nombre}'.\n"
            f"Opciones:\n"
            f"  1. Conéctate a Internet: Keras descargará los datos y los guardará en ~/.keras/datasets/.\n"
            f"  2. En un aula sin conexión, copia los datos en una carpeta con esta estructura:\n"
            f"{_ESTRUCTURA}\n"
            f"     y apunta a ella antes de abrir Jupyter: export {VARIABLE_DATOS}=/ruta/a/la/carpeta"
        )
    from helpers import entorno

    entorno.silenciar_tensorflow()
    import keras

    cargador = getattr(keras.datasets, nombre)
    try:
        return cargador.load_data()
    except Exception as error:  # Keras lanza un `Exception` genérico cuando falla la descarga.
        raise ErrorDatos(
            f"Keras no pudo descargar '{nombre}' ({type(error).__name__}: {error}).\n"
            f"Revisa la conexión o define {VARIABLE_DATOS} con una copia local de los datos."
        ) from None


# --------------------------------------------------------------------------------------------------------
# MNIST y Fashion-MNIST
# --------------------------------------------------------------------------------------------------------


def _comprobar_formas(ruta, x, y, n, forma):
    if x.shape != (n, *forma) or y.shape != (n,):
        raise _corrupto(ruta, f"se esperaban {n} imágenes {forma}, hay {x.shape} y etiquetas {y.shape}")


def cargar_mnist():
    """MNIST: 60 000 + 10 000 dígitos manuscritos de 28×28 en gris (``uint8``), etiquetas 0..9."""
    carpeta = carpeta_datos()
    if carpeta is None:
        return _desde_keras("mnist", "mnist.npz")
    ruta = _fichero(carpeta, "mnist.npz")
    try:
        with np.load(ruta, allow_pickle=False) as f:
            x_train, y_train = f["x_train"], f["y_train"]
            x_test, y_test = f["x_test"], f["y_test"]
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as error:
        raise _corrupto(ruta, f"{type(error).__name__}: {error}") from None
    _comprobar_formas(ruta, x_train, y_train, 60_000, (28, 28))
    _comprobar_formas(ruta, x_test, y_test, 10_000, (28, 28))
    return (x_train, y_train), (x_test, y_test)


def _leer_idx(ruta, desplazamiento):
    try:
        with gzip.open(ruta, "rb") as f:
            contenido = f.read()
    except (OSError, EOFError, zipfile.BadZipFile) as error:
        raise _corrupto(ruta, f"{type(error).__name__}: {error}") from None
    return np.frombuffer(contenido, np.uint8, offset=desplazamiento)


def cargar_fashion_mnist():
    """Fashion-MNIST: 60 000 + 10 000 prendas de 28×28 en gris (``uint8``), etiquetas 0..9."""
    carpeta = carpeta_datos()
    if carpeta is None:
        return _desde_keras("fashion_mnist", "fashion-mnist*")
    partes = []
    for prefijo, n in (("train", 60_000), ("t10k", 10_000)):
        ruta_y = _fichero(carpeta, f"fashion-mnist/{prefijo}-labels-idx1-ubyte.gz")
        ruta_x = _fichero(carpeta, f"fashion-mnist/{prefijo}-images-idx3-ubyte.gz")
        y = _leer_idx(ruta_y, 8)
        x = _leer_idx(ruta_x, 16)
        if y.size != n:
            raise _corrupto(ruta_y, f"se esperaban {n} etiquetas y hay {y.size}")
        if x.size != n * 28 * 28:
            raise _corrupto(ruta_x, f"se esperaban {n} imágenes de 28×28 y hay {x.size} bytes")
        partes.append((x.reshape(n, 28, 28), y))
    return partes[0], partes[1]


# --------------------------------------------------------------------------------------------------------
# CIFAR-10 (copia en JPEG)
# --------------------------------------------------------------------------------------------------------


def _decodificar_cifar(ruta):
    """Lee el tar de JPEG y devuelve los arrays en el orden de las carpetas (agrupados por clase)."""
    from PIL import Image

    indice = {nombre: i for i, nombre in enumerate(CLASES_CIFAR10_ORIGINALES)}
    imagenes = {"train": [], "test": []}
    etiquetas = {"train": [], "test": []}
    try:
        with tarfile.open(ruta, "r:*") as tar:
            for miembro in tar:
                partes = Path(miembro.name).parts
                if not miembro.isfile() or len(partes) < 3 or not partes[-1].lower().endswith(".jpg"):
                    continue
                particion, clase = partes[-3], partes[-2]
                if particion not in imagenes or clase not in indice:
                    continue
                datos = tar.extractfile(miembro).read()
                with Image.open(io.BytesIO(datos)) as imagen:
                    imagenes[particion].append(np.asarray(imagen.convert("RGB"), dtype=np.uint8))
                etiquetas[particion].append(indice[clase])
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise _corrupto(ruta, f"{type(error).__name__}: {error}") from None
    resultado = {}
    for particion, n in (("train", _CIFAR_ENTRENAMIENTO), ("test", _CIFAR_PRUEBA)):
        if len(imagenes[particion]) != n:
            raise _corrupto(ruta, f"se esperaban {n} imágenes en '{particion}/' y hay {len(imagenes[particion])}")
        resultado[particion] = (np.stack(imagenes[particion]), np.array(etiquetas[particion], dtype=np.uint8))
    return resultado


def _barajar(x, y, semilla):
    orden = np.random.default_rng(semilla).permutation(len(x))
    return x[orden], y[orden].reshape(-1, 1)


def cargar_cifar10():
    """CIFAR-10: 50 000 + 10 000 imágenes en color de 32×32 (``uint8``), etiquetas ``(n, 1)`` de 0..9.

    Sin conexión se lee la copia en JPEG: se decodifica una vez (unos 15 s), se baraja con una semilla fija
    y se guarda en la caché de Keras para las siguientes veces. Sus píxeles difieren un poco de los
    originales por la compresión JPEG.
    """
    global _aviso_jpeg_dado
    carpeta = carpeta_datos()
    if carpeta is None:
        return _desde_keras("cifar10", "cifar-10-batches-py*")
    ruta = _fichero(carpeta, "cifar10-jpg.tar.xz")
    estado = ruta.stat()
    cache = carpeta_keras() / "datasets" / f"curso_cnn_cifar10_jpg_{estado.st_size}.npz"
    if not _aviso_jpeg_dado:
        print("Aviso: CIFAR-10 se lee de la copia local en JPEG; sus píxeles difieren un poco de los originales.")
        _aviso_jpeg_dado = True
    if cache.is_file():
        try:
            with np.load(cache, allow_pickle=False) as f:
                return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError):
            cache.unlink(missing_ok=True)  # Caché dañada: se regenera.
    partes = _decodificar_cifar(ruta)
    x_train, y_train = _barajar(*partes["train"], semilla=_SEMILLA_CIFAR)
    x_test, y_test = _barajar(*partes["test"], semilla=_SEMILLA_CIFAR + 1)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporal = cache.with_suffix(".tmp.npz")
        np.savez(temporal, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
        temporal.replace(cache)
    except OSError:
        pass  # Sin permiso de escritura: se decodificará de nuevo la próxima vez.
    return (x_train, y_train), (x_test, y_test)


# --------------------------------------------------------------------------------------------------------
# Índice de clases de ImageNet
# --------------------------------------------------------------------------------------------------------


def instalar_indice_imagenet():
    """Copia ``imagenet_class_index.json`` a la caché de Keras para que ``decode_predictions`` funcione
    sin conexión. Devuelve la ruta instalada, o ``None`` si no hay carpeta local o no trae el fichero."""
    carpeta = carpeta_datos()
    if carpeta is None or not (carpeta / "imagenet_class_index.json").is_file():
        return None
    origen = carpeta / "imagenet_class_index.json"
    destino = carpeta_keras() / "models" / "imagenet_class_index.json"
    if destino.is_file() and destino.stat().st_size == origen.stat().st_size:
        return destino
    try:
        with open(origen, encoding="utf-8") as f:
            if len(json.load(f)) != 1000:
                raise ValueError("no tiene 1000 clases")
    except (OSError, ValueError) as error:
        raise _corrupto(origen, str(error)) from None
    destino.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(origen, destino)
    return destino
