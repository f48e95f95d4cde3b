import { Type } from 'typebox';

export const HISTORY_HELP = `Verifiable history: every record that decides what an affiliate earns (events, attributions
and re-attributions, commissions and their status changes including fraud holds and releases, plan versions and
assignments that reach the affiliate, bill changes, lines and corrections, ledger entries) joins the affiliate's
hash chain within a minute of its transaction. A brand-wide rule (the brand's default plan, a new version of it) is
copied into the chain of every admitted affiliate it reaches, and into an affiliate's chain when it is admitted
later; each rule change is also in the affiliate's events log with who made it, from when and why. Each link holds the record's canonical JSON (RFC 8785) and
\`hash = SHA-256("affluent-chain-v1:<affiliate>:<seq>:<previous hash>:<body hash>")\`, where
\`body hash = SHA-256(canonical {body, kind, ref_id})\`; the first link's previous hash is 64 zeros. Daily, each
chain's head is sealed into a checkpoint signed with the installation's Ed25519 key; the public keys (a rotated
key stays listed with its retirement date, so what it signed still verifies) are at
\`/.well-known/affluent-history-keys.json\`. A bill's statement lists the records behind the bill in full, every
other link between them by hash, up to a checkpoint, and the bill's totals; the statement is signed too. Check
one with \`node verifier/verify-statement.mjs statement.json\` (no dependencies; \`--keys <file|url>\` to name the
keys) or \`npm run cli -- verify statement.json\`.`;

export const StatementPdf = Type.String({
  format: 'binary',
  description: 'The statement as a PDF: chain range, checkpoint, totals and links',
});

const Link = Type.Object({
  seq: Type.Integer(),
  kind: Type.String(),
  ref_id: Type.String(),
  body_hash: Type.String(),
  hash: Type.String(),
  body: Type.Optional(Type.Unknown({ description: 'The record in full (records behind the bill only)' })),
});

const Checkpoint = Type.Object({
  affiliate_id: Type.Integer(),
  seq: Type.Integer(),
  hash: Type.String(),
  sealed_at: Type.String({ format: 'date-time' }),
  key_id: Type.String(),
  signature: Type.String({ description: 'base64url Ed25519 signature of the canonical checkpoint' }),
});

export const StatementResponse = Type.Object(
  {
    v: Type.Literal('affluent-statement-v1'),
    issuer: Type.String(),
    issued_at: Type.String({ format: 'date-time' }),
    affiliate_id: Type.Integer(),
    bill: Type.Object({}, { additionalProperties: true }),
    range: Type.Object({ from_seq: Type.Integer(), to_seq: Type.Integer(), prev_hash: Type.String() }),
    totals: Type.Object(
      {
        lines: Type.Integer(),
        lines_amount: Type.Integer({ description: 'Minor units of the bill currency' }),
        by_kind: Type.Record(Type.String(), Type.Integer()),
        corrections_added: Type.Integer(),
        corrections_subtracted: Type.Integer(),
        amount_to_pay: Type.Integer(),
      },
      { additionalProperties: false },
    ),
    checkpoint: Checkpoint,
    links: Type.Array(Link),
    key_id: Type.String(),
    signature: Type.String({
      description: 'base64url Ed25519 signature of the canonical statement without it',
    }),
  },
  { description: 'A signed bill statement, as the verifier reads it' },
);

export const ChainResponse = Type.Object(
  {
    v: Type.Literal('affluent-chain-v1'),
    issuer: Type.String(),
    affiliate_id: Type.Integer(),
    links: Type.Array(Type.Unknown()),
    checkpoints: Type.Array(Checkpoint),
    keys: Type.Array(Type.Unknown()),
  },
  {
    description:
      'The whole chain of the affiliate, every link with its record, every checkpoint and the keys',
  },
);

export const PublishedKeys = Type.Object({
  keys: Type.Array(
    Type.Object({
      id: Type.String(),
      algorithm: Type.Literal('Ed25519'),
      public_key: Type.String({ description: 'base64url of the raw 32-byte public key' }),
      created_at: Type.String({ format: 'date-time' }),
      retired_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  ),
});

export const HistoryCheck = Type.Object({
  affiliates: Type.Integer(),
  links: Type.Integer(),
  problems: Type.Array(
    Type.Object({
      affiliate_id: Type.Integer(),
      seq: Type.Integer(),
      kind: Type.String(),
      ref_id: Type.String(),
      problem: Type.Union([
        Type.Literal('chain_broken'),
        Type.Literal('body_changed'),
        Type.Literal('source_changed'),
        Type.Literal('source_missing'),
      ]),
      message: Type.String(),
    }),
  ),
});

export const HistoryCheckQuery = Type.Object(
  { affiliate_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) },
  { additionalProperties: false },
);

export const KeyRotation = Type.Object({
  retired: Type.Union([Type.String(), Type.Null()]),
  active: Type.String(),
});
