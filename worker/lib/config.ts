// What a deployment must have configured before it may write (issue 10, item 11). An unset
// HASH_SALT used to become the text "undefined": form tokens could be forged offline and IP
// hashes reversed at once. These rules say what is wrong; http/writer.ts refuses the writes
// and GET /api/v1/health reports the problems, by name, never with a secret's value.

/** The shortest HASH_SALT accepted: 32 characters, about 190 bits from `npm run deploy`'s generator. */
export const HASH_SALT_MIN = 32;

export interface ConfigProblem {
  /** The secret or variable to set. */
  name: "HASH_SALT";
  problem: "missing" | "too_short";
  message: string;
}

export function saltProblem(salt: string | undefined): ConfigProblem | null {
  if (!salt) return { name: "HASH_SALT", problem: "missing", message: "The HASH_SALT secret is not set." };
  if (salt.length < HASH_SALT_MIN) {
    return { name: "HASH_SALT", problem: "too_short", message: `The HASH_SALT secret is shorter than ${HASH_SALT_MIN} characters.` };
  }
  return null;
}

/** Every problem that stops this worker from accepting writes. */
export function configProblems(env: { HASH_SALT?: string }): ConfigProblem[] {
  const salt = saltProblem(env.HASH_SALT);
  return salt === null ? [] : [salt];
}

// Mail (issue 11): how mail leaves this worker, and what to set when it can't. Sending fails
// closed: an unconfigured worker still logs every delivery, as failed with this problem.

export type MailTransport = "email" | "resend" | "postmark" | "mailgun";

const MAIL_PROVIDERS = ["resend", "postmark", "mailgun"] as const;

/** The variables that choose the transport; `EMAIL` is the [[send_email]] binding. */
export interface MailEnv {
  MAIL_FROM?: string;
  MAIL_PROVIDER?: string;
  MAIL_API_KEY?: string;
  MAILGUN_REGION?: string;
  EMAIL?: unknown;
}

/** What GET /api/v1/health says of mail: names only, never a value. */
export interface MailSetup {
  configured: boolean;
  /** The transport in use; null when mail isn't configured. */
  transport: MailTransport | null;
  /** What to set, when mail isn't configured. */
  problem?: string;
}

/** A bare address, as the transports take it: no display name, no spaces. */
const MAIL_ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

export function mailSetup(env: MailEnv): MailSetup {
  const problem = (text: string): MailSetup => ({ configured: false, transport: null, problem: text });
  const provider = (env.MAIL_PROVIDER ?? "").trim().toLowerCase();
  if (provider !== "" && !MAIL_PROVIDERS.includes(provider as (typeof MAIL_PROVIDERS)[number])) {
    return problem("MAIL_PROVIDER must be resend, postmark or mailgun, or empty to send through the EMAIL binding.");
  }
  const from = (env.MAIL_FROM ?? "").trim();
  if (from === "") return problem("Set MAIL_FROM to the sender address, e.g. comments@your-domain.example.");
  if (!MAIL_ADDRESS.test(from)) return problem("MAIL_FROM must be a bare e-mail address, e.g. comments@your-domain.example.");
  if (provider === "") {
    if (env.EMAIL === undefined) return problem("Add the [[send_email]] binding EMAIL, or set MAIL_PROVIDER and MAIL_API_KEY.");
    return { configured: true, transport: "email" };
  }
  if ((env.MAIL_API_KEY ?? "").trim() === "") return problem(`Set the MAIL_API_KEY secret: MAIL_PROVIDER is ${provider}.`);
  const region = (env.MAILGUN_REGION ?? "").trim().toLowerCase();
  if (provider === "mailgun" && region !== "" && region !== "us" && region !== "eu") {
    return problem("MAILGUN_REGION must be eu, us or empty.");
  }
  return { configured: true, transport: provider as MailTransport };
}
