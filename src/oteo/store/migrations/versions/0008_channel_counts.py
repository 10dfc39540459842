"""each detection bucket keeps its posts per channel, for the breakdown by channel;
the buckets already stored get theirs from the stored mentions

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("signals") as batch:
        batch.add_column(sa.Column("by_channel", JSON))
    counts = sa.text(
        "SELECT sg.id, mentions.channel, COUNT(*), "
        "SUM(CASE WHEN matches.negative THEN 1 ELSE 0 END) "
        "FROM signals sg "
        "JOIN matches ON matches.watch_id = sg.watch_id "
        'AND matches.received_at >= sg.start AND matches.received_at < sg."end" '
        "JOIN mentions ON mentions.id = matches.mention_id "
        "GROUP BY sg.id, mentions.channel"
    )
    found: dict[int, dict[str, list[int]]] = {}
    bind = op.get_bind()
    for signal_id, channel, n, negative in bind.execute(counts):
        found.setdefault(signal_id, {})[channel] = [int(n), int(negative or 0)]
    signals = sa.table("signals", sa.column("id", sa.Integer), sa.column("by_channel", JSON))
    for signal_id, by_channel in found.items():
        bind.execute(
            sa.update(signals).where(signals.c.id == signal_id).values(by_channel=by_channel)
        )


def downgrade() -> None:
    with op.batch_alter_table("signals") as batch:
        batch.drop_column("by_channel")
