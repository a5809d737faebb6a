import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  createLicence,
  createOrgUser,
  createReadyOrganisation,
  loginViaApi,
  superAdminSession,
  uniqueSuffix,
} from './support/api';
import { gotoHydrated, launchBrowser, openPage, screenshot, signInThroughForm, waitForHydration } from './support/browser';
import { waitForMail } from './support/mail';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function changeForcedPassword(page: Page, password: string) {
  await page.waitForURL('**/change-password');
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.getByLabel(/^New password/).fill(password);
  await page.getByLabel(/^Confirm new password/).fill(password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}

describe('super admin console', () => {
  it('creates a licence, resets the org admin password, and the admin signs in with the emailed one and must change it', async () => {
    const { context, page } = await openPage(browser);
    const su = await superAdminSession();
    await loginViaApi(context, su.user.email, (await import('./support/env')).e2eEnv().superAdmin.password);

    await page.goto('/');
    await page.getByText('Failed logins (24 h)').waitFor();
    await screenshot(page, 'admin-dashboard');

    const name = `Kaveri Agencies ${uniqueSuffix()}`;
    const adminEmail = `kaveri-${uniqueSuffix()}@example.test`;
    await page.goto('/admin/organisations');
    await page.getByRole('button', { name: 'New licence' }).click();
    await page.getByLabel(/^Organisation name/).fill(name);
    await page.getByLabel(/^Admin's full name/).fill('Kaveri Iyer');
    await page.getByLabel(/^Admin's email/).fill(adminEmail);
    await page.getByRole('button', { name: 'Create licence' }).click();
    const temporary = await page.getByTestId('secret-once').textContent();
    expect(temporary?.length).toBeGreaterThanOrEqual(12);
    await expect.poll(() => page.getByTestId('email-outcome').textContent()).toContain('Emailed to the user');
    await screenshot(page, 'admin-licence-created');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId(`org-row-${name}`).waitFor();
    await screenshot(page, 'admin-organisations');

    await page.goto('/admin/password-reset');
    await page.getByLabel(/^User's email/).fill(adminEmail);
    await page.getByRole('button', { name: 'Reset password' }).click();
    const outcome = page.getByTestId('reset-outcome');
    await outcome.waitFor();
    const shown = (await outcome.getByTestId('secret-once').textContent())?.trim();
    expect(await outcome.getByTestId('email-outcome').textContent()).toContain('Emailed to the user');
    await screenshot(page, 'admin-password-reset');
    await context.close();

    const mail = await waitForMail(adminEmail, /Password Reset Notification/);
    const emailed = /Your new password: (\S+)/.exec(mail.text)?.[1];
    expect(emailed).toBe(shown);
    expect(emailed).not.toBe(temporary);

    const admin = await openPage(browser);
    await signInThroughForm(admin.page, adminEmail, emailed!);
    await admin.page.waitForURL('**/change-password');
    // Until the change, the app cannot be used: any other page leads back here.
    await admin.page.goto('/settings');
    await admin.page.waitForURL('**/change-password');
    await screenshot(admin.page, 'forced-change-password');
    await changeForcedPassword(admin.page, 'Kaveri-Own-Passw0rd!');
    expect(await admin.page.getByTestId('user-menu').textContent()).toContain('Kaveri Iyer');
    await admin.context.close();
    const after = await apiSession(adminEmail, 'Kaveri-Own-Passw0rd!');
    expect(after.user.must_change_password).toBe(false);
  });

  it('adds a platform admin, who signs in with the emailed password, and deactivates them: their session ends', async () => {
    const { context, page } = await openPage(browser);
    const su = await superAdminSession();
    await loginViaApi(context, su.user.email, (await import('./support/env')).e2eEnv().superAdmin.password);

    const email = `ops-${uniqueSuffix()}@example.test`;
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Add platform admin' }).click();
    await page.getByLabel(/^Full name/).fill('Meera Ops');
    await page.getByLabel(/^Email/).fill('not-an-email');
    await page.getByRole('dialog').getByRole('button', { name: 'Add platform admin' }).click();
    // Refused in the form, next to the field, by the same schema the API uses.
    await page
      .getByRole('dialog')
      .getByText(/must be an email address/i)
      .waitFor();
    await page.getByLabel(/^Email/).fill(email);
    await page.getByRole('dialog').getByRole('button', { name: 'Add platform admin' }).click();
    const temporary = (await page.getByTestId('secret-once').textContent())?.trim();
    expect(temporary?.length).toBeGreaterThanOrEqual(12);
    await expect.poll(() => page.getByTestId('email-outcome').textContent()).toContain('Emailed to the user');
    await page.getByRole('dialog', { name: 'New platform admin' }).waitFor({ state: 'hidden' });
    await screenshot(page, 'admin-platform-admin-created');
    await page.getByRole('button', { name: 'Done' }).click();

    const mail = await waitForMail(email, /./);
    expect(mail.text).toContain(temporary!);
    const ops = await apiSession(email, temporary!);
    expect(ops.user.role).toBe('super_admin');
    expect(ops.user.must_change_password).toBe(true);

    await page.getByLabel('Search users').fill(email);
    await page.getByRole('button', { name: `Actions for ${email}` }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await page
      .getByRole('row', { name: new RegExp(email) })
      .getByText('inactive')
      .waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await screenshot(page, 'admin-platform-users');
    // Signed out everywhere at once, and refused at sign-in.
    await expect(ops.call('GET', '/auth/me')).rejects.toThrow(/answered 401/);
    await expect(apiSession(email, temporary!)).rejects.toThrow(/answered 403/);
    await context.close();
  });
});

describe('a new organisation admin', () => {
  it('signs in with the temporary password, must change it, and sets up the company profile', async () => {
    const licence = await createLicence();
    const { context, page } = await openPage(browser);
    await gotoHydrated(page, '/login');
    await screenshot(page, 'login');
    await signInThroughForm(page, licence.adminEmail, licence.temporaryPassword);
    await changeForcedPassword(page, 'Asha-Own-Passw0rd!');
    await page.getByText('Sales this month').waitFor();
    await screenshot(page, 'org-dashboard');

    await page.goto('/settings');
    const gstin = page.getByLabel(/^GSTIN/);
    await gstin.waitFor();
    await page.getByLabel(/^Legal name/).fill('Shree Traders Private Limited');
    await gstin.fill('27AAPFU0939F1ZX');
    await page.getByRole('button', { name: 'Save profile' }).click();
    // The shared schema refuses the wrong check character before anything is sent, next to the field.
    await expect.poll(() => page.getByText(/check character/i).count()).toBeGreaterThan(0);
    await gstin.fill('27AAPFU0939F1ZV');
    await page.getByLabel(/^PAN/).fill('AAPFU0939F');
    await page.getByLabel(/^Address line 1/).fill('14 MG Road');
    await page.getByLabel(/^City/).fill('Pune');
    await page.getByLabel(/^State$/).fill('Maharashtra');
    await page.getByLabel(/^PIN code/).fill('411001');
    await page.getByLabel(/^Phone/).fill('+91 98765 43210');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Company profile saved').waitFor();
    await screenshot(page, 'settings-company-profile');
    await context.close();

    const admin = await apiSession(licence.adminEmail, 'Asha-Own-Passw0rd!');
    const profile = await admin.call<Record<string, string | null>>('GET', '/organization/profile');
    expect(profile).toMatchObject({
      legal_name: 'Shree Traders Private Limited',
      gstin: '27AAPFU0939F1ZV',
      pan: 'AAPFU0939F',
      city: 'Pune',
      pin_code: '411001',
      state_code: '27',
    });
  });
});

describe('role guards', () => {
  it('a standard user sees no admin pages in the navigation and is refused them by URL', async () => {
    const org = await createReadyOrganisation();
    const user = await createOrgUser(org.admin, 'standard_user');
    const { context, page } = await openPage(browser, { width: 820, height: 1100 });
    await loginViaApi(context, user.email, user.password);
    await page.goto('/');
    await page.getByText('Sales this month').waitFor();
    // Tablet width: the navigation is in the drawer.
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const nav = page.getByRole('dialog').getByRole('navigation', { name: 'Main' });
    await nav.getByText('Vendors').waitFor();
    const links = await nav.getByRole('link').allTextContents();
    expect(links).toEqual(expect.arrayContaining(['Vendors', 'Customers', 'Products', 'Stock', 'Sales', 'Purchase']));
    for (const hidden of ['Users', 'Audit events', 'Company profile', 'Organisations', 'Password reset'])
      expect(links).not.toContain(hidden);
    await screenshot(page, 'standard-user-nav-tablet');
    await page.keyboard.press('Escape');

    for (const url of ['/settings/users', '/settings', '/settings/audit', '/admin/organisations', '/admin/password-reset']) {
      await page.goto(url);
      await page.getByTestId('not-permitted').waitFor();
    }
    await screenshot(page, 'not-permitted');
    await context.close();
  });
});

describe('sign-in protection', () => {
  it('five wrong passwords lock this address out of the account and the page says until when', async () => {
    const org = await createReadyOrganisation();
    const user = await createOrgUser(org.admin, 'standard_user');
    const { context, page } = await openPage(browser);
    await gotoHydrated(page, '/login');
    await page.getByLabel(/^Email/).fill(user.email);
    for (let i = 0; i < 5; i++) {
      await page.getByLabel(/^Password/).fill(`Wrong-Passw0rd-${i}!`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(i < 4 ? /Invalid|incorrect|wrong/i : /locked/i);
    }
    // Even the right password is refused now, with the unlock time.
    await page.getByLabel(/^Password/).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const message = await page.getByTestId('login-error').textContent();
    expect(message).toMatch(/Sign-in locked/);
    expect(message).toMatch(/locked until \d{2} \w{3} \d{4}/);
    await screenshot(page, 'login-locked');
    await context.close();
  });

  it('forgot password: the emailed code sets a new password that then signs in', async () => {
    const org = await createReadyOrganisation();
    const user = await createOrgUser(org.admin, 'admin');
    const { context, page } = await openPage(browser);
    await gotoHydrated(page, '/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/forgot-password');
    await waitForHydration(page);
    await page.getByLabel(/^Email/).fill(user.email);
    await page.getByRole('button', { name: 'Send code' }).click();
    // The API sends the code straight away (with retries) before it answers: slow on a loaded machine.
    await page.getByTestId('forgot-info').waitFor({ timeout: 60_000 });
    const mail = await waitForMail(user.email, /password reset code/i);
    const code = /^\s+(\d{6})\s*$/m.exec(mail.text)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel(/^Code from the email/).fill(code!);
    await page.getByLabel(/^New password/).fill('Fresh-Start-2026!');
    await page.getByLabel(/^Confirm new password/).fill('Fresh-Start-2026!');
    await screenshot(page, 'forgot-password-code');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByTestId('reset-done').waitFor();

    await signInThroughForm(page, user.email, 'Fresh-Start-2026!');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto('/settings/users');
    await page.getByTestId(`user-row-${user.email}`).waitFor();
    await screenshot(page, 'settings-users');
    await context.close();
  });
});

describe('the user and admin forms keep what was typed', () => {
  it('a half-typed new user, and a new licence, ask before Esc or Back drops them', async () => {
    const org = await createReadyOrganisation();
    const { context, page } = await openPage(browser);
    await loginViaApi(context, org.adminEmail, org.password);
    await gotoHydrated(page, '/settings/users');
    const questions: string[] = [];
    const answer = (accept: boolean) =>
      page.once('dialog', (d) => {
        questions.push(d.message());
        void (accept ? d.accept() : d.dismiss());
      });

    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('dialog', { name: 'New user' });
    await form.getByLabel(/^Full name/).fill('Meera Pillai');
    // Esc with changes asks; staying keeps the dialog and what was typed.
    answer(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => questions.length).toBe(1);
    expect(questions[0]).toBe('You have unsaved changes. Close and lose them?');
    expect(await form.getByLabel(/^Full name/).inputValue()).toBe('Meera Pillai');
    // Back asks too (the page's own question), and staying keeps the page.
    answer(false);
    await page.evaluate(() => window.history.back());
    await expect.poll(() => questions.length).toBe(2);
    expect(questions[1]).toBe('You have unsaved changes. Leave this page and lose them?');
    expect(new URL(page.url()).pathname).toBe('/settings/users');
    expect(await form.getByLabel(/^Full name/).inputValue()).toBe('Meera Pillai');
    await screenshot(page, 'users-form-leave-guard');
    // Esc again, confirmed: the dialog closes; opened again it is empty, and Esc closes it without a question.
    answer(true);
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'New user' }).click();
    await form.getByLabel(/^Full name/).waitFor();
    expect(await form.getByLabel(/^Full name/).inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(questions).toHaveLength(3);
    await context.close();

    // The super admin's new licence: the same question on Esc.
    const su = await openPage(browser);
    await loginViaApi(su.context, (await superAdminSession()).user.email, (await import('./support/env')).e2eEnv().superAdmin.password);
    await gotoHydrated(su.page, '/admin/organisations');
    await su.page.getByRole('button', { name: 'New licence' }).click();
    const licence = su.page.getByRole('dialog', { name: 'New licence' });
    await licence.getByLabel(/^Organisation name/).fill('Half-typed Traders');
    const asked: string[] = [];
    su.page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await su.page.keyboard.press('Escape');
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toBe('You have unsaved changes. Close and lose them?');
    expect(await licence.getByLabel(/^Organisation name/).inputValue()).toBe('Half-typed Traders');
    await su.context.close();
  });
});

describe('the web server in front of the API', () => {
  it('records the real client address, not one the caller names in X-Forwarded-For', async () => {
    const { webUrl } = (await import('./support/env')).e2eEnv();
    const org = await createReadyOrganisation();
    // A caller trying to spread its guesses over made-up addresses, so the per-IP limit never bites.
    const res = await fetch(`${webUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: webUrl, 'x-forwarded-for': '203.0.113.9', forwarded: 'for=203.0.113.9' },
      body: JSON.stringify({ email: org.adminEmail, password: 'Not-the-passw0rd!' }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('access_token');

    const su = await superAdminSession();
    const page = await su.call<{ items: { ip: string | null; actor_email: string | null }[] }>(
      'GET',
      `/audit-events?action=auth.login_failed&actor_email=${encodeURIComponent(org.adminEmail)}`,
    );
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.ip).not.toBe('203.0.113.9');
    expect(page.items[0]!.ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  });
});
