"""Benchmark de entrenamiento: las recetas del curso frente a las referencias de Keras y TensorFlow.

Uso::

    CURSO_CNN_DATOS=/ruta/datos python benchmarks/entrenamiento.py            # completo (30–40 minutos en 2 núcleos)
    CURSO_CNN_DATOS=/ruta/datos python benchmarks/entrenamiento.py --rapido   # prueba de humo (un minuto)

Entrena, sobre los mismos datos y en la misma ejecución (cada modelo en su propio proceso, para medir su
memoria máxima):

(a) MNIST: la «simple MNIST convnet» de los ejemplos de Keras (Conv32-pool-Conv64-pool-Flatten-Dropout0.5-
    Dense10, Adam con su paso por defecto, lotes de 128) y la CNN del curso (``helpers.entrenamiento``), cada
    una hasta que alcanza por primera vez el 99,0 % en test (se comprueba al final de cada época);
(b) CIFAR-10: la CNN del tutorial de TensorFlow (tres convoluciones, Dense 64, Adam, 10 épocas) y la receta
    del curso, que debe alcanzar la exactitud final del tutorial en como mucho un tercio de su tiempo y el
    85 % en 15 minutos (hasta alcanzar al tutorial, la receta se evalúa cada cuarto de época; el 85 %, al
    final de cada época).

Escribe épocas, segundos de entrenamiento (sin la evaluación), memoria máxima y exactitud final de cada uno, los
cocientes, y como última línea ``Objetivos cumplidos: sí`` o ``Objetivos cumplidos: no (...)``.
"""

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path:
    sys.path.insert(0, str(RAIZ))

OBJETIVO_MNIST = 0.99
OBJETIVO_CIFAR = 0.85
LIMITE_CIFAR_S = 15 * 60
# Fracción del tiempo de la referencia en la que la receta del curso debe llegar a la meta.
COCIENTE_MNIST = 1 / 4
COCIENTE_CIFAR = 1 / 3
COMPROBACIONES_POR_EPOCA_CIFAR = 4
MODELOS = ("mnist_keras", "mnist_curso", "cifar_tutorial", "cifar_curso")


