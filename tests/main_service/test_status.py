"""The original main service's status answers: the original frontend renders `data` as text."""

import httpx


async def test_main_health_answers_a_string(client: httpx.AsyncClient) -> None:
    response = await client.get("/main/health")
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True
    assert body["data"] == "Main Service is running"


async def test_main_info_names_the_service_and_its_port(client: httpx.AsyncClient) -> None:
    response = await client.get("/main/info")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["service"] == "main-service"
    assert isinstance(data["description"], str) and data["description"]
    assert isinstance(data["port"], int)


async def test_platform_health_keeps_its_structured_answer(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health")).json()["data"]["status"] == "healthy"
