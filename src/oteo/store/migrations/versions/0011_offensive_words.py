"""what makes a post an attack (the lexicon's words): moderation needs more than the
model's word for it

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL for posts analysed before: what made them attacks was not kept
    op.add_column("mentions", sa.Column("offensive_words", sa.String(length=200), nullable=True))


def downgrade() -> None:
    op.drop_column("mentions", "offensive_words")
