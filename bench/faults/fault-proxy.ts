// A TCP proxy between the simulated participants and the app that spoils some responses after the
// app has produced them: the request reached the server and was processed, but the client never
// gets (all of) the answer. That is the dangerous case for a submission: stored, not acknowledged.
import { createServer, connect, type Socket } from 'node:net';

export interface FaultRates {
  /** Share of responses held back for a random delay before they are passed on. */
  delay: number;
  /** Share of responses thrown away: the connection closes without a byte of the answer. */
  drop: number;
  /** Share of responses cut: a few bytes pass, then the connection is reset. */
  cut: number;
  /** Longest delay in milliseconds. */
  maxDelayMs: number;
}

export interface FaultProxy {
  url: string;
  injected: { delayed: number; dropped: number; cut: number };
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 and forwards to target. HTTP/1.1 without pipelining, so the first chunk
 * the app sends after a request is the start of that request's response: the dice are rolled there.
 */
export function startFaultProxy(
  target: { host: string; port: number },
  rates: FaultRates,
  random: () => number = Math.random,
): Promise<FaultProxy> {
  const injected = { delayed: 0, dropped: 0, cut: 0 };
  const sockets = new Set<Socket>();
  const server = createServer(function proxyConnection(client) {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let awaitingResponse = false;
    let held = false; // a delayed response: later chunks queue behind it in order
    const queue: Buffer[] = [];
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      awaitingResponse = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (held) return void queue.push(chunk);
      if (!awaitingResponse) return void client.write(chunk);
      awaitingResponse = false;
      const roll = random();
      if (roll < rates.drop) {
        injected.dropped++;
        return destroyBoth();
      }
      if (roll < rates.drop + rates.cut) {
        injected.cut++;
        client.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length * random() * 0.8))));
        // resetAndDestroy: the client sees ECONNRESET, as on a broken mobile connection.
        client.resetAndDestroy();
        return void upstream.destroy();
      }
      if (roll < rates.drop + rates.cut + rates.delay) {
        injected.delayed++;
        held = true;
        queue.push(chunk);
        setTimeout(
          () => {
            held = false;
            if (!client.destroyed) for (const c of queue.splice(0)) client.write(c);
            if (upstream.destroyed) client.end();
          },
          1 + Math.floor(random() * rates.maxDelayMs),
        );
        return;
      }
      client.write(chunk);
    });
    const forget = () => {
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', () => {
      forget();
      upstream.destroy();
    });
    upstream.on('close', () => {
      forget();
      // Let a delayed response finish before the client side closes.
      if (!held) client.end();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        injected,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
