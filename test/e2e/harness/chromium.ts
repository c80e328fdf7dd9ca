// The browser: find a Chromium (or Chrome) to drive, downloading Playwright's once if there is
// none, and launch it headless with the flags every run uses.

import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { isFile, repoRoot } from "./paths.ts";
import { run } from "./processes.ts";

const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
];

/** Playwright's own downloaded Chromium, if `playwright-core install chromium` has been run. */
function playwrightChromium(): string | undefined {
  try {
    const file = chromium.executablePath();
    return file && isFile(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

function chromiumOnDisk(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    // An explicit path that is wrong is a mistake to report, not to paper over.
    if (!isFile(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  return CHROMIUM_CANDIDATES.find(isFile) ?? playwrightChromium();
}

let installTried = false;

/**
 * The Chromium to drive: CHROME_PATH, then the usual install paths, then Playwright's own
 * download. If there is none, try `playwright-core install chromium` once (works on a laptop with
 * internet, not in an offline sandbox), then fail loudly: a missing browser must never pass silently.
 */
export async function findChromium(): Promise<string> {
  const found = chromiumOnDisk();
  if (found) return found;

  if (!installTried) {
    installTried = true;
    const cli = path.join(repoRoot, "node_modules", ".bin", "playwright-core");
    const [command, args] = existsSync(cli) ? [cli, ["install", "chromium"]] : ["npx", ["playwright-core", "install", "chromium"]];
    console.warn(`No Chromium found; trying \`${command} ${args.join(" ")}\` once…`);
    const result = await run(command, args, 300_000);
    const installed = playwrightChromium();
    if (installed) return installed;
    console.warn(`playwright-core install chromium did not give a browser (exit ${String(result.code)}):\n${result.output}`);
  }

  throw new Error(
    [
      "The end-to-end tests need Chromium or Google Chrome, and none was found.",
      `Looked at CHROME_PATH (unset), ${CHROMIUM_CANDIDATES.join(", ")}, and Playwright's download; \`npx playwright-core install chromium\` failed.`,
      "Fix it with one of:",
      "  • install it: `sudo apt-get install chromium` (Debian/Ubuntu), `brew install --cask chromium` (macOS), or Google Chrome;",
      "  • point to one: `CHROME_PATH=/path/to/chrome npm test`;",
      "  • download Playwright's: `npx playwright-core install chromium`;",
      "  • or, knowingly, skip the end-to-end suite: `BASCULE_SKIP_E2E=1 npm test`.",
    ].join("\n"),
  );
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(executablePath?: string): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath ?? (await findChromium()), headless: true, args: CHROMIUM_ARGS });
}
