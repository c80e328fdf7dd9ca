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
