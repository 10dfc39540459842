"""Persistence: SQLAlchemy Core tables, Alembic migrations, the Store."""

from oteo.store.repo import IngestResult, Store

__all__ = ["IngestResult", "Store"]
