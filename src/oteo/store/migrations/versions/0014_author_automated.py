"""the network's own mark of an automated account (Mastodon's bot, Bluesky's bot
self-label): the author model reads it as the account saying it is a bot

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("authors", "author_snapshots"):
        op.add_column(table, sa.Column("automated", sa.Boolean(), nullable=True))


def downgrade() -> None:
    # a plain DROP COLUMN, as in 0010: rebuilding the table breaks the mentions' foreign keys
    for table in ("authors", "author_snapshots"):
        op.drop_column(table, "automated")
