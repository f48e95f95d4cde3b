import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export const TIMEOUT_MS = 10_000;
const KEEP = 1024;

export interface SendResult {
  ok: boolean;
  status: number | null;
  ms: number;
  /** The first 1 KB of the answer. */
  body: string | null;
  error: string | null;
}

/** One request: a postback's GET or POST, or a webhook's signed POST. */
export interface SendTarget {
  method: 'GET' | 'POST';
  url: string;
  body: string | null;
  headers?: Record<string, string>;
}

const options = { keepAlive: true, maxSockets: 256, timeout: TIMEOUT_MS };
const guarded = {
  http: new RequestFilteringHttpAgent({
    ...options,
    allowPrivateIPAddress: false,
    allowMetaIPAddress: false,
  }),
  https: new RequestFilteringHttpsAgent({
    ...options,
    allowPrivateIPAddress: false,
    allowMetaIPAddress: false,
  }),
};
const open = { http: new http.Agent(options), https: new https.Agent(options) };

/**
 * One request to a tracker (or an operator's webhook endpoint, with its signature headers): success only on 2xx; a redirect is an answer like any other (not
 * followed, so not a success); 10 s at most. Private, loopback and link-local addresses are
 * refused at connection time, after DNS, unless `allowPrivate` (development and tests).
 */
export function sendRequest(target: SendTarget, allowPrivate: boolean): Promise<SendResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      resolve({ ok: false, status: null, ms: 0, body: null, error: 'the URL is not valid' });
      return;
    }
    const secure = url.protocol === 'https:';
    const agents = allowPrivate ? open : guarded;
    const headers: Record<string, string> = {
      'user-agent': 'Affluent-Postback/1',
      accept: '*/*',
      ...target.headers,
    };
    if (target.body !== null) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(target.body));
    }
    let settled = false;
    const done = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = (secure ? https : http).request(
      url,
      { method: target.method, headers, agent: secure ? agents.https : agents.http },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < KEEP) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          done({
            ok: status >= 200 && status < 300,
            status,
            ms: ms(),
            body: Buffer.concat(chunks).subarray(0, KEEP).toString('utf8'),
            error:
              status >= 300 && status < 400
                ? `redirect to ${response.headers.location ?? '(no location)'} not followed`
                : null,
          });
        });
        response.on('error', (error) =>
          done({
            ok: false,
            status: response.statusCode ?? null,
            ms: ms(),
            body: null,
            error: error.message,
          }),
        );
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
    request.on('error', (error) =>
      done({ ok: false, status: null, ms: ms(), body: null, error: error.message }),
    );
    request.end(target.body ?? undefined);
  });
}
