"""The languages the agent writes in.

Every sentence the agent writes for a person (answers, thoughts, approval messages, a tool
result's `notice`) is in the language of the prompt. This module is below the runtime, the tools
and the model providers alike, so each of them can name the type without importing another.
"""

from typing import Literal

Language = Literal["ko", "en"]
