"""Domain errors raised by services, and the HTTP answers they become (in one place)."""

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class DomainError(Exception):
    status_code = status.HTTP_400_BAD_REQUEST


class NotFoundError(DomainError):
    status_code = status.HTTP_404_NOT_FOUND


class ConflictError(DomainError):
    status_code = status.HTTP_409_CONFLICT


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
    return JSONResponse({"detail": str(exc)}, status_code=code)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
