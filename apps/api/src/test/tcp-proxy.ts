import net from 'node:net';

/**
 * A TCP relay between the app and the PostgreSQL server that a test can cut and restore: a real
 * network failure seen by the app, without stopping the server the rest of the suite uses.
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  /**
   * Looks at every chunk a client sends before it is forwarded; answering true cuts that one
   * connection instead (the chunk never reaches the server). Other connections carry on.
   */
  inspectClientData: ((chunk: Buffer, connection: number) => boolean) | undefined;
  private connections = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      const connection = ++this.connections;
      client.on('data', (chunk: Buffer) => {
        if (this.inspectClientData?.(chunk, connection)) drop();
        else upstream.write(chunk);
      });
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    if (typeof address === 'object' && address) this.port = address.port;
    return this.port;
  }

  /** Refuses new connections and cuts every open one. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
