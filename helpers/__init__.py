"""Funciones de apoyo del Curso CNN.

Cada módulo hace un solo trabajo y los cuadernos lo importan de forma explícita, por ejemplo
``from helpers import datos``:

- ``entorno``: preparación de cada cuaderno (registros de TensorFlow, semillas, estilo, modo rápido).
- ``datos``: cargadores de MNIST, Fashion-MNIST y CIFAR-10, con o sin conexión.
- ``convolucion``: las implementaciones en NumPy que enseña el curso.
- ``graficos``: las figuras que comparten los cuadernos.
- ``comprobar``: comprobaciones de los ejercicios, con respuestas en español.
"""

__version__ = "0.1.0"
