"""Redes preentrenadas y transferencia de aprendizaje: pesos ImageNet de VGG16 o una base sustituta.

Se enseña en ``09_transferencia_vgg16.ipynb``.

- ``resolver_pesos_vgg16()`` busca los pesos ImageNet de VGG16 en la caché de Keras
  (``$KERAS_HOME/models/`` o ``~/.keras/models/``) y, si faltan y hay Internet, deja que Keras los descargue.
  Informa en español de qué ficheros encontró y avisa de forma visible cuando no hay ninguno.
- ``obtener_base(pesos)`` devuelve la base convolucional con la que se hace la transferencia: la de VGG16 con
  sus pesos ImageNet si están, o la **base sustituta** que el propio curso preentrena (una CNN compacta entrenada
  en las 8 clases de CIFAR-10 que no son las de la tarea), guardada una vez en la caché de Keras.
- ``extraer_caracteristicas``, ``crear_clasificador``, ``modelo_con_base`` y ``modelo_desde_cero`` son el mismo
  camino para las dos bases: extracción de características con la base congelada, ajuste fino del último
  bloque y la comparación con la misma red entrenada desde cero.
"""

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from helpers import datos, entorno

#: Fichero de pesos de VGG16 con su clasificador (``include_top=True``), unos 528 MiB.
FICHERO_VGG16 = "vgg16_weights_tf_dim_ordering_tf_kernels.h5"
#: Fichero de pesos de la base convolucional de VGG16 (``include_top=False``), unos 56 MiB.
FICHERO_VGG16_BASE = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"

_URL_PESOS = "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
_HASH_MD5 = {
    FICHERO_VGG16: "64373286793e3c8b2b4e3219cbf3544b",
    FICHERO_VGG16_BASE: "6d6bbae143d832006294945121d1f1fc",
}
# Tamaño de cada fichero original: uno más pequeño es una copia o una descarga cortada.
_TAMANO_BYTES = {
    FICHERO_VGG16: 553_467_096,
    FICHERO_VGG16_BASE: 58_889_256,
}
_DESCRIPCION = {
    FICHERO_VGG16: "red completa, con su clasificador de 1000 clases",
    FICHERO_VGG16_BASE: "solo la base convolucional (include_top=False)",
}
# Todo fichero HDF5 empieza por esta firma (en el byte 0, o en 512, 1024... si lleva un bloque de usuario).
_FIRMA_HDF5 = b"\x89HDF\r\n\x1a\n"

#: Clases de CIFAR-10 de la tarea de transferencia del cuaderno 09: avión (0) y pájaro (2), dos clases que se
#: confunden (las dos salen contra el cielo). La base sustituta se preentrena con las otras 8.
CLASES_OBJETIVO = (0, 2)

#: Versión de la receta de la base sustituta: cambia el nombre del fichero en caché si cambia la receta.
_VERSION_SUSTITUTA = 1


# --------------------------------------------------------------------------------------------------------
# Pesos ImageNet de VGG16
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PesosVGG16:
    """Qué ficheros de pesos ImageNet de VGG16 hay: rutas (o ``None``) y de dónde salieron."""

    completa: Path | None
    base: Path | None
    carpeta: Path
    origen: dict = field(default_factory=dict)

    @property
    def hay_alguno(self):
        return self.completa is not None or self.base is not None

    def ruta(self, incluir_clasificador):
        """Ruta del fichero que corresponde a ``include_top``, o ``None`` si no está."""
        return self.completa if incluir_clasificador else self.base


def carpeta_modelos():
    """Carpeta de modelos de la caché de Keras: ``$KERAS_HOME/models`` o ``~/.keras/models``."""
    return datos.carpeta_keras() / "models"


