"""`make bench`: what the E2E reset between tests costs (TRUNCATE + FLUSHDB + the saved sign-in).

Measured through `LiveApp.reset`, exactly as the suite calls it, after each of `--rounds`
rounds that leave data behind (a camera, an event with a detection, a rule, an alert).

Run inside throwaway services (what `make bench` does):

    devservices run --postgres-env LOOKOUT_DATABASE_URL --redis-env LOOKOUT_REDIS_URL -- \\
        env PYTHONPATH=e2e:backend/tests python -m harness.bench [--rounds 200]
"""

import argparse
import os
import statistics
import time

import httpx

from harness.app import live_app
from harness.backend import Backend
from lookout.auth.dependencies import CSRF_HEADER
from lookout.migrate import upgrade
from testsupport import OPERATOR_PASSWORD, OPERATOR_USERNAME


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    database_url, redis_url = os.environ["LOOKOUT_DATABASE_URL"], os.environ["LOOKOUT_REDIS_URL"]
    upgrade(database_url)
    with live_app(database_url=database_url, redis_url=redis_url, channel="bench") as app:
        app.create_operator()
        with httpx.Client(base_url=app.url) as client:
            login = {"username": OPERATOR_USERNAME, "password": OPERATOR_PASSWORD}
            signed_in = client.post("/api/auth/login", json=login).raise_for_status()
            client.headers[CSRF_HEADER] = signed_in.json()["csrf_token"]
            app.keep_redis_as_it_is()
            backend = Backend(client)
            costs = []
            for n in range(rounds):
                backend.alert(f"Rule {n}", backend.camera(f"Camera {n}"))
                started = time.perf_counter()
                app.reset()
                costs.append((time.perf_counter() - started) * 1000)
                backend = Backend(client)  # its API key went with the reset
            assert client.get("/api/auth/me").is_success, "the reset lost the sign-in"
    costs.sort()
    p95 = costs[int(len(costs) * 0.95) - 1]
    print(
        f"E2E reset between tests ({rounds} rounds): p50 {statistics.median(costs):.2f} ms, "
        f"p95 {p95:.2f} ms, max {costs[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
