// The browser tests' harness: the real `kizuna` binary on a fresh SQLite
// file with the demo loaded, and Debian's Chromium driven by playwright-core.
//
//   import { useKizuna } from './harness.mjs';
//   const k = useKizuna('statistics');     // inside a describe(): before/after hooks
//   test('…', async () => { const page = await k.page(); await k.step(page, 'opened', async () => { … }); });
//
// Every step leaves a screenshot in target/e2e-artifacts/<test>/NN-<step>.png
// (and the page's HTML when it fails); the server's log is beside them.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = process.env.KIZUNA_BIN || join(ROOT, 'target', 'debug', 'kizuna');
export const ARTIFACTS = join(ROOT, 'target', 'e2e-artifacts');
export const CHROMIUM = process.env.KIZUNA_CHROMIUM || '/usr/bin/chromium';
export const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** How long one browser action or wait may take. */
export const ACTION_TIMEOUT_MS = 15_000;

/** Build the binary when it is missing (scripts/test builds it first). */
export function ensureBinary() {
  if (existsSync(BIN)) return;
  const r = spawnSync('cargo', ['build', '-p', 'kizuna'], { cwd: ROOT, stdio: 'inherit' });
  assert.equal(r.status, 0, 'cargo build failed');
  assert.ok(existsSync(BIN), `cargo build did not produce ${BIN}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start `kizuna serve --demo` on a fresh database and a free port; resolves
 * when /healthz answers, with the URL and the demo administrator's password.
 */
export async function startServer(logPath, extraArgs = []) {
  ensureBinary();
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['--database-url', `sqlite://${join(dir, 'kizuna.sqlite3')}`, 'serve', '--demo', '--addr', `127.0.0.1:${port}`, ...extraArgs];
  const proc = spawn(BIN, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const log = logPath ? createWriteStream(logPath) : null;
  let stderr = '';
  let exited = null;
  proc.stdout.on('data', (d) => log?.write(d));
  proc.stderr.on('data', (d) => {
    stderr += d;
    log?.write(d);
  });
  proc.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  // Never leave the server behind, however this process ends.
  const reap = () => exited === null && proc.kill('SIGKILL');
  process.once('exit', reap);

  const stop = async () => {
    if (exited === null) {
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => exited === null && proc.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }
    process.off('exit', reap);
    log?.end();
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  let password = null;
  let email = null;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`kizuna exited (${JSON.stringify(exited)}) before serving:\n${stderr}`);
    }
    const m = stderr.match(/demo administrator: (\S+)\s+password: (\S+)\s+\(shown only this once\)/);
    if (m) [, email, password] = m;
    if (password) {
      try {
        const r = await fetch(`${url}/healthz`);
        if (r.ok) break;
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`kizuna did not become healthy in 60 s${password ? '' : ' (no demo administrator line)'}:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, email, password, stop };
}

export async function launchBrowser() {
  assert.ok(existsSync(CHROMIUM), `no browser at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/**
 * A server and a browser for one test file, started before its tests and
 * stopped after them. Call inside describe(). `options.serveArgs`: more
 * arguments for `kizuna serve` (e.g. `['--tile-url', '']`).
 */
export function useKizuna(name, options = {}) {
  const dir = join(ARTIFACTS, slug(name));
  const k = {
    name,
    dir,
    server: null,
    browser: null,
    /** Errors the pages threw or logged, per page. */
    pageErrors: new WeakMap(),
    stepNo: 0,

    get url() {
      return k.server.url;
    },

    /** A new browser context (own cookies), English unless told otherwise. */
    async context(options = {}) {
      const ctx = await k.browser.newContext({
        baseURL: k.server.url,
        locale: 'en-GB',
        viewport: { width: 1280, height: 900 },
        ...options,
      });
      ctx.setDefaultTimeout(ACTION_TIMEOUT_MS);
      ctx.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
      return ctx;
    },

    /** A page in a new context; its script errors are collected. */
    async page(options) {
      const ctx = await k.context(options);
      const page = await ctx.newPage();
      const errors = [];
      k.pageErrors.set(page, errors);
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
      // Failed loads are told with their address below, not as console lines.
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
      });
      page.on('response', (r) => {
        const path = new URL(r.url()).pathname;
        // Every page names its icon, so not even the browser's own ask for
        // an icon may fail.
        if (r.status() >= 400 && r.request().resourceType() !== 'document') {
          errors.push(`${r.status()} ${r.request().method()} ${path}`);
        }
      });
      return page;
    },

    errorsOf(page) {
      return k.pageErrors.get(page) ?? [];
    },

    /**
     * Run one step; afterwards a screenshot NN-<what>.png. When it fails, a
     * FAILED screenshot and the page's HTML are kept, and the error says
     * which step and where the page was.
     */
    async step(page, what, fn) {
      const n = String(++k.stepNo).padStart(2, '0');
      const base = join(dir, `${n}-${slug(what)}`);
      try {
        const out = await fn();
        await page.screenshot({ path: `${base}.png`, fullPage: true });
        return out;
      } catch (e) {
        try {
          await page.screenshot({ path: `${base}-FAILED.png`, fullPage: true, timeout: 5_000 });
          writeFileSync(`${base}-FAILED.html`, await page.content());
        } catch {
          // the page may be gone
        }
        e.message = `[${name} › step ${n} "${what}" at ${page.url()}] ${e.message}`;
        throw e;
      }
    },

    /** Sign in through the form as the demo administrator. */
    async signIn(page, next) {
      await k.step(page, 'signed in', async () => {
        await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
        await page.getByLabel('E-mail address').fill(k.server.email);
        await page.getByLabel('Password').fill(k.server.password);
        const status = await submitSignIn(page);
        assert.equal(status, 303, 'the sign-in form answers with a redirect');
        await page.waitForURL((u) => u.pathname !== '/sign-in');
      });
    },

    /** GET a JSON API path with the page's cookies (the session). */
    async api(page, path) {
      const r = await page.request.get(path);
      assert.equal(r.status(), 200, `GET ${path}: ${r.status()} ${await r.text()}`);
      return r.json();
    },
  };

  before(
    async () => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      k.server = await startServer(join(dir, 'server.log'), options.serveArgs ?? []);
      k.browser = await launchBrowser();
    },
    { timeout: 600_000 },
  );
  after(async () => {
    await k.browser?.close();
    await k.server?.stop();
  });
  return k;
}

/**
 * The text a person sees or hears on the page: the rendered text, the
 * title, and the accessible names and descriptions in attributes.
 */
export async function visibleText(page) {
  return page.evaluate(() => {
    const attrs = ['aria-label', 'title', 'alt', 'placeholder', 'aria-description'];
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('*')) {
      for (const a of attrs) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
      if (el.matches('input[type=submit], input[type=button]') && el.value) parts.push(el.value);
    }
    return parts.join('\n');
  });
}

