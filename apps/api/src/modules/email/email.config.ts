import { z } from 'zod';
import type { Config } from '../../config';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS whenever the server offers it. */
  secure: boolean;
  auth: { user: string; pass: string } | null;
  fromEmail: string;
  fromName: string;
}

export type SmtpConfigCheck = { ok: true; settings: SmtpSettings; problems: [] } | { ok: false; problems: string[] };

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];
const emailAddress = z.email();

/**
 * The seed's configuration check, run before every send rather than at start-up: the product runs
 * without email, and every problem is named at once ("SMTP_HOST is not set", "SMTP_PORT must be a
 * number") so one look at the status endpoint tells an operator everything to fix.
 */
export function checkSmtpConfig(smtp: Config['smtp'], productName: string): SmtpConfigCheck {
  if (!smtp.host) return { ok: false, problems: ['SMTP_HOST is not set'] };
  const problems: string[] = [];
  const host = smtp.host.trim();
  if (/[\s/]/.test(host) || host.includes('://')) problems.push('SMTP_HOST must be a host name or an IP address, not a URL');

  let secure = false;
  const secureText = smtp.secure?.trim().toLowerCase();
  if (secureText !== undefined && secureText !== '') {
    if (TRUE.includes(secureText)) secure = true;
    else if (!FALSE.includes(secureText)) problems.push('SMTP_SECURE must be true or false');
  }

  let port = secure ? 465 : 587;
  if (smtp.port !== undefined) {
    const text = smtp.port.trim();
    if (!/^\d+$/.test(text)) problems.push('SMTP_PORT must be a number');
    else if (Number(text) < 1 || Number(text) > 65_535) problems.push('SMTP_PORT must be between 1 and 65535');
    else port = Number(text);
    if (secureText === undefined && port === 465) secure = true;
  }

  let auth: SmtpSettings['auth'] = null;
  if (smtp.username && !smtp.password) problems.push('SMTP_PASSWORD is not set (SMTP_USERNAME is)');
  else if (smtp.password && !smtp.username) problems.push('SMTP_USERNAME is not set (SMTP_PASSWORD is)');
  else if (smtp.username && smtp.password) auth = { user: smtp.username, pass: smtp.password };

  // Mail providers usually want the sign-in address as the sender, so it is the fallback.
  const fromEmail = smtp.fromEmail?.trim() ?? (smtp.username && emailAddress.safeParse(smtp.username).success ? smtp.username : undefined);
  if (!fromEmail) problems.push('EMAILS_FROM_EMAIL is not set');
  else if (!emailAddress.safeParse(fromEmail).success) problems.push('EMAILS_FROM_EMAIL is not a valid email address');

  if (problems.length > 0 || !fromEmail) return { ok: false, problems };
  return { ok: true, problems: [], settings: { host, port, secure, auth, fromEmail, fromName: smtp.fromName?.trim() || productName } };
}

/** The one-line reason a send cannot start, e.g. "Email is not configured: SMTP_HOST is not set". */
export function notConfiguredMessage(problems: string[]): string {
  return `Email is not configured: ${problems.join('; ')}`;
}
