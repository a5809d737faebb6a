/**
 * A local SMTP server in a process of its own (so it does not share the benchmark's event loop):
 * accepts every message and reports each Message-ID to the parent over IPC.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
  logger: false,
  disabledCommands: ['STARTTLS'],
  authOptional: true,
  closeTimeout: 100,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 8192) head += chunk.toString('utf8');
    });
    stream.on('end', () => {
      process.send?.({ messageId: /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? null });
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.server.address() as AddressInfo).port }));
process.on('disconnect', () => server.close(() => process.exit(0)));
