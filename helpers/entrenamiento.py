"""Recetas de entrenamiento del curso: redes, preparación de datos, entrenamiento cronometrado y evaluación.

Un solo sitio para las recetas que usan ``06_mnist.ipynb``, ``07_fashion_mnist.ipynb``, ``08_cifar10.ipynb``,
``09`` (transferencia de aprendizaje) y ``benchmarks/entrenamiento.py``:

- ``normalizar``, ``anadir_canal``, ``one_hot``: preprocesado de imágenes y etiquetas (06).
- ``red_mnist``: la CNN del curso para imágenes de 28×28×1 (06 y 07).
- ``filtros_blanqueo`` y ``red_cifar10``: la red rápida de CIFAR-10, con primera capa de blanqueo (08).
- ``optimizador_coseno``: Adam o SGD con calentamiento lineal y decaimiento coseno de la tasa de aprendizaje;
  ``programa_reinicios`` (``CosenoConReinicios``): el mismo coseno en varios ciclos, cada uno hasta 0.
- ``Receta`` y ``RECETA_MNIST``, ``RECETA_FASHION_MNIST``, ``RECETA_CIFAR10``: los hiperparámetros de cada
  receta, en un solo sitio.
- ``entrenar``: compila y entrena con copias de seguridad (``BackupAndRestore``), cronómetro y una barra de
  progreso en español por época (``Progreso``); ``informar_tiempo`` escribe sus segundos de reloj y de CPU.
- ``evaluar`` y ``predecir``: exactitud en test (opcionalmente con aumento en test: volteo y ``desplazar``) y
  la línea ``Exactitud en test: 0.XXXX`` (``informar_exactitud`` la escribe para probabilidades ya
  calculadas); ``etiquetas_enteras`` acepta etiquetas en cualquier formato.
"""

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import keras
import numpy as np
from keras import layers
from tqdm import tqdm

# --------------------------------------------------------------------------------------------------------
# Preprocesado
# --------------------------------------------------------------------------------------------------------


def _como_array(imagenes, nombre="imagenes"):
    if not isinstance(imagenes, np.ndarray):
        raise TypeError(f"`{nombre}` debe ser un array de NumPy; es {type(imagenes).__name__}.")
    return imagenes


def normalizar(imagenes):
    """Pasa imágenes ``uint8`` con valores 0–255 a ``float32`` con valores 0–1 (se enseña en 06)."""
    imagenes = _como_array(imagenes)
    if imagenes.dtype != np.uint8:
        raise TypeError(
            f"Se esperaban imágenes uint8 (0–255), como las que devuelven los cargadores; el tipo es "
            f"{imagenes.dtype}. Si ya están normalizadas, no vuelvas a dividir entre 255."
        )
    return imagenes.astype("float32") / 255.0


def anadir_canal(imagenes):
    """Añade el eje de canal al final: ``(n, alto, ancho)`` → ``(n, alto, ancho, 1)`` (se enseña en 06)."""
    imagenes = _como_array(imagenes)
    if imagenes.ndim != 3:
        raise ValueError(
            f"Se esperaba un lote de imágenes en gris con forma (n, alto, ancho); la forma es {imagenes.shape}."
        )
    return imagenes[..., np.newaxis]


def one_hot(etiquetas, clases=10):
    """Codificación one-hot con ``np.eye``: la etiqueta ``k`` se convierte en la fila ``k`` de la identidad."""
    etiquetas = np.asarray(etiquetas).reshape(-1)
    if not np.issubdtype(etiquetas.dtype, np.integer):
        raise TypeError(f"Las etiquetas deben ser enteros; el tipo es {etiquetas.dtype}.")
    if etiquetas.size and (etiquetas.min() < 0 or etiquetas.max() >= clases):
        raise ValueError(
            f"Las etiquetas deben estar entre 0 y {clases - 1}; van de {etiquetas.min()} a {etiquetas.max()}."
        )
    return np.eye(clases, dtype="float32")[etiquetas]


# --------------------------------------------------------------------------------------------------------
# Redes
# --------------------------------------------------------------------------------------------------------


