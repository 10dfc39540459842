"""connectors: each source's health, the items it had to quarantine, what services
pushed to the inbound webhooks

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "source_health",
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("polled_at", WHEN),
        sa.Column("last_item_at", WHEN),
        sa.Column("items", sa.BigInteger(), nullable=False),
        sa.Column("errors", sa.BigInteger(), nullable=False),
        sa.Column("quarantined", sa.BigInteger(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("last_error_at", WHEN),
        sa.PrimaryKeyConstraint("source", name="pk_source_health"),
    )
    op.create_table(
        "quarantine",
        sa.Column("id", KEY, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quarantine"),
    )
    op.create_index("ix_quarantine_source_at", "quarantine", ["source", "at"])
    op.create_table(
        "inbound",
        sa.Column("id", KEY, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("received_at", WHEN, nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_inbound"),
    )
    op.create_index("ix_inbound_source_id", "inbound", ["source", "id"])


def downgrade() -> None:
    op.drop_index("ix_inbound_source_id", table_name="inbound")
    op.drop_table("inbound")
    op.drop_index("ix_quarantine_source_at", table_name="quarantine")
    op.drop_table("quarantine")
    op.drop_table("source_health")
