"""`python -m shishi_cli`."""

from .cli import main

main()