def red_mnist(anchos=(16, 32, 64), forma_entrada=(28, 28, 1), activacion="relu", abandono=0.3, clases=10,
              tamano_kernel=3, volteo=False, normalizacion=True, nombre="cnn_curso"):
    """La CNN del curso para MNIST (06, anchuras 16/32/64) y Fashion-MNIST (07, anchuras 32/64/128).

    Un bloque por anchura: convolución ``tamano_kernel``×``tamano_kernel`` con relleno ``same`` (la salida
    conserva el tamaño), normalización por lotes y activación; tras los dos primeros bloques, ``MaxPooling2D``
    de 2×2 (28 → 14 → 7). Después se aplana, se aplica *dropout* y una capa densa con softmax da las
    probabilidades de las ``clases``. Con ``volteo=True`` empieza con ``RandomFlip`` (aumento de datos que
    solo actúa al entrenar: útil en Fashion-MNIST, no en dígitos, que cambian al voltearlos). Con
    ``normalizacion=False`` no hay normalización por lotes y las convoluciones llevan sesgo (red clásica).

    La normalización por lotes usa ``momentum=0.9``: sus medias móviles (las que se usan al evaluar) siguen
    así a los pesos en unas decenas de lotes. Con el 0,99 de Keras van por detrás durante cientos de lotes, y
    tras una sola época de MNIST la red acierta un 93–97 % en test en vez de un 99 %.
    """
    if len(anchos) < 1:
        raise ValueError("`anchos` debe tener al menos una anchura, por ejemplo (32, 64, 128).")
    entrada = keras.Input(shape=forma_entrada, name="imagen")
    x = layers.RandomFlip(mode="horizontal", name="volteo")(entrada) if volteo else entrada
    for i, ancho in enumerate(anchos):
        x = layers.Conv2D(filters=ancho, kernel_size=tamano_kernel, padding="same", use_bias=not normalizacion,
                          name=f"conv{i + 1}")(x)
        if normalizacion:
            x = layers.BatchNormalization(momentum=0.9, name=f"bn{i + 1}")(x)
        x = layers.Activation(activacion, name=f"{activacion}{i + 1}")(x)
        if i < min(2, len(anchos) - 1):
            x = layers.MaxPooling2D(pool_size=2, name=f"pool{i + 1}")(x)
    x = layers.Flatten(name="aplanar")(x)
    if abandono:
        x = layers.Dropout(rate=abandono, name="dropout")(x)
    salida = layers.Dense(units=clases, activation="softmax", name="probabilidades")(x)
    return keras.Model(entrada, salida, name=nombre)


def filtros_blanqueo(imagenes, tamano=2, epsilon=5e-4, max_parches=200_000, semilla=0):
    """Filtros de la capa de blanqueo: decorrelan los parches de ``tamano``×``tamano`` píxeles (08).

    Se toman parches de las imágenes de entrenamiento, se calcula su matriz de covarianza y sus vectores propios
    ``v`` con valores propios ``λ``. Cada filtro es ``v / sqrt(λ + epsilon)``: al convolucionar, las salidas
    quedan incorreladas y con varianza parecida. Se devuelven los filtros y sus opuestos (para que la activación
    que sigue no pierda la mitad de la información): un kernel de forma ``(tamano, tamano, canales, 2·d)`` con
    ``d = tamano·tamano·canales``.
    """
    imagenes = _como_array(imagenes)
    if imagenes.ndim != 4:
        raise ValueError(f"Se esperaba un lote (n, alto, ancho, canales); la forma es {imagenes.shape}.")
    n, alto, ancho, canales = imagenes.shape
    generador = np.random.default_rng(semilla)
    cuantos = min(max_parches, n * (alto - tamano + 1) * (ancho - tamano + 1))
    indice = generador.integers(0, n, cuantos)
    fila = generador.integers(0, alto - tamano + 1, cuantos)
    columna = generador.integers(0, ancho - tamano + 1, cuantos)
    desplazamientos = np.arange(tamano)
    filas = fila[:, None, None] + desplazamientos[None, :, None]
    columnas = columna[:, None, None] + desplazamientos[None, None, :]
    parches = imagenes[indice[:, None, None], filas, columnas].astype("float64")  # (cuantos, t, t, canales)
    parches = parches.reshape(cuantos, -1)
    covarianza = np.cov(parches, rowvar=False)
    valores, vectores = np.linalg.eigh(covarianza)
    filtros = vectores / np.sqrt(valores + epsilon)  # columnas: un filtro por vector propio
    filtros = np.concatenate([filtros, -filtros], axis=1)
    return filtros.reshape(tamano, tamano, canales, -1).astype("float32")


