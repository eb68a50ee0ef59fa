"""The command-line layer: reading files, parsing arguments, formatting output, exit codes.

Pure Python, no Django. :mod:`builder.cli.validate` is the ``validate`` command
(``python -m builder.rules FILE`` and ``manage.py validate FILE`` both call it), and
:mod:`builder.cli.output` turns findings into text, JSON or SARIF. The rule engine
(:mod:`builder.rules`) returns findings and knows nothing of how they are printed.
"""
