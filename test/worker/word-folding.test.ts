// Issue 10, item 9: block and hold words match after folding (lib/text.ts foldForMatching).
import { describe, expect, it } from "vitest";
import { findWord } from "../../worker/lib/moderation.ts";
import { foldForMatching } from "../../worker/lib/text.ts";
import { freshPage } from "./helpers.ts";
import { post, site } from "./moderation-helpers.ts";

describe("block and hold words after folding", () => {
  it.each([
    ["a zero-width space", "cas\u200bino"],
    ["l for i, upper case", "CASlNO"],
    ["1 for i and 0 for o", "cas1n0"],
    ["a Cyrillic а", "c\u0430sino"],
    ["Cyrillic and Greek letters", "\u0441\u0430sin\u03bf"],
    ["an accent", "casinó"],
    ["a combining accent", "casino\u0301"],
    ["full-width letters", "ｃａｓｉｎｏ"],
    ["a soft hyphen and a word joiner", "ca\u00ads\u2060ino"],
  ])("%s still hits a casino block word", (_, text) => {
    expect(findWord([`Le ${text} du coin`], ["casino"])).toBe("casino");
  });

  it("folds the listed word the same way, and still matches whole words only", () => {
    expect(findWord(["casino"], ["CASINÓ"])).toBe("CASINÓ");
    expect(findWord(["Écrivez à bob@casino.example"], ["casino"])).toBe("casino");
    expect(findWord(["casinos et casinotiers"], ["casino"])).toBeNull();
  });

  it("raises no false alarm on ordinary French and German", () => {
    const words = ["casino", "viagra", "porn", "sex", "cialis", "loan"];
    const texts = [
      "Le cassis et le sirop de cassis se marient bien ; l'été dernier, à Nîmes, j'ai lu un spécialiste.",
      "Ça coûte cher, mais le château, l'église et le musée valent le détour. Très bien écrit !",
      "Die Größe der Straße überrascht: Müller, Käse, Fußgänger und Öl. Das ist schön.",
      "Sexta-feira ? Non : Essex, Sussex, und der Löwe. Pornic est en Loire-Atlantique.",
    ];
    expect(findWord(texts, words)).toBeNull();
  });

  it("folds to plain lower-case letters", () => {
    expect(foldForMatching("Ｃ\u0430\u200bs1nó")).toBe("casino");
  });

  it("a folded block word sends the comment to spam (202)", async () => {
    const key = await site({ moderation: "none", blockWords: ["casino"] });
    expect((await post(key, freshPage(), { body: "Meilleur CASlNO en ligne" })).status).toBe(202);
    expect((await post(key, freshPage(), { body: "Un bon cassoulet" })).status).toBe(201);
  });
});