def red_cifar10(imagenes_entrenamiento, anchos=(32, 96, 192), aumentar=True, desplazamiento=2, clases=10,
                activacion="relu", nombre="cnn_cifar10"):
    """La red rápida de CIFAR-10 del curso (08), inspirada en *airbench* (Keller Jordan, 2024).

    - Normaliza cada canal con la media y la desviación de ``imagenes_entrenamiento`` (``uint8``).
    - Aumento de datos con capas de Keras que solo actúan al entrenar: volteo horizontal y traslación de hasta
      ``desplazamiento`` píxeles.
    - Blanqueo: convolución 2×2 fija (no se entrena) con los filtros de ``filtros_blanqueo`` y la activación.
    - Tres bloques, uno por anchura: conv 3×3 → max-pooling 2×2 → BN → activación → conv 3×3 → BN →
      activación. Reducir la resolución tras la primera convolución del bloque ahorra cálculo.
    - ``activacion``: ReLU por defecto (*airbench* usa GELU, un 10 % más lenta en esta CPU). Las anchuras por
      defecto, 32/96/192, son las que caben en 15 minutos de una CPU de 2 núcleos con ``RECETA_CIFAR10``.
    - Max-pooling global y una capa densa con softmax.
    """
    imagenes_entrenamiento = _como_array(imagenes_entrenamiento, "imagenes_entrenamiento")
    if imagenes_entrenamiento.ndim != 4 or imagenes_entrenamiento.shape[-1] != 3:
        raise ValueError(
            "Se esperaban imágenes en color (n, alto, ancho, 3), como las de CIFAR-10; la forma es "
            f"{imagenes_entrenamiento.shape}."
        )
    muestra = imagenes_entrenamiento[:10_000].astype("float32")
    media = muestra.mean(axis=(0, 1, 2))
    desviacion = muestra.std(axis=(0, 1, 2))
    kernel = filtros_blanqueo((muestra - media) / desviacion)

    entrada = keras.Input(shape=imagenes_entrenamiento.shape[1:], name="imagen")
    x = layers.Normalization(mean=media, variance=desviacion**2, name="normalizar")(entrada)
    if aumentar:
        x = layers.RandomFlip(mode="horizontal", name="volteo")(x)
        fraccion = desplazamiento / imagenes_entrenamiento.shape[1]
        x = layers.RandomTranslation(height_factor=fraccion, width_factor=fraccion, fill_mode="reflect",
                                     interpolation="nearest", name="traslacion")(x)
    blanqueo = layers.Conv2D(filters=kernel.shape[-1], kernel_size=kernel.shape[0], use_bias=False,
                             trainable=False, name="blanqueo")
    x = blanqueo(x)
    blanqueo.set_weights([kernel])
    x = layers.Activation(activacion, name=f"{activacion}0")(x)
    for i, ancho in enumerate(anchos, start=1):
        x = layers.Conv2D(filters=ancho, kernel_size=3, padding="same", use_bias=False, name=f"b{i}_conv1")(x)
        x = layers.MaxPooling2D(pool_size=2, name=f"b{i}_pool")(x)
        x = layers.BatchNormalization(momentum=0.9, name=f"b{i}_bn1")(x)
        x = layers.Activation(activacion, name=f"b{i}_{activacion}1")(x)
        x = layers.Conv2D(filters=ancho, kernel_size=3, padding="same", use_bias=False, name=f"b{i}_conv2")(x)
        x = layers.BatchNormalization(momentum=0.9, name=f"b{i}_bn2")(x)
        x = layers.Activation(activacion, name=f"b{i}_{activacion}2")(x)
    x = layers.GlobalMaxPooling2D(name="max_global")(x)
    salida = layers.Dense(units=clases, activation="softmax", name="probabilidades")(x)
    return keras.Model(entrada, salida, name=nombre)


# --------------------------------------------------------------------------------------------------------
# Optimización
# --------------------------------------------------------------------------------------------------------


