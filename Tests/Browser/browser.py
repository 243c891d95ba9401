#!/usr/bin/env python3
"""Looks at a built site in headless Chromium (selenium + Debian's chromium and chromium-driver).

  browser.py screenshots SITE OUT   PNGs of each page at 390 and 1280 px, light and dark, into OUT
  browser.py axe SITE AXE_JS        axe-core 4 on each page in the same 8 views: 0 violations; at 320
                                    and 390 px nothing scrolls sideways; at 390 px the header is at
                                    most 64 px tall

SITE is a built output folder; pages are opened from file://, as an offline reader would.
"""
import json
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

PAGES = [
    ("home", "index.html"),
    ("part", "iii/index.html"),
    ("item", "iii/1/index.html"),
    ("print", "print.html"),
    ("search", "search.html?q=security+cooperation"),
    ("404", "404.html"),
]
VIEWS = [(390, 844), (1280, 800)]
SCHEMES = ["light", "dark"]


def driver():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def open_view(browser, site, path, width, height, scheme):
    if not (site / path.split("?")[0]).is_file():
        raise SystemExit(f"{site / path.split('?')[0]} is missing: build the site first")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    browser.get((site / path.split("?")[0]).as_uri() + ("?" + path.split("?")[1] if "?" in path else ""))
    # Wait for the search results, the highlighter and fonts: scripts here are local, so a short poll.
    browser.execute_async_script("""
        var done = arguments[arguments.length - 1], tries = 0;
        (function wait() {
          var busy = document.querySelector('#search-results') && !document.querySelector('#search-results ol, #search-results p');
          if (busy && tries++ < 50) return setTimeout(wait, 50);
          document.fonts.ready.then(function () { setTimeout(done, 150); });
        })();""")


def screenshots(site, out):
    out.mkdir(parents=True, exist_ok=True)
    browser = driver()
    try:
        for name, path in PAGES:
            for width, height in VIEWS:
                for scheme in SCHEMES:
                    open_view(browser, site, path, width, height, scheme)
                    browser.save_screenshot(str(out / f"{name}-{width}-{scheme}.png"))
                    if name == "item" and width < 600:
                        browser.execute_script("document.querySelector('.site-menu').open = true")
                        browser.save_screenshot(str(out / f"{name}-{width}-{scheme}-menu.png"))
                    if name in ("item", "part") and width > 600:
                        # What printing the page gives: the print style sheet on paper-like width.
                        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": [
                            {"name": "prefers-color-scheme", "value": scheme}]})
                        browser.save_screenshot(str(out / f"{name}-{width}-{scheme}-printed.png"))
        print(f"{len(list(out.glob('*.png')))} screenshots in {out}")
    finally:
        browser.quit()


def axe(site, axe_js):
    source = axe_js.read_text(encoding="utf-8")
    browser = driver()
    failures = 0
    try:
        for name, path in PAGES:
            for width, height in VIEWS:
                for scheme in SCHEMES:
                    open_view(browser, site, path, width, height, scheme)
                    browser.execute_script(source)
                    result = browser.execute_async_script(
                        "var done = arguments[arguments.length - 1];"
                        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r); },"
                        " function (e) { done({error: String(e)}); });")
                    view = f"{name} {width}x{height} {scheme}"
                    if "error" in result:
                        print(f"{view}: axe failed: {result['error']}")
                        failures += 1
                        continue
                    for violation in result["violations"]:
                        failures += 1
                        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
                        print(f"{view}: {violation['id']} ({violation['impact']}): {violation['help']}: {json.dumps(targets)}")
                    if width < 600:
                        scroll = browser.execute_script("return document.documentElement.scrollWidth")
                        header = browser.execute_script("var h = document.querySelector('.site-header'); return h ? h.getBoundingClientRect().height : 0")
                        if scroll > width:
                            failures += 1
                            print(f"{view}: scrolls sideways (scrollWidth {scroll} px)")
                        if header > 64:
                            failures += 1
                            print(f"{view}: header is {header:.0f} px tall (at most 64)")
                    version = result.get("testEngine", {}).get("version", "?")
            # The narrowest phones: nothing may scroll sideways from 320 px up.
            open_view(browser, site, path, 320, 640, "light")
            scroll = browser.execute_script("return document.documentElement.scrollWidth")
            if scroll > 320:
                failures += 1
                print(f"{name} 320x640: scrolls sideways (scrollWidth {scroll} px)")
        print(f"axe-core {version}: {failures} problem(s) on {len(PAGES)} pages x {len(VIEWS)} sizes x {len(SCHEMES)} schemes")
    finally:
        browser.quit()
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("screenshots", "axe"):
        sys.exit(__doc__)
    site = pathlib.Path(sys.argv[2]).resolve()
    if sys.argv[1] == "screenshots":
        screenshots(site, pathlib.Path(sys.argv[3]).resolve())
    else:
        sys.exit(axe(site, pathlib.Path(sys.argv[3]).resolve()))
