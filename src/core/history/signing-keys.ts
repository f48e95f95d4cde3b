import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { seal, unseal } from '../auth/sealed-secret.ts';
import { sha256Hex } from './chain-hash.ts';

export interface SigningKey {
  id: string;
  privateKey: KeyObject;
  publicKey: string;
}

export interface PublishedKey {
  id: string;
  algorithm: 'Ed25519';
  public_key: string;
  created_at: string;
  retired_at: string | null;
}

/** The raw 32-byte Ed25519 public key, base64url (what the verifier imports). */
const rawPublic = (key: KeyObject) => (createPublicKey(key).export({ format: 'jwk' }) as { x: string }).x;

/**
 * The installation's signing key, made on first use: Ed25519, its private half sealed with the
 * server secret in the database (so every process of an installation signs with the same key).
 */
export async function activeSigningKey(options: { db: Db; secretKey: string }): Promise<SigningKey> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const { rows } = await sql<{ id: string; public_key: string; private_key_sealed: string }>`
      select id, public_key, private_key_sealed from history_signing_keys where retired_at is null`.execute(
      options.db,
    );
    const row = rows[0];
    if (row) {
      const pem = unseal(options.secretKey, row.private_key_sealed, 'history-signing-key');
      if (!pem) throw new Error('the history signing key was sealed with another SECRET_KEY');
      return { id: row.id, privateKey: createPrivateKey(pem), publicKey: row.public_key };
    }
    await insertKey(options.db, options.secretKey);
  }
  throw new Error('no history signing key');
}

async function insertKey(db: Db, secretKey: string) {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublic(privateKey);
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  // Another process making the first key at the same time wins; this one then reads it.
  await sql`insert into history_signing_keys (id, public_key, private_key_sealed)
    values (${`ed25519-${sha256Hex(publicKey).slice(0, 16)}`}, ${publicKey}, ${seal(secretKey, pem, 'history-signing-key')})
    on conflict do nothing`.execute(db);
}

/**
 * Retires the active key (its public half stays published, so what it signed still verifies; its
 * private half is dropped) and makes a new one. Give it the transaction of the audit line.
 */
export async function rotateSigningKey(options: { db: Db; secretKey: string }): Promise<{
  retired: string | null;
  active: string;
}> {
  const { rows } = await sql<{ id: string }>`
    update history_signing_keys set retired_at = now(), private_key_sealed = null
    where retired_at is null returning id`.execute(options.db);
  await insertKey(options.db, options.secretKey);
  const active = await activeSigningKey(options);
  return { retired: rows[0]?.id ?? null, active: active.id };
}

/** Every key, active and retired, as the well-known URL publishes them. */
export async function publishedKeys(options: { db: Db }): Promise<PublishedKey[]> {
  const { rows } = await sql<PublishedKey>`
    select id, algorithm, public_key, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
      to_char(retired_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as retired_at
    from history_signing_keys order by created_at, id`.execute(options.db);
  return rows;
}

export const signText = (key: SigningKey, text: string) =>
  sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64url');
