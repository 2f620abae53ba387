"""Scraping a service's `GET /metrics` and reading its samples (Prometheus text format)."""

from dataclasses import dataclass

import httpx
from prometheus_client.parser import text_string_to_metric_families


@dataclass(frozen=True)
class Scrape:
    text: str
    samples: list[tuple[str, dict[str, str], float]]

    def value(self, name: str, **labels: str) -> float:
        """The sum of the samples called `name` whose labels include `labels` (0 when none)."""
        return sum(
            value
            for sample_name, sample_labels, value in self.samples
            if sample_name == name and labels.items() <= sample_labels.items()
        )

    def label_values(self, name: str, label: str) -> set[str]:
        return {labels[label] for sample, labels, _ in self.samples if sample == name}


async def scrape(http: httpx.AsyncClient, base_url: str = "") -> Scrape:
    response = await http.get(f"{base_url}/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    families = text_string_to_metric_families(response.text)
    samples = [(s.name, dict(s.labels), s.value) for family in families for s in family.samples]
    return Scrape(response.text, samples)
