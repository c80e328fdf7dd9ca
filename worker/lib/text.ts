// Text as people type it: NFC, no control characters but newline and tab. Zero-width
// and other invisible characters are kept inside text but don't count as content.
// Everything stored as text goes through cleanText, whether typed in the widget or imported.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Each character is removed on its own, combining ones (U+034F, variation selectors) included.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: a class of single code points is meant here.
  /[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

// A lone UTF-16 surrogate has no UTF-8 form: D1 would store it as something else, so it
// becomes U+FFFD here, before anything is rendered or stored.
export function cleanText(text: string): string {
  return text.toWellFormed().normalize("NFC").replace(CONTROL, "");
}

export function hasVisibleContent(text: string): boolean {
  return text.replace(INVISIBLE, "").length > 0;
}