def _estado_fichero(ruta):
    """``"encontrado"``, ``"falta"``, ``"dañado"`` (vacío o sin la firma de HDF5) o ``"incompleto"`` (con la
    firma, pero más pequeño que el original: una copia o una descarga cortada)."""
    if not ruta.is_file():
        return "falta"
    try:
        with open(ruta, "rb") as f:
            cabecera = f.read(2048 + len(_FIRMA_HDF5))
    except OSError:
        return "dañado"
    if not any(cabecera[p : p + len(_FIRMA_HDF5)] == _FIRMA_HDF5 for p in (0, 512, 1024, 2048)):
        return "dañado"
    esperado = _TAMANO_BYTES.get(ruta.name)
    if esperado is not None and ruta.stat().st_size < esperado:
        return "incompleto"
    return "encontrado"


def _descargar(nombre):
    """Descarga con Keras (comprueba el MD5); devuelve la ruta o ``None`` si falla."""
    import keras

    try:
        ruta = keras.utils.get_file(
            nombre, _URL_PESOS + nombre, cache_subdir="models", file_hash=_HASH_MD5[nombre]
        )
    except Exception:  # Keras lanza un `Exception` genérico si la descarga falla.
        return None
    return Path(ruta)


def _tamano(ruta):
    return f"{ruta.stat().st_size / 2**20:.1f} MiB"


def resolver_pesos_vgg16(descargar=True, espera=3.0, informar=True):
    """Busca los pesos ImageNet de VGG16 y devuelve un ``PesosVGG16``.

    1. Mira en la caché de Keras (``$KERAS_HOME/models/`` o ``~/.keras/models/``) los dos ficheros,
       ``FICHERO_VGG16`` (con clasificador) y ``FICHERO_VGG16_BASE`` (sin él).
    2. Si falta alguno, ``descargar`` es cierto y hay Internet (se comprueba en ``espera`` segundos como
       mucho), deja que Keras lo descargue a esa misma carpeta.
    3. Con ``informar`` escribe en español qué encontró y, si no hay ninguno, un aviso bien visible.
    """
    if not isinstance(espera, (int, float)) or espera <= 0:
        raise ValueError(f"`espera` debe ser un número de segundos mayor que 0; se recibió {espera!r}.")
    carpeta = carpeta_modelos()
    rutas, origen, estados = {}, {}, {}
    for nombre in (FICHERO_VGG16, FICHERO_VGG16_BASE):
        estados[nombre] = _estado_fichero(carpeta / nombre)
        if estados[nombre] == "encontrado":
            rutas[nombre], origen[nombre] = carpeta / nombre, "caché de Keras"
    faltan = [n for n in (FICHERO_VGG16, FICHERO_VGG16_BASE) if n not in rutas]
    hay_red = bool(faltan) and descargar and datos.hay_internet(espera=espera)
    for nombre in faltan if hay_red else []:
        ruta = _descargar(nombre)
        if ruta is not None and _estado_fichero(ruta) == "encontrado":
            rutas[nombre], origen[nombre] = ruta, "descargado por Keras"
    pesos = PesosVGG16(rutas.get(FICHERO_VGG16), rutas.get(FICHERO_VGG16_BASE), carpeta, origen)
    if informar:
        _informar(pesos, estados, descargar, hay_red)
    return pesos


