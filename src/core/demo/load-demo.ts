import type { Db } from '../../db/index.ts';
import { CLI } from '../actor.ts';
import { createAffiliate } from '../affiliates/create-affiliate.ts';
import { createBrand } from '../catalog/brands/create-brand.ts';
import { createCampaign } from '../catalog/campaigns/create-campaign.ts';
import { createDestinationLink } from '../catalog/links/create-destination-link.ts';
import { uploadMedia } from '../catalog/media/upload-media.ts';
import { createPromo } from '../catalog/promos/create-promo.ts';
import { type ClickEnricher, insertClicks } from '../clicks/insert-clicks.ts';
import { AppError } from '../errors.ts';
import { type DemoPromo, demoClicks, seeded } from './demo-clicks.ts';
import {
  DEMO_AFFILIATES,
  DEMO_BANNER_SIZES,
  DEMO_BRANDS,
  DEMO_LINKS,
  DEMO_PASSWORD,
  emailOf,
} from './demo-data.ts';
import { stripedPng, textSvg } from './demo-images.ts';

/** Clicks are written this many at a time, as the click writer's batches are. */
const CLICK_BATCH = 1000;

export interface DemoSummary {
  brands: number;
  destination_links: number;
  banners: number;
  affiliates: number;
  users: { email: string; affiliate: string }[];
  campaigns: number;
  promos: number;
  clicks: number;
  password: string;
}

/** What the installation holds already, table by table; empty when none of it has a row. */
async function contents(db: Db): Promise<string[]> {
  const tables = ['brands', 'destination_links', 'media', 'affiliates', 'campaigns', 'clicks'] as const;
  const found = await Promise.all(
    tables.map(async (table) => {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n) > 0 ? `${row.n} ${table.replace('_', ' ')}` : null;
    }),
  );
  return found.filter((x): x is string => x !== null);
}

/**
 * Fills an EMPTY installation with a living demo program through the same operations the API
 * uses: two brands with destination links and banners, affiliates (active, suspended, pending)
 * with portal users, campaigns and promos, and `clicks` clicks over the last 30 days written
 * like the click writer writes them (so the counts, the log and the checklist show them). An
 * installation with any brand, link, banner, affiliate, campaign or click is refused untouched.
 */
export async function loadDemo({
  db,
  dataDir,
  publicUrl,
  clicks = 4000,
  now = Date.now(),
}: {
  db: Db;
  /** Where banners are stored (DATA_DIR). */
  dataDir: string;
  publicUrl: string;
  clicks?: number;
  now?: number;
}): Promise<DemoSummary> {
  const present = await contents(db);
  if (present.length > 0) {
    throw new AppError(
      'conflict',
      `the demo loads into an empty installation only, and this one has ${present.join(', ')}; use a new DATA_DIR (or an empty database) to try it`,
      { present },
    );
  }
  const actor = CLI;
  const random = seeded(7);
  const brands: { id: number; links: number[]; banners: number[] }[] = [];
  for (const b of DEMO_BRANDS) {
    const brand = await createBrand({ db, actor, input: { name: b.name, base_currency: b.currency } });
    const banners: number[] = [];
    for (const { width, height } of DEMO_BANNER_SIZES) {
      for (const format of ['png', 'svg'] as const) {
        const file =
          format === 'png'
            ? stripedPng(width, height, b.colours.background, b.colours.accent)
            : textSvg(width, height, { title: b.name, offer: b.offer, ...b.colours });
        const media = await uploadMedia({
          db,
          actor,
          dataDir,
          publicUrl,
          input: {
            file,
            title: `${b.name} ${width}×${height} ${format === 'svg' ? 'offer' : 'stripes'}`,
            brand_id: brand.id,
            language: 'en',
            tags: ['demo', format === 'svg' ? 'offer' : 'brand'],
          },
        });
        banners.push(media.id);
      }
    }
    const links: number[] = [];
    for (const l of DEMO_LINKS) {
      const link = await createDestinationLink({
        db,
        actor,
        input: {
          brand_id: brand.id,
          name: l.name,
          url: `${b.site}${l.path}`,
          link_type: l.link_type,
          asset_ids: l.link_type === 'landing_page' ? banners : [],
        },
      });
      links.push(link.id);
    }
    brands.push({ id: brand.id, links, banners });
  }

  const users: DemoSummary['users'] = [];
  const promos: DemoPromo[] = [];
  let campaigns = 0;
  for (const [index, a] of DEMO_AFFILIATES.entries()) {
    const email = emailOf(a);
    const affiliateId = await createAffiliate({
      db,
      actor,
      source: 'demo',
      input: {
        name: a.name,
        status: a.status,
        email,
        website_url: a.website,
        address: { country_code: a.country },
        contact_name: `${a.owner.first_name} ${a.owner.last_name}`,
        users: [{ email, ...a.owner, is_owner: true, initial_password: DEMO_PASSWORD }],
      },
    });
    users.push({ email, affiliate: a.name });
    if (a.status === 'pending') continue;
    for (const [i, brand] of brands.entries()) {
      // Everyone promotes the first brand; every other affiliate the second too.
      if (i > 0 && index % 2 === 1) continue;
      const campaign = await createCampaign({
        db,
        actor,
        input: {
          affiliate_id: affiliateId,
          brand_id: brand.id,
          name: `${DEMO_BRANDS[i]!.name.split(' ')[0]} main`,
        },
      });
      campaigns++;
      const promoCount = 1 + Math.floor(random() * 3);
      for (let p = 0; p < promoCount; p++) {
        const linkId = brand.links[p % brand.links.length]!;
        const mediaId = p === 0 ? null : brand.banners[Math.floor(random() * brand.banners.length)]!;
        const promo = await createPromo({
          db,
          actor,
          campaignId: campaign.id,
          input: {
            destination_link_id: linkId,
            media_id: mediaId,
            title: p === 0 ? 'Text link' : `Banner ${p}`,
          },
          publicUrl,
        });
        promos.push({
          promoId: promo.id,
          campaignId: campaign.id,
          affiliateId,
          brandId: brand.id,
          linkId,
          weight: a.weight / promoCount,
          website: a.website,
        });
      }
    }
  }

  const generated = demoClicks(promos, { now, total: clicks });
  const enrich: ClickEnricher = {
    ipMode: 'anonymized',
    country: (ip) => generated.countries.get(ip) ?? null,
    rejected: 0,
  };
  for (let i = 0; i < generated.clicks.length; i += CLICK_BATCH) {
    await insertClicks({ db }, generated.clicks.slice(i, i + CLICK_BATCH), enrich);
  }

  return {
    brands: brands.length,
    destination_links: brands.reduce((n, b) => n + b.links.length, 0),
    banners: brands.reduce((n, b) => n + b.banners.length, 0),
    affiliates: DEMO_AFFILIATES.length,
    users,
    campaigns,
    promos: promos.length,
    clicks: generated.clicks.length,
    password: DEMO_PASSWORD,
  };
}