def lotes_por_epoca(n_imagenes, tamano_lote):
    """Número de lotes (pasos del optimizador) de una época: ``n_imagenes / tamano_lote`` redondeado hacia
    arriba, porque el último lote puede ir incompleto."""
    return int(np.ceil(n_imagenes / tamano_lote))


def programa_coseno(pasos_totales, pico=3e-3, fraccion_calentamiento=0.15):
    """Paso de aprendizaje con calentamiento lineal (de 0 a ``pico``) y decaimiento coseno hasta 0.

    Es un ``keras.optimizers.schedules.CosineDecay``: se llama con el número de paso y devuelve el paso de
    aprendizaje de ese momento.
    """
    if pasos_totales < 1:
        raise ValueError(f"`pasos_totales` debe ser al menos 1; es {pasos_totales}.")
    if not 0 <= fraccion_calentamiento < 1:
        raise ValueError(f"`fraccion_calentamiento` debe estar en [0, 1); es {fraccion_calentamiento}.")
    calentamiento = int(round(pasos_totales * fraccion_calentamiento))
    return keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=0.0,
        decay_steps=max(1, pasos_totales - calentamiento),
        warmup_target=pico,
        warmup_steps=calentamiento,
        alpha=0.0,
    )


class CosenoConReinicios(keras.optimizers.schedules.LearningRateSchedule):
    """Calentamiento lineal y varios ciclos de decaimiento coseno, cada uno de ``pico`` a 0 (06).

    ``limites`` son los pasos donde acaba cada ciclo (crecientes); el calentamiento, de 0 a ``pico`` en
    ``pasos_calentamiento`` pasos, ocurre al principio del primero. Al final de cada ciclo la tasa llega a 0,
    así que el modelo queda afinado (*SGDR*, Loshchilov y Hutter, 2017): con ciclos de 1 y 2 épocas, ya es
    bueno tras la primera época y mejor tras la tercera.
    """

    def __init__(self, limites, pico, pasos_calentamiento=0):
        super().__init__()
        self.limites = [int(limite) for limite in limites]
        crecientes = all(a < b for a, b in zip(self.limites, self.limites[1:], strict=False))
        if not self.limites or self.limites[0] < 1 or not crecientes:
            raise ValueError(f"`limites` debe ser una lista creciente de pasos ≥ 1; es {limites}.")
        self.pico = float(pico)
        self.pasos_calentamiento = int(pasos_calentamiento)

    def __call__(self, paso):
        paso = keras.ops.cast(paso, "float32")
        tasa = keras.ops.zeros_like(paso)
        for inicio, fin in zip([0, *self.limites[:-1]], self.limites, strict=True):
            dentro = keras.ops.logical_and(paso >= inicio, paso < fin)
            coseno = 0.5 * self.pico * (1 + keras.ops.cos(np.pi * (paso - inicio) / (fin - inicio)))
            tasa = keras.ops.where(dentro, coseno, tasa)
        calentamiento = keras.ops.minimum(1.0, (paso + 1) / max(1, self.pasos_calentamiento))
        return tasa * calentamiento

    def get_config(self):
        return {"limites": self.limites, "pico": self.pico, "pasos_calentamiento": self.pasos_calentamiento}


def programa_reinicios(ciclos, pasos_por_epoca, pico=1e-2, fraccion_calentamiento=0.15):
    """``CosenoConReinicios`` con ciclos de ``ciclos`` épocas (por ejemplo ``(1, 2)``); el calentamiento ocupa
    ``fraccion_calentamiento`` del primer ciclo."""
    if not ciclos or any(int(ciclo) < 1 for ciclo in ciclos):
        raise ValueError(f"`ciclos` debe ser una lista de épocas ≥ 1, por ejemplo (1, 2); es {ciclos}.")
    limites = np.cumsum([int(ciclo) * pasos_por_epoca for ciclo in ciclos])
    calentamiento = int(round(fraccion_calentamiento * limites[0]))
    return CosenoConReinicios(limites, pico, calentamiento)


def _optimizador(programa, tipo="adam", momento=0.9, decaimiento_pesos=0.0):
    opciones = {"weight_decay": decaimiento_pesos or None}
    if tipo == "adam":
        optimizador = keras.optimizers.Adam(learning_rate=programa, **opciones)
    elif tipo == "sgd":
        optimizador = keras.optimizers.SGD(learning_rate=programa, momentum=momento, nesterov=True, **opciones)
    else:
        raise ValueError(f"`tipo` debe ser 'adam' o 'sgd'; es {tipo!r}.")
    if decaimiento_pesos:
        optimizador.exclude_from_weight_decay(var_names=["bias", "gamma", "beta"])
    return optimizador


