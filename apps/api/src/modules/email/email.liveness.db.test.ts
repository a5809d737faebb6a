import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { EmailTestBed, PASSWORD_CHANGED_VARS } from '../../test/email';
import { waitUntil } from '../../test/smtp';
import type { EmailRequest } from '.';
import { platformTx } from '../../test/factories';

/**
 * Worker liveness: two workers on one database (two apps, as two instances would be). Worker A
 * beats once a minute, so to B (which expects a beat within a second) it goes silent: presumed
 * dead, as a killed process would be. A is in fact stalled, so these also show the fence that
 * keeps a worker wrongly presumed dead from delivering what was taken from it.
 */

const bed = EmailTestBed.forFile();

const notice = (to: string): EmailRequest => ({
  template: 'password_changed',
  to,
  variables: { ...PASSWORD_CHANGED_VARS, user_email: to },
});

/** A beats rarely (presumed dead by B within about a second); B beats often. */
const SILENT = { EMAIL_WORKER_HEARTBEAT_SECONDS: '60', EMAIL_WORKER_DEAD_AFTER_SECONDS: '120', EMAIL_WORKER_CONCURRENCY: '1' };
const WATCHFUL = { EMAIL_WORKER_HEARTBEAT_SECONDS: '0.2', EMAIL_WORKER_DEAD_AFTER_SECONDS: '1' };

/** A relay to an SMTP server that holds every connection (no greeting) until `open()`. */
async function heldRelay(targetPort: number): Promise<{ port: number; open: () => void; close: () => Promise<void> }> {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    void opened.then(() => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    open,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function countByMessageId(messageIds: string[], received: { parsed: { messageId?: string } }[]): number[] {
  return messageIds.map((id) => received.filter((m) => `<${m.parsed.messageId?.replace(/^<|>$/g, '')}>` === id).length);
}

describe('email worker liveness', () => {
  it('a silent worker: another takes over what it held and had not handed to SMTP within seconds; the stalled one withholds it', async () => {
    const sink = await bed.smtp();
    const relay = await heldRelay(sink.port);
    try {
      const a = await bed.app({
        ...sink.env(),
        SMTP_PORT: String(relay.port),
        SMTP_TIMEOUT_MS: '60000',
        EMAIL_WORKER_BATCH_SIZE: '3',
        ...SILENT,
      });
      const ids = await platformTx(a.deps, async (tx) => {
        const out: string[] = [];
        for (const n of [1, 2, 3]) out.push((await a.deps.email.enqueue(tx, notice(`held${n}@example.in`))).id);
        return out;
      });
      await a.deps.email.startWorker();
      // A fetched all three (held), claimed one and is stuck before the SMTP greeting.
      const held = await waitUntil('worker A to hold the batch and claim one message', async () => {
        const rows = await bed.messages(ids);
        const holder = rows[0]?.workerId;
        return holder &&
          rows.every((r) => r.workerId === holder) &&
          rows.filter((r) => r.status === 'sending').length === 1 &&
          rows.every((r) => r.handedOverAt === null)
          ? rows
          : undefined;
      });
      const workerA = held[0]!.workerId!;

      const b = await bed.app({ ...sink.env(), ...WATCHFUL });
      const started = Date.now();
      await b.deps.email.startWorker();
      const sent = await bed.settled(ids, ['sent'], 20_000);
      const tookSeconds = (Date.now() - started) / 1000;
      expect(tookSeconds).toBeLessThan(15);
      const workerB = sent[0]!.workerId!;
      expect(workerB).not.toBe(workerA);
      expect(sent.every((r) => r.workerId === workerB)).toBe(true);
      expect(
        b.logs.lines.some(
          (l) => String(l.msg).startsWith('Took over 3 email message(s) of stopped workers') && l.released === 3 && l.in_doubt === 0,
        ),
      ).toBe(true);
      expect(b.logs.lines.some((l) => l.msg === 'An email worker stopped beating; presumed dead' && l.dead_worker_id === workerA)).toBe(
        true,
      );

      // A comes back to life: it reaches DATA for the message it had claimed, finds it taken, and
      // closes the connection without the final dot; then finds the other two already sent.
      relay.open();
      await waitUntil('worker A to withhold the message taken from it', async () =>
        a.logs.lines.some((l) => l.msg === 'Email withheld: another worker took it over from this one') ? true : undefined,
      );
      await waitUntil('the delivery jobs to be settled', async () => ((await bed.openJobs()) === 0 ? true : undefined));
      await a.deps.email.stop();
      await b.deps.email.stop();
      // Each message reached the sink exactly once; A's withheld one reached DATA but never ended.
      expect(
        countByMessageId(
          sent.map((r) => r.messageId),
          sink.received,
        ),
      ).toEqual([1, 1, 1]);
      expect(sink.dataCount()).toBe(4);
      expect((await bed.messages(ids)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    } finally {
      await relay.close();
    }
  });

  it('a message the silent worker had already handed to SMTP is not sent again by the other (its outcome is unknown)', async () => {
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    // A's server took the whole message (final dot included) and holds its answer.
    const sinkA = await bed.smtp({ onData: (n) => (n === 1 ? holding.then(() => undefined) : undefined) });
    const sinkB = await bed.smtp();
    const a = await bed.app({ ...sinkA.env(), EMAIL_WORKER_BATCH_SIZE: '3', ...SILENT });
    const ids = await platformTx(a.deps, async (tx) => {
      const out: string[] = [];
      for (const n of [1, 2, 3]) out.push((await a.deps.email.enqueue(tx, notice(`doubt${n}@example.in`))).id);
      return out;
    });
    await a.deps.email.startWorker();
    const handedOver = await waitUntil('worker A to hand one message over', async () => {
      const rows = await bed.messages(ids);
      return sinkA.dataCount() === 1 ? rows.find((r) => r.handedOverAt !== null) : undefined;
    });

    const b = await bed.app({ ...sinkB.env(), ...WATCHFUL });
    await b.deps.email.startWorker();
    const others = ids.filter((id) => id !== handedOver.id);
    await bed.settled(others, ['sent'], 20_000);
    expect(b.logs.lines.some((l) => String(l.msg).startsWith('Took over 2 email message(s)') && l.released === 2 && l.in_doubt === 1)).toBe(
      true,
    );
    const doubtful = await bed.message(handedOver.id);
    expect(doubtful).toMatchObject({ status: 'sending', workerId: handedOver.workerId });
    expect(sinkB.dataCount()).toBe(2);

    // A's server answers at last: A records it, as the one delivery there was.
    release();
    const [settled] = await bed.settled([handedOver.id], ['sent']);
    expect(settled!.workerId).toBe(handedOver.workerId);
    await waitUntil('the delivery jobs to be settled', async () => ((await bed.openJobs()) === 0 ? true : undefined));
    await a.deps.email.stop();
    await b.deps.email.stop();
    expect(sinkA.received.map((m) => m.to[0])).toEqual([settled!.toEmail]);
    expect(sinkB.received.map((m) => m.to[0]).sort()).toEqual((await bed.messages(others)).map((r) => r.toEmail).sort());
  });
});
