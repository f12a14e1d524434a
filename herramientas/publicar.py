"""Escribe el repositorio y la etiqueta publicados en todos los sitios que los citan.

El repositorio y la etiqueta viven en un solo sitio: la sección ``[tool.curso-cnn]`` de ``pyproject.toml``.
Esta orden los copia a la tabla de cuadernos del README (con sus insignias «Abrir en Colab») y a la línea
``%pip install`` de la celda de preparación de cada cuaderno.

Uso (desde la raíz del repositorio)::

    python herramientas/publicar.py                      # vuelve a escribir con los valores actuales
    python herramientas/publicar.py --repositorio https://github.com/usuario/curso-cnn --etiqueta v0.2.0
    python herramientas/publicar.py --comprobar          # solo comprueba que todo está al día (exit 1 si no)
"""

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
INICIO = "<!-- cuadernos:inicio (lo escribe `python herramientas/publicar.py`; no editar a mano) -->"
FIN = "<!-- cuadernos:fin -->"
LINEA_PIP = re.compile(r'%pip install -q --no-deps "curso-cnn @ git\+[^"@]+@[^"]+"')


def configuracion():
    with open(RAIZ / "pyproject.toml", "rb") as f:
        datos = tomllib.load(f)["tool"]["curso-cnn"]
    return datos["repositorio"].rstrip("/"), datos["etiqueta"]


def actualizar_pyproject(repositorio, etiqueta):
    ruta = RAIZ / "pyproject.toml"
    texto = ruta.read_text(encoding="utf-8")
    texto = re.sub(r'(?m)^repositorio = ".*"$', f'repositorio = "{repositorio}"', texto)
    texto = re.sub(r'(?m)^etiqueta = ".*"$', f'etiqueta = "{etiqueta}"', texto)
    ruta.write_text(texto, encoding="utf-8")


def _fuente(celda):
    return "".join(celda["source"]) if isinstance(celda["source"], list) else celda["source"]


def titulo(cuaderno):
    """Título de un cuaderno: la primera línea de su primera celda de texto, sin los ``#``."""
    markdown = _fuente(next(c for c in cuaderno["cells"] if c["cell_type"] == "markdown"))
    return next(linea for linea in markdown.splitlines() if linea.strip()).lstrip("# ").strip()


def tabla(repositorio, etiqueta):
    ruta_github = repositorio.removeprefix("https://github.com/")
    filas = ["| cuaderno | tema | Colab |", "| --- | --- | --- |"]
    for ruta in sorted((RAIZ / "notebooks").glob("*.ipynb")):
        tema = titulo(json.loads(ruta.read_text(encoding="utf-8")))
        colab = f"https://colab.research.google.com/github/{ruta_github}/blob/{etiqueta}/notebooks/{ruta.name}"
        insignia = f"[![Abrir en Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab})"
        filas.append(f"| [`{ruta.stem[:2]}`](notebooks/{ruta.name}) | {tema} | {insignia} |")
    return "\n".join(filas)


def readme_nuevo(repositorio, etiqueta):
    texto = (RAIZ / "README.md").read_text(encoding="utf-8")
    antes, resto = texto.split(INICIO, 1)
    _, despues = resto.split(FIN, 1)
    return f"{antes}{INICIO}\n{tabla(repositorio, etiqueta)}\n{FIN}{despues}"


def cuaderno_nuevo(ruta, repositorio, etiqueta):
    """Texto del cuaderno con la línea ``%pip`` de la celda de preparación al día, o ``None`` si no cambia."""
    texto = ruta.read_text(encoding="utf-8")
    cuaderno = json.loads(texto)
    linea = f'%pip install -q --no-deps "curso-cnn @ git+{repositorio}@{etiqueta}"'
    celda = next(c for c in cuaderno["cells"] if c["cell_type"] == "code")
    fuente = _fuente(celda)
    if not LINEA_PIP.search(fuente):
        raise SystemExit(f"{ruta.name}: la celda de preparación no tiene la línea %pip esperada.")
    nueva = LINEA_PIP.sub(lambda _: linea, fuente)
    if nueva == fuente:
        return None
    celda["source"] = nueva.splitlines(keepends=True)
    return json.dumps(cuaderno, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argumentos=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repositorio", help="URL del repositorio en GitHub (https://github.com/usuario/nombre)")
    parser.add_argument("--etiqueta", help="etiqueta de la versión publicada, por ejemplo v0.2.0")
    parser.add_argument("--comprobar", action="store_true", help="no escribe nada; falla si algo no está al día")
    opciones = parser.parse_args(argumentos)
    if opciones.repositorio or opciones.etiqueta:
        if opciones.comprobar:
            parser.error("--comprobar no admite --repositorio ni --etiqueta")
        actual = configuracion()
        actualizar_pyproject(opciones.repositorio or actual[0], opciones.etiqueta or actual[1])
    repositorio, etiqueta = configuracion()
    cambios = {}
    readme = readme_nuevo(repositorio, etiqueta)
    if readme != (RAIZ / "README.md").read_text(encoding="utf-8"):
        cambios[RAIZ / "README.md"] = readme
    for ruta in sorted((RAIZ / "notebooks").glob("*.ipynb")):
        nuevo = cuaderno_nuevo(ruta, repositorio, etiqueta)
        if nuevo is not None:
            cambios[ruta] = nuevo
    if opciones.comprobar:
        for ruta in cambios:
            print(f"Desactualizado: {ruta.relative_to(RAIZ)} (ejecuta python herramientas/publicar.py)")
        return 1 if cambios else 0
    for ruta, texto in cambios.items():
        ruta.write_text(texto, encoding="utf-8")
        print(f"Actualizado: {ruta.relative_to(RAIZ)}")
    print(f"Repositorio {repositorio} · etiqueta {etiqueta}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