def optimizador_coseno(pasos_totales, pico=3e-3, fraccion_calentamiento=0.15, tipo="adam", momento=0.9,
                       decaimiento_pesos=0.0):
    """Optimizador con el programa de ``programa_coseno`` (calentamiento lineal y decaimiento coseno).

    ``tipo`` es ``"adam"`` o ``"sgd"`` (SGD con momento de Nesterov). ``decaimiento_pesos`` (*weight decay*)
    no se aplica a sesgos ni a los parámetros de la normalización por lotes.
    """
    programa = programa_coseno(pasos_totales, pico, fraccion_calentamiento)
    return _optimizador(programa, tipo, momento, decaimiento_pesos)


@dataclass(frozen=True)
class Receta:
    """Los hiperparámetros de entrenamiento de una receta del curso, en un solo sitio.

    Los cuadernos 06–08 y ``benchmarks/entrenamiento.py`` los leen de aquí (``RECETA_MNIST``,
    ``RECETA_FASHION_MNIST``, ``RECETA_CIFAR10``), así que no pueden desviarse unos de otros. Sin ``ciclos``,
    la tasa sigue un solo calentamiento + coseno a lo largo de todas las épocas; con ``ciclos`` (épocas de
    cada ciclo, que suman ``epocas``), un coseno con reinicios (``CosenoConReinicios``).
    """

    epocas: int
    tamano_lote: int
    pico: float
    tipo: str = "adam"
    fraccion_calentamiento: float = 0.15
    decaimiento_pesos: float = 0.0
    suavizado: float = 0.0
    ciclos: tuple = ()

    def __post_init__(self):
        if self.ciclos and sum(self.ciclos) != self.epocas:
            raise ValueError(f"Los ciclos {self.ciclos} deben sumar las {self.epocas} épocas de la receta.")

    def programa(self, n_imagenes, epocas=None):
        """El programa de la tasa de aprendizaje para ``n_imagenes`` de entrenamiento y ``epocas``.

        Con ``ciclos`` y menos épocas que la receta (el modo rápido), se usan los ciclos que caben, recortando
        el último; con más, se alarga el último."""
        epocas = self.epocas if epocas is None else epocas
        pasos_por_epoca = lotes_por_epoca(n_imagenes, self.tamano_lote)
        if not self.ciclos:
            return programa_coseno(epocas * pasos_por_epoca, pico=self.pico,
                                   fraccion_calentamiento=self.fraccion_calentamiento)
        ciclos, restantes = [], epocas
        for ciclo in self.ciclos:
            if restantes <= 0:
                break
            ciclos.append(min(ciclo, restantes))
            restantes -= ciclos[-1]
        ciclos[-1] += max(0, restantes)
        return programa_reinicios(ciclos, pasos_por_epoca, pico=self.pico,
                                  fraccion_calentamiento=self.fraccion_calentamiento)

    def optimizador(self, n_imagenes, epocas=None):
        """El optimizador con el ``programa`` de la receta para ``n_imagenes`` de entrenamiento y ``epocas``."""
        return _optimizador(self.programa(n_imagenes, epocas), tipo=self.tipo,
                            decaimiento_pesos=self.decaimiento_pesos)

    def entrenar(self, modelo, x, y, epocas=None, **opciones):
        """``entrenar`` con el lote, el optimizador y el suavizado de la receta; ``opciones`` se le pasan tal
        cual (``validacion``, ``nombre_copia``, ``verbose``...)."""
        epocas = self.epocas if epocas is None else epocas
        return entrenar(modelo, x, y, epocas=epocas, tamano_lote=self.tamano_lote,
                        optimizador=self.optimizador(len(x), epocas), suavizado=self.suavizado, **opciones)


