from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Integer, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aura.kit.database import UtcDateTime, open_engine, session_factory


class _Base(DeclarativeBase):
    pass


class _Moment(_Base):
    __tablename__ = "moments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


async def test_utc_datetime_comes_back_aware_in_utc_on_sqlite() -> None:
    seoul = timezone(timedelta(hours=9))
    async with open_engine("sqlite:///:memory:") as engine:
        async with engine.begin() as connection:
            await connection.run_sync(_Base.metadata.create_all)
        sessions = session_factory(engine)
        async with sessions.begin() as session:
            session.add(_Moment(id=1, at=datetime(2026, 1, 16, 21, 0, tzinfo=seoul)))
        async with sessions() as session:
            stored = await session.scalar(select(_Moment.at))
    assert stored == datetime(2026, 1, 16, 12, 0, tzinfo=UTC)
    assert stored is not None and stored.tzinfo is UTC


def test_utc_datetime_refuses_naive_values() -> None:
    with pytest.raises(ValueError, match="naive"):
        naive = datetime(2026, 1, 16, 12, 0, tzinfo=UTC).replace(tzinfo=None)
        UtcDateTime().process_bind_param(naive, sqlite.dialect())
