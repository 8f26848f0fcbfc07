// Takes the README screenshots from a running portal (owner@example.com / Str0ng!Passw0rd, demo data).
// Needs playwright-core from npm and Debian chromium: node scripts/screenshots.js http://127.0.0.1:5090 docs/screenshots
const { chromium } = require('playwright-core');
(async () => {
  const base = process.argv[2], out = process.argv[3];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(base + '/account/login');
  await page.screenshot({ path: out + '/team-sign-in.png' });
  await page.fill('#email', 'owner@example.com');
  await page.fill('#password', 'Str0ng!Passw0rd');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=invited-count]');
  await page.screenshot({ path: out + '/dashboard.png' });
  await page.goto(base + '/admin/team');
  await page.waitForSelector('[data-testid=team-grid]');
  await page.fill('[data-testid=invite-email] input, input[name=InviteEmail]', 'sam@example.com').catch(()=>{});
  await page.screenshot({ path: out + '/team.png' });
  const m = await browser.newPage({ viewport: { width: 390, height: 760 } });
  await m.goto(base + '/account/login');
  await m.screenshot({ path: out + '/mobile-sign-in.png' });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
