import { CopyButton } from '../../../components/CopyButton.tsx';
import { formatDateTime, humanize } from '../../../format.ts';
import type { Media } from '../api.ts';

/** What the server read from the image: format, size, orientation, bytes, and its address. */
export function MediaFacts({ media }: { media: Media }) {
  return (
    <dl className="facts">
      <dt>Format</dt>
      <dd>{media.format.toUpperCase()}</dd>
      <dt>Size</dt>
      <dd>{media.width && media.height ? `${media.width}×${media.height} px` : 'scalable'}</dd>
      <dt>Orientation</dt>
      <dd>{media.orientation ? humanize(media.orientation) : '—'}</dd>
      <dt>File size</dt>
      <dd>{(media.byte_size / 1024).toFixed(1)} KiB</dd>
      <dt>Address</dt>
      <dd>
        <code>{media.url}</code> <CopyButton text={media.url} />
      </dd>
      <dt>Uploaded</dt>
      <dd>{formatDateTime(media.created_at)}</dd>
    </dl>
  );
}
