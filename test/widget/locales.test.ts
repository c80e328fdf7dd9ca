// The languages' catalogues (widget/i18n/<lang>.ts), checked against English and against
// what Intl says each language needs: every key, every plural category, the same placeholders.

import { readdirSync } from "node:fs";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Api } from "../../widget/api.ts";
import { updateCounts } from "../../widget/counts.ts";
import { say } from "../../widget/extra/words.ts";
import { createTranslator, type PluralForms } from "../../widget/i18n/catalogue.ts";
import { en, enWriting, enWritingPlurals, type Locale } from "../../widget/i18n/en.ts";
import { API, happyDOM } from "./helpers.ts";

/** Every language with a part: its `widget/i18n/embed-<lang>.ts` (the build's list too). */
const LANGS = readdirSync("widget/i18n").flatMap((file) => /^embed-([a-z]+)\.ts$/.exec(file)?.[1] ?? []);
const LOCALES: Record<string, Locale> = Object.fromEntries(
  await Promise.all(LANGS.map(async (lang) => [lang, (await import(`../../widget/i18n/${lang}.ts`))[lang] as Locale])),
);
const ENGLISH: Record<string, string | PluralForms> = { ...en, ...enWriting, ...enWritingPlurals };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** The integers (and a few round millions) Intl.PluralRules puts in `category` for `lang`. */
function numbersIn(lang: string, category: string): number[] {
  const rules = new Intl.PluralRules(lang);
  const sample = [...Array.from({ length: 1001 }, (_, n) => n), 1e6, 2e6, 1e9];
  return sample.filter((n) => rules.select(n) === category);
}

test("at least ten languages besides English, one of them right to left", () => {
  expect(LANGS.length).toBeGreaterThanOrEqual(10);
  expect(LANGS).toEqual(expect.arrayContaining(["fr", "de", "es", "it", "pt", "nl", "pl", "ru", "ja", "ar"]));
  expect(LANGS.filter((lang) => LOCALES[lang]?.dir === "rtl")).toContain("ar");
});

describe.each(LANGS)("%s", (lang) => {
  const locale = LOCALES[lang] as Record<string, string | PluralForms>;
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

  test("has every English key, of the same kind, and no other", () => {
    expect(Object.keys(locale).sort()).toEqual(Object.keys(ENGLISH).sort());
    for (const [key, value] of Object.entries(ENGLISH)) expect(typeof locale[key], key).toBe(typeof value);
  });

  test("its plural messages have every category the language needs (or one form for all numbers)", () => {
    for (const [key, forms] of Object.entries(locale)) {
      if (typeof forms === "string") continue;
      const given = Object.keys(forms).sort();
      // One form ("Like ({n})": no word agrees with the number), or all of them.
      if (given.length > 1) expect(given, key).toEqual([...categories].sort());
      else expect(given, key).toEqual(["other"]);
    }
  });

  test("has the same placeholders as English; a plural form drops {n} only where its category is one number", () => {
    for (const [key, english] of Object.entries(ENGLISH)) {
      const value = locale[key] as string | PluralForms;
      if (typeof english === "string") {
        expect(placeholders(value as string), key).toEqual(placeholders(english));
        continue;
      }
      const wanted = placeholders(english.other);
      for (const [category, text] of Object.entries(value as PluralForms)) {
        const found = placeholders(text as string);
        if (numbersIn(lang, category).length === 1) expect(wanted, `${key}.${category}`).toEqual(expect.arrayContaining(found));
        else expect(found, `${key}.${category}`).toEqual(wanted);
      }
    }
  });

  test("writes in the direction Intl gives the language", () => {
    const info = new Intl.Locale(lang) as Intl.Locale & { textInfo?: { direction: string }; getTextInfo?: () => { direction: string } };
    expect(locale.dir).toBe((info.getTextInfo?.() ?? info.textInfo)?.direction);
  });
});

