"""Toda imagen que citan los cuadernos o el README existe, y la orden de las figuras la regenera igual."""

import json
import re
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PATRON = re.compile(r"!\[[^\]]*\]\(([^)\s]+)|<img[^>]+src=[\"']([^\"']+)")


def _referencias():
    fuentes = [(RAIZ / "README.md", (RAIZ / "README.md").read_text(encoding="utf-8"))]
    for ruta in sorted((RAIZ / "notebooks").glob("*.ipynb")):
        celdas = json.loads(ruta.read_text(encoding="utf-8"))["cells"]
        texto = "\n".join("".join(c["source"]) for c in celdas if c["cell_type"] == "markdown")
        fuentes.append((ruta, texto))
    for ruta, texto in fuentes:
        for grupos in PATRON.findall(texto):
            enlace = next(g for g in grupos if g)
            if not enlace.startswith(("http://", "https://", "data:", "attachment:")):
                yield ruta, enlace


def test_las_imagenes_citadas_existen():
    faltan = [f"{ruta.name}: {enlace}" for ruta, enlace in _referencias()
              if not (ruta.parent / enlace).resolve().is_file()]
    assert not faltan, "Imágenes citadas que no existen:\n" + "\n".join(faltan)


def test_la_orden_regenera_las_figuras(tmp_path):
    subprocess.run([sys.executable, str(RAIZ / "herramientas" / "generar_figuras.py"), str(tmp_path)],
                   check=True, capture_output=True)
    generadas = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    guardadas = {p.name: p.read_bytes() for p in (RAIZ / "figures").iterdir() if p.name != ".gitkeep"}
    assert set(generadas) == set(guardadas), "figures/ no coincide con lo que genera la orden"
    distintas = sorted(nombre for nombre in generadas if generadas[nombre] != guardadas[nombre])
    assert not distintas, f"Figuras que cambian al regenerarlas (¿falta ejecutar la orden?): {distintas}"
