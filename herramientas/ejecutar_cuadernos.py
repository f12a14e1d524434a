"""Ejecuta cuadernos de principio a fin y guarda sus salidas: las que nbval usa como referencia.

Uso (desde la raíz del repositorio, con el entorno del curso activado)::

    python herramientas/ejecutar_cuadernos.py                       # todos, en modo completo
    python herramientas/ejecutar_cuadernos.py notebooks/02_*.ipynb  # solo algunos

Los cuadernos se guardan con las salidas de una ejecución **completa** (sin ``CURSO_CNN_RAPIDO``), sin el
estado de los widgets (impide que GitHub muestre el cuaderno) y sin marcas de tiempo.
"""

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

RAIZ = Path(__file__).resolve().parent.parent


def ejecutar(ruta):
    cuaderno = nbformat.read(ruta, as_version=4)
    cliente = NotebookClient(
        cuaderno,
        timeout=3600,
        kernel_name="python3",
        resources={"metadata": {"path": str(ruta.parent)}},
        record_timing=False,
        # True aunque no se guarde: con False, nbclient (0.11) falla con KeyError en cuanto un widget Output
        # captura una salida. El estado se borra abajo (metadata.widgets) antes de escribir el cuaderno.
        store_widget_state=True,
        # Junta las salidas de texto seguidas y aplica los retornos de carro: de cada barra de progreso se
        # guarda su estado final, no cada refresco.
        coalesce_streams=True,
    )
    inicio = time.perf_counter()
    cliente.execute()
    cuaderno.metadata.pop("widgets", None)
    cuaderno.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    cuaderno.metadata["language_info"] = {"name": "python"}
    nbformat.write(cuaderno, ruta)
    return time.perf_counter() - inicio


def main(rutas):
    if os.environ.get("CURSO_CNN_RAPIDO"):
        print("Aviso: CURSO_CNN_RAPIDO está definida; las salidas guardadas deben ser de una ejecución completa.")
    rutas = [Path(r).resolve() for r in rutas] or sorted((RAIZ / "notebooks").glob("*.ipynb"))
    for ruta in rutas:
        print(f"Ejecutando {ruta.name}...", flush=True)
        segundos = ejecutar(ruta)
        print(f"  listo en {segundos:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
