import { Choice, field, Input, Section, type SectionProps } from './fields.tsx';

export function SaleShareSection(p: SectionProps) {
  const { sale_share: s } = p.draft;
  return (
    <Section p={p} name="sale_share" title="Sale share: for SaaS and shops">
      <div className="row">
        <Choice
          p={p}
          path="sale_share.kind"
          label="Pays"
          options={[
            { value: 'percent', label: 'A percentage of each sale' },
            { value: 'amount', label: 'A fixed amount per sale' },
          ]}
          {...field(s, 'kind', (d) => d.sale_share)}
        />
        {s.kind === 'percent' ? (
          <Input
            p={p}
            path="sale_share.percent"
            label="Sale share (%)"
            {...field(s, 'percent', (d) => d.sale_share)}
          />
        ) : (
          <Input
            p={p}
            path="sale_share.amount"
            label={`Amount per sale (${p.currency})`}
            {...field(s, 'amount', (d) => d.sale_share)}
          />
        )}
        <Choice
          p={p}
          path="sale_share.duration"
          label="For"
          options={[
            { value: 'first_sale', label: 'The first sale only' },
            { value: 'months', label: 'A number of months of recurring sales' },
            { value: 'lifetime', label: "The customer's lifetime" },
          ]}
          {...field(s, 'duration', (d) => d.sale_share)}
        />
        {s.duration === 'months' && (
          <Input
            p={p}
            count
            path="sale_share.months"
            label="Months"
            {...field(s, 'months', (d) => d.sale_share)}
          />
        )}
      </div>
    </Section>
  );
}
