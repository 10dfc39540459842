"""the response desk: SLA clocks on the inbox, responses and their approvals,
moderation decisions, mentions deleted at the source

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("deleted_at", WHEN))
    with op.batch_alter_table("inbox") as batch:
        batch.add_column(sa.Column("due_at", WHEN))
        batch.add_column(
            sa.Column("clock", sa.String(length=10), nullable=False, server_default="ok")
        )
        batch.add_column(sa.Column("responded_at", WHEN))
        batch.add_column(sa.Column("resolved_at", WHEN))
        batch.add_column(sa.Column("follow_up_at", WHEN))
        batch.create_index("ix_inbox_state_due", ["state", "due_at"])
    op.create_table(
        "responses",
        sa.Column("id", KEY, nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("inbox_id", KEY),
        sa.Column("mention_id", KEY),
        sa.Column("incident_id", sa.Integer()),
        sa.Column("account", sa.String(length=64)),
        sa.Column("network", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("template", sa.String(length=64)),
        sa.Column("pre_approved", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("approvals_needed", sa.SmallInteger(), nullable=False),
        sa.Column("approvals", JSON, nullable=False),
        sa.Column("risks", JSON, nullable=False),
        sa.Column("risk_accepted", sa.Text()),
        sa.Column("scheduled_for", WHEN),
        sa.Column("attempts", sa.SmallInteger(), nullable=False),
        sa.Column("published_at", WHEN),
        sa.Column("external_id", sa.String(length=300)),
        sa.Column("external_url", sa.Text()),
        sa.Column("error", sa.Text()),
        sa.Column("history", JSON, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["inbox_id"], ["inbox.id"], name="fk_responses_inbox_id_inbox", ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["mention_id"],
            ["mentions.id"],
            name="fk_responses_mention_id_mentions",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name="fk_responses_incident_id_incidents",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_responses"),
    )
    with op.batch_alter_table("responses") as batch:
        batch.create_index("ix_responses_incident_id", ["incident_id"])
        batch.create_index("ix_responses_state_scheduled", ["state", "scheduled_for"])
    op.create_table(
        "moderation",
        sa.Column("id", KEY, nullable=False),
        sa.Column("mention_id", KEY, nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("grounds", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["mention_id"],
            ["mentions.id"],
            name="fk_moderation_mention_id_mentions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_moderation"),
    )
    with op.batch_alter_table("moderation") as batch:
        batch.create_index("ix_moderation_mention", ["mention_id"])


def downgrade() -> None:
    op.drop_table("moderation")
    op.drop_table("responses")
    with op.batch_alter_table("inbox") as batch:
        batch.drop_index("ix_inbox_state_due")
        for name in ("follow_up_at", "resolved_at", "responded_at", "clock", "due_at"):
            batch.drop_column(name)
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("deleted_at")
