"""Cameras: add (with field errors), change status, delete and restore."""

from harness.backend import Backend
from pages.cameras import CamerasPage


def test_no_cameras_invites_adding_one(cameras: CamerasPage) -> None:
    cameras.open().expect_empty()


def test_adding_a_camera_lists_it_and_clears_the_form(cameras: CamerasPage) -> None:
    cameras.open().add("Porch", "Front door")
    cameras.expect_cameras(["Porch"])
    cameras.expect_location("Porch", "Front door")
    cameras.expect_form_cleared()


def test_cameras_are_listed_by_name(backend: Backend, cameras: CamerasPage) -> None:
    for name in ("Yard", "Garage", "Porch"):
        backend.camera(name)
    cameras.open().expect_cameras(["Garage", "Porch", "Yard"])


def test_a_blank_name_is_refused_on_its_field(cameras: CamerasPage) -> None:
    cameras.open().add("   ", "Nowhere")
    cameras.expect_name_refused("at least 1 character")
    cameras.expect_empty()


def test_a_name_too_long_is_refused(cameras: CamerasPage) -> None:
    cameras.open().add("C" * 101)
    cameras.expect_name_refused("at most 100 characters")


def test_a_name_in_use_is_refused_and_the_input_kept(
    backend: Backend, cameras: CamerasPage
) -> None:
    backend.camera("Porch")
    cameras.open().add("Porch", "Back door")
    cameras.expect_form_problem("a camera named 'Porch' already exists")
    cameras.expect_name_in_form("Porch")
    cameras.expect_cameras(["Porch"])


def test_a_status_change_is_saved(backend: Backend, cameras: CamerasPage) -> None:
    backend.camera("Porch", status="online")
    cameras.open().set_status("Porch", "maintenance")
    cameras.expect_status("Porch", "maintenance")
    cameras.reload()
    cameras.expect_status("Porch", "maintenance")


def test_a_deleted_camera_leaves_the_list(backend: Backend, cameras: CamerasPage) -> None:
    backend.camera("Porch")
    backend.camera("Shed")
    cameras.open().delete("Shed")
    cameras.expect_cameras(["Porch"])


def test_deleted_cameras_can_be_shown_and_are_locked(
    backend: Backend, cameras: CamerasPage
) -> None:
    backend.delete_camera(backend.camera("Shed"))
    cameras.open().expect_empty()
    cameras.show_deleted()
    cameras.expect_cameras(["Shed"])
    cameras.expect_status_locked("Shed")


def test_restoring_brings_a_camera_back(backend: Backend, cameras: CamerasPage) -> None:
    backend.delete_camera(backend.camera("Shed"))
    cameras.open().show_deleted()
    cameras.restore("Shed")
    cameras.show_deleted(False)
    cameras.expect_cameras(["Shed"])


def test_restoring_when_the_name_was_taken_is_explained(
    backend: Backend, cameras: CamerasPage
) -> None:
    backend.delete_camera(backend.camera("Shed"))
    backend.camera("Shed")  # a new camera took the name
    cameras.open().show_deleted()
    cameras.restore("Shed")
    cameras.expect_problem("Shed")