def _memoria_maxima_mib():
    # En Linux ru_maxrss está en KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _crear_parada(keras, evaluar, objetivo=None, meta=None, pasos_por_epoca=None, comprobaciones_por_epoca=1):
    """Callback que evalúa en test con ``evaluar(modelo)`` al final de cada época, con un reloj propio.

    - ``objetivo``: para el entrenamiento en cuanto la exactitud, comprobada al final de una época, lo alcanza.
    - ``meta``: anota cuántos segundos de entrenamiento tarda en alcanzarla; hasta entonces comprueba también
      ``comprobaciones_por_epoca`` veces por época (cada ``pasos_por_epoca / comprobaciones_por_epoca`` lotes).
    - Los segundos que anota (por época y hasta la meta) descuentan el tiempo de todas sus evaluaciones.
    """

    class Parada(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.exactitudes = []
            self.segundos_por_epoca = []
            self.epoca_objetivo = None
            self.segundos_hasta_meta = None
            self.epoca_meta = None
            self._cada = (math.ceil(pasos_por_epoca / comprobaciones_por_epoca)
                          if meta is not None and comprobaciones_por_epoca > 1 else None)

        def _medir(self, epoca, entrenado):
            inicio = time.perf_counter()
            valor = evaluar(self.model)
            self._evaluando += time.perf_counter() - inicio
            print(f"  época {round(epoca, 2):g}: exactitud en test {valor:.4f} ({entrenado:.1f} s)", flush=True)
            if meta is not None and self.segundos_hasta_meta is None and valor >= meta:
                self.segundos_hasta_meta, self.epoca_meta = entrenado, epoca
            return valor

        def on_epoch_begin(self, epoch, logs=None):
            self._epoca, self._inicio, self._evaluando = epoch, time.perf_counter(), 0.0

        def on_train_batch_end(self, batch, logs=None):
            hecho = batch + 1
            if self._cada and self.segundos_hasta_meta is None and hecho % self._cada == 0 \
                    and hecho < pasos_por_epoca:
                entrenado = (sum(self.segundos_por_epoca)
                             + time.perf_counter() - self._inicio - self._evaluando)
                self._medir(self._epoca + hecho / pasos_por_epoca, entrenado)

        def on_epoch_end(self, epoch, logs=None):
            self.segundos_por_epoca.append(time.perf_counter() - self._inicio - self._evaluando)
            valor = self._medir(epoch + 1, sum(self.segundos_por_epoca))
            self.exactitudes.append(valor)
            if objetivo is not None and valor >= objetivo and self.epoca_objetivo is None:
                self.epoca_objetivo = epoch + 1
                self.model.stop_training = True

    return Parada()


def ejecutar_modelo(nombre, rapido, objetivo_cifar=None):
    """Entrena un modelo y devuelve un diccionario con sus medidas (se ejecuta en un proceso propio)."""
    from helpers import entorno

    entorno.silenciar_tensorflow()
    entorno.fijar_semillas()
    import keras
    import numpy as np
    from keras import layers

    from helpers import datos, entrenamiento

    if nombre.startswith("mnist"):
        (x, y), (xt, yt) = datos.cargar_mnist()
        x = entrenamiento.anadir_canal(entrenamiento.normalizar(x))
        xt = entrenamiento.anadir_canal(entrenamiento.normalizar(xt))
    else:
        (x, y), (xt, yt) = datos.cargar_cifar10()
        y, yt = y.reshape(-1), yt.reshape(-1)
    if rapido:
        x, y, xt, yt = x[:2048], y[:2048], xt[:1000], yt[:1000]

    def exactitud_simple(modelo):
        return entrenamiento.exactitud(yt, entrenamiento.predecir(modelo, xt))

    if nombre == "mnist_keras":
        modelo = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(filters=32, kernel_size=3, activation="relu"), layers.MaxPooling2D(pool_size=2),
            layers.Conv2D(filters=64, kernel_size=3, activation="relu"), layers.MaxPooling2D(pool_size=2),
            layers.Flatten(), layers.Dropout(rate=0.5), layers.Dense(units=10, activation="softmax"),
        ])
        epocas, lote, optimizador, suavizado = (2 if rapido else 15), 128, keras.optimizers.Adam(), 0.0
        objetivo, evaluar = OBJETIVO_MNIST, exactitud_simple
    elif nombre == "mnist_curso":
        modelo = entrenamiento.red_mnist()
        receta = entrenamiento.RECETA_MNIST
        epocas, lote, suavizado = (2 if rapido else receta.epocas), receta.tamano_lote, receta.suavizado
        optimizador = receta.optimizador(len(x), epocas)
        objetivo, evaluar = OBJETIVO_MNIST, exactitud_simple
    elif nombre == "cifar_tutorial":
        modelo = keras.Sequential([
            keras.Input(shape=(32, 32, 3)), layers.Rescaling(scale=1 / 255),
            layers.Conv2D(filters=32, kernel_size=3, activation="relu"), layers.MaxPooling2D(pool_size=2),
            layers.Conv2D(filters=64, kernel_size=3, activation="relu"), layers.MaxPooling2D(pool_size=2),
            layers.Conv2D(filters=64, kernel_size=3, activation="relu"),
            layers.Flatten(), layers.Dense(units=64, activation="relu"), layers.Dense(units=10, activation="softmax"),
        ])
        epocas, lote, optimizador, suavizado = (1 if rapido else 10), 32, keras.optimizers.Adam(), 0.0
        objetivo, evaluar = None, exactitud_simple
    elif nombre == "cifar_curso":
        modelo = entrenamiento.red_cifar10(x)
        receta = entrenamiento.RECETA_CIFAR10
        epocas, lote, suavizado = (1 if rapido else receta.epocas), receta.tamano_lote, receta.suavizado
        optimizador = receta.optimizador(len(x), epocas)
        # Se sigue hasta el final del programa: se anota cuándo alcanza la exactitud del tutorial.
        objetivo = None

        def evaluar(modelo):
            return entrenamiento.exactitud(yt, entrenamiento.predecir(modelo, xt, volteo=True, traslacion=True))
    else:
        raise ValueError(f"Modelo desconocido: {nombre!r}; los válidos son {MODELOS}.")

    # Hasta alcanzar la exactitud del tutorial, la receta de CIFAR-10 se evalúa cada cuarto de época: una época
    # suya cuesta un 25–40 % del tutorial entero, y comprobar solo al final de cada una mediría de más.
    parada = _crear_parada(keras, evaluar, objetivo=objetivo, meta=objetivo_cifar,
                           pasos_por_epoca=entrenamiento.lotes_por_epoca(len(x), lote),
                           comprobaciones_por_epoca=COMPROBACIONES_POR_EPOCA_CIFAR)
    resultado = entrenamiento.entrenar(modelo, x, y, epocas=epocas, tamano_lote=lote, optimizador=optimizador,
                                       suavizado=suavizado, callbacks=[parada], verbose=0)
    # El reloj de ``parada`` descuenta sus evaluaciones (también las de mitad de época).
    acumulado = np.cumsum(parada.segundos_por_epoca).tolist()
    medidas = {
        "modelo": nombre, "epocas": resultado.epocas, "segundos": acumulado[-1],
        "segundos_acumulados": acumulado, "exactitudes": parada.exactitudes,
        "exactitud_final": parada.exactitudes[-1], "epoca_objetivo": parada.epoca_objetivo,
        "memoria_mib": _memoria_maxima_mib(), "parametros": modelo.count_params(),
    }
    if objetivo_cifar is not None:
        medidas["segundos_hasta_tutorial"] = parada.segundos_hasta_meta
        medidas["epoca_hasta_tutorial"] = parada.epoca_meta
    return medidas


