import { createRequire } from 'node:module';
import { join } from 'node:path';

// The few Playwright calls the UI test makes. playwright-core lives in the e2e tools cache, not in
// the project's dependencies, so its own types are not at hand.
export interface Locator {
  click(o?: { timeout?: number }): Promise<void>;
  waitFor(o?: { state?: 'visible' | 'hidden' | 'attached' | 'detached'; timeout?: number }): Promise<void>;
  filter(o: { hasText: string | RegExp }): Locator;
  locator(selector: string): Locator;
  first(): Locator;
  count(): Promise<number>;
  innerText(): Promise<string>;
  isVisible(): Promise<boolean>;
}
export interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string, o?: { delay?: number }): Promise<void> };
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'pageerror', fn: (e: Error) => void): void;
}
export interface Browser { newPage(o?: { viewport?: { width: number; height: number } }): Promise<Page>; close(): Promise<void> }
interface Playwright { chromium: { launch(o: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser> } }

export function playwright(dir: string): Playwright {
  return createRequire(join(dir, 'package.json'))(dir) as Playwright;
}