def _informar(pesos, estados, descargar, hay_red):
    print("Pesos ImageNet de VGG16 en la caché de Keras ($KERAS_HOME/models, por defecto ~/.keras/models):")
    for nombre in (FICHERO_VGG16, FICHERO_VGG16_BASE):
        ruta = pesos.completa if nombre == FICHERO_VGG16 else pesos.base
        if ruta is not None:
            detalle = f"✅ {pesos.origen[nombre]} ({_tamano(ruta)})"
        elif estados[nombre] == "dañado":
            detalle = "❌ está, pero dañado (vacío o no es HDF5): bórralo y vuelve a copiarlo"
        elif estados[nombre] == "incompleto":
            ruta = pesos.carpeta / nombre
            detalle = (f"❌ está, pero incompleto ({_tamano(ruta)} de {_TAMANO_BYTES[nombre] / 2**20:.1f} MiB, "
                       "una copia cortada): bórralo y vuelve a copiarlo")
        else:
            detalle = "❌ no está"
        print(f"  {nombre}\n      {_DESCRIPCION[nombre]}: {detalle}")
    if pesos.completa is not None and pesos.base is None:
        print(f"  Falta {FICHERO_VGG16_BASE}: la transferencia (sección 7) usará la base sustituta. Cópialo también.")
    elif pesos.base is not None and pesos.completa is None:
        print(f"  Falta {FICHERO_VGG16}: VGG16 completa y la clasificación de la foto usarán pesos aleatorios;")
        print("  la transferencia sí usa la base de VGG16 con ImageNet.")
    if pesos.hay_alguno:
        return
    if not descargar:
        motivo = "no están en la caché de Keras y se pidió no descargarlos"
    elif not hay_red:
        motivo = "no están en la caché de Keras y no hay conexión a Internet para descargarlos"
    else:
        motivo = "no están en la caché de Keras y la descarga falló"
    lineas = [
        "AVISO: este equipo NO tiene los pesos ImageNet de VGG16",
        f"({motivo}).",
        "· La anatomía de VGG16 (capas, formas, parámetros) se construye igual con weights=None.",
        "· Con pesos aleatorios las predicciones NO significan nada: solo se muestran sus formas.",
        "· La transferencia de aprendizaje usa la BASE SUSTITUTA que preentrena el propio curso",
        "  (una CNN compacta entrenada en las otras 8 clases de CIFAR-10).",
        "· Para usar los pesos reales sin conexión, copia los dos ficheros .h5 a la caché de Keras",
        "  (sección «Aulas sin conexión» del cuaderno 09).",
    ]
    ancho = max(len(linea) for linea in lineas)
    print("┏" + "━" * (ancho + 2) + "┓")
    for linea in lineas:
        print(f"┃ {linea.ljust(ancho)} ┃")
    print("┗" + "━" * (ancho + 2) + "┛")


def crear_vgg16(pesos=None, incluir_clasificador=True, forma_entrada=None):
    """Construye VGG16 con los pesos ImageNet de ``pesos`` si están, o con pesos aleatorios si no.

    ``pesos`` es el ``PesosVGG16`` de ``resolver_pesos_vgg16()`` (o ``None`` para pesos aleatorios).
    Devuelve ``(modelo, con_imagenet)``: ``con_imagenet`` dice si los pesos son los de ImageNet.
    """
    from keras.applications import VGG16

    if pesos is not None and not isinstance(pesos, PesosVGG16):
        raise TypeError(
            f"`pesos` debe ser el resultado de resolver_pesos_vgg16() o None; se recibió {type(pesos).__name__}."
        )
    ruta = pesos.ruta(incluir_clasificador) if pesos is not None else None
    try:
        modelo = VGG16(
            include_top=incluir_clasificador,
            weights=str(ruta) if ruta is not None else None,
            input_shape=forma_entrada,
        )
    except (OSError, ValueError, KeyError) as error:
        if ruta is None:
            raise
        # h5py o Keras fallan con un mensaje en inglés y una traza larga: basta con decir qué fichero y qué hacer.
        raise ValueError(
            f"No se pudieron cargar los pesos de ImageNet de {ruta}: el fichero está dañado aunque tenga el "
            f"tamaño correcto (al leerlo falla con {type(error).__name__}). Bórralo y vuelve a copiarlo o a "
            "descargarlo (sección 4 del cuaderno 09)."
        ) from None
    return modelo, ruta is not None


def resumen_redes_keras(nombres=("VGG16", "InceptionV3", "Xception", "ResNet50", "MobileNet")):
    """Construye cada red de ``keras.applications`` con ``weights=None`` (sin descargar nada) y devuelve una
    fila por red: nombre, lado de la imagen de entrada, parámetros totales, parámetros de la base (sin el
    clasificador) y número de capas de Keras."""
    import gc

    import keras

    filas = []
    for nombre in nombres:
        constructor = getattr(keras.applications, nombre, None)
        if constructor is None:
            raise ValueError(f"keras.applications no tiene la red {nombre!r}.")
        completa = constructor(weights=None)
        base = constructor(weights=None, include_top=False, input_shape=completa.input_shape[1:])
        filas.append(
            {
                "red": nombre,
                "entrada": tuple(completa.input_shape[1:]),
                "parametros": completa.count_params(),
                "parametros_base": base.count_params(),
                "capas": len(completa.layers),
            }
        )
        del completa, base
        gc.collect()
    return filas


