"""OpenAPI links: which operation's answer gives the ids another operation takes. Clients read
them to follow the API; schemathesis's stateful phase follows them to chain real requests
(create a camera, then change, delete and restore that camera)."""

from typing import Any


def to(method: str, path: str, **parameters: str) -> dict[str, Any]:
    """A link to `method path`, whose `parameters` are runtime expressions, e.g.
    `camera_id="$response.body#/id"`."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return {"operationRef": f"#/paths/{pointer}/{method.lower()}", "parameters": parameters}


def answer(
    status_code: int, description: str, **links: dict[str, Any]
) -> dict[int | str, dict[str, Any]]:
    """The `responses` entry of an answer that links to other operations."""
    return {status_code: {"description": description, "links": links}}
