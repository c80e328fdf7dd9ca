// The reader throttle (API.md "Mail to readers"): at most 10 reader e-mails an hour go to one
// address; past that they wait, still queued, and the hourly cron sends them together as one
// mail. Confirmation mails are never held back: a reader who just subscribed is waiting for one.
import {
  carryInto,
  countSentSince,
  insertDelivery,
  listWaiting,
  listWaitingRecipients,
  markGathered,
  type DeliveryRow,
  type MailPayload,
  type NewDelivery,
} from "../db/deliveries.ts";
import { findSite, type Site } from "../db/sites.ts";
import { gatheredMail } from "../mail/notices.ts";
import { deliveryId, queueDeliveries } from "./fanout.ts";

export const READER_MAILS_PER_HOUR = 10;
/** The kind of the mail that carries the held-back ones; it is never held back itself. */
export const GATHERED_KIND = "reader.gathered";
/** Addresses one cron run sends a gathered mail to at most; the others wait for the next run. */
export const GATHER_RECIPIENTS_MAX = 10;
/** Mails one gathered mail carries at most, in count and in bytes of text and HTML; the rest wait for the next run. */
export const GATHER_MAILS_MAX = 50;
export const GATHER_BYTES_MAX = 500_000;

const HOUR_MS = 3_600_000;
/** Only deliveries created in the last day are counted: it bounds the rows the count reads. */
const COUNT_WINDOW_MS = 24 * HOUR_MS;

export function isThrottled(kind: string): boolean {
  return kind.startsWith("reader.") && kind !== "reader.confirm" && kind !== GATHERED_KIND;
}

/** True when this reader mail must wait for the gathered mail (and the log now says so). */
export async function holdBack(db: D1Database, delivery: DeliveryRow, toHash: string): Promise<boolean> {
  if (!isThrottled(delivery.kind)) return false;
  const now = Date.now();
  const sent = await countSentSince(db, toHash, "reader.", {
    since: new Date(now - HOUR_MS).toISOString(),
    createdSince: new Date(now - COUNT_WINDOW_MS).toISOString(),
    cap: READER_MAILS_PER_HOUR,
  });
  if (sent < READER_MAILS_PER_HOUR) return false;
  const note = `gathered: ${READER_MAILS_PER_HOUR} reader e-mails already went to this address in the last hour; the hourly run sends this one with the others, as one mail`;
  await markGathered(db, delivery.id, note, new Date(now).toISOString()).run();
  return true;
}

export interface GatherRun {
  /** Gathered mails queued. */
  mails: number;
  /** Held-back deliveries they carry. */
  carried: number;
  /** More addresses wait for the next run. */
  more: boolean;
}

/** The cron's step: one gathered mail per address (and site) with held-back mail, bounded per run. */
export async function sendGatheredMail(env: Env): Promise<GatherRun> {
  const db = env.DB;
  const recipients = await listWaitingRecipients(db, GATHER_RECIPIENTS_MAX + 1);
  const sites = new Map<string, Site | null>();
  const gathered: NewDelivery[] = [];
  const writes: D1PreparedStatement[] = [];
  const now = new Date().toISOString();
  let carried = 0;
  for (const { site_key: key, to_hash: toHash } of recipients.slice(0, GATHER_RECIPIENTS_MAX)) {
    if (!sites.has(key)) sites.set(key, await findSite(db, key));
    const site = sites.get(key);
    if (!site) continue; // being deleted: its deliveries go with it
    const rows = withinBytes(await listWaiting(db, key, toHash, GATHER_MAILS_MAX));
    const last = rows.at(-1);
    if (rows.length === 0 || last === undefined) continue;
    const payload = gatheredMail(
      rows.map((row) => JSON.parse(row.payload) as MailPayload),
      key,
      site.settings.locale,
      READER_MAILS_PER_HOUR,
    );
    const delivery: NewDelivery = {
      id: await deliveryId(`gathered:${rows[0]?.id}`, GATHERED_KIND, last.to_address),
      site: key,
      kind: GATHERED_KIND,
      channel: "email",
      to: last.to_address,
      toHash,
      payload,
    };
    // The gathered mail and what it carries are written together: none is carried by a mail that doesn't exist.
    writes.push(
      insertDelivery(db, delivery, now),
      carryInto(
        db,
        rows.map((row) => row.id),
        delivery.id,
      ),
    );
    gathered.push(delivery);
    carried += rows.length;
  }
  if (writes.length > 0) await db.batch(writes);
  await queueDeliveries(env, gathered);
  return { mails: gathered.length, carried, more: recipients.length > GATHER_RECIPIENTS_MAX };
}

/** The first rows whose text and HTML fit in GATHER_BYTES_MAX (always at least one). */
function withinBytes(rows: DeliveryRow[]): DeliveryRow[] {
  let bytes = 0;
  const kept: DeliveryRow[] = [];
  for (const row of rows) {
    bytes += row.payload.length;
    if (kept.length > 0 && bytes > GATHER_BYTES_MAX) break;
    kept.push(row);
  }
  return kept;
}
