-- Security (issue 9): the login log, and usernames in lower case.

-- Every login attempt: the username as typed (bytes outside printable ASCII
-- written \xHH), the client address, and ok / failed / throttled (the first
-- refusal of each hold). Pruned after 90 days. Admins read the failures on
-- /admin/logins.
CREATE TABLE IF NOT EXISTS login_event (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    username TEXT NOT NULL,
    addr     TEXT NOT NULL DEFAULT '',
    result   TEXT NOT NULL CHECK (result IN ('ok', 'failed', 'throttled'))
);
CREATE INDEX IF NOT EXISTS login_event_at ON login_event(at);

-- Usernames are case-folded from now on: fold the existing ones (ASCII;
-- SQLite's lower() touches nothing else) unless that would collide.
UPDATE user SET username = lower(username)
WHERE username <> lower(username)
  AND lower(username) NOT IN (SELECT username FROM user);
