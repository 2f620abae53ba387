"""The base of every JSON body the services exchange: fields are declared in Python's snake_case
with their camelCase wire name as an alias, and either name is accepted when reading."""

from pydantic import BaseModel, ConfigDict


class WireModel(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class OpenWireModel(WireModel):
    """A record that other versions may extend: fields this version does not know are kept (and
    written back) rather than dropped."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")
