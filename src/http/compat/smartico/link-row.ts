import { Type } from 'typebox';
import type { Brand, DestinationLink } from '../../../core/catalog/types.ts';
import type { LinkType } from '../../../db/tables/tracking.ts';
import { Nullable } from '../../schemas/common.ts';

/**
 * link_type_id: the document shows only 3 "Home Page"; Smartico's types are the operator's, so the
 * native ones are numbered here around it, one way each (docs/migrating-from-smartico.md).
 */
export const LINK_TYPES: Record<LinkType, { id: number; name: string }> = {
  landing_page: { id: 1, name: 'Landing Page' },
  registration: { id: 2, name: 'Registration Page' },
  home_page: { id: 3, name: 'Home Page' },
  promotion: { id: 4, name: 'Promotion' },
  game: { id: 5, name: 'Game' },
  other: { id: 6, name: 'Other' },
};

const iso = (d: Date) => new Date(d).toISOString();

/** One destination link as af2_link_op shows it, in the document's field order. */
export function smarticoLink(link: DestinationLink, brand: Brand | undefined) {
  const type = LINK_TYPES[link.link_type];
  const brandName = brand?.name ?? null;
  return {
    id: link.id,
    link_id: link.id,
    enabled: link.enabled,
    brand_id: link.brand_id,
    link_type_id: type.id,
    link_type_name: type.name,
    link_name: link.name,
    description: link.description,
    destination_url: link.url,
    destination_url_ab: link.url_ab,
    private_affiliate_ids: link.is_public ? null : link.private_affiliate_ids,
    is_public: link.is_public,
    link_id_external: null,
    create_date: iso(link.created_at),
    update_date: iso(link.updated_at),
    create_by: null,
    brand_name: brandName,
    operator_id: null,
    is_active_brand: brand?.enabled ?? false,
    enable_campaigns: true,
    enable_source_id: true,
    link_name_and_brand: brandName === null ? link.name : `${link.name} / ${brandName}`,
    asset_ids: link.asset_ids,
  };
}

const nullNote = (what: string) => Type.Null({ description: `Always null: ${what}` });

export const SmarticoLink = Type.Object(
  {
    id: Type.Integer({ description: 'The destination link id' }),
    link_id: Type.Integer({ description: 'The same id' }),
    enabled: Type.Boolean(),
    brand_id: Type.Integer(),
    link_type_id: Type.Integer({
      description: Object.values(LINK_TYPES)
        .map((t) => `${t.id} ${t.name}`)
        .join(', '),
    }),
    link_type_name: Type.String(),
    link_name: Type.String(),
    description: Nullable(Type.String()),
    destination_url: Type.String({ description: 'The URL template with its {{placeholders}}' }),
    destination_url_ab: Nullable(Type.String({ description: 'The B side of an A/B split' })),
    private_affiliate_ids: Nullable(
      Type.Array(Type.Integer(), { description: 'Who may use a private link; null for a public one' }),
    ),
    is_public: Type.Boolean(),
    link_id_external: nullNote('Affluent links have no id in another system'),
    create_date: Type.String({ format: 'date-time' }),
    update_date: Type.String({ format: 'date-time' }),
    create_by: nullNote('who created it is in the catalog changes (GET /api/v1/audit-log)'),
    brand_name: Nullable(Type.String()),
    operator_id: nullNote('one operator per installation'),
    is_active_brand: Type.Boolean(),
    enable_campaigns: Type.Boolean({ description: 'Always true: every promo is in a campaign' }),
    enable_source_id: Type.Boolean({ description: 'Always true: af2_build_link takes a source_id' }),
    link_name_and_brand: Type.String(),
    asset_ids: Type.Array(Type.Integer(), { description: 'Media offered with the link' }),
  },
  { description: 'A destination link, in the document’s field order' },
);
