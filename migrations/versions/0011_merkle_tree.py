"""A Merkle tree over the sealed log, its signed checkpoints, and witnesses' cosignatures.

The linear chain (0004) stays: its digests and proofs keep working. Beside it the sealer
now keeps an RFC 9162 tree whose leaf ``n`` is the event sealed as chain ``seq`` n + 1, and
signs checkpoints of it (docs/audit.md). A ledger sealed before this revision gets its tree
built from its chain by the sealer, each event checked against its chain hash first.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SERVICE_ROLE = "ledger_app"
_IMMUTABLE = (
    "merkle_nodes",
    "checkpoints",
    "checkpoint_cosignatures",
    "log_identity",
    "log_keys",
)


def upgrade() -> None:
    # Every complete perfect subtree: 2**level leaves from number * 2**level. Level 0 holds
    # the leaf hashes. A root or a proof is made of O(log n) of these rows.
    op.execute(
        """
        CREATE TABLE merkle_nodes (
            level   smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
            number  bigint   NOT NULL CHECK (number >= 0),
            hash    bytea    NOT NULL CHECK (length(hash) = 32),
            PRIMARY KEY (level, number)
        )
        """
    )
    op.execute(
        """
        CREATE TABLE checkpoints (
            tree_size   bigint      PRIMARY KEY CHECK (tree_size >= 1),
            root_hash   bytea       NOT NULL CHECK (length(root_hash) = 32),
            note        text        NOT NULL,
            key_id      bytea       NOT NULL CHECK (length(key_id) = 4),
            signed_at   timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """
    )
    # Public keys only, every one the log has signed with: a checkpoint signed before a
    # rotation stays checkable. The private key lives in a file (docs/audit.md).
    op.execute(
        """
        CREATE TABLE log_keys (
            verifier_key text        PRIMARY KEY,
            key_id       bytea       NOT NULL CHECK (length(key_id) = 4),
            added_at     timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """
    )
    op.execute(
        """
        CREATE TABLE witnesses (
            name        text        PRIMARY KEY,
            public_key  bytea       NOT NULL CHECK (length(public_key) = 32),
            added_at    timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """
    )
    op.execute(
        """
        CREATE TABLE checkpoint_cosignatures (
            tree_size   bigint      NOT NULL REFERENCES checkpoints (tree_size),
            witness     text        NOT NULL REFERENCES witnesses (name),
            line        text        NOT NULL,
            signed_at   timestamptz NOT NULL,
            received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (tree_size, witness)
        )
        """
    )
    # The log's name in its checkpoints: one row, chosen once, so that two ledgers never
    # sign checkpoints under the same origin by accident.
    op.execute(
        """
        CREATE TABLE log_identity (
            only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            origin      text    NOT NULL
        )
        """
    )
    op.execute(
        "INSERT INTO log_identity (origin)"
        " VALUES ('incident-ledger/' || replace(gen_random_uuid()::text, '-', ''))"
    )
    for table in _IMMUTABLE:
        op.execute(
            f"""
            CREATE TRIGGER {table}_immutable_rows BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION reject_event_rewrite()
            """
        )
        op.execute(
            f"""
            CREATE TRIGGER {table}_immutable_table BEFORE TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION reject_event_rewrite()
            """
        )
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                GRANT SELECT, INSERT ON merkle_nodes, checkpoints, checkpoint_cosignatures,
                    log_identity, log_keys TO {SERVICE_ROLE};
                GRANT SELECT, INSERT ON witnesses TO {SERVICE_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE checkpoint_cosignatures, witnesses, checkpoints, merkle_nodes")
    op.execute("DROP TABLE log_identity, log_keys")
