"""Domain errors raised by services, and the HTTP answers they become (in one place)."""

from fastapi import FastAPI, Request, status
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.routing import compile_path


class DomainError(Exception):
    status_code = status.HTTP_400_BAD_REQUEST


class ForbiddenError(DomainError):
    status_code = status.HTTP_403_FORBIDDEN


class NotFoundError(DomainError):
    status_code = status.HTTP_404_NOT_FOUND


class ConflictError(DomainError):
    status_code = status.HTTP_409_CONFLICT


class TooManyRequestsError(DomainError):
    """Answered with 429 and `Retry-After`."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class InvalidFieldError(DomainError):
    """A request field that is well-formed but refers to nothing usable (answered like
    FastAPI's own validation errors, so clients handle one shape)."""

    status_code = status.HTTP_422_UNPROCESSABLE_CONTENT

    def __init__(self, *loc: str | int, message: str) -> None:
        super().__init__(message)
        self.loc = loc


class ErrorOut(BaseModel):
    detail: str


def error_responses(*codes: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI `responses=` entries for the error answers a route can give."""
    return {code: {"model": ErrorOut} for code in codes}


async def _domain_error(_: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, InvalidFieldError):
        problem = {"loc": list(exc.loc), "msg": str(exc), "type": "value_error"}
        return JSONResponse({"detail": [problem]}, status_code=exc.status_code)
    code = exc.status_code if isinstance(exc, DomainError) else status.HTTP_400_BAD_REQUEST
    headers = (
        {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyRequestsError) else None
    )
    return JSONResponse({"detail": str(exc)}, status_code=code, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI document lists at this request's path (HEAD with GET): what a
    405 must list in `Allow`."""
    for template, operations in request.app.openapi()["paths"].items():
        regex, _, _ = compile_path(template)
        if regex.match(request.url.path):
            methods = {method.upper() for method in operations}
            return sorted(methods | ({"HEAD"} if "GET" in methods else set()))
    return []


async def _http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):  # registered for HTTPException only
        raise exc
    misrouted = {status.HTTP_404_NOT_FOUND, status.HTTP_405_METHOD_NOT_ALLOWED}
    allowed = allowed_methods(request) if exc.status_code in misrouted else []
    if allowed and request.method not in allowed:
        # The router answers 404 to a method a path does not take, or a 405 that lists the
        # methods of one route at the path only; the client needs to know what it does take.
        return JSONResponse(
            {"detail": "Method Not Allowed"},
            status_code=status.HTTP_405_METHOD_NOT_ALLOWED,
            headers={"Allow": ", ".join(allowed)},
        )
    # FastAPI answers a body that is not even text with a bare 400; answer it like any other
    # malformed JSON body (a 422 naming the body), the shape clients already handle.
    if exc.status_code == status.HTTP_400_BAD_REQUEST and isinstance(
        exc.__cause__, UnicodeDecodeError
    ):
        problem = {"loc": ["body"], "msg": "the body is not UTF-8 JSON", "type": "json_invalid"}
        return JSONResponse({"detail": [problem]}, status_code=422)
    return await http_exception_handler(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(HTTPException, _http_error)
