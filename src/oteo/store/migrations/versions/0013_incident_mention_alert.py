"""the alert that handed each of an incident's posts to it, so the incident lists what
drove its first alert first

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL for the posts of incidents raised before: the alert was not kept
    op.add_column(
        "incident_mentions",
        sa.Column("alert_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
    )


def downgrade() -> None:
    op.drop_column("incident_mentions", "alert_id")
