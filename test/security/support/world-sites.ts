import { SYSTEM } from '../../../src/core/actor.ts';
import { uploadDocument } from '../../../src/core/documents/upload-document.ts';
import { createSite } from '../../../src/core/sites/create-site.ts';
import type { IdentityTestApp } from '../../identity/helpers.ts';

export interface SitesWorld {
  /** A pending site of A and one of B. */
  aSiteId: number;
  bSiteId: number;
  /** A pending document (a PDF) of A and one of B. */
  aDocumentId: number;
  bDocumentId: number;
}

export async function seedSites(t: IdentityTestApp, aId: number, bId: number): Promise<SitesWorld> {
  const site = async (affiliateId: number) =>
    (
      await createSite({
        db: t.db,
        actor: SYSTEM,
        affiliateId,
        input: {
          name: `Shop ${affiliateId}`,
          url: `https://shop${affiliateId}.example.com`,
          category_code: 101,
        },
      })
    ).id;
  const document = async (affiliateId: number) =>
    (
      await uploadDocument({
        db: t.db,
        actor: SYSTEM,
        dataDir: t.app.deps.config.dataDir,
        affiliateId,
        kind: 'identity',
        fileName: 'passport.pdf',
        file: Buffer.from('%PDF-1.4\n'),
      })
    ).id;
  return {
    aSiteId: await site(aId),
    bSiteId: await site(bId),
    aDocumentId: await document(aId),
    bDocumentId: await document(bId),
  };
}
