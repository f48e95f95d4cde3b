import { Type } from 'typebox';
import { NEWS_STATUSES } from '../../core/news/news-item.ts';
import { Nullable, NullableTimestamp, StringEnum, Timestamp } from './common.ts';

export const NEWS_HELP =
  'News the program publishes to affiliates, for one brand or for every brand (`brand` null). The body is plain text with a safe subset of Markdown (headings, **bold**, *italic*, lists, links); raw HTML is shown as text, never rendered.';

const Brand = Nullable(Type.Object({ id: Type.Integer(), name: Type.String() }));

const published = {
  id: Type.Integer(),
  brand: Brand,
  title: Type.String(),
  body: Type.String(),
  banner_url: Nullable(Type.String({ description: 'The banner image: the link given or the media file' })),
};

export const PublishedNews = Type.Object({
  ...published,
  published_at: Timestamp,
  updated_at: Timestamp,
});

export const NewsItem = Type.Object({
  ...published,
  banner_media_id: Nullable(Type.Integer()),
  status: StringEnum(NEWS_STATUSES),
  published_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const BrandContactFields = {
  email: Type.String({ description: 'Support email' }),
  phone: Type.String(),
  skype: Type.String(),
  telegram: Type.String(),
  whatsapp: Type.String(),
  note: Type.String({ description: 'Anything else: office hours, another messenger' }),
};

export const BrandContacts = Type.Object({
  brand: Type.Object({ id: Type.Integer(), name: Type.String() }),
  ...BrandContactFields,
});
