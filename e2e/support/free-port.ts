import net from 'node:net';

/**
 * A port nobody listens on right now. The server prints its address from PORT, so letting it
 * pick (PORT=0) would leave the test not knowing where to go.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
