#!/usr/bin/env python3
"""Sign-in through a municipality's OpenID Connect provider, in headless Chromium.

Run by Tests/KlageServerTests/ConsoleSignInBrowserTests.swift against a real `klage serve` whose
Gladsaxe tenant signs in through a real provider (PyPI's oidc-provider-mock, started by the test with
three predefined people: "anna" and "bo", in the caseworkers' group, and "lene", in the leaders' group).
Environment: KLAGE_URL, KLAGE_IDP_URL, KLAGE_SCREENSHOTS, KLAGE_GLADSAXE_INTEGRATION_KEY (registers a complaint).

The journeys: the sign-in page offers "Log ind med Gladsaxe Kommune"; at the provider's authorization
page the person is chosen; back in the console the work queue shows with the role of their groups
(the leader's overview for the leader only); a caseworker assigns a complaint to a colleague of her
department, who finds it in "Mine sager", the queue a person sees first; signing out ends the session
here and at the provider, which sends the browser back to the console's sign-in page. axe-core checks
the sign-in page and the complaint's page with its assignment form.

Prints one line per step; exits 1 naming the step that failed. Never prints a token or personal data.
"""
import json
import os
import sys
import urllib.request
from urllib.parse import urlsplit

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# console_journey reads its personal keys when imported; this journey signs in with none.
for _name in ("CASEWORKER", "LEADER", "GLADSAXE_LEADER", "INTEGRATION", "OTHER_TENANT"):
    os.environ.setdefault(f"KLAGE_{_name}_KEY", "")
from console_journey import SHOTS, Failed, browser, check_axe, shot, step  # noqa: E402

URL = os.environ["KLAGE_URL"].rstrip("/")
IDP = os.environ["KLAGE_IDP_URL"].rstrip("/")


def wait(driver, selector, seconds=30):
    """The element, once visible; on a page of the console or of the provider."""
    try:
        return WebDriverWait(driver, seconds).until(ready.visibility_of_element_located((By.CSS_SELECTOR, selector)))
    except TimeoutException:
        driver.save_screenshot(os.path.join(SHOTS, "oidc-failure.png"))
        where = urlsplit(driver.current_url)
        raise Failed(f"{selector} did not appear on {where.scheme}://{where.netloc}{where.path}")


def sign_in_through_provider(driver, subject):
    driver.get(f"{URL}/")
    button = wait(driver, "#signin-gladsaxe")
    if button.text.strip() != "Log ind med Gladsaxe Kommune":
        raise Failed(f"the sign-in button reads {button.text!r}")
    button.click()
    # The provider's authorization page: choose the predefined person.
    choice = wait(driver, f"button[name='sub'][value='{subject}']")
    if not driver.current_url.startswith(IDP):
        raise Failed("the button did not lead to the provider")
    for name in ("code_challenge_method=S256", "code_challenge=", "nonce=", "state="):
        if name not in driver.current_url:
            raise Failed(f"the authorization request lacks {name.rstrip('=')}")
    choice.click()
    wait(driver, "#signout")
    wait(driver, "#nav-queue")
    if not driver.current_url.startswith(URL):
        raise Failed("the provider did not send the browser back to the console")


def session(driver):
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/console/session', {credentials: 'same-origin'}).then(r => r.json()).then(done, e => done({error: String(e)}))")


def sign_out_at_provider(driver):
    driver.find_element(By.ID, "signout").click()
    # The provider's end-session page, with the id token hint; confirm, and it sends the browser back.
    confirm = wait(driver, "form[action*='end_session'] button[type='submit']")
    if not driver.current_url.startswith(IDP + "/oauth2/end_session") or "id_token_hint=" not in driver.current_url:
        raise Failed(f"sign-out did not reach the provider's end-session endpoint with the id token hint")
    confirm.click()
    wait(driver, "#signin-gladsaxe")
    if not driver.current_url.startswith(URL):
        raise Failed("the provider did not send the browser back after sign-out")
    if "error" not in session(driver):
        raise Failed("the console session outlived the sign-out")