# --------------------------------------------------------------------------------------------------------
# Bases convolucionales: VGG16 con ImageNet o la base sustituta del curso
# --------------------------------------------------------------------------------------------------------


@dataclass
class BasePreentrenada:
    """Una base convolucional preentrenada y lo necesario para usarla igual sea cual sea."""

    modelo: object  # keras.Model sin clasificador
    nombre: str
    sustituta: bool
    ultimo_bloque: tuple  # nombres de las capas que se descongelan en el ajuste fino
    preprocesado: str  # "vgg16" (RGB→BGR y resta de la media de ImageNet) o "escala_01" (÷255)

    def preprocesar(self, imagenes):
        """Convierte imágenes ``uint8`` (n, alto, ancho, 3) en la entrada que espera esta base."""
        imagenes = np.asarray(imagenes)
        if imagenes.ndim != 4 or imagenes.shape[-1] != 3:
            raise ValueError(
                f"Se esperaba un lote de imágenes en color (n, alto, ancho, 3); tiene forma {imagenes.shape}."
            )
        x = imagenes.astype("float32")
        if self.preprocesado == "vgg16":
            from keras.applications.vgg16 import preprocess_input

            return preprocess_input(x)
        return x / 255.0

    @property
    def identificador(self):
        """Huella de los pesos: distingue bases distintas en la caché de características."""
        huella = hashlib.sha1()
        for peso in self.modelo.get_weights():
            huella.update(np.ascontiguousarray(peso).tobytes())
        return huella.hexdigest()[:16]


def construir_base_compacta(forma_entrada=(32, 32, 3), anchos=(32, 64, 128), nombre="base_compacta"):
    """CNN compacta al estilo de VGG: bloques de dos convoluciones 3×3 (con BatchNormalization y ReLU) y un
    max-pooling 2×2. Los nombres de las capas dicen su bloque (``bloque3_conv1``...), como en VGG16."""
    import keras
    from keras import layers

    entrada = keras.Input(shape=forma_entrada, name="imagen")
    x = entrada
    for bloque, ancho in enumerate(anchos, start=1):
        for numero in (1, 2):
            prefijo = f"bloque{bloque}_"
            x = layers.Conv2D(
                filters=ancho, kernel_size=3, padding="same", use_bias=False, name=f"{prefijo}conv{numero}"
            )(x)
            x = layers.BatchNormalization(name=f"{prefijo}bn{numero}")(x)
            x = layers.Activation("relu", name=f"{prefijo}relu{numero}")(x)
        x = layers.MaxPooling2D(pool_size=2, name=f"bloque{bloque}_pool")(x)
    return keras.Model(entrada, x, name=nombre)


def _capas_del_bloque(modelo, prefijo):
    return tuple(capa.name for capa in modelo.layers if capa.name.startswith(prefijo))


def _datos_preentrenamiento(clases_objetivo, n_imagenes):
    """Las imágenes de CIFAR-10 de las clases que NO son de la tarea, con etiquetas 0..7."""
    (x_train, y_train), (x_test, y_test) = datos.cargar_cifar10()
    otras = [c for c in range(10) if c not in clases_objetivo]
    nueva = np.full(10, -1)
    nueva[otras] = np.arange(len(otras))
    elegir_train = np.isin(y_train[:, 0], otras)
    elegir_test = np.isin(y_test[:, 0], otras)
    x_train, y_train = x_train[elegir_train], nueva[y_train[elegir_train, 0]]
    x_test, y_test = x_test[elegir_test], nueva[y_test[elegir_test, 0]]
    if n_imagenes is not None:
        x_train, y_train = x_train[:n_imagenes], y_train[:n_imagenes]  # CIFAR ya viene barajado
    return (x_train, y_train), (x_test, y_test), otras


