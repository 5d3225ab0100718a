import { announceSkip } from "../support/skip-log";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium, driven by playwright-core; never a downloaded browser. Where it is missing the suite says so
 * loudly and skips (never a silent pass), or fails outright under AXONFLOW_REQUIRE_BROWSER=1 (CI).
 */
/** Debian's Chromium; AXONFLOW_CHROMIUM names another Chromium-family binary (a CI runner's google-chrome, say). */
export const CHROMIUM = process.env.AXONFLOW_CHROMIUM ?? "/usr/bin/chromium";
// Without the background-networking flags Chromium keeps calling home, and this machine's closed network refuses it.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function describeWithBrowser(title: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(title, body);
    return;
  }
  const why = `SKIPPED ${title}: no chromium at ${CHROMIUM} (apt-get install -y chromium, or set AXONFLOW_CHROMIUM)`;
  if (process.env.AXONFLOW_REQUIRE_BROWSER === "1") throw new Error(`${why} — and AXONFLOW_REQUIRE_BROWSER=1 forbids skipping`);
  announceSkip(why);
  describe.skip(`${title} (skipped: see warning)`, () => test.todo("install chromium"));
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
