import { describe, expect, test } from "vitest";
import { en } from "../../widget/i18n/en.ts";
import { fr } from "../../widget/i18n/fr.ts";
import "../../widget/i18n/embed-fr.ts";
import { createTranslator } from "../../widget/i18n/catalogue.ts";
import { loadI18n, resolveLang } from "../../widget/i18n/index.ts";
import { say } from "../../widget/extra/words.ts";

describe("plurals", () => {
  test.each([
    [0, "0 comments"],
    [1, "1 comment"],
    [2, "2 comments"],
    [5, "5 comments"],
  ])("English: %i → %s", (n, text) => {
    expect(createTranslator("en", en).plural("thread.count", n)).toBe(text);
  });

  test.each([
    [0, "0 commentaire"],
    [1, "1 commentaire"],
    [2, "2 commentaires"],
    [5, "5 commentaires"],
  ])("French: %i → %s", (n, text) => {
    expect(createTranslator("fr", fr).plural("thread.count", n)).toBe(text);
  });

  test("numbers are formatted in the language", () => {
    expect(createTranslator("en", en).plural("thread.count", 1234)).toBe("1,234 comments");
    expect(createTranslator("fr", fr).plural("thread.count", 1234)).toBe("1\u202f234 commentaires");
  });
});

describe("resolveLang", () => {
  test.each([
    ["fr-FR", "fr"],
    ["FR_ca", "fr"],
    [" pl ", "pl"],
    ["ar-EG", "ar"],
    ["en-GB", "en"],
    // Any language: embed.js keeps no list, it asks for the part (English if there is none).
    ["zh-Hant", "zh"],
    ["fil", "fil"],
    // Anything else stays out of the part's URL.
    ["french", "en"],
    ["../x", "en"],
    ["x-klingon", "en"],
    ["", "en"],
    [null, "en"],
    [undefined, "en"],
  ] as const)("%j → %s", (tag, lang) => {
    expect(resolveLang(tag)).toBe(lang);
  });
});

describe("dates", () => {
  const now = Date.parse("2025-03-10T12:00:00Z");
  test("relative dates use Intl.RelativeTimeFormat in the language", () => {
    const english = createTranslator("en", en);
    const french = createTranslator("fr", fr);
    expect(english.relative("2025-03-10T11:59:30Z", now)).toBe("now");
    expect(english.relative("2025-03-10T11:55:00Z", now)).toBe("5 minutes ago");
    expect(english.relative("2025-03-08T12:00:00Z", now)).toBe("2 days ago");
    expect(french.relative("2025-03-09T12:00:00Z", now)).toBe("hier");
    expect(french.relative("2024-01-10T12:00:00Z", now)).toBe("l’année dernière");
    expect(french.relative("2023-01-10T12:00:00Z", now)).toBe("il y a 2 ans");
  });

  test("the full date names the month in the language", () => {
    expect(createTranslator("fr", fr).fullDate("2025-03-10T12:00:00Z")).toMatch(/10 mars 2025/);
    expect(createTranslator("en", en).fullDate("2025-03-10T12:00:00Z")).toMatch(/March 10, 2025/);
  });
});

test("the French part brings French, writing words included; English is built in", async () => {
  const french = await loadI18n("fr", "https://comments.example.org");
  expect(french.t("comment.reply")).toBe("Répondre");
  expect(say(french, "comment.confirm")).toBe("Supprimer\u202f?");
  const english = await loadI18n("en", "https://comments.example.org");
  expect(english.t("comment.reply")).toBe("Reply");
  expect(say(english, "comment.confirm")).toBe("Delete?");
});
