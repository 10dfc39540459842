"""how many posts an author has liked (X's like_count): a sign the author model reads

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("authors", "author_snapshots"):
        op.add_column(table, sa.Column("liked", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    # a plain DROP COLUMN (SQLite 3.35+): rebuilding the table, as a batch would, breaks
    # the mentions' foreign keys to the authors
    for table in ("authors", "author_snapshots"):
        op.drop_column(table, "liked")
