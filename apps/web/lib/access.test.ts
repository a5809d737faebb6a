import { describe, expect, it } from 'vitest';
import { canOpen, navFor } from './access';

describe('page access by role', () => {
  it('keeps settings to managers and the console to the super admin', () => {
    expect(canOpen('standard_user', '/vouchers/sales')).toBe(true);
    expect(canOpen('standard_user', '/settings')).toBe(false);
    expect(canOpen('standard_user', '/settings/users')).toBe(false);
    expect(canOpen('admin', '/settings/users')).toBe(true);
    expect(canOpen('org_admin', '/admin/organisations')).toBe(false);
    expect(canOpen('super_admin', '/admin/organisations')).toBe(true);
    expect(canOpen('super_admin', '/vouchers/sales')).toBe(false);
    expect(canOpen('standard_user', '/profile/password')).toBe(true);
    expect(canOpen('standard_user', '/settingsx')).toBe(true);
  });

  it('shows only what a role may open', () => {
    const labels = (role: Parameters<typeof navFor>[0]) => navFor(role).flatMap((g) => [g.label, ...g.links.map((l) => l.label)]);
    expect(labels('standard_user')).not.toContain('Settings');
    expect(labels('org_admin')).toEqual(expect.arrayContaining(['Master Data', 'Vendors', 'Settings', 'Users']));
    expect(labels('super_admin')).toEqual([
      'Console',
      'Organisations',
      'Platform users',
      'Password reset',
      'Email',
      'Audit',
      'System health',
    ]);
  });
});
