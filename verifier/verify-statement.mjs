#!/usr/bin/env node
/**
 * Checks an Affluent bill statement or chain export (affluent-verify.mjs does the checking):
 *
 *   node verifier/verify-statement.mjs statement.json [--keys keys.json | --keys https://host/.well-known/affluent-history-keys.json]
 *
 * Without --keys it fetches the keys from the document's issuer (its well-known URL). It prints
 * "verified" or the problems, first bad record first, and exits 0 (verified) or 1.
 */
import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { verifyDocument } from './affluent-verify.mjs';

export async function main(argv, print = console.log) {
  const at = argv.indexOf('--keys');
  const keysArg = at >= 0 ? argv[at + 1] : undefined;
  const file = argv.find((a, i) => !a.startsWith('--') && i !== at + 1);
  if (!file) {
    print('usage: verify-statement.mjs <statement.json|chain.json> [--keys <file|url>]');
    return 2;
  }
  let doc;
  try {
    doc = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    print(`not verified: cannot read ${file}: ${error.message}`);
    return 1;
  }
  const keysAt =
    keysArg ?? `${String(doc.issuer ?? '').replace(/\/$/, '')}/.well-known/affluent-history-keys.json`;
  let keys;
  try {
    const text = /^https?:/.test(keysAt)
      ? await (await fetch(keysAt)).text()
      : await fs.readFile(keysAt, 'utf8');
    keys = JSON.parse(text).keys;
  } catch (error) {
    print(`not verified: cannot read the published keys at ${keysAt}: ${error.message}`);
    return 1;
  }
  const result = await verifyDocument(doc, keys ?? []);
  if (result.ok) print('verified');
  else for (const p of result.problems) print(`not verified: ${p.message}`);
  return result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
