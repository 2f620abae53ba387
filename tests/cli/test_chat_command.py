"""`aura chat` refuses an empty prompt instead of opening a conversation."""

from pathlib import Path

import pytest

from aura.cli.main import main


@pytest.mark.parametrize("prompt", ["", "   "])
def test_an_empty_prompt_is_refused_with_a_sentence(
    prompt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    code = main(["chat", prompt, "--gateway", "http://127.0.0.1:9", "--token", "x"])
    assert code == 2
    assert "the prompt is empty" in capsys.readouterr().out
