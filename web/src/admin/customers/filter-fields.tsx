import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { YES_NO } from '../list-params.ts';
import { useBrandOptions } from '../tracking/api.ts';

interface OwnerFieldsProps {
  draft: { brand: string; affiliate: string; attributed: string };
  set(key: 'brand' | 'affiliate' | 'attributed'): (value: string) => void;
}

/** The filters the customers table and the events log share: brand, affiliate, attributed or not. */
export function OwnerFields({ draft, set }: OwnerFieldsProps) {
  const brands = useBrandOptions();
  return (
    <>
      <SelectField
        label="Brand"
        value={draft.brand}
        empty="Any brand"
        options={brands}
        onChange={set('brand')}
      />
      <TextField
        label="Affiliate ID"
        type="number"
        min={1}
        value={draft.affiliate}
        onChange={set('affiliate')}
        size={8}
      />
      <SelectField
        label="Attributed"
        value={draft.attributed}
        empty="Attributed or not"
        options={YES_NO('Attributed', 'Unattributed')}
        onChange={set('attributed')}
      />
    </>
  );
}
