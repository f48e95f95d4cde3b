import { Type } from 'typebox';
import { ATTRIBUTION_BINDINGS } from '../../core/catalog/types.ts';
import { BUILT_IN_PLACEHOLDERS, SUB_IDS } from '../../core/clicks/placeholders.ts';
import { Nullable, NullableTimestamp, StringEnum, Timestamp } from './common.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const LINK_TYPES = [
  'home_page',
  'landing_page',
  'registration',
  'promotion',
  'game',
  'other',
] as const;
export const AUDIENCES = ['players', 'sub_affiliates'] as const;
export const MEDIA_FORMATS = ['png', 'jpg', 'gif', 'webp', 'svg'] as const;
export const ORIENTATIONS = ['horizontal', 'vertical', 'square'] as const;

const code = (name: string) => `\`{{${name}}}\``;

export const PLACEHOLDER_HELP = `Placeholders in \`url\` and \`url_ab\` are written \`{{name}}\` and filled on every click:

${BUILT_IN_PLACEHOLDERS.map((p) => `- ${code(p.name)}: ${p.meaning}`).join('\n')}

Any other name is taken from the query parameter of that name on the tracking link (${code(SUB_IDS[0]!)} ... ${code(SUB_IDS.at(-1)!)},
\`{{gclid}}\`...), else from the promo's custom parameters, else left empty. \`{{_p_name}}\` (Smartico) means
\`{{name}}\`. Each value is percent-encoded as one URL component (UTF-8; space -> %20, % -> %25);
a repeated query parameter fills its placeholder with its first value (all values are stored with
the click). Built-in names cannot be overridden from the query string. Query parameters are not
forwarded to the landing unless a placeholder asks for them. \`GET /api/v1/tracking/placeholders\`
lists the built-in names with a sample value each.

Placeholders may go only in the path, query or fragment: the scheme, host and port are written out,
so every click lands on the host the link was saved with. A user name or password and control
characters (line breaks, tabs...) are refused. A link is stored normalised: host in punycode, other
non-ASCII characters and spaces percent-encoded (UTF-8).`;

export const TrackingPlaceholders = Type.Object(
  {
    built_in: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Written `{{name}}` in a URL' }),
        meaning: Type.String(),
        sample: Type.String({ description: 'An example value, e.g. for a preview' }),
      }),
      { description: 'Filled by every click; the query string cannot override them' },
    ),
    sub_ids: Type.Array(Type.String(), {
      description: 'Query parameters of the tracking link that a click also stores in columns of their own',
    }),
  },
  { $id: 'TrackingPlaceholders' },
);

/** How a brand attributes events and what its affiliates see: documented once, for the brand and its body. */
export const BRAND_SETTINGS_HELP = {
  attribution_binding:
    'lifetime (default, the iGaming way): the affiliate who first brings a customer keeps it, and all its later events, for good; a later click of another affiliate is rejected. last_click (the SaaS way): a click newer than the one that bound the customer, still within the lookback window, takes the customer over from that event on; earlier events stay with whom they were attributed to.',
  click_lookback_days:
    'How old a click may be, in days, when an event names it: 1 to 3650, default 30. An older click is rejected as expired.',
  show_customer_ids:
    "Whether the brand's affiliates see the operator's customer ids whole in the portal; false (default): masked, first and last two characters only.",
};

export const Brand = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    base_currency: Type.String(),
    tracking_domain: Nullable(
      Type.String({ description: "Origin of the brand's tracking links; null: the server's public URL" }),
    ),
    enabled: Type.Boolean({ description: "A disabled brand's tracking links go to the fallback URL" }),
    attribution_binding: StringEnum(ATTRIBUTION_BINDINGS, {
      description: BRAND_SETTINGS_HELP.attribution_binding,
    }),
    click_lookback_days: Type.Integer({ description: BRAND_SETTINGS_HELP.click_lookback_days }),
    show_customer_ids: Type.Boolean({ description: BRAND_SETTINGS_HELP.show_customer_ids }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Brand' },
);

export const DestinationLink = Type.Object(
  {
    id: Type.Integer(),
    brand_id: Type.Integer(),
    name: Type.String(),
    description: Nullable(Type.String()),
    link_type: StringEnum(LINK_TYPES),
    url: Type.String({ description: 'Landing URL with {{placeholders}}' }),
    url_ab: Nullable(Type.String({ description: 'The B landing of an A/B split' })),
    ab_split: Type.Integer({ description: 'Percentage of clicks sent to url_ab' }),
    audience: StringEnum(AUDIENCES),
    is_public: Type.Boolean(),
    private_affiliate_ids: Type.Array(Type.Integer(), {
      description: 'Affiliates who may use the link while it is private (empty in the partner API)',
    }),
    asset_ids: Type.Array(Type.Integer(), { description: 'Media offered with this link' }),
    enabled: Type.Boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'DestinationLink' },
);

export const Media = Type.Object(
  {
    id: Type.Integer(),
    brand_id: Nullable(Type.Integer({ description: 'null: for every brand' })),
    title: Type.String(),
    language: Nullable(Type.String()),
    format: StringEnum(MEDIA_FORMATS),
    is_public: Type.Boolean(),
    affiliate_ids: Type.Array(Type.Integer(), { description: 'Who may use it while private' }),
    width: Nullable(Type.Integer()),
    height: Nullable(Type.Integer()),
    orientation: Nullable(StringEnum(ORIENTATIONS)),
    tags: Type.Array(Type.String()),
    content_type: Type.String(),
    byte_size: Type.Integer(),
    url: Type.String({ description: 'Public address of the image' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Media' },
);

export const Campaign = Type.Object(
  {
    id: Type.Integer(),
    affiliate_id: Type.Integer(),
    brand_id: Type.Integer(),
    name: Type.String(),
    commission_plan_id: Nullable(
      Type.Integer({ description: 'Commission plan (a reference kept as given)' }),
    ),
    status: StringEnum(['active', 'archived'] as const),
    archived_at: NullableTimestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Campaign' },
);

export const CampaignListItem = Type.Object(
  { ...Campaign.properties, promo_count: Type.Integer() },
  { $id: 'CampaignListItem' },
);

export const Promo = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String({ description: 'The unguessable code in the tracking link' }),
    campaign_id: Type.Integer(),
    affiliate_id: Type.Integer(),
    brand_id: Type.Integer(),
    title: Type.String(),
    destination_link_id: Type.Integer({ description: 'The landing' }),
    media_id: Nullable(Type.Integer({ description: 'The banner; null: a direct link' })),
    traffic_source_id: Nullable(Type.Integer({ description: 'Set once, never changed afterwards' })),
    custom_params: Type.Record(Type.String(), Type.String()),
    enabled: Type.Boolean(),
    tracking_link: Type.String({ description: 'The link to publish; /c/<code>/<anything> works too' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Promo' },
);

export const CustomParams = Type.Record(Type.String(), Type.String({ maxLength: 500 }), {
  description: 'Custom parameters: default values for {{name}} placeholders, stored with each click',
});

export const CreatePromoBody = Type.Object(
  {
    destination_link_id: Id,
    media_id: Type.Optional(Nullable(Id)),
    traffic_source_id: Type.Optional(Nullable(Id)),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    custom_params: Type.Optional(CustomParams),
  },
  { additionalProperties: false },
);

export const CampaignTab = StringEnum(['active', 'archived', 'all'] as const, { default: 'active' });
export const IdRef = Id;

export { Nullable };