#: CNN del curso en MNIST (06): Adam con pico 0,02 y dos ciclos de coseno (1 y 2 épocas), suavizado 0,1.
RECETA_MNIST = Receta(epocas=3, tamano_lote=128, pico=2e-2, suavizado=0.1, ciclos=(1, 2))
#: Fashion-MNIST (07): Adam con pico 3e-3 y un solo coseno a lo largo de 10 épocas (el problema es más difícil).
RECETA_FASHION_MNIST = Receta(epocas=10, tamano_lote=128, pico=3e-3, suavizado=0.1)
#: Red rápida de CIFAR-10 (08): SGD-Nesterov, *weight decay* y suavizado fuerte.
RECETA_CIFAR10 = Receta(epocas=10, tamano_lote=128, pico=0.08, tipo="sgd", fraccion_calentamiento=0.05,
                        decaimiento_pesos=5e-4, suavizado=0.2)


# --------------------------------------------------------------------------------------------------------
# Entrenamiento cronometrado con copias de seguridad
# --------------------------------------------------------------------------------------------------------


class Cronometro(keras.callbacks.Callback):
    """Callback de Keras que mide los segundos de entrenamiento de cada época (sin la validación).

    Mide el tiempo de reloj y el tiempo de CPU del proceso (la suma de todos sus hilos): en una máquina
    compartida el reloj incluye las esperas por otros procesos; la CPU, no.
    """

    def __init__(self):
        super().__init__()
        self.segundos_por_epoca = []
        self.segundos_cpu_por_epoca = []
        self._inicio = None

    def on_epoch_begin(self, epoch, logs=None):
        self._inicio = (time.perf_counter(), time.process_time())

    def _parar(self):
        if self._inicio is not None:
            self.segundos_por_epoca.append(time.perf_counter() - self._inicio[0])
            self.segundos_cpu_por_epoca.append(time.process_time() - self._inicio[1])
            self._inicio = None

    def on_test_begin(self, logs=None):
        self._parar()

    def on_epoch_end(self, epoch, logs=None):
        self._parar()


class Progreso(keras.callbacks.Callback):
    """Una barra de progreso en español por época (con ``tqdm``), que al terminar la época muestra la pérdida
    y la exactitud de entrenamiento y, si hay validación, las de validación.

    Sustituye a las líneas de Keras (en inglés). Se escribe en la salida estándar y se refresca como mucho cada
    ``intervalo`` segundos, para que el cuaderno guardado no crezca con cada refresco.
    """

    NOMBRES = {"loss": "pérdida", "accuracy": "exactitud", "val_loss": "pérdida val.",
               "val_accuracy": "exactitud val."}

    def __init__(self, epocas, pasos_por_epoca, intervalo=2.0):
        super().__init__()
        self.epocas = epocas
        self.pasos_por_epoca = pasos_por_epoca
        self.intervalo = intervalo
        self._barra = None

    def on_epoch_begin(self, epoch, logs=None):
        self._barra = tqdm(
            total=self.pasos_por_epoca, desc=f"Época {epoch + 1}/{self.epocas}", file=sys.stdout,
            mininterval=self.intervalo,
            bar_format="{desc}: {percentage:3.0f}%|{bar:20}| {n_fmt}/{total_fmt} lotes "
                       "[{elapsed}<{remaining}]{postfix}",
        )

    def on_train_batch_end(self, batch, logs=None):
        self._barra.update(1)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        metricas = [f"{nombre} {logs[clave]:.4f}" for clave, nombre in self.NOMBRES.items() if clave in logs]
        self._barra.set_postfix_str(" · ".join(metricas), refresh=False)
        self._barra.close()


@dataclass
class Resultado:
    """Lo que devuelve ``entrenar``: el historial por época y los segundos de entrenamiento."""

    historial: dict
    segundos_por_epoca: list = field(default_factory=list)
    segundos_cpu_por_epoca: list = field(default_factory=list)

    @property
    def segundos(self):
        """Segundos de reloj de entrenamiento (sin la validación)."""
        return float(sum(self.segundos_por_epoca))

    @property
    def segundos_cpu(self):
        """Segundos de CPU del proceso mientras entrenaba, sumando todos los núcleos."""
        return float(sum(self.segundos_cpu_por_epoca))

    @property
    def epocas(self):
        return len(self.segundos_por_epoca)


#: Variable de entorno con la carpeta de las copias de seguridad (en Colab, una carpeta de Google Drive).
VARIABLE_COPIAS = "CURSO_CNN_COPIAS"


