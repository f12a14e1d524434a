"""El repositorio y la etiqueta viven en un solo sitio, y una orden los lleva a README y cuadernos."""

import importlib.util
import json
import shutil
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def _cargar_publicar():
    especificacion = importlib.util.spec_from_file_location("publicar", RAIZ / "herramientas" / "publicar.py")
    modulo = importlib.util.module_from_spec(especificacion)
    especificacion.loader.exec_module(modulo)
    return modulo


def test_readme_y_cuadernos_al_dia():
    assert _cargar_publicar().main(["--comprobar"]) == 0, "ejecuta: python herramientas/publicar.py"


def test_una_orden_cambia_repositorio_y_etiqueta(tmp_path, monkeypatch):
    for nombre in ("README.md", "pyproject.toml"):
        shutil.copy(RAIZ / nombre, tmp_path / nombre)
    shutil.copytree(RAIZ / "notebooks", tmp_path / "notebooks")
    publicar = _cargar_publicar()
    monkeypatch.setattr(publicar, "RAIZ", tmp_path)
    assert publicar.main(["--repositorio", "https://github.com/aula/mi-curso", "--etiqueta", "v9.9"]) == 0
    assert publicar.configuracion() == ("https://github.com/aula/mi-curso", "v9.9")
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    cuadernos = sorted((tmp_path / "notebooks").glob("*.ipynb"))
    for ruta in cuadernos:
        assert f"github/aula/mi-curso/blob/v9.9/notebooks/{ruta.name}" in readme
        celdas = json.loads(ruta.read_text(encoding="utf-8"))["cells"]
        preparacion = "".join(next(c for c in celdas if c["cell_type"] == "code")["source"])
        assert '"curso-cnn @ git+https://github.com/aula/mi-curso@v9.9"' in preparacion
    assert publicar.main(["--comprobar"]) == 0
