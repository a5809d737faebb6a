import { describe, expect, it } from 'vitest';
import { createTemplateRenderer, renderTemplate, TemplateError } from './email.templates';

const SCRIPT = '<script>alert("x")</script>';

/** Every shipped template with the variables its callers must give. */
const SHIPPED: Record<string, Record<string, unknown>> = {
  password_reset: {
    user_name: 'Asha Rao',
    user_email: 'asha@example.in',
    new_password: 'Qw3#rtyUiop9',
    reset_by: 'admin@example.in',
    organization_name: 'Rao Traders',
    reset_date: '2026-04-01',
    reset_time: '10:15:00',
    admin_contact: 'admin@example.in',
  },
  licence_welcome: {
    user_name: 'Asha Rao',
    organization_name: 'Rao Traders',
    login_email: 'asha@example.in',
    temporary_password: 'Zx8!vbnmAsdf',
    login_url: 'https://erp.example.in/login',
  },
  password_changed: {
    user_name: 'Asha Rao',
    user_email: 'asha@example.in',
    changed_date: '2026-04-01',
    changed_time: '10:15:00',
    admin_contact: 'admin@example.in',
  },
  password_forgot_code: { user_name: 'Asha Rao', otp: '482913', expires_in_minutes: 10 },
  email_changed: {
    user_name: 'Asha Rao',
    user_email: 'asha@example.in',
    new_email: 'asha.rao@example.org',
    organization_name: 'Rao Traders',
    changed_by: 'Ravi Kumar (ravi@example.in)',
    changed_date: '01 Apr 2026',
    changed_time: '10:15 IST',
    admin_contact: 'ravi@example.in',
  },
  user_welcome: {
    user_name: 'Ravi Kumar',
    organization_name: 'Rao Traders',
    created_by: 'Asha Rao',
    login_url: 'https://erp.example.in/login',
    login_email: 'ravi@example.in',
    temporary_password: 'Zx8!vbnmAsdf',
    admin_contact: 'asha@example.in',
  },
  email_test: { requested_by: 'root@example.in', sent_at: '2026-04-01T10:15:00Z', smtp_host: 'smtp.example.in' },
};

/** Templates other modules ship and test beside their own code (`voucher`: modules/vouchers/voucher-email.test.ts; `party_statement`, `payment_reminder`: modules/party-statements). */
const TESTED_ELSEWHERE = ['voucher', 'voucher_receipt', 'party_statement', 'payment_reminder'];

describe('email templates', () => {
  it('ships exactly the templates that are tested here', () => {
    expect(createTemplateRenderer({ productName: 'TRITIQ ERP' }).names()).toEqual([...Object.keys(SHIPPED), ...TESTED_ELSEWHERE].sort());
  });

  for (const [name, variables] of Object.entries(SHIPPED)) {
    it(`${name}: renders every variable into the subject/HTML/text parts inside the shared layout`, () => {
      const out = renderTemplate(name, variables, { productName: 'Acme Books' });
      expect(out.subject).toContain('Acme Books');
      expect(out.subject).not.toMatch(/\n|\{\{/);
      for (const part of [out.html, out.text]) {
        expect(part).toContain('This is an automated message from Acme Books');
        expect(part).not.toContain('{{');
        for (const value of Object.values(variables)) expect(part).toContain(String(value));
      }
      expect(out.html).toMatch(/^<!DOCTYPE html>/);
      expect(out.text).not.toMatch(/<[a-z]+[ >]/i);
    });

    it(`${name}: escapes <script> in the HTML part and keeps it intact in the text part`, () => {
      const key = Object.keys(variables)[0]!;
      const out = renderTemplate(name, { ...variables, [key]: SCRIPT });
      expect(out.html).not.toContain('<script>');
      expect(out.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(out.text).toContain(SCRIPT);
    });

    for (const missing of Object.keys(variables)) {
      it(`${name}: fails naming "${missing}" when it is not given`, () => {
        const { [missing]: _dropped, ...rest } = variables;
        expect(() => renderTemplate(name, rest)).toThrow(new RegExp(`needs the variable "${missing}"`));
        expect(() => renderTemplate(name, { ...rest, [missing]: undefined })).toThrow(TemplateError);
      });
    }
  }

  it('password_reset says the password must be changed at next login, gives advice and whom to contact', () => {
    const { text } = renderTemplate('password_reset', SHIPPED.password_reset!);
    expect(text).toMatch(/must change this password when you next sign in/);
    expect(text).toMatch(/Security recommendations/);
    expect(text).toMatch(/If you did not expect this password reset, contact your system administrator immediately at admin@example\.in/);
  });

  it('never puts a secret in a subject (subjects are stored in the email log)', () => {
    for (const [name, variables] of Object.entries(SHIPPED)) {
      const marked = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, /password|otp/.test(k) ? 'SECRET-MARK' : v]));
      expect(renderTemplate(name, marked).subject).not.toContain('SECRET-MARK');
    }
  });

  it('takes the product name from configuration, not from the variables', () => {
    const out = renderTemplate('email_test', { ...SHIPPED.email_test, product_name: 'Evil Corp' }, { productName: 'TRITIQ ERP' });
    expect(out.subject).toBe('TRITIQ ERP - Test email');
    expect(out.html).not.toContain('Evil Corp');
  });

  it('refuses unknown templates and names that are not plain folder names', () => {
    expect(() => renderTemplate('no_such_template', {})).toThrow('There is no email template "no_such_template"');
    expect(() => renderTemplate('../_layout', {})).toThrow(TemplateError);
    expect(() => renderTemplate('_layout', {})).toThrow(TemplateError);
  });
});
