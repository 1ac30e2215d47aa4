#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prepares the load of the members' API (bench/members_load.lua): signs in many members of the demo province,
spread over its communes, and writes for each the session token and what they can act on (items of their feed,
lessons with an answer to each quiz question, their cell's upcoming meetings) as a Lua table.

    bench/members_load.py BASE_URL ADMIN_PASSWORD MEMBER_PASSWORD COUNT OUTPUT.lua
"""
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def call(base, method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def sign_in(base, username, password):
    """A session token; a sign-in refused while the server checks as many passwords as it will (503) waits as
    told and tries again."""
    for _ in range(20):
        try:
            return call(base, "POST", "/api/v1/auth/login", body={"username": username, "password": password})["token"]
        except urllib.error.HTTPError as error:
            if error.code != 503:
                raise
            time.sleep(float(error.headers.get("Retry-After") or 1))
    raise RuntimeError(f"{username}: the server stayed busy")


def usernames(base, admin, count):
    """Active member accounts, taken in turn from each commune or bloc committee under the province."""
    uppers = [u["id"] for u in call(base, "GET", "/api/v1/orgs?parent=1", admin)["items"]]
    per_upper = {}
    for upper in uppers:
        page = call(base, "GET", f"/api/v1/orgs/{upper}/accounts?limit=500", admin)
        per_upper[upper] = [row["username"] for row in page["items"] if row["state"] == "active"]
    chosen, round_ = [], 0
    while len(chosen) < count and any(len(names) > round_ for names in per_upper.values()):
        for names in per_upper.values():
            if len(names) > round_ and len(chosen) < count:
                chosen.append(names[round_])
        round_ += 1
    return chosen


def prepare(base, username, password):
    token = sign_in(base, username, password)
    feed = call(base, "GET", "/api/v1/me/feed?limit=50", token)["items"]
    items = [item["id"] for item in feed]
    lessons = []
    for item in feed:
        if item["kind"] != "lesson" or len(lessons) >= 3:
            continue
        opened = call(base, "GET", f"/api/v1/me/feed/{item['id']}", token)
        questions = (opened.get("quiz") or {}).get("questions") or []
        answers = [{"question": n + 1, "chosen": [0]} for n in range(len(questions))]
        lessons.append({"id": item["id"], "attempt": json.dumps({"contentId": item["id"], "answers": answers})})
    meetings = [m["id"] for m in call(base, "GET", "/api/v1/me/meetings", token)["upcoming"]]
    return {"token": token, "items": items, "lessons": lessons, "meetings": meetings}


def lua(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{lua(k)}] = {lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(lua(v) for v in value) + "}"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a Lua string literal for these characters
    return str(value)


def main():
    base, admin_password, member_password, count, output = sys.argv[1:6]
    admin = sign_in(base, "admin", admin_password)
    names = usernames(base, admin, int(count))
    # The server checks at most eight passwords at once; we ask for fewer.
    with ThreadPoolExecutor(max_workers=6) as pool:
        members = list(pool.map(lambda name: prepare(base, name, member_password), names))
    members = [m for m in members if m["items"] and m["lessons"]]
    with open(output, "w", encoding="utf-8") as out:
        out.write("return " + lua(members) + "\n")
    meetings = sum(1 for m in members if m["meetings"])
    print(f"{len(members)} members signed in, from {len(set(names))} accounts; {meetings} with an upcoming meeting")


if __name__ == "__main__":
    main()
