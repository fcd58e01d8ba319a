"""`python -m newsreel` runs the command line."""

from newsreel.cli import main

main()
