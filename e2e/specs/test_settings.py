"""Settings: alert rules (add, enable, delete) and camera API keys (shown once, revoke)."""

from harness.backend import Backend
from pages.alerts import AlertsPage
from pages.settings import SettingsPage


def test_no_rules_says_no_event_raises_an_alert(settings: SettingsPage) -> None:
    settings.open().expect_no_rules()


def test_adding_a_rule_for_any_camera(settings: SettingsPage) -> None:
    settings.open().add_rule("Anything serious")
    settings.expect_rules(["Anything serious"])
    settings.expect_rule("Anything serious", "any camera · medium+")
    settings.expect_rule_form_cleared()


def test_adding_a_rule_for_one_camera_with_labels(backend: Backend, settings: SettingsPage) -> None:
    backend.camera("Porch")
    settings.open().add_rule(
        "Porch people", camera="Porch", at_least="high", labels="person, car", cooldown=60
    )
    settings.expect_rule("Porch people", "Porch · high+ · person, car")


def test_a_blank_rule_name_is_refused_on_its_field(settings: SettingsPage) -> None:
    settings.open().add_rule("  ")
    settings.expect_rule_refused("Rule name", "at least 1 character")
    settings.expect_no_rules()


def test_disabling_a_rule_is_saved(backend: Backend, settings: SettingsPage) -> None:
    backend.rule("Night watch")
    settings.open().set_rule_enabled("Night watch", False)
    settings.expect_rule_enabled("Night watch", False)
    settings.reload()
    settings.expect_rule_enabled("Night watch", False)


def test_deleting_a_rule(backend: Backend, settings: SettingsPage) -> None:
    backend.rule("Night watch")
    backend.rule("Day watch")
    settings.open().delete_rule("Night watch")
    settings.expect_rules(["Day watch"])


def test_a_rule_added_here_raises_alerts(
    backend: Backend, settings: SettingsPage, alerts: AlertsPage
) -> None:
    porch = backend.camera("Porch")
    settings.open().add_rule("Porch people", camera="Porch", at_least="high")
    settings.expect_rules(["Porch people"])
    backend.event(porch, severity="critical")
    alerts.open().expect_alerts("new", ["Porch people"])


def test_a_new_key_is_shown_once(backend: Backend, settings: SettingsPage) -> None:
    backend.camera("Porch")
    key = settings.open().create_key("Porch camera", camera="Porch")
    assert len(key) >= 32
    settings.expect_keys(["Porch camera"])
    settings.expect_key_state("Porch camera", "Porch")
    settings.expect_key_state("Porch camera", "never used")
    settings.reload()
    settings.expect_no_key_shown()


def test_the_shown_key_posts_for_its_camera_only(backend: Backend, settings: SettingsPage) -> None:
    porch, garage = backend.camera("Porch"), backend.camera("Garage")
    key = settings.open().create_key("Porch camera", camera="Porch")
    assert backend.post_event_with_key(key, porch) == 201
    assert backend.post_event_with_key(key, garage) == 403
    settings.reload()
    settings.expect_key_state("Porch camera", "used")


def test_revoking_a_key_stops_it_working(backend: Backend, settings: SettingsPage) -> None:
    porch = backend.camera("Porch")
    key = settings.open().create_key("Old camera", camera="Porch")
    settings.revoke_key("Old camera")
    settings.expect_key_state("Old camera", "revoked")
    assert backend.post_event_with_key(key, porch) == 401


def test_a_blank_key_name_is_refused_on_its_field(backend: Backend, settings: SettingsPage) -> None:
    backend.camera("Porch")
    settings.open().submit_key("", camera="Porch")
    settings.expect_key_refused("at least 1 character")
