/**
 * The UI stage: what a user sees, driven with Playwright through Debian's Chromium against the
 * VS Code 1.139 workbench served by the VS Code server, with the extension under development
 * loaded through the `payload` URL parameter. Each step leaves a PNG in build-output/screenshots.
 *
 * Selectors are those of VS Code 1.139 (see ../../../../shared/reference/editor-e2e.md): the
 * editor input is an EditContext div, so text is clicked rather than a textarea focused; the
 * lightbulb is drawn in the glyph margin (`.codicon-gutter-lightbulb*`).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchChromium } from '../lib/browser';
import { CheckSequence, expect, type CheckResult } from '../lib/checks';
import { copyFixture } from '../lib/fixtures';
import { repoRoot, screenshotsDir } from '../lib/paths';
import { startVsCodeServer, workbenchUrl } from '../lib/vscode-server';

const STEP_TIMEOUT = 30000;
const DOCKERFILE_FIX = 'Run as numeric user 10001:10001';

export async function runUiStage(scratch: string, log: (line: string) => void): Promise<CheckResult[]> {
  const workspace = join(scratch, 'ui-workspace');
  copyFixture('workspace', workspace);
  mkdirSync(screenshotsDir, { recursive: true });
  const sequence = new CheckSequence(log);
  log('ui: VS Code in Chromium');

  const server = await startVsCodeServer({ dataDir: join(scratch, 'ui-server') });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(STEP_TIMEOUT);
    const page = await context.newPage();
    const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(screenshotsDir, `${name}.png`) });
    const editor = page.locator('.editor-instance .monaco-editor').first();

    await sequence.step('the workbench opens the fixture folder with the extension loaded', async () => {
      await page.goto(workbenchUrl(server, workspace, { extensionDevelopmentPath: repoRoot }));
      await page.locator('.monaco-workbench .explorer-folders-view').waitFor({ state: 'visible' });
    });

    await sequence.step('a Dockerfile opened from Quick Open shows a warning squiggle', async () => {
      await openFile(page, 'Dockerfile', '');
      await editor.locator('.squiggly-warning').first().waitFor({ state: 'visible' });
      await shot('01-squiggle');
    });

    await sequence.step('hovering the squiggle shows the rule message', async () => {
      await editor.locator('.squiggly-warning').first().hover();
      const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'DG101' }).first();
      await hover.waitFor({ state: 'visible' });
      const text = await hover.innerText();
      expect(text.includes('never sets USER'), `hover text: ${text}`);
      expect(text.includes('dockguard'), `hover names no source: ${text}`);
      await shot('02-hover');
    });

    await sequence.step('the Problems panel lists findings of files never opened', async () => {
      await page.mouse.move(5, 5); // let the hover go
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'DG101' }).first().waitFor({ state: 'visible' });
      // services/api/Dockerfile and compose.yaml were never opened: only a workspace-wide scan
      // can put them here.
      await rows.filter({ hasText: 'services' }).first().waitFor({ state: 'visible' });
      await rows.filter({ hasText: 'compose.yaml' }).first().waitFor({ state: 'visible' });
      await shot('03-problems');
      await page.keyboard.press('Control+Shift+M'); // close the panel again
    });

    await sequence.step('the cursor on the finding shows the lightbulb', async () => {
      await clickText(editor, 'FROM debian');
      await page.locator('.codicon-gutter-lightbulb-auto-fix, .codicon-gutter-lightbulb, .codicon-gutter-lightbulb-sparkle-autofix').first().waitFor({ state: 'visible' });
    });

    await sequence.step('Ctrl+. offers the quick fix', async () => {
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row.action').filter({ hasText: DOCKERFILE_FIX }).first();
      await item.waitFor({ state: 'visible' });
      await shot('04-quick-fix-menu');
    });

    await sequence.step('applying the fix inserts USER and the squiggle goes away', async () => {
      await page.locator('.action-widget .monaco-list-row.action').filter({ hasText: DOCKERFILE_FIX }).first().click();
      await editor.locator('.view-lines').filter({ hasText: 'USER 10001:10001' }).waitFor({ state: 'visible' });
      await editor.locator('.squiggly-warning').first().waitFor({ state: 'detached' });
      await shot('05-fixed');
    });

    await sequence.step('Ctrl+S writes the fixed Dockerfile to disk', async () => {
      await page.keyboard.press('Control+S');
      await poll(() => readFileSync(join(workspace, 'Dockerfile'), 'utf8').includes('USER 10001:10001\n'), 'the file on disk has no USER line');
    });

    await sequence.step('a compose file shows its findings', async () => {
      await openFile(page, 'compose.yaml', '');
      await editor.locator('.squiggly-info').first().waitFor({ state: 'visible' });
      await editor.locator('.squiggly-info').first().hover();
      await page.locator('.monaco-hover:visible').filter({ hasText: 'DG204' }).first().waitFor({ state: 'visible' });
      await shot('06-compose');
    });
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
  return sequence.results;
}

/**
 * Opens a file through Quick Open. The result row is clicked, not Enter pressed: Enter before the
 * file search answers opens nothing. A row's aria-label is "<name> <folder>" ("<name>" at the
 * root), followed by ", <section>" on the first row of a section.
 */
async function openFile(page: Page, name: string, folder: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(folder ? `${folder}/${name}` : name);
  const wanted = folder ? `${name} ${folder}` : name;
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  let index = -1;
  await poll(async () => {
    index = await rows.evaluateAll(
      (elements, label) => elements.findIndex((e) => (e.getAttribute('aria-label') ?? '').split(', ')[0] === label),
      wanted,
    );
    return index >= 0;
  }, `no Quick Open row for ${wanted}`);
  await rows.nth(index).click();
  await page.locator('.tab.active').filter({ hasText: name }).waitFor({ state: 'visible' });
}

async function clickText(editor: Locator, text: string): Promise<void> {
  await editor.locator('.view-line').filter({ hasText: text }).first().click();
}

async function poll(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = STEP_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
