"""Un módulo por grupo de diagramas; cada uno define ``generar(carpeta) -> list[Path]``."""
