import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';
import { Picker, type PickerOption } from '../components/Picker.tsx';
import { TextField } from '../components/TextField.tsx';
import { languageLabel, languageOptions } from './languages.ts';

type Currency = components['schemas']['Currency'];
type Country = components['schemas']['Country'];

/** Whose API the lists come from: the back office's, or the portal's (public, for sign-up too). */
export type ReferenceSource = 'operator' | 'partner';

const HOURS = 60 * 60_000;

/** The currencies that can be chosen: enabled ones only, so crypto appears where the operator enabled it. */
const currencies = {
  operator: queryOptions({
    queryKey: ['currencies', 'enabled'],
    queryFn: () => unwrap(api.GET('/api/v1/currencies', { params: { query: { enabled: true } } })),
    staleTime: HOURS,
  }),
  partner: queryOptions({
    queryKey: ['reference', 'currencies'],
    queryFn: () => unwrap(api.GET('/api/partner/v1/currencies')),
    staleTime: HOURS,
  }),
};

/** The currencies that can be chosen, with their decimals. */
export const currencyListQuery = (source: ReferenceSource) => currencies[source];

const countries = {
  operator: queryOptions({
    queryKey: ['countries'],
    queryFn: () => unwrap(api.GET('/api/v1/countries')),
    staleTime: HOURS,
  }),
  partner: queryOptions({
    queryKey: ['reference', 'countries'],
    queryFn: () => unwrap(api.GET('/api/partner/v1/countries')),
    staleTime: HOURS,
  }),
};

const currencyOption = (c: Pick<Currency, 'code' | 'name' | 'is_crypto'>): PickerOption => ({
  value: c.code,
  label: `${c.code} · ${c.name}${c.is_crypto ? ' (crypto)' : ''}`,
  keywords: c.is_crypto ? 'crypto' : undefined,
});

const countryOption = (c: Pick<Country, 'code' | 'name' | 'alpha3'>): PickerOption => ({
  value: c.code,
  label: `${c.name} (${c.code})`,
  keywords: c.alpha3,
});

export const countryListQuery = (source: ReferenceSource) => countries[source];

/** A stored value stays choosable after the list stopped offering it (a currency since disabled). */
function withValue(options: PickerOption[], value: string, label = value): PickerOption[] {
  return !value || options.some((o) => o.value === value) ? options : [{ value, label }, ...options];
}

export function useCurrencyOptions(source: ReferenceSource, keep = ''): PickerOption[] {
  const data = useQuery(currencies[source]).data?.data ?? [];
  return withValue(data.map(currencyOption), keep);
}

/**
 * The decimals amounts of `code` are entered with: the server's (crypto currencies have up to 8),
 * else the browser's knowledge of ISO 4217, else 2.
 */
export function useMinorUnit(code: string | null | undefined, source: ReferenceSource = 'operator'): number {
  const listed = useQuery(currencies[source]).data?.data.find((c) => c.code === code);
  if (listed) return listed.minor_unit;
  try {
    return code
      ? (new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
          .maximumFractionDigits ?? 2)
      : 2;
  } catch {
    return 2;
  }
}

export function useCountryOptions(source: ReferenceSource, keep = ''): PickerOption[] {
  const data = useQuery(countries[source]).data?.data ?? [];
  return withValue(data.map(countryOption), keep);
}

type PickerProps = Omit<Parameters<typeof Picker>[0], 'options'>;
type SourcedProps = PickerProps & { source?: ReferenceSource };

/** An enabled currency, searched by code or name ("eur", "euro", "bitcoin"). */
export function CurrencyPicker({ source = 'operator', ...props }: SourcedProps) {
  return <Picker {...props} options={useCurrencyOptions(source, props.value)} />;
}

/** A country, searched by name or code ("neth", "NL", "NLD"). */
export function CountryPicker({ source = 'operator', ...props }: SourcedProps) {
  return <Picker {...props} options={useCountryOptions(source, props.value)} />;
}

/** A language, searched by its name in the reader's language or in English, or by its code. */
export function LanguagePicker(props: PickerProps) {
  return (
    <Picker {...props} options={withValue(languageOptions(), props.value, languageLabel(props.value))} />
  );
}

function regionsQuery(country: string) {
  return queryOptions({
    queryKey: ['countries', country, 'regions'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/countries/{code}/regions', { params: { path: { code: country } } })),
    staleTime: HOURS,
  });
}

/**
 * A region of the chosen country (back office): its ISO 3166-2 subdivisions; free text for a
 * country that has none, and nothing to choose before a country is.
 */
export function RegionPicker({ country, ...props }: PickerProps & { country: string }) {
  const regions = useQuery({ ...regionsQuery(country), enabled: /^[A-Z]{2}$/.test(country) });
  if (!country) return <Picker {...props} options={[]} disabled placeholder="Choose a country first" />;
  const data = regions.data?.data;
  if (data && data.length === 0) {
    const { empty: _none, ...text } = props;
    return <TextField {...text} hint="This country has no listed regions" />;
  }
  const options = (data ?? []).map((r) => ({
    value: r.code,
    label: `${r.name} (${r.code})`,
    keywords: r.type,
  }));
  return <Picker {...props} empty="None" options={withValue(options, props.value)} />;
}

let zones: PickerOption[] | null = null;

/** Every IANA time zone the browser knows, found by city or region ("paris", "new york"). */
function timeZoneOptions(): PickerOption[] {
  if (!zones) {
    let names: string[];
    try {
      names = Intl.supportedValuesOf('timeZone');
    } catch {
      names = [];
    }
    zones = names.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' '), keywords: zone }));
  }
  return zones;
}

export function TimeZonePicker(props: PickerProps) {
  return <Picker {...props} options={withValue(timeZoneOptions(), props.value)} />;
}
