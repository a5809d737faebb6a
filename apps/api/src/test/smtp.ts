import { EventEmitter } from 'node:events';
import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** A real SMTP server on loopback that records what it accepts, for email tests. */

export interface ReceivedMail {
  from: string;
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpReply {
  code: number;
  message: string;
}

export interface TestSmtpOptions {
  /** Listen on this port (to bring a server up where the app already points); default: any free one. */
  port?: number;
  /** Require this login (AUTH PLAIN/LOGIN, allowed without TLS on loopback). */
  auth?: { user: string; pass: string };
  /** Offer STARTTLS with smtp-server's built-in certificate (expired: for TLS failure tests). */
  starttls?: boolean;
  /** Reject a recipient with this reply. */
  onRcpt?: (address: string) => SmtpReply | undefined;
  /** Reject the n-th message (1-based, counting every DATA) with this reply; may hold the answer back. */
  onData?: (n: number) => SmtpReply | undefined | Promise<SmtpReply | undefined>;
}

export interface TestSmtpServer {
  host: string;
  port: number;
  received: ReceivedMail[];
  /** Messages that reached DATA, accepted or not. */
  dataCount(): number;
  /** Resolves once `count` messages have been accepted; fails (naming what arrived) after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** SMTP_* variables that point the app at this server. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

function smtpError(reply: SmtpReply): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const events = new EventEmitter();
  let data = 0;

  const server = new SMTPServer({
    logger: false,
    // The pooled client keeps idle connections open; do not wait for it to hang up on close().
    closeTimeout: 100,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
    },
    onRcptTo(address, _session, callback) {
      const reply = options.onRcpt?.(address.address);
      callback(reply ? smtpError(reply) : undefined);
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const n = ++data;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        Promise.resolve(options.onData?.(n))
          .then(async (reply) => {
            if (reply) return callback(smtpError(reply));
            const raw = Buffer.concat(chunks).toString('utf8');
            const parsed = await simpleParser(raw);
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), parsed, raw });
            events.emit('mail');
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });

  // A client that vanishes mid-session (a killed process: ECONNRESET) is its problem, not the
  // server's; without a listener smtp-server would throw it as an unhandled 'error' event.
  server.on('error', () => undefined);

  const host = '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.server.address() as net.AddressInfo).port;

  return {
    host,
    port,
    received,
    dataCount: () => data,
    env: () => ({ SMTP_HOST: host, SMTP_PORT: String(port), EMAILS_FROM_EMAIL: 'erp@tritiq.test', EMAILS_FROM_NAME: 'TRITIQ Test' }),
    waitFor(count, timeoutMs = 20_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('mail', check);
          reject(new Error(`Expected ${count} emails on the test SMTP server; ${received.length} arrived (${data} reached DATA)`));
        }, timeoutMs);
        function check() {
          if (received.length < count) return;
          clearTimeout(timer);
          events.off('mail', check);
          resolve(received);
        }
        events.on('mail', check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (connections to it are refused). */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Polls `probe` until it returns a value that is not undefined; fails with `what` after `timeoutMs`. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
