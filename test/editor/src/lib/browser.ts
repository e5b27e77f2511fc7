import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './paths';

/**
 * Debian's Chromium, headless, through playwright-core (which never downloads a browser).
 * Background networking, component updates and sync are off: this machine has no internet, and
 * without these flags Chromium keeps opening connections that are refused.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
