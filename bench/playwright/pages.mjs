// The browser tier's seven page checks (bench/pages-vs-playwright.sh's peer), written the way a
// Playwright user would: one registration and one enrolment through the API, then the pages in
// Debian's Chromium (never a downloaded browser), each waiting for a title the API returned,
// failing on console errors and failed requests, leaving a screenshot; the login through the form.
//
//   node bench/playwright/pages.mjs API_URL WEB_URL [SCREENSHOT_DIR]
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [api, web, shotsArg] = process.argv.slice(2);
if (!api || !web) {
  console.error('usage: node pages.mjs API_URL WEB_URL [SCREENSHOT_DIR]');
  process.exit(2);
}
const shots = shotsArg || mkdtempSync(join(tmpdir(), 'pw-shots-'));
const timeout = 15000;

async function json(method, path, body, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const r = await fetch(api + path, { method, headers, body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeout) });
  if (r.status >= 400) throw new Error(`${method} ${path} answered ${r.status}`);
  return r.status === 204 ? null : r.json();
}

// the API side: what the pages must show
const articles = await json('GET', '/wiki/articles');
const article = articles[0];
const articleTitle = (await json('GET', `/wiki/articles/${encodeURIComponent(article.slug)}`)).title;
let english = null;
for (const a of articles) {
  const en = await json('GET', `/wiki/articles/${encodeURIComponent(a.slug)}?lang=en`);
  if (en.language === 'en') { english = { slug: a.slug, title: en.title }; break; }
}
const courses = await json('GET', '/courses');
const course = courses[0];
const courseTitle = (await json('GET', `/courses/${course.id}`)).title;
const email = `pw-${Date.now()}-${process.pid}@example.test`;
const password = 'Pw-Bench-Pass-1';
await json('POST', '/auth/register', { email, password });
const token = (await json('POST', '/auth/login', { email, password })).accessToken;
const free = courses.find((c) => !c.isPaid) || course;
await json('POST', `/courses/${free.id}/enroll`, null, token);
const enrolled = (await json('GET', '/users/me/courses', null, token)).map((c) => c.title);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
let errors = [];
page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
page.on('requestfailed', (r) => { if (r.url().startsWith(web) || r.url().startsWith(api)) errors.push(`${r.url()} failed`); });
page.on('response', (r) => { if (r.status() >= 400 && r.status() !== 401 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.url()} → ${r.status()}`); });

let failures = 0;
let n = 0;
async function check(name, path, titles, act) {
  errors = [];
  const started = Date.now();
  let problem = null;
  try {
    if (path) await page.goto(web + path, { waitUntil: 'domcontentloaded', timeout });
    if (act) await act();
    if (titles) {
      await page.waitForFunction((ts) => ts.some((t) => document.body && document.body.innerText.includes(t)),
        titles, { timeout, polling: 50 });
    }
    if (errors.length) problem = errors.join('; ');
  } catch (e) {
    problem = String(e).split('\n')[0];
  }
  await page.screenshot({ path: join(shots, `${String(++n).padStart(2, '0')}.png`) });
  if (problem) failures++;
  console.log(`${problem ? 'FAIL' : 'ok  '} ${name} ${Date.now() - started} ms${problem ? ' ' + problem : ''}`);
}

await check('WS1-DEMO-1 /wiki', '/wiki', articles.map((a) => a.title));
await check('WS1-DEMO-3 /wiki/[slug]', `/wiki/${encodeURIComponent(article.slug)}`, [articleTitle]);
if (english) await check('WS1-DEMO-4 ?lang=en', `/wiki/${encodeURIComponent(english.slug)}?lang=en`, [english.title]);
await check('WS3-DEMO-1 /courses', '/courses', courses.map((c) => c.title));
await check('WS3-DEMO-2 /courses/[id]', `/courses/${course.id}`, [courseTitle]);
await check('WS2-DEMO-2 login', '/login', null, async () => {
  await page.fill('input[type=email]', email);
  await page.fill('input[type=password]', password);
  // as a person would: answer the consent bar that covers the button, then click
  const decline = page.getByRole('button', { name: /^(Откажи|Decline)$/ });
  if (await decline.isVisible()) await decline.click();
  await page.click('form button[type=submit]');
  await page.waitForURL((u) => !u.pathname.endsWith('/login'), { timeout, waitUntil: 'domcontentloaded' });
});
await check('WS3-DEMO-4 /my-courses', '/my-courses', enrolled);
await browser.close();
process.exit(failures ? 1 : 0);
