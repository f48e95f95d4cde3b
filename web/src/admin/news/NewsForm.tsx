import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { useBrandOptions } from '../tracking/api.ts';
import { type NewsBody, type NewsItem, newsListQuery } from './news-api.ts';

const FIELDS = {
  brand_id: 'Brand',
  title: 'Title',
  body: 'Text',
  banner_url: 'Banner link',
  banner_media_id: 'Banner media file id',
};

/** Writes a new draft, or changes `item` (draft or published). */
export function NewsForm({ item, onDone }: { item?: NewsItem; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const brands = useBrandOptions();
  const errors = useFormErrors(FIELDS);
  const [brand, setBrand] = useState(item?.brand ? String(item.brand.id) : '');
  const [title, setTitle] = useState(item?.title ?? '');
  const [body, setBody] = useState(item?.body ?? '');
  const [bannerUrl, setBannerUrl] = useState(item && !item.banner_media_id ? (item.banner_url ?? '') : '');
  const [mediaId, setMediaId] = useState(item?.banner_media_id ? String(item.banner_media_id) : '');
  const save = useMutation({
    mutationFn: () => {
      // A media id the browser cannot read is sent as typed, so the server's answer names it too.
      const media = mediaId.trim() ? (Number(mediaId) as number) : null;
      const payload: NewsBody = {
        brand_id: brand ? Number(brand) : null,
        title,
        body,
        banner_url: bannerUrl.trim() || null,
        banner_media_id: media,
      };
      return item
        ? unwrap(api.PATCH('/api/v1/news/{id}', { params: { path: { id: item.id } }, body: payload }))
        : unwrap(api.POST('/api/v1/news', { body: payload }));
    },
    onSuccess: async () => {
      if (!item) {
        setTitle('');
        setBody('');
        setBannerUrl('');
        setMediaId('');
      }
      await queryClient.invalidateQueries({ queryKey: newsListQuery.queryKey });
      onDone?.();
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    save.reset();
    save.mutate();
  }

  const field = (name: keyof typeof FIELDS) => ({
    id: errors.idOf(name),
    error: errors.field(name),
  });
  return (
    <form
      className="panel form"
      onSubmit={submit}
      noValidate
      aria-label={item ? `Edit ${item.title}` : 'Write a news item'}
    >
      <h2>{item ? 'Edit news item' : 'Write a news item'}</h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      <SelectField
        label="Brand"
        value={brand}
        options={brands}
        empty="All brands"
        onChange={(v) => {
          errors.clear('brand_id');
          setBrand(v);
        }}
        {...field('brand_id')}
      />
      <TextField
        label="Title"
        value={title}
        maxLength={200}
        onChange={(v) => {
          errors.clear('title');
          setTitle(v);
        }}
        {...field('title')}
      />
      <TextAreaField
        label="Text"
        value={body}
        rows={8}
        onChange={(v) => {
          errors.clear('body');
          setBody(v);
        }}
        {...field('body')}
      />
      <p className="hint">
        A blank line starts a paragraph; # heading, - list item, **bold**, *italic*, [text](https://…). HTML
        is shown as text.
      </p>
      <TextField
        label="Banner link"
        value={bannerUrl}
        inputMode="url"
        hint="An image at https://…; or give a media file below"
        onChange={(v) => {
          errors.clear('banner_url');
          setBannerUrl(v);
        }}
        {...field('banner_url')}
      />
      <TextField
        label="Banner media file id"
        value={mediaId}
        inputMode="numeric"
        hint="The id of a banner in Media"
        onChange={(v) => {
          errors.clear('banner_media_id');
          setMediaId(v);
        }}
        {...field('banner_media_id')}
      />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : item ? 'Save changes' : 'Save draft'}
        </button>
        {onDone && (
          <button type="button" className="button-secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
      {save.isSuccess && !item && <p role="status">Draft saved: publish it from the list below.</p>}
    </form>
  );
}