describe("plurals, in the case each number takes", () => {
  const NUMBERS = [0, 1, 2, 5, 22, 25, 101];
  test.each([
    ["pl", ["0 komentarzy", "1 komentarz", "2 komentarze", "5 komentarzy", "22 komentarze", "25 komentarzy", "101 komentarzy"]],
    ["ru", ["0 комментариев", "1 комментарий", "2 комментария", "5 комментариев", "22 комментария", "25 комментариев", "101 комментарий"]],
    ["ar", ["لا تعليقات", "تعليق واحد", "تعليقان", "5 تعليقات", "22 تعليقًا", "25 تعليقًا", "101 تعليق"]],
    ["ja", ["0件のコメント", "1件のコメント", "2件のコメント", "5件のコメント", "22件のコメント", "25件のコメント", "101件のコメント"]],
  ])("%s", (lang, texts) => {
    const i18n = createTranslator(lang, LOCALES[lang] as Locale);
    expect(NUMBERS.map((n) => i18n.plural("thread.count", n))).toEqual(texts);
  });

  test("fractions and round millions take the forms kept for them", () => {
    expect(createTranslator("pl", LOCALES.pl as Locale).plural("thread.count", 1.5)).toBe("1,5 komentarza");
    expect(createTranslator("fr", LOCALES.fr as Locale).plural("thread.count", 1e6)).toBe("1\u202f000\u202f000 de commentaires");
  });
});

test("relative dates come from Intl.RelativeTimeFormat in every language, with its own words", () => {
  const now = Date.parse("2025-03-10T12:00:00Z");
  const said = (lang: string, iso: string) => createTranslator(lang, LOCALES[lang] as Locale).relative(iso, now);
  expect(said("pl", "2025-03-05T12:00:00Z")).toBe("5 dni temu");
  expect(said("ru", "2025-03-05T12:00:00Z")).toBe("5 дней назад");
  expect(said("ja", "2025-03-09T12:00:00Z")).toBe("昨日");
  expect(said("ar", "2025-03-09T12:00:00Z")).toBe("أمس");
  expect(said("de", "2025-03-10T11:59:30Z")).toBe("jetzt");
  for (const lang of LANGS) expect(said(lang, "2025-03-10T09:00:00Z"), lang).not.toBe(said("en", "2025-03-10T09:00:00Z"));
});

describe("a language's part", () => {
  afterEach(() => {
    happyDOM.settings.handleDisabledFileLoadingAsSuccess = false;
    vi.restoreAllMocks();
  });

  /** index.ts in a fresh module graph (no part defined yet); the <script>s it adds, played as the browser would. */
  async function freshLoad(run?: () => Promise<unknown>) {
    vi.resetModules();
    globalThis.PARTS_HASH = "0123abcd";
    const srcs: string[] = [];
    const append = document.head.append.bind(document.head);
    vi.spyOn(document.head, "append").mockImplementation((...nodes) => {
      for (const node of nodes) if (node instanceof HTMLScriptElement) srcs.push(node.src);
      void (run ? run().then(() => append(...nodes)) : append(...nodes));
    });
    return { srcs, ...(await import("../../widget/i18n/index.ts")) };
  }

  test("is asked for by the language's name alone and brings its words", async () => {
    happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
    // The file runs (it defines "pl" in the fresh registry), then its load event fires.
    const { srcs, loadI18n } = await freshLoad(() => import("../../widget/i18n/embed-pl.ts"));
    const polish = await loadI18n("pl", API);
    expect(srcs).toEqual([`${API}/embed-pl.0123abcd.js`]);
    expect(polish.lang).toBe("pl");
    expect(polish.plural("thread.count", 3)).toBe("3 komentarze");
    expect(say(polish, "comment.confirm")).toBe("Usunąć?");
  });

  test("a language without one (a 404) leaves the widget in English", async () => {
    const { srcs, loadI18n } = await freshLoad();
    const english = await loadI18n("zz", API);
    expect(srcs).toEqual([`${API}/embed-zz.0123abcd.js`]);
    expect(english.lang).toBe("en");
    expect(english.plural("thread.count", 3)).toBe("3 comments");
    expect(say(english, "comment.confirm")).toBe("Delete?");
  });
});

test("the page's count elements take the language's plural forms", async () => {
  document.body.innerHTML = '<span data-bascule-count="/a"></span><span data-bascule-count="/b"></span>';
  const api = { counts: async () => ({ "/a": 22, "/b": 25 }) } as unknown as Api;
  await updateCounts(api, { site: "demo", page: "/", limit: 50, api: API }, createTranslator("pl", LOCALES.pl as Locale));
  expect([...document.querySelectorAll("span")].map((span) => span.textContent)).toEqual(["22 komentarze", "25 komentarzy"]);
  document.body.innerHTML = "";
});
