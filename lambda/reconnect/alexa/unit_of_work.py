"""The couple's record for one request: as it was stored, as the turn changes it, and saving it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from reconnect.domain.record import Record
from reconnect.store import Store, Stored, StoreUnavailable

log = logging.getLogger(__name__)


@dataclass
class UnitOfWork:
    """One request's record: `record` is how the turn leaves it; `commit` writes it if changed."""

    store: Store
    user_id: str | None
    stored: Stored | None  # as last read or written; None when DynamoDB could not be read
    record: Record
    deleted: bool = False

    @property
    def can_save(self) -> bool:
        """Whether this turn may write: never after a failed read (it would overwrite progress)."""
        return self.stored is not None and self.user_id is not None and not self.deleted

    @property
    def unreachable(self) -> bool:
        """Whether the couple's progress could not be read (an erase needs no read: after one,
        nothing is out of reach, and "can't save today" would contradict "all cleared")."""
        return self.stored is None and not self.deleted

    def commit(self) -> bool:
        """Save the record now if it changed; True when what the couple has is safely stored."""
        if self.stored is not None and self.record == self.stored.record:
            return True
        if not self.can_save or self.stored is None or self.user_id is None:
            return False
        try:
            self.stored = self.store.save(self.user_id, self.stored, self.record)
        except StoreUnavailable as error:
            log.warning("save failed", extra={"reason": str(error)})
            return False
        self.record = self.stored.record
        return True

    def erase(self) -> bool:
        """Delete the couple's record; True when it is gone. Nothing is saved after this."""
        if self.user_id is None:
            return False
        try:
            self.store.delete(self.user_id)
        except StoreUnavailable as error:
            log.warning("delete failed", extra={"reason": str(error)})
            return False
        self.deleted = True
        return True
