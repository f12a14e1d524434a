"""Funciones de apoyo del Curso CNN.

Cada módulo hace un solo trabajo y los cuadernos lo importan de forma explícita, por ejemplo
``from helpers import datos``:

- ``entorno``: preparación de cada cuaderno (registros de TensorFlow, semillas, estilo, modo rápido).
- ``datos``: cargadores de MNIST, Fashion-MNIST y CIFAR-10, con o sin conexión.
- ``convolucion``: las implementaciones en NumPy que enseña el curso.
- ``graficos``: las figuras que comparten los cuadernos.
- ``comprobar``: comprobaciones de los ejercicios, con respuestas en español.
- ``filtros``: catálogo de kernels clásicos y su aplicación a fotografías (cuaderno 03).
- ``volumen``: convolución de volúmenes con varios canales y filtros, tamaños como Keras, campo receptivo (04).
- ``pooling``: max-pooling y average pooling (04).
- ``parametros``: parámetros de las capas ``Conv2D`` y ``Dense`` (05).
- ``diagramas``: rejillas de relleno, paso, pooling, campo receptivo y volúmenes (03–05 y ``figures/``).
- ``interactivo``: controles ipywidgets (7.7 y 8) para probar kernels y tamaños (03, 04).
"""

__version__ = "0.1.0"
