import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCutLinkDelivery, type CutLinkDelivery } from '../../test/cut-link';

let link: CutLinkDelivery;
beforeAll(async () => {
  link = await startCutLinkDelivery({ EMAIL_RECORD_RETRY_SECONDS: '60' });
  link.cutDuringData = false;
});
afterAll(() => link.close());

describe('the connection dies while the worker commits "sent" (the outcome of that commit is unknown)', () => {
  it('the worker checks and records it again: the message ends `sent`, delivered once', async () => {
    const { t, proxy, smtp } = link;
    // Once SMTP has taken the message, the connection that then writes its outcome is cut on its
    // COMMIT: the COMMIT never reaches the server, and the worker cannot know that.
    let armed = true;
    let recording: number | undefined;
    let cuts = 0;
    proxy.inspectClientData = (chunk, connection) => {
      if (!armed || smtp.received.length === 0) return false;
      if (chunk.includes('update "email_messages" set "status"')) recording = connection;
      if (connection === recording && chunk.includes('COMMIT\0')) {
        armed = false;
        cuts++;
        return true;
      }
      return false;
    };
    const id = await link.queueAndStartWorker('commit-lost@example.in');
    const settled = await link.settled(id);
    expect(cuts).toBe(1);
    expect(
      t.logs.lines.some(
        (l) => l.email_id === id && String(l.msg).startsWith('Recording an email outcome: the commit may not have happened'),
      ),
    ).toBe(true);
    expect(settled.attempts).toBe(1);
    expect(smtp.received.map((m) => m.parsed.messageId)).toEqual([settled.messageId]);
  });
});
