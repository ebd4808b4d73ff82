"""Alerts raised by rules: new, acknowledged, dismissed, and the moves between them."""

from harness.backend import Backend
from harness.faults import LiveFeedLink
from pages.alerts import AlertsPage
from pages.event_detail import EventDetailPage


def test_no_new_alerts_says_so(alerts: AlertsPage) -> None:
    alerts.open().expect_none("new")
    alerts.expect_tab("new")


def test_a_raised_alert_is_listed_under_its_rule(backend: Backend, alerts: AlertsPage) -> None:
    backend.alert("Porch visitor", backend.camera("Porch"))
    alerts.open().expect_alerts("new", ["Porch visitor"])
    alerts.expect_actions("Porch visitor", ["Acknowledge", "Dismiss"])


def test_new_alerts_are_listed_newest_first(backend: Backend, alerts: AlertsPage) -> None:
    porch, garage = backend.camera("Porch"), backend.camera("Garage")
    backend.alert("Porch visitor", porch)
    backend.alert("Garage intruder", garage)
    alerts.open().expect_alerts("new", ["Garage intruder", "Porch visitor"])


def test_an_event_below_the_rule_raises_nothing(backend: Backend, alerts: AlertsPage) -> None:
    porch = backend.camera("Porch")
    backend.rule("Only critical", camera=porch, min_severity="critical")
    backend.event(porch, severity="high")
    alerts.open().expect_none("new")


def test_acknowledging_moves_the_alert_to_acknowledged(
    backend: Backend, alerts: AlertsPage
) -> None:
    backend.alert("Porch visitor", backend.camera("Porch"))
    alerts.open().acknowledge("Porch visitor")
    alerts.expect_none("new")
    alerts.show("acknowledged")
    alerts.expect_alerts("acknowledged", ["Porch visitor"])
    alerts.expect_actions("Porch visitor", ["Dismiss"])


def test_dismissing_a_new_alert(backend: Backend, alerts: AlertsPage) -> None:
    backend.alert("Porch visitor", backend.camera("Porch"))
    alerts.open().dismiss("Porch visitor")
    alerts.expect_none("new")
    alerts.show("dismissed")
    alerts.expect_alerts("dismissed", ["Porch visitor"])


def test_dismissing_an_acknowledged_alert(backend: Backend, alerts: AlertsPage) -> None:
    backend.acknowledge_alert(backend.alert("Porch visitor", backend.camera("Porch")))
    alerts.open_tab("acknowledged").dismiss("Porch visitor")
    alerts.expect_none("acknowledged")


def test_a_dismissed_alert_offers_nothing_to_do(backend: Backend, alerts: AlertsPage) -> None:
    backend.alert("Porch visitor", backend.camera("Porch"))
    alerts.open().dismiss("Porch visitor")
    alerts.show("dismissed")
    alerts.expect_actions("Porch visitor", [])


def test_the_chosen_tab_survives_a_reload(alerts: AlertsPage) -> None:
    alerts.open().show("dismissed")
    alerts.reload()
    alerts.expect_tab("dismissed")


def test_a_shared_link_opens_its_tab(backend: Backend, alerts: AlertsPage) -> None:
    backend.acknowledge_alert(backend.alert("Porch visitor", backend.camera("Porch")))
    alerts.open_tab("acknowledged").expect_tab("acknowledged")
    alerts.expect_alerts("acknowledged", ["Porch visitor"])


def test_an_alert_links_to_its_event(
    backend: Backend, alerts: AlertsPage, event_detail: EventDetailPage
) -> None:
    backend.alert("Porch visitor", backend.camera("Porch"), summary="A stranger at the door")
    alerts.open().open_event("Porch visitor")
    event_detail.expect_title("A stranger at the door")


def test_acting_on_a_stale_list_is_explained_and_refreshes_it(
    backend: Backend, alerts: AlertsPage
) -> None:
    LiveFeedLink(alerts.page, refusing=True).install()  # offline: the list goes stale
    alert = backend.alert("Porch visitor", backend.camera("Porch"))
    alerts.open().expect_alerts("new", ["Porch visitor"])
    backend.acknowledge_alert(alert)  # another operator was quicker
    alerts.acknowledge("Porch visitor")
    alerts.expect_problem("acknowledged")
    alerts.expect_none("new")
