"""The response desk: the inbox and its SLA clocks, templates, approvals, publishing
and the moderation guard (S10, S15-S19, S22)."""
