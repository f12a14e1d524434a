"""Regenera todos los diagramas de ``figures/`` con una sola orden.

Uso (desde la raíz del repositorio)::

    python herramientas/generar_figuras.py            # escribe en figures/
    python herramientas/generar_figuras.py /tmp/otra  # escribe en otra carpeta (lo usan los tests)

Cada módulo de ``herramientas/figuras/`` define ``generar(carpeta)``, que dibuja sus figuras con matplotlib y
devuelve la lista de ficheros escritos. Las figuras se guardan sin metadatos variables (fecha, versión), así
que dos ejecuciones dan los mismos bytes.
"""

import importlib
import pkgutil
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "herramientas"))

#: Metadatos fijos para ``savefig``: sin ellos, cada PNG llevaría la versión de matplotlib.
METADATOS_PNG = {"Software": None}


def generar_todas(carpeta):
    import figuras

    carpeta = Path(carpeta)
    carpeta.mkdir(parents=True, exist_ok=True)
    escritos = []
    for modulo in sorted(m.name for m in pkgutil.iter_modules(figuras.__path__)):
        escritos += [Path(f) for f in importlib.import_module(f"figuras.{modulo}").generar(carpeta)]
    return escritos


if __name__ == "__main__":
    destino = Path(sys.argv[1]) if len(sys.argv) > 1 else RAIZ / "figures"
    for fichero in generar_todas(destino):
        print(fichero.relative_to(destino.parent) if fichero.is_relative_to(destino.parent) else fichero)
