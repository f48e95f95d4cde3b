import { Check, field, flag, Input, Section, type SectionProps } from './fields.tsx';

export function CplSection(p: SectionProps) {
  const { cpl } = p.draft;
  return (
    <Section p={p} name="cpl" title="CPL: an amount per registration">
      <Input
        p={p}
        path="cpl.amount"
        label={`Amount per lead (${p.currency})`}
        {...field(cpl, 'amount', (d) => d.cpl)}
      />
      <Check
        p={p}
        path="cpl.qualified_only"
        label="Only for qualified leads (those meeting the CPA rules)"
        {...flag(cpl, 'qualified_only', (d) => d.cpl)}
      />
    </Section>
  );
}