def _en_subproceso(nombre, rapido, objetivo_cifar=None):
    orden = [sys.executable, __file__, "--modelo", nombre] + (["--rapido"] if rapido else [])
    if objetivo_cifar is not None:
        orden += ["--objetivo-cifar", str(objetivo_cifar)]
    salida = subprocess.run(orden, check=True, capture_output=True, text=True, env=os.environ.copy())
    lineas = salida.stdout.rstrip().splitlines()
    for linea in lineas[:-1]:
        print(linea, flush=True)
    return json.loads(lineas[-1])


def _linea(m):
    epoca = f", 99,0 % en la época {m['epoca_objetivo']}" if m.get("epoca_objetivo") else ""
    return (f"{m['modelo']:<15} {m['epocas']:>2d} épocas  {m['segundos']:7.1f} s  {m['memoria_mib']:6.0f} MiB  "
            f"exactitud final {m['exactitud_final']:.4f}{epoca}")


def _coma(valor):
    """Un cociente con dos decimales y coma decimal, como en el texto de los objetivos."""
    return f"{valor:.2f}".replace(".", ",")


def comprobar_objetivos(medidas):
    """Compara las medidas de los cuatro modelos con los objetivos del benchmark.

    Devuelve las líneas del informe y la lista de objetivos incumplidos (vacía si se cumplen todos).
    """
    lineas, fallos = [], []
    ref, curso = medidas["mnist_keras"], medidas["mnist_curso"]
    if ref["epoca_objetivo"] and curso["epoca_objetivo"]:
        t_ref = ref["segundos_acumulados"][ref["epoca_objetivo"] - 1]
        t_curso = curso["segundos_acumulados"][curso["epoca_objetivo"] - 1]
        lineas.append(f"MNIST: 99,0 % en {t_curso:.1f} s (curso) frente a {t_ref:.1f} s (Keras): "
                      f"cociente {t_curso / t_ref:.2f} (objetivo ≤ {_coma(COCIENTE_MNIST)})")
        if t_curso > COCIENTE_MNIST * t_ref:
            fallos.append("MNIST más lento que un cuarto de la referencia")
    else:
        fallos.append("MNIST: algún modelo no llegó al 99,0 %")

    tutorial, cifar = medidas["cifar_tutorial"], medidas["cifar_curso"]
    if cifar.get("segundos_hasta_tutorial"):
        cociente = cifar["segundos_hasta_tutorial"] / tutorial["segundos"]
        lineas.append(f"CIFAR-10: la exactitud del tutorial ({tutorial['exactitud_final']:.4f}) en "
                      f"{cifar['segundos_hasta_tutorial']:.1f} s (época {round(cifar['epoca_hasta_tutorial'], 2):g}) "
                      f"frente a {tutorial['segundos']:.1f} s: cociente {cociente:.2f} "
                      f"(objetivo ≤ {_coma(COCIENTE_CIFAR)})")
        if cociente > COCIENTE_CIFAR:
            fallos.append("CIFAR-10 más lento que un tercio del tutorial")
    else:
        fallos.append("CIFAR-10: el curso no llegó a la exactitud del tutorial")

    # Como con el 99 % de MNIST, cuenta la primera época que acaba con un 85 % o más.
    final = f"final {cifar['exactitud_final']:.4f} en {cifar['segundos']:.1f} s"
    epoca_85 = next((i for i, valor in enumerate(cifar["exactitudes"]) if valor >= OBJETIVO_CIFAR), None)
    if epoca_85 is None:
        lineas.append(f"CIFAR-10: no llega al 85 % ({final})")
        fallos.append("CIFAR-10 por debajo del 85 %")
    else:
        segundos_85 = cifar["segundos_acumulados"][epoca_85]
        lineas.append(f"CIFAR-10: 85 % en la época {epoca_85 + 1}, a los {segundos_85:.1f} s "
                      f"(objetivo ≤ {LIMITE_CIFAR_S} s); {final}")
        if segundos_85 > LIMITE_CIFAR_S:
            fallos.append("CIFAR-10 tarda más de 15 minutos en llegar al 85 %")
    return lineas, fallos


