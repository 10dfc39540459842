"""author risk and tier, coordinated clusters

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("authors") as batch:
        batch.add_column(sa.Column("risk", sa.Float(), nullable=True))
        batch.add_column(sa.Column("tier", sa.String(length=8), nullable=True))
        batch.add_column(
            sa.Column(
                "risk_reasons",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("cluster", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("cluster")
    with op.batch_alter_table("authors") as batch:
        batch.drop_column("risk_reasons")
        batch.drop_column("tier")
        batch.drop_column("risk")
