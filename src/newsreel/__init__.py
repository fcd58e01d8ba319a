"""newsreel: film and TV news into a knowledge base where every fact carries its evidence."""

__version__ = "0.1.0"
