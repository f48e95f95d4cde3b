/**
 * Affluent history verifier: checks a bill statement or a whole chain export, with nothing but
 * the JavaScript runtime (Node.js 20+ or a browser: Web Crypto's SHA-256 and Ed25519). Read it:
 * it is all here. verify-statement.mjs beside it is the command line.
 *
 * What is checked:
 * 1. The checkpoint (and the statement) are signed by one of the installation's published keys.
 * 2. Every link of the range follows from the one before: hash = SHA-256 of
 *    "affluent-chain-v1:<affiliate>:<seq>:<previous hash>:<body hash>", seq counting up by one,
 *    and the range ends on the signed checkpoint's hash.
 * 3. Each record given in full hashes to its link's body hash: SHA-256 of the canonical JSON of
 *    { body, kind, ref_id } (keys sorted, no spaces: RFC 8785 for these values).
 * 4. A statement's totals equal the sums of its records.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON for strings, numbers, booleans, null, arrays and objects. */
export function canonicalJson(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
export async function sha256Hex(text) {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
export const bodyHash = (kind, refId, body) =>
  sha256Hex(canonicalJson({ body, kind, ref_id: String(refId) }));
export const linkHash = (affiliateId, seq, prevHash, body) =>
  sha256Hex(`affluent-chain-v1:${affiliateId}:${seq}:${prevHash}:${body}`);

function fromBase64url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function verifySignature(publicKey, signature, text) {
  try {
    const key = await crypto.subtle.importKey('raw', fromBase64url(publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ]);
    return await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      fromBase64url(signature),
      new TextEncoder().encode(text),
    );
  } catch {
    return false;
  }
}

export const checkpointPayload = (c) =>
  canonicalJson({
    affiliate_id: c.affiliate_id,
    hash: c.hash,
    key_id: c.key_id,
    sealed_at: c.sealed_at,
    seq: c.seq,
    v: 'affluent-checkpoint-v1',
  });

/** What a statement's signature covers: the statement without its signature. */
export const statementPayload = (statement) => {
  const { signature: _signature, ...rest } = statement;
  return canonicalJson(rest);
};

async function checkSigned(keys, keyId, signature, payload, what, problems) {
  const key = keys.find((k) => k.id === keyId);
  if (!key)
    problems.push({ message: `${what} is signed with key ${keyId}, which is not one of the published keys` });
  else if (!(await verifySignature(key.public_key, signature ?? '', payload)))
    problems.push({ message: `${what}'s signature is not valid for key ${keyId}` });
}

/** Links in order from `prev` (the hash before the first): the problems, first bad link first. */
async function checkLinks(affiliateId, links, firstSeq, prev, problems) {
  let expectedSeq = firstSeq;
  for (const link of links) {
    const where = `record ${link.seq} (${link.kind} ${link.ref_id})`;
    if (link.seq !== expectedSeq) {
      problems.push({ seq: link.seq, message: `${where} is out of place: expected record ${expectedSeq}` });
      return null;
    }
    if (link.body !== undefined && (await bodyHash(link.kind, link.ref_id, link.body)) !== link.body_hash)
      problems.push({ seq: link.seq, message: `${where} was changed: its content does not match its hash` });
    if (
      (link.prev_hash ?? prev) !== prev ||
      (await linkHash(affiliateId, link.seq, prev, link.body_hash)) !== link.hash
    ) {
      problems.push({ seq: link.seq, message: `${where} does not follow from the record before it` });
      return null;
    }
    prev = link.hash;
    expectedSeq++;
  }
  return prev;
}

const sum = (values) => values.reduce((a, b) => a + b, 0);

/** The totals a statement must show, from its records alone. */
export function statementTotals(statement) {
  const records = statement.links.filter((l) => l.body !== undefined);
  const billId = statement.bill.id;
  const lines = records.filter((l) => l.kind === 'bill_line' && l.body.bill_id === billId);
  const commissions = new Map(records.filter((l) => l.kind === 'commission').map((l) => [l.body.id, l.body]));
  const corrections = records.filter((l) => l.kind === 'bill_correction' && l.body.bill_id === billId);
  const byKind = {};
  for (const line of lines) {
    const kind = commissions.get(line.body.commission_id)?.kind ?? 'unknown';
    byKind[kind] = (byKind[kind] ?? 0) + line.body.amount;
  }
  const added = sum(corrections.filter((c) => c.body.action === 'add').map((c) => c.body.amount));
  const subtracted = sum(corrections.filter((c) => c.body.action === 'subtract').map((c) => c.body.amount));
  const linesAmount = sum(lines.map((l) => l.body.amount));
  return {
    lines: lines.length,
    lines_amount: linesAmount,
    by_kind: Object.fromEntries(Object.entries(byKind).sort(([a], [b]) => (a < b ? -1 : 1))),
    corrections_added: added,
    corrections_subtracted: subtracted,
    // A bill never pays less than nothing.
    amount_to_pay: Math.max(0, linesAmount + added - subtracted),
  };
}

/** A bill statement: signatures, the chain range up to its checkpoint, the records, the totals. */
export async function verifyStatement(statement, keys) {
  const problems = [];
  if (statement?.v !== 'affluent-statement-v1')
    return { ok: false, problems: [{ message: 'not an Affluent statement' }] };
  const cp = statement.checkpoint;
  if (cp.affiliate_id !== statement.affiliate_id)
    problems.push({
      message: `checkpoint ${cp.seq} is of affiliate ${cp.affiliate_id}, not ${statement.affiliate_id}`,
    });
  const { affiliate_id, links, range } = statement;
  const end = await checkLinks(affiliate_id, links, range.from_seq, range.prev_hash, problems);
  const last = links.at(-1);
  if (end !== null && (last?.seq !== cp.seq || end !== cp.hash))
    problems.push({ seq: last?.seq, message: `the records do not end on checkpoint ${cp.seq}` });
  const totals = statementTotals(statement);
  for (const [name, value] of Object.entries(totals)) {
    const shown = canonicalJson(statement.totals?.[name]);
    if (shown !== canonicalJson(value))
      problems.push({ message: `total ${name} is ${shown}; its records add up to ${canonicalJson(value)}` });
  }
  // Signatures last: a changed record is what the affiliate needs named first, and any change
  // breaks the statement's signature too.
  await checkSigned(keys, cp.key_id, cp.signature, checkpointPayload(cp), `checkpoint ${cp.seq}`, problems);
  const payload = statementPayload(statement);
  await checkSigned(keys, statement.key_id, statement.signature, payload, 'the statement', problems);
  return { ok: problems.length === 0, problems };
}

/** A whole chain export: every link from the first, and every checkpoint on its link. */
export async function verifyChain(chain, keys) {
  const problems = [];
  if (chain?.v !== 'affluent-chain-v1')
    return { ok: false, problems: [{ message: 'not an Affluent chain export' }] };
  const end = await checkLinks(chain.affiliate_id, chain.links, 1, GENESIS_HASH, problems);
  const bySeq = new Map(chain.links.map((l) => [l.seq, l]));
  for (const cp of chain.checkpoints) {
    await checkSigned(keys, cp.key_id, cp.signature, checkpointPayload(cp), `checkpoint ${cp.seq}`, problems);
    if (bySeq.get(cp.seq)?.hash !== cp.hash)
      problems.push({
        seq: cp.seq,
        message: `checkpoint ${cp.seq} does not match record ${cp.seq}: the history before it was rewritten`,
      });
  }
  return { ok: problems.length === 0 && end !== null, problems };
}

/** A statement or a chain export, whichever the document is. */
export const verifyDocument = (doc, keys) =>
  doc?.v === 'affluent-chain-v1' ? verifyChain(doc, keys) : verifyStatement(doc, keys);