def main(argumentos=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rapido", action="store_true", help="prueba de humo con subconjuntos y 1–2 épocas")
    parser.add_argument("--modelo", choices=MODELOS, help=argparse.SUPPRESS)
    parser.add_argument("--objetivo-cifar", type=float, help=argparse.SUPPRESS)
    opciones = parser.parse_args(argumentos)
    if opciones.modelo:
        print(json.dumps(ejecutar_modelo(opciones.modelo, opciones.rapido, opciones.objetivo_cifar)))
        return 0

    inicio = time.time()
    print(f"Benchmark de entrenamiento ({'rápido' if opciones.rapido else 'completo'}); "
          f"{os.cpu_count()} núcleos", flush=True)
    medidas = {}
    for nombre in ("mnist_keras", "mnist_curso", "cifar_tutorial"):
        print(f"— {nombre}", flush=True)
        medidas[nombre] = _en_subproceso(nombre, opciones.rapido)
    print("— cifar_curso", flush=True)
    medidas["cifar_curso"] = _en_subproceso("cifar_curso", opciones.rapido,
                                            medidas["cifar_tutorial"]["exactitud_final"])
    print()
    for m in medidas.values():
        print(_linea(m))

    lineas, fallos = comprobar_objetivos(medidas)
    for linea in lineas:
        print(linea)
    print(f"Duración total: {time.time() - inicio:.0f} s")
    if opciones.rapido:
        fallos.insert(0, "modo rápido: los objetivos solo se miden en el modo completo")
    print("Objetivos cumplidos: " + ("sí" if not fallos else f"no ({'; '.join(fallos)})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
