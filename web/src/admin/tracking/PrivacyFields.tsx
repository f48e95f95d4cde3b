import { useId } from 'react';
import { AffiliatePicker } from './AffiliatePicker.tsx';

interface PrivacyFieldsProps {
  isPublic: boolean;
  onPublic(isPublic: boolean): void;
  affiliateIds: number[];
  onAffiliates(ids: number[]): void;
  affiliatesError?: string;
}

/** Public to every affiliate, or private to the ones chosen. */
export function PrivacyFields({
  isPublic,
  onPublic,
  affiliateIds,
  onAffiliates,
  affiliatesError,
}: PrivacyFieldsProps) {
  const id = useId();
  return (
    <>
      <fieldset>
        <legend>Privacy</legend>
        <div className="checkbox">
          <input
            type="radio"
            id={`${id}-public`}
            name={`${id}-privacy`}
            checked={isPublic}
            onChange={() => onPublic(true)}
          />
          <label htmlFor={`${id}-public`}>Public</label>
          <span className="muted">every affiliate may use it</span>
        </div>
        <div className="checkbox">
          <input
            type="radio"
            id={`${id}-private`}
            name={`${id}-privacy`}
            checked={!isPublic}
            onChange={() => onPublic(false)}
          />
          <label htmlFor={`${id}-private`}>Private</label>
          <span className="muted">only the affiliates chosen below</span>
        </div>
      </fieldset>
      {!isPublic && (
        <AffiliatePicker
          label="Affiliates allowed"
          ids={affiliateIds}
          onChange={onAffiliates}
          error={affiliatesError}
        />
      )}
    </>
  );
}