/** Run axe-core on the page; the serious and critical violations. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: AXE });
  }
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 200) })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(vs) {
  return vs
    .map(
      (v) =>
        `  ${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    at ${n.target}\n      ${n.html}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`)
          .join('\n') +
        (v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''),
    )
    .join('\n');
}

/** Wait until a chart container says it is drawn, or holds a canvas or svg. */
export async function waitForChart(page, selector) {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      if (!el) return false;
      if (el.getAttribute('data-chart-ready') === 'true') return true;
      const drawn = el.querySelector('canvas, svg');
      return !!drawn && drawn.getBoundingClientRect().width > 0 && drawn.getBoundingClientRect().height > 0;
    },
    selector,
    { polling: 100 },
  );
}

/**
 * Press the sign-in form's button; the status of the form's answer (303 when
 * signed in). An answer that is not a page is told in the error.
 */
export async function submitSignIn(page) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in'),
    page.locator('main form').getByRole('button', { name: 'Sign in' }).click(),
  ]);
  const status = resp.status();
  const type = resp.headers()['content-type'] || '';
  if (status !== 303 && !type.startsWith('text/html')) {
    let body = '';
    try {
      body = (await resp.text()).slice(0, 300);
    } catch {
      // no body
    }
    assert.fail(`POST /sign-in answered ${status} ${type}, not the sign-in page: ${body}`);
  }
  return status;
}
