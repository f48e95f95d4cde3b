export interface Problem {
  seq?: number;
  message: string;
}
export interface Result {
  ok: boolean;
  problems: Problem[];
}
export interface Key {
  id: string;
  public_key: string;
}
export const GENESIS_HASH: string;
export function canonicalJson(value: unknown): string;
export function sha256Hex(text: string): Promise<string>;
export function bodyHash(kind: string, refId: string | number, body: unknown): Promise<string>;
export function linkHash(affiliateId: number, seq: number, prevHash: string, body: string): Promise<string>;
export function checkpointPayload(checkpoint: Record<string, unknown>): string;
export function statementPayload(statement: Record<string, unknown>): string;
export function statementTotals(statement: unknown): Record<string, unknown>;
export function verifyStatement(statement: unknown, keys: Key[]): Promise<Result>;
export function verifyChain(chain: unknown, keys: Key[]): Promise<Result>;
export function verifyDocument(doc: unknown, keys: Key[]): Promise<Result>;
