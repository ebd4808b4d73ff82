"""The audit log: who changed what, newest first, filtered, paged."""

from harness.backend import Backend
from pages.audit import AuditPage


def test_an_empty_log_says_so(audit: AuditPage) -> None:
    audit.open().expect_empty()


def test_changes_are_recorded_newest_first(backend: Backend, audit: AuditPage) -> None:
    shed = backend.camera("Shed")
    backend.set_camera_status(shed, "maintenance")
    backend.delete_camera(shed)
    audit.open().expect_actions(["camera.deleted", "camera.updated", "camera.created"])


def test_an_entry_names_who_did_what_to_which_entity(backend: Backend, audit: AuditPage) -> None:
    porch = backend.camera("Porch")
    event = backend.event(porch)  # posted with an API key: a camera, not the operator
    audit.open()
    audit.expect_entry(
        who=f"api_key:{backend.key_of(porch).id}",
        action="event.created",
        entity=f"event {event.id}",
    )
    audit.expect_entry(
        who=backend.operator_actor, action="camera.created", entity=f"camera {porch.id}"
    )


def test_filtering_by_action(backend: Backend, audit: AuditPage) -> None:
    shed = backend.camera("Shed")
    backend.delete_camera(shed)
    audit.open().filter(action="camera.deleted")
    audit.expect_actions(["camera.deleted"])


def test_filtering_by_entity(backend: Backend, audit: AuditPage) -> None:
    backend.camera("Porch")
    backend.rule("Night watch")
    audit.open().filter(entity="alert_rule")
    audit.expect_actions(["alert_rule.created"])


def test_filtering_by_who(backend: Backend, audit: AuditPage) -> None:
    backend.event(backend.camera("Porch"))
    audit.open().filter(who=backend.operator_actor)
    audit.expect_actions(["api_key.created", "camera.created"])


def test_filters_live_in_the_url_and_survive_a_reload(backend: Backend, audit: AuditPage) -> None:
    backend.delete_camera(backend.camera("Shed"))
    audit.open().filter(action="camera.created", entity="camera")
    audit.reload()
    audit.expect_filter_values(action="camera.created", entity="camera")
    audit.expect_actions(["camera.created"])


def test_filters_that_match_nothing_say_so(backend: Backend, audit: AuditPage) -> None:
    backend.camera("Porch")
    audit.open().filter(action="camera.restored")
    audit.expect_empty()


def test_older_entries_load_a_page_at_a_time(backend: Backend, audit: AuditPage) -> None:
    for n in range(55):
        backend.camera(f"Camera {n:02}")
    audit.open().expect_entry_count(50)
    audit.load_older()
    audit.expect_entry_count(55)
    audit.expect_no_older()
