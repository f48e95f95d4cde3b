import { BOUNDARY, multipart, png, type World } from './world.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request under /api/v1. */
export interface Call {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** An id no row has: what B's resources must look like to a manager who does not manage B. */
export const MISSING = 2_147_483_647;

/**
 * A limited manager's attempt on a resource of B: `build(b)` must be answered exactly like
 * `build(MISSING)` (same status and error code, same body when it is a list), never 2xx for a
 * write, and change nothing. `a`, for reads, is A's counterpart, which the manager does reach.
 */
export interface Cross {
  name: string;
  b: number;
  build: (id: number) => Call;
  a?: number;
}

/** A read whose answer must not show B: neither B itself in `data` nor anything of B. */
export interface Hidden {
  call: Call;
  /** An id that must not be among data[].id. */
  notInData?: number;
}

export interface Entry {
  cross?: (w: World) => Cross[];
  hidden?: (w: World) => Hidden[];
  /** Why the route names no affiliate's resource. */
  none?: string;
  /** Admin scope: a manager is refused with 403. */
  adminOnly?: true;
  /** A well-formed request for a write route (default: its first cross attempt, on B). */
  write?: (w: World) => Call;
}

export const get = (url: string): Call => ({ method: 'GET', url });
export const post = (url: string, payload?: unknown): Call => ({ method: 'POST', url, payload });
export const patch = (url: string, payload: unknown): Call => ({ method: 'PATCH', url, payload });
export const del = (url: string): Call => ({ method: 'DELETE', url });

let counter = 0;
export const email = () => `matrix${++counter}-${process.pid}@example.com`;

export const SHARED_LIST = 'a shared list (tiers, labels, sources, tags) that names no affiliate';
export const REFERENCE = 'reference data shared by the whole platform';

export function upload(fields: Record<string, string>): Call {
  return {
    method: 'POST',
    url: '/media',
    payload: multipart(
      { title: 'Matrix banner', ...fields },
      { name: 'm.png', type: 'image/png', data: png(10, 10) },
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

export const bulk = (w: World, mode: string) => (id: number) =>
  post(`/affiliates/bulk-edit/${mode}`, {
    affiliate_ids: [w.a.affiliateId, id],
    fields: [{ field: 'internal_notes', operator: 'overwrite', value: 'matrix' }],
  });
