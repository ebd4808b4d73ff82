"""Moving through a page the way a keyboard-only operator does: Tab, and nothing else."""

from playwright.sync_api import Locator, Page

TAB_LIMIT = 60  # more stops than any page here has before its last control

_FOCUSED = "element => element === document.activeElement"
# The focus ring: an outline that is drawn (the stylesheet's :focus-visible rule).
_RING_SHOWN = """element => {
  const style = getComputedStyle(element);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
}"""


def tab_to(page: Page, target: Locator, *, limit: int = TAB_LIMIT) -> None:
    """Press Tab until `target` has the focus, and check that the focus can be seen there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate(_FOCUSED):
            assert target.evaluate(_RING_SHOWN), "the focus is on the control but not shown"
            return
    raise AssertionError(f"{limit} presses of Tab never reached {target}")


def tab_and_type(page: Page, target: Locator, text: str) -> None:
    tab_to(page, target)
    page.keyboard.type(text)