def carpeta_copias(nombre):
    """Carpeta para las copias de seguridad de un entrenamiento (06): ``<CURSO_CNN_COPIAS>/<nombre>`` si esa
    variable de entorno está definida; si no, ``data/copias/<nombre>`` si el repositorio tiene carpeta
    ``data/``, y si tampoco (por ejemplo, instalado en Colab), una carpeta temporal.

    En Colab la carpeta temporal desaparece cuando se recicla la máquina; para que la copia sobreviva, monta
    Google Drive y apunta la variable a una carpeta suya::

        from google.colab import drive
        drive.mount("/content/drive")
        os.environ["CURSO_CNN_COPIAS"] = "/content/drive/MyDrive/curso_cnn_copias"
    """
    elegida = os.environ.get(VARIABLE_COPIAS, "").strip()
    if elegida:
        return Path(elegida).expanduser() / nombre
    raiz = Path(__file__).resolve().parent.parent / "data"
    base = raiz / "copias" if raiz.is_dir() else Path(tempfile.gettempdir()) / "curso_cnn_copias"
    return base / nombre


def entrenar(modelo, x, y, epocas, tamano_lote=128, optimizador=None, validacion=None, suavizado=0.0,
             nombre_copia=None, callbacks=(), verbose="auto"):
    """Compila ``modelo`` y lo entrena ``epocas`` épocas; devuelve un ``Resultado``.

    - ``y`` son etiquetas enteras o one-hot; se pasan a one-hot para poder suavizarlas (``suavizado``).
    - ``optimizador``: si es ``None``, Adam con calentamiento y coseno (pico 3e-3).
    - ``validacion``: tupla ``(x_val, y_val)`` evaluada al final de cada época (curvas de aprendizaje).
    - ``nombre_copia``: activa ``keras.callbacks.BackupAndRestore`` en ``carpeta_copias(nombre_copia)``; si
      el entrenamiento se interrumpe (Colab se desconecta), al volver a ejecutar la celda continúa desde la
      última época completa. La copia se borra cuando el entrenamiento termina.
    - ``verbose``: ``0`` entrena en silencio; cualquier otro valor muestra la barra de ``Progreso``.
    """
    if epocas < 1:
        raise ValueError(f"`epocas` debe ser al menos 1; es {epocas}.")
    clases = modelo.output_shape[-1]
    y = _a_one_hot(y, clases)
    if len(x) != len(y):
        raise ValueError(f"Hay {len(x)} imágenes y {len(y)} etiquetas: deben ser las mismas.")
    pasos = epocas * lotes_por_epoca(len(x), tamano_lote)
    if optimizador is None:
        optimizador = optimizador_coseno(pasos)
    modelo.compile(
        optimizer=optimizador,
        loss=keras.losses.CategoricalCrossentropy(label_smoothing=suavizado),
        metrics=["accuracy"],
    )
    if validacion is not None:
        validacion = (validacion[0], _a_one_hot(validacion[1], clases))
    cronometro = Cronometro()
    lista = [cronometro, *callbacks]
    if verbose != 0:
        lista.append(Progreso(epocas, pasos_por_epoca=lotes_por_epoca(len(x), tamano_lote)))
    if nombre_copia:
        lista.append(keras.callbacks.BackupAndRestore(backup_dir=str(carpeta_copias(nombre_copia))))
    historia = modelo.fit(x, y, batch_size=tamano_lote, epochs=epocas, validation_data=validacion,
                          callbacks=lista, verbose=0)
    if nombre_copia:
        shutil.rmtree(carpeta_copias(nombre_copia), ignore_errors=True)
    return Resultado(historial=dict(historia.history), segundos_por_epoca=cronometro.segundos_por_epoca,
                     segundos_cpu_por_epoca=cronometro.segundos_cpu_por_epoca)


def _a_one_hot(y, clases):
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == clases:
        return y.astype("float32")
    return one_hot(y, clases)


# --------------------------------------------------------------------------------------------------------
# Evaluación
# --------------------------------------------------------------------------------------------------------


