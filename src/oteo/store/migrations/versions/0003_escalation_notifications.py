"""escalation chains, aftercare, notification retries and deduplication, settings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(
            sa.Column("escalation_step", sa.SmallInteger(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("next_escalation_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("aftercare_until", sa.DateTime(timezone=True)))
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("payload", JSON, nullable=True))
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("dedup_key", sa.String(length=200), nullable=True))
        batch.create_unique_constraint("uq_notifications_dedup_key", ["dedup_key"])
        batch.create_index("ix_notifications_status_next", ["status", "next_attempt_at"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )


def downgrade() -> None:
    op.drop_table("settings")
    with op.batch_alter_table("notifications") as batch:
        batch.drop_index("ix_notifications_status_next")
        batch.drop_constraint("uq_notifications_dedup_key", type_="unique")
        batch.drop_column("dedup_key")
        batch.drop_column("next_attempt_at")
        batch.drop_column("payload")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("aftercare_until")
        batch.drop_column("next_escalation_at")
        batch.drop_column("escalation_step")
