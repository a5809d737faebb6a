import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgUser, createReadyOrganisation, loginViaApi } from './support/api';
import { gotoHydrated, launchBrowser, openPage, screenshot, signInThroughForm } from './support/browser';
import { e2eEnv } from './support/env';
import { totp } from './support/totp';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A code of the next 30-second step: accepted (the window allows one step of drift) and never used before. */
const nextCode = (secret: string) => totp(secret, Date.now() + 30_000);

describe('two-factor sign-in', () => {
  it('a user turns on an authenticator app on the security page, then signs in with a code from it', async () => {
    const org = await createReadyOrganisation();
    const user = await createOrgUser(org.admin, 'standard_user');

    const setup = await openPage(browser);
    await loginViaApi(setup.context, user.email, user.password);
    await gotoHydrated(setup.page, '/profile/security');
    await expect.poll(() => setup.page.getByTestId('two-factor-status').textContent()).toBe('Off');
    await setup.page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const secret = (await setup.page.getByTestId('two-factor-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await setup.page.getByTestId('two-factor-qr').locator('svg').count()).toBe(1);
    await screenshot(setup.page, 'two-factor-setup');
    await setup.page.getByLabel(/^Code from the app/).fill(totp(secret));
    await setup.page.getByRole('button', { name: 'Turn on' }).click();
    const codes = setup.page.getByTestId('recovery-codes').locator('code');
    await expect.poll(() => codes.count()).toBe(10);
    const recoveryCodes = await codes.allTextContents();
    await screenshot(setup.page, 'two-factor-recovery-codes');
    await setup.page.getByRole('button', { name: 'I have saved them' }).click();
    await expect.poll(() => setup.page.getByTestId('two-factor-status').textContent()).toBe('On');
    await setup.context.close();

    const { context, page } = await openPage(browser);
    await signInThroughForm(page, user.email, user.password);
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    await page.getByLabel(/^Code/).fill(String((Number(nextCode(secret)) + 1) % 1_000_000).padStart(6, '0'));
    await page.getByRole('button', { name: 'Verify' }).click();
    // The refusal is shown beside the code field (the form's alert only points to it).
    await expect.poll(() => page.getByLabel(/^Code/).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(async () => (await page.locator('form').first().textContent()) ?? '').toMatch(/incorrect/i);
    await screenshot(page, 'two-factor-wrong-code');
    await page.getByLabel(/^Code/).fill(nextCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await context.close();

    // A recovery code signs in once when the phone is not at hand.
    const other = await openPage(browser);
    await signInThroughForm(other.page, user.email, user.password);
    await other.page.getByRole('button', { name: 'Use a recovery code' }).click();
    await other.page.getByLabel(/^Recovery code/).fill(recoveryCodes[0]!);
    await other.page.getByRole('button', { name: 'Verify' }).click();
    await other.page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // The platform resets it for a user who lost the phone: from its list of users, and every
    // session of the user (the one above included) ends with it.
    const { superAdmin } = e2eEnv();
    const platform = await openPage(browser);
    await loginViaApi(platform.context, superAdmin.email, superAdmin.password);
    await gotoHydrated(platform.page, '/admin/users');
    await platform.page.getByLabel('Search users').fill(user.email);
    await platform.page.getByRole('button', { name: `Actions for ${user.email}` }).click();
    await platform.page.getByRole('menuitem', { name: 'Reset second factor' }).click();
    await platform.page.getByRole('dialog').getByRole('button', { name: 'Reset second factor' }).click();
    await expect.poll(() => platform.page.getByText(`Second factor of ${user.email} reset`).count()).toBe(1);
    await screenshot(platform.page, 'two-factor-platform-reset');
    await platform.context.close();
    await gotoHydrated(other.page, '/profile/security');
    await other.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await other.context.close();
    const again = await openPage(browser);
    await signInThroughForm(again.page, user.email, user.password);
    await again.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await again.context.close();
  });

  it('the org admin requires it for admins; an admin without one sets it up at sign-in, and the org admin can reset it', async () => {
    const org = await createReadyOrganisation();
    const admin = await createOrgUser(org.admin, 'admin');

    const owner = await openPage(browser);
    await loginViaApi(owner.context, org.adminEmail, org.password);
    await gotoHydrated(owner.page, '/settings/preferences');
    const rule = owner.page.getByRole('switch', { name: /Require two-factor sign-in/ });
    await expect.poll(() => rule.isEnabled()).toBe(true);
    // A controlled switch: it shows the saved rule once the API has it.
    await rule.click({ force: true });
    await expect.poll(() => rule.isChecked()).toBe(true);
    await expect
      .poll(
        async () => (await org.admin.call<{ require_for_admins: boolean }>('GET', '/organization/two-factor-policy')).require_for_admins,
      )
      .toBe(true);

    const { context, page } = await openPage(browser);
    await signInThroughForm(page, admin.email, admin.password);
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    const secret = (await page.getByTestId('two-factor-secret').textContent())!.trim();
    await screenshot(page, 'two-factor-enrol-at-sign-in');
    await page.getByLabel(/^Code from the app/).fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on and sign in' }).click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('code').count()).toBe(10);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await context.close();

    await gotoHydrated(owner.page, '/settings/users');
    await owner.page.getByTestId(`user-row-${admin.email}`).getByRole('button').click();
    await owner.page.getByRole('menuitem', { name: 'Reset second factor' }).click();
    await owner.page.getByRole('dialog').getByRole('button', { name: 'Reset second factor' }).click();
    await expect.poll(async () => (await org.admin.call<{ enabled: boolean }>('GET', `/users/${admin.id}/two-factor`)).enabled).toBe(false);
    await owner.context.close();
  });
});
