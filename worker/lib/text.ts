// Text as people type it: NFC, no control characters but newline and tab. Zero-width
// and other invisible characters are kept inside text but don't count as content.
// Everything stored as text goes through cleanText, whether typed in the widget or imported.

import { normalisePageKey } from "./page-key.ts";

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Each character is removed on its own, combining ones (U+034F, variation selectors) included.
const HIDDEN =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: a class of single code points is meant here.
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;
const INVISIBLE = new RegExp(`\\s|${HIDDEN.source}`, "gu");

// A lone UTF-16 surrogate has no UTF-8 form: D1 would store it as something else, so it
// becomes U+FFFD here, before anything is rendered or stored.
export function cleanText(text: string): string {
  return text.toWellFormed().normalize("NFC").replace(CONTROL, "");
}

export function hasVisibleContent(text: string): boolean {
  return text.replace(INVISIBLE, "").length > 0;
}

// Look-alikes that NFKC leaves apart: Cyrillic and Greek letters drawn like Latin ones, and
// the digits and letters people swap for each other (issue 10, item 9). Folded to one
// letter on both sides of a comparison, so a block word written with them matches too.
const LOOK_ALIKES: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ї: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  // Digits and letters only: "@" or "$" would glue "bob@casino.example" into one word.
  0: "o",
  1: "i",
  l: "i",
  3: "e",
  4: "a",
  5: "s",
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join("")}]`, "gu");

/**
 * Text as the block and hold words compare it: NFKC (full-width and styled letters become
 * plain ones), hidden characters removed, lower case, no diacritics, look-alikes folded.
 * Lengths change, so the result is for matching only, never shown or stored.
 */
export function foldForMatching(text: string): string {
  return text
    .normalize("NFKC")
    .replace(HIDDEN, "")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(LOOK_ALIKE, (char) => LOOK_ALIKES[char] ?? char);
}

/** A page key as the worker files it: cleaned like all text, then normalised (lib/page-key.ts). */
export function cleanPageKey(raw: string): string {
  return normalisePageKey(cleanText(raw));
}
