"""each match keeps its mention's channel, for the breakdown by channel

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("matches") as batch:
        batch.add_column(sa.Column("channel", sa.String(length=20)))
    op.execute(
        "UPDATE matches SET channel = "
        "(SELECT mentions.channel FROM mentions WHERE mentions.id = matches.mention_id)"
    )
    op.create_index(
        "ix_matches_watch_time_channel", "matches", ["watch_id", "received_at", "channel"]
    )


def downgrade() -> None:
    op.drop_index("ix_matches_watch_time_channel", table_name="matches")
    with op.batch_alter_table("matches") as batch:
        batch.drop_column("channel")
