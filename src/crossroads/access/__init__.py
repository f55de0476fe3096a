"""Need-to-know access and the audit trail: every read of case content passes through here."""
