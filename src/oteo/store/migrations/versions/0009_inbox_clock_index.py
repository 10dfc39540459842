"""the response clocks are read by state, clock and deadline: each minute's look for
clocks that moved on no longer walks every item already breached

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_inbox_state_clock_due", "inbox", ["state", "clock", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_inbox_state_clock_due", table_name="inbox")