def base_sustituta(clases_objetivo=CLASES_OBJETIVO, n_imagenes="modo", epocas="modo", carpeta=None,
                   verbose=2):
    """Devuelve la base sustituta del curso, preentrenándola y guardándola la primera vez.

    Es ``construir_base_compacta()`` entrenada (con un clasificador de 8 salidas que luego se descarta) en las
    8 clases de CIFAR-10 que no son ``clases_objetivo``: nunca ha visto las clases de la tarea. Se guarda en
    ``carpeta`` (por defecto la caché de modelos de Keras) con un nombre que incluye la receta, así que el
    modo rápido (pocas imágenes, una época) y el completo no se mezclan.
    """
    import keras
    from keras import layers

    from helpers.entrenamiento import Progreso, lotes_por_epoca  # barra en español; lotes de 128

    clases_objetivo = tuple(int(c) for c in clases_objetivo)
    if len(clases_objetivo) < 2 or len(set(clases_objetivo)) != len(clases_objetivo) or not all(
        0 <= c <= 9 for c in clases_objetivo
    ):
        raise ValueError(
            f"`clases_objetivo` deben ser al menos dos etiquetas distintas de CIFAR-10 (0..9); "
            f"se recibió {clases_objetivo!r}."
        )
    if n_imagenes == "modo":
        n_imagenes = entorno.segun_modo(completo=None, rapido=2_000)
    if epocas == "modo":
        epocas = entorno.segun_modo(completo=3, rapido=1)
    if n_imagenes is not None and (not isinstance(n_imagenes, int) or n_imagenes < 8):
        raise ValueError(f"`n_imagenes` debe ser None (todas) o un entero ≥ 8; se recibió {n_imagenes!r}.")
    if not isinstance(epocas, int) or epocas < 1:
        raise ValueError(f"`epocas` debe ser un entero ≥ 1; se recibió {epocas!r}.")

    carpeta = Path(carpeta) if carpeta is not None else carpeta_modelos()
    sin = "-".join(str(c) for c in clases_objetivo)
    cantidad = "todas" if n_imagenes is None else str(n_imagenes)
    ruta = carpeta / f"curso_cnn_base_sustituta_v{_VERSION_SUSTITUTA}_sin{sin}_{cantidad}img_{epocas}ep.keras"
    nombres = [datos.CLASES_CIFAR10[c] for c in clases_objetivo]
    descripcion = (
        f"Base SUSTITUTA (no es VGG16): CNN compacta preentrenada por el curso en las 8 clases de CIFAR-10 "
        f"que no son {' ni '.join(nombres)}"
    )

    base = None
    if ruta.is_file():
        try:
            base = keras.models.load_model(ruta, compile=False)
            print(f"{descripcion}.\nCargada de la caché: {ruta.name}")
        except Exception:  # Fichero dañado o de otra versión: se vuelve a entrenar.
            ruta.unlink(missing_ok=True)
    if base is None:
        base = construir_base_compacta()
        (x_train, y_train), (x_test, y_test), _ = _datos_preentrenamiento(clases_objetivo, n_imagenes)
        entrada = keras.Input(shape=x_train.shape[1:], name="imagen")
        x = layers.Rescaling(1 / 255, name="escala_01")(entrada)
        x = layers.RandomFlip("horizontal", name="volteo")(x)
        x = base(x)
        x = layers.GlobalAveragePooling2D(name="promedio_global")(x)
        salida = layers.Dense(units=8, activation="softmax", name="ocho_clases")(x)
        preentreno = keras.Model(entrada, salida, name="preentrenamiento")
        pasos = epocas * lotes_por_epoca(len(x_train), 128)
        calendario = keras.optimizers.schedules.CosineDecay(initial_learning_rate=2e-3, decay_steps=pasos)
        preentreno.compile(
            optimizer=keras.optimizers.Adam(learning_rate=calendario),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        print(f"{descripcion}.\nPreentrenando con {len(x_train)} imágenes y {epocas} épocas...")
        inicio = time.perf_counter()
        progreso = [Progreso(epocas, pasos_por_epoca=lotes_por_epoca(len(x_train), 128))] if verbose else []
        preentreno.fit(x_train, y_train, batch_size=128, epochs=epocas, callbacks=progreso, verbose=0)
        segundos = time.perf_counter() - inicio
        _, exactitud = preentreno.evaluate(x_test, y_test, batch_size=500, verbose=0)
        print(f"Preentrenamiento: {segundos:.0f} s; exactitud en sus 8 clases de test: {exactitud:.4f}")
        try:
            carpeta.mkdir(parents=True, exist_ok=True)
            temporal = ruta.with_name(ruta.stem + ".tmp.keras")
            base.save(temporal)
            temporal.replace(ruta)
            print(f"Guardada en la caché: {ruta.name}")
        except OSError:
            print("No se pudo guardar en la caché: se volverá a entrenar la próxima vez.")
    return BasePreentrenada(
        modelo=base,
        nombre=descripcion,
        sustituta=True,
        ultimo_bloque=_capas_del_bloque(base, "bloque3_"),
        preprocesado="escala_01",
    )


def base_vgg16(pesos, forma_entrada=(32, 32, 3)):
    """La base convolucional de VGG16 con los pesos ImageNet de ``pesos`` (``include_top=False``)."""
    if not isinstance(pesos, PesosVGG16) or pesos.base is None:
        raise ValueError(
            f"Falta el fichero {FICHERO_VGG16_BASE} en la caché de Keras: sin él no hay base de VGG16 "
            f"preentrenada. Usa obtener_base(pesos), que recurre a la base sustituta."
        )
    modelo, _ = crear_vgg16(pesos, incluir_clasificador=False, forma_entrada=forma_entrada)
    return BasePreentrenada(
        modelo=modelo,
        nombre="Base convolucional de VGG16 con los pesos de ImageNet",
        sustituta=False,
        ultimo_bloque=_capas_del_bloque(modelo, "block5_"),
        preprocesado="vgg16",
    )


def obtener_base(pesos, forma_entrada=(32, 32, 3), **opciones_sustituta):
    """La base de la transferencia: VGG16 con ImageNet si ``pesos`` trae su base; si no, la sustituta."""
    if isinstance(pesos, PesosVGG16) and pesos.base is not None:
        base = base_vgg16(pesos, forma_entrada=forma_entrada)
        print(f"Se usa: {base.nombre}.")
        return base
    return base_sustituta(**opciones_sustituta)


# --------------------------------------------------------------------------------------------------------
# El mismo camino para cualquier base: características, clasificador, ajuste fino y desde cero
# --------------------------------------------------------------------------------------------------------


def extraer_caracteristicas(base, imagenes, carpeta=None, lote=128):
    """Pasa las imágenes por la base congelada **una sola vez** y guarda el resultado en caché.

    La caché (un ``.npy`` en ``carpeta``, por defecto la caché de modelos de Keras) se identifica por los
    pesos de la base y por los bytes de las imágenes, así que nunca devuelve características de otra base.
    """
    if not isinstance(base, BasePreentrenada):
        raise TypeError(f"`base` debe ser una BasePreentrenada; se recibió {type(base).__name__}.")
    imagenes = np.asarray(imagenes)
    huella = hashlib.sha1(np.ascontiguousarray(imagenes).tobytes()).hexdigest()[:16]
    carpeta = Path(carpeta) if carpeta is not None else carpeta_modelos()
    ruta = carpeta / f"curso_cnn_caracteristicas_{base.identificador}_{huella}.npy"
    if ruta.is_file():
        try:
            return np.load(ruta, allow_pickle=False)
        except (OSError, ValueError):
            ruta.unlink(missing_ok=True)
    caracteristicas = base.modelo.predict(base.preprocesar(imagenes), batch_size=lote, verbose=0)
    try:
        carpeta.mkdir(parents=True, exist_ok=True)
        np.save(ruta, caracteristicas)
    except OSError:
        pass  # Sin permiso de escritura: se recalcularán la próxima vez.
    return caracteristicas


def crear_clasificador(forma_entrada, clases=2, unidades=64, abandono=0.5, nombre="clasificador"):
    """El clasificador pequeño que va encima de la base: aplanar, una capa densa, dropout y softmax."""
    import keras
    from keras import layers

    entrada = keras.Input(shape=tuple(forma_entrada), name=f"{nombre}_entrada")
    x = layers.Flatten(name=f"{nombre}_aplanar")(entrada)
    x = layers.Dense(units=unidades, activation="relu", name=f"{nombre}_oculta")(x)
    x = layers.Dropout(rate=abandono, name=f"{nombre}_abandono")(x)
    salida = layers.Dense(units=clases, activation="softmax", name=f"{nombre}_salida")(x)
    return keras.Model(entrada, salida, name=nombre)


def compilar(modelo, tasa_aprendizaje):
    """Adam con la tasa indicada, entropía cruzada con etiquetas enteras y exactitud."""
    import keras

    modelo.compile(
        optimizer=keras.optimizers.Adam(learning_rate=tasa_aprendizaje),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return modelo


def modelo_con_base(base, clasificador, descongelar_ultimo_bloque=False, nombre="base_y_clasificador"):
    """Imagen → base preentrenada → clasificador, para entrenar de extremo a extremo.

    La base se llama con ``training=False``: sus BatchNormalization (si las tiene) siguen usando las medias y
    varianzas del preentrenamiento. Con ``descongelar_ultimo_bloque`` solo se entrenan las convoluciones del
    último bloque (nunca las BatchNormalization); el resto de la base queda congelado.
    """
    import keras

    if not isinstance(base, BasePreentrenada):
        raise TypeError(f"`base` debe ser una BasePreentrenada; se recibió {type(base).__name__}.")
    base.modelo.trainable = True
    for capa in base.modelo.layers:
        es_bn = isinstance(capa, keras.layers.BatchNormalization)
        capa.trainable = bool(descongelar_ultimo_bloque and capa.name in base.ultimo_bloque and not es_bn)
    entrada = keras.Input(shape=base.modelo.input_shape[1:], name="imagen")
    salida = clasificador(base.modelo(entrada, training=False))
    return keras.Model(entrada, salida, name=nombre)


def modelo_desde_cero(base, clases=2, nombre="desde_cero", **opciones_clasificador):
    """La misma arquitectura (base + clasificador) con pesos aleatorios: nada preentrenado."""
    import keras

    if not isinstance(base, BasePreentrenada):
        raise TypeError(f"`base` debe ser una BasePreentrenada; se recibió {type(base).__name__}.")
    nueva_base = keras.models.clone_model(base.modelo)  # misma arquitectura, pesos nuevos aleatorios
    for capa in nueva_base.layers:  # el clon copia también qué capas estaban congeladas
        capa.trainable = True
    clasificador = crear_clasificador(
        nueva_base.output_shape[1:], clases=clases, nombre="clasificador_desde_cero", **opciones_clasificador
    )
    entrada = keras.Input(shape=base.modelo.input_shape[1:], name="imagen")
    return keras.Model(entrada, clasificador(nueva_base(entrada)), name=nombre)


def datos_tarea(clases=CLASES_OBJETIVO, por_clase=200):
    """Pocas imágenes de entrenamiento de ``clases`` (``por_clase`` de cada una) y todo su test.

    Las etiquetas pasan a 0..len(clases)-1. Devuelve ``(x_train, y_train), (x_test, y_test)`` en ``uint8``.
    """
    if not isinstance(por_clase, int) or por_clase < 1:
        raise ValueError(f"`por_clase` debe ser un entero ≥ 1; se recibió {por_clase!r}.")
    (x_train, y_train), (x_test, y_test) = datos.cargar_cifar10()
    elegidas = []
    for clase in clases:
        indices = np.flatnonzero(y_train[:, 0] == clase)[:por_clase]
        elegidas.append(indices)
    elegidas = np.sort(np.concatenate(elegidas))  # CIFAR ya viene barajado: las clases quedan mezcladas
    nueva = {int(c): i for i, c in enumerate(clases)}
    en_test = np.isin(y_test[:, 0], clases)
    etiquetar = np.vectorize(lambda c: nueva[int(c)])
    return (
        (x_train[elegidas], etiquetar(y_train[elegidas, 0]).astype("int64")),
        (x_test[en_test], etiquetar(y_test[en_test, 0]).astype("int64")),
    )
