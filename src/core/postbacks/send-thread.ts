// @internal: only core/postbacks imports this file (sender.ts starts it as a worker thread).
import { parentPort } from 'node:worker_threads';
import { affiliateLimiter } from './limiter.ts';
import { type SendResult, type SendTarget, sendRequest } from './send-request.ts';

export interface ThreadRequest {
  id: number;
  key: number;
  limit: number;
  allowPrivate: boolean;
  targets: SendTarget[];
}

export interface SentByThread {
  id: number;
  /** `ago`: milliseconds from the request going out to the group's answer being posted back. */
  results: (SendResult & { ago: number })[];
}

// The limiter here is the thread's own: it holds every postback request this process sends.
parentPort?.on('message', async (request: ThreadRequest) => {
  const results = await Promise.all(
    request.targets.map((target) =>
      affiliateLimiter.run(request.key, request.limit, async () => {
        const started = performance.now();
        return { result: await sendRequest(target, request.allowPrivate), started };
      }),
    ),
  );
  const now = performance.now();
  const message: SentByThread = {
    id: request.id,
    results: results.map(({ result, started }) => ({ ...result, ago: Math.round(now - started) })),
  };
  parentPort?.postMessage(message);
});
