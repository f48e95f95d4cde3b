import { MEDIA_FORMATS, type MediaFormat, type MediaQuery, ORIENTATIONS, type Orientation } from '../api.ts';

/** The seed's banner filters, kept in the URL: title, language, format, privacy, size, tag, orientation. */
export interface MediaSearch {
  title?: string;
  language?: string;
  format?: MediaFormat;
  privacy?: 'public' | 'private';
  /** Width×height, written "300x250". */
  size?: string;
  tag?: string;
  orientation?: Orientation;
}

const SIZE = /^(\d{1,5})\s*[x×]\s*(\d{1,5})$/i;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export const parseSize = (size: string | undefined) => {
  const match = size ? SIZE.exec(size.trim()) : null;
  return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
};

export function validateMediaSearch(raw: Record<string, unknown>): MediaSearch {
  const out: MediaSearch = {
    title: str(raw.title),
    language: str(raw.language),
    format: MEDIA_FORMATS.includes(raw.format as MediaFormat) ? (raw.format as MediaFormat) : undefined,
    privacy: raw.privacy === 'public' || raw.privacy === 'private' ? raw.privacy : undefined,
    size: parseSize(str(raw.size)) ? str(raw.size) : undefined,
    tag: str(raw.tag),
    orientation: ORIENTATIONS.includes(raw.orientation as Orientation)
      ? (raw.orientation as Orientation)
      : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as MediaSearch;
}

export function toMediaQuery(s: MediaSearch): MediaQuery {
  const size = parseSize(s.size);
  return {
    title: s.title,
    language: s.language,
    format: s.format,
    privacy: s.privacy,
    width: size?.width,
    height: size?.height,
    tag: s.tag,
    orientation: s.orientation,
  };
}
