-- Issue 11: notifications, webhooks and the delivery log.

-- One address on one site, and whether it confirmed (double opt-in). The address is kept in
-- clear because it is mailed; only owner routes ever answer it.
CREATE TABLE subscribers (
  id              TEXT PRIMARY KEY,              -- random, names the address in signed links
  site_key        TEXT NOT NULL REFERENCES sites (key) ON DELETE CASCADE,
  email           TEXT NOT NULL,                 -- normalised
  email_hash      TEXT NOT NULL,                 -- salted, as comments.email_hash
  confirmed_at    TEXT,                          -- null until the confirmation page's POST
  unsubscribed_at TEXT,                          -- "everything on this site": nothing more is sent
  created_at      TEXT NOT NULL,
  UNIQUE (site_key, email_hash)
);

-- What a confirmed address is mailed about: replies to one comment, or a whole thread.
CREATE TABLE subscriptions (
  id            TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  thread_id     INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  comment_id    TEXT REFERENCES comments (id) ON DELETE CASCADE,  -- null: every new comment of the thread
  created_at    TEXT NOT NULL
);
CREATE INDEX subscriptions_thread ON subscriptions (thread_id, comment_id);
CREATE INDEX subscriptions_subscriber ON subscriptions (subscriber_id);

-- Every mail and webhook, from the moment it is queued: the owner's proof of delivery.
-- `payload` is the message as it will be sent (built when queued), so a retry sends the same.
CREATE TABLE deliveries (
  id          TEXT PRIMARY KEY,                  -- derived from the event and the recipient, so a retried event queues nothing twice
  site_key    TEXT NOT NULL,
  kind        TEXT NOT NULL,                     -- owner.comment, reader.reply, webhook, test, …
  channel     TEXT NOT NULL,                     -- email, resend, postmark, mailgun, webhook
  to_address  TEXT NOT NULL,                     -- an e-mail address or a webhook URL
  to_hash     TEXT,                              -- salted hash of an e-mail recipient: throttle and suppression
  payload     TEXT NOT NULL,                     -- JSON
  status      TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'suppressed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  sent_at     TEXT
);
CREATE INDEX deliveries_site ON deliveries (site_key, created_at, id);
CREATE INDEX deliveries_recipient ON deliveries (to_hash, created_at);

-- Addresses a provider answered with a permanent failure (hard bounce, complaint): never mailed again.
CREATE TABLE suppressions (
  site_key   TEXT NOT NULL REFERENCES sites (key) ON DELETE CASCADE,
  email_hash TEXT NOT NULL,
  reason     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (site_key, email_hash)
);
