import type { Media, MediaPatch } from '../api.ts';

/** The banner details an operator edits; format, size and orientation come from the image itself. */
export interface MediaMeta {
  title: string;
  language: string;
  tags: string;
  brand_id: string;
  is_public: boolean;
  affiliate_ids: number[];
}

export const MEDIA_FIELDS = ['file', 'title', 'language', 'tags', 'brand_id', 'is_public', 'affiliate_ids'];

export function metaOf(m?: Media): MediaMeta {
  return {
    title: m?.title ?? '',
    language: m?.language ?? '',
    tags: m?.tags.join(', ') ?? '',
    brand_id: m?.brand_id ? String(m.brand_id) : '',
    is_public: m?.is_public ?? true,
    affiliate_ids: m?.affiliate_ids ?? [],
  };
}

const tagList = (tags: string) =>
  tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

export function patchOf(v: MediaMeta): MediaPatch {
  return {
    title: v.title,
    language: v.language.trim() || null,
    tags: tagList(v.tags),
    brand_id: v.brand_id ? Number(v.brand_id) : null,
    is_public: v.is_public,
    affiliate_ids: v.affiliate_ids,
  };
}

/** The upload's multipart form: the fields the server's media route reads, lists comma-separated. */
export function formDataOf(file: File | null, v: MediaMeta): FormData {
  const form = new FormData();
  form.set('title', v.title);
  if (v.language.trim()) form.set('language', v.language.trim());
  form.set('is_public', String(v.is_public));
  if (v.tags.trim()) form.set('tags', tagList(v.tags).join(','));
  if (v.brand_id) form.set('brand_id', v.brand_id);
  if (v.affiliate_ids.length) form.set('affiliate_ids', v.affiliate_ids.join(','));
  // Last, so the server has read every detail by the time it reaches the bytes.
  if (file) form.set('file', file);
  return form;
}
