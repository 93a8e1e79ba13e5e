from enum import StrEnum

class MismatchProblem(StrEnum):
    ALTERED = "altered"
    CHAIN_ALTERED = "chain-altered"
    CHECKPOINT_ALTERED = "checkpoint-altered"
    CHECKPOINT_FORGED = "checkpoint-forged"
    INSERTED = "inserted"
    MISSING = "missing"
    REORDERED = "reordered"
    TREE_ALTERED = "tree-altered"

    def __str__(self) -> str:
        return str(self.value)
