"""the theme each of an incident's posts was read in, so the incident lists what drives
it before the window's ordinary chatter

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL for the posts of incidents raised before: their themes were not kept
    op.add_column("incident_mentions", sa.Column("theme", sa.String(length=200), nullable=True))
    op.add_column("incident_mentions", sa.Column("theme_rank", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("incident_mentions", "theme_rank")
    op.drop_column("incident_mentions", "theme")
