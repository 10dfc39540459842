"""Persistence: SQLAlchemy Core tables, Alembic migrations, the Store."""

from oteo.store.repo import IngestResult, Store, words_of

__all__ = ["IngestResult", "Store", "words_of"]