def register_complaint():
    """A complaint of Borgerservice, registered by the case system over /rpc; its id."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "complaint.create", "params": {
        "workflow": "borgerkontakt.dialogue", "channel": "phone", "subject": "Venter på en rollator",
        "description": "Borgeren har ventet ni uger.", "citizen": {"name": "Jens Hansen"}, "department": "Borgerservice"}}).encode()
    request = urllib.request.Request(f"{URL}/rpc", data=body, headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + os.environ["KLAGE_GLADSAXE_INTEGRATION_KEY"]})
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = json.load(response)
    if "result" not in answer:
        raise Failed(f"complaint.create answered {answer.get('error')}")
    return answer["result"]["id"]


def assign_to_a_colleague(driver, complaint):
    """Anna assigns the complaint to Bo from its page; Bo then finds it in his own queue."""
    driver.get(f"{URL}/#/complaint/{complaint}")
    select = wait(driver, "#assignee")
    options = {option.text: option.get_attribute("value") for option in select.find_elements(By.TAG_NAME, "option")}
    if "Bo Kollega" not in options or "Lene Leder" in options:
        raise Failed(f"the colleagues offered are {sorted(options)}, not Bo of Borgerservice alone besides 'Mig'")
    check_axe(driver, "oidc complaint with assignment")
    select.find_element(By.CSS_SELECTOR, f"option[value='{options['Bo Kollega']}']").click()
    driver.find_element(By.CSS_SELECTOR, "#assign button[type='submit']").click()
    # The page draws itself again after the change: an element read mid-way may be gone.
    WebDriverWait(driver, 30, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        lambda d: "Bo Kollega" in d.find_element(By.ID, "assigned-to").text)
    shot(driver, "oidc-04-assigned")


def main():
    complaint = register_complaint()
    driver = browser()
    try:
        driver.get(f"{URL}/")
        wait(driver, "#signin-gladsaxe")
        if driver.find_elements(By.CSS_SELECTOR, "#key") and driver.find_element(By.CSS_SELECTOR, "#key").is_displayed():
            raise Failed("the pasted key is offered openly though Gladsaxe signs in through its provider")
        shot(driver, "oidc-01-sign-in")
        check_axe(driver, "oidc sign-in")
        step("the sign-in page offers 'Log ind med Gladsaxe Kommune'")

        # Bo signs in once, so the console knows him as a colleague.
        sign_in_through_provider(driver, "bo")
        sign_out_at_provider(driver)

        sign_in_through_provider(driver, "anna")
        who = session(driver)
        if who.get("role") != "caseworker" or who.get("signedInWith") != "provider" or who.get("departments") != ["Borgerservice"]:
            raise Failed(f"the caseworker's session has role {who.get('role')!r}, departments {who.get('departments')!r}")
        if driver.find_elements(By.ID, "nav-leader"):
            raise Failed("a caseworker sees the leader's overview")
        wait(driver, "main h1")
        shot(driver, "oidc-02-caseworker-queue")
        step("a caseworker signed in through the provider lands in the work queue as caseworker")

        assign_to_a_colleague(driver, complaint)
        step("a caseworker assigns a complaint to a colleague of her department")
        sign_out_at_provider(driver)
        step("the caseworker signed out here and at the provider")

        sign_in_through_provider(driver, "bo")
        wait(driver, f"#queue tr[data-id='{complaint}']")
        if driver.find_element(By.ID, "queue-mine").get_attribute("aria-current") != "page":
            raise Failed("a person's first queue is not their own")
        shot(driver, "oidc-05-colleague-queue")
        step("the colleague finds it in his own queue, the first a person sees")
        sign_out_at_provider(driver)

        sign_in_through_provider(driver, "lene")
        who = session(driver)
        if who.get("role") != "leader":
            raise Failed(f"the leader's session has role {who.get('role')!r}")
        wait(driver, "#nav-leader")
        shot(driver, "oidc-03-leader-queue")
        step("a leader signed in through the provider lands in the work queue with the leader's overview")

        sign_out_at_provider(driver)
        step("the leader signed out here and at the provider")
    finally:
        driver.quit()
    print("oidc journey: passed", flush=True)


if __name__ == "__main__":
    try:
        main()
    except Failed as failure:
        print(f"FAILED: {failure}", flush=True)
        sys.exit(1)