def desplazar(imagenes, filas, columnas):
    """Traslada un lote ``(n, alto, ancho, canales)`` ``filas`` píxeles hacia abajo y ``columnas`` hacia la
    derecha (negativos: arriba e izquierda). El borde que queda libre se rellena con el reflejo de la imagen
    incluyendo el último píxel (``d c b a | a b c d``), como hace ``RandomTranslation(fill_mode="reflect")`` al
    entrenar (08); en NumPy ese relleno se llama ``mode="symmetric"``."""
    imagenes = _como_array(imagenes)
    if imagenes.ndim != 4:
        raise ValueError(f"Se esperaba un lote (n, alto, ancho, canales); la forma es {imagenes.shape}.")
    margen = max(abs(filas), abs(columnas))
    if margen == 0:
        return imagenes
    alto, ancho = imagenes.shape[1:3]
    if margen >= min(alto, ancho):
        raise ValueError(f"El desplazamiento ({filas}, {columnas}) es demasiado grande para imágenes de "
                         f"{alto}×{ancho}.")
    relleno = np.pad(imagenes, ((0, 0), (margen, margen), (margen, margen), (0, 0)), mode="symmetric")
    return relleno[:, margen - filas:margen - filas + alto, margen - columnas:margen - columnas + ancho]


def predecir(modelo, x, volteo=False, traslacion=False, tamano_lote=500):
    """Probabilidades de cada clase, con aumento en test (*test-time augmentation*) opcional (08).

    - ``volteo=True``: promedia las de la imagen y su espejo horizontal.
    - ``traslacion=True``: además, promedia (con el mismo peso que la imagen original) las de las copias
      desplazadas un píxel arriba a la izquierda y abajo a la derecha, con y sin volteo.
    """
    def probabilidades(imagenes):
        resultado = modelo.predict(imagenes, batch_size=tamano_lote, verbose=0)
        if volteo:
            resultado = (resultado + modelo.predict(imagenes[:, :, ::-1], batch_size=tamano_lote, verbose=0)) / 2
        return resultado

    resultado = probabilidades(x)
    if traslacion:
        desplazadas = (probabilidades(desplazar(x, -1, -1)) + probabilidades(desplazar(x, 1, 1))) / 2
        resultado = (resultado + desplazadas) / 2
    return resultado


def etiquetas_enteras(y):
    """Etiquetas como enteros de forma ``(n,)``: acepta one-hot ``(n, clases)``, ``(n, 1)`` (como las de
    CIFAR-10 en Keras) o ``(n,)``."""
    y = np.asarray(y)
    return y.argmax(axis=1) if y.ndim == 2 and y.shape[1] > 1 else y.reshape(-1)


def exactitud(y_verdadera, probabilidades):
    """Fracción de aciertos: la clase con más probabilidad coincide con la etiqueta."""
    y_verdadera = etiquetas_enteras(y_verdadera)
    if len(y_verdadera) != len(probabilidades):
        raise ValueError(f"Hay {len(y_verdadera)} etiquetas y {len(probabilidades)} predicciones.")
    return float(np.mean(np.argmax(probabilidades, axis=1) == y_verdadera))


def informar_exactitud(y_verdadera, probabilidades):
    """Escribe ``Exactitud en test: 0.XXXX`` para unas probabilidades ya calculadas y devuelve la exactitud
    (08: así las mismas probabilidades sirven también para la matriz de confusión)."""
    valor = exactitud(y_verdadera, probabilidades)
    print(f"Exactitud en test: {valor:.4f}")
    return valor


def evaluar(modelo, x, y, volteo=False, traslacion=False):
    """Evalúa en test, escribe ``Exactitud en test: 0.XXXX`` y devuelve la exactitud. ``volteo`` y
    ``traslacion`` activan el aumento en test de ``predecir``."""
    return informar_exactitud(y, predecir(modelo, x, volteo=volteo, traslacion=traslacion))


def informar_tiempo(resultado):
    """Escribe los segundos de entrenamiento: de reloj y de CPU, y lo que durarían con la CPU libre.

    En una máquina compartida el reloj incluye las esperas por otros procesos. El tiempo de CPU dividido entre
    el número de núcleos estima lo que habría tardado con todos los núcleos solo para este entrenamiento.
    """
    nucleos = os.cpu_count() or 1
    print(f"Segundos de entrenamiento: {resultado.segundos:.0f} de reloj; {resultado.segundos_cpu:.0f} de CPU "
          f"(con los {nucleos} núcleos libres, unos {resultado.segundos_cpu / nucleos:.0f} s)")
