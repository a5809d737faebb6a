import { Readable } from 'node:stream';
import type { SMTPEnvelope } from 'nodemailer/lib/smtp-connection';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SmtpSettings } from './email.config';

/**
 * SMTP for the outbox, where the moment of hand-over matters: the message's body (and so its final
 * `<CRLF>.<CRLF>`, the point where the server takes responsibility for it) is released only after
 * a check the caller makes once the server has accepted the envelope and said "354 go ahead" —
 * the outbox records the hand-over in the database there, and is told whether it still holds the
 * message. nodemailer's pooled transport reads a message stream as soon as it is given one, so this
 * drives nodemailer's own SMTPConnection (connect, STARTTLS, AUTH, MAIL/RCPT/DATA, replies, errors)
 * and keeps a few connections open for reuse, as the pool does.
 */

export class WithheldError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WithheldError';
  }
}

export interface FencedSendOptions {
  settings: SmtpSettings;
  maxConnections: number;
  timeoutMs: number;
  /** Messages sent over one connection before it is closed (as the pool's maxMessages). */
  maxMessages?: number;
}

interface Pooled {
  connection: SMTPConnection;
  messages: number;
  broken: boolean;
}

export interface FencedSender {
  /** Sends `raw` (a complete RFC 5322 message) once `beforeBody` has said yes; answers the server's reply. */
  send(envelope: SMTPEnvelope, raw: Buffer, beforeBody: () => Promise<boolean>): Promise<string>;
  close(): void;
}

export function createFencedSender(options: FencedSendOptions): FencedSender {
  const { settings } = options;
  const idle: Pooled[] = [];
  const waiting: Array<(pooled: Pooled | null) => void> = [];
  let open = 0;
  let closed = false;

  function connect(): Promise<Pooled> {
    const connection = new SMTPConnection({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      logger: false,
      debug: false,
    });
    const pooled: Pooled = { connection, messages: 0, broken: false };
    connection.on('end', () => (pooled.broken = true));
    return new Promise((resolve, reject) => {
      // A failure to connect (refused, timed out, TLS) arrives as an 'error' event, not through
      // connect's callback; later errors only mark the connection broken (the send reports them).
      let settled = false;
      const fail = (err: Error) => {
        pooled.broken = true;
        if (settled) return;
        settled = true;
        connection.close();
        reject(err);
      };
      connection.on('error', fail);
      connection.connect((err) => {
        if (err) return fail(err);
        if (!settings.auth) {
          settled = true;
          return resolve(pooled);
        }
        connection.login({ credentials: settings.auth }, (loginErr) => {
          if (loginErr) return fail(loginErr);
          settled = true;
          resolve(pooled);
        });
      });
    });
  }

  async function acquire(): Promise<Pooled> {
    for (;;) {
      const pooled = idle.pop();
      if (!pooled) break;
      if (!pooled.broken) return pooled;
      open--;
    }
    if (open < options.maxConnections) {
      open++;
      try {
        return await connect();
      } catch (err) {
        open--;
        handOn();
        throw err;
      }
    }
    const next = await new Promise<Pooled | null>((resolve) => waiting.push(resolve));
    return next ?? acquire();
  }

  /** A slot came free: the next waiter takes an idle connection, or opens one. */
  function handOn(): void {
    const waiter = waiting.shift();
    if (waiter) waiter(idle.pop() ?? null);
  }

  function release(pooled: Pooled, reusable: boolean): void {
    pooled.messages++;
    if (closed || !reusable || pooled.broken || pooled.messages >= (options.maxMessages ?? 100)) {
      pooled.connection.close();
      open--;
    } else {
      idle.push(pooled);
    }
    handOn();
  }

  return {
    async send(envelope, raw, beforeBody) {
      const pooled = await acquire();
      let withheld: WithheldError | undefined;
      let asked = false;
      // Read by SMTPConnection only once the server has answered DATA with 354.
      const body = new Readable({
        read() {
          if (asked) return;
          asked = true;
          beforeBody().then(
            (go) => {
              if (go) {
                body.push(raw);
                body.push(null);
              } else {
                withheld = new WithheldError('withheld before the final dot: another worker holds the message now');
                body.destroy(withheld);
              }
            },
            (err: unknown) => {
              withheld = new WithheldError(
                `withheld before the final dot: could not record the hand-over (${err instanceof Error ? err.message : String(err)})`,
              );
              body.destroy(withheld);
            },
          );
        },
      });
      try {
        const info = await new Promise<{ response?: string }>((resolve, reject) =>
          pooled.connection.send(envelope, body, (err, result) => (err ? reject(err) : resolve(result ?? {}))),
        );
        release(pooled, true);
        return String(info.response ?? '');
      } catch (err) {
        // A refused envelope leaves the session usable after RSET; anything in or after DATA
        // (withheld included: the body never ended, so no dot was sent) closes the connection,
        // and the server discards the unfinished message.
        const refusedEnvelope = !withheld && (err as { code?: string }).code === 'EENVELOPE';
        if (refusedEnvelope) {
          pooled.connection.reset((resetErr) => release(pooled, !resetErr));
        } else {
          release(pooled, false);
        }
        throw withheld ?? err;
      }
    },
    close() {
      closed = true;
      for (const pooled of idle.splice(0)) pooled.connection.close();
      for (const waiter of waiting.splice(0)) waiter(null);
    },
  };
}
