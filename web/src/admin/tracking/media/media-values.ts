import type { Media, MediaPatch, UploadForm } from '../api.ts';

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

/** The upload's form fields as the media route documents them; lists go comma-separated. */
export function uploadOf(file: File, v: MediaMeta): UploadForm {
  return {
    file,
    title: v.title,
    language: v.language.trim() || undefined,
    is_public: v.is_public ? 'true' : 'false',
    tags: v.tags.trim() ? tagList(v.tags).join(',') : undefined,
    brand_id: v.brand_id || undefined,
    affiliate_ids: v.affiliate_ids.length ? v.affiliate_ids.join(',') : undefined,
  };
}
